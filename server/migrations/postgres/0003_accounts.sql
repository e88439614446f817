-- The insured-persons registry the real-name check runs against. ID numbers are sealed
-- (AES-256-GCM) and found through their HMAC ("blind index"); the key is never in here.
CREATE TABLE registry (
    id_index   TEXT    PRIMARY KEY,
    id_sealed  BYTEA    NOT NULL,
    name       TEXT    NOT NULL,
    sex        TEXT    NOT NULL,
    birth_date TEXT    NOT NULL,
    region     BIGINT NOT NULL,
    status     TEXT    NOT NULL,
    updated_at BIGINT NOT NULL
);

-- Accounts of residents, employer handlers and staff.
CREATE TABLE accounts (
    id             BIGSERIAL PRIMARY KEY,
    role           TEXT    NOT NULL,
    -- 'active', or 'pending_phone' for a registration whose phone is not verified yet.
    status         TEXT    NOT NULL,
    id_index       TEXT    NOT NULL UNIQUE,
    id_sealed      BYTEA    NOT NULL,
    name           TEXT    NOT NULL,
    mobile_index   TEXT    NOT NULL,
    mobile_sealed  BYTEA    NOT NULL,
    email          TEXT,
    password_hash  TEXT    NOT NULL,
    -- The household and contact addresses (JSON), sealed; empty until the first login asks.
    addresses      BYTEA,
    registered_by  BIGINT REFERENCES accounts (id),
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL
);
CREATE INDEX accounts_mobile ON accounts (mobile_index);

-- Login sessions. The cookie carries a random token; only its SHA-256 is kept.
CREATE TABLE sessions (
    token_hash  TEXT    PRIMARY KEY,
    account_id  BIGINT NOT NULL REFERENCES accounts (id),
    csrf        TEXT    NOT NULL,
    created_at  BIGINT NOT NULL,
    last_seen   BIGINT NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);

-- One live SMS code per phone and purpose; only its HMAC is kept.
CREATE TABLE sms_codes (
    mobile_index TEXT    NOT NULL,
    purpose      TEXT    NOT NULL,
    code_hash    TEXT    NOT NULL,
    sent_at      BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    attempts     BIGINT NOT NULL,
    used         BIGINT NOT NULL,
    PRIMARY KEY (mobile_index, purpose)
);

-- Counters per key and time window (daily SMS caps), shared by every replica.
CREATE TABLE rate_counters (
    key          TEXT    NOT NULL,
    window_start BIGINT NOT NULL,
    count        BIGINT NOT NULL,
    PRIMARY KEY (key, window_start)
);

-- Failed logins per account or address: growing delays, then a lock.
CREATE TABLE login_failures (
    key          TEXT    PRIMARY KEY,
    failures     BIGINT NOT NULL,
    last_failure BIGINT NOT NULL,
    locked_until BIGINT NOT NULL
);

-- Who did what to which record.
CREATE TABLE audit_log (
    id          BIGSERIAL PRIMARY KEY,
    at          BIGINT NOT NULL,
    actor       BIGINT,
    actor_role  TEXT,
    action      TEXT    NOT NULL,
    target      TEXT,
    detail      TEXT
);
CREATE INDEX audit_log_at ON audit_log (at);
