//! `shebao-server registry …`: seed the deterministic demo registry, import a CSV of records.

use std::path::PathBuf;
use std::time::Instant;

use app::domain::{Date, IdNumber, MobileNumber, PersonName};
use clap::{Args, Subcommand};

use crate::config::StoreArgs;
use crate::registry::{demo::Demo, import, person};
use crate::state::Store;
use crate::vault::Vault;

#[derive(Debug, Args)]
pub struct RegistryArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    #[command(subcommand)]
    pub what: RegistryCommand,
}

#[derive(Debug, Subcommand)]
pub enum RegistryCommand {
    /// Adds the demo population (the same people every time; person i is the same for any n),
    /// and the demo ledger: units, and the first insured people's history since July 2024.
    Seed {
        /// How many people (`--count 1000000` for the benchmark's million).
        #[arg(long, default_value_t = 100_000)]
        count: u64,
    },
    /// Imports `name,id_number[,status]` rows; bad rows are reported (JSON lines on stdout)
    /// and not imported. Exit status 1 if any row was bad.
    Import { file: PathBuf },
    /// How many people the registry holds.
    Count,
    /// Times real-name lookups (sealed ID → blind index → row) of demo people against the
    /// registry as it is; prints p50/p99 in milliseconds as JSON (the bench reads it).
    LookupBench {
        /// How many lookups.
        #[arg(long, default_value_t = 10_000)]
        samples: u64,
        /// Pick among the first `among` demo people (the seeded count).
        #[arg(long, default_value_t = 1_000_000)]
        among: u64,
    },
}

/// Adds demo people `0..count` in batches; returns how many were written.
pub async fn seed(store: &dyn Store, vault: &Vault, count: u64) -> anyhow::Result<u64> {
    let demo = Demo::new();
    anyhow::ensure!(count <= demo.capacity(), "at most {} demo people", demo.capacity());
    let today = Date::china_from_unix_ms(crate::store::now_ms());
    let now = crate::store::now_ms();
    let mut batch = Vec::with_capacity(5_000);
    for i in 0..count {
        let p = demo.person(i);
        let id = IdNumber::parse(&p.id_number, today).map_err(|e| anyhow::anyhow!("demo person {i}: {}", e.en))?.value;
        let name = PersonName::parse(&p.name).map_err(|e| anyhow::anyhow!("demo person {i}: {}", e.en))?.value;
        let mobile = MobileNumber::parse(&p.mobile).map_err(|e| anyhow::anyhow!("demo person {i}: {}", e.en))?.value;
        batch.push(person(vault, &id, &name, p.status, Some(&mobile)));
        if batch.len() == 5_000 || i + 1 == count {
            store.registry_put(&batch, now).await?;
            batch.clear();
        }
    }
    Ok(count)
}

/// Runs the command; `Ok(false)` when an import had bad rows.
pub async fn run(args: &RegistryArgs) -> anyhow::Result<bool> {
    let (store, vault) = crate::serve::open_store(&args.store).await?;
    match &args.what {
        RegistryCommand::Seed { count } => {
            let started = Instant::now();
            seed(store.as_ref(), &vault, *count).await?;
            eprintln!(
                "seeded {count} demo people in {:.1} s; the registry holds {}",
                started.elapsed().as_secs_f64(),
                store.registry_count().await?
            );
            let started = Instant::now();
            let cx = crate::ledger::Cx::for_cli(store.clone(), vault.clone(), crate::state::SHIPPED_POLICY).map_err(anyhow::Error::msg)?;
            let history = crate::ledger::demo::seed(&cx, *count, Date::china_from_unix_ms(crate::store::now_ms())).await?;
            eprintln!(
                "demo ledger: {} units, {} people, {} months assessed ({} rows), {} payments, in {:.1} s",
                history.units,
                history.people,
                history.months,
                history.rows,
                history.payments,
                started.elapsed().as_secs_f64()
            );
            Ok(true)
        }
        RegistryCommand::Import { file } => {
            let f = std::fs::File::open(file).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
            let now = crate::store::now_ms();
            let report = import::import(store.as_ref(), &vault, f, Date::china_from_unix_ms(now), now).await?;
            for b in &report.bad {
                println!("{}", serde_json::to_string(b)?);
            }
            eprintln!("imported {} rows; {} bad rows not imported", report.imported, report.bad.len());
            Ok(report.bad.is_empty())
        }
        RegistryCommand::LookupBench { samples, among } => {
            let demo = Demo::new();
            let check = crate::accounts::identity::RegistryStandIn { store: store.clone(), vault: vault.clone() };
            let today = Date::china_from_unix_ms(crate::store::now_ms());
            let mut times = Vec::with_capacity(*samples as usize);
            let mut matched = 0u64;
            for i in 0..*samples {
                let p = demo.person(i.wrapping_mul(7_919) % (*among).max(1));
                let id = IdNumber::parse(&p.id_number, today).map_err(|e| anyhow::anyhow!("{}", e.en))?.value;
                let name = PersonName::parse(&p.name).map_err(|e| anyhow::anyhow!("{}", e.en))?.value;
                let mobile = MobileNumber::parse(&p.mobile).map_err(|e| anyhow::anyhow!("{}", e.en))?.value;
                let started = Instant::now();
                let verdict = crate::accounts::identity::IdentityCheck::check(&check, &name, &id, &mobile).await;
                times.push(started.elapsed().as_secs_f64() * 1000.0);
                matched += u64::from(verdict == crate::accounts::identity::Verdict::Matched);
            }
            times.sort_by(f64::total_cmp);
            let at = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
            println!(
                "{}",
                serde_json::json!({ "samples": samples, "matched": matched, "registry": store.registry_count().await?, "p50_ms": at(0.5), "p99_ms": at(0.99) })
            );
            Ok(true)
        }
        RegistryCommand::Count => {
            println!("{}", store.registry_count().await?);
            Ok(true)
        }
    }
}
