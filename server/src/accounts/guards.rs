//! What the abuse guards keep, in the store so that several replicas behind one load balancer
//! count together: SMS codes and failed logins (the per-window counters are `store::counters`).

use async_trait::async_trait;
use sqlx::Row;

use crate::store::{CounterStore, PgStore, SqliteStore, StoreError};

/// The live code for one phone and purpose (only the code's HMAC is kept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeRecord {
    pub code_hash: String,
    pub sent_at: i64,
    pub expires_at: i64,
    pub attempts: i64,
    pub used: bool,
}

/// Failed logins under one key (an account or an address).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Failures {
    pub failures: i64,
    pub last_failure: i64,
    pub locked_until: i64,
}

#[async_trait]
pub trait GuardStore: CounterStore + Send + Sync {
    async fn code_get(&self, mobile_index: &str, purpose: &str) -> Result<Option<CodeRecord>, StoreError>;
    /// Replaces the phone's code for `purpose` with a fresh one.
    async fn code_put(&self, mobile_index: &str, purpose: &str, code: &CodeRecord) -> Result<(), StoreError>;
    /// Counts one try against the live code; returns the tries so far.
    async fn code_count_attempt(&self, mobile_index: &str, purpose: &str) -> Result<i64, StoreError>;
    /// Marks the code used; `false` if it was used already (a code works once, even when two
    /// requests race).
    async fn code_consume(&self, mobile_index: &str, purpose: &str, code_hash: &str) -> Result<bool, StoreError>;


    async fn failures_get(&self, key: &str) -> Result<Option<Failures>, StoreError>;
    /// Takes one try under `key` in one statement: unless the key is locked at `now`, counts it
    /// as a failure at once (afresh if the last one is older than `forget_ms`) and locks the key
    /// for the wait its count earns ([`super::throttle::name_wait_ms`], or
    /// [`super::throttle::address_wait_ms`] with `address`). `Ok(None)`: locked, not taken.
    async fn failures_take(&self, key: &str, now: i64, forget_ms: i64, address: bool) -> Result<Option<Failures>, StoreError>;
    /// Records one more failure; `lock_until(failures)` says until when the key is then locked.
    async fn failures_add(&self, key: &str, now: i64, lock_ms_after: &(dyn Fn(i64) -> i64 + Sync)) -> Result<Failures, StoreError>;
    async fn failures_clear(&self, key: &str) -> Result<(), StoreError>;
    /// Forgets codes that expired before `before` and failures last counted before it.
    async fn guards_expire(&self, before: i64) -> Result<u64, StoreError>;
}

macro_rules! impl_guard_store {
    ($store:ty) => {
        #[async_trait]
        impl GuardStore for $store {
            async fn code_get(&self, mobile_index: &str, purpose: &str) -> Result<Option<CodeRecord>, StoreError> {
                let row = sqlx::query(
                    "SELECT code_hash, sent_at, expires_at, attempts, used FROM sms_codes WHERE mobile_index = $1 AND purpose = $2",
                )
                .bind(mobile_index)
                .bind(purpose)
                .fetch_optional(&self.pool)
                .await?;
                let Some(r) = row else { return Ok(None) };
                Ok(Some(CodeRecord {
                    code_hash: r.try_get("code_hash")?,
                    sent_at: r.try_get("sent_at")?,
                    expires_at: r.try_get("expires_at")?,
                    attempts: r.try_get("attempts")?,
                    used: r.try_get::<i64, _>("used")? != 0,
                }))
            }

            async fn code_put(&self, mobile_index: &str, purpose: &str, c: &CodeRecord) -> Result<(), StoreError> {
                sqlx::query(
                    "INSERT INTO sms_codes (mobile_index, purpose, code_hash, sent_at, expires_at, attempts, used) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (mobile_index, purpose) DO UPDATE SET \
                     code_hash = excluded.code_hash, sent_at = excluded.sent_at, expires_at = excluded.expires_at, \
                     attempts = excluded.attempts, used = excluded.used",
                )
                .bind(mobile_index)
                .bind(purpose)
                .bind(&c.code_hash)
                .bind(c.sent_at)
                .bind(c.expires_at)
                .bind(c.attempts)
                .bind(i64::from(c.used))
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn code_count_attempt(&self, mobile_index: &str, purpose: &str) -> Result<i64, StoreError> {
                let n: Option<i64> = sqlx::query_scalar(
                    "UPDATE sms_codes SET attempts = attempts + 1 WHERE mobile_index = $1 AND purpose = $2 RETURNING attempts",
                )
                .bind(mobile_index)
                .bind(purpose)
                .fetch_optional(&self.pool)
                .await?;
                Ok(n.unwrap_or(0))
            }

            async fn code_consume(&self, mobile_index: &str, purpose: &str, code_hash: &str) -> Result<bool, StoreError> {
                let done = sqlx::query(
                    "UPDATE sms_codes SET used = 1 WHERE mobile_index = $1 AND purpose = $2 AND code_hash = $3 AND used = 0",
                )
                .bind(mobile_index)
                .bind(purpose)
                .bind(code_hash)
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn failures_get(&self, key: &str) -> Result<Option<Failures>, StoreError> {
                let row = sqlx::query("SELECT failures, last_failure, locked_until FROM login_failures WHERE key = $1")
                    .bind(key)
                    .fetch_optional(&self.pool)
                    .await?;
                let Some(r) = row else { return Ok(None) };
                Ok(Some(Failures {
                    failures: r.try_get("failures")?,
                    last_failure: r.try_get("last_failure")?,
                    locked_until: r.try_get("locked_until")?,
                }))
            }

            async fn failures_add(&self, key: &str, now: i64, lock_ms_after: &(dyn Fn(i64) -> i64 + Sync)) -> Result<Failures, StoreError> {
                let mut tx = self.begin_write().await?;
                let failures: i64 = sqlx::query_scalar(
                    "INSERT INTO login_failures (key, failures, last_failure, locked_until) VALUES ($1, 1, $2, 0) \
                     ON CONFLICT (key) DO UPDATE SET failures = login_failures.failures + 1, last_failure = excluded.last_failure \
                     RETURNING failures",
                )
                .bind(key)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
                let locked_until = now + lock_ms_after(failures);
                sqlx::query("UPDATE login_failures SET locked_until = $1 WHERE key = $2")
                    .bind(locked_until)
                    .bind(key)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(Failures { failures, last_failure: now, locked_until })
            }

            async fn failures_take(&self, key: &str, now: i64, forget_ms: i64, address: bool) -> Result<Option<Failures>, StoreError> {
                use super::throttle::{ADDRESS_FREE, FREE, LOCK_AFTER, LOCK_MS};
                // The count after this try, and the wait it earns, written as SQL both dialects
                // read alike (`<<` shifts in both), so that one statement decides.
                let count = "CASE WHEN login_failures.last_failure < $2 - $3 THEN 1 ELSE login_failures.failures + 1 END";
                let wait = |n: &str| {
                    if address {
                        format!(
                            "CASE WHEN {n} > {ADDRESS_FREE} THEN MIN_OF(1000 * (1 << CAST(MIN_OF({n} - {ADDRESS_FREE} - 1, 10) AS INTEGER)), {LOCK_MS}) ELSE 0 END"
                        )
                    } else {
                        format!("CASE WHEN {n} >= {LOCK_AFTER} THEN {LOCK_MS} WHEN {n} > {FREE} THEN 1000 * (1 << CAST({n} - {FREE} - 1 AS INTEGER)) ELSE 0 END")
                    }
                };
                let sql = format!(
                    "INSERT INTO login_failures (key, failures, last_failure, locked_until) VALUES ($1, 1, $2, {first}) \
                     ON CONFLICT (key) DO UPDATE SET failures = {count}, last_failure = $2, locked_until = {next} \
                     WHERE login_failures.locked_until <= $2 OR login_failures.last_failure < $2 - $3 \
                     RETURNING failures, last_failure, locked_until",
                    // No lock at all while the tries are free (a `now` would refuse a concurrent
                    // try stamped a moment earlier).
                    first = format!("CASE WHEN ({w}) > 0 THEN $2 + ({w}) ELSE 0 END", w = wait("1")),
                    next = format!("CASE WHEN ({w}) > 0 THEN $2 + ({w}) ELSE 0 END", w = wait(count)),
                );
                let sql = sql.replace("MIN_OF", Self::MIN);
                let row = sqlx::query(&sql).bind(key).bind(now).bind(forget_ms).fetch_optional(&self.pool).await?;
                let Some(r) = row else { return Ok(None) };
                Ok(Some(Failures {
                    failures: r.try_get("failures")?,
                    last_failure: r.try_get("last_failure")?,
                    locked_until: r.try_get("locked_until")?,
                }))
            }

            async fn guards_expire(&self, before: i64) -> Result<u64, StoreError> {
                let codes = sqlx::query("DELETE FROM sms_codes WHERE expires_at < $1").bind(before).execute(&self.pool).await?;
                let failures = sqlx::query("DELETE FROM login_failures WHERE last_failure < $1 AND locked_until < $1").bind(before).execute(&self.pool).await?;
                Ok(codes.rows_affected() + failures.rows_affected())
            }

            async fn failures_clear(&self, key: &str) -> Result<(), StoreError> {
                sqlx::query("DELETE FROM login_failures WHERE key = $1").bind(key).execute(&self.pool).await?;
                Ok(())
            }
        }
    };
}

impl_guard_store!(SqliteStore);
impl_guard_store!(PgStore);
