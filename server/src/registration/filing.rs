//! Personal registrations that arrive through the outbox (made offline, or by a field worker
//! with or without signal). The filing carries no password and no code. Before storing, the
//! real-name check runs: a field worker — signed in, audited — is told why a registration cannot
//! go through, to fix it with the person beside them; anyone else is told only that the filing
//! was received (an unavailable check means "retry" for everyone: it says nothing about the
//! person). Once stored, a registration that matches becomes one waiting for its phone
//! (「待验证手机」, for [`super::PENDING_MS`]), and the code that completes it goes to the
//! person's own phone.

use app::api::auth::{CodePurpose, Role};
use app::domain::forms::personal::PersonalFiling;

use super::{enrol, standing, Standing, PENDING_MS};
use crate::accounts::passwords::NO_PASSWORD;
use crate::accounts::session::Principal;
use crate::accounts::{codes, Cx, NewAccount, PENDING_PHONE};
use crate::filings::Verdict;
use crate::http::Internal;
use crate::store::AuditEntry;
use crate::vault::purpose;

/// Staff registering a person for them: a field worker, or an operator at the counter.
fn field_worker(by: Option<&Principal>) -> Option<&Principal> {
    by.filter(|p| p.role.files_for_others())
}

/// Before storing.
pub async fn check(cx: &Cx, reg: &PersonalFiling, by: Option<&Principal>, now: i64) -> Result<Verdict, Internal> {
    Ok(match (field_worker(by), standing(cx, &reg.name, &reg.id_number, &reg.mobile, now).await?) {
        (_, Standing::Unavailable(issue)) => Verdict::Retry(issue),
        (Some(_), Standing::Refused(field, issue)) => Verdict::reject(field, issue),
        _ => Verdict::Pass,
    })
}

/// After storing (and again for a retry that finds it stored): the registration waiting for its
/// phone, and the code to that phone. Nothing when the person, the phone and the records do not
/// agree, or when it was done already.
pub async fn apply(cx: &Cx, reg: &PersonalFiling, client_id: &str, now: i64, by: Option<&Principal>, address: &str) -> Result<(), Internal> {
    let over = match standing(cx, &reg.name, &reg.id_number, &reg.mobile, now).await? {
        Standing::Ready(over) => over,
        Standing::Refused(..) | Standing::Unavailable(_) => {
            tracing::info!(filing = client_id, "registration filing received; it does not go through (the sender is not told)");
            return Ok(());
        }
    };
    let mobile_index = cx.vault.blind_index(purpose::MOBILE, reg.mobile.as_str());
    if over.as_ref().is_some_and(|a| a.stands(now) && a.mobile_index == mobile_index) {
        return Ok(());
    }
    let worker = field_worker(by);
    let account = NewAccount {
        expires_at: Some(now + PENDING_MS),
        ..crate::accounts::account_record(
            &cx.vault,
            Role::Resident,
            PENDING_PHONE,
            &reg.id_number,
            &reg.name,
            &reg.mobile,
            reg.email.as_ref().map(|e| e.as_str().to_owned()),
            NO_PASSWORD.into(),
            worker.map(|w| w.account.id),
        )
    };
    let audit = AuditEntry {
        actor: worker.map(|w| w.account.id),
        actor_role: worker.map(|w| w.role.as_str().into()),
        action: if worker.is_some() { "account.register_assisted_offline" } else { "account.register_offline" }.into(),
        detail: Some(format!("filing={client_id}")),
        ..Default::default()
    };
    if enrol(cx, &account, over.as_ref(), &audit, now).await?.is_none() {
        return Ok(());
    }
    let sms = cx.services.sms.as_ref();
    if let Err(refusal) = codes::send(cx.store.as_ref(), &cx.vault, sms, reg.mobile.as_str(), CodePurpose::VerifyPhone, address, now).await {
        // The person asks again at 验证手机; the registration waits for them either way.
        tracing::warn!(filing = client_id, ?refusal, "the code completing an offline registration was not sent");
    }
    Ok(())
}
