-- PostgreSQL's 0031 drops the two foreign keys of ledger_assessments that its relationship key
-- already guards (each a locking lookup per row there). SQLite keeps them: dropping a foreign
-- key means rebuilding the table, and what they cost on SQLite was not measured. Nothing to do.
SELECT 1;
