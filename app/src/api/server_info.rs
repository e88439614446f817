//! `about_server`: which server version the app is talking to, and its clock.

use leptos::prelude::*;
use leptos::server_fn;
use serde::{Deserialize, Serialize};

use super::ApiError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerInfo {
    pub version: String,
    /// Milliseconds since the Unix epoch, by the server's clock.
    pub now_ms: i64,
}

#[server(endpoint = "about_server", input = server_fn::codec::Json, output = server_fn::codec::Json)]
pub async fn about_server() -> Result<ServerInfo, ApiError> {
    Ok(ServerInfo { version: super::ssr::server_version().to_owned(), now_ms: super::ssr::now_ms() })
}
