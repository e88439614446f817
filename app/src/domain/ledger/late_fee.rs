//! 滞纳金: a unit that does not pay on time owes, from the day the arrears begin, a late fee of
//! 0.05 % of the arrears per day (社会保险法 第86条), computed on demand to the day asked, rounded
//! half up to the fen once, at the end.

use serde::{Deserialize, Serialize};

use super::{div_half_up, line, LedgerPolicy, Working};
use crate::domain::{Date, Fen};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LateFee {
    pub arrears: Fen,
    /// Days from the first day in arrears up to, not including, `until`.
    pub days: i64,
    pub fee: Fen,
    pub working: Working,
}

/// The late fee on `arrears` owed since `since` (the first day in arrears), as of `until`.
///
/// ```
/// use app::domain::ledger::{late_fee, LedgerPolicy};
/// use app::domain::{Date, Fen};
/// let ledger = LedgerPolicy::from_json(include_str!("../../../../server/data/policy.json")).unwrap();
/// let f = late_fee(Fen(1_000_000), Date::new(2026, 3, 16).unwrap(), Date::new(2026, 4, 15).unwrap(), &ledger);
/// assert_eq!((f.days, f.fee), (30, Fen(15_000))); // 10,000 元 × 0.05 % × 30 days = 150 元
/// ```
pub fn late_fee(arrears: Fen, since: Date, until: Date, ledger: &LedgerPolicy) -> LateFee {
    let days = (until.days_since_epoch() - since.days_since_epoch()).max(0);
    let rate = ledger.late_fee.per_day;
    let fee = Fen(div_half_up(i128::from(arrears.0.max(0)) * i128::from(rate.0) * i128::from(days), 10_000));
    let working = vec![
        line(format!("欠费 {} 元，自 {} 起", arrears.yuan(), since.iso()), format!("Arrears {} yuan since {}", arrears.yuan(), since.iso()), Some(arrears)),
        line(
            format!("{} 元 × {} × {days} 天 = {} 元（{}）", arrears.yuan(), rate.percent(), fee.yuan(), ledger.late_fee.source),
            format!("{} yuan × {} × {days} days = {} yuan ({})", arrears.yuan(), rate.percent(), fee.yuan(), ledger.late_fee.source),
            Some(fee),
        ),
    ];
    LateFee { arrears, days, fee, working }
}
