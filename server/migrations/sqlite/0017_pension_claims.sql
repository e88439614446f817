-- 养老金申请 under four eyes: an operator files a person's claim with what the archive shows
-- before the ledger; the server keeps the pension it computed with its working (JSON lines);
-- a supervisor other than the operator approves it — the months due so far are paid in the
-- same transaction — or returns it with a reason. One live (pending or approved) claim per
-- person, by the database. Months are 'YYYY-MM' text, amounts integer fen, the index in
-- ten-thousandths.
CREATE TABLE pension_claims (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id      INTEGER NOT NULL REFERENCES ledger_persons (id),
    category       TEXT    NOT NULL CHECK (category IN ('male', 'female_50', 'female_55')),
    retire_in      TEXT    NOT NULL,
    first_month    TEXT    NOT NULL,
    archive_months INTEGER NOT NULL CHECK (archive_months >= 0),
    archive_index  INTEGER NOT NULL CHECK (archive_index >= 0),
    archive_ref    TEXT    NOT NULL,
    base           INTEGER NOT NULL CHECK (base > 0),
    avg_index      INTEGER NOT NULL CHECK (avg_index >= 0),
    months         INTEGER NOT NULL CHECK (months > 0),
    basic          INTEGER NOT NULL CHECK (basic >= 0),
    account        INTEGER NOT NULL CHECK (account >= 0),
    monthly        INTEGER NOT NULL CHECK (monthly = basic + account),
    working        TEXT    NOT NULL,
    status         TEXT    NOT NULL CHECK (status IN ('pending', 'applied', 'returned')),
    -- The last month paid, once approved.
    paid_through   TEXT,
    submitted_by   INTEGER NOT NULL REFERENCES accounts (id),
    submitted_at   INTEGER NOT NULL,
    decided_by     INTEGER REFERENCES accounts (id),
    decided_at     INTEGER,
    return_reason  TEXT,
    CHECK (decided_by IS NULL OR decided_by <> submitted_by),
    CHECK ((status = 'pending') = (decided_by IS NULL))
);
CREATE UNIQUE INDEX pension_claims_live ON pension_claims (person_id) WHERE status <> 'returned';
CREATE INDEX pension_claims_due ON pension_claims (paid_through) WHERE status = 'applied';

-- 待遇发放: one row per claim and month, written once.
CREATE TABLE pension_payments (
    claim_id INTEGER NOT NULL REFERENCES pension_claims (id),
    month    TEXT    NOT NULL,
    amount   INTEGER NOT NULL CHECK (amount >= 0),
    paid_at  INTEGER NOT NULL,
    PRIMARY KEY (claim_id, month)
);
