//! Services this server asks over HTTP that answer a yes or no about a person — the real-name
//! check (`accounts::identity`), the face check (`pensions::face`): `POST {url}` with a JSON
//! body, answered `{"result": "matched" | "mismatch"}`. Timeouts, error statuses, answers it
//! cannot read and unknown results are retried with a growing pause, then reported as "could
//! not ask" (`None`), which callers never take for a match.

use std::time::Duration;

use serde::Deserialize;

/// A service's client: its address, the timeout of each call and the retries.
pub struct MatchService {
    client: reqwest::Client,
    url: String,
    retries: u32,
    /// Named in the log lines of failed attempts.
    what: &'static str,
}

#[derive(Deserialize)]
struct Answer {
    result: String,
}

impl MatchService {
    pub fn new(url: &str, timeout: Duration, retries: u32, what: &'static str) -> Self {
        let client = reqwest::Client::builder().timeout(timeout).build().expect("an HTTP client with rustls");
        Self { client, url: url.to_owned(), retries, what }
    }

    async fn ask_once(&self, body: &serde_json::Value) -> Result<bool, String> {
        let response = self.client.post(&self.url).json(body).send().await.map_err(|e| e.without_url().to_string())?;
        if !response.status().is_success() {
            return Err(format!("status {}", response.status()));
        }
        let answer: Answer = response.json().await.map_err(|e| format!("unreadable answer: {}", e.without_url()))?;
        match answer.result.as_str() {
            "matched" => Ok(true),
            "mismatch" => Ok(false),
            other => Err(format!("unknown result `{other}`")),
        }
    }

    /// `Some(true)`: matched; `Some(false)`: mismatch; `None`: could not ask.
    pub async fn ask(&self, body: &serde_json::Value) -> Option<bool> {
        for attempt in 0..=self.retries {
            if attempt > 0 {
                tokio::time::sleep(Duration::from_millis(100 * u64::from(attempt))).await;
            }
            match self.ask_once(body).await {
                Ok(answer) => return Some(answer),
                Err(error) => tracing::warn!(attempt, %error, service = self.what, "an outbound check failed"),
            }
        }
        None
    }
}
