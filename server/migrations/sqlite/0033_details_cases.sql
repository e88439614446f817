-- 个人信息变更 and 单位信息变更 filed from a phone are cases too: the queue takes their kinds; a
-- person's change, like a newborn's, has no unit. SQLite cannot change a CHECK, so the table is
-- rebuilt as in 0025: its rows kept aside, the table dropped and made again, the rows put back
-- with their ids; the foreign keys that refer to it are checked at commit (deferred).
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE office_cases_kept AS SELECT * FROM office_cases;
DROP INDEX office_cases_queue;
DROP INDEX office_cases_unit;
DROP TABLE office_cases;
CREATE TABLE office_cases (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    filing_id    INTEGER NOT NULL UNIQUE REFERENCES filings (id),
    kind         TEXT    NOT NULL CHECK (kind IN ('enrolment', 'separation', 'base_declaration', 'injury_report', 'unemployment', 'medical_claim', 'newborn', 'person_change', 'unit_change')),
    -- The insurances it concerns, as bits (pension 1, medical 2, unemployment 4, work injury 8).
    modules      INTEGER NOT NULL,
    unit_id      INTEGER REFERENCES ledger_units (id) CHECK (unit_id IS NOT NULL OR kind IN ('newborn', 'person_change')),
    region       INTEGER NOT NULL,
    status       TEXT    NOT NULL CHECK (status IN ('submitted', 'in_review', 'rejected', 'approved')),
    reasons      TEXT,
    version_of   INTEGER REFERENCES office_cases (id),
    submitted_by INTEGER REFERENCES accounts (id),
    submitted_on TEXT    NOT NULL,
    submitted_at INTEGER NOT NULL,
    decided_by   INTEGER REFERENCES accounts (id),
    updated_at   INTEGER NOT NULL,
    -- Four eyes: whoever filed a case (at the counter) does not decide it.
    CHECK (decided_by IS NULL OR submitted_by IS NULL OR decided_by <> submitted_by)
);
INSERT INTO office_cases SELECT * FROM office_cases_kept;
DROP TABLE office_cases_kept;
CREATE INDEX office_cases_queue ON office_cases (status, id, submitted_on, kind, modules, region);
CREATE INDEX office_cases_unit ON office_cases (unit_id, id);
