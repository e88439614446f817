//! Filings, stored exactly once per client id, each with a receipt number from a daily
//! sequence, in one transaction per batch (one durable commit for many filings).

use async_trait::async_trait;
use sqlx::Row;

use crate::store::{PgStore, SqliteStore, StoreError};

/// A filing to store. `payload` is already sealed.
#[derive(Debug, Clone)]
pub struct NewFiling {
    pub client_id: String,
    pub kind: String,
    pub content_hash: String,
    pub payload: Vec<u8>,
    pub subject: Option<String>,
    pub region: Option<i64>,
    pub device_id: String,
    pub version_of: Option<String>,
    pub created_at: i64,
    /// `(slot, sha256)`; the attachments must already be stored.
    pub attachments: Vec<(String, String)>,
    /// The account whose session sent it, if any.
    pub sent_by: Option<i64>,
}

/// A stored filing's bookkeeping (the payload stays sealed in the store).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFiling {
    pub id: i64,
    pub client_id: String,
    pub kind: String,
    pub content_hash: String,
    pub receipt_no: String,
    pub status: String,
    pub received_at: i64,
}

/// What storing one filing did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stored {
    /// Newly stored.
    New(StoredFiling),
    /// A filing with this client id was already stored (compare its hash).
    Existing(StoredFiling),
}

#[async_trait]
pub trait FilingStore: Send + Sync {
    /// Stores each filing unless its client id exists; one transaction for all. `day` is
    /// `YYYYMMDD` for the receipt numbers (`SB` + day + 6-digit sequence).
    async fn store_filings(&self, filings: &[NewFiling], day: &str, now: i64) -> Result<Vec<Stored>, StoreError>;
    async fn filing_by_client_id(&self, client_id: &str) -> Result<Option<StoredFiling>, StoreError>;
    async fn filing_by_receipt(&self, receipt_no: &str) -> Result<Option<StoredFiling>, StoreError>;
    /// Whether another filing of `kind` names the same subject.
    async fn subject_taken(&self, kind: &str, subject: &str, except_client_id: &str) -> Result<bool, StoreError>;
    /// The sealed payload of a filing.
    async fn filing_payload(&self, client_id: &str) -> Result<Option<Vec<u8>>, StoreError>;
    /// The materials of a filing: `(slot, sha256, mime, size)`, by slot.
    async fn filing_attachments(&self, client_id: &str) -> Result<Vec<(String, String, String, i64)>, StoreError>;
    async fn count_filings(&self) -> Result<i64, StoreError>;
    /// Every filing's bookkeeping, oldest first (development and tests).
    async fn all_filings(&self) -> Result<Vec<StoredFiling>, StoreError>;
}

pub(crate) const COLUMNS: &str = "id, client_id, kind, content_hash, receipt_no, status, received_at";

pub(crate) fn stored(row: &impl RowExt) -> Result<StoredFiling, sqlx::Error> {
    row.stored()
}

/// Reading a [`StoredFiling`] from either backend's row.
pub(crate) trait RowExt {
    fn stored(&self) -> Result<StoredFiling, sqlx::Error>;
}

macro_rules! row_ext {
    ($row:ty) => {
        impl RowExt for $row {
            fn stored(&self) -> Result<StoredFiling, sqlx::Error> {
                Ok(StoredFiling {
                    id: self.try_get("id")?,
                    client_id: self.try_get("client_id")?,
                    kind: self.try_get("kind")?,
                    content_hash: self.try_get("content_hash")?,
                    receipt_no: self.try_get("receipt_no")?,
                    status: self.try_get("status")?,
                    received_at: self.try_get("received_at")?,
                })
            }
        }
    };
}
row_ext!(sqlx::sqlite::SqliteRow);
row_ext!(sqlx::postgres::PgRow);

/// `insert_filing!(&mut *tx, &filing, day, now)` stores one filing inside the caller's
/// transaction unless its client id exists, and evaluates to `Result<Stored, sqlx::Error>`: for
/// a capability whose filing must commit together with its effect (an enrolment and the
/// relationships it opens).
macro_rules! insert_filing {
    ($tx:expr, $f:expr, $day:expr, $now:expr) => {{
        async {
            let (f, day, now): (&$crate::filings::NewFiling, &str, i64) = ($f, $day, $now);
            let existing = sqlx::query(&format!("SELECT {} FROM filings WHERE client_id = $1", $crate::filings::store::COLUMNS))
                .bind(&f.client_id)
                .fetch_optional(&mut *$tx)
                .await?;
            if let Some(row) = existing {
                return Ok::<_, sqlx::Error>($crate::filings::Stored::Existing($crate::filings::store::stored(&row)?));
            }
            let seq: i64 = sqlx::query_scalar(
                "INSERT INTO counters (name, value) VALUES ($1, 1) \
                 ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value",
            )
            .bind(format!("receipt:{day}"))
            .fetch_one(&mut *$tx)
            .await?;
            let receipt_no = format!("SB{day}{seq:06}");
            let inserted = sqlx::query(&format!(
                "INSERT INTO filings (client_id, kind, content_hash, payload, subject, region, receipt_no, \
                 status, device_id, version_of, created_at, received_at, sent_by) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, 'submitted', $8, $9, $10, $11, $12) \
                 ON CONFLICT (client_id) DO NOTHING RETURNING {}",
                $crate::filings::store::COLUMNS
            ))
            .bind(&f.client_id)
            .bind(&f.kind)
            .bind(&f.content_hash)
            .bind(&f.payload)
            .bind(&f.subject)
            .bind(f.region)
            .bind(&receipt_no)
            .bind(&f.device_id)
            .bind(&f.version_of)
            .bind(f.created_at)
            .bind(now)
            .bind(f.sent_by)
            .fetch_optional(&mut *$tx)
            .await?;
            match inserted {
                Some(row) => {
                    let filing = $crate::filings::store::stored(&row)?;
                    for (slot, sha) in &f.attachments {
                        sqlx::query("INSERT INTO filing_attachments (filing_id, sha256, slot) VALUES ($1, $2, $3)")
                            .bind(filing.id)
                            .bind(sha)
                            .bind(slot)
                            .execute(&mut *$tx)
                            .await?;
                    }
                    Ok($crate::filings::Stored::New(filing))
                }
                // Another request stored the same client id between our look and our insert
                // (PostgreSQL, read committed): read what it stored.
                None => {
                    let row = sqlx::query(&format!("SELECT {} FROM filings WHERE client_id = $1", $crate::filings::store::COLUMNS))
                        .bind(&f.client_id)
                        .fetch_one(&mut *$tx)
                        .await?;
                    Ok($crate::filings::Stored::Existing($crate::filings::store::stored(&row)?))
                }
            }
        }
        .await
    }};
}
pub(crate) use insert_filing;

macro_rules! impl_filing_store {
    ($store:ty) => {
        #[async_trait]
        impl FilingStore for $store {
            async fn store_filings(&self, filings: &[NewFiling], day: &str, now: i64) -> Result<Vec<Stored>, StoreError> {
                let mut tx = self.begin_write().await?;
                let mut out = Vec::with_capacity(filings.len());
                for f in filings {
                    out.push(insert_filing!(&mut *tx, f, day, now)?);
                }
                tx.commit().await?;
                Ok(out)
            }

            async fn filing_by_receipt(&self, receipt_no: &str) -> Result<Option<StoredFiling>, StoreError> {
                let row = sqlx::query(&format!("SELECT {COLUMNS} FROM filings WHERE receipt_no = $1"))
                    .bind(receipt_no)
                    .fetch_optional(&self.pool)
                    .await?;
                Ok(row.as_ref().map(stored).transpose()?)
            }

            async fn filing_by_client_id(&self, client_id: &str) -> Result<Option<StoredFiling>, StoreError> {
                let row = sqlx::query(&format!("SELECT {COLUMNS} FROM filings WHERE client_id = $1"))
                    .bind(client_id)
                    .fetch_optional(&self.pool)
                    .await?;
                Ok(row.map(|r| stored(&r)).transpose()?)
            }

            async fn subject_taken(&self, kind: &str, subject: &str, except_client_id: &str) -> Result<bool, StoreError> {
                let n: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM filings WHERE kind = $1 AND subject = $2 AND client_id <> $3",
                )
                .bind(kind)
                .bind(subject)
                .bind(except_client_id)
                .fetch_one(&self.pool)
                .await?;
                Ok(n > 0)
            }

            async fn filing_payload(&self, client_id: &str) -> Result<Option<Vec<u8>>, StoreError> {
                Ok(sqlx::query_scalar("SELECT payload FROM filings WHERE client_id = $1")
                    .bind(client_id)
                    .fetch_optional(&self.pool)
                    .await?)
            }

            async fn filing_attachments(&self, client_id: &str) -> Result<Vec<(String, String, String, i64)>, StoreError> {
                let rows = sqlx::query(
                    "SELECT fa.slot, fa.sha256, a.mime, a.size FROM filing_attachments fa \
                     JOIN filings f ON f.id = fa.filing_id JOIN attachments a ON a.sha256 = fa.sha256 \
                     WHERE f.client_id = $1 ORDER BY fa.slot",
                )
                .bind(client_id)
                .fetch_all(&self.pool)
                .await?;
                rows.iter()
                    .map(|r| Ok((r.try_get("slot")?, r.try_get("sha256")?, r.try_get("mime")?, r.try_get("size")?)))
                    .collect::<Result<_, sqlx::Error>>()
                    .map_err(StoreError::from)
            }

            async fn count_filings(&self) -> Result<i64, StoreError> {
                Ok(sqlx::query_scalar("SELECT COUNT(*) FROM filings").fetch_one(&self.pool).await?)
            }

            async fn all_filings(&self) -> Result<Vec<StoredFiling>, StoreError> {
                let rows = sqlx::query(&format!("SELECT {COLUMNS} FROM filings ORDER BY id")).fetch_all(&self.pool).await?;
                Ok(rows.iter().map(stored).collect::<Result<_, _>>()?)
            }
        }
    };
}

impl_filing_store!(SqliteStore);
impl_filing_store!(PgStore);
