//! The real binary on a real socket: it prints its URL, answers over plain HTTP and over TLS
//! with a given certificate, and stops cleanly on SIGTERM.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

struct Running {
    child: Child,
    url: String,
    _data: tempfile::TempDir,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A key, given as a production start needs one.
const KEY: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

/// A production start: a provider for the SMS (never reached here) and a data key.
fn start(site: &std::path::Path, extra: &[&str]) -> Running {
    let data = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_shebao-server"))
        .args(["serve", "--bind", "127.0.0.1:0", "--site-dir"])
        .arg(site)
        .arg("--data-dir")
        .arg(data.path())
        .args(["--sms-url", "http://127.0.0.1:9/sms", "--key", KEY])
        .args(extra)
        .env_remove("DATABASE_URL")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("server binary starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let url = line
        .trim()
        .strip_prefix("Shebao is running at ")
        .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
        .to_owned();
    Running { child, url, _data: data }
}

fn port(url: &str) -> u16 {
    url.trim_end_matches('/').rsplit(':').next().unwrap().parse().unwrap()
}

fn http_get(port: u16, path: &str) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

#[test]
fn serves_plain_http_and_stops_gracefully_on_sigterm() {
    let site = common::fake_site();
    let mut server = start(site.path(), &[]);
    assert!(server.url.starts_with("http://127.0.0.1:"), "{}", server.url);
    let answer = http_get(port(&server.url), "/healthz");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("\"status\":\"ok\""), "{answer}");

    let pid = server.child.id().to_string();
    assert!(Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(started.elapsed() < Duration::from_secs(15), "server did not stop after SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "exit status {status}");
    let mut logs = String::new();
    server.child.stderr.take().unwrap().read_to_string(&mut logs).unwrap();
    assert!(logs.contains("shutdown signal received"), "{logs}");
    assert!(logs.contains("stopped"), "{logs}");
}

#[tokio::test]
async fn serves_https_with_the_given_certificate() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let cert = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (cert_path, key_path) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
    std::fs::write(&cert_path, cert.cert.pem()).unwrap();
    std::fs::write(&key_path, cert.key_pair.serialize_pem()).unwrap();

    let site = common::fake_site();
    let server = start(
        site.path(),
        &["--tls-cert", cert_path.to_str().unwrap(), "--tls-key", key_path.to_str().unwrap()],
    );
    assert!(server.url.starts_with("https://"), "{}", server.url);

    let mut roots = rustls::RootCertStore::empty();
    roots.add(cert.cert.der().clone()).unwrap();
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
    let connector = tokio_rustls::TlsConnector::from(Arc::new(config));
    let tcp = tokio::net::TcpStream::connect(("127.0.0.1", port(&server.url))).await.unwrap();
    let name = rustls::pki_types::ServerName::try_from("localhost").unwrap();
    let mut tls = connector.connect(name, tcp).await.expect("TLS handshake with the given certificate");
    tls.write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").await.unwrap();
    let mut answer = String::new();
    tls.read_to_string(&mut answer).await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.to_ascii_lowercase().contains("strict-transport-security: max-age=31536000"), "{answer}");
}

#[test]
fn a_policy_file_replaces_the_shipped_figures_and_a_bad_one_stops_the_start() {
    let site = common::fake_site();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("policy.json");
    let changed = server::state::SHIPPED_POLICY.replace("2024-07-jiangsu-unconfirmed-3", "test-version-7");
    std::fs::write(&file, changed).unwrap();
    let server = start(site.path(), &["--policy-file", file.to_str().unwrap()]);
    let mut s = TcpStream::connect(("127.0.0.1", port(&server.url))).unwrap();
    write!(s, "POST /api/policy HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{{}}").unwrap();
    let mut answer = String::new();
    s.read_to_string(&mut answer).unwrap();
    assert!(answer.contains("test-version-7"), "{answer}");

    std::fs::write(&file, r#"{"version":"x"}"#).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_shebao-server"))
        .args(["serve", "--bind", "127.0.0.1:0", "--sms-url", "http://127.0.0.1:9/sms", "--key", KEY, "--data-dir"])
        .arg(dir.path())
        .arg("--policy-file")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("policy table"), "{stderr}");
}

/// What a start refuses, and says why (the security review: `--dev` on a public address showed
/// every SMS code; a production start without a provider silently "sent" codes to its log; a
/// mistyped key file made a new key).
#[test]
fn unsafe_starts_are_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let refused = |args: &[&str], env: &[(&str, &str)]| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_shebao-server"));
        cmd.arg("serve").arg("--data-dir").arg(dir.path()).args(args).env_remove("DATABASE_URL");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap();
        assert_ne!(out.status.code(), Some(0), "{args:?} started");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let e = refused(&["--dev", "--bind", "0.0.0.0:0"], &[]);
    assert!(e.contains("development mode") && e.contains("loopback"), "{e}");
    let e = refused(&["--dev", "--bind", "127.0.0.1:0"], &[("DATABASE_URL", "postgres://nobody@127.0.0.1:9/x")]);
    assert!(e.contains("development mode") && e.contains("shared database"), "{e}");
    let e = refused(&["--dev", "--bind", "127.0.0.1:0", "--public-https"], &[]);
    assert!(e.contains("development mode"), "{e}");
    let e = refused(&["--bind", "127.0.0.1:0", "--key", KEY], &[]);
    assert!(e.contains("--sms-url"), "{e}");
    let e = refused(&["--bind", "127.0.0.1:0", "--sms-url", "http://127.0.0.1:9/sms"], &[]);
    assert!(e.contains("data key"), "{e}");
    let missing = dir.path().join("no-such.key");
    let e = refused(&["--bind", "127.0.0.1:0", "--sms-url", "http://127.0.0.1:9/sms", "--key-file", missing.to_str().unwrap()], &[]);
    assert!(e.contains("key generate"), "{e}");
    assert!(!missing.exists(), "a mistyped key file never becomes a new key");
    // `key generate` makes one, once.
    let made = Command::new(env!("CARGO_BIN_EXE_shebao-server")).args(["key", "generate"]).arg(&missing).output().unwrap();
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    assert_eq!(std::fs::read_to_string(&missing).unwrap().trim().len(), 128);
    let again = Command::new(env!("CARGO_BIN_EXE_shebao-server")).args(["key", "generate"]).arg(&missing).output().unwrap();
    assert!(!again.status.success(), "never over an existing key");
}

#[test]
fn https_behind_a_proxy_sends_hsts() {
    let site = common::fake_site();
    let server = start(site.path(), &["--public-https"]);
    let answer = http_get(port(&server.url), "/healthz");
    assert!(answer.to_ascii_lowercase().contains("strict-transport-security: max-age=31536000"), "{answer}");
}
