//! `cargo xtask bench`: the product's figures in one table (and `target/bench/results.json`):
//! the shell's bytes, the rules natively, and in headless Chromium against the release server:
//! first visit and offline restart, typing, autosave, outbox commit, the drafts page, syncing on
//! a slow link; and the server through its protocol: ingest throughput, and the resilience run
//! (10,000 filings through faults and SIGKILLs). It measures and prints; it never fails on a
//! time — only on a lost, doubled or unexpected filing (and `cargo xtask test` holds the byte budget).
//!
//! `cargo xtask bench typing resilience` runs only those figures (plus the size and the rules).

use std::process::Command;

use anyhow::Context;
use serde_json::{json, Value};

use crate::util::{self, cargo, run};
use crate::{build, size, tools};

pub fn all(args: &[String]) -> anyhow::Result<()> {
    tools::setup(true)?;
    build::site()?;
    run(cargo().args(["build", "--release", "--package", "server"]))?;
    let mut results: Vec<Value> = Vec::new();

    println!("\n== shell size");
    let rows = size::report(false)?;
    if let Some(total) = rows.iter().find(|r| r.path == "total") {
        results.push(json!({ "name": "shell total (brotli)", "unit": "B", "median": total.brotli, "p95": total.brotli, "n": 1, "goal": size::SHELL_BROTLI_GOAL }));
    }
    if let Some(wasm) = rows.iter().find(|r| r.path.ends_with(".wasm")) {
        results.push(json!({ "name": "wasm (brotli)", "unit": "B", "median": wasm.brotli, "p95": wasm.brotli, "n": 1, "goal": null }));
    }

    println!("\n== the rules, natively (divan)");
    run(cargo().args(["bench", "--package", "app", "--bench", "validate"]))?;

    println!("\n== in the browser");
    let mut failed = Vec::new();
    node_figures("tests/bench/browser.mjs", args, &mut results, &mut failed)?;
    println!("\n== the server, through its sync protocol");
    node_figures("tests/bench/server.mjs", args, &mut results, &mut failed)?;

    println!("\n{:<56} {:>10} {:>10} {:>6} {:>10}  unit", "figure", "median", "p95", "n", "goal");
    for r in &results {
        let goal = r["goal"].as_f64().map(|g| g.to_string()).unwrap_or_else(|| "-".into());
        let met = match (r["p95"].as_f64(), r["goal"].as_f64()) {
            (Some(p95), Some(goal)) if p95 <= goal => "",
            (Some(_), Some(_)) => "  ← misses its goal",
            _ => "",
        };
        println!(
            "{:<56} {:>10} {:>10} {:>6} {:>10}  {}{met}",
            r["name"].as_str().unwrap_or("?"),
            r["median"],
            r["p95"],
            r["n"],
            goal,
            r["unit"].as_str().unwrap_or("")
        );
    }
    let dir = util::target_dir().join("bench");
    std::fs::create_dir_all(&dir)?;
    let file = dir.join("results.json");
    std::fs::write(&file, serde_json::to_string_pretty(&json!({ "machine": machine(), "results": results }))?)?;
    println!("\nwritten to {}", file.display());
    if !failed.is_empty() {
        anyhow::bail!("{} reported a failure (see above)", failed.join(", "));
    }
    Ok(())
}

/// Runs one figures script; its JSON lines join `results`. A script that exits non-zero (the
/// resilience run found a lost or doubled filing) is remembered in `failed`; the table still prints.
fn node_figures(script: &str, args: &[String], results: &mut Vec<Value>, failed: &mut Vec<String>) -> anyhow::Result<()> {
    let out = Command::new("node")
        .arg(script)
        .args(args)
        .current_dir(util::root())
        .env("SHEBAO_SERVER_BIN", util::target_dir().join("release/shebao-server"))
        .env("SHEBAO_SITE_DIR", util::site_dir())
        .env("CHROMIUM", "/usr/bin/chromium")
        .stderr(std::process::Stdio::inherit())
        .output()
        .with_context(|| format!("running {script}"))?;
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        match serde_json::from_str::<Value>(line) {
            Ok(v) => results.push(v),
            Err(_) => println!("{line}"),
        }
    }
    if !out.status.success() {
        failed.push(script.to_owned());
    }
    Ok(())
}

/// What the figures were measured on.
fn machine() -> Value {
    let read = |cmd: &[&str]| util::output(Command::new(cmd[0]).args(&cmd[1..])).unwrap_or_default().trim().to_owned();
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| c.lines().find(|l| l.starts_with("model name")).map(|l| l.split(':').nth(1).unwrap_or("").trim().to_owned()))
        .unwrap_or_default();
    json!({
        "cpu": cpu,
        "cores": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0),
        "os": read(&["uname", "-sr"]),
        "rustc": read(&["rustc", "--version"]),
        "chromium": read(&["chromium", "--version"]),
    })
}
