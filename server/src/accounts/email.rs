//! Sending e-mail, for password recovery by the address a person registered: a gateway trait,
//! an SMTP adapter (`--smtp-url`, e.g. `smtps://user:pass@mail.example.cn:465`, or `smtp://…:587`
//! with STARTTLS), and a development stand-in that keeps each message beside the development
//! SMS gateway's (`/dev/sms`), so one page shows every code "sent". Without either (production
//! with no `--smtp-url`), recovery by e-mail answers that it is not offered — the same answer for
//! every caller.

use std::sync::Arc;

use async_trait::async_trait;

use super::sms::{DevGateway, GatewayError, SmsGateway};

#[async_trait]
pub trait EmailGateway: Send + Sync {
    /// `code` is for the development stand-in's page only; adapters send `subject` and `body`.
    async fn send(&self, to: &str, code: &str, subject: &str, body: &str) -> Result<(), GatewayError>;
}

/// The development stand-in: the message joins the development SMS gateway's list.
pub struct DevMailbox(pub Arc<DevGateway>);

#[async_trait]
impl EmailGateway for DevMailbox {
    async fn send(&self, to: &str, code: &str, _subject: &str, body: &str) -> Result<(), GatewayError> {
        self.0.send(to, code, body).await
    }
}

/// An SMTP relay, with TLS (rustls) as its URL says.
pub struct SmtpGateway {
    transport: lettre::AsyncSmtpTransport<lettre::Tokio1Executor>,
    from: lettre::message::Mailbox,
}

impl SmtpGateway {
    pub fn new(url: &str, from: &str, timeout: std::time::Duration) -> anyhow::Result<Self> {
        let transport = lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::from_url(url)
            .map_err(|e| anyhow::anyhow!("--smtp-url: {e}"))?
            .timeout(Some(timeout))
            .build();
        let from = from.parse().map_err(|e| anyhow::anyhow!("--mail-from: {e}"))?;
        Ok(Self { transport, from })
    }
}

#[async_trait]
impl EmailGateway for SmtpGateway {
    async fn send(&self, to: &str, _code: &str, subject: &str, body: &str) -> Result<(), GatewayError> {
        use lettre::AsyncTransport;
        // The errors say what kind of failure, never the relay's own text: a relay's answer
        // often quotes the recipient's address, and these errors reach the log.
        let to = to.parse().map_err(|_: lettre::address::AddressError| GatewayError::Refused("not an address".into()))?;
        let message = lettre::Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .header(lettre::message::header::ContentType::TEXT_PLAIN)
            .body(body.to_owned())
            .map_err(|_| GatewayError::Refused("the message could not be built".into()))?;
        match self.transport.send(message).await {
            Ok(_) => Ok(()),
            Err(e) if e.is_permanent() => Err(GatewayError::Refused(format!("permanent SMTP error {:?}", e.status().map(|c| c.to_string())))),
            Err(e) if e.is_timeout() => Err(GatewayError::Unreachable("timed out".into())),
            Err(e) => Err(GatewayError::Unreachable(format!("SMTP failure {:?}", e.status().map(|c| c.to_string())))),
        }
    }
}

/// Lets the code machinery ([`super::codes`]: life, single use, tries, daily caps) send a code
/// by e-mail: the "mobile" it is given is the address.
pub struct CodeByEmail<'a>(pub &'a dyn EmailGateway);

/// The subject of a recovery code's e-mail.
pub const RESET_SUBJECT: &str = "社保通：找回密码验证码 / Shebao password recovery code";

#[async_trait]
impl SmsGateway for CodeByEmail<'_> {
    async fn send(&self, to: &str, code: &str, text: &str) -> Result<(), GatewayError> {
        self.0.send(to, code, RESET_SUBJECT, text).await
    }
}
