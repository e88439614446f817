//! Small named values the server keeps about itself (schema notes, seeding marks).

use async_trait::async_trait;

use super::{Backend, PgStore, SqliteStore, StoreError};

#[async_trait]
pub trait MetaStore: Send + Sync {
    /// Which database this is.
    fn backend(&self) -> Backend;
    /// A round trip to the database.
    async fn ping(&self) -> Result<(), StoreError>;
    /// Closes every connection; later calls fail (used at shutdown, and by tests).
    async fn close(&self);
    async fn meta_get(&self, key: &str) -> Result<Option<String>, StoreError>;
    async fn meta_put(&self, key: &str, value: &str) -> Result<(), StoreError>;
}

macro_rules! impl_meta_store {
    ($store:ty, $backend:expr) => {
        #[async_trait]
        impl MetaStore for $store {
            fn backend(&self) -> Backend {
                $backend
            }

            async fn ping(&self) -> Result<(), StoreError> {
                sqlx::query("SELECT 1").execute(&self.pool).await?;
                Ok(())
            }

            async fn close(&self) {
                self.pool.close().await;
            }

            async fn meta_get(&self, key: &str) -> Result<Option<String>, StoreError> {
                let value = sqlx::query_scalar("SELECT value FROM meta WHERE key = $1")
                    .bind(key)
                    .fetch_optional(&self.pool)
                    .await?;
                Ok(value)
            }

            async fn meta_put(&self, key: &str, value: &str) -> Result<(), StoreError> {
                sqlx::query(
                    "INSERT INTO meta (key, value, updated_at) VALUES ($1, $2, $3) \
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                )
                .bind(key)
                .bind(value)
                .bind(super::now_ms())
                .execute(&self.pool)
                .await?;
                Ok(())
            }
        }
    };
}

impl_meta_store!(SqliteStore, Backend::Sqlite);
impl_meta_store!(PgStore, Backend::Postgres);
