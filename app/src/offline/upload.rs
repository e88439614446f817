//! Sends one attachment in chunks, resuming from what the server reports it has: a dropped
//! connection costs only the chunk in flight.

use crate::api::client;
use crate::api::endpoints;
use crate::api::sync::{chunk_count, upload_proof_input, UploadStart, UploadStatus, CHUNK_SIZE};
use crate::api::ApiError;

use super::attachments;
use super::db::Db;
use super::ids;

/// Uploads the stored attachment `sha256`, calling `progress(sent, total)` in bytes.
pub async fn upload(db: &Db, sha256: &str, progress: &dyn Fn(u64, u64)) -> Result<(), ApiError> {
    let (meta, blob) = attachments::get(db, sha256)
        .await
        .map_err(|_| ApiError::new("attachment.lost", "本机找不到这个附件，请重新拍照", "The attachment is missing on this device; take the photo again"))?
        .ok_or_else(|| ApiError::new("attachment.lost", "本机找不到这个附件，请重新拍照", "The attachment is missing on this device; take the photo again"))?;
    if meta.uploaded {
        progress(meta.size, meta.size);
        return Ok(());
    }
    let path = endpoints::UPLOAD.with(&[sha256]);
    let read = |start: u64, end: u64| {
        let part = blob.slice_with_f64_and_f64(start as f64, end as f64);
        async move {
            let part = part.map_err(|_| ApiError::new("attachment.read", "无法读取附件", "The attachment could not be read"))?;
            ids::blob_bytes(&part).await.map_err(|_| ApiError::new("attachment.read", "无法读取附件", "The attachment could not be read"))
        }
    };
    let first = read(0, meta.size.min(u64::from(CHUNK_SIZE))).await?;
    let proof = ids::sha256_hex(&upload_proof_input(sha256, &first))
        .await
        .map_err(|_| ApiError::new("attachment.read", "无法读取附件", "The attachment could not be read"))?;
    let start = UploadStart { size: meta.size, mime: meta.mime.clone(), proof: proof.clone() };
    let mut status: UploadStatus = client::post_json(&path, &start).await?;
    let count = chunk_count(meta.size, status.chunk_size);
    let chunk = u64::from(status.chunk_size);
    let mut sent = (status.received.len() as u64 * chunk).min(meta.size);
    progress(sent, meta.size);
    let missing: Vec<u32> = (0..count).filter(|i| !status.received.contains(i)).collect();
    for index in missing {
        if status.complete {
            break;
        }
        let start = u64::from(index) * chunk;
        let end = (start + chunk).min(meta.size);
        let bytes = read(start, end).await?;
        status = client::put_bytes(&format!("{path}/chunks/{index}"), &bytes).await?;
        sent = (sent + (end - start)).min(meta.size);
        progress(sent, meta.size);
    }
    if !status.complete {
        status = client::get_json(&format!("{path}?proof={proof}")).await?;
    }
    if status.complete {
        // Best effort: if this write fails, the next pass asks the server again.
        let _ = attachments::mark_uploaded(db, sha256, true).await;
        progress(meta.size, meta.size);
        Ok(())
    } else {
        Err(ApiError::new("upload.incomplete", "附件未传完，将继续上传", "The attachment is not complete; will continue"))
    }
}
