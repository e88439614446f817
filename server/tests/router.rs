//! The HTTP surface through `oneshot`: static files, caching, encodings, the SPA fallback,
//! security headers, health and server functions.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{app_state, body_text, fake_site, get, header, send};

#[tokio::test]
async fn hashed_assets_are_immutable_and_precompressed() {
    let site = fake_site();
    let (state, _t) = app_state(site.path()).await;
    let req = Request::builder()
        .uri("/app-0123456789abcdef.wasm")
        .header("accept-encoding", "gzip, deflate, br")
        .body(Body::empty())
        .unwrap();
    let res = send(state.clone(), req).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(header(&res, "cache-control"), "public, max-age=31536000, immutable");
    assert_eq!(header(&res, "content-encoding"), "br");
    assert_eq!(header(&res, "content-type"), "application/wasm");
    assert!(header(&res, "vary").to_ascii_lowercase().contains("accept-encoding"));
    assert_eq!(body_text(res).await, "BR-wasm");

    let req = Request::builder()
        .uri("/app-0123456789abcdef.wasm")
        .header("accept-encoding", "gzip")
        .body(Body::empty())
        .unwrap();
    let res = send(state.clone(), req).await;
    assert_eq!(header(&res, "content-encoding"), "gzip");
    assert_eq!(body_text(res).await, "GZ-wasm");

    let res = send(state, get("/app-0123456789abcdef.wasm")).await;
    assert_eq!(header(&res, "content-encoding"), "");
    assert_eq!(body_text(res).await, "\0asm-raw");
}

#[tokio::test]
async fn stable_names_revalidate() {
    let site = fake_site();
    let (state, _t) = app_state(site.path()).await;
    for path in ["/", "/index.html", "/sw.js", "/manifest.webmanifest"] {
        let res = send(state.clone(), get(path)).await;
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        assert_eq!(header(&res, "cache-control"), "no-cache", "{path}");
    }
}

#[tokio::test]
async fn app_routes_get_the_shell_and_missing_files_a_404() {
    let site = fake_site();
    let (state, _t) = app_state(site.path()).await;
    let req = Request::builder()
        .uri("/settings")
        .header("accept-encoding", "br")
        .body(Body::empty())
        .unwrap();
    let res = send(state.clone(), req).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(header(&res, "cache-control"), "no-cache");
    assert!(header(&res, "content-type").starts_with("text/html"));
    assert_eq!(body_text(res).await, "BR-shell");

    let res = send(state.clone(), get("/review/12")).await;
    assert_eq!(body_text(res).await, "<!doctype html><title>shell</title>");

    for missing in ["/app-aaaaaaaaaaaaaaaa.js", "/favicon.ico", "/icons/none.png"] {
        let res = send(state.clone(), get(missing)).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{missing}");
        assert_eq!(header(&res, "cache-control"), "no-store", "{missing}");
    }
    let post = Request::builder().method("POST").uri("/").body(Body::empty()).unwrap();
    assert_eq!(send(state, post).await.status(), StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let site = fake_site();
    let (state, _t) = app_state(site.path()).await;
    for path in ["/", "/healthz", "/nope.js", "/api/about_server"] {
        let res = send(state.clone(), get(path)).await;
        let csp = header(&res, "content-security-policy");
        assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}");
        assert_eq!(header(&res, "x-content-type-options"), "nosniff", "{path}");
        assert_eq!(header(&res, "referrer-policy"), "no-referrer", "{path}");
        assert_eq!(header(&res, "strict-transport-security"), "", "{path}: no HSTS over plain HTTP");
    }
}

#[tokio::test]
async fn hsts_only_when_serving_tls() {
    let site = fake_site();
    let (mut state, _t) = app_state(site.path()).await;
    state.tls = true;
    let res = send(state, get("/")).await;
    assert_eq!(header(&res, "strict-transport-security"), "max-age=31536000");
}

#[tokio::test]
async fn healthz_reports_the_store_and_is_never_cached() {
    let site = fake_site();
    let (state, _t) = app_state(site.path()).await;
    let res = send(state, get("/healthz")).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(header(&res, "cache-control"), "no-store");
    let body: serde_json::Value = serde_json::from_str(&body_text(res).await).unwrap();
    assert_eq!(body["status"], "ok");
}

#[tokio::test]
async fn healthz_says_unavailable_when_the_store_is_gone() {
    let site = fake_site();
    let t = common::sqlite().await;
    let state = server::AppState::new(t.store.clone(), site.path().to_path_buf(), server::vault::Vault::random());
    t.store.close().await;
    let res = send(state, get("/healthz")).await;
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(!body_text(res).await.contains("database"), "no internals in the answer");
}

#[tokio::test]
async fn server_functions_are_registered_and_not_cached() {
    let site = fake_site();
    let (state, _t) = app_state(site.path()).await;
    let req = Request::builder()
        .method("POST")
        .uri("/api/about_server")
        .header("content-type", "application/json")
        .body(Body::from("{}"))
        .unwrap();
    let res = send(state, req).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(header(&res, "cache-control"), "no-store");
    let body: serde_json::Value = serde_json::from_str(&body_text(res).await).unwrap();
    assert_eq!(body["version"], env!("CARGO_PKG_VERSION"));
    assert!(body["now_ms"].as_i64().unwrap() > 1_600_000_000_000);
}

#[tokio::test]
async fn the_policy_table_is_served_to_the_app() {
    let site = fake_site();
    let (state, _t) = app_state(site.path()).await;
    let req = Request::builder()
        .method("POST")
        .uri("/api/policy")
        .header("content-type", "application/json")
        .body(Body::from("{}"))
        .unwrap();
    let res = send(state.clone(), req).await;
    assert_eq!(res.status(), StatusCode::OK);
    let table: app::domain::policy::PolicyTable = serde_json::from_str(&body_text(res).await).unwrap();
    assert_eq!(&table, state.policy.as_ref());
    assert_eq!(table.base_limits[0].min, app::domain::Fen(487_900));
}

#[tokio::test]
async fn developer_pages_exist_only_in_dev_mode() {
    let site = fake_site();
    let (mut state, _t) = app_state(site.path()).await;
    let res = send(state.clone(), get("/dev/filings")).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND, "not mounted without --dev");
    let res = send(state.clone(), get("/api/no-such-thing")).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND, "an unknown API path is not the app shell");
    state.dev = true;
    let res = send(state, get("/dev/filings")).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(body_text(res).await, "[]");
}
