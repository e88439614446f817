//! Accounts: the registry's real-name check, SMS codes, registration (online, and assisted by
//! a field worker), login with throttling, sessions with CSRF protection, roles, first-login
//! addresses, password recovery and the audit log.

pub mod access;
pub mod codes;
pub mod handlers;
pub mod identity;
pub mod passwords;
pub mod session;
pub mod sms;
pub mod throttle;

use std::sync::Arc;

use app::api::auth::FormRefusal;
use app::api::ApiError;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

use self::identity::{IdentityCheck, LocalRegistry};
use self::passwords::Hasher;
use self::session::CookiePolicy;
use self::sms::{DevGateway, SmsGateway};
use app::api::auth::Role;
use app::domain::{IdNumber, MobileNumber, PersonName};

use crate::store::{NewAccount, Store, StoreError};
use crate::vault::Vault;

/// Account status: can log in.
pub const ACTIVE: &str = "active";
/// Account status: registered (by a field worker, or offline) but the phone is not verified.
pub const PENDING_PHONE: &str = "pending_phone";
/// An employer account whose registration the agency has not approved yet.
pub const PENDING_REVIEW: &str = "pending_review";
/// The blind-index namespace of unified social credit codes (employer accounts log in by it).
pub const CREDIT_INDEX: &str = "credit_code";

/// The account services a server runs with.
#[derive(Clone)]
pub struct Accounts {
    pub hasher: Hasher,
    pub identity: Arc<dyn IdentityCheck>,
    pub sms: Arc<dyn SmsGateway>,
    /// The development gateway, when it is the one in use (its messages show at `/dev/sms`).
    pub dev_sms: Option<Arc<DevGateway>>,
    pub cookies: CookiePolicy,
    /// Client addresses from `X-Forwarded-For`.
    pub trust_forwarded: bool,
}

impl Accounts {
    /// The registry table for real-name checks, the development SMS gateway, plain-HTTP
    /// cookies, and as many concurrent password hashes as there are cores.
    pub fn local(store: Arc<dyn Store>, vault: Vault) -> Self {
        let dev = Arc::new(DevGateway::default());
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        Self {
            hasher: Hasher::new(cores),
            identity: Arc::new(LocalRegistry { store, vault }),
            sms: dev.clone(),
            dev_sms: Some(dev),
            cookies: CookiePolicy { secure: false },
            trust_forwarded: false,
        }
    }
}

/// An account as stored: identifiers sealed, with their blind indexes. Used by registration
/// (online, assisted, from the outbox) and by the staff command alike.
#[allow(clippy::too_many_arguments)]
pub fn account_record(
    vault: &Vault,
    role: Role,
    status: &str,
    id: &IdNumber,
    name: &PersonName,
    mobile: &MobileNumber,
    email: Option<String>,
    password_hash: String,
    registered_by: Option<i64>,
) -> NewAccount {
    NewAccount {
        role: role.as_str().into(),
        status: status.into(),
        id_index: vault.blind_index(identity::ID_INDEX, id.as_str()),
        id_sealed: vault.seal(id.as_str().as_bytes()),
        name: name.as_str().into(),
        mobile_index: vault.blind_index(codes::MOBILE_INDEX, mobile.as_str()),
        mobile_sealed: vault.seal(mobile.as_str().as_bytes()),
        email,
        password_hash,
        registered_by,
    }
}

/// Why a request was refused, as data; rendered as JSON in both languages. Store failures are
/// logged and answered with a generic "unavailable".
#[derive(Debug)]
pub enum Refusal {
    Api { status: StatusCode, error: ApiError, retry_after_s: Option<u32> },
    Form { status: StatusCode, refusal: FormRefusal },
    Store(StoreError),
}

impl Refusal {
    pub fn api(status: StatusCode, error: ApiError) -> Self {
        Refusal::Api { status, error, retry_after_s: None }
    }

    pub fn api_after(status: StatusCode, error: ApiError, retry_after_s: u32) -> Self {
        Refusal::Api { status, error, retry_after_s: Some(retry_after_s) }
    }

    pub fn form(refusal: FormRefusal) -> Self {
        Refusal::Form { status: StatusCode::UNPROCESSABLE_ENTITY, refusal }
    }

    pub fn bad_request() -> Self {
        Self::api(StatusCode::BAD_REQUEST, ApiError::new("bad_request", "请求格式不正确", "The request was malformed"))
    }
}

impl From<StoreError> for Refusal {
    fn from(e: StoreError) -> Self {
        Refusal::Store(e)
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
            Refusal::Form { status, refusal } => (status, Json(refusal)).into_response(),
            Refusal::Store(error) => {
                tracing::error!(%error, "accounts: store failed");
                let e = ApiError::new("unavailable", "服务暂时不可用，请稍后再试", "The service is unavailable for now; try again later");
                (StatusCode::SERVICE_UNAVAILABLE, Json(e)).into_response()
            }
        }
    }
}
