//! 失业保险金: the months a spell grants by cumulative contribution months (失业保险条例 第17条),
//! with the unused months of the last spell carried into it, capped (社会保险法 第46条).

use super::UnemploymentPolicy;
use crate::domain::ledger::{Line, Month, Working};
use crate::domain::{Date, Fen};

/// What a spell grants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    /// Whether the contributions open a new spell (at least the minimum).
    pub eligible: bool,
    /// The months the contributions alone grant.
    pub earned: u16,
    /// The months that may be drawn: earned and carried, capped.
    pub months: u16,
    pub working: Working,
}

/// The months granted for `contributed` months of contributions since the last spell, with
/// `carried` months left unused from it.
///
/// ```
/// use app::domain::benefits::{unemployment::months_granted, BenefitPolicy};
/// let p = BenefitPolicy::from_json(include_str!("../../../../server/data/policy.json")).unwrap();
/// let months = |n, carried| months_granted(n, carried, &p.unemployment).months;
/// assert_eq!([months(11, 0), months(12, 0), months(60, 0), months(120, 0)], [0, 12, 18, 24]);
/// assert_eq!(months(60, 10), 24, "18 + 10 capped at 24");
/// ```
pub fn months_granted(contributed: u16, carried: u16, p: &UnemploymentPolicy) -> Grant {
    let step = p.durations.iter().rev().find(|d| contributed >= d.from_months);
    let eligible = contributed >= p.minimum_months && step.is_some();
    let earned = if eligible { step.map_or(0, |d| d.months) } else { 0 };
    let months = (earned + carried).min(p.cap_months);
    let (years, rest) = (contributed / 12, contributed % 12);
    let mut working = vec![if eligible {
        Line {
            zh: format!("累计缴费 {contributed} 个月（{years} 年 {rest} 个月），满 {} 个月：最长领取 {earned} 个月", step.map_or(0, |d| d.from_months)),
            en: format!("{contributed} months contributed ({years} years {rest} months), at least {}: up to {earned} months", step.map_or(0, |d| d.from_months)),
            amount: None,
        }
    } else {
        Line {
            zh: format!("累计缴费 {contributed} 个月，不满 {} 个月：本次不产生新的领取期限", p.minimum_months),
            en: format!("{contributed} months contributed, fewer than {}: no new months", p.minimum_months),
            amount: None,
        }
    }];
    if carried > 0 {
        working.push(Line {
            zh: format!("加前次应领未领 {carried} 个月，合计 {} 个月，最长 {} 个月：{months} 个月", earned + carried, p.cap_months),
            en: format!("plus {carried} months unused from the last spell: {}, at most {}: {months} months", earned + carried, p.cap_months),
            amount: None,
        });
    }
    Grant { eligible, earned, months, working }
}

/// The spell a grant opens on `first` (the month of the 失业登记, 第50条): the last month it may
/// pay, and the grant's working followed by the amount's and the total's.
///
/// ```
/// use app::domain::benefits::{unemployment::{months_granted, spell}, BenefitPolicy};
/// use app::domain::ledger::Month;
/// let p = BenefitPolicy::from_json(include_str!("../../../../server/data/policy.json")).unwrap();
/// let grant = months_granted(60, 0, &p.unemployment);
/// let amount = p.unemployment.amount(320100, Month::new(2026, 12).unwrap()).unwrap();
/// let (last, working) = spell(&grant, amount, Month::new(2026, 12).unwrap());
/// assert_eq!(last, Month::new(2028, 5).unwrap(), "18 months from December 2026");
/// assert_eq!(working.last().unwrap().amount.unwrap().0, 18 * amount.monthly);
/// ```
pub fn spell(grant: &Grant, amount: &super::MonthlyAmount, first: Month) -> (Month, Working) {
    let last = Month::from_index(first.index() + i32::from(grant.months) - 1).unwrap_or(first);
    let monthly = Fen(amount.monthly);
    let total = Fen(amount.monthly * i64::from(grant.months));
    let mut working = grant.working.clone();
    working.push(Line {
        zh: format!("每月失业保险金 {} 元（自 {} 起执行{}）", monthly.yuan(), amount.from, if amount.confirmed { "" } else { "，标准待核实" }),
        en: format!("{} yuan a month (in force from {}{})", monthly.yuan(), amount.from, if amount.confirmed { "" } else { ", figure unconfirmed" }),
        amount: Some(monthly),
    });
    working.push(Line {
        zh: format!("{first} 至 {last}，{} 个月 × {} 元", grant.months, monthly.yuan()),
        en: format!("{first} to {last}: {} months × {} yuan", grant.months, monthly.yuan()),
        amount: Some(total),
    });
    (last, working)
}

/// The cross-check of the day the job ended: what the person registering says against what the
/// unit's 减员 said (`None`: the unit's separation predates the question). A difference never
/// refuses — the person may be right — but the operator sees it, in days.
///
/// ```
/// use app::domain::benefits::unemployment::left_on_check;
/// use app::domain::Date;
/// let d = |day| Date::new(2026, 11, day).unwrap();
/// assert!(left_on_check(d(30), Some(d(30))).zh.contains("一致"));
/// assert!(left_on_check(d(30), Some(d(20))).zh.contains("相差 10 天"));
/// assert!(left_on_check(d(20), Some(d(30))).en.contains("10 days"));
/// assert!(left_on_check(d(30), None).zh.contains("未申报"));
/// ```
pub fn left_on_check(said: Date, unit_said: Option<Date>) -> Line {
    let (zh, en) = match unit_said {
        None => (
            format!("单位减员未申报离职日期；本人申报 {}", said.iso()),
            format!("The unit's separation gave no day the job ended; the person says {}", said.iso()),
        ),
        Some(u) if u == said => (
            format!("离职日期与单位减员申报一致（{}）", said.iso()),
            format!("The day the job ended agrees with the unit's separation ({})", said.iso()),
        ),
        Some(u) => {
            let apart = (said.days_since_epoch() - u.days_since_epoch()).abs();
            (
                format!("离职日期与单位减员申报不一致：单位 {}，本人 {}，相差 {apart} 天，请核实", u.iso(), said.iso()),
                format!("The day the job ended differs from the unit's separation: unit {}, person {}, {apart} days apart; please verify", u.iso(), said.iso()),
            )
        }
    };
    Line { zh, en, amount: None }
}
