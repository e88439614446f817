-- 个人信息变更 and 单位信息变更 filed from a phone are cases too: the queue takes their kinds; a
-- person's change, like a newborn's, has no unit.
ALTER TABLE office_cases DROP CONSTRAINT office_cases_unit_check;
ALTER TABLE office_cases ADD CONSTRAINT office_cases_unit_check CHECK (unit_id IS NOT NULL OR kind IN ('newborn', 'person_change'));
ALTER TABLE office_cases DROP CONSTRAINT office_cases_kind_check;
ALTER TABLE office_cases ADD CONSTRAINT office_cases_kind_check CHECK (kind IN ('enrolment', 'separation', 'base_declaration', 'injury_report', 'unemployment', 'medical_claim', 'newborn', 'person_change', 'unit_change'));
