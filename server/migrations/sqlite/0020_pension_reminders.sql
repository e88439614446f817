-- 养老待遇资格认证 reminders: the due date a pensioner was last reminded of by SMS
-- ('YYYY-MM-DD'), so each due date is told once, whichever replica's sweep gets there first.
ALTER TABLE pension_claims ADD COLUMN reminded_for TEXT;
