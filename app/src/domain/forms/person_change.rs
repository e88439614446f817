//! 个人信息变更 filed from a phone: a resident updates their own contact details — the mobile
//! number the agency reaches them on, the household and the contact addresses ("地址变更、
//! 联系方式变更", the operator's guide) — offline like every form; a field worker or an
//! operator may file it for them. It is a case: an operator checks it and approves it (the
//! change is kept with its before and after, as at the counter) or returns it with a reason
//! per field. A name correction, the bank card and the social security card are not on this
//! form: they need the documents at the counter (`person_details`).

use serde::{Deserialize, Serialize};

use super::person_details::{self, PersonDetails, PersonDetailsDraft};
use super::Context;
use crate::domain::{FieldErrors, IdNumber, PersonName, Valid};

pub mod field {
    pub use super::person_details::field::{CONTACT_DETAIL, CONTACT_DIVISION, HOUSEHOLD_DETAIL, HOUSEHOLD_DIVISION, MOBILE};
    pub const ID_NUMBER: &str = "id_number";
    pub const NAME: &str = "name";
}

/// The form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonChangeDraft {
    pub id_number: String,
    pub name: String,
    #[serde(default)]
    pub mobile: String,
    #[serde(default)]
    pub household_division: String,
    #[serde(default)]
    pub household_detail: String,
    #[serde(default)]
    pub contact_division: String,
    #[serde(default)]
    pub contact_detail: String,
}

/// Whose details change, and what changes (only the mobile and the addresses are ever set).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonChange {
    pub id_number: IdNumber,
    pub name: PersonName,
    pub details: PersonDetails,
}

/// Validates the form: the person, then each filled-in detail by the counter's own rules; at
/// least one must change.
///
/// ```
/// use app::domain::forms::person_change::*;
/// use app::domain::forms::Context;
/// let ctx = Context { today: app::domain::Date::parse_iso("2026-12-06").unwrap(), policy: None };
/// let d = PersonChangeDraft { id_number: "11010519491231002X".into(), name: "王秀英".into(), mobile: "139 0013 9000".into(), ..Default::default() };
/// let v = validate(&d, &ctx).unwrap().value;
/// assert_eq!(v.details.mobile.unwrap().as_str(), "13900139000");
/// let nothing = PersonChangeDraft { mobile: String::new(), ..d.clone() };
/// assert_eq!(validate(&nothing, &ctx).unwrap_err().error_of("form").unwrap().code, "details.nothing_changed");
/// let half = PersonChangeDraft { contact_detail: "中山路 1 号".into(), ..d };
/// assert_eq!(validate(&half, &ctx).unwrap_err().error_of(field::CONTACT_DIVISION).unwrap().code, "required");
/// ```
pub fn validate(d: &PersonChangeDraft, ctx: &Context) -> Result<Valid<PersonChange>, FieldErrors> {
    let mut e = FieldErrors::default();
    let id_number = e.take(field::ID_NUMBER, IdNumber::parse(&d.id_number, ctx.today));
    let name = e.take(field::NAME, PersonName::parse(&d.name));
    let details = PersonDetailsDraft {
        mobile: d.mobile.clone(),
        household_division: d.household_division.clone(),
        household_detail: d.household_detail.clone(),
        contact_division: d.contact_division.clone(),
        contact_detail: d.contact_detail.clone(),
        ..PersonDetailsDraft::default()
    };
    let (details, found) = match person_details::validate(&details) {
        Ok(v) => (Some(v.value), FieldErrors { errors: Default::default(), warnings: v.warnings }),
        Err(errors) => (None, errors),
    };
    e.absorb(found);
    e.finish(|| Some(PersonChange { id_number: id_number?, name: name?, details: details? }))
}
