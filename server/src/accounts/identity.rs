//! The real-name check: does this name go with this ID number in the insured-persons registry?
//! Behind a trait: the local registry table (default), or an external identity service over
//! HTTP. "Could not ask" is its own answer — it is never reported as a mismatch.

use std::sync::Arc;
use std::time::Duration;

use app::domain::IdNumber;
use async_trait::async_trait;
use serde::Deserialize;

use crate::vault::{purpose, Vault};

/// What the check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Matched,
    /// The ID number is in the registry under another name.
    NameDiffers,
    /// The registry has no such ID number.
    NotInRegistry,
    /// The registry could not be asked; try again later.
    Unavailable,
}

#[async_trait]
pub trait IdentityCheck: Send + Sync {
    async fn check(&self, name: &str, id: &IdNumber) -> Verdict;
}

/// The registry table in the store.
pub struct LocalRegistry {
    pub store: Arc<dyn crate::registry::Db>,
    pub vault: Vault,
}

#[async_trait]
impl IdentityCheck for LocalRegistry {
    async fn check(&self, name: &str, id: &IdNumber) -> Verdict {
        match self.store.registry_get(&self.vault.blind_index(purpose::ID_NUMBER, id.as_str())).await {
            Ok(Some(person)) if person.name == name => Verdict::Matched,
            Ok(Some(_)) => Verdict::NameDiffers,
            Ok(None) => Verdict::NotInRegistry,
            Err(error) => {
                tracing::error!(%error, "real-name check: registry lookup failed");
                Verdict::Unavailable
            }
        }
    }
}

/// An external identity service: `POST {url}` with `{"name", "id_number"}`, answering
/// `{"result": "matched" | "name_differs" | "not_found"}`. Timeouts, 5xx answers and bodies
/// it cannot read are retried, then reported as [`Verdict::Unavailable`].
pub struct HttpIdentity {
    client: reqwest::Client,
    url: String,
    retries: u32,
}

#[derive(Deserialize)]
struct Answer {
    result: String,
}

impl HttpIdentity {
    pub fn new(url: &str, timeout: Duration, retries: u32) -> Self {
        let client = reqwest::Client::builder().timeout(timeout).build().expect("an HTTP client with rustls");
        Self { client, url: url.to_owned(), retries }
    }

    async fn ask(&self, name: &str, id: &IdNumber) -> Result<Verdict, String> {
        let response = self
            .client
            .post(&self.url)
            .json(&serde_json::json!({ "name": name, "id_number": id.as_str() }))
            .send()
            .await
            .map_err(|e| e.without_url().to_string())?;
        if !response.status().is_success() {
            return Err(format!("status {}", response.status()));
        }
        let answer: Answer = response.json().await.map_err(|e| format!("unreadable answer: {}", e.without_url()))?;
        match answer.result.as_str() {
            "matched" => Ok(Verdict::Matched),
            "name_differs" => Ok(Verdict::NameDiffers),
            "not_found" => Ok(Verdict::NotInRegistry),
            other => Err(format!("unknown result `{other}`")),
        }
    }
}

#[async_trait]
impl IdentityCheck for HttpIdentity {
    async fn check(&self, name: &str, id: &IdNumber) -> Verdict {
        for attempt in 0..=self.retries {
            if attempt > 0 {
                tokio::time::sleep(Duration::from_millis(100 * u64::from(attempt))).await;
            }
            match self.ask(name, id).await {
                Ok(verdict) => return verdict,
                Err(error) => tracing::warn!(attempt, %error, "real-name check: identity service failed"),
            }
        }
        Verdict::Unavailable
    }
}
