//! Who may call what. Every route the server has is listed in [`ENDPOINTS`] with the roles
//! that may call it; a route missing from the table is refused to everyone (so a new endpoint
//! cannot be forgotten open). The guard also enforces CSRF on every state-changing request:
//! a foreign `Origin` is refused, and a request made with a session must echo that session's
//! token in `x-csrf-token`.

use app::api::auth::{Role, CSRF_HEADER};
use app::api::ApiError;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::session::{self, Principal};
use super::Refusal;
use crate::AppState;

/// Who may call an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// No login needed (the handler itself may still check what it is given).
    Anyone,
    /// Signed in with one of these roles.
    Roles(&'static [Role]),
}

/// Every role.
pub const SIGNED_IN: &[Role] = &Role::ALL;

/// One route: method (`None`: any) and axum path pattern.
#[derive(Debug, Clone, Copy)]
pub struct Endpoint {
    pub method: Option<&'static str>,
    pub path: &'static str,
    pub access: Access,
}

const fn ep(method: &'static str, path: &'static str, access: Access) -> Endpoint {
    Endpoint { method: Some(method), path, access }
}

pub const ENDPOINTS: &[Endpoint] = &[
    ep("GET", "/healthz", Access::Anyone),
    // The outbox syncs with or without a session: registrations are made before there is an
    // account, and each filing is checked on its own. A field worker's session, when the
    // request carries one, records their registrations as assisted.
    ep("POST", "/api/sync", Access::Anyone),
    ep("POST", "/api/uploads/{sha256}", Access::Anyone),
    ep("GET", "/api/uploads/{sha256}", Access::Anyone),
    ep("PUT", "/api/uploads/{sha256}/chunks/{index}", Access::Anyone),
    ep("POST", "/api/auth/sms", Access::Anyone),
    ep("POST", "/api/auth/register", Access::Anyone),
    ep("POST", "/api/auth/login", Access::Anyone),
    ep("POST", "/api/auth/reset", Access::Anyone),
    ep("POST", "/api/auth/verify-phone", Access::Anyone),
    ep("POST", "/api/auth/logout", Access::Roles(SIGNED_IN)),
    ep("GET", "/api/auth/me", Access::Roles(SIGNED_IN)),
    ep("POST", "/api/auth/profile", Access::Roles(SIGNED_IN)),
    ep("POST", "/api/auth/assisted", Access::Roles(&[Role::FieldWorker])),
    ep("GET", "/api/admin/audit", Access::Roles(&[Role::Admin])),
    // The review desk: reviewers only (admins read the audit log of what they did).
    ep("GET", "/api/review/queue", Access::Roles(&[Role::Reviewer])),
    ep("GET", "/api/review/applications/{id}", Access::Roles(&[Role::Reviewer])),
    ep("GET", "/api/review/applications/{id}/materials/{slot}", Access::Roles(&[Role::Reviewer])),
    ep("POST", "/api/review/applications/{id}/decision", Access::Roles(&[Role::Reviewer])),
    // 审核进度查询: an applicant cannot log in before the approval; the credit code and the
    // password set at registration show their own application only.
    ep("POST", "/api/employer/status", Access::Anyone),
    ep("POST", "/api/employer/verify-mobile", Access::Anyone),
    // 办理凭证: the client id is the capability (only the device that made the filing knows
    // it); the verify page shows nothing personal.
    ep("GET", "/voucher/{client_id}", Access::Anyone),
    ep("GET", "/verify/{token}", Access::Anyone),
    ep("GET", "/voucher.css", Access::Anyone),
    // Public server functions (server information, the policy table).
    Endpoint { method: None, path: "/api/{*fn_name}", access: Access::Anyone },
    // Mounted only in development mode.
    ep("GET", "/dev/filings", Access::Anyone),
    ep("GET", "/dev/attachments/{sha256}", Access::Anyone),
    ep("GET", "/dev/sms", Access::Anyone),
    ep("GET", "/dev/demo-people", Access::Anyone),
];

pub fn lookup(method: &Method, path: &str) -> Option<Access> {
    ENDPOINTS
        .iter()
        .find(|e| e.path == path && e.method.is_none_or(|m| m == method.as_str()))
        .map(|e| e.access)
}

fn refuse(status: StatusCode, code: &str, zh: &str, en: &str) -> Response {
    Refusal::api(status, ApiError::new(code, zh, en)).into_response()
}

fn forbidden() -> Response {
    refuse(StatusCode::FORBIDDEN, "forbidden", "您没有办理此项业务的权限", "You are not allowed to do this")
}

/// Whether the request comes from a page of this site (when the browser says where from).
fn same_origin(request: &Request) -> bool {
    let h = request.headers();
    if h.get("sec-fetch-site").is_some_and(|v| v == "cross-site" || v == "same-site") {
        return false;
    }
    let Some(origin) = h.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else { return true };
    let host = h.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("");
    origin.split_once("://").is_some_and(|(_, rest)| rest == host)
}

/// The middleware: session, CSRF, access.
pub async fn guard(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let now = crate::store::now_ms();
    let path = request.extensions().get::<MatchedPath>().map(|p| p.as_str().to_owned()).unwrap_or_default();
    let Some(access) = lookup(request.method(), &path) else {
        tracing::error!(path, "route missing from the access table; refused");
        return forbidden();
    };
    let principal = match session::load(state.store.as_ref(), state.accounts.cookies, request.headers(), now).await {
        Ok(p) => p,
        Err(e) => return Refusal::from(e).into_response(),
    };
    let safe = matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if !safe {
        let token_ok = principal.as_ref().is_none_or(|p| {
            request.headers().get(CSRF_HEADER).and_then(|v| v.to_str().ok()).is_some_and(|t| t == p.csrf)
        });
        if !same_origin(&request) || !token_ok {
            return refuse(StatusCode::FORBIDDEN, "csrf", "页面已过期，请刷新后重试", "This page has expired; reload and try again");
        }
    }
    if let Access::Roles(roles) = access {
        match &principal {
            None => return refuse(StatusCode::UNAUTHORIZED, "login_required", "请先登录", "Please log in first"),
            Some(p) if !roles.contains(&p.role) => return forbidden(),
            Some(_) => {}
        }
    }
    request.extensions_mut().insert::<Option<Principal>>(principal);
    next.run(request).await
}
