//! 基数调整 under four eyes:
//!
//! - `POST /api/office/persons/{id}/adjustments` (operator or supervisor): one person's corrected
//!   monthly base at one of their units for one year, with the reason — checked by the shared
//!   rules and against the year's limits of the unit's region, then kept as pending with the
//!   base declared at that moment (the before of the before-and-after);
//! - `GET /api/office/adjustments`: the latest adjustments and where they stand;
//! - `POST /api/office/adjustments/{id}/decision` (supervisor): confirm — the base is set in the
//!   same transaction, and the months already assessed get the difference as 补差 at the next
//!   assessment run — or return it with a reason. The proposer cannot decide it.

use app::api::office::{BaseAdjustment, BaseAdjustmentRequest, BatchDecision, BatchStatus};
use app::domain::forms::base_adjustment::{field, validate};
use app::domain::{Date, Issue};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::{Extension, Json};

use super::adjust_store::NewAdjustment;
use super::persons::entry;
use super::{actor, four_eyes, return_reason, staff, today, Cx};
use crate::accounts::session::Principal;
use crate::http::{quota, Answer, Refusal};
use crate::store::AuditEntry;

/// Adjustments one account may propose in an hour.
pub const SUBMITS_PER_HOUR: i64 = 60;
/// The latest adjustments listed (on the list, and on a person's page).
pub const RECENT: i64 = 50;

/// `POST /api/office/persons/{id}/adjustments`.
pub async fn submit(State(cx): State<Cx>, Extension(by): Extension<Option<Principal>>, Path(id): Path<i64>, Json(r): Json<BaseAdjustmentRequest>) -> Answer {
    let by = staff(&by)?;
    let now = crate::store::now_ms();
    let a = validate(&r, today(now)).map_err(|errors| Refusal::form(app::api::auth::FormRefusal::invalid(errors)))?.value;
    let person = entry(&cx, id).await?;
    if !cx.store.person_units(person.id).await?.iter().any(|u| u.unit == a.unit) {
        return Err(Refusal::field(field::UNIT, Issue::new("adjust.not_insured_there", "该人员在此单位没有参保记录", "The person has never been insured by this unit")));
    }
    let unit = cx.store.unit_get(a.unit).await?.ok_or_else(|| Refusal::unreadable("a unit of the person's relationships"))?;
    let region = u32::try_from(unit.region).unwrap_or_default();
    let on = Date::new(a.year, 1, 1).ok_or_else(|| Refusal::unreadable("a checked year"))?;
    if let Err(issue) = cx.ledger.table.check_base(a.monthly_base, region, on) {
        return Err(Refusal::field(field::MONTHLY_BASE, issue));
    }
    quota::take(cx.store.as_ref(), &format!("office-adjust:{}", by.account.id), quota::HOUR_MS, SUBMITS_PER_HOUR, now).await?;
    let new = NewAdjustment {
        person_id: person.id,
        unit_id: unit.id,
        year: i64::from(a.year),
        monthly_base: a.monthly_base.0,
        reason: a.reason,
        submitted_by: by.account.id,
    };
    let audit = AuditEntry { action: "office.adjust_submit".into(), detail: Some(format!("person={} unit={} year={}", person.id, unit.id, a.year)), ..actor(by) };
    let id = cx.store.adjust_submit(&new, &audit, now).await?;
    let stored = cx.store.adjust_get(id).await?.ok_or_else(|| Refusal::unreadable("the adjustment just kept"))?;
    Ok((StatusCode::CREATED, Json(stored)).into_response())
}

/// `GET /api/office/adjustments`.
pub async fn recent(State(cx): State<Cx>) -> Answer {
    Ok(Json(cx.store.adjust_recent(None, RECENT).await?).into_response())
}

fn not_pending() -> Refusal {
    Refusal::conflict(Issue::new("adjustment.decided", "该基数调整已经复核过", "This base adjustment has been decided already"))
}

/// `POST /api/office/adjustments/{id}/decision`.
pub async fn decide(State(cx): State<Cx>, Extension(by): Extension<Option<Principal>>, Path(id): Path<i64>, Json(d): Json<BatchDecision>) -> Answer {
    let by = staff(&by)?;
    let now = crate::store::now_ms();
    let adjustment: BaseAdjustment =
        cx.store.adjust_get(id).await?.ok_or_else(|| Refusal::not_found(Issue::new("adjustment.unknown", "没有该基数调整", "No such base adjustment")))?;
    if adjustment.status != BatchStatus::Pending {
        return Err(not_pending());
    }
    if adjustment.submitted_by == by.account.id {
        return Err(four_eyes());
    }
    let returned = if d.approve { None } else { Some(return_reason(&d.reason)?) };
    let action = if d.approve { "office.adjust_confirm" } else { "office.adjust_return" };
    let audit = AuditEntry { action: action.into(), detail: Some(format!("person={} unit={} year={}", adjustment.person, adjustment.unit, adjustment.year)), ..actor(by) };
    if !cx.store.adjust_decide(id, by.account.id, returned, &audit, now).await? {
        return Err(not_pending());
    }
    let stored = cx.store.adjust_get(id).await?.ok_or_else(|| Refusal::unreadable("an adjustment just decided"))?;
    Ok(Json(stored).into_response())
}
