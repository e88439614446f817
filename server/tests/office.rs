//! The back office on SQLite and PostgreSQL, through the router: 业务查询 finds a person by ID
//! number or name with the ID number masked, and audits each look and each reveal (with a
//! quota); a payment file waits for four eyes — checked at once, kept as pending, imported only
//! when a supervisor other than the submitter confirms it, or returned with a reason; and so
//! does a base adjustment.

mod common;

use std::sync::Arc;

use app::api::sync::{FilingKind, Outcome};
use app::domain::ledger::Month;
use axum::http::{Method, StatusCode};
use common::browser::staff;
use common::{batch, client_id, credit_code, enrolment, id_number, item, state_over, this_month, unit};
use serde_json::json;
use server::ledger::{self, monthly};
use server::{intake, Store};

/// A ledger with person 1 enrolled in unit 1 (pension and medical, this month), assessed.
async fn ledger_with_one_person(store: Arc<dyn Store>) -> (server::AppState, i64) {
    let mut state = state_over(store);
    state.dev = true;
    let worker = common::field_worker(&state).await;
    let code = credit_code(1);
    unit(&state, &code).await;
    let e = enrolment(&id_number(1));
    let out = intake::ingest_as(&state.cx(), batch(vec![item(&client_id(), FilingKind::Enrolment, &serde_json::to_string(&e).unwrap())]), Some(&worker))
        .await
        .unwrap();
    assert!(matches!(out.results[0].outcome(), Outcome::Accepted { .. }), "{:?}", out.results[0].outcome());
    assert_eq!(common::approve_all(&state).await, 1);
    let cx: ledger::Cx = state.cx();
    let run = monthly::assess(&cx, Month::parse(&this_month()).unwrap(), None, None).await.unwrap();
    (state, run.employer + run.individual)
}

async fn actions(state: &server::AppState) -> Vec<(String, Option<i64>, Option<String>)> {
    state.store.audit_recent(100).await.unwrap().into_iter().map(|r| (r.entry.action, r.entry.actor, r.entry.target)).collect()
}

async fn a_person_is_found_masked_and_each_reveal_is_audited(store: Arc<dyn Store>) {
    let (state, _) = ledger_with_one_person(store).await;
    let (operator, mut o) = staff(&state, "operator", &id_number(50), "13700000050").await;
    let id = id_number(1);
    let masked = format!("{}**********{}", &id[..4], &id[14..]);
    // By ID number, and by name: masked.
    let by_id = o.call(&state, Method::GET, &format!("/api/office/find?q={id}"), None).await;
    assert_eq!(by_id.status, StatusCode::OK, "{}", by_id.body);
    assert_eq!((by_id.body["persons"].as_array().unwrap().len(), by_id.body["units"].as_array().unwrap().len()), (1, 0));
    assert_eq!(by_id.body["persons"][0]["id_masked"], masked.as_str());
    assert!(!by_id.body.to_string().contains(&id), "never the whole number");
    let person = by_id.body["persons"][0]["person"].as_i64().unwrap();
    let by_name = o.call(&state, Method::GET, "/api/office/find?q=%E7%8E%8B%E5%B0%8F%E6%98%8E", None).await;
    assert_eq!(by_name.body["persons"][0]["person"], person, "{}", by_name.body);
    // Only a whole name finds a person.
    let part = o.call(&state, Method::GET, "/api/office/find?q=%E7%8E%8B%E5%B0%8F", None).await;
    assert_eq!(part.body["persons"].as_array().map(Vec::len), Some(0), "{}", part.body);
    // Someone the ledger does not hold: no hits. An empty query: told what to type.
    let none = o.call(&state, Method::GET, &format!("/api/office/find?q={}", id_number(2)), None).await;
    assert_eq!((none.status, none.body["persons"].as_array().map(Vec::len)), (StatusCode::OK, Some(0)));
    let bad = o.call(&state, Method::GET, "/api/office/find?q=", None).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert_eq!(bad.body["fields"]["errors"]["q"][0]["code"], "office.query");
    // A unit by its credit code, or by part of its name (LIKE's wildcards are taken literally).
    let by_code = o.call(&state, Method::GET, &format!("/api/office/find?q={}", credit_code(1)), None).await;
    let unit = by_code.body["units"][0]["unit"].as_i64().expect("the unit");
    let by_part = o.call(&state, Method::GET, "/api/office/find?q=%E6%B5%8B%E8%AF%95%E5%8D%95%E4%BD%8D", None).await;
    assert_eq!(by_part.body["units"][0]["unit"], unit, "{}", by_part.body);
    let wild = o.call(&state, Method::GET, "/api/office/find?q=%25", None).await;
    assert_eq!(wild.body["units"].as_array().map(Vec::len), Some(0), "{}", wild.body);
    let page = o.call(&state, Method::GET, &format!("/api/office/units/{unit}"), None).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(page.body["roster"]["people"][0]["id_number"], masked.as_str());
    assert!(page.body["statement"]["due"].as_i64().unwrap() > 0, "{}", page.body);
    // 信息变更: the industry class, 1 to 8, kept with before and after.
    let class = format!("/api/office/units/{unit}/class");
    let nine = o.call(&state, Method::POST, &class, Some(json!({"industry_class": 9}))).await;
    assert_eq!(nine.body["fields"]["errors"]["industry_class"][0]["code"], "unit.industry_class", "{}", nine.body);
    assert_eq!(o.call(&state, Method::POST, &class, Some(json!({"industry_class": 3}))).await.status, StatusCode::NO_CONTENT);
    let page = o.call(&state, Method::GET, &format!("/api/office/units/{unit}"), None).await;
    assert_eq!(page.body["industry_class"], 3);
    assert!(actions(&state).await.iter().any(|(a, _, t)| a == "office.unit_class" && t.as_deref() == Some(&*format!("unit:{unit}"))));
    // The page: relationships and this month's contributions, masked.
    let page = o.call(&state, Method::GET, &format!("/api/office/persons/{person}"), None).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(page.body["id_masked"], masked.as_str());
    assert_eq!(page.body["records"]["relationships"].as_array().unwrap().len(), 2, "{}", page.body);
    assert_eq!(page.body["records"]["months"].as_array().unwrap().len(), 2, "{}", page.body);
    assert!(!page.body.to_string().contains(&id));
    let missing = o.call(&state, Method::GET, "/api/office/persons/999999", None).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    // The reveal: the whole number, audited with who and whom.
    let shown = o.call(&state, Method::POST, &format!("/api/office/persons/{person}/reveal"), None).await;
    assert_eq!((shown.status, shown.body["id_number"].as_str()), (StatusCode::OK, Some(id.as_str())), "{}", shown.body);
    let log = actions(&state).await;
    let target = Some(format!("person:{person}"));
    assert!(log.contains(&("office.person_reveal".into(), Some(operator), target.clone())), "{log:?}");
    assert!(log.contains(&("office.person_view".into(), Some(operator), target)), "{log:?}");
    assert!(log.iter().any(|(a, actor, _)| a == "office.find" && *actor == Some(operator)));
    // Reveals have an hourly quota per account.
    for _ in 1..server::office::persons::REVEALS_PER_HOUR {
        assert_eq!(o.call(&state, Method::POST, &format!("/api/office/persons/{person}/reveal"), None).await.status, StatusCode::OK);
    }
    let over = o.call(&state, Method::POST, &format!("/api/office/persons/{person}/reveal"), None).await;
    assert_eq!((over.status, over.body["code"].as_str()), (StatusCode::TOO_MANY_REQUESTS, Some("quota")));
}
both_stores!(person_lookup, a_person_is_found_masked_and_each_reveal_is_audited);

fn file(m: &str, due: i64, reference: &str) -> serde_json::Value {
    let today = app::domain::Date::china_from_unix_ms(server::store::now_ms()).iso();
    let content = format!("credit_code,month,amount,reference,paid_on\n{},{m},{}.{:02},{reference},{today}\n", credit_code(1), due / 100, due % 100);
    json!({"file_name": "2026年12月到账.csv", "content": content})
}

async fn a_payment_file_moves_money_only_under_four_eyes(store: Arc<dyn Store>) {
    let (state, due) = ledger_with_one_person(store.clone()).await;
    let (_, mut o) = staff(&state, "operator", &id_number(50), "13700000050").await;
    let (s1, mut a) = staff(&state, "supervisor", &id_number(51), "13700000051").await;
    let (s2, mut b) = staff(&state, "supervisor", &id_number(52), "13700000052").await;
    let m = this_month();
    // A bad file: every bad line, nothing kept.
    let mut bad = file(&m, due, "REF-1");
    let today = app::domain::Date::china_from_unix_ms(server::store::now_ms()).iso();
    let extra = format!("{},{m},10.00,REF-8,{today}\n{},{m},12.345,REF-9,{today}\n", credit_code(7), credit_code(1));
    bad["content"] = json!(format!("{}{extra}", bad["content"].as_str().unwrap()));
    let refused = o.call(&state, Method::POST, "/api/office/payments", Some(bad)).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    assert_eq!(refused.body["code"], "payment.file_refused", "{}", refused.body);
    let lines = refused.body["fields"]["errors"]["content"].as_array().unwrap();
    assert!(lines.len() == 2 && lines[0]["zh"].as_str().unwrap().starts_with("第 3 行"), "{}", refused.body);
    assert_eq!(o.call(&state, Method::GET, "/api/office/payments", None).await.body.as_array().unwrap().len(), 0);
    // A good one is kept as pending: nothing paid yet.
    let kept = o.call(&state, Method::POST, "/api/office/payments", Some(file(&m, due, "REF-1"))).await;
    assert_eq!(kept.status, StatusCode::CREATED, "{}", kept.body);
    assert_eq!((kept.body["status"].as_str(), kept.body["rows"].as_i64(), kept.body["total"].as_i64()), (Some("pending"), Some(1), Some(due)));
    let first = kept.body["id"].as_i64().unwrap();
    assert_eq!(store.payments_total().await.unwrap(), 0);
    // An operator cannot confirm; a supervisor other than the submitter can, once.
    let decision = format!("/api/office/payments/{first}/decision");
    assert_eq!(o.call(&state, Method::POST, &decision, Some(json!({"approve": true}))).await.status, StatusCode::FORBIDDEN);
    let done = a.call(&state, Method::POST, &decision, Some(json!({"approve": true}))).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert_eq!((done.body["status"].as_str(), done.body["taken"].as_i64(), done.body["decided_by"].as_i64()), (Some("applied"), Some(1), Some(s1)));
    assert_eq!(store.payments_total().await.unwrap(), due);
    let again = b.call(&state, Method::POST, &decision, Some(json!({"approve": true}))).await;
    assert_eq!((again.status, again.body["code"].as_str()), (StatusCode::CONFLICT, Some("payment_batch.decided")));
    assert_eq!(store.payments_total().await.unwrap(), due, "nothing counted twice");
    // A supervisor's own file: refused to them, by the handler and by the database.
    let own = a.call(&state, Method::POST, "/api/office/payments", Some(file(&m, 100, "REF-2"))).await;
    assert_eq!(own.status, StatusCode::CREATED, "{}", own.body);
    let second = own.body["id"].as_i64().unwrap();
    let decision = format!("/api/office/payments/{second}/decision");
    let same = a.call(&state, Method::POST, &decision, Some(json!({"approve": true}))).await;
    assert_eq!((same.status, same.body["code"].as_str()), (StatusCode::FORBIDDEN, Some("four_eyes")));
    let entry = server::store::AuditEntry { action: "test".into(), ..Default::default() };
    let returned = server::office::batch_store::Decided::Returned { reason: "x".into() };
    assert!(!store.batch_decide(second, s1, &returned, &entry, 5).await.unwrap(), "the store refuses the submitter too");
    // Returning takes a reason; returned, nothing is imported.
    let empty = b.call(&state, Method::POST, &decision, Some(json!({"approve": false, "reason": " "}))).await;
    assert_eq!(empty.body["fields"]["errors"]["reason"][0]["code"], "decision.reason", "{}", empty.body);
    let back = b.call(&state, Method::POST, &decision, Some(json!({"approve": false, "reason": "金额与银行回单不符"}))).await;
    assert_eq!((back.body["status"].as_str(), back.body["decided_by"].as_i64()), (Some("returned"), Some(s2)), "{}", back.body);
    assert_eq!(back.body["reason"], "金额与银行回单不符");
    assert_eq!(store.payments_total().await.unwrap(), due);
    let list = o.call(&state, Method::GET, "/api/office/payments", None).await;
    assert_eq!(list.body.as_array().unwrap().iter().map(|b| b["status"].as_str().unwrap()).collect::<Vec<_>>(), ["returned", "applied"]);
    // Each file prints its voucher for staff: the applied one with its unit's row, sum, both
    // members of staff and what it took; the returned one as returned, with the reason. Not
    // for anyone else, and each print is audited.
    let printed = o.call(&state, Method::GET, &format!("/voucher/payment/{first}"), None).await;
    assert_eq!(printed.status, StatusCode::OK);
    let yuan = app::domain::Fen(due).yuan();
    for part in [format!("PAY-{first:08}"), "已复核并生效".into(), format!("<td>{}</td><td>1</td><td>{yuan}</td>", credit_code(1)), format!("工号 Staff #{s1}"), "新入账 1 笔".into()] {
        assert!(printed.text.contains(&part), "{part}: {}", printed.text);
    }
    let printed = o.call(&state, Method::GET, &format!("/voucher/payment/{second}"), None).await;
    assert!(printed.text.contains("已退回，未生效") && printed.text.contains("金额与银行回单不符") && !printed.text.contains("新入账"), "{}", printed.text);
    assert_eq!(o.call(&state, Method::GET, "/voucher/payment/999999", None).await.status, StatusCode::NOT_FOUND);
    let mut anonymous = common::browser::Browser::default();
    assert_ne!(anonymous.call(&state, Method::GET, &format!("/voucher/payment/{first}"), None).await.status, StatusCode::OK, "anonymous");
    let (_, mut resident) = staff(&state, "resident", &id_number(53), "13700000053").await;
    assert_eq!(resident.call(&state, Method::GET, &format!("/voucher/payment/{first}"), None).await.status, StatusCode::FORBIDDEN, "a resident");
    let log = actions(&state).await;
    for action in ["office.payments_submit", "office.payments_confirm", "office.payments_return", "office.voucher_print"] {
        assert!(log.iter().any(|(a, _, t)| a == action && t.as_deref().is_some_and(|t| t.starts_with("payment_batch:"))), "{action}: {log:?}");
    }
}
both_stores!(payment_four_eyes, a_payment_file_moves_money_only_under_four_eyes);

/// 基数调整 under four eyes: checked by the shared rules, the person's units and the year's
/// limits; kept pending with the base it replaces; set only when a supervisor other than the
/// proposer confirms it — and then the months already assessed get their difference as 补差 —
/// or returned with a reason, leaving the ledger as it was.
async fn a_base_adjustment_moves_money_only_under_four_eyes(store: Arc<dyn Store>) {
    let (state, _) = ledger_with_one_person(store.clone()).await;
    let (operator, mut o) = staff(&state, "operator", &id_number(50), "13700000050").await;
    let (s1, mut a) = staff(&state, "supervisor", &id_number(51), "13700000051").await;
    let found = o.call(&state, Method::GET, &format!("/api/office/find?q={}", id_number(1)), None).await;
    let person = found.body["persons"][0]["person"].as_i64().unwrap();
    let page = o.call(&state, Method::GET, &format!("/api/office/persons/{person}"), None).await;
    let unit = page.body["units"][0]["unit"].as_i64().unwrap();
    assert_eq!((page.body["units"].as_array().map(Vec::len), page.body["adjustments"].as_array().map(Vec::len)), (Some(1), Some(0)), "{}", page.body);
    let path = format!("/api/office/persons/{person}/adjustments");
    let year = this_month()[..4].to_owned();
    // Every field by its rule; a unit the person was never insured by; a base beyond the limits.
    let bad = o.call(&state, Method::POST, &path, Some(json!({"unit": "", "year": "2999", "monthly_base": "6000.001", "reason": " "}))).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    let codes = |b: &serde_json::Value, f: &str| b["fields"]["errors"][f][0]["code"].as_str().map(str::to_owned);
    assert_eq!(codes(&bad.body, "unit").as_deref(), Some("adjust.unit"));
    assert_eq!(codes(&bad.body, "year").as_deref(), Some("adjust.year"));
    assert_eq!(codes(&bad.body, "monthly_base").as_deref(), Some("money.format"));
    assert_eq!(codes(&bad.body, "reason").as_deref(), Some("adjust.reason"));
    let ask = |unit: i64, base: &str| json!({"unit": unit.to_string(), "year": year, "monthly_base": base, "reason": "申报时录错，按工资表更正"});
    let elsewhere = o.call(&state, Method::POST, &path, Some(ask(unit + 100, "7000"))).await;
    assert_eq!(codes(&elsewhere.body, "unit").as_deref(), Some("adjust.not_insured_there"), "{}", elsewhere.body);
    let beyond = o.call(&state, Method::POST, &path, Some(ask(unit, "1"))).await;
    assert_eq!(codes(&beyond.body, "monthly_base").as_deref(), Some("base.out_of_range"), "{}", beyond.body);
    assert_eq!(o.call(&state, Method::GET, "/api/office/adjustments", None).await.body.as_array().map(Vec::len), Some(0), "nothing kept");
    // Kept pending, with the base it replaces: nothing moves yet.
    let kept = o.call(&state, Method::POST, &path, Some(ask(unit, "7000"))).await;
    assert_eq!(kept.status, StatusCode::CREATED, "{}", kept.body);
    assert_eq!((kept.body["status"].as_str(), kept.body["previous"].as_i64(), kept.body["monthly_base"].as_i64()), (Some("pending"), Some(600_000), Some(700_000)));
    let first = kept.body["id"].as_i64().unwrap();
    let cx: ledger::Cx = state.cx();
    let month = Month::parse(&this_month()).unwrap();
    assert_eq!(monthly::assess(&cx, month, None, None).await.unwrap().adjustments, 0, "a pending adjustment changes nothing");
    // The operator cannot decide; the proposer cannot either, by the handler and by the store.
    let decision = format!("/api/office/adjustments/{first}/decision");
    assert_eq!(o.call(&state, Method::POST, &decision, Some(json!({"approve": true}))).await.status, StatusCode::FORBIDDEN);
    let entry = server::store::AuditEntry { action: "test".into(), ..Default::default() };
    assert!(!store.adjust_decide(first, operator, None, &entry, 5).await.unwrap(), "the store refuses the proposer");
    // A supervisor other than the proposer confirms: the base is set, and the month already
    // assessed gets its difference as 补差 (Δ 1,000 yuan × the rates) at the next run.
    let done = a.call(&state, Method::POST, &decision, Some(json!({"approve": true}))).await;
    assert_eq!((done.status, done.body["status"].as_str(), done.body["decided_by"].as_i64()), (StatusCode::OK, Some("applied"), Some(s1)), "{}", done.body);
    let run = monthly::assess(&cx, month, None, None).await.unwrap();
    assert!(run.adjustments >= 1 && run.employer > 0 && run.individual > 0, "{run:?}");
    let again = a.call(&state, Method::POST, &decision, Some(json!({"approve": true}))).await;
    assert_eq!((again.status, again.body["code"].as_str()), (StatusCode::CONFLICT, Some("adjustment.decided")));
    // A supervisor's own adjustment is refused to them; returned by another, nothing moves.
    let own = a.call(&state, Method::POST, &path, Some(ask(unit, "8000"))).await;
    assert_eq!((own.status, own.body["previous"].as_i64()), (StatusCode::CREATED, Some(700_000)), "{}", own.body);
    let decision = format!("/api/office/adjustments/{}/decision", own.body["id"].as_i64().unwrap());
    let same = a.call(&state, Method::POST, &decision, Some(json!({"approve": true}))).await;
    assert_eq!((same.status, same.body["code"].as_str()), (StatusCode::FORBIDDEN, Some("four_eyes")));
    let (_, mut b) = staff(&state, "supervisor", &id_number(52), "13700000052").await;
    let empty = b.call(&state, Method::POST, &decision, Some(json!({"approve": false, "reason": ""}))).await;
    assert_eq!(codes(&empty.body, "reason").as_deref(), Some("decision.reason"), "{}", empty.body);
    let back = b.call(&state, Method::POST, &decision, Some(json!({"approve": false, "reason": "无工资表佐证"}))).await;
    assert_eq!((back.body["status"].as_str(), back.body["return_reason"].as_str()), (Some("returned"), Some("无工资表佐证")), "{}", back.body);
    assert_eq!(monthly::assess(&cx, month, None, None).await.unwrap().adjustments, 0, "a returned adjustment moved nothing");
    // The person's page lists both, newest first; the audit log has each step.
    let page = o.call(&state, Method::GET, &format!("/api/office/persons/{person}"), None).await;
    let statuses: Vec<&str> = page.body["adjustments"].as_array().unwrap().iter().map(|a| a["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["returned", "applied"], "{}", page.body);
    // Each prints its voucher: before and after, the reason, who proposed and who confirmed.
    let printed = o.call(&state, Method::GET, &format!("/voucher/adjustment/{first}"), None).await;
    assert_eq!(printed.status, StatusCode::OK);
    for part in [format!("ADJ-{first:08}"), "6,000.00 元/月".into(), "7,000.00 元/月".into(), "申报时录错，按工资表更正".into(), format!("工号 Staff #{operator}"), format!("工号 Staff #{s1}"), "已复核并生效".into()] {
        assert!(printed.text.contains(&part), "{part}: {}", printed.text);
    }
    let log = actions(&state).await;
    assert!(log.iter().any(|(a, _, t)| a == "office.voucher_print" && t.as_deref() == Some(&format!("base_adjustment:{first}"))), "{log:?}");
    for action in ["office.adjust_submit", "office.adjust_confirm", "office.adjust_return"] {
        assert!(log.iter().any(|(a, _, t)| a == action && t.as_deref().is_some_and(|t| t.starts_with("base_adjustment:"))), "{action}: {log:?}");
    }
}
both_stores!(base_adjustment_four_eyes, a_base_adjustment_moves_money_only_under_four_eyes);

/// 养老待遇测算: the retirement window under the 2025 reform from the ID number (a man born
/// 1990-03: 63, so 2053-03, from 2050-03 to 2056-03, 20 years' minimum in 2053), the months the
/// ledger holds as paid, the account part; a month outside the window says so. Audited.
async fn a_pension_estimate_follows_the_reform_and_the_ledger(store: Arc<dyn Store>) {
    let (state, due) = ledger_with_one_person(store.clone()).await;
    let (_, mut o) = staff(&state, "operator", &id_number(50), "13700000050").await;
    let found = o.call(&state, Method::GET, &format!("/api/office/find?q={}", id_number(1)), None).await;
    let person = found.body["persons"][0]["person"].as_i64().unwrap();
    let path = format!("/api/office/persons/{person}/pension");
    let before = o.call(&state, Method::GET, &path, None).await;
    assert_eq!(before.status, StatusCode::OK, "{}", before.body);
    let b = &before.body;
    assert_eq!((b["category"].as_str(), b["birth"].as_str(), b["statutory_age"].as_u64()), (Some("male"), Some("1990-03"), Some(63 * 12)), "{b}");
    assert_eq!((b["statutory"].as_str(), b["earliest"].as_str(), b["latest"].as_str(), b["retire_in"].as_str()), (Some("2053-03"), Some("2050-03"), Some("2056-03"), Some("2053-03")));
    assert_eq!((b["minimum_months"].as_u64(), b["contributed_months"].as_u64()), (Some(240), Some(0)));
    assert_eq!(b["issue"]["code"], "pension.too_few_months", "{b}");
    // The month is paid: one month counts, the account is credited, and its part is 1/139 of it.
    let cx: ledger::Cx = state.cx();
    let today = app::domain::Date::china_from_unix_ms(server::store::now_ms());
    let csv = format!("credit_code,month,amount,reference,paid_on\n{},{},{}.{:02},REF-P,{}\n", credit_code(1), this_month(), due / 100, due % 100, today.iso());
    assert!(matches!(ledger::payments::import(cx.store.as_ref(), csv.as_bytes(), today, None, server::store::now_ms()).await.unwrap(), ledger::payments::Report::Imported(_)));
    let after = o.call(&state, Method::GET, &path, None).await.body;
    assert_eq!(after["contributed_months"].as_u64(), Some(1), "{after}");
    let balance = after["balance"].as_i64().unwrap();
    assert!(balance > 0, "{after}");
    assert_eq!(after["account_pension"].as_i64(), Some((balance * 10 * 2 + 1170) / (1170 * 2)), "at 63: 117 months: {after}");
    assert!(after["working"].as_array().unwrap().iter().any(|l| l["zh"].as_str().unwrap().contains("63周岁")), "{after}");
    // Outside the window; a category for a man changes nothing.
    let early = o.call(&state, Method::GET, &format!("{path}?retire_in=2049-12&category=female_55"), None).await.body;
    assert_eq!((early["issue"]["code"].as_str(), early["category"].as_str()), (Some("pension.outside_window"), Some("male")), "{early}");
    assert_eq!(o.call(&state, Method::GET, &format!("{path}?retire_in=2049-13"), None).await.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(actions(&state).await.iter().any(|(a, _, t)| a == "office.pension_estimate" && t.as_deref() == Some(&format!("person:{person}"))));
}
both_stores!(pension_estimate, a_pension_estimate_follows_the_reform_and_the_ledger);

/// 信息变更 of a person's cards: the shared rules refuse a wrong check digit; a good number is
/// kept sealed, shown masked, and each change is in the history and the audit log without it.
async fn a_persons_cards_change_checked_sealed_and_kept_with_history(store: Arc<dyn Store>) {
    let (state, _) = ledger_with_one_person(store.clone()).await;
    let (operator, mut o) = staff(&state, "operator", &id_number(50), "13700000050").await;
    let found = o.call(&state, Method::GET, &format!("/api/office/find?q={}", id_number(1)), None).await;
    let person = found.body["persons"][0]["person"].as_i64().unwrap();
    let path = format!("/api/office/persons/{person}/details");
    let wrong = o.call(&state, Method::POST, &path, Some(json!({"bank_card": "6222020200112233447", "ssc_number": "A1234", "mobile": "1390013"}))).await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(wrong.body["fields"]["errors"]["bank_card"][0]["code"], "bank_card.check", "{}", wrong.body);
    assert_eq!(wrong.body["fields"]["errors"]["ssc_number"][0]["code"], "ssc_number.format", "{}", wrong.body);
    assert!(wrong.body["fields"]["errors"]["mobile"][0]["code"].is_string(), "{}", wrong.body);
    let page = o.call(&state, Method::GET, &format!("/api/office/persons/{person}"), None).await;
    assert_eq!(page.body["details"]["changes"].as_array().map(Vec::len), Some(0), "nothing half-stored");
    let ok = o.call(&state, Method::POST, &path, Some(json!({"bank_card": "6222 0202 0011 2233 446", "ssc_number": "a12345678"}))).await;
    assert_eq!(ok.status, StatusCode::NO_CONTENT, "{}", ok.body);
    let again = o.call(&state, Method::POST, &path, Some(json!({"bank_card": "6222020200112233453"}))).await;
    assert_eq!(again.status, StatusCode::NO_CONTENT, "{}", again.body);
    let page = o.call(&state, Method::GET, &format!("/api/office/persons/{person}"), None).await;
    let d = &page.body["details"];
    assert_eq!((d["bank_card"].as_str(), d["ssc_number"].as_str()), (Some("622202*********3453"), Some("A******78")), "{}", page.body);
    let fields: Vec<&str> = d["changes"].as_array().unwrap().iter().map(|c| c["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["bank_card", "ssc_number", "bank_card"], "newest first");
    assert_eq!(d["changes"][0]["by"], operator);
    let stored = store.details_get(person).await.unwrap();
    let sealed = stored.get(server::office::details_store::DetailField::BankCard).unwrap();
    assert!(!sealed.windows(6).any(|w| w == b"622202"), "sealed at rest");
    let log = state.store.audit_recent(100).await.unwrap();
    let changes: Vec<_> = log.iter().filter(|r| r.entry.action == "office.person_change").collect();
    assert_eq!(changes.len(), 3);
    assert!(changes.iter().all(|r| !r.entry.detail.as_deref().unwrap_or("").contains("6222")), "no card number in the audit log");
}
both_stores!(person_details, a_persons_cards_change_checked_sealed_and_kept_with_history);

/// 信息变更 of a person's name, mobile and addresses: a name is corrected only to the name the
/// registry holds for the ID number (never to any other, never to the same); the mobile and the
/// addresses are kept sealed, shown masked or in full, each change in the history; a refused
/// change leaves everything as it was, also the fields sent with it.
async fn a_persons_name_is_corrected_only_to_the_registrys_and_contacts_are_kept(store: Arc<dyn Store>) {
    let (state, _) = ledger_with_one_person(store.clone()).await;
    let (_, mut o) = staff(&state, "operator", &id_number(50), "13700000050").await;
    let found = o.call(&state, Method::GET, &format!("/api/office/find?q={}", id_number(1)), None).await;
    let person = found.body["persons"][0]["person"].as_i64().unwrap();
    let path = format!("/api/office/persons/{person}/details");
    let page_path = format!("/api/office/persons/{person}");
    // The registry does not know the person yet: no correction at all.
    let unknown = o.call(&state, Method::POST, &path, Some(json!({"name": "王晓明", "mobile": "13900139000"}))).await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", unknown.body);
    assert_eq!(unknown.body["fields"]["errors"]["name"][0]["code"], "person.name_not_registered", "{}", unknown.body);
    // The registry holds 王晓明 (the enrolment typed 王小明).
    let id = app::domain::IdNumber::parse(&id_number(1), app::domain::Date::new(2026, 1, 1).unwrap()).unwrap().value;
    let registered = server::registry::person(&state.vault, &id, &app::domain::PersonName::parse("王晓明").unwrap().value, "insured", None);
    store.registry_put(&[registered], 1).await.unwrap();
    let other = o.call(&state, Method::POST, &path, Some(json!({"name": "王大明", "mobile": "13900139000"}))).await;
    assert_eq!(other.body["fields"]["errors"]["name"][0]["code"], "person.name_not_registered", "{}", other.body);
    let same = o.call(&state, Method::POST, &path, Some(json!({"name": "王小明"}))).await;
    assert_eq!(same.body["fields"]["errors"]["name"][0]["code"], "person.name_same", "{}", same.body);
    let page = o.call(&state, Method::GET, &page_path, None).await;
    assert_eq!((page.body["name"].as_str(), page.body["details"]["mobile"].as_str()), (Some("王小明"), None), "nothing half-stored: {}", page.body);
    let ok = o
        .call(&state, Method::POST, &path, Some(json!({"name": "王晓明", "mobile": "139 0013 9000", "contact_division": "320102", "contact_detail": "北京东路 2 号"})))
        .await;
    assert_eq!(ok.status, StatusCode::NO_CONTENT, "{}", ok.body);
    let page = o.call(&state, Method::GET, &page_path, None).await;
    let d = &page.body["details"];
    assert_eq!(page.body["name"], "王晓明", "the ledger's name is corrected");
    assert_eq!(d["mobile"], "139****9000");
    assert_eq!(d["contact_address"], "江苏省南京市玄武区北京东路 2 号");
    assert!(d["household_address"].is_null());
    let mut fields: Vec<&str> = d["changes"].as_array().unwrap().iter().map(|c| c["field"].as_str().unwrap()).collect();
    fields.sort_unstable();
    assert_eq!(fields, ["contact_address", "mobile", "name"]);
    let found = o.call(&state, Method::GET, &format!("/api/office/find?q={}", "王晓明"), None).await;
    assert_eq!(found.body["persons"][0]["person"].as_i64(), Some(person), "found by the corrected name: {}", found.body);
    let stored = store.details_get(person).await.unwrap();
    let mobile = stored.get(server::office::details_store::DetailField::Mobile).unwrap();
    assert!(!mobile.windows(4).any(|w| w == b"9000"), "sealed at rest");
    let log = state.store.audit_recent(100).await.unwrap();
    let details: Vec<&str> = log.iter().filter(|r| r.entry.action == "office.person_change").filter_map(|r| r.entry.detail.as_deref()).collect();
    assert_eq!(details.len(), 3, "{details:?}");
    assert!(details.iter().all(|d| !d.contains("王") && !d.contains("139")), "no value in the audit log: {details:?}");
}
both_stores!(person_names, a_persons_name_is_corrected_only_to_the_registrys_and_contacts_are_kept);

/// Files a 个人信息变更 as `b`: its client id and the sync's result.
async fn file_change(state: &server::AppState, b: &mut common::browser::Browser, draft: &serde_json::Value, version_of: Option<String>) -> (String, serde_json::Value) {
    let mut it = item(&client_id(), FilingKind::PersonChange, &draft.to_string());
    it.version_of = version_of;
    let answer = b.call(state, Method::POST, "/api/sync", Some(serde_json::to_value(batch(vec![it.clone()])).unwrap())).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    (it.client_id, answer.body["results"][0].clone())
}

/// 个人信息变更 filed from a phone: only by the person (or staff), only for someone the ledger
/// holds under that name; a case with each field's before and after; returned with a reason on
/// a field, which the person's device learns; the fix approved sets the details as the counter
/// does — sealed, in the history by the operator who approved, audited without the values.
async fn a_persons_own_change_is_a_case_returned_per_field_and_applied_on_approval(store: Arc<dyn Store>) {
    let (state, _) = ledger_with_one_person(store.clone()).await;
    let code = |r: &serde_json::Value, field: &str| r["errors"]["errors"][field][0]["code"].as_str().map(str::to_owned);
    let mine = json!({"id_number": id_number(1), "name": "王小明", "mobile": "139 0013 9002", "contact_division": "320102", "contact_detail": "北京东路 9 号"});

    // Nobody signed in (a session that ended while the phone was offline): it waits in the
    // outbox for a sign-in, it is not refused.
    let (_, r) = file_change(&state, &mut common::browser::Browser::default(), &mine, None).await;
    assert_eq!((r["status"].as_str(), r["message"]["code"].as_str()), (Some("retry"), Some("person_change.sign_in")), "{r}");
    // Someone else cannot file it; the person under another name is not found.
    let (_, mut other) = staff(&state, "resident", &id_number(3), "13900139003").await;
    let (_, r) = file_change(&state, &mut other, &mine, None).await;
    assert_eq!((r["status"].as_str(), code(&r, "id_number").as_deref()), (Some("rejected"), Some("person_change.not_self")), "{r}");
    let (_, mut me) = staff(&state, "resident", &id_number(1), "13900139001").await;
    let mut wrong = mine.clone();
    wrong["name"] = json!("王大明");
    let (_, r) = file_change(&state, &mut me, &wrong, None).await;
    assert_eq!(code(&r, "name").as_deref(), Some("person_change.no_record"), "{r}");
    let (first, r) = file_change(&state, &mut me, &mine, None).await;
    assert_eq!(r["status"], "accepted", "{r}");

    // The case: every check passed, the change as before → after (the mobile masked).
    let (operator, mut o) = staff(&state, "operator", &id_number(50), "13700000050").await;
    let q = o.call(&state, Method::GET, "/api/office/cases?kind=person_change", None).await;
    let case = q.body["items"][0]["id"].as_i64().unwrap_or_else(|| panic!("{}", q.body));
    let view = o.call(&state, Method::GET, &format!("/api/office/cases/{case}"), None).await;
    assert!(view.body["checks"].as_array().unwrap().iter().all(|c| c["issue"].is_null()), "{}", view.body);
    let effect = &view.body["effect"][0];
    assert_eq!(effect["action"], "details", "{effect}");
    let working = effect["working"].to_string();
    assert!(working.contains("手机号码：— → 139****9002") && working.contains("联系地址：— → 江苏省南京市玄武区北京东路 9 号"), "{working}");
    let person = o.call(&state, Method::GET, &format!("/api/office/find?q={}", id_number(1)), None).await.body["persons"][0]["person"].as_i64().unwrap();
    let page_path = format!("/api/office/persons/{person}");

    // Returned with a reason on the street; the device learns it, nothing is set.
    let decide = |body: serde_json::Value| (format!("/api/office/cases/{case}/decision"), body);
    let (path, body) = decide(json!({"action": "open"}));
    assert_eq!(o.call(&state, Method::POST, &path, Some(body)).await.status, StatusCode::NO_CONTENT);
    let (path, body) = decide(json!({"action": "reject", "reasons": [{"target": {"kind": "field", "name": "contact_detail"}, "code": "mismatch", "note": "门牌号与户口簿不一致"}]}));
    let returned = o.call(&state, Method::POST, &path, Some(body)).await;
    assert_eq!(returned.status, StatusCode::NO_CONTENT, "{}", returned.body);
    let told = me.call(&state, Method::POST, "/api/filings/review", Some(json!({"client_ids": [first]}))).await;
    let review = &told.body["filings"][0];
    assert_eq!((review["status"].as_str(), review["reasons"][0]["target"]["name"].as_str()), (Some("rejected"), Some("contact_detail")), "{}", told.body);
    let page = o.call(&state, Method::GET, &page_path, None).await;
    assert!(page.body["details"]["mobile"].is_null(), "a return sets nothing: {}", page.body);

    // The fix, as a version of the first; approved, it is set as the counter sets it.
    let mut fixed = mine.clone();
    fixed["contact_detail"] = json!("北京东路 19 号");
    let (_, r) = file_change(&state, &mut me, &fixed, Some(first)).await;
    assert_eq!(r["status"], "accepted", "{r}");
    let q = o.call(&state, Method::GET, "/api/office/cases?kind=person_change&status=submitted", None).await;
    let case = q.body["items"][0]["id"].as_i64().unwrap_or_else(|| panic!("{}", q.body));
    for action in ["open", "approve"] {
        let done = o.call(&state, Method::POST, &format!("/api/office/cases/{case}/decision"), Some(json!({ "action": action }))).await;
        assert_eq!(done.status, StatusCode::NO_CONTENT, "{action}: {}", done.body);
    }
    let page = o.call(&state, Method::GET, &page_path, None).await;
    let d = &page.body["details"];
    assert_eq!((d["mobile"].as_str(), d["contact_address"].as_str()), (Some("139****9002"), Some("江苏省南京市玄武区北京东路 19 号")), "{}", page.body);
    let mut fields: Vec<&str> = d["changes"].as_array().unwrap().iter().map(|c| c["field"].as_str().unwrap()).collect();
    fields.sort_unstable();
    assert_eq!(fields, ["contact_address", "mobile"]);
    assert!(d["changes"].as_array().unwrap().iter().all(|c| c["by"] == operator), "{d}");
    let stored = store.details_get(person).await.unwrap();
    assert!(!stored.get(server::office::details_store::DetailField::Mobile).unwrap().windows(4).any(|w| w == b"9002"), "sealed at rest");
    let log = state.store.audit_recent(100).await.unwrap();
    let details: Vec<&str> = log.iter().filter(|r| r.entry.action == "office.person_change").filter_map(|r| r.entry.detail.as_deref()).collect();
    assert_eq!(details.len(), 2, "{details:?}");
    assert!(details.iter().all(|d| !d.contains("139") && !d.contains("北京")), "no value in the audit log: {details:?}");
}
both_stores!(person_change, a_persons_own_change_is_a_case_returned_per_field_and_applied_on_approval);

/// A staff session ends after 30 minutes without use (each use moves the deadline on), and
/// 安全退出 ends it on the server.
#[tokio::test]
async fn a_staff_session_ends_after_30_idle_minutes_and_at_logout() {
    use server::accounts::session::{load, IDLE_MS};
    let t = common::sqlite().await;
    let state = state_over(t.store.clone());
    let now = server::store::now_ms();
    let (_, mut o) = staff(&state, "operator", &id_number(50), "13700000050").await;
    let mut headers = axum::http::HeaderMap::new();
    headers.insert("cookie", format!("sid={}", o.sid.clone().unwrap()).parse().unwrap());
    let policy = state.accounts.cookies;
    let used = now + IDLE_MS - 1;
    assert!(load(state.store.as_ref(), policy, &headers, used).await.unwrap().is_some(), "29 minutes on: still signed in (and used now)");
    assert!(load(state.store.as_ref(), policy, &headers, used + IDLE_MS - 1).await.unwrap().is_some(), "used again within 30 minutes");
    assert!(load(state.store.as_ref(), policy, &headers, used + 2 * IDLE_MS).await.unwrap().is_none(), "over 30 idle minutes: ended");
    assert_eq!(o.call(&state, Method::GET, "/api/office/payments", None).await.status, StatusCode::UNAUTHORIZED, "ended on the server");
    let (_, mut other) = staff(&state, "supervisor", &id_number(51), "13700000051").await;
    assert!(other.call(&state, Method::POST, "/api/auth/logout", None).await.status.is_success());
    assert_eq!(other.call(&state, Method::GET, "/api/office/payments", None).await.status, StatusCode::UNAUTHORIZED);
}

/// 窗口录入: an operator at the counter files a unit's enrolment with the same form and rules;
/// it becomes a case that another member of staff decides, and gets its voucher like any filing; an assisted registration by an
/// operator is recorded as assisted, with the operator as the actor.
async fn an_operator_enters_filings_at_the_counter(store: Arc<dyn Store>) {
    use app::api::auth::Role;
    let (state, _) = ledger_with_one_person(store.clone()).await;
    let operator = common::signed_in(&state, Role::Operator, None).await;
    let enrol = item(&client_id(), FilingKind::Enrolment, &serde_json::to_string(&enrolment(&id_number(2))).unwrap());
    let out = intake::ingest_as(&state.cx(), batch(vec![enrol.clone()]), Some(&operator)).await.unwrap();
    assert!(matches!(out.results[0].outcome(), Outcome::Accepted { .. }), "{:?}", out.results[0].outcome());
    let index = state.vault.blind_index("id_number", &id_number(2));
    assert!(store.open_relationships(&index).await.unwrap().is_empty(), "a case: nothing opens before the approval");
    // Four eyes: the operator who entered it cannot act on it; another member of staff can.
    let case = state.store.case_by_filing(&enrol.client_id).await.unwrap().expect("a case");
    let own = common::decide_case(&state, &operator, case.id, app::domain::review::Action::Open, Vec::new()).await;
    assert_eq!(own.status(), StatusCode::CONFLICT);
    assert!(common::body_text(own).await.contains("case.own"));
    assert_eq!(common::approve_all(&state).await, 1);
    assert_eq!(store.open_relationships(&index).await.unwrap().len(), 2, "pension and medical opened");
    let voucher = common::send(state.clone(), common::get(&format!("/voucher/{}", enrol.client_id))).await;
    assert_eq!(voucher.status(), StatusCode::OK);
    // An assisted registration at the counter (the registry knows the person).
    let csv = format!("name,id_number,mobile\n李红,{},13500135000\n", id_number(3));
    let now = server::store::now_ms();
    server::registry::import::import(state.store.as_ref(), &state.vault, csv.as_bytes(), app::domain::Date::china_from_unix_ms(now), now).await.unwrap();
    let payload = json!({"name": "李红", "id_number": id_number(3), "mobile": "13500135000", "email": "", "agreed": true}).to_string();
    let reg = item(&client_id(), FilingKind::PersonalRegistration, &payload);
    let out = intake::ingest_as(&state.cx(), batch(vec![reg]), Some(&operator)).await.unwrap();
    assert!(matches!(out.results[0].outcome(), Outcome::Accepted { .. }), "{:?}", out.results[0].outcome());
    let log = state.store.audit_recent(50).await.unwrap();
    let assisted = log.iter().find(|r| r.entry.action == "account.register_assisted_offline").expect("recorded as assisted");
    assert_eq!((assisted.entry.actor, assisted.entry.actor_role.as_deref()), (Some(operator.account.id), Some("operator")));
}
both_stores!(counter_entry, an_operator_enters_filings_at_the_counter);

/// 信息变更 of a unit: its name, address and contact, checked by the shared rules (a bad field
/// changes nothing), the mobile shown masked; audited with the fields that changed.
async fn a_units_details_change_is_checked_and_audited(store: Arc<dyn Store>) {
    let (state, _) = ledger_with_one_person(store.clone()).await;
    let (operator, mut o) = staff(&state, "operator", &id_number(52), "13700000052").await;
    let unit = store.unit_by_code(&credit_code(1)).await.unwrap().unwrap();
    let path = format!("/api/office/units/{}/details", unit.id);
    let nothing = o.call(&state, Method::POST, &path, Some(json!({}))).await;
    assert_eq!(nothing.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", nothing.body);
    assert_eq!(nothing.body["fields"]["errors"]["form"][0]["code"], "details.nothing_changed");
    let bad = o.call(&state, Method::POST, &path, Some(json!({"name": "南京新名称科技有限公司", "contact_mobile": "1390013"}))).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert!(bad.body["fields"]["errors"]["contact_mobile"][0]["code"].is_string(), "{}", bad.body);
    assert_eq!(store.unit_get(unit.id).await.unwrap().unwrap().name, unit.name, "nothing half-changed");
    let change = json!({"name": "南京新名称科技有限公司", "region": "320102", "address": "中山路 1 号", "contact_name": "李红", "contact_mobile": "13900139000"});
    assert_eq!(o.call(&state, Method::POST, &path, Some(change)).await.status, StatusCode::NO_CONTENT);
    let page = o.call(&state, Method::GET, &format!("/api/office/units/{}", unit.id), None).await;
    assert_eq!(page.body["name"], "南京新名称科技有限公司");
    assert_eq!(page.body["address"], "江苏省南京市玄武区中山路 1 号");
    assert_eq!((page.body["contact_name"].as_str(), page.body["contact_mobile"].as_str()), (Some("李红"), Some("139****9000")));
    assert!(!page.body.to_string().contains("13900139000"), "the mobile only masked");
    // Only the contact's name now: the rest stays.
    assert_eq!(o.call(&state, Method::POST, &path, Some(json!({"contact_name": "王强"}))).await.status, StatusCode::NO_CONTENT);
    let page = o.call(&state, Method::GET, &format!("/api/office/units/{}", unit.id), None).await;
    assert_eq!((page.body["contact_name"].as_str(), page.body["contact_mobile"].as_str()), (Some("王强"), Some("139****9000")));
    // The page lists each field's before and after, newest first; the mobile masked there too.
    let line = |i: usize| {
        let l = &page.body["history"][i];
        (l["field"].as_str().map(str::to_owned), l["before"].as_str().map(str::to_owned), l["after"].as_str().map(str::to_owned), l["by"].as_i64())
    };
    assert_eq!(line(0), (Some("contact_name".into()), Some("李红".into()), Some("王强".into()), Some(operator)), "{}", page.body);
    assert_eq!(line(1), (Some("name".into()), Some(unit.name.clone()), Some("南京新名称科技有限公司".into()), Some(operator)));
    assert_eq!(line(4), (Some("contact_mobile".into()), None, Some("139****9000".into()), Some(operator)));
    assert_eq!(page.body["history"].as_array().map(Vec::len), Some(5));
    assert!(!page.body.to_string().contains("13900139000"), "the mobile only masked");
    let log = state.store.audit_recent(100).await.unwrap();
    let entries: Vec<_> = log.iter().filter(|r| r.entry.action == "office.unit_details").collect();
    assert_eq!(entries.len(), 2);
    assert!(entries.iter().all(|r| r.entry.actor == Some(operator)));
    assert!(entries.iter().any(|r| r.entry.detail.as_deref() == Some("name,address,contact_name,contact_mobile")), "{entries:?}");
}
both_stores!(unit_details, a_units_details_change_is_checked_and_audited);
