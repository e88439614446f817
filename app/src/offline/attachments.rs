//! Photos and scans kept on the device as Blobs, named by their SHA-256, until the server has
//! them (and after, while a filing refers to them).

use idb::TransactionMode;
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};

use super::db::{self, Db, DbError, STORE_ATTACHMENTS};
use super::json::{from_js, to_js};

/// An attachment's description; the Blob itself sits beside it in the stored object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentMeta {
    pub sha256: String,
    pub mime: String,
    pub size: u64,
    pub width: u32,
    pub height: u32,
    pub created_at: i64,
    /// The server has the complete, verified file.
    pub uploaded: bool,
    /// What the device noticed about a photo (blurred, low resolution): shown on its slot.
    #[serde(default)]
    pub warnings: Vec<crate::domain::Issue>,
}

const BLOB_FIELD: &str = "blob";

/// Stores a file with its description.
pub async fn put(db: &Db, meta: &AttachmentMeta, blob: &web_sys::Blob) -> Result<(), DbError> {
    let value = to_js(meta)?;
    js_sys::Reflect::set(&value, &BLOB_FIELD.into(), blob).map_err(|_| DbError::Failed("blob".into()))?;
    let tx = db.tx(&[STORE_ATTACHMENTS], TransactionMode::ReadWrite)?;
    tx.object_store(STORE_ATTACHMENTS)?.put(&value, None)?.await?;
    db::commit(tx).await
}

/// A file and its description.
pub async fn get(db: &Db, sha256: &str) -> Result<Option<(AttachmentMeta, web_sys::Blob)>, DbError> {
    let tx = db.tx(&[STORE_ATTACHMENTS], TransactionMode::ReadOnly)?;
    let Some(value) = tx.object_store(STORE_ATTACHMENTS)?.get(JsValue::from_str(sha256))?.await? else {
        return Ok(None);
    };
    let blob: web_sys::Blob = js_sys::Reflect::get(&value, &BLOB_FIELD.into())
        .ok()
        .and_then(|b| b.dyn_into().ok())
        .ok_or_else(|| DbError::Failed("attachment without its file".into()))?;
    let _ = js_sys::Reflect::delete_property(value.unchecked_ref::<js_sys::Object>(), &BLOB_FIELD.into());
    Ok(Some((from_js(value)?, blob)))
}

/// Records that the server has the file.
pub async fn mark_uploaded(db: &Db, sha256: &str, uploaded: bool) -> Result<(), DbError> {
    if let Some((mut meta, blob)) = get(db, sha256).await? {
        meta.uploaded = uploaded;
        put(db, &meta, &blob).await?;
    }
    Ok(())
}
