//! 待遇领取情况: `GET /api/pension` — the signed-in resident's latest pension claim and the
//! months paid, and where the yearly certification stands (已认证至 / 待认证 / 已暂停) with its history. Only their own: the person is found by the account's blind index; someone the
//! ledger does not hold gets the same empty answer as someone without a claim.

use app::api::ledger::{MyClaim, MyPension, PensionPaid};
use app::api::office::BatchStatus;
use app::domain::pension::certification::{standing, Standing};
use axum::extract::State;
use axum::response::IntoResponse;
use axum::{Extension, Json};

use crate::accounts::session::Principal;
use crate::http::{Answer, Refusal};
use super::Cx;

/// Certifications listed at most (ten years').
const CERTIFICATIONS_SHOWN: i64 = 10;

/// `GET /api/pension`.
pub async fn mine(State(cx): State<Cx>, Extension(by): Extension<Option<Principal>>) -> Answer {
    let me = by.as_ref().ok_or_else(Refusal::bad_request)?;
    let now = crate::store::now_ms();
    let mut answer = MyPension { as_of: now, ..MyPension::default() };
    let Some(person) = cx.store.person_id(&me.account.id_index).await? else {
        return Ok(Json(answer).into_response());
    };
    if let Some(c) = cx.store.claim_recent(Some(person), 1).await?.into_iter().next() {
        answer.payments = cx
            .store
            .claim_payments(c.id, super::PAYMENTS_SHOWN)
            .await?
            .into_iter()
            .map(|p| PensionPaid { month: p.month, amount: p.amount, paid_at: p.paid_at })
            .collect();
        let status = match c.status {
            BatchStatus::Pending => "pending",
            BatchStatus::Applied => "applied",
            BatchStatus::Returned => "returned",
        };
        let today = app::domain::Date::china_from_unix_ms(now);
        let standing = c.certified_on.filter(|_| c.status == BatchStatus::Applied).map(|on| standing(on, today, &cx.office.ledger.pension.certification));
        let (certification, certification_date) = match standing {
            Some(Standing::Certified { until }) => (Some("certified"), Some(until.iso())),
            Some(Standing::Due { until }) => (Some("due"), Some(until.iso())),
            Some(Standing::Suspended { through }) => (Some("suspended"), Some(through.to_string())),
            None => (None, None),
        };
        let certification = certification.map(str::to_owned);
        let certified = cx.store.claim_certifications(c.id, CERTIFICATIONS_SHOWN).await?.into_iter().map(|(on, way)| format!("{on} {way}")).collect();
        answer.claim = Some(MyClaim {
            status: status.into(),
            retire_in: c.retire_in,
            first_month: c.first_month,
            monthly: c.monthly,
            working: c.working,
            return_reason: c.return_reason,
            certification,
            certification_date,
            certified,
        });
    }
    Ok(Json(answer).into_response())
}
