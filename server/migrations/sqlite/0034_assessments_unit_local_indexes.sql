-- The monthly assessment writes a unit's rows together, unit after unit. Two of the three
-- indexes of ledger_assessments were keyed on the relationship and on the person, whose ids are
-- scattered across every unit: each row of a run landed on a different leaf page of both, so a
-- transaction of 32 units dirtied thousands of pages of each (SQLite wrote them all to its WAL at
-- every commit; PostgreSQL read and wrote them through a buffer cache smaller than the indexes).
-- Both now lead with the unit, so a run appends to a unit's own small range:
-- - assessed once: a relationship belongs to one unit for good (nothing changes its unit_id, and
--   a row's unit is copied from its relationship), so (unit, month, relationship) is unique
--   exactly when (relationship, month) is;
-- - a person's rows: found through the units the person has relationships with
--   (`a.unit_id IN (SELECT unit_id FROM ledger_relationships WHERE person_id = …) AND
--   a.person_id = …`), which is how every query by person now reads them.
-- Measured (docs/benchmarks.md, 1,000,000 people, 4,000,000 rows): SQLite 75.1 s → 49.5 s,
-- PostgreSQL 88.1 s → 85.3 s.
DROP INDEX ledger_assessed_once;
CREATE UNIQUE INDEX ledger_assessed_once ON ledger_assessments (unit_id, month, relationship_id) WHERE kind = 'regular';
DROP INDEX ledger_assessments_person;
CREATE INDEX ledger_assessments_person ON ledger_assessments (unit_id, person_id, month);
