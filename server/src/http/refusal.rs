//! Why a request was refused, as data. What the caller did wrong travels as an
//! [`ApiError`] (a domain [`Issue`]) or a [`FormRefusal`] (issues per field), in both languages;
//! the server's own failures are [`Internal`]: logged with their cause and answered with one
//! generic "unavailable", never with their details.

use app::api::auth::FormRefusal;
use app::api::ApiError;
use app::domain::Issue;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

use crate::store::StoreError;
use crate::vault::VaultError;

/// What a handler answers.
pub type Answer = Result<Response, Refusal>;

/// A failure on the server's side.
#[derive(Debug, thiserror::Error)]
pub enum Internal {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Sealed data that cannot be opened (damaged, or sealed with another key).
    #[error("sealed data: {0}")]
    Sealed(#[from] VaultError),
    /// Stored data that no longer reads as what it was written as.
    #[error("stored data: {0}")]
    Unreadable(String),
}

#[derive(Debug)]
pub enum Refusal {
    /// The request cannot be served as it is: `status`, the reason, and when to try again.
    Api { status: StatusCode, error: ApiError, retry_after_s: Option<u32> },
    /// A form the rules or the records refuse, with the issues per field (422).
    Form(FormRefusal),
    Internal(Internal),
}

impl Refusal {
    pub fn api(status: StatusCode, error: impl Into<ApiError>) -> Self {
        Refusal::Api { status, error: error.into(), retry_after_s: None }
    }

    pub fn api_after(status: StatusCode, error: impl Into<ApiError>, retry_after_s: u32) -> Self {
        Refusal::Api { status, error: error.into(), retry_after_s: Some(retry_after_s) }
    }

    pub fn form(refusal: FormRefusal) -> Self {
        Refusal::Form(refusal)
    }

    /// A refusal of one field of a form.
    pub fn field(field: &str, issue: Issue) -> Self {
        Refusal::Form(FormRefusal::on(field, issue))
    }

    pub fn bad_request() -> Self {
        Self::api(StatusCode::BAD_REQUEST, ApiError::bad_request())
    }

    pub fn not_found(issue: Issue) -> Self {
        Self::api(StatusCode::NOT_FOUND, issue)
    }

    pub fn conflict(issue: Issue) -> Self {
        Self::api(StatusCode::CONFLICT, issue)
    }

    /// A service this request needs is down for now.
    pub fn unavailable(issue: Issue) -> Self {
        Self::api(StatusCode::SERVICE_UNAVAILABLE, issue)
    }

    /// Stored data that did not read back.
    pub fn unreadable(what: impl std::fmt::Display) -> Self {
        Refusal::Internal(Internal::Unreadable(what.to_string()))
    }
}

impl From<Internal> for Refusal {
    fn from(e: Internal) -> Self {
        Refusal::Internal(e)
    }
}

impl From<StoreError> for Refusal {
    fn from(e: StoreError) -> Self {
        Refusal::Internal(Internal::Store(e))
    }
}

impl From<VaultError> for Refusal {
    fn from(e: VaultError) -> Self {
        Refusal::Internal(Internal::Sealed(e))
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        match self {
            Refusal::Api { status, error, retry_after_s } => {
                let mut r = (status, Json(error)).into_response();
                if let Some(s) = retry_after_s {
                    r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(s));
                }
                r
            }
            Refusal::Form(refusal) => (StatusCode::UNPROCESSABLE_ENTITY, Json(refusal)).into_response(),
            Refusal::Internal(error) => {
                tracing::error!(%error, "request failed on the server's side");
                (StatusCode::SERVICE_UNAVAILABLE, Json(ApiError::unavailable())).into_response()
            }
        }
    }
}
