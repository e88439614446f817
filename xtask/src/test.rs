//! `cargo xtask test`: every suite, cheapest first, then the byte budget.
//!
//! 0. lint: clippy with warnings as errors, for the server build and for the browser build;
//! 1. native: domain rules, router (`oneshot`), the store suite on SQLite and PostgreSQL;
//! 2. browser: `wasm-bindgen-test` in headless Chromium (IndexedDB, components);
//! 3. end to end: the real server and headless Chromium (offline shell, sync, …);
//! 4. the shell's byte budget.
//!
//! `cargo xtask test lint|native|browser|e2e|size` runs one stage.


use anyhow::bail;

use crate::util::{self, cargo, run};
use crate::{build, e2e, size, tools};

const STAGES: &[&str] = &["lint", "native", "browser", "e2e", "size"];

pub fn all(args: &[String]) -> anyhow::Result<()> {
    let only = args.first().map(String::as_str);
    if let Some(stage) = only {
        if !STAGES.contains(&stage) {
            bail!("unknown stage `{stage}`; one of {STAGES:?}");
        }
    }
    let wants = |stage: &str| only.is_none() || only == Some(stage);
    tools::setup(wants("browser") || wants("e2e"))?;
    if wants("lint") {
        lint()?;
    }
    if wants("native") {
        native()?;
    }
    if wants("browser") {
        browser()?;
    }
    if wants("e2e") || wants("size") {
        build::site()?;
    }
    if wants("e2e") {
        // The binary the native stage's integration tests were built with (same features, so
        // no second compilation of the server).
        run(cargo().args(["test", "--package", "server", "--no-run"]))?;
        let bin = util::target_dir().join("debug/shebao-server");
        e2e::run_suites(&bin, args.get(1).map(String::as_str))?;
    }
    if wants("size") {
        size::report(true)?;
    }
    eprintln!("all requested test stages passed");
    Ok(())
}

/// Every feature combination that ships: the native workspace (server + `ssr`) and the two
/// browser bundles (`csr`, `csr,split` — the public bundle — and `csr,staff` on wasm).
fn lint() -> anyhow::Result<()> {
    run(cargo().args(["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]))?;
    run(cargo().args([
        // The library and the browser suites; unit tests and benches are native-only.
        "clippy", "--package", "app", "--features", "csr", "--target", "wasm32-unknown-unknown",
        "--lib", "--test", "*", "--", "-D", "warnings",
    ]))?;
    for bundle in ["csr,split", "csr,staff"] {
        run(cargo().args(["clippy", "--package", "app", "--features", bundle, "--target", "wasm32-unknown-unknown", "--lib", "--", "-D", "warnings"]))?;
    }
    Ok(())
}

/// The PostgreSQL the store suite uses: `SHEBAO_TEST_DATABASE_URL`, else the local server.
fn postgres_url() -> String {
    std::env::var("SHEBAO_TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned())
}

fn native() -> anyhow::Result<()> {
    let url = postgres_url();
    let answers = postgres_answers(&url);
    eprintln!(
        "PostgreSQL store suite: {}",
        if answers { format!("running against {url}") } else { format!("SKIPPED, no server answers at {url}") }
    );
    run(cargo()
        .args(["test", "--workspace", "--exclude", "xtask"])
        .env("SHEBAO_TEST_DATABASE_URL", postgres_url()))
}

/// Whether anything listens at the URL's host and port.
fn postgres_answers(url: &str) -> bool {
    let rest = url.split("://").nth(1).unwrap_or("");
    let host_port = rest.rsplit('@').next().unwrap_or("").split('/').next().unwrap_or("");
    let addr = if host_port.contains(':') { host_port.to_owned() } else { format!("{host_port}:5432") };
    std::net::ToSocketAddrs::to_socket_addrs(&addr)
        .ok()
        .and_then(|mut a| a.next())
        .is_some_and(|a| std::net::TcpStream::connect_timeout(&a, std::time::Duration::from_secs(2)).is_ok())
}

fn browser() -> anyhow::Result<()> {
    run(cargo()
        // Only the browser suites (app/tests/); the unit tests are native.
        .args(["test", "--package", "app", "--features", "csr", "--target", "wasm32-unknown-unknown", "--test", "*"])
        .current_dir(util::root().join("app"))
        .env("CHROMEDRIVER", "/usr/bin/chromedriver")
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120"))?;
    Ok(())
}
