//! Command line and environment configuration. Every flag has an environment variable, so
//! the same binary runs from a shell, a systemd unit or a container.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

/// Where the records are and the key that seals them (every command that opens the store).
#[derive(Debug, Clone, Args)]
pub struct StoreArgs {
    /// Folder for the embedded SQLite database (and anything else kept on disk).
    #[arg(long, env = "SHEBAO_DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,
    /// `postgres://…` to use PostgreSQL instead of the embedded SQLite database.
    #[arg(long, env = "DATABASE_URL")]
    pub database_url: Option<String>,
    /// The data key (128 hex digits) sealing personal data at rest. Default: `keys/data.key`
    /// under the data dir, created on first start. Required with PostgreSQL (every replica
    /// must use the same key), as `--key-file` or `SHEBAO_KEY`.
    #[arg(long, env = "SHEBAO_KEY_FILE")]
    pub key_file: Option<PathBuf>,
    /// The data key itself, as 128 hex digits (instead of a file).
    #[arg(long = "key", env = "SHEBAO_KEY", hide_env_values = true)]
    pub key_hex: Option<String>,
}


#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on; port 0 picks a free port (the chosen URL is printed).
    #[arg(long, env = "SHEBAO_BIND", default_value = "127.0.0.1:3000")]
    pub bind: SocketAddr,
    #[command(flatten)]
    pub store: StoreArgs,
    /// The built site (`cargo xtask build` writes it to `target/site`).
    #[arg(long, env = "SHEBAO_SITE_DIR", default_value = "target/site")]
    pub site_dir: PathBuf,
    /// PEM certificate chain: with `--tls-key`, the server speaks HTTPS itself.
    #[arg(long, env = "SHEBAO_TLS_CERT", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// PEM private key for `--tls-cert`.
    #[arg(long, env = "SHEBAO_TLS_KEY", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
    /// The policy figures (JSON, see server/data/policy.json); default: the shipped copy.
    #[arg(long, env = "SHEBAO_POLICY_FILE")]
    pub policy_file: Option<PathBuf>,
    /// The browser reaches this server over HTTPS through a proxy that terminates TLS: session
    /// cookies get `Secure` and the `__Host-` prefix (they always do with `--tls-cert`).
    #[arg(long, env = "SHEBAO_PUBLIC_HTTPS")]
    pub public_https: bool,
    /// Take the client address from the proxy's `X-Forwarded-For` (only behind a proxy that
    /// sets it; otherwise anyone could pick their own address and dodge the rate limits).
    #[arg(long, env = "SHEBAO_TRUST_FORWARDED")]
    pub trust_forwarded: bool,
    /// The external identity service for real-name checks (`POST` JSON); default: the
    /// registry table in the store.
    #[arg(long, env = "SHEBAO_IDENTITY_URL")]
    pub identity_url: Option<String>,
    /// The face-verification service for 本人认证 (`POST` JSON, see `pensions::face`); without
    /// it a development server uses a stand-in and a production one offers no self-service
    /// certification.
    #[arg(long, env = "SHEBAO_FACE_URL")]
    pub face_url: Option<String>,
    /// The SMS provider's endpoint (`POST` JSON `{mobile, text}`); default: the development
    /// gateway, which only logs codes (and shows them at `/dev/sms` in dev mode).
    #[arg(long, env = "SHEBAO_SMS_URL")]
    pub sms_url: Option<String>,
    /// Bearer token for `--sms-url`.
    #[arg(long, env = "SHEBAO_SMS_TOKEN", hide_env_values = true)]
    pub sms_token: Option<String>,
    /// The SMTP relay for password recovery by e-mail (`smtps://user:pass@host:465`, or
    /// `smtp://user:pass@host:587` with STARTTLS); without it, in production, recovery by e-mail
    /// is not offered (development keeps the messages at `/dev/sms`).
    #[arg(long, env = "SHEBAO_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,
    /// The sender of those e-mails.
    #[arg(long, env = "SHEBAO_MAIL_FROM", default_value = "社保通 <no-reply@shebao.invalid>")]
    pub mail_from: String,
    /// Timeout of each call to the identity service and the SMS provider, in milliseconds.
    #[arg(long, env = "SHEBAO_OUTBOUND_TIMEOUT_MS", default_value_t = 3000)]
    pub outbound_timeout_ms: u64,
    /// Retries of a failed call to the identity service or the SMS provider.
    #[arg(long, env = "SHEBAO_OUTBOUND_RETRIES", default_value_t = 2)]
    pub outbound_retries: u32,
    /// Multiplies every quota on writes (load tests and benchmarks from one address).
    #[arg(long, env = "SHEBAO_QUOTA_SCALE", default_value_t = 1)]
    pub quota_scale: i64,
    /// Development mode: enables developer-only pages. Never in production.
    #[arg(long, env = "SHEBAO_DEV")]
    pub dev: bool,
    /// Log line format.
    #[arg(long, env = "SHEBAO_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line, for log collectors.
    Json,
}
