//! Personal registrations that arrive through the outbox (made offline, or by a field worker
//! without signal): the real-name check runs before storing (a mismatch is refused with the
//! same message as online; an unavailable registry means "retry", never "mismatch"), and each
//! stored registration becomes an account waiting for its phone (「待验证手机」) — created
//! idempotently, so a batch retried after a failure creates it then.

use app::api::auth::Role;
use app::domain::forms::personal::{field, PersonalRegistration};

use super::{already_registered_issue, identity_issue, new_account};
use crate::accounts::session::Principal;
use crate::accounts::{Cx, PENDING_PHONE};
use crate::filings::Verdict;
use crate::http::Internal;
use crate::store::AuditEntry;

/// Before storing: not registered yet, and the registry agrees with the name.
pub async fn check(cx: &Cx, reg: &PersonalRegistration) -> Result<Verdict, Internal> {
    if cx.account_of(&reg.id_number).await?.is_some() {
        return Ok(Verdict::reject(field::ID_NUMBER, already_registered_issue()));
    }
    Ok(match identity_issue(cx.services.identity.check(reg.name.as_str(), &reg.id_number).await) {
        None => Verdict::Pass,
        Some(Ok((field, issue))) => Verdict::reject(field, issue),
        Some(Err(issue)) => Verdict::Retry(issue),
    })
}

/// After storing: the account, waiting for its phone (nothing if it exists already). Sent in a
/// field worker's session, it is recorded as registered by them.
pub async fn apply(cx: &Cx, reg: &PersonalRegistration, client_id: &str, now: i64, by: Option<&Principal>) -> Result<(), Internal> {
    if cx.account_of(&reg.id_number).await?.is_some() {
        return Ok(());
    }
    let worker = by.filter(|p| p.role == Role::FieldWorker);
    let account = new_account(cx, reg, PENDING_PHONE, worker.map(|w| w.account.id)).await;
    let audit = AuditEntry {
        actor: worker.map(|w| w.account.id),
        actor_role: worker.map(|w| w.role.as_str().into()),
        action: if worker.is_some() { "account.register_assisted_offline" } else { "account.register_offline" }.into(),
        detail: Some(format!("filing={client_id}")),
        ..Default::default()
    };
    cx.store.account_create(&account, &audit, now).await?;
    Ok(())
}
