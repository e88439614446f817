//! Employer registrations through review, on both stores: the filing arrives through the
//! outbox with its four materials, enters the queue, is taken up, rejected with reasons,
//! resubmitted as a linked version, approved; the employer then logs in by its credit code.
//! Also: only reviewers review, an applicant sees only their own application, a credit code
//! with an approved account or an open application is refused.

mod common;

use std::sync::Arc;

use app::api::sync::{AttachmentRef, FilingKind, Status as SyncStatus, SyncItem};
use axum::http::{Method, StatusCode};
use serde_json::{json, Value};
use server::Store;

use common::browser::{staff, Browser};

const PASSWORD: &str = "Firm-garden8";

/// Stores a material the way a finished upload leaves it; returns its reference.
async fn material(state: &server::AppState, slot: &str, bytes: &[u8]) -> AttachmentRef {
    let sha256 = server::vault::hex_sha256(bytes);
    state.store.attachment_complete(&sha256, "image/jpeg", bytes.len() as i64, &state.vault.seal(bytes), 1).await.unwrap();
    AttachmentRef { slot: slot.into(), sha256 }
}

fn draft(n: u32) -> Value {
    draft_with(n, "13912345678", "")
}

fn draft_with(n: u32, mobile: &str, sms_code: &str) -> Value {
    json!({
        "unit_name": "南京青禾科技有限公司", "credit_code": common::credit_code(n),
        "legal_rep_id": common::id_number(500 + n), "handler_name": "陈静", "handler_id": common::id_number(600 + n),
        "handler_mobile": mobile, "handler_email": "hr@qinghe.example", "password": PASSWORD,
        "password_confirm": PASSWORD, "sms_code": sms_code, "agreed": true,
    })
}

/// An employer registration as the outbox sends it, with `slots` attached.
async fn filing(state: &server::AppState, n: u32, slots: &[&str], version_of: Option<&str>, licence: &[u8]) -> SyncItem {
    filing_of(state, draft(n), slots, version_of, licence).await
}

async fn filing_of(state: &server::AppState, draft: Value, slots: &[&str], version_of: Option<&str>, licence: &[u8]) -> SyncItem {
    let mut item = common::item(&common::client_id(), FilingKind::EmployerRegistration, &draft.to_string());
    for slot in slots {
        let bytes: &[u8] = if *slot == "licence" { licence } else { slot.as_bytes() };
        item.attachments.push(material(state, slot, bytes).await);
    }
    item.version_of = version_of.map(str::to_owned);
    item
}

const ALL: [&str; 4] = ["licence", "legal_rep_id", "handler_id", "authorisation"];

async fn sync(state: &server::AppState, item: &SyncItem) -> app::api::sync::ItemResult {
    server::intake::ingest(&state.cx(), common::batch(vec![item.clone()])).await.unwrap().results.remove(0)
}

fn reviewer_id(n: u32) -> String {
    let mut s = format!("32010219750101{:03}", n);
    s.push(char::from(app::domain::id_number::check_char(s.as_bytes())));
    s
}

async fn review_round_trip(store: Arc<dyn Store>) {
    let mut state = common::state_over(store);
    state.dev = true;
    let dev = state.accounts.dev_sms.clone().unwrap();
    let (_, mut reviewer) = staff(&state, "reviewer", &reviewer_id(1), "13700000001").await;

    // Missing materials are refused on their slots; nothing is stored.
    let partial = filing(&state, 1, &ALL[..2], None, b"licence v1").await;
    let r = sync(&state, &partial).await;
    assert_eq!(r.status, SyncStatus::Rejected);
    let errors = r.errors.unwrap();
    assert_eq!(errors.error_of("authorisation").unwrap().code, "material.required");
    assert!(errors.error_of("licence").is_none());

    let first = filing(&state, 1, &ALL, None, b"licence v1").await;
    assert!(sync(&state, &first).await.receipt_no.is_some());
    assert!(sync(&state, &first).await.receipt_no.is_some(), "a repeat is answered with the receipt");
    // The employer cannot log in yet; 审核进度查询 shows it submitted.
    let login = Browser::default().call(&state, Method::POST, "/api/auth/login", Some(json!({"login": common::credit_code(1), "password": PASSWORD}))).await;
    assert_eq!(login.body["code"], "account.pending_review", "{}", login.body);
    let progress = |password: &'static str| {
        let state = state.clone();
        async move {
            Browser::default()
                .call(&state, Method::POST, "/api/employer/status", Some(json!({"credit_code": common::credit_code(1), "password": password})))
                .await
        }
    };
    assert_eq!(progress("Wrong-pass1").await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(progress(PASSWORD).await.body["status"], "submitted");

    // A second registration for the same credit code while the first is open is refused.
    let again = sync(&state, &filing(&state, 1, &ALL, None, b"licence v1").await).await;
    assert_eq!(again.errors.unwrap().error_of("credit_code").unwrap().code, "credit_code.in_review");

    // The queue: open, oldest first, with its working-day age.
    let queue = reviewer.call(&state, Method::GET, "/api/review/queue", None).await;
    assert_eq!(queue.status, StatusCode::OK, "{}", queue.body);
    assert_eq!(queue.body["total"], 1);
    let id = queue.body["items"][0]["id"].as_i64().unwrap();
    assert_eq!(queue.body["items"][0]["age_working_days"], 0);
    assert_eq!(queue.body["items"][0]["region_name"], "江苏省南京市玄武区");
    let other_region = reviewer.call(&state, Method::GET, "/api/review/queue?region=320200", None).await;
    assert_eq!(other_region.body["total"], 0, "Wuxi has none");
    let overdue = reviewer.call(&state, Method::GET, "/api/review/queue?overdue=1", None).await;
    assert_eq!(overdue.body["total"], 0, "submitted today");
    // Ages in working days: today's is 0.
    for (query, total) in [("min_age=1", 0), ("max_age=0", 1), ("min_age=0&max_age=0", 1), ("min_age=0&max_age=5", 1)] {
        let q = reviewer.call(&state, Method::GET, &format!("/api/review/queue?{query}"), None).await;
        assert_eq!(q.body["total"], total, "{query}");
    }
    let bad = reviewer.call(&state, Method::GET, "/api/review/queue?min_age=soon", None).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert_eq!(queue.body["items"][0]["mobile_verified"], false, "sent without a code");

    let decide = |body: Value| {
        let (state, mut b) = (state.clone(), reviewer.clone());
        async move { b.call(&state, Method::POST, &format!("/api/review/applications/{id}/decision"), Some(body)).await }
    };
    // Not taken up yet: no decision.
    assert_eq!(decide(json!({"action": "approve"})).await.body["code"], "review.not_open");
    assert_eq!(decide(json!({"action": "open"})).await.status, StatusCode::NO_CONTENT);
    // A rejection needs reasons from the list.
    let bare = decide(json!({"action": "reject", "reasons": []})).await;
    assert_eq!((bare.status, bare.body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("review.no_reason")));
    let reasons = json!([{"target": {"kind": "material", "name": "licence"}, "code": "unclear", "note": "公章看不清"}]);
    assert_eq!(decide(json!({"action": "reject", "reasons": reasons})).await.status, StatusCode::NO_CONTENT);
    assert_eq!(decide(json!({"action": "approve"})).await.body["code"], "review.decided");

    // The reviewer sees the form in full, the materials and the history.
    let view = reviewer.call(&state, Method::GET, &format!("/api/review/applications/{id}"), None).await;
    assert_eq!(view.body["form"]["credit_code"], common::credit_code(1));
    assert!(view.body["form"].get("password").is_none(), "never the password");
    assert_eq!(view.body["materials"].as_array().unwrap().len(), 4);
    let statuses: Vec<&str> = view.body["history"].as_array().unwrap().iter().map(|h| h["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["submitted", "in_review", "rejected"]);
    let licence = reviewer.call(&state, Method::GET, &format!("/api/review/applications/{id}/materials/licence"), None).await;
    assert_eq!(licence.status, StatusCode::OK);

    // The applicant sees the reason on the licence.
    let seen = progress(PASSWORD).await.body;
    assert_eq!(seen["status"], "rejected");
    assert_eq!(seen["reasons"][0]["target"]["name"], "licence");
    assert_eq!(seen["reasons"][0]["note"], "公章看不清");

    // Fixed and sent again: a new version linked to the rejected one.
    let second = filing(&state, 1, &ALL, Some(&first.client_id), b"licence v2, sharp").await;
    assert!(sync(&state, &second).await.receipt_no.is_some());
    let queue = reviewer.call(&state, Method::GET, "/api/review/queue", None).await;
    let item = &queue.body["items"][0];
    assert_eq!((queue.body["total"].as_i64(), item["resubmitted"].as_bool()), (Some(1), Some(true)));
    let id2 = item["id"].as_i64().unwrap();
    let decide2 = |body: Value| {
        let (state, mut b) = (state.clone(), reviewer.clone());
        async move { b.call(&state, Method::POST, &format!("/api/review/applications/{id2}/decision"), Some(body)).await }
    };
    assert_eq!(decide2(json!({"action": "open"})).await.status, StatusCode::NO_CONTENT);
    // The handler's mobile was never proved: no approval yet.
    let early = decide2(json!({"action": "approve"})).await;
    assert_eq!((early.status, early.body["code"].as_str()), (StatusCode::CONFLICT, Some("review.mobile_unverified")));
    let seen = progress(PASSWORD).await.body;
    assert_eq!((seen["mobile_verified"].as_bool(), seen["mobile_masked"].as_str()), (Some(false), Some("139****5678")));
    // The applicant proves it on 审核进度查询: a code to the application's handler mobile.
    let mut applicant = Browser::default();
    let ask = applicant.call(&state, Method::POST, "/api/auth/sms", Some(json!({"purpose": "employer_mobile", "id_number": common::credit_code(1)}))).await;
    assert_eq!(ask.status, StatusCode::OK, "{}", ask.body);
    let code = dev.recent().into_iter().find(|m| m.mobile == "13912345678").unwrap().code;
    let prove = |password: &'static str, code: String| {
        let (state, mut b) = (state.clone(), applicant.clone());
        let body = json!({"credit_code": common::credit_code(1), "password": password, "sms_code": code});
        async move { b.call(&state, Method::POST, "/api/employer/verify-mobile", Some(body)).await }
    };
    assert_eq!(prove("Wrong-pass1", code.clone()).await.status, StatusCode::UNAUTHORIZED);
    let wrong_code = if code == "000000" { "111111" } else { "000000" };
    let wrong = prove(PASSWORD, wrong_code.into()).await;
    assert_eq!(wrong.body["fields"]["errors"]["sms_code"][0]["code"], "sms_code.wrong", "{}", wrong.body);
    let proved = prove(PASSWORD, code.clone()).await;
    assert_eq!((proved.status, proved.body["mobile_verified"].as_bool()), (StatusCode::OK, Some(true)), "{}", proved.body);
    assert_eq!(prove(PASSWORD, code).await.status, StatusCode::OK, "proving it again is fine");
    assert_eq!(decide2(json!({"action": "approve"})).await.status, StatusCode::NO_CONTENT);
    let seen = progress(PASSWORD).await.body;
    assert_eq!(seen["status"], "approved");
    let all: Vec<&str> = seen["history"].as_array().unwrap().iter().map(|h| h["status"].as_str().unwrap()).collect();
    assert_eq!(all, ["submitted", "in_review", "rejected", "submitted", "in_review", "approved"]);

    // Approved: the employer logs in by its credit code; a new registration of it is refused.
    let mut employer = Browser::default();
    let login = employer.call(&state, Method::POST, "/api/auth/login", Some(json!({"login": common::credit_code(1), "password": PASSWORD}))).await;
    assert_eq!(login.status, StatusCode::OK, "{}", login.body);
    assert_eq!(login.body["role"], "employer_handler");
    let third = sync(&state, &filing(&state, 1, &ALL, None, b"licence v3").await).await;
    assert_eq!(third.errors.unwrap().error_of("credit_code").unwrap().code, "credit_code.registered");

    // Every review action is in the audit log, with the reviewer as actor.
    let log = state.store.audit_recent(50).await.unwrap();
    for action in ["application.submit", "application.in_review", "application.rejected", "application.resubmit", "application.approved", "application.view", "application.mobile_verified"] {
        let by_reviewer = !(action.ends_with("submit") || action.ends_with("mobile_verified"));
        assert!(log.iter().any(|r| r.entry.action == action && (!by_reviewer || r.entry.actor_role.as_deref() == Some("reviewer"))), "{action}");
    }
}

both_stores!(review, review_round_trip);

/// Only reviewers review: residents, field workers, employers and admins are refused, and an
/// anonymous caller must log in.
#[tokio::test]
async fn only_reviewers_use_the_desk() {
    let t = common::sqlite().await;
    let state = common::state_over(t.store.clone());
    let mut anonymous = Browser::default();
    assert_eq!(anonymous.call(&state, Method::GET, "/api/review/queue", None).await.status, StatusCode::UNAUTHORIZED);
    for (n, role) in ["field_worker", "admin", "employer_handler", "resident"].into_iter().enumerate() {
        let (_, mut b) = staff(&state, role, &reviewer_id(10 + n as u32), &format!("1370000001{n}")).await;
        for path in ["/api/review/queue", "/api/review/applications/1"] {
            assert_eq!(b.call(&state, Method::GET, path, None).await.status, StatusCode::FORBIDDEN, "{role} {path}");
        }
        let decided = b.call(&state, Method::POST, "/api/review/applications/1/decision", Some(json!({"action": "open"}))).await;
        assert_eq!(decided.status, StatusCode::FORBIDDEN, "{role}");
    }
}

/// 审核进度查询 answers only with the right password, and only about that credit code.
#[tokio::test]
async fn an_applicant_sees_only_their_own_application() {
    let t = common::sqlite().await;
    let state = common::state_over(t.store.clone());
    for n in [7, 8] {
        let item = filing(&state, n, &ALL, None, format!("licence {n}").as_bytes()).await;
        assert!(sync(&state, &item).await.receipt_no.is_some());
    }
    let mut b = Browser::default();
    let ask = |n: u32, password: &str| json!({"credit_code": common::credit_code(n), "password": password});
    let own = b.call(&state, Method::POST, "/api/employer/status", Some(ask(7, PASSWORD))).await;
    assert_eq!(own.status, StatusCode::OK);
    assert_eq!(own.body["unit_name"], "南京青禾科技有限公司");
    // Another credit code with this password is "not right", exactly as a wrong password.
    let wrong = b.call(&state, Method::POST, "/api/employer/status", Some(ask(8, "Other-pass9"))).await;
    let unknown = b.call(&state, Method::POST, "/api/employer/status", Some(ask(9, PASSWORD))).await;
    assert_eq!((wrong.status, &wrong.body), (unknown.status, &unknown.body));
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
}

/// A code typed into the form proves the handler's mobile if it is still right when the filing
/// arrives; a wrong (or expired) one refuses nothing. A resubmission keeps the proof only for the
/// same number.
async fn a_code_sent_with_the_form_proves_the_mobile(store: Arc<dyn Store>) {
    let mut state = common::state_over(store);
    state.dev = true;
    let dev = state.accounts.dev_sms.clone().unwrap();
    let (_, mut reviewer) = staff(&state, "reviewer", &reviewer_id(2), "13700000002").await;
    let code_for = |mobile: &'static str| {
        let (state, dev) = (state.clone(), dev.clone());
        async move {
            let a = Browser::default().call(&state, Method::POST, "/api/auth/sms", Some(json!({"purpose": "register", "mobile": mobile}))).await;
            assert_eq!(a.status, StatusCode::OK, "{}", a.body);
            dev.recent().into_iter().find(|m| m.mobile == mobile).unwrap().code
        }
    };
    let verified = |n: u32| {
        let state = state.clone();
        async move {
            let ask = json!({"credit_code": common::credit_code(n), "password": PASSWORD});
            Browser::default().call(&state, Method::POST, "/api/employer/status", Some(ask)).await.body["mobile_verified"].as_bool()
        }
    };
    // A wrong code: accepted all the same, not proved.
    let wrong = filing_of(&state, draft_with(21, "13912340021", "123456"), &ALL, None, b"licence").await;
    assert!(sync(&state, &wrong).await.receipt_no.is_some());
    assert_eq!(verified(21).await, Some(false));

    // The right code: proved.
    let code = code_for("13912340022").await;
    let first = filing_of(&state, draft_with(22, "13912340022", &code), &ALL, None, b"licence v1").await;
    assert!(sync(&state, &first).await.receipt_no.is_some());
    assert_eq!(verified(22).await, Some(true));
    let id = reviewer.call(&state, Method::GET, "/api/review/queue", None).await.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["mobile_verified"] == true)
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let reject = |id: i64| {
        let (state, mut b) = (state.clone(), reviewer.clone());
        async move {
            let path = format!("/api/review/applications/{id}/decision");
            assert_eq!(b.call(&state, Method::POST, &path, Some(json!({"action": "open"}))).await.status, StatusCode::NO_CONTENT);
            let reasons = json!([{"target": {"kind": "material", "name": "licence"}, "code": "unclear", "note": ""}]);
            assert_eq!(b.call(&state, Method::POST, &path, Some(json!({"action": "reject", "reasons": reasons}))).await.status, StatusCode::NO_CONTENT);
        }
    };
    reject(id).await;
    // Same number, no code: the proof carries over.
    let second = filing_of(&state, draft_with(22, "13912340022", ""), &ALL, Some(&first.client_id), b"licence v2").await;
    assert!(sync(&state, &second).await.receipt_no.is_some());
    assert_eq!(verified(22).await, Some(true));
    let id2 = state.store.application_by_filing(&second.client_id).await.unwrap().unwrap().id;
    reject(id2).await;
    // Another number: to be proved again.
    let third = filing_of(&state, draft_with(22, "13912340099", ""), &ALL, Some(&second.client_id), b"licence v3").await;
    assert!(sync(&state, &third).await.receipt_no.is_some());
    assert_eq!(verified(22).await, Some(false));
}

both_stores!(code_with_the_form, a_code_sent_with_the_form_proves_the_mobile);
