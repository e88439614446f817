-- The insured-persons registry the real-name check runs against. ID numbers are sealed
-- (AES-256-GCM) and found through their HMAC ("blind index"); the key is never in here.
CREATE TABLE registry (
    id_index   TEXT    PRIMARY KEY,
    id_sealed  BLOB    NOT NULL,
    name       TEXT    NOT NULL,
    sex        TEXT    NOT NULL,
    birth_date TEXT    NOT NULL,
    region     INTEGER NOT NULL,
    status     TEXT    NOT NULL,
    updated_at INTEGER NOT NULL
);

-- Accounts of residents, employer handlers and staff.
CREATE TABLE accounts (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    role           TEXT    NOT NULL,
    -- 'active', or 'pending_phone' for a registration whose phone is not verified yet.
    status         TEXT    NOT NULL,
    id_index       TEXT    NOT NULL UNIQUE,
    id_sealed      BLOB    NOT NULL,
    name           TEXT    NOT NULL,
    mobile_index   TEXT    NOT NULL,
    mobile_sealed  BLOB    NOT NULL,
    email          TEXT,
    password_hash  TEXT    NOT NULL,
    -- The household and contact addresses (JSON), sealed; empty until the first login asks.
    addresses      BLOB,
    registered_by  INTEGER REFERENCES accounts (id),
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);
CREATE INDEX accounts_mobile ON accounts (mobile_index);

-- Login sessions. The cookie carries a random token; only its SHA-256 is kept.
CREATE TABLE sessions (
    token_hash  TEXT    PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts (id),
    csrf        TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    last_seen   INTEGER NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);

-- One live SMS code per phone and purpose; only its HMAC is kept.
CREATE TABLE sms_codes (
    mobile_index TEXT    NOT NULL,
    purpose      TEXT    NOT NULL,
    code_hash    TEXT    NOT NULL,
    sent_at      INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    attempts     INTEGER NOT NULL,
    used         INTEGER NOT NULL,
    PRIMARY KEY (mobile_index, purpose)
);

-- Counters per key and time window (daily SMS caps), shared by every replica.
CREATE TABLE rate_counters (
    key          TEXT    NOT NULL,
    window_start INTEGER NOT NULL,
    count        INTEGER NOT NULL,
    PRIMARY KEY (key, window_start)
);

-- Failed logins per account or address: growing delays, then a lock.
CREATE TABLE login_failures (
    key          TEXT    PRIMARY KEY,
    failures     INTEGER NOT NULL,
    last_failure INTEGER NOT NULL,
    locked_until INTEGER NOT NULL
);

-- Who did what to which record.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          INTEGER NOT NULL,
    actor       INTEGER,
    actor_role  TEXT,
    action      TEXT    NOT NULL,
    target      TEXT,
    detail      TEXT
);
CREATE INDEX audit_log_at ON audit_log (at);
