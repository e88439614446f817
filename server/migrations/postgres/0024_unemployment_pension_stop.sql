-- A pension stops 失业保险金 (社会保险法 第51条 第3项): when a person's pension claim is approved,
-- their active spell stops from the claim's first month (never before the spell's own). Like
-- re-employment (0023), the database does it, whichever path approves a claim.
CREATE FUNCTION unemployment_stop_on_pension() RETURNS trigger AS $$
BEGIN
    UPDATE unemployment_spells
       SET status = 'stopped', stop_reason = 'pension',
           stopped_in = CASE WHEN NEW.first_month > first_month THEN NEW.first_month ELSE first_month END,
           updated_at = COALESCE(NEW.decided_at, updated_at)
     WHERE person_id = NEW.person_id AND status = 'active';
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER unemployment_stops_on_pension AFTER UPDATE OF status ON pension_claims
    FOR EACH ROW WHEN (NEW.status = 'applied' AND OLD.status <> 'applied')
    EXECUTE FUNCTION unemployment_stop_on_pension();
