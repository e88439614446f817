-- 通知公告: what administrators publish. A notice shows from its first to its last day (China
-- dates, `YYYY-MM-DD`, compared as text) to its audience (all, residents, units, staff), unless
-- withdrawn; it is never deleted, so what was announced stays on record.
CREATE TABLE notices (
    id           BIGSERIAL PRIMARY KEY,
    title        TEXT   NOT NULL,
    body         TEXT   NOT NULL,
    audience     TEXT   NOT NULL,
    valid_from   TEXT   NOT NULL,
    valid_to     TEXT   NOT NULL,
    published_by BIGINT NOT NULL REFERENCES accounts (id),
    published_at BIGINT NOT NULL,
    withdrawn_at BIGINT
);
CREATE INDEX notices_current ON notices (valid_to, valid_from);
