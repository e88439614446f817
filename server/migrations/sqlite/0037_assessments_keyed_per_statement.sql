-- Relationships end with a status and are never deleted nor re-keyed (their id, unit and person
-- stay), enforced here as on PostgreSQL, where the assessment rows' key to them is checked per
-- statement instead of by a foreign key (see the PostgreSQL migration). SQLite keeps its foreign
-- key: its check takes no lock and writes nothing.
CREATE TRIGGER ledger_relationships_kept BEFORE DELETE ON ledger_relationships
BEGIN
    SELECT RAISE(ABORT, 'a ledger relationship is never deleted nor re-keyed: it ends with a status');
END;
CREATE TRIGGER ledger_relationships_rekeyed BEFORE UPDATE OF id, unit_id, person_id ON ledger_relationships
    WHEN NEW.id <> OLD.id OR NEW.unit_id <> OLD.unit_id OR NEW.person_id <> OLD.person_id
BEGIN
    SELECT RAISE(ABORT, 'a ledger relationship is never deleted nor re-keyed: it ends with a status');
END;
