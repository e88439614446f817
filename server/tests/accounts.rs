//! The account endpoints through the router: registration with the real-name check and SMS
//! code, login, sessions and their cookies, CSRF, the role × endpoint matrix, assisted
//! registration with later phone verification, password recovery.

mod common;

use std::sync::Arc;

use app::api::auth::{Me, Role};
use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use serde_json::{json, Value};
use app::api::endpoints::{self, Access, ALL as ENDPOINTS};
use server::accounts::sms::DevGateway;

use common::browser::{Answer, Browser};

const PASSWORD: &str = "Tea-garden7";

struct World {
    state: server::AppState,
    dev: Arc<DevGateway>,
    _t: common::TestStore,
}

async fn world() -> World {
    let t = common::sqlite().await;
    let mut state = common::state_over(t.store.clone());
    state.dev = true;
    let dev = state.accounts.dev_sms.clone().unwrap();
    // Two people in the registry, with the mobiles on record (what the development stand-in for
    // the carriers' three-element check compares with).
    let csv = format!("name,id_number,mobile\n王小明,{},13800138000\n李红,{},13500135000\n", common::id_number(1), common::id_number(2));
    let now = server::store::now_ms();
    server::registry::import::import(t.store.as_ref(), &state.vault, csv.as_bytes(), app::domain::Date::china_from_unix_ms(now), now).await.unwrap();
    World { state, dev, _t: t }
}

impl World {
    async fn call(&self, b: &mut Browser, method: Method, path: &str, body: Option<Value>) -> Answer {
        b.call(&self.state, method, path, body).await
    }

    async fn code_for(&self, b: &mut Browser, mobile: &str) -> String {
        let a = self.call(b, Method::POST, "/api/auth/sms", Some(json!({"purpose": "register", "mobile": mobile}))).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        self.dev.recent().into_iter().find(|m| m.mobile == mobile).unwrap().code
    }

    async fn register(&self, b: &mut Browser, name: &str, n: u32, mobile: &str, code: &str) -> Answer {
        let draft = json!({
            "name": name, "id_number": common::id_number(n), "mobile": mobile, "email": "",
            "password": PASSWORD, "password_confirm": PASSWORD, "sms_code": code, "agreed": true,
        });
        self.call(b, Method::POST, "/api/auth/register", Some(draft)).await
    }

    /// A field worker's account, and a browser signed in as them.
    async fn field_worker(&self) -> (i64, Browser) {
        let mut id = "32010219800101123".to_owned();
        id.push(char::from(app::domain::id_number::check_char(id.as_bytes())));
        common::browser::staff(&self.state, "field_worker", &id, "13600136000").await
    }

    async fn login(&self, b: &mut Browser, login: &str, password: &str) -> Answer {
        self.call(b, Method::POST, "/api/auth/login", Some(json!({"login": login, "password": password}))).await
    }
}

#[tokio::test]
async fn a_resident_registers_logs_out_and_logs_in() {
    let w = world().await;
    let mut b = Browser::default();
    let code = w.code_for(&mut b, "13800138000").await;
    let a = w.register(&mut b, "王小明", 1, "13800138000", &code).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let me: Me = serde_json::from_value(a.body).unwrap();
    assert_eq!((me.name.as_str(), me.role, me.needs_addresses), ("王小明", Role::Resident, true));
    assert_eq!(me.id_masked, format!("3201**********{}", &common::id_number(1)[14..]));
    assert_eq!(me.mobile_masked, "138****8000");
    assert!(a.cookies[0].starts_with("sid=") && a.cookies[0].contains("HttpOnly") && a.cookies[0].contains("SameSite=Lax"));
    assert!(!a.cookies[0].contains("Secure"), "plain HTTP: no Secure, so no __Host- prefix");
    // Signed in: me answers; the same ID cannot register twice (told so only to whoever proves
    // the person's own phone, tests/security.rs; with another phone, the one answer of a mismatch).
    assert_eq!(w.call(&mut b, Method::GET, "/api/auth/me", None).await.status, StatusCode::OK);
    let code2 = w.code_for(&mut Browser::default(), "13900139000").await;
    let again = w.register(&mut Browser::default(), "王小明", 1, "13900139000", &code2).await;
    assert_eq!(again.body["fields"]["errors"]["form"][0]["code"], "real_name.mismatch");
    // Logout ends the session on the server (the old cookie no longer works).
    let old = b.clone();
    assert_eq!(w.call(&mut b, Method::POST, "/api/auth/logout", None).await.status, StatusCode::NO_CONTENT);
    assert_eq!(w.call(&mut old.clone(), Method::GET, "/api/auth/me", None).await.status, StatusCode::UNAUTHORIZED);
    // Login by ID number, then by mobile; each login rotates the session.
    let a = w.login(&mut b, &common::id_number(1), PASSWORD).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let first = b.sid.clone();
    assert_eq!(w.login(&mut b, "138 0013 8000", PASSWORD).await.status, StatusCode::OK);
    assert_ne!(b.sid, first, "rotated at login");
    assert_eq!(w.call(&mut Browser { sid: first, csrf: b.csrf.clone() }, Method::GET, "/api/auth/me", None).await.status, StatusCode::UNAUTHORIZED);
    // First login asks for the addresses; once given, it no longer does.
    let bad = w.call(&mut b, Method::POST, "/api/auth/profile", Some(json!({"household_division": "329999", "household_detail": "x", "contact_division": "320102", "contact_detail": ""}))).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body["fields"]["errors"]["household_division"].is_array() && bad.body["fields"]["errors"]["contact_detail"].is_array(), "{}", bad.body);
    let ok = w.call(&mut b, Method::POST, "/api/auth/profile", Some(json!({"household_division": "320102", "household_detail": "中山路1号", "contact_division": "320106", "contact_detail": "湖南路8号"}))).await;
    assert_eq!(ok.status, StatusCode::NO_CONTENT, "{}", ok.body);
    assert_eq!(w.call(&mut b, Method::GET, "/api/auth/me", None).await.body["needs_addresses"], false);
    let actions: Vec<String> = w.state.store.audit_recent(20).await.unwrap().into_iter().map(|r| r.entry.action).collect();
    assert_eq!(actions, ["account.addresses", "session.login", "session.login", "account.register"]);
}

/// The code is checked before anything about the person, and whatever does not hold together
/// gets one answer — a wrong name, another person's ID number, a phone not in the person's name.
#[tokio::test]
async fn a_mismatch_has_one_answer_and_the_specific_one_comes_after_proof() {
    let w = world().await;
    let mut b = Browser::default();
    let code = w.code_for(&mut b, "13800138000").await;
    let a = w.register(&mut b, "王晓明", 1, "13800138000", &code).await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    let issue = &a.body["fields"]["errors"]["form"][0];
    assert_eq!(issue["code"], "real_name.mismatch");
    assert!(issue["zh"].as_str().unwrap().contains("携带本人身份证原件到参保地社保经办机构更新信息"), "{issue}");
    let wrong_id = w.register(&mut b, "王小明", 7, "13800138000", &code).await;
    assert_eq!(wrong_id.body, a.body, "another ID number: the same answer");
    // The code was not used up by the refusals: the right name goes through with it.
    assert_eq!(w.register(&mut b, "王小明", 1, "13800138000", &code).await.status, StatusCode::OK);
    // Nothing half-stored by the refusals.
    assert!(w.state.store.account_by_id_index(&w.state.vault.blind_index("id_number", &common::id_number(7))).await.unwrap().is_none());
}

#[tokio::test]
async fn refused_registrations_say_why() {
    let w = world().await;
    let mut b = Browser::default();
    let a = w.register(&mut b, "王小明", 1, "13800138000", "").await;
    assert_eq!(a.body["fields"]["errors"]["sms_code"][0]["code"], "required");
    let a = w.register(&mut b, "王小明", 1, "13800138000", "123456").await;
    assert_eq!(a.body["fields"]["errors"]["sms_code"][0]["code"], "sms_code.missing");
    let a = w.call(&mut b, Method::POST, "/api/auth/register", Some(json!({"name": "", "id_number": "1"}))).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST, "missing fields: malformed");
    let a = w.call(&mut b, Method::POST, "/api/auth/register", Some(json!({"name": "", "id_number": "1", "mobile": "", "email": "", "password": "", "password_confirm": "", "sms_code": "", "agreed": false}))).await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(a.body["code"], "invalid");
    for f in ["name", "id_number", "mobile", "password", "agreed"] {
        assert!(a.body["fields"]["errors"][f].is_array(), "{f}: {}", a.body);
    }
}

#[tokio::test]
async fn wrong_passwords_are_throttled_then_locked() {
    let w = world().await;
    let mut b = Browser::default();
    let code = w.code_for(&mut b, "13800138000").await;
    w.register(&mut b, "王小明", 1, "13800138000", &code).await;
    let id = common::id_number(1);
    for _ in 0..3 {
        let a = w.login(&mut Browser::default(), &id, "Wrong-pass1").await;
        assert_eq!((a.status, a.body["code"].as_str()), (StatusCode::UNAUTHORIZED, Some("login.wrong")));
    }
    // The fourth failure makes the next try wait, even with the right password.
    w.login(&mut Browser::default(), &id, "Wrong-pass1").await;
    let a = w.login(&mut Browser::default(), &id, PASSWORD).await;
    assert_eq!((a.status, a.body["code"].as_str()), (StatusCode::TOO_MANY_REQUESTS, Some("login.wait")));
    // Unknown accounts answer exactly like wrong passwords.
    let a = w.login(&mut Browser::default(), &common::id_number(2), PASSWORD).await;
    assert_eq!((a.status, a.body["code"].as_str()), (StatusCode::UNAUTHORIZED, Some("login.wrong")));
}

#[tokio::test]
async fn state_changes_need_the_session_csrf_token_and_a_same_origin() {
    let w = world().await;
    let mut b = Browser::default();
    let code = w.code_for(&mut b, "13800138000").await;
    w.register(&mut b, "王小明", 1, "13800138000", &code).await;
    let profile = json!({"household_division": "320102", "household_detail": "中山路1号", "contact_division": "320102", "contact_detail": "中山路1号"});
    let mut forged = Browser { sid: b.sid.clone(), csrf: Some("0".repeat(64)) };
    let a = w.call(&mut forged, Method::POST, "/api/auth/profile", Some(profile.clone())).await;
    assert_eq!((a.status, a.body["code"].as_str()), (StatusCode::FORBIDDEN, Some("csrf")));
    // Without the header at all (a form posted from another site would carry only the cookie).
    let r = Request::post("/api/auth/logout").header("cookie", format!("sid={}", b.sid.clone().unwrap())).body(Body::empty()).unwrap();
    assert_eq!(common::send(w.state.clone(), r).await.status(), StatusCode::FORBIDDEN);
    // A foreign Origin is refused even without a session (login CSRF).
    let r = Request::post("/api/auth/login")
        .header("host", "shebao.example")
        .header("origin", "https://evil.example")
        .header("content-type", "application/json")
        .body(Body::from(json!({"login": "x", "password": "y"}).to_string()))
        .unwrap();
    assert_eq!(common::send(w.state.clone(), r).await.status(), StatusCode::FORBIDDEN);
    let r = Request::post("/api/auth/login")
        .header("host", "shebao.example")
        .header("origin", "https://shebao.example")
        .header("content-type", "application/json")
        .body(Body::from(json!({"login": "x", "password": "y"}).to_string()))
        .unwrap();
    assert_eq!(common::send(w.state.clone(), r).await.status(), StatusCode::UNAUTHORIZED, "same origin passes the guard");
    assert_eq!(w.call(&mut b, Method::POST, "/api/auth/profile", Some(profile)).await.status, StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn over_tls_the_cookies_are_secure_and_host_prefixed() {
    let mut w = world().await;
    w.state.accounts.cookies.secure = true;
    let mut b = Browser::default();
    let code = w.code_for(&mut b, "13800138000").await;
    let a = w.register(&mut b, "王小明", 1, "13800138000", &code).await;
    assert!(a.cookies[0].starts_with("__Host-sid=") && a.cookies[0].contains("; Secure") && a.cookies[0].contains("Path=/"), "{:?}", a.cookies);
    assert!(a.cookies[1].starts_with("__Host-csrf=") && !a.cookies[1].contains("HttpOnly"));
    assert!(!a.cookies[0].contains("Domain="), "__Host- cookies carry no Domain");
}

/// Every endpoint in the access table, tried anonymously and by each role.
#[tokio::test]
async fn role_by_endpoint_matrix() {
    let w = world().await;
    let mut browsers = Vec::new();
    for (i, role) in Role::ALL.into_iter().enumerate() {
        let n = 100 + i as u32;
        let mobile = format!("1370000{n:04}");
        let (_, b) = common::browser::staff(&w.state, role.as_str(), &common::id_number(n), &mobile).await;
        browsers.push((Some(role), b, n));
    }
    browsers.push((None, Browser::default(), 0));
    for e in ENDPOINTS {
        let method = Method::from_bytes(if e.method == endpoints::Method::Any { "POST" } else { e.method.as_str() }.as_bytes()).unwrap();
        let path = e.path.replace("{sha256}", &"a".repeat(64)).replace("{index}", "0").replace("{*fn_name}", "no_such_fn");
        for (role, b, n) in &mut browsers {
            let role = *role;
            let body = (method != Method::GET).then(|| json!({}));
            let status = w.call(b, method.clone(), &path, body).await.status;
            if (e.path == "/api/auth/logout" || e.path == "/api/auth/logout-all") && role.is_some() {
                // The session ended: sign in again for the next rows (staff with a fresh code).
                let mobile = format!("1370000{n:04}");
                let code = common::plant_code(&w.state, &mobile, "staff_login").await;
                let again = json!({"login": common::id_number(*n), "password": PASSWORD, "sms_code": code});
                assert_eq!(w.call(b, Method::POST, "/api/auth/login", Some(again)).await.status, StatusCode::OK);
            }
            let allowed = match e.access {
                Access::Anyone => true,
                Access::Roles(roles) => role.is_some_and(|r| roles.contains(&r)),
            };
            if allowed {
                assert!(status != StatusCode::UNAUTHORIZED && status != StatusCode::FORBIDDEN, "{role:?} {method} {path}: {status}");
            } else if role.is_none() {
                assert_eq!(status, StatusCode::UNAUTHORIZED, "anonymous {method} {path}");
            } else {
                assert_eq!(status, StatusCode::FORBIDDEN, "{role:?} {method} {path}");
            }
        }
    }
}

/// A field worker registers a resident through the outbox (online here): told at once when the
/// name, ID number and phone do not go together; otherwise the registration waits for its
/// phone, the code goes there by itself, and with it the resident sets the password.
#[tokio::test]
async fn a_field_worker_registers_a_resident_who_verifies_the_phone_later() {
    use app::api::sync::{FilingKind, Status};
    let w = world().await;
    let (worker, mut fw) = w.field_worker().await;
    let filing = |name: &str| {
        let payload = json!({"name": name, "id_number": common::id_number(2), "mobile": "13500135000", "email": "", "agreed": true}).to_string();
        serde_json::to_value(common::batch(vec![common::item(&common::client_id(), FilingKind::PersonalRegistration, &payload)])).unwrap()
    };
    let typo = w.call(&mut fw, Method::POST, "/api/sync", Some(filing("李虹"))).await;
    let result: app::api::sync::ItemResult = serde_json::from_value(typo.body["results"][0].clone()).unwrap();
    assert_eq!(result.status, Status::Rejected, "the worker is told, to fix it with the person there");
    assert_eq!(result.errors.unwrap().error_of("form").unwrap().code, "real_name.mismatch");
    let ok = w.call(&mut fw, Method::POST, "/api/sync", Some(filing("李红"))).await;
    assert_eq!(ok.body["results"][0]["status"], "accepted", "{}", ok.body);
    let stored = w.state.store.account_by_id_index(&w.state.vault.blind_index("id_number", &common::id_number(2))).await.unwrap().unwrap();
    assert_eq!((stored.status.as_str(), stored.registered_by), ("pending_phone", Some(worker)), "recorded as assisted");
    assert!(stored.expires_at.is_some(), "a pending registration expires");
    // No password yet: nobody can log in as the resident.
    let a = w.login(&mut Browser::default(), &common::id_number(2), PASSWORD).await;
    assert_eq!(a.body["code"], "login.wrong");
    // The code went to the resident's phone by itself; with it and a password, it is an account.
    let code = w.dev.recent().into_iter().find(|m| m.mobile == "13500135000").unwrap().code;
    let mut r = Browser::default();
    let verify = |code: &str| json!({"id_number": common::id_number(2), "sms_code": code, "password": PASSWORD, "password_confirm": PASSWORD});
    let bad = w.call(&mut r, Method::POST, "/api/auth/verify-phone", Some(verify(if code == "000000" { "111111" } else { "000000" }))).await;
    assert_eq!(bad.body["fields"]["errors"]["sms_code"][0]["code"], "sms_code.wrong");
    let ok = w.call(&mut r, Method::POST, "/api/auth/verify-phone", Some(verify(&code))).await;
    assert_eq!(ok.status, StatusCode::NO_CONTENT, "{}", ok.body);
    assert_eq!(w.login(&mut Browser::default(), &common::id_number(2), PASSWORD).await.status, StatusCode::OK);
    let log = w.state.store.audit_recent(10).await.unwrap();
    let assisted = log.iter().find(|r| r.entry.action == "account.register_assisted_offline").unwrap();
    assert_eq!((assisted.entry.actor, assisted.entry.actor_role.as_deref()), (Some(worker), Some("field_worker")));
}

#[tokio::test]
async fn forgot_password_by_id_number_and_the_registered_phone() {
    let w = world().await;
    let mut b = Browser::default();
    let code = w.code_for(&mut b, "13800138000").await;
    w.register(&mut b, "王小明", 1, "13800138000", &code).await;
    let mut other = Browser::default();
    // The answer is the same whether or not the ID number has an account.
    let unknown = w.call(&mut other, Method::POST, "/api/auth/sms", Some(json!({"purpose": "reset", "id_number": common::id_number(9)}))).await;
    let known = w.call(&mut other, Method::POST, "/api/auth/sms", Some(json!({"purpose": "reset", "id_number": common::id_number(1)}))).await;
    assert_eq!((unknown.status, &unknown.body), (known.status, &known.body));
    let code = w.dev.recent()[0].code.clone();
    assert_eq!(w.dev.recent()[0].mobile, "13800138000", "sent to the registered phone");
    let reset = |code: &str, pw: &str| json!({"id_number": common::id_number(1), "sms_code": code, "password": pw, "password_confirm": pw});
    let weak = w.call(&mut other, Method::POST, "/api/auth/reset", Some(reset(&code, "12345678"))).await;
    assert!(weak.body["fields"]["errors"]["password"].is_array(), "{}", weak.body);
    let ok = w.call(&mut other, Method::POST, "/api/auth/reset", Some(reset(&code, "New-garden8"))).await;
    assert_eq!(ok.status, StatusCode::NO_CONTENT, "{}", ok.body);
    assert_eq!(w.call(&mut b, Method::GET, "/api/auth/me", None).await.status, StatusCode::UNAUTHORIZED, "sessions ended");
    assert_eq!(w.login(&mut Browser::default(), &common::id_number(1), PASSWORD).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(w.login(&mut Browser::default(), &common::id_number(1), "New-garden8").await.status, StatusCode::OK);
    let again = w.call(&mut other, Method::POST, "/api/auth/reset", Some(reset(&code, "New-garden9"))).await;
    assert_eq!(again.body["fields"]["errors"]["sms_code"][0]["code"], "sms_code.used");
}

#[tokio::test]
async fn the_dev_page_shows_codes_only_in_dev_mode() {
    let mut w = world().await;
    w.code_for(&mut Browser::default(), "13800138000").await;
    let page = common::send(w.state.clone(), common::get("/dev/sms")).await;
    assert!(common::body_text(page).await.contains("13800138000"));
    w.state.dev = false;
    let page = common::send(w.state.clone(), common::get("/dev/sms")).await;
    assert!(!common::body_text(page).await.contains("13800138000"));
}

/// A registration made offline arrives through the outbox without a password. An anonymous
/// sender is told only that it was received, whether or not it goes through; one that matches
/// waits for its phone, and the code sent there completes it with a password.
#[tokio::test]
async fn an_offline_registration_syncs_and_waits_for_its_phone() {
    use app::api::sync::{FilingKind, Status};
    let w = world().await;
    let payload = |name: &str| json!({"name": name, "id_number": common::id_number(2), "mobile": "13500135000", "email": "", "agreed": true}).to_string();
    let wrong = common::item(&common::client_id(), FilingKind::PersonalRegistration, &payload("李虹"));
    let answer = server::intake::ingest(&w.state.cx(), common::batch(vec![wrong])).await.unwrap();
    assert_eq!(answer.results[0].status, Status::Accepted, "received; it says nothing about the person");
    let index = w.state.vault.blind_index("id_number", &common::id_number(2));
    assert!(w.state.store.account_by_id_index(&index).await.unwrap().is_none(), "and nothing came of it");
    assert!(w.dev.recent().is_empty(), "no code went anywhere");
    let right = common::item(&common::client_id(), FilingKind::PersonalRegistration, &payload("李红"));
    // Delivered twice (a lost answer): one account, one code.
    for _ in 0..2 {
        let answer = server::intake::ingest(&w.state.cx(), common::batch(vec![right.clone()])).await.unwrap();
        assert!(answer.results[0].receipt_no.is_some(), "{:?}", answer.results[0]);
    }
    assert_eq!(w.state.store.account_by_id_index(&index).await.unwrap().unwrap().status, "pending_phone");
    let codes: Vec<_> = w.dev.recent().into_iter().filter(|m| m.mobile == "13500135000").collect();
    assert_eq!(codes.len(), 1, "the code that completes it, sent once");
    assert!(codes[0].text.contains("验证手机"), "{}", codes[0].text);
    let mut r = Browser::default();
    let ok = w
        .call(&mut r, Method::POST, "/api/auth/verify-phone", Some(json!({"id_number": common::id_number(2), "sms_code": codes[0].code, "password": PASSWORD, "password_confirm": PASSWORD})))
        .await;
    assert_eq!(ok.status, StatusCode::NO_CONTENT, "{}", ok.body);
    assert_eq!(w.login(&mut Browser::default(), &common::id_number(2), PASSWORD).await.status, StatusCode::OK);
}

/// A field worker's registration made without signal syncs later in their session: recorded as
/// theirs (who registered, and the audit's actor); the same sent without a session is the
/// resident's own.
#[tokio::test]
async fn a_registration_synced_in_a_field_workers_session_is_recorded_as_assisted() {
    use app::api::sync::FilingKind;
    let w = world().await;
    let (worker, mut fw) = w.field_worker().await;
    let payload = |n: u32, mobile: &str| {
        json!({"name": if n == 1 { "王小明" } else { "李红" }, "id_number": common::id_number(n), "mobile": mobile, "email": "", "agreed": true}).to_string()
    };
    let batch = |n: u32, mobile: &str| {
        let b = common::batch(vec![common::item(&common::client_id(), FilingKind::PersonalRegistration, &payload(n, mobile))]);
        serde_json::to_value(b).unwrap()
    };
    let by_worker = w.call(&mut fw, Method::POST, "/api/sync", Some(batch(2, "13500135000"))).await;
    assert_eq!(by_worker.status, StatusCode::OK, "{}", by_worker.body);
    let anonymous = w.call(&mut Browser::default(), Method::POST, "/api/sync", Some(batch(1, "13800138000"))).await;
    assert_eq!(anonymous.status, StatusCode::OK, "{}", anonymous.body);
    let account = |n: u32| {
        let index = w.state.vault.blind_index("id_number", &common::id_number(n));
        let store = w.state.store.clone();
        async move { store.account_by_id_index(&index).await.unwrap().unwrap() }
    };
    let (assisted, own) = (account(2).await, account(1).await);
    assert_eq!((assisted.status.as_str(), assisted.registered_by), ("pending_phone", Some(worker)));
    assert_eq!((own.status.as_str(), own.registered_by), ("pending_phone", None));
    let log = w.state.store.audit_recent(10).await.unwrap();
    let entry = log.iter().find(|r| r.entry.action == "account.register_assisted_offline").expect("audited");
    assert_eq!((entry.entry.actor, entry.entry.actor_role.as_deref()), (Some(worker), Some("field_worker")));
    assert!(log.iter().any(|r| r.entry.action == "account.register_offline" && r.entry.actor.is_none()));
}
