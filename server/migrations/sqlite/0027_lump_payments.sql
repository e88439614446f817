-- One-off payments, made by the housekeeping's monthly run once the decision is taken: the month
-- a 医疗费用报销 claim's amount was paid out (claims that pay back nothing are never paid), and
-- the month a work injury's 一次性伤残补助金 was (工伤保险条例 第35–37条: on the grade's award).
-- Paid once: the run sets the month only where it is still empty.
ALTER TABLE medical_claims ADD COLUMN paid_month TEXT;
ALTER TABLE work_injuries ADD COLUMN lump_paid_month TEXT;
