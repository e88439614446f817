//! 核定: what one person owes in one insurance for one month. The declared base is clamped to
//! the region's band for that month (60 %–300 % of the average wage; the clamp is shown, never
//! silent); the employer's and the individual's rates are those in force for the region, the
//! insurance and the month (work injury: by the unit's industry class); each amount is base ×
//! rate, rounded half up to the fen on its own.

use serde::{Deserialize, Serialize};

use super::{div_half_up, line, LedgerPolicy, Working};
use crate::domain::policy::{BaseLimit, Insurance, PolicyTable, Rate};
use crate::domain::{BasisPoints, Date, Fen, Issue};

/// 工伤保险行业类别, 一类 (lowest risk) to 八类.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct IndustryClass(u8);

impl IndustryClass {
    pub fn new(class: u8) -> Option<IndustryClass> {
        (1..=8).contains(&class).then_some(IndustryClass(class))
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

/// The base was moved into the band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Clamp {
    /// Raised to the floor (60 %).
    Floor(Fen),
    /// Lowered to the ceiling (300 %).
    Ceiling(Fen),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    pub insurance: Insurance,
    /// The first day of the month.
    pub month: Date,
    pub declared: Fen,
    /// The base, rates and amounts.
    #[serde(flatten)]
    pub figures: Figures,
    pub working: Working,
}

fn no_figure(what_zh: &str, what_en: &str, region: u32, month: Date) -> Issue {
    Issue::formatted(
        "assessment.no_policy",
        format!("政策参数中没有 {region} 地区 {} 的{what_zh}，无法核定", month.iso()),
        format!("The policy data has no {what_en} for region {region} on {}; it cannot be assessed", month.iso()),
    )
}

/// An assessment's figures without its working: what the monthly run writes. Formatting the
/// working's lines was most of the server's own time in a 4,000,000-row run (docs/benchmarks.md);
/// [`assess`] computes the same figures here and then explains them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    /// The base the amounts are computed on.
    pub base: Fen,
    pub clamp: Option<Clamp>,
    pub employer_rate: BasisPoints,
    pub individual_rate: BasisPoints,
    pub employer: Fen,
    pub individual: Fen,
}

/// The figures, and the band and rate they came from (for the working).
fn figures_from<'a>(
    declared: Fen,
    region: u32,
    insurance: Insurance,
    month: Date,
    class: Option<IndustryClass>,
    table: &'a PolicyTable,
    ledger: &LedgerPolicy,
) -> Result<(Figures, &'a BaseLimit, &'a Rate), Issue> {
    let limit = table.base_limit(region, month).ok_or_else(|| no_figure("缴费基数上下限", "base limits", region, month))?;
    let rate = table.rate(region, insurance, month).ok_or_else(|| no_figure(insurance.zh(), insurance.en(), region, month))?;
    let (base, clamp) = if declared < limit.min {
        (limit.min, Some(Clamp::Floor(limit.min)))
    } else if declared > limit.max {
        (limit.max, Some(Clamp::Ceiling(limit.max)))
    } else {
        (declared, None)
    };
    let employer_rate = if insurance == Insurance::WorkInjury {
        let class = class.ok_or_else(|| {
            Issue::new("assessment.no_class", "工伤保险需要单位的行业类别（一类至八类）", "Work-injury insurance needs the unit's industry class (1 to 8)")
        })?;
        let rates = ledger.class_rates(month).ok_or_else(|| no_figure("工伤行业基准费率", "work-injury class rates", region, month))?;
        rates.rates[usize::from(class.get() - 1)]
    } else if rate.employer_min == rate.employer_max {
        rate.employer_min
    } else {
        return Err(Issue::formatted(
            "assessment.rate_unsettled",
            format!("{}的单位费率在政策参数中是一个范围（{}–{}），请先确定本地费率", insurance.zh(), rate.employer_min.percent(), rate.employer_max.percent()),
            format!("The employer rate of {} is a range in the policy data ({}–{}); set the local rate first", insurance.en(), rate.employer_min.percent(), rate.employer_max.percent()),
        ));
    };
    let individual_rate = if insurance == Insurance::WorkInjury { BasisPoints(0) } else { rate.individual.unwrap_or(BasisPoints(0)) };
    let employer = Fen(div_half_up(i128::from(base.0) * i128::from(employer_rate.0), 10_000));
    let individual = Fen(div_half_up(i128::from(base.0) * i128::from(individual_rate.0), 10_000));
    Ok((Figures { base, clamp, employer_rate, individual_rate, employer, individual }, limit, rate))
}

/// [`assess`]'s figures, without the working.
///
/// ```
/// use app::domain::ledger::{assess, figures, IndustryClass, LedgerPolicy};
/// use app::domain::policy::{Insurance, PolicyTable};
/// use app::domain::{Date, Fen};
/// let json = include_str!("../../../../server/data/policy.json");
/// let (table, ledger) = (PolicyTable::from_json(json).unwrap(), LedgerPolicy::from_json(json).unwrap());
/// let on = Date::new(2026, 1, 1).unwrap();
/// for declared in [100_000, 600_000, 9_000_000] {
///     for ins in Insurance::ALL {
///         let (a, f) = (assess(Fen(declared), 320102, ins, on, IndustryClass::new(3), &table, &ledger).unwrap(),
///                       figures(Fen(declared), 320102, ins, on, IndustryClass::new(3), &table, &ledger).unwrap());
///         assert_eq!(f, a.figures);
///     }
/// }
/// ```
pub fn figures(declared: Fen, region: u32, insurance: Insurance, month: Date, class: Option<IndustryClass>, table: &PolicyTable, ledger: &LedgerPolicy) -> Result<Figures, Issue> {
    figures_from(declared, region, insurance, month, class, table, ledger).map(|(f, _, _)| f)
}

/// Assesses `declared` for `insurance` in `month` (its first day) in `region`; `class` is the
/// unit's work-injury industry class (required for work injury).
///
/// ```
/// use app::domain::ledger::{assess, LedgerPolicy};
/// use app::domain::policy::{Insurance, PolicyTable};
/// use app::domain::{Date, Fen};
/// let json = include_str!("../../../../server/data/policy.json");
/// let (table, ledger) = (PolicyTable::from_json(json).unwrap(), LedgerPolicy::from_json(json).unwrap());
/// let a = assess(Fen(600_000), 320102, Insurance::Pension, Date::new(2026, 1, 1).unwrap(), None, &table, &ledger).unwrap();
/// assert_eq!((a.figures.employer, a.figures.individual), (Fen(96_000), Fen(48_000)));
/// ```
pub fn assess(
    declared: Fen,
    region: u32,
    insurance: Insurance,
    month: Date,
    class: Option<IndustryClass>,
    table: &PolicyTable,
    ledger: &LedgerPolicy,
) -> Result<Assessment, Issue> {
    let (figures, limit, rate) = figures_from(declared, region, insurance, month, class, table, ledger)?;
    let Figures { base, clamp, employer_rate, individual_rate, employer, individual } = figures;
    let mut working = vec![line(
        format!("申报缴费基数 {} 元", declared.yuan()),
        format!("Declared base {} yuan", declared.yuan()),
        Some(declared),
    )];
    working.push(match clamp {
        Some(Clamp::Floor(f)) => line(
            format!("低于下限，按下限 {} 元核定（{}）", f.yuan(), limit.source),
            format!("Below the floor: assessed on the floor, {} yuan ({})", f.yuan(), limit.source),
            Some(base),
        ),
        Some(Clamp::Ceiling(c)) => line(
            format!("高于上限，按上限 {} 元核定（{}）", c.yuan(), limit.source),
            format!("Above the ceiling: assessed on the ceiling, {} yuan ({})", c.yuan(), limit.source),
            Some(base),
        ),
        None => line(
            format!("在 {}–{} 元之间，按申报基数核定", limit.min.yuan(), limit.max.yuan()),
            format!("Within {}–{} yuan: assessed as declared", limit.min.yuan(), limit.max.yuan()),
            Some(base),
        ),
    });
    working.push(line(
        format!("单位缴费 {} × {} = {} 元（四舍五入到分）", base.yuan(), employer_rate.percent(), employer.yuan()),
        format!("Employer {} × {} = {} yuan (rounded half up to the fen)", base.yuan(), employer_rate.percent(), employer.yuan()),
        Some(employer),
    ));
    working.push(line(
        format!("个人缴费 {} × {} = {} 元", base.yuan(), individual_rate.percent(), individual.yuan()),
        format!("Individual {} × {} = {} yuan", base.yuan(), individual_rate.percent(), individual.yuan()),
        Some(individual),
    ));
    working.push(line(format!("费率依据：{}", rate.source), format!("Rates: {}", rate.source), None));
    Ok(Assessment { insurance, month, declared, figures, working })
}
