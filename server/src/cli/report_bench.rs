//! `shebao-server report-bench`: the reports' speed. Seeds (once, as `ledger-bench` does)
//! `--persons` people insured in the four insurances, `--per-unit` to a unit, then times 参保统计
//! over all of them (every month from the bench's first to this one, as XLSX) and the first
//! unit's 单位缴费核定单 for the bench's first month (assessed here first; one row per employee and
//! insurance, as XLSX), and the statistics' charts of 参保人数 and 核定与到账 over everyone as
//! SVG. Prints one JSON object.

use std::time::Instant;

use app::domain::ledger::Month;
use app::domain::Date;
use clap::Args;

use super::ledger_bench::{bench_code, START};
use crate::config::StoreArgs;
use crate::ledger::{monthly, Cx};
use crate::reports::file::{produce_to_temp, Format};
use crate::reports::{stats, Filter, Report};
use crate::vault::bound;

#[derive(Debug, Args)]
pub struct ReportBenchArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    #[arg(long, default_value_t = 1_000_000)]
    pub persons: i64,
    /// Employees of each unit (the statement is of one unit).
    #[arg(long, default_value_t = 5_000)]
    pub per_unit: i64,
}

pub async fn run(args: &ReportBenchArgs) -> anyhow::Result<()> {
    anyhow::ensure!(args.per_unit > 0 && args.persons >= args.per_unit, "--persons must hold at least one unit of --per-unit");
    let (store, vault) = crate::serve::open_store(&args.store).await?;
    let cx = Cx::for_cli(store.clone(), vault.clone(), crate::state::SHIPPED_POLICY).map_err(anyhow::Error::msg)?;
    let now = crate::store::now_ms();
    let today = Date::china_from_unix_ms(now);
    let start = Month::parse(START).expect("a month");
    let have = store.bench_persons().await?;
    let mut seeded_s = None;
    if have == 0 {
        let units = args.persons / args.per_unit;
        eprintln!("seeding {} persons in {units} units (once)…", args.persons);
        let t = Instant::now();
        let codes: Vec<String> = (1..=units).map(bench_code).collect();
        store.bench_seed(&codes, args.persons, START, i64::from(start.year), now).await?;
        seeded_s = Some(t.elapsed().as_secs_f64());
    } else if have != args.persons {
        anyhow::bail!("this store holds a bench of {have} persons; use another data dir or database for {}", args.persons);
    }
    let unit = store.unit_by_code(&bench_code(1)).await?.ok_or_else(|| anyhow::anyhow!("the bench's units are missing"))?;
    if store.statement(unit.id, &start.to_string()).await?.is_none_or(|s| s.assessed_at.is_none()) {
        eprintln!("sealing the ID numbers of the first unit's employees and assessing {start} for it…");
        let sealed: Vec<(i64, Vec<u8>)> = store
            .bench_unit_persons(unit.id)
            .await?
            .into_iter()
            .map(|(id, index)| (id, vault.seal(&bound::ledger_person(&index), format!("bench-{id}").as_bytes())))
            .collect();
        store.bench_seal(&sealed).await?;
        monthly::assess(&cx, start, Some(unit.id), None).await?;
    }
    let dir = tempfile::tempdir()?;
    let everyone = Filter { from: start, to: Month::of(today), unit: None, region: (0, i64::MAX), person: None };
    let t = Instant::now();
    let (file, insured_rows) = produce_to_temp(store.as_ref(), &vault, Report::InsuredStats, &everyone, Format::Xlsx, today, dir.path()).await?;
    let insured_s = t.elapsed().as_secs_f64();
    let insured_bytes = file.as_file().metadata()?.len();
    let one_unit = Filter { from: start, to: start, unit: Some(unit.id), region: (0, i64::MAX), person: None };
    let t = Instant::now();
    let (file, statement_rows) = produce_to_temp(store.as_ref(), &vault, Report::UnitStatement, &one_unit, Format::Xlsx, today, dir.path()).await?;
    let statement_s = t.elapsed().as_secs_f64();
    let statement_bytes = file.as_file().metadata()?.len();
    let mut charts = serde_json::Map::new();
    for kind in [stats::Kind::Insured, stats::Kind::Money] {
        let t = Instant::now();
        let svg = crate::reports::svg::render(&stats::chart(store.as_ref(), kind, &everyone, today, &cx.pension.certification).await?);
        charts.insert(format!("{}_chart_s", kind.code()), t.elapsed().as_secs_f64().into());
        charts.insert(format!("{}_chart_bytes", kind.code()), svg.len().into());
    }
    println!(
        "{}",
        serde_json::json!({
            "persons": args.persons, "per_unit": args.per_unit, "seeded_s": seeded_s,
            "insured_stats_s": insured_s, "insured_stats_rows": insured_rows, "insured_stats_bytes": insured_bytes,
            "unit_statement_s": statement_s, "unit_statement_rows": statement_rows, "unit_statement_bytes": statement_bytes,
            "charts": charts,
        })
    );
    Ok(())
}
