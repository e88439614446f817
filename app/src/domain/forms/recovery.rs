//! 追回: an operator records money coming back for 失业保险金 paid past a spell's stop (a new
//! job enrolled late stops the spell from a month already paid). The amount, the day it came
//! back and its payment reference (a bank or collection slip: each is taken once per spell).
//! The back office checks it as typed; the server checks it again, and that it does not exceed
//! what is still to recover.

use serde::{Deserialize, Serialize};

use crate::domain::{text, Date, FieldErrors, Fen, Issue, Valid, REQUIRED};

pub mod field {
    pub const AMOUNT: &str = "amount";
    pub const RECOVERED_ON: &str = "recovered_on";
    pub const REFERENCE: &str = "reference";
}

/// The longest payment reference, in characters.
pub const MAX_REFERENCE: usize = 64;

/// How far back the day the money came may lie (a year: older ones are the auditors').
const MAX_DAYS_BACK: i64 = 366;

/// The form as typed (the request body of `OFFICE_UNEMPLOYMENT_RECOVER`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecoveryDraft {
    /// Yuan.
    #[serde(default)]
    pub amount: String,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub recovered_on: String,
    #[serde(default)]
    pub reference: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recovery {
    pub amount: Fen,
    pub recovered_on: Date,
    /// Upper case, without spaces or hyphens: one spelling per slip.
    pub reference: String,
}

/// Validates the recovery as of `today`.
///
/// ```
/// use app::domain::forms::recovery::*;
/// use app::domain::Date;
/// let today = Date::new(2026, 12, 5).unwrap();
/// let d = RecoveryDraft { amount: "1,000.50".into(), recovered_on: "2026-12-01".into(), reference: "hk-2026 0001".into() };
/// let v = validate(&d, today).unwrap().value;
/// assert_eq!((v.amount.0, v.reference.as_str()), (100_050, "HK20260001"));
/// let e = validate(&RecoveryDraft { amount: "0".into(), ..d }, today).unwrap_err();
/// assert_eq!(e.error_of(field::AMOUNT).unwrap().code, "recovery.amount");
/// ```
pub fn validate(d: &RecoveryDraft, today: Date) -> Result<Valid<Recovery>, FieldErrors> {
    let mut e = FieldErrors::default();
    let amount = match e.take(field::AMOUNT, Fen::parse_yuan(&d.amount)) {
        Some(a) if a.0 > 0 => Some(a),
        Some(_) => {
            e.error(field::AMOUNT, Issue::new("recovery.amount", "追回金额应大于零", "The amount must be above zero"));
            None
        }
        None => None,
    };
    let recovered_on = super::check_day(
        &mut e,
        field::RECOVERED_ON,
        &d.recovered_on,
        (today, Issue::new("recovery.future", "到账日期不能晚于今天", "The money cannot come back after today")),
        Some((super::days_before(today, MAX_DAYS_BACK), Issue::new("recovery.too_old", "到账已超过一年，请由稽核处理", "More than a year ago: the auditors handle it"))),
    );
    let reference = text::identifier(&d.reference);
    if reference.is_empty() {
        e.error(field::REFERENCE, REQUIRED);
    } else if reference.chars().count() > MAX_REFERENCE || !reference.chars().all(|c| c.is_ascii_alphanumeric()) {
        e.error(
            field::REFERENCE,
            Issue::formatted(
                "recovery.reference",
                format!("凭证号为字母或数字，不超过 {MAX_REFERENCE} 位"),
                format!("The reference is letters or digits, at most {MAX_REFERENCE}"),
            ),
        );
    }
    e.finish(|| Some(Recovery { amount: amount?, recovered_on: recovered_on?, reference: reference.clone() }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::new(2026, 12, 5).unwrap()
    }

    fn ok() -> RecoveryDraft {
        RecoveryDraft { amount: "2241".into(), recovered_on: "2026-12-05".into(), reference: "BANK-001".into() }
    }

    #[test]
    fn each_field_by_its_rule() {
        assert_eq!(validate(&ok(), today()).unwrap().value.amount, Fen(224_100));
        let code = |d: RecoveryDraft, f: &str| validate(&d, today()).unwrap_err().error_of(f).map(|i| i.code.to_string());
        assert!(code(RecoveryDraft { amount: "-5".into(), ..ok() }, field::AMOUNT).is_some());
        assert_eq!(code(RecoveryDraft { amount: "0.00".into(), ..ok() }, field::AMOUNT).as_deref(), Some("recovery.amount"));
        assert_eq!(code(RecoveryDraft { recovered_on: String::new(), ..ok() }, field::RECOVERED_ON).as_deref(), Some("required"));
        assert_eq!(code(RecoveryDraft { recovered_on: "2026-12-06".into(), ..ok() }, field::RECOVERED_ON).as_deref(), Some("recovery.future"));
        assert_eq!(code(RecoveryDraft { recovered_on: "2025-12-03".into(), ..ok() }, field::RECOVERED_ON).as_deref(), Some("recovery.too_old"));
        assert!(validate(&RecoveryDraft { recovered_on: "2025-12-04".into(), ..ok() }, today()).is_ok(), "a year back still counts");
        assert_eq!(code(RecoveryDraft { reference: " - ".into(), ..ok() }, field::REFERENCE).as_deref(), Some("required"));
        assert_eq!(code(RecoveryDraft { reference: "回单1".into(), ..ok() }, field::REFERENCE).as_deref(), Some("recovery.reference"));
        assert_eq!(code(RecoveryDraft { reference: "A".repeat(65), ..ok() }, field::REFERENCE).as_deref(), Some("recovery.reference"));
    }
}
