//! A unit in the back office: `GET /api/office/units/{id}?month=YYYY-MM` — its record, the
//! people it insures now (ID numbers masked) and the month's statement with any arrears (this
//! month by default), as the unit's own account reads them; and `POST …/class` (信息变更 of the
//! work-injury industry class, kept with its before and after) and `POST …/details` (信息变更 of
//! its name, address and contact, checked by the shared rules, kept with before and after, which
//! the page lists). Each look and change is audited.

use app::api::office::{OfficeUnit, UnitChangeLine, UnitClassChange, MAX_HISTORY};
use app::domain::ledger::{IndustryClass, Month};
use app::domain::Issue;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::{Extension, Json};

use app::domain::forms::unit_details::{self, UnitDetailsDraft};

use super::unit_store::UnitChange;
use super::{audit, staff, today, Cx};
use crate::accounts::session::Principal;
use crate::http::{Answer, Refusal};
use crate::ledger::records;

#[derive(Debug, serde::Deserialize)]
pub struct Which {
    pub month: Option<String>,
}

/// `GET /api/office/units/{id}`.
pub async fn page(State(cx): State<Cx>, Extension(by): Extension<Option<Principal>>, Path(id): Path<i64>, Query(w): Query<Which>) -> Answer {
    let by = staff(&by)?;
    let now = crate::store::now_ms();
    let today = today(now);
    let month = match w.month.as_deref().filter(|m| !m.is_empty()) {
        Some(m) => Month::parse(m).ok_or_else(|| Refusal::api(StatusCode::UNPROCESSABLE_ENTITY, Issue::new("month.invalid", "月份应为 YYYY-MM", "A month is YYYY-MM")))?,
        None => Month::of(today),
    };
    let unit = cx.store.unit_get(id).await?.ok_or_else(unknown)?;
    let roster = records::roster(&cx.ledger, &unit, today).await?;
    let statement = records::statement(&cx.ledger, &unit, month, today).await?;
    audit(&cx, by, "office.unit_view", Some(format!("unit:{id}")), None, now).await?;
    let contact = cx.store.unit_contact(id).await?.unwrap_or_default();
    let history = cx.store.unit_history(id, MAX_HISTORY as i64).await?.iter().flat_map(|(at, by, action, detail)| change_lines(*at, *by, action, detail)).take(MAX_HISTORY).collect();
    let page = OfficeUnit {
        unit: unit.id,
        name: unit.name,
        credit_code: unit.credit_code,
        region: unit.region,
        industry_class: unit.industry_class,
        address: contact.address,
        contact_name: contact.contact_name,
        contact_mobile: contact.contact_mobile_masked,
        roster,
        statement,
        history,
    };
    Ok(Json(page).into_response())
}

/// The lines of one change event: a field each, with its before and after (the events keep
/// them: `{"before": {…}, "after": {…}}` for details, `{"from", "to"}` for the class).
fn change_lines(at: i64, by: Option<i64>, action: &str, detail: &str) -> Vec<UnitChangeLine> {
    let v: serde_json::Value = serde_json::from_str(detail).unwrap_or_default();
    let text = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    let line = |field: &str, before: &serde_json::Value, after: &serde_json::Value| {
        text(after).map(|after| UnitChangeLine { at, by, field: field.to_owned(), before: text(before), after })
    };
    match action {
        "unit.industry_class" => line("industry_class", &v["from"], &v["to"]).into_iter().collect(),
        _ => ["name", "address", "contact_name", "contact_mobile"].into_iter().filter_map(|f| line(f, &v["before"][f], &v["after"][f])).collect(),
    }
}

fn unknown() -> Refusal {
    Refusal::not_found(Issue::new("unit.unknown", "台账中没有该单位", "The ledger has no such unit"))
}

/// `POST /api/office/units/{id}/class`.
pub async fn set_class(State(cx): State<Cx>, Extension(by): Extension<Option<Principal>>, Path(id): Path<i64>, Json(c): Json<UnitClassChange>) -> Answer {
    let by = staff(&by)?;
    let now = crate::store::now_ms();
    let Some(class) = u8::try_from(c.industry_class).ok().and_then(IndustryClass::new) else {
        return Err(Refusal::field("industry_class", Issue::new("unit.industry_class", "工伤保险行业类别为一类至八类", "The work-injury industry class is 1 to 8")));
    };
    let before = cx.store.unit_get(id).await?.ok_or_else(unknown)?.industry_class;
    if !cx.store.unit_set_class(id, i64::from(class.get()), Some(by.account.id), now).await? {
        return Err(unknown());
    }
    let detail = format!("from={} to={}", before.map_or_else(|| "-".to_owned(), |b| b.to_string()), class.get());
    audit(&cx, by, "office.unit_class", Some(format!("unit:{id}")), Some(detail), now).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}


/// `POST /api/office/units/{id}/details`: 信息变更 of the name, address and contact.
pub async fn change_details(
    State(cx): State<Cx>,
    Extension(by): Extension<Option<Principal>>,
    Path(id): Path<i64>,
    json: Result<Json<UnitDetailsDraft>, axum::extract::rejection::JsonRejection>,
) -> Answer {
    let by = staff(&by)?;
    let draft = crate::http::body(json)?;
    let now = crate::store::now_ms();
    let change = unit_details::validate(&draft).map_err(|f| Refusal::form(app::api::auth::FormRefusal::invalid(f)))?.value;
    let sealed = change.contact_mobile.as_ref().map(|m| (cx.ledger.vault.seal(&crate::vault::bound::unit_contact_mobile(id), m.as_str().as_bytes()), m.masked()));
    let stored = UnitChange {
        name: change.name.as_ref().map(|n| n.as_str().to_owned()),
        address: change.address.as_ref().map(app::domain::Address::full),
        contact_name: change.contact_name.as_ref().map(|n| n.as_str().to_owned()),
        contact_mobile: sealed,
    };
    let fields: Vec<&str> = [
        (change.name.is_some(), unit_details::field::NAME),
        (change.address.is_some(), unit_details::field::ADDRESS),
        (change.contact_name.is_some(), unit_details::field::CONTACT_NAME),
        (change.contact_mobile.is_some(), unit_details::field::CONTACT_MOBILE),
    ]
    .into_iter()
    .filter_map(|(changed, f)| changed.then_some(f))
    .collect();
    let audit = crate::store::AuditEntry { action: "office.unit_details".into(), target: Some(format!("unit:{id}")), detail: Some(fields.join(",")), ..super::actor(by) };
    if !cx.store.unit_change(id, &stored, by.account.id, &audit, now).await? {
        return Err(unknown());
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}
