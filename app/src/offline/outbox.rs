//! The outbox: submitted filings, frozen (the exact JSON text, its hash, a UUIDv7 client id)
//! until the server acknowledges a durable commit — and kept after that, with the receipt.
//! Submitting is one strict-durability transaction that writes the item and freezes the draft.

use idb::TransactionMode;
use wasm_bindgen::JsValue;

use super::db::{self, Db, DbError, STORE_DRAFTS, STORE_OUTBOX};
use super::drafts::DraftRecord;
use super::json::to_js;

pub use crate::sync_plan::{ItemState, OutboxItem};

/// Freezes `draft` into the outbox: the item and the frozen draft are written in one
/// transaction that commits only once on disk. The hash is computed before the transaction
/// opens (awaiting Web Crypto inside it would let the browser commit it early).
pub async fn submit(db: &Db, draft: &DraftRecord, now: i64) -> Result<OutboxItem, DbError> {
    let content_hash = super::ids::sha256_hex(draft.data.as_bytes()).await?;
    let item = OutboxItem {
        client_id: super::ids::uuid_v7(),
        kind: draft.kind,
        payload: draft.data.clone(),
        content_hash,
        attachments: draft.attachments.clone(),
        version_of: draft.version_of.clone(),
        draft_id: draft.id.clone(),
        title: draft.title.clone(),
        created_at: now,
        state: ItemState::Waiting,
        attempts: 0,
        next_attempt_at: now,
        last_error: None,
        receipt_no: None,
        accepted_at: None,
        errors: None,
        updated_at: now,
        review: None,
    };
    let mut frozen = draft.clone();
    frozen.frozen_as = Some(item.client_id.clone());
    frozen.updated_at = now;
    let (item_js, draft_js) = (to_js(&item)?, to_js(&frozen)?);
    let tx = db.strict_tx(&[STORE_OUTBOX, STORE_DRAFTS])?;
    tx.object_store(STORE_OUTBOX)?.add(&item_js, None)?.await?;
    tx.object_store(STORE_DRAFTS)?.put(&draft_js, None)?.await?;
    db::commit(tx).await?;
    Ok(item)
}

pub async fn get(db: &Db, client_id: &str) -> Result<Option<OutboxItem>, DbError> {
    db::get(db, STORE_OUTBOX, client_id).await
}

/// Every item, the newest first.
pub async fn list(db: &Db) -> Result<Vec<OutboxItem>, DbError> {
    let mut items: Vec<OutboxItem> = db::all(db, STORE_OUTBOX).await?;
    items.sort_by(|a, b| b.client_id.cmp(&a.client_id));
    Ok(items)
}

/// Items in `state` (through the index).
pub async fn in_state(db: &Db, state: ItemState) -> Result<Vec<OutboxItem>, DbError> {
    let tx = db.tx(&[STORE_OUTBOX], TransactionMode::ReadOnly)?;
    let values = tx.object_store(STORE_OUTBOX)?.index("state")?.get_all(Some(JsValue::from_str(state.as_str()).into()), None)?.await?;
    values.into_iter().map(|v| super::json::from_js(v).map_err(DbError::from)).collect()
}

/// Writes several items in one strict transaction (state changes after a sync answer).
pub async fn update_all(db: &Db, items: &[OutboxItem]) -> Result<(), DbError> {
    if items.is_empty() {
        return Ok(());
    }
    let values: Vec<JsValue> = items.iter().map(to_js).collect::<Result<_, _>>()?;
    let tx = db.strict_tx(&[STORE_OUTBOX])?;
    let store = tx.object_store(STORE_OUTBOX)?;
    for v in &values {
        store.put(v, None)?.await?;
    }
    db::commit(tx).await
}
