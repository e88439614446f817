//! `POST /api/auth/sms`: where a code for each purpose goes. For a registration, to the number
//! typed; for a reset or a pending registration, to the account's registered phone; for an
//! employer's handler, to the mobile of the latest application. Where no such account or
//! application exists, the answer is word for word the one of a code that went out.

use app::api::auth::{CodePurpose, SmsRequest};
use app::domain::forms::personal::field;
use app::domain::{IdNumber, MobileNumber};
use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::response::IntoResponse;
use axum::Json;

use crate::accounts::{codes, today, ACTIVE, PENDING_PHONE};
use crate::employers;
use crate::http::{body, Answer, ClientAddress, Refusal};
use crate::store::now_ms;

pub async fn sms(State(cx): State<employers::Cx>, ClientAddress(addr): ClientAddress, json: Result<Json<SmsRequest>, JsonRejection>) -> Answer {
    let req = body(json)?;
    let now = now_ms();
    let accounts = &cx.accounts;
    let mobile = match req.purpose {
        CodePurpose::Register => MobileNumber::parse(&req.mobile).map_err(|i| Refusal::field(field::MOBILE, i))?.value.as_str().to_owned(),
        CodePurpose::Reset | CodePurpose::VerifyPhone => {
            let id = IdNumber::parse(&req.id_number, today(now)).map_err(|i| Refusal::field(field::ID_NUMBER, i))?.value;
            let wanted = if req.purpose == CodePurpose::Reset { ACTIVE } else { PENDING_PHONE };
            match accounts.account_of(&id).await? {
                Some(a) if a.status == wanted => accounts.open_text(&a.mobile_sealed)?,
                // Say the same as when a code went out: the answer must not tell who has an account.
                _ => return Ok(Json(codes::sent()).into_response()),
            }
        }
        CodePurpose::EmployerMobile => match employers::applicant::mobile_to_prove(&cx, &req.id_number).await? {
            Some(mobile) => mobile,
            None => return Ok(Json(codes::sent()).into_response()),
        },
    };
    let sent = codes::send(accounts.store.as_ref(), &accounts.vault, accounts.services.sms.as_ref(), &mobile, req.purpose, &addr, now).await?;
    Ok(Json(sent).into_response())
}
