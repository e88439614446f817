//! `POST /api/sync`: a batch of frozen filings in, one result per filing out. The protocol is
//! written down in docs/sync.md.
//!
//! Per filing: the hash must match the payload; a client id seen before returns its original
//! result (same content) or a conflict (other content); the domain rules run again; the
//! attachments must be stored; the server checks for the kind run. What passes is stored in
//! one transaction for the whole batch, so every "accepted" in the answer is already durable.

mod base;
pub mod checks;
mod employer;
mod registration;
pub mod validate;

use std::collections::HashMap;

use app::api::sync::{is_sha256_hex, FilingKind, ItemResult, Outcome, SyncBatch, SyncItem, SyncResponse, MAX_BATCH_ITEMS};
use app::api::ApiError;
use app::domain::forms::Context;
use app::domain::{Date, FieldErrors, Issue};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use sha2::{Digest, Sha256};

use self::checks::{CheckInput, Verdict};
use crate::accounts::session::Principal;
use crate::store::{NewFiling, Stored, StoredFiling};
use crate::AppState;

/// The handler.
pub async fn sync(
    State(state): State<AppState>,
    Extension(by): Extension<Option<Principal>>,
    body: Result<Json<SyncBatch>, axum::extract::rejection::JsonRejection>,
) -> Response {
    let Ok(Json(batch)) = body else {
        return error(StatusCode::BAD_REQUEST, ApiError::new("bad_request", "请求格式不正确", "The request was malformed"));
    };
    if batch.items.len() > MAX_BATCH_ITEMS {
        return error(
            StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::new("batch_too_large", "一次提交的件数过多", "Too many filings in one batch"),
        );
    }
    match ingest_as(&state, batch, by.as_ref()).await {
        Ok(response) => Json(response).into_response(),
        Err(cause) => {
            tracing::error!(error = %cause, "sync: store failed; the batch was not stored");
            error(StatusCode::SERVICE_UNAVAILABLE, ApiError::new("unavailable", "服务暂时不可用，将自动重试", "The service is unavailable for now; it will be retried"))
        }
    }
}

fn error(status: StatusCode, e: ApiError) -> Response {
    (status, Json(e)).into_response()
}

/// What one item became before storing.
enum Pending {
    Done(Outcome),
    Store(usize),
}

/// Processes a batch sent without a session; an `Err` means nothing of it was stored.
pub async fn ingest(state: &AppState, batch: SyncBatch) -> Result<SyncResponse, crate::store::StoreError> {
    ingest_as(state, batch, None).await
}

/// Processes a batch sent by `by` (the session the request carried, if any): a field worker's
/// personal registrations are recorded as registered on the resident's behalf.
pub async fn ingest_as(state: &AppState, batch: SyncBatch, by: Option<&Principal>) -> Result<SyncResponse, crate::store::StoreError> {
    let now = app::api::ssr::now_ms();
    let today = Date::china_from_unix_ms(now);
    let ctx = Context { today, policy: Some(&state.policy) };
    let mut pending = Vec::with_capacity(batch.items.len());
    let mut to_store: Vec<NewFiling> = Vec::new();
    for item in &batch.items {
        let p = match prepare(state, &batch.device_id, item, &ctx, by).await? {
            Ok(filing) => {
                to_store.push(filing);
                Pending::Store(to_store.len() - 1)
            }
            Err(outcome) => Pending::Done(outcome),
        };
        pending.push(p);
    }
    let stored = if to_store.is_empty() {
        Vec::new()
    } else {
        state.store.store_filings(&to_store, &today.digits(), now).await?
    };
    let hashes: HashMap<&str, &str> = batch.items.iter().map(|i| (i.client_id.as_str(), i.content_hash.as_str())).collect();
    let results: Vec<ItemResult> = batch
        .items
        .iter()
        .zip(pending)
        .map(|(item, p)| {
            let outcome = match p {
                Pending::Done(o) => o,
                Pending::Store(i) => match &stored[i] {
                    Stored::New(f) => accepted(f, false),
                    Stored::Existing(f) => same_or_conflict(f, hashes[item.client_id.as_str()]),
                },
            };
            ItemResult::new(item.client_id.clone(), outcome)
        })
        .collect();
    // Every accepted registration has its account, and an employer's its application
    // (idempotent: also when a retry finds the filing stored by an attempt that failed before
    // creating them).
    for (item, result) in batch.items.iter().zip(&results) {
        if result.receipt_no.is_none() {
            continue;
        }
        match item.kind {
            FilingKind::PersonalRegistration => registration::ensure_account(state, &item.payload, &item.client_id, &ctx, now, by).await?,
            FilingKind::EmployerRegistration => employer::ensure_application(state, item, &ctx, now).await?,
            _ => {}
        }
    }
    tracing::info!(items = batch.items.len(), stored = to_store.len(), "sync batch");
    Ok(SyncResponse { results, server_time: now })
}

fn accepted(f: &StoredFiling, duplicate: bool) -> Outcome {
    Outcome::Accepted { receipt_no: f.receipt_no.clone(), received_at: f.received_at, duplicate }
}

fn same_or_conflict(f: &StoredFiling, hash: &str) -> Outcome {
    if f.content_hash == hash {
        accepted(f, true)
    } else {
        Outcome::Conflict {
            message: Issue::new(
                "conflict",
                "这份材料的编号已被另一份内容不同的提交使用，服务器保留了先到的一份；请导出本条并联系经办机构",
                "This filing's id was already used by a filing with other content; the server kept the first. Export this item and contact the agency",
            ),
        }
    }
}

fn rejected(field: &str, issue: Issue) -> Outcome {
    let mut errors = FieldErrors::default();
    errors.error(field, issue);
    Outcome::Rejected { errors }
}

/// Everything short of storing: `Ok(Ok(filing))` to store, `Ok(Err(outcome))` decided now.
async fn prepare(
    state: &AppState,
    device_id: &str,
    item: &SyncItem,
    ctx: &Context<'_>,
    by: Option<&Principal>,
) -> Result<Result<NewFiling, Outcome>, crate::store::StoreError> {
    if !is_client_id(&item.client_id) {
        return Ok(Err(rejected("form", Issue::new("client_id.invalid", "提交编号无效，请更新应用", "The filing id is invalid; update the app"))));
    }
    if hex_sha256(item.payload.as_bytes()) != item.content_hash {
        return Ok(Err(rejected(
            "form",
            Issue::new("payload.hash_mismatch", "提交内容在传输中损坏，请导出本条并联系经办机构", "The filing was damaged on its way; export it and contact the agency"),
        )));
    }
    if let Some(existing) = state.store.filing_by_client_id(&item.client_id).await? {
        return Ok(Err(same_or_conflict(&existing, &item.content_hash)));
    }
    let facts = match validate::validate(item.kind, &item.payload, ctx) {
        Ok(facts) => facts,
        Err(errors) => return Ok(Err(Outcome::Rejected { errors })),
    };
    if let Some(bad) = item.attachments.iter().find(|a| !is_sha256_hex(&a.sha256)) {
        return Ok(Err(rejected("form", Issue::formatted("attachment.invalid", format!("附件编号无效：{}", bad.slot), format!("Invalid attachment reference: {}", bad.slot)))));
    }
    let shas: Vec<String> = item.attachments.iter().map(|a| a.sha256.clone()).collect();
    let missing = state.store.attachments_missing(&shas).await?;
    if !missing.is_empty() {
        return Ok(Err(Outcome::MissingAttachments { missing }));
    }
    let subject = facts.subject.as_deref().map(|s| state.vault.blind_index(item.kind.as_str(), s));
    let input = CheckInput {
        kind: item.kind,
        client_id: &item.client_id,
        payload: &item.payload,
        subject_index: subject.as_deref(),
        store: state.store.as_ref(),
    };
    let before_storing = match item.kind {
        FilingKind::PersonalRegistration => Some(registration::check(state, &item.payload, ctx).await?),
        FilingKind::EmployerRegistration => Some(employer::check(state, item, ctx).await?),
        FilingKind::BaseDeclaration => Some(base::check(state, &item.payload, by)),
        FilingKind::Enrolment => None,
    };
    if let Some(verdict) = before_storing {
        match verdict {
            Verdict::Pass => {}
            Verdict::Reject(errors) => return Ok(Err(Outcome::Rejected { errors })),
            Verdict::Retry(message) => return Ok(Err(Outcome::Retry { message })),
        }
    }
    for check in state.checks.iter().filter(|c| c.applies_to(item.kind)) {
        match check.check(&input).await {
            Verdict::Pass => {}
            Verdict::Reject(errors) => return Ok(Err(Outcome::Rejected { errors })),
            Verdict::Retry(message) => return Ok(Err(Outcome::Retry { message })),
        }
    }
    Ok(Ok(NewFiling {
        client_id: item.client_id.clone(),
        kind: item.kind.as_str().to_owned(),
        content_hash: item.content_hash.clone(),
        payload: state.vault.seal(item.payload.as_bytes()),
        subject,
        region: facts.region.map(i64::from),
        device_id: device_id.chars().take(64).collect(),
        version_of: item.version_of.clone().filter(|v| is_client_id(v)),
        created_at: item.created_at,
        attachments: item.attachments.iter().map(|a| (a.slot.clone(), a.sha256.clone())).collect(),
    }))
}

/// A UUID in its 36-character text form.
fn is_client_id(s: &str) -> bool {
    s.len() == 36
        && s.bytes().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

pub fn hex_sha256(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

#[cfg(test)]
mod tests {
    #[test]
    fn client_ids_are_uuids() {
        assert!(super::is_client_id("0190f3a2-7c4e-7b1a-9c3d-1234567890ab"));
        assert!(!super::is_client_id("0190f3a2-7c4e-7b1a-9c3d-1234567890a"));
        assert!(!super::is_client_id("0190f3a2x7c4e-7b1a-9c3d-1234567890ab"));
    }
}
