-- 失业登记 is a case too: the case queue takes its kind. SQLite cannot change a CHECK, so the
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
    kind         TEXT    NOT NULL CHECK (kind IN ('enrolment', 'separation', 'base_declaration', 'injury_report', 'unemployment')),
    -- The insurances it concerns, as bits (pension 1, medical 2, unemployment 4, work injury 8).
    modules      INTEGER NOT NULL,
    unit_id      INTEGER NOT NULL REFERENCES ledger_units (id),
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

-- 失业保险金: the spell an approved 失业登记 case opens — the months granted (earned by the
-- contributions since the last spell, plus those carried from it, capped), the amount a month,
-- its working — and the months the monthly run paid (each once: the primary key). At most one
-- spell per person is active. The unit is the one the job ended with.
CREATE TABLE unemployment_spells (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id       INTEGER NOT NULL UNIQUE REFERENCES office_cases (id),
    person_id     INTEGER NOT NULL REFERENCES ledger_persons (id),
    unit_id       INTEGER NOT NULL REFERENCES ledger_units (id),
    registered_on TEXT    NOT NULL,
    first_month   TEXT    NOT NULL,
    last_month    TEXT    NOT NULL CHECK (last_month >= first_month),
    earned        INTEGER NOT NULL CHECK (earned >= 0),
    carried       INTEGER NOT NULL CHECK (carried >= 0),
    months        INTEGER NOT NULL CHECK (months BETWEEN 1 AND 24),
    monthly       INTEGER NOT NULL CHECK (monthly > 0),
    working       TEXT    NOT NULL,
    status        TEXT    NOT NULL CHECK (status IN ('active', 'stopped', 'ended')),
    stopped_in    TEXT,
    -- Why: re-employment (the trigger below), or a statutory stop an operator records (第51条).
    stop_reason   TEXT CHECK (stop_reason IN ('reemployed', 'military', 'emigrated', 'pension', 'refused_work', 'died')),
    stopped_by    INTEGER REFERENCES accounts (id),
    paid_through  TEXT,
    approved_by   INTEGER NOT NULL REFERENCES accounts (id),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    CHECK ((status = 'stopped') = (stopped_in IS NOT NULL AND stop_reason IS NOT NULL))
);
CREATE UNIQUE INDEX unemployment_spells_active ON unemployment_spells (person_id) WHERE status = 'active';
CREATE INDEX unemployment_spells_person ON unemployment_spells (person_id, id);
CREATE INDEX unemployment_spells_due ON unemployment_spells (status, id);

CREATE TABLE unemployment_payments (
    spell_id INTEGER NOT NULL REFERENCES unemployment_spells (id),
    month    TEXT    NOT NULL,
    amount   INTEGER NOT NULL CHECK (amount > 0),
    paid_at  INTEGER NOT NULL,
    PRIMARY KEY (spell_id, month)
);

-- Re-employment stops the benefit (社会保险法 第51条): any relationship opened for the person —
-- by an approved enrolment, the agency's own entry, whatever opens one — stops their active
-- spell from its first month (never before the spell's own first month). The database does it,
-- so no path that enrols can forget it.
CREATE TRIGGER unemployment_stops_on_enrolment AFTER INSERT ON ledger_relationships
BEGIN
    UPDATE unemployment_spells
       SET status = 'stopped', stop_reason = 'reemployed',
           stopped_in = CASE WHEN NEW.start_month > first_month THEN NEW.start_month ELSE first_month END,
           updated_at = NEW.created_at
     WHERE person_id = NEW.person_id AND status = 'active';
END;
