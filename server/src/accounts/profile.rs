//! `POST /api/auth/profile`: the household registration and contact addresses the first login
//! asks for, checked by the shared rules, sealed at rest.

use app::api::auth::{AddressesDraft, FormRefusal};
use app::domain::forms::addresses::{self, Addresses};
use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::{Extension, Json};

use super::session::Principal;
use super::Cx;
use crate::http::{body, Answer, Refusal};
use crate::store::{now_ms, AuditEntry};

pub async fn profile(
    State(cx): State<Cx>,
    Extension(principal): Extension<Option<Principal>>,
    json: Result<Json<AddressesDraft>, JsonRejection>,
) -> Answer {
    let p = principal.ok_or_else(Refusal::bad_request)?;
    let d = body(json)?;
    let Addresses { household, contact } = addresses::validate(&d).map_err(|f| Refusal::form(FormRefusal::invalid(f)))?.value;
    let json = serde_json::json!({
        "household": { "division": household.division, "detail": household.detail },
        "contact": { "division": contact.division, "detail": contact.detail },
    });
    let audit = AuditEntry {
        actor: Some(p.account.id),
        actor_role: Some(p.role.as_str().into()),
        action: "account.addresses".into(),
        target: Some(format!("account:{}", p.account.id)),
        ..Default::default()
    };
    let sealed = cx.vault.seal(&crate::vault::bound::account_addresses(&p.account.id_index), json.to_string().as_bytes());
    cx.store.account_set_addresses(p.account.id, &sealed, &audit, now_ms()).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
