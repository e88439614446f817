-- 工伤事故申报 is a case too: the case queue takes its kind.
ALTER TABLE office_cases DROP CONSTRAINT office_cases_kind_check;
ALTER TABLE office_cases ADD CONSTRAINT office_cases_kind_check CHECK (kind IN ('enrolment', 'separation', 'base_declaration', 'injury_report'));
