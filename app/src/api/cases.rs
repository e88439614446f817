//! 待办 — the case queue on the wire. A filing that needs an operator (an enrolment, a separation,
//! a base declaration) is a case from the moment the server stores it; the review desk's state
//! machine, reasons and working days (`domain::review`) are the cases' too. An operator opens
//! a case, reads its checks and the preview of its effect on the ledger, and approves it (the
//! effect is applied, the voucher says so) or returns it with a reason per field; the device
//! that filed it learns the reasons at its next sync ([`FILINGS_REVIEW`]) and shows them on the
//! form's fields, and the fix goes in as a new, linked case.
//!
//! [`FILINGS_REVIEW`]: super::endpoints::FILINGS_REVIEW

use serde::{Deserialize, Serialize};

use super::review::{Decision, HistoryEntry};
use super::sync::FilingKind;
use crate::domain::forms::{base_declaration, enrolment, injury_report, medical_claim, newborn, person_change, separation, unemployment, unit_change};
use crate::domain::ledger::Working;
use crate::domain::policy::Insurance;
use crate::domain::review::{Reason, Status, Target};
use crate::domain::{FieldErrors, Fen, Issue};

/// Whether filings of `kind` wait for an operator.
pub fn is_case(kind: FilingKind) -> bool {
    matches!(kind, FilingKind::Enrolment | FilingKind::Separation | FilingKind::BaseDeclaration | FilingKind::InjuryReport | FilingKind::Unemployment | FilingKind::MedicalClaim | FilingKind::Newborn | FilingKind::PersonChange | FilingKind::UnitChange)
}

/// Whether the device asks what became of filings of `kind` ([`FILINGS_REVIEW`]): the cases,
/// and the field workers' visits, which an operator confirms or returns too.
///
/// [`FILINGS_REVIEW`]: super::endpoints::FILINGS_REVIEW
pub fn is_reviewed(kind: FilingKind) -> bool {
    is_case(kind) || kind == FilingKind::PensionCertification
}

/// The fields of a `kind`'s form a reason may name (the form shows it on that field).
pub fn reason_fields(kind: FilingKind) -> &'static [&'static str] {
    match kind {
        FilingKind::Enrolment => &[
            enrolment::field::NAME,
            enrolment::field::ID_NUMBER,
            enrolment::field::MOBILE,
            enrolment::field::CREDIT_CODE,
            enrolment::field::REGION,
            enrolment::field::START_MONTH,
            enrolment::field::MONTHLY_BASE,
            enrolment::field::INSURANCES,
        ],
        FilingKind::Separation => &[
            separation::field::NAME,
            separation::field::ID_NUMBER,
            separation::field::CREDIT_CODE,
            separation::field::INSURANCES,
            separation::field::LAST_MONTH,
            separation::field::LEFT_ON,
            separation::field::REASON,
        ],
        FilingKind::BaseDeclaration => &[base_declaration::field::CREDIT_CODE, base_declaration::field::EFFECTIVE_MONTH, base_declaration::field::ROWS],
        FilingKind::InjuryReport => &[
            injury_report::field::NAME,
            injury_report::field::ID_NUMBER,
            injury_report::field::CREDIT_CODE,
            injury_report::field::ACCIDENT_ON,
            injury_report::field::ACCIDENT_AT,
            injury_report::field::PLACE,
            injury_report::field::ACCOUNT,
            injury_report::field::INSTITUTION,
        ],
        FilingKind::Unemployment => &[
            unemployment::field::NAME,
            unemployment::field::ID_NUMBER,
            unemployment::field::LEFT_ON,
            unemployment::field::CAUSE,
            unemployment::field::STATEMENT,
        ],
        FilingKind::MedicalClaim => &[
            medical_claim::field::NAME,
            medical_claim::field::ID_NUMBER,
            medical_claim::field::HOSPITAL,
            medical_claim::field::LEVEL,
            medical_claim::field::ADMITTED_ON,
            medical_claim::field::DISCHARGED_ON,
            medical_claim::RECEIPTS[0],
            medical_claim::RECEIPTS[1],
            medical_claim::RECEIPTS[2],
            medical_claim::RECEIPTS[3],
            medical_claim::RECEIPTS[4],
            medical_claim::RECEIPTS[5],
        ],
        FilingKind::Newborn => &[
            newborn::field::CHILD_NAME,
            newborn::field::BIRTH_DATE,
            newborn::field::BIRTH_CERT,
            newborn::field::CHILD_ID_NUMBER,
            newborn::field::REGION,
            newborn::field::GUARDIAN_ID_NUMBER,
            newborn::field::GUARDIAN_NAME,
            newborn::field::RELATION,
        ],
        FilingKind::PersonChange => &[
            person_change::field::ID_NUMBER,
            person_change::field::NAME,
            person_change::field::MOBILE,
            person_change::field::HOUSEHOLD_DIVISION,
            person_change::field::HOUSEHOLD_DETAIL,
            person_change::field::CONTACT_DIVISION,
            person_change::field::CONTACT_DETAIL,
        ],
        FilingKind::UnitChange => &[
            unit_change::field::CREDIT_CODE,
            unit_change::field::REGION,
            unit_change::field::ADDRESS,
            unit_change::field::CONTACT_NAME,
            unit_change::field::CONTACT_MOBILE,
        ],
        FilingKind::PersonalRegistration | FilingKind::EmployerRegistration | FilingKind::PensionCertification => &[],
    }
}

/// The bit of an insurance in a case's modules (the queue filters by it).
pub fn module_bit(i: Insurance) -> i64 {
    match i {
        Insurance::Pension => 1,
        Insurance::Medical => 2,
        Insurance::Unemployment => 4,
        Insurance::WorkInjury => 8,
    }
}

/// The modules of a set of insurances.
pub fn modules_of(insurances: &[Insurance]) -> i64 {
    insurances.iter().fold(0, |m, i| m | module_bit(*i))
}

/// The insurances in a modules value.
pub fn insurances_in(modules: i64) -> Vec<Insurance> {
    Insurance::ALL.into_iter().filter(|i| modules & module_bit(*i) != 0).collect()
}

/// One line of the queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseItem {
    pub id: i64,
    pub kind: FilingKind,
    pub receipt_no: String,
    pub unit_name: String,
    pub insurances: Vec<Insurance>,
    pub region: u32,
    pub region_name: String,
    pub status: Status,
    pub submitted_at: i64,
    pub age_working_days: u32,
    pub overdue: bool,
    /// The fix of a returned case.
    pub resubmitted: bool,
}

/// `GET OFFICE_CASES`: oldest first, [`CASES_PAGE`] at a time.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseQueue {
    pub total: i64,
    pub items: Vec<CaseItem>,
}

pub const CASES_PAGE: i64 = 50;

/// A field of the case's form as the operator reads it (ID numbers in full: checking them is
/// the operator's task, and each view is audited).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseField {
    /// The form's field name (what a reason names).
    pub name: String,
    pub value: String,
}

/// One check of a case and its result: `passed`, or the issue found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseCheck {
    /// `accuracy` (the shared rules) or `compliance` (重复参保, base limits, rates, ages).
    pub group: String,
    /// What was checked, (zh, en).
    pub zh: String,
    pub en: String,
    /// `None`: passed.
    pub issue: Option<Issue>,
    /// The field the issue is on.
    pub field: Option<String>,
}

/// One line of the preview of what approving does to the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EffectLine {
    /// `open` (a relationship's first month) | `month` (a later month a back-dated enrolment
    /// adds) | `end` | `base` (a month at a declared base) | `recognise` | `unemploy` |
    /// `reimburse` | `newborn` | `details` | `unit_details`.
    pub action: String,
    pub insurance: Option<Insurance>,
    pub person: String,
    /// The month it changes (`YYYY-MM`), or the last month insured for `end`.
    pub month: String,
    /// The monthly base it uses, and what a month of it comes to (employer, individual), as the
    /// rates of the region stand today; `None` where nothing is assessed.
    pub base: Option<Fen>,
    pub employer: Option<Fen>,
    pub individual: Option<Fen>,
    /// How the amounts were worked out.
    pub working: Working,
    /// Why it cannot be assessed as it stands (a rate not settled, no industry class yet).
    pub issue: Option<Issue>,
}

impl EffectLine {
    /// A line that moves no contribution (a benefit kept, details changed): what, in which
    /// insurance, for whom, when, and its working.
    pub fn unassessed(action: &str, insurance: Option<Insurance>, person: String, month: String, working: Working) -> EffectLine {
        EffectLine { action: action.into(), insurance, person, month, base: None, employer: None, individual: None, working, issue: None }
    }
}

/// `GET OFFICE_CASE`: the case in full.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseView {
    pub id: i64,
    pub kind: FilingKind,
    pub status: Status,
    pub receipt_no: String,
    pub client_id: String,
    pub unit_name: String,
    pub region_name: String,
    pub fields: Vec<CaseField>,
    pub checks: Vec<CaseCheck>,
    pub effect: Vec<EffectLine>,
    pub history: Vec<HistoryEntry>,
    pub reasons: Vec<Reason>,
    /// The case this one fixes, and the reasons it was returned with.
    pub version_of: Option<i64>,
    pub previous_reasons: Vec<Reason>,
    pub submitted_at: i64,
    pub submitted_by: Option<i64>,
    pub age_working_days: u32,
    pub overdue: bool,
    /// The account looking at it filed it (at the counter): another must decide it.
    pub own: bool,
    /// The slots of the photos filed with it (`OFFICE_CASE_FILE`).
    #[serde(default)]
    pub attachments: Vec<String>,
}

/// `POST OFFICE_CASE_DECISION`: the review desk's decision (open, approve, or reject — 退回 —
/// with a reason per field of [`reason_fields`]).
pub type CaseDecision = Decision;

/// `POST FILINGS_REVIEW`: what became of filings this account sent (at most [`MAX_ASKED`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewAsk {
    pub client_ids: Vec<String>,
}

pub const MAX_ASKED: usize = 200;

/// One filing's case, as the device that filed it learns it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilingReview {
    pub client_id: String,
    pub status: Status,
    /// The reasons a returned case carries, per field.
    #[serde(default)]
    pub reasons: Vec<Reason>,
    pub updated_at: i64,
}

/// The answer: the asked filings that are this account's cases (others are left out).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewAnswer {
    pub filings: Vec<FilingReview>,
}

/// The reasons of a returned case as warnings on the form's fields (a material's under its
/// slot), for the form that fixes it.
pub fn returned_on_fields(reasons: &[Reason]) -> FieldErrors {
    let mut e = FieldErrors::default();
    for r in reasons {
        let name = match &r.target {
            Target::Field(f) => f.clone(),
            Target::Material(m) => m.as_str().to_owned(),
        };
        let issue = r.issue();
        e.warn(name, Issue { code: issue.code, zh: format!("经办机构退回：{}", issue.zh).into(), en: format!("Sent back by the agency: {}", issue.en).into() });
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modules_round_trip() {
        for n in 0..16 {
            assert_eq!(modules_of(&insurances_in(n)), n);
        }
    }

    #[test]
    fn only_ledger_filings_are_cases_and_each_names_its_fields() {
        for kind in [FilingKind::Enrolment, FilingKind::Separation, FilingKind::BaseDeclaration, FilingKind::InjuryReport, FilingKind::Unemployment, FilingKind::MedicalClaim, FilingKind::Newborn, FilingKind::PersonChange, FilingKind::UnitChange] {
            assert!(is_case(kind));
            assert!(!reason_fields(kind).is_empty());
        }
        assert!(!is_case(FilingKind::EmployerRegistration));
        assert!(is_reviewed(FilingKind::PensionCertification) && !is_case(FilingKind::PensionCertification), "reviewed, not on the desk's queue");
        assert!(!is_reviewed(FilingKind::PersonalRegistration));
        assert!(reason_fields(FilingKind::Enrolment).contains(&"monthly_base"));
    }
}
