-- The assessment rows' key to their relationship, checked once per statement instead of once
-- per row. A foreign key checks each new row with a locking lookup (SELECT … FOR KEY SHARE):
-- the lock writes the relationship's tuple, so a month's run of 4,000,000 rows dirtied and
-- logged every relationship page besides its own (docs/benchmarks.md). What the lock guards
-- against — the relationship deleted, or its id, unit or person changed, under a row naming it —
-- cannot happen here: relationships end with a status and are never deleted nor re-keyed, which
-- the first trigger now enforces. The second checks each INSERT or COPY into ledger_assessments
-- as a set, after it: every row must name an existing relationship of the same unit and person
-- (stricter than the key was), or the statement fails as a foreign key would.
CREATE FUNCTION ledger_relationships_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a ledger relationship is never deleted nor re-keyed: it ends with a status' USING ERRCODE = 'restrict_violation';
END
$$;
CREATE TRIGGER ledger_relationships_kept BEFORE DELETE OR UPDATE OF id, unit_id, person_id ON ledger_relationships
    FOR EACH ROW EXECUTE FUNCTION ledger_relationships_kept();
CREATE TRIGGER ledger_relationships_kept_whole BEFORE TRUNCATE ON ledger_relationships
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_relationships_kept();

CREATE FUNCTION ledger_assessments_keyed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM written w WHERE NOT EXISTS (
        SELECT 1 FROM ledger_relationships r WHERE r.id = w.relationship_id AND r.unit_id = w.unit_id AND r.person_id = w.person_id)) THEN
        RAISE EXCEPTION 'an assessment row names no relationship of its unit and person' USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER ledger_assessments_keyed AFTER INSERT ON ledger_assessments REFERENCING NEW TABLE AS written
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_assessments_keyed();
ALTER TABLE ledger_assessments DROP CONSTRAINT ledger_assessments_relationship_id_fkey;
