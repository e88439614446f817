-- 追回: money an operator records as coming back for 失业保险金 paid past a spell's stop (a
-- re-employment enrolled late stops it from a month already paid). Each recovery is one row
-- under its payment reference, once per spell; the spell keeps the running sum, and its update
-- is the guard: what is recovered never exceeds what was paid from the stop's month on.
ALTER TABLE unemployment_spells ADD COLUMN recovered BIGINT NOT NULL DEFAULT 0 CHECK (recovered >= 0);

CREATE TABLE unemployment_recoveries (
    id           BIGSERIAL PRIMARY KEY,
    spell_id     BIGINT NOT NULL REFERENCES unemployment_spells (id),
    amount       BIGINT NOT NULL CHECK (amount > 0),
    recovered_on TEXT   NOT NULL,
    reference    TEXT   NOT NULL,
    recorded_by  BIGINT NOT NULL REFERENCES accounts (id),
    recorded_at  BIGINT NOT NULL,
    UNIQUE (spell_id, reference)
);
