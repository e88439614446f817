//! Resumable uploads through the router: chunks in any order and twice, resuming from what the
//! server reports, hash and type verified on completion, oversize and wrong files refused.

mod common;

use std::sync::Arc;

use app::api::sync::{UploadStatus, CHUNK_SIZE};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{body_text, send, state_over};
use server::Store;

/// A fake JPEG of `len` bytes (the right magic, then noise).
fn jpeg(len: usize) -> Vec<u8> {
    let mut v = vec![0xFF, 0xD8, 0xFF, 0xE0];
    v.extend((0..len - 4).map(|i| (i * 7 % 251) as u8));
    v
}

fn sha(bytes: &[u8]) -> String {
    server::vault::hex_sha256(bytes)
}

async fn start(state: &server::AppState, sha: &str, size: usize, mime: &str) -> (StatusCode, String) {
    let req = Request::builder()
        .method("POST")
        .uri(format!("/api/uploads/{sha}"))
        .header("content-type", "application/json")
        .body(Body::from(format!(r#"{{"size":{size},"mime":"{mime}"}}"#)))
        .unwrap();
    let res = send(state.clone(), req).await;
    (res.status(), body_text(res).await)
}

async fn put_chunk(state: &server::AppState, sha: &str, index: usize, file: &[u8]) -> (StatusCode, String) {
    let c = CHUNK_SIZE as usize;
    let part = file[index * c..((index + 1) * c).min(file.len())].to_vec();
    let req = Request::builder().method("PUT").uri(format!("/api/uploads/{sha}/chunks/{index}")).body(Body::from(part)).unwrap();
    let res = send(state.clone(), req).await;
    (res.status(), body_text(res).await)
}

/// The proof that the sender holds `file` (what the app sends with a start and a status).
fn proof(file: &[u8]) -> String {
    let name = sha(file);
    sha(&app::api::sync::upload_proof_input(&name, &file[..file.len().min(CHUNK_SIZE as usize)]))
}

async fn start_with_proof(state: &server::AppState, file: &[u8]) -> (StatusCode, String) {
    let req = Request::builder()
        .method("POST")
        .uri(format!("/api/uploads/{}", sha(file)))
        .header("content-type", "application/json")
        .body(Body::from(format!(r#"{{"size":{},"mime":"image/jpeg","proof":"{}"}}"#, file.len(), proof(file))))
        .unwrap();
    let res = send(state.clone(), req).await;
    (res.status(), body_text(res).await)
}

async fn status_with(state: &server::AppState, sha: &str, proof: &str) -> (StatusCode, Option<UploadStatus>) {
    let res = send(state.clone(), common::get(&format!("/api/uploads/{sha}?proof={proof}"))).await;
    let code = res.status();
    (code, serde_json::from_str(&body_text(res).await).ok())
}

async fn status(state: &server::AppState, sha: &str) -> (StatusCode, Option<UploadStatus>) {
    let res = send(state.clone(), common::get(&format!("/api/uploads/{sha}"))).await;
    let code = res.status();
    (code, serde_json::from_str(&body_text(res).await).ok())
}

async fn resumes_and_verifies(store: Arc<dyn Store>) {
    let state = state_over(store.clone());
    let file = jpeg(CHUNK_SIZE as usize * 3 + 1000);
    let name = sha(&file);
    assert_eq!(status(&state, &name).await.0, StatusCode::NOT_FOUND);
    assert_eq!(start(&state, &name, file.len(), "image/jpeg").await.0, StatusCode::OK);
    // The connection "drops" after two chunks (one of them sent twice).
    put_chunk(&state, &name, 2, &file).await;
    put_chunk(&state, &name, 0, &file).await;
    put_chunk(&state, &name, 0, &file).await;
    let (_, s) = status(&state, &name).await;
    let s = s.unwrap();
    assert_eq!((s.received.clone(), s.complete), (vec![0, 2], false));
    // Resuming sends only what is missing.
    for index in (0..4).filter(|i| !s.received.contains(&(*i as u32))) {
        let (code, body) = put_chunk(&state, &name, index, &file).await;
        assert_eq!(code, StatusCode::OK, "{body}");
    }
    let (_, done) = status_with(&state, &name, &proof(&file)).await;
    assert!(done.unwrap().complete);
    // Without the proof, a stored file is not there (a hash alone tells nothing).
    assert_eq!(status(&state, &name).await.0, StatusCode::NOT_FOUND);
    assert_eq!(status_with(&state, &name, &"0".repeat(64)).await.0, StatusCode::NOT_FOUND);
    let (mime, sealed) = store.attachment_get(&name).await.unwrap().unwrap();
    assert_eq!(mime, "image/jpeg");
    assert_eq!(state.vault.open(&server::vault::bound::attachment(&sha(&file)), &sealed).unwrap(), file, "the server's copy is the file");
    // Starting again once complete just says so — to whoever shows they hold the file; anyone
    // else starts an upload like any and must send the file.
    let (code, body) = start_with_proof(&state, &file).await;
    assert_eq!(code, StatusCode::OK);
    assert!(body.contains("\"complete\":true"), "{body}");
    let (code, body) = start(&state, &name, file.len(), "image/jpeg").await;
    assert_eq!(code, StatusCode::OK);
    assert!(body.contains("\"complete\":false"), "{body}");
    for index in 0..4 {
        put_chunk(&state, &name, index, &file).await;
    }
    assert_eq!(store.attachment_get(&name).await.unwrap().map(|(m, _)| m).as_deref(), Some("image/jpeg"), "still the one stored file");
}
both_stores!(resumable, resumes_and_verifies);

async fn damaged_and_wrong_files_are_refused_and_forgotten(store: Arc<dyn Store>) {
    let state = state_over(store.clone());
    // Named by another file's hash: the assembled bytes do not match.
    let file = jpeg(1000);
    let wrong_name = sha(b"something else");
    start(&state, &wrong_name, file.len(), "image/jpeg").await;
    let (code, body) = put_chunk(&state, &wrong_name, 0, &file).await;
    assert_eq!(code, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("upload.hash") && body.contains("重新上传"), "{body}");
    assert_eq!(status(&state, &wrong_name).await.0, StatusCode::NOT_FOUND, "the upload was discarded");

    let gif = b"GIF89a....".to_vec();
    start(&state, &sha(&gif), gif.len(), "image/png").await;
    let (code, body) = put_chunk(&state, &sha(&gif), 0, &gif).await;
    assert_eq!(code, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("\"upload.type\""), "{body}");

    let jpg = jpeg(500);
    start(&state, &sha(&jpg), jpg.len(), "application/pdf").await;
    let (code, body) = put_chunk(&state, &sha(&jpg), 0, &jpg).await;
    assert_eq!(code, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("upload.type_mismatch"), "{body}");

    let (code, body) = start(&state, &sha(b"x"), 6 * 1024 * 1024, "image/jpeg").await;
    assert_eq!(code, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(body.contains("5 MB"), "{body}");
    let (code, _) = start(&state, &sha(b"y"), 10, "image/gif").await;
    assert_eq!(code, StatusCode::UNSUPPORTED_MEDIA_TYPE);

    let ok = jpeg(100);
    start(&state, &sha(&ok), ok.len(), "image/jpeg").await;
    let req = Request::builder().method("PUT").uri(format!("/api/uploads/{}/chunks/0", sha(&ok))).body(Body::from(vec![1u8; 99])).unwrap();
    assert_eq!(send(state.clone(), req).await.status(), StatusCode::BAD_REQUEST, "a chunk of the wrong size");
    let req = Request::builder().method("PUT").uri(format!("/api/uploads/{}/chunks/5", sha(&ok))).body(Body::from(vec![1u8; 10])).unwrap();
    assert_eq!(send(state.clone(), req).await.status(), StatusCode::BAD_REQUEST, "a chunk past the end");
}
both_stores!(refusals, damaged_and_wrong_files_are_refused_and_forgotten);

#[tokio::test]
async fn the_sync_route_answers_json_per_item() {
    let t = common::sqlite().await;
    let state = state_over(t.store.clone());
    // Anonymous: a registration (an enrolment waits for a unit's sign-in).
    let payload = serde_json::json!({"name": "王小明", "id_number": common::id_number(40), "mobile": "13800138000", "email": "", "agreed": true}).to_string();
    let body = serde_json::to_string(&common::batch(vec![common::item(&common::client_id(), app::api::sync::FilingKind::PersonalRegistration, &payload)])).unwrap();
    let req = Request::builder().method("POST").uri("/api/sync").header("content-type", "application/json").body(Body::from(body)).unwrap();
    let res = send(state.clone(), req).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(common::header(&res, "cache-control"), "no-store");
    let answer: app::api::sync::SyncResponse = serde_json::from_str(&body_text(res).await).unwrap();
    assert!(matches!(answer.results[0].outcome(), app::api::sync::Outcome::Accepted { .. }));

    let req = Request::builder().method("POST").uri("/api/sync").header("content-type", "application/json").body(Body::from("{")).unwrap();
    let res = send(state, req).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(body_text(res).await.contains("请求格式不正确"));
}
