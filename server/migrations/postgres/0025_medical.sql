-- 医疗费用报销 and 新生儿参保 are cases too: the case queue takes their kinds, and a case may have no
-- unit (a newborn's resident insurance has none).
ALTER TABLE office_cases ALTER COLUMN unit_id DROP NOT NULL;
ALTER TABLE office_cases ADD CONSTRAINT office_cases_unit_check CHECK (unit_id IS NOT NULL OR kind = 'newborn');
ALTER TABLE office_cases DROP CONSTRAINT office_cases_kind_check;
ALTER TABLE office_cases ADD CONSTRAINT office_cases_kind_check CHECK (kind IN ('enrolment', 'separation', 'base_declaration', 'injury_report', 'unemployment', 'medical_claim', 'newborn'));

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

-- 新生儿参保: the child an approved case enrolled in 城乡居民基本医疗保险. One row per child: unique
-- on the birth certificate's blind index and on the ID number's once there is one (NULLs do not
-- clash). The guardian (by their ID number's blind index) reads the children they enrolled.
CREATE TABLE newborn_enrolments (
    id             BIGSERIAL PRIMARY KEY,
    case_id        BIGINT  NOT NULL UNIQUE REFERENCES office_cases (id),
    cert_index     TEXT    NOT NULL UNIQUE,
    child_index    TEXT    UNIQUE,
    child_name     TEXT    NOT NULL,
    birth_date     TEXT    NOT NULL,
    region         BIGINT  NOT NULL,
    guardian_index TEXT    NOT NULL,
    relation       TEXT    NOT NULL CHECK (relation IN ('mother', 'father', 'guardian')),
    first_month    TEXT    NOT NULL,
    working        TEXT    NOT NULL,
    approved_by    BIGINT  NOT NULL REFERENCES accounts (id),
    created_at     BIGINT  NOT NULL
);
CREATE INDEX newborn_enrolments_guardian ON newborn_enrolments (guardian_index, birth_date);
