//! Login sessions: a random token in an `HttpOnly` cookie (only its SHA-256 is stored), a CSRF
//! token in a readable cookie that the app echoes in a header, `SameSite=Lax`, rotated at
//! every login, ended at logout, after 30 minutes without use and 12 hours after login.
//! Over TLS both cookies are `Secure` and `__Host-` prefixed (bound to this exact origin);
//! browsers refuse `__Host-` without `Secure`, so plain-HTTP development uses bare names.

use app::api::auth::Role;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use axum::http::header::{HeaderMap, HeaderValue, COOKIE};
use sha2::{Digest, Sha256};

use super::store::{Account, AccountStore};
use crate::store::StoreError;

pub const IDLE_MS: i64 = 30 * 60_000;
pub const ABSOLUTE_MS: i64 = 12 * 3_600_000;
/// `last_seen` is written at most this often (a write per request would be wasted).
pub const TOUCH_EVERY_MS: i64 = 60_000;

/// How the cookies are named and flagged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CookiePolicy {
    /// The browser reaches us over HTTPS (our own TLS, or a proxy's).
    pub secure: bool,
}

impl CookiePolicy {
    pub fn session_name(self) -> &'static str {
        if self.secure { "__Host-sid" } else { "sid" }
    }

    pub fn csrf_name(self) -> &'static str {
        if self.secure { "__Host-csrf" } else { "csrf" }
    }

    fn attributes(self) -> &'static str {
        if self.secure { "; Path=/; Secure; SameSite=Lax" } else { "; Path=/; SameSite=Lax" }
    }

    /// The two `Set-Cookie` values that start a session. Session cookies (no `Max-Age`): the
    /// server ends them on its own schedule.
    pub fn start(self, token: &str, csrf: &str) -> [HeaderValue; 2] {
        let a = self.attributes();
        [
            HeaderValue::from_str(&format!("{}={token}; HttpOnly{a}", self.session_name())).expect("hex token"),
            HeaderValue::from_str(&format!("{}={csrf}{a}", self.csrf_name())).expect("hex token"),
        ]
    }

    /// The two `Set-Cookie` values that end it.
    pub fn end(self) -> [HeaderValue; 2] {
        let a = self.attributes();
        [
            HeaderValue::from_str(&format!("{}=; HttpOnly; Max-Age=0{a}", self.session_name())).expect("ascii"),
            HeaderValue::from_str(&format!("{}=; Max-Age=0{a}", self.csrf_name())).expect("ascii"),
        ]
    }
}

/// 32 random bytes as hex.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A cookie's value from the request.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// The signed-in account behind a request.
#[derive(Debug, Clone)]
pub struct Principal {
    pub account: Account,
    pub role: Role,
    pub token_hash: String,
    pub csrf: String,
}

/// Starts a session for `account_id`; returns `(token, csrf)` for the cookies.
pub async fn start(store: &dyn AccountStore, account_id: i64, now: i64) -> Result<(String, String), StoreError> {
    let (token, csrf) = (random_token(), random_token());
    store.session_create(&token_hash(&token), account_id, &csrf, now).await?;
    Ok((token, csrf))
}

/// The live session named by the request's cookie, if any. Expired sessions are deleted.
pub async fn load(store: &dyn AccountStore, policy: CookiePolicy, headers: &HeaderMap, now: i64) -> Result<Option<Principal>, StoreError> {
    let Some(token) = cookie(headers, policy.session_name()) else { return Ok(None) };
    let hash = token_hash(token);
    let Some(session) = store.session_get(&hash).await? else { return Ok(None) };
    if now - session.last_seen > IDLE_MS || now - session.created_at > ABSOLUTE_MS {
        store.session_delete(&hash).await?;
        return Ok(None);
    }
    let Some(account) = store.account_by_id(session.account_id).await? else { return Ok(None) };
    let Some(role) = Role::parse(&account.role) else {
        tracing::error!(account = account.id, "account with an unknown role");
        return Ok(None);
    };
    if account.status != super::ACTIVE {
        return Ok(None);
    }
    if now - session.last_seen > TOUCH_EVERY_MS {
        store.session_touch(&hash, now).await?;
    }
    Ok(Some(Principal { account, role, token_hash: hash, csrf: session.csrf }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_attributes() {
        let tls = CookiePolicy { secure: true }.start("aa", "bb");
        assert_eq!(tls[0], "__Host-sid=aa; HttpOnly; Path=/; Secure; SameSite=Lax");
        assert_eq!(tls[1], "__Host-csrf=bb; Path=/; Secure; SameSite=Lax");
        let plain = CookiePolicy { secure: false }.start("aa", "bb");
        assert_eq!(plain[0], "sid=aa; HttpOnly; Path=/; SameSite=Lax");
        assert!(!plain[1].to_str().unwrap().contains("HttpOnly"), "the app reads the CSRF cookie");
        let end = CookiePolicy { secure: true }.end();
        assert!(end.iter().all(|v| v.to_str().unwrap().contains("Max-Age=0")));
    }

    #[test]
    fn reads_cookies() {
        let mut h = HeaderMap::new();
        h.append(COOKIE, HeaderValue::from_static("a=1; sid=xyz"));
        h.append(COOKIE, HeaderValue::from_static("csrf=q"));
        assert_eq!(cookie(&h, "sid"), Some("xyz"));
        assert_eq!(cookie(&h, "csrf"), Some("q"));
        assert_eq!(cookie(&h, "si"), None);
        assert_ne!(random_token(), random_token());
        assert_eq!(random_token().len(), 64);
    }
}
