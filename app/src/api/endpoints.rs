//! Every HTTP endpoint the server has, written once: its method, its path pattern (axum's
//! `{param}` syntax) and who may call it. The server's router mounts exactly these, its access
//! guard reads the rule from here, the app builds its request paths from here, and the access
//! tests walk [`ALL`]. A route that is not in the table is refused to everyone.
//!
//! ```
//! use app::api::endpoints::{self, Access};
//! assert_eq!(endpoints::LOGIN.path, "/api/auth/login");
//! assert_eq!(endpoints::REVIEW_DECISION.with(&["12"]), "/api/review/applications/12/decision");
//! assert_eq!(endpoints::find("GET", "/api/auth/me").unwrap().access, Access::Roles(endpoints::SIGNED_IN));
//! ```

use super::auth::Role;

/// The HTTP method an endpoint answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    /// Any method (the server functions decide for themselves).
    Any,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Any => "*",
        }
    }

    /// Whether a request with `method` is for this endpoint (`HEAD` goes with `GET`).
    pub fn admits(self, method: &str) -> bool {
        match self {
            Method::Any => true,
            Method::Get => method == "GET" || method == "HEAD",
            m => m.as_str() == method,
        }
    }
}

/// Who may call an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// No sign-in needed: the handler itself is written for an anonymous caller.
    Anyone,
    /// Signed in with one of these roles.
    Roles(&'static [Role]),
}

/// Every role.
pub const SIGNED_IN: &[Role] = &Role::ALL;

/// One endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Endpoint {
    pub method: Method,
    pub path: &'static str,
    pub access: Access,
    /// Mounted only in development mode.
    pub dev_only: bool,
}

const fn ep(method: Method, path: &'static str, access: Access) -> Endpoint {
    Endpoint { method, path, access, dev_only: false }
}

const fn dev(path: &'static str) -> Endpoint {
    Endpoint { method: Method::Get, path, access: Access::Anyone, dev_only: true }
}

use Access::{Anyone, Roles};
use Method::{Get, Post, Put};

pub const HEALTHZ: Endpoint = ep(Get, "/healthz", Anyone);

// The outbox syncs with or without a session: filings are made before there is an account, and
// each is checked on its own; a session, when the request carries one, says who sent them.
pub const SYNC: Endpoint = ep(Post, "/api/sync", Anyone);
pub const UPLOAD: Endpoint = ep(Post, "/api/uploads/{sha256}", Anyone);
pub const UPLOAD_STATUS: Endpoint = ep(Get, "/api/uploads/{sha256}", Anyone);
pub const UPLOAD_CHUNK: Endpoint = ep(Put, "/api/uploads/{sha256}/chunks/{index}", Anyone);

pub const SMS_CODE: Endpoint = ep(Post, "/api/auth/sms", Anyone);
pub const REGISTER: Endpoint = ep(Post, "/api/auth/register", Anyone);
pub const LOGIN: Endpoint = ep(Post, "/api/auth/login", Anyone);
pub const RESET: Endpoint = ep(Post, "/api/auth/reset", Anyone);
/// The registered phone's code and a new password turn a pending registration into an account.
pub const VERIFY_PHONE: Endpoint = ep(Post, "/api/auth/verify-phone", Anyone);
pub const LOGOUT: Endpoint = ep(Post, "/api/auth/logout", Roles(SIGNED_IN));
pub const ME: Endpoint = ep(Get, "/api/auth/me", Roles(SIGNED_IN));
pub const PROFILE: Endpoint = ep(Post, "/api/auth/profile", Roles(SIGNED_IN));
pub const MY_PROFILE: Endpoint = ep(Get, "/api/auth/profile", Roles(SIGNED_IN));
pub const PASSWORD: Endpoint = ep(Post, "/api/auth/password", Roles(SIGNED_IN));
pub const MOBILE: Endpoint = ep(Post, "/api/auth/mobile", Roles(SIGNED_IN));
/// 确认密码: the signed-in field worker's password, checked before the phone seals the area's
/// due list with a key made from it (`offline/sealed.rs`), so that a typo cannot lock the list.
pub const PASSWORD_CONFIRM: Endpoint = ep(Post, "/api/auth/password/confirm", Roles(&[Role::FieldWorker]));
/// 退出所有设备: every session of the account ends, this one too.
pub const LOGOUT_ALL: Endpoint = ep(Post, "/api/auth/logout-all", Roles(SIGNED_IN));

pub const AUDIT: Endpoint = ep(Get, "/api/admin/audit", Roles(&[Role::Admin]));

// 通知公告: anyone reads the notices in force for their kind of account (the answer depends on
// the session's role, never on who it is); administrators publish and withdraw them.
pub const NOTICES: Endpoint = ep(Get, "/api/notices", Anyone);
pub const NOTICES_ALL: Endpoint = ep(Get, "/api/admin/notices", Roles(&[Role::Admin]));
pub const NOTICE_PUBLISH: Endpoint = ep(Post, "/api/admin/notices", Roles(&[Role::Admin]));
pub const NOTICE_WITHDRAW: Endpoint = ep(Post, "/api/admin/notices/{id}/withdraw", Roles(&[Role::Admin]));

// The review desk: reviewers only (admins read the audit log of what they did).
/// `?status=open|submitted|in_review|rejected|approved|all&region=&overdue=1&page=`, and ages in
/// working days `&min_age=&max_age=`.
pub const REVIEW_QUEUE: Endpoint = ep(Get, "/api/review/queue", Roles(&[Role::Reviewer]));
pub const REVIEW_APPLICATION: Endpoint = ep(Get, "/api/review/applications/{id}", Roles(&[Role::Reviewer]));
pub const REVIEW_MATERIAL: Endpoint = ep(Get, "/api/review/applications/{id}/materials/{slot}", Roles(&[Role::Reviewer]));
pub const REVIEW_DECISION: Endpoint = ep(Post, "/api/review/applications/{id}/decision", Roles(&[Role::Reviewer]));

// 审核进度查询: no account exists before the approval; the credit code, the handler's mobile and
// the code sent to it show the applications of that pair only.
pub const EMPLOYER_STATUS: Endpoint = ep(Post, "/api/employer/status", Anyone);

// 办理凭证: the client id is the capability (only the device that made the filing knows it);
// the verify page shows nothing personal.
// The ledger: a resident reads their own records (and prints their proof), a unit its own
// roster and statements; the person or unit is always the session's, never a parameter.
pub const LEDGER_RECORDS: Endpoint = ep(Get, "/api/ledger/records", Roles(&[Role::Resident]));
pub const LEDGER_ROSTER: Endpoint = ep(Get, "/api/ledger/roster", Roles(&[Role::EmployerHandler]));
pub const LEDGER_STATEMENT: Endpoint = ep(Get, "/api/ledger/statements/{month}", Roles(&[Role::EmployerHandler]));
pub const PROOF: Endpoint = ep(Get, "/proof", Roles(&[Role::Resident]));
/// 待遇领取情况: the resident's own pension claim and payments.
pub const PENSION_MINE: Endpoint = ep(Get, "/api/pension", Roles(&[Role::Resident]));
/// 本人认证: the live photo as the body (JPEG or PNG).
pub const PENSION_SELF_CERTIFY: Endpoint = ep(Put, "/api/pension/certification", Roles(&[Role::Resident]));
pub const VERIFY_PROOF: Endpoint = ep(Get, "/verify-proof/{token}", Anyone);

// The back office (经办): operators look people up and submit payment files; a supervisor,
// never the account that submitted, confirms a file before it moves money (four eyes).
const BACK_OFFICE: &[Role] = &[Role::Operator, Role::Supervisor];
/// `?q=` an ID number, a credit code or a name.
pub const OFFICE_FIND: Endpoint = ep(Get, "/api/office/find", Roles(BACK_OFFICE));
pub const OFFICE_PERSON: Endpoint = ep(Get, "/api/office/persons/{id}", Roles(BACK_OFFICE));
pub const OFFICE_PERSON_REVEAL: Endpoint = ep(Post, "/api/office/persons/{id}/reveal", Roles(BACK_OFFICE));
pub const OFFICE_PERSON_DETAILS: Endpoint = ep(Post, "/api/office/persons/{id}/details", Roles(BACK_OFFICE));
/// 养老待遇测算: `?category=male|female_55|female_50&retire_in=YYYY-MM`.
pub const OFFICE_PERSON_PENSION: Endpoint = ep(Get, "/api/office/persons/{id}/pension", Roles(BACK_OFFICE));
/// `?month=YYYY-MM`.
pub const OFFICE_UNIT: Endpoint = ep(Get, "/api/office/units/{id}", Roles(BACK_OFFICE));
pub const OFFICE_UNIT_CLASS: Endpoint = ep(Post, "/api/office/units/{id}/class", Roles(BACK_OFFICE));
/// The body: `domain::forms::unit_details::UnitDetailsDraft`.
pub const OFFICE_UNIT_DETAILS: Endpoint = ep(Post, "/api/office/units/{id}/details", Roles(BACK_OFFICE));
pub const OFFICE_PAYMENTS: Endpoint = ep(Get, "/api/office/payments", Roles(BACK_OFFICE));
pub const OFFICE_PAYMENTS_SUBMIT: Endpoint = ep(Post, "/api/office/payments", Roles(BACK_OFFICE));
pub const OFFICE_PAYMENT_DECISION: Endpoint = ep(Post, "/api/office/payments/{id}/decision", Roles(&[Role::Supervisor]));
// 基数调整: an operator proposes a person's corrected base; a supervisor, never the proposer,
// confirms it into the ledger or returns it.
pub const OFFICE_PERSON_ADJUST: Endpoint = ep(Post, "/api/office/persons/{id}/adjustments", Roles(BACK_OFFICE));
pub const OFFICE_ADJUSTMENTS: Endpoint = ep(Get, "/api/office/adjustments", Roles(BACK_OFFICE));
pub const OFFICE_ADJUSTMENT_DECISION: Endpoint = ep(Post, "/api/office/adjustments/{id}/decision", Roles(&[Role::Supervisor]));
// 养老金申请: an operator files a person's claim (the body: `domain::forms::pension_claim::
// PensionClaimDraft`); a supervisor, never the filer, approves it (payments start) or returns it.
pub const OFFICE_PERSON_CLAIM: Endpoint = ep(Post, "/api/office/persons/{id}/pension-claims", Roles(BACK_OFFICE));
/// 暂停缴费 / 恢复缴费 of a relationship from a month.
pub const OFFICE_RELATIONSHIP_SUSPEND: Endpoint = ep(Post, "/api/office/relationships/{id}/suspend", Roles(BACK_OFFICE));
pub const OFFICE_RELATIONSHIP_RESUME: Endpoint = ep(Post, "/api/office/relationships/{id}/resume", Roles(BACK_OFFICE));
pub const OFFICE_PERSON_CLAIMS: Endpoint = ep(Get, "/api/office/persons/{id}/pension-claims", Roles(BACK_OFFICE));
pub const OFFICE_PENSION_CLAIMS: Endpoint = ep(Get, "/api/office/pension-claims", Roles(BACK_OFFICE));
pub const OFFICE_PENSION_CLAIM_DECISION: Endpoint = ep(Post, "/api/office/pension-claims/{id}/decision", Roles(&[Role::Supervisor]));
/// 养老待遇资格认证 at the counter: the pensioner seen today.
pub const OFFICE_PENSION_CERTIFY: Endpoint = ep(Post, "/api/office/pension-claims/{id}/certifications", Roles(BACK_OFFICE));
/// 协助认证: the field workers' visits to confirm (`?status=pending|confirmed|returned`), the
/// photo taken at one, and the decision (`BatchDecision`; an account other than the worker).
pub const OFFICE_FIELD_VISITS: Endpoint = ep(Get, "/api/office/pension-visits", Roles(BACK_OFFICE));
pub const OFFICE_FIELD_VISIT_PHOTO: Endpoint = ep(Get, "/api/office/pension-visits/{id}/photo", Roles(BACK_OFFICE));
pub const OFFICE_FIELD_VISIT_DECISION: Endpoint = ep(Post, "/api/office/pension-visits/{id}/decision", Roles(BACK_OFFICE));
/// 待认证名单: the pensioners due in the field worker's area.
pub const FIELD_PENSION_DUE: Endpoint = ep(Get, "/api/field/pension-due", Roles(&[Role::FieldWorker]));
// 待办: the case queue. `?status=open|submitted|in_review|rejected|approved|all&kind=&module=&region=
// &min_age=&max_age=&page=`. A case filed at the counter is decided by another account.
pub const OFFICE_CASES: Endpoint = ep(Get, "/api/office/cases", Roles(BACK_OFFICE));
pub const OFFICE_CASE: Endpoint = ep(Get, "/api/office/cases/{id}", Roles(BACK_OFFICE));
pub const OFFICE_CASE_DECISION: Endpoint = ep(Post, "/api/office/cases/{id}/decision", Roles(BACK_OFFICE));
/// A photo filed with a case (audited).
pub const OFFICE_CASE_FILE: Endpoint = ep(Get, "/api/office/cases/{id}/files/{slot}", Roles(BACK_OFFICE));
// 工伤: the injuries recognised (an approved 工伤事故申报 case), `?status=recognised|assessed|approved`;
// an operator enters the disability grade and the award is computed (`InjuryAssessment`); an
// account other than the assessor approves or returns it (`BatchDecision`). The injured person
// reads their own.
pub const OFFICE_INJURIES: Endpoint = ep(Get, "/api/office/injuries", Roles(BACK_OFFICE));
pub const OFFICE_INJURY_ASSESS: Endpoint = ep(Post, "/api/office/injuries/{id}/assessment", Roles(BACK_OFFICE));
pub const OFFICE_INJURY_DECISION: Endpoint = ep(Post, "/api/office/injuries/{id}/decision", Roles(BACK_OFFICE));
pub const OFFICE_INJURY_STOP: Endpoint = ep(Post, "/api/office/injuries/{id}/stop", Roles(BACK_OFFICE));
pub const INJURIES_MINE: Endpoint = ep(Get, "/api/injuries", Roles(&[Role::Resident]));
// 失业保险金: the signed-in person's spells, with months granted, paid and left.
pub const UNEMPLOYMENT_MINE: Endpoint = ep(Get, "/api/unemployment", Roles(&[Role::Resident]));
// The back office's spells (`?status=active|stopped|ended`), and a statutory stop.
pub const OFFICE_UNEMPLOYMENT: Endpoint = ep(Get, "/api/office/unemployment", Roles(BACK_OFFICE));
pub const OFFICE_UNEMPLOYMENT_STOP: Endpoint = ep(Post, "/api/office/unemployment/{id}/stop", Roles(BACK_OFFICE));
pub const OFFICE_UNEMPLOYMENT_RECOVER: Endpoint = ep(Post, "/api/office/unemployment/{id}/recoveries", Roles(BACK_OFFICE));
// 医疗费用报销: the signed-in person's approved claims, with the working.
pub const MEDICAL_MINE: Endpoint = ep(Get, "/api/medical/claims", Roles(&[Role::Resident]));
// 报表: a report as a download (`?from=YYYY-MM&to=YYYY-MM&unit=&region=&format=xlsx|csv|html|json`); a unit
// reads its own, staff their region, admins everything (the handler scopes it).
pub const REPORT: Endpoint = ep(Get, "/api/reports/{name}", Roles(&[Role::EmployerHandler, Role::Operator, Role::Supervisor, Role::Admin]));
// 数据统计与分析: one of the agency's charts as SVG (`reports::stats`).
pub const STATS: Endpoint = ep(Get, "/api/stats/{chart}", Roles(&[Role::Operator, Role::Supervisor, Role::Admin]));
// What became of the filings this account sent (the device asks after each sync): only the
// sender's own filings are answered.
pub const FILINGS_REVIEW: Endpoint = ep(Post, "/api/filings/review", Roles(SIGNED_IN));

pub const VOUCHER: Endpoint = ep(Get, "/voucher/{client_id}", Anyone);
pub const VERIFY: Endpoint = ep(Get, "/verify/{token}", Anyone);
pub const VOUCHER_CSS: Endpoint = ep(Get, "/voucher.css", Anyone);
// The back office's four-eyes work printed (a payment file, a base adjustment): staff only.
pub const VOUCHER_PAYMENT: Endpoint = ep(Get, "/voucher/payment/{id}", Roles(BACK_OFFICE));
pub const VOUCHER_ADJUSTMENT: Endpoint = ep(Get, "/voucher/adjustment/{id}", Roles(BACK_OFFICE));

/// Public server functions (server information, the policy table).
pub const SERVER_FNS: Endpoint = ep(Method::Any, "/api/{*fn_name}", Anyone);

pub const DEV_FILINGS: Endpoint = dev("/dev/filings");
pub const DEV_ATTACHMENT: Endpoint = dev("/dev/attachments/{sha256}");
pub const DEV_SMS: Endpoint = dev("/dev/sms");
pub const DEV_DEMO_PEOPLE: Endpoint = dev("/dev/demo-people");

/// The whole table.
pub const ALL: &[Endpoint] = &[
    HEALTHZ,
    SYNC,
    UPLOAD,
    UPLOAD_STATUS,
    UPLOAD_CHUNK,
    SMS_CODE,
    REGISTER,
    LOGIN,
    RESET,
    VERIFY_PHONE,
    LOGOUT,
    ME,
    PROFILE,
    MY_PROFILE,
    PASSWORD,
    MOBILE,
    PASSWORD_CONFIRM,
    LOGOUT_ALL,
    AUDIT,
    NOTICES,
    NOTICES_ALL,
    NOTICE_PUBLISH,
    NOTICE_WITHDRAW,
    REVIEW_QUEUE,
    REVIEW_APPLICATION,
    REVIEW_MATERIAL,
    REVIEW_DECISION,
    EMPLOYER_STATUS,
    LEDGER_RECORDS,
    LEDGER_ROSTER,
    LEDGER_STATEMENT,
    PROOF,
    VERIFY_PROOF,
    OFFICE_FIND,
    OFFICE_PERSON,
    OFFICE_PERSON_REVEAL,
    OFFICE_RELATIONSHIP_SUSPEND,
    OFFICE_RELATIONSHIP_RESUME,
    OFFICE_PERSON_DETAILS,
    OFFICE_PERSON_PENSION,
    OFFICE_UNIT,
    OFFICE_UNIT_CLASS,
    OFFICE_UNIT_DETAILS,
    OFFICE_PAYMENTS,
    OFFICE_PAYMENTS_SUBMIT,
    OFFICE_PAYMENT_DECISION,
    OFFICE_PERSON_ADJUST,
    OFFICE_ADJUSTMENTS,
    OFFICE_ADJUSTMENT_DECISION,
    OFFICE_PERSON_CLAIM,
    OFFICE_PERSON_CLAIMS,
    OFFICE_PENSION_CLAIMS,
    OFFICE_PENSION_CLAIM_DECISION,
    OFFICE_PENSION_CERTIFY,
    OFFICE_FIELD_VISITS,
    OFFICE_FIELD_VISIT_PHOTO,
    OFFICE_FIELD_VISIT_DECISION,
    FIELD_PENSION_DUE,
    PENSION_MINE,
    PENSION_SELF_CERTIFY,
    OFFICE_CASES,
    OFFICE_CASE,
    REPORT,
    STATS,
    OFFICE_CASE_DECISION,
    OFFICE_CASE_FILE,
    OFFICE_INJURIES,
    OFFICE_INJURY_ASSESS,
    OFFICE_INJURY_DECISION,
    OFFICE_INJURY_STOP,
    INJURIES_MINE,
    UNEMPLOYMENT_MINE,
    MEDICAL_MINE,
    OFFICE_UNEMPLOYMENT,
    OFFICE_UNEMPLOYMENT_STOP,
    OFFICE_UNEMPLOYMENT_RECOVER,
    FILINGS_REVIEW,
    VOUCHER,
    VERIFY,
    VOUCHER_CSS,
    VOUCHER_PAYMENT,
    VOUCHER_ADJUSTMENT,
    SERVER_FNS,
    DEV_FILINGS,
    DEV_ATTACHMENT,
    DEV_SMS,
    DEV_DEMO_PEOPLE,
];

impl Endpoint {
    /// The path with its `{param}` segments filled in order.
    pub fn with(&self, params: &[&str]) -> String {
        let mut out = String::with_capacity(self.path.len() + 16);
        let mut params = params.iter();
        for segment in self.path.split('/').skip(1) {
            out.push('/');
            if segment.starts_with('{') {
                out.push_str(params.next().copied().unwrap_or(""));
            } else {
                out.push_str(segment);
            }
        }
        out
    }
}

/// The endpoint a request with `method` on the route pattern `path` is for.
pub fn find(method: &str, path: &str) -> Option<&'static Endpoint> {
    ALL.iter().find(|e| e.path == path && e.method.admits(method))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_method_and_path_is_listed_once() {
        for (i, a) in ALL.iter().enumerate() {
            for b in &ALL[i + 1..] {
                assert!(!(a.path == b.path && a.method == b.method), "{} {} twice", a.method.as_str(), a.path);
            }
        }
    }

    #[test]
    fn paths_fill_in_order() {
        assert_eq!(UPLOAD_CHUNK.with(&["ab", "3"]), "/api/uploads/ab/chunks/3");
        assert_eq!(LOGIN.with(&[]), "/api/auth/login");
        assert_eq!(find("HEAD", "/healthz"), Some(&HEALTHZ));
        assert_eq!(find("DELETE", "/healthz"), None);
        assert_eq!(find("POST", "/api/uploads/{sha256}"), Some(&UPLOAD));
        assert_eq!(find("GET", "/api/uploads/{sha256}"), Some(&UPLOAD_STATUS));
    }
}
