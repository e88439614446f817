//! Resumable attachment uploads, named by the file's SHA-256:
//!
//! - `POST /api/uploads/{sha256}` `{size, mime, proof}` starts (or resumes) one and answers what
//!   the server has — "complete" only with a proof that the sender holds the file;
//! - `GET /api/uploads/{sha256}?proof=` answers what the server has (404: nothing);
//! - `PUT /api/uploads/{sha256}/chunks/{index}` sends one chunk (a chunk sent twice is kept
//!   once). After the last one the file is assembled, its hash verified and its type sniffed
//!   from its first bytes; a mismatch discards the upload with a clear message.

use app::api::sync::{chunk_count, is_sha256_hex, sniff_mime, upload_proof_input, UploadStart, UploadStatus, CHUNK_SIZE, MAX_ATTACHMENT_BYTES};
use app::api::ApiError;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::Extension;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

pub mod store;

use std::sync::Arc;

pub use self::store::{Upload, UploadStore};
use crate::accounts::session::Principal;
use crate::http::{quota, ClientAddress, Refusal};
use crate::store::StoreError;
use crate::vault::{bound, hex_sha256, Vault};

/// The queries uploads need.
pub trait Db: UploadStore + crate::store::CounterStore + Send + Sync + 'static {}
impl<T: UploadStore + crate::store::CounterStore + Send + Sync + 'static + ?Sized> Db for T {}

/// What the upload endpoints reach (`FromRef` of the server's state).
#[derive(Clone)]
pub struct Cx {
    pub store: Arc<dyn Db>,
    pub vault: Vault,
}

const ACCEPTED: &[&str] = &["image/jpeg", "image/png", "application/pdf"];

/// A filing's attachment in `slot`, opened, as staff's screens show it (`None`: the filing has
/// none there). Shown in an `<img>`, never rendered as a page of this site: a navigation to it
/// downloads, and whatever the file holds runs nowhere (a sandbox with no script).
pub(crate) async fn attached_file<S: crate::filings::FilingStore + UploadStore + ?Sized>(
    store: &S,
    vault: &Vault,
    client_id: &str,
    slot: &str,
) -> Result<Option<Response>, crate::http::Internal> {
    let attached = store.filing_attachments(client_id).await?;
    let Some((_, sha, _, _)) = attached.into_iter().find(|(s, ..)| s == slot) else { return Ok(None) };
    let Some((mime, sealed)) = store.attachment_get(&sha).await? else { return Ok(None) };
    let bytes = vault.open(&bound::attachment(&sha), &sealed)?;
    let name = format!("attachment; filename=\"{slot}.{}\"", if mime == "application/pdf" { "pdf" } else if mime == "image/png" { "png" } else { "jpg" });
    use axum::http::header;
    Ok(Some(
        (
            [
                (header::CONTENT_TYPE, mime),
                (header::CACHE_CONTROL, "private, no-store".into()),
                (header::CONTENT_DISPOSITION, name),
                (header::CONTENT_SECURITY_POLICY, "sandbox; default-src 'none'".into()),
            ],
            bytes,
        )
            .into_response(),
    ))
}

fn refuse(status: StatusCode, code: &'static str, zh: &'static str, en: &'static str) -> Response {
    (status, Json(ApiError::new(code, zh, en))).into_response()
}

fn unavailable(error: StoreError) -> Response {
    tracing::error!(%error, "uploads: store failed");
    refuse(StatusCode::SERVICE_UNAVAILABLE, "unavailable", "服务暂时不可用，将自动重试", "The service is unavailable for now; it will be retried")
}

fn bad_name() -> Response {
    refuse(StatusCode::BAD_REQUEST, "upload.name", "附件编号无效", "Invalid attachment name")
}

fn too_large() -> Response {
    refuse(
        StatusCode::PAYLOAD_TOO_LARGE,
        "upload.too_large",
        "文件过大：每个附件不超过 5 MB",
        "The file is too large: at most 5 MB per attachment",
    )
}

/// What the server holds of `sha256`, as told to this sender: an upload in progress, or — only
/// with a `proof` that the sender holds the file — a complete one. To anyone else a stored file
/// is not there (they may send it, which proves they have it), so a hash alone never tells that
/// someone filed a given document.
async fn status_of(state: &Cx, sha256: &str, proof: Option<&str>) -> Result<Option<UploadStatus>, StoreError> {
    if let Some(u) = state.store.upload_get(sha256).await? {
        return Ok(Some(UploadStatus {
            sha256: sha256.to_owned(),
            size: u.size as u64,
            chunk_size: u.chunk_size as u32,
            received: u.received.into_iter().map(|i| i as u32).collect(),
            complete: false,
        }));
    }
    let Some(proof) = proof.filter(|p| is_sha256_hex(p)) else { return Ok(None) };
    let Some((_, sealed)) = state.store.attachment_get(sha256).await? else { return Ok(None) };
    let Ok(file) = state.vault.open(&bound::attachment(sha256), &sealed) else { return Ok(None) };
    let first = &file[..file.len().min(CHUNK_SIZE as usize)];
    Ok((hex_sha256(&upload_proof_input(sha256, first)) == proof).then(|| complete(sha256, file.len() as u64)))
}

fn complete(sha256: &str, size: u64) -> UploadStatus {
    UploadStatus { sha256: sha256.to_owned(), size, chunk_size: CHUNK_SIZE, received: Vec::new(), complete: true }
}

#[derive(Debug, serde::Deserialize)]
pub struct ProofQuery {
    #[serde(default)]
    proof: Option<String>,
}

/// Uploads begun per hour from one address without a session (an employer's registration has
/// four materials), and from one signed-in account (a field worker's day in a village).
pub const ANONYMOUS_PER_HOUR: i64 = 20;
pub const ACCOUNT_PER_HOUR: i64 = 400;
/// Bytes all unfinished uploads together may reserve; past it, new ones wait.
pub const RESERVED_LIMIT: i64 = 2 * 1024 * 1024 * 1024;

pub async fn start(
    State(state): State<Cx>,
    ClientAddress(address): ClientAddress,
    Extension(by): Extension<Option<Principal>>,
    Path(sha256): Path<String>,
    body: Option<Json<UploadStart>>,
) -> Response {
    if !is_sha256_hex(&sha256) {
        return bad_name();
    }
    let Some(Json(start)) = body else {
        return refuse(StatusCode::BAD_REQUEST, "bad_request", "请求格式不正确", "The request was malformed");
    };
    if start.size == 0 || start.size > MAX_ATTACHMENT_BYTES {
        return too_large();
    }
    if let Err(refusal) = admit(&state, &address, by.as_ref(), &sha256).await {
        return refusal.into_response();
    }
    if !ACCEPTED.contains(&start.mime.as_str()) {
        return refuse(StatusCode::UNSUPPORTED_MEDIA_TYPE, "upload.type", "只接受 JPEG、PNG 照片或 PDF 文件", "Only JPEG or PNG photos and PDF files are accepted");
    }
    match status_of(&state, &sha256, Some(&start.proof)).await {
        Ok(Some(status)) => return Json(status).into_response(),
        Ok(None) => {}
        Err(e) => return unavailable(e),
    }
    let now = app::api::ssr::now_ms();
    match state.store.upload_begin(&sha256, start.size as i64, i64::from(CHUNK_SIZE), &start.mime, now).await {
        Ok(_) => match status_of(&state, &sha256, None).await {
            Ok(Some(status)) => Json(status).into_response(),
            Ok(None) => unavailable(StoreError::Config("upload vanished".into())),
            Err(e) => unavailable(e),
        },
        Err(e) => unavailable(e),
    }
}

/// Counts a new upload against its sender's quota and the space all unfinished uploads may
/// take; resuming one already begun costs nothing.
async fn admit(state: &Cx, address: &str, by: Option<&Principal>, sha256: &str) -> Result<(), Refusal> {
    if state.store.upload_get(sha256).await?.is_some() {
        return Ok(());
    }
    let now = app::api::ssr::now_ms();
    match by {
        Some(p) => quota::take(state.store.as_ref(), &format!("upload:account:{}", p.account.id), quota::HOUR_MS, ACCOUNT_PER_HOUR, now).await?,
        None => quota::take(state.store.as_ref(), &format!("upload:addr:{address}"), quota::HOUR_MS, ANONYMOUS_PER_HOUR, now).await?,
    }
    if state.store.uploads_reserved().await? > RESERVED_LIMIT {
        tracing::warn!("uploads: the space for unfinished uploads is full");
        return Err(Refusal::unavailable(app::domain::Issue::new(
            "upload.busy",
            "服务器暂时无法接收更多附件，将自动重试",
            "The server cannot take more attachments for now; it will be retried",
        )));
    }
    Ok(())
}

pub async fn status(State(state): State<Cx>, Path(sha256): Path<String>, Query(q): Query<ProofQuery>) -> Response {
    if !is_sha256_hex(&sha256) {
        return bad_name();
    }
    match status_of(&state, &sha256, q.proof.as_deref()).await {
        Ok(Some(status)) => Json(status).into_response(),
        Ok(None) => refuse(StatusCode::NOT_FOUND, "upload.unknown", "服务器上没有这个附件", "The server has no such upload"),
        Err(e) => unavailable(e),
    }
}

pub async fn chunk(State(state): State<Cx>, Path((sha256, index)): Path<(String, u32)>, body: Bytes) -> Response {
    if !is_sha256_hex(&sha256) {
        return bad_name();
    }
    let upload = match state.store.upload_get(&sha256).await {
        Ok(Some(u)) => u,
        Ok(None) => return refuse(StatusCode::NOT_FOUND, "upload.unknown", "请先开始上传", "Start the upload first"),
        Err(e) => return unavailable(e),
    };
    let (size, chunk_size) = (upload.size as u64, upload.chunk_size as u64);
    let count = chunk_count(size, chunk_size as u32);
    if index >= count {
        return refuse(StatusCode::BAD_REQUEST, "upload.chunk_index", "分块编号超出范围", "Chunk index out of range");
    }
    let expected = if index + 1 == count { size - chunk_size * u64::from(index) } else { chunk_size };
    if body.len() as u64 != expected {
        return refuse(StatusCode::BAD_REQUEST, "upload.chunk_size", "分块大小不正确", "Wrong chunk size");
    }
    if let Err(e) = state.store.upload_put_chunk(&sha256, i64::from(index), &state.vault.seal(&bound::upload_chunk(&sha256, i64::from(index)), &body)).await {
        return unavailable(e);
    }
    let have = upload.received.len() as u32 + u32::from(!upload.received.contains(&i64::from(index)));
    if have < count {
        return match status_of(&state, &sha256, None).await {
            Ok(Some(s)) => Json(s).into_response(),
            Ok(None) => unavailable(StoreError::Config("upload vanished".into())),
            Err(e) => unavailable(e),
        };
    }
    finish(&state, &sha256, &upload.mime, size).await
}

/// All chunks are in: assemble, verify, store — or discard with the reason.
async fn finish(state: &Cx, sha256: &str, claimed: &str, size: u64) -> Response {
    let chunks = match state.store.upload_chunks(sha256).await {
        Ok(c) => c,
        Err(e) => return unavailable(e),
    };
    let mut file = Vec::with_capacity(size as usize);
    for (index, sealed) in chunks.into_iter().enumerate() {
        match state.vault.open(&bound::upload_chunk(sha256, index as i64), &sealed) {
            Ok(plain) => file.extend(plain),
            Err(error) => {
                tracing::error!(%error, "uploads: a stored chunk cannot be opened");
                let _ = state.store.upload_discard(sha256).await;
                return refuse(StatusCode::UNPROCESSABLE_ENTITY, "upload.damaged", "上传的文件已损坏，请重新上传", "The upload was damaged; upload the file again");
            }
        }
    }
    let refusal = if file.len() as u64 != size || hex_sha256(&file) != sha256 {
        Some(("upload.hash", "文件校验不符（传输中损坏），请重新上传", "The file does not match its checksum (damaged on the way); upload it again"))
    } else {
        match sniff_mime(&file) {
            None => Some(("upload.type", "只接受 JPEG、PNG 照片或 PDF 文件", "Only JPEG or PNG photos and PDF files are accepted")),
            Some(real) if real != claimed => Some(("upload.type_mismatch", "文件内容与声明的类型不符", "The file's content does not match its declared type")),
            Some(_) => None,
        }
    };
    if let Some((code, zh, en)) = refusal {
        tracing::warn!(code, "uploads: refused a completed upload");
        let _ = state.store.upload_discard(sha256).await;
        return refuse(StatusCode::UNPROCESSABLE_ENTITY, code, zh, en);
    }
    let now = app::api::ssr::now_ms();
    if let Err(e) = state.store.attachment_complete(sha256, claimed, size as i64, &state.vault.seal(&bound::attachment(sha256), &file), now).await {
        return unavailable(e);
    }
    Json(complete(sha256, size)).into_response()
}
