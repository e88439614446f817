//! 单位用户注册 — employer registration: the unit (name, credit code, legal representative's ID)
//! and its handler (经办人: name, ID, mobile, email), the SMS code, consent. No password: the
//! filing may wait in an outbox and an export, where no password belongs. The applicant follows
//! the review with a code to the handler's mobile, and once approved sets the unit's password the
//! same way (忘记密码 with the credit code).

use serde::{Deserialize, Serialize};

use super::{check_consent, Context};
use crate::domain::{CreditCode, Email, FieldErrors, IdNumber, Issue, MobileNumber, PersonName, SmsCode, UnitName, Valid};

pub mod field {
    pub const UNIT_NAME: &str = "unit_name";
    pub const CREDIT_CODE: &str = "credit_code";
    pub const LEGAL_REP_ID: &str = "legal_rep_id";
    pub const HANDLER_NAME: &str = "handler_name";
    pub const HANDLER_ID: &str = "handler_id";
    pub const HANDLER_MOBILE: &str = "handler_mobile";
    pub const HANDLER_EMAIL: &str = "handler_email";
    pub const PASSWORD: &str = "password";
    pub const PASSWORD_CONFIRM: &str = "password_confirm";
    pub const SMS_CODE: &str = "sms_code";
    pub const AGREED: &str = "agreed";
}

/// The legal representative must be an adult.
const LEGAL_REP_MIN_AGE: u16 = 18;
/// The handler must be of working age.
const HANDLER_MIN_AGE: u16 = 16;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmployerRegistrationDraft {
    pub unit_name: String,
    pub credit_code: String,
    pub legal_rep_id: String,
    pub handler_name: String,
    pub handler_id: String,
    pub handler_mobile: String,
    pub handler_email: String,
    /// Only an app from before the rule above fills these; such a filing is refused.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub password: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub password_confirm: String,
    pub sms_code: String,
    pub agreed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmployerRegistration {
    pub unit_name: UnitName,
    pub credit_code: CreditCode,
    pub legal_rep_id: IdNumber,
    pub handler_name: PersonName,
    pub handler_id: IdNumber,
    pub handler_mobile: MobileNumber,
    pub handler_email: Email,
    pub sms_code: Option<SmsCode>,
}

/// Validates the whole form. Cross-field rules: the handler is not the legal representative
/// (the authorisation letter is the legal representative's mandate to someone else) — except
/// for an individual business (个体工商户, code `92…`), whose operator handles its affairs in
/// person; the legal representative is an adult and the handler of working age.
pub fn validate(d: &EmployerRegistrationDraft, ctx: &Context) -> Result<Valid<EmployerRegistration>, FieldErrors> {
    let mut e = FieldErrors::default();
    let unit_name = e.take(field::UNIT_NAME, UnitName::parse(&d.unit_name));
    let credit_code = e.take(field::CREDIT_CODE, CreditCode::parse(&d.credit_code));
    let legal_rep_id = e.take(field::LEGAL_REP_ID, IdNumber::parse(&d.legal_rep_id, ctx.today));
    let handler_name = e.take(field::HANDLER_NAME, PersonName::parse(&d.handler_name));
    let handler_id = e.take(field::HANDLER_ID, IdNumber::parse(&d.handler_id, ctx.today));
    let handler_mobile = e.take(field::HANDLER_MOBILE, MobileNumber::parse(&d.handler_mobile));
    let handler_email = e.take(field::HANDLER_EMAIL, Email::parse(&d.handler_email));

    if let Some(rep) = &legal_rep_id {
        if rep.birth_date().age_on(ctx.today) < LEGAL_REP_MIN_AGE {
            e.error(field::LEGAL_REP_ID, Issue::new("legal_rep.minor", "法定代表人须年满 18 周岁", "The legal representative must be at least 18"));
        }
    }
    if let Some(handler) = &handler_id {
        if handler.birth_date().age_on(ctx.today) < HANDLER_MIN_AGE {
            e.error(field::HANDLER_ID, Issue::new("handler.too_young", "经办人须年满 16 周岁", "The handler must be at least 16"));
        }
        let individual = credit_code.as_ref().is_some_and(CreditCode::is_individual_business);
        if legal_rep_id.as_ref() == Some(handler) && !individual {
            e.error(
                field::HANDLER_ID,
                Issue::new(
                    "handler.is_legal_rep",
                    "经办人应为法定代表人授权的单位社保工作人员，不能与法定代表人为同一人（个体工商户除外）",
                    "The handler is the staff member the legal representative authorises, not the legal representative (individual businesses excepted)",
                ),
            );
        }
    }

    if !d.password.is_empty() || !d.password_confirm.is_empty() {
        e.error(
            field::PASSWORD,
            Issue::new(
                "registration.password_in_filing",
                "单位注册不再携带密码：请更新应用后重新提交；审核通过后用经办人手机验证码设置密码",
                "An employer registration no longer carries a password: update the app and file it again; once approved, the password is set with a code to the handler's mobile",
            ),
        );
    }
    let sms_code = if d.sms_code.trim().is_empty() { Some(None) } else { e.take(field::SMS_CODE, SmsCode::parse(&d.sms_code)).map(Some) };
    check_consent(&mut e, field::AGREED, d.agreed);
    e.finish(|| {
        Some(EmployerRegistration {
            unit_name: unit_name?,
            credit_code: credit_code?,
            legal_rep_id: legal_rep_id?,
            handler_name: handler_name?,
            handler_id: handler_id?,
            handler_mobile: handler_mobile?,
            handler_email: handler_email?,
            sms_code: sms_code?,
        })
    })
}

/// Every material the seeds require is attached: `attached` are the slot names of the filing's
/// attachments (`domain::review::Material::as_str`). Each missing one is an error on its slot.
///
/// ```
/// use app::domain::forms::employer::check_materials;
/// assert!(check_materials(&["licence", "legal_rep_id", "handler_id", "authorisation"]).is_ok());
/// let e = check_materials(&["licence"]).unwrap_err();
/// assert_eq!(e.error_of("authorisation").unwrap().code, "material.required");
/// assert!(e.error_of("licence").is_none());
/// ```
pub fn check_materials(attached: &[&str]) -> Result<(), FieldErrors> {
    let mut e = FieldErrors::default();
    for m in crate::domain::review::Material::ALL {
        if !attached.contains(&m.as_str()) {
            let (zh, en) = m.label();
            e.error(m.as_str(), Issue::formatted("material.required", format!("请上传：{zh}"), format!("Attach: {en}")));
        }
    }
    if e.has_errors() {
        Err(e)
    } else {
        Ok(())
    }
}
