//! 忘记密码 — password recovery: the ID number, the code sent to the registered phone, and the
//! new password twice (under the same strength rules as at registration).

use serde::{Deserialize, Serialize};

use super::check_confirmation;
use crate::domain::password::Personal;
use crate::domain::{FieldErrors, IdNumber, Password, SmsCode, Valid};

pub mod field {
    pub const ID_NUMBER: &str = "id_number";
    pub const SMS_CODE: &str = "sms_code";
    pub const PASSWORD: &str = "password";
    pub const PASSWORD_CONFIRM: &str = "password_confirm";
}

/// The form as typed (also the request body of `/api/auth/reset`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordResetDraft {
    pub id_number: String,
    pub sms_code: String,
    pub password: String,
    pub password_confirm: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordReset {
    pub id_number: IdNumber,
    pub sms_code: SmsCode,
    pub password: Password,
}

/// Validates the whole form.
///
/// ```
/// use app::domain::forms::{password_reset::*, Context};
/// use app::domain::Date;
/// let ctx = Context { today: Date::new(2026, 11, 23).unwrap(), policy: None };
/// let mut d = PasswordResetDraft {
///     id_number: "320102199003071239".into(), sms_code: "123456".into(),
///     password: "New-garden8".into(), password_confirm: "New-garden8".into(),
/// };
/// assert!(validate(&d, &ctx).is_ok());
/// d.password_confirm = "New-garden9".into();
/// assert_eq!(validate(&d, &ctx).unwrap_err().error_of(field::PASSWORD_CONFIRM).unwrap().code, "password.mismatch");
/// ```
pub fn validate(d: &PasswordResetDraft, ctx: &super::Context) -> Result<Valid<PasswordReset>, FieldErrors> {
    let mut e = FieldErrors::default();
    let id_number = e.take(field::ID_NUMBER, IdNumber::parse(&d.id_number, ctx.today));
    let sms_code = e.take(field::SMS_CODE, SmsCode::parse(&d.sms_code));
    let me = Personal { birth: id_number.as_ref().map(IdNumber::birth_date), id_number: id_number.as_ref().map(IdNumber::as_str), mobile: None };
    let password = e.take(field::PASSWORD, Password::parse(&d.password, &me));
    check_confirmation(&mut e, field::PASSWORD_CONFIRM, &d.password, &d.password_confirm);
    e.finish(|| Some(PasswordReset { id_number: id_number?, sms_code: sms_code?, password: password? }))
}
