//! Base adjustments (基数调整) waiting for their second pair of eyes, as stored
//! (`office_base_adjustments`). A confirmation is one transaction: the conditional update —
//! only a pending adjustment, only by an account other than the proposer (the table's CHECK
//! says the same) — the base itself, set with the ledger's own macro and its event, and the
//! audit entry; so two supervisors deciding at once cannot both win, and a returned adjustment
//! never touched the ledger.

use app::api::office::{BaseAdjustment, BatchStatus, UnitHit};
use app::domain::Fen;
use async_trait::async_trait;
use sqlx::Row;

use crate::ledger::events::insert_event;
use crate::ledger::relationships::set_bases;
use crate::store::{insert_audit, AuditEntry, PgStore, SqliteStore, StoreError};

/// A checked adjustment to keep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAdjustment {
    pub person_id: i64,
    pub unit_id: i64,
    pub year: i64,
    pub monthly_base: i64,
    pub reason: String,
    pub submitted_by: i64,
}

#[async_trait]
pub trait AdjustStore: Send + Sync {
    /// The units the person has or had a relationship with, by name.
    async fn person_units(&self, person_id: i64) -> Result<Vec<UnitHit>, StoreError>;
    /// Keeps an adjustment as pending, with the base declared now as its `previous`, and its
    /// audit entry (whose target it fills in).
    async fn adjust_submit(&self, a: &NewAdjustment, audit: &AuditEntry, now: i64) -> Result<i64, StoreError>;
    /// The latest `limit` adjustments (of one person, or all), newest first.
    async fn adjust_recent(&self, person_id: Option<i64>, limit: i64) -> Result<Vec<BaseAdjustment>, StoreError>;
    async fn adjust_get(&self, id: i64) -> Result<Option<BaseAdjustment>, StoreError>;
    /// Decides a pending adjustment by `by`: confirmed (`return_reason: None`: the base is set)
    /// or returned. `false` when it is not pending any more, or `by` proposed it (nothing was
    /// written then).
    async fn adjust_decide(&self, id: i64, by: i64, return_reason: Option<&str>, audit: &AuditEntry, now: i64) -> Result<bool, StoreError>;
}

const SELECT: &str = "SELECT a.id, a.person_id, p.name AS person_name, a.unit_id, u.name AS unit_name, a.year, a.declared, a.previous, a.reason, \
     a.status, a.submitted_by, a.submitted_at, a.decided_by, a.decided_at, a.return_reason \
     FROM office_base_adjustments a JOIN ledger_persons p ON p.id = a.person_id JOIN ledger_units u ON u.id = a.unit_id";

fn status(s: &str) -> BatchStatus {
    match s {
        "applied" => BatchStatus::Applied,
        "returned" => BatchStatus::Returned,
        _ => BatchStatus::Pending,
    }
}

macro_rules! impl_adjust_store {
    ($store:ty, $row:ty) => {
        fn adjustment_of(r: &$row) -> Result<BaseAdjustment, sqlx::Error> {
            Ok(BaseAdjustment {
                id: r.try_get("id")?,
                person: r.try_get("person_id")?,
                person_name: r.try_get("person_name")?,
                unit: r.try_get("unit_id")?,
                unit_name: r.try_get("unit_name")?,
                year: r.try_get("year")?,
                monthly_base: Fen(r.try_get("declared")?),
                previous: r.try_get::<Option<i64>, _>("previous")?.map(Fen),
                reason: r.try_get("reason")?,
                status: status(r.try_get::<String, _>("status")?.as_str()),
                submitted_by: r.try_get("submitted_by")?,
                submitted_at: r.try_get("submitted_at")?,
                decided_by: r.try_get("decided_by")?,
                decided_at: r.try_get("decided_at")?,
                return_reason: r.try_get("return_reason")?,
            })
        }

        #[async_trait]
        impl AdjustStore for $store {
            async fn person_units(&self, person_id: i64) -> Result<Vec<UnitHit>, StoreError> {
                let rows = sqlx::query(
                    "SELECT u.id, u.name, u.credit_code FROM ledger_units u \
                     WHERE u.id IN (SELECT unit_id FROM ledger_relationships WHERE person_id = $1) ORDER BY u.name, u.id",
                )
                .bind(person_id)
                .fetch_all(&self.pool)
                .await?;
                rows.iter()
                    .map(|r| Ok(UnitHit { unit: r.try_get("id")?, name: r.try_get("name")?, credit_code: r.try_get("credit_code")? }))
                    .collect::<Result<_, sqlx::Error>>()
                    .map_err(StoreError::from)
            }

            async fn adjust_submit(&self, a: &NewAdjustment, audit: &AuditEntry, now: i64) -> Result<i64, StoreError> {
                let mut tx = self.begin_write().await?;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO office_base_adjustments (person_id, unit_id, year, declared, previous, reason, status, submitted_by, submitted_at) \
                     VALUES ($1, $2, $3, $4, (SELECT declared FROM ledger_bases WHERE person_id = $1 AND unit_id = $2 AND year = $3), $5, 'pending', $6, $7) \
                     RETURNING id",
                )
                .bind(a.person_id)
                .bind(a.unit_id)
                .bind(a.year)
                .bind(a.monthly_base)
                .bind(&a.reason)
                .bind(a.submitted_by)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
                let entry = AuditEntry { target: Some(format!("base_adjustment:{id}")), ..audit.clone() };
                insert_audit!(&mut *tx, &entry, now)?;
                tx.commit().await?;
                Ok(id)
            }

            async fn adjust_recent(&self, person_id: Option<i64>, limit: i64) -> Result<Vec<BaseAdjustment>, StoreError> {
                // `$1 IS NULL` would need a typed NULL in PostgreSQL: two queries instead.
                let rows = match person_id {
                    Some(p) => {
                        let sql = format!("{SELECT} WHERE a.person_id = $1 ORDER BY a.id DESC LIMIT $2");
                        sqlx::query(&sql).bind(p).bind(limit).fetch_all(&self.pool).await?
                    }
                    None => {
                        let sql = format!("{SELECT} ORDER BY a.id DESC LIMIT $1");
                        sqlx::query(&sql).bind(limit).fetch_all(&self.pool).await?
                    }
                };
                rows.iter().map(adjustment_of).collect::<Result<_, sqlx::Error>>().map_err(StoreError::from)
            }

            async fn adjust_get(&self, id: i64) -> Result<Option<BaseAdjustment>, StoreError> {
                let row = sqlx::query(&format!("{SELECT} WHERE a.id = $1")).bind(id).fetch_optional(&self.pool).await?;
                row.as_ref().map(adjustment_of).transpose().map_err(StoreError::from)
            }

            async fn adjust_decide(&self, id: i64, by: i64, return_reason: Option<&str>, audit: &AuditEntry, now: i64) -> Result<bool, StoreError> {
                let status = if return_reason.is_some() { "returned" } else { "applied" };
                let mut tx = self.begin_write().await?;
                let done = sqlx::query(
                    "UPDATE office_base_adjustments SET status = $1, decided_by = $2, decided_at = $3, return_reason = $4 \
                     WHERE id = $5 AND status = 'pending' AND submitted_by <> $2",
                )
                .bind(status)
                .bind(by)
                .bind(now)
                .bind(return_reason)
                .bind(id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if done != 1 {
                    return Ok(false);
                }
                if return_reason.is_none() {
                    let (unit_id, year, declared, id_index): (i64, i64, i64, String) = sqlx::query_as(
                        "SELECT a.unit_id, a.year, a.declared, p.id_index FROM office_base_adjustments a \
                         JOIN ledger_persons p ON p.id = a.person_id WHERE a.id = $1",
                    )
                    .bind(id)
                    .fetch_one(&mut *tx)
                    .await?;
                    let why = format!("base adjustment {id}");
                    set_bases!(&mut *tx, unit_id, year, &[(id_index, declared)], None, Some(by), now, &why)?;
                }
                let entry = AuditEntry { target: Some(format!("base_adjustment:{id}")), ..audit.clone() };
                insert_audit!(&mut *tx, &entry, now)?;
                tx.commit().await?;
                Ok(true)
            }
        }
    };
}

mod sqlite {
    use super::*;
    impl_adjust_store!(SqliteStore, sqlx::sqlite::SqliteRow);
}

mod postgres {
    use super::*;
    impl_adjust_store!(PgStore, sqlx::postgres::PgRow);
}
