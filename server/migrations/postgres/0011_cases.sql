-- 待办: the case queue. Every filing that needs an operator (an enrolment, a separation, a base
-- declaration) is a case from the moment it is stored; its effect on the ledger happens only
-- when an operator approves it, in the approval's transaction. A case sent back (returned)
-- carries a reason per field; the fix is a new filing and a new case linked to this one.
CREATE TABLE office_cases (
    id           BIGSERIAL PRIMARY KEY,
    filing_id    BIGINT NOT NULL UNIQUE REFERENCES filings (id),
    kind         TEXT    NOT NULL CHECK (kind IN ('enrolment', 'separation', 'base_declaration')),
    -- The insurances it concerns, as bits (pension 1, medical 2, unemployment 4, work injury 8).
    modules      BIGINT NOT NULL,
    unit_id      BIGINT NOT NULL REFERENCES ledger_units (id),
    region       BIGINT NOT NULL,
    status       TEXT    NOT NULL CHECK (status IN ('submitted', 'in_review', 'rejected', 'approved')),
    reasons      TEXT,
    version_of   BIGINT REFERENCES office_cases (id),
    submitted_by BIGINT REFERENCES accounts (id),
    submitted_on TEXT    NOT NULL,
    submitted_at BIGINT NOT NULL,
    decided_by   BIGINT REFERENCES accounts (id),
    updated_at   BIGINT NOT NULL,
    -- Four eyes: whoever filed a case (at the counter) does not decide it.
    CHECK (decided_by IS NULL OR submitted_by IS NULL OR decided_by <> submitted_by)
);
-- The queue: its filters read from the index alone, its pages in id order (oldest first).
CREATE INDEX office_cases_queue ON office_cases (status, id, submitted_on, kind, modules, region);
CREATE INDEX office_cases_unit ON office_cases (unit_id, id);

CREATE TABLE office_case_events (
    id      BIGSERIAL PRIMARY KEY,
    case_id BIGINT NOT NULL REFERENCES office_cases (id),
    at      BIGINT NOT NULL,
    status  TEXT    NOT NULL,
    actor   BIGINT REFERENCES accounts (id),
    reasons TEXT
);
CREATE INDEX office_case_events_case ON office_case_events (case_id, id);

-- An enrolment waiting for review holds the person in its insurances: a second enrolment of
-- the same person in the same insurance is refused while the first is open (the primary key
-- makes it true when two race), and the hold goes when the case is decided.
CREATE TABLE ledger_holds (
    id_index  TEXT    NOT NULL,
    insurance TEXT    NOT NULL,
    case_id   BIGINT NOT NULL REFERENCES office_cases (id),
    PRIMARY KEY (id_index, insurance)
);
CREATE INDEX ledger_holds_case ON ledger_holds (case_id);
