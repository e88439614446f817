//! 基数调整: an operator corrects one person's contribution base at one unit for one year (a
//! declaration typed wrong, a court or audit finding). It moves money — the months already
//! assessed get their difference as 补差 at the next run — so it waits for a supervisor, never
//! the account that submitted it (four eyes). The back office checks it as typed; the server
//! checks it again, and checks the base against the year's limits of the unit's region.

use serde::{Deserialize, Serialize};

use crate::domain::{Date, FieldErrors, Fen, Issue, Valid, REQUIRED};

pub mod field {
    pub const UNIT: &str = "unit";
    pub const YEAR: &str = "year";
    pub const MONTHLY_BASE: &str = "monthly_base";
    pub const REASON: &str = "reason";
}

/// The earliest year a base can be corrected for: the unified basic pension (国发〔1997〕26号)
/// set up the contribution bases and personal accounts this ledger keeps.
pub const FIRST_YEAR: u16 = 1998;

/// The longest reason, in characters.
pub const MAX_REASON: usize = 500;

/// The form as typed (the request body of `OFFICE_PERSON_ADJUST`): `unit` is the ledger id of
/// one of the person's units, picked from a list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BaseAdjustmentDraft {
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub year: String,
    #[serde(default)]
    pub monthly_base: String,
    #[serde(default)]
    pub reason: String,
}

/// A checked adjustment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseAdjustment {
    pub unit: i64,
    pub year: u16,
    pub monthly_base: Fen,
    pub reason: String,
}

/// Validates the adjustment as of `today` (the year cannot be a future one).
///
/// ```
/// use app::domain::forms::base_adjustment::*;
/// use app::domain::Date;
/// let today = Date::new(2026, 12, 3).unwrap();
/// let d = BaseAdjustmentDraft { unit: "7".into(), year: "2025".into(), monthly_base: "8,000.50".into(), reason: "申报时录错".into() };
/// let v = validate(&d, today).unwrap().value;
/// assert_eq!((v.unit, v.year, v.monthly_base.0), (7, 2025, 800_050));
/// let e = validate(&BaseAdjustmentDraft { year: "2027".into(), ..d }, today).unwrap_err();
/// assert_eq!(e.error_of(field::YEAR).unwrap().code, "adjust.year");
/// ```
pub fn validate(d: &BaseAdjustmentDraft, today: Date) -> Result<Valid<BaseAdjustment>, FieldErrors> {
    let mut e = FieldErrors::default();
    let unit = d.unit.trim().parse::<i64>().ok().filter(|u| *u > 0);
    if unit.is_none() {
        e.error(field::UNIT, Issue::new("adjust.unit", "请选择参保单位", "Choose the unit"));
    }
    let year = crate::domain::text::to_half_width(&d.year).trim().parse::<u16>().ok().filter(|y| (FIRST_YEAR..=today.year).contains(y));
    if year.is_none() {
        let issue = if d.year.trim().is_empty() {
            REQUIRED
        } else {
            Issue::formatted(
                "adjust.year",
                format!("年度应在 {FIRST_YEAR} 至 {} 之间", today.year),
                format!("The year is between {FIRST_YEAR} and {}", today.year),
            )
        };
        e.error(field::YEAR, issue);
    }
    let base = e.take(field::MONTHLY_BASE, Fen::parse_yuan(&d.monthly_base));
    let reason = d.reason.trim();
    if reason.is_empty() || reason.chars().count() > MAX_REASON {
        e.error(
            field::REASON,
            Issue::formatted("adjust.reason", format!("请写明调整原因（不超过 {MAX_REASON} 字）"), format!("Say why (at most {MAX_REASON} characters)")),
        );
    }
    e.finish(|| Some(BaseAdjustment { unit: unit?, year: year?, monthly_base: base?, reason: reason.to_owned() }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::new(2026, 12, 3).unwrap()
    }

    #[test]
    fn every_field_has_its_issue() {
        let e = validate(&BaseAdjustmentDraft { unit: "x".into(), year: "1997".into(), monthly_base: "-1".into(), reason: " ".into() }, today()).unwrap_err();
        assert_eq!(e.error_of(field::UNIT).unwrap().code, "adjust.unit");
        assert_eq!(e.error_of(field::YEAR).unwrap().code, "adjust.year");
        assert!(e.error_of(field::MONTHLY_BASE).is_some());
        assert_eq!(e.error_of(field::REASON).unwrap().code, "adjust.reason");
        let blank = validate(&BaseAdjustmentDraft::default(), today()).unwrap_err();
        assert_eq!(blank.error_of(field::YEAR), Some(&REQUIRED));
    }

    #[test]
    fn the_bounds_are_inclusive_and_the_reason_is_counted_in_characters() {
        let ok = |year: &str, reason: String| validate(&BaseAdjustmentDraft { unit: "1".into(), year: year.into(), monthly_base: "5000".into(), reason }, today());
        assert!(ok("1998", "错".into()).is_ok());
        assert!(ok("２０２６", "错".repeat(MAX_REASON)).is_ok());
        assert!(ok("2026", "错".repeat(MAX_REASON + 1)).is_err());
    }
}
