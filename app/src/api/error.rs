//! The one error type on the wire: a domain [`Issue`] (a stable code and a message in both
//! languages) — never SQL, paths or stack traces; the server logs the cause. The JSON is the
//! issue's own (`{"code", "zh", "en"}`).

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::domain::Issue;

/// An error the server answers with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ApiError(pub Issue);

impl ApiError {
    pub const fn new(code: &'static str, zh: &'static str, en: &'static str) -> Self {
        Self(Issue::new(code, zh, en))
    }

    /// The request never got an answer (no network, server down, timeout).
    pub const fn unreachable() -> Self {
        Self::new("unreachable", "无法连接服务器，请稍后再试", "The server cannot be reached; try again later")
    }

    /// Something failed on the server; the details are in its log, not here.
    pub const fn internal() -> Self {
        Self::new("internal", "服务器内部错误，请稍后再试", "Something went wrong on the server; try again later")
    }

    /// The server or a service behind it is down for now; the request may be sent again.
    pub const fn unavailable() -> Self {
        Self::new("unavailable", "服务暂时不可用，请稍后再试", "The service is unavailable for now; try again later")
    }

    /// The request could not be read.
    pub const fn bad_request() -> Self {
        Self::new("bad_request", "请求格式不正确", "The request was malformed")
    }

    /// The message, as the domain's [`Issue`] (for stored item states and field messages).
    pub fn to_issue(&self) -> Issue {
        self.0.clone()
    }

    /// Whether the request may succeed if simply tried again later.
    pub fn is_transient(&self) -> bool {
        matches!(&*self.0.code, "unreachable" | "internal" | "unavailable")
    }
}

impl std::ops::Deref for ApiError {
    type Target = Issue;

    fn deref(&self) -> &Issue {
        &self.0
    }
}

impl From<Issue> for ApiError {
    fn from(issue: Issue) -> Self {
        Self(issue)
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.0.code, self.0.en)
    }
}

impl FromServerFnError for ApiError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // The request did not arrive or no answer came back.
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => Self::unreachable(),
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::Deserialization(_) => Self::bad_request(),
            _ => Self::internal(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wire_shape_is_the_issue_s_own() {
        let json = serde_json::to_string(&ApiError::unreachable()).unwrap();
        assert_eq!(json, r#"{"code":"unreachable","zh":"无法连接服务器，请稍后再试","en":"The server cannot be reached; try again later"}"#);
        let back: ApiError = serde_json::from_str(&json).unwrap();
        assert!(back.is_transient());
        assert_eq!(back.code, "unreachable");
    }
}
