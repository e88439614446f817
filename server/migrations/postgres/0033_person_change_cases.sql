-- 个人信息变更 filed from a phone is a case too: the queue takes its kind, and like a newborn's
-- it has no unit (a person's own details).
ALTER TABLE office_cases DROP CONSTRAINT office_cases_unit_check;
ALTER TABLE office_cases ADD CONSTRAINT office_cases_unit_check CHECK (unit_id IS NOT NULL OR kind IN ('newborn', 'person_change'));
ALTER TABLE office_cases DROP CONSTRAINT office_cases_kind_check;
ALTER TABLE office_cases ADD CONSTRAINT office_cases_kind_check CHECK (kind IN ('enrolment', 'separation', 'base_declaration', 'injury_report', 'unemployment', 'medical_claim', 'newborn', 'person_change'));
