-- The monthly assessment writes a row per relationship and month (4,000,000 for a million
-- people); each row's unit and person are copied from its relationship in the same statement,
-- and the relationship's own keys guard them. Their two foreign keys on ledger_assessments cost
-- a locking lookup each per row: dropped, the 300,000-person assessment took 31.0 s instead of
-- 49.9 s, the 1,000,000-person one 338 s instead of 353 s (docs/benchmarks.md). The key to the
-- relationship stays. No code deletes persons or units.
ALTER TABLE ledger_assessments
    DROP CONSTRAINT ledger_assessments_person_id_fkey,
    DROP CONSTRAINT ledger_assessments_unit_id_fkey;
