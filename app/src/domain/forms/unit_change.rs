//! 单位信息变更 filed from a phone: a unit's own account (or a field worker or an operator naming
//! the unit's credit code) updates its address and its contact person and their mobile, offline
//! like every form. It is a case: an operator approves it (the change is kept with its before and
//! after, as at the counter) or returns it with a reason per field. The unit's name follows its
//! business licence and the industry class is the agency's: both change at the counter
//! (`unit_details`).

use serde::{Deserialize, Serialize};

use super::unit_details::{self, UnitDetails, UnitDetailsDraft};
use crate::domain::{text, CreditCode, FieldErrors, Valid};

pub mod field {
    pub use super::unit_details::field::{ADDRESS, CONTACT_MOBILE, CONTACT_NAME, REGION};
    pub const CREDIT_CODE: &str = "credit_code";
}

/// The form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitChangeDraft {
    /// Empty when the unit's own account files (it files for itself).
    #[serde(default)]
    pub credit_code: String,
    /// The address's division code (with `address`).
    #[serde(default)]
    pub region: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub contact_name: String,
    #[serde(default)]
    pub contact_mobile: String,
}

/// Which unit, and what changes (never its name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitChange {
    pub credit_code: Option<CreditCode>,
    pub details: UnitDetails,
}

/// Validates the form: the credit code when given, then each filled-in detail by the counter's
/// own rules; at least one must change.
///
/// ```
/// use app::domain::forms::unit_change::*;
/// let d = UnitChangeDraft { contact_name: "李会计".into(), contact_mobile: "139 0013 9000".into(), ..Default::default() };
/// let v = validate(&d).unwrap().value;
/// assert_eq!((v.credit_code, v.details.contact_mobile.unwrap().as_str()), (None, "13900139000"));
/// assert_eq!(validate(&UnitChangeDraft::default()).unwrap_err().error_of("form").unwrap().code, "details.nothing_changed");
/// let bad = UnitChangeDraft { credit_code: "91320102".into(), ..d };
/// assert!(validate(&bad).unwrap_err().error_of(field::CREDIT_CODE).is_some());
/// ```
pub fn validate(d: &UnitChangeDraft) -> Result<Valid<UnitChange>, FieldErrors> {
    let mut e = FieldErrors::default();
    let credit_code = if text::identifier(&d.credit_code).is_empty() { Some(None) } else { e.take(field::CREDIT_CODE, CreditCode::parse(&d.credit_code)).map(Some) };
    let details = UnitDetailsDraft {
        region: d.region.clone(),
        address: d.address.clone(),
        contact_name: d.contact_name.clone(),
        contact_mobile: d.contact_mobile.clone(),
        ..UnitDetailsDraft::default()
    };
    let (details, found) = match unit_details::validate(&details) {
        Ok(v) => (Some(v.value), FieldErrors { errors: Default::default(), warnings: v.warnings }),
        Err(errors) => (None, errors),
    };
    e.absorb(found);
    e.finish(|| Some(UnitChange { credit_code: credit_code?, details: details? }))
}
