//! A unit's month (核定单): its rows summed per insurance, and how what was paid stands
//! against what was due (到账对账) — with the late fee on any arrears.

use serde::{Deserialize, Serialize};

use super::{late_fee, LateFee, LedgerPolicy, Month};
use crate::domain::policy::Insurance;
use crate::domain::{Date, Fen};

/// The amounts of one assessment row (a regular row or an adjustment).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowAmounts {
    pub insurance: Insurance,
    pub employer: Fen,
    pub individual: Fen,
}

/// Per insurance, the employer's and the individual's totals.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Totals {
    /// In [`Insurance::ALL`] order, only those with rows.
    pub by_insurance: Vec<(Insurance, Fen, Fen)>,
    pub employer: Fen,
    pub individual: Fen,
}

impl Totals {
    pub fn of(rows: &[RowAmounts]) -> Totals {
        let mut t = Totals::default();
        for ins in Insurance::ALL {
            let of: Vec<&RowAmounts> = rows.iter().filter(|r| r.insurance == ins).collect();
            if of.is_empty() {
                continue;
            }
            let e = Fen(of.iter().map(|r| r.employer.0).sum());
            let i = Fen(of.iter().map(|r| r.individual.0).sum());
            t.by_insurance.push((ins, e, i));
            t.employer = Fen(t.employer.0 + e.0);
            t.individual = Fen(t.individual.0 + i.0);
        }
        t
    }

    pub fn due(&self) -> Fen {
        Fen(self.employer.0 + self.individual.0)
    }
}

/// How a unit's month stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// Nothing due.
    Nothing,
    Unpaid,
    PartlyPaid,
    Paid,
    Overpaid,
}

impl Standing {
    pub fn of(due: Fen, paid: Fen) -> Standing {
        match (due.0, paid.0) {
            (d, p) if d <= 0 && p <= 0 => Standing::Nothing,
            (_, p) if p <= 0 => Standing::Unpaid,
            (d, p) if p < d => Standing::PartlyPaid,
            (d, p) if p == d => Standing::Paid,
            _ => Standing::Overpaid,
        }
    }

    /// Paid in full (or more).
    pub fn settled(self) -> bool {
        matches!(self, Standing::Paid | Standing::Overpaid | Standing::Nothing)
    }

    pub fn zh(self) -> &'static str {
        match self {
            Standing::Nothing => "无应缴",
            Standing::Unpaid => "未到账",
            Standing::PartlyPaid => "部分到账",
            Standing::Paid => "已到账",
            Standing::Overpaid => "多缴",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Standing::Nothing => "nothing due",
            Standing::Unpaid => "unpaid",
            Standing::PartlyPaid => "partly paid",
            Standing::Paid => "paid",
            Standing::Overpaid => "overpaid",
        }
    }
}

/// The first day a month's contributions are in arrears: the first of the next month (当月费款
/// 当月缴清; the day is local practice, kept with the late-fee rate in the policy data).
pub fn arrears_from(month: Month, ledger: &LedgerPolicy) -> Date {
    let next = month.next();
    Date::new(next.year, next.month, ledger.late_fee.from_day_of_next_month).unwrap_or_else(|| next.first_day())
}

/// What is still owed for `month` as of `on`, with its late fee; `None` when nothing is owed.
pub fn arrears(month: Month, due: Fen, paid: Fen, on: Date, ledger: &LedgerPolicy) -> Option<LateFee> {
    let owed = Fen(due.0 - paid.0);
    (owed.0 > 0).then(|| late_fee(owed, arrears_from(month, ledger), on, ledger))
}
