//! 我的信息: `GET /api/auth/profile` (identifiers masked, the addresses, the sign-in before this
//! one) and `POST /api/auth/profile`, the household registration and contact addresses the first
//! login asks for and the profile edits, checked by the shared rules, sealed at rest.

use app::api::auth::{AddressClass, AddressesDraft, FormRefusal, Profile, SignIn};
use app::domain::contact::mask_email;
use app::domain::forms::addresses::{self, Addresses};
use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::{Extension, Json};

use super::session::Principal;
use super::{me_of, Cx};
use crate::http::{body, Answer, Refusal};
use crate::store::{now_ms, AuditEntry};

/// The addresses as sealed at rest (one shape for writing and reading them).
#[derive(serde::Serialize, serde::Deserialize)]
struct Sealed {
    household: Part,
    contact: Part,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Part {
    division: u32,
    detail: String,
}

impl From<app::domain::Address> for Part {
    fn from(a: app::domain::Address) -> Self {
        Part { division: a.division, detail: a.detail }
    }
}

pub async fn profile(
    State(cx): State<Cx>,
    Extension(principal): Extension<Option<Principal>>,
    json: Result<Json<AddressesDraft>, JsonRejection>,
) -> Answer {
    let p = principal.ok_or_else(Refusal::bad_request)?;
    super::self_service_quota(&cx, p.account.id, now_ms()).await?;
    let d = body(json)?;
    let Addresses { household, contact } = addresses::validate(&d).map_err(|f| Refusal::form(FormRefusal::invalid(f)))?.value;
    let json = serde_json::to_vec(&Sealed { household: household.into(), contact: contact.into() }).map_err(|e| crate::http::Internal::Unreadable(e.to_string()))?;
    let audit = AuditEntry {
        actor: Some(p.account.id),
        actor_role: Some(p.role.as_str().into()),
        action: "account.addresses".into(),
        target: Some(format!("account:{}", p.account.id)),
        ..Default::default()
    };
    let sealed = cx.vault.seal(&crate::vault::bound::account_addresses(&p.account.id_index), &json);
    cx.store.account_set_addresses(p.account.id, &sealed, &audit, now_ms()).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `GET /api/auth/profile`.
pub async fn my_profile(State(cx): State<Cx>, Extension(principal): Extension<Option<Principal>>) -> Answer {
    let p = principal.ok_or_else(Refusal::bad_request)?;
    let me = me_of(&cx, &p.account, String::new())?;
    let addresses = match &p.account.addresses {
        None => None,
        Some(sealed) => {
            let json = cx.vault.open(&crate::vault::bound::account_addresses(&p.account.id_index), sealed)?;
            let a: Sealed = serde_json::from_slice(&json).map_err(|e| crate::http::Internal::Unreadable(e.to_string()))?;
            Some(AddressesDraft {
                household_division: a.household.division.to_string(),
                household_detail: a.household.detail,
                contact_division: a.contact.division.to_string(),
                contact_detail: a.contact.detail,
            })
        }
    };
    let previous_sign_in = cx.store.account_previous_sign_in(p.account.id).await?.map(|(at, from)| SignIn { at, from: AddressClass::parse(&from) });
    Ok(Json(Profile {
        name: me.name,
        id_masked: me.id_masked,
        mobile_masked: me.mobile_masked,
        email_masked: p.account.email.as_deref().filter(|e| !e.is_empty()).map(mask_email),
        role: me.role,
        addresses,
        previous_sign_in,
    })
    .into_response())
}
