//! SMS verification codes: 6 digits, valid 5 minutes, good once, at most 5 tries, 60 s between
//! sends to a phone, and daily caps per phone, per client address and for everyone together. Every limit is answered
//! with when to try again. Only the code's HMAC is stored (keyed by phone and purpose).

use app::api::auth::{CodePurpose, SmsSent};
use app::api::ApiError;
use app::domain::Issue;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use axum::http::StatusCode;

use super::guards::{CodeRecord, GuardStore};
use super::sms::SmsGateway;
use crate::http::Refusal;
use crate::store::StoreError;
use crate::vault::{purpose, Vault};

pub const LIFE_MS: i64 = 5 * 60_000;
pub const RESEND_MS: i64 = 60_000;
pub const MAX_TRIES: i64 = 5;
pub const DAILY_PER_PHONE: i64 = 10;
pub const DAILY_PER_ADDRESS: i64 = 50;
/// Codes sent in a day, to everyone together.
pub const DAILY_GLOBAL: i64 = 20_000;

const DAY_MS: i64 = 86_400_000;
const CHINA_OFFSET_MS: i64 = 8 * 3_600_000;

/// The start of the China calendar day holding `now`, and the milliseconds left in it.
pub fn china_day(now: i64) -> (i64, i64) {
    let start = (now + CHINA_OFFSET_MS).div_euclid(DAY_MS) * DAY_MS - CHINA_OFFSET_MS;
    (start, start + DAY_MS - now)
}

fn seconds(ms: i64) -> u32 {
    u32::try_from((ms.max(0) + 999) / 1000).unwrap_or(u32::MAX)
}

fn too_many(code: &'static str, zh: String, en: String, wait_ms: i64) -> Refusal {
    Refusal::api_after(StatusCode::TOO_MANY_REQUESTS, Issue::formatted(code, zh, en), seconds(wait_ms))
}

fn code_hash(vault: &Vault, mobile_index: &str, purpose: CodePurpose, code: &str) -> String {
    vault.blind_index(&format!("sms:{}:{mobile_index}", purpose.as_str()), code)
}

/// Sends a fresh code for `purpose` to `mobile` (already validated, typed by the caller at
/// `address`), unless a limit says no.
pub async fn send(
    store: &dyn GuardStore,
    vault: &Vault,
    gateway: &dyn SmsGateway,
    mobile: &str,
    purpose: CodePurpose,
    address: &str,
    now: i64,
) -> Result<SmsSent, Refusal> {
    too_soon(store, vault, mobile, purpose, now).await?;
    count_address(store, address, now).await?;
    send_counted(store, vault, gateway, mobile, purpose, now).await
}

/// Refuses while a code for `purpose` sent to `mobile` less than a minute ago is live.
async fn too_soon(store: &dyn GuardStore, vault: &Vault, mobile: &str, purpose: CodePurpose, now: i64) -> Result<(), Refusal> {
    let index = vault.blind_index(purpose::MOBILE, mobile);
    if let Some(live) = store.code_get(&index, purpose.as_str()).await? {
        let wait = live.sent_at + RESEND_MS - now;
        if wait > 0 {
            let s = seconds(wait);
            return Err(too_many("sms.too_soon", format!("验证码已发送，请 {s} 秒后再获取"), format!("A code was just sent; ask again in {s} s"), wait));
        }
    }
    Ok(())
}

/// Counts a code asked for from `address` against its daily cap.
pub async fn count_address(store: &dyn GuardStore, address: &str, now: i64) -> Result<(), Refusal> {
    let (day, left) = china_day(now);
    if store.counter_add(&format!("sms:addr:{address}"), day).await? > DAILY_PER_ADDRESS {
        let h = seconds(left) / 3600 + 1;
        return Err(too_many(
            "sms.address_daily_cap",
            format!("本网络今日获取验证码次数过多，请明天再试（约 {h} 小时后）"),
            format!("Too many codes were asked for from this network today; try again tomorrow (in about {h} h)"),
            left,
        ));
    }
    Ok(())
}

/// Sends the code once the caller's address is counted: the phone's resend wait and daily cap,
/// and the daily cap of all codes sent (a bound on what SMS pumping can cost).
pub async fn send_counted(store: &dyn GuardStore, vault: &Vault, gateway: &dyn SmsGateway, mobile: &str, purpose: CodePurpose, now: i64) -> Result<SmsSent, Refusal> {
    too_soon(store, vault, mobile, purpose, now).await?;
    let index = vault.blind_index(purpose::MOBILE, mobile);
    let (day, left) = china_day(now);
    let h = seconds(left) / 3600 + 1;
    if store.counter_add(&format!("sms:phone:{index}"), day).await? > DAILY_PER_PHONE {
        return Err(too_many(
            "sms.phone_daily_cap",
            format!("该手机号今日获取验证码次数已达上限，请明天再试（约 {h} 小时后）"),
            format!("This phone has had today's maximum of codes; try again tomorrow (in about {h} h)"),
            left,
        ));
    }
    if store.counter_add("sms:all", day).await? > DAILY_GLOBAL {
        return Err(too_many(
            "sms.global_cap",
            format!("今日短信发送量已达上限，请明天再试（约 {h} 小时后）"),
            format!("Today's maximum of text messages has been sent; try again tomorrow (in about {h} h)"),
            left,
        ));
    }
    let code = format!("{:06}", OsRng.next_u32() % 1_000_000);
    if let Err(error) = gateway.send(mobile, &code, &text(purpose, &code)).await {
        tracing::error!(%error, "SMS code not sent");
        return Err(Refusal::api(
            StatusCode::SERVICE_UNAVAILABLE,
            ApiError::new("sms.unavailable", "短信服务暂时不可用，请稍后再试", "The SMS service is unavailable; try again later"),
        ));
    }
    let record = CodeRecord { code_hash: code_hash(vault, &index, purpose, &code), sent_at: now, expires_at: now + LIFE_MS, attempts: 0, used: false };
    store.code_put(&index, purpose.as_str(), &record).await?;
    Ok(sent())
}

/// The message that carries a code.
fn text(purpose: CodePurpose, code: &str) -> String {
    match purpose {
        CodePurpose::Register => format!("【社保通】您的注册验证码是 {code}，5 分钟内有效，请勿告诉他人。"),
        CodePurpose::Reset => format!("【社保通】您正在设置登录密码，验证码 {code}，5 分钟内有效。如非本人操作，请忽略。"),
        CodePurpose::VerifyPhone => format!(
            "【社保通】您的注册已受理。验证码 {code}，5 分钟内有效：请在「验证手机」输入验证码并设置登录密码（过期可重新获取）。如非本人操作，请忽略。"
        ),
        CodePurpose::EmployerMobile => format!("【社保通】单位注册审核进度查询验证码 {code}，5 分钟内有效，请勿告诉他人。"),
        CodePurpose::StaffLogin => format!("【社保通】经办人员登录验证码 {code}，5 分钟内有效。如非本人操作，请立即联系管理员。"),
        CodePurpose::ResetEmail => format!(
            "【社保通】您正在通过电子邮箱找回登录密码，验证码 {code}，5 分钟内有效，只能使用一次。如非本人操作，请忽略本邮件，您的密码不会改变。\n\nShebao: your password recovery code is {code}. It is valid for 5 minutes and works once. If this was not you, ignore this e-mail; your password stays as it is."
        ),
        CodePurpose::ChangeMobile => format!("【社保通】您正在将账号绑定手机更换为本号码，验证码 {code}，5 分钟内有效。如非本人操作，请忽略。"),
    }
}

/// The answer to a code request that went out (and, word for word, to one that must not say
/// whether an account exists).
pub fn sent() -> SmsSent {
    SmsSent { resend_after_s: seconds(RESEND_MS), valid_for_s: seconds(LIFE_MS) }
}

/// Checks `code` for `mobile` and `purpose`, and uses it up if it is right. An `Err(Ok(issue))`
/// is the person's mistake (shown on the code field); `Err(Err(_))` a store failure.
pub async fn verify(
    store: &dyn GuardStore,
    vault: &Vault,
    mobile: &str,
    purpose: CodePurpose,
    code: &str,
    now: i64,
) -> Result<(), Result<Issue, StoreError>> {
    let proof = check(store, vault, mobile, purpose, code, now).await?;
    consume(store, &proof).await
}

/// A code that was right when checked, not yet used up.
pub struct Proof {
    index: String,
    purpose: CodePurpose,
    hash: String,
}

/// Uses up a checked code (a code works once, even when two requests race).
pub async fn consume(store: &dyn GuardStore, proof: &Proof) -> Result<(), Result<Issue, StoreError>> {
    if !store.code_consume(&proof.index, proof.purpose.as_str(), &proof.hash).await.map_err(Err)? {
        return Err(Ok(Issue::new("sms_code.used", "验证码已使用，请重新获取", "This code was used already; ask for a new one")));
    }
    Ok(())
}

/// Checks `code` (counting the try) without using it up: for a request that does more checks
/// before it succeeds, and [`consume`]s the code only then.
pub async fn check(
    store: &dyn GuardStore,
    vault: &Vault,
    mobile: &str,
    purpose: CodePurpose,
    code: &str,
    now: i64,
) -> Result<Proof, Result<Issue, StoreError>> {
    let index = vault.blind_index(purpose::MOBILE, mobile);
    let Some(live) = store.code_get(&index, purpose.as_str()).await.map_err(Err)? else {
        return Err(Ok(Issue::new("sms_code.missing", "请先获取验证码", "Ask for a code first")));
    };
    if live.used {
        return Err(Ok(Issue::new("sms_code.used", "验证码已使用，请重新获取", "This code was used already; ask for a new one")));
    }
    if now >= live.expires_at {
        return Err(Ok(Issue::new("sms_code.expired", "验证码已过期，请重新获取", "The code has expired; ask for a new one")));
    }
    if live.attempts >= MAX_TRIES {
        return Err(Ok(locked()));
    }
    let tries = store.code_count_attempt(&index, purpose.as_str()).await.map_err(Err)?;
    if tries > MAX_TRIES {
        return Err(Ok(locked()));
    }
    let hash = code_hash(vault, &index, purpose, code);
    if hash != live.code_hash {
        let left = MAX_TRIES - tries;
        return Err(Ok(if left == 0 {
            locked()
        } else {
            Issue {
                code: "sms_code.wrong".into(),
                zh: format!("验证码不正确，还可尝试 {left} 次").into(),
                en: format!("The code is not right; {left} tries left").into(),
            }
        }));
    }
    Ok(Proof { index, purpose, hash })
}

/// A failed [`verify`] as the answer to a form: the person's mistake on the code field, or the
/// store's failure.
pub fn refusal(r: Result<Issue, StoreError>) -> Refusal {
    match r {
        Ok(issue) => Refusal::field(app::domain::forms::personal::field::SMS_CODE, issue),
        Err(e) => e.into(),
    }
}

fn locked() -> Issue {
    Issue::new("sms_code.locked", "验证码错误次数过多，请重新获取", "Too many wrong tries; ask for a new code")
}
