//! The addresses the first login asks for: the household registration address (户籍地址) and
//! the contact address (联系地址), each a division picked from the table and the detail typed.

use serde::{Deserialize, Serialize};

use crate::domain::{Address, FieldErrors, Issue, Valid};

pub mod field {
    pub const HOUSEHOLD_DIVISION: &str = "household_division";
    pub const HOUSEHOLD_DETAIL: &str = "household_detail";
    pub const CONTACT_DIVISION: &str = "contact_division";
    pub const CONTACT_DETAIL: &str = "contact_detail";
}

/// The form as typed (also the request body of `/api/auth/profile`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddressesDraft {
    pub household_division: String,
    pub household_detail: String,
    pub contact_division: String,
    pub contact_detail: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Addresses {
    pub household: Address,
    pub contact: Address,
}

/// An address's issue belongs to its detail field or to its division field.
pub(crate) fn check(e: &mut FieldErrors, division_field: &str, detail_field: &str, division: &str, detail: &str) -> Option<Address> {
    let on_detail = |i: &Issue| i.code.starts_with("address.detail");
    match Address::parse(division, detail) {
        Err(issue) => {
            e.error(if on_detail(&issue) { detail_field } else { division_field }, issue);
            None
        }
        Ok(checked) => {
            for w in checked.warnings {
                e.warn(if on_detail(&w) { detail_field } else { division_field }, w);
            }
            Some(checked.value)
        }
    }
}

/// Validates both addresses.
///
/// ```
/// use app::domain::forms::addresses::*;
/// let mut d = AddressesDraft {
///     household_division: "320102".into(), household_detail: "中山路 1 号".into(),
///     contact_division: "320102".into(), contact_detail: "中山路 1 号".into(),
/// };
/// assert!(validate(&d).is_ok());
/// d.contact_detail.clear();
/// assert!(validate(&d).unwrap_err().error_of(field::CONTACT_DETAIL).is_some());
/// ```
pub fn validate(d: &AddressesDraft) -> Result<Valid<Addresses>, FieldErrors> {
    let mut e = FieldErrors::default();
    let household = check(&mut e, field::HOUSEHOLD_DIVISION, field::HOUSEHOLD_DETAIL, &d.household_division, &d.household_detail);
    let contact = check(&mut e, field::CONTACT_DIVISION, field::CONTACT_DETAIL, &d.contact_division, &d.contact_detail);
    e.finish(|| Some(Addresses { household: household?, contact: contact? }))
}
