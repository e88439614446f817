//! The built site: precompressed files with caching by name (content-hashed names are
//! immutable, everything else revalidates), and `index.html` for every app route so a deep
//! link works on first visit.

use std::path::{Path, PathBuf};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{self, HeaderValue};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

/// Where the built site is.
#[derive(Debug, Clone)]
pub struct SiteDir(pub PathBuf);

/// Caching for content-hashed files: a new build gets new names.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Caching for stable names (`index.html`, `sw.js`, the manifest): always revalidate.
pub const REVALIDATE: &str = "no-cache";

/// Whether a file name carries a content hash: `stem-<16 hex>.ext`, as `cargo xtask build`
/// writes them.
///
/// ```
/// use server::http::site::is_hashed;
/// assert!(is_hashed("/app-0123456789abcdef.wasm"));
/// assert!(!is_hashed("/sw.js"));
/// assert!(!is_hashed("/index.html"));
/// ```
pub fn is_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or("");
    let stem = name.split('.').next().unwrap_or("");
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

/// A path that names a file (has an extension) rather than an app route.
fn looks_like_file(path: &str) -> bool {
    path.rsplit('/').next().is_some_and(|last| last.contains('.'))
}

/// Serves the site for any path no other route took.
pub async fn serve(State(SiteDir(site_dir)): State<SiteDir>, request: Request) -> Response {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return StatusCode::METHOD_NOT_ALLOWED.into_response();
    }
    let path = request.uri().path().to_owned();
    // Reserved for the server: an unknown API or developer path is a 404, never the app shell.
    if path.starts_with("/api/") || path.starts_with("/dev/") {
        let mut response = StatusCode::NOT_FOUND.into_response();
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        return response;
    }
    let headers = request.headers().clone();
    let mut response = serve_dir(&site_dir, request).await;
    if response.status() == StatusCode::NOT_FOUND && !looks_like_file(&path) {
        // An app route: the shell, negotiated like any other file.
        let mut shell = Request::builder().uri("/index.html").body(Body::empty()).expect("static request");
        *shell.headers_mut() = headers;
        response = serve_file(&site_dir.join("index.html"), shell).await;
    }
    let cache = match response.status() {
        s if s.is_success() || s == StatusCode::NOT_MODIFIED => {
            if is_hashed(&path) { IMMUTABLE } else { REVALIDATE }
        }
        _ => "no-store",
    };
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    response
}

async fn serve_dir(dir: &Path, request: Request) -> Response {
    let service = ServeDir::new(dir).precompressed_br().precompressed_gzip();
    match service.oneshot(request).await {
        Ok(r) => r.map(Body::new),
        Err(never) => match never {},
    }
}

async fn serve_file(file: &PathBuf, request: Request) -> Response {
    let service = ServeFile::new(file).precompressed_br().precompressed_gzip();
    match service.oneshot(request).await {
        Ok(r) => r.map(Body::new),
        Err(never) => match never {},
    }
}
