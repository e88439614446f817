//! What the ledger's read endpoints answer: a resident's records (缴费查询) with their personal
//! account, and a unit's roster (在职参保人员) and monthly statement (核定单). Amounts are fen
//! as integers; months are `YYYY-MM`.

use serde::{Deserialize, Serialize};

use crate::domain::ledger::account::Balance;
use crate::domain::ledger::{LateFee, Month, Standing};
use crate::domain::policy::Insurance;
use crate::domain::Fen;

/// One month of one insurance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthRecord {
    pub month: Month,
    pub insurance: Insurance,
    /// The unit's name.
    pub unit: String,
    /// The base assessed on (after any clamp).
    pub base: Fen,
    pub employer: Fen,
    pub individual: Fen,
    /// The unit's month is paid in full.
    pub paid: bool,
}

/// A 参保关系 as its person sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relationship {
    pub insurance: Insurance,
    pub unit: String,
    pub start_month: Month,
    pub end_month: Option<Month>,
    /// `active` (参保缴费) | `suspended` (暂停缴费) | `ended` (终止).
    pub status: String,
}

/// `GET /api/ledger/records?from=YYYY-MM&to=YYYY-MM`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Records {
    pub from: Month,
    pub to: Month,
    /// By month, then insurance.
    pub months: Vec<MonthRecord>,
    pub employer_total: Fen,
    pub individual_total: Fen,
    pub relationships: Vec<Relationship>,
    /// The personal pension account at the end of `to`.
    pub account: Balance,
    /// When the server answered (ms since the epoch): the device shows "截至 …" with it.
    pub as_of: i64,
}

/// One person on a unit's roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterPerson {
    pub name: String,
    /// Masked (`3201**********1234`).
    pub id_number: String,
    pub insurances: Vec<Insurance>,
    pub start_month: Month,
}

/// `GET /api/ledger/roster`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Roster {
    pub unit: String,
    pub people: Vec<RosterPerson>,
}

/// `GET /api/ledger/statements/{month}`: the unit's 核定单.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementView {
    pub unit: String,
    pub month: Month,
    /// Per insurance: employer and individual totals.
    pub by_insurance: Vec<(Insurance, Fen, Fen)>,
    pub due: Fen,
    pub paid: Fen,
    pub standing: Standing,
    /// What is owed, with its late fee as of today.
    pub arrears: Option<LateFee>,
    /// People assessed.
    pub people: u32,
}

/// `GET PENSION_MINE` (待遇领取情况): the person's latest pension claim and the months paid,
/// newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyPension {
    pub claim: Option<MyClaim>,
    pub payments: Vec<PensionPaid>,
    /// When the server answered (ms since the epoch).
    pub as_of: i64,
}

/// A claim as its person sees it: where it stands, the pension and its working.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyClaim {
    /// `pending` (审核中) | `applied` (发放中) | `returned` (已退回).
    pub status: String,
    pub retire_in: Month,
    pub first_month: Month,
    pub monthly: Fen,
    pub working: crate::domain::ledger::Working,
    pub return_reason: Option<String>,
    /// Where the yearly certification stands (an approved claim): `certified` (已认证至
    /// `certification_date`), `due` (待认证 by that day) or `suspended` (paid through that
    /// month). Plain strings: an enum's deserializer costs the phone's bundle 5 KB.
    #[serde(default)]
    pub certification: Option<String>,
    #[serde(default)]
    pub certification_date: Option<String>,
    /// The certifications, newest first, each `YYYY-MM-DD way` (way: `approval` — the claim's
    /// approval —, `counter`, `field` — a field worker's visit — or `self`). Strings, for the
    /// bundle's sake as above.
    #[serde(default)]
    pub certified: Vec<String>,
}

/// One month of pension paid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PensionPaid {
    pub month: Month,
    pub amount: Fen,
    pub paid_at: i64,
}

/// `GET FIELD_PENSION_DUE` (待认证名单): the pensioners of the field worker's area whose yearly
/// certification is due or overdue, kept on the worker's phone for the visits. No full ID
/// number: the worker reads it off the pensioner's card, and the server checks it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueList {
    /// When the server answered (ms since the epoch).
    pub taken_at: i64,
    pub items: Vec<DuePensioner>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DuePensioner {
    pub claim: i64,
    pub name: String,
    /// `1101**********002X`.
    pub id_masked: String,
    /// `YYYY-MM-DD`: the certification's due date.
    pub due: String,
    /// 已暂停: past the due date and its grace, the payments stopped.
    pub suspended: bool,
    pub region_name: String,
}
