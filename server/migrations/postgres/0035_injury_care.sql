-- 生活护理费 (工伤保险条例 第34条): the help in daily life the 劳动能力鉴定委员会 found a graded
-- person needs (full, most or part), entered with the grade, and the monthly fee computed from it
-- (a percent of the area's average monthly wage of the year before); both cleared when the
-- assessment is returned. The fund pays it each month once (the primary key), from the month
-- after the grade was entered.
ALTER TABLE work_injuries
    ADD COLUMN care_level TEXT CHECK (care_level IN ('full', 'most', 'part')),
    ADD COLUMN care_fee BIGINT CHECK (care_fee > 0),
    ADD CONSTRAINT work_injuries_care_both CHECK ((care_level IS NULL) = (care_fee IS NULL));
CREATE TABLE injury_care_payments (
    injury_id BIGINT NOT NULL REFERENCES work_injuries (id),
    month     TEXT   NOT NULL,
    amount    BIGINT NOT NULL CHECK (amount > 0),
    paid_at   BIGINT NOT NULL,
    PRIMARY KEY (injury_id, month)
);
