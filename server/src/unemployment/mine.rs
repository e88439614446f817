//! `GET /api/unemployment`: the signed-in resident's own spells of 失业保险金 — months granted,
//! paid and left, the amount a month, with the working. The person is found by the account's
//! blind index; someone the ledger does not hold gets the same empty list as someone who never
//! registered.

use app::api::unemployment::MySpell;
use app::domain::Fen;
use axum::extract::State;
use axum::response::IntoResponse;
use axum::{Extension, Json};

use super::{Cx, Spell};
use crate::accounts::session::Principal;
use crate::http::{Answer, Refusal};

/// Spells listed at most.
const SHOWN: i64 = 10;

/// A spell as its person (and the back office) reads it.
pub fn my_spell(s: &Spell) -> MySpell {
    MySpell {
        registered_on: s.registered_on.clone(),
        unit_name: s.unit_name.clone(),
        status: s.status.clone(),
        first_month: s.first_month.clone(),
        last_month: s.last_month.clone(),
        stopped_in: s.stopped_in.clone(),
        stop_reason: s.stop_reason.clone(),
        months: s.months,
        paid: s.paid,
        left: s.months.saturating_sub(s.paid),
        monthly: Fen(s.monthly),
        paid_total: Fen(s.paid_total),
        working: serde_json::from_str(&s.working).unwrap_or_default(),
    }
}

/// `GET /api/unemployment`.
pub async fn mine(State(cx): State<Cx>, Extension(by): Extension<Option<Principal>>) -> Answer {
    let me = by.as_ref().ok_or_else(Refusal::bad_request)?;
    let Some(person) = cx.store.person_id(&me.account.id_index).await? else {
        return Ok(Json(Vec::<MySpell>::new()).into_response());
    };
    let items: Vec<MySpell> = cx.store.spells_of(person, SHOWN).await?.iter().map(my_spell).collect();
    Ok(Json(items).into_response())
}
