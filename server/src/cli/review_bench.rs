//! `shebao-server review-bench`: the review queues' server time with many items in the store.
//! Seeds `--applications` employer registrations (filings and applications, spread over
//! Jiangsu's counties and the last 30 days; once — a rerun reuses them), then requests the
//! queue pages through the whole router (session, guard, handler, store) as a reviewer and
//! prints p50/p99 per filter as JSON (the bench reads it). With `--cases N`, the same for the
//! back office's case queue (待办): N enrolment cases of one unit, asked as an operator, and the
//! statistics' two case charts (每日受理, 待办时长) drawn over them once each.

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
    /// How many cases (待办) the store should hold; 0 leaves the case queue out.
    #[arg(long, default_value_t = 0)]
    pub cases: usize,
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
    let token = session(store.as_ref(), &vault, "reviewer", now).await?;
    let state = crate::AppState::new(store.clone(), std::env::temp_dir(), vault.clone());
    let router = crate::router::app(state);
    let queries = [("open", "status=open"), ("overdue", "overdue=1"), ("city", "status=all&region=320100"), ("page 20", "status=all&page=20")];
    let figures = measure(&router, &token, "/api/review/queue", &queries, args.samples).await?;
    let total = store.application_count(&QueueFilter::default()).await?;
    let mut out = serde_json::json!({ "applications": total, "samples": args.samples, "filters": figures });
    if args.cases > 0 {
        let cases = seed_cases(store.as_ref(), &vault, &counties, args.cases, now).await?;
        let token = session(store.as_ref(), &vault, "operator", now).await?;
        let queries = [("open", "status=open"), ("module", "module=unemployment"), ("city", "status=all&region=320100"), ("aged 5", "min_age=5"), ("page 20", "page=20")];
        out["cases"] = serde_json::json!(cases);
        out["case_filters"] = measure(&router, &token, "/api/office/cases", &queries, args.samples).await?.into();
        // The statistics' case charts over the same queue (the store's work and the SVG), once
        // each: the period is the last three months, every region.
        let today = app::domain::Date::china_from_unix_ms(now);
        let this = app::domain::ledger::Month::of(today);
        let everyone = crate::reports::Filter { from: app::domain::ledger::Month::from_index(this.index() - 2).unwrap_or(this), to: this, unit: None, region: (0, i64::MAX), person: None };
        let certification = app::domain::pension::PensionPolicy::from_json(crate::state::SHIPPED_POLICY).map_err(anyhow::Error::msg)?.certification;
        for kind in [crate::reports::stats::Kind::Cases, crate::reports::stats::Kind::CaseAge] {
            let t = Instant::now();
            let svg = crate::reports::svg::render(&crate::reports::stats::chart(store.as_ref(), kind, &everyone, today, &certification).await?);
            out[format!("{}_chart_s", kind.code())] = t.elapsed().as_secs_f64().into();
            out[format!("{}_chart_bytes", kind.code())] = svg.len().into();
        }
    }
    println!("{out}");
    Ok(())
}

/// A staff account of `role` and its session token, through the real store.
async fn session(store: &dyn crate::Store, vault: &crate::vault::Vault, role: &str, now: i64) -> anyhow::Result<String> {
    let reviewer_id = format!("bench-{role}-{now}");
    let account = NewAccount {
        role: role.into(),
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
    let (token, _) = crate::accounts::session::start(store, id, now).await?;
    Ok(token)
}

/// p50 and p99 of `samples` requests of `path?query` per filter, through the whole router.
async fn measure(router: &axum::Router, token: &str, path: &str, queries: &[(&str, &str)], samples: usize) -> anyhow::Result<serde_json::Map<String, serde_json::Value>> {
    let mut figures = serde_json::Map::new();
    for (name, query) in queries {
        let mut times = Vec::with_capacity(samples);
        for _ in 0..samples {
            let request = Request::get(format!("{path}?{query}")).header("cookie", format!("sid={token}")).body(Body::empty())?;
            let started = Instant::now();
            let response = router.clone().oneshot(request).await?;
            let body = axum::body::to_bytes(response.into_body(), usize::MAX).await?;
            times.push(started.elapsed().as_secs_f64() * 1000.0);
            anyhow::ensure!(body.starts_with(b"{\"total\""), "unexpected answer: {}", String::from_utf8_lossy(&body));
        }
        times.sort_by(f64::total_cmp);
        let at = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
        figures.insert((*name).into(), serde_json::json!({ "p50_ms": at(0.5), "p99_ms": at(0.99) }));
    }
    Ok(figures)
}

/// `n` enrolment cases in the queue (once: a rerun tops up), of one unit, over Jiangsu's
/// counties, the last 30 days and every set of insurances; how many there are.
async fn seed_cases(store: &dyn crate::Store, vault: &crate::vault::Vault, counties: &[u32], n: usize, now: i64) -> anyhow::Result<i64> {
    use crate::office::case_store::CaseFilter;
    use crate::office::NewCase;
    let have = store.case_count(&CaseFilter::default()).await? as usize;
    let unit = crate::ledger::NewUnit {
        credit_code: "91320102BENCHCASE0".into(),
        credit_index: vault.blind_index(purpose::CREDIT_CODE, "91320102BENCHCASE0"),
        name: "待办测试单位".into(),
        region: 320_102,
        industry_class: Some(1),
    };
    let unit_id = store.unit_ensure(&unit, None, "bench", now).await?;
    for i in have..n {
        let client_id = format!("00000000-0000-7000-9000-{i:012}");
        let submitted = now - (i as i64 % 30) * 86_400_000;
        let filing = NewFiling {
            client_id: client_id.clone(),
            kind: "enrolment".into(),
            content_hash: format!("{i:064}"),
            payload: vault.seal(&crate::vault::bound::filing_payload(&client_id), b"{}"),
            subject: None,
            region: Some(i64::from(counties[i % counties.len()])),
            device_id: "review-bench".into(),
            version_of: None,
            created_at: now,
            attachments: Vec::new(),
            sent_by: None,
        };
        let case = NewCase {
            kind: app::api::sync::FilingKind::Enrolment,
            modules: (i % 15 + 1) as i64,
            unit_id: Some(unit_id),
            region: i64::from(counties[i % counties.len()]),
            holds: Vec::new(),
            submitted_by: None,
            submitted_on: app::domain::Date::china_from_unix_ms(submitted).iso(),
        };
        store.file_case(&filing, &case, "20261203", now).await?;
    }
    Ok(store.case_count(&CaseFilter::default()).await?)
}
