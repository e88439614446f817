-- Employer registrations under review (单位用户注册审核). One row per version: a resubmission
-- after a rejection is a new row pointing at the one it replaces.
CREATE TABLE employer_applications (
    id               BIGSERIAL PRIMARY KEY,
    -- The accepted filing (its payload and materials).
    filing_client_id TEXT    NOT NULL UNIQUE REFERENCES filings (client_id),
    version_of       BIGINT REFERENCES employer_applications (id),
    -- The credit code's blind index; the unit name is not personal data.
    credit_index     TEXT    NOT NULL,
    unit_name        TEXT    NOT NULL,
    region           BIGINT NOT NULL,
    -- submitted | in_review | rejected | approved (domain::review::Status).
    status           TEXT    NOT NULL,
    -- The reasons of a rejection (JSON, domain::review::Reason).
    reasons          TEXT,
    -- The employer account this registration creates (active once approved).
    account_id       BIGINT REFERENCES accounts (id),
    reviewer         BIGINT REFERENCES accounts (id),
    submitted_at     BIGINT NOT NULL,
    -- The day of submission in China (YYYY-MM-DD): working-day ages count from it.
    submitted_on     TEXT    NOT NULL,
    updated_at       BIGINT NOT NULL
);
CREATE INDEX employer_applications_queue ON employer_applications (status, submitted_at);
CREATE INDEX employer_applications_credit ON employer_applications (credit_index);

-- Every change of an application's status: what the applicant's 审核进度 shows.
CREATE TABLE application_events (
    id             BIGSERIAL PRIMARY KEY,
    application_id BIGINT NOT NULL REFERENCES employer_applications (id),
    at             BIGINT NOT NULL,
    status         TEXT    NOT NULL,
    actor          BIGINT REFERENCES accounts (id),
    reasons        TEXT
);
CREATE INDEX application_events_by_application ON application_events (application_id, id);
