//! The account a person expects (我的信息), through the router on both stores: the profile with
//! masked identifiers and the sign-in before this one, 修改密码 (the current password checked and
//! throttled, other sessions ended, the phone told), and 退出所有设备.

mod common;

use std::sync::Arc;

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};
use server::accounts::sms::DevGateway;
use server::Store;

use common::browser::{Answer, Browser};

const PASSWORD: &str = "Tea-garden7";
const NEW: &str = "New-garden8";
const MOBILE: &str = "13800138000";

struct World {
    state: server::AppState,
    dev: Arc<DevGateway>,
}

/// One person in the registry who registers (the browser returned is signed in).
async fn world(store: Arc<dyn Store>) -> (World, Browser) {
    world_for(store, &common::id_number(1)).await
}

/// The same, for the person with ID number `id`.
async fn world_for(store: Arc<dyn Store>, id: &str) -> (World, Browser) {
    let mut state = common::state_over(store);
    state.dev = true;
    let dev = state.accounts.dev_sms.clone().unwrap();
    let csv = format!("name,id_number,mobile\n王小明,{id},{MOBILE}\n");
    let now = server::store::now_ms();
    server::registry::import::import(state.store.as_ref(), &state.vault, csv.as_bytes(), app::domain::Date::china_from_unix_ms(now), now).await.unwrap();
    let w = World { state, dev };
    let mut b = Browser::default();
    let a = w.call(&mut b, Method::POST, "/api/auth/sms", Some(json!({"purpose": "register", "mobile": MOBILE}))).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let code = w.dev.recent()[0].code.clone();
    let draft = json!({
        "name": "王小明", "id_number": id, "mobile": MOBILE, "email": "wang@example.com",
        "password": PASSWORD, "password_confirm": PASSWORD, "sms_code": code, "agreed": true,
    });
    let a = w.call(&mut b, Method::POST, "/api/auth/register", Some(draft)).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    (w, b)
}

impl World {
    async fn call(&self, b: &mut Browser, method: Method, path: &str, body: Option<Value>) -> Answer {
        b.call(&self.state, method, path, body).await
    }

    async fn login(&self, password: &str) -> (Answer, Browser) {
        let mut b = Browser::default();
        let a = self.call(&mut b, Method::POST, "/api/auth/login", Some(json!({"login": common::id_number(1), "password": password}))).await;
        (a, b)
    }

    async fn signed_in(&self, b: &mut Browser) -> bool {
        self.call(b, Method::GET, "/api/auth/me", None).await.status == StatusCode::OK
    }
}

fn change(current: &str, new: &str) -> Value {
    json!({"current": current, "password": new, "password_confirm": new})
}

async fn a_password_change_ends_the_other_sessions_and_tells_the_phone(store: Arc<dyn Store>) {
    let (w, mut b) = world(store).await;
    let (a, mut other) = w.login(PASSWORD).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let sent = w.dev.recent().len();
    // The shared rules first: a weak or unchanged password, a confirmation that differs.
    let weak = w.call(&mut b, Method::POST, "/api/auth/password", Some(change(PASSWORD, "12345678"))).await;
    assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(weak.body["fields"]["errors"]["password"].is_array(), "{}", weak.body);
    let same = w.call(&mut b, Method::POST, "/api/auth/password", Some(change(PASSWORD, PASSWORD))).await;
    assert_eq!(same.body["fields"]["errors"]["password"][0]["code"], "password.unchanged");
    // A wrong current password is refused on its field, changes nothing, and counts.
    let wrong = w.call(&mut b, Method::POST, "/api/auth/password", Some(change("Wrong-garden1", NEW))).await;
    assert_eq!(wrong.body["fields"]["errors"]["current"][0]["code"], "password.current_wrong", "{}", wrong.body);
    assert!(w.signed_in(&mut other).await, "nothing ended");
    assert_eq!(w.dev.recent().len(), sent, "nothing told");
    let ok = w.call(&mut b, Method::POST, "/api/auth/password", Some(change(PASSWORD, NEW))).await;
    assert_eq!(ok.status, StatusCode::NO_CONTENT, "{}", ok.body);
    assert!(w.signed_in(&mut b).await, "the session that changed it stays");
    assert!(!w.signed_in(&mut other).await, "every other session ended");
    let told = &w.dev.recent()[0];
    assert_eq!((told.mobile.as_str(), told.code.as_str()), (MOBILE, ""), "the phone is told, with no code");
    assert_eq!(told.text, server::accounts::PASSWORD_NOTICE);
    assert_eq!(w.login(PASSWORD).await.0.status, StatusCode::UNAUTHORIZED);
    assert_eq!(w.login(NEW).await.0.status, StatusCode::OK);
    let actions: Vec<String> = w.state.store.audit_recent(3).await.unwrap().into_iter().map(|r| r.entry.action).collect();
    assert!(actions.contains(&"password.change".to_owned()), "{actions:?}");
}
both_stores!(password_change, a_password_change_ends_the_other_sessions_and_tells_the_phone);

/// Guessing the current password through a stolen session meets the login throttle.
async fn guessing_the_current_password_is_throttled(store: Arc<dyn Store>) {
    let (w, mut b) = world(store).await;
    for n in 0..4 {
        let a = w.call(&mut b, Method::POST, "/api/auth/password", Some(change(&format!("Wrong-garden{n}"), NEW))).await;
        assert_eq!(a.body["fields"]["errors"]["current"][0]["code"], "password.current_wrong");
    }
    // The fourth failure makes the next try wait, even with the right password.
    let a = w.call(&mut b, Method::POST, "/api/auth/password", Some(change(PASSWORD, NEW))).await;
    assert_eq!((a.status, a.body["code"].as_str()), (StatusCode::TOO_MANY_REQUESTS, Some("login.wait")));
    // And the login with the right password waits too: one account, one count.
    assert_eq!(w.login(PASSWORD).await.0.status, StatusCode::TOO_MANY_REQUESTS);
}
both_stores!(password_guessing, guessing_the_current_password_is_throttled);

async fn logout_everywhere_ends_every_session(store: Arc<dyn Store>) {
    let (w, mut b) = world(store).await;
    let (_, mut other) = w.login(PASSWORD).await;
    let a = w.call(&mut b, Method::POST, "/api/auth/logout-all", None).await;
    assert_eq!(a.status, StatusCode::NO_CONTENT);
    assert!(a.cookies.iter().any(|c| c.starts_with("sid=;") || c.starts_with("sid=") && c.contains("Max-Age=0")), "{:?}", a.cookies);
    assert!(!w.signed_in(&mut b).await && !w.signed_in(&mut other).await);
    assert_eq!(w.state.store.audit_recent(1).await.unwrap()[0].entry.action, "session.logout_all");
    // Anonymous: refused, as every signed-in endpoint.
    let anon = w.call(&mut Browser::default(), Method::POST, "/api/auth/logout-all", None).await;
    assert_eq!(anon.status, StatusCode::UNAUTHORIZED);
}
both_stores!(logout_all, logout_everywhere_ends_every_session);

async fn the_profile_masks_identifiers_and_shows_the_sign_in_before(store: Arc<dyn Store>) {
    let (w, mut b) = world(store).await;
    let p = w.call(&mut b, Method::GET, "/api/auth/profile", None).await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    assert_eq!(p.body["id_masked"], format!("3201**********{}", &common::id_number(1)[14..]));
    assert_eq!((p.body["mobile_masked"].as_str(), p.body["email_masked"].as_str()), (Some("138****8000"), Some("w***@example.com")));
    assert!(p.body["addresses"].is_null() && p.body["previous_sign_in"].is_null(), "{}", p.body);
    let text = p.body.to_string();
    assert!(!text.contains(&common::id_number(1)) && !text.contains(MOBILE), "nothing whole: {text}");
    // The first login has no sign-in before it; the second shows the first, by address class.
    let (_, _) = w.login(PASSWORD).await;
    let (_, mut second) = w.login(PASSWORD).await;
    let ok = w.call(&mut second, Method::POST, "/api/auth/profile", Some(json!({"household_division": "320102", "household_detail": "中山路1号", "contact_division": "320106", "contact_detail": "湖南路8号"}))).await;
    assert_eq!(ok.status, StatusCode::NO_CONTENT, "{}", ok.body);
    let p = w.call(&mut second, Method::GET, "/api/auth/profile", None).await;
    assert!(p.body["previous_sign_in"]["at"].as_i64().is_some_and(|t| t > 0), "{}", p.body);
    assert_eq!(p.body["previous_sign_in"]["from"], "internet", "a test request has no peer address: the widest class");
    assert_eq!((p.body["addresses"]["household_division"].as_str(), p.body["addresses"]["contact_detail"].as_str()), (Some("320102"), Some("湖南路8号")));
}
both_stores!(profile, the_profile_masks_identifiers_and_shows_the_sign_in_before);

/// 手机号变更: the new number proven by its code and in the person's own name; the old one told;
/// the mobile login moves with it.
async fn a_mobile_change_needs_the_new_numbers_code_and_tells_the_old_one(store: Arc<dyn Store>) {
    const NEW_MOBILE: &str = "13900139000";
    let (w, mut b) = world(store).await;
    let (_, mut other) = w.login(PASSWORD).await;
    // Without a session no code is sent for it.
    let anon = w.call(&mut Browser::default(), Method::POST, "/api/auth/sms", Some(json!({"purpose": "change_mobile", "mobile": NEW_MOBILE}))).await;
    assert_eq!(anon.status, StatusCode::UNAUTHORIZED);
    let change = |code: &str, password: &str| json!({"mobile": NEW_MOBILE, "sms_code": code, "current_password": password});
    let asked = w.call(&mut b, Method::POST, "/api/auth/sms", Some(json!({"purpose": "change_mobile", "mobile": NEW_MOBILE}))).await;
    assert_eq!(asked.status, StatusCode::OK, "{}", asked.body);
    let code = w.dev.recent()[0].code.clone();
    assert_eq!(w.dev.recent()[0].mobile, NEW_MOBILE, "the code goes to the new number");
    // A code that is not the one sent.
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let a = w.call(&mut b, Method::POST, "/api/auth/mobile", Some(change(wrong, PASSWORD))).await;
    assert_eq!(a.body["fields"]["errors"]["sms_code"][0]["code"], "sms_code.wrong", "{}", a.body);
    // The wrong password: refused on its field before the code is spent.
    let a = w.call(&mut b, Method::POST, "/api/auth/mobile", Some(change(&code, "Wrong-garden1"))).await;
    assert_eq!(a.body["fields"]["errors"]["current_password"][0]["code"], "password.current_wrong", "{}", a.body);
    // A number not in the person's name (the stand-in reads the carriers' record from the
    // registry): the one answer of a phone that is not theirs.
    let other_code = common::plant_code(&w.state, "13700137000", "change_mobile").await;
    let other_change = json!({"mobile": "13700137000", "sms_code": other_code, "current_password": PASSWORD});
    let a = w.call(&mut b, Method::POST, "/api/auth/mobile", Some(other_change.clone())).await;
    assert_eq!(a.body["fields"]["errors"]["mobile"][0]["code"], "mobile.not_yours", "{}", a.body);
    // The code was not spent on a refusal: the same answer again, not "used".
    let a = w.call(&mut b, Method::POST, "/api/auth/mobile", Some(other_change)).await;
    assert_eq!(a.body["fields"]["errors"]["mobile"][0]["code"], "mobile.not_yours", "{}", a.body);
    assert!(w.signed_in(&mut other).await, "nothing changed");
    // The person's new SIM, registered in their name, with its code: it goes through.
    let csv = format!("name,id_number,mobile\n王小明,{},{NEW_MOBILE}\n", common::id_number(1));
    let now = server::store::now_ms();
    server::registry::import::import(w.state.store.as_ref(), &w.state.vault, csv.as_bytes(), app::domain::Date::china_from_unix_ms(now), now).await.unwrap();
    let a = w.call(&mut b, Method::POST, "/api/auth/mobile", Some(change(&code, PASSWORD))).await;
    assert_eq!(a.status, StatusCode::NO_CONTENT, "{}", a.body);
    let told = &w.dev.recent()[0];
    assert_eq!((told.mobile.as_str(), told.text.clone()), (MOBILE, server::accounts::old_number_notice("139****9000")));
    assert!(w.signed_in(&mut b).await && !w.signed_in(&mut other).await, "this session stays, the others end");
    assert_eq!(w.call(&mut b, Method::GET, "/api/auth/me", None).await.body["mobile_masked"], "139****9000");
    let by = |login: &str| json!({"login": login, "password": PASSWORD});
    assert_eq!(w.call(&mut Browser::default(), Method::POST, "/api/auth/login", Some(by(NEW_MOBILE))).await.status, StatusCode::OK);
    assert_eq!(w.call(&mut Browser::default(), Method::POST, "/api/auth/login", Some(by(MOBILE))).await.status, StatusCode::UNAUTHORIZED);
    // A reset code now goes to the new number.
    w.call(&mut Browser::default(), Method::POST, "/api/auth/sms", Some(json!({"purpose": "reset", "id_number": common::id_number(1)}))).await;
    assert_eq!(w.dev.recent()[0].mobile, NEW_MOBILE);
    assert_eq!(w.state.store.audit_recent(5).await.unwrap().iter().filter(|r| r.entry.action == "account.mobile").count(), 1);
}
both_stores!(mobile_change, a_mobile_change_needs_the_new_numbers_code_and_tells_the_old_one);

fn reset_by_email(id: &str, email: &str, code: &str, password: &str) -> Value {
    json!({"id_number": id, "email": email, "sms_code": code, "password": password, "password_confirm": password})
}

/// 忘记密码 by the e-mail the account registered: one answer whoever asks, a code that works
/// once and for five minutes, every session ended.
async fn recovery_by_email_is_single_use_short_lived_and_tells_nobody_anything(store: Arc<dyn Store>) {
    let (w, mut b) = world(store).await;
    let id = common::id_number(1);
    let ask = |id: &str, email: &str| json!({"purpose": "reset_email", "id_number": id, "email": email});
    let sent = w.dev.recent().len();
    // The right pair, and an ID number without an account: the same answer.
    let right = w.call(&mut Browser::default(), Method::POST, "/api/auth/sms", Some(ask(&id, "WANG@example.com"))).await;
    let nobody = w.call(&mut Browser::default(), Method::POST, "/api/auth/sms", Some(ask(&common::id_number(9), "wang@example.com"))).await;
    assert_eq!(right.status, StatusCode::OK);
    assert_eq!((nobody.status, &nobody.body), (right.status, &right.body));
    assert_eq!(w.dev.recent().len(), sent + 1, "one code, for the right pair");
    // A second ask for the same name within the minute waits, whatever the address: the limit is
    // counted before anything is looked up, so it tells nothing either.
    let wrong = w.call(&mut Browser::default(), Method::POST, "/api/auth/sms", Some(ask(&id, "li@example.com"))).await;
    assert_eq!(wrong.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(w.dev.recent().len(), sent + 1);
    let mail = w.dev.recent()[0].clone();
    assert_eq!(mail.mobile, "wang@example.com", "to the registered address");
    assert!(mail.text.contains(&mail.code) && mail.text.contains("5 分钟"), "{}", mail.text);
    // The code works with the address, not without it (the phone's code is another).
    let by_phone = json!({"id_number": id, "sms_code": mail.code, "password": NEW, "password_confirm": NEW});
    let a = w.call(&mut Browser::default(), Method::POST, "/api/auth/reset", Some(by_phone)).await;
    assert_eq!(a.body["fields"]["errors"]["sms_code"][0]["code"], "sms_code.missing", "{}", a.body);
    let other_address = w.call(&mut Browser::default(), Method::POST, "/api/auth/reset", Some(reset_by_email(&id, "li@example.com", &mail.code, NEW))).await;
    assert_eq!(other_address.body["fields"]["errors"]["sms_code"][0]["code"], "sms_code.missing");
    let ok = w.call(&mut Browser::default(), Method::POST, "/api/auth/reset", Some(reset_by_email(&id, "wang@example.com", &mail.code, NEW))).await;
    assert_eq!(ok.status, StatusCode::NO_CONTENT, "{}", ok.body);
    assert!(!w.signed_in(&mut b).await, "sessions ended");
    assert_eq!(w.login(NEW).await.0.status, StatusCode::OK);
    let again = w.call(&mut Browser::default(), Method::POST, "/api/auth/reset", Some(reset_by_email(&id, "wang@example.com", &mail.code, "Third-garden9"))).await;
    assert_eq!(again.body["fields"]["errors"]["sms_code"][0]["code"], "sms_code.used", "single use");
    // A code past its five minutes is refused.
    let index = w.state.vault.blind_index("mobile", "wang@example.com");
    let now = server::store::now_ms();
    let stale = server::accounts::CodeRecord {
        code_hash: w.state.vault.blind_index(&format!("sms:reset_email:{index}"), "135790"),
        sent_at: now - 400_000,
        expires_at: now - 100_000,
        attempts: 0,
        used: false,
    };
    w.state.store.code_put(&index, "reset_email", &stale).await.unwrap();
    let late = w.call(&mut Browser::default(), Method::POST, "/api/auth/reset", Some(reset_by_email(&id, "wang@example.com", "135790", "Third-garden9"))).await;
    assert_eq!(late.body["fields"]["errors"]["sms_code"][0]["code"], "sms_code.expired");
}
both_stores!(email_recovery, recovery_by_email_is_single_use_short_lived_and_tells_nobody_anything);

/// Without an e-mail relay (production with no `--smtp-url`) the answer says it is not offered,
/// alike for everyone.
async fn without_a_relay_email_recovery_is_not_offered(store: Arc<dyn Store>) {
    let (mut w, _) = world(store).await;
    w.state.accounts.email = None;
    let ask = |id: &str| json!({"purpose": "reset_email", "id_number": id, "email": "wang@example.com"});
    let known = w.call(&mut Browser::default(), Method::POST, "/api/auth/sms", Some(ask(&common::id_number(1)))).await;
    let unknown = w.call(&mut Browser::default(), Method::POST, "/api/auth/sms", Some(ask(&common::id_number(9)))).await;
    assert_eq!(known.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!((known.status, &known.body), (unknown.status, &unknown.body));
}
both_stores!(email_off, without_a_relay_email_recovery_is_not_offered);

/// A unit recovers its password by its credit code, the code going to the handler's mobile.
async fn a_unit_recovers_by_its_credit_code(store: Arc<dyn Store>) {
    use server::vault::{bound, purpose};
    let (w, _) = world(store).await;
    let code = common::credit_code(7);
    let index = w.state.vault.blind_index(purpose::CREDIT_CODE, &code);
    let handler = "13600136007";
    let account = server::accounts::NewAccount {
        role: "employer_handler".into(),
        status: server::accounts::ACTIVE.into(),
        id_sealed: w.state.vault.seal(&bound::account_id(&index), code.as_bytes()),
        id_index: index.clone(),
        name: "南京示例科技有限公司".into(),
        mobile_index: w.state.vault.blind_index(purpose::MOBILE, handler),
        mobile_sealed: w.state.vault.seal(&bound::account_mobile(&index), handler.as_bytes()),
        email: None,
        password_hash: w.state.accounts.hasher.hash(PASSWORD).await,
        registered_by: None,
        expires_at: None,
    };
    w.state.store.account_create(&account, &Default::default(), 1).await.unwrap();
    let a = w.call(&mut Browser::default(), Method::POST, "/api/auth/sms", Some(json!({"purpose": "reset", "id_number": code}))).await;
    assert_eq!(a.status, StatusCode::OK);
    let sms = w.dev.recent()[0].clone();
    assert_eq!(sms.mobile, handler, "to the handler's registered mobile");
    let reset = json!({"id_number": code, "sms_code": sms.code, "password": NEW, "password_confirm": NEW});
    assert_eq!(w.call(&mut Browser::default(), Method::POST, "/api/auth/reset", Some(reset)).await.status, StatusCode::NO_CONTENT);
    let login = json!({"login": code, "password": NEW});
    assert_eq!(w.call(&mut Browser::default(), Method::POST, "/api/auth/login", Some(login)).await.status, StatusCode::OK);
}
both_stores!(unit_recovery, a_unit_recovers_by_its_credit_code);

/// A person of 60 or more is offered 长辈模式 (by the ID number's birth date); a younger one is not.
async fn a_senior_is_offered_the_elderly_mode(store: Arc<dyn Store>) {
    let mut id = "11010119500101123".to_owned();
    id.push(char::from(app::domain::id_number::check_char(id.as_bytes())));
    let (w, mut b) = world_for(store.clone(), &id).await;
    assert_eq!(w.call(&mut b, Method::GET, "/api/auth/me", None).await.body["senior"], true);
    // A younger person, in a store of their own (one phone, one code a minute).
    let younger = common::sqlite().await;
    let (w, mut b) = world(younger.store.clone()).await;
    assert_eq!(w.call(&mut b, Method::GET, "/api/auth/me", None).await.body["senior"], false);
}
both_stores!(senior, a_senior_is_offered_the_elderly_mode);

/// Self-service changes have a quota per account (every write has one).
async fn self_service_changes_have_a_quota(store: Arc<dyn Store>) {
    let (w, mut b) = world(store).await;
    let addresses = json!({"household_division": "320102", "household_detail": "中山路1号", "contact_division": "320106", "contact_detail": "湖南路8号"});
    for _ in 0..server::accounts::SELF_SERVICE_PER_HOUR {
        assert_eq!(w.call(&mut b, Method::POST, "/api/auth/profile", Some(addresses.clone())).await.status, StatusCode::NO_CONTENT);
    }
    let over = w.call(&mut b, Method::POST, "/api/auth/profile", Some(addresses.clone())).await;
    assert_eq!((over.status, over.body["code"].as_str()), (StatusCode::TOO_MANY_REQUESTS, Some("quota")));
    // The same count for every self-service change.
    let pw = w.call(&mut b, Method::POST, "/api/auth/password", Some(change(PASSWORD, NEW))).await;
    assert_eq!(pw.status, StatusCode::TOO_MANY_REQUESTS);
}
both_stores!(self_service_quota, self_service_changes_have_a_quota);

/// 确认密码 (before a field worker's phone seals the due list with a key made from the password):
/// the right one is answered 204, a wrong one is refused on its field and counts as a login
/// try, and only a field worker may ask.
async fn a_field_worker_confirms_the_password(store: Arc<dyn Store>) {
    let mut state = common::state_over(store);
    state.dev = true;
    let (_, mut field) = common::browser::staff(&state, "field_worker", &common::id_number(31), "13900139031").await;
    let confirm = |p: &str| Some(json!({"password": p}));
    let path = "/api/auth/password/confirm";
    let ok = field.call(&state, Method::POST, path, confirm(common::browser::STAFF_PASSWORD)).await;
    assert_eq!(ok.status, StatusCode::NO_CONTENT, "{}", ok.body);
    for n in 0..4 {
        let wrong = field.call(&state, Method::POST, path, confirm(&format!("Wrong-garden{n}"))).await;
        assert_eq!(wrong.body["fields"]["errors"]["password"][0]["code"], "password.current_wrong", "{}", wrong.body);
    }
    // The fourth failure makes the next try wait, even with the right password.
    let waits = field.call(&state, Method::POST, path, confirm(common::browser::STAFF_PASSWORD)).await;
    assert_eq!((waits.status, waits.body["code"].as_str()), (StatusCode::TOO_MANY_REQUESTS, Some("login.wait")), "{}", waits.body);
    // A resident's session is refused before any password is looked at.
    let (w, mut resident) = world(state.store.clone()).await;
    let refused = w.call(&mut resident, Method::POST, path, confirm(PASSWORD)).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
}
both_stores!(password_confirm, a_field_worker_confirms_the_password);
