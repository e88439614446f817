//! `GET /api/injuries`: the signed-in resident's own work injuries — where each stands and,
//! once approved, the award with its working and what the fund paid of it (the lump sum's
//! month, the 伤残津贴 months). The person is found by the account's blind
//! index; someone the ledger does not hold gets the same empty list as someone never injured.

use app::api::injuries::{AwardView, InjuryPaid, InjuryStopped, MyInjury};
use axum::extract::State;
use axum::response::IntoResponse;
use axum::{Extension, Json};

use super::{Cx, Injury};
use crate::accounts::session::Principal;
use crate::http::{Answer, Refusal};

/// Injuries listed at most.
const SHOWN: i64 = 20;
/// 伤残津贴 months listed at most per injury (the count and the sum cover them all).
const ALLOWANCE_SHOWN: i64 = 12;

/// The award of an assessed or approved injury, as computed.
pub fn award_of(i: &Injury) -> Option<AwardView> {
    let working: app::domain::ledger::Working = serde_json::from_str(i.working.as_deref()?).ok()?;
    Some(AwardView {
        wage: app::domain::Fen(i.wage?),
        lump_sum: app::domain::Fen(i.lump_sum?),
        monthly_allowance: i.allowance.map(app::domain::Fen),
        care_fee: i.care_fee.map(app::domain::Fen),
        working,
    })
}

/// The monthly benefits' stop, once recorded.
pub fn stopped_of(i: &Injury) -> Option<InjuryStopped> {
    Some(InjuryStopped {
        month: app::domain::ledger::Month::parse(i.stopped_in.as_deref()?)?,
        reason: i.stop_reason.clone()?,
        overpaid_months: u32::try_from(i.overpaid_months).unwrap_or(u32::MAX),
        overpaid_total: app::domain::Fen(i.overpaid_total),
    })
}

/// `GET /api/injuries`.
pub async fn mine(State(cx): State<Cx>, Extension(by): Extension<Option<Principal>>) -> Answer {
    let me = by.as_ref().ok_or_else(Refusal::bad_request)?;
    let Some(person) = cx.store.person_id(&me.account.id_index).await? else {
        return Ok(Json(Vec::<MyInjury>::new()).into_response());
    };
    let mut items = Vec::new();
    for i in cx.store.injuries_of(person, SHOWN).await? {
        let approved = i.status == "approved";
        let paid = if approved { cx.store.injury_paid(i.id, ALLOWANCE_SHOWN).await? } else { InjuryPaid::default() };
        items.push(MyInjury {
            accident_on: i.accident_on.iso(),
            unit_name: i.unit_name.clone(),
            status: i.status.clone(),
            grade: i.grade.filter(|_| approved).and_then(|g| u8::try_from(g).ok()),
            award: award_of(&i).filter(|_| approved),
            paid,
            stopped: stopped_of(&i),
        });
    }
    Ok(Json(items).into_response())
}
