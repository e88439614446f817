//! 信息变更 of a unit, at the agency's counter: its name, its address (a division from the table
//! and the street), its contact person and their mobile. A field left empty stays as it is; at
//! least one must change. The back office checks it as typed; the server checks it again.

use serde::{Deserialize, Serialize};

use crate::domain::{Address, FieldErrors, MobileNumber, PersonName, UnitName, Valid};

pub mod field {
    pub const NAME: &str = "name";
    pub const REGION: &str = "region";
    pub const ADDRESS: &str = "address";
    pub const CONTACT_NAME: &str = "contact_name";
    pub const CONTACT_MOBILE: &str = "contact_mobile";
}

/// The form as typed (the request body of `OFFICE_UNIT_DETAILS`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitDetailsDraft {
    #[serde(default)]
    pub name: String,
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

/// What changes (`None`: stays as it is).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitDetails {
    pub name: Option<UnitName>,
    pub address: Option<Address>,
    pub contact_name: Option<PersonName>,
    pub contact_mobile: Option<MobileNumber>,
}

/// Validates the change.
///
/// ```
/// use app::domain::forms::unit_details::*;
/// let d = UnitDetailsDraft { name: "南京青禾科技有限公司".into(), ..Default::default() };
/// assert_eq!(validate(&d).unwrap().value.name.unwrap().as_str(), "南京青禾科技有限公司");
/// assert_eq!(validate(&UnitDetailsDraft::default()).unwrap_err().error_of("form").unwrap().code, "details.nothing_changed");
/// let bad = UnitDetailsDraft { contact_mobile: "1390013".into(), address: "中山路 1 号".into(), ..Default::default() };
/// let e = validate(&bad).unwrap_err();
/// assert!(e.error_of(field::CONTACT_MOBILE).is_some() && e.error_of(field::REGION).is_some());
/// ```
pub fn validate(d: &UnitDetailsDraft) -> Result<Valid<UnitDetails>, FieldErrors> {
    let mut e = FieldErrors::default();
    let given = |s: &str| !s.trim().is_empty();
    let name = given(&d.name).then(|| e.take(field::NAME, UnitName::parse(&d.name)));
    let address = (given(&d.address) || given(&d.region)).then(|| match Address::parse(&d.region, &d.address) {
        Err(issue) if !given(&d.region) || issue.code == "address.division" => {
            e.error(field::REGION, issue);
            None
        }
        other => e.take(field::ADDRESS, other),
    });
    let contact_name = given(&d.contact_name).then(|| e.take(field::CONTACT_NAME, PersonName::parse(&d.contact_name)));
    let contact_mobile = given(&d.contact_mobile).then(|| e.take(field::CONTACT_MOBILE, MobileNumber::parse(&d.contact_mobile)));
    if name.is_none() && address.is_none() && contact_name.is_none() && contact_mobile.is_none() {
        e.error("form", super::NOTHING_CHANGED);
    }
    e.finish(|| {
        Some(UnitDetails {
            name: name.map(|n| n.ok_or(())).transpose().ok()?,
            address: address.map(|a| a.ok_or(())).transpose().ok()?,
            contact_name: contact_name.map(|n| n.ok_or(())).transpose().ok()?,
            contact_mobile: contact_mobile.map(|m| m.ok_or(())).transpose().ok()?,
        })
    })
}
