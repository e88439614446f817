-- 医疗费用报销 is a case too: the case queue takes its kind.
ALTER TABLE office_cases DROP CONSTRAINT office_cases_kind_check;
ALTER TABLE office_cases ADD CONSTRAINT office_cases_kind_check CHECK (kind IN ('enrolment', 'separation', 'base_declaration', 'injury_report', 'unemployment', 'medical_claim'));

-- 医疗费用报销: the claim an approved case keeps — the stay, the receipts' amounts (fen, as
-- filed), what the rules paid back and the working. The hospital's name stays in the sealed
-- filing. `year` is the discharge's: the yearly cap counts the person's claims of that year.
CREATE TABLE medical_claims (
    id            BIGSERIAL PRIMARY KEY,
    case_id       BIGINT  NOT NULL UNIQUE REFERENCES office_cases (id),
    person_id     BIGINT  NOT NULL REFERENCES ledger_persons (id),
    unit_id       BIGINT  NOT NULL REFERENCES ledger_units (id),
    year          BIGINT  NOT NULL,
    level         BIGINT  NOT NULL CHECK (level BETWEEN 1 AND 3),
    admitted_on   TEXT    NOT NULL,
    discharged_on TEXT    NOT NULL CHECK (discharged_on >= admitted_on),
    receipts      TEXT    NOT NULL,
    claimed       BIGINT  NOT NULL CHECK (claimed > 0),
    deductible    BIGINT  NOT NULL CHECK (deductible >= 0),
    reimbursed    BIGINT  NOT NULL CHECK (reimbursed >= 0 AND reimbursed <= claimed),
    working       TEXT    NOT NULL,
    approved_by   BIGINT  NOT NULL REFERENCES accounts (id),
    created_at    BIGINT  NOT NULL
);
CREATE INDEX medical_claims_person ON medical_claims (person_id, year);
