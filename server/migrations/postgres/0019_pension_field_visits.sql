-- 养老待遇资格认证 assisted by a field worker (协助认证): the visit as the worker's filing reported it
-- (the filing and its photo are kept with the other filings, by `client_id`). It counts as a
-- certification (way 'field', on the visit's day) once an operator other than the worker
-- confirms it; or it is returned with a reason. One row per filing.
CREATE TABLE pension_field_visits (
    id            BIGSERIAL PRIMARY KEY,
    claim_id      BIGINT  NOT NULL REFERENCES pension_claims (id),
    client_id     TEXT    NOT NULL UNIQUE,
    seen_on       TEXT    NOT NULL,
    filed_by      BIGINT  NOT NULL REFERENCES accounts (id),
    filed_at      BIGINT  NOT NULL,
    status        TEXT    NOT NULL CHECK (status IN ('pending', 'confirmed', 'returned')),
    decided_by    BIGINT  REFERENCES accounts (id),
    decided_at    BIGINT,
    return_reason TEXT,
    CHECK (decided_by IS NULL OR decided_by <> filed_by),
    CHECK ((status = 'pending') = (decided_by IS NULL))
);
CREATE INDEX pension_field_visits_status ON pension_field_visits (status, id);
