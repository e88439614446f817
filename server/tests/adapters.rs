//! The HTTP adapters (identity service, SMS provider) against a small test double on loopback:
//! answers, timeouts, 500s and garbage bodies. "Could not ask" is never a mismatch.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;

use app::domain::{Date, IdNumber, MobileNumber, PersonName};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{json, Value};
use server::accounts::identity::{HttpIdentity, IdentityCheck, Verdict};
use server::accounts::sms::{GatewayError, HttpSmsGateway, SmsGateway};

type Hits = Arc<AtomicU32>;

async fn double() -> (String, Hits) {
    let hits: Hits = Arc::default();
    let app = Router::new()
        .route("/identity", post(|State(h): State<Hits>, Json(v): Json<Value>| async move {
            h.fetch_add(100, Ordering::SeqCst);
            let result = match (v["name"].as_str(), v["id_number"].as_str(), v["mobile"].as_str()) {
                (Some("王小明"), Some("320102199003071239"), Some("13800138000")) => "matched",
                _ => "mismatch",
            };
            Json(json!({ "result": result }))
        }))
        .route("/broken", post(|State(h): State<Hits>| async move {
            h.fetch_add(1, Ordering::SeqCst);
            StatusCode::INTERNAL_SERVER_ERROR
        }))
        .route("/slow", post(|State(h): State<Hits>| async move {
            h.fetch_add(1, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_secs(3)).await;
            Json(json!({ "result": "matched" })).into_response()
        }))
        .route("/garbage", post(|| async { "<html>gateway error</html>" }))
        .route("/odd", post(|| async { Json(json!({ "result": "maybe" })) }))
        .route("/sms", post(|State(h): State<Hits>, Json(v): Json<Value>| async move {
            h.fetch_add(1, Ordering::SeqCst);
            assert!(v["text"].as_str().unwrap().contains("验证码"));
            StatusCode::OK
        }))
        .route("/sms-refuses", post(|| async { StatusCode::BAD_REQUEST }))
        .with_state(hits.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, hits)
}

fn id(s: &str) -> IdNumber {
    IdNumber::parse(s, Date::new(2026, 11, 23).unwrap()).unwrap().value
}

fn name(s: &str) -> PersonName {
    PersonName::parse(s).unwrap().value
}

fn mobile(s: &str) -> MobileNumber {
    MobileNumber::parse(s).unwrap().value
}

#[tokio::test]
async fn identity_service_answers_and_failures() {
    let (url, hits) = double().await;
    let timeout = Duration::from_millis(300);
    let ok = HttpIdentity::new(&format!("{url}/identity"), timeout, 1);
    let (me, my_id, my_phone) = (name("王小明"), id("320102199003071239"), mobile("13800138000"));
    assert_eq!(ok.check(&me, &my_id, &my_phone).await, Verdict::Matched);
    // Any one of the three wrong is the same one answer.
    assert_eq!(ok.check(&name("王晓明"), &my_id, &my_phone).await, Verdict::Mismatch);
    assert_eq!(ok.check(&me, &my_id, &mobile("13900139000")).await, Verdict::Mismatch);
    assert_eq!(ok.check(&name("李四"), &id("11010519491231002X"), &my_phone).await, Verdict::Mismatch);
    assert_eq!(hits.swap(0, Ordering::SeqCst), 400, "the service was asked each time, with the mobile");
    for path in ["broken", "slow", "garbage", "odd"] {
        let check = HttpIdentity::new(&format!("{url}/{path}"), timeout, 1);
        assert_eq!(check.check(&me, &my_id, &my_phone).await, Verdict::Unavailable, "{path}");
    }
    assert_eq!(hits.load(Ordering::SeqCst), 4, "the 500s and the timeouts were each retried once");
    let nobody = HttpIdentity::new("http://127.0.0.1:9/identity", timeout, 0);
    assert_eq!(nobody.check(&me, &my_id, &my_phone).await, Verdict::Unavailable);
}

#[tokio::test]
async fn identity_answers_are_remembered_a_while_but_unavailability_is_not() {
    let (url, hits) = double().await;
    let timeout = Duration::from_millis(300);
    let vault = server::vault::Vault::random();
    let remembered = server::accounts::identity::Remembered::new(Arc::new(HttpIdentity::new(&format!("{url}/identity"), timeout, 0)), vault.clone());
    let (me, my_id, my_phone) = (name("王小明"), id("320102199003071239"), mobile("13800138000"));
    for _ in 0..3 {
        assert_eq!(remembered.check(&me, &my_id, &my_phone).await, Verdict::Matched);
    }
    assert_eq!(hits.load(Ordering::SeqCst), 100, "asked once for the filing's check and its effect");
    let down = server::accounts::identity::Remembered::new(Arc::new(HttpIdentity::new(&format!("{url}/broken"), timeout, 0)), vault);
    down.check(&me, &my_id, &my_phone).await;
    down.check(&me, &my_id, &my_phone).await;
    assert_eq!(hits.load(Ordering::SeqCst), 102, "an unavailable answer is asked again");
}

#[tokio::test]
async fn sms_gateway_sends_retries_and_reports() {
    let (url, hits) = double().await;
    let timeout = Duration::from_millis(300);
    HttpSmsGateway::new(&format!("{url}/sms"), Some("t".into()), timeout, 2).send("13800138000", "123456", "【社保通】您的验证码是 123456").await.unwrap();
    assert_eq!(hits.load(Ordering::SeqCst), 1);
    let e = HttpSmsGateway::new(&format!("{url}/broken"), None, timeout, 2).send("13800138000", "1", "验证码").await.unwrap_err();
    assert!(matches!(e, GatewayError::Unreachable(_)));
    assert_eq!(hits.load(Ordering::SeqCst), 4, "three tries");
    let e = HttpSmsGateway::new(&format!("{url}/sms-refuses"), None, timeout, 2).send("13800138000", "1", "验证码").await.unwrap_err();
    assert!(matches!(e, GatewayError::Refused(_)), "a 4xx is not retried");
    let e = HttpSmsGateway::new(&format!("{url}/slow"), None, timeout, 0).send("13800138000", "1", "验证码").await.unwrap_err();
    assert!(matches!(e, GatewayError::Unreachable(_)));
}
