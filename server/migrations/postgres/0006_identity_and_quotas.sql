-- The security review's redesign (issue 17).
-- The mobile number on record for a person (blind index): what the development stand-in for the
-- carriers' three-element check (name + ID number + mobile) compares with.
ALTER TABLE registry ADD COLUMN mobile_index TEXT;

-- A registration waiting for its phone expires; NULL: never (active accounts, staff).
ALTER TABLE accounts ADD COLUMN expires_at BIGINT;
CREATE INDEX accounts_expiring ON accounts (expires_at) WHERE expires_at IS NOT NULL;

-- The account whose session sent a filing (a unit's, a field worker's), if any.
ALTER TABLE filings ADD COLUMN sent_by BIGINT REFERENCES accounts (id);

-- An employer application no longer creates an account when it is filed: the account is made
-- at approval, from the application's handler. What the three-element check said of the
-- handler (matched | mismatch), for the reviewer; approval needs `matched`.
ALTER TABLE employer_applications ADD COLUMN handler_identity TEXT;

-- Housekeeping looks these up by age.
CREATE INDEX uploads_created ON uploads (created_at);
CREATE INDEX sessions_last_seen ON sessions (last_seen);
CREATE INDEX rate_counters_window ON rate_counters (window_start);
