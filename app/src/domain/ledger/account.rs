//! The personal pension account (个人账户) at any month: the credits (each month's individual
//! pension contributions, once paid) plus each closed year's interest at that year's 记账利率
//! ([`year_end`]). A year whose rate is not published yet earns nothing until it is, and the
//! working says so.

use serde::{Deserialize, Serialize};

use super::{line, year_end, LedgerPolicy, Month, Working};
use crate::domain::Fen;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Balance {
    /// The balance at the end of `as_of`.
    pub as_of: Month,
    pub balance: Fen,
    /// Σ of the credits (without interest).
    pub credited: Fen,
    pub working: Working,
}

/// The balance at the end of `as_of`, from `credits` (`(month, amount)`, any order; a month may
/// appear more than once). Interest is added at the end of each year before `as_of`'s year.
///
/// ```
/// use app::domain::ledger::{account::balance, LedgerPolicy, Month};
/// use app::domain::Fen;
/// let ledger = LedgerPolicy::from_json(include_str!("../../../../server/data/policy.json")).unwrap();
/// let m = |s| Month::parse(s).unwrap();
/// // 400 元 a month through 2024 (4,800 元), then January 2025.
/// let credits: Vec<_> = m("2024-01").through(m("2025-01")).map(|month| (month, Fen(40_000))).collect();
/// let b = balance(&credits, m("2025-01"), &ledger);
/// // 2024 at 2.62 %: 4,800 × (1 + 0.0262 × 1.083 ÷ 2) = 4,868.10; then 400 more.
/// assert_eq!(b.balance, Fen(526_810));
/// ```
pub fn balance(credits: &[(Month, Fen)], as_of: Month, ledger: &LedgerPolicy) -> Balance {
    let mut working: Working = Vec::new();
    let first_year = credits.iter().map(|(m, _)| m.year).min().unwrap_or(as_of.year);
    let mut running = Fen(0);
    let credited = Fen(credits.iter().filter(|(m, _)| *m <= as_of).map(|(_, a)| a.0).sum());
    for year in first_year..as_of.year {
        let of_year = Fen(credits.iter().filter(|(m, _)| m.year == year).map(|(_, a)| a.0).sum());
        match ledger.interest(year) {
            Some(rate) => {
                let y = year_end(running, of_year, rate.rate, &rate.source);
                working.push(line(
                    format!("{year} 年：年初 {} 元，记入 {} 元，记账利率 {}，年末 {} 元", running.yuan(), of_year.yuan(), rate.rate.percent(), y.end.yuan()),
                    format!("{year}: {} yuan at the start, {} credited, rate {}, {} at the end", running.yuan(), of_year.yuan(), rate.rate.percent(), y.end.yuan()),
                    Some(y.end),
                ));
                running = y.end;
            }
            None => {
                running = Fen(running.0 + of_year.0);
                working.push(line(
                    format!("{year} 年：记入 {} 元；记账利率尚未公布，暂不计息", of_year.yuan()),
                    format!("{year}: {} credited; the year's rate is not published yet, no interest so far", of_year.yuan()),
                    Some(running),
                ));
            }
        }
    }
    let this_year = Fen(credits.iter().filter(|(m, _)| m.year == as_of.year && *m <= as_of).map(|(_, a)| a.0).sum());
    running = Fen(running.0 + this_year.0);
    working.push(line(
        format!("{} 年截至 {as_of}：记入 {} 元（本年利息于年末计入），余额 {} 元", as_of.year, this_year.yuan(), running.yuan()),
        format!("{} up to {as_of}: {} credited (this year's interest is added at its end); balance {} yuan", as_of.year, this_year.yuan(), running.yuan()),
        Some(running),
    ));
    Balance { as_of, balance: running, credited, working }
}
