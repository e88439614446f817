//! The basic pension's rules (企业职工基本养老保险), as pure functions of dated policy data:
//!
//! - the statutory retirement age under the 2025 gradual reform, by birth month and category
//!   ([`statutory_age`], [`retirement_month`]), the flexible window around it ([`window`]), and
//!   the minimum contribution months by the year the age is reached ([`minimum_months`]);
//! - the monthly amount (国发〔2005〕38号): 基础养老金 = (C + C × Z) / 2 × N × 1 %
//!   ([`basic_pension`]) and 个人账户养老金 = the account's balance ÷ 计发月数
//!   ([`account_pension`], [`annuity_tenths`]).
//!
//! Every amount is exact fen, rounded once, half up, at the end; every result carries its working.

pub mod certification;
pub mod claim;
pub mod policy;

use std::fmt;

pub use policy::{Category, PensionPolicy, Steps};

use super::ledger::{Line, Month, Working};
use super::{Fen, Issue};

/// An age in whole months.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Age(pub u16);

impl Age {
    pub fn years(self) -> u16 {
        self.0 / 12
    }

    pub fn months(self) -> u16 {
        self.0 % 12
    }

    /// `60岁8个月` / `60 years 8 months`.
    pub fn zh(self) -> String {
        if self.months() == 0 { format!("{}周岁", self.years()) } else { format!("{}岁{}个月", self.years(), self.months()) }
    }
}

impl fmt::Display for Age {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.months() {
            0 => write!(f, "{} years", self.years()),
            m => write!(f, "{} years {m} months", self.years()),
        }
    }
}

/// The months the reform adds for someone born in `birth` (办法 第一条, annexes 1–3):
/// `⌊m / step⌋ + 1` where `m` counts months from the first delayed cohort, capped; none before it.
///
/// ```
/// use app::domain::pension::{delay_months, Category, PensionPolicy};
/// use app::domain::ledger::Month;
/// let p = PensionPolicy::from_json(include_str!("../../../../server/data/policy.json")).unwrap();
/// let m = |s| Month::parse(s).unwrap();
/// assert_eq!(delay_months(m("1964-12"), Category::Male, &p), 0);
/// assert_eq!(delay_months(m("1965-01"), Category::Male, &p), 1);
/// assert_eq!(delay_months(m("1965-05"), Category::Male, &p), 2);
/// ```
pub fn delay_months(birth: Month, c: Category, p: &PensionPolicy) -> u16 {
    p.steps(c).delay_months(birth)
}

/// The statutory retirement age of someone born in `birth`.
pub fn statutory_age(birth: Month, c: Category, p: &PensionPolicy) -> Age {
    p.steps(c).age(birth)
}

impl Steps {
    /// The months added for someone born in `birth` (see [`delay_months`]).
    pub fn delay_months(&self, birth: Month) -> u16 {
        let m = birth.index() - self.first_cohort.index();
        if m < 0 {
            return 0;
        }
        let delay = m / i32::from(self.step_months) + 1;
        u16::try_from(delay).unwrap_or(u16::MAX).min(self.max_delay_months)
    }

    /// The statutory retirement age of someone born in `birth` in this category.
    pub fn age(&self, birth: Month) -> Age {
        Age(self.original_age * 12 + self.delay_months(birth))
    }
}

/// The month in which someone born in `birth` reaches `age`.
pub fn month_at(birth: Month, age: Age) -> Month {
    Month::from_index(birth.index() + i32::from(age.0)).expect("a retirement month is within the calendar")
}

/// The month the statutory age is reached, with its working.
pub fn retirement_month(birth: Month, c: Category, p: &PensionPolicy) -> (Month, Working) {
    let s = p.steps(c);
    let delay = delay_months(birth, c, p);
    let age = statutory_age(birth, c, p);
    let month = month_at(birth, age);
    let working = vec![
        Line {
            zh: format!("{}，原法定退休年龄 {} 周岁；出生于 {birth}，自 {} 起每 {} 个月延迟 1 个月、最多 {} 个月：延迟 {delay} 个月", c.zh(), s.original_age, s.first_cohort, s.step_months, s.max_delay_months),
            en: format!("{}: originally {}; born {birth}, one month more every {} months of cohort from {}, at most {}: {delay} months later", c.code(), s.original_age, s.step_months, s.first_cohort, s.max_delay_months),
            amount: None,
        },
        Line { zh: format!("法定退休年龄 {}，达到的月份 {month}", age.zh()), en: format!("Statutory age {age}, reached in {month}"), amount: None },
    ];
    (month, working)
}

/// The minimum contribution, in months, for someone who reaches the statutory age in `year`.
///
/// ```
/// use app::domain::pension::{minimum_months, PensionPolicy};
/// let p = PensionPolicy::from_json(include_str!("../../../../server/data/policy.json")).unwrap();
/// assert_eq!([2029, 2030, 2031, 2039, 2045].map(|y| minimum_months(y, &p)), [180, 186, 192, 240, 240]);
/// ```
pub fn minimum_months(year: u16, p: &PensionPolicy) -> u16 {
    let m = &p.reform.minimum;
    if year < m.rising_from_year {
        return m.months;
    }
    (m.months + (year - m.rising_from_year + 1) * m.step_months).min(m.max_months)
}

/// When someone may retire: the earliest (flexible early retirement, never below the original
/// age), the statutory month, the latest (flexible late retirement).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub earliest: Month,
    pub statutory: Month,
    pub latest: Month,
}

pub fn window(birth: Month, c: Category, p: &PensionPolicy) -> Window {
    let age = statutory_age(birth, c, p);
    let original = Age(p.steps(c).original_age * 12);
    let f = &p.reform.flexible;
    Window {
        earliest: month_at(birth, Age(age.0.saturating_sub(f.early_months)).max(original)),
        statutory: month_at(birth, age),
        latest: month_at(birth, Age(age.0 + f.late_months)),
    }
}

/// Whether someone born in `birth` with `contributed` months may draw a pension from
/// `retire_in`: inside the window, and with the minimum months of the statutory year (an early
/// retirement needs them too). The working, or why not.
pub fn may_retire(birth: Month, c: Category, contributed: u16, retire_in: Month, p: &PensionPolicy) -> Result<Working, Issue> {
    let w = window(birth, c, p);
    let (_, mut working) = retirement_month(birth, c, p);
    if retire_in < w.earliest || retire_in > w.latest {
        return Err(Issue::formatted(
            "pension.outside_window",
            format!("可办理退休的月份为 {} 至 {}（法定 {}）", w.earliest, w.latest, w.statutory),
            format!("Retirement can start from {} to {} (statutory {})", w.earliest, w.latest, w.statutory),
        ));
    }
    let minimum = minimum_months(w.statutory.year, p);
    if contributed < minimum {
        return Err(Issue::formatted(
            "pension.too_few_months",
            format!("累计缴费 {contributed} 个月，不足最低缴费年限 {minimum} 个月：可延长缴费或一次性补缴"),
            format!("{contributed} months contributed, fewer than the minimum {minimum}: contribute longer or pay the difference at once"),
        ));
    }
    working.push(Line {
        zh: format!("{} 年达到法定退休年龄，最低缴费 {minimum} 个月；已缴 {contributed} 个月", w.statutory.year),
        en: format!("Statutory age reached in {}: minimum {minimum} months; {contributed} contributed", w.statutory.year),
        amount: None,
    });
    Ok(working)
}

/// The terms of a flexible retirement (办法 第三条) for someone whose statutory month is
/// `statutory`, retiring in `retire_in`: earlier is the worker's own choice; later needs the
/// unit and the worker to agree (人社部发〔2024〕94号), so the written agreement's reference
/// `agreement` is required then. The working line saying which, none at the statutory month.
///
/// ```
/// use app::domain::pension::flexible_terms;
/// use app::domain::ledger::Month;
/// let statutory = Month::new(2030, 6).unwrap();
/// assert!(flexible_terms(statutory, statutory, "").unwrap().is_none());
/// assert!(flexible_terms(statutory, Month::new(2029, 6).unwrap(), "").unwrap().unwrap().zh.contains("提前 12 个月"));
/// assert_eq!(flexible_terms(statutory, Month::new(2031, 6).unwrap(), " ").unwrap_err().code, "pension.delay_agreement");
/// assert!(flexible_terms(statutory, Month::new(2031, 6).unwrap(), "协议 2030-17").unwrap().unwrap().zh.contains("协议 2030-17"));
/// ```
pub fn flexible_terms(statutory: Month, retire_in: Month, agreement: &str) -> Result<Option<Line>, Issue> {
    let agreement = agreement.trim();
    let line = |zh: String, en: String| Some(Line { zh, en, amount: None });
    Ok(match retire_in.index() - statutory.index() {
        0 => None,
        early if early < 0 => line(
            format!("弹性提前退休：早于法定退休月份 {statutory} 提前 {} 个月（本人自愿选择）", -early),
            format!("Flexible early retirement: {} months before the statutory {statutory} (the worker's own choice)", -early),
        ),
        _ if agreement.is_empty() => {
            return Err(Issue::new(
                "pension.delay_agreement",
                "晚于法定退休月份领取，须单位与职工协商一致并书面约定：请填写协议编号",
                "Retiring after the statutory month needs the unit's and the worker's written agreement: give its reference",
            ))
        }
        late => line(
            format!("弹性延迟退休：晚于法定退休月份 {statutory} 延迟 {late} 个月，单位与职工协商一致（协议 {agreement}）"),
            format!("Flexible late retirement: {late} months after the statutory {statutory}, agreed by the unit and the worker (agreement {agreement})"),
        ),
    })
}

/// `numerator / denominator`, rounded half up (both positive).
fn div_half_up(numerator: i128, denominator: i128) -> i64 {
    ((numerator * 2 + denominator) / (denominator * 2)) as i64
}

/// 基础养老金 = (C + C × Z) / 2 × N × 1 %: `c` the province's 计发基数, `index` the person's
/// average 缴费工资指数 in ten-thousandths (0.8 is 8,000), `months` the contribution months
/// (N = months ÷ 12, 视同缴费 included).
///
/// ```
/// use app::domain::pension::basic_pension;
/// use app::domain::Fen;
/// assert_eq!(basic_pension(Fen(1_204_900), 8_000, 360).0, Fen(325_323)); // 3,253.23
/// assert_eq!(basic_pension(Fen(1_188_300), 10_000, 300).0, Fen(297_075)); // 2,970.75
/// ```
pub fn basic_pension(c: Fen, index: u32, months: u16) -> (Fen, Working) {
    // C × (1 + Z) / 2 × (months / 12) × 1 %, in one division.
    let amount = Fen(div_half_up(i128::from(c.0) * i128::from(10_000 + index) * i128::from(months), 2 * 10_000 * 12 * 100));
    let z = claim::index_text(index);
    let (years, rest) = (months / 12, months % 12);
    let (n_zh, n_en) = if rest == 0 { (format!("{years} 年"), format!("{years} years")) } else { (format!("{years} 年 {rest} 个月"), format!("{years} years {rest} months")) };
    let working = vec![Line {
        zh: format!("基础养老金 = (计发基数 {} + {} × 平均缴费指数 {z}) ÷ 2 × 缴费年限 {n_zh} × 1% = {} 元", c.yuan(), c.yuan(), amount.yuan()),
        en: format!("Basic pension = (base {} + {} × average index {z}) ÷ 2 × {n_en} × 1 % = {} yuan", c.yuan(), c.yuan(), amount.yuan()),
        amount: Some(amount),
    }];
    (amount, working)
}

/// 计发月数 at `age`, in tenths of a month: the table's at a whole year, interpolated by month
/// between two years (济南's rule: 60岁1个月 = 138.4); `None` outside the table.
///
/// ```
/// use app::domain::pension::{annuity_tenths, Age, PensionPolicy};
/// let p = PensionPolicy::from_json(include_str!("../../../../server/data/policy.json")).unwrap();
/// assert_eq!(annuity_tenths(Age(60 * 12), &p), Some(1390));
/// assert_eq!(annuity_tenths(Age(60 * 12 + 1), &p), Some(1384));
/// assert_eq!(annuity_tenths(Age(50 * 12 + 1), &p), Some(1946));
/// ```
pub fn annuity_tenths(age: Age, p: &PensionPolicy) -> Option<u32> {
    let t = &p.annuity_months.by_age;
    let at = |y: u16| t.iter().find(|(a, _)| *a == y).map(|(_, m)| u32::from(*m) * 10);
    let whole = at(age.years())?;
    if age.months() == 0 {
        return Some(whole);
    }
    let next = at(age.years() + 1)?;
    let drop = (whole - next) * u32::from(age.months());
    Some(whole - (drop + 6) / 12)
}

/// 个人账户养老金 = the balance ÷ 计发月数 (in tenths).
///
/// ```
/// use app::domain::pension::account_pension;
/// use app::domain::Fen;
/// assert_eq!(account_pension(Fen(13_900_000), 1390).0, Fen(100_000)); // 139,000 ÷ 139 = 1,000
/// ```
pub fn account_pension(balance: Fen, tenths: u32) -> (Fen, Working) {
    let amount = Fen(div_half_up(i128::from(balance.0) * 10, i128::from(tenths.max(1))));
    let months = format!("{}.{}", tenths / 10, tenths % 10);
    let working = vec![Line {
        zh: format!("个人账户养老金 = 账户储存额 {} ÷ 计发月数 {months} = {} 元", balance.yuan(), amount.yuan()),
        en: format!("Account pension = balance {} ÷ {months} months = {} yuan", balance.yuan(), amount.yuan()),
        amount: Some(amount),
    }];
    (amount, working)
}

#[cfg(test)]
mod tests;
