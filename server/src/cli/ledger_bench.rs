//! `shebao-server ledger-bench`: the ledger's speed with many insured people. Seeds (once, in
//! the database itself) `--persons` people in `--units` units, each insured in the four
//! insurances from 2024-07, and 30 years of history for `--history` of them; then times the
//! assessment of the next month not yet assessed (every unit, every relationship), the import of
//! a `--payments`-row collection file, and `--samples` queries of one person's 30-year record;
//! last, it gives every unit a statement for every month to this one (made-up figures, no rows
//! behind them) and times the statistics' 核定与到账 chart over them all. Prints one JSON object
//! (the bench reads it). A data dir serves one run (the statements of the last step count as
//! assessed months for none, but their sums no longer agree).

use std::time::Instant;

use app::domain::ledger::Month;
use app::domain::Date;
use clap::Args;

use crate::config::StoreArgs;
use crate::store::AuditEntry;
use crate::ledger::{monthly, payments, records, Cx};

#[derive(Debug, Args)]
pub struct LedgerBenchArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    #[arg(long, default_value_t = 1_000_000)]
    pub persons: i64,
    #[arg(long, default_value_t = 10_000)]
    pub units: i64,
    #[arg(long, default_value_t = 100_000)]
    pub payments: usize,
    /// People with a 30-year history (the record query picks among them).
    #[arg(long, default_value_t = 20)]
    pub history: i64,
    #[arg(long, default_value_t = 200)]
    pub samples: usize,
    /// Then the fault run: the next month's assessment and a payment file, each in a child
    /// process killed (SIGKILL) half-way, then run again here; the sums must agree.
    #[arg(long)]
    pub fault: bool,
}

pub(crate) const START: &str = "2024-07";

/// Bench unit `n`'s credit code: valid, unlike any demo or real unit's (`91320102` + `8…`).
pub(crate) fn bench_code(n: i64) -> String {
    use app::domain::credit_code::{check_char, org_check_char};
    let body = format!("{:08}", 80_000_000 + n);
    let mut s = format!("91320102{body}");
    s.push(char::from(org_check_char(body.as_bytes())));
    s.push(char::from(check_char(s.as_bytes())));
    s
}

pub async fn run(args: &LedgerBenchArgs) -> anyhow::Result<()> {
    let (store, vault) = crate::serve::open_store(&args.store).await?;
    let cx = Cx::for_cli(store.clone(), vault, crate::state::SHIPPED_POLICY).map_err(anyhow::Error::msg)?;
    let now = crate::store::now_ms();
    let today = Date::china_from_unix_ms(now);
    let start = Month::parse(START).expect("a month");
    let have = cx.store.bench_persons().await?;
    let mut seeded_s = None;
    if have == 0 {
        eprintln!("seeding {} persons in {} units (once)…", args.persons, args.units);
        let t = Instant::now();
        let codes: Vec<String> = (1..=args.units).map(bench_code).collect();
        cx.store.bench_seed(&codes, args.persons, START, i64::from(start.year), now).await?;
        // 30 years before the bench's first month.
        let months: Vec<String> = (1..=360).rev().filter_map(|back| Month::from_index(start.index() - back)).map(|m| m.to_string()).collect();
        for n in 1..=args.history {
            if let Some(id) = cx.store.bench_person(n).await? {
                cx.store.bench_history(id, &months, now).await?;
            }
        }
        seeded_s = Some(t.elapsed().as_secs_f64());
    } else if have != args.persons {
        anyhow::bail!("this store holds a bench of {have} persons; use another data dir or database for {}", args.persons);
    }

    // The next month the bench has not assessed (a rerun moves on).
    let first_unit = cx.store.unit_by_code(&bench_code(1)).await?.ok_or_else(|| anyhow::anyhow!("the bench's units are missing"))?;
    let mut month = start;
    while cx.store.statement(first_unit.id, &month.to_string()).await?.is_some_and(|s| s.assessed_at.is_some()) {
        month = month.next();
    }
    anyhow::ensure!(month <= Month::of(today), "every month up to this one is assessed: use a fresh data dir or database");
    eprintln!("assessing {month}…");
    let t = Instant::now();
    let run = monthly::assess(&cx, month, None, None).await?;
    let assess_s = t.elapsed().as_secs_f64();
    // Σ of the rows equals Σ of the statements.
    let mut rows_sum = 0i64;
    let mut due_sum = 0i64;
    for code in [1, args.units / 2, args.units] {
        if let Some(u) = cx.store.unit_by_code(&bench_code(code)).await? {
            rows_sum += cx.store.month_rows(u.id, &month.to_string()).await?.iter().map(|r| r.employer + r.individual).sum::<i64>();
            due_sum += cx.store.statement(u.id, &month.to_string()).await?.map_or(0, |s| s.due);
        }
    }

    // The collection file: one row per unit and reference, round the units.
    let mut csv = String::from("credit_code,month,amount,reference,paid_on\n");
    for i in 0..args.payments {
        csv.push_str(&format!("{},{month},1.00,BENCH-{month}-{i},{}\n", bench_code(1 + (i as i64) % args.units), today.iso()));
    }
    eprintln!("importing {} payments…", args.payments);
    let t = Instant::now();
    let imported = payments::import(cx.store.as_ref(), csv.as_bytes(), today, None, now).await?;
    anyhow::ensure!(matches!(imported, payments::Report::Imported(_)), "the bench's payment file was refused: {imported:?}");
    let import_s = t.elapsed().as_secs_f64();

    let from = Month::from_index(start.index() - 360).expect("a month");
    let to = Month::from_index(start.index() - 1).expect("a month");
    let mut times = Vec::with_capacity(args.samples);
    let mut months_seen = 0;
    for i in 0..args.samples {
        let n = 1 + (i as i64) % args.history.max(1);
        let t = Instant::now();
        let r = records::of_person(&cx, &format!("bench-person-{n}"), from, to, now).await?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        months_seen = r.months.len();
    }
    // The back office's person page: the person found by number, the same records, and the
    // audit line its look writes (the handler's store work; unsealing one value and the JSON
    // are not in it).
    let mut page_times = Vec::with_capacity(args.samples);
    for i in 0..args.samples {
        let n = 1 + (i as i64) % args.history.max(1);
        let Some(id) = cx.store.bench_person(n).await? else { continue };
        let t = Instant::now();
        let person = cx.store.person_entry(Some(id), None).await?.ok_or_else(|| anyhow::anyhow!("bench person {n} is missing"))?;
        records::of_person(&cx, &person.id_index, from, to, now).await?;
        let entry = AuditEntry { actor: None, actor_role: Some("operator".into()), action: "office.person_view".into(), target: Some(format!("person:{id}")), detail: None };
        store.audit_append(&entry, now).await?;
        page_times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    page_times.sort_by(f64::total_cmp);
    let at = |q: f64| times.get(((times.len() as f64 - 1.0) * q).round() as usize).copied().unwrap_or(0.0);
    let page_at = |q: f64| page_times.get(((page_times.len() as f64 - 1.0) * q).round() as usize).copied().unwrap_or(0.0);
    let fault = if args.fault { Some(fault_run(args, &cx, month.next(), assess_s, import_s, today, now).await?) } else { None };
    // Last (its statements have no rows behind them): 核定与到账 over every unit and every month
    // from the bench's first to this one, as the statistics screen asks it.
    let months: Vec<String> = start.through(Month::of(today)).map(|m| m.to_string()).collect();
    let statements_added = cx.store.bench_seed_statements(&months, now).await?;
    let everyone = crate::reports::Filter { from: start, to: Month::of(today), unit: None, region: (0, i64::MAX), person: None };
    let t = Instant::now();
    let chart = crate::reports::stats::chart(store.as_ref(), crate::reports::stats::Kind::Money, &everyone, today, &cx.pension.certification).await?;
    let svg = crate::reports::svg::render(&chart);
    let money_chart_s = t.elapsed().as_secs_f64();
    println!(
        "{}",
        serde_json::json!({
            "fault": fault,
            "persons": args.persons, "units": args.units, "month": month.to_string(), "seeded_s": seeded_s,
            "assess_s": assess_s, "rows": run.regular + run.adjustments, "skipped": run.skipped.len(),
            "rows_equal_statements": rows_sum == due_sum,
            "payments": args.payments, "import_s": import_s, "imported": imported,
            "record_rows": months_seen, "record_p50_ms": at(0.5), "record_p99_ms": at(0.99), "samples": args.samples,
            "office_page_p50_ms": page_at(0.5), "office_page_p99_ms": page_at(0.99),
            "money_chart_s": money_chart_s, "money_chart_bytes": svg.len(), "money_chart_months": months.len(), "statements_added": statements_added,
        })
    );
    Ok(())
}

/// The child process running `ledger <what>` on the same store.
fn child(args: &LedgerBenchArgs, what: &[&str]) -> std::io::Result<std::process::Child> {
    let mut cmd = std::process::Command::new(std::env::current_exe()?);
    cmd.arg("ledger").arg("--data-dir").arg(&args.store.data_dir);
    if let Some(url) = &args.store.database_url {
        cmd.arg("--database-url").arg(url);
    }
    if let Some(key) = &args.store.key_file {
        cmd.arg("--key-file").arg(key);
    }
    if let Some(hex) = &args.store.key_hex {
        cmd.env("SHEBAO_KEY", hex);
    }
    cmd.args(what).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).spawn()
}

/// Kills `what` after `after_s` seconds; whether it was still running then.
async fn kill_after(mut c: std::process::Child, after_s: f64) -> anyhow::Result<bool> {
    tokio::time::sleep(std::time::Duration::from_secs_f64(after_s)).await;
    let running = c.try_wait()?.is_none();
    c.kill().ok();
    c.wait()?;
    Ok(running)
}

/// SIGKILL during an assessment and during an import, then both again: what the sums say.
async fn fault_run(args: &LedgerBenchArgs, cx: &Cx, month: Month, assess_s: f64, import_s: f64, today: Date, now: i64) -> anyhow::Result<serde_json::Value> {
    anyhow::ensure!(month <= Month::of(today), "no month left to assess for the fault run");
    let m = month.to_string();
    eprintln!("fault run: killing the assessment of {m} half-way…");
    let assess_killed = kill_after(child(args, &["assess", "--month", &m])?, assess_s / 2.0).await?;
    let rerun = monthly::assess(cx, month, None, None).await?;
    let mut csv = String::from("credit_code,month,amount,reference,paid_on\n");
    for i in 0..args.payments {
        csv.push_str(&format!("{},{m},1.00,FAULT-{m}-{i},{}\n", bench_code(1 + (i as i64) % args.units), today.iso()));
    }
    let file = std::env::temp_dir().join(format!("shebao-fault-{}.csv", std::process::id()));
    std::fs::write(&file, &csv)?;
    eprintln!("fault run: killing the import of {} payments half-way…", args.payments);
    let import_killed = kill_after(child(args, &["import-payments", &file.display().to_string()])?, import_s / 2.0).await?;
    let again = payments::import(cx.store.as_ref(), csv.as_bytes(), today, None, now).await?;
    std::fs::remove_file(&file).ok();
    let taken_once = matches!(&again, payments::Report::Imported(i) if i.taken + i.already == args.payments as u64);
    let sums = cx.store.sums().await?;
    Ok(serde_json::json!({
        "month": m, "assess_killed": assess_killed, "rerun_rows": rerun.regular + rerun.adjustments,
        "import_killed": import_killed, "import_rerun": again, "each_reference_once": taken_once,
        "sums": sums, "agree": sums.agree() && taken_once,
    }))
}
