//! 信息变更 of a person's cards in the back office: `POST /api/office/persons/{id}/details` —
//! the bank card number (its Luhn check digit) and the social security card number, checked by
//! the shared rules (`app::domain::cards`), sealed, each change kept with its before and after
//! and audited (which field, not its value). The person's page shows them masked.

use app::api::office::{DetailChange, PersonDetails, PersonDetailsChange};
use app::domain::cards::{BankCard, SscNumber};
use app::domain::FieldErrors;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::{Extension, Json};

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
        bank_card: open("bank_card", stored.bank_card)?.map(|c| BankCard::parse(&c).map(|c| c.value.masked()).unwrap_or_else(|_| "******".into())),
        ssc_number: open("ssc_number", stored.ssc_number)?.map(|c| SscNumber::parse(&c).map(|c| c.value.masked()).unwrap_or_else(|_| "******".into())),
        changes: stored.changes.into_iter().map(|(field, at, by)| DetailChange { field, at, by }).collect(),
    })
}

/// `POST /api/office/persons/{id}/details`.
pub async fn change(State(cx): State<Cx>, Extension(by): Extension<Option<Principal>>, Path(id): Path<i64>, Json(c): Json<PersonDetailsChange>) -> Answer {
    let by = staff(&by)?;
    let now = crate::store::now_ms();
    let mut errors = FieldErrors::default();
    let mut set: Vec<(&'static str, String)> = Vec::new();
    if !c.bank_card.trim().is_empty() {
        match BankCard::parse(&c.bank_card) {
            Ok(card) => set.push(("bank_card", card.value.as_str().to_owned())),
            Err(issue) => errors.error("bank_card", issue),
        }
    }
    if !c.ssc_number.trim().is_empty() {
        match SscNumber::parse(&c.ssc_number) {
            Ok(n) => set.push(("ssc_number", n.value.as_str().to_owned())),
            Err(issue) => errors.error("ssc_number", issue),
        }
    }
    if !errors.errors.is_empty() {
        return Err(Refusal::form(app::api::auth::FormRefusal::invalid(errors)));
    }
    if set.is_empty() {
        return Err(Refusal::field("bank_card", app::domain::REQUIRED));
    }
    let person = entry(&cx, id).await?;
    for (field, value) in set {
        let sealed = cx.ledger.vault.seal(&bound::person_card(&person.id_index, field), value.as_bytes());
        let audit = AuditEntry { action: "office.person_change".into(), target: Some(format!("person:{id}")), detail: Some(format!("field={field}")), ..actor(by) };
        cx.store.details_set(person.id, field, &sealed, by.account.id, &audit, now).await?;
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}
