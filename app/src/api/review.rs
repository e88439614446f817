//! The review desk's and the applicant's wire types (单位用户注册审核, 审核进度查询). The rules
//! themselves (states, reasons, working days) are `domain::review`.

use serde::{Deserialize, Serialize};

use crate::domain::review::{Action, Reason, Status};

/// One line of the queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueItem {
    pub id: i64,
    pub unit_name: String,
    pub region: u32,
    /// The division's full name.
    pub region_name: String,
    pub status: Status,
    pub submitted_at: i64,
    /// Working days since submission (Monday to Friday).
    pub age_working_days: u32,
    /// Open for more than 3 working days.
    pub overdue: bool,
    /// A resubmission after a rejection.
    pub resubmitted: bool,
    /// The handler's mobile was proved by a code (approval needs it).
    pub mobile_verified: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Queue {
    /// How many match the filter (the page holds at most [`QUEUE_PAGE`]).
    pub total: i64,
    pub items: Vec<QueueItem>,
}

pub const QUEUE_PAGE: i64 = 50;

/// What the applicant entered, without the password and the code. ID numbers are shown in
/// full to reviewers: comparing them with the copies is their task.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewForm {
    pub unit_name: String,
    pub credit_code: String,
    pub legal_rep_id: String,
    pub handler_name: String,
    pub handler_id: String,
    pub handler_mobile: String,
    pub handler_email: String,
}

/// A material as the reviewer sees it listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MaterialRef {
    pub slot: String,
    pub mime: String,
    pub size: i64,
}

/// One change of status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub at: i64,
    pub status: Status,
    #[serde(default)]
    pub reasons: Vec<Reason>,
}

/// One application, for a reviewer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationView {
    pub id: i64,
    pub status: Status,
    pub receipt_no: String,
    pub form: ReviewForm,
    pub materials: Vec<MaterialRef>,
    pub history: Vec<HistoryEntry>,
    /// The current rejection's reasons.
    pub reasons: Vec<Reason>,
    /// The application this one replaces.
    pub version_of: Option<i64>,
    pub submitted_at: i64,
    pub age_working_days: u32,
    pub overdue: bool,
    /// The handler's mobile was proved by a code (approval needs it).
    pub mobile_verified: bool,
    /// What the three-element check said of the handler: `matched`, `mismatch`, or unknown
    /// (approval needs `matched`).
    #[serde(default)]
    pub handler_identity: Option<String>,
}

/// `POST` [`REVIEW_DECISION`](super::endpoints::REVIEW_DECISION).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub action: Action,
    #[serde(default)]
    pub reasons: Vec<Reason>,
}

/// `POST` [`EMPLOYER_STATUS`](super::endpoints::EMPLOYER_STATUS): the unit, the handler's
/// mobile, and the code sent to it ([`CodePurpose::EmployerMobile`](super::auth::CodePurpose)).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusRequest {
    pub credit_code: String,
    pub mobile: String,
    pub sms_code: String,
}

/// The applicant's view: the latest version's status and reasons, and the whole history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusAnswer {
    pub unit_name: String,
    pub status: Status,
    pub reasons: Vec<Reason>,
    pub history: Vec<HistoryEntry>,
    /// The client id of the latest version's filing (the device links its outbox item by it).
    pub filing_client_id: String,
    /// Whether a code proved the latest version's handler mobile (approval needs it).
    #[serde(default)]
    pub mobile_verified: bool,
    /// The handler mobile, masked (`139****5678`).
    #[serde(default)]
    pub mobile_masked: String,
}
