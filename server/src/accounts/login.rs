//! Signing in and out: `POST /api/auth/login` (by ID number, credit code or mobile, with the
//! throttle), `POST /api/auth/logout` and `/api/auth/logout-all`, `GET /api/auth/me`.

use app::api::auth::{CodePurpose, LoginRequest, Me, Role};
use app::api::ApiError;
use app::domain::{CreditCode, IdNumber, MobileNumber};
use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::{Extension, Json};

use super::session::{self, Principal};
use super::{codes, throttle, today, Account, Cx, ACTIVE, PENDING_PHONE, PENDING_REVIEW};
use crate::http::{body, Answer, ClientAddress, Refusal};
use crate::store::{now_ms, AuditEntry};
use crate::vault::purpose;

fn wrong_login() -> Refusal {
    Refusal::api(StatusCode::UNAUTHORIZED, ApiError::new("login.wrong", "账号或密码不正确", "The ID number / mobile or the password is not right"))
}

/// `POST /api/auth/login`: by ID number or mobile, and password.
pub async fn login(
    State(cx): State<Cx>,
    ClientAddress(addr): ClientAddress,
    Extension(current): Extension<Option<Principal>>,
    json: Result<Json<LoginRequest>, JsonRejection>,
) -> Answer {
    let req = body(json)?;
    let now = now_ms();
    let by_id = match IdNumber::parse(&req.login, today(now)) {
        Ok(id) => {
            let index = cx.vault.blind_index(purpose::ID_NUMBER, id.value.as_str());
            let account = cx.store.account_by_id_index(&index).await?;
            Some((index, account))
        }
        Err(_) => None,
    };
    // Employers log in by their unified social credit code (a rare all-digit code may also
    // read as an ID number: the account decides).
    let by_credit = match (&by_id, CreditCode::parse(&req.login)) {
        (None | Some((_, None)), Ok(code)) => {
            let index = cx.vault.blind_index(purpose::CREDIT_CODE, code.value.as_str());
            cx.store.account_by_id_index(&index).await?.map(|a| (index, Some(a)))
        }
        _ => None,
    };
    let (name_index, account) = if let Some(found) = by_credit.or(by_id) {
        found
    } else if let Ok(m) = MobileNumber::parse(&req.login) {
        let index = cx.vault.blind_index(purpose::MOBILE, m.value.as_str());
        let mut all = cx.store.accounts_by_mobile(&index).await?;
        all.retain(|a| a.status == ACTIVE);
        // A phone shared by several accounts cannot say whose login this is.
        (index, if all.len() == 1 { all.pop() } else { None })
    } else {
        return Err(wrong_login());
    };
    // An account is one key whichever name reached it; a name no account has, its own.
    let key = account.as_ref().map_or_else(|| throttle::name_key(&name_index), |a| throttle::account_key(a.id));
    throttle::take(cx.store.as_ref(), &key, &addr, now).await?;
    let ok = cx.services.hasher.verify(&req.password, account.as_ref().map(|a| a.password_hash.as_str())).await;
    let Some(account) = account.filter(|_| ok) else {
        return Err(wrong_login());
    };
    throttle::succeeded(cx.store.as_ref(), &key).await?;
    if Role::parse(&account.role).is_some_and(Role::is_staff) {
        second_factor(&cx, &account, &req.sms_code, now).await?;
    }
    if account.status == PENDING_PHONE {
        return Err(Refusal::api(
            StatusCode::FORBIDDEN,
            ApiError::new("account.pending_phone", "注册尚待验证手机，请先完成手机验证", "The registration waits for its phone to be verified; verify it first"),
        ));
    }
    if account.status == PENDING_REVIEW {
        return Err(Refusal::api(
            StatusCode::FORBIDDEN,
            ApiError::new(
                "account.pending_review",
                "单位注册正在审核中（1–3 个工作日），请通过“审核进度查询”查看结果",
                "The employer registration is being reviewed (1 to 3 working days); follow it under “review progress”",
            ),
        ));
    }
    let audit = AuditEntry {
        actor: Some(account.id),
        actor_role: Some(account.role.clone()),
        action: "session.login".into(),
        target: Some(format!("account:{}", account.id)),
        ..Default::default()
    };
    cx.store.audit_append(&audit, now).await?;
    cx.store.account_signed_in(account.id, ClientAddress(addr).class().as_str(), now).await?;
    signed_in(&cx, account.id, current.as_ref(), now).await
}

/// A staff sign-in's second factor (二次身份验证): without a code, one goes to the account's
/// phone and the answer asks for it; with one, it must be right. A staff account has no other
/// way in (and does not reset by SMS).
async fn second_factor(cx: &Cx, account: &Account, code: &str, now: i64) -> Result<(), Refusal> {
    let mobile = cx.mobile_of(account)?;
    if code.trim().is_empty() {
        let sms = cx.services.sms.as_ref();
        if let Err(refusal) = codes::send_counted(cx.store.as_ref(), &cx.vault, sms, &mobile, CodePurpose::StaffLogin, now).await {
            // A code sent a moment ago is still good; anything else is for the log.
            tracing::info!(?refusal, "staff second factor: no new code sent");
        }
        let masked = MobileNumber::parse(&mobile).map(|m| m.value.masked()).unwrap_or_default();
        return Err(Refusal::api(
            StatusCode::UNAUTHORIZED,
            app::domain::Issue::formatted(
                "login.second_factor",
                format!("请输入发送到 {masked} 的短信验证码"),
                format!("Enter the code sent by SMS to {masked}"),
            ),
        ));
    }
    codes::verify(cx.store.as_ref(), &cx.vault, &mobile, CodePurpose::StaffLogin, code.trim(), now).await.map_err(codes::refusal)
}

/// Starts a fresh session (ending the one the request came with) and answers with [`Me`].
pub async fn signed_in(cx: &Cx, account_id: i64, previous: Option<&Principal>, now: i64) -> Answer {
    if let Some(p) = previous {
        cx.store.session_delete(&p.token_hash).await?;
    }
    let (token, csrf) = session::start(cx.store.as_ref(), account_id, now).await?;
    let account = cx.store.account_by_id(account_id).await?.ok_or_else(Refusal::bad_request)?;
    let me = me_of(cx, &account, csrf.clone())?;
    let mut response = Json(me).into_response();
    for cookie in cx.services.cookies.start(&token, &csrf) {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    Ok(response)
}

/// From this age the home screen offers 长辈模式 (the national guidance for elder-friendly
/// public-service apps, 适老化, is written for people of 60 and over).
const SENIOR_AGE: u16 = 60;

/// What the app is told of the signed-in person: identifiers masked.
pub fn me_of(cx: &Cx, a: &Account, csrf: String) -> Result<Me, Refusal> {
    let today = today(now_ms());
    let id = cx.id_of(a)?;
    let mobile = cx.mobile_of(a)?;
    let role = Role::parse(&a.role).unwrap_or(Role::Resident);
    let person = IdNumber::parse(&id, today).ok().map(|c| c.value);
    Ok(Me {
        senior: person.as_ref().is_some_and(|p| p.birth_date().age_on(today) >= SENIOR_AGE),
        name: a.name.clone(),
        // An employer's identifier is its credit code: public, shown whole.
        id_masked: match &person {
            Some(p) => p.masked(),
            None => CreditCode::parse(&id).map(|c| c.value.as_str().to_owned()).unwrap_or_else(|_| "******".into()),
        },
        mobile_masked: MobileNumber::parse(&mobile).map(|c| c.value.masked()).unwrap_or_else(|_| "****".into()),
        role,
        needs_addresses: role == Role::Resident && a.addresses.is_none(),
        csrf,
    })
}

/// `GET /api/auth/me`.
pub async fn me(State(cx): State<Cx>, Extension(principal): Extension<Option<Principal>>) -> Answer {
    let p = principal.ok_or_else(Refusal::bad_request)?;
    Ok(Json(me_of(&cx, &p.account, p.csrf.clone())?).into_response())
}

/// `POST /api/auth/logout`.
pub async fn logout(State(cx): State<Cx>, Extension(principal): Extension<Option<Principal>>) -> Answer {
    let p = principal.ok_or_else(Refusal::bad_request)?;
    cx.store.session_delete(&p.token_hash).await?;
    Ok(signed_out(&cx))
}

/// `POST /api/auth/logout-all` (退出所有设备): every session of the account ends, this one too.
pub async fn logout_all(State(cx): State<Cx>, Extension(principal): Extension<Option<Principal>>) -> Answer {
    let p = principal.ok_or_else(Refusal::bad_request)?;
    super::self_service_quota(&cx, p.account.id, now_ms()).await?;
    let audit = AuditEntry {
        actor: Some(p.account.id),
        actor_role: Some(p.role.as_str().into()),
        action: "session.logout_all".into(),
        target: Some(format!("account:{}", p.account.id)),
        ..Default::default()
    };
    cx.store.sessions_end_all(p.account.id, &audit, now_ms()).await?;
    Ok(signed_out(&cx))
}

/// No content, and the session cookies cleared.
fn signed_out(cx: &Cx) -> axum::response::Response {
    let mut response = StatusCode::NO_CONTENT.into_response();
    for cookie in cx.services.cookies.end() {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}
