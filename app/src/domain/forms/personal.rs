//! 个人用户注册 — personal registration: name as on the ID, ID number, mobile, optional email,
//! password twice, the SMS code, consent. Online, all of it goes straight to the server
//! ([`validate`]). Through the outbox (offline, or a field worker's 代为注册) the filing carries
//! neither password nor code ([`validate_filing`]): the code goes to the registered phone once the
//! filing has synced, and the password is set with it (验证手机), so no password ever sits in a
//! draft, an outbox item or an export.

use serde::{Deserialize, Serialize};

use super::{check_confirmation, check_consent, Context};
use crate::domain::password::Personal;
use crate::domain::{Email, FieldErrors, IdNumber, Issue, MobileNumber, Password, PersonName, SmsCode, Valid};

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
    /// Online only: never part of a draft kept on the device, nor of a filing.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub password: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub password_confirm: String,
    /// Online only, like the password.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sms_code: String,
    pub agreed: bool,
}

impl PersonalRegistrationDraft {
    /// What may be kept on the device or filed: the draft without the password and the code.
    pub fn without_secrets(&self) -> PersonalRegistrationDraft {
        PersonalRegistrationDraft { password: String::new(), password_confirm: String::new(), sms_code: String::new(), ..self.clone() }
    }
}

/// Who registers: the fields both ways of registering share (`None` where a field has an error,
/// recorded in `e`; the email is `Some(None)` when left empty).
#[allow(clippy::type_complexity)]
fn who(d: &PersonalRegistrationDraft, ctx: &Context, e: &mut FieldErrors) -> (Option<PersonName>, Option<IdNumber>, Option<MobileNumber>, Option<Option<Email>>) {
    let name = e.take(field::NAME, PersonName::parse(&d.name));
    let id_number = e.take(field::ID_NUMBER, IdNumber::parse(&d.id_number, ctx.today));
    let mobile = e.take(field::MOBILE, MobileNumber::parse(&d.mobile));
    let email = if d.email.trim().is_empty() { Some(None) } else { e.take(field::EMAIL, Email::parse(&d.email)).map(Some) };
    (name, id_number, mobile, email)
}

/// A registration through the outbox: who, and the phone that will prove it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonalFiling {
    pub name: PersonName,
    pub id_number: IdNumber,
    pub mobile: MobileNumber,
    pub email: Option<Email>,
}

/// Validates a registration filed through the outbox: the fields without a password. A
/// password in it is refused (an app from before this rule must not file one).
///
/// ```
/// use app::domain::forms::{personal::*, Context};
/// use app::domain::Date;
/// let ctx = Context { today: Date::new(2026, 11, 22).unwrap(), policy: None };
/// let mut d = PersonalRegistrationDraft {
///     name: "王小明".into(), id_number: "320102199003071239".into(), mobile: "13800138000".into(),
///     agreed: true, ..Default::default()
/// };
/// assert!(validate_filing(&d, &ctx).is_ok());
/// d.password = "Tea-garden7".into();
/// assert_eq!(validate_filing(&d, &ctx).unwrap_err().error_of(field::PASSWORD).unwrap().code, "registration.password_in_filing");
/// ```
pub fn validate_filing(d: &PersonalRegistrationDraft, ctx: &Context) -> Result<Valid<PersonalFiling>, FieldErrors> {
    let mut e = FieldErrors::default();
    let (name, id_number, mobile, email) = who(d, ctx, &mut e);
    if !d.password.is_empty() || !d.password_confirm.is_empty() {
        e.error(
            field::PASSWORD,
            Issue::new(
                "registration.password_in_filing",
                "离线注册不再携带密码：请更新应用后重新提交，密码在验证手机时设置",
                "An offline registration no longer carries a password: update the app and file it again; the password is set when the phone is verified",
            ),
        );
    }
    check_consent(&mut e, field::AGREED, d.agreed);
    e.finish(|| Some(PersonalFiling { name: name?, id_number: id_number?, mobile: mobile?, email: email? }))
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
    let (name, id_number, mobile, email) = who(d, ctx, &mut e);
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
