//! The sync engine, one pass: upload the attachments of due items (resuming), send the items in
//! bounded batches, record each answer. Items are only ever updated, never removed; the state
//! machine itself is `sync_plan`.

use super::db::{Db, DbError};
use super::{ids, outbox, upload};
use crate::api::client;
use crate::api::endpoints;
use crate::api::sync::{Outcome, SyncBatch, SyncResponse};
use crate::api::ApiError;
use crate::api::cases::{ReviewAnswer, ReviewAsk};
use crate::sync_plan::{apply, batches, learn, ItemState, OutboxItem, Scope};

/// What a pass did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// The server answered at least once.
    pub reached: bool,
    /// A request got no answer at all.
    pub unreachable: bool,
    pub accepted: usize,
    /// When the next item becomes due (ms since the epoch), if any is waiting to retry.
    pub next_due_at: Option<i64>,
}

fn now() -> i64 {
    js_sys::Date::now() as i64
}

/// An item whose attachment could not be sent: a refusal needs the person, anything else is
/// retried.
fn after_upload_error(item: OutboxItem, error: &ApiError) -> OutboxItem {
    if error.code == "unreachable" {
        return apply(item, None, now(), ids::random_unit());
    }
    if error.is_transient() || error.code.starts_with("upload.incomplete") {
        return apply(item, Some(&Outcome::Retry { message: error.to_issue() }), now(), ids::random_unit());
    }
    let mut item = item;
    item.state = ItemState::NeedsAttention;
    item.last_error = Some(error.to_issue());
    item.updated_at = now();
    item
}

/// One pass over the outbox, trying what `scope` covers (see `Scope`). `progress(sha256, sent,
/// total)` follows uploads.
///
/// Backoff is per item, so the items of one outage fall due one by one; once a pass has sent
/// what was due and the server answered every request, the items still waiting out a backoff
/// were only waiting for the server — they go in the same pass, in full batches, instead of
/// trickling out one per timer.
pub async fn run(db: &Db, device_id: &str, scope: Scope, progress: &dyn Fn(&str, u64, u64)) -> Result<Summary, DbError> {
    let mut summary = Summary::default();
    let started = now();
    let due: Vec<OutboxItem> = outbox::list(db).await?.into_iter().filter(|i| i.in_scope(scope, started)).collect();
    let tried: Vec<String> = due.iter().map(|i| i.client_id.clone()).collect();
    let clean = send(db, device_id, due, &mut summary, progress).await?;
    if clean && summary.reached {
        let waiting: Vec<OutboxItem> = outbox::in_state(db, ItemState::Retrying).await?.into_iter().filter(|i| !tried.contains(&i.client_id)).collect();
        if !waiting.is_empty() {
            send(db, device_id, waiting, &mut summary, progress).await?;
        }
    }
    if !summary.unreachable {
        ask_reviews(db, &mut summary).await?;
    }
    summary.next_due_at = outbox::in_state(db, ItemState::Retrying).await?.iter().map(|i| i.next_attempt_at).min();
    Ok(summary)
}

/// Asks what the agency made of the accepted filings that wait for its review (a returned one
/// shows its reasons on the form, to fix and file again). Not signed in, or no answer: asked
/// again next pass.
async fn ask_reviews(db: &Db, summary: &mut Summary) -> Result<(), DbError> {
    let asking: Vec<OutboxItem> =
        outbox::in_state(db, ItemState::Accepted).await?.into_iter().filter(OutboxItem::awaits_review).take(crate::api::cases::MAX_ASKED).collect();
    if asking.is_empty() {
        return Ok(());
    }
    let ask = ReviewAsk { client_ids: asking.iter().map(|i| i.client_id.clone()).collect() };
    match client::post_json::<_, ReviewAnswer>(endpoints::FILINGS_REVIEW.path, &ask).await {
        Ok(answer) => {
            summary.reached = true;
            outbox::update_all(db, &learn(&asking, &answer.filings, now())).await
        }
        Err(e) => {
            summary.unreachable |= e.code == "unreachable";
            Ok(())
        }
    }
}

/// Sends `items`: their attachments first (resuming), then the items in bounded batches,
/// recording each answer. Stops at the first request that gets no answer. `true` when every
/// request was answered without a transient failure (unreachable, busy).
async fn send(db: &Db, device_id: &str, items: Vec<OutboxItem>, summary: &mut Summary, progress: &dyn Fn(&str, u64, u64)) -> Result<bool, DbError> {
    let mut ready = Vec::new();
    let mut offline = false;
    let mut clean = true;
    for item in items {
        let mut failure = None;
        for att in &item.attachments {
            if let Err(e) = upload::upload(db, &att.sha256, &|sent, total| progress(&att.sha256, sent, total)).await {
                failure = Some(e);
                break;
            }
            summary.reached = true;
        }
        match failure {
            None => ready.push(item),
            Some(e) => {
                offline |= e.code == "unreachable";
                clean &= !e.is_transient();
                outbox::update_all(db, &[after_upload_error(item, &e)]).await?;
            }
        }
        if offline {
            break;
        }
    }
    for indexes in batches(&ready) {
        if offline {
            break;
        }
        let mut items: Vec<OutboxItem> = indexes.iter().map(|&i| ready[i].clone()).collect();
        for it in &mut items {
            it.state = ItemState::Sending;
            it.updated_at = now();
        }
        outbox::update_all(db, &items).await?;
        let request = SyncBatch { device_id: device_id.to_owned(), items: items.iter().map(OutboxItem::to_sync_item).collect() };
        let answer: Result<SyncResponse, ApiError> = client::post_json(endpoints::SYNC.path, &request).await;
        let updated: Vec<OutboxItem> = match answer {
            Ok(response) => {
                summary.reached = true;
                let outcomes: Vec<(String, Outcome)> = response.results.into_iter().map(|r| (r.client_id.clone(), r.outcome())).collect();
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    let outcome = outcomes.iter().find(|(id, _)| *id == item.client_id).map(|(_, o)| o);
                    if let Some(Outcome::MissingAttachments { missing }) = outcome {
                        for sha in missing {
                            super::attachments::mark_uploaded(db, sha, false).await?;
                        }
                    }
                    summary.accepted += usize::from(matches!(outcome, Some(Outcome::Accepted { .. })));
                    out.push(apply(item, outcome, now(), ids::random_unit()));
                }
                out
            }
            Err(e) => {
                // No answer at all (network), or the server refused the whole batch (busy).
                offline = e.code == "unreachable";
                clean = false;
                summary.reached |= !offline;
                let outcome = (!offline).then(|| Outcome::Retry { message: e.to_issue() });
                items.into_iter().map(|i| apply(i, outcome.as_ref(), now(), ids::random_unit())).collect()
            }
        };
        outbox::update_all(db, &updated).await?;
    }
    summary.unreachable |= offline;
    Ok(clean && !offline)
}
