//! The employer applicant's side of review: 审核进度查询 (the latest version's status and
//! reasons, every version's history) and proving the handler's mobile with an SMS code when the
//! form went without one (made offline, or the code expired on the way). Both by credit code and
//! the password set at registration, throttled like a login; a wrong code and a wrong password
//! answer alike.

use app::api::auth::{CodePurpose, Role};
use app::api::review::{StatusAnswer, StatusRequest, VerifyMobileRequest};
use app::api::ApiError;
use app::domain::forms::employer::field;
use app::domain::{CreditCode, MobileNumber, SmsCode};
use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::Json;

use super::review::{form_of, history, reasons_of, status_of};
use super::{Application, Cx};
use crate::accounts::{codes, throttle};
use crate::http::{body, Answer, ClientAddress, Refusal};
use crate::store::{now_ms, AuditEntry};
use crate::vault::purpose;

fn wrong_status_login() -> Refusal {
    Refusal::api(
        StatusCode::UNAUTHORIZED,
        ApiError::new("status.wrong", "统一社会信用代码或密码不正确", "The credit code or the password is not right"),
    )
}

/// Every version of the applicant's registration, newest first — if the password is theirs.
async fn sign_in(cx: &Cx, addr: &str, credit_code: &str, password: &str, now: i64) -> Result<Vec<Application>, Refusal> {
    let Ok(code) = CreditCode::parse(credit_code) else { return Err(wrong_status_login()) };
    let index = cx.accounts.vault.blind_index(purpose::CREDIT_CODE, code.value.as_str());
    throttle::check(cx.store.as_ref(), &index, addr, now).await?;
    let account = cx.store.account_by_id_index(&index).await?;
    let ok = cx.accounts.services.hasher.verify(password, account.as_ref().map(|a| a.password_hash.as_str())).await;
    let versions = cx.store.applications_by_credit(&index).await?;
    if versions.is_empty() || !ok || account.is_none() {
        throttle::failed(cx.store.as_ref(), &index, addr, now).await?;
        return Err(wrong_status_login());
    }
    throttle::succeeded(cx.store.as_ref(), &index).await?;
    Ok(versions)
}

async fn answer(cx: &Cx, versions: &[Application]) -> Result<StatusAnswer, Refusal> {
    let latest = &versions[0];
    let mut all = Vec::new();
    for v in versions.iter().rev() {
        all.extend(history(cx.store.application_events(v.id).await?));
    }
    let mobile = form_of(cx, &latest.filing_client_id).await?.handler_mobile;
    Ok(StatusAnswer {
        unit_name: latest.unit_name.clone(),
        status: status_of(latest),
        reasons: reasons_of(latest.reasons.as_deref()),
        history: all,
        filing_client_id: latest.filing_client_id.clone(),
        mobile_verified: latest.mobile_verified_at.is_some(),
        mobile_masked: MobileNumber::parse(&mobile).map(|m| m.value.masked()).unwrap_or_default(),
    })
}

/// `POST /api/employer/status`: 审核进度查询.
pub async fn employer_status(
    State(cx): State<Cx>,
    ClientAddress(addr): ClientAddress,
    json: Result<Json<StatusRequest>, JsonRejection>,
) -> Answer {
    let req = body(json)?;
    let now = now_ms();
    let versions = sign_in(&cx, &addr, &req.credit_code, &req.password, now).await?;
    Ok(Json(answer(&cx, &versions).await?).into_response())
}

/// For `POST /api/auth/sms` with [`CodePurpose::EmployerMobile`]: the handler mobile still to be
/// proved on the latest application of `credit_code`, if there is one.
pub async fn mobile_to_prove(cx: &Cx, credit_code: &str) -> Result<Option<String>, Refusal> {
    let code = CreditCode::parse(credit_code).map_err(|i| Refusal::field(field::CREDIT_CODE, i))?.value;
    let versions = cx.store.applications_by_credit(&cx.accounts.vault.blind_index(purpose::CREDIT_CODE, code.as_str())).await?;
    match versions.first() {
        Some(latest) if latest.mobile_verified_at.is_none() => Ok(Some(form_of(cx, &latest.filing_client_id).await?.handler_mobile)),
        _ => Ok(None),
    }
}

/// `POST /api/employer/verify-mobile`: proves the latest version's handler mobile with the code
/// sent to it; answers with the progress as `employer_status` does. Proving it twice is fine.
pub async fn verify_mobile(
    State(cx): State<Cx>,
    ClientAddress(addr): ClientAddress,
    json: Result<Json<VerifyMobileRequest>, JsonRejection>,
) -> Answer {
    let req = body(json)?;
    let now = now_ms();
    let sms_code = SmsCode::parse(&req.sms_code).map_err(|i| Refusal::field(field::SMS_CODE, i))?.value;
    let mut versions = sign_in(&cx, &addr, &req.credit_code, &req.password, now).await?;
    let latest = &versions[0];
    if latest.mobile_verified_at.is_none() {
        let mobile = form_of(&cx, &latest.filing_client_id).await?.handler_mobile;
        codes::verify(cx.store.as_ref(), &cx.accounts.vault, &mobile, CodePurpose::EmployerMobile, sms_code.as_str(), now)
            .await
            .map_err(codes::refusal)?;
        let audit = AuditEntry {
            actor: latest.account_id,
            actor_role: Some(Role::EmployerHandler.as_str().into()),
            action: "application.mobile_verified".into(),
            target: Some(format!("application:{}", latest.id)),
            detail: None,
        };
        cx.store.application_mobile_verified(latest.id, &audit, now).await?;
        versions[0].mobile_verified_at = Some(now);
    }
    Ok(Json(answer(&cx, &versions).await?).into_response())
}
