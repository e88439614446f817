-- 工伤: a work injury once its 工伤事故申报 case is approved (工伤认定: recognised), the disability
-- grade an operator enters from the 劳动能力鉴定 conclusion with the award computed from it
-- (assessed), and the award approved by another account (four eyes). The report's details stay in
-- its sealed filing; one row per case. An assessment returned goes back to 'recognised' with the
-- reason.
CREATE TABLE work_injuries (
    id            BIGSERIAL PRIMARY KEY,
    case_id       BIGINT  NOT NULL UNIQUE REFERENCES office_cases (id),
    person_id     BIGINT  NOT NULL REFERENCES ledger_persons (id),
    unit_id       BIGINT  NOT NULL REFERENCES ledger_units (id),
    accident_on   TEXT    NOT NULL,
    reported_on   TEXT    NOT NULL,
    late_days     BIGINT  NOT NULL CHECK (late_days >= 0),
    status        TEXT    NOT NULL CHECK (status IN ('recognised', 'assessed', 'approved')),
    recognised_by BIGINT  NOT NULL REFERENCES accounts (id),
    recognised_at BIGINT  NOT NULL,
    grade         BIGINT  CHECK (grade BETWEEN 1 AND 10),
    wage          BIGINT,
    lump_sum      BIGINT,
    allowance     BIGINT,
    working       TEXT,
    assessed_by   BIGINT  REFERENCES accounts (id),
    assessed_at   BIGINT,
    approved_by   BIGINT  REFERENCES accounts (id),
    approved_at   BIGINT,
    return_reason TEXT    ,
    CHECK (approved_by IS NULL OR approved_by <> assessed_by),
    CHECK ((status = 'recognised') = (grade IS NULL)),
    CHECK ((status = 'approved') = (approved_by IS NOT NULL))
);
CREATE INDEX work_injuries_status ON work_injuries (status, id);
CREATE INDEX work_injuries_person ON work_injuries (person_id);
