//! Who may call what: the rule of every route is in the one endpoint table,
//! [`app::api::endpoints`]; a route missing from it is refused to everyone (so a new endpoint
//! cannot be forgotten open). The guard also enforces CSRF on every state-changing request:
//! a foreign `Origin` is refused, and a request made with a session must echo that session's
//! token in `x-csrf-token`.

use app::api::auth::CSRF_HEADER;
use app::api::endpoints::{self, Access};
use app::api::ApiError;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::session::{self, Principal};
use super::Cx;
use crate::http::Refusal;

fn refuse(status: StatusCode, error: ApiError) -> Response {
    Refusal::api(status, error).into_response()
}

fn forbidden() -> Response {
    refuse(StatusCode::FORBIDDEN, ApiError::new("forbidden", "您没有办理此项业务的权限", "You are not allowed to do this"))
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
pub async fn guard(State(cx): State<Cx>, mut request: Request, next: Next) -> Response {
    let now = crate::store::now_ms();
    let path = request.extensions().get::<MatchedPath>().map(|p| p.as_str().to_owned()).unwrap_or_default();
    let Some(endpoint) = endpoints::find(request.method().as_str(), &path) else {
        tracing::error!(path, "route missing from the endpoint table; refused");
        return forbidden();
    };
    let principal = match session::load(cx.store.as_ref(), cx.services.cookies, request.headers(), now).await {
        Ok(p) => p,
        Err(e) => return Refusal::from(e).into_response(),
    };
    let safe = matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if !safe {
        let token_ok = principal.as_ref().is_none_or(|p| {
            request.headers().get(CSRF_HEADER).and_then(|v| v.to_str().ok()).is_some_and(|t| t == p.csrf)
        });
        if !same_origin(&request) || !token_ok {
            return refuse(StatusCode::FORBIDDEN, ApiError::new("csrf", "页面已过期，请刷新后重试", "This page has expired; reload and try again"));
        }
    }
    if let Access::Roles(roles) = endpoint.access {
        match &principal {
            None => return refuse(StatusCode::UNAUTHORIZED, ApiError::new("login_required", "请先登录", "Please log in first")),
            Some(p) if !roles.contains(&p.role) => return forbidden(),
            Some(_) => {}
        }
    }
    request.extensions_mut().insert::<Option<Principal>>(principal);
    next.run(request).await
}
