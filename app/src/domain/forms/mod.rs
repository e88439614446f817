//! Form-level validation: each form has a draft (what the person typed, as strings, saved as
//! typed) and a `validate(&draft, &context)` that returns the typed value or every problem,
//! field by field. The app runs it on each keystroke; the server runs it again on what arrives.

pub mod addresses;
pub mod base_adjustment;
pub mod base_declaration;
pub mod employer;
pub mod enrolment;
pub mod injury_report;
pub mod medical_claim;
pub mod newborn;
pub mod mobile_change;
pub mod notice;
pub mod password_change;
pub mod password_reset;
pub mod person_change;
pub mod person_details;
pub mod pension_certification;
pub mod pension_claim;
pub mod recovery;
pub mod personal;
pub mod separation;
pub mod unemployment;
pub mod unit_change;
pub mod unit_details;

use super::{policy::PolicyTable, text, Date, FieldErrors, Issue, REQUIRED};

/// The issue when a 信息变更 form (a person's or a unit's) has nothing filled in.
pub const NOTHING_CHANGED: Issue = Issue::new("details.nothing_changed", "请至少填写一项要变更的信息", "Fill in at least one detail to change");

/// What validation depends on besides the draft.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// Today in China (bounds birth dates and periods).
    pub today: Date,
    /// The policy figures, when the device has them; without them, limit checks become a
    /// warning that the agency will check.
    pub policy: Option<&'a PolicyTable>,
}

/// Free text from `min` to `max` characters, without markup.
fn words(e: &mut FieldErrors, name: &str, input: &str, min: usize, max: usize) -> Option<String> {
    let s = text::squeeze(input);
    let n = s.chars().count();
    if n == 0 {
        e.error(name, REQUIRED);
        None
    } else if n < min || n > max || text::has_markup_or_control(&s) {
        e.error(
            name,
            Issue::formatted("text.length", format!("请用 {min} 至 {max} 个字填写，不含 < > & 等符号"), format!("Use {min} to {max} characters, without < > & and the like")),
        );
        None
    } else {
        Some(s)
    }
}

/// The month a form names, as `YYYY-MM`.
pub fn parse_month(input: &str) -> Option<Date> {
    let s = text::to_half_width(input);
    let (y, m) = s.trim().split_once('-')?;
    if y.len() != 4 || m.len() != 2 {
        return None;
    }
    Date::new(y.parse().ok()?, m.parse().ok()?, 1)
}

/// Months from `a` to `b` (both first days).
fn months_between(a: Date, b: Date) -> i32 {
    (i32::from(b.year) - i32::from(a.year)) * 12 + i32::from(b.month) - i32::from(a.month)
}

/// A required `YYYY-MM-DD` day no later than `latest` and, when given, no earlier than
/// `earliest`: empty is `required`, unreadable `date.invalid`, outside a bound that side's issue.
fn check_day(errors: &mut FieldErrors, field: &str, input: &str, latest: (Date, Issue), earliest: Option<(Date, Issue)>) -> Option<Date> {
    let input = input.trim();
    if input.is_empty() {
        errors.error(field, REQUIRED);
        return None;
    }
    let Some(day) = Date::parse_iso(input) else {
        errors.error(field, Issue::new("date.invalid", "日期格式不正确", "Not a valid date"));
        return None;
    };
    if day > latest.0 {
        errors.error(field, latest.1);
        return None;
    }
    if let Some((_, issue)) = earliest.filter(|(first, _)| day < *first) {
        errors.error(field, issue);
        return None;
    }
    Some(day)
}

/// `today` less `days`.
fn days_before(today: Date, days: i64) -> Date {
    Date::from_days_since_epoch(today.days_since_epoch() - days)
}

/// Checks a required `YYYY-MM` month no earlier than `back` months before this one and no later
/// than `ahead` months after it; earlier than this month is a warning (back-dating needs review).
fn check_month(errors: &mut FieldErrors, field: &str, input: &str, today: Date, back: i32, ahead: i32) -> Option<Date> {
    if input.trim().is_empty() {
        errors.error(field, REQUIRED);
        return None;
    }
    let Some(month) = parse_month(input) else {
        errors.error(field, Issue::new("month.format", "请按“年-月”填写，例如 2025-07", "Use year-month, e.g. 2025-07"));
        return None;
    };
    let this_month = Date::new(today.year, today.month, 1).expect("a real month");
    let offset = months_between(this_month, month);
    if offset > ahead || offset < -back {
        errors.error(
            field,
            Issue::formatted(
                "month.range",
                format!("月份应在本月之前 {back} 个月至之后 {ahead} 个月之间"),
                format!("The month must be from {back} months before to {ahead} months after this one"),
            ),
        );
        return None;
    }
    if offset < 0 {
        errors.warn(field, Issue::new("month.past", "早于本月：补办需经办机构审核", "Before this month: back-dating needs the agency's review"));
    }
    Some(month)
}

/// The confirmation must repeat the password exactly.
fn check_confirmation(errors: &mut FieldErrors, field: &str, password: &str, confirmation: &str) {
    if confirmation.is_empty() {
        errors.error(field, REQUIRED);
    } else if confirmation != password {
        errors.error(field, Issue::new("password.mismatch", "两次输入的密码不一致", "The two passwords do not match"));
    }
}

/// Consent to the user agreement and the privacy policy.
fn check_consent(errors: &mut FieldErrors, field: &str, agreed: bool) {
    if !agreed {
        errors.error(
            field,
            Issue::new("consent.required", "请阅读并同意用户协议和隐私政策", "Read and accept the user agreement and the privacy policy"),
        );
    }
}

#[cfg(test)]
mod tests;
