//! The whole HTTP surface in one function, so tests drive it with `oneshot` and no socket.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use app::api::sync::{CHUNK_SIZE, MAX_BATCH_BYTES};
use axum::extract::DefaultBodyLimit;
use axum::routing::{any, get, post, put};
use axum::{middleware, Json, Router};
use serde_json::json;
use tower_http::trace::TraceLayer;

use app::api::auth;

use crate::accounts::handlers as h;
use crate::{accounts, applicant, headers, ingest, review, site, uploads, vouchers, AppState};

/// Builds the router: `/healthz`, server functions under `/api/`, and the site for the rest.
pub fn app(state: AppState) -> Router {
    register_server_fns();
    let dynamic = Router::new()
        .route("/healthz", get(healthz))
        // JSON escaping can double a payload's size on the wire.
        .route("/api/sync", post(ingest::sync).layer(DefaultBodyLimit::max(MAX_BATCH_BYTES * 2 + 64 * 1024)))
        .route("/api/uploads/{sha256}", post(uploads::start).get(uploads::status))
        .route(
            "/api/uploads/{sha256}/chunks/{index}",
            put(uploads::chunk).layer(DefaultBodyLimit::max(CHUNK_SIZE as usize + 1024)),
        )
        .route(auth::SMS, post(h::sms))
        .route(auth::REGISTER, post(h::register))
        .route(auth::LOGIN, post(h::login))
        .route(auth::LOGOUT, post(h::logout))
        .route(auth::ME, get(h::me))
        .route(auth::PROFILE, post(h::profile))
        .route(auth::RESET, post(h::reset))
        .route(auth::ASSISTED, post(h::assisted))
        .route(auth::VERIFY_PHONE, post(h::verify_phone))
        .route(app::api::admin::AUDIT, get(h::audit))
        .route("/api/review/queue", get(review::queue))
        .route("/api/review/applications/{id}", get(review::application))
        .route("/api/review/applications/{id}/materials/{slot}", get(review::material))
        .route("/api/review/applications/{id}/decision", post(review::decide))
        .route(app::api::review::EMPLOYER_STATUS, post(applicant::employer_status))
        .route(app::api::review::EMPLOYER_VERIFY_MOBILE, post(applicant::verify_mobile))
        .route("/voucher/{client_id}", get(vouchers::voucher))
        .route("/verify/{token}", get(vouchers::verify))
        .route("/voucher.css", get(vouchers::stylesheet))
        .route("/api/{*fn_name}", any(server_fns));
    let dynamic = if state.dev { dynamic.merge(crate::dev::routes()) } else { dynamic };
    // Sessions, CSRF and roles for every dynamic route (`route_layer`: it sees the matched
    // route, and unknown paths still fall through to the site).
    let dynamic = dynamic
        .route_layer(middleware::from_fn_with_state(state.clone(), accounts::access::guard))
        .layer(middleware::from_fn(headers::no_store));
    Router::new()
        .merge(dynamic)
        .fallback(site::serve)
        .layer(middleware::from_fn_with_state(state.clone(), headers::security))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Linking `app` is not always enough for its server functions to register (the linker may
/// drop a module nothing names), so each one is named here.
fn register_server_fns() {
    use leptos::server_fn::axum::register_explicit;
    register_explicit::<app::api::AboutServer>();
    register_explicit::<app::api::GetPolicy>();
}

/// Alive and able to reach the store. The app's online/offline badge polls this.
async fn healthz(State(state): State<AppState>) -> Response {
    match state.store.ping().await {
        Ok(()) => Json(json!({ "status": "ok", "version": env!("CARGO_PKG_VERSION") })).into_response(),
        Err(error) => {
            tracing::error!(%error, "health check: store unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, Json(json!({ "status": "unavailable" }))).into_response()
        }
    }
}

/// Every server function defined in `app::api`; any other path under `/api/` is a 404.
async fn server_fns(State(state): State<AppState>, request: Request<Body>) -> Response {
    let known = leptos::server_fn::axum::get_server_fn_service(request.uri().path(), request.method().clone()).is_some();
    if !known {
        let e = app::api::ApiError::new("not_found", "没有这个接口", "No such endpoint");
        return (StatusCode::NOT_FOUND, Json(e)).into_response();
    }
    leptos_axum::handle_server_fns_with_context(move || leptos::prelude::provide_context(state.services()), request)
        .await
        .into_response()
}
