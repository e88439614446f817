//! 待办 on SQLite and PostgreSQL, through the router: a field worker's enrolment is a case that
//! changes nothing until an operator approves it; the case shows its checks and the preview of
//! its effect; the state machine refuses what it does not allow; a return needs known reasons on
//! the form's own fields, releases the person, and the reasons reach the filing account — and
//! no other; the fix is a linked case; the approval opens the relationships and the voucher
//! says so; the account that filed a case never decides it.

mod common;

use std::sync::Arc;

use app::api::sync::{FilingKind, SyncItem};
use axum::http::{Method, StatusCode};
use common::browser::{staff, Browser};
use common::{batch, client_id, credit_code, enrolment, id_number, item, state_over, unit};
use serde_json::{json, Value};
use server::Store;

async fn sync(state: &server::AppState, b: &mut Browser, it: &SyncItem) -> Value {
    let answer = b.call(state, Method::POST, "/api/sync", Some(serde_json::to_value(batch(vec![it.clone()])).unwrap())).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    answer.body["results"][0].clone()
}

async fn decide(state: &server::AppState, b: &mut Browser, id: i64, body: Value) -> common::browser::Answer {
    b.call(state, Method::POST, &format!("/api/office/cases/{id}/decision"), Some(body)).await
}

async fn voucher(state: &server::AppState, client: &str) -> String {
    common::body_text(common::send(state.clone(), common::get(&format!("/voucher/{client}"))).await).await
}

async fn an_enrolment_is_returned_with_reasons_fixed_and_approved(store: Arc<dyn Store>) {
    let mut state = state_over(store.clone());
    state.dev = true;
    unit(&state, &credit_code(1)).await;
    let (_, mut worker) = staff(&state, "field_worker", &id_number(60), "13700000060").await;
    let (_, mut other) = staff(&state, "field_worker", &id_number(61), "13700000061").await;
    let (_, mut o) = staff(&state, "operator", &id_number(62), "13700000062").await;
    let person = state.vault.blind_index("id_number", &id_number(1));

    let first = item(&client_id(), FilingKind::Enrolment, &serde_json::to_string(&enrolment(&id_number(1))).unwrap());
    assert_eq!(sync(&state, &mut worker, &first).await["status"], "accepted");
    assert!(store.open_relationships(&person).await.unwrap().is_empty(), "nothing opens before the approval");

    // The queue, and its filters.
    let queue = o.call(&state, Method::GET, "/api/office/cases", None).await;
    assert_eq!((queue.status, queue.body["total"].as_i64()), (StatusCode::OK, Some(1)), "{}", queue.body);
    let case = &queue.body["items"][0];
    assert_eq!((case["kind"].as_str(), case["status"].as_str()), (Some("enrolment"), Some("submitted")));
    assert_eq!(case["insurances"], json!(["pension", "medical"]));
    let id = case["id"].as_i64().unwrap();
    for (filter, n) in [("module=medical", 1), ("module=unemployment", 0), ("kind=separation", 0), ("status=rejected", 0), ("region=320000", 1), ("region=110000", 0)] {
        let q = o.call(&state, Method::GET, &format!("/api/office/cases?{filter}"), None).await;
        assert_eq!(q.body["total"].as_i64(), Some(n), "{filter}: {}", q.body);
    }
    assert_eq!(o.call(&state, Method::GET, "/api/office/cases?module=dental", None).await.status, StatusCode::BAD_REQUEST);

    // The case: its fields, every check passed, and what approving opens with its first month.
    let view = o.call(&state, Method::GET, &format!("/api/office/cases/{id}"), None).await;
    assert_eq!(view.status, StatusCode::OK, "{}", view.body);
    let checks = view.body["checks"].as_array().unwrap();
    assert!(checks.iter().any(|c| c["group"] == "accuracy") && checks.iter().any(|c| c["group"] == "compliance"), "{checks:?}");
    assert!(checks.iter().all(|c| c["issue"].is_null()), "{checks:?}");
    let effect = view.body["effect"].as_array().unwrap();
    assert_eq!(effect.len(), 2, "{effect:?}");
    assert!(effect.iter().all(|l| l["action"] == "open" && l["employer"].as_i64().unwrap() > 0 && !l["working"].as_array().unwrap().is_empty()), "{effect:?}");
    assert!(view.body["fields"].as_array().unwrap().iter().any(|f| f["name"] == "monthly_base" && f["value"] == "6000"));

    // The state machine: taken up first; a return needs known reasons on the form's fields.
    let early = decide(&state, &mut o, id, json!({"action": "approve"})).await;
    assert_eq!((early.status, early.body["code"].as_str()), (StatusCode::CONFLICT, Some("review.not_open")), "{}", early.body);
    assert_eq!(decide(&state, &mut o, id, json!({"action": "open"})).await.status, StatusCode::NO_CONTENT);
    let bare = decide(&state, &mut o, id, json!({"action": "reject", "reasons": []})).await;
    assert_eq!(bare.status, StatusCode::UNPROCESSABLE_ENTITY);
    let stray = json!({"action": "reject", "reasons": [{"target": {"kind": "field", "name": "unit_name"}, "code": "wrong_value"}]});
    assert_eq!(decide(&state, &mut o, id, stray).await.status, StatusCode::UNPROCESSABLE_ENTITY, "not a field of an enrolment");
    let reason = json!({"action": "reject", "reasons": [{"target": {"kind": "field", "name": "monthly_base"}, "code": "wrong_value", "note": "应按劳动合同工资 6500 元申报"}]});
    assert_eq!(decide(&state, &mut o, id, reason.clone()).await.status, StatusCode::NO_CONTENT);
    assert_eq!(decide(&state, &mut o, id, reason).await.status, StatusCode::CONFLICT, "decided");
    assert!(store.open_relationships(&person).await.unwrap().is_empty());

    // The filing account learns the reasons; another account asking the same filing learns nothing.
    let ask = json!({"client_ids": [first.client_id]});
    let told = worker.call(&state, Method::POST, "/api/filings/review", Some(ask.clone())).await;
    assert_eq!(told.status, StatusCode::OK, "{}", told.body);
    let review = &told.body["filings"][0];
    assert_eq!((review["status"].as_str(), review["reasons"][0]["target"]["name"].as_str()), (Some("rejected"), Some("monthly_base")), "{}", told.body);
    assert_eq!(review["reasons"][0]["note"], "应按劳动合同工资 6500 元申报");
    let nosy = other.call(&state, Method::POST, "/api/filings/review", Some(ask)).await;
    assert_eq!(nosy.body["filings"], json!([]), "{}", nosy.body);
    assert!(voucher(&state, &first.client_id).await.contains("审核未通过"));

    // The fix: a new version linked to the returned one; the return released the person.
    let mut fixed = enrolment(&id_number(1));
    fixed.monthly_base = "6500".into();
    let mut fix = item(&client_id(), FilingKind::Enrolment, &serde_json::to_string(&fixed).unwrap());
    fix.version_of = Some(first.client_id.clone());
    assert_eq!(sync(&state, &mut worker, &fix).await["status"], "accepted");
    let queue = o.call(&state, Method::GET, "/api/office/cases", None).await;
    assert_eq!(queue.body["total"].as_i64(), Some(1), "{}", queue.body);
    let fix_id = queue.body["items"][0]["id"].as_i64().unwrap();
    assert_eq!(queue.body["items"][0]["resubmitted"], true);
    let view = o.call(&state, Method::GET, &format!("/api/office/cases/{fix_id}"), None).await;
    assert_eq!(view.body["version_of"].as_i64(), Some(id));
    assert_eq!(view.body["previous_reasons"][0]["target"]["name"], "monthly_base");

    // Approved: the relationships open, with the fixed base, and the voucher says so.
    assert_eq!(decide(&state, &mut o, fix_id, json!({"action": "open"})).await.status, StatusCode::NO_CONTENT);
    let approved = decide(&state, &mut o, fix_id, json!({"action": "approve"})).await;
    assert_eq!(approved.status, StatusCode::NO_CONTENT, "{}", approved.body);
    let open = store.open_relationships(&person).await.unwrap();
    assert_eq!(open.len(), 2, "{open:?}");
    assert!(voucher(&state, &fix.client_id).await.contains("审核通过"));
    let view = o.call(&state, Method::GET, &format!("/api/office/cases/{fix_id}"), None).await;
    let history: Vec<&str> = view.body["history"].as_array().unwrap().iter().map(|h| h["status"].as_str().unwrap()).collect();
    assert_eq!(history, ["submitted", "in_review", "approved"]);
    let told = worker.call(&state, Method::POST, "/api/filings/review", Some(json!({"client_ids": [fix.client_id]}))).await;
    assert_eq!(told.body["filings"][0]["status"], "approved");
    // Every look and decision is in the audit log.
    let log: Vec<String> = store.audit_recent(100).await.unwrap().into_iter().map(|r| r.entry.action).collect();
    for action in ["case.view", "case.in_review", "case.rejected", "case.approved"] {
        assert!(log.iter().any(|a| a == action), "{action}: {log:?}");
    }
}
both_stores!(returned_and_fixed, an_enrolment_is_returned_with_reasons_fixed_and_approved);

/// An approval re-runs the checks on the ledger as it stands: a case whose person was insured
/// since (by another unit's approved case) cannot be approved, and nothing half-changes.
async fn an_approval_that_the_ledger_no_longer_allows_changes_nothing(store: Arc<dyn Store>) {
    use app::domain::review::Action;
    let state = state_over(store.clone());
    let worker = common::field_worker(&state).await;
    let operator = common::signed_in(&state, app::api::auth::Role::Operator, None).await;
    unit(&state, &credit_code(2)).await;
    // A separation filed for a person, then the enrolment it would end is nowhere: refused at
    // the intake; so build the race: enrol with unit 1 and approve, file a separation, then
    // end the relationship by another approved separation first.
    let e = item(&client_id(), FilingKind::Enrolment, &serde_json::to_string(&enrolment(&id_number(7))).unwrap());
    server::intake::ingest_as(&state.cx(), batch(vec![e]), Some(&worker)).await.unwrap();
    assert_eq!(common::approve_all(&state).await, 1);
    let separation = |last: &str| {
        let d = app::domain::forms::separation::SeparationDraft {
            id_number: id_number(7),
            name: "王小明".into(),
            insurances: vec![app::domain::policy::Insurance::Pension],
            last_month: last.to_owned(),
            left_on: common::today_iso(),
            reason: "resigned".into(),
            credit_code: credit_code(1),
        };
        item(&client_id(), FilingKind::Separation, &serde_json::to_string(&d).unwrap())
    };
    let month = common::this_month();
    let (a, b) = (separation(&month), separation(&month));
    let out = server::intake::ingest_as(&state.cx(), batch(vec![a.clone(), b.clone()]), Some(&worker)).await.unwrap();
    assert!(out.results.iter().all(|r| matches!(r.outcome(), app::api::sync::Outcome::Accepted { .. })), "{out:?}");
    let (ca, cb) = (state.store.case_by_filing(&a.client_id).await.unwrap().unwrap(), state.store.case_by_filing(&b.client_id).await.unwrap().unwrap());
    for c in [&ca, &cb] {
        assert_eq!(common::decide_case(&state, &operator, c.id, Action::Open, Vec::new()).await.status(), StatusCode::NO_CONTENT);
    }
    assert_eq!(common::decide_case(&state, &operator, ca.id, Action::Approve, Vec::new()).await.status(), StatusCode::NO_CONTENT);
    let second = common::decide_case(&state, &operator, cb.id, Action::Approve, Vec::new()).await;
    assert_eq!(second.status(), StatusCode::CONFLICT);
    assert!(common::body_text(second).await.contains("case.checks_failed"));
    assert_eq!(state.store.case_get(cb.id).await.unwrap().unwrap().status, "in_review", "unchanged");
    let open = store.open_relationships(&state.vault.blind_index("id_number", &id_number(7))).await.unwrap();
    assert_eq!(open.len(), 1, "medical stays: {open:?}");
}
both_stores!(stale_approval, an_approval_that_the_ledger_no_longer_allows_changes_nothing);

/// The preview shows every month a case changes: a back-dated enrolment its first month and
/// each month after it up to this one (the next run assesses them all); a base declaration what
/// a month of each insurance the person holds at the unit comes to at the declared base.
async fn the_preview_shows_every_month_a_case_changes(store: Arc<dyn Store>) {
    use app::domain::ledger::Month;
    let mut state = state_over(store.clone());
    state.dev = true;
    unit(&state, &credit_code(1)).await;
    let (_, mut worker) = staff(&state, "field_worker", &id_number(60), "13700000060").await;
    let (_, mut o) = staff(&state, "operator", &id_number(62), "13700000062").await;
    let this = Month::parse(&common::this_month()).unwrap();
    let start = Month::from_index(this.index() - 2).unwrap();
    let mut e = enrolment(&id_number(1));
    e.start_month = start.to_string();
    assert_eq!(sync(&state, &mut worker, &item(&client_id(), FilingKind::Enrolment, &serde_json::to_string(&e).unwrap())).await["status"], "accepted");
    let id = o.call(&state, Method::GET, "/api/office/cases", None).await.body["items"][0]["id"].as_i64().unwrap();
    let view = o.call(&state, Method::GET, &format!("/api/office/cases/{id}"), None).await;
    let effect = view.body["effect"].as_array().unwrap();
    let lines: Vec<(String, String, String)> =
        effect.iter().map(|l| (l["action"].as_str().unwrap().to_owned(), l["insurance"].as_str().unwrap().to_owned(), l["month"].as_str().unwrap().to_owned())).collect();
    let mut expected = Vec::new();
    for ins in ["pension", "medical"] {
        for (k, m) in start.through(this).enumerate() {
            expected.push((if k == 0 { "open" } else { "month" }.to_owned(), ins.to_owned(), m.to_string()));
        }
    }
    assert_eq!(lines, expected, "{}", view.body);
    assert!(effect.iter().all(|l| l["employer"].as_i64().unwrap() > 0 && !l["working"].as_array().unwrap().is_empty()), "{effect:?}");
    assert_eq!(decide(&state, &mut o, id, json!({"action": "open"})).await.status, StatusCode::NO_CONTENT);
    assert_eq!(decide(&state, &mut o, id, json!({"action": "approve"})).await.status, StatusCode::NO_CONTENT);

    let d = app::domain::forms::base_declaration::BaseDeclarationDraft {
        credit_code: credit_code(1),
        region: "320102".into(),
        effective_month: this.to_string(),
        rows: vec![app::domain::forms::base_declaration::BaseRowDraft { id_number: id_number(1), name: "王小明".into(), monthly_base: "7000".into() }],
    };
    assert_eq!(sync(&state, &mut worker, &item(&client_id(), FilingKind::BaseDeclaration, &serde_json::to_string(&d).unwrap())).await["status"], "accepted");
    let queue = o.call(&state, Method::GET, "/api/office/cases?kind=base_declaration", None).await;
    let id = queue.body["items"][0]["id"].as_i64().unwrap();
    let view = o.call(&state, Method::GET, &format!("/api/office/cases/{id}"), None).await;
    let effect = view.body["effect"].as_array().unwrap();
    let held: Vec<(&str, Option<i64>, bool)> =
        effect.iter().map(|l| (l["insurance"].as_str().unwrap(), l["base"].as_i64(), l["action"] == "base" && l["employer"].as_i64().unwrap() > 0)).collect();
    assert_eq!(held, [("pension", Some(700_000), true), ("medical", Some(700_000), true)], "{}", view.body);

    // A separation told 20 days after the job ended: taken, and its preview says it is 5 days
    // past the 15 of 社会保险法 第50条 (once, on the first line).
    let today = app::domain::Date::china_from_unix_ms(app::api::ssr::now_ms());
    let d = app::domain::forms::separation::SeparationDraft {
        id_number: id_number(1),
        name: "王小明".into(),
        insurances: vec![app::domain::policy::Insurance::Pension],
        last_month: this.to_string(),
        left_on: app::domain::Date::from_days_since_epoch(today.days_since_epoch() - 20).iso(),
        reason: "dismissed".into(),
        credit_code: credit_code(1),
    };
    assert_eq!(sync(&state, &mut worker, &item(&client_id(), FilingKind::Separation, &serde_json::to_string(&d).unwrap())).await["status"], "accepted");
    let queue = o.call(&state, Method::GET, "/api/office/cases?kind=separation", None).await;
    let id = queue.body["items"][0]["id"].as_i64().unwrap();
    let view = o.call(&state, Method::GET, &format!("/api/office/cases/{id}"), None).await;
    let effect = view.body["effect"].as_array().unwrap();
    assert_eq!(effect.len(), 1, "{}", view.body);
    let working = effect[0]["working"].to_string();
    assert!(working.contains(&format!("离职日期 {}", d.left_on)) && working.contains("超过离职之日起15日告知时限 5 天"), "{working}");
    assert!(view.body["checks"].as_array().unwrap().iter().all(|c| c["issue"].is_null()), "lateness does not fail a check: {}", view.body);
}
both_stores!(preview_by_month, the_preview_shows_every_month_a_case_changes);
