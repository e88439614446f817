//! The benefit side of unemployment, work-injury and medical insurance, as pure functions of
//! dated policy data (`server/data/policy.json`, keys `unemployment`, `work_injury_benefits` and
//! `medical_reimbursement`, each with its source): how many months of 失业保险金 a spell grants
//! ([`unemployment`]), the work-injury award by disability grade ([`injury`]), and what a
//! 医疗费用报销 claim pays back ([`medical`]). Amounts are exact fen, every result carries its
//! working.

pub mod injury;
pub mod medical;
pub mod newborn;
pub mod unemployment;

use serde::{Deserialize, Serialize};

/// One step of the unemployment duration table: from `from_months` of cumulative contributions
/// on, at most `months` of benefit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Duration {
    pub from_months: u16,
    pub months: u16,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnemploymentPolicy {
    /// Contributions needed for a new spell.
    pub minimum_months: u16,
    /// Ascending by `from_months`.
    pub durations: Vec<Duration>,
    /// The most a spell and the months carried from the last one come to.
    pub cap_months: u16,
    /// 失业保险金 a month, by province and from a month on.
    pub amounts: Vec<MonthlyAmount>,
    pub confirmed: bool,
    pub source: String,
}

/// What a month of 失业保险金 pays in a province from a month on (set by the province, at most
/// the minimum wage and at least the 低保 standard: 社会保险法 第47条).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthlyAmount {
    /// The province's division code (`320000`).
    pub region: u32,
    /// `YYYY-MM`.
    pub from: String,
    /// Fen.
    pub monthly: i64,
    pub confirmed: bool,
    pub source: String,
}

impl MonthlyAmount {
    /// The row of `rows` in force in `month` in the province of `region` (any division code in
    /// it): the province's latest from that month or before.
    pub fn in_force(rows: &[MonthlyAmount], region: u32, month: crate::domain::ledger::Month) -> Option<&MonthlyAmount> {
        let month = month.to_string();
        rows.iter().filter(|a| a.region == region / 10_000 * 10_000 && a.from <= month).max_by(|a, b| a.from.cmp(&b.from))
    }
}

impl UnemploymentPolicy {
    /// The amount in force in `month` in the province of `region` (any division code in it).
    pub fn amount(&self, region: u32, month: crate::domain::ledger::Month) -> Option<&MonthlyAmount> {
        MonthlyAmount::in_force(&self.amounts, region, month)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InjuryPolicy {
    /// 一次性伤残补助金 in months of 本人工资, grade 1 first (ten grades).
    pub lump_sum_months: Vec<u16>,
    /// 伤残津贴 in % of 本人工资, grade 1 first (grades without one are left out).
    pub allowance_percent: Vec<u16>,
    /// 本人工资 lies within these % of the area's average wage.
    pub wage_floor_percent: u16,
    pub wage_ceiling_percent: u16,
    /// 生活护理费 a month in % of the area's average monthly wage of the year before, by the
    /// help the person needs: 生活完全不能自理, 大部分不能自理, 部分不能自理 (第34条).
    pub care_percent: [u16; 3],
    /// The local minimum wage a month, by province and from a month on: a 伤残津贴 below it is
    /// topped up to it (工伤保险条例 第35条 by the fund, 第36条 by the unit), month by month.
    #[serde(default)]
    pub minimum_wages: Vec<MonthlyAmount>,
    pub confirmed: bool,
    pub source: String,
}

impl InjuryPolicy {
    /// The minimum wage in force in `month` in the province of `region`.
    pub fn minimum_wage(&self, region: u32, month: crate::domain::ledger::Month) -> Option<&MonthlyAmount> {
        MonthlyAmount::in_force(&self.minimum_wages, region, month)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BenefitPolicy {
    pub unemployment: UnemploymentPolicy,
    pub work_injury_benefits: InjuryPolicy,
    /// By region, each from a month on.
    pub medical_reimbursement: Vec<medical::MedicalRule>,
    /// 新生儿参保's window, each from a month on.
    pub newborn: Vec<newborn::NewbornRule>,
}

impl BenefitPolicy {
    /// Reads the keys of the policy data file, and refuses figures that cannot be right.
    pub fn from_json(json: &str) -> Result<BenefitPolicy, String> {
        let p: BenefitPolicy = serde_json::from_str(json).map_err(|e| format!("benefit policy: {e}"))?;
        let d = &p.unemployment.durations;
        if d.is_empty() || d.windows(2).any(|w| w[1].from_months <= w[0].from_months || w[1].months < w[0].months) {
            return Err("benefit policy: the unemployment durations must rise with the months contributed".into());
        }
        if d.iter().any(|s| s.months > p.unemployment.cap_months) || d[0].from_months < p.unemployment.minimum_months {
            return Err("benefit policy: an unemployment duration above the cap or below the minimum".into());
        }
        if p.unemployment.amounts.iter().any(|a| a.monthly <= 0 || crate::domain::ledger::Month::parse(&a.from).is_none()) {
            return Err("benefit policy: an unemployment amount must be positive and start at a YYYY-MM month".into());
        }
        let i = &p.work_injury_benefits;
        if i.minimum_wages.iter().any(|a| a.monthly <= 0 || crate::domain::ledger::Month::parse(&a.from).is_none()) {
            return Err("benefit policy: a minimum wage must be positive and start at a YYYY-MM month".into());
        }
        if i.lump_sum_months.len() != 10 || i.allowance_percent.len() > 10 || i.wage_floor_percent > i.wage_ceiling_percent {
            return Err("benefit policy: ten grades of lump sums, at most ten allowances, floor below ceiling".into());
        }
        if i.care_percent.iter().any(|p| *p == 0 || *p > 100) || i.care_percent.windows(2).any(|w| w[1] >= w[0]) {
            return Err("benefit policy: the three care levels' percents fall from full to partial care, each 1–100".into());
        }
        let bad_rule = |r: &medical::MedicalRule| {
            crate::domain::ledger::Month::parse(&r.from).is_none()
                || r.yearly_cap <= 0
                || r.levels.is_empty()
                || r.repeat_deductible.is_some_and(|share| share > 10_000)
                || r.levels.iter().any(|l| l.deductible < 0 || l.ratio == 0 || l.ratio > 10_000 || !medical::Level::ALL.contains(&l.level))
        };
        if p.newborn.iter().any(|r| r.window_days == 0 || crate::domain::ledger::Month::parse(&r.from).is_none()) {
            return Err("benefit policy: a newborn window needs a YYYY-MM start and at least one day".into());
        }
        if p.medical_reimbursement.iter().any(bad_rule) {
            return Err("benefit policy: a medical rule needs a YYYY-MM start, a positive cap and levels 1–3 with ratios of 0–100 %, a repeat admissions' share of at most 100 %".into());
        }
        Ok(p)
    }
}

#[cfg(test)]
mod tests;
