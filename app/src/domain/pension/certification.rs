//! 养老待遇资格认证: a pensioner certifies once a year that they are alive and entitled. The
//! approval of the claim counts as the first certification. From each certification the next
//! is due [`CertificationPolicy::every_months`] later; the person is reminded
//! `remind_days` before; past the due date plus `grace_days` the payments stop (暂停发放) from
//! the next month, and a certification later pays the months skipped (补发) — the payment run
//! simply pays every month up to the last one a certification covers ([`covered_through`]).

use serde::{Deserialize, Serialize};

use crate::domain::ledger::Month;
use crate::domain::Date;

/// The certification's figures, dated policy data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificationPolicy {
    pub every_months: u8,
    pub remind_days: u16,
    pub grace_days: u16,
    pub confirmed: bool,
    pub source: String,
}

/// Where a pensioner's certification stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// 已认证至 `until`.
    Certified { until: Date },
    /// 待认证: due on `until`, within the reminder's days (or past it, within the grace).
    Due { until: Date },
    /// 已暂停: no month after `through` is paid until the person certifies.
    Suspended { through: Month },
}

/// `months` months after `d`, on the same day or the month's last.
pub fn add_months(d: Date, months: u8) -> Date {
    let index = i32::from(d.year) * 12 + i32::from(d.month) - 1 + i32::from(months);
    let (year, month) = (u16::try_from(index / 12).unwrap_or(d.year), u8::try_from(index % 12 + 1).unwrap_or(1));
    let day = d.day.min(crate::domain::date::days_in_month(year, month));
    Date::new(year, month, day).unwrap_or(d)
}

/// The date the next certification is due after one on `last`.
///
/// ```
/// use app::domain::pension::certification::*;
/// use app::domain::Date;
/// let p = CertificationPolicy { every_months: 12, remind_days: 30, grace_days: 30, confirmed: false, source: String::new() };
/// assert_eq!(due(Date::new(2024, 2, 29).unwrap(), &p), Date::new(2025, 2, 28).unwrap());
/// ```
pub fn due(last: Date, p: &CertificationPolicy) -> Date {
    add_months(last, p.every_months)
}

fn plus_days(d: Date, days: u16) -> Date {
    Date::from_days_since_epoch(d.days_since_epoch() + i64::from(days))
}

/// The last month paid on a certification of `last`: the month the grace after the due date
/// ends in.
pub fn covered_through(last: Date, p: &CertificationPolicy) -> Month {
    Month::of(plus_days(due(last, p), p.grace_days))
}

/// Where a certification of `last` stands on `today`.
pub fn standing(last: Date, today: Date, p: &CertificationPolicy) -> Standing {
    let until = due(last, p);
    if today > plus_days(until, p.grace_days) {
        Standing::Suspended { through: covered_through(last, p) }
    } else if plus_days(today, p.remind_days) >= until {
        Standing::Due { until }
    } else {
        Standing::Certified { until }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> CertificationPolicy {
        crate::domain::pension::PensionPolicy::from_json(include_str!("../../../../server/data/policy.json")).unwrap().certification
    }

    fn d(y: u16, m: u8, day: u8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn a_year_then_a_reminder_then_the_grace_then_suspension() {
        let last = d(2026, 12, 4);
        assert_eq!(due(last, &p()), d(2027, 12, 4));
        assert_eq!(standing(last, d(2027, 11, 3), &p()), Standing::Certified { until: d(2027, 12, 4) });
        assert_eq!(standing(last, d(2027, 11, 4), &p()), Standing::Due { until: d(2027, 12, 4) }, "30 days before");
        assert_eq!(standing(last, d(2028, 1, 3), &p()), Standing::Due { until: d(2027, 12, 4) }, "the grace's last day");
        // Past the grace (2028-01-03): paid through January, suspended from February.
        assert_eq!(standing(last, d(2028, 1, 4), &p()), Standing::Suspended { through: Month { year: 2028, month: 1 } });
        assert_eq!(covered_through(last, &p()), Month { year: 2028, month: 1 });
    }

    #[test]
    fn months_are_added_to_the_months_last_day_at_most() {
        assert_eq!(add_months(d(2025, 1, 31), 1), d(2025, 2, 28));
        assert_eq!(add_months(d(2025, 12, 15), 12), d(2026, 12, 15));
        assert_eq!(add_months(d(2025, 11, 30), 3), d(2026, 2, 28));
    }
}
