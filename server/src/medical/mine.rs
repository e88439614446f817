//! `GET /api/medical/claims`: the signed-in resident's own approved 医疗费用报销 claims — the
//! stay, what was claimed and paid back, with the working — and the children they enrolled as
//! guardian (新生儿参保). The person is found by the account's blind index; someone the ledger
//! does not hold gets the same empty lists as someone who never claimed. Filings waiting or
//! returned show on the filing's own status (the outbox).

use app::api::medical::{MyChild, MyClaim, MyMedical};
use app::domain::benefits::medical::Level;
use app::domain::Fen;
use axum::extract::State;
use axum::response::IntoResponse;
use axum::{Extension, Json};

use super::Cx;
use crate::accounts::session::Principal;
use crate::http::{Answer, Refusal};

/// Claims listed at most.
const SHOWN: i64 = 20;

/// `GET /api/medical/claims`.
pub async fn mine(State(cx): State<Cx>, Extension(by): Extension<Option<Principal>>) -> Answer {
    let me = by.as_ref().ok_or_else(Refusal::bad_request)?;
    let children = cx
        .store
        .children_of(&me.account.id_index, SHOWN)
        .await?
        .into_iter()
        .map(|c| MyChild { name: c.child_name, born: c.birth_date, covered_from: c.first_month, working: serde_json::from_str(&c.working).unwrap_or_default() })
        .collect();
    let claims = match cx.store.person_id(&me.account.id_index).await? {
        Some(person) => cx.store.claims_of(person, SHOWN).await?,
        None => Vec::new(),
    };
    let claims = claims
        .into_iter()
        .map(|c| MyClaim {
            admitted_on: c.admitted_on,
            discharged_on: c.discharged_on,
            level: Level(u8::try_from(c.level).unwrap_or(3)),
            claimed: Fen(c.claimed),
            reimbursed: Fen(c.reimbursed),
            working: serde_json::from_str(&c.working).unwrap_or_default(),
        })
        .collect();
    Ok(Json(MyMedical { claims, children }).into_response())
}
