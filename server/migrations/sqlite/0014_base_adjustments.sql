-- 基数调整 under four eyes: an operator proposes one person's corrected base at one unit for one
-- year, with the base declared when it was proposed; a supervisor other than the proposer
-- confirms it (the base is set in the same transaction) or returns it with a reason.
CREATE TABLE office_base_adjustments (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id     INTEGER NOT NULL REFERENCES ledger_persons (id),
    unit_id       INTEGER NOT NULL REFERENCES ledger_units (id),
    year          INTEGER NOT NULL,
    declared      INTEGER NOT NULL CHECK (declared >= 0),
    previous      INTEGER,
    reason        TEXT    NOT NULL,
    status        TEXT    NOT NULL CHECK (status IN ('pending', 'applied', 'returned')),
    submitted_by  INTEGER NOT NULL REFERENCES accounts (id),
    submitted_at  INTEGER NOT NULL,
    decided_by    INTEGER REFERENCES accounts (id),
    decided_at    INTEGER,
    return_reason TEXT,
    CHECK (decided_by IS NULL OR decided_by <> submitted_by),
    CHECK ((status = 'pending') = (decided_by IS NULL))
);
CREATE INDEX office_base_adjustments_person ON office_base_adjustments (person_id, id);
