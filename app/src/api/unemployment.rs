//! 失业保险金: a spell opened by an approved 失业登记 case — the months granted (the shared rules
//! `domain::benefits::unemployment` on the ledger's contributions), the amount a month from the
//! dated policy data, and the months paid by the monthly run. It stops by itself when the person
//! is enrolled anywhere again (the database does it, whoever enrols them); the months not drawn
//! carry into the next spell. Statuses are plain strings (`active`, `stopped`, `ended`).

use serde::{Deserialize, Serialize};

use crate::domain::ledger::Working;
use crate::domain::Fen;

/// `GET UNEMPLOYMENT_MINE`: one of the signed-in person's spells, the latest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MySpell {
    /// The day of the 失业登记 (its case's filing day).
    pub registered_on: String,
    /// The unit the job ended with.
    pub unit_name: String,
    /// `active` (being paid), `stopped` (re-employed: `stopped_in` is the new job's first month)
    /// or `ended` (every month granted paid).
    pub status: String,
    /// `YYYY-MM`: the first month paid and the last one the grant reaches.
    pub first_month: String,
    pub last_month: String,
    pub stopped_in: Option<String>,
    /// Why it stopped: `reemployed`, or one of [`STOP_REASONS`].
    #[serde(default)]
    pub stop_reason: Option<String>,
    pub months: u16,
    pub paid: u16,
    /// Months granted and not drawn: carried into the next spell while `stopped`.
    pub left: u16,
    pub monthly: Fen,
    /// Σ of the months paid.
    pub paid_total: Fen,
    pub working: Working,
}

/// The stops an operator records (社会保险法 第51条) — re-employment stops a spell by itself:
/// code, Chinese, English.
pub const STOP_REASONS: [(&str, &str, &str); 5] = [
    ("military", "应征服兵役", "Called up for military service"),
    ("emigrated", "移居境外", "Moved abroad"),
    ("pension", "享受基本养老保险待遇", "Started drawing a pension"),
    ("refused_work", "无正当理由拒不接受推荐的工作或培训", "Refused suitable work or training without good reason"),
    ("died", "死亡", "Died"),
];

/// A spell as the back office lists it (`OFFICE_UNEMPLOYMENT`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpellView {
    pub id: i64,
    pub name: String,
    pub id_masked: String,
    pub spell: MySpell,
    /// Months paid from the month the spell stopped on (its stop back-dated past them), and
    /// their sum: to recover (应追回).
    #[serde(default)]
    pub overpaid: u16,
    #[serde(default)]
    pub overpaid_total: Fen,
    /// What operators recorded as come back of it (`OFFICE_UNEMPLOYMENT_RECOVER`).
    #[serde(default)]
    pub recovered: Fen,
}

