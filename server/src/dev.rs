//! Developer-only pages, mounted only with `--dev` (never in production): what the server
//! stored, for people trying the app and for the end-to-end tests. No personal data: filings
//! are listed by their bookkeeping, attachments only by their hash.

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use crate::AppState;

/// The first demo people (fictional, made by the seed) with a contribution history, to try
/// registration with: a registration goes through with the person's own mobile on record, and
/// the person then sees their records.
pub async fn demo_people(State(state): State<AppState>) -> Response {
    let demo = crate::registry::demo::Demo::new();
    let today = app::domain::Date::china_from_unix_ms(crate::store::now_ms());
    let people: Vec<_> = (0..200)
        .map(|i| demo.person(i))
        .filter(|p| crate::ledger::demo::with_history(p, today, &state.policy).is_some())
        .take(5)
        .map(|p| json!({ "name": p.name, "id_number": p.id_number, "mobile": p.mobile, "status": p.status }))
        .collect();
    Json(people).into_response()
}

/// The development SMS gateway's latest messages, newest first (codes for trying the app).
pub async fn sms(State(state): State<AppState>) -> Response {
    Json(state.accounts.dev_sms.as_ref().map(|g| g.recent()).unwrap_or_default()).into_response()
}

pub async fn filings(State(state): State<AppState>) -> Response {
    match state.store.all_filings().await {
        Ok(list) => Json(
            list.iter()
                .map(|f| json!({ "client_id": f.client_id, "kind": f.kind, "receipt_no": f.receipt_no, "content_hash": f.content_hash }))
                .collect::<Vec<_>>(),
        )
        .into_response(),
        Err(e) => (StatusCode::SERVICE_UNAVAILABLE, e.to_string()).into_response(),
    }
}

/// The stored file, opened (so a test can hash the server's copy).
pub async fn attachment(State(state): State<AppState>, Path(sha256): Path<String>) -> Response {
    match state.store.attachment_get(&sha256).await {
        Ok(Some((mime, sealed))) => match state.vault.open(&crate::vault::bound::attachment(&sha256), &sealed) {
            Ok(bytes) => ([(header::CONTENT_TYPE, mime)], bytes).into_response(),
            Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
        },
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => (StatusCode::SERVICE_UNAVAILABLE, e.to_string()).into_response(),
    }
}
