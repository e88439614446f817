//! The device's clock, in the domain's terms.

use crate::domain::Date;

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// Today in China Standard Time, as the rules count days.
pub fn today() -> Date {
    Date::china_from_unix_ms(now_ms())
}

/// `YYYY-MM-DD HH:MM` in China Standard Time.
pub fn format_ms(ms: i64) -> String {
    let date = Date::china_from_unix_ms(ms);
    let minutes = (ms + 8 * 3_600_000).rem_euclid(86_400_000) / 60_000;
    format!("{date} {:02}:{:02}", minutes / 60, minutes % 60)
}
