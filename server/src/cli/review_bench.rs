//! `shebao-server review-bench`: the review queue's server time with many applications in the
//! store. Seeds `--applications` employer registrations (filings and applications, spread over
//! Jiangsu's counties and the last 30 days; once — a rerun reuses them), then requests the
//! queue pages through the whole router (session, guard, handler, store) as a reviewer and
//! prints p50/p99 per filter as JSON (the bench reads it).

use std::time::Instant;

use axum::body::Body;
use axum::http::Request;
use clap::Args;
use tower::ServiceExt;

use crate::config::StoreArgs;
use crate::accounts::NewAccount;
use crate::employers::{NewApplication, QueueFilter};
use crate::filings::NewFiling;
use crate::store::AuditEntry;
use crate::vault::purpose;

#[derive(Debug, Args)]
pub struct ReviewBenchArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    /// How many applications the store should hold.
    #[arg(long, default_value_t = 10_000)]
    pub applications: usize,
    /// Requests per filter.
    #[arg(long, default_value_t = 200)]
    pub samples: usize,
}

pub async fn run(args: &ReviewBenchArgs) -> anyhow::Result<()> {
    let (store, vault) = crate::serve::open_store(&args.store).await?;
    let now = crate::store::now_ms();
    let have = store.application_count(&QueueFilter::default()).await? as usize;
    let counties: Vec<u32> = app::domain::divisions::children(Some(320_000))
        .into_iter()
        .flat_map(|(city, _)| app::domain::divisions::children(Some(city)).into_iter().map(|(c, _)| c))
        .collect();
    anyhow::ensure!(!counties.is_empty(), "no Jiangsu counties in the division table");
    for chunk_start in (have..args.applications).step_by(500) {
        let end = (chunk_start + 500).min(args.applications);
        let filings: Vec<NewFiling> = (chunk_start..end)
            .map(|i| NewFiling {
                client_id: format!("00000000-0000-7000-8000-{i:012}"),
                kind: "employer_registration".into(),
                content_hash: format!("{i:064}"),
                payload: vault.seal(&crate::vault::bound::filing_payload(&format!("00000000-0000-7000-8000-{i:012}")), b"{}"),
                subject: None,
                region: Some(i64::from(counties[i % counties.len()])),
                device_id: "review-bench".into(),
                version_of: None,
                created_at: now,
                attachments: Vec::new(),
                sent_by: None,
            })
            .collect();
        store.store_filings(&filings, "20261123", now).await?;
        for (k, f) in filings.iter().enumerate() {
            let i = chunk_start + k;
            let submitted = now - (i as i64 % 30) * 86_400_000;
            let a = NewApplication {
                filing_client_id: f.client_id.clone(),
                version_of: None,
                credit_index: vault.blind_index(purpose::CREDIT_CODE, &format!("bench-{i}")),
                unit_name: format!("测试单位{i}"),
                region: f.region.unwrap_or(320_102),
                account_id: None,
                submitted_at: submitted,
                submitted_on: app::domain::Date::china_from_unix_ms(submitted).iso(),
                mobile_index: vault.blind_index(purpose::MOBILE, &format!("139{i:08}")),
                mobile_verified_at: Some(submitted),
                handler_identity: Some("matched".into()),
            };
            store.application_create(&a, &AuditEntry { action: "bench.seed".into(), ..Default::default() }, now).await?;
        }
    }
    // A reviewer and a session, through the real store.
    let reviewer_id = format!("bench-reviewer-{now}");
    let account = NewAccount {
        role: "reviewer".into(),
        status: "active".into(),
        id_index: vault.blind_index("bench", &reviewer_id),
        id_sealed: vault.seal(&crate::vault::bound::account_id(&vault.blind_index("bench", &reviewer_id)), reviewer_id.as_bytes()),
        name: "bench".into(),
        mobile_index: vault.blind_index("bench-mobile", &reviewer_id),
        mobile_sealed: vault.seal(&crate::vault::bound::account_mobile(&vault.blind_index("bench", &reviewer_id)), b"13800000000"),
        email: None,
        password_hash: String::new(),
        registered_by: None,
        expires_at: None,
    };
    let id = store.account_create(&account, &AuditEntry::default(), now).await?.ok_or_else(|| anyhow::anyhow!("reviewer exists"))?;
    let (token, _) = crate::accounts::session::start(store.as_ref(), id, now).await?;
    let state = crate::AppState::new(store.clone(), std::env::temp_dir(), vault);
    let router = crate::router::app(state);
    let mut figures = serde_json::Map::new();
    for (name, query) in [("open", "status=open"), ("overdue", "overdue=1"), ("city", "status=all&region=320100"), ("page 20", "status=all&page=20")] {
        let mut times = Vec::with_capacity(args.samples);
        for _ in 0..args.samples {
            let request = Request::get(format!("/api/review/queue?{query}")).header("cookie", format!("sid={token}")).body(Body::empty())?;
            let started = Instant::now();
            let response = router.clone().oneshot(request).await?;
            let body = axum::body::to_bytes(response.into_body(), usize::MAX).await?;
            times.push(started.elapsed().as_secs_f64() * 1000.0);
            anyhow::ensure!(body.starts_with(b"{\"total\""), "unexpected answer: {}", String::from_utf8_lossy(&body));
        }
        times.sort_by(f64::total_cmp);
        let at = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
        figures.insert(name.into(), serde_json::json!({ "p50_ms": at(0.5), "p99_ms": at(0.99) }));
    }
    let total = store.application_count(&QueueFilter::default()).await?;
    println!("{}", serde_json::json!({ "applications": total, "samples": args.samples, "filters": figures }));
    Ok(())
}
