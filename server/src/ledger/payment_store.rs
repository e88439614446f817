//! 到账 as stored: a file's payments in one transaction — all of them or none — each reference
//! taken once for ever (a reference seen before with the same content is skipped, with other
//! content it refuses the file); each unit-month's paid total kept with them, and the personal
//! accounts credited for every month the payments settle.

use async_trait::async_trait;
use sqlx::Row;

use super::assessments::credit_accounts;
use super::events::{insert_event, Event};
use crate::store::{PgStore, SqliteStore, StoreError};

/// A checked payment, its unit found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payment {
    /// The file's line (the header is line 1; JSON: the item's number from 1).
    pub line: u64,
    pub unit_id: i64,
    /// `YYYY-MM`.
    pub month: String,
    pub amount: i64,
    pub reference: String,
    /// `YYYY-MM-DD`.
    pub paid_on: String,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Imported {
    pub import_id: i64,
    /// Payments taken now.
    pub taken: u64,
    /// Payments whose reference was taken before, with the same content.
    pub already: u64,
    /// Σ of the payments taken now, in fen.
    pub total: i64,
}

#[async_trait]
pub trait PaymentStore: Send + Sync {
    /// Takes the payments, all or none: `Ok(Err(lines))` names the payments whose reference
    /// was taken before with other content (nothing was stored).
    async fn import_payments(&self, payments: &[Payment], file_sha256: &str, actor: Option<i64>, now: i64) -> Result<Result<Imported, Vec<u64>>, StoreError>;
    /// Σ of all payments (the fault run's check).
    async fn payments_total(&self) -> Result<i64, StoreError>;
}

macro_rules! impl_payment_store {
    ($store:ty) => {
        #[async_trait]
        impl PaymentStore for $store {
            async fn import_payments(&self, payments: &[Payment], file_sha256: &str, actor: Option<i64>, now: i64) -> Result<Result<Imported, Vec<u64>>, StoreError> {
                let mut tx = self.begin_write().await?;
                let import_id: i64 = sqlx::query_scalar(
                    "INSERT INTO ledger_payment_imports (file_sha256, rows_taken, total, actor, created_at) VALUES ($1, 0, 0, $2, $3) RETURNING id",
                )
                .bind(file_sha256)
                .bind(actor)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
                let mut out = Imported { import_id, ..Default::default() };
                let mut conflicts = Vec::new();
                // (unit, month) → Σ taken now.
                let mut settled: std::collections::BTreeMap<(i64, String), i64> = std::collections::BTreeMap::new();
                for p in payments {
                    let id: Option<i64> = sqlx::query_scalar(
                        "INSERT INTO ledger_payments (reference, unit_id, month, amount, paid_on, import_id, created_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (reference) DO NOTHING RETURNING id",
                    )
                    .bind(&p.reference)
                    .bind(p.unit_id)
                    .bind(&p.month)
                    .bind(p.amount)
                    .bind(&p.paid_on)
                    .bind(import_id)
                    .bind(now)
                    .fetch_optional(&mut *tx)
                    .await?;
                    if id.is_some() {
                        out.taken += 1;
                        out.total += p.amount;
                        *settled.entry((p.unit_id, p.month.clone())).or_default() += p.amount;
                        continue;
                    }
                    let before = sqlx::query("SELECT unit_id, month, amount, paid_on FROM ledger_payments WHERE reference = $1")
                        .bind(&p.reference)
                        .fetch_one(&mut *tx)
                        .await?;
                    let same = before.try_get::<i64, _>("unit_id")? == p.unit_id
                        && before.try_get::<String, _>("month")? == p.month
                        && before.try_get::<i64, _>("amount")? == p.amount
                        && before.try_get::<String, _>("paid_on")? == p.paid_on;
                    if same {
                        out.already += 1;
                    } else {
                        conflicts.push(p.line);
                    }
                }
                if !conflicts.is_empty() {
                    tx.rollback().await?;
                    return Ok(Err(conflicts));
                }
                sqlx::query("UPDATE ledger_payment_imports SET rows_taken = $1, total = $2 WHERE id = $3")
                    .bind(out.taken as i64)
                    .bind(out.total)
                    .bind(import_id)
                    .execute(&mut *tx)
                    .await?;
                for ((unit, month), amount) in &settled {
                    sqlx::query(
                        "INSERT INTO ledger_statements (unit_id, month, assessed_at, due, paid, updated_at) VALUES ($1, $2, NULL, 0, $3, $4) \
                         ON CONFLICT (unit_id, month) DO UPDATE SET paid = ledger_statements.paid + excluded.paid, updated_at = excluded.updated_at",
                    )
                    .bind(unit)
                    .bind(month)
                    .bind(amount)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                    credit_accounts!(&mut *tx, *unit, month.as_str(), now)?;
                    let detail = serde_json::json!({ "why": "collection record imported", "import": import_id, "amount": amount }).to_string();
                    let event = Event { actor, action: "payment", unit_id: Some(*unit), month: Some(month.clone()), detail, ..Default::default() };
                    insert_event!(&mut *tx, &event, now)?;
                }
                tx.commit().await?;
                Ok(Ok(out))
            }

            async fn payments_total(&self) -> Result<i64, StoreError> {
                Ok(sqlx::query_scalar("SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM ledger_payments").fetch_one(&self.pool).await?)
            }
        }
    };
}

impl_payment_store!(SqliteStore);
impl_payment_store!(PgStore);
