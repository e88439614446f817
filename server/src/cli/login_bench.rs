//! `shebao-server login-bench`: what a login costs. Argon2id verifications with the server's
//! parameters and its bound on concurrent hashing (one per core), `clients` at a time: one
//! login's time alone, each login's time under load (queueing included), and how many logins
//! per second the bound allows. Prints JSON (the bench reads it).

use std::sync::Arc;
use std::time::Instant;

use clap::Args;

use crate::accounts::passwords::Hasher;

#[derive(Debug, Args)]
pub struct LoginBenchArgs {
    /// How many logins in all.
    #[arg(long, default_value_t = 64)]
    pub logins: usize,
    /// How many log in at the same time.
    #[arg(long, default_value_t = 16)]
    pub clients: usize,
}

pub async fn run(args: &LoginBenchArgs) -> anyhow::Result<()> {
    let bound = std::thread::available_parallelism().map_or(1, usize::from);
    let hasher = Arc::new(Hasher::new(bound));
    let stored = Arc::new(hasher.hash("Tea-garden7").await);
    let alone = {
        let started = Instant::now();
        anyhow::ensure!(hasher.verify("Tea-garden7", Some(&stored)).await, "the password did not verify");
        started.elapsed().as_secs_f64() * 1000.0
    };
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    let per_client = args.logins.div_ceil(args.clients.max(1));
    for _ in 0..args.clients.max(1) {
        let (hasher, stored) = (hasher.clone(), stored.clone());
        tasks.spawn(async move {
            let mut times = Vec::with_capacity(per_client);
            for _ in 0..per_client {
                let t = Instant::now();
                let ok = hasher.verify("Tea-garden7", Some(&stored)).await;
                times.push((ok, t.elapsed().as_secs_f64() * 1000.0));
            }
            times
        });
    }
    let mut times = Vec::new();
    while let Some(done) = tasks.join_next().await {
        times.extend(done?);
    }
    let wall = started.elapsed().as_secs_f64();
    anyhow::ensure!(times.iter().all(|(ok, _)| *ok), "a login failed to verify");
    let mut ms: Vec<f64> = times.into_iter().map(|(_, t)| t).collect();
    ms.sort_by(f64::total_cmp);
    let at = |q: f64| ms[((ms.len() as f64 - 1.0) * q).round() as usize];
    println!(
        "{}",
        serde_json::json!({
            "bound": bound, "clients": args.clients, "logins": ms.len(),
            "alone_ms": alone, "p50_ms": at(0.5), "p99_ms": at(0.99),
            "logins_per_s": ms.len() as f64 / wall,
        })
    );
    Ok(())
}
