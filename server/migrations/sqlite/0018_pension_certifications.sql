-- 养老待遇资格认证: each certification of a pensioner (an approved claim), the approval counting as
-- the first; the claim keeps the latest day (`certified_on`, 'YYYY-MM-DD'), which bounds the
-- months the payment run pays: past the due date and its grace none is paid (暂停发放) until a
-- new certification, after which the months skipped are paid (补发).
ALTER TABLE pension_claims ADD COLUMN certified_on TEXT;
CREATE TABLE pension_certifications (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    claim_id     INTEGER NOT NULL REFERENCES pension_claims (id),
    certified_on TEXT    NOT NULL,
    way          TEXT    NOT NULL CHECK (way IN ('approval', 'counter', 'field', 'self')),
    by_account   INTEGER REFERENCES accounts (id),
    at           INTEGER NOT NULL
);
CREATE INDEX pension_certifications_claim ON pension_certifications (claim_id, id);
