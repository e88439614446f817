//! Employer registrations through review, on both stores: the filing arrives through the
//! outbox with its four materials, enters the queue, is taken up, rejected with reasons,
//! resubmitted as a linked version, approved; the unit's account is made then, and the employer
//! sets its password with a code to the handler's mobile and logs in by its credit code.
//! Also: only reviewers review; applications for one unit by different people stand apart — no
//! one blocks, sees or captures another's — and only a handler whose name, ID number and mobile
//! belong together can be approved.

mod common;

use std::sync::Arc;

use app::api::sync::{AttachmentRef, FilingKind, Status as SyncStatus, SyncItem};
use axum::http::{Method, StatusCode};
use serde_json::{json, Value};
use server::Store;

use common::browser::{staff, Browser};

const PASSWORD: &str = "Firm-garden8";
const MOBILE: &str = "13912345678";

/// Stores a material the way a finished upload leaves it; returns its reference.
async fn material(state: &server::AppState, slot: &str, bytes: &[u8]) -> AttachmentRef {
    let sha256 = server::vault::hex_sha256(bytes);
    state.store.attachment_complete(&sha256, "image/jpeg", bytes.len() as i64, &state.vault.seal(&server::vault::bound::attachment(&sha256), bytes), 1).await.unwrap();
    AttachmentRef { slot: slot.into(), sha256 }
}

/// The handler of unit `n` on record with `mobile` (what the three-element check compares with).
async fn handler_on_record(state: &server::AppState, n: u32, mobile: &str) {
    let csv = format!("name,id_number,mobile\n陈静,{},{mobile}\n", common::id_number(600 + n));
    let now = server::store::now_ms();
    server::registry::import::import(state.store.as_ref(), &state.vault, csv.as_bytes(), app::domain::Date::china_from_unix_ms(now), now).await.unwrap();
}

fn draft(n: u32) -> Value {
    draft_with(n, MOBILE, "")
}

fn draft_with(n: u32, mobile: &str, sms_code: &str) -> Value {
    json!({
        "unit_name": "南京青禾科技有限公司", "credit_code": common::credit_code(n),
        "legal_rep_id": common::id_number(500 + n), "handler_name": "陈静", "handler_id": common::id_number(600 + n),
        "handler_mobile": mobile, "handler_email": "hr@qinghe.example", "sms_code": sms_code, "agreed": true,
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

/// 审核进度查询 for unit `n` and `mobile`: asks for a code, reads it from the development
/// gateway, and returns a function that queries with it (a code serves a few queries while live).
async fn status_code(state: &server::AppState, n: u32, mobile: &str) -> String {
    let dev = state.accounts.dev_sms.clone().unwrap();
    let before = dev.recent().len();
    let ask = Browser::default()
        .call(state, Method::POST, "/api/auth/sms", Some(json!({"purpose": "employer_mobile", "id_number": common::credit_code(n), "mobile": mobile})))
        .await;
    assert_eq!(ask.status, StatusCode::OK, "{}", ask.body);
    let recent = dev.recent();
    assert_eq!(recent.len(), before + 1, "a code went to {mobile}");
    recent[0].code.clone()
}

async fn status(state: &server::AppState, n: u32, mobile: &str, code: &str) -> (StatusCode, Value) {
    let a = Browser::default()
        .call(state, Method::POST, "/api/employer/status", Some(json!({"credit_code": common::credit_code(n), "mobile": mobile, "sms_code": code})))
        .await;
    (a.status, a.body)
}

async fn review_round_trip(store: Arc<dyn Store>) {
    let mut state = common::state_over(store);
    state.dev = true;
    let dev = state.accounts.dev_sms.clone().unwrap();
    handler_on_record(&state, 1, MOBILE).await;
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
    // No account exists before approval: the credit code signs nobody in.
    let login = Browser::default().call(&state, Method::POST, "/api/auth/login", Some(json!({"login": common::credit_code(1), "password": PASSWORD}))).await;
    assert_eq!(login.body["code"], "login.wrong", "{}", login.body);
    assert!(state.store.account_by_id_index(&state.vault.blind_index("credit_code", &common::credit_code(1))).await.unwrap().is_none());

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
    // The handler's mobile was never proved: no approval yet.
    let early = decide(json!({"action": "approve"})).await;
    assert_eq!((early.status, early.body["code"].as_str()), (StatusCode::CONFLICT, Some("review.mobile_unverified")));
    // A rejection needs reasons from the list.
    let bare = decide(json!({"action": "reject", "reasons": []})).await;
    assert_eq!((bare.status, bare.body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("review.no_reason")));
    let reasons = json!([{"target": {"kind": "material", "name": "licence"}, "code": "unclear", "note": "公章看不清"}]);
    assert_eq!(decide(json!({"action": "reject", "reasons": reasons})).await.status, StatusCode::NO_CONTENT);
    assert_eq!(decide(json!({"action": "approve"})).await.body["code"], "review.decided");

    // The reviewer sees the form in full, the materials, the history, the handler's check.
    let view = reviewer.call(&state, Method::GET, &format!("/api/review/applications/{id}"), None).await;
    assert_eq!(view.body["form"]["credit_code"], common::credit_code(1));
    assert!(view.body["form"].get("password").is_none(), "never a password");
    assert_eq!(view.body["handler_identity"], "matched");
    assert_eq!(view.body["materials"].as_array().unwrap().len(), 4);
    let statuses: Vec<&str> = view.body["history"].as_array().unwrap().iter().map(|h| h["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["submitted", "in_review", "rejected"]);
    let licence = reviewer.call(&state, Method::GET, &format!("/api/review/applications/{id}/materials/licence"), None).await;
    assert_eq!(licence.status, StatusCode::OK);
    // Never rendered as a page of the site: a download, in a sandbox without script.
    let raw = common::send(state.clone(), {
        let mut r = common::get(&format!("/api/review/applications/{id}/materials/licence"));
        r.headers_mut().insert("cookie", format!("sid={}", reviewer.sid.clone().unwrap()).parse().unwrap());
        r
    })
    .await;
    assert!(common::header(&raw, "content-disposition").starts_with("attachment"), "{:?}", raw.headers());
    assert!(common::header(&raw, "content-security-policy").contains("sandbox"));

    // The applicant: a code to the handler's mobile shows the application, and proves the mobile.
    let code = status_code(&state, 1, MOBILE).await;
    let wrong_code = if code == "000000" { "111111" } else { "000000" };
    let (_, wrong) = status(&state, 1, MOBILE, wrong_code).await;
    assert_eq!(wrong["fields"]["errors"]["sms_code"][0]["code"], "sms_code.wrong", "{wrong}");
    let (ok, seen) = status(&state, 1, MOBILE, &code).await;
    assert_eq!(ok, StatusCode::OK, "{seen}");
    assert_eq!(seen["status"], "rejected");
    assert_eq!(seen["reasons"][0]["target"]["name"], "licence");
    assert_eq!(seen["reasons"][0]["note"], "公章看不清");
    assert_eq!((seen["mobile_verified"].as_bool(), seen["mobile_masked"].as_str()), (Some(true), Some("139****5678")));

    // Fixed and sent again: a new version linked to the rejected one, the proof carried over.
    let second = filing(&state, 1, &ALL, Some(&first.client_id), b"licence v2, sharp").await;
    assert!(sync(&state, &second).await.receipt_no.is_some());
    let queue = reviewer.call(&state, Method::GET, "/api/review/queue", None).await;
    let item = &queue.body["items"][0];
    assert_eq!((queue.body["total"].as_i64(), item["resubmitted"].as_bool(), item["mobile_verified"].as_bool()), (Some(1), Some(true), Some(true)));
    let id2 = item["id"].as_i64().unwrap();
    let decide2 = |body: Value| {
        let (state, mut b) = (state.clone(), reviewer.clone());
        async move { b.call(&state, Method::POST, &format!("/api/review/applications/{id2}/decision"), Some(body)).await }
    };
    assert_eq!(decide2(json!({"action": "open"})).await.status, StatusCode::NO_CONTENT);
    assert_eq!(decide2(json!({"action": "approve"})).await.status, StatusCode::NO_CONTENT);
    let (_, seen) = status(&state, 1, MOBILE, &code).await;
    assert_eq!(seen["status"], "approved");
    let all: Vec<&str> = seen["history"].as_array().unwrap().iter().map(|h| h["status"].as_str().unwrap()).collect();
    assert_eq!(all, ["submitted", "in_review", "rejected", "submitted", "in_review", "approved"]);

    // Approved: the unit's account exists, without a password until the employer sets one with a
    // code to the handler's mobile; then it logs in by its credit code.
    let login = Browser::default().call(&state, Method::POST, "/api/auth/login", Some(json!({"login": common::credit_code(1), "password": PASSWORD}))).await;
    assert_eq!(login.body["code"], "login.wrong");
    let mut employer = Browser::default();
    let ask = employer.call(&state, Method::POST, "/api/auth/sms", Some(json!({"purpose": "reset", "id_number": common::credit_code(1)}))).await;
    assert_eq!(ask.status, StatusCode::OK, "{}", ask.body);
    let reset_code = dev.recent()[0].code.clone();
    assert_eq!(dev.recent()[0].mobile, MOBILE);
    let set = json!({"id_number": common::credit_code(1), "sms_code": reset_code, "password": PASSWORD, "password_confirm": PASSWORD});
    let set = employer.call(&state, Method::POST, "/api/auth/reset", Some(set)).await;
    assert_eq!(set.status, StatusCode::NO_CONTENT, "{}", set.body);
    let login = employer.call(&state, Method::POST, "/api/auth/login", Some(json!({"login": common::credit_code(1), "password": PASSWORD}))).await;
    assert_eq!(login.status, StatusCode::OK, "{}", login.body);
    assert_eq!(login.body["role"], "employer_handler");

    // Another registration of the unit is received like any (it tells nobody the unit has an
    // account) and cannot be approved.
    let third = filing(&state, 1, &ALL, None, b"licence v3").await;
    assert!(sync(&state, &third).await.receipt_no.is_some());
    let id3 = state.store.application_by_filing(&third.client_id).await.unwrap().unwrap().id;
    let path3 = format!("/api/review/applications/{id3}/decision");
    assert_eq!(reviewer.call(&state, Method::POST, &path3, Some(json!({"action": "open"}))).await.status, StatusCode::NO_CONTENT);
    let (_, _) = status(&state, 1, MOBILE, &code).await;
    let refused = reviewer.call(&state, Method::POST, &path3, Some(json!({"action": "approve"}))).await;
    assert_eq!((refused.status, refused.body["code"].as_str()), (StatusCode::CONFLICT, Some("review.unit_has_account")), "{}", refused.body);

    // Every review action is in the audit log, with the reviewer as actor.
    let log = state.store.audit_recent(60).await.unwrap();
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

/// An application for a unit never blocks, shows or captures another person's application for
/// the same unit (credit codes are public): each applicant sees only theirs; a resubmission
/// links only to the same handler's; approving one closes the others; and a handler whose
/// phone is not in their name cannot be approved.
#[tokio::test]
async fn applications_for_one_unit_stand_apart() {
    let t = common::sqlite().await;
    let mut state = common::state_over(t.store.clone());
    state.dev = true;
    let (_, mut reviewer) = staff(&state, "reviewer", &reviewer_id(3), "13700000003").await;
    // A squatter files first, with a phone that is not the handler's on record.
    handler_on_record(&state, 7, MOBILE).await;
    let squat = filing_of(&state, draft_with(7, "13611112222", ""), &ALL, None, b"junk").await;
    assert!(sync(&state, &squat).await.receipt_no.is_some());
    // The real employer is not blocked.
    let real = filing(&state, 7, &ALL, None, b"licence").await;
    assert!(sync(&state, &real).await.receipt_no.is_some(), "no credit_code.in_review any more");
    // Each sees only their own.
    let code = status_code(&state, 7, MOBILE).await;
    let (_, mine) = status(&state, 7, MOBILE, &code).await;
    assert_eq!(mine["filing_client_id"], real.client_id);
    let squat_code = status_code(&state, 7, "13611112222").await;
    let (_, theirs) = status(&state, 7, "13611112222", &squat_code).await;
    assert_eq!(theirs["filing_client_id"], squat.client_id);
    // Whoever names a mobile no application has gets the same answer as a wrong code, and no code.
    let before = state.accounts.dev_sms.as_ref().unwrap().recent().len();
    let nobody = Browser::default()
        .call(&state, Method::POST, "/api/auth/sms", Some(json!({"purpose": "employer_mobile", "id_number": common::credit_code(7), "mobile": "13633334444"})))
        .await;
    assert_eq!(nobody.status, StatusCode::OK);
    assert_eq!(state.accounts.dev_sms.as_ref().unwrap().recent().len(), before, "no code for a pair no application has");
    let (_, none) = status(&state, 7, "13633334444", "123456").await;
    assert_eq!(none["fields"]["errors"]["sms_code"][0]["code"], "sms_code.missing");
    // The squatter's handler failed the real-name check: it cannot be approved.
    let squat_id = state.store.application_by_filing(&squat.client_id).await.unwrap().unwrap().id;
    let path = format!("/api/review/applications/{squat_id}/decision");
    reviewer.call(&state, Method::POST, &path, Some(json!({"action": "open"}))).await;
    let refused = reviewer.call(&state, Method::POST, &path, Some(json!({"action": "approve"}))).await;
    assert_eq!(refused.body["code"], "review.handler_unmatched", "{}", refused.body);
    // A resubmission naming someone else's application (another handler's mobile) is not linked.
    let reasons = json!([{"target": {"kind": "material", "name": "licence"}, "code": "unclear", "note": ""}]);
    reviewer.call(&state, Method::POST, &path, Some(json!({"action": "reject", "reasons": reasons}))).await;
    let grab = filing(&state, 7, &ALL, Some(&squat.client_id), b"licence again").await;
    assert!(sync(&state, &grab).await.receipt_no.is_some());
    assert_eq!(state.store.application_by_filing(&grab.client_id).await.unwrap().unwrap().version_of, None);
    // Approving the real one makes the unit's account from it, and closes the other open ones.
    let real_id = state.store.application_by_filing(&real.client_id).await.unwrap().unwrap().id;
    let path = format!("/api/review/applications/{real_id}/decision");
    reviewer.call(&state, Method::POST, &path, Some(json!({"action": "open"}))).await;
    assert_eq!(reviewer.call(&state, Method::POST, &path, Some(json!({"action": "approve"}))).await.status, StatusCode::NO_CONTENT);
    let closed = state.store.application_by_filing(&grab.client_id).await.unwrap().unwrap();
    assert_eq!(closed.status, "rejected");
    assert!(closed.reasons.unwrap().contains("superseded"));
    let account = state.store.account_by_id_index(&state.vault.blind_index("credit_code", &common::credit_code(7))).await.unwrap().unwrap();
    assert_eq!(account.mobile_index, state.vault.blind_index("mobile", MOBILE), "the approved handler's mobile, not the squatter's");
}

/// A code typed into the form proves the handler's mobile if it is still right when the filing
/// arrives; a wrong (or expired) one refuses nothing. A resubmission keeps the proof only for the
/// same number.
async fn a_code_sent_with_the_form_proves_the_mobile(store: Arc<dyn Store>) {
    let mut state = common::state_over(store);
    state.dev = true;
    let dev = state.accounts.dev_sms.clone().unwrap();
    let (_, reviewer) = staff(&state, "reviewer", &reviewer_id(2), "13700000002").await;
    let code_for = |mobile: &'static str| {
        let (state, dev) = (state.clone(), dev.clone());
        async move {
            let a = Browser::default().call(&state, Method::POST, "/api/auth/sms", Some(json!({"purpose": "register", "mobile": mobile}))).await;
            assert_eq!(a.status, StatusCode::OK, "{}", a.body);
            dev.recent().into_iter().find(|m| m.mobile == mobile).unwrap().code
        }
    };
    let verified = |item: SyncItem| {
        let state = state.clone();
        async move { state.store.application_by_filing(&item.client_id).await.unwrap().unwrap().mobile_verified_at.is_some() }
    };
    // A wrong code: accepted all the same, not proved.
    let wrong = filing_of(&state, draft_with(21, "13912340021", "123456"), &ALL, None, b"licence").await;
    assert!(sync(&state, &wrong).await.receipt_no.is_some());
    assert!(!verified(wrong).await);

    // The right code: proved.
    let code = code_for("13912340022").await;
    let first = filing_of(&state, draft_with(22, "13912340022", &code), &ALL, None, b"licence v1").await;
    assert!(sync(&state, &first).await.receipt_no.is_some());
    assert!(verified(first.clone()).await);
    let id = state.store.application_by_filing(&first.client_id).await.unwrap().unwrap().id;
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
    assert!(verified(second.clone()).await);
    let id2 = state.store.application_by_filing(&second.client_id).await.unwrap().unwrap().id;
    reject(id2).await;
    // Another number: a new application of its own, to be proved.
    let third = filing_of(&state, draft_with(22, "13912340099", ""), &ALL, Some(&second.client_id), b"licence v3").await;
    assert!(sync(&state, &third).await.receipt_no.is_some());
    assert!(!verified(third).await);
}

both_stores!(code_with_the_form, a_code_sent_with_the_form_proves_the_mobile);
