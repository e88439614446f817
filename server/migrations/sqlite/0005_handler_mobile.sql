-- The handler's mobile of each application version, and when it was verified by an SMS code
-- (at registration, later on 审核进度查询, or carried over from the version it replaces when
-- the number did not change). An application is approved only with a verified mobile.
ALTER TABLE employer_applications ADD COLUMN mobile_index TEXT;
ALTER TABLE employer_applications ADD COLUMN mobile_verified_at INTEGER;
