//! 工伤: a work injury once recognised (its 工伤事故申报 case approved), the disability grade an
//! operator enters from the 劳动能力鉴定 conclusion, and the award computed by
//! `domain::benefits::injury` with its working, approved under four eyes. Statuses are plain
//! strings (`recognised`, `assessed`, `approved`): the resident's bundle carries no enum for them.

use serde::{Deserialize, Serialize};

use crate::domain::ledger::{Month, Working};
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
    /// The monthly benefits' stop (第42条), once recorded.
    #[serde(default)]
    pub stopped: Option<InjuryStopped>,
}

/// The stops of an injury's monthly benefits an operator records (工伤保险条例 第42条): code,
/// Chinese, English.
pub const STOP_REASONS: [(&str, &str, &str); 3] = [
    ("lost_conditions", "丧失享受待遇条件（含死亡）", "No longer meets the conditions (death among them)"),
    ("refused_assessment", "拒不接受劳动能力鉴定", "Refused the work-capacity appraisal"),
    ("refused_treatment", "拒绝治疗", "Refused treatment"),
];

/// An injury's monthly benefits (伤残津贴, 生活护理费) stopped from a month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InjuryStopped {
    /// The first month not owed.
    pub month: Month,
    /// One of [`STOP_REASONS`]' codes.
    pub reason: String,
    /// Months of either benefit paid from `month` on (the stop recorded after they went out),
    /// and their sum: to recover.
    pub overpaid_months: u32,
    pub overpaid_total: Fen,
}

/// The award as computed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AwardView {
    /// 本人工资 after the clamp.
    pub wage: Fen,
    pub lump_sum: Fen,
    /// 伤残津贴 a month (grades 1–6).
    pub monthly_allowance: Option<Fen>,
    /// 生活护理费 a month, when the person was found to need care (第34条). Absent from older
    /// servers' answers.
    #[serde(default)]
    pub care_fee: Option<Fen>,
    pub working: Working,
}

/// `POST OFFICE_INJURY_ASSESS`: the grade of the 劳动能力鉴定 conclusion, `1`–`10`, and the care it
/// found the person needs, if any.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InjuryAssessment {
    pub grade: String,
    /// The care the conclusion found the person needs: `full`, `most` or `part`
    /// (`app::domain::benefits::injury::Care`), or empty for none.
    #[serde(default)]
    pub care: String,
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
    /// What the fund paid of an approved award: the month the lump sum went out, and the
    /// 伤残津贴 months (grades 1–4). Absent from older servers' answers.
    #[serde(default)]
    pub paid: InjuryPaid,
    /// The monthly benefits' stop (第42条), once recorded.
    #[serde(default)]
    pub stopped: Option<InjuryStopped>,
}

/// The payments of one injury's award.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InjuryPaid {
    /// The month the 一次性伤残补助金 was paid.
    pub lump_sum_in: Option<Month>,
    /// 伤残津贴 months paid, how many and their sum, all of them.
    pub allowance_months: u32,
    pub allowance_total: Fen,
    /// The latest allowance months paid, newest first (at most a year's).
    pub allowance: Vec<AllowanceMonth>,
    /// 生活护理费 months paid, how many and their sum.
    #[serde(default)]
    pub care_months: u32,
    #[serde(default)]
    pub care_total: Fen,
}

/// One month of 伤残津贴 paid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AllowanceMonth {
    pub month: Month,
    pub amount: Fen,
}
