//! A calendar month (`YYYY-MM`): what the ledger counts in — relationships start and end in
//! months, assessments and payments are per month.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::domain::Date;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: u16,
    /// 1–12.
    pub month: u8,
}

impl Month {
    pub fn new(year: u16, month: u8) -> Option<Month> {
        ((1..=12).contains(&month) && (1900..=2999).contains(&year)).then_some(Month { year, month })
    }

    /// `YYYY-MM`, exactly.
    ///
    /// ```
    /// use app::domain::ledger::Month;
    /// assert_eq!(Month::parse("2026-01").unwrap().next().to_string(), "2026-02");
    /// assert_eq!(Month::parse("2026-12").unwrap().next().to_string(), "2027-01");
    /// assert!(Month::parse("2026-13").is_none() && Month::parse("2026-1").is_none());
    /// ```
    pub fn parse(s: &str) -> Option<Month> {
        let b = s.as_bytes();
        if b.len() != 7 || b[4] != b'-' || !s[..4].bytes().chain(s[5..].bytes()).all(|c| c.is_ascii_digit()) {
            return None;
        }
        Month::new(s[..4].parse().ok()?, s[5..].parse().ok()?)
    }

    pub fn of(d: Date) -> Month {
        Month { year: d.year, month: d.month }
    }

    pub fn first_day(self) -> Date {
        Date::new(self.year, self.month, 1).expect("a month's first day exists")
    }

    pub fn next(self) -> Month {
        if self.month == 12 { Month { year: self.year + 1, month: 1 } } else { Month { year: self.year, month: self.month + 1 } }
    }

    /// Months since year 0: differences count months.
    pub fn index(self) -> i32 {
        i32::from(self.year) * 12 + i32::from(self.month) - 1
    }

    /// The month with this [`Month::index`].
    pub fn from_index(index: i32) -> Option<Month> {
        Month::new(u16::try_from(index.div_euclid(12)).ok()?, u8::try_from(index.rem_euclid(12) + 1).ok()?)
    }

    /// `self` to `last`, both included (empty if `last` is earlier).
    pub fn through(self, last: Month) -> impl Iterator<Item = Month> {
        std::iter::successors(Some(self), |m| Some(m.next())).take_while(move |m| *m <= last)
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl Serialize for Month {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Month {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Month, D::Error> {
        let s = String::deserialize(d)?;
        Month::parse(&s).ok_or_else(|| serde::de::Error::custom("a month is YYYY-MM"))
    }
}
