//! 新生儿参保's first month of cover in 城乡居民基本医疗保险: a newborn enrolled within the
//! window after birth (commonly 90 days) is covered from the month of birth, so the birth
//! stay itself is paid; enrolled later, from the month after the enrolment is approved. The
//! window is dated policy data with its source; the working says which case applied.

use serde::{Deserialize, Serialize};

use crate::domain::ledger::{Line, Month, Working};
use crate::domain::Date;

/// The newborn window in force from a month on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewbornRule {
    /// `YYYY-MM`.
    pub from: String,
    /// Days after the birth within which cover starts at the birth.
    pub window_days: u16,
    pub confirmed: bool,
    pub source: String,
}

/// The rule in force on the birth's month, if any.
pub fn rule_for(rules: &[NewbornRule], born: Date) -> Option<&NewbornRule> {
    let month = Month::of(born).to_string();
    rules.iter().filter(|r| r.from <= month).max_by(|a, b| a.from.cmp(&b.from))
}

/// The first month covered for a child born on `born` whose enrolment is approved on `on`.
pub fn first_month(born: Date, on: Date, rule: &NewbornRule) -> (Month, Working) {
    let days = on.days_since_epoch() - born.days_since_epoch();
    let unconfirmed = if rule.confirmed { "" } else { "，标准待核实" };
    let (month, zh, en) = if days <= i64::from(rule.window_days) {
        let m = Month::of(born);
        (m, format!("出生后第 {days} 天参保，在 {} 天内：自出生当月 {m} 起享受医保待遇{unconfirmed}", rule.window_days), format!("Enrolled {days} days after birth, within {} days: covered from the month of birth, {m}", rule.window_days))
    } else {
        let m = Month::of(on).next();
        (m, format!("出生后第 {days} 天参保，超过 {} 天：自参保次月 {m} 起享受医保待遇{unconfirmed}", rule.window_days), format!("Enrolled {days} days after birth, past {} days: covered from the month after, {m}", rule.window_days))
    };
    (month, vec![Line { zh, en, amount: None }])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule() -> NewbornRule {
        NewbornRule { from: "2024-01".into(), window_days: 90, confirmed: false, source: "test".into() }
    }

    #[test]
    fn within_the_window_cover_starts_at_birth_and_after_it_the_month_after() {
        let born = Date::new(2026, 9, 5).unwrap();
        let on = |days: i64| Date::from_days_since_epoch(born.days_since_epoch() + days);
        assert_eq!(first_month(born, born, &rule()).0.to_string(), "2026-09");
        assert_eq!(first_month(born, on(90), &rule()).0.to_string(), "2026-09", "the 90th day is within");
        let (late, working) = first_month(born, on(91), &rule());
        assert_eq!(late.to_string(), Month::of(on(91)).next().to_string());
        assert!(working[0].zh.contains("超过 90 天") && working[0].zh.contains("标准待核实"), "{working:?}");
    }

    #[test]
    fn the_rule_is_the_one_in_force_at_birth() {
        let later = NewbornRule { from: "2027-01".into(), window_days: 180, ..rule() };
        let rules = [rule(), later];
        assert_eq!(rule_for(&rules, Date::new(2026, 12, 31).unwrap()).map(|r| r.window_days), Some(90));
        assert_eq!(rule_for(&rules, Date::new(2027, 1, 1).unwrap()).map(|r| r.window_days), Some(180));
        assert!(rule_for(&rules, Date::new(2023, 12, 31).unwrap()).is_none());
    }
}
