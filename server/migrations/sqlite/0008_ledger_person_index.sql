-- A person's relationships (their records, their proof, the enrolment checks): the unique index
-- on open relationships is partial, so it does not serve a person's ended ones or a plain
-- lookup by person; without this, reading one person's records scanned every relationship.
CREATE INDEX ledger_relationships_person ON ledger_relationships (person_id);
