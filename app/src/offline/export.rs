//! Exporting unsent filings as a file the person can keep or hand over: every item not yet
//! accepted, with its attachments, as JSON (photos base64-encoded).

use serde::Serialize;
use wasm_bindgen::JsCast;

use super::db::{Db, DbError};
use super::{attachments, ids, json, outbox};
use crate::sync_plan::OutboxItem;

#[derive(Serialize)]
struct ExportedAttachment {
    sha256: String,
    mime: String,
    base64: String,
}

#[derive(Serialize)]
struct Export {
    format: &'static str,
    exported_at: i64,
    items: Vec<OutboxItem>,
    attachments: Vec<ExportedAttachment>,
}

fn base64(bytes: &[u8]) -> String {
    let binary: String = bytes.iter().map(|&b| char::from(b)).collect();
    leptos::prelude::window().btoa(&binary).unwrap_or_default()
}

/// The export as JSON text, and how many items it holds.
pub async fn unsent_json(db: &Db) -> Result<(String, usize), DbError> {
    let items: Vec<OutboxItem> = outbox::list(db).await?.into_iter().filter(|i| i.state.is_unsent()).collect();
    let mut files = Vec::new();
    for sha in items.iter().flat_map(|i| i.attachments.iter().map(|a| a.sha256.clone())) {
        if let Some((meta, blob)) = attachments::get(db, &sha).await? {
            let bytes = ids::blob_bytes(&blob).await?;
            files.push(ExportedAttachment { sha256: sha, mime: meta.mime, base64: base64(&bytes) });
        }
    }
    let count = items.len();
    let export = Export { format: "shebao-outbox-export/1", exported_at: js_sys::Date::now() as i64, items, attachments: files };
    Ok((json::to_text(&export)?, count))
}

/// Offers `text` as a file download.
pub fn download(name: &str, text: &str) -> Option<()> {
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let a: web_sys::HtmlAnchorElement = leptos::prelude::document().create_element("a").ok()?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // The download reads the blob after this task: let it go only later.
    leptos::prelude::set_timeout(move || { let _ = web_sys::Url::revoke_object_url(&url); }, std::time::Duration::from_secs(60));
    Some(())
}
