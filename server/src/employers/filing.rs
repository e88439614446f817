//! Employer registrations (单位用户注册) that arrive through the outbox. An application in review
//! never blocks or captures a later one: credit codes are public, so anyone may apply for any
//! unit, and each application stands on its own — no account exists until the agency approves
//! one, and it is made from that application's handler. Before storing: the four materials are
//! attached, and the three-element check of the handler could be asked. After storing: the
//! application enters the review queue with what the check said of its handler (approval needs
//! `matched` and a proved mobile) — a new version of the applicant's rejected one only when the
//! device that filed that one says so and the handler's mobile is the same.

use app::api::auth::CodePurpose;
use app::api::sync::SyncItem;
use app::domain::forms::employer::{self, EmployerRegistration};
use app::domain::review::Status;

use super::{Application, Cx, NewApplication};
use crate::accounts::codes;
use crate::accounts::identity::Verdict as Identity;
use crate::filings::Verdict;
use crate::http::Internal;
use crate::store::{AuditEntry, StoreError};
use crate::vault::purpose;

/// Before storing: the materials (`slots`) are there, and the handler's check answers.
pub async fn check(cx: &Cx, reg: &EmployerRegistration, slots: &[&str]) -> Result<Verdict, Internal> {
    if let Err(errors) = employer::check_materials(slots) {
        return Ok(Verdict::Reject(errors));
    }
    Ok(match handler_identity(cx, reg).await {
        Identity::Unavailable => Verdict::Retry(crate::filings::unavailable()),
        Identity::Matched | Identity::Mismatch => Verdict::Pass,
    })
}

async fn handler_identity(cx: &Cx, reg: &EmployerRegistration) -> Identity {
    cx.accounts.services.identity.check(&reg.handler_name, &reg.handler_id, &reg.handler_mobile).await
}

/// When the handler's mobile counts as proved: by the code sent with the form, if it is still
/// right when the filing arrives; else by the version this one replaces, if the number is the
/// same. A code that expired on the way (or a wrong one) refuses nothing — the applicant proves
/// the number later on 审核进度查询, and the reviewer cannot approve before.
async fn mobile_proved(
    cx: &Cx,
    reg: &EmployerRegistration,
    replaced: Option<&Application>,
    now: i64,
) -> Result<Option<i64>, StoreError> {
    if let Some(code) = &reg.sms_code {
        let accounts = &cx.accounts;
        match codes::verify(accounts.store.as_ref(), &accounts.vault, reg.handler_mobile.as_str(), CodePurpose::Register, code.as_str(), now).await {
            Ok(()) => return Ok(Some(now)),
            Err(Err(e)) => return Err(e),
            Err(Ok(_)) => {}
        }
    }
    Ok(replaced.and_then(|a| a.mobile_verified_at))
}

/// After storing: the application in the queue (nothing if it is there already).
/// `submitted_on` is the day of submission in China (`YYYY-MM-DD`).
pub async fn apply(cx: &Cx, reg: &EmployerRegistration, item: &SyncItem, submitted_on: &str, now: i64) -> Result<(), Internal> {
    if cx.store.application_by_filing(&item.client_id).await?.is_some() {
        return Ok(());
    }
    let vault = &cx.accounts.vault;
    let index = vault.blind_index(purpose::CREDIT_CODE, reg.credit_code.as_str());
    let mobile_index = vault.blind_index(purpose::MOBILE, reg.handler_mobile.as_str());
    // The version this one fixes: named by the device that filed both, for the same unit and
    // handler, and sent back.
    let replaced = match item.version_of.as_deref() {
        Some(earlier) => cx.store.application_by_filing(earlier).await?.filter(|a| {
            a.credit_index == index && a.mobile_index.as_deref() == Some(mobile_index.as_str()) && a.status == Status::Rejected.as_str()
        }),
        None => None,
    };
    let mobile_verified_at = mobile_proved(cx, reg, replaced.as_ref(), now).await?;
    let identity = match handler_identity(cx, reg).await {
        Identity::Matched => Some("matched"),
        Identity::Mismatch => Some("mismatch"),
        // Asked again when the reviewer opens it.
        Identity::Unavailable => None,
    };
    let application = NewApplication {
        filing_client_id: item.client_id.clone(),
        version_of: replaced.as_ref().map(|a| a.id),
        credit_index: index,
        unit_name: reg.unit_name.as_str().into(),
        region: i64::from(reg.credit_code.division()),
        account_id: None,
        submitted_at: now,
        submitted_on: submitted_on.to_owned(),
        mobile_index,
        mobile_verified_at,
        handler_identity: identity.map(str::to_owned),
    };
    let audit = AuditEntry {
        action: if replaced.is_some() { "application.resubmit" } else { "application.submit" }.into(),
        detail: Some(format!("filing={}", item.client_id)),
        ..Default::default()
    };
    cx.store.application_create(&application, &audit, now).await?;
    Ok(())
}
