//! Employer registrations under review and the history of each. A decision is one transaction:
//! the status moves only from the state the reviewer saw (two reviewers cannot both decide),
//! the event and the audit entry are written with it, and an approval creates the employer's
//! account from the approved application and closes the unit's other open applications.

use async_trait::async_trait;
use sqlx::Row;

use crate::store::{insert_audit, AuditEntry};
use crate::store::{PgStore, SqliteStore, StoreError};

/// An application to record when its filing is accepted.
#[derive(Debug, Clone)]
pub struct NewApplication {
    pub filing_client_id: String,
    pub version_of: Option<i64>,
    pub credit_index: String,
    pub unit_name: String,
    pub region: i64,
    pub account_id: Option<i64>,
    pub submitted_at: i64,
    /// `YYYY-MM-DD` in China.
    pub submitted_on: String,
    /// The handler's mobile (blind index) and when a code proved it, if it was.
    pub mobile_index: String,
    pub mobile_verified_at: Option<i64>,
    /// What the three-element check said of the handler: `matched` or `mismatch`.
    pub handler_identity: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Application {
    pub id: i64,
    pub filing_client_id: String,
    pub version_of: Option<i64>,
    pub credit_index: String,
    pub unit_name: String,
    pub region: i64,
    pub status: String,
    pub reasons: Option<String>,
    pub account_id: Option<i64>,
    pub reviewer: Option<i64>,
    pub submitted_at: i64,
    pub submitted_on: String,
    pub updated_at: i64,
    pub mobile_index: Option<String>,
    pub mobile_verified_at: Option<i64>,
    pub handler_identity: Option<String>,
}

/// One change of status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationEvent {
    pub at: i64,
    pub status: String,
    pub actor: Option<i64>,
    pub reasons: Option<String>,
}

/// What the review queue asks for.
#[derive(Debug, Clone, Default)]
pub struct QueueFilter {
    /// Any of these statuses (empty: all).
    pub statuses: Vec<String>,
    /// Division codes `from..=to` (a province, a city or a county).
    pub region: Option<(i64, i64)>,
    /// Submitted on or before this day (`YYYY-MM-DD`): at least so many working days old.
    pub submitted_on_or_before: Option<String>,
    /// Submitted on or after this day: at most so many working days old.
    pub submitted_on_or_after: Option<String>,
    pub limit: i64,
    pub offset: i64,
}

/// A decision to record.
#[derive(Debug, Clone)]
pub struct Transition<'a> {
    pub id: i64,
    /// The status the reviewer saw; the change happens only from it.
    pub from: &'a str,
    pub to: &'a str,
    pub reviewer: i64,
    pub reasons: Option<&'a str>,
    /// With an approval: the unit's account to create (refused if the unit has one), the
    /// reasons (JSON) that close the unit's other open applications, and the unit's record in
    /// the ledger (created unless it has one).
    pub approve: Option<(&'a crate::accounts::NewAccount, &'a str, &'a crate::ledger::NewUnit)>,
}

/// What a transition did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moved {
    Yes,
    No,
    UnitHasAccount,
}

#[async_trait]
pub trait ApplicationStore: Send + Sync {
    /// Records the application, its first event and the audit entry; `Ok(None)` if the filing
    /// has one already.
    async fn application_create(&self, a: &NewApplication, audit: &AuditEntry, now: i64) -> Result<Option<i64>, StoreError>;
    async fn application_get(&self, id: i64) -> Result<Option<Application>, StoreError>;
    async fn application_by_filing(&self, client_id: &str) -> Result<Option<Application>, StoreError>;
    /// Every version for a credit code, newest first.
    async fn applications_by_credit(&self, credit_index: &str) -> Result<Vec<Application>, StoreError>;
    /// Oldest first.
    async fn application_queue(&self, filter: &QueueFilter) -> Result<Vec<Application>, StoreError>;
    async fn application_count(&self, filter: &QueueFilter) -> Result<i64, StoreError>;
    /// `Ok(Moved::No)` if the application was no longer in `from` (someone else decided), and
    /// `Ok(Moved::UnitHasAccount)` if an approval finds the unit's account made already.
    async fn application_transition(&self, t: &Transition<'_>, audit: &AuditEntry, now: i64) -> Result<Moved, StoreError>;
    async fn application_events(&self, id: i64) -> Result<Vec<ApplicationEvent>, StoreError>;
    /// Records that a code proved the handler's mobile of application `id`, with the audit
    /// entry; `Ok(false)` if it was proved already.
    async fn application_mobile_verified(&self, id: i64, audit: &AuditEntry, now: i64) -> Result<bool, StoreError>;
}

const COLUMNS: &str = "id, filing_client_id, version_of, credit_index, unit_name, region, status, reasons, account_id, \
     reviewer, submitted_at, submitted_on, updated_at, mobile_index, mobile_verified_at, handler_identity";

/// The clauses of a queue filter on columns of `prefix` (`""`, or a table alias and a dot), with
/// `$n` placeholders from 1, in bind order ([`bind_filter`]); the case queue adds its own after
/// them.
pub(crate) fn queue_clauses(f: &QueueFilter, prefix: &str) -> Vec<String> {
    let mut clauses = Vec::new();
    let mut n = 0;
    let mut next = || {
        n += 1;
        format!("${n}")
    };
    if !f.statuses.is_empty() {
        let list: Vec<String> = f.statuses.iter().map(|_| next()).collect();
        clauses.push(format!("{prefix}status IN ({})", list.join(", ")));
    }
    if f.region.is_some() {
        clauses.push(format!("{prefix}region BETWEEN {} AND {}", next(), next()));
    }
    if f.submitted_on_or_before.is_some() {
        clauses.push(format!("{prefix}submitted_on <= {}", next()));
    }
    if f.submitted_on_or_after.is_some() {
        clauses.push(format!("{prefix}submitted_on >= {}", next()));
    }
    clauses
}

/// `WHERE` and the clauses, or nothing.
pub(crate) fn where_of(clauses: &[String]) -> String {
    if clauses.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", clauses.join(" AND "))
    }
}

/// `WHERE` clauses for a queue filter, with `$n` placeholders from 1; binds follow in order.
fn queue_where(f: &QueueFilter) -> String {
    where_of(&queue_clauses(f, ""))
}

/// How many values [`bind_filter`] binds.
pub(crate) fn placeholders(f: &QueueFilter) -> usize {
    f.statuses.len()
        + if f.region.is_some() { 2 } else { 0 }
        + usize::from(f.submitted_on_or_before.is_some())
        + usize::from(f.submitted_on_or_after.is_some())
}

macro_rules! bind_filter {
    ($q:expr, $f:expr) => {{
        let mut q = $q;
        for s in &$f.statuses {
            q = q.bind(s.clone());
        }
        if let Some((lo, hi)) = $f.region {
            q = q.bind(lo).bind(hi);
        }
        if let Some(day) = &$f.submitted_on_or_before {
            q = q.bind(day.clone());
        }
        if let Some(day) = &$f.submitted_on_or_after {
            q = q.bind(day.clone());
        }
        q
    }};
}
pub(crate) use bind_filter;

macro_rules! impl_application_store {
    ($store:ty, $row:ty) => {
        fn application(r: &$row) -> Result<Application, sqlx::Error> {
            Ok(Application {
                id: r.try_get("id")?,
                filing_client_id: r.try_get("filing_client_id")?,
                version_of: r.try_get("version_of")?,
                credit_index: r.try_get("credit_index")?,
                unit_name: r.try_get("unit_name")?,
                region: r.try_get("region")?,
                status: r.try_get("status")?,
                reasons: r.try_get("reasons")?,
                account_id: r.try_get("account_id")?,
                reviewer: r.try_get("reviewer")?,
                submitted_at: r.try_get("submitted_at")?,
                submitted_on: r.try_get("submitted_on")?,
                updated_at: r.try_get("updated_at")?,
                mobile_index: r.try_get("mobile_index")?,
                mobile_verified_at: r.try_get("mobile_verified_at")?,
                handler_identity: r.try_get("handler_identity")?,
            })
        }

        #[async_trait]
        impl ApplicationStore for $store {
            async fn application_create(&self, a: &NewApplication, audit: &AuditEntry, now: i64) -> Result<Option<i64>, StoreError> {
                let mut tx = self.begin_write().await?;
                let id: Option<i64> = sqlx::query_scalar(
                    "INSERT INTO employer_applications (filing_client_id, version_of, credit_index, unit_name, region, status, \
                     account_id, submitted_at, submitted_on, updated_at, mobile_index, mobile_verified_at, handler_identity) \
                     VALUES ($1, $2, $3, $4, $5, 'submitted', $6, $7, $8, $9, $10, $11, $12) \
                     ON CONFLICT (filing_client_id) DO NOTHING RETURNING id",
                )
                .bind(&a.filing_client_id)
                .bind(a.version_of)
                .bind(&a.credit_index)
                .bind(&a.unit_name)
                .bind(a.region)
                .bind(a.account_id)
                .bind(a.submitted_at)
                .bind(&a.submitted_on)
                .bind(now)
                .bind(&a.mobile_index)
                .bind(a.mobile_verified_at)
                .bind(&a.handler_identity)
                .fetch_optional(&mut *tx)
                .await?;
                let Some(id) = id else {
                    tx.rollback().await?;
                    return Ok(None);
                };
                sqlx::query("INSERT INTO application_events (application_id, at, status) VALUES ($1, $2, 'submitted')")
                    .bind(id)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                let audit = AuditEntry { target: Some(format!("application:{id}")), ..audit.clone() };
                insert_audit!(&mut *tx, &audit, now)?;
                tx.commit().await?;
                Ok(Some(id))
            }

            async fn application_get(&self, id: i64) -> Result<Option<Application>, StoreError> {
                let row = sqlx::query(&format!("SELECT {COLUMNS} FROM employer_applications WHERE id = $1"))
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?;
                Ok(row.as_ref().map(application).transpose()?)
            }

            async fn application_by_filing(&self, client_id: &str) -> Result<Option<Application>, StoreError> {
                let row = sqlx::query(&format!("SELECT {COLUMNS} FROM employer_applications WHERE filing_client_id = $1"))
                    .bind(client_id)
                    .fetch_optional(&self.pool)
                    .await?;
                Ok(row.as_ref().map(application).transpose()?)
            }

            async fn applications_by_credit(&self, credit_index: &str) -> Result<Vec<Application>, StoreError> {
                let rows = sqlx::query(&format!("SELECT {COLUMNS} FROM employer_applications WHERE credit_index = $1 ORDER BY id DESC"))
                    .bind(credit_index)
                    .fetch_all(&self.pool)
                    .await?;
                Ok(rows.iter().map(application).collect::<Result<_, _>>()?)
            }

            async fn application_queue(&self, f: &QueueFilter) -> Result<Vec<Application>, StoreError> {
                let n = placeholders(f);
                let sql = format!(
                    "SELECT {COLUMNS} FROM employer_applications {} ORDER BY submitted_at, id LIMIT ${} OFFSET ${}",
                    queue_where(f),
                    n + 1,
                    n + 2
                );
                let q = bind_filter!(sqlx::query(&sql), f).bind(f.limit).bind(f.offset);
                let rows = q.fetch_all(&self.pool).await?;
                Ok(rows.iter().map(application).collect::<Result<_, _>>()?)
            }

            async fn application_count(&self, f: &QueueFilter) -> Result<i64, StoreError> {
                let sql = format!("SELECT COUNT(*) FROM employer_applications {}", queue_where(f));
                let q = bind_filter!(sqlx::query_scalar::<_, i64>(&sql), f);
                Ok(q.fetch_one(&self.pool).await?)
            }

            async fn application_transition(&self, t: &Transition<'_>, audit: &AuditEntry, now: i64) -> Result<Moved, StoreError> {
                let mut tx = self.begin_write().await?;
                let changed = sqlx::query(
                    "UPDATE employer_applications SET status = $1, reasons = $2, reviewer = $3, updated_at = $4 \
                     WHERE id = $5 AND status = $6",
                )
                .bind(t.to)
                .bind(t.reasons)
                .bind(t.reviewer)
                .bind(now)
                .bind(t.id)
                .bind(t.from)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if changed == 0 {
                    tx.rollback().await?;
                    return Ok(Moved::No);
                }
                sqlx::query("INSERT INTO application_events (application_id, at, status, actor, reasons) VALUES ($1, $2, $3, $4, $5)")
                    .bind(t.id)
                    .bind(now)
                    .bind(t.to)
                    .bind(t.reviewer)
                    .bind(t.reasons)
                    .execute(&mut *tx)
                    .await?;
                if let Some((a, closing_reasons, unit)) = t.approve {
                    let account = crate::accounts::store::insert_account!(&mut *tx, a, now)?;
                    // The status change is rolled back with it (explicitly: a transaction merely
                    // dropped keeps its locks on PostgreSQL until the connection is used again).
                    let Some(account) = account else {
                        tx.rollback().await?;
                        return Ok(Moved::UnitHasAccount);
                    };
                    sqlx::query("UPDATE employer_applications SET account_id = $1 WHERE id = $2").bind(account).bind(t.id).execute(&mut *tx).await?;
                    crate::ledger::units::insert_unit!(&mut *tx, unit, Some(t.reviewer), "employer approved", now)?;
                    let others: Vec<i64> = sqlx::query_scalar(
                        "SELECT id FROM employer_applications WHERE credit_index = (SELECT credit_index FROM employer_applications WHERE id = $1) \
                         AND id <> $1 AND status IN ('submitted', 'in_review')",
                    )
                    .bind(t.id)
                    .fetch_all(&mut *tx)
                    .await?;
                    for other in others {
                        sqlx::query("UPDATE employer_applications SET status = 'rejected', reasons = $1, reviewer = $2, updated_at = $3 WHERE id = $4")
                            .bind(closing_reasons)
                            .bind(t.reviewer)
                            .bind(now)
                            .bind(other)
                            .execute(&mut *tx)
                            .await?;
                        sqlx::query("INSERT INTO application_events (application_id, at, status, actor, reasons) VALUES ($1, $2, 'rejected', $3, $4)")
                            .bind(other)
                            .bind(now)
                            .bind(t.reviewer)
                            .bind(closing_reasons)
                            .execute(&mut *tx)
                            .await?;
                    }
                }
                insert_audit!(&mut *tx, audit, now)?;
                tx.commit().await?;
                Ok(Moved::Yes)
            }

            async fn application_events(&self, id: i64) -> Result<Vec<ApplicationEvent>, StoreError> {
                let rows = sqlx::query("SELECT at, status, actor, reasons FROM application_events WHERE application_id = $1 ORDER BY id")
                    .bind(id)
                    .fetch_all(&self.pool)
                    .await?;
                rows.iter()
                    .map(|r| {
                        Ok(ApplicationEvent { at: r.try_get("at")?, status: r.try_get("status")?, actor: r.try_get("actor")?, reasons: r.try_get("reasons")? })
                    })
                    .collect::<Result<_, sqlx::Error>>()
                    .map_err(StoreError::from)
            }

            async fn application_mobile_verified(&self, id: i64, audit: &AuditEntry, now: i64) -> Result<bool, StoreError> {
                let mut tx = self.begin_write().await?;
                let changed = sqlx::query(
                    "UPDATE employer_applications SET mobile_verified_at = $1, updated_at = $1 WHERE id = $2 AND mobile_verified_at IS NULL",
                )
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if changed == 0 {
                    tx.rollback().await?;
                    return Ok(false);
                }
                insert_audit!(&mut *tx, audit, now)?;
                tx.commit().await?;
                Ok(true)
            }
        }
    };
}

mod sqlite_impl {
    use super::*;
    impl_application_store!(SqliteStore, sqlx::sqlite::SqliteRow);
}
mod pg_impl {
    use super::*;
    impl_application_store!(PgStore, sqlx::postgres::PgRow);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_filter_numbers_its_placeholders_in_bind_order() {
        let f = QueueFilter {
            statuses: vec!["submitted".into(), "in_review".into()],
            region: Some((320000, 329999)),
            submitted_on_or_before: Some("2026-11-18".into()),
            submitted_on_or_after: Some("2026-11-02".into()),
            limit: 50,
            offset: 0,
        };
        assert_eq!(
            queue_where(&f),
            "WHERE status IN ($1, $2) AND region BETWEEN $3 AND $4 AND submitted_on <= $5 AND submitted_on >= $6"
        );
        assert_eq!(placeholders(&f), 6);
        assert_eq!(queue_where(&QueueFilter::default()), "");
    }
}
