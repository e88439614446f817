//! 信息变更 of a person, at the agency's counter: a name correction (the server accepts it only
//! when the registry holds the corrected name), the mobile number, the household and contact
//! addresses, the bank card number (its check digit) and the social security card number. A
//! field left empty stays as it is; at least one must change. The back office checks it as
//! typed; the server checks it again.

use serde::{Deserialize, Serialize};

use super::{addresses, NOTHING_CHANGED};
use crate::domain::cards::{BankCard, SscNumber};
use crate::domain::{Address, FieldErrors, MobileNumber, PersonName, Valid};

pub mod field {
    pub const NAME: &str = "name";
    pub const MOBILE: &str = "mobile";
    pub const HOUSEHOLD_DIVISION: &str = "household_division";
    pub const HOUSEHOLD_DETAIL: &str = "household_detail";
    pub const CONTACT_DIVISION: &str = "contact_division";
    pub const CONTACT_DETAIL: &str = "contact_detail";
    pub const BANK_CARD: &str = "bank_card";
    pub const SSC_NUMBER: &str = "ssc_number";
}

/// The form as typed (the request body of `OFFICE_PERSON_DETAILS`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonDetailsDraft {
    #[serde(default)]
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
    #[serde(default)]
    pub bank_card: String,
    #[serde(default)]
    pub ssc_number: String,
}

/// What changes (`None`: stays as it is).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonDetails {
    pub name: Option<PersonName>,
    pub mobile: Option<MobileNumber>,
    pub household: Option<Address>,
    pub contact: Option<Address>,
    pub bank_card: Option<BankCard>,
    pub ssc_number: Option<SscNumber>,
}

/// Validates the change: each filled-in field by its own rule.
///
/// ```
/// use app::domain::forms::person_details::*;
/// let d = PersonDetailsDraft { bank_card: "6222020200112233446".into(), mobile: "139 0013 9000".into(), ..Default::default() };
/// let v = validate(&d).unwrap().value;
/// assert_eq!((v.bank_card.unwrap().as_str(), v.mobile.unwrap().as_str()), ("6222020200112233446", "13900139000"));
/// assert_eq!(validate(&PersonDetailsDraft::default()).unwrap_err().error_of("form").unwrap().code, "details.nothing_changed");
/// let bad = PersonDetailsDraft { bank_card: "6222020200112233447".into(), contact_detail: "中山路 1 号".into(), ..Default::default() };
/// let e = validate(&bad).unwrap_err();
/// assert_eq!(e.error_of(field::BANK_CARD).unwrap().code, "bank_card.check");
/// assert_eq!(e.error_of(field::CONTACT_DIVISION).unwrap().code, "required");
/// ```
pub fn validate(d: &PersonDetailsDraft) -> Result<Valid<PersonDetails>, FieldErrors> {
    let mut e = FieldErrors::default();
    let given = |s: &str| !s.trim().is_empty();
    let name = given(&d.name).then(|| e.take(field::NAME, PersonName::parse(&d.name)));
    let mobile = given(&d.mobile).then(|| e.take(field::MOBILE, MobileNumber::parse(&d.mobile)));
    let address = |e: &mut FieldErrors, division_field: &str, detail_field: &str, division: &str, detail: &str| {
        (given(division) || given(detail)).then(|| addresses::check(e, division_field, detail_field, division, detail))
    };
    let household = address(&mut e, field::HOUSEHOLD_DIVISION, field::HOUSEHOLD_DETAIL, &d.household_division, &d.household_detail);
    let contact = address(&mut e, field::CONTACT_DIVISION, field::CONTACT_DETAIL, &d.contact_division, &d.contact_detail);
    let bank_card = given(&d.bank_card).then(|| e.take(field::BANK_CARD, BankCard::parse(&d.bank_card)));
    let ssc_number = given(&d.ssc_number).then(|| e.take(field::SSC_NUMBER, SscNumber::parse(&d.ssc_number)));
    if name.is_none() && mobile.is_none() && household.is_none() && contact.is_none() && bank_card.is_none() && ssc_number.is_none() {
        e.error("form", NOTHING_CHANGED);
    }
    fn each<T>(v: Option<Option<T>>) -> Option<Option<T>> {
        v.map(|x| x.ok_or(())).transpose().ok()
    }
    e.finish(|| {
        Some(PersonDetails {
            name: each(name)?,
            mobile: each(mobile)?,
            household: each(household)?,
            contact: each(contact)?,
            bank_card: each(bank_card)?,
            ssc_number: each(ssc_number)?,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_field_by_its_own_rule_and_only_when_filled_in() {
        let all = PersonDetailsDraft {
            name: "王小明".into(),
            mobile: "13900139000".into(),
            household_division: "320102".into(),
            household_detail: "中山路 1 号".into(),
            contact_division: "320102".into(),
            contact_detail: "北京东路 2 号".into(),
            bank_card: "6222020200112233446".into(),
            ssc_number: "a12345678".into(),
        };
        let v = validate(&all).unwrap().value;
        assert_eq!(v.name.unwrap().as_str(), "王小明");
        assert_eq!(v.household.unwrap().detail, "中山路 1 号");
        assert_eq!(v.ssc_number.unwrap().as_str(), "A12345678");
        let bad = PersonDetailsDraft { name: "X<".into(), mobile: "1390013".into(), household_division: "320102".into(), ..Default::default() };
        let e = validate(&bad).unwrap_err();
        for f in [field::NAME, field::MOBILE, field::HOUSEHOLD_DETAIL] {
            assert!(e.error_of(f).is_some(), "{f}: {e:?}");
        }
        assert!(e.error_of("form").is_none(), "something was filled in");
        let only_contact = PersonDetailsDraft { contact_division: "320102".into(), contact_detail: "北京东路 2 号".into(), ..Default::default() };
        let v = validate(&only_contact).unwrap().value;
        assert!(v.contact.is_some() && v.household.is_none() && v.name.is_none() && v.bank_card.is_none());
        let blank = PersonDetailsDraft { name: "  ".into(), bank_card: " ".into(), ..Default::default() };
        assert_eq!(validate(&blank).unwrap_err().error_of("form"), Some(&NOTHING_CHANGED));
    }
}
