//! A person in the back office: `GET /api/office/persons/{id}?from=&to=` (the page:
//! relationships, contributions by month, the personal account — by default the last 30
//! years —, the details, the person's units and base adjustments) and `POST /api/office/persons/{id}/reveal` (the full ID number). The page masks the
//! ID number; the audit log records each page looked at and each reveal, by whom. Reveals have
//! an hourly quota.

use app::api::office::{OfficePerson, PersonHit, Revealed};
use app::domain::{IdNumber, Issue};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::{Extension, Json};

use super::{audit, staff, today, Cx};
use crate::accounts::session::Principal;
use crate::http::{quota, Answer, Internal, Refusal};
use crate::ledger::http::{period_or, Period};
use crate::ledger::record_store::PersonEntry;
use crate::vault::bound;

/// Reveals one staff account may make in an hour.
pub const REVEALS_PER_HOUR: i64 = 60;

/// What the page shows by default: 30 years.
const PAGE_MONTHS: i32 = 360;

fn unknown() -> Refusal {
    Refusal::not_found(Issue::new("person.unknown", "台账中没有该人员", "The ledger has no such person"))
}

/// The person's ID number, opened.
pub(crate) fn id_number(cx: &Cx, p: &PersonEntry) -> Result<String, Internal> {
    let id = cx.ledger.vault.open(&bound::ledger_person(&p.id_index), &p.id_sealed)?;
    String::from_utf8(id).map_err(|_| Internal::Unreadable("a ledger person's ID number".into()))
}

fn masked(id: &str, now: i64) -> String {
    IdNumber::mask(id, today(now))
}

pub(super) fn hit(cx: &Cx, p: &PersonEntry, now: i64) -> Result<PersonHit, Internal> {
    Ok(PersonHit { person: p.id, name: p.name.clone(), id_masked: masked(&id_number(cx, p)?, now) })
}

pub(crate) async fn entry(cx: &Cx, id: i64) -> Result<PersonEntry, Refusal> {
    cx.store.person_entry(Some(id), None).await?.ok_or_else(unknown)
}

/// `GET /api/office/persons/{id}`.
pub async fn page(State(cx): State<Cx>, Extension(by): Extension<Option<Principal>>, Path(id): Path<i64>, Query(p): Query<Period>) -> Answer {
    let by = staff(&by)?;
    let (from, to) = period_or(&p, PAGE_MONTHS)?;
    let now = crate::store::now_ms();
    let person = entry(&cx, id).await?;
    let records = crate::ledger::records::of_person(&cx.ledger, &person.id_index, from, to, now).await?;
    audit(&cx, by, "office.person_view", Some(format!("person:{id}")), None, now).await?;
    let id_masked = masked(&id_number(&cx, &person)?, now);
    let details = super::details::of(&cx, &person).await?;
    let units = cx.store.person_units(person.id).await?;
    let adjustments = cx.store.adjust_recent(Some(person.id), super::adjustments::RECENT).await?;
    let open = cx
        .store
        .open_relationships(&person.id_index)
        .await?
        .into_iter()
        .map(|r| app::api::office::OpenLine { id: r.id, insurance: r.insurance, unit: r.unit_name, status: r.status })
        .collect();
    Ok(Json(OfficePerson { person: person.id, name: person.name, id_masked, records, details, units, adjustments, open }).into_response())
}

/// `POST /api/office/persons/{id}/reveal`.
pub async fn reveal(State(cx): State<Cx>, Extension(by): Extension<Option<Principal>>, Path(id): Path<i64>) -> Answer {
    let by = staff(&by)?;
    let now = crate::store::now_ms();
    quota::take(cx.store.as_ref(), &format!("office-reveal:{}", by.account.id), quota::HOUR_MS, REVEALS_PER_HOUR, now).await?;
    let person = entry(&cx, id).await?;
    let id_number = id_number(&cx, &person)?;
    audit(&cx, by, "office.person_reveal", Some(format!("person:{id}")), None, now).await?;
    Ok((StatusCode::OK, Json(Revealed { id_number })).into_response())
}
