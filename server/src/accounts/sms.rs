//! Sending text messages: a gateway trait, a development gateway that writes each message to
//! the log and keeps the latest for the dev-only page, and an HTTP adapter for a real SMS
//! provider (`POST {url}` with `{"mobile", "text"}` as JSON, a bearer token, a timeout and
//! retries on failures that may pass).

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::Duration;

use async_trait::async_trait;

#[derive(Debug, thiserror::Error)]
pub enum GatewayError {
    #[error("the SMS gateway did not answer in time or could not be reached: {0}")]
    Unreachable(String),
    #[error("the SMS gateway refused the message: {0}")]
    Refused(String),
}

#[async_trait]
pub trait SmsGateway: Send + Sync {
    async fn send(&self, mobile: &str, code: &str, text: &str) -> Result<(), GatewayError>;
}

/// One message the development gateway "sent".
#[derive(Debug, Clone, serde::Serialize)]
pub struct DevMessage {
    pub mobile: String,
    pub code: String,
    pub text: String,
    pub at: i64,
}

/// Keeps the last 100 messages for `/dev/sms` and sends nothing; the log says only that a
/// message was kept, to which masked number (never the code). Development only: a production
/// start without `--sms-url` is refused.
#[derive(Default)]
pub struct DevGateway {
    recent: Mutex<VecDeque<DevMessage>>,
}

impl DevGateway {
    pub fn recent(&self) -> Vec<DevMessage> {
        self.recent.lock().expect("not poisoned").iter().rev().cloned().collect()
    }
}

#[async_trait]
impl SmsGateway for DevGateway {
    async fn send(&self, mobile: &str, code: &str, text: &str) -> Result<(), GatewayError> {
        let masked = app::domain::MobileNumber::parse(mobile).map(|m| m.value.masked()).unwrap_or_else(|_| "****".into());
        tracing::info!(mobile = %masked, "development SMS gateway: message kept for /dev/sms, not sent");
        let mut recent = self.recent.lock().expect("not poisoned");
        if recent.len() == 100 {
            recent.pop_front();
        }
        recent.push_back(DevMessage { mobile: mobile.into(), code: code.into(), text: text.into(), at: crate::store::now_ms() });
        Ok(())
    }
}

/// A provider reached over HTTP.
pub struct HttpSmsGateway {
    client: reqwest::Client,
    url: String,
    token: Option<String>,
    retries: u32,
}

impl HttpSmsGateway {
    pub fn new(url: &str, token: Option<String>, timeout: Duration, retries: u32) -> Self {
        let client = reqwest::Client::builder().timeout(timeout).build().expect("an HTTP client with rustls");
        Self { client, url: url.to_owned(), token, retries }
    }
}

#[async_trait]
impl SmsGateway for HttpSmsGateway {
    async fn send(&self, mobile: &str, _code: &str, text: &str) -> Result<(), GatewayError> {
        let mut last = String::new();
        for attempt in 0..=self.retries {
            if attempt > 0 {
                tokio::time::sleep(Duration::from_millis(200 * u64::from(attempt))).await;
            }
            let mut request = self.client.post(&self.url).json(&serde_json::json!({ "mobile": mobile, "text": text }));
            if let Some(token) = &self.token {
                request = request.bearer_auth(token);
            }
            match request.send().await {
                Ok(r) if r.status().is_success() => return Ok(()),
                // The provider said no (bad number, blocked): trying again will not help.
                Ok(r) if r.status().is_client_error() => return Err(GatewayError::Refused(r.status().to_string())),
                Ok(r) => last = r.status().to_string(),
                Err(e) => last = e.without_url().to_string(),
            }
        }
        Err(GatewayError::Unreachable(last))
    }
}
