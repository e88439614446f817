-- 医疗费用报销 and 新生儿参保 are cases too: the case queue takes their kinds, and a case may have no
-- unit (a newborn's resident insurance has none). SQLite cannot change a CHECK, so the
-- table is rebuilt inside the migration's transaction: its rows kept aside, the table dropped and
-- made again, the rows put back with their ids. The foreign keys of the tables that refer to it
-- are checked at commit (deferred), once every row is back.
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE office_cases_kept AS SELECT * FROM office_cases;
DROP INDEX office_cases_queue;
DROP INDEX office_cases_unit;
DROP TABLE office_cases;
CREATE TABLE office_cases (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    filing_id    INTEGER NOT NULL UNIQUE REFERENCES filings (id),
    kind         TEXT    NOT NULL CHECK (kind IN ('enrolment', 'separation', 'base_declaration', 'injury_report', 'unemployment', 'medical_claim', 'newborn')),
    -- The insurances it concerns, as bits (pension 1, medical 2, unemployment 4, work injury 8).
    modules      INTEGER NOT NULL,
    unit_id      INTEGER REFERENCES ledger_units (id) CHECK (unit_id IS NOT NULL OR kind = 'newborn'),
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

-- 医疗费用报销: the claim an approved case keeps — the stay, the receipts' amounts (fen, as
-- filed), what the rules paid back and the working. The hospital's name stays in the sealed
-- filing. `year` is the discharge's: the yearly cap counts the person's claims of that year.
CREATE TABLE medical_claims (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id       INTEGER NOT NULL UNIQUE REFERENCES office_cases (id),
    person_id     INTEGER NOT NULL REFERENCES ledger_persons (id),
    unit_id       INTEGER NOT NULL REFERENCES ledger_units (id),
    year          INTEGER NOT NULL,
    level         INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),
    admitted_on   TEXT    NOT NULL,
    discharged_on TEXT    NOT NULL CHECK (discharged_on >= admitted_on),
    receipts      TEXT    NOT NULL,
    claimed       INTEGER NOT NULL CHECK (claimed > 0),
    deductible    INTEGER NOT NULL CHECK (deductible >= 0),
    reimbursed    INTEGER NOT NULL CHECK (reimbursed >= 0 AND reimbursed <= claimed),
    working       TEXT    NOT NULL,
    approved_by   INTEGER NOT NULL REFERENCES accounts (id),
    created_at    INTEGER NOT NULL
);
CREATE INDEX medical_claims_person ON medical_claims (person_id, year);

-- 新生儿参保: the child an approved case enrolled in 城乡居民基本医疗保险. One row per child: unique
-- on the birth certificate's blind index and on the ID number's once there is one (NULLs do not
-- clash). The guardian (by their ID number's blind index) reads the children they enrolled.
CREATE TABLE newborn_enrolments (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id        INTEGER NOT NULL UNIQUE REFERENCES office_cases (id),
    cert_index     TEXT    NOT NULL UNIQUE,
    child_index    TEXT    UNIQUE,
    child_name     TEXT    NOT NULL,
    birth_date     TEXT    NOT NULL,
    region         INTEGER NOT NULL,
    guardian_index TEXT    NOT NULL,
    relation       TEXT    NOT NULL CHECK (relation IN ('mother', 'father', 'guardian')),
    first_month    TEXT    NOT NULL,
    working        TEXT    NOT NULL,
    approved_by    INTEGER NOT NULL REFERENCES accounts (id),
    created_at     INTEGER NOT NULL
);
CREATE INDEX newborn_enrolments_guardian ON newborn_enrolments (guardian_index, birth_date);
