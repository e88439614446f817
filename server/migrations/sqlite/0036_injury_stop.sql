-- 停止享受工伤保险待遇 (工伤保险条例 第42条): an operator records that an approved injury's monthly
-- benefits (伤残津贴, 生活护理费) stop from a month — the person no longer meets the conditions
-- (death among them), refused the 劳动能力鉴定, or refused treatment. Recorded once; the monthly
-- run pays nothing from that month on, and months paid from it before the stop was recorded are
-- shown for recovery.
ALTER TABLE work_injuries ADD COLUMN stopped_in TEXT;
ALTER TABLE work_injuries ADD COLUMN stop_reason TEXT CHECK (stop_reason IS NULL OR (stop_reason IN ('lost_conditions', 'refused_assessment', 'refused_treatment') AND stopped_in IS NOT NULL));
ALTER TABLE work_injuries ADD COLUMN stopped_by INTEGER REFERENCES accounts (id);
