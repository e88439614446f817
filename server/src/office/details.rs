//! 信息变更 of a person in the back office: `POST /api/office/persons/{id}/details` — a name
//! correction, the mobile number, the household and contact addresses, the bank card number (its
//! Luhn check digit) and the social security card number, checked by the shared rules
//! (`app::domain::forms::person_details`). A name is corrected only to the name the registry
//! holds for the person's ID number (the registry is the real-name source; a typo made at
//! enrolment is mended, a person is never renamed at will). Every value is sealed, each change
//! kept with its before and after and audited (which field, never its value). The person's page
//! shows the cards and the mobile masked.

use app::api::office::{DetailChange, PersonDetails, PersonDetailsChange};
use app::domain::cards::{BankCard, SscNumber};
use app::domain::forms::person_details::{field, validate};
use app::domain::{Address, Issue, MobileNumber};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::{Extension, Json};

use super::details_store::{DetailField, Rename, NAME};
use super::persons::entry;
use super::{actor, staff, Cx};
use crate::accounts::session::Principal;
use crate::http::{Answer, Internal, Refusal};
use crate::ledger::record_store::PersonEntry;
use crate::store::AuditEntry;
use crate::vault::bound;

/// The refusal of a name the registry does not hold (the operator sees it; staff only).
pub const NAME_NOT_REGISTERED: Issue = Issue::new(
    "person.name_not_registered",
    "更正后的姓名与户籍登记（实名核验库）不一致，请先核对身份证件",
    "The corrected name is not the one the registry holds for this ID number: check the identity document first",
);
const NAME_SAME: Issue = Issue::new("person.name_same", "与现有姓名相同，无需更正", "This is the name on record already");

/// An address as kept (sealed): its division code and its street.
pub(super) fn address_bytes(a: &Address) -> Vec<u8> {
    serde_json::json!({ "division": a.division, "detail": a.detail }).to_string().into_bytes()
}

/// An address as shown: the division names and the street.
pub(super) fn address_text(plain: &[u8]) -> String {
    let v: serde_json::Value = serde_json::from_slice(plain).unwrap_or_default();
    let division = v["division"].as_u64().and_then(|d| u32::try_from(d).ok()).unwrap_or_default();
    let detail = v["detail"].as_str().unwrap_or_default().to_owned();
    Address { division, detail }.full()
}

/// A person's details, the cards and mobile masked, and who changed them when.
pub async fn of(cx: &Cx, p: &PersonEntry) -> Result<PersonDetails, Internal> {
    let stored = cx.store.details_get(p.id).await?;
    let open = |field: DetailField| -> Result<Option<Vec<u8>>, Internal> {
        let Some(sealed) = stored.get(field) else { return Ok(None) };
        Ok(Some(cx.ledger.vault.open(&bound::person_detail(&p.id_index, field.as_str()), sealed)?))
    };
    let text = |field: DetailField, show: fn(&str) -> Option<String>| -> Result<Option<String>, Internal> {
        Ok(open(field)?.map(|plain| String::from_utf8(plain).ok().and_then(|s| show(&s)).unwrap_or_else(|| "******".into())))
    };
    Ok(PersonDetails {
        bank_card: text(DetailField::BankCard, |s| BankCard::parse(s).ok().map(|c| c.value.masked()))?,
        ssc_number: text(DetailField::SscNumber, |s| SscNumber::parse(s).ok().map(|c| c.value.masked()))?,
        mobile: text(DetailField::Mobile, |s| MobileNumber::parse(s).ok().map(|m| m.value.masked()))?,
        household_address: open(DetailField::HouseholdAddress)?.map(|a| address_text(&a)),
        contact_address: open(DetailField::ContactAddress)?.map(|a| address_text(&a)),
        changes: stored.changes.into_iter().map(|(field, at, by)| DetailChange { field, at, by }).collect(),
    })
}

/// `POST /api/office/persons/{id}/details`.
pub async fn change(State(cx): State<Cx>, Extension(by): Extension<Option<Principal>>, Path(id): Path<i64>, Json(c): Json<PersonDetailsChange>) -> Answer {
    let by = staff(&by)?;
    let now = crate::store::now_ms();
    let d = validate(&c).map_err(|errors| Refusal::form(app::api::auth::FormRefusal::invalid(errors)))?.value;
    let person = entry(&cx, id).await?;
    let seal = |field: &str, plain: &[u8]| cx.ledger.vault.seal(&bound::person_detail(&person.id_index, field), plain);
    let rename = match &d.name {
        None => None,
        Some(name) if name.as_str() == person.name => return Err(Refusal::field(field::NAME, NAME_SAME)),
        Some(name) => {
            let registered = cx.store.registry_get(&person.id_index).await?;
            if registered.is_none_or(|r| r.name != name.as_str()) {
                return Err(Refusal::field(field::NAME, NAME_NOT_REGISTERED));
            }
            Some(Rename { from: person.name.clone(), to: name.as_str().to_owned(), from_sealed: seal(NAME, person.name.as_bytes()), to_sealed: seal(NAME, name.as_str().as_bytes()) })
        }
    };
    let values: [(DetailField, Option<Vec<u8>>); 5] = [
        (DetailField::Mobile, d.mobile.as_ref().map(|m| m.as_str().as_bytes().to_vec())),
        (DetailField::HouseholdAddress, d.household.as_ref().map(address_bytes)),
        (DetailField::ContactAddress, d.contact.as_ref().map(address_bytes)),
        (DetailField::BankCard, d.bank_card.as_ref().map(|c| c.as_str().as_bytes().to_vec())),
        (DetailField::SscNumber, d.ssc_number.as_ref().map(|n| n.as_str().as_bytes().to_vec())),
    ];
    let changes: Vec<(DetailField, Vec<u8>)> = values.into_iter().filter_map(|(f, plain)| plain.map(|p| (f, seal(f.as_str(), &p)))).collect();
    let audit = AuditEntry { action: "office.person_change".into(), target: Some(format!("person:{id}")), ..actor(by) };
    if !cx.store.details_set(person.id, &changes, rename.as_ref(), by.account.id, &audit, now).await? {
        return Err(Refusal::conflict(Issue::new("person.changed", "该人员的姓名刚被他人更正，请刷新后再试", "Someone has just corrected this person's name: reload and try again")));
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}
