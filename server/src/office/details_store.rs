//! A person's cards as stored (`office_person_details`), with their change history
//! (`office_person_changes`: the before and after of each change, sealed, by whom, when). A
//! change of one or both cards, their history rows and audit entries are one transaction.

use async_trait::async_trait;
use sqlx::Row;

use crate::store::{insert_audit, AuditEntry, PgStore, SqliteStore, StoreError};

/// The cards kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardField {
    BankCard,
    SscNumber,
}

impl CardField {
    /// Its column, and its name in the history and on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            CardField::BankCard => "bank_card",
            CardField::SscNumber => "ssc_number",
        }
    }
}

/// A person's sealed cards and their history `(field, at, actor)`, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoredDetails {
    pub bank_card: Option<Vec<u8>>,
    pub ssc_number: Option<Vec<u8>>,
    pub changes: Vec<(String, i64, i64)>,
}

#[async_trait]
pub trait DetailStore: Send + Sync {
    async fn details_get(&self, person_id: i64) -> Result<StoredDetails, StoreError>;
    /// Sets each field to its sealed value, keeping the value before in the history, with an
    /// audit line per field (`audit`, its detail naming the field): all of them or none.
    async fn details_set(&self, person_id: i64, changes: &[(CardField, Vec<u8>)], actor: i64, audit: &AuditEntry, now: i64) -> Result<(), StoreError>;
}

macro_rules! impl_detail_store {
    ($store:ty) => {
        #[async_trait]
        impl DetailStore for $store {
            async fn details_get(&self, person_id: i64) -> Result<StoredDetails, StoreError> {
                let mut out = StoredDetails::default();
                if let Some(r) = sqlx::query("SELECT bank_card, ssc_number FROM office_person_details WHERE person_id = $1")
                    .bind(person_id)
                    .fetch_optional(&self.pool)
                    .await?
                {
                    out.bank_card = r.try_get("bank_card")?;
                    out.ssc_number = r.try_get("ssc_number")?;
                }
                let rows = sqlx::query("SELECT field, at, actor FROM office_person_changes WHERE person_id = $1 ORDER BY id DESC LIMIT 100")
                    .bind(person_id)
                    .fetch_all(&self.pool)
                    .await?;
                for r in rows {
                    out.changes.push((r.try_get("field")?, r.try_get("at")?, r.try_get("actor")?));
                }
                Ok(out)
            }

            async fn details_set(&self, person_id: i64, changes: &[(CardField, Vec<u8>)], actor: i64, audit: &AuditEntry, now: i64) -> Result<(), StoreError> {
                let mut tx = self.begin_write().await?;
                for (field, after) in changes {
                    let field = field.as_str();
                    let before: Option<Option<Vec<u8>>> = sqlx::query_scalar(&format!("SELECT {field} FROM office_person_details WHERE person_id = $1"))
                        .bind(person_id)
                        .fetch_optional(&mut *tx)
                        .await?;
                    sqlx::query(&format!(
                        "INSERT INTO office_person_details (person_id, {field}, updated_at) VALUES ($1, $2, $3) \
                         ON CONFLICT (person_id) DO UPDATE SET {field} = excluded.{field}, updated_at = excluded.updated_at"
                    ))
                    .bind(person_id)
                    .bind(after)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                    sqlx::query("INSERT INTO office_person_changes (person_id, field, before, after, actor, at) VALUES ($1, $2, $3, $4, $5, $6)")
                        .bind(person_id)
                        .bind(field)
                        .bind(before.flatten())
                        .bind(after)
                        .bind(actor)
                        .bind(now)
                        .execute(&mut *tx)
                        .await?;
                    let entry = AuditEntry { detail: Some(format!("field={field}")), ..audit.clone() };
                    insert_audit!(&mut *tx, &entry, now)?;
                }
                tx.commit().await?;
                Ok(())
            }
        }
    };
}

impl_detail_store!(SqliteStore);
impl_detail_store!(PgStore);
