//! 业务查询: `GET /api/office/find?q=` — an ID number finds that person, a unified social
//! credit code that unit, and anything else is taken as a name: persons named exactly so (never
//! a partial name: the office does not browse people), units whose name contains it. ID numbers
//! are masked. Each search is audited by whom and how many it found — not what was asked, which
//! is personal data.

use app::api::office::{Found, UnitHit, MAX_HITS};
use app::domain::{CreditCode, IdNumber, Issue, PersonName};
use axum::extract::{Query, State};
use axum::response::IntoResponse;
use axum::{Extension, Json};

use super::persons::hit;
use super::{audit, staff, today, Cx};
use crate::accounts::session::Principal;
use crate::http::{Answer, Refusal};
use crate::ledger::Unit;
use crate::vault::purpose;

#[derive(Debug, serde::Deserialize)]
pub struct Find {
    #[serde(default)]
    pub q: String,
}

fn unit_hit(u: Unit) -> UnitHit {
    UnitHit { unit: u.id, name: u.name, credit_code: u.credit_code }
}

/// `GET /api/office/find?q=`.
pub async fn find(State(cx): State<Cx>, Extension(by): Extension<Option<Principal>>, Query(f): Query<Find>) -> Answer {
    let by = staff(&by)?;
    let now = crate::store::now_ms();
    let q = f.q.trim();
    let mut found = Found::default();
    if let Ok(id) = IdNumber::parse(q, today(now)) {
        let index = cx.ledger.vault.blind_index(purpose::ID_NUMBER, id.value.as_str());
        if let Some(p) = cx.store.person_entry(None, Some(&index)).await? {
            found.persons.push(hit(&cx, &p, now)?);
        }
    } else if let Ok(code) = CreditCode::parse(q) {
        found.units.extend(cx.store.unit_by_code(code.value.as_str()).await?.map(unit_hit));
    } else if (1..=50).contains(&q.chars().count()) {
        if let Ok(name) = PersonName::parse(q) {
            for p in cx.store.persons_named(name.value.as_str(), MAX_HITS as i64).await? {
                found.persons.push(hit(&cx, &p, now)?);
            }
        }
        found.units = cx.store.units_named(q, MAX_HITS as i64).await?.into_iter().map(unit_hit).collect();
    } else {
        return Err(Refusal::field("q", Issue::new("office.query", "请输入身份证号码、统一社会信用代码或名称", "Type an ID number, a credit code or a name")));
    }
    let detail = format!("persons={} units={}", found.persons.len(), found.units.len());
    audit(&cx, by, "office.find", None, Some(detail), now).await?;
    Ok(Json(found).into_response())
}
