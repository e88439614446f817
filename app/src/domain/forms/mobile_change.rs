//! 手机号变更: a signed-in person moves the account to a new mobile number — the new number, the
//! code sent to it, and the current password. Where the old number is gone and the person cannot
//! sign in, the change is for the counter (the person's ID card in hand), as the seed says.

use serde::{Deserialize, Serialize};

use crate::domain::{FieldErrors, MobileNumber, SmsCode, Valid, REQUIRED};

pub mod field {
    pub const MOBILE: &str = "mobile";
    pub const SMS_CODE: &str = "sms_code";
    /// Not `password`: it shares a screen with 修改密码's fields (ids are field names).
    pub const CURRENT_PASSWORD: &str = "current_password";
}

/// The form as typed (the request body of `/api/auth/mobile`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MobileChangeDraft {
    pub mobile: String,
    pub sms_code: String,
    pub current_password: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MobileChange {
    pub mobile: MobileNumber,
    pub sms_code: SmsCode,
    /// As typed: the server checks it against the stored hash.
    pub password: String,
}

/// Validates the whole form.
///
/// ```
/// use app::domain::forms::mobile_change::*;
/// let mut d = MobileChangeDraft { mobile: "139 0013 9000".into(), sms_code: "123456".into(), current_password: "Tea-garden7".into() };
/// assert_eq!(validate(&d).unwrap().value.mobile.as_str(), "13900139000");
/// d.mobile = "1390013".into();
/// d.current_password.clear();
/// let e = validate(&d).unwrap_err();
/// assert!(e.error_of(field::MOBILE).is_some());
/// assert_eq!(e.error_of(field::CURRENT_PASSWORD).unwrap().code, "required");
/// ```
pub fn validate(d: &MobileChangeDraft) -> Result<Valid<MobileChange>, FieldErrors> {
    let mut e = FieldErrors::default();
    let mobile = e.take(field::MOBILE, MobileNumber::parse(&d.mobile));
    let sms_code = e.take(field::SMS_CODE, SmsCode::parse(&d.sms_code));
    let password = if d.current_password.is_empty() {
        e.error(field::CURRENT_PASSWORD, REQUIRED);
        None
    } else {
        Some(d.current_password.clone())
    };
    e.finish(|| Some(MobileChange { mobile: mobile?, sms_code: sms_code?, password: password? }))
}
