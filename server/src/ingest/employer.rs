//! Employer registrations (单位用户注册) that arrive through the outbox. Before storing: the four
//! materials are attached, and the credit code has no approved account and no application still
//! under review. After storing: the application enters the review queue (a new version of the
//! last rejected one, if any) and the employer account waits for the approval — created
//! idempotently, so a batch retried after a failure creates them then.

use app::api::auth::{CodePurpose, Role};
use app::api::sync::SyncItem;
use app::domain::forms::employer::{self, EmployerRegistrationDraft};
use app::domain::forms::Context;
use app::domain::review::Status;
use app::domain::{FieldErrors, Issue};

use super::checks::Verdict;
use crate::accounts::{codes, CREDIT_INDEX, PENDING_REVIEW};
use crate::store::{Application, AuditEntry, NewAccount, NewApplication, StoreError};
use crate::AppState;

fn parse(payload: &str, ctx: &Context) -> Option<employer::EmployerRegistration> {
    let draft: EmployerRegistrationDraft = serde_json::from_str(payload).ok()?;
    employer::validate(&draft, ctx).ok().map(|v| v.value)
}

fn reject(field: &str, issue: Issue) -> Verdict {
    let mut e = FieldErrors::default();
    e.error(field, issue);
    Verdict::Reject(e)
}

/// Before storing.
pub async fn check(state: &AppState, item: &SyncItem, ctx: &Context<'_>) -> Result<Verdict, StoreError> {
    let Some(reg) = parse(&item.payload, ctx) else { return Ok(Verdict::Pass) };
    let slots: Vec<&str> = item.attachments.iter().map(|a| a.slot.as_str()).collect();
    if let Err(errors) = employer::check_materials(&slots) {
        return Ok(Verdict::Reject(errors));
    }
    let index = state.vault.blind_index(CREDIT_INDEX, reg.credit_code.as_str());
    for a in state.store.applications_by_credit(&index).await? {
        match Status::parse(&a.status) {
            Some(Status::Approved) => {
                return Ok(reject(
                    employer::field::CREDIT_CODE,
                    Issue::new(
                        "credit_code.registered",
                        "该统一社会信用代码已有审核通过的单位账号，请直接登录；如需更换经办人，请联系参保地社保经办机构",
                        "This credit code already has an approved employer account: log in with it; to change the handler, contact the agency",
                    ),
                ));
            }
            Some(Status::Submitted | Status::InReview) => {
                return Ok(reject(
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
    state: &AppState,
    reg: &employer::EmployerRegistration,
    replaced: Option<&Application>,
    mobile_index: &str,
    now: i64,
) -> Result<Option<i64>, StoreError> {
    if let Some(code) = &reg.sms_code {
        match codes::verify(state.store.as_ref(), &state.vault, reg.handler_mobile.as_str(), CodePurpose::Register, code.as_str(), now).await {
            Ok(()) => return Ok(Some(now)),
            Err(Err(e)) => return Err(e),
            Err(Ok(_)) => {}
        }
    }
    Ok(replaced.filter(|a| a.mobile_index.as_deref() == Some(mobile_index)).and_then(|a| a.mobile_verified_at))
}

/// After storing: the application and the account waiting for it (nothing if they exist).
pub async fn ensure_application(state: &AppState, item: &SyncItem, ctx: &Context<'_>, now: i64) -> Result<(), StoreError> {
    let Some(reg) = parse(&item.payload, ctx) else { return Ok(()) };
    if state.store.application_by_filing(&item.client_id).await?.is_some() {
        return Ok(());
    }
    let index = state.vault.blind_index(CREDIT_INDEX, reg.credit_code.as_str());
    let earlier = state.store.applications_by_credit(&index).await?;
    let replaced = earlier.iter().find(|a| a.status == Status::Rejected.as_str());
    let version_of = replaced.map(|a| a.id);
    let mobile_index = state.vault.blind_index(codes::MOBILE_INDEX, reg.handler_mobile.as_str());
    let mobile_verified_at = mobile_proved(state, &reg, replaced, &mobile_index, now).await?;
    let account_id = match state.store.account_by_id_index(&index).await? {
        Some(account) => account.id,
        None => {
            let hash = state.accounts.hasher.hash(reg.password.expose()).await;
            let account = NewAccount {
                role: Role::EmployerHandler.as_str().into(),
                status: PENDING_REVIEW.into(),
                id_index: index.clone(),
                id_sealed: state.vault.seal(reg.credit_code.as_str().as_bytes()),
                name: reg.unit_name.as_str().into(),
                mobile_index: mobile_index.clone(),
                mobile_sealed: state.vault.seal(reg.handler_mobile.as_str().as_bytes()),
                email: Some(reg.handler_email.as_str().to_owned()),
                password_hash: hash,
                registered_by: None,
            };
            let audit = AuditEntry { action: "account.register_employer".into(), detail: Some(format!("filing={}", item.client_id)), ..Default::default() };
            match state.store.account_create(&account, &audit, now).await? {
                Some(id) => id,
                // Created meanwhile by a concurrent retry of the same batch.
                None => state.store.account_by_id_index(&index).await?.map(|a| a.id).ok_or_else(|| StoreError::Config("account vanished".into()))?,
            }
        }
    };
    let application = NewApplication {
        filing_client_id: item.client_id.clone(),
        version_of,
        credit_index: index,
        unit_name: reg.unit_name.as_str().into(),
        region: i64::from(reg.credit_code.division()),
        account_id: Some(account_id),
        submitted_at: now,
        submitted_on: ctx.today.iso(),
        mobile_index,
        mobile_verified_at,
    };
    let audit = AuditEntry {
        action: if version_of.is_some() { "application.resubmit" } else { "application.submit" }.into(),
        detail: Some(format!("filing={}", item.client_id)),
        ..Default::default()
    };
    state.store.application_create(&application, &audit, now).await?;
    Ok(())
}
