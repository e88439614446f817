-- The insurance ledger (issue 18): units, insured persons, who is insured in what (参保关系),
-- bases, the monthly assessment (核定), payments (到账) and personal accounts (个人账户).
-- Amounts are integer fen; months are 'YYYY-MM' text (it sorts as it reads). Rows are added,
-- never edited — except a relationship's status and end month and a year's declared base — and
-- every change has its event in ledger_events.

-- 参保单位: an approved employer, or one the agency created. The credit code is public (it is
-- printed on the business licence); its blind index links the unit to its account.
CREATE TABLE ledger_units (
    id             BIGSERIAL PRIMARY KEY,
    credit_code    TEXT    NOT NULL UNIQUE,
    credit_index   TEXT    NOT NULL UNIQUE,
    name           TEXT    NOT NULL,
    region         BIGINT NOT NULL,
    -- 工伤保险行业类别 1–8; NULL until the agency sets it (work injury is not assessed until then).
    industry_class BIGINT CHECK (industry_class BETWEEN 1 AND 8),
    created_at     BIGINT NOT NULL
);

-- 参保人, keyed like the registry and accounts by the ID number's blind index (the link to both).
CREATE TABLE ledger_persons (
    id         BIGSERIAL PRIMARY KEY,
    id_index   TEXT    NOT NULL UNIQUE,
    id_sealed  BYTEA    NOT NULL,
    name       TEXT    NOT NULL,
    created_at BIGINT NOT NULL
);

-- 参保关系: person × insurance × unit. At most one that has not ended per person and insurance,
-- enforced here: two enrolments of one person racing in two batches cannot both succeed.
CREATE TABLE ledger_relationships (
    id          BIGSERIAL PRIMARY KEY,
    person_id   BIGINT NOT NULL REFERENCES ledger_persons (id),
    insurance   TEXT    NOT NULL CHECK (insurance IN ('pension', 'medical', 'unemployment', 'work_injury')),
    unit_id     BIGINT NOT NULL REFERENCES ledger_units (id),
    -- The division where the person is insured: the rates are that region's.
    region      BIGINT NOT NULL,
    start_month TEXT    NOT NULL,
    -- The last month insured, once ended.
    end_month   TEXT,
    -- active (参保缴费) | suspended (暂停缴费) | ended (终止)
    status      TEXT    NOT NULL CHECK (status IN ('active', 'suspended', 'ended')),
    reason      TEXT,
    filing_id   BIGINT REFERENCES filings (id),
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE UNIQUE INDEX ledger_one_open_relationship ON ledger_relationships (person_id, insurance) WHERE status <> 'ended';
CREATE INDEX ledger_relationships_unit ON ledger_relationships (unit_id, status);

-- 缴费基数 as declared, per person, unit and year (the assessment clamps it, and says so).
CREATE TABLE ledger_bases (
    person_id  BIGINT NOT NULL REFERENCES ledger_persons (id),
    unit_id    BIGINT NOT NULL REFERENCES ledger_units (id),
    year       BIGINT NOT NULL,
    declared   BIGINT NOT NULL CHECK (declared >= 0),
    filing_id  BIGINT REFERENCES filings (id),
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (person_id, unit_id, year)
);

-- A unit's month (核定单): what its rows sum to and what was paid for it, kept with every row
-- and payment in their transaction; assessing a month again adds only differences.
CREATE TABLE ledger_statements (
    unit_id     BIGINT NOT NULL REFERENCES ledger_units (id),
    month       TEXT    NOT NULL,
    -- NULL while only payments arrived for it.
    assessed_at BIGINT,
    due         BIGINT NOT NULL,
    paid        BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (unit_id, month)
);

-- 核定 rows: one regular row per relationship and month, then adjustment rows (补差) carrying
-- the difference whenever the figures change; a past row is never edited.
CREATE TABLE ledger_assessments (
    id              BIGSERIAL PRIMARY KEY,
    relationship_id BIGINT NOT NULL REFERENCES ledger_relationships (id),
    unit_id         BIGINT NOT NULL REFERENCES ledger_units (id),
    person_id       BIGINT NOT NULL REFERENCES ledger_persons (id),
    insurance       TEXT    NOT NULL,
    month           TEXT    NOT NULL,
    kind            TEXT    NOT NULL CHECK (kind IN ('regular', 'adjustment')),
    declared        BIGINT NOT NULL,
    base            BIGINT NOT NULL,
    -- floor | ceiling when the declared base was moved into the band.
    clamp           TEXT,
    employer_rate   BIGINT NOT NULL,
    individual_rate BIGINT NOT NULL,
    employer        BIGINT NOT NULL,
    individual      BIGINT NOT NULL,
    created_at      BIGINT NOT NULL
);
CREATE UNIQUE INDEX ledger_assessed_once ON ledger_assessments (relationship_id, month) WHERE kind = 'regular';
CREATE INDEX ledger_assessments_unit_month ON ledger_assessments (unit_id, month);
CREATE INDEX ledger_assessments_person ON ledger_assessments (person_id, month);

-- 到账: the tax bureau's collection records, imported a file at a time.
CREATE TABLE ledger_payment_imports (
    id          BIGSERIAL PRIMARY KEY,
    file_sha256 TEXT    NOT NULL,
    rows_taken  BIGINT NOT NULL,
    total       BIGINT NOT NULL,
    actor       BIGINT REFERENCES accounts (id),
    created_at  BIGINT NOT NULL
);
CREATE TABLE ledger_payments (
    id         BIGSERIAL PRIMARY KEY,
    reference  TEXT    NOT NULL UNIQUE,
    unit_id    BIGINT NOT NULL REFERENCES ledger_units (id),
    month      TEXT    NOT NULL,
    amount     BIGINT NOT NULL CHECK (amount > 0),
    paid_on    TEXT    NOT NULL,
    import_id  BIGINT NOT NULL REFERENCES ledger_payment_imports (id),
    created_at BIGINT NOT NULL
);
CREATE INDEX ledger_payments_unit_month ON ledger_payments (unit_id, month);

-- 个人账户 credits: the individual pension contributions of a month, credited once the unit's
-- month is paid in full; a later change is credited as its difference.
CREATE TABLE ledger_account_credits (
    id         BIGSERIAL PRIMARY KEY,
    person_id  BIGINT NOT NULL REFERENCES ledger_persons (id),
    unit_id    BIGINT NOT NULL REFERENCES ledger_units (id),
    month      TEXT    NOT NULL,
    amount     BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX ledger_account_credits_person ON ledger_account_credits (person_id, month);

-- Every change to the ledger: who (NULL: the system, e.g. a scheduled run), when, what and why.
CREATE TABLE ledger_events (
    id         BIGSERIAL PRIMARY KEY,
    at         BIGINT NOT NULL,
    actor      BIGINT REFERENCES accounts (id),
    action     TEXT    NOT NULL,
    unit_id    BIGINT REFERENCES ledger_units (id),
    person_id  BIGINT REFERENCES ledger_persons (id),
    month      TEXT,
    detail     TEXT    NOT NULL
);
CREATE INDEX ledger_events_unit ON ledger_events (unit_id, at);
CREATE INDEX ledger_events_person ON ledger_events (person_id, at);

-- 参保缴费证明 as issued: what its QR code's public page confirms (nothing personal).
CREATE TABLE ledger_proofs (
    proof_no   TEXT    PRIMARY KEY,
    person_id  BIGINT NOT NULL REFERENCES ledger_persons (id),
    from_month TEXT    NOT NULL,
    to_month   TEXT    NOT NULL,
    months     BIGINT NOT NULL,
    issued_at  BIGINT NOT NULL
);
