//! 协助认证 as stored: the pensioners due in an area (the field worker's list) and the field
//! workers' visits (`pension_field_visits`) until an operator confirms or returns them.
//!
//! - [`VisitStore::visit_file`] keeps a visit once per filing (a retried sync writes nothing);
//! - [`VisitStore::visit_decide`] is one transaction: the conditional update (only a pending
//!   visit, only by an account other than the worker; the table's CHECK says the same), on
//!   confirmation the certification on the visit's day (`certify_claim!`), and the audit entry.

use app::domain::Date;
use async_trait::async_trait;
use sqlx::Row;

use super::store::certify_claim;
use crate::ledger::relationships::LATEST_PENSION_RELATIONSHIP;
use crate::store::{insert_audit, AuditEntry, PgStore, SqliteStore, StoreError};

/// A pensioner as the due list needs them: the claim, the person (ID number sealed), the day of
/// the latest certification and the division of their pension relationship.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pensioner {
    pub claim: i64,
    pub name: String,
    pub id_index: String,
    pub id_sealed: Vec<u8>,
    pub certified_on: Option<Date>,
    pub region: i64,
}

/// A field worker's visit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visit {
    pub id: i64,
    pub claim: i64,
    pub client_id: String,
    pub seen_on: Date,
    pub filed_by: i64,
    pub filed_at: i64,
    pub status: String,
    pub return_reason: Option<String>,
    pub pensioner: Pensioner,
}

#[async_trait]
pub trait VisitStore: Send + Sync {
    /// Approved claims whose pension relationship lies in `region` (an inclusive range of
    /// division codes; every region without one), the longest since certified first.
    async fn pensioners(&self, region: Option<(i64, i64)>, limit: i64) -> Result<Vec<Pensioner>, StoreError>;
    /// One approved claim's pensioner.
    async fn pensioner(&self, claim: i64) -> Result<Option<Pensioner>, StoreError>;
    /// Keeps a visit, pending; nothing when the filing's visit is kept already.
    async fn visit_file(&self, claim: i64, client_id: &str, seen_on: Date, by: i64, now: i64) -> Result<(), StoreError>;
    async fn visit_get(&self, id: i64) -> Result<Option<Visit>, StoreError>;
    /// The latest visits of a status in `region`, oldest first.
    async fn visits(&self, status: &str, region: Option<(i64, i64)>, limit: i64) -> Result<Vec<Visit>, StoreError>;
    /// Confirms (`return_reason: None`: the claim is certified on the visit's day) or returns a
    /// pending visit; `false` when it is not pending any more, `by` filed it, or the claim is
    /// not being paid (nothing was written then).
    async fn visit_decide(&self, id: i64, by: i64, return_reason: Option<&str>, audit: &AuditEntry, now: i64) -> Result<bool, StoreError>;
    /// The visits among `client_ids` that `account` filed, as the filing device learns them:
    /// (client id, status, the reason it was returned, when it last changed).
    async fn visits_sent_by(&self, account: i64, client_ids: &[String]) -> Result<Vec<(String, String, Option<String>, i64)>, StoreError>;
}

/// The claim, its person and the division of the person's latest pension relationship.
fn pensioner_query() -> String {
    format!(
        "SELECT c.id AS claim, p.name, p.id_index, p.id_sealed, c.certified_on, r.region \
         FROM pension_claims c JOIN ledger_persons p ON p.id = c.person_id JOIN ledger_relationships r ON r.id = ({LATEST_PENSION_RELATIONSHIP}) \
         WHERE c.status = 'applied'"
    )
}

fn visit_query() -> String {
    format!(
        "SELECT v.id, v.claim_id, v.client_id, v.seen_on, v.filed_by, v.filed_at, v.status, v.return_reason, p.name, p.id_index, p.id_sealed, c.certified_on, r.region \
         FROM pension_field_visits v JOIN pension_claims c ON c.id = v.claim_id JOIN ledger_persons p ON p.id = c.person_id \
         JOIN ledger_relationships r ON r.id = ({LATEST_PENSION_RELATIONSHIP})"
    )
}

fn day(text: &str) -> Result<Date, sqlx::Error> {
    Date::parse_iso(text).ok_or_else(|| sqlx::Error::Decode(format!("a day: {text:?}").into()))
}

macro_rules! impl_visit_store {
    ($store:ty, $row:ty) => {
        fn pensioner_of(r: &$row, claim: &str) -> Result<Pensioner, sqlx::Error> {
            Ok(Pensioner {
                claim: r.try_get(claim)?,
                name: r.try_get("name")?,
                id_index: r.try_get("id_index")?,
                id_sealed: r.try_get("id_sealed")?,
                certified_on: r.try_get::<Option<String>, _>("certified_on")?.as_deref().map(day).transpose()?,
                region: r.try_get("region")?,
            })
        }

        fn visit_of(r: &$row) -> Result<Visit, sqlx::Error> {
            Ok(Visit {
                id: r.try_get("id")?,
                claim: r.try_get("claim_id")?,
                client_id: r.try_get("client_id")?,
                seen_on: day(&r.try_get::<String, _>("seen_on")?)?,
                filed_by: r.try_get("filed_by")?,
                filed_at: r.try_get("filed_at")?,
                status: r.try_get("status")?,
                return_reason: r.try_get("return_reason")?,
                pensioner: pensioner_of(r, "claim_id")?,
            })
        }

        #[async_trait]
        impl VisitStore for $store {
            async fn pensioners(&self, region: Option<(i64, i64)>, limit: i64) -> Result<Vec<Pensioner>, StoreError> {
                let (lo, hi) = region.unwrap_or((0, i64::MAX));
                let rows = sqlx::query(&format!("{} AND r.region BETWEEN $1 AND $2 ORDER BY c.certified_on, c.id LIMIT $3", pensioner_query()))
                    .bind(lo)
                    .bind(hi)
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await?;
                rows.iter().map(|r| pensioner_of(r, "claim")).collect::<Result<_, _>>().map_err(StoreError::from)
            }

            async fn pensioner(&self, claim: i64) -> Result<Option<Pensioner>, StoreError> {
                let row = sqlx::query(&format!("{} AND c.id = $1", pensioner_query())).bind(claim).fetch_optional(&self.pool).await?;
                row.as_ref().map(|r| pensioner_of(r, "claim")).transpose().map_err(StoreError::from)
            }

            async fn visit_file(&self, claim: i64, client_id: &str, seen_on: Date, by: i64, now: i64) -> Result<(), StoreError> {
                sqlx::query(
                    "INSERT INTO pension_field_visits (claim_id, client_id, seen_on, filed_by, filed_at, status) VALUES ($1, $2, $3, $4, $5, 'pending') \
                     ON CONFLICT (client_id) DO NOTHING",
                )
                .bind(claim)
                .bind(client_id)
                .bind(seen_on.iso())
                .bind(by)
                .bind(now)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn visit_get(&self, id: i64) -> Result<Option<Visit>, StoreError> {
                let row = sqlx::query(&format!("{} WHERE v.id = $1", visit_query())).bind(id).fetch_optional(&self.pool).await?;
                row.as_ref().map(visit_of).transpose().map_err(StoreError::from)
            }

            async fn visits(&self, status: &str, region: Option<(i64, i64)>, limit: i64) -> Result<Vec<Visit>, StoreError> {
                let (lo, hi) = region.unwrap_or((0, i64::MAX));
                let rows = sqlx::query(&format!("{} WHERE v.status = $1 AND r.region BETWEEN $2 AND $3 ORDER BY v.id LIMIT $4", visit_query()))
                    .bind(status)
                    .bind(lo)
                    .bind(hi)
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await?;
                rows.iter().map(visit_of).collect::<Result<_, _>>().map_err(StoreError::from)
            }

            async fn visit_decide(&self, id: i64, by: i64, return_reason: Option<&str>, audit: &AuditEntry, now: i64) -> Result<bool, StoreError> {
                let status = if return_reason.is_some() { "returned" } else { "confirmed" };
                let mut tx = self.begin_write().await?;
                let visit: Option<(i64, String, i64)> = sqlx::query_as(
                    "UPDATE pension_field_visits SET status = $1, decided_by = $2, decided_at = $3, return_reason = $4 \
                     WHERE id = $5 AND status = 'pending' AND filed_by <> $2 RETURNING claim_id, seen_on, filed_by",
                )
                .bind(status)
                .bind(by)
                .bind(now)
                .bind(return_reason)
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
                let Some((claim, seen_on, filed_by)) = visit else { return Ok(false) };
                if return_reason.is_none() && !certify_claim!(&mut *tx, claim, day(&seen_on)?, "field", Some(filed_by), now)? {
                    return Ok(false);
                }
                let entry = AuditEntry { target: Some(format!("pension_claim:{claim}")), ..audit.clone() };
                insert_audit!(&mut *tx, &entry, now)?;
                tx.commit().await?;
                Ok(true)
            }

            async fn visits_sent_by(&self, account: i64, client_ids: &[String]) -> Result<Vec<(String, String, Option<String>, i64)>, StoreError> {
                let mut out = Vec::new();
                for client in client_ids {
                    let row = sqlx::query_as(
                        "SELECT client_id, status, return_reason, COALESCE(decided_at, filed_at) FROM pension_field_visits WHERE client_id = $1 AND filed_by = $2",
                    )
                    .bind(client)
                    .bind(account)
                    .fetch_optional(&self.pool)
                    .await?;
                    out.extend(row);
                }
                Ok(out)
            }
        }
    };
}

mod sqlite {
    use super::*;
    impl_visit_store!(SqliteStore, sqlx::sqlite::SqliteRow);
}

mod postgres {
    use super::*;
    impl_visit_store!(PgStore, sqlx::postgres::PgRow);
}
