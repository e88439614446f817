//! The ledger's own dated policy data, beside the table the forms use: the work-injury rates of
//! the eight industry classes, the late-fee rate, and the yearly interest rates of personal
//! pension accounts — each with its source and whether it was checked against the official
//! text. It sits in the same data file (`server/data/policy.json`) under keys the app's table
//! does not read: the phone never needs it.

use serde::{Deserialize, Serialize};

use crate::domain::{BasisPoints, Date};

/// 工伤保险行业基准费率 of the eight industry classes (一类 … 八类), in force from a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassRates {
    pub from: Date,
    pub to: Option<Date>,
    /// Class 1 first.
    pub rates: [BasisPoints; 8],
    pub confirmed: bool,
    pub source: String,
}

/// 个人账户记账利率 of one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterestRate {
    pub year: u16,
    pub rate: BasisPoints,
    pub confirmed: bool,
    pub source: String,
}

/// The late fee per day of arrears.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LateFeeRate {
    /// Ten-thousandths of the arrears per day: 5 is 0.05 %.
    pub per_day: BasisPoints,
    /// A month's contributions are in arrears from this day of the next month.
    pub from_day_of_next_month: u8,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerPolicy {
    pub work_injury_classes: Vec<ClassRates>,
    pub interest_rates: Vec<InterestRate>,
    pub late_fee: LateFeeRate,
}

impl LedgerPolicy {
    /// Reads the ledger's keys of the policy data file.
    pub fn from_json(json: &str) -> Result<LedgerPolicy, String> {
        let p: LedgerPolicy = serde_json::from_str(json).map_err(|e| format!("ledger policy: {e}"))?;
        for (i, c) in p.work_injury_classes.iter().enumerate() {
            if c.to.is_some_and(|t| t < c.from) || c.rates.windows(2).any(|w| w[0] > w[1]) {
                return Err(format!("work-injury class rates #{i}: period reversed, or a riskier class cheaper"));
            }
        }
        let mut years: Vec<u16> = p.interest_rates.iter().map(|r| r.year).collect();
        years.sort_unstable();
        if years.windows(2).any(|w| w[0] == w[1]) {
            return Err("an interest rate given twice for one year".into());
        }
        Ok(p)
    }

    /// The class rates in force on `on`.
    pub fn class_rates(&self, on: Date) -> Option<&ClassRates> {
        self.work_injury_classes.iter().find(|c| c.from <= on && c.to.is_none_or(|t| on <= t))
    }

    /// The interest rate of `year`.
    pub fn interest(&self, year: u16) -> Option<&InterestRate> {
        self.interest_rates.iter().find(|r| r.year == year)
    }
}
