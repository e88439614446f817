-- 基数调整 under four eyes: an operator proposes one person's corrected base at one unit for one
-- year, with the base declared when it was proposed; a supervisor other than the proposer
-- confirms it (the base is set in the same transaction) or returns it with a reason.
CREATE TABLE office_base_adjustments (
    id            BIGSERIAL PRIMARY KEY,
    person_id     BIGINT NOT NULL REFERENCES ledger_persons (id),
    unit_id       BIGINT NOT NULL REFERENCES ledger_units (id),
    year          BIGINT NOT NULL,
    declared      BIGINT NOT NULL CHECK (declared >= 0),
    previous      BIGINT,
    reason        TEXT    NOT NULL,
    status        TEXT    NOT NULL CHECK (status IN ('pending', 'applied', 'returned')),
    submitted_by  BIGINT NOT NULL REFERENCES accounts (id),
    submitted_at  BIGINT NOT NULL,
    decided_by    BIGINT REFERENCES accounts (id),
    decided_at    BIGINT,
    return_reason TEXT,
    CHECK (decided_by IS NULL OR decided_by <> submitted_by),
    CHECK ((status = 'pending') = (decided_by IS NULL))
);
CREATE INDEX office_base_adjustments_person ON office_base_adjustments (person_id, id);
