//! Becoming a user: 个人用户注册 online (`POST /api/auth/register`, with the SMS code), assisted by
//! a field worker (`POST /api/auth/assisted`), and offline through the outbox ([`filing`]); the
//! code that activates a registration waiting for its phone (`POST /api/auth/verify-phone`); and
//! `POST /api/auth/sms`, which decides where a code for each purpose goes.

pub mod filing;
mod send_code;

use app::api::auth::{CodePurpose, FormRefusal, Registered, Role, VerifyPhoneRequest};
use app::domain::forms::personal::{self, field, PersonalRegistrationDraft};
use app::domain::forms::Context;
use app::domain::{IdNumber, Issue, SmsCode};
use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::{Extension, Json};

pub use self::send_code::sms;
use crate::accounts::identity::Verdict;
use crate::accounts::session::Principal;
use crate::accounts::{codes, signed_in, today, Cx, NewAccount, ACTIVE, PENDING_PHONE};
use crate::http::{body, Answer, Refusal};
use crate::store::{now_ms, AuditEntry};

/// What the real-name check's answer means for a registration: `None` when it matched,
/// `Some(Ok((field, issue)))` for a mismatch, `Some(Err(issue))` when it could not be asked.
pub fn identity_issue(verdict: Verdict) -> Option<Result<(&'static str, Issue), Issue>> {
    const AGENCY_ZH: &str = "确认无误后，请携带本人身份证原件到参保地社保经办机构更新信息后再注册";
    const AGENCY_EN: &str = "if it is right, take your ID card to the social insurance agency to update your record, then register again";
    match verdict {
        Verdict::Matched => None,
        Verdict::NameDiffers => Some(Ok((
            field::NAME,
            Issue::formatted(
                "real_name.name_differs",
                format!("姓名与社保系统登记的信息不一致。请核对姓名；{AGENCY_ZH}"),
                format!("The name does not match the social insurance record for this ID number. Check it; {AGENCY_EN}"),
            ),
        ))),
        Verdict::NotInRegistry => Some(Ok((
            field::ID_NUMBER,
            Issue::formatted(
                "real_name.not_found",
                format!("社保系统中没有该身份证号的参保记录。请核对号码；{AGENCY_ZH}"),
                format!("The social insurance records have no one with this ID number. Check it; {AGENCY_EN}"),
            ),
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
        Ok((field, issue)) => Refusal::field(field, issue),
        Err(issue) => Refusal::unavailable(issue),
    })
}

pub fn already_registered_issue() -> Issue {
    Issue::new("account.exists", "该身份证号已注册，请直接登录或找回密码", "This ID number is registered already; log in, or reset the password")
}

fn already_registered() -> Refusal {
    Refusal::field(field::ID_NUMBER, already_registered_issue())
}

/// Validated, real-name-checked, not registered yet: ready to become an account.
async fn checked_registration(cx: &Cx, draft: &PersonalRegistrationDraft, now: i64) -> Result<personal::PersonalRegistration, Refusal> {
    let ctx = Context { today: today(now), policy: Some(&cx.policy) };
    let reg = personal::validate(draft, &ctx).map_err(|f| Refusal::form(FormRefusal::invalid(f)))?.value;
    if cx.account_of(&reg.id_number).await?.is_some() {
        return Err(already_registered());
    }
    if let Some(r) = identity_refusal(cx.services.identity.check(reg.name.as_str(), &reg.id_number).await) {
        return Err(r);
    }
    Ok(reg)
}

/// The resident's account for a registration, its password hashed.
pub async fn new_account(cx: &Cx, reg: &personal::PersonalRegistration, status: &str, registered_by: Option<i64>) -> NewAccount {
    let hash = cx.services.hasher.hash(reg.password.expose()).await;
    let email = reg.email.as_ref().map(|e| e.as_str().to_owned());
    crate::accounts::account_record(&cx.vault, Role::Resident, status, &reg.id_number, &reg.name, &reg.mobile, email, hash, registered_by)
}

/// `POST /api/auth/register`: 个人用户注册, online. The code is required here.
pub async fn register(State(cx): State<Cx>, json: Result<Json<PersonalRegistrationDraft>, JsonRejection>) -> Answer {
    let draft = body(json)?;
    let now = now_ms();
    let reg = checked_registration(&cx, &draft, now).await?;
    let Some(code) = &reg.sms_code else {
        return Err(Refusal::field(field::SMS_CODE, Issue::new("required", "请输入短信验证码", "Enter the code sent by SMS")));
    };
    codes::verify(cx.store.as_ref(), &cx.vault, reg.mobile.as_str(), CodePurpose::Register, code.as_str(), now).await.map_err(codes::refusal)?;
    let account = new_account(&cx, &reg, ACTIVE, None).await;
    let audit = AuditEntry { action: "account.register".into(), actor_role: Some("anonymous".into()), ..Default::default() };
    let Some(id) = cx.store.account_create(&account, &audit, now).await? else { return Err(already_registered()) };
    signed_in(&cx, id, None, now).await
}

/// `POST /api/auth/assisted`: a field worker registers a resident who is with them. With the
/// code from the resident's phone the account is active at once; without it, it waits as
/// 「待验证手机」 until the code is entered (`verify-phone`).
pub async fn assisted(
    State(cx): State<Cx>,
    Extension(principal): Extension<Option<Principal>>,
    json: Result<Json<PersonalRegistrationDraft>, JsonRejection>,
) -> Answer {
    let worker = principal.ok_or_else(Refusal::bad_request)?;
    let draft = body(json)?;
    let now = now_ms();
    let reg = checked_registration(&cx, &draft, now).await?;
    let status = match &reg.sms_code {
        Some(code) => {
            codes::verify(cx.store.as_ref(), &cx.vault, reg.mobile.as_str(), CodePurpose::Register, code.as_str(), now)
                .await
                .map_err(codes::refusal)?;
            ACTIVE
        }
        None => PENDING_PHONE,
    };
    let account = new_account(&cx, &reg, status, Some(worker.account.id)).await;
    let audit = AuditEntry {
        actor: Some(worker.account.id),
        actor_role: Some(worker.role.as_str().into()),
        action: "account.register_assisted".into(),
        detail: Some(format!("status={status}")),
        ..Default::default()
    };
    if cx.store.account_create(&account, &audit, now).await?.is_none() {
        return Err(already_registered());
    }
    Ok((StatusCode::CREATED, Json(Registered { status: status.into() })).into_response())
}

/// `POST /api/auth/verify-phone`: the code sent to a pending registration's phone makes it an
/// account that can log in.
pub async fn verify_phone(State(cx): State<Cx>, json: Result<Json<VerifyPhoneRequest>, JsonRejection>) -> Answer {
    let req = body(json)?;
    let now = now_ms();
    let id = IdNumber::parse(&req.id_number, today(now)).map_err(|i| Refusal::field(field::ID_NUMBER, i))?.value;
    let code = SmsCode::parse(&req.sms_code).map_err(|i| Refusal::field(field::SMS_CODE, i))?.value;
    let Some(account) = cx.account_of(&id).await?.filter(|a| a.status == PENDING_PHONE) else {
        return Err(Refusal::field(
            field::ID_NUMBER,
            Issue::new("account.not_pending", "没有待验证手机的注册", "There is no registration waiting for its phone"),
        ));
    };
    let mobile = cx.open_text(&account.mobile_sealed)?;
    codes::verify(cx.store.as_ref(), &cx.vault, &mobile, CodePurpose::VerifyPhone, code.as_str(), now).await.map_err(codes::refusal)?;
    let audit = AuditEntry { action: "account.phone_verified".into(), target: Some(format!("account:{}", account.id)), ..Default::default() };
    cx.store.account_set_status(account.id, ACTIVE, &audit, now).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
