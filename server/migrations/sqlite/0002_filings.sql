-- Filings received from devices, exactly once per client id.
CREATE TABLE filings (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id     TEXT    NOT NULL UNIQUE,
    kind          TEXT    NOT NULL,
    content_hash  TEXT    NOT NULL,
    -- The payload as sent, sealed with AES-256-GCM (it carries ID numbers).
    payload       BLOB    NOT NULL,
    -- HMAC of the filing's main identifier (ID number / credit code), for duplicate checks.
    subject       TEXT,
    region        INTEGER,
    receipt_no    TEXT    NOT NULL UNIQUE,
    status        TEXT    NOT NULL,
    device_id     TEXT    NOT NULL,
    version_of    TEXT,
    created_at    INTEGER NOT NULL,
    received_at   INTEGER NOT NULL
);
CREATE INDEX filings_subject ON filings (kind, subject);
CREATE INDEX filings_received ON filings (received_at);

-- Named sequences (receipt numbers per day).
CREATE TABLE counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);

-- Uploads in progress: chunks arrive in any order, any number of times.
CREATE TABLE uploads (
    sha256     TEXT PRIMARY KEY,
    size       INTEGER NOT NULL,
    chunk_size INTEGER NOT NULL,
    mime       TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE TABLE upload_chunks (
    sha256 TEXT    NOT NULL REFERENCES uploads (sha256) ON DELETE CASCADE,
    idx    INTEGER NOT NULL,
    data   BLOB    NOT NULL,
    PRIMARY KEY (sha256, idx)
);

-- Complete, verified attachments, named by their SHA-256; sealed like payloads.
CREATE TABLE attachments (
    sha256     TEXT PRIMARY KEY,
    mime       TEXT    NOT NULL,
    size       INTEGER NOT NULL,
    data       BLOB    NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE TABLE filing_attachments (
    filing_id INTEGER NOT NULL REFERENCES filings (id),
    sha256    TEXT    NOT NULL REFERENCES attachments (sha256),
    slot      TEXT    NOT NULL,
    PRIMARY KEY (filing_id, slot)
);
