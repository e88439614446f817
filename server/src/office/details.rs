//! 信息变更 of a person's cards in the back office: `POST /api/office/persons/{id}/details` —
//! the bank card number (its Luhn check digit) and the social security card number, checked by
//! the shared rules (`app::domain::cards`), sealed, each change kept with its before and after
//! and audited (which field, not its value). The person's page shows them masked.

use app::api::office::{DetailChange, PersonDetails, PersonDetailsChange};
use app::domain::cards::{check_change, BankCard, SscNumber};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::{Extension, Json};

use super::details_store::CardField;
use super::persons::entry;
use super::{actor, staff, Cx};
use crate::accounts::session::Principal;
use crate::http::{Answer, Internal, Refusal};
use crate::ledger::record_store::PersonEntry;
use crate::store::AuditEntry;
use crate::vault::bound;

/// A person's cards, masked, and who changed them when.
pub async fn of(cx: &Cx, p: &PersonEntry) -> Result<PersonDetails, Internal> {
    let stored = cx.store.details_get(p.id).await?;
    let open = |field: &str, sealed: Option<Vec<u8>>| -> Result<Option<String>, Internal> {
        let Some(sealed) = sealed else { return Ok(None) };
        let plain = cx.ledger.vault.open(&bound::person_card(&p.id_index, field), &sealed)?;
        String::from_utf8(plain).map(Some).map_err(|_| Internal::Unreadable("a person's card number".into()))
    };
    Ok(PersonDetails {
        bank_card: open(CardField::BankCard.as_str(), stored.bank_card)?.map(|c| BankCard::parse(&c).map(|c| c.value.masked()).unwrap_or_else(|_| "******".into())),
        ssc_number: open(CardField::SscNumber.as_str(), stored.ssc_number)?.map(|c| SscNumber::parse(&c).map(|c| c.value.masked()).unwrap_or_else(|_| "******".into())),
        changes: stored.changes.into_iter().map(|(field, at, by)| DetailChange { field, at, by }).collect(),
    })
}

/// `POST /api/office/persons/{id}/details`.
pub async fn change(State(cx): State<Cx>, Extension(by): Extension<Option<Principal>>, Path(id): Path<i64>, Json(c): Json<PersonDetailsChange>) -> Answer {
    let by = staff(&by)?;
    let now = crate::store::now_ms();
    let (card, ssc) = check_change(&c.bank_card, &c.ssc_number).map_err(|errors| Refusal::form(app::api::auth::FormRefusal::invalid(errors)))?;
    let person = entry(&cx, id).await?;
    let seal = |field: CardField, value: &str| (field, cx.ledger.vault.seal(&bound::person_card(&person.id_index, field.as_str()), value.as_bytes()));
    let changes: Vec<(CardField, Vec<u8>)> = card
        .map(|c| seal(CardField::BankCard, c.as_str()))
        .into_iter()
        .chain(ssc.map(|n| seal(CardField::SscNumber, n.as_str())))
        .collect();
    let audit = AuditEntry { action: "office.person_change".into(), target: Some(format!("person:{id}")), ..actor(by) };
    cx.store.details_set(person.id, &changes, by.account.id, &audit, now).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
