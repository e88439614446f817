//! 人脸识别认证: does the live photo show the person of this ID number? Asked of a
//! face-verification service behind a trait, like the real-name check: an HTTP adapter
//! (`--face-url`: `POST` JSON `{"id_number", "name", "photo"}`, the photo base64, answered
//! `{"result": "matched" | "mismatch"}`, which compares it with the person's reference photo),
//! a development stand-in, and, in production without a service, none — "could not ask" is
//! its own answer and never certifies.

use std::time::Duration;

use async_trait::async_trait;
use base64::Engine;

use crate::http::outbound::MatchService;

/// What the service found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Face {
    Matched,
    Mismatch,
    /// The service could not be asked (or there is none).
    Unavailable,
}

#[async_trait]
pub trait FaceCheck: Send + Sync {
    async fn compare(&self, id_number: &str, name: &str, photo: &[u8]) -> Face;
}

/// The development stand-in, which has no reference photos: any photo matches, except one that
/// carries the bytes `MISMATCH` (how the tests and a developer see the refusal).
pub struct DevFace;

#[async_trait]
impl FaceCheck for DevFace {
    async fn compare(&self, _id_number: &str, _name: &str, photo: &[u8]) -> Face {
        if photo.windows(8).any(|w| w == b"MISMATCH") {
            Face::Mismatch
        } else {
            Face::Matched
        }
    }
}

/// Production without `--face-url`: self-service certification is not offered.
pub struct NoFace;

#[async_trait]
impl FaceCheck for NoFace {
    async fn compare(&self, _: &str, _: &str, _: &[u8]) -> Face {
        Face::Unavailable
    }
}

/// A face-verification service reached over HTTP.
pub struct HttpFace(MatchService);

impl HttpFace {
    pub fn new(url: &str, timeout: Duration, retries: u32) -> Self {
        Self(MatchService::new(url, timeout, retries, "face"))
    }
}

#[async_trait]
impl FaceCheck for HttpFace {
    async fn compare(&self, id_number: &str, name: &str, photo: &[u8]) -> Face {
        let photo = base64::engine::general_purpose::STANDARD.encode(photo);
        match self.0.ask(&serde_json::json!({ "id_number": id_number, "name": name, "photo": photo })).await {
            Some(true) => Face::Matched,
            Some(false) => Face::Mismatch,
            None => Face::Unavailable,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The adapter against a service on loopback: its answer, with the photo as base64; and a
    /// service that is not there is "could not ask", never a match.
    #[tokio::test]
    async fn the_http_adapter_reads_the_answer_and_never_matches_without_one() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/compare", listener.local_addr().unwrap());
        let app = axum::Router::new().route(
            "/compare",
            axum::routing::post(|axum::Json(v): axum::Json<serde_json::Value>| async move {
                let photo = base64::engine::general_purpose::STANDARD.decode(v["photo"].as_str().unwrap_or_default()).unwrap_or_default();
                let result = if photo == b"same face" && v["id_number"] == "11010519491231002X" { "matched" } else { "mismatch" };
                axum::Json(serde_json::json!({ "result": result }))
            }),
        );
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        let face = HttpFace::new(&url, Duration::from_secs(2), 0);
        assert_eq!(face.compare("11010519491231002X", "张三", b"same face").await, Face::Matched);
        assert_eq!(face.compare("11010519491231002X", "张三", b"another face").await, Face::Mismatch);
        let gone = HttpFace::new("http://127.0.0.1:9/compare", Duration::from_millis(300), 1);
        assert_eq!(gone.compare("11010519491231002X", "张三", b"same face").await, Face::Unavailable);
        assert_eq!(NoFace.compare("", "", b"").await, Face::Unavailable);
    }
}
