-- The back office (经办). A payment file an operator submits waits here until a supervisor —
-- another account, which the CHECK makes true whatever the code does — confirms it (then it is
-- imported into the ledger) or returns it with a reason. The file is kept as it was checked.
CREATE TABLE office_payment_batches (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    file_name    TEXT    NOT NULL,
    file_sha256  TEXT    NOT NULL,
    content      BLOB    NOT NULL,
    rows_count   INTEGER NOT NULL,
    total        INTEGER NOT NULL,
    status       TEXT    NOT NULL CHECK (status IN ('pending', 'applied', 'returned')),
    submitted_by INTEGER NOT NULL REFERENCES accounts (id),
    submitted_at INTEGER NOT NULL,
    decided_by   INTEGER REFERENCES accounts (id),
    decided_at   INTEGER,
    reason       TEXT,
    import_id    INTEGER REFERENCES ledger_payment_imports (id),
    taken        INTEGER,
    already      INTEGER,
    CHECK (decided_by IS NULL OR decided_by <> submitted_by),
    CHECK ((status = 'pending') = (decided_by IS NULL))
);
CREATE INDEX office_payment_batches_recent ON office_payment_batches (submitted_at);

-- 业务查询 by name.
CREATE INDEX ledger_persons_name ON ledger_persons (name);

-- 信息变更 of a person's cards (the bank card benefits are paid to, the social security card),
-- sealed; every change keeps its before and after (sealed too), who made it and when.
CREATE TABLE office_person_details (
    person_id  INTEGER PRIMARY KEY REFERENCES ledger_persons (id),
    bank_card  BLOB,
    ssc_number BLOB,
    updated_at INTEGER NOT NULL
);
CREATE TABLE office_person_changes (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id INTEGER NOT NULL REFERENCES ledger_persons (id),
    field     TEXT    NOT NULL CHECK (field IN ('bank_card', 'ssc_number')),
    before    BLOB,
    after     BLOB    NOT NULL,
    actor     INTEGER NOT NULL REFERENCES accounts (id),
    at        INTEGER NOT NULL
);
CREATE INDEX office_person_changes_person ON office_person_changes (person_id, id);
