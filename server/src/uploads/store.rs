//! Attachments: chunks of uploads in progress, and complete, verified files. Chunk and file
//! bytes arrive sealed (see `vault`); this layer only keeps them.

use async_trait::async_trait;

use crate::store::{PgStore, SqliteStore, StoreError};

/// An upload in progress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload {
    pub size: i64,
    pub chunk_size: i64,
    pub mime: String,
    pub received: Vec<i64>,
}

#[async_trait]
pub trait UploadStore: Send + Sync {
    /// Records an upload (idempotent: an existing one is returned as it is).
    async fn upload_begin(&self, sha256: &str, size: i64, chunk_size: i64, mime: &str, now: i64) -> Result<Upload, StoreError>;
    async fn upload_get(&self, sha256: &str) -> Result<Option<Upload>, StoreError>;
    /// Keeps a chunk (a chunk sent twice is kept once).
    async fn upload_put_chunk(&self, sha256: &str, index: i64, sealed: &[u8]) -> Result<(), StoreError>;
    /// The sealed chunks in order.
    async fn upload_chunks(&self, sha256: &str) -> Result<Vec<Vec<u8>>, StoreError>;
    /// Stores the complete file and forgets the upload, in one transaction.
    async fn attachment_complete(&self, sha256: &str, mime: &str, size: i64, sealed: &[u8], now: i64) -> Result<(), StoreError>;
    /// Forgets an upload whose file failed verification.
    async fn upload_discard(&self, sha256: &str) -> Result<(), StoreError>;
    /// The ones of `sha256s` that are not stored as complete attachments.
    async fn attachments_missing(&self, sha256s: &[String]) -> Result<Vec<String>, StoreError>;
    /// `(mime, sealed bytes)` of a complete attachment.
    async fn attachment_get(&self, sha256: &str) -> Result<Option<(String, Vec<u8>)>, StoreError>;
    /// Forgets uploads begun before `before` and never completed; returns how many.
    async fn uploads_expire(&self, before: i64) -> Result<u64, StoreError>;
    /// Bytes reserved by uploads in progress (what a half-finished upload may still fill).
    async fn uploads_reserved(&self) -> Result<i64, StoreError>;
}

macro_rules! impl_upload_store {
    ($store:ty) => {
        #[async_trait]
        impl UploadStore for $store {
            async fn upload_begin(&self, sha256: &str, size: i64, chunk_size: i64, mime: &str, now: i64) -> Result<Upload, StoreError> {
                sqlx::query(
                    "INSERT INTO uploads (sha256, size, chunk_size, mime, created_at) VALUES ($1, $2, $3, $4, $5) \
                     ON CONFLICT (sha256) DO NOTHING",
                )
                .bind(sha256)
                .bind(size)
                .bind(chunk_size)
                .bind(mime)
                .bind(now)
                .execute(&self.pool)
                .await?;
                Ok(self.upload_get(sha256).await?.expect("just inserted or already there"))
            }

            async fn upload_get(&self, sha256: &str) -> Result<Option<Upload>, StoreError> {
                let row: Option<(i64, i64, String)> =
                    sqlx::query_as("SELECT size, chunk_size, mime FROM uploads WHERE sha256 = $1")
                        .bind(sha256)
                        .fetch_optional(&self.pool)
                        .await?;
                let Some((size, chunk_size, mime)) = row else { return Ok(None) };
                let received: Vec<i64> = sqlx::query_scalar("SELECT idx FROM upload_chunks WHERE sha256 = $1 ORDER BY idx")
                    .bind(sha256)
                    .fetch_all(&self.pool)
                    .await?;
                Ok(Some(Upload { size, chunk_size, mime, received }))
            }

            async fn upload_put_chunk(&self, sha256: &str, index: i64, sealed: &[u8]) -> Result<(), StoreError> {
                sqlx::query(
                    "INSERT INTO upload_chunks (sha256, idx, data) VALUES ($1, $2, $3) ON CONFLICT (sha256, idx) DO NOTHING",
                )
                .bind(sha256)
                .bind(index)
                .bind(sealed)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn upload_chunks(&self, sha256: &str) -> Result<Vec<Vec<u8>>, StoreError> {
                Ok(sqlx::query_scalar("SELECT data FROM upload_chunks WHERE sha256 = $1 ORDER BY idx")
                    .bind(sha256)
                    .fetch_all(&self.pool)
                    .await?)
            }

            async fn attachment_complete(&self, sha256: &str, mime: &str, size: i64, sealed: &[u8], now: i64) -> Result<(), StoreError> {
                let mut tx = self.begin_write().await?;
                sqlx::query(
                    "INSERT INTO attachments (sha256, mime, size, data, created_at) VALUES ($1, $2, $3, $4, $5) \
                     ON CONFLICT (sha256) DO NOTHING",
                )
                .bind(sha256)
                .bind(mime)
                .bind(size)
                .bind(sealed)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                sqlx::query("DELETE FROM upload_chunks WHERE sha256 = $1").bind(sha256).execute(&mut *tx).await?;
                sqlx::query("DELETE FROM uploads WHERE sha256 = $1").bind(sha256).execute(&mut *tx).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn upload_discard(&self, sha256: &str) -> Result<(), StoreError> {
                let mut tx = self.begin_write().await?;
                sqlx::query("DELETE FROM upload_chunks WHERE sha256 = $1").bind(sha256).execute(&mut *tx).await?;
                sqlx::query("DELETE FROM uploads WHERE sha256 = $1").bind(sha256).execute(&mut *tx).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn attachments_missing(&self, sha256s: &[String]) -> Result<Vec<String>, StoreError> {
                let mut missing = Vec::new();
                for sha in sha256s {
                    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM attachments WHERE sha256 = $1")
                        .bind(sha)
                        .fetch_one(&self.pool)
                        .await?;
                    if n == 0 {
                        missing.push(sha.clone());
                    }
                }
                Ok(missing)
            }

            async fn uploads_expire(&self, before: i64) -> Result<u64, StoreError> {
                let mut tx = self.begin_write().await?;
                sqlx::query("DELETE FROM upload_chunks WHERE sha256 IN (SELECT sha256 FROM uploads WHERE created_at < $1)")
                    .bind(before)
                    .execute(&mut *tx)
                    .await?;
                let done = sqlx::query("DELETE FROM uploads WHERE created_at < $1").bind(before).execute(&mut *tx).await?;
                tx.commit().await?;
                Ok(done.rows_affected())
            }

            async fn uploads_reserved(&self) -> Result<i64, StoreError> {
                let n: Option<i64> = sqlx::query_scalar("SELECT CAST(SUM(size) AS BIGINT) FROM uploads").fetch_one(&self.pool).await?;
                Ok(n.unwrap_or(0))
            }

            async fn attachment_get(&self, sha256: &str) -> Result<Option<(String, Vec<u8>)>, StoreError> {
                Ok(sqlx::query_as("SELECT mime, data FROM attachments WHERE sha256 = $1")
                    .bind(sha256)
                    .fetch_optional(&self.pool)
                    .await?)
            }
        }
    };
}

impl_upload_store!(SqliteStore);
impl_upload_store!(PgStore);
