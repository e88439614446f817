//! `POST /api/auth/password` (修改密码): the current password, and a new one under the shared
//! rules. A wrong current password counts against the account's login throttle (a stolen
//! session must not become a way to guess the password), every other session of the account
//! ends, and the account's phone is told by SMS. `POST /api/auth/password/confirm` (确认密码)
//! checks the password alone, under the same throttle: a field worker's phone makes the key
//! that seals the due list from it, and must not make it from a typo.

use app::api::auth::{FormRefusal, PasswordChangeRequest, PasswordConfirm};
use app::domain::forms::password_change::{self, field, PasswordChange};
use app::domain::password::Personal;
use app::domain::{IdNumber, Issue};
use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::{Extension, Json};

use super::session::Principal;
use super::{throttle, today, Cx};
use crate::http::{body, Answer, ClientAddress, Refusal};
use crate::store::{now_ms, AuditEntry};

/// What the SMS says: no code, no link — only that it happened and what to do if it was not you.
pub const PASSWORD_NOTICE: &str = "【社保通】您的账号密码刚刚已修改，其他设备已退出登录。如非本人操作，请立即通过“忘记密码”重设并联系经办机构。";

/// Checks the signed-in person's current password, as a login try of the account (taken before
/// the hash is checked, forgiven when right); a wrong one is refused on `field`.
pub(super) async fn check_current(cx: &Cx, p: &Principal, password: &str, field: &str, addr: &str, now: i64) -> Result<(), Refusal> {
    let key = throttle::account_key(p.account.id);
    throttle::take(cx.store.as_ref(), &key, addr, now).await?;
    if !cx.services.hasher.verify(password, Some(&p.account.password_hash)).await {
        return Err(Refusal::field(field, Issue::new("password.current_wrong", "当前密码不正确", "The current password is not right")));
    }
    throttle::succeeded(cx.store.as_ref(), &key).await?;
    Ok(())
}

pub async fn change_password(
    State(cx): State<Cx>,
    ClientAddress(addr): ClientAddress,
    Extension(principal): Extension<Option<Principal>>,
    json: Result<Json<PasswordChangeRequest>, JsonRejection>,
) -> Answer {
    let p = principal.ok_or_else(Refusal::bad_request)?;
    let now = now_ms();
    super::self_service_quota(&cx, p.account.id, now).await?;
    let d = body(json)?;
    let id = cx.id_of(&p.account)?;
    let mobile = cx.mobile_of(&p.account)?;
    let person = IdNumber::parse(&id, today(now)).ok().map(|c| c.value);
    let me = Personal { birth: person.as_ref().map(IdNumber::birth_date), id_number: person.as_ref().map(IdNumber::as_str), mobile: Some(&mobile) };
    let PasswordChange { current, password } = password_change::validate(&d, &me).map_err(|f| Refusal::form(FormRefusal::invalid(f)))?.value;
    check_current(&cx, &p, &current, field::CURRENT, &addr, now).await?;
    let hash = cx.services.hasher.hash(password.expose()).await;
    let audit = AuditEntry {
        actor: Some(p.account.id),
        actor_role: Some(p.role.as_str().into()),
        action: "password.change".into(),
        target: Some(format!("account:{}", p.account.id)),
        ..Default::default()
    };
    cx.store.account_set_password(p.account.id, &hash, Some(&p.token_hash), &audit, now).await?;
    // The change stands whether or not the notice goes out; a failed notice is for the log.
    if let Err(e) = cx.services.sms.send(&mobile, "", PASSWORD_NOTICE).await {
        tracing::warn!(account = p.account.id, error = %e, "password change notice not sent");
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `POST /api/auth/password/confirm`: 204 when the password is the account's.
pub async fn confirm_password(
    State(cx): State<Cx>,
    ClientAddress(addr): ClientAddress,
    Extension(principal): Extension<Option<Principal>>,
    json: Result<Json<PasswordConfirm>, JsonRejection>,
) -> Answer {
    let p = principal.ok_or_else(Refusal::bad_request)?;
    let now = now_ms();
    super::self_service_quota(&cx, p.account.id, now).await?;
    let d = body(json)?;
    check_current(&cx, &p, &d.password, "password", &addr, now).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
