//! Counters per key and time window, shared by every replica: the daily SMS caps, the quotas of
//! anonymous writes. Old windows are forgotten by the housekeeping.

use async_trait::async_trait;

use super::{PgStore, SqliteStore, StoreError};

#[async_trait]
pub trait CounterStore: Send + Sync {
    /// Adds one to `key`'s count in the window starting at `window_start`; returns the count.
    async fn counter_add(&self, key: &str, window_start: i64) -> Result<i64, StoreError>;
    async fn counter_get(&self, key: &str, window_start: i64) -> Result<i64, StoreError>;
    /// Forgets windows that started before `before`; returns how many.
    async fn counters_expire(&self, before: i64) -> Result<u64, StoreError>;
}

macro_rules! impl_counter_store {
    ($store:ty) => {
        #[async_trait]
        impl CounterStore for $store {
            async fn counter_add(&self, key: &str, window_start: i64) -> Result<i64, StoreError> {
                Ok(sqlx::query_scalar(
                    "INSERT INTO rate_counters (key, window_start, count) VALUES ($1, $2, 1) \
                     ON CONFLICT (key, window_start) DO UPDATE SET count = rate_counters.count + 1 RETURNING count",
                )
                .bind(key)
                .bind(window_start)
                .fetch_one(&self.pool)
                .await?)
            }

            async fn counter_get(&self, key: &str, window_start: i64) -> Result<i64, StoreError> {
                let n: Option<i64> = sqlx::query_scalar("SELECT count FROM rate_counters WHERE key = $1 AND window_start = $2")
                    .bind(key)
                    .bind(window_start)
                    .fetch_optional(&self.pool)
                    .await?;
                Ok(n.unwrap_or(0))
            }

            async fn counters_expire(&self, before: i64) -> Result<u64, StoreError> {
                let done = sqlx::query("DELETE FROM rate_counters WHERE window_start < $1").bind(before).execute(&self.pool).await?;
                Ok(done.rows_affected())
            }
        }
    };
}

impl_counter_store!(SqliteStore);
impl_counter_store!(PgStore);
