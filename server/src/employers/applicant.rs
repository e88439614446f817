//! The employer applicant's side of review: 审核进度查询. The applicant proves the handler's
//! mobile with a code each time (no password exists before approval): the code goes to the
//! mobile named with the credit code only if an application has that pair, and the answer shows
//! the applications of that pair alone — so an application by someone else for the same unit is
//! neither seen nor touched. Proving the mobile also marks it proved on those applications
//! (approval needs it).

use app::api::auth::{CodePurpose, Role};
use app::api::review::{StatusAnswer, StatusRequest};
use app::domain::forms::employer::field;
use app::domain::{CreditCode, Issue, MobileNumber, SmsCode};
use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::response::IntoResponse;
use axum::Json;

use super::review::{history, reasons_of, status_of};
use super::{Application, Cx};
use crate::accounts::codes;
use crate::http::{body, quota, Answer, ClientAddress, Internal, Refusal};
use crate::store::{now_ms, AuditEntry};
use crate::vault::purpose;

/// Status requests per client address and hour.
pub const STATUS_PER_HOUR: i64 = 30;

/// The applications with this unit and handler mobile, newest first.
async fn of(cx: &Cx, code: &CreditCode, mobile: &MobileNumber) -> Result<Vec<Application>, Internal> {
    let vault = &cx.accounts.vault;
    let mobile_index = vault.blind_index(purpose::MOBILE, mobile.as_str());
    let mut all = cx.store.applications_by_credit(&vault.blind_index(purpose::CREDIT_CODE, code.as_str())).await?;
    all.retain(|a| a.mobile_index.as_deref() == Some(mobile_index.as_str()));
    Ok(all)
}

/// For `POST /api/auth/sms` with [`CodePurpose::EmployerMobile`]: whether an application has
/// this unit and handler mobile.
pub async fn applies(cx: &Cx, code: &CreditCode, mobile: &MobileNumber) -> Result<bool, Internal> {
    Ok(!of(cx, code, mobile).await?.is_empty())
}

fn no_code() -> Refusal {
    Refusal::field(field::SMS_CODE, Issue::new("sms_code.missing", "请先获取验证码", "Ask for a code first"))
}

/// `POST /api/employer/status`: 审核进度查询, by credit code, handler mobile and code.
pub async fn employer_status(State(cx): State<Cx>, ClientAddress(addr): ClientAddress, json: Result<Json<StatusRequest>, JsonRejection>) -> Answer {
    let req = body(json)?;
    let now = now_ms();
    quota::take(cx.store.as_ref(), &format!("employer_status:{addr}"), quota::HOUR_MS, STATUS_PER_HOUR, now).await?;
    let code = CreditCode::parse(&req.credit_code).map_err(|i| Refusal::field(field::CREDIT_CODE, i))?.value;
    let mobile = MobileNumber::parse(&req.mobile).map_err(|i| Refusal::field(field::HANDLER_MOBILE, i))?.value;
    let sms_code = SmsCode::parse(&req.sms_code).map_err(|i| Refusal::field(field::SMS_CODE, i))?.value;
    let mut versions = of(&cx, &code, &mobile).await?;
    if versions.is_empty() {
        return Err(no_code());
    }
    // A code serves a few looks while it lives (each counts one of its tries): looking is all it
    // allows.
    codes::check(cx.store.as_ref(), &cx.accounts.vault, mobile.as_str(), CodePurpose::EmployerMobile, sms_code.as_str(), now)
        .await
        .map_err(codes::refusal)?;
    for v in versions.iter_mut().filter(|v| v.mobile_verified_at.is_none()) {
        let audit = AuditEntry {
            actor: None,
            actor_role: Some(Role::EmployerHandler.as_str().into()),
            action: "application.mobile_verified".into(),
            target: Some(format!("application:{}", v.id)),
            detail: None,
        };
        cx.store.application_mobile_verified(v.id, &audit, now).await?;
        v.mobile_verified_at = Some(now);
    }
    let latest = &versions[0];
    let mut all = Vec::new();
    for v in versions.iter().rev() {
        all.extend(history(cx.store.application_events(v.id).await?));
    }
    let answer = StatusAnswer {
        unit_name: latest.unit_name.clone(),
        status: status_of(latest),
        reasons: reasons_of(latest.reasons.as_deref()),
        history: all,
        filing_client_id: latest.filing_client_id.clone(),
        mobile_verified: true,
        mobile_masked: mobile.masked(),
    };
    Ok(Json(answer).into_response())
}
