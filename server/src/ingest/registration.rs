//! Personal registrations that arrive through the outbox (made offline, or by a field worker
//! without signal): the real-name check runs before storing (a mismatch is refused with the
//! same message as online; an unavailable registry means "retry", never "mismatch"), and each
//! stored registration becomes an account waiting for its phone (「待验证手机」) — created
//! idempotently, so a batch retried after a failure creates it then.

use app::api::auth::Role;
use app::domain::forms::personal::{self, PersonalRegistrationDraft};
use app::domain::forms::Context;
use app::domain::{FieldErrors, Issue};

use super::checks::Verdict;
use crate::accounts::handlers::{already_registered_issue, identity_issue, new_account};
use crate::accounts::identity::ID_INDEX;
use crate::accounts::session::Principal;
use crate::accounts::PENDING_PHONE;
use crate::store::{AuditEntry, StoreError};
use crate::AppState;

fn parse(payload: &str, ctx: &Context) -> Option<personal::PersonalRegistration> {
    let draft: PersonalRegistrationDraft = serde_json::from_str(payload).ok()?;
    personal::validate(&draft, ctx).ok().map(|v| v.value)
}

fn reject(field: &str, issue: Issue) -> Verdict {
    let mut e = FieldErrors::default();
    e.error(field, issue);
    Verdict::Reject(e)
}

/// Before storing: not registered yet, and the registry agrees with the name.
pub async fn check(state: &AppState, payload: &str, ctx: &Context<'_>) -> Result<Verdict, StoreError> {
    let Some(reg) = parse(payload, ctx) else { return Ok(Verdict::Pass) };
    if state.store.account_by_id_index(&state.vault.blind_index(ID_INDEX, reg.id_number.as_str())).await?.is_some() {
        return Ok(reject("id_number", already_registered_issue()));
    }
    Ok(match identity_issue(state.accounts.identity.check(reg.name.as_str(), &reg.id_number).await) {
        None => Verdict::Pass,
        Some(Ok((field, issue))) => reject(field, issue),
        Some(Err(issue)) => Verdict::Retry(issue),
    })
}

/// After storing: the account, waiting for its phone (nothing if it exists already). Sent in a
/// field worker's session, it is recorded as registered by them.
pub async fn ensure_account(
    state: &AppState,
    payload: &str,
    client_id: &str,
    ctx: &Context<'_>,
    now: i64,
    by: Option<&Principal>,
) -> Result<(), StoreError> {
    let Some(reg) = parse(payload, ctx) else { return Ok(()) };
    if state.store.account_by_id_index(&state.vault.blind_index(ID_INDEX, reg.id_number.as_str())).await?.is_some() {
        return Ok(());
    }
    let worker = by.filter(|p| p.role == Role::FieldWorker);
    let account = new_account(state, &reg, PENDING_PHONE, worker.map(|w| w.account.id)).await;
    let audit = AuditEntry {
        actor: worker.map(|w| w.account.id),
        actor_role: worker.map(|w| w.role.as_str().into()),
        action: if worker.is_some() { "account.register_assisted_offline" } else { "account.register_offline" }.into(),
        detail: Some(format!("filing={client_id}")),
        ..Default::default()
    };
    state.store.account_create(&account, &audit, now).await?;
    Ok(())
}
