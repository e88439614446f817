//! Accounts on the wire: SMS codes, registration, login, the signed-in person, the first-login
//! addresses and password recovery. Plain JSON endpoints under `/api/auth/` (paths in
//! [`endpoints`](super::endpoints)); their errors are [`ApiError`](super::ApiError)s, and a form the server refuses comes back as [`FormRefusal`].

use serde::{Deserialize, Serialize};

use crate::domain::{FieldErrors, Issue};

/// The header that carries the session's CSRF token on every state-changing request.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// Who an account is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Resident,
    EmployerHandler,
    FieldWorker,
    Reviewer,
    /// 经办员: the back office's operations (业务查询, payment imports, …).
    Operator,
    /// 复核员: the second pair of eyes on what moves money or status.
    Supervisor,
    Admin,
}

impl Role {
    pub const ALL: [Role; 7] = [Role::Resident, Role::EmployerHandler, Role::FieldWorker, Role::Reviewer, Role::Operator, Role::Supervisor, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Resident => "resident",
            Role::EmployerHandler => "employer_handler",
            Role::FieldWorker => "field_worker",
            Role::Reviewer => "reviewer",
            Role::Operator => "operator",
            Role::Supervisor => "supervisor",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Files for other people: a field worker in a village, an operator at the counter (窗口录入)
    /// — assisted registrations and a unit's enrolments, separations and declarations.
    pub fn files_for_others(self) -> bool {
        matches!(self, Role::FieldWorker | Role::Operator)
    }

    /// Files a unit's enrolments, separations and declarations: the unit's own account, or
    /// staff who file for others (the server checks which unit: `ledger::unit_of`).
    pub fn files_unit_forms(self) -> bool {
        self == Role::EmployerHandler || self.files_for_others()
    }

    /// The agency's own staff: their sign-in takes a second factor.
    pub fn is_staff(self) -> bool {
        !matches!(self, Role::Resident | Role::EmployerHandler)
    }
}

/// What a code is for; a code sent for one purpose does not work for another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CodePurpose {
    Register,
    Reset,
    VerifyPhone,
    /// An employer application's handler mobile, proved after submission.
    EmployerMobile,
    /// The second factor of a staff sign-in (sent by the login itself, never asked for).
    StaffLogin,
    /// 手机号变更: to the new number typed, for a signed-in person only.
    ChangeMobile,
    /// 忘记密码 by e-mail: to the address the account registered, if `email` is that address.
    ResetEmail,
}

impl CodePurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            CodePurpose::Register => "register",
            CodePurpose::Reset => "reset",
            CodePurpose::VerifyPhone => "verify_phone",
            CodePurpose::EmployerMobile => "employer_mobile",
            CodePurpose::StaffLogin => "staff_login",
            CodePurpose::ChangeMobile => "change_mobile",
            CodePurpose::ResetEmail => "reset_email",
        }
    }
}

/// `POST SMS_CODE`. For `Register` the code goes to `mobile`; for `Reset` and `VerifyPhone` to
/// the account's registered phone, named by `id_number` (an ID number, or a unit's credit code);
/// for `EmployerMobile` to `mobile`, if an application of the credit code in `id_number` has it
/// as its handler's; for `ResetEmail` by e-mail to the account's registered address, if `email`
/// is it. The answer never says whether such an account or application exists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmsRequest {
    pub purpose: CodePurpose,
    #[serde(default)]
    pub mobile: String,
    #[serde(default)]
    pub id_number: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub email: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmsSent {
    /// Seconds until another code may be asked for.
    pub resend_after_s: u32,
    /// Seconds the code stays valid.
    pub valid_for_s: u32,
}

/// `POST LOGIN`: `login` is an ID number, a mobile number, or a unit's credit code. A staff
/// account's right password is answered `login.second_factor` (a code went to its phone); the
/// same request with `sms_code` signs in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginRequest {
    pub login: String,
    pub password: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sms_code: String,
}

/// `POST PASSWORD_CONFIRM`: the signed-in account's password, answered 204 or refused on
/// `password` (`password.current_wrong`), each wrong one a login try of the account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordConfirm {
    pub password: String,
}

/// The signed-in person (`GET ME`, and the answer to login and registration).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub name: String,
    /// `3201**********1234`.
    pub id_masked: String,
    pub mobile_masked: String,
    pub role: Role,
    /// The first login asks for the household and contact addresses.
    pub needs_addresses: bool,
    /// 60 or older by the ID number's birth date: the home screen offers 长辈模式 once.
    #[serde(default)]
    pub senior: bool,
    /// Echo this in [`CSRF_HEADER`] on state-changing requests.
    pub csrf: String,
}

/// `POST PROFILE`: the household registration address and the contact address, validated by
/// the shared rules on both sides.
pub use crate::domain::forms::addresses::AddressesDraft;

/// `POST RESET` and `POST VERIFY_PHONE`: a password set with the code sent to the registered
/// phone (忘记密码; 验证手机, which completes a registration made through the outbox), validated
/// by the shared rules on both sides.
pub use crate::domain::forms::password_reset::PasswordResetDraft as ResetRequest;

/// `POST PASSWORD` (修改密码), validated by the shared rules on both sides. Every other session of
/// the account ends; the one that changed it stays signed in.
pub use crate::domain::forms::password_change::PasswordChangeDraft as PasswordChangeRequest;

/// `POST MOBILE` (手机号变更), validated by the shared rules on both sides: the new number, the
/// code sent to it (`SMS_CODE` with [`CodePurpose::ChangeMobile`]), the current password. The
/// new number must be in the person's own name (the real-name check); the old one is told.
pub use crate::domain::forms::mobile_change::MobileChangeDraft as MobileChangeRequest;

/// What class of address a sign-in came from: enough to notice a stranger, never a location.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AddressClass {
    /// This machine (a development server).
    Loopback,
    /// A private or carrier-grade shared network (a village's phones behind one router).
    Private,
    Internet,
}

impl AddressClass {
    pub fn as_str(self) -> &'static str {
        match self {
            AddressClass::Loopback => "loopback",
            AddressClass::Private => "private",
            AddressClass::Internet => "internet",
        }
    }

    pub fn parse(s: &str) -> Option<AddressClass> {
        [AddressClass::Loopback, AddressClass::Private, AddressClass::Internet].into_iter().find(|c| c.as_str() == s)
    }
}

/// A sign-in as 我的信息 shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignIn {
    /// Unix milliseconds.
    pub at: i64,
    pub from: Option<AddressClass>,
}

/// `GET MY_PROFILE` (我的信息): identifiers masked, the addresses as stored (editable through
/// `POST PROFILE`), and the sign-in before this one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub name: String,
    pub id_masked: String,
    pub mobile_masked: String,
    /// Masked: `w***@example.com`.
    pub email_masked: Option<String>,
    pub role: Role,
    pub addresses: Option<AddressesDraft>,
    pub previous_sign_in: Option<SignIn>,
}

/// A form the server refused: one message for the whole, and the issues per field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormRefusal {
    pub code: String,
    pub zh: String,
    pub en: String,
    pub fields: FieldErrors,
}

impl FormRefusal {
    /// A refusal that concerns one field.
    pub fn on(field: &str, issue: Issue) -> Self {
        let mut fields = FieldErrors::default();
        fields.error(field, issue.clone());
        Self { code: issue.code.to_string(), zh: issue.zh.to_string(), en: issue.en.to_string(), fields }
    }

    /// The message for the whole form.
    pub fn message(&self) -> Issue {
        Issue { code: self.code.clone().into(), zh: self.zh.clone().into(), en: self.en.clone().into() }
    }

    /// The domain rules' refusal of the whole form.
    pub fn invalid(fields: FieldErrors) -> Self {
        Self {
            code: "invalid".into(),
            zh: "请检查标出的栏目".into(),
            en: "Check the marked fields".into(),
            fields,
        }
    }
}
