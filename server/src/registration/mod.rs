//! Becoming a user: 个人用户注册 online (`POST /api/auth/register`), through the outbox — offline,
//! or a field worker's 代为注册 — ([`filing`]), the code that completes a registration waiting for
//! its phone and sets its password (`POST /api/auth/verify-phone`), and `POST /api/auth/sms`,
//! which decides where a code for each purpose goes.
//!
//! A registration proves that the phone **belongs to that person**: the carriers' three-element
//! check (name + ID number + mobile) says the number is registered in the person's name, and the
//! code sent to it says the registrant holds it. Nothing about the person is said to anyone who
//! has not proved both: online the code is checked first and a mismatch has one generic answer;
//! through the outbox an anonymous sender is told only that the filing was received — what
//! became of it goes by SMS to the person's own phone. A registration waiting for its phone
//! never blocks the real person: it expires, and a newer one that matches takes its place.

pub mod filing;
mod send_code;

use app::api::auth::{CodePurpose, FormRefusal, ResetRequest, Role};
use app::domain::forms::password_reset::{self, Holder, PasswordReset};
use app::domain::forms::personal::{self, field, PersonalRegistrationDraft};
use app::domain::forms::Context;
use app::domain::{IdNumber, Issue, MobileNumber, PersonName};
use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::Json;

pub use self::send_code::sms;
use crate::accounts::identity::{in_registry, Verdict};
use crate::accounts::{codes, signed_in, today, Account, Cx, NewAccount, ACTIVE, PENDING_PHONE};
use crate::http::{body, quota, Answer, ClientAddress, Internal, Refusal};
use crate::store::{now_ms, AuditEntry};

/// How long a registration waits for its phone before it is forgotten.
pub const PENDING_MS: i64 = 7 * 86_400_000;

/// Registrations tried online per client address and hour.
pub const REGISTER_PER_HOUR: i64 = 20;

/// The one answer to name, ID number and mobile that do not belong together.
pub fn mismatch() -> Issue {
    Issue::new(
        "real_name.mismatch",
        "姓名、身份证号与手机号不一致：手机号须为本人实名登记的号码。请核对后重试；确认无误的，请携带本人身份证原件到参保地社保经办机构更新信息",
        "The name, ID number and mobile do not belong together: the mobile must be registered in your own name. Check them; if they are right, take your ID card to the social insurance agency to update your record",
    )
}

fn not_insured() -> Issue {
    Issue::new(
        "real_name.not_found",
        "社保系统中没有您的参保记录。请携带本人身份证原件到参保地社保经办机构登记后再注册",
        "The social insurance records have no entry for you. Take your ID card to the social insurance agency to be recorded, then register",
    )
}

pub fn already_registered() -> Issue {
    Issue::new("account.exists", "该身份证号已注册，请直接登录或找回密码", "This ID number is registered already; log in, or reset the password")
}

fn unavailable() -> Issue {
    Issue::new(
        "real_name.unavailable",
        "实名认证服务暂时不可用，请稍后再试（您的信息没有问题，也未被保存）",
        "The real-name check is unavailable for now; try again later (nothing is wrong with your details, and nothing was saved)",
    )
}

/// Where a person who holds this phone stands.
pub enum Standing {
    /// May register; a pending registration of theirs, if any, is taken over.
    Ready(Option<Account>),
    /// May not, for this reason on this field.
    Refused(&'static str, Issue),
    /// The real-name check could not be asked.
    Unavailable(Issue),
}

/// The three elements, the registry, and the accounts, in that order.
pub async fn standing(cx: &Cx, name: &PersonName, id: &IdNumber, mobile: &MobileNumber, now: i64) -> Result<Standing, Internal> {
    match cx.services.identity.check(name, id, mobile).await {
        Verdict::Matched => {}
        Verdict::Mismatch => return Ok(Standing::Refused("form", mismatch())),
        Verdict::Unavailable => return Ok(Standing::Unavailable(unavailable())),
    }
    if !in_registry(cx.store.as_ref(), &cx.vault, name, id).await? {
        return Ok(Standing::Refused(field::ID_NUMBER, not_insured()));
    }
    Ok(match cx.account_of(id).await? {
        None => Standing::Ready(None),
        Some(a) if a.status == PENDING_PHONE => Standing::Ready(Some(a)),
        Some(a) if !a.stands(now) => Standing::Ready(Some(a)),
        Some(_) => Standing::Refused(field::ID_NUMBER, already_registered()),
    })
}

/// Creates `account`, or writes it over the pending registration it takes over.
pub async fn enrol(cx: &Cx, account: &NewAccount, over: Option<&Account>, audit: &AuditEntry, now: i64) -> Result<Option<i64>, Internal> {
    Ok(match over {
        Some(old) => cx.store.account_reregister(old.id, account, audit, now).await?.then_some(old.id),
        None => cx.store.account_create(account, audit, now).await?,
    })
}

/// `POST /api/auth/register`: 个人用户注册, online: the code first, then the three elements.
pub async fn register(State(cx): State<Cx>, ClientAddress(addr): ClientAddress, json: Result<Json<PersonalRegistrationDraft>, JsonRejection>) -> Answer {
    let draft = body(json)?;
    let now = now_ms();
    quota::take(cx.store.as_ref(), &format!("register:{addr}"), quota::HOUR_MS, REGISTER_PER_HOUR, now).await?;
    let ctx = Context { today: today(now), policy: Some(&cx.policy) };
    let reg = personal::validate(&draft, &ctx).map_err(|f| Refusal::form(FormRefusal::invalid(f)))?.value;
    let Some(code) = &reg.sms_code else {
        return Err(Refusal::field(field::SMS_CODE, Issue::new("required", "请输入短信验证码", "Enter the code sent by SMS")));
    };
    let proof = codes::check(cx.store.as_ref(), &cx.vault, reg.mobile.as_str(), CodePurpose::Register, code.as_str(), now).await.map_err(codes::refusal)?;
    let over = match standing(&cx, &reg.name, &reg.id_number, &reg.mobile, now).await? {
        Standing::Ready(over) => over,
        Standing::Refused(field, issue) => return Err(Refusal::field(field, issue)),
        Standing::Unavailable(issue) => return Err(Refusal::unavailable(issue)),
    };
    codes::consume(cx.store.as_ref(), &proof).await.map_err(codes::refusal)?;
    let hash = cx.services.hasher.hash(reg.password.expose()).await;
    let email = reg.email.as_ref().map(|e| e.as_str().to_owned());
    let account = crate::accounts::account_record(&cx.vault, Role::Resident, ACTIVE, &reg.id_number, &reg.name, &reg.mobile, email, hash, None);
    let audit = AuditEntry { action: "account.register".into(), actor_role: Some("anonymous".into()), ..Default::default() };
    let Some(id) = enrol(&cx, &account, over.as_ref(), &audit, now).await? else {
        return Err(Refusal::field(field::ID_NUMBER, already_registered()));
    };
    signed_in(&cx, id, None, now).await
}

/// The answer to a code that cannot complete anything: the same whether or not a registration
/// waits for it.
fn no_code() -> Refusal {
    Refusal::field(password_reset::field::SMS_CODE, Issue::new("sms_code.missing", "请先获取验证码", "Ask for a code first"))
}

/// `POST /api/auth/verify-phone`: the code sent to a pending registration's phone, and the
/// password the person chooses, make it an account that can log in.
pub async fn verify_phone(State(cx): State<Cx>, json: Result<Json<ResetRequest>, JsonRejection>) -> Answer {
    let req = body(json)?;
    let now = now_ms();
    let ctx = Context { today: today(now), policy: Some(&cx.policy) };
    let PasswordReset { holder, sms_code, password, .. } = password_reset::validate(&req, &ctx).map_err(|f| Refusal::form(FormRefusal::invalid(f)))?.value;
    let Holder::Person(id) = holder else { return Err(no_code()) };
    let Some(account) = cx.account_of(&id).await?.filter(|a| a.status == PENDING_PHONE && a.stands(now)) else {
        return Err(no_code());
    };
    let mobile = cx.mobile_of(&account)?;
    codes::verify(cx.store.as_ref(), &cx.vault, &mobile, CodePurpose::VerifyPhone, sms_code.as_str(), now).await.map_err(codes::refusal)?;
    let hash = cx.services.hasher.hash(password.expose()).await;
    let audit = AuditEntry { action: "account.phone_verified".into(), target: Some(format!("account:{}", account.id)), ..Default::default() };
    if !cx.store.account_activate(account.id, &hash, &audit, now).await? {
        return Err(no_code());
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}
