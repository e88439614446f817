-- 信息变更 of a person grows: the mobile number and the household and contact addresses are kept
-- beside the cards (sealed, like them), and a name correction — accepted only when the registry
-- holds the corrected name — is kept in the history with its before and after too. SQLite cannot
-- change a CHECK in place: the history table is rebuilt with its rows and ids.
ALTER TABLE office_person_details ADD COLUMN mobile BLOB;
ALTER TABLE office_person_details ADD COLUMN household_address BLOB;
ALTER TABLE office_person_details ADD COLUMN contact_address BLOB;

CREATE TABLE office_person_changes_v2 (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id INTEGER NOT NULL REFERENCES ledger_persons (id),
    field     TEXT    NOT NULL CHECK (field IN ('name', 'mobile', 'household_address', 'contact_address', 'bank_card', 'ssc_number')),
    before    BLOB,
    after     BLOB    NOT NULL,
    actor     INTEGER NOT NULL REFERENCES accounts (id),
    at        INTEGER NOT NULL
);
INSERT INTO office_person_changes_v2 (id, person_id, field, before, after, actor, at)
    SELECT id, person_id, field, before, after, actor, at FROM office_person_changes;
DROP TABLE office_person_changes;
ALTER TABLE office_person_changes_v2 RENAME TO office_person_changes;
CREATE INDEX office_person_changes_person ON office_person_changes (person_id, id);
