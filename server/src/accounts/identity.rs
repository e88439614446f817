//! The real-name check: do this name, this ID number and this mobile number belong together —
//! the carriers' three-element check (三要素核验) that Chinese services use, so that a phone
//! proves *this person*, not just *a* phone. Behind a trait: an external identity service over
//! HTTP, or the development stand-in that reads the mobile number on record in the registry
//! table. "Could not ask" is its own answer, never reported as a mismatch.
//!
//! The answer has no shades: which of the three elements differs is not told, so a caller who
//! does not hold the person's phone learns nothing about the person from it. Whether the person
//! is in the insured-persons registry is a separate question ([`in_registry`]), asked only after
//! the three elements matched.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use app::domain::{IdNumber, MobileNumber, PersonName};
use async_trait::async_trait;

use crate::http::outbound::MatchService;
use crate::registry::RegistryStore;
use crate::store::StoreError;
use crate::vault::{purpose, Vault};

/// What the check found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The mobile number is registered in this person's name.
    Matched,
    /// The three do not belong together (which one differs is not said).
    Mismatch,
    /// The service could not be asked; try again later.
    Unavailable,
}

#[async_trait]
pub trait IdentityCheck: Send + Sync {
    async fn check(&self, name: &PersonName, id: &IdNumber, mobile: &MobileNumber) -> Verdict;
}

/// The development stand-in: the person on record in the registry table, with this name and
/// this mobile number. (The real carriers' records are not the agency's; this emulates them.)
pub struct RegistryStandIn {
    pub store: Arc<dyn crate::registry::Db>,
    pub vault: Vault,
}

#[async_trait]
impl IdentityCheck for RegistryStandIn {
    async fn check(&self, name: &PersonName, id: &IdNumber, mobile: &MobileNumber) -> Verdict {
        let mobile_index = self.vault.blind_index(purpose::MOBILE, mobile.as_str());
        match self.store.registry_get(&self.vault.blind_index(purpose::ID_NUMBER, id.as_str())).await {
            Ok(Some(p)) if p.name == name.as_str() && p.mobile_index.as_deref() == Some(mobile_index.as_str()) => Verdict::Matched,
            Ok(_) => Verdict::Mismatch,
            Err(error) => {
                tracing::error!(%error, "real-name check: registry lookup failed");
                Verdict::Unavailable
            }
        }
    }
}

/// Whether the insured-persons registry has this person under this name.
pub async fn in_registry(store: &dyn RegistryStore, vault: &Vault, name: &PersonName, id: &IdNumber) -> Result<bool, StoreError> {
    Ok(store.registry_get(&vault.blind_index(purpose::ID_NUMBER, id.as_str())).await?.is_some_and(|p| p.name == name.as_str()))
}

/// An external identity service: `POST {url}` with `{"name", "id_number", "mobile"}`, answering
/// `{"result": "matched" | "mismatch"}`. Timeouts, 5xx answers and bodies it cannot read are
/// retried, then reported as [`Verdict::Unavailable`].
pub struct HttpIdentity(MatchService);

impl HttpIdentity {
    pub fn new(url: &str, timeout: Duration, retries: u32) -> Self {
        Self(MatchService::new(url, timeout, retries, "identity"))
    }
}

#[async_trait]
impl IdentityCheck for HttpIdentity {
    async fn check(&self, name: &PersonName, id: &IdNumber, mobile: &MobileNumber) -> Verdict {
        match self.0.ask(&serde_json::json!({ "name": name.as_str(), "id_number": id.as_str(), "mobile": mobile.as_str() })).await {
            Some(true) => Verdict::Matched,
            Some(false) => Verdict::Mismatch,
            None => Verdict::Unavailable,
        }
    }
}

/// Remembers answers for a few minutes (keyed by a keyed hash of the three elements), so that a
/// filing's check and its effect — or a form sent twice — ask the service once. Unavailable
/// answers are not remembered.
pub struct Remembered {
    inner: Arc<dyn IdentityCheck>,
    vault: Vault,
    answers: Mutex<HashMap<String, (Verdict, Instant)>>,
}

/// How long an answer is remembered.
pub const REMEMBER: Duration = Duration::from_secs(600);

impl Remembered {
    pub fn new(inner: Arc<dyn IdentityCheck>, vault: Vault) -> Self {
        Self { inner, vault, answers: Mutex::new(HashMap::new()) }
    }
}

#[async_trait]
impl IdentityCheck for Remembered {
    async fn check(&self, name: &PersonName, id: &IdNumber, mobile: &MobileNumber) -> Verdict {
        let key = self.vault.blind_index("identity_check", &format!("{}\u{0}{}\u{0}{}", name.as_str(), id.as_str(), mobile.as_str()));
        let now = Instant::now();
        if let Some((verdict, at)) = self.answers.lock().expect("not poisoned").get(&key) {
            if now.duration_since(*at) < REMEMBER {
                return *verdict;
            }
        }
        let verdict = self.inner.check(name, id, mobile).await;
        if verdict != Verdict::Unavailable {
            let mut answers = self.answers.lock().expect("not poisoned");
            answers.retain(|_, (_, at)| now.duration_since(*at) < REMEMBER);
            // Bounded whatever the traffic (the quotas bound it long before this).
            if answers.len() >= 100_000 {
                answers.clear();
            }
            answers.insert(key, (verdict, now));
        }
        verdict
    }
}
