//! 暂停缴费 and 恢复缴费 on SQLite and PostgreSQL, through the router: an operator suspends a
//! paying relationship from a month (never before it began, with a reason); assessing the
//! months again reverses them by 补差 and leaves the months before untouched; resumed from a
//! later month, that month is assessed again and the suspended ones stay out; each change is
//! refused when the relationship is not in the state it needs.

mod common;

use std::sync::Arc;

use app::domain::ledger::Month;
use app::domain::policy::Insurance;
use axum::http::{Method, StatusCode};
use common::browser::staff;
use common::{credit_code, id_number};
use serde_json::json;
use server::ledger::relationships::NewPerson;
use server::ledger::{monthly, Enrol};
use server::vault::{bound, purpose};
use server::Store;

async fn a_relationship_is_suspended_and_resumed(store: Arc<dyn Store>) {
    let state = common::state_over(store.clone());
    let cx: server::ledger::Cx = state.cx();
    let id = id_number(1);
    let id_index = state.vault.blind_index(purpose::ID_NUMBER, &id);
    let this = Month::of(app::domain::Date::china_from_unix_ms(server::store::now_ms()));
    let at = |n: i32| Month::from_index(this.index() + n).unwrap();
    let unit = common::unit(&state, &credit_code(1)).await;
    let person = NewPerson { id_index: id_index.clone(), id_sealed: state.vault.seal(&bound::ledger_person(&id_index), id.as_bytes()), name: "王小明".into() };
    let enrol = Enrol { unit_id: unit, person, region: 320102, start_month: at(-2).to_string(), insurances: vec![Insurance::Pension], base: 600_000, actor: None };
    assert_eq!(store.enrol_direct(&enrol, 1).await.unwrap(), None);
    let due = |m: Month| {
        let store = store.clone();
        async move { store.statement(unit, &m.to_string()).await.unwrap().map_or(0, |s| s.due) }
    };
    for m in at(-2).through(this) {
        monthly::assess(&cx, m, None, None).await.unwrap();
    }
    let month_due = due(this).await;
    assert!(month_due > 0 && due(at(-1)).await == month_due);
    let relationship = store.open_relationships(&id_index).await.unwrap()[0].id;
    // The person's page in the back office names it, so the desk can act on it.
    let (_, mut desk) = staff(&state, "supervisor", &id_number(61), "13700000061").await;
    let person = store.person_id(&id_index).await.unwrap().unwrap();
    let page = desk.call(&state, Method::GET, &format!("/api/office/persons/{person}"), None).await;
    assert_eq!((page.body["open"][0]["id"].as_i64(), page.body["open"][0]["status"].as_str()), (Some(relationship), Some("active")), "{}", page.body);

    let (_, mut o) = staff(&state, "operator", &id_number(60), "13700000060").await;
    let suspend = format!("/api/office/relationships/{relationship}/suspend");
    let resume = format!("/api/office/relationships/{relationship}/resume");
    let bare = o.call(&state, Method::POST, &suspend, Some(json!({"month": at(-1).to_string(), "reason": ""}))).await;
    assert_eq!((bare.status, bare.body["fields"]["errors"]["reason"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("suspend.reason")), "{}", bare.body);
    let early = o.call(&state, Method::POST, &suspend, Some(json!({"month": at(-5).to_string(), "reason": "停薪留职"}))).await;
    assert_eq!((early.status, early.body["code"].as_str()), (StatusCode::CONFLICT, Some("suspend.before_start")), "{}", early.body);
    let nothing = o.call(&state, Method::POST, &resume, Some(json!({"month": this.to_string()}))).await;
    assert_eq!(nothing.body["code"].as_str(), Some("suspend.not_suspended"), "{}", nothing.body);

    // Suspended from last month: assessed again, last month and this one are reversed.
    let done = o.call(&state, Method::POST, &suspend, Some(json!({"month": at(-1).to_string(), "reason": "停薪留职"}))).await;
    assert_eq!((done.status, done.body["status"].as_str()), (StatusCode::OK, Some("suspended")), "{}", done.body);
    let twice = o.call(&state, Method::POST, &suspend, Some(json!({"month": this.to_string(), "reason": "停薪留职"}))).await;
    assert_eq!(twice.body["code"].as_str(), Some("suspend.not_active"), "{}", twice.body);
    assert_eq!(store.open_relationships(&id_index).await.unwrap()[0].status, "suspended");
    for m in at(-2).through(this) {
        monthly::assess(&cx, m, None, None).await.unwrap();
    }
    assert_eq!((due(at(-2)).await, due(at(-1)).await, due(this).await), (month_due, 0, 0), "the months before stay; the suspended ones are reversed");

    // Resumed from this month: it is assessed again; last month stays out.
    let too_early = o.call(&state, Method::POST, &resume, Some(json!({"month": at(-1).to_string()}))).await;
    assert_eq!(too_early.body["code"].as_str(), Some("suspend.too_early"), "{}", too_early.body);
    let back = o.call(&state, Method::POST, &resume, Some(json!({"month": this.to_string()}))).await;
    assert_eq!((back.status, back.body["status"].as_str()), (StatusCode::OK, Some("active")), "{}", back.body);
    for m in at(-2).through(this) {
        monthly::assess(&cx, m, None, None).await.unwrap();
    }
    assert_eq!((due(at(-2)).await, due(at(-1)).await, due(this).await), (month_due, 0, month_due));
    assert_eq!(store.open_relationships(&id_index).await.unwrap()[0].status, "active");
    let log: Vec<String> = store.audit_recent(50).await.unwrap().into_iter().map(|r| r.entry.action).collect();
    assert!(log.iter().any(|a| a == "office.suspend") && log.iter().any(|a| a == "office.resume"), "{log:?}");
}
both_stores!(suspend_resume, a_relationship_is_suspended_and_resumed);
