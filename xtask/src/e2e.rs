//! The end-to-end suites: Node's test runner driving Debian's Chromium through Playwright,
//! against the real server binary and the built site.

use std::process::Command;

use crate::util::{self, run};

pub fn run_suites(server_bin: &std::path::Path, filter: Option<&str>) -> anyhow::Result<()> {
    let artifacts = util::target_dir().join("e2e-artifacts");
    std::fs::create_dir_all(&artifacts)?;
    let mut cmd = Command::new("node");
    // A test that hangs fails with its name after ten minutes instead of holding CI until its
    // own limit.
    cmd.arg("--test").arg("--test-concurrency=1").arg("--test-timeout=600000");
    // `cargo xtask test e2e outbox` runs tests/e2e/outbox.test.mjs only.
    match filter {
        Some(f) => cmd.arg(format!("tests/e2e/{f}.test.mjs")),
        None => cmd.arg("tests/e2e/"),
    };
    cmd
        .env("SHEBAO_SERVER_BIN", server_bin)
        .env("SHEBAO_SITE_DIR", util::site_dir())
        .env("SHEBAO_ARTIFACTS", &artifacts)
        .env("CHROMIUM", "/usr/bin/chromium");
    run(&mut cmd)?;
    eprintln!("end-to-end artefacts (screenshots) in {}", artifacts.display());
    Ok(())
}
