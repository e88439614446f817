//! Helpers shared by the server's integration tests: stores on both backends, a fake built
//! site, and requests through the router without a socket.
#![allow(dead_code)]

pub mod browser;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, Response};
use http_body_util::BodyExt;
use server::store::{PgStore, SqliteStore};
use server::Store;
use tower::ServiceExt;

/// A store under test and what to clean up after it.
pub struct TestStore {
    pub store: Arc<dyn Store>,
    _dir: Option<tempfile::TempDir>,
    pg_schema: Option<(String, String)>,
}

impl TestStore {
    /// Runs one statement straight on the store's database, past the server's code — for tests
    /// of what the schema itself refuses; `Err` holds the database's message.
    pub async fn execute_raw(&self, sql: &str) -> Result<u64, String> {
        use sqlx::Connection;
        let done = match (&self._dir, &self.pg_schema) {
            (Some(dir), _) => {
                let options = sqlx::sqlite::SqliteConnectOptions::new().filename(dir.path().join("shebao.sqlite3")).foreign_keys(true);
                let mut conn = sqlx::SqliteConnection::connect_with(&options).await.map_err(|e| e.to_string())?;
                sqlx::query(sql).execute(&mut conn).await.map(|r| r.rows_affected())
            }
            (None, Some((url, schema))) => {
                let mut conn = sqlx::PgConnection::connect(url).await.map_err(|e| e.to_string())?;
                sqlx::query(&format!("SET search_path TO {schema}")).execute(&mut conn).await.map_err(|e| e.to_string())?;
                sqlx::query(sql).execute(&mut conn).await.map(|r| r.rows_affected())
            }
            (None, None) => unreachable!("a test store is on one of the two"),
        };
        done.map_err(|e| e.to_string())
    }
}

impl Drop for TestStore {
    fn drop(&mut self) {
        if let Some((url, schema)) = self.pg_schema.take() {
            // Drop may run inside the test's runtime, which cannot be blocked on: clean up
            // from a thread with a small runtime of its own.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
                rt.block_on(PgStore::drop_schema(&url, &schema))
            })
            .join();
        }
    }
}

pub async fn sqlite() -> TestStore {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = SqliteStore::open_dir(dir.path()).await.expect("sqlite store");
    TestStore { store: Arc::new(store), _dir: Some(dir), pg_schema: None }
}

/// The PostgreSQL the tests use: `SHEBAO_TEST_DATABASE_URL`, or the local server.
pub fn postgres_url() -> String {
    std::env::var("SHEBAO_TEST_DATABASE_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned())
}

/// The PostgreSQL of [`postgres_url`], in a fresh schema. `None`, with a line saying so, only
/// when no server answers.
pub async fn postgres(test: &str) -> Option<TestStore> {
    static N: AtomicU32 = AtomicU32::new(0);
    let url = postgres_url();
    let schema = format!(
        "t_{}_{}_{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed),
        test.chars().filter(char::is_ascii_alphanumeric).take(24).collect::<String>().to_lowercase()
    );
    match PgStore::connect_in_schema(&url, &schema).await {
        Ok(store) => Some(TestStore { store: Arc::new(store), _dir: None, pg_schema: Some((url, schema)) }),
        Err(e) if is_unreachable(&e) => {
            // Straight to stderr: libtest captures `eprintln!` of passing tests, and a skip
            // must be seen.
            use std::io::Write;
            let _ = writeln!(std::io::stderr(), "SKIPPED {test} on PostgreSQL: no server answers at {url} ({e})");
            None
        }
        Err(e) => panic!("PostgreSQL answered but the store failed to open: {e}"),
    }
}

fn is_unreachable(e: &server::store::StoreError) -> bool {
    matches!(e, server::store::StoreError::Db(sqlx::Error::Io(_)) | server::store::StoreError::Db(sqlx::Error::PoolTimedOut))
}

/// Runs one async suite against SQLite and PostgreSQL: `both_stores!(name, suite_fn);`.
#[macro_export]
macro_rules! both_stores {
    ($name:ident, $suite:ident) => {
        mod $name {
            #[tokio::test]
            async fn sqlite() {
                let t = $crate::common::sqlite().await;
                super::$suite(t.store.clone()).await;
            }

            #[tokio::test]
            async fn postgres() {
                if let Some(t) = $crate::common::postgres(stringify!($name)).await {
                    super::$suite(t.store.clone()).await;
                }
            }
        }
    };
}

/// A built site in miniature: a shell, a hashed asset with precompressed siblings, the worker.
pub fn fake_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let put = |name: &str, body: &[u8]| {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, body).unwrap();
    };
    put("index.html", b"<!doctype html><title>shell</title>");
    put("index.html.br", b"BR-shell");
    put("index.html.gz", b"GZ-shell");
    put("sw.js", b"// worker");
    put("manifest.webmanifest", b"{}");
    put("app-0123456789abcdef.wasm", b"\0asm-raw");
    put("app-0123456789abcdef.wasm.br", b"BR-wasm");
    put("app-0123456789abcdef.wasm.gz", b"GZ-wasm");
    put("icons/icon-192-fedcba9876543210.png", b"png");
    dir
}

pub async fn app_state(site: &Path) -> (server::AppState, TestStore) {
    let t = sqlite().await;
    (server::AppState::new(t.store.clone(), PathBuf::from(site), server::vault::Vault::random()), t)
}

pub async fn send(state: server::AppState, request: Request<Body>) -> Response<Body> {
    server::app(state).oneshot(request).await.expect("router answers")
}

pub fn get(uri: &str) -> Request<Body> {
    Request::builder().uri(uri).body(Body::empty()).unwrap()
}

pub async fn body_text(response: Response<Body>) -> String {
    let bytes = response.into_body().collect().await.expect("body").to_bytes();
    String::from_utf8_lossy(&bytes).into_owned()
}

pub fn header<'a>(response: &'a Response<Body>, name: &str) -> &'a str {
    response.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
}

/// A state over `store` with a fresh key and no site.
pub fn state_over(store: Arc<dyn Store>) -> server::AppState {
    server::AppState::new(store, PathBuf::from("/nonexistent"), server::vault::Vault::random())
}

/// A client id (UUID text) unique within the test run.
pub fn client_id() -> String {
    static N: AtomicU32 = AtomicU32::new(1);
    format!("0190f3a2-7c4e-7b1a-9c3d-{:012x}", u64::from(N.fetch_add(1, Ordering::Relaxed)) + (u64::from(std::process::id()) << 24))
}

/// This month as `YYYY-MM` (forms refuse months far from today).
pub fn this_month() -> String {
    let today = app::domain::Date::china_from_unix_ms(app::api::ssr::now_ms());
    format!("{:04}-{:02}", today.year, today.month)
}

/// Today (China) as `YYYY-MM-DD`: the day a test's employment ends, told in time.
pub fn today_iso() -> String {
    app::domain::Date::china_from_unix_ms(app::api::ssr::now_ms()).iso()
}

/// A valid enrolment draft for the person with `id_number`.
pub fn enrolment(id_number: &str) -> app::domain::forms::enrolment::EnrolmentDraft {
    app::domain::forms::enrolment::EnrolmentDraft {
        id_number: id_number.into(),
        name: "王小明".into(),
        region: "320102".into(),
        start_month: this_month(),
        monthly_base: "6000".into(),
        insurances: vec![app::domain::policy::Insurance::Pension, app::domain::policy::Insurance::Medical],
        credit_code: credit_code(1),
        ..Default::default()
    }
}

/// The unit with credit code `code` in the ledger (what an approval or the agency creates).
pub async fn unit(state: &server::AppState, code: &str) -> i64 {
    let u = server::ledger::NewUnit {
        credit_code: code.to_owned(),
        credit_index: state.vault.blind_index(server::vault::purpose::CREDIT_CODE, code),
        name: format!("测试单位{}", &code[10..16]),
        region: 320102,
        industry_class: Some(1),
    };
    state.store.unit_ensure(&u, None, "test", 1).await.unwrap()
}

/// A valid unified social credit code with sequence `n` (a company registered in Xuanwu,
/// Nanjing).
pub fn credit_code(n: u32) -> String {
    let body = format!("{:08}", 10_000_000 + n);
    let mut s = format!("91320102{body}");
    s.push(char::from(app::domain::credit_code::org_check_char(body.as_bytes())));
    s.push(char::from(app::domain::credit_code::check_char(s.as_bytes())));
    s
}

/// A valid ID number with sequence `n` (born 1990-03-07 in Xuanwu, Nanjing).
pub fn id_number(n: u32) -> String {
    let mut s = format!("32010219900307{:03}", n % 1000);
    s.push(char::from(app::domain::id_number::check_char(s.as_bytes())));
    s
}

/// A sync item for `payload` (JSON of a draft), hashed as the app hashes it.
pub fn item(client_id: &str, kind: app::api::sync::FilingKind, payload: &str) -> app::api::sync::SyncItem {
    app::api::sync::SyncItem {
        client_id: client_id.to_owned(),
        kind,
        content_hash: server::vault::hex_sha256(payload.as_bytes()),
        payload: payload.to_owned(),
        attachments: Vec::new(),
        version_of: None,
        created_at: 1,
    }
}

pub fn batch(items: Vec<app::api::sync::SyncItem>) -> app::api::sync::SyncBatch {
    app::api::sync::SyncBatch { device_id: "test-device".into(), items }
}

/// Someone signed in as `role`, with an account in the store (what a filing's sender is recorded
/// as); a unit's account is keyed by its credit code, as approval keys it.
pub async fn signed_in(state: &server::AppState, role: app::api::auth::Role, credit: Option<&str>) -> server::accounts::session::Principal {
    static N: AtomicU32 = AtomicU32::new(0);
    let id_index = credit
        .map(|c| state.vault.blind_index(server::vault::purpose::CREDIT_CODE, c))
        .unwrap_or_else(|| format!("test-{}-{}", role.as_str(), N.fetch_add(1, Ordering::Relaxed)));
    let account = server::accounts::NewAccount {
        role: role.as_str().into(),
        status: server::accounts::ACTIVE.into(),
        id_index: id_index.clone(),
        id_sealed: Vec::new(),
        name: "南京示例科技有限公司".into(),
        mobile_index: String::new(),
        mobile_sealed: Vec::new(),
        email: None,
        password_hash: String::new(),
        registered_by: None,
        expires_at: None,
    };
    state.store.account_create(&account, &Default::default(), 1).await.unwrap();
    let account = state.store.account_by_id_index(&id_index).await.unwrap().unwrap();
    if let (app::api::auth::Role::EmployerHandler, Some(code)) = (role, credit) {
        unit(state, code).await;
    }
    server::accounts::session::Principal { account, role, token_hash: String::new(), csrf: String::new() }
}

/// A field worker's session as the intake sees it (enrolments are never filed anonymously),
/// and the unit [`enrolment`] names in the ledger.
pub async fn field_worker(state: &server::AppState) -> server::accounts::session::Principal {
    unit(state, &credit_code(1)).await;
    signed_in(state, app::api::auth::Role::FieldWorker, None).await
}

/// A live code for `mobile` and `purpose`, put where a sent one would be (the resend wait would
/// otherwise hold a test for a minute); only its keyed hash is stored, as the server keeps it.
pub async fn plant_code(state: &server::AppState, mobile: &str, purpose: &str) -> String {
    let index = state.vault.blind_index("mobile", mobile);
    let code = "246813";
    let now = server::store::now_ms();
    let record = server::accounts::CodeRecord {
        code_hash: state.vault.blind_index(&format!("sms:{purpose}:{index}"), code),
        sent_at: now - 120_000,
        expires_at: now + 300_000,
        attempts: 0,
        used: false,
    };
    state.store.code_put(&index, purpose, &record).await.unwrap();
    code.into()
}

/// Decides case `id` as `by` through the handler (`POST /api/office/cases/{id}/decision`).
pub async fn decide_case(
    state: &server::AppState,
    by: &server::accounts::session::Principal,
    id: i64,
    action: app::domain::review::Action,
    reasons: Vec<app::domain::review::Reason>,
) -> Response<Body> {
    use axum::extract::{FromRef, Json, Path, State};
    use axum::response::IntoResponse;
    let cx = server::office::Cx::from_ref(state);
    let decision = app::api::review::Decision { action, reasons };
    match server::office::cases::decide(State(cx), axum::Extension(Some(by.clone())), Path(id), Ok(Json(decision))).await {
        Ok(r) => r,
        Err(refusal) => refusal.into_response(),
    }
}

/// Opens and approves every open case as an operator — the ledger's effects happen at the
/// approval — and says how many it approved.
pub async fn approve_all(state: &server::AppState) -> usize {
    use app::domain::review::Action;
    let operator = signed_in(state, app::api::auth::Role::Operator, None).await;
    let queue = server::employers::QueueFilter { statuses: vec!["submitted".into(), "in_review".into()], limit: 100_000, ..Default::default() };
    let filter = server::office::case_store::CaseFilter { queue, ..Default::default() };
    let open = state.store.case_queue(&filter).await.unwrap();
    for c in &open {
        if c.status == "submitted" {
            assert_eq!(decide_case(state, &operator, c.id, Action::Open, Vec::new()).await.status(), axum::http::StatusCode::NO_CONTENT);
        }
        let approved = decide_case(state, &operator, c.id, Action::Approve, Vec::new()).await;
        let status = approved.status();
        assert_eq!(status, axum::http::StatusCode::NO_CONTENT, "case {}: {}", c.id, body_text(approved).await);
    }
    open.len()
}
