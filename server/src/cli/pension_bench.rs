//! `shebao-server pension-bench`: the housekeeping's run over many pensioners. Seeds (once per
//! store) `--pensioners` approved claims paid through last month, their last certifications
//! spread evenly over the `--spread` days before today, so the run meets every standing:
//! certified (paid this month), due (a reminder taken; bench pensioners have no account, so
//! none is sent), within the grace (paid), lapsed (暂停发放: nothing paid). Then times the
//! whole sweep (sessions, uploads, every benefit's payments, the reminders) twice: the
//! month's first run, which pays, and the next one ten minutes later, which must pay nothing.
//! Prints one JSON object.

use std::path::PathBuf;
use std::time::Instant;

use app::domain::ledger::Month;
use app::domain::pension::certification::covered_through;
use app::domain::Date;
use clap::Args;

use crate::config::StoreArgs;
use crate::pensions::bench_store::PensionSeed;

#[derive(Debug, Args)]
pub struct PensionBenchArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    #[arg(long, default_value_t = 1_000_000)]
    pub pensioners: i64,
    /// The last certifications fall on the days from today back this many days.
    #[arg(long, default_value_t = 456)]
    pub spread: i64,
}

pub async fn run(args: &PensionBenchArgs) -> anyhow::Result<()> {
    anyhow::ensure!(args.pensioners > 0 && args.spread > 0, "--pensioners and --spread must be positive");
    let (store, vault) = crate::serve::open_store(&args.store).await?;
    let state = crate::AppState::new(store.clone(), PathBuf::new(), vault);
    let policy = state.pension.certification.clone();
    let now = crate::store::now_ms();
    let today = Date::china_from_unix_ms(now);
    let this = Month::of(today);
    let last = Month::from_index(this.index() - 1).expect("a month");
    let days: Vec<String> = (0..args.spread).map(|k| Date::from_days_since_epoch(today.days_since_epoch() - k).iso()).collect();
    let have = store.bench_pensioners().await?;
    let mut seeded_s = None;
    if have == 0 {
        eprintln!("seeding {} pensioners (once)…", args.pensioners);
        let first = Month::from_index(this.index() - 24).expect("a month").to_string();
        let seed = PensionSeed { pensioners: args.pensioners, first_month: &first, paid_through: &last.to_string(), monthly: 300_000, days: &days };
        let t = Instant::now();
        store.bench_seed_pensioners(&seed, now).await?;
        seeded_s = Some(t.elapsed().as_secs_f64());
    } else if have != args.pensioners {
        anyhow::bail!("this store holds a bench of {have} pensioners; use another data dir or database for {}", args.pensioners);
    }
    // The share of the days whose certification still covers this month.
    let covering = days.iter().filter(|d| Date::parse_iso(d).is_some_and(|d| covered_through(d, &policy) >= this)).count();

    let t = Instant::now();
    let first = crate::housekeeping::sweep(&state, now).await?;
    let first_s = t.elapsed().as_secs_f64();
    let (paid, reminded) = store.bench_pension_counts(&this.to_string()).await?;
    let t = Instant::now();
    let next = crate::housekeeping::sweep(&state, now + 600_000).await?;
    let next_s = t.elapsed().as_secs_f64();
    anyhow::ensure!(next.pensions == 0, "the next run paid {} months again", next.pensions);
    println!(
        "{}",
        serde_json::json!({
            "pensioners": args.pensioners, "spread_days": args.spread, "month": this.to_string(), "seeded_s": seeded_s,
            "first_sweep_s": first_s, "months_paid": first.pensions, "claims_paid_through_month": paid, "claims_lapsed": args.pensioners - paid,
            "covering_days": covering, "reminders_taken": reminded, "next_sweep_s": next_s,
        })
    );
    Ok(())
}
