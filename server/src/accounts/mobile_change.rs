//! `POST /api/auth/mobile` (手机号变更): a signed-in person moves the account to a new number.
//! The current password (counted against the login throttle, as for 修改密码), the code sent to
//! the new number, and for a person the real-name check that the new number is in their own name
//! (a registration asks the same). Every other session ends, and the old number is told. Where
//! the old number is gone and the person cannot sign in, the change is the counter's.

use app::api::auth::{FormRefusal, MobileChangeRequest};
use app::domain::forms::mobile_change::{self, field, MobileChange};
use app::domain::{IdNumber, Issue, PersonName};
use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::{Extension, Json};

use super::identity::Verdict;
use super::session::Principal;
use super::{codes, today, Cx};
use crate::http::{body, Answer, ClientAddress, Refusal};
use crate::store::{now_ms, AuditEntry};
use crate::vault::{bound, purpose};

/// What the old number is told: that the account moved, to which number (masked), and what to do
/// if it was not the person.
pub fn old_number_notice(new_masked: &str) -> String {
    format!("【社保通】您的账号绑定手机已更换为 {new_masked}，本号码不再用于登录和找回密码。如非本人操作，请立即携带身份证到经办机构柜台处理。")
}

pub async fn change_mobile(
    State(cx): State<Cx>,
    ClientAddress(addr): ClientAddress,
    Extension(principal): Extension<Option<Principal>>,
    json: Result<Json<MobileChangeRequest>, JsonRejection>,
) -> Answer {
    let p = principal.ok_or_else(Refusal::bad_request)?;
    let now = now_ms();
    super::self_service_quota(&cx, p.account.id, now).await?;
    let d = body(json)?;
    let MobileChange { mobile, sms_code, password } = mobile_change::validate(&d).map_err(|f| Refusal::form(FormRefusal::invalid(f)))?.value;
    let old = cx.mobile_of(&p.account)?;
    if old == mobile.as_str() {
        return Err(Refusal::field(field::MOBILE, Issue::new("mobile.unchanged", "新手机号与当前绑定的手机号相同", "This is the mobile the account already has")));
    }
    super::password_change::check_current(&cx, &p, &password, field::CURRENT_PASSWORD, &addr, now).await?;
    // Checked now, used up only once the number is found to be the person's.
    let proof = codes::check(cx.store.as_ref(), &cx.vault, mobile.as_str(), app::api::auth::CodePurpose::ChangeMobile, sms_code.as_str(), now)
        .await
        .map_err(codes::refusal)?;
    // A person's number must be in their own name, as at registration (a unit's handler mobile
    // is the unit's business: a unit account has no ID number to check it against).
    if let (Ok(id), Ok(name)) = (IdNumber::parse(&cx.id_of(&p.account)?, today(now)), PersonName::parse(&p.account.name)) {
        match cx.services.identity.check(&name.value, &id.value, &mobile).await {
            Verdict::Matched => {}
            Verdict::Mismatch => {
                return Err(Refusal::field(
                    field::MOBILE,
                    Issue::new(
                        "mobile.not_yours",
                        "该手机号未登记在您本人名下，请使用本人实名登记的手机号",
                        "This mobile is not registered in your name; use a phone in your own name",
                    ),
                ))
            }
            Verdict::Unavailable => {
                return Err(Refusal::api(
                    StatusCode::SERVICE_UNAVAILABLE,
                    Issue::new("real_name.unavailable", "实名核验服务暂不可用，请稍后再试", "The real-name check is unavailable; try again later"),
                ))
            }
        }
    }
    codes::consume(cx.store.as_ref(), &proof).await.map_err(codes::refusal)?;
    let audit = AuditEntry {
        actor: Some(p.account.id),
        actor_role: Some(p.role.as_str().into()),
        action: "account.mobile".into(),
        target: Some(format!("account:{}", p.account.id)),
        ..Default::default()
    };
    let sealed = cx.vault.seal(&bound::account_mobile(&p.account.id_index), mobile.as_str().as_bytes());
    let index = cx.vault.blind_index(purpose::MOBILE, mobile.as_str());
    cx.store.account_set_mobile(p.account.id, &index, &sealed, &p.token_hash, &audit, now).await?;
    if let Err(e) = cx.services.sms.send(&old, "", &old_number_notice(&mobile.masked())).await {
        tracing::warn!(account = p.account.id, error = %e, "mobile change notice to the old number not sent");
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}
