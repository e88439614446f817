//! Installs what the other commands need and are missing. Versions are pinned: the
//! wasm-bindgen CLI to exactly the `wasm-bindgen` in `Cargo.lock`, the npm tools by
//! `package-lock.json`.

use std::process::Command;

use anyhow::{bail, Context};

use crate::util::{self, cargo, output, run};

const CJK_FONT: &str = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc";

/// Everything for building and running; with `browser`, Chromium and its driver too.
pub fn setup(browser: bool) -> anyhow::Result<()> {
    wasm_target()?;
    wasm_bindgen_cli()?;
    npm_tools()?;
    if browser {
        chromium()?;
    }
    Ok(())
}

fn wasm_target() -> anyhow::Result<()> {
    let installed = output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if !installed.lines().any(|l| l.trim() == "wasm32-unknown-unknown") {
        run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    Ok(())
}

/// The `wasm-bindgen` version the lock file holds.
pub fn wasm_bindgen_version() -> anyhow::Result<String> {
    let lock = std::fs::read_to_string(util::root().join("Cargo.lock")).context("reading Cargo.lock")?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(v.trim_end_matches('"').to_owned());
            }
        }
    }
    bail!("Cargo.lock names no wasm-bindgen")
}

fn wasm_bindgen_cli() -> anyhow::Result<()> {
    let want = wasm_bindgen_version()?;
    let have = output(Command::new("wasm-bindgen").arg("--version")).unwrap_or_default();
    let runner = output(Command::new("wasm-bindgen-test-runner").arg("--version")).unwrap_or_default();
    if have.split_whitespace().nth(1) == Some(want.as_str()) && runner.contains(want.as_str()) {
        return Ok(());
    }
    // Not `--locked`: the tool's lock file can name versions the registry here lacks
    // (see ../shared/TOOLCHAIN.md); pinning the tool's own version is what matters.
    run(cargo().args(["install", "wasm-bindgen-cli", "--version", &want]))
}

/// The wasm size profiler used by `cargo xtask bench` (not by the tests).
pub const TWIGGY_VERSION: &str = "0.8.0";

pub fn twiggy() -> anyhow::Result<()> {
    let have = output(Command::new("twiggy").arg("--version")).unwrap_or_default();
    if have.split_whitespace().nth(1) == Some(TWIGGY_VERSION) {
        return Ok(());
    }
    run(cargo().args(["install", "twiggy", "--locked", "--version", TWIGGY_VERSION]))
}

fn npm_tools() -> anyhow::Result<()> {
    let ok = util::npm_bin("wasm-opt").exists()
        && util::root().join("node_modules/playwright-core/package.json").exists()
        && util::root().join("node_modules/jsqr/package.json").exists()
        && util::root().join("node_modules/axe-core/axe.min.js").exists()
        && util::npm_bin("terser").exists();
    if !ok {
        run(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]))?;
    }
    Ok(())
}

/// Chromium, its driver, and a CJK font (without one, screenshots show boxes for Chinese).
fn chromium() -> anyhow::Result<()> {
    let have = |path: &str| std::path::Path::new(path).exists();
    if have("/usr/bin/chromium") && have("/usr/bin/chromedriver") && have(CJK_FONT) {
        return Ok(());
    }
    if !util::is_root() {
        bail!("Chromium is missing: run `sudo apt-get install -y chromium chromium-driver`");
    }
    run(Command::new("apt-get").arg("update").arg("-qq"))?;
    run(Command::new("apt-get").args(["install", "-y", "-qq", "chromium", "chromium-driver", "fonts-wqy-zenhei"])
        .env("DEBIAN_FRONTEND", "noninteractive"))
}
