//! 个人账户记账: at each year's end the personal pension account earns that year's 记账利率 —
//! the balance at the start of the year for the whole year, the year's credits (paid month by
//! month) for part of it. The formula (劳办发〔1997〕116号; **unconfirmed**, see
//! DOMAIN-LEDGER.md): `end = start × (1 + r) + credits × (1 + r × 1.083 / 2)`, in exact integer
//! arithmetic, rounded half up to the fen once.

use serde::{Deserialize, Serialize};

use super::{div_half_up, line, Working};
use crate::domain::{BasisPoints, Fen};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearEnd {
    pub start: Fen,
    pub credits: Fen,
    pub rate: BasisPoints,
    pub end: Fen,
    pub working: Working,
}

/// The balance at the end of a year that started at `start`, credited `credits`, at `rate`.
///
/// ```
/// use app::domain::ledger::year_end;
/// use app::domain::{BasisPoints, Fen};
/// // 2024 (2.62 %): 10,000 元 at the start, 4,800 元 credited during the year.
/// assert_eq!(year_end(Fen(1_000_000), Fen(480_000), BasisPoints(262), "").end, Fen(1_513_010));
/// ```
pub fn year_end(start: Fen, credits: Fen, rate: BasisPoints, source: &str) -> YearEnd {
    let r = i128::from(rate.0);
    // Over a common denominator of 20,000,000: start × (10,000 + r) × 2,000 for the whole year,
    // credits × (20,000,000 + r × 1,083) for the part-year (r × 1.083 / 2, r in basis points).
    let numerator = i128::from(start.0) * (10_000 + r) * 2_000 + i128::from(credits.0) * (20_000_000 + r * 1_083);
    let end = Fen(div_half_up(numerator, 20_000_000));
    let working = vec![
        line(format!("年初余额 {} 元", start.yuan()), format!("Balance at the start {} yuan", start.yuan()), Some(start)),
        line(format!("本年记入 {} 元", credits.yuan()), format!("Credited this year {} yuan", credits.yuan()), Some(credits)),
        line(
            format!("{} × (1 + {}) + {} × (1 + {} × 1.083 ÷ 2) = {} 元（记账利率 {}）", start.yuan(), rate.percent(), credits.yuan(), rate.percent(), end.yuan(), source),
            format!("{} × (1 + {}) + {} × (1 + {} × 1.083 ÷ 2) = {} yuan (rate {})", start.yuan(), rate.percent(), credits.yuan(), rate.percent(), end.yuan(), source),
            Some(end),
        ),
    ];
    YearEnd { start, credits, rate, end, working }
}
