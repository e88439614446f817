//! 养老金申请: the monthly pension a claim starts, from the ledger and the archive.
//!
//! - C, the province's 计发基数 for the year the pension starts ([`base_for`]: that year's row,
//!   else the latest earlier one, else the earliest later one — the working says which);
//! - Z, the average 缴费工资指数: each year the ledger holds gives the year's bases ÷ (its months
//!   × that year's C), to four places; the months before the ledger (历史缴费 and 视同缴费, as
//!   the operator confirmed them from the person's archive) come with the index the archive
//!   gives; Z is their average weighted by months;
//! - N, every month counted, the ledger's before the retirement month and the archive's;
//! - 基础养老金 and 个人账户养老金 by [`super::basic_pension`] and [`super::account_pension`].

use super::policy::PensionBase;
use super::{account_pension, annuity_tenths, basic_pension, div_half_up, Age, PensionPolicy};
use crate::domain::ledger::{Line, Working};
use crate::domain::{Fen, Issue};

/// One year of the ledger's pension contributions before retirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearBases {
    pub year: u16,
    /// Months paid in the year.
    pub months: u16,
    /// The bases of those months, added up.
    pub total: Fen,
}

/// The contributions before the ledger, from the person's archive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Archive {
    pub months: u16,
    /// Their average index, in ten-thousandths (`10_000` = 1.0).
    pub index: u32,
}

/// The pension a claim starts, with its working.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figures {
    /// 计发基数 used.
    pub base: Fen,
    /// Z, in ten-thousandths.
    pub index: u32,
    /// N, in months.
    pub months: u16,
    pub basic: Fen,
    pub account: Fen,
    pub total: Fen,
    pub working: Working,
}

/// The 计发基数 of `province` for `year`: that year's, else the latest earlier, else the
/// earliest later; `None` when the policy data has none for the province.
///
/// ```
/// use app::domain::pension::{claim::base_for, PensionPolicy};
/// let p = PensionPolicy::from_json(include_str!("../../../../server/data/policy.json")).unwrap();
/// assert_eq!(base_for(&p, 110000, 2025).unwrap().amount.0, 1_204_900);
/// assert_eq!(base_for(&p, 110000, 2030).unwrap().year, 2025);
/// assert_eq!(base_for(&p, 110000, 2020).unwrap().year, 2024);
/// assert!(base_for(&p, 440000, 2025).is_none());
/// ```
pub fn base_for(p: &PensionPolicy, province: u32, year: u16) -> Option<&PensionBase> {
    let of = || p.bases.iter().filter(move |b| b.region == province);
    of().filter(|b| b.year <= year).max_by_key(|b| b.year).or_else(|| of().min_by_key(|b| b.year))
}

/// `1.2345` from ten-thousandths.
pub fn index_text(index: u32) -> String {
    format!("{}.{:04}", index / 10_000, index % 10_000)
}

fn base_line(b: &PensionBase, year: u16) -> Line {
    let (note_zh, note_en) = if b.confirmed { ("", "") } else { ("（待核实）", " (to be confirmed)") };
    let (used_zh, used_en) = if b.year == year { (String::new(), String::new()) } else { (format!("，{year} 年尚无，沿用 {} 年", b.year), format!("; none for {year}, {}'s used", b.year)) };
    Line {
        zh: format!("计发基数 C = {} 元（{} 年{used_zh}）{note_zh}", b.amount.yuan(), b.year),
        en: format!("Base C = {} yuan ({}{used_en}){note_en}", b.amount.yuan(), b.year),
        amount: Some(b.amount),
    }
}

/// The pension of someone aged `age` at retirement in `retire_year`, in `province`, with
/// `balance` in the personal account. Refused when the policy data has no 计发基数 for the
/// province, no month is counted, or the age is outside the 计发月数 table.
pub fn compute(years: &[YearBases], archive: Archive, balance: Fen, age: Age, retire_year: u16, province: u32, p: &PensionPolicy) -> Result<Figures, Issue> {
    let c = base_for(p, province, retire_year).ok_or_else(|| {
        Issue::formatted(
            "pension.no_base",
            format!("政策数据中没有本省（{province}）的计发基数，暂不能计发"),
            format!("The policy data holds no 计发基数 for province {province}: the pension cannot be computed yet"),
        )
    })?;
    let mut working = vec![base_line(c, retire_year)];
    let mut weighted = i128::from(archive.index) * i128::from(archive.months);
    let mut months = u32::from(archive.months);
    if archive.months > 0 {
        working.push(Line {
            zh: format!("档案核定的历史及视同缴费 {} 个月，平均指数 {}", archive.months, index_text(archive.index)),
            en: format!("{} months before the ledger (archive, incl. deemed), average index {}", archive.months, index_text(archive.index)),
            amount: None,
        });
    }
    for y in years.iter().filter(|y| y.months > 0) {
        let of_year = base_for(p, province, y.year).unwrap_or(c);
        let index = u32::try_from(div_half_up(i128::from(y.total.0) * 10_000, i128::from(y.months) * i128::from(of_year.amount.0))).unwrap_or(u32::MAX);
        weighted += i128::from(index) * i128::from(y.months);
        months += u32::from(y.months);
        working.push(Line {
            zh: format!("{} 年缴费指数 = 缴费基数合计 {} ÷ ({} 个月 × {} 年计发基数 {}) = {}", y.year, y.total.yuan(), y.months, of_year.year, of_year.amount.yuan(), index_text(index)),
            en: format!("{} index = bases {} ÷ ({} months × {}'s base {}) = {}", y.year, y.total.yuan(), y.months, of_year.year, of_year.amount.yuan(), index_text(index)),
            amount: None,
        });
    }
    if months == 0 {
        return Err(Issue::new("pension.no_months", "没有可计算的缴费月数", "No contribution month to count"));
    }
    let months = u16::try_from(months).map_err(|_| Issue::new("pension.no_months", "缴费月数超出范围", "Too many contribution months"))?;
    let index = u32::try_from(div_half_up(weighted, i128::from(months))).unwrap_or(u32::MAX);
    working.push(Line {
        zh: format!("平均缴费指数 Z = 各期指数按月数加权平均 = {}（共 {months} 个月）", index_text(index)),
        en: format!("Average index Z = the indices weighted by months = {} ({months} months)", index_text(index)),
        amount: None,
    });
    let tenths = annuity_tenths(age, p).ok_or_else(|| {
        Issue::formatted("pension.age_outside_table", format!("{} 不在计发月数表内", age.zh()), format!("{age} is outside the 计发月数 table"))
    })?;
    let (basic, lines) = basic_pension(c.amount, index, months);
    working.extend(lines);
    let (account, lines) = account_pension(balance, tenths);
    working.extend(lines);
    let total = Fen(basic.0 + account.0);
    working.push(Line {
        zh: format!("每月养老金 = 基础养老金 {} + 个人账户养老金 {} = {} 元，自退休次月起按月发放", basic.yuan(), account.yuan(), total.yuan()),
        en: format!("Monthly pension = basic {} + account {} = {} yuan, paid monthly from the month after retirement", basic.yuan(), account.yuan(), total.yuan()),
        amount: Some(total),
    });
    Ok(Figures { base: c.amount, index, months, basic, account, total, working })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> PensionPolicy {
        PensionPolicy::from_json(include_str!("../../../../server/data/policy.json")).unwrap()
    }

    #[test]
    fn the_archive_alone_reproduces_the_worked_examples() {
        // C = 12,049, Z = 0.8, N = 30 years → 3,253.23 (DOMAIN-LEDGER.md); no account.
        let f = compute(&[], Archive { months: 360, index: 8_000 }, Fen(0), Age(60 * 12), 2025, 110000, &p()).unwrap();
        assert_eq!((f.base, f.index, f.months, f.basic, f.account, f.total), (Fen(1_204_900), 8_000, 360, Fen(325_323), Fen(0), Fen(325_323)));
        // C = 11,883 (2024), Z = 1.0, N = 25 → 2,970.75; 139,000 in the account at 60 → 1,000.
        let f = compute(&[], Archive { months: 300, index: 10_000 }, Fen(13_900_000), Age(60 * 12), 2024, 110000, &p()).unwrap();
        assert_eq!((f.basic, f.account, f.total), (Fen(297_075), Fen(100_000), Fen(397_075)));
        assert!(f.working.last().unwrap().zh.contains("3,970.75"), "{:?}", f.working);
    }

    #[test]
    fn the_ledgers_years_are_indexed_by_their_base_and_weighted_by_months() {
        // 2025: 12 months at 12,049 (index 1.0); 2024: 6 months at 2 × 11,883 (index 2.0);
        // archive 162 months at 0.6: Z = (12 × 1 + 6 × 2 + 162 × 0.6) / 180 = 0.6733.
        let years = [YearBases { year: 2024, months: 6, total: Fen(6 * 2 * 1_188_300) }, YearBases { year: 2025, months: 12, total: Fen(12 * 1_204_900) }];
        let f = compute(&years, Archive { months: 162, index: 6_000 }, Fen(0), Age(60 * 12), 2026, 110000, &p()).unwrap();
        assert_eq!((f.index, f.months, f.base), (6_733, 180, Fen(1_204_900)));
        assert!(f.working.iter().any(|l| l.zh.contains("2024 年缴费指数") && l.zh.ends_with("= 2.0000")), "{:?}", f.working);
        assert!(f.working[0].zh.contains("2026 年尚无，沿用 2025 年"), "{:?}", f.working[0]);
        // (12,049 + 12,049 × 0.6733) / 2 × 15 × 1 % = 1,512.12 (1512.1194…)
        assert_eq!(f.basic, Fen(151_212));
    }

    #[test]
    fn what_cannot_be_computed_says_why() {
        let code = |r: Result<Figures, Issue>| r.unwrap_err().code;
        assert_eq!(code(compute(&[], Archive { months: 180, index: 10_000 }, Fen(0), Age(60 * 12), 2026, 440000, &p())), "pension.no_base");
        assert_eq!(code(compute(&[], Archive::default(), Fen(0), Age(60 * 12), 2026, 320000, &p())), "pension.no_months");
        assert_eq!(code(compute(&[], Archive { months: 180, index: 10_000 }, Fen(0), Age(75 * 12), 2026, 320000, &p())), "pension.age_outside_table");
        // An unconfirmed base says so.
        let f = compute(&[], Archive { months: 180, index: 10_000 }, Fen(0), Age(60 * 12), 2026, 320000, &p()).unwrap();
        assert!(f.working[0].zh.contains("待核实"), "{:?}", f.working[0]);
    }
}
