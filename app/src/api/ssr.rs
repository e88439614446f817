//! Server-only helpers that server-function bodies use. The server provides [`Services`] as
//! context to every server function.

use std::sync::Arc;

use super::ApiError;
use crate::domain::policy::PolicyTable;

/// What server functions can reach on the server.
#[derive(Clone)]
pub struct Services {
    pub policy: Arc<PolicyTable>,
}

/// The services the server provided, or an internal error (logged) if it did not.
pub fn services() -> Result<Services, ApiError> {
    leptos::prelude::use_context::<Services>().ok_or_else(|| {
        leptos::logging::error!("server function called without Services in context");
        ApiError::internal()
    })
}

/// The version of the server build.
pub fn server_version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}
