-- The day the job ended, as the unit's 人员减员 gave it (YYYY-MM-DD): a later 失业登记 is
-- checked against it. Empty for relationships ended before the form asked for it.
ALTER TABLE ledger_relationships ADD COLUMN left_on TEXT;
