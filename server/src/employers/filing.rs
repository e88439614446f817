//! Employer registrations (单位用户注册) that arrive through the outbox. Before storing: the four
//! materials are attached, and the credit code has no approved account and no application still
//! under review. After storing: the application enters the review queue (a new version of the
//! last rejected one, if any) and the employer account waits for the approval — created
//! idempotently, so a batch retried after a failure creates them then.

use app::api::auth::{CodePurpose, Role};
use app::domain::forms::employer::{self, EmployerRegistration};
use app::domain::review::Status;
use app::domain::Issue;

use super::{Application, Cx, NewApplication};
use crate::accounts::{codes, NewAccount, PENDING_REVIEW};
use crate::filings::Verdict;
use crate::http::Internal;
use crate::store::{AuditEntry, StoreError};
use crate::vault::purpose;

/// Before storing: the four materials (`slots`) are there, and the credit code has no approved
/// account and no application still under review.
pub async fn check(cx: &Cx, reg: &EmployerRegistration, slots: &[&str]) -> Result<Verdict, Internal> {
    if let Err(errors) = employer::check_materials(slots) {
        return Ok(Verdict::Reject(errors));
    }
    let index = cx.accounts.vault.blind_index(purpose::CREDIT_CODE, reg.credit_code.as_str());
    for a in cx.store.applications_by_credit(&index).await? {
        match Status::parse(&a.status) {
            Some(Status::Approved) => {
                return Ok(Verdict::reject(
                    employer::field::CREDIT_CODE,
                    Issue::new(
                        "credit_code.registered",
                        "该统一社会信用代码已有审核通过的单位账号，请直接登录；如需更换经办人，请联系参保地社保经办机构",
                        "This credit code already has an approved employer account: log in with it; to change the handler, contact the agency",
                    ),
                ));
            }
            Some(Status::Submitted | Status::InReview) => {
                return Ok(Verdict::reject(
                    employer::field::CREDIT_CODE,
                    Issue::new(
                        "credit_code.in_review",
                        "该单位的注册申请正在审核中，请通过“审核进度查询”查看结果",
                        "This employer's registration is being reviewed; follow it under “review progress”",
                    ),
                ));
            }
            Some(Status::Rejected) | None => {}
        }
    }
    Ok(Verdict::Pass)
}

/// When the handler's mobile counts as proved: by the code sent with the form, if it is still
/// right when the filing arrives; else by the version this one replaces, if the number is the
/// same. A code that expired on the way (or a wrong one) refuses nothing — the applicant proves
/// the number later on 审核进度查询, and the reviewer cannot approve before.
async fn mobile_proved(
    cx: &Cx,
    reg: &EmployerRegistration,
    replaced: Option<&Application>,
    mobile_index: &str,
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
    Ok(replaced.filter(|a| a.mobile_index.as_deref() == Some(mobile_index)).and_then(|a| a.mobile_verified_at))
}

/// After storing: the application and the account waiting for it (nothing if they exist).
/// `submitted_on` is the day of submission in China (`YYYY-MM-DD`).
pub async fn apply(cx: &Cx, reg: &EmployerRegistration, client_id: &str, submitted_on: &str, now: i64) -> Result<(), Internal> {
    if cx.store.application_by_filing(client_id).await?.is_some() {
        return Ok(());
    }
    let vault = &cx.accounts.vault;
    let index = vault.blind_index(purpose::CREDIT_CODE, reg.credit_code.as_str());
    let earlier = cx.store.applications_by_credit(&index).await?;
    let replaced = earlier.iter().find(|a| a.status == Status::Rejected.as_str());
    let version_of = replaced.map(|a| a.id);
    let mobile_index = vault.blind_index(purpose::MOBILE, reg.handler_mobile.as_str());
    let mobile_verified_at = mobile_proved(cx, reg, replaced, &mobile_index, now).await?;
    let account_id = match cx.store.account_by_id_index(&index).await? {
        Some(account) => account.id,
        None => {
            let hash = cx.accounts.services.hasher.hash(reg.password.expose()).await;
            let account = NewAccount {
                role: Role::EmployerHandler.as_str().into(),
                status: PENDING_REVIEW.into(),
                id_index: index.clone(),
                id_sealed: vault.seal(reg.credit_code.as_str().as_bytes()),
                name: reg.unit_name.as_str().into(),
                mobile_index: mobile_index.clone(),
                mobile_sealed: vault.seal(reg.handler_mobile.as_str().as_bytes()),
                email: Some(reg.handler_email.as_str().to_owned()),
                password_hash: hash,
                registered_by: None,
            };
            let audit = AuditEntry { action: "account.register_employer".into(), detail: Some(format!("filing={client_id}")), ..Default::default() };
            match cx.store.account_create(&account, &audit, now).await? {
                Some(id) => id,
                // Created meanwhile by a concurrent retry of the same batch.
                None => cx.store.account_by_id_index(&index).await?.map(|a| a.id).ok_or_else(|| Internal::Unreadable("an account created meanwhile vanished".into()))?,
            }
        }
    };
    let application = NewApplication {
        filing_client_id: client_id.to_owned(),
        version_of,
        credit_index: index,
        unit_name: reg.unit_name.as_str().into(),
        region: i64::from(reg.credit_code.division()),
        account_id: Some(account_id),
        submitted_at: now,
        submitted_on: submitted_on.to_owned(),
        mobile_index,
        mobile_verified_at,
    };
    let audit = AuditEntry {
        action: if version_of.is_some() { "application.resubmit" } else { "application.submit" }.into(),
        detail: Some(format!("filing={client_id}")),
        ..Default::default()
    };
    cx.store.application_create(&application, &audit, now).await?;
    Ok(())
}
