//! 修改密码: a signed-in person changes the password — the current one, and the new one twice,
//! under the same strength rules as at registration, and not the same as the current one.

use serde::{Deserialize, Serialize};

use super::check_confirmation;
use crate::domain::password::Personal;
use crate::domain::{FieldErrors, Issue, Password, Valid, REQUIRED};

pub mod field {
    pub const CURRENT: &str = "current";
    pub const PASSWORD: &str = "password";
    pub const PASSWORD_CONFIRM: &str = "password_confirm";
}

/// The form as typed (the request body of `/api/auth/password`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordChangeDraft {
    pub current: String,
    pub password: String,
    pub password_confirm: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordChange {
    /// As typed: the server checks it against the stored hash.
    pub current: String,
    pub password: Password,
}

/// Validates the whole form. `me` is what the device or the server knows of the person (the
/// server knows the whole ID number and the mobile; a device only the masked ones).
///
/// ```
/// use app::domain::forms::password_change::*;
/// use app::domain::password::Personal;
/// let me = Personal { birth: None, id_number: None, mobile: None };
/// let mut d = PasswordChangeDraft { current: "Tea-garden7".into(), password: "New-garden8".into(), password_confirm: "New-garden8".into() };
/// assert!(validate(&d, &me).is_ok());
/// d.password = "Tea-garden7".into();
/// d.password_confirm = "Tea-garden7".into();
/// assert_eq!(validate(&d, &me).unwrap_err().error_of(field::PASSWORD).unwrap().code, "password.unchanged");
/// d.current.clear();
/// assert_eq!(validate(&d, &me).unwrap_err().error_of(field::CURRENT).unwrap().code, "required");
/// ```
pub fn validate(d: &PasswordChangeDraft, me: &Personal) -> Result<Valid<PasswordChange>, FieldErrors> {
    let mut e = FieldErrors::default();
    let current = if d.current.is_empty() {
        e.error(field::CURRENT, REQUIRED);
        None
    } else {
        Some(d.current.clone())
    };
    let password = if !d.password.is_empty() && d.password == d.current {
        e.error(field::PASSWORD, Issue::new("password.unchanged", "新密码不能与当前密码相同", "The new password must differ from the current one"));
        None
    } else {
        e.take(field::PASSWORD, Password::parse(&d.password, me))
    };
    check_confirmation(&mut e, field::PASSWORD_CONFIRM, &d.password, &d.password_confirm);
    e.finish(|| Some(PasswordChange { current: current?, password: password? }))
}
