//! The `/api/auth/…` endpoints (and the admin's audit view). Each refuses with specific,
//! bilingual messages; what they change is stored with its audit entry in one transaction.

use std::net::SocketAddr;

use app::api::auth::{AddressesDraft, CodePurpose, FormRefusal, LoginRequest, Me, Registered, ResetRequest, Role, SmsRequest, VerifyPhoneRequest};
use app::domain::forms::addresses::{self, Addresses};
use app::domain::forms::password_reset::{self, PasswordReset};
use app::api::admin::AuditLine;
use app::api::ApiError;
use app::domain::forms::personal::{self, field, PersonalRegistrationDraft};
use app::domain::forms::Context;
use app::domain::{CreditCode, Date, IdNumber, Issue, MobileNumber, SmsCode};
use axum::extract::rejection::JsonRejection;
use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};

use super::identity::{Verdict, ID_INDEX};
use super::session::{self, Principal};
use super::{codes, throttle, Refusal, ACTIVE, CREDIT_INDEX, PENDING_PHONE, PENDING_REVIEW};
use crate::store::{Account, AuditEntry, NewAccount};
use crate::AppState;

pub(crate) type Answer = Result<Response, Refusal>;

/// The client's address, for the per-address limits.
pub struct ClientAddress(pub String);

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        if state.accounts.trust_forwarded {
            let forwarded = parts.headers.get("x-forwarded-for").and_then(|v| v.to_str().ok());
            if let Some(last) = forwarded.and_then(|v| v.rsplit(',').next()).map(str::trim).filter(|s| !s.is_empty()) {
                return Ok(ClientAddress(last.to_owned()));
            }
        }
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip().to_string());
        Ok(ClientAddress(peer.unwrap_or_else(|| "unknown".into())))
    }
}

pub(crate) fn body<T>(json: Result<Json<T>, JsonRejection>) -> Result<T, Refusal> {
    json.map(|Json(t)| t).map_err(|_| Refusal::bad_request())
}

fn today(now: i64) -> Date {
    Date::china_from_unix_ms(now)
}

pub(crate) fn issue_refusal(field: &str, issue: Issue) -> Refusal {
    Refusal::form(FormRefusal::on(field, issue))
}

pub(crate) fn code_refusal(r: Result<Issue, crate::store::StoreError>) -> Refusal {
    match r {
        Ok(issue) => issue_refusal(field::SMS_CODE, issue),
        Err(e) => e.into(),
    }
}

/// What the real-name check's answer means for a registration: `None` when it matched,
/// `Some(Ok((field, issue)))` for a mismatch, `Some(Err(issue))` when it could not be asked.
pub(crate) fn identity_issue(verdict: Verdict) -> Option<Result<(&'static str, Issue), Issue>> {
    const AGENCY_ZH: &str = "确认无误后，请携带本人身份证原件到参保地社保经办机构更新信息后再注册";
    const AGENCY_EN: &str = "if it is right, take your ID card to the social insurance agency to update your record, then register again";
    match verdict {
        Verdict::Matched => None,
        Verdict::NameDiffers => Some(Ok((
            field::NAME,
            Issue {
                code: "real_name.name_differs".into(),
                zh: format!("姓名与社保系统登记的信息不一致。请核对姓名；{AGENCY_ZH}").into(),
                en: format!("The name does not match the social insurance record for this ID number. Check it; {AGENCY_EN}").into(),
            },
        ))),
        Verdict::NotInRegistry => Some(Ok((
            field::ID_NUMBER,
            Issue {
                code: "real_name.not_found".into(),
                zh: format!("社保系统中没有该身份证号的参保记录。请核对号码；{AGENCY_ZH}").into(),
                en: format!("The social insurance records have no one with this ID number. Check it; {AGENCY_EN}").into(),
            },
        ))),
        Verdict::Unavailable => Some(Err(Issue::new(
            "real_name.unavailable",
            "实名认证服务暂时不可用，请稍后再试（您的信息没有问题，也未被保存）",
            "The real-name check is unavailable for now; try again later (nothing is wrong with your details, and nothing was saved)",
        ))),
    }
}

fn identity_refusal(verdict: Verdict) -> Option<Refusal> {
    identity_issue(verdict).map(|r| match r {
        Ok((field, issue)) => issue_refusal(field, issue),
        Err(issue) => Refusal::api(StatusCode::SERVICE_UNAVAILABLE, ApiError { code: issue.code.into(), zh: issue.zh.into(), en: issue.en.into() }),
    })
}

pub(crate) fn already_registered_issue() -> Issue {
    Issue::new("account.exists", "该身份证号已注册，请直接登录或找回密码", "This ID number is registered already; log in, or reset the password")
}

fn already_registered() -> Refusal {
    issue_refusal(field::ID_NUMBER, already_registered_issue())
}

/// `POST /api/auth/sms`.
pub async fn sms(State(state): State<AppState>, ClientAddress(addr): ClientAddress, json: Result<Json<SmsRequest>, JsonRejection>) -> Answer {
    let req = body(json)?;
    let now = crate::store::now_ms();
    let mobile = match req.purpose {
        CodePurpose::Register => MobileNumber::parse(&req.mobile).map_err(|i| issue_refusal(field::MOBILE, i))?.value.as_str().to_owned(),
        CodePurpose::Reset | CodePurpose::VerifyPhone => {
            let id = IdNumber::parse(&req.id_number, today(now)).map_err(|i| issue_refusal(field::ID_NUMBER, i))?.value;
            let wanted = if req.purpose == CodePurpose::Reset { ACTIVE } else { PENDING_PHONE };
            match state.store.account_by_id_index(&state.vault.blind_index(ID_INDEX, id.as_str())).await? {
                Some(a) if a.status == wanted => open_text(&state, &a.mobile_sealed)?,
                // Say the same as when a code went out: the answer must not tell who has an account.
                _ => return Ok(Json(codes::sent()).into_response()),
            }
        }
        CodePurpose::EmployerMobile => match crate::applicant::mobile_to_prove(&state, &req.id_number).await? {
            Some(mobile) => mobile,
            None => return Ok(Json(codes::sent()).into_response()),
        },
    };
    let sent = codes::send(state.store.as_ref(), &state.vault, state.accounts.sms.as_ref(), &mobile, req.purpose, &addr, now).await?;
    Ok(Json(sent).into_response())
}

fn open_text(state: &AppState, sealed: &[u8]) -> Result<String, Refusal> {
    let bytes = state.vault.open(sealed).map_err(|e| Refusal::Store(crate::store::StoreError::Config(e.to_string())))?;
    String::from_utf8(bytes).map_err(|e| Refusal::Store(crate::store::StoreError::Config(e.to_string())))
}

/// Validated, real-name-checked, not registered yet: ready to become an account.
async fn checked_registration(state: &AppState, draft: &PersonalRegistrationDraft, now: i64) -> Result<personal::PersonalRegistration, Refusal> {
    let ctx = Context { today: today(now), policy: Some(&state.policy) };
    let reg = personal::validate(draft, &ctx).map_err(|f| Refusal::form(FormRefusal::invalid(f)))?.value;
    let id_index = state.vault.blind_index(ID_INDEX, reg.id_number.as_str());
    if state.store.account_by_id_index(&id_index).await?.is_some() {
        return Err(already_registered());
    }
    if let Some(r) = identity_refusal(state.accounts.identity.check(reg.name.as_str(), &reg.id_number).await) {
        return Err(r);
    }
    Ok(reg)
}

pub(crate) async fn new_account(state: &AppState, reg: &personal::PersonalRegistration, status: &str, registered_by: Option<i64>) -> NewAccount {
    let hash = state.accounts.hasher.hash(reg.password.expose()).await;
    let email = reg.email.as_ref().map(|e| e.as_str().to_owned());
    super::account_record(&state.vault, Role::Resident, status, &reg.id_number, &reg.name, &reg.mobile, email, hash, registered_by)
}

/// `POST /api/auth/register`: 个人用户注册, online. The code is required here.
pub async fn register(State(state): State<AppState>, json: Result<Json<PersonalRegistrationDraft>, JsonRejection>) -> Answer {
    let draft = body(json)?;
    let now = crate::store::now_ms();
    let reg = checked_registration(&state, &draft, now).await?;
    let Some(code) = &reg.sms_code else {
        return Err(issue_refusal(field::SMS_CODE, Issue::new("required", "请输入短信验证码", "Enter the code sent by SMS")));
    };
    codes::verify(state.store.as_ref(), &state.vault, reg.mobile.as_str(), CodePurpose::Register, code.as_str(), now)
        .await
        .map_err(code_refusal)?;
    let account = new_account(&state, &reg, ACTIVE, None).await;
    let audit = AuditEntry { action: "account.register".into(), actor_role: Some("anonymous".into()), ..Default::default() };
    let Some(id) = state.store.account_create(&account, &audit, now).await? else { return Err(already_registered()) };
    signed_in(&state, id, None, now).await
}

/// `POST /api/auth/assisted`: a field worker registers a resident who is with them. With the
/// code from the resident's phone the account is active at once; without it, it waits as
/// 「待验证手机」 until the code is entered (`verify-phone`).
pub async fn assisted(
    State(state): State<AppState>,
    Extension(principal): Extension<Option<Principal>>,
    json: Result<Json<PersonalRegistrationDraft>, JsonRejection>,
) -> Answer {
    let worker = principal.ok_or_else(Refusal::bad_request)?;
    let draft = body(json)?;
    let now = crate::store::now_ms();
    let reg = checked_registration(&state, &draft, now).await?;
    let status = match &reg.sms_code {
        Some(code) => {
            codes::verify(state.store.as_ref(), &state.vault, reg.mobile.as_str(), CodePurpose::Register, code.as_str(), now)
                .await
                .map_err(code_refusal)?;
            ACTIVE
        }
        None => PENDING_PHONE,
    };
    let account = new_account(&state, &reg, status, Some(worker.account.id)).await;
    let audit = AuditEntry {
        actor: Some(worker.account.id),
        actor_role: Some(worker.role.as_str().into()),
        action: "account.register_assisted".into(),
        detail: Some(format!("status={status}")),
        ..Default::default()
    };
    if state.store.account_create(&account, &audit, now).await?.is_none() {
        return Err(already_registered());
    }
    Ok((StatusCode::CREATED, Json(Registered { status: status.into() })).into_response())
}

/// `POST /api/auth/verify-phone`: the code sent to a pending registration's phone makes it an
/// account that can log in.
pub async fn verify_phone(State(state): State<AppState>, json: Result<Json<VerifyPhoneRequest>, JsonRejection>) -> Answer {
    let req = body(json)?;
    let now = crate::store::now_ms();
    let id = IdNumber::parse(&req.id_number, today(now)).map_err(|i| issue_refusal(field::ID_NUMBER, i))?.value;
    let code = SmsCode::parse(&req.sms_code).map_err(|i| issue_refusal(field::SMS_CODE, i))?.value;
    let account = state.store.account_by_id_index(&state.vault.blind_index(ID_INDEX, id.as_str())).await?;
    let Some(account) = account.filter(|a| a.status == PENDING_PHONE) else {
        return Err(issue_refusal(
            field::ID_NUMBER,
            Issue::new("account.not_pending", "没有待验证手机的注册", "There is no registration waiting for its phone"),
        ));
    };
    let mobile = open_text(&state, &account.mobile_sealed)?;
    codes::verify(state.store.as_ref(), &state.vault, &mobile, CodePurpose::VerifyPhone, code.as_str(), now)
        .await
        .map_err(code_refusal)?;
    let audit = AuditEntry {
        action: "account.phone_verified".into(),
        target: Some(format!("account:{}", account.id)),
        ..Default::default()
    };
    state.store.account_set_status(account.id, ACTIVE, &audit, now).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

fn wrong_login() -> Refusal {
    Refusal::api(
        StatusCode::UNAUTHORIZED,
        ApiError::new("login.wrong", "账号或密码不正确", "The ID number / mobile or the password is not right"),
    )
}

/// `POST /api/auth/login`: by ID number or mobile, and password.
pub async fn login(
    State(state): State<AppState>,
    ClientAddress(addr): ClientAddress,
    Extension(current): Extension<Option<Principal>>,
    json: Result<Json<LoginRequest>, JsonRejection>,
) -> Answer {
    let req = body(json)?;
    let now = crate::store::now_ms();
    let by_id = match IdNumber::parse(&req.login, today(now)) {
        Ok(id) => {
            let index = state.vault.blind_index(ID_INDEX, id.value.as_str());
            let account = state.store.account_by_id_index(&index).await?;
            Some((index, account))
        }
        Err(_) => None,
    };
    // Employers log in by their unified social credit code (a rare all-digit code may also
    // read as an ID number: the account decides).
    let by_credit = match (&by_id, CreditCode::parse(&req.login)) {
        (None | Some((_, None)), Ok(code)) => {
            let index = state.vault.blind_index(CREDIT_INDEX, code.value.as_str());
            state.store.account_by_id_index(&index).await?.map(|a| (index, Some(a)))
        }
        _ => None,
    };
    let (name_index, account) = if let Some(found) = by_credit.or(by_id) {
        found
    } else if let Ok(m) = MobileNumber::parse(&req.login) {
        let index = state.vault.blind_index(codes::MOBILE_INDEX, m.value.as_str());
        let mut all = state.store.accounts_by_mobile(&index).await?;
        all.retain(|a| a.status == ACTIVE);
        // A phone shared by several accounts cannot say whose login this is.
        (index, if all.len() == 1 { all.pop() } else { None })
    } else {
        return Err(wrong_login());
    };
    throttle::check(state.store.as_ref(), &name_index, &addr, now).await?;
    let ok = state.accounts.hasher.verify(&req.password, account.as_ref().map(|a| a.password_hash.as_str())).await;
    let Some(account) = account.filter(|_| ok) else {
        // The wait runs from the answer, not from the request: the hash check above takes a
        // noticeable part of a second on a busy machine and would otherwise eat the first wait.
        throttle::failed(state.store.as_ref(), &name_index, &addr, crate::store::now_ms()).await?;
        return Err(wrong_login());
    };
    throttle::succeeded(state.store.as_ref(), &name_index).await?;
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
    state.store.audit_append(&audit, now).await?;
    signed_in(&state, account.id, current.as_ref(), now).await
}

/// Starts a fresh session (ending the one the request came with) and answers with [`Me`].
async fn signed_in(state: &AppState, account_id: i64, previous: Option<&Principal>, now: i64) -> Answer {
    if let Some(p) = previous {
        state.store.session_delete(&p.token_hash).await?;
    }
    let (token, csrf) = session::start(state.store.as_ref(), account_id, now).await?;
    let account = state.store.account_by_id(account_id).await?.ok_or_else(Refusal::bad_request)?;
    let me = me_of(state, &account, csrf.clone())?;
    let mut response = Json(me).into_response();
    for cookie in state.accounts.cookies.start(&token, &csrf) {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    Ok(response)
}

fn me_of(state: &AppState, a: &Account, csrf: String) -> Result<Me, Refusal> {
    let today = today(crate::store::now_ms());
    let id = open_text(state, &a.id_sealed)?;
    let mobile = open_text(state, &a.mobile_sealed)?;
    let role = Role::parse(&a.role).unwrap_or(Role::Resident);
    Ok(Me {
        name: a.name.clone(),
        // An employer's identifier is its credit code: public, shown whole.
        id_masked: IdNumber::parse(&id, today)
            .map(|c| c.value.masked())
            .or_else(|_| CreditCode::parse(&id).map(|c| c.value.as_str().to_owned()))
            .unwrap_or_else(|_| "******".into()),
        mobile_masked: MobileNumber::parse(&mobile).map(|c| c.value.masked()).unwrap_or_else(|_| "****".into()),
        role,
        needs_addresses: role == Role::Resident && a.addresses.is_none(),
        csrf,
    })
}

/// `GET /api/auth/me`.
pub async fn me(State(state): State<AppState>, Extension(principal): Extension<Option<Principal>>) -> Answer {
    let p = principal.ok_or_else(Refusal::bad_request)?;
    Ok(Json(me_of(&state, &p.account, p.csrf.clone())?).into_response())
}

/// `POST /api/auth/logout`.
pub async fn logout(State(state): State<AppState>, Extension(principal): Extension<Option<Principal>>) -> Answer {
    let p = principal.ok_or_else(Refusal::bad_request)?;
    state.store.session_delete(&p.token_hash).await?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    for cookie in state.accounts.cookies.end() {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    Ok(response)
}

/// `POST /api/auth/profile`: the household registration and contact addresses.
pub async fn profile(
    State(state): State<AppState>,
    Extension(principal): Extension<Option<Principal>>,
    json: Result<Json<AddressesDraft>, JsonRejection>,
) -> Answer {
    let p = principal.ok_or_else(Refusal::bad_request)?;
    let d = body(json)?;
    let Addresses { household, contact } = addresses::validate(&d).map_err(|f| Refusal::form(FormRefusal::invalid(f)))?.value;
    let json = serde_json::json!({
        "household": { "division": household.division, "detail": household.detail },
        "contact": { "division": contact.division, "detail": contact.detail },
    });
    let audit = AuditEntry {
        actor: Some(p.account.id),
        actor_role: Some(p.role.as_str().into()),
        action: "account.addresses".into(),
        target: Some(format!("account:{}", p.account.id)),
        ..Default::default()
    };
    let sealed = state.vault.seal(json.to_string().as_bytes());
    state.store.account_set_addresses(p.account.id, &sealed, &audit, crate::store::now_ms()).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `POST /api/auth/reset`: 忘记密码 — ID number, the code sent to the registered phone, a new
/// password. Every session of the account ends.
pub async fn reset(State(state): State<AppState>, json: Result<Json<ResetRequest>, JsonRejection>) -> Answer {
    let req = body(json)?;
    let now = crate::store::now_ms();
    let ctx = Context { today: today(now), policy: Some(&state.policy) };
    let PasswordReset { id_number, sms_code, password } =
        password_reset::validate(&req, &ctx).map_err(|f| Refusal::form(FormRefusal::invalid(f)))?.value;
    let index = state.vault.blind_index(ID_INDEX, id_number.as_str());
    let Some(account) = state.store.account_by_id_index(&index).await?.filter(|a| a.status == ACTIVE) else {
        return Err(issue_refusal(field::SMS_CODE, Issue::new("sms_code.missing", "请先获取验证码", "Ask for a code first")));
    };
    let mobile = open_text(&state, &account.mobile_sealed)?;
    codes::verify(state.store.as_ref(), &state.vault, &mobile, CodePurpose::Reset, sms_code.as_str(), now)
        .await
        .map_err(code_refusal)?;
    let hash = state.accounts.hasher.hash(password.expose()).await;
    let audit = AuditEntry { action: "password.reset".into(), target: Some(format!("account:{}", account.id)), ..Default::default() };
    state.store.account_set_password(account.id, &hash, &audit, now).await?;
    throttle::succeeded(state.store.as_ref(), &index).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `GET /api/admin/audit`: the latest 200 entries (no personal data in them).
pub async fn audit(State(state): State<AppState>) -> Answer {
    let entries = state.store.audit_recent(200).await?;
    let list: Vec<AuditLine> = entries
        .into_iter()
        .map(|r| AuditLine {
            id: r.id,
            at: r.at,
            actor: r.entry.actor,
            actor_role: r.entry.actor_role,
            action: r.entry.action,
            target: r.entry.target,
            detail: r.entry.detail,
        })
        .collect();
    Ok(Json(list).into_response())
}
