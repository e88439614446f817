//! `POST /api/auth/sms`: where a code for each purpose goes. For a registration, to the number
//! typed; for a reset or a registration waiting for its phone, to the account's registered phone,
//! named by its ID number (or, for a unit, its credit code); for an employer's application, to the
//! handler mobile named with the credit code, if an application has that pair; for 手机号变更, to
//! the new number a signed-in person typed.
//!
//! When the code goes to a number the caller did not type, the answer must not tell whether it
//! went: the resend limit is counted per name *before* anything is looked up (so asking twice is
//! refused alike for an account and for nobody), and a phone's own limits or a gateway failure
//! are logged, not answered.

use app::api::auth::{CodePurpose, SmsRequest};
use app::domain::forms::password_reset::Holder;
use app::domain::forms::personal::field;
use app::domain::{CreditCode, Email, Issue, MobileNumber};
use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::{Extension, Json};

use crate::accounts::session::Principal;
use crate::accounts::{codes, today, ACTIVE, PENDING_PHONE};
use crate::employers;
use crate::http::{body, Answer, ClientAddress, Refusal};
use crate::store::{now_ms, CounterStore};
use crate::vault::purpose;

/// One request per name per minute, whoever the name belongs to.
async fn once_a_minute(store: &dyn CounterStore, name_key: &str, now: i64) -> Result<(), Refusal> {
    let window = now.div_euclid(codes::RESEND_MS) * codes::RESEND_MS;
    if store.counter_add(&format!("sms:ask:{name_key}"), window).await? <= 1 {
        return Ok(());
    }
    let s = u32::try_from((window + codes::RESEND_MS - now + 999) / 1000).unwrap_or(60);
    Err(Refusal::api_after(
        StatusCode::TOO_MANY_REQUESTS,
        Issue::formatted("sms.too_soon", format!("验证码已发送，请 {s} 秒后再获取"), format!("A code was just sent; ask again in {s} s")),
        s,
    ))
}

pub async fn sms(
    State(cx): State<employers::Cx>,
    ClientAddress(addr): ClientAddress,
    Extension(principal): Extension<Option<Principal>>,
    json: Result<Json<SmsRequest>, JsonRejection>,
) -> Answer {
    let req = body(json)?;
    let now = now_ms();
    let accounts = &cx.accounts;
    let (store, vault, gateway) = (accounts.store.as_ref(), &accounts.vault, accounts.services.sms.as_ref());
    let mobile = match req.purpose {
        // A new number for a signed-in person (手机号变更): like a registration's, to the number
        // typed; without a session, the one answer of every signed-in endpoint.
        CodePurpose::ChangeMobile if principal.is_none() => {
            return Err(Refusal::api(
                StatusCode::UNAUTHORIZED,
                app::api::ApiError::new("login_required", "请先登录", "Please log in first"),
            ));
        }
        CodePurpose::Register | CodePurpose::ChangeMobile => {
            let mobile = MobileNumber::parse(&req.mobile).map_err(|i| Refusal::field(field::MOBILE, i))?.value;
            let sent = codes::send(store, vault, gateway, mobile.as_str(), req.purpose, &addr, now).await?;
            return Ok(Json(sent).into_response());
        }
        CodePurpose::Reset | CodePurpose::VerifyPhone => {
            let holder = Holder::parse(&req.id_number, today(now)).map_err(|i| Refusal::field(field::ID_NUMBER, i))?.value;
            let index = match &holder {
                Holder::Person(id) => vault.blind_index(purpose::ID_NUMBER, id.as_str()),
                Holder::Unit(code) => vault.blind_index(purpose::CREDIT_CODE, code.as_str()),
            };
            once_a_minute(store, &format!("{}:{index}", req.purpose.as_str()), now).await?;
            codes::count_address(store, &addr, now).await?;
            let wanted = if req.purpose == CodePurpose::Reset { ACTIVE } else { PENDING_PHONE };
            match store.account_by_id_index(&index).await? {
                // Staff reset their passwords through an administrator, never by SMS.
                Some(a) if a.status == wanted && a.stands(now) && !crate::accounts::is_staff(&a) => Some(accounts.mobile_of(&a)?),
                _ => None,
            }
        }
        // Sent by the login itself, once the password was right.
        CodePurpose::StaffLogin => return Err(Refusal::bad_request()),
        CodePurpose::ResetEmail => {
            let holder = Holder::parse(&req.id_number, today(now)).map_err(|i| Refusal::field(field::ID_NUMBER, i))?.value;
            let typed = Email::parse(&req.email).map_err(|i| Refusal::field(field::EMAIL, i))?.value;
            let Some(mailer) = accounts.services.email.as_ref() else {
                // Not offered here: the same answer whoever asks.
                return Err(Refusal::api(
                    StatusCode::SERVICE_UNAVAILABLE,
                    Issue::new("email.unavailable", "暂未开通邮箱找回，请使用手机号找回", "Recovery by e-mail is not offered here; use the mobile"),
                ));
            };
            let index = match &holder {
                Holder::Person(id) => vault.blind_index(purpose::ID_NUMBER, id.as_str()),
                Holder::Unit(code) => vault.blind_index(purpose::CREDIT_CODE, code.as_str()),
            };
            once_a_minute(store, &format!("{}:{index}", req.purpose.as_str()), now).await?;
            codes::count_address(store, &addr, now).await?;
            let to = match store.account_by_id_index(&index).await? {
                Some(a) if a.status == ACTIVE && a.stands(now) && !crate::accounts::is_staff(&a) => {
                    a.email.filter(|e| e.eq_ignore_ascii_case(typed.as_str()))
                }
                _ => None,
            };
            if let Some(to) = to {
                let by_email = crate::accounts::email::CodeByEmail(mailer.as_ref());
                if let Err(refusal) = codes::send_counted(store, vault, &by_email, &to, req.purpose, now).await {
                    tracing::info!(?refusal, "a recovery code by e-mail was not sent (the answer does not say)");
                }
            }
            return Ok(Json(codes::sent()).into_response());
        }
        CodePurpose::EmployerMobile => {
            let code = CreditCode::parse(&req.id_number).map_err(|i| Refusal::field(app::domain::forms::employer::field::CREDIT_CODE, i))?.value;
            let mobile = MobileNumber::parse(&req.mobile).map_err(|i| Refusal::field(app::domain::forms::employer::field::HANDLER_MOBILE, i))?.value;
            let key = vault.blind_index(purpose::CREDIT_CODE, code.as_str()) + &vault.blind_index(purpose::MOBILE, mobile.as_str());
            once_a_minute(store, &format!("employer:{key}"), now).await?;
            codes::count_address(store, &addr, now).await?;
            employers::applicant::applies(&cx, &code, &mobile).await?.then(|| mobile.as_str().to_owned())
        }
    };
    if let Some(mobile) = mobile {
        if let Err(refusal) = codes::send_counted(store, vault, gateway, &mobile, req.purpose, now).await {
            tracing::info!(?refusal, purpose = req.purpose.as_str(), "a code to a registered phone was not sent (the answer does not say)");
        }
    }
    Ok(Json(codes::sent()).into_response())
}
