-- 信息变更 of a unit at the counter: its address and its contact person beside its name. The
-- contact's mobile is sealed (bound to the unit) with a masked copy to show; each change is a
-- ledger event with the before and after (the mobile masked there).
ALTER TABLE ledger_units ADD COLUMN address TEXT;
ALTER TABLE ledger_units ADD COLUMN contact_name TEXT;
ALTER TABLE ledger_units ADD COLUMN contact_mobile_sealed BYTEA;
ALTER TABLE ledger_units ADD COLUMN contact_mobile_masked TEXT;
