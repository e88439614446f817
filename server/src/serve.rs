//! Listening: plain HTTP (behind a TLS-terminating proxy, or on loopback) or HTTPS with the
//! given certificate; stops gracefully on Ctrl-C / SIGTERM, letting requests in flight finish.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use axum_server::tls_rustls::RustlsConfig;

use crate::config::{ServeArgs, StoreArgs};
use crate::state::{open_store as open_database, Store};
use crate::vault::Vault;
use crate::{app, AppState};

/// How long requests in flight may take to finish after a shutdown signal.
const DRAIN: Duration = Duration::from_secs(10);

/// The longest a request may take (a 64 KB chunk over a poor 2G link takes well under this).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

/// The data key from `--key`/`SHEBAO_KEY` or `--key-file` (which must exist: a mistyped path
/// never makes a new key; `shebao-server key generate FILE` makes one), or — for development
/// with the embedded SQLite database only — the data dir's own key file, created on first use.
pub fn vault(args: &StoreArgs, shared_database: bool) -> anyhow::Result<Vault> {
    if let Some(hex) = args.key_hex.as_deref().filter(|k| !k.trim().is_empty()) {
        return Ok(Vault::from_hex(hex)?);
    }
    if let Some(file) = &args.key_file {
        return Vault::from_file(file).map_err(|e| anyhow::anyhow!("{e} (make a key with `shebao-server key generate {}`)", file.display()));
    }
    if shared_database {
        anyhow::bail!("with PostgreSQL every replica must use the same data key: give SHEBAO_KEY or --key-file");
    }
    Ok(Vault::from_file_or_create(&args.data_dir.join("keys").join("data.key"))?)
}

/// Why this configuration must not start, if it must not. Development mode shows every SMS
/// code and every voucher's address at `/dev/…`: it runs only on a loopback address, with the
/// embedded SQLite database, without TLS or a proxy in front. Anything else is production,
/// which needs a real SMS provider (the development gateway sends nothing) and a data key kept
/// apart from the database.
pub fn refuse_to_start(args: &ServeArgs) -> Option<String> {
    let postgres = args.store.database_url.as_deref().is_some_and(|u| !u.trim().is_empty());
    if args.dev {
        let why = if !args.bind.ip().is_loopback() {
            Some(format!("--bind {} is not a loopback address", args.bind))
        } else if postgres {
            Some("DATABASE_URL names a shared database".into())
        } else if args.tls_cert.is_some() || args.public_https || args.trust_forwarded {
            Some("TLS or a proxy in front means it is meant to be reached from elsewhere".into())
        } else {
            None
        };
        return why.map(|why| {
            format!(
                "refusing to start: development mode (--dev) shows every SMS code at /dev/sms and every voucher at /dev/filings, \
                 so it runs only on loopback (127.0.0.1) with the embedded SQLite database, without TLS or a proxy; here {why}. \
                 Drop --dev (and give --sms-url and --key-file) to serve for real."
            )
        });
    }
    if args.sms_url.as_deref().is_none_or(|u| u.trim().is_empty()) {
        return Some("refusing to start: no SMS provider (--sms-url / SHEBAO_SMS_URL); without one no code reaches anyone. Use --dev on loopback to try the app.".into());
    }
    if let Some(url) = args.smtp_url.as_deref().filter(|u| !u.trim().is_empty()) {
        if let Err(e) = crate::accounts::email::SmtpGateway::new(url, &args.mail_from, std::time::Duration::from_secs(1)) {
            return Some(format!("refusing to start: the e-mail settings do not read ({e})"));
        }
    }
    if args.store.key_hex.as_deref().is_none_or(|k| k.trim().is_empty()) && args.store.key_file.is_none() {
        return Some(
            "refusing to start: no data key given (--key-file / SHEBAO_KEY_FILE, or SHEBAO_KEY); outside development the key is kept apart from the database. \
             Make one with `shebao-server key generate FILE`."
                .into(),
        );
    }
    None
}

/// Opens the store named by the arguments and the key that seals its personal data.
pub async fn open_store(args: &StoreArgs) -> anyhow::Result<(Arc<dyn Store>, Vault)> {
    let url = args.database_url.as_deref().filter(|u| !u.trim().is_empty());
    let vault = vault(args, url.is_some_and(|u| u.starts_with("postgres")))?;
    let store = open_database(url, &args.data_dir).await?;
    Ok((store, vault))
}

pub async fn run(args: &ServeArgs, store: Arc<dyn Store>, vault: Vault) -> anyhow::Result<()> {
    let mut state = AppState::new(store, args.site_dir.clone(), vault);
    state.dev = args.dev;
    state.tls = args.tls_cert.is_some();
    state.https = state.tls || args.public_https;
    configure_accounts(args, &mut state);
    if let Some(file) = &args.policy_file {
        let text = std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
        let table = app::domain::policy::PolicyTable::from_json(&text).map_err(anyhow::Error::msg)?;
        let ledger = app::domain::ledger::LedgerPolicy::from_json(&text).map_err(anyhow::Error::msg)?;
        state.policy = std::sync::Arc::new(table);
        state.ledger = std::sync::Arc::new(ledger);
        state.pension = std::sync::Arc::new(app::domain::pension::PensionPolicy::from_json(&text).map_err(anyhow::Error::msg)?);
        state.benefits = std::sync::Arc::new(app::domain::benefits::BenefitPolicy::from_json(&text).map_err(anyhow::Error::msg)?);
    }
    tracing::info!(version = %state.policy.version, "policy table loaded");
    if !state.site_dir.join("index.html").is_file() {
        tracing::warn!(site_dir = %state.site_dir.display(), "no built site here; run `cargo xtask build`");
    }
    crate::http::quota::set_scale(args.quota_scale);
    crate::housekeeping::spawn(state.clone());
    let router = app(state.clone()).layer(tower_http::timeout::TimeoutLayer::with_status_code(axum::http::StatusCode::REQUEST_TIMEOUT, REQUEST_TIMEOUT));
    let listener = std::net::TcpListener::bind(args.bind).with_context(|| format!("binding {}", args.bind))?;
    listener.set_nonblocking(true)?;
    let addr = listener.local_addr()?;
    let host = if addr.ip().is_unspecified() { "localhost".to_owned() } else { addr.ip().to_string() };
    let scheme = if state.tls { "https" } else { "http" };
    // The one line scripts and tests wait for; keep its shape.
    println!("Shebao is running at {scheme}://{host}:{}/", addr.port());
    tracing::info!(%addr, tls = state.tls, dev = state.dev, "listening");

    if let (Some(cert), Some(key)) = (&args.tls_cert, &args.tls_key) {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let config = RustlsConfig::from_pem_file(cert, key).await.context("loading the TLS certificate and key")?;
        let handle = axum_server::Handle::new();
        let stopper = handle.clone();
        tokio::spawn(async move {
            shutdown_signal().await;
            stopper.graceful_shutdown(Some(DRAIN));
        });
        axum_server::from_tcp_rustls(listener, config)
            .handle(handle)
            .serve(router.into_make_service_with_connect_info::<std::net::SocketAddr>())
            .await?;
    } else {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        axum::serve(listener, router.into_make_service_with_connect_info::<std::net::SocketAddr>()).with_graceful_shutdown(shutdown_signal()).await?;
    }
    tracing::info!("stopped");
    Ok(())
}

fn configure_accounts(args: &ServeArgs, state: &mut AppState) {
    let a = &mut state.accounts;
    a.cookies.secure = state.tls || args.public_https;
    a.forwarding.trust_forwarded = args.trust_forwarded;
    let timeout = Duration::from_millis(args.outbound_timeout_ms);
    if let Some(url) = args.identity_url.as_deref().filter(|u| !u.is_empty()) {
        let service = Arc::new(crate::accounts::identity::HttpIdentity::new(url, timeout, args.outbound_retries));
        a.identity = Arc::new(crate::accounts::identity::Remembered::new(service, state.vault.clone()));
        tracing::info!("real-name checks: external identity service");
    }
    state.face = match args.face_url.as_deref().filter(|u| !u.is_empty()) {
        Some(url) => Arc::new(crate::pensions::face::HttpFace::new(url, timeout, args.outbound_retries)),
        None if args.dev => Arc::new(crate::pensions::face::DevFace),
        None => {
            tracing::warn!("no face-verification service: self-service pension certification is off");
            Arc::new(crate::pensions::face::NoFace)
        }
    };
    let a = &mut state.accounts;
    match args.sms_url.as_deref().filter(|u| !u.is_empty()) {
        Some(url) => {
            a.sms = Arc::new(crate::accounts::sms::HttpSmsGateway::new(url, args.sms_token.clone(), timeout, args.outbound_retries));
            a.dev_sms = None;
        }
        None => tracing::warn!("development SMS gateway: codes are kept for /dev/sms only, nothing is sent"),
    }
    match args.smtp_url.as_deref().filter(|u| !u.is_empty()) {
        // Read once already by `refuse_to_start`.
        Some(url) => match crate::accounts::email::SmtpGateway::new(url, &args.mail_from, timeout) {
            Ok(gateway) => a.email = Some(Arc::new(gateway)),
            Err(error) => {
                tracing::error!(%error, "recovery by e-mail is off: the e-mail settings do not read");
                a.email = None;
            }
        },
        // Production without a relay: recovery by e-mail is not offered (never the development
        // stand-in, which sends nothing).
        None if a.dev_sms.is_none() => a.email = None,
        None => {}
    }
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutdown signal received; draining requests");
}
