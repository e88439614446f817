-- 信息变更 of a person grows: the mobile number and the household and contact addresses are kept
-- beside the cards (sealed, like them), and a name correction — accepted only when the registry
-- holds the corrected name — is kept in the history with its before and after too.
ALTER TABLE office_person_details ADD COLUMN mobile BYTEA;
ALTER TABLE office_person_details ADD COLUMN household_address BYTEA;
ALTER TABLE office_person_details ADD COLUMN contact_address BYTEA;

ALTER TABLE office_person_changes DROP CONSTRAINT office_person_changes_field_check;
ALTER TABLE office_person_changes ADD CONSTRAINT office_person_changes_field_check
    CHECK (field IN ('name', 'mobile', 'household_address', 'contact_address', 'bank_card', 'ssc_number'));
