//! The account records on SQLite and PostgreSQL: registry import, SMS code limits, login
//! throttling counters, sessions and the audit log.

mod common;

use std::sync::Arc;

use app::api::auth::CodePurpose;
use app::domain::Date;
use server::accounts::codes::{self, DAILY_PER_PHONE, LIFE_MS, MAX_TRIES, RESEND_MS};
use server::accounts::sms::DevGateway;
use server::accounts::throttle;
use server::registry::import::import;
use server::accounts::NewAccount;
use server::store::AuditEntry;
use server::Store;
use server::vault::Vault;

const T0: i64 = 1_790_000_000_000;

fn today() -> Date {
    Date::new(2026, 11, 23).unwrap()
}

async fn registry_import_reports_bad_rows_and_imports_good_ones(store: Arc<dyn Store>) {
    let vault = Vault::random();
    let good = common::id_number(1);
    let csv = format!(
        "\u{feff}name,id_number,status\n王小明,{good},insured\n李四,320102199003071230,insured\n<b>x</b>,{},insured\n张三,{},retired\n赵五,{good},insured\n钱六,{},\n",
        common::id_number(2),
        common::id_number(3),
        common::id_number(4),
    );
    let report = import(store.as_ref(), &vault, csv.as_bytes(), today(), T0).await.unwrap();
    assert_eq!(report.imported, 2, "{report:?}");
    let bad: Vec<(u64, &str, &str)> = report.bad.iter().map(|b| (b.line, b.field.as_str(), b.code.as_str())).collect();
    assert_eq!(bad[0], (3, "id_number", "id_number.checksum"));
    assert_eq!((bad[1].0, bad[1].1), (4, "name"));
    assert_eq!(bad[2], (5, "status", "registry.status"));
    assert_eq!(bad[3], (6, "id_number", "registry.duplicate"));
    assert!(report.bad.iter().all(|b| !b.message.is_empty() && !b.message_en.is_empty()));
    assert_eq!(store.registry_count().await.unwrap(), 2);
    let p = store.registry_get(&vault.blind_index("id_number", &good)).await.unwrap().unwrap();
    assert_eq!((p.name.as_str(), p.sex.as_str(), p.birth_date.as_str(), p.region), ("王小明", "M", "1990-03-07", 320102));
    assert_eq!(vault.open(&server::vault::bound::registry_id(&p.id_index), &p.id_sealed).unwrap(), good.as_bytes(), "sealed, and opens with the key");
    assert_eq!(store.registry_get(&vault.blind_index("id_number", &common::id_number(4))).await.unwrap().unwrap().status, "insured", "status defaults");
    assert!(matches!(
        import(store.as_ref(), &vault, "name,id\n".as_bytes(), today(), T0).await,
        Err(server::registry::import::ImportError::MissingColumn("id_number"))
    ));
    // The demo seed: deterministic, and upserts (seeding twice keeps one copy).
    server::cli::registry::seed(store.as_ref(), &vault, 1200).await.unwrap();
    server::cli::registry::seed(store.as_ref(), &vault, 1200).await.unwrap();
    assert_eq!(store.registry_count().await.unwrap(), 1202);
}
both_stores!(registry_import, registry_import_reports_bad_rows_and_imports_good_ones);

async fn sms_codes_live_five_minutes_work_once_and_allow_five_tries(store: Arc<dyn Store>) {
    let (vault, gw) = (Vault::random(), DevGateway::default());
    let s = store.as_ref();
    let send = |m: &'static str, now: i64| codes::send(s, &vault, &gw, m, CodePurpose::Register, "10.0.0.1", now);
    let sent = send("13800138000", T0).await.unwrap();
    assert_eq!((sent.resend_after_s, sent.valid_for_s), (60, 300));
    let code = gw.recent()[0].code.clone();
    assert_eq!(code.len(), 6);
    // Resend is refused for 60 s, with the wait in the message.
    let Err(server::http::Refusal::Api { error, retry_after_s, .. }) = send("13800138000", T0 + 30_000).await else { panic!() };
    assert_eq!((&*error.code, retry_after_s), ("sms.too_soon", Some(30)));
    assert!(error.zh.contains("30 秒"), "{}", error.zh);
    // Another purpose does not accept it.
    let other = codes::verify(s, &vault, "13800138000", CodePurpose::Reset, &code, T0 + 1000).await;
    assert_eq!(other.unwrap_err().unwrap().code, "sms_code.missing");
    // Wrong tries count down, then it is locked even for the right code.
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for left in (1..MAX_TRIES).rev() {
        let e = codes::verify(s, &vault, "13800138000", CodePurpose::Register, wrong, T0 + 1000).await.unwrap_err().unwrap();
        assert_eq!(e.code, "sms_code.wrong");
        assert!(e.zh.contains(&format!("还可尝试 {left} 次")), "{}", e.zh);
    }
    let e = codes::verify(s, &vault, "13800138000", CodePurpose::Register, wrong, T0 + 1000).await.unwrap_err().unwrap();
    assert_eq!(e.code, "sms_code.locked");
    let e = codes::verify(s, &vault, "13800138000", CodePurpose::Register, &code, T0 + 1000).await.unwrap_err().unwrap();
    assert_eq!(e.code, "sms_code.locked", "the right code after five wrong ones");

    // A fresh code (after 60 s) works once, and not after its five minutes.
    send("13800138000", T0 + RESEND_MS).await.unwrap();
    let code = gw.recent()[0].code.clone();
    codes::verify(s, &vault, "13800138000", CodePurpose::Register, &code, T0 + RESEND_MS + 1).await.unwrap();
    let e = codes::verify(s, &vault, "13800138000", CodePurpose::Register, &code, T0 + RESEND_MS + 2).await.unwrap_err().unwrap();
    assert_eq!(e.code, "sms_code.used");
    send("13900139000", T0).await.unwrap();
    let code = gw.recent()[0].code.clone();
    let e = codes::verify(s, &vault, "13900139000", CodePurpose::Register, &code, T0 + LIFE_MS).await.unwrap_err().unwrap();
    assert_eq!(e.code, "sms_code.expired");
}
both_stores!(sms_codes, sms_codes_live_five_minutes_work_once_and_allow_five_tries);

async fn sms_daily_caps_per_phone_and_per_address(store: Arc<dyn Store>) {
    let (vault, gw) = (Vault::random(), DevGateway::default());
    let s = store.as_ref();
    for i in 0..DAILY_PER_PHONE {
        codes::send(s, &vault, &gw, "13800138000", CodePurpose::Register, "10.0.0.2", T0 + i * RESEND_MS).await.unwrap();
    }
    let r = codes::send(s, &vault, &gw, "13800138000", CodePurpose::Register, "10.0.0.2", T0 + 11 * RESEND_MS).await;
    let Err(server::http::Refusal::Api { error, retry_after_s: Some(wait), .. }) = r else { panic!("{r:?}") };
    assert_eq!(error.code, "sms.phone_daily_cap");
    assert!(wait > 0 && wait <= 86_400 && error.zh.contains("明天"));
    // The next China day starts afresh.
    let (_, left) = codes::china_day(T0 + 11 * RESEND_MS);
    codes::send(s, &vault, &gw, "13800138000", CodePurpose::Register, "10.0.0.2", T0 + 11 * RESEND_MS + left).await.unwrap();
    // One address asking for many phones.
    let mut refused = None;
    for i in 0..60 {
        let mobile = format!("1390000{i:04}");
        if let Err(e) = codes::send(s, &vault, &gw, &mobile, CodePurpose::Register, "10.0.0.3", T0).await {
            refused = Some((i, e));
            break;
        }
    }
    let Some((i, server::http::Refusal::Api { error, .. })) = refused else { panic!("never refused") };
    assert_eq!((i, &*error.code), (codes::DAILY_PER_ADDRESS, "sms.address_daily_cap"));
}
both_stores!(sms_caps, sms_daily_caps_per_phone_and_per_address);

async fn login_failures_grow_then_lock_and_clear(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let mut now = T0;
    // Each try is taken (counted) before its password is checked; a try inside a wait is
    // refused and not counted.
    for n in 1..=throttle::LOCK_AFTER {
        throttle::take(s, "acct", "10.0.0.4", now).await.unwrap_or_else(|e| panic!("try {n}: {e:?}"));
        if n > throttle::FREE && n < throttle::LOCK_AFTER {
            let Err(server::http::Refusal::Api { error, .. }) = throttle::take(s, "acct", "10.0.0.4", now).await else { panic!() };
            assert_eq!(error.code, "login.wait");
        }
        now += throttle::name_wait_ms(n);
    }
    let Err(server::http::Refusal::Api { error, retry_after_s, .. }) = throttle::take(s, "acct", "10.0.0.4", T0 + 200_000).await else { panic!() };
    assert_eq!(error.code, "login.locked");
    assert!(retry_after_s.unwrap() > 60);
    throttle::take(s, "acct", "10.0.0.4", now + throttle::LOCK_MS).await.unwrap();
    throttle::succeeded(s, "acct").await.unwrap();
    assert!(s.failures_get("acct").await.unwrap().is_none());
    assert_eq!(
        s.failures_get("addr:10.0.0.4").await.unwrap().unwrap().failures,
        throttle::LOCK_AFTER + 1,
        "the address keeps its count of every try taken"
    );
}

/// The security review's finding: tries checked against the lock before any was counted. Taken
/// at once, concurrent tries cannot pass a lock: of 15 at the same instant, exactly the free
/// ones and the first that earns a wait get through.
async fn concurrent_tries_do_not_slip_past_the_lock(store: Arc<dyn Store>) {
    let tries: Vec<_> = (0..15)
        .map(|i| {
            let store = store.clone();
            tokio::spawn(async move { throttle::take(store.as_ref(), "acct", &format!("10.0.1.{i}"), T0).await.is_ok() })
        })
        .collect();
    let mut passed = 0;
    for t in tries {
        passed += usize::from(t.await.unwrap());
    }
    assert_eq!(passed as i64, throttle::FREE + 1, "only the free tries and the one that earns the first wait");
    assert_eq!(store.failures_get("acct").await.unwrap().unwrap().failures, throttle::FREE + 1);
}
both_stores!(login_throttle_is_atomic, concurrent_tries_do_not_slip_past_the_lock);

both_stores!(login_throttle, login_failures_grow_then_lock_and_clear);

async fn accounts_sessions_and_audit(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let a = NewAccount {
        role: "resident".into(),
        status: "active".into(),
        id_index: "idx".into(),
        id_sealed: vec![1, 2],
        name: "王小明".into(),
        mobile_index: "m".into(),
        mobile_sealed: vec![3],
        email: None,
        password_hash: "$argon2id$x".into(),
        registered_by: None,
        expires_at: None,
    };
    let audit = AuditEntry { action: "account.register".into(), ..Default::default() };
    let id = s.account_create(&a, &audit, T0).await.unwrap().unwrap();
    assert_eq!(s.account_create(&a, &audit, T0).await.unwrap(), None, "one account per ID number");
    assert_eq!(s.account_by_id_index("idx").await.unwrap().unwrap().id, id);
    assert_eq!(s.accounts_by_mobile("m").await.unwrap().len(), 1);
    s.session_create("h1", id, "c1", T0).await.unwrap();
    assert_eq!(s.session_get("h1").await.unwrap().unwrap().csrf, "c1");
    let reset = AuditEntry { action: "password.reset".into(), ..Default::default() };
    s.account_set_password(id, "$argon2id$y", None, &reset, T0 + 1).await.unwrap();
    assert!(s.session_get("h1").await.unwrap().is_none(), "a new password ends every session");
    let log = s.audit_recent(10).await.unwrap();
    assert_eq!(log.iter().map(|r| r.entry.action.as_str()).collect::<Vec<_>>(), ["password.reset", "account.register"]);
    assert_eq!(log[1].entry.target.as_deref(), Some(format!("account:{id}").as_str()));
}
both_stores!(accounts_sessions, accounts_sessions_and_audit);
