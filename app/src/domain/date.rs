//! Civil dates without a date library (the wasm stays small): validity, ordering, ages, and
//! "today" in China Standard Time from a Unix timestamp.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date (proleptic Gregorian). Serialised as `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

pub fn is_leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

pub fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A date, if it exists on the calendar.
    ///
    /// ```
    /// use app::domain::Date;
    /// assert!(Date::new(2024, 2, 29).is_some());
    /// assert!(Date::new(2023, 2, 29).is_none());
    /// ```
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        (year > 0 && (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    /// Parses `YYYYMMDD`.
    pub fn from_digits(s: &str) -> Option<Date> {
        if s.len() != 8 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Date::new(s[0..4].parse().ok()?, s[4..6].parse().ok()?, s[6..8].parse().ok()?)
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let mut parts = s.trim().split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    /// `YYYY-MM-DD`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// `YYYYMMDD`.
    pub fn digits(&self) -> String {
        format!("{:04}{:02}{:02}", self.year, self.month, self.day)
    }

    /// Whole years from `self` (a birth date) to `on`.
    ///
    /// ```
    /// use app::domain::Date;
    /// let born = Date::new(1990, 3, 7).unwrap();
    /// assert_eq!(born.age_on(Date::new(2026, 3, 6).unwrap()), 35);
    /// assert_eq!(born.age_on(Date::new(2026, 3, 7).unwrap()), 36);
    /// ```
    pub fn age_on(&self, on: Date) -> u16 {
        let had_birthday = (on.month, on.day) >= (self.month, self.day);
        on.year.saturating_sub(self.year).saturating_sub(u16::from(!had_birthday))
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(&self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01.
    pub fn from_days_since_epoch(days: i64) -> Date {
        civil_from_days(days)
    }

    /// Monday is 1, Sunday 7 (ISO 8601).
    ///
    /// ```
    /// use app::domain::Date;
    /// assert_eq!(Date::new(2026, 11, 23).unwrap().weekday(), 1);
    /// assert_eq!(Date::new(1970, 1, 1).unwrap().weekday(), 4);
    /// ```
    pub fn weekday(&self) -> u8 {
        ((self.days_since_epoch() + 3).rem_euclid(7) + 1) as u8
    }

    /// The date in China Standard Time (UTC+8, no daylight saving) at `unix_ms`.
    pub fn china_from_unix_ms(unix_ms: i64) -> Date {
        let days = (unix_ms + 8 * 3_600_000).div_euclid(86_400_000);
        civil_from_days(days)
    }
}

/// Howard Hinnant's `civil_from_days`: days since 1970-01-01 to a date (the inverse of
/// [`Date::days_since_epoch`]).
fn civil_from_days(z: i64) -> Date {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
    Date { year, month, day }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse_iso(&s).ok_or_else(|| serde::de::Error::custom(format!("not a YYYY-MM-DD date: {s}")))
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.iso())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn china_time_is_eight_hours_ahead() {
        // 2024-02-28T16:00:00Z is already the 29th in Beijing.
        assert_eq!(Date::china_from_unix_ms(1_709_136_000_000), Date::new(2024, 2, 29).unwrap());
        assert_eq!(Date::china_from_unix_ms(1_709_135_999_999), Date::new(2024, 2, 28).unwrap());
        assert_eq!(Date::china_from_unix_ms(0), Date::new(1970, 1, 1).unwrap());
    }

    #[test]
    fn century_rules() {
        assert!(Date::new(2000, 2, 29).is_some());
        assert!(Date::new(1900, 2, 29).is_none());
        assert!(Date::from_digits("19000229").is_none());
        assert_eq!(Date::parse_iso("2025-07-01"), Date::new(2025, 7, 1));
        assert_eq!(Date::parse_iso("2025-7-1"), None);
    }

    #[test]
    fn leap_day_birthdays_count_on_the_first_of_march() {
        let born = Date::new(2000, 2, 29).unwrap();
        assert_eq!(born.age_on(Date::new(2001, 2, 28).unwrap()), 0);
        assert_eq!(born.age_on(Date::new(2001, 3, 1).unwrap()), 1);
    }

    #[test]
    fn days_since_epoch_inverts_civil_from_days() {
        // Years 53 to 7445: the calendar the type holds (u16 years, none before 0).
        for days in (-700_000..2_000_000).step_by(997) {
            assert_eq!(civil_from_days(days).days_since_epoch(), days);
        }
        assert_eq!(Date::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
    }
}
