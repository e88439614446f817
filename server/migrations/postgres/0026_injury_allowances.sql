-- 伤残津贴 the fund pays (工伤保险条例 第35条: grades 1–4, monthly; grades 5–6 are the employer's,
-- 第36条): one row per injury and month, each month paid once (the primary key), from the month
-- after the grade was entered from the 劳动能力鉴定 conclusion until the month before the person
-- draws a pension.
CREATE TABLE injury_allowance_payments (
    injury_id BIGINT NOT NULL REFERENCES work_injuries (id),
    month     TEXT    NOT NULL,
    amount    BIGINT NOT NULL CHECK (amount > 0),
    paid_at   BIGINT NOT NULL,
    PRIMARY KEY (injury_id, month)
);
