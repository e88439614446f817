-- The region a member of staff works for (a division code: a province, city or county). Reports
-- and statistics show them that region only; staff without a row here belong to the agency's
-- central office and see every region, as admins do.
CREATE TABLE staff_regions (
    account_id INTEGER PRIMARY KEY REFERENCES accounts (id),
    region     INTEGER NOT NULL
);
