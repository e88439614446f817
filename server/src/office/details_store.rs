//! A person's details as the back office keeps them (`office_person_details`: the cards, the
//! mobile number and the two addresses, each sealed), with their change history
//! (`office_person_changes`: the before and after of each change, sealed, by whom, when). A
//! name correction changes the ledger's own name (`ledger_persons.name`) and is kept in the same
//! history. A change of several fields, their history rows and audit entries are one
//! transaction.

use async_trait::async_trait;
use sqlx::Row;

use crate::store::{AuditEntry, PgStore, SqliteStore, StoreError};

/// The details kept in `office_person_details`, each a sealed column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DetailField {
    Mobile,
    HouseholdAddress,
    ContactAddress,
    BankCard,
    SscNumber,
}

impl DetailField {
    pub const ALL: [DetailField; 5] = [DetailField::Mobile, DetailField::HouseholdAddress, DetailField::ContactAddress, DetailField::BankCard, DetailField::SscNumber];

    /// Its column, and its name in the history and on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            DetailField::Mobile => "mobile",
            DetailField::HouseholdAddress => "household_address",
            DetailField::ContactAddress => "contact_address",
            DetailField::BankCard => "bank_card",
            DetailField::SscNumber => "ssc_number",
        }
    }
}

/// The history's name for a name correction.
pub const NAME: &str = "name";

/// A name correction: the name it corrects (the change is refused if the ledger's name is no
/// longer that one), the new name, and both sealed for the history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rename {
    pub from: String,
    pub to: String,
    pub from_sealed: Vec<u8>,
    pub to_sealed: Vec<u8>,
}

/// A person's sealed details (in the order of [`DetailField::ALL`]) and their history
/// `(field, at, actor)`, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoredDetails {
    pub sealed: [Option<Vec<u8>>; 5],
    pub changes: Vec<(String, i64, i64)>,
}

impl StoredDetails {
    pub fn get(&self, field: DetailField) -> Option<&Vec<u8>> {
        self.sealed[DetailField::ALL.iter().position(|f| *f == field).unwrap_or_default()].as_ref()
    }
}

#[async_trait]
pub trait DetailStore: Send + Sync {
    async fn details_get(&self, person_id: i64) -> Result<StoredDetails, StoreError>;
    /// Sets each field to its sealed value and corrects the name, keeping each value before in
    /// the history, with an audit line per field (`audit`, its detail naming the field): all of
    /// them or none. `false` (and nothing changed) when the name was no longer `rename.from`.
    async fn details_set(&self, person_id: i64, changes: &[(DetailField, Vec<u8>)], rename: Option<&Rename>, actor: i64, audit: &AuditEntry, now: i64) -> Result<bool, StoreError>;
}

/// Sets each field and corrects the name inside a caller's transaction (the counter's own, or a
/// case's approval): `false` when the name was no longer `rename.from` (the caller rolls back).
macro_rules! set_details {
    ($tx:expr, $person_id:expr, $changes:expr, $rename:expr, $actor:expr, $audit:expr, $now:expr) => {{
        let (person_id, changes, rename, actor, audit, now): (i64, &[($crate::office::details_store::DetailField, Vec<u8>)], Option<&$crate::office::details_store::Rename>, i64, &$crate::store::AuditEntry, i64) = ($person_id, $changes, $rename, $actor, $audit, $now);
        async {
            let mut history: Vec<(&str, Option<Vec<u8>>, &[u8])> = Vec::new();
            if let Some(r) = rename {
                let renamed = sqlx::query("UPDATE ledger_persons SET name = $1 WHERE id = $2 AND name = $3")
                    .bind(&r.to)
                    .bind(person_id)
                    .bind(&r.from)
                    .execute(&mut *$tx)
                    .await?
                    .rows_affected();
                if renamed != 1 {
                    return Ok::<bool, $crate::store::StoreError>(false);
                }
                history.push(($crate::office::details_store::NAME, Some(r.from_sealed.clone()), &r.to_sealed));
            }
            for (field, after) in changes {
                let field = field.as_str();
                let before: Option<Option<Vec<u8>>> = sqlx::query_scalar(&format!("SELECT {field} FROM office_person_details WHERE person_id = $1"))
                    .bind(person_id)
                    .fetch_optional(&mut *$tx)
                    .await?;
                sqlx::query(&format!(
                    "INSERT INTO office_person_details (person_id, {field}, updated_at) VALUES ($1, $2, $3) \
                     ON CONFLICT (person_id) DO UPDATE SET {field} = excluded.{field}, updated_at = excluded.updated_at"
                ))
                .bind(person_id)
                .bind(after)
                .bind(now)
                .execute(&mut *$tx)
                .await?;
                history.push((field, before.flatten(), after));
            }
            for (field, before, after) in history {
                sqlx::query("INSERT INTO office_person_changes (person_id, field, before, after, actor, at) VALUES ($1, $2, $3, $4, $5, $6)")
                    .bind(person_id)
                    .bind(field)
                    .bind(before)
                    .bind(after)
                    .bind(actor)
                    .bind(now)
                    .execute(&mut *$tx)
                    .await?;
                let entry = $crate::store::AuditEntry { detail: Some(format!("field={field}")), ..audit.clone() };
                $crate::store::insert_audit!(&mut *$tx, &entry, now)?;
            }
            Ok::<bool, $crate::store::StoreError>(true)
        }
        .await
    }};
}
pub(crate) use set_details;

macro_rules! impl_detail_store {
    ($store:ty) => {
        #[async_trait]
        impl DetailStore for $store {
            async fn details_get(&self, person_id: i64) -> Result<StoredDetails, StoreError> {
                let mut out = StoredDetails::default();
                if let Some(r) = sqlx::query("SELECT mobile, household_address, contact_address, bank_card, ssc_number FROM office_person_details WHERE person_id = $1")
                    .bind(person_id)
                    .fetch_optional(&self.pool)
                    .await?
                {
                    for (i, field) in DetailField::ALL.iter().enumerate() {
                        out.sealed[i] = r.try_get(field.as_str())?;
                    }
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

            async fn details_set(&self, person_id: i64, changes: &[(DetailField, Vec<u8>)], rename: Option<&Rename>, actor: i64, audit: &AuditEntry, now: i64) -> Result<bool, StoreError> {
                let mut tx = self.begin_write().await?;
                if !set_details!(&mut *tx, person_id, changes, rename, actor, audit, now)? {
                    return Ok(false);
                }
                tx.commit().await?;
                Ok(true)
            }
        }
    };
}

impl_detail_store!(SqliteStore);
impl_detail_store!(PgStore);
