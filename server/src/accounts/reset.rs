//! `POST /api/auth/reset`: 忘记密码 — the ID number (a unit: its credit code), the code sent to
//! the registered phone (or to the registered e-mail, when the form names it), a new password. Every session of the account ends. Staff accounts do
//! not reset by SMS (an administrator does it); to a caller they look like no account at all.

use app::api::auth::{CodePurpose, FormRefusal, ResetRequest};
use app::domain::forms::password_reset::{self, field, Holder, PasswordReset};
use app::domain::forms::Context;
use app::domain::Issue;
use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::Json;

use super::{codes, is_staff, throttle, today, Cx, ACTIVE};
use crate::http::{body, Answer, Refusal};
use crate::store::{now_ms, AuditEntry};
use crate::vault::purpose;

pub async fn reset(State(cx): State<Cx>, json: Result<Json<ResetRequest>, JsonRejection>) -> Answer {
    let req = body(json)?;
    let now = now_ms();
    let ctx = Context { today: today(now), policy: Some(&cx.policy) };
    let PasswordReset { holder, sms_code, password, email } = password_reset::validate(&req, &ctx).map_err(|f| Refusal::form(FormRefusal::invalid(f)))?.value;
    let index = match &holder {
        Holder::Person(id) => cx.vault.blind_index(purpose::ID_NUMBER, id.as_str()),
        Holder::Unit(code) => cx.vault.blind_index(purpose::CREDIT_CODE, code.as_str()),
    };
    let Some(account) = cx.store.account_by_id_index(&index).await?.filter(|a| a.status == ACTIVE && !is_staff(a)) else {
        return Err(Refusal::field(field::SMS_CODE, Issue::new("sms_code.missing", "请先获取验证码", "Ask for a code first")));
    };
    // Where the code went: the registered phone, or (by e-mail) the registered address, when the
    // one typed is it; otherwise the answer of an account that has none.
    let (to, code_purpose) = match &email {
        None => (cx.mobile_of(&account)?, CodePurpose::Reset),
        Some(typed) => match account.email.clone().filter(|e| e.eq_ignore_ascii_case(typed.as_str())) {
            Some(registered) => (registered, CodePurpose::ResetEmail),
            None => return Err(Refusal::field(field::SMS_CODE, Issue::new("sms_code.missing", "请先获取验证码", "Ask for a code first"))),
        },
    };
    codes::verify(cx.store.as_ref(), &cx.vault, &to, code_purpose, sms_code.as_str(), now).await.map_err(codes::refusal)?;
    let hash = cx.services.hasher.hash(password.expose()).await;
    let audit = AuditEntry { action: "password.reset".into(), target: Some(format!("account:{}", account.id)), ..Default::default() };
    cx.store.account_set_password(account.id, &hash, None, &audit, now).await?;
    throttle::succeeded(cx.store.as_ref(), &throttle::account_key(account.id)).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
