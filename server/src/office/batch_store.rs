//! Payment files waiting for their second pair of eyes, as stored (`office_payment_batches`).
//! A decision is one conditional update — only a pending file, only by an account other than
//! the one that submitted it (the table's CHECK says the same) — in the transaction that writes
//! its audit entry, so two supervisors deciding at once cannot both win.

use app::api::office::{BatchStatus, PaymentBatch};
use app::domain::Fen;
use async_trait::async_trait;
use sqlx::Row;

use crate::store::{insert_audit, AuditEntry, PgStore, SqliteStore, StoreError};

/// A checked file to keep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewBatch {
    pub file_name: String,
    pub file_sha256: String,
    pub content: Vec<u8>,
    pub rows: i64,
    pub total: i64,
    pub submitted_by: i64,
}

/// How a pending file is decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decided {
    /// Imported: the ledger's import and what it took.
    Applied { import_id: i64, taken: i64, already: i64 },
    Returned { reason: String },
}

#[async_trait]
pub trait BatchStore: Send + Sync {
    /// Keeps a checked file as pending, with its audit entry (whose target it fills in).
    async fn batch_submit(&self, batch: &NewBatch, audit: &AuditEntry, now: i64) -> Result<i64, StoreError>;
    /// The latest `limit` files, newest first.
    async fn batch_recent(&self, limit: i64) -> Result<Vec<PaymentBatch>, StoreError>;
    /// A file and its content.
    async fn batch_get(&self, id: i64) -> Result<Option<(PaymentBatch, Vec<u8>)>, StoreError>;
    /// Decides a pending file by `by`: `false` when it is not pending any more, or `by`
    /// submitted it (nothing was written then).
    async fn batch_decide(&self, id: i64, by: i64, decided: &Decided, audit: &AuditEntry, now: i64) -> Result<bool, StoreError>;
}

const COLUMNS: &str = "id, file_name, rows_count, total, status, submitted_by, submitted_at, decided_by, decided_at, reason, taken, already";

fn status(s: &str) -> BatchStatus {
    match s {
        "applied" => BatchStatus::Applied,
        "returned" => BatchStatus::Returned,
        _ => BatchStatus::Pending,
    }
}

macro_rules! impl_batch_store {
    ($store:ty, $row:ty) => {
        fn batch_of(r: &$row) -> Result<PaymentBatch, sqlx::Error> {
            Ok(PaymentBatch {
                id: r.try_get("id")?,
                file_name: r.try_get("file_name")?,
                rows: r.try_get("rows_count")?,
                total: Fen(r.try_get("total")?),
                status: status(r.try_get::<String, _>("status")?.as_str()),
                submitted_by: r.try_get("submitted_by")?,
                submitted_at: r.try_get("submitted_at")?,
                decided_by: r.try_get("decided_by")?,
                decided_at: r.try_get("decided_at")?,
                reason: r.try_get("reason")?,
                taken: r.try_get("taken")?,
                already: r.try_get("already")?,
            })
        }

        #[async_trait]
        impl BatchStore for $store {
            async fn batch_submit(&self, b: &NewBatch, audit: &AuditEntry, now: i64) -> Result<i64, StoreError> {
                let mut tx = self.begin_write().await?;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO office_payment_batches (file_name, file_sha256, content, rows_count, total, status, submitted_by, submitted_at) \
                     VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7) RETURNING id",
                )
                .bind(&b.file_name)
                .bind(&b.file_sha256)
                .bind(&b.content)
                .bind(b.rows)
                .bind(b.total)
                .bind(b.submitted_by)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
                let entry = AuditEntry { target: Some(format!("payment_batch:{id}")), ..audit.clone() };
                insert_audit!(&mut *tx, &entry, now)?;
                tx.commit().await?;
                Ok(id)
            }

            async fn batch_recent(&self, limit: i64) -> Result<Vec<PaymentBatch>, StoreError> {
                let rows = sqlx::query(&format!("SELECT {COLUMNS} FROM office_payment_batches ORDER BY id DESC LIMIT $1"))
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await?;
                rows.iter().map(batch_of).collect::<Result<_, sqlx::Error>>().map_err(StoreError::from)
            }

            async fn batch_get(&self, id: i64) -> Result<Option<(PaymentBatch, Vec<u8>)>, StoreError> {
                let row = sqlx::query(&format!("SELECT {COLUMNS}, content FROM office_payment_batches WHERE id = $1"))
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?;
                row.map(|r| Ok((batch_of(&r)?, r.try_get("content")?))).transpose().map_err(|e: sqlx::Error| StoreError::from(e))
            }

            async fn batch_decide(&self, id: i64, by: i64, decided: &Decided, audit: &AuditEntry, now: i64) -> Result<bool, StoreError> {
                let (status, reason, import_id, taken, already) = match decided {
                    Decided::Applied { import_id, taken, already } => ("applied", None, Some(*import_id), Some(*taken), Some(*already)),
                    Decided::Returned { reason } => ("returned", Some(reason.as_str()), None, None, None),
                };
                let mut tx = self.begin_write().await?;
                let done = sqlx::query(
                    "UPDATE office_payment_batches SET status = $1, decided_by = $2, decided_at = $3, reason = $4, import_id = $5, taken = $6, already = $7 \
                     WHERE id = $8 AND status = 'pending' AND submitted_by <> $2",
                )
                .bind(status)
                .bind(by)
                .bind(now)
                .bind(reason)
                .bind(import_id)
                .bind(taken)
                .bind(already)
                .bind(id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if done != 1 {
                    return Ok(false);
                }
                let entry = AuditEntry { target: Some(format!("payment_batch:{id}")), ..audit.clone() };
                insert_audit!(&mut *tx, &entry, now)?;
                tx.commit().await?;
                Ok(true)
            }
        }
    };
}

mod sqlite {
    use super::*;
    impl_batch_store!(SqliteStore, sqlx::sqlite::SqliteRow);
}

mod postgres {
    use super::*;
    impl_batch_store!(PgStore, sqlx::postgres::PgRow);
}
