//! The back office (经办) on the wire: 业务查询 of a person, and payment imports under four eyes
//! (an operator submits the tax bureau's file, a supervisor — another account — confirms it).
//! Paths in [`endpoints`](super::endpoints); amounts in fen.

use serde::{Deserialize, Serialize};

use super::ledger::{Records, Roster, StatementView};
use crate::domain::Fen;

/// `GET OFFICE_FIND?q=`: an ID number (that person), a unified social credit code (that
/// unit), or a name — persons named exactly so, units whose name contains it (at most
/// [`MAX_HITS`] of each). ID numbers are masked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Found {
    pub persons: Vec<PersonHit>,
    pub units: Vec<UnitHit>,
}

/// A person found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonHit {
    /// The ledger's person number (the path of [`OFFICE_PERSON`](super::endpoints::OFFICE_PERSON)).
    pub person: i64,
    pub name: String,
    pub id_masked: String,
}

/// A unit found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitHit {
    /// The ledger's unit number (the path of [`OFFICE_UNIT`](super::endpoints::OFFICE_UNIT)).
    pub unit: i64,
    pub name: String,
    pub credit_code: String,
}

/// `GET OFFICE_UNIT?month=YYYY-MM`: a unit's page — its record, the people it insures now,
/// and the month's statement (this month by default).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeUnit {
    pub unit: i64,
    pub name: String,
    pub credit_code: String,
    /// The six-digit division code.
    pub region: i64,
    /// 工伤保险行业类别 1–8, once set.
    pub industry_class: Option<i64>,
    /// 信息变更 at the counter: the address, the contact person, their mobile (masked).
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub contact_name: Option<String>,
    #[serde(default)]
    pub contact_mobile: Option<String>,
    pub roster: Roster,
    pub statement: StatementView,
    /// 信息变更 of the unit, newest first (the last [`MAX_HISTORY`]): one line per field.
    #[serde(default)]
    pub history: Vec<UnitChangeLine>,
}

/// The most change lines a unit's page shows.
pub const MAX_HISTORY: usize = 100;

/// One field of one change of a unit, with its before and after as shown (the contact's mobile
/// masked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitChangeLine {
    pub at: i64,
    /// The staff account (`None`: the system).
    pub by: Option<i64>,
    /// `name` | `address` | `contact_name` | `contact_mobile` | `industry_class`.
    pub field: String,
    pub before: Option<String>,
    pub after: String,
}

/// `POST OFFICE_UNIT_CLASS` (信息变更): the unit's work-injury industry class, 1–8. The
/// ledger keeps the change with its before and after; months assessed already stay as they were.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitClassChange {
    pub industry_class: i64,
}

/// The most persons, and units, one search answers.
pub const MAX_HITS: usize = 50;

/// `GET OFFICE_PERSON`: a person's page — relationships, contributions and personal account
/// (the same [`Records`] the person reads), the ID number masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficePerson {
    pub person: i64,
    pub name: String,
    pub id_masked: String,
    pub records: Records,
    pub details: PersonDetails,
    /// The units the person has or had a relationship with (for 基数调整).
    #[serde(default)]
    pub units: Vec<UnitHit>,
    /// The person's base adjustments, newest first.
    #[serde(default)]
    pub adjustments: Vec<BaseAdjustment>,
    /// The relationships not ended, each with its id (暂停缴费 / 恢复缴费 act on one).
    #[serde(default)]
    pub open: Vec<OpenLine>,
}

/// A relationship not ended, as the back office acts on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenLine {
    pub id: i64,
    pub insurance: crate::domain::policy::Insurance,
    pub unit: String,
    /// `active` or `suspended`.
    pub status: String,
}

/// `POST OFFICE_RELATIONSHIP_SUSPEND` / `_RESUME`: from `month` (`YYYY-MM`); a reason to suspend.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuspendAsk {
    pub month: String,
    #[serde(default)]
    pub reason: String,
}

/// A person's details kept by the back office (信息变更): the cards and the mobile masked, the
/// addresses in full, with who changed what when.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonDetails {
    pub bank_card: Option<String>,
    pub ssc_number: Option<String>,
    #[serde(default)]
    pub mobile: Option<String>,
    #[serde(default)]
    pub household_address: Option<String>,
    #[serde(default)]
    pub contact_address: Option<String>,
    /// Newest first.
    pub changes: Vec<DetailChange>,
}

/// One 信息变更 (its before and after are kept sealed on the server).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DetailChange {
    /// `name` | `mobile` | `household_address` | `contact_address` | `bank_card` | `ssc_number`.
    pub field: String,
    pub at: i64,
    /// The staff account.
    pub by: i64,
}

/// `POST OFFICE_PERSON_DETAILS` (信息变更): checked by the shared rules on both sides; an empty
/// field is left as it is.
pub use crate::domain::forms::person_details::PersonDetailsDraft as PersonDetailsChange;

/// `POST OFFICE_PERSON_REVEAL`: the full ID number; every reveal is in the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revealed {
    pub id_number: String,
}

/// `POST OFFICE_PAYMENTS`: a collection file as text (CSV or JSON, the format of
/// `shebao-server ledger import-payments`). A file with bad lines is refused whole (a
/// [`FormRefusal`](super::auth::FormRefusal) whose `content` field lists each bad line, at most
/// [`MAX_LINES_SHOWN`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentFile {
    pub file_name: String,
    pub content: String,
}

/// The most bad lines one refusal lists.
pub const MAX_LINES_SHOWN: usize = 100;

/// The largest file the back office takes (bigger ones: split them, or the command line).
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;

/// Where a submission under four eyes stands (a payment file, a base adjustment).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BatchStatus {
    /// Checked, waiting for a supervisor.
    Pending,
    /// Confirmed and applied to the ledger.
    Applied,
    /// Sent back with a reason; nothing applied.
    Returned,
}

/// A submitted file (`GET OFFICE_PAYMENTS` lists the latest).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentBatch {
    pub id: i64,
    pub file_name: String,
    pub rows: i64,
    /// Σ of the rows.
    pub total: Fen,
    pub status: BatchStatus,
    /// Staff account numbers.
    pub submitted_by: i64,
    pub submitted_at: i64,
    pub decided_by: Option<i64>,
    pub decided_at: Option<i64>,
    /// Why it was returned.
    pub reason: Option<String>,
    /// Once applied: payments taken, and those already imported before (same content).
    pub taken: Option<i64>,
    pub already: Option<i64>,
}

/// `POST OFFICE_PAYMENT_DECISION`: confirm (import) or return with a reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchDecision {
    pub approve: bool,
    #[serde(default)]
    pub reason: String,
}

/// `POST OFFICE_UNEMPLOYMENT_STOP` and `POST OFFICE_INJURY_STOP`: a benefit's statutory stop from
/// `month` (`YYYY-MM`; never before its first month) for one of the reasons its module lists
/// (`unemployment::STOP_REASONS`, `injuries::STOP_REASONS`), as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BenefitStop {
    pub reason: String,
    pub month: String,
}

/// `POST OFFICE_PERSON_ADJUST`: 基数调整 of one person at one unit for one year, as typed.
pub use crate::domain::forms::base_adjustment::BaseAdjustmentDraft as BaseAdjustmentRequest;

/// A base adjustment (`GET OFFICE_ADJUSTMENTS` lists the latest; a person's page lists theirs).
/// `POST OFFICE_ADJUSTMENT_DECISION` takes a [`BatchDecision`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BaseAdjustment {
    pub id: i64,
    pub person: i64,
    pub person_name: String,
    pub unit: i64,
    pub unit_name: String,
    pub year: i64,
    /// The base asked for.
    pub monthly_base: Fen,
    /// The declared base of that year when it was submitted (`None`: none declared).
    pub previous: Option<Fen>,
    pub reason: String,
    pub status: BatchStatus,
    /// Staff account numbers.
    pub submitted_by: i64,
    pub submitted_at: i64,
    pub decided_by: Option<i64>,
    pub decided_at: Option<i64>,
    /// Why it was returned.
    pub return_reason: Option<String>,
}

/// `GET OFFICE_PERSON_PENSION?category=&retire_in=YYYY-MM` (养老待遇测算): when the person may
/// retire under the 2025 reform, whether the ledger's contributions meet the minimum, and the
/// account part of the pension — each figure with its working. `category` matters for women
/// (`female_55` | `female_50`, by default `female_50`); `retire_in` is by default the statutory
/// month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PensionEstimate {
    pub category: crate::domain::pension::Category,
    pub birth: crate::domain::ledger::Month,
    /// The statutory age, in months.
    pub statutory_age: u16,
    pub statutory: crate::domain::ledger::Month,
    pub earliest: crate::domain::ledger::Month,
    pub latest: crate::domain::ledger::Month,
    pub retire_in: crate::domain::ledger::Month,
    pub minimum_months: u16,
    /// Months of pension contributions the ledger holds as paid.
    pub contributed_months: u16,
    /// The personal account today.
    pub balance: Fen,
    /// 个人账户养老金 a month, at the age of `retire_in` (`None`: the age is outside the table).
    pub account_pension: Option<Fen>,
    /// Why a pension from `retire_in` is not possible as the ledger stands.
    pub issue: Option<crate::domain::Issue>,
    pub working: crate::domain::ledger::Working,
}

/// A pension claim (养老金申请) and the pension it starts, as the back office sees it
/// (`GET OFFICE_PENSION_CLAIMS` lists the latest; a person's page carries theirs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PensionClaimView {
    pub id: i64,
    pub person: i64,
    pub person_name: String,
    pub category: crate::domain::pension::Category,
    pub retire_in: crate::domain::ledger::Month,
    /// The first month paid (the month after retirement).
    pub first_month: crate::domain::ledger::Month,
    pub archive_months: u16,
    /// Ten-thousandths.
    pub archive_index: u32,
    pub archive_ref: String,
    /// 计发基数 used.
    pub base: Fen,
    /// Z, in ten-thousandths.
    pub index: u32,
    /// N, in months.
    pub months: u16,
    pub basic: Fen,
    pub account: Fen,
    pub monthly: Fen,
    pub working: crate::domain::ledger::Working,
    pub status: BatchStatus,
    /// The last month paid, once approved.
    pub paid_through: Option<crate::domain::ledger::Month>,
    pub submitted_by: i64,
    pub submitted_at: i64,
    pub decided_by: Option<i64>,
    pub decided_at: Option<i64>,
    pub return_reason: Option<String>,
    /// The latest 养老待遇资格认证 (the approval is the first).
    #[serde(default)]
    pub certified_on: Option<crate::domain::Date>,
}

/// A field worker's visit (协助认证) as the back office confirms it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldVisitView {
    pub id: i64,
    pub claim: i64,
    pub name: String,
    pub id_masked: String,
    /// `YYYY-MM-DD`: the visit.
    pub seen_on: String,
    /// The field worker's account.
    pub filed_by: i64,
    pub filed_at: i64,
    /// `pending` | `confirmed` | `returned`.
    pub status: String,
    pub return_reason: Option<String>,
    pub region_name: String,
    /// The claim's latest certification before (or by) this visit.
    pub certified_on: Option<String>,
}
