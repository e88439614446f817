//! Reading requests: JSON bodies refused as one "malformed" answer, and the client's address
//! for the per-address limits.

use std::net::SocketAddr;

use axum::extract::rejection::JsonRejection;
use axum::extract::{ConnectInfo, FromRef, FromRequestParts};
use axum::http::request::Parts;
use axum::Json;

use super::Refusal;

/// A JSON body, or the one answer to every body that does not read.
pub fn body<T>(json: Result<Json<T>, JsonRejection>) -> Result<T, Refusal> {
    json.map(|Json(t)| t).map_err(|_| Refusal::bad_request())
}

/// Whether the client's address is taken from `X-Forwarded-For` (only behind a proxy that
/// sets it; otherwise anyone could pick an address and dodge the limits).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Forwarding {
    pub trust_forwarded: bool,
}

/// The client's address, for the per-address limits.
pub struct ClientAddress(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddress
where
    Forwarding: FromRef<S>,
{
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        if Forwarding::from_ref(state).trust_forwarded {
            let forwarded = parts.headers.get("x-forwarded-for").and_then(|v| v.to_str().ok());
            if let Some(last) = forwarded.and_then(|v| v.rsplit(',').next()).map(str::trim).filter(|s| !s.is_empty()) {
                return Ok(ClientAddress(last.to_owned()));
            }
        }
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip().to_string());
        Ok(ClientAddress(peer.unwrap_or_else(|| "unknown".into())))
    }
}

impl ClientAddress {
    /// The class of the address (what 我的信息 may show of a sign-in; never the address).
    ///
    /// ```
    /// use app::api::auth::AddressClass;
    /// use server::http::ClientAddress;
    /// assert_eq!(ClientAddress("127.0.0.1".into()).class(), AddressClass::Loopback);
    /// assert_eq!(ClientAddress("192.168.3.7".into()).class(), AddressClass::Private);
    /// assert_eq!(ClientAddress("100.64.0.9".into()).class(), AddressClass::Private);
    /// assert_eq!(ClientAddress("fd00::1".into()).class(), AddressClass::Private);
    /// assert_eq!(ClientAddress("58.213.1.1".into()).class(), AddressClass::Internet);
    /// assert_eq!(ClientAddress("unknown".into()).class(), AddressClass::Internet);
    /// ```
    pub fn class(&self) -> app::api::auth::AddressClass {
        use app::api::auth::AddressClass;
        use std::net::IpAddr;
        match self.0.parse::<IpAddr>() {
            Ok(ip) if ip.is_loopback() => AddressClass::Loopback,
            Ok(IpAddr::V4(v4)) if v4.is_private() || v4.is_link_local() || (v4.octets()[0] == 100 && (64..128).contains(&v4.octets()[1])) => {
                AddressClass::Private
            }
            Ok(IpAddr::V6(v6)) if (v6.segments()[0] & 0xfe00) == 0xfc00 || (v6.segments()[0] & 0xffc0) == 0xfe80 => AddressClass::Private,
            _ => AddressClass::Internet,
        }
    }
}
