//! Setting a password with a code sent to the registered phone: 忘记密码 (a resident by ID number,
//! a unit by its unified social credit code), and 验证手机, which completes a registration made
//! through the outbox. The new password twice, under the same strength rules as at registration.
//! 忘记密码 may instead use the e-mail the account registered: the code then goes there.

use serde::{Deserialize, Serialize};

use super::check_confirmation;
use crate::domain::password::Personal;
use crate::domain::{Checked, CreditCode, Date, Email, FieldErrors, IdNumber, Issue, Password, SmsCode, Valid};

pub mod field {
    pub const ID_NUMBER: &str = "id_number";
    pub const SMS_CODE: &str = "sms_code";
    pub const PASSWORD: &str = "password";
    pub const PASSWORD_CONFIRM: &str = "password_confirm";
    pub const EMAIL: &str = "email";
}

/// Whose password: a person's (ID number) or a unit's (credit code).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Holder {
    Person(IdNumber),
    Unit(CreditCode),
}

impl Holder {
    /// An ID number, else a credit code; a value that is neither gets the ID number's message.
    ///
    /// ```
    /// use app::domain::forms::password_reset::Holder;
    /// use app::domain::Date;
    /// let today = Date::new(2026, 11, 23).unwrap();
    /// assert!(matches!(Holder::parse("320102199003071239", today).unwrap().value, Holder::Person(_)));
    /// assert!(matches!(Holder::parse("9132010210000042X0", today).unwrap().value, Holder::Unit(_)));
    /// assert_eq!(Holder::parse("12345", today).unwrap_err().code, "id_number.length");
    /// ```
    pub fn parse(input: &str, today: Date) -> Result<Checked<Holder>, Issue> {
        match IdNumber::parse(input, today) {
            Ok(id) => Ok(Checked { value: Holder::Person(id.value), warnings: id.warnings }),
            Err(issue) => CreditCode::parse(input).map(|c| Checked { value: Holder::Unit(c.value), warnings: c.warnings }).map_err(|_| issue),
        }
    }
}

/// The form as typed (the request body of `/api/auth/reset` and `/api/auth/verify-phone`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordResetDraft {
    pub id_number: String,
    pub sms_code: String,
    pub password: String,
    pub password_confirm: String,
    /// 忘记密码 by e-mail: the address the account registered (the code was sent there); empty:
    /// by the registered phone.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub email: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordReset {
    pub holder: Holder,
    pub sms_code: SmsCode,
    pub password: Password,
    /// Recovery by this e-mail address instead of the phone.
    pub email: Option<Email>,
}

/// Validates the whole form.
///
/// ```
/// use app::domain::forms::{password_reset::*, Context};
/// use app::domain::Date;
/// let ctx = Context { today: Date::new(2026, 11, 23).unwrap(), policy: None };
/// let mut d = PasswordResetDraft {
///     id_number: "320102199003071239".into(), sms_code: "123456".into(),
///     password: "New-garden8".into(), password_confirm: "New-garden8".into(), email: String::new(),
/// };
/// assert!(validate(&d, &ctx).is_ok());
/// d.password_confirm = "New-garden9".into();
/// assert_eq!(validate(&d, &ctx).unwrap_err().error_of(field::PASSWORD_CONFIRM).unwrap().code, "password.mismatch");
/// ```
pub fn validate(d: &PasswordResetDraft, ctx: &super::Context) -> Result<Valid<PasswordReset>, FieldErrors> {
    let mut e = FieldErrors::default();
    let holder = e.take(field::ID_NUMBER, Holder::parse(&d.id_number, ctx.today));
    let sms_code = e.take(field::SMS_CODE, SmsCode::parse(&d.sms_code));
    let person = match &holder {
        Some(Holder::Person(id)) => Some(id),
        _ => None,
    };
    let me = Personal { birth: person.map(IdNumber::birth_date), id_number: person.map(IdNumber::as_str), mobile: None };
    let password = e.take(field::PASSWORD, Password::parse(&d.password, &me));
    check_confirmation(&mut e, field::PASSWORD_CONFIRM, &d.password, &d.password_confirm);
    let email = if d.email.trim().is_empty() { Some(None) } else { e.take(field::EMAIL, Email::parse(&d.email)).map(Some) };
    e.finish(|| Some(PasswordReset { holder: holder?, sms_code: sms_code?, password: password?, email: email? }))
}
