//! A unit in the back office: `GET /api/office/units/{id}?month=YYYY-MM` — its record, the
//! people it insures now (ID numbers masked) and the month's statement with any arrears (this
//! month by default), as the unit's own account reads them; and `POST …/class` (信息变更 of the
//! work-injury industry class, kept with its before and after). Each look and change is audited.

use app::api::office::{OfficeUnit, UnitClassChange};
use app::domain::ledger::{IndustryClass, Month};
use app::domain::Issue;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::{Extension, Json};

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
    let page = OfficeUnit { unit: unit.id, name: unit.name, credit_code: unit.credit_code, region: unit.region, industry_class: unit.industry_class, roster, statement };
    Ok(Json(page).into_response())
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

