//! The pension rules' dated policy data: the 2025 gradual retirement-age reform (its cohorts,
//! steps and caps; the minimum contribution years; flexible retirement) and the 计发月数 table,
//! each with its source. It sits in the policy data file (`server/data/policy.json`, key
//! `pension`) beside the ledger's figures.

use serde::{Deserialize, Serialize};

use crate::domain::ledger::Month;
use crate::domain::Date;

/// Whose statutory retirement age: 男职工 (60), 女干部 and women in managerial and technical
/// posts (55), 女工人 (50) — the three columns of the reform's annexes 1–3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Male,
    #[serde(rename = "female_55")]
    Female55,
    #[serde(rename = "female_50")]
    Female50,
}

impl Category {
    pub const ALL: [Category; 3] = [Category::Male, Category::Female55, Category::Female50];

    pub fn code(self) -> &'static str {
        match self {
            Category::Male => "male",
            Category::Female55 => "female_55",
            Category::Female50 => "female_50",
        }
    }

    /// `male`, `female_50` or `female_55` (a hyphen taken for the underscore).
    pub fn parse(code: &str) -> Option<Category> {
        let code = code.trim().replace('-', "_");
        Category::ALL.into_iter().find(|c| c.code() == code)
    }

    pub fn zh(self) -> &'static str {
        match self {
            Category::Male => "男职工",
            Category::Female55 => "女职工（原 55 周岁退休）",
            Category::Female50 => "女职工（原 50 周岁退休）",
        }
    }
}

/// One category's steps (办法 第一条): from `first_cohort` on, each `step_months` of birth
/// cohort adds a month to `original_age`, up to `max_delay_months`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Steps {
    pub category: Category,
    /// In years.
    pub original_age: u16,
    /// The first birth month delayed.
    pub first_cohort: Month,
    pub step_months: u16,
    pub max_delay_months: u16,
}

/// 最低缴费年限 (办法 第二条, annex 4): `months` until `rising_from_year`; from that year on,
/// `step_months` more each year, up to `max_months` — keyed to the year the person reaches the
/// statutory age.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinimumContribution {
    pub months: u16,
    pub rising_from_year: u16,
    pub step_months: u16,
    pub max_months: u16,
}

/// 弹性退休 (办法 第三条): up to `early_months` before the statutory age (never below the
/// original age, and only with the minimum contributions), up to `late_months` after it (with
/// the employer's agreement).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flexible {
    pub early_months: u16,
    pub late_months: u16,
}

/// The reform as in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reform {
    pub in_force: Date,
    pub steps: Vec<Steps>,
    pub minimum: MinimumContribution,
    pub flexible: Flexible,
    pub confirmed: bool,
    pub source: String,
}

/// 计发月数 by age at retirement in whole years; between two ages the months are interpolated
/// by month (`interpolation`, a local rule) to a tenth.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnuityMonths {
    /// `(age, months)`, ages consecutive and ascending.
    pub by_age: Vec<(u16, u16)>,
    pub source: String,
    pub interpolation: String,
}

/// A province's 计发基数 (C in the basic pension's formula) for the pensions that start in
/// `year`; the same figure divides a year's bases into that year's 缴费工资指数 (a
/// simplification: provinces index by the previous year's average wage, which the policy
/// data does not hold apart).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PensionBase {
    /// The province's division code (`320000`).
    pub region: u32,
    pub year: u16,
    /// Fen a month.
    pub amount: crate::domain::Fen,
    pub confirmed: bool,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PensionPolicy {
    pub reform: Reform,
    pub annuity_months: AnnuityMonths,
    /// 计发基数 by province and year.
    pub bases: Vec<PensionBase>,
    /// 养老待遇资格认证's period, reminder and grace.
    pub certification: super::certification::CertificationPolicy,
}

#[derive(Deserialize)]
struct File {
    pension: PensionPolicy,
}

impl PensionPolicy {
    /// Reads the `pension` key of the policy data file, and refuses figures that cannot be
    /// right (a category twice or missing, a zero step, an annuity table with a gap or rising).
    pub fn from_json(json: &str) -> Result<PensionPolicy, String> {
        let p = serde_json::from_str::<File>(json).map_err(|e| format!("pension policy: {e}"))?.pension;
        p.check()?;
        Ok(p)
    }

    /// Refuses figures that cannot be right (see [`PensionPolicy::from_json`]).
    fn check(&self) -> Result<(), String> {
        check_steps(&self.reform.steps)?;
        if self.reform.minimum.step_months == 0 {
            return Err("pension policy: a step of zero months".into());
        }
        let t = &self.annuity_months.by_age;
        if t.is_empty() || t.windows(2).any(|w| w[1].0 != w[0].0 + 1 || w[1].1 >= w[0].1) {
            return Err("pension policy: the 计发月数 table must give consecutive ages with falling months".into());
        }
        let c = &self.certification;
        if c.every_months == 0 || c.every_months > 24 || c.grace_days > 366 || c.remind_days > 366 {
            return Err("pension policy: certification every 1–24 months, reminder and grace within a year".into());
        }
        for (i, b) in self.bases.iter().enumerate() {
            if b.amount.0 <= 0 || b.region % 10_000 != 0 || self.bases[..i].iter().any(|o| (o.region, o.year) == (b.region, b.year)) {
                return Err(format!("pension policy: the 计发基数 of {} in {} must be positive, of a province, and given once", b.region, b.year));
            }
        }
        Ok(())
    }

    pub fn steps(&self, c: Category) -> &Steps {
        steps_of(&self.reform.steps, c).expect("every category has its steps (checked on reading)")
    }
}

/// Each category's steps given once, none of zero months.
pub fn check_steps(steps: &[Steps]) -> Result<(), String> {
    for c in Category::ALL {
        let n = steps.iter().filter(|s| s.category == c).count();
        if n != 1 {
            return Err(format!("pension policy: the steps of {} are given {n} times", c.code()));
        }
    }
    if steps.iter().any(|s| s.step_months == 0) {
        return Err("pension policy: a step of zero months".into());
    }
    Ok(())
}

/// The steps of category `c`, if given.
pub fn steps_of(steps: &[Steps], c: Category) -> Option<&Steps> {
    steps.iter().find(|s| s.category == c)
}
