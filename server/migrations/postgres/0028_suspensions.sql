-- 暂停缴费: months of a relationship without contributions (a person kept on the books unpaid,
-- 停薪留职, a unit in difficulty with the agency's agreement). One row per suspension, from its
-- first month to its last (NULL while it lasts: the relationship's status is 'suspended' then);
-- the monthly assessment leaves those months out, and reverses them by 补差 if they were
-- assessed already. At most one open suspension per relationship.
CREATE TABLE ledger_suspensions (
    id              BIGSERIAL PRIMARY KEY,
    relationship_id BIGINT NOT NULL REFERENCES ledger_relationships (id),
    from_month      TEXT    NOT NULL,
    to_month        TEXT    CHECK (to_month IS NULL OR to_month >= from_month),
    reason          TEXT    NOT NULL,
    suspended_by    BIGINT NOT NULL REFERENCES accounts (id),
    resumed_by      BIGINT REFERENCES accounts (id),
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL
);
CREATE UNIQUE INDEX ledger_one_open_suspension ON ledger_suspensions (relationship_id) WHERE to_month IS NULL;
CREATE INDEX ledger_suspensions_relationship ON ledger_suspensions (relationship_id, from_month);
