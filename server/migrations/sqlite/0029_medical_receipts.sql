-- 医疗费用报销: the numbers of the receipts a kept claim paid back. One row per receipt, the
-- number (spaces and hyphens out, upper case: `domain::forms::medical_claim::receipt_number`) its key: a
-- receipt is paid back once, whoever claims it. Claims kept before this table have no rows.
CREATE TABLE medical_receipts (
    number   TEXT    PRIMARY KEY,
    claim_id INTEGER NOT NULL REFERENCES medical_claims (id)
);
CREATE INDEX medical_receipts_claim ON medical_receipts (claim_id);
