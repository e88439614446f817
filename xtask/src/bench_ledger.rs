//! The ledger's figures for `cargo xtask bench`: `shebao-server ledger-bench` on SQLite (a data
//! dir kept under target/, seeded once with 1,000,000 insured people) and on PostgreSQL
//! (database `shebao_bench`, as for the accounts' figures); each run assesses the next month
//! not yet assessed. Then the fault run on a small fresh SQLite store: the assessment and an
//! import SIGKILLed half-way and run again; the sums must agree.

use std::process::Command;

use anyhow::Context;
use serde_json::{json, Value};

use crate::util;

fn figures(cmd: &mut Command) -> anyhow::Result<Value> {
    let out = util::output(cmd).context("the ledger bench failed")?;
    serde_json::from_str(out.lines().last().unwrap_or("")).context("the ledger bench's JSON")
}

pub fn rows(pg: &[String]) -> anyhow::Result<(Vec<Value>, bool)> {
    let bin = util::target_dir().join("release/shebao-server");
    let sqlite = vec!["--data-dir".to_owned(), util::target_dir().join("bench/ledger-1m").display().to_string()];
    let mut rows = Vec::new();
    for (name, store) in [("SQLite", sqlite), ("PostgreSQL", pg.to_vec())] {
        println!("ledger on {name} (the first run seeds 1,000,000 people: a few minutes)…");
        let v = match figures(Command::new(&bin).arg("ledger-bench").args(&store).args(["--persons", "1000000", "--units", "10000", "--payments", "100000"])) {
            Ok(v) => v,
            Err(e) => {
                println!("{name} skipped: {e:#} (a store whose months are all assessed needs a fresh one)");
                continue;
            }
        };
        println!("{name}: {v}");
        rows.push(json!({ "name": format!("assess one month, 1M people × 4 insurances, {name}"), "unit": "s", "median": v["assess_s"], "p95": v["assess_s"], "n": 1, "goal": 60 }));
        rows.push(json!({ "name": format!("import 100,000 payments, {name}"), "unit": "s", "median": v["import_s"], "p95": v["import_s"], "n": 1, "goal": null }));
        rows.push(json!({
            "name": format!("one person's 30-year record query, {name}"), "unit": "ms",
            "median": v["record_p50_ms"], "p95": v["record_p99_ms"], "p99": v["record_p99_ms"], "n": v["samples"], "goal": 20,
        }));
    }
    let dir = util::target_dir().join("bench/ledger-fault");
    let _ = std::fs::remove_dir_all(&dir);
    println!("ledger fault run (SIGKILL during an assessment and an import, then again)…");
    let v = figures(Command::new(&bin).arg("ledger-bench").arg("--data-dir").arg(&dir).args([
        "--persons", "100000", "--units", "1000", "--payments", "20000", "--history", "1", "--samples", "1", "--fault",
    ]))?;
    println!("fault run: {}", v["fault"]);
    let agree = v["fault"]["agree"] == json!(true);
    rows.push(json!({ "name": "ledger fault run: sums agree after SIGKILL (1 = yes)", "unit": "", "median": u8::from(agree), "p95": u8::from(agree), "n": 1, "goal": 1, "better": "higher" }));
    Ok((rows, agree))
}
