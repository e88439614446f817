//! 暂停缴费 and 恢复缴费 at the counter: an operator suspends a relationship from a month (its
//! first month without contributions) with a reason, and resumes it from a later month (the
//! first month paid again). The monthly assessment leaves the months between out — and reverses
//! them by 补差 if they were assessed already — so a suspension reaches the unit's statements the
//! next time the month is assessed. Each change is a conditional write with its ledger event
//! and audit entry, under an hourly quota.
//!
//! `POST /api/office/relationships/{id}/suspend` `{month, reason}`;
//! `POST /api/office/relationships/{id}/resume` `{month}`.

use app::domain::ledger::Month;
use app::domain::{text, Issue};
use async_trait::async_trait;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::{Extension, Json};
use app::api::office::SuspendAsk as Ask;

use super::{actor, staff, Cx};
use crate::accounts::session::Principal;
use crate::http::{quota, Answer, Refusal};
use crate::ledger::events::{insert_event, Event};
use crate::store::{insert_audit, AuditEntry, PgStore, SqliteStore, StoreError};

/// Suspensions and resumptions an operator records in an hour.
const PER_HOUR: i64 = 60;

/// What a suspension or a resumption did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Suspended {
    Yes,
    /// The relationship is not open and paying (ended, or suspended already).
    NotActive,
    /// The month is before the relationship began.
    BeforeStart,
    /// Nothing to resume: no open suspension.
    NotSuspended,
    /// The resumption's month is not after the suspension's first.
    TooEarly,
}

#[async_trait]
pub trait SuspensionStore: Send + Sync {
    /// Suspends an open, paying relationship from `from`.
    async fn suspend(&self, relationship: i64, from: &str, reason: &str, by: i64, audit: &AuditEntry, now: i64) -> Result<Suspended, StoreError>;
    /// Ends the open suspension with the month before `from`.
    async fn resume(&self, relationship: i64, from: &str, by: i64, audit: &AuditEntry, now: i64) -> Result<Suspended, StoreError>;
}

macro_rules! impl_suspension_store {
    ($store:ty) => {
        #[async_trait]
        impl SuspensionStore for $store {
            async fn suspend(&self, relationship: i64, from: &str, reason: &str, by: i64, audit: &AuditEntry, now: i64) -> Result<Suspended, StoreError> {
                let mut tx = self.begin_write().await?;
                let row: Option<(i64, i64, String, String)> =
                    sqlx::query_as("SELECT person_id, unit_id, start_month, status FROM ledger_relationships WHERE id = $1").bind(relationship).fetch_optional(&mut *tx).await?;
                let Some((person, unit, start, status)) = row else { return Ok(Suspended::NotActive) };
                if status != "active" {
                    return Ok(Suspended::NotActive);
                }
                if from < start.as_str() {
                    return Ok(Suspended::BeforeStart);
                }
                let moved = sqlx::query("UPDATE ledger_relationships SET status = 'suspended', updated_at = $1 WHERE id = $2 AND status = 'active'")
                    .bind(now)
                    .bind(relationship)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                if moved != 1 {
                    return Ok(Suspended::NotActive);
                }
                sqlx::query("INSERT INTO ledger_suspensions (relationship_id, from_month, reason, suspended_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)")
                    .bind(relationship)
                    .bind(from)
                    .bind(reason)
                    .bind(by)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                let detail = serde_json::json!({ "relationship": relationship, "why": reason }).to_string();
                insert_event!(&mut *tx, &Event { actor: Some(by), action: "suspend", unit_id: Some(unit), person_id: Some(person), month: Some(from.to_owned()), detail }, now)?;
                insert_audit!(&mut *tx, audit, now)?;
                tx.commit().await?;
                Ok(Suspended::Yes)
            }

            async fn resume(&self, relationship: i64, from: &str, by: i64, audit: &AuditEntry, now: i64) -> Result<Suspended, StoreError> {
                let mut tx = self.begin_write().await?;
                let open: Option<(i64, String, i64, i64)> = sqlx::query_as(
                    "SELECT z.id, z.from_month, r.person_id, r.unit_id FROM ledger_suspensions z JOIN ledger_relationships r ON r.id = z.relationship_id \
                     WHERE z.relationship_id = $1 AND z.to_month IS NULL AND r.status = 'suspended'",
                )
                .bind(relationship)
                .fetch_optional(&mut *tx)
                .await?;
                let Some((id, first, person, unit)) = open else { return Ok(Suspended::NotSuspended) };
                let Some(last) = Month::parse(from).and_then(|m| Month::from_index(m.index() - 1)).map(|m| m.to_string()) else { return Ok(Suspended::TooEarly) };
                if last < first {
                    return Ok(Suspended::TooEarly);
                }
                sqlx::query("UPDATE ledger_suspensions SET to_month = $1, resumed_by = $2, updated_at = $3 WHERE id = $4").bind(&last).bind(by).bind(now).bind(id).execute(&mut *tx).await?;
                sqlx::query("UPDATE ledger_relationships SET status = 'active', updated_at = $1 WHERE id = $2").bind(now).bind(relationship).execute(&mut *tx).await?;
                let detail = serde_json::json!({ "relationship": relationship, "suspended": [first, last] }).to_string();
                insert_event!(&mut *tx, &Event { actor: Some(by), action: "resume", unit_id: Some(unit), person_id: Some(person), month: Some(from.to_owned()), detail }, now)?;
                insert_audit!(&mut *tx, audit, now)?;
                tx.commit().await?;
                Ok(Suspended::Yes)
            }
        }
    };
}

impl_suspension_store!(SqliteStore);
impl_suspension_store!(PgStore);

fn month_of(ask: &Ask) -> Result<Month, Refusal> {
    Month::parse(ask.month.trim()).ok_or_else(|| Refusal::field("month", Issue::new("month.invalid", "月份应为 YYYY-MM", "A month is YYYY-MM")))
}

/// `status`: the relationship's, once done.
fn answer(done: Suspended, status: &str) -> Answer {
    let conflict = |code, zh, en| Err(Refusal::conflict(Issue::new(code, zh, en)));
    match done {
        Suspended::Yes => Ok((StatusCode::OK, Json(serde_json::json!({ "status": status }))).into_response()),
        Suspended::NotActive => conflict("suspend.not_active", "该参保关系不在正常缴费状态，不能暂停", "This relationship is not open and paying: it cannot be suspended"),
        Suspended::BeforeStart => conflict("suspend.before_start", "暂停月份不能早于参保开始月份", "The month is before the relationship began"),
        Suspended::NotSuspended => conflict("suspend.not_suspended", "该参保关系未暂停缴费", "This relationship is not suspended"),
        Suspended::TooEarly => conflict("suspend.too_early", "恢复缴费月份应晚于暂停的第一个月", "Resume from a month after the suspension's first"),
    }
}

/// `POST /api/office/relationships/{id}/suspend`.
pub async fn suspend(State(cx): State<Cx>, Extension(by): Extension<Option<Principal>>, Path(id): Path<i64>, Json(ask): Json<Ask>) -> Answer {
    let by = staff(&by)?;
    let now = crate::store::now_ms();
    quota::take(cx.store.as_ref(), &format!("suspend:{}", by.account.id), quota::HOUR_MS, PER_HOUR, now).await?;
    let month = month_of(&ask)?;
    let reason = text::squeeze(&ask.reason);
    let n = reason.chars().count();
    if !(2..=60).contains(&n) || text::has_markup_or_control(&reason) {
        return Err(Refusal::field("reason", Issue::new("suspend.reason", "请用 2 至 60 个字写明暂停缴费的原因", "Say why in 2 to 60 characters")));
    }
    let audit = AuditEntry { action: "office.suspend".into(), target: Some(format!("relationship:{id}")), detail: Some(format!("from={month}")), ..actor(by) };
    answer(cx.store.suspend(id, &month.to_string(), &reason, by.account.id, &audit, now).await?, "suspended")
}

/// `POST /api/office/relationships/{id}/resume`.
pub async fn resume(State(cx): State<Cx>, Extension(by): Extension<Option<Principal>>, Path(id): Path<i64>, Json(ask): Json<Ask>) -> Answer {
    let by = staff(&by)?;
    let now = crate::store::now_ms();
    quota::take(cx.store.as_ref(), &format!("suspend:{}", by.account.id), quota::HOUR_MS, PER_HOUR, now).await?;
    let month = month_of(&ask)?;
    let audit = AuditEntry { action: "office.resume".into(), target: Some(format!("relationship:{id}")), detail: Some(format!("from={month}")), ..actor(by) };
    answer(cx.store.resume(id, &month.to_string(), by.account.id, &audit, now).await?, "active")
}
