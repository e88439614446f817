//! The insurance ledger's arithmetic, as pure functions of dated policy data and the ledger's
//! facts: the monthly assessment (核定) of one person in one insurance, the late fee on arrears
//! (滞纳金), and the personal pension account's yearly interest (记账利率). Every amount is
//! exact fen; every result carries its working, so whoever sees a figure can see how it came.
//!
//! Glossary: 缴费基数 → the declared base, clamped to the year's 60 %–300 % band ([`Clamp`]);
//! 核定 → [`assess`]; 单位/个人缴费 → `employer` / `individual`; 工伤行业类别 → [`IndustryClass`];
//! 滞纳金 → [`late_fee`]; 个人账户 → [`interest`]; 计算过程 → [`Working`]; 核定单 →
//! [`Totals`]; 到账对账 → [`Standing`]; 欠费 → [`arrears`].

pub mod account;
pub mod assessment;
pub mod interest;
pub mod late_fee;
pub mod month;
pub mod policy;
pub mod statement;

pub use assessment::{assess, figures, Assessment, Clamp, Figures, IndustryClass};
pub use interest::{year_end, YearEnd};
pub use late_fee::{late_fee, LateFee};
pub use month::Month;
pub use policy::LedgerPolicy;
pub use statement::{arrears, RowAmounts, Standing, Totals};

use super::Fen;

/// One line of a calculation's working, in both languages, with the amount it arrives at.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Line {
    pub zh: String,
    pub en: String,
    pub amount: Option<Fen>,
}

/// How a figure was reached, line by line.
pub type Working = Vec<Line>;

fn line(zh: String, en: String, amount: Option<Fen>) -> Line {
    Line { zh, en, amount }
}

/// `numerator / denominator`, rounded half up (both positive); the one rounding rule of the
/// ledger: to the fen, half a fen and more goes up.
fn div_half_up(numerator: i128, denominator: i128) -> i64 {
    ((numerator * 2 + denominator) / (denominator * 2)) as i64
}

#[cfg(test)]
mod tests;
