-- 失业登记 is a case too: the case queue takes its kind.
ALTER TABLE office_cases DROP CONSTRAINT office_cases_kind_check;
ALTER TABLE office_cases ADD CONSTRAINT office_cases_kind_check CHECK (kind IN ('enrolment', 'separation', 'base_declaration', 'injury_report', 'unemployment'));

-- 失业保险金: the spell an approved 失业登记 case opens — the months granted (earned by the
-- contributions since the last spell, plus those carried from it, capped), the amount a month,
-- its working — and the months the monthly run paid (each once: the primary key). At most one
-- spell per person is active. The unit is the one the job ended with.
CREATE TABLE unemployment_spells (
    id            BIGSERIAL PRIMARY KEY,
    case_id       BIGINT  NOT NULL UNIQUE REFERENCES office_cases (id),
    person_id     BIGINT  NOT NULL REFERENCES ledger_persons (id),
    unit_id       BIGINT  NOT NULL REFERENCES ledger_units (id),
    registered_on TEXT    NOT NULL,
    first_month   TEXT    NOT NULL,
    last_month    TEXT    NOT NULL CHECK (last_month >= first_month),
    earned        BIGINT  NOT NULL CHECK (earned >= 0),
    carried       BIGINT  NOT NULL CHECK (carried >= 0),
    months        BIGINT  NOT NULL CHECK (months BETWEEN 1 AND 24),
    monthly       BIGINT  NOT NULL CHECK (monthly > 0),
    working       TEXT    NOT NULL,
    status        TEXT    NOT NULL CHECK (status IN ('active', 'stopped', 'ended')),
    stopped_in    TEXT,
    -- Why: re-employment (the trigger below), or a statutory stop an operator records (第51条).
    stop_reason   TEXT CHECK (stop_reason IN ('reemployed', 'military', 'emigrated', 'pension', 'refused_work', 'died')),
    stopped_by    BIGINT  REFERENCES accounts (id),
    paid_through  TEXT,
    approved_by   BIGINT  NOT NULL REFERENCES accounts (id),
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL,
    CHECK ((status = 'stopped') = (stopped_in IS NOT NULL AND stop_reason IS NOT NULL))
);
CREATE UNIQUE INDEX unemployment_spells_active ON unemployment_spells (person_id) WHERE status = 'active';
CREATE INDEX unemployment_spells_person ON unemployment_spells (person_id, id);
CREATE INDEX unemployment_spells_due ON unemployment_spells (status, id);

CREATE TABLE unemployment_payments (
    spell_id BIGINT  NOT NULL REFERENCES unemployment_spells (id),
    month    TEXT    NOT NULL,
    amount   BIGINT  NOT NULL CHECK (amount > 0),
    paid_at  BIGINT  NOT NULL,
    PRIMARY KEY (spell_id, month)
);

-- Re-employment stops the benefit (社会保险法 第51条): any relationship opened for the person —
-- by an approved enrolment, the agency's own entry, whatever opens one — stops their active
-- spell from its first month (never before the spell's own first month). The database does it,
-- so no path that enrols can forget it.
CREATE FUNCTION unemployment_stop_on_enrolment() RETURNS trigger AS $$
BEGIN
    UPDATE unemployment_spells
       SET status = 'stopped', stop_reason = 'reemployed',
           stopped_in = CASE WHEN NEW.start_month > first_month THEN NEW.start_month ELSE first_month END,
           updated_at = NEW.created_at
     WHERE person_id = NEW.person_id AND status = 'active';
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER unemployment_stops_on_enrolment AFTER INSERT ON ledger_relationships
    FOR EACH ROW EXECUTE FUNCTION unemployment_stop_on_enrolment();
