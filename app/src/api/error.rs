//! The one error type of server functions. It carries a stable code and a message in both
//! languages — never SQL, paths or stack traces; the server logs the cause.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// An error a server function returns to the app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    /// Stable, machine-readable: the app branches on it.
    pub code: String,
    pub zh: String,
    pub en: String,
}

impl ApiError {
    pub fn new(code: &str, zh: &str, en: &str) -> Self {
        Self { code: code.to_owned(), zh: zh.to_owned(), en: en.to_owned() }
    }

    /// The request never got an answer (no network, server down, timeout).
    pub fn unreachable() -> Self {
        Self::new("unreachable", "无法连接服务器，请稍后再试", "The server cannot be reached; try again later")
    }

    /// Something failed on the server; the details are in its log, not here.
    pub fn internal() -> Self {
        Self::new("internal", "服务器内部错误，请稍后再试", "Something went wrong on the server; try again later")
    }

    /// The same message as a domain [`Issue`](crate::domain::Issue) (for stored item states).
    pub fn to_issue(&self) -> crate::domain::Issue {
        crate::domain::Issue { code: self.code.clone().into(), zh: self.zh.clone().into(), en: self.en.clone().into() }
    }

    /// Whether the request may succeed if simply tried again later.
    pub fn is_transient(&self) -> bool {
        matches!(self.code.as_str(), "unreachable" | "internal" | "unavailable")
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.en)
    }
}

impl FromServerFnError for ApiError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // The request did not arrive or no answer came back.
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => Self::unreachable(),
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::Deserialization(_) => {
                Self::new("bad_request", "请求格式不正确", "The request was malformed")
            }
            _ => Self::internal(),
        }
    }
}
