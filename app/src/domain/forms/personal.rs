//! 个人用户注册 — personal registration: name as on the ID, ID number, mobile, optional email,
//! password twice, the SMS code (may come later when registering offline), consent.

use serde::{Deserialize, Serialize};

use super::{check_confirmation, check_consent, Context};
use crate::domain::password::Personal;
use crate::domain::{Email, FieldErrors, IdNumber, MobileNumber, Password, PersonName, SmsCode, Valid};

/// Field names, as the form and the server's answers use them.
pub mod field {
    pub const NAME: &str = "name";
    pub const ID_NUMBER: &str = "id_number";
    pub const MOBILE: &str = "mobile";
    pub const EMAIL: &str = "email";
    pub const PASSWORD: &str = "password";
    pub const PASSWORD_CONFIRM: &str = "password_confirm";
    pub const SMS_CODE: &str = "sms_code";
    pub const AGREED: &str = "agreed";
}

/// The form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonalRegistrationDraft {
    pub name: String,
    pub id_number: String,
    pub mobile: String,
    pub email: String,
    pub password: String,
    pub password_confirm: String,
    /// Empty when the phone is to be verified later (offline registration).
    pub sms_code: String,
    pub agreed: bool,
}

/// A valid registration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonalRegistration {
    pub name: PersonName,
    pub id_number: IdNumber,
    pub mobile: MobileNumber,
    pub email: Option<Email>,
    pub password: Password,
    pub sms_code: Option<SmsCode>,
}

/// Validates the whole form.
///
/// ```
/// use app::domain::forms::{personal::*, Context};
/// use app::domain::Date;
/// let ctx = Context { today: Date::new(2026, 11, 22).unwrap(), policy: None };
/// let mut d = PersonalRegistrationDraft {
///     name: "王小明".into(), id_number: "320102199003071239".into(), mobile: "13800138000".into(),
///     password: "Tea-garden7".into(), password_confirm: "Tea-garden7".into(), agreed: true,
///     ..Default::default()
/// };
/// assert!(validate(&d, &ctx).is_ok());
/// d.password_confirm = "Tea-garden8".into();
/// let errors = validate(&d, &ctx).unwrap_err();
/// assert_eq!(errors.error_of(field::PASSWORD_CONFIRM).unwrap().code, "password.mismatch");
/// ```
pub fn validate(d: &PersonalRegistrationDraft, ctx: &Context) -> Result<Valid<PersonalRegistration>, FieldErrors> {
    let mut e = FieldErrors::default();
    let name = e.take(field::NAME, PersonName::parse(&d.name));
    let id_number = e.take(field::ID_NUMBER, IdNumber::parse(&d.id_number, ctx.today));
    let mobile = e.take(field::MOBILE, MobileNumber::parse(&d.mobile));
    let email = if d.email.trim().is_empty() { Some(None) } else { e.take(field::EMAIL, Email::parse(&d.email)).map(Some) };
    let me = Personal {
        birth: id_number.as_ref().map(IdNumber::birth_date),
        id_number: id_number.as_ref().map(IdNumber::as_str),
        mobile: mobile.as_ref().map(MobileNumber::as_str),
    };
    let password = e.take(field::PASSWORD, Password::parse(&d.password, &me));
    check_confirmation(&mut e, field::PASSWORD_CONFIRM, &d.password, &d.password_confirm);
    let sms_code = if d.sms_code.trim().is_empty() { Some(None) } else { e.take(field::SMS_CODE, SmsCode::parse(&d.sms_code)).map(Some) };
    check_consent(&mut e, field::AGREED, d.agreed);
    e.finish(|| {
        Some(PersonalRegistration {
            name: name?,
            id_number: id_number?,
            mobile: mobile?,
            email: email?,
            password: password?,
            sms_code: sms_code?,
        })
    })
}
