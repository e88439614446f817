//! 工伤: a work injury once recognised (its 工伤事故申报 case approved), the disability grade an
//! operator enters from the 劳动能力鉴定 conclusion, and the award computed by
//! `domain::benefits::injury` with its working, approved under four eyes. Statuses are plain
//! strings (`recognised`, `assessed`, `approved`): the resident's bundle carries no enum for them.

use serde::{Deserialize, Serialize};

use crate::domain::ledger::Working;
use crate::domain::Fen;

/// One injury as the back office lists it (`OFFICE_INJURIES`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InjuryView {
    pub id: i64,
    /// The 工伤事故申报 case it came from.
    pub case_id: i64,
    pub receipt_no: String,
    pub name: String,
    pub id_masked: String,
    pub unit_name: String,
    /// `YYYY-MM-DD`.
    pub accident_on: String,
    /// The day the unit reported it.
    pub reported_on: String,
    /// Days past the 30 the unit had; 0 in time.
    pub late_days: i64,
    /// `recognised`, `assessed` or `approved`.
    pub status: String,
    pub grade: Option<u8>,
    pub award: Option<AwardView>,
    /// Who entered the grade (another account approves).
    pub assessed_by: Option<i64>,
    /// Why the last assessment was returned.
    pub return_reason: Option<String>,
}

/// The award as computed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AwardView {
    /// 本人工资 after the clamp.
    pub wage: Fen,
    pub lump_sum: Fen,
    /// 伤残津贴 a month (grades 1–6).
    pub monthly_allowance: Option<Fen>,
    pub working: Working,
}

/// `POST OFFICE_INJURY_ASSESS`: the grade of the 劳动能力鉴定 conclusion, `1`–`10`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InjuryAssessment {
    pub grade: String,
}

/// One of the person's injuries (`INJURIES_MINE`): the award once approved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyInjury {
    pub accident_on: String,
    pub unit_name: String,
    /// `recognised` (being assessed), `assessed` (awaiting approval) or `approved`.
    pub status: String,
    pub grade: Option<u8>,
    pub award: Option<AwardView>,
}
