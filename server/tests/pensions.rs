//! 养老金申请 on SQLite and PostgreSQL, through the router: an operator files a claim for a man
//! of 61 with what his archive shows; every field is checked, and so are the reform's window
//! and minimum months; the pension is computed with its working and kept pending, one live
//! claim per person; a supervisor other than the filer returns it or approves it — and then
//! the months since retirement are paid at once (补发), and each new month once more, until the
//! yearly certification lapses (暂停发放) and is made again (the months skipped paid); the man
//! reads 待遇领取情况 with his own account only.

mod common;

use std::sync::Arc;

use app::api::sync::{FilingKind, Outcome};
use app::domain::ledger::Month;
use app::domain::pension::{retirement_month, Category};
use axum::http::{Method, StatusCode};
use common::browser::staff;
use common::{batch, client_id, enrolment, item, state_over, this_month};
use serde_json::json;
use server::{intake, Store};

/// A man born in this month 61 years ago (on the 1st), in 南京玄武.
fn old_man() -> String {
    let today = app::domain::Date::china_from_unix_ms(server::store::now_ms());
    let mut s = format!("320102{:04}{:02}01031", today.year - 61, today.month);
    s.push(char::from(app::domain::id_number::check_char(s.as_bytes())));
    s
}

async fn a_pension_claim_is_computed_decided_under_four_eyes_and_paid(store: Arc<dyn Store>) {
    let mut state = state_over(store.clone());
    state.dev = true;
    let worker = common::field_worker(&state).await;
    let id = old_man();
    let e = enrolment(&id);
    let out = intake::ingest_as(&state.cx(), batch(vec![item(&client_id(), FilingKind::Enrolment, &serde_json::to_string(&e).unwrap())]), Some(&worker)).await.unwrap();
    assert!(matches!(out.results[0].outcome(), Outcome::Accepted { .. }), "{:?}", out.results[0].outcome());
    assert_eq!(common::approve_all(&state).await, 1);
    let (operator, mut o) = staff(&state, "operator", &common::id_number(50), "13700000050").await;
    let (s1, mut a) = staff(&state, "supervisor", &common::id_number(51), "13700000051").await;
    let (_, mut b) = staff(&state, "supervisor", &common::id_number(52), "13700000052").await;
    let found = o.call(&state, Method::GET, &format!("/api/office/find?q={id}"), None).await;
    let person = found.body["persons"][0]["person"].as_i64().unwrap();
    let path = format!("/api/office/persons/{person}/pension-claims");
    let codes = |b: &serde_json::Value, f: &str| b["fields"]["errors"][f][0]["code"].as_str().map(str::to_owned);

    // Every field by its rule; then the reform's: his statutory month, and the minimum months.
    let bad = o.call(&state, Method::POST, &path, Some(json!({"retire_in": "2026-13", "archive_months": "12", "archive_index": "0.5"}))).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert_eq!(codes(&bad.body, "retire_in").as_deref(), Some("month.invalid"));
    assert_eq!(codes(&bad.body, "archive_index").as_deref(), Some("claim.index"));
    assert_eq!(codes(&bad.body, "archive_ref").as_deref(), Some("claim.archive_ref"));
    let p = app::domain::pension::PensionPolicy::from_json(server::state::SHIPPED_POLICY).unwrap();
    let birth = Month::parse(&format!("{}-{}", &id[6..10], &id[10..12])).unwrap();
    let statutory = retirement_month(birth, Category::Male, &p).0;
    let ask = |retire_in: Month, months: u32| json!({"retire_in": retire_in.to_string(), "archive_months": months.to_string(), "archive_index": "1.0", "archive_ref": "档案 玄武-0417"});
    let short = o.call(&state, Method::POST, &path, Some(ask(statutory, 100))).await;
    assert_eq!(codes(&short.body, "archive_months").as_deref(), Some("pension.too_few_months"), "{}", short.body);
    let before_60 = Month::from_index(birth.index() + 59 * 12).unwrap();
    let early = o.call(&state, Method::POST, &path, Some(ask(before_60, 180))).await;
    assert_eq!(codes(&early.body, "retire_in").as_deref(), Some("pension.outside_window"), "{}", early.body);
    assert_eq!(o.call(&state, Method::GET, "/api/office/pension-claims", None).await.body.as_array().map(Vec::len), Some(0), "nothing kept");

    // Kept pending with its working: 江苏's base (unconfirmed, so it says so), Z = 1.0, 15 years.
    let kept = o.call(&state, Method::POST, &path, Some(ask(statutory, 180))).await;
    assert_eq!(kept.status, StatusCode::CREATED, "{}", kept.body);
    let k = &kept.body;
    let basic = (813_167i64 * 20_000 * 180 + 12_000_000) / 24_000_000;
    assert_eq!((k["status"].as_str(), k["base"].as_i64(), k["index"].as_u64(), k["months"].as_u64(), k["basic"].as_i64()), (Some("pending"), Some(813_167), Some(10_000), Some(180), Some(basic)), "{k}");
    assert_eq!(k["monthly"].as_i64(), Some(basic + k["account"].as_i64().unwrap()));
    assert_eq!((k["retire_in"].as_str(), k["first_month"].as_str()), (Some(statutory.to_string().as_str()), Some(statutory.next().to_string().as_str())));
    let working: Vec<&str> = k["working"].as_array().unwrap().iter().map(|l| l["zh"].as_str().unwrap()).collect();
    assert!(working.iter().any(|l| l.contains("待核实")) && working.iter().any(|l| l.starts_with("基础养老金 =")) && working.iter().any(|l| l.starts_with("每月养老金")), "{working:?}");
    let first = k["id"].as_i64().unwrap();
    // One live claim per person.
    let twice = o.call(&state, Method::POST, &path, Some(ask(statutory, 200))).await;
    assert_eq!((twice.status, twice.body["code"].as_str()), (StatusCode::CONFLICT, Some("pension.claim_live")), "{}", twice.body);

    // The operator cannot decide; the store refuses the filer too. Returned with a reason.
    let decision = format!("/api/office/pension-claims/{first}/decision");
    assert_eq!(o.call(&state, Method::POST, &decision, Some(json!({"approve": true}))).await.status, StatusCode::FORBIDDEN);
    let entry = server::store::AuditEntry { action: "test".into(), ..Default::default() };
    let today = app::domain::Date::china_from_unix_ms(server::store::now_ms());
    assert!(!store.claim_decide(first, operator, None, today, &entry, 5).await.unwrap(), "the store refuses the filer");
    let empty = b.call(&state, Method::POST, &decision, Some(json!({"approve": false, "reason": " "}))).await;
    assert_eq!(codes(&empty.body, "reason").as_deref(), Some("decision.reason"), "{}", empty.body);
    let back = b.call(&state, Method::POST, &decision, Some(json!({"approve": false, "reason": "视同缴费年限缺招工审批表"}))).await;
    assert_eq!((back.body["status"].as_str(), back.body["return_reason"].as_str()), (Some("returned"), Some("视同缴费年限缺招工审批表")), "{}", back.body);

    // The resident sees it returned, with the reason, and nothing paid.
    let (_, mut me) = staff(&state, "resident", &id, "13900139061").await;
    let mine = me.call(&state, Method::GET, "/api/pension", None).await;
    assert_eq!((mine.status, mine.body["claim"]["status"].as_str(), mine.body["payments"].as_array().map(Vec::len)), (StatusCode::OK, Some("returned"), Some(0)), "{}", mine.body);

    // Filed again (a returned claim is not live); approved by the other supervisor: every month
    // from the month after retirement through this one is paid at once.
    let again = o.call(&state, Method::POST, &path, Some(ask(statutory, 186))).await;
    assert_eq!(again.status, StatusCode::CREATED, "{}", again.body);
    let second = again.body["id"].as_i64().unwrap();
    let monthly = again.body["monthly"].as_i64().unwrap();
    let done = a.call(&state, Method::POST, &format!("/api/office/pension-claims/{second}/decision"), Some(json!({"approve": true}))).await;
    assert_eq!((done.status, done.body["status"].as_str(), done.body["decided_by"].as_i64()), (StatusCode::OK, Some("applied"), Some(s1)), "{}", done.body);
    let now = Month::parse(&this_month()).unwrap();
    assert_eq!(done.body["paid_through"].as_str(), Some(this_month().as_str()));
    let due = usize::try_from(now.index() - statutory.index()).unwrap();
    let mine = me.call(&state, Method::GET, "/api/pension", None).await.body;
    let paid = mine["payments"].as_array().unwrap();
    assert_eq!((mine["claim"]["status"].as_str(), paid.len()), (Some("applied"), due), "{mine}");
    assert_eq!((paid[0]["month"].as_str(), paid[0]["amount"].as_i64()), (Some(this_month().as_str()), Some(monthly)), "newest first: {mine}");
    assert_eq!(paid.last().unwrap()["month"].as_str(), Some(statutory.next().to_string().as_str()));
    let again = a.call(&state, Method::POST, &format!("/api/office/pension-claims/{second}/decision"), Some(json!({"approve": true}))).await;
    assert_eq!((again.status, again.body["code"].as_str()), (StatusCode::CONFLICT, Some("pension.claim_decided")));

    // The approval is the first certification: certified until a year from today.
    assert_eq!(done.body["certified_on"].as_str(), Some(today.iso().as_str()));
    let policy = app::domain::pension::PensionPolicy::from_json(server::state::SHIPPED_POLICY).unwrap().certification;
    let until = app::domain::pension::certification::due(today, &policy);
    assert_eq!((mine["claim"]["certification"].as_str(), mine["claim"]["certification_date"].as_str()), (Some("certified"), Some(until.iso().as_str())), "{mine}");

    // A new month is paid once, however often the run comes.
    let pay = |through: Month, at: i64| {
        let store = store.clone();
        let policy = policy.clone();
        async move { server::pensions::payroll::pay_due(store.as_ref(), &policy, through, at).await.unwrap() }
    };
    let next = now.next();
    assert_eq!(pay(next, 7).await, 1);
    assert_eq!(pay(next, 8).await, 0);
    assert_eq!(me.call(&state, Method::GET, "/api/pension", None).await.body["payments"][0]["month"].as_str(), Some(next.to_string().as_str()));
    // Without a new certification the run stops at the month the grace after the due date ends
    // in (暂停发放); a certification later pays the months skipped (补发).
    let covered = app::domain::pension::certification::covered_through(today, &policy);
    let far = Month::from_index(covered.index() + 3).unwrap();
    assert_eq!(pay(far, 9).await, u64::try_from(covered.index() - next.index()).unwrap());
    assert_eq!(pay(far, 10).await, 0, "suspended");
    let late = app::domain::Date::new(far.year, far.month, 1).unwrap();
    assert!(store.certify(second, late, "counter", None, &entry, 11).await.unwrap());
    assert_eq!(pay(far, 12).await, 3, "the three months skipped");
    // At the counter: a claim not approved cannot be certified; an approved one can, audited
    // (an earlier day than the latest kept leaves the latest).
    let refused = o.call(&state, Method::POST, &format!("/api/office/pension-claims/{first}/certifications"), None).await;
    assert_eq!((refused.status, refused.body["code"].as_str()), (StatusCode::CONFLICT, Some("pension.not_paying")), "{}", refused.body);
    let counter = o.call(&state, Method::POST, &format!("/api/office/pension-claims/{second}/certifications"), None).await;
    assert_eq!((counter.status, counter.body["certified_on"].as_str()), (StatusCode::OK, Some(late.iso().as_str())), "{}", counter.body);

    // Someone the ledger does not hold gets the same empty answer as someone with no claim.
    let (_, mut stranger) = staff(&state, "resident", &common::id_number(9), "13900139009").await;
    let none = stranger.call(&state, Method::GET, "/api/pension", None).await;
    assert_eq!((none.status, none.body["claim"].is_null(), none.body["payments"].as_array().map(Vec::len)), (StatusCode::OK, true, Some(0)), "{}", none.body);
    // The person's claims, both; the audit log has each step.
    let page = o.call(&state, Method::GET, &path, None).await;
    let statuses: Vec<&str> = page.body.as_array().unwrap().iter().map(|c| c["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["applied", "returned"], "{}", page.body);
    let log: Vec<(String, Option<String>)> = state.store.audit_recent(100).await.unwrap().into_iter().map(|r| (r.entry.action, r.entry.target)).collect();
    for action in ["pension.claim_submit", "pension.claim_approve", "pension.claim_return", "pension.certify"] {
        assert!(log.iter().any(|(a, t)| a == action && t.as_deref().is_some_and(|t| t.starts_with("pension_claim:"))), "{action}: {log:?}");
    }
}
both_stores!(pension_claim, a_pension_claim_is_computed_decided_under_four_eyes_and_paid);
