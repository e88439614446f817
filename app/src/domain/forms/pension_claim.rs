//! 养老金申请 at the counter: an operator files a person's pension claim — the month of
//! retirement, the original retirement age of a woman's post, and what the person's archive
//! shows before the ledger (历史缴费 and 视同缴费: months, their average index, and the archive's
//! reference). The server computes the pension from it and the ledger; a supervisor, never the
//! operator who filed it, approves it (four eyes) and the monthly payments start.

use serde::{Deserialize, Serialize};

use crate::domain::ledger::Month;
use crate::domain::pension::Category;
use crate::domain::{FieldErrors, Issue, Valid, REQUIRED};

pub mod field {
    pub const CATEGORY: &str = "category";
    pub const RETIRE_IN: &str = "retire_in";
    pub const ARCHIVE_MONTHS: &str = "archive_months";
    pub const ARCHIVE_INDEX: &str = "archive_index";
    pub const ARCHIVE_REF: &str = "archive_ref";
    pub const AGREEMENT_REF: &str = "agreement_ref";
}

/// The most months an archive can add (50 years).
pub const MAX_ARCHIVE_MONTHS: u16 = 600;
/// An index's bounds, in ten-thousandths: bases are held between 60 % and 300 % of the average.
pub const INDEX_RANGE: std::ops::RangeInclusive<u32> = 6_000..=30_000;
/// The longest archive reference, in characters.
pub const MAX_REF: usize = 100;

/// The form as typed (the request body of `OFFICE_PERSON_CLAIMS`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PensionClaimDraft {
    /// `male` | `female_50` | `female_55`; blank: by the ID number (a woman: `female_50`).
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub retire_in: String,
    #[serde(default)]
    pub archive_months: String,
    #[serde(default)]
    pub archive_index: String,
    #[serde(default)]
    pub archive_ref: String,
    /// The written agreement to retire after the statutory month (弹性延迟退休); needed then
    /// only (the server knows the statutory month).
    #[serde(default)]
    pub agreement_ref: String,
}

/// A checked claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PensionClaim {
    pub category: Option<Category>,
    pub retire_in: Month,
    pub archive_months: u16,
    /// Ten-thousandths; 0 when no archive month.
    pub archive_index: u32,
    pub archive_ref: String,
    pub agreement_ref: String,
}

/// `0.8`, `1.2345` → ten-thousandths; more than four places, or anything else, is `None`.
pub fn parse_index(input: &str) -> Option<u32> {
    let s = crate::domain::text::to_half_width(input);
    let s = s.trim();
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    if whole.is_empty() || frac.len() > 4 || !whole.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole = whole.parse::<u32>().ok()?;
    let frac = format!("{frac:0<4}").parse::<u32>().ok()?;
    whole.checked_mul(10_000)?.checked_add(frac)
}

/// Validates the claim as typed.
///
/// ```
/// use app::domain::forms::pension_claim::*;
/// let d = PensionClaimDraft { retire_in: "2026-05".into(), archive_months: "180".into(), archive_index: "0.85".into(), archive_ref: "档案 A-17".into(), ..Default::default() };
/// let v = validate(&d).unwrap().value;
/// assert_eq!((v.retire_in.to_string(), v.archive_months, v.archive_index), ("2026-05".to_string(), 180, 8_500));
/// let e = validate(&PensionClaimDraft { archive_index: "0.5".into(), ..d }).unwrap_err();
/// assert_eq!(e.error_of(field::ARCHIVE_INDEX).unwrap().code, "claim.index");
/// ```
pub fn validate(d: &PensionClaimDraft) -> Result<Valid<PensionClaim>, FieldErrors> {
    let mut e = FieldErrors::default();
    let category = match d.category.trim() {
        "" => Some(None),
        code => Category::parse(code).map(Some),
    };
    if category.is_none() {
        e.error(field::CATEGORY, Issue::new("pension.category", "请选择原退休年龄类别", "Choose the original retirement age"));
    }
    let retire_in = Month::parse(&crate::domain::text::to_half_width(&d.retire_in));
    if retire_in.is_none() {
        e.error(field::RETIRE_IN, if d.retire_in.trim().is_empty() { REQUIRED } else { Issue::new("month.invalid", "月份应为 YYYY-MM", "A month is YYYY-MM") });
    }
    let months_text = crate::domain::text::to_half_width(&d.archive_months);
    let archive_months = match months_text.trim() {
        "" => Some(0),
        t => t.parse::<u16>().ok().filter(|m| *m <= MAX_ARCHIVE_MONTHS),
    };
    if archive_months.is_none() {
        e.error(
            field::ARCHIVE_MONTHS,
            Issue::formatted("claim.months", format!("月数应为 0 至 {MAX_ARCHIVE_MONTHS} 的整数"), format!("Months are a whole number from 0 to {MAX_ARCHIVE_MONTHS}")),
        );
    }
    let with_archive = archive_months.is_some_and(|m| m > 0);
    let archive_index = if with_archive {
        let index = parse_index(&d.archive_index).filter(|i| INDEX_RANGE.contains(i));
        if index.is_none() {
            e.error(field::ARCHIVE_INDEX, Issue::new("claim.index", "平均指数应在 0.6 至 3 之间，最多四位小数", "The average index is from 0.6 to 3, at most four places"));
        }
        index
    } else {
        Some(0)
    };
    let archive_ref = d.archive_ref.trim();
    if with_archive && (archive_ref.is_empty() || archive_ref.chars().count() > MAX_REF) {
        e.error(
            field::ARCHIVE_REF,
            Issue::formatted("claim.archive_ref", format!("请填写档案编号或依据（不超过 {MAX_REF} 字）"), format!("Give the archive's reference (at most {MAX_REF} characters)")),
        );
    }
    let agreement_ref = d.agreement_ref.trim();
    if agreement_ref.chars().count() > MAX_REF {
        e.error(
            field::AGREEMENT_REF,
            Issue::formatted("claim.agreement_ref", format!("协议编号不超过 {MAX_REF} 字"), format!("The agreement's reference is at most {MAX_REF} characters")),
        );
    }
    e.finish(|| {
        Some(PensionClaim {
            category: category?,
            retire_in: retire_in?,
            archive_months: archive_months?,
            archive_index: archive_index?,
            archive_ref: archive_ref.to_owned(),
            agreement_ref: agreement_ref.to_owned(),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_index_is_four_places_at_most() {
        assert_eq!(parse_index("1"), Some(10_000));
        assert_eq!(parse_index("０.６"), Some(6_000));
        assert_eq!(parse_index("2.9999"), Some(29_999));
        for bad in ["", ".5", "1.23456", "1,2", "-1", "1.2.3", "a"] {
            assert_eq!(parse_index(bad), None, "{bad}");
        }
    }

    #[test]
    fn every_field_has_its_issue_and_no_archive_needs_no_index() {
        let e = validate(&PensionClaimDraft { category: "x".into(), retire_in: "2026-13".into(), archive_months: "601".into(), ..Default::default() }).unwrap_err();
        assert_eq!(e.error_of(field::CATEGORY).unwrap().code, "pension.category");
        assert_eq!(e.error_of(field::RETIRE_IN).unwrap().code, "month.invalid");
        assert_eq!(e.error_of(field::ARCHIVE_MONTHS).unwrap().code, "claim.months");
        let e = validate(&PensionClaimDraft { retire_in: "2026-05".into(), archive_months: "12".into(), ..Default::default() }).unwrap_err();
        assert_eq!(e.error_of(field::ARCHIVE_INDEX).unwrap().code, "claim.index");
        assert_eq!(e.error_of(field::ARCHIVE_REF).unwrap().code, "claim.archive_ref");
        let v = validate(&PensionClaimDraft { retire_in: "2026-05".into(), category: "female_55".into(), ..Default::default() }).unwrap().value;
        assert_eq!((v.category, v.archive_months, v.archive_index), (Some(Category::Female55), 0, 0));
    }
}
