-- 我的信息 shows the sign-in before this one: when, and from what class of address (loopback,
-- private network, internet) — never the address itself, which is a location.
ALTER TABLE accounts ADD COLUMN login_at BIGINT;
ALTER TABLE accounts ADD COLUMN login_from TEXT;
ALTER TABLE accounts ADD COLUMN previous_login_at BIGINT;
ALTER TABLE accounts ADD COLUMN previous_login_from TEXT;
