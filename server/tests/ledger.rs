//! The ledger on SQLite and PostgreSQL: one open relationship per person and insurance, held by
//! the database in one batch and across concurrent batches (a waiting enrolment holds the
//! person; its approval opens the relationships); a separation frees the person for
//! another unit; the monthly assessment written once, a later base change as an adjustment; a
//! payment file imported whole or not at all, each reference once; through the router, a unit
//! reads only its own people and a resident only themself, and the printed proof verifies.

mod common;

use std::sync::Arc;

use app::api::auth::Role;
use app::api::sync::{FilingKind, Outcome};
use app::domain::forms::separation::SeparationDraft;
use app::domain::ledger::Month;
use app::domain::policy::Insurance;
use axum::http::{Method, StatusCode};
use common::browser::{Answer, Browser};
use common::{batch, client_id, credit_code, enrolment, id_number, item, state_over, this_month, unit};
use server::accounts::session::Principal;
use server::ledger::{self, monthly, payments};
use server::{intake, Store};

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap()
}

fn code_of(o: &Outcome, field: &str) -> Option<String> {
    match o {
        Outcome::Rejected { errors } => errors.error_of(field).map(|i| i.code.to_string()),
        _ => None,
    }
}

fn accepted(o: &Outcome) -> bool {
    matches!(o, Outcome::Accepted { .. })
}

/// Enrols person `n` into the unit `code` (pension and medical, this month).
fn enrol_item(n: u32, code: &str) -> app::api::sync::SyncItem {
    let mut e = enrolment(&id_number(n));
    e.credit_code = code.to_owned();
    item(&client_id(), FilingKind::Enrolment, &json(&e))
}

async fn send(state: &server::AppState, items: Vec<app::api::sync::SyncItem>, by: &Principal) -> Vec<Outcome> {
    intake::ingest_as(&state.cx(), batch(items), Some(by)).await.unwrap().results.iter().map(|r| r.outcome()).collect()
}

async fn one_open_relationship_per_person_and_insurance(store: Arc<dyn Store>) {
    let state = state_over(store.clone());
    let worker = common::field_worker(&state).await;
    let (a, b) = (credit_code(1), credit_code(2));
    unit(&state, &b).await;
    // One batch naming the person twice, for two units: the first holds the person while its
    // case waits for review, the second is told.
    let out = send(&state, vec![enrol_item(1, &a), enrol_item(1, &b)], &worker).await;
    assert!(accepted(&out[0]), "{out:?}");
    assert_eq!(code_of(&out[1], "insurances").as_deref(), Some("enrolment.pending"), "{out:?}");
    assert!(store.open_relationships(&state.vault.blind_index("id_number", &id_number(1))).await.unwrap().is_empty(), "nothing opens before the approval");
    assert_eq!(common::approve_all(&state).await, 1);
    // Insured with A now: staff are told which unit holds the person; a unit's own account is not.
    let out = send(&state, vec![enrol_item(1, &b)], &worker).await;
    assert_eq!(code_of(&out[0], "insurances").as_deref(), Some("enrolment.held_elsewhere"), "{out:?}");
    let Outcome::Rejected { errors } = &out[0] else { unreachable!() };
    assert!(errors.error_of("insurances").unwrap().zh.contains("测试单位"), "{errors:?}");
    let unit_b = common::signed_in(&state, Role::EmployerHandler, Some(&b)).await;
    let mut own = enrolment(&id_number(1));
    own.credit_code = String::new();
    let told = send(&state, vec![item(&client_id(), FilingKind::Enrolment, &json(&own))], &unit_b).await;
    let Outcome::Rejected { errors } = &told[0] else { panic!("{told:?}") };
    let issue = errors.error_of("insurances").unwrap();
    assert_eq!(issue.code, "enrolment.held_elsewhere");
    assert!(!issue.zh.contains("测试单位") && issue.zh.contains("减员"), "names no unit to a unit, says what to do: {}", issue.zh);

    // Two concurrent batches enrolling one person in two units: exactly one is held, each time.
    for n in 10..16 {
        let tasks: Vec<_> = [&a, &b]
            .into_iter()
            .map(|code| {
                let (state, worker, it) = (state.clone(), worker.clone(), enrol_item(n, code));
                tokio::spawn(async move { send(&state, vec![it], &worker).await })
            })
            .collect();
        let mut won = 0;
        for t in tasks {
            let out = t.await.unwrap();
            if accepted(&out[0]) {
                won += 1;
            } else {
                assert_eq!(code_of(&out[0], "insurances").as_deref(), Some("enrolment.pending"), "{out:?}");
            }
        }
        assert_eq!(won, 1, "person {n}: one enrolment holds");
        assert_eq!(common::approve_all(&state).await, 1);
        let open = store.open_relationships(&state.vault.blind_index("id_number", &id_number(n))).await.unwrap();
        assert_eq!(open.len(), 2, "pension and medical, with one unit: {open:?}");
        assert_eq!(open[0].unit_id, open[1].unit_id);
    }
}
both_stores!(duplicate_enrolment, one_open_relationship_per_person_and_insurance);

fn separation(n: u32, code: &str, insurances: Vec<Insurance>) -> app::api::sync::SyncItem {
    let d = SeparationDraft {
        id_number: id_number(n),
        name: "王小明".into(),
        insurances,
        last_month: this_month(),
        left_on: common::today_iso(),
        reason: "resigned".into(),
        credit_code: code.to_owned(),
    };
    item(&client_id(), FilingKind::Separation, &json(&d))
}

async fn a_separation_frees_the_person_for_another_unit(store: Arc<dyn Store>) {
    let state = state_over(store.clone());
    let worker = common::field_worker(&state).await;
    let (a, b) = (credit_code(1), credit_code(2));
    unit(&state, &b).await;
    assert!(accepted(&send(&state, vec![enrol_item(1, &a)], &worker).await[0]));
    common::approve_all(&state).await;
    // Unit B cannot end what unit A holds.
    let wrong = send(&state, vec![separation(1, &b, vec![Insurance::Pension])], &worker).await;
    assert_eq!(code_of(&wrong[0], "insurances").as_deref(), Some("separation.not_in_unit"), "{wrong:?}");
    // A separation of the pension only: medical stays with A, so B may take the pension.
    let sep = send(&state, vec![separation(1, &a, vec![Insurance::Pension])], &worker).await;
    assert!(accepted(&sep[0]), "{sep:?}");
    assert_eq!(common::approve_all(&state).await, 1);
    let mut e = enrolment(&id_number(1));
    e.credit_code = b.clone();
    e.insurances = vec![Insurance::Pension];
    // Not from a month A still insured: that month would be assessed twice.
    let overlap = send(&state, vec![item(&client_id(), FilingKind::Enrolment, &json(&e))], &worker).await;
    assert_eq!(code_of(&overlap[0], "start_month").as_deref(), Some("enrolment.overlaps_ended"), "{overlap:?}");
    e.start_month = Month::parse(&this_month()).unwrap().next().to_string();
    let moved = send(&state, vec![item(&client_id(), FilingKind::Enrolment, &json(&e))], &worker).await;
    assert!(accepted(&moved[0]), "{moved:?}");
    assert_eq!(common::approve_all(&state).await, 1);
    let medical_too = send(&state, vec![enrol_item(1, &b)], &worker).await;
    assert_eq!(code_of(&medical_too[0], "insurances").as_deref(), Some("enrolment.held_elsewhere"));
    let open = store.open_relationships(&state.vault.blind_index("id_number", &id_number(1))).await.unwrap();
    let by: Vec<(Insurance, String)> = open.iter().map(|r| (r.insurance, r.unit_name.clone())).collect();
    assert_eq!(by.len(), 2, "{by:?}");
    assert_ne!(by[0].1, by[1].1, "pension with B, medical with A: {by:?}");
    // Ending it twice: nothing left to end.
    let again = send(&state, vec![separation(1, &a, vec![Insurance::Pension])], &worker).await;
    assert_eq!(code_of(&again[0], "insurances").as_deref(), Some("separation.not_in_unit"));
}
both_stores!(separation_then_enrolment, a_separation_frees_the_person_for_another_unit);

async fn the_month_is_assessed_once_and_a_base_change_adjusts_it(store: Arc<dyn Store>) {
    let state = state_over(store.clone());
    let worker = common::field_worker(&state).await;
    let a = credit_code(1);
    let out = send(&state, vec![enrol_item(1, &a), enrol_item(2, &a)], &worker).await;
    assert!(out.iter().all(accepted), "{out:?}");
    assert_eq!(common::approve_all(&state).await, 2);
    let cx: ledger::Cx = state.cx();
    let month = Month::parse(&this_month()).unwrap();
    let first = monthly::assess(&cx, month, None, None).await.unwrap();
    assert_eq!((first.units, first.regular, first.adjustments), (1, 4, 0), "{first:?}");
    assert!(first.employer > 0 && first.individual > 0);
    let unit_id = store.unit_by_code(&a).await.unwrap().unwrap().id;
    let due = |s: &server::ledger::assessments::Statement| s.due;
    let statement = store.statement(unit_id, &month.to_string()).await.unwrap().unwrap();
    assert_eq!(due(&statement), first.employer + first.individual, "the statement is the sum of its rows");
    // Again: nothing to write.
    let second = monthly::assess(&cx, month, None, None).await.unwrap();
    assert_eq!((second.regular, second.adjustments, second.employer, second.individual), (0, 0, 0, 0), "{second:?}");
    // A higher base declared for the year: an adjustment row per insurance of that person.
    let year = i64::from(month.year);
    store.declare_bases(unit_id, year, &[(state.vault.blind_index("id_number", &id_number(1)), 800_000)], None, None, 1).await.unwrap();
    let third = monthly::assess(&cx, month, None, None).await.unwrap();
    assert_eq!((third.regular, third.adjustments), (0, 2), "{third:?}");
    assert!(third.employer > 0 && third.individual > 0, "a higher base owes more: {third:?}");
    let rows = store.month_rows(unit_id, &month.to_string()).await.unwrap();
    assert_eq!(rows.len(), 6, "the past rows stay as written");
    let sum: i64 = rows.iter().map(|r| r.employer + r.individual).sum();
    assert_eq!(due(&store.statement(unit_id, &month.to_string()).await.unwrap().unwrap()), sum);
    // A base far above the ceiling: the adjustment rows read back with the clamp, the earlier
    // rows without one (each store writes them its own way: INSERT on SQLite, COPY on PostgreSQL).
    store.declare_bases(unit_id, year, &[(state.vault.blind_index("id_number", &id_number(2)), 100_000_000)], None, None, 2).await.unwrap();
    assert_eq!(monthly::assess(&cx, month, None, None).await.unwrap().adjustments, 2);
    let rows = store.month_rows(unit_id, &month.to_string()).await.unwrap();
    let clamps: Vec<Option<&str>> = rows.iter().map(|r| r.clamp.as_deref()).collect();
    assert_eq!(clamps, vec![None, None, None, None, None, None, Some("ceiling"), Some("ceiling")], "{rows:?}");
    assert!(rows[6..].iter().all(|r| r.declared == 100_000_000 && r.base < r.declared && r.kind == server::ledger::assessments::RowKind::Adjustment), "{rows:?}");
}
both_stores!(assessment, the_month_is_assessed_once_and_a_base_change_adjusts_it);

/// The schema keeps what the assessment rows point at: a relationship is never deleted nor
/// re-keyed (a trigger on both stores), and a row naming no relationship is refused — on
/// PostgreSQL by the per-statement check that replaced the foreign key (its per-row lock cost a
/// month's run dearly, docs/benchmarks.md), which also refuses a row whose person is not its
/// relationship's; on SQLite by the foreign key.
async fn the_rows_keys_are_kept_by_the_schema(t: &common::TestStore) {
    let store = t.store.clone();
    let state = state_over(store.clone());
    let worker = common::field_worker(&state).await;
    let a = credit_code(1);
    assert!(send(&state, vec![enrol_item(1, &a), enrol_item(2, &a)], &worker).await.iter().all(accepted));
    assert_eq!(common::approve_all(&state).await, 2);
    let month = Month::parse(&this_month()).unwrap();
    assert_eq!(monthly::assess(&state.cx(), month, None, None).await.unwrap().regular, 4, "rows written through the check");
    let deleted = t.execute_raw("DELETE FROM ledger_relationships WHERE id = (SELECT MIN(id) FROM ledger_relationships)").await;
    assert!(deleted.as_ref().is_err_and(|e| e.contains("never deleted")), "{deleted:?}");
    let rekeyed = t.execute_raw("UPDATE ledger_relationships SET unit_id = unit_id + 1 WHERE id = (SELECT MIN(id) FROM ledger_relationships)").await;
    assert!(rekeyed.as_ref().is_err_and(|e| e.contains("re-keyed")), "{rekeyed:?}");
    let row = |relationship: &str, person: &str| {
        format!(
            "INSERT INTO ledger_assessments (relationship_id, unit_id, person_id, insurance, month, kind, declared, base, employer_rate, individual_rate, employer, individual, created_at) \
             SELECT {relationship}, r.unit_id, {person}, r.insurance, '2001-01', 'adjustment', 0, 0, 0, 0, 0, 0, 1 FROM ledger_relationships r WHERE r.id = (SELECT MIN(id) FROM ledger_relationships)"
        )
    };
    let nowhere = t.execute_raw(&row("r.id + 1000000", "r.person_id")).await;
    assert!(nowhere.is_err(), "a row naming no relationship: {nowhere:?}");
    let other = t.execute_raw(&row("r.id", "(SELECT MAX(person_id) FROM ledger_relationships)")).await;
    if store.backend() == server::store::Backend::Postgres {
        assert!(other.as_ref().is_err_and(|e| e.contains("no relationship of its unit and person")), "another person's row: {other:?}");
    }
    assert_eq!(t.execute_raw(&row("r.id", "r.person_id")).await, Ok(1), "a row that names its own relationship is taken");
}

#[tokio::test]
async fn rows_keys_sqlite() {
    the_rows_keys_are_kept_by_the_schema(&common::sqlite().await).await;
}

#[tokio::test]
async fn rows_keys_postgres() {
    if let Some(t) = common::postgres("rows_keys").await {
        the_rows_keys_are_kept_by_the_schema(&t).await;
    }
}

/// A run over more groups than one transaction takes: every unit is assessed once and its
/// statement is its rows; the units without an industry class are reported in the units' order;
/// run again, nothing is written.
async fn a_run_of_many_groups_assesses_each_unit_once(store: Arc<dyn Store>) {
    use server::ledger::relationships::NewPerson;
    use server::ledger::{Enrol, NewUnit};
    use server::vault::{bound, purpose};
    let state = state_over(store.clone());
    let month = Month::parse(&this_month()).unwrap();
    let n = 2 * monthly::UNITS_PER_TRANSACTION as u32 + 5;
    let mut units = Vec::new();
    for i in 1..=n {
        let code = credit_code(i);
        // Every third unit has no work-injury class yet: its work injury waits (skipped).
        let u = NewUnit {
            credit_code: code.clone(),
            credit_index: state.vault.blind_index(purpose::CREDIT_CODE, &code),
            name: format!("单位{i}"),
            region: 320102,
            industry_class: (i % 3 != 0).then_some(1),
        };
        let unit_id = store.unit_ensure(&u, None, "test", 1).await.unwrap();
        let id = id_number(i);
        let id_index = state.vault.blind_index(purpose::ID_NUMBER, &id);
        let person = NewPerson { id_index: id_index.clone(), id_sealed: state.vault.seal(&bound::ledger_person(&id_index), id.as_bytes()), name: "王小明".into() };
        let enrol = Enrol { unit_id, person, region: 320102, start_month: month.to_string(), insurances: vec![Insurance::Pension, Insurance::WorkInjury], base: 600_000, actor: None };
        assert_eq!(store.enrol_direct(&enrol, 1).await.unwrap(), None);
        units.push((unit_id, code));
    }
    let cx: ledger::Cx = state.cx();
    let first = monthly::assess(&cx, month, None, None).await.unwrap();
    let classless: Vec<&String> = units.iter().enumerate().filter(|(i, _)| (i + 1) % 3 == 0).map(|(_, (_, c))| c).collect();
    assert_eq!((first.units, first.regular as usize), (u64::from(n), n as usize + (n as usize - classless.len())), "{first:?}");
    let skipped: Vec<&String> = first.skipped.iter().map(|(code, _, _)| code).collect();
    assert_eq!(skipped, classless, "in the units' order");
    let mut total = 0;
    for (unit_id, _) in &units {
        let rows = store.month_rows(*unit_id, &month.to_string()).await.unwrap();
        let sum: i64 = rows.iter().map(|r| r.employer + r.individual).sum();
        assert!(sum > 0);
        assert_eq!(store.statement(*unit_id, &month.to_string()).await.unwrap().unwrap().due, sum);
        total += sum;
    }
    assert_eq!(first.employer + first.individual, total);
    let again = monthly::assess(&cx, month, None, None).await.unwrap();
    assert_eq!((again.units, again.regular, again.adjustments, again.employer), (u64::from(n), 0, 0, 0), "{again:?}");
}
both_stores!(assessment_groups, a_run_of_many_groups_assesses_each_unit_once);

async fn a_payment_file_is_taken_whole_or_not_at_all(store: Arc<dyn Store>) {
    let state = state_over(store.clone());
    let worker = common::field_worker(&state).await;
    let a = credit_code(1);
    assert!(accepted(&send(&state, vec![enrol_item(1, &a)], &worker).await[0]));
    common::approve_all(&state).await;
    let cx: ledger::Cx = state.cx();
    let month = Month::parse(&this_month()).unwrap();
    let run = monthly::assess(&cx, month, None, None).await.unwrap();
    let due = run.employer + run.individual;
    let yuan = format!("{}.{:02}", due / 100, due % 100);
    let today = app::domain::Date::china_from_unix_ms(server::store::now_ms());
    let paid_on = today.iso();
    let m = month.to_string();
    // Line 3 names a unit the ledger does not know, line 4 a bad amount: nothing is taken.
    let bad = format!(
        "credit_code,month,amount,reference,paid_on\n{a},{m},{yuan},REF-1,{paid_on}\n{},{m},10.00,REF-2,{paid_on}\n{a},{m},12.345,REF-3,{paid_on}\n",
        credit_code(7)
    );
    let report = payments::import(store.as_ref(), bad.as_bytes(), today, None, 1).await.unwrap();
    let payments::Report::Refused { bad: rows } = report else { panic!("refused: {report:?}") };
    let lines: Vec<u64> = rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, [3, 4], "{rows:?}");
    assert_eq!(store.payments_total().await.unwrap(), 0, "nothing half-imported");
    let unit_id = store.unit_by_code(&a).await.unwrap().unwrap().id;
    assert_eq!(store.statement(unit_id, &m).await.unwrap().unwrap().paid, 0);
    // The good row alone (as JSON this time): taken; the same reference again: taken once.
    let good = format!(r#"[{{"credit_code":"{a}","month":"{m}","amount":"{yuan}","reference":"REF-1","paid_on":"{paid_on}"}}]"#);
    let report = payments::import(store.as_ref(), good.as_bytes(), today, None, 2).await.unwrap();
    assert!(matches!(&report, payments::Report::Imported(i) if i.taken == 1 && i.total == due), "{report:?}");
    let report = payments::import(store.as_ref(), good.as_bytes(), today, None, 3).await.unwrap();
    assert!(matches!(&report, payments::Report::Imported(i) if i.taken == 0 && i.already == 1), "{report:?}");
    assert_eq!(store.payments_total().await.unwrap(), due);
    assert_eq!(store.statement(unit_id, &m).await.unwrap().unwrap().paid, due);
    // The same reference with another amount refuses the file.
    let other = good.replace(&format!("\"amount\":\"{yuan}\""), "\"amount\":\"1.00\"");
    let report = payments::import(store.as_ref(), other.as_bytes(), today, None, 4).await.unwrap();
    assert!(matches!(report, payments::Report::Refused { .. }), "{report:?}");
    assert_eq!(store.payments_total().await.unwrap(), due);
}
both_stores!(payments_import, a_payment_file_is_taken_whole_or_not_at_all);

/// A unit's account (keyed by its credit code, as approval keys it) and a browser signed in.
async fn unit_browser(state: &server::AppState, code: &str) -> Browser {
    let index = state.vault.blind_index("credit_code", code);
    let account = server::accounts::NewAccount {
        role: "employer_handler".into(),
        status: "active".into(),
        id_index: index.clone(),
        id_sealed: state.vault.seal(&server::vault::bound::account_id(&index), code.as_bytes()),
        name: format!("单位{}", &code[10..16]),
        mobile_index: state.vault.blind_index("mobile", "13700137000"),
        mobile_sealed: state.vault.seal(&server::vault::bound::account_mobile(&index), b"13700137000"),
        email: None,
        password_hash: state.accounts.hasher.hash(common::browser::STAFF_PASSWORD).await,
        registered_by: None,
        expires_at: None,
    };
    state.store.account_create(&account, &Default::default(), 1).await.unwrap().unwrap();
    let mut b = Browser::default();
    let a = b.call(state, Method::POST, "/api/auth/login", Some(serde_json::json!({"login": code, "password": common::browser::STAFF_PASSWORD}))).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    b
}

/// 单位信息变更 filed from a phone: a unit's account files only for itself; the case shows each
/// field's before and after (the mobile masked); a return names a field; approved, the unit's
/// address and contact are set as at the counter, with the ledger event and the audit line.
async fn a_units_own_change_is_a_case_applied_on_approval(store: Arc<dyn Store>) {
    let state = state_over(store);
    let (code, other) = (credit_code(1), credit_code(2));
    let unit_id = unit(&state, &code).await;
    unit(&state, &other).await;
    let mut b = unit_browser(&state, &code).await;
    let file = |draft: serde_json::Value| item(&client_id(), FilingKind::UnitChange, &draft.to_string());
    let change = serde_json::json!({"region": "320102", "address": "北京东路 9 号", "contact_name": "李会计", "contact_mobile": "139 0013 9000"});
    let mut theirs = change.clone();
    theirs["credit_code"] = serde_json::json!(other);
    let sent = b.call(&state, Method::POST, "/api/sync", Some(serde_json::to_value(batch(vec![file(theirs)])).unwrap())).await;
    let r = &sent.body["results"][0];
    assert_eq!(r["errors"]["errors"]["credit_code"][0]["code"], "unit_change.not_your_unit", "{r}");
    let first = file(change.clone());
    let sent = b.call(&state, Method::POST, "/api/sync", Some(serde_json::to_value(batch(vec![first.clone()])).unwrap())).await;
    assert_eq!(sent.body["results"][0]["status"], "accepted", "{}", sent.body);

    let (operator, mut o) = common::browser::staff(&state, "operator", &id_number(50), "13700000050").await;
    let q = o.call(&state, Method::GET, "/api/office/cases?kind=unit_change", None).await;
    let case = q.body["items"][0]["id"].as_i64().unwrap_or_else(|| panic!("{}", q.body));
    let view = o.call(&state, Method::GET, &format!("/api/office/cases/{case}"), None).await;
    assert!(view.body["checks"].as_array().unwrap().iter().all(|c| c["issue"].is_null()), "{}", view.body);
    let working = view.body["effect"][0]["working"].to_string();
    assert!(working.contains("联系人手机号：— → 139****9000") && working.contains("单位地址：— → 江苏省南京市玄武区北京东路 9 号"), "{working}");
    let decide = |action: serde_json::Value| (format!("/api/office/cases/{case}/decision"), Some(action));
    let (path, body) = decide(serde_json::json!({"action": "open"}));
    assert_eq!(o.call(&state, Method::POST, &path, body).await.status, StatusCode::NO_CONTENT);
    let (path, body) = decide(serde_json::json!({"action": "reject", "reasons": [{"target": {"kind": "field", "name": "contact_name"}, "code": "mismatch"}]}));
    assert_eq!(o.call(&state, Method::POST, &path, body).await.status, StatusCode::NO_CONTENT);
    let told = b.call(&state, Method::POST, "/api/filings/review", Some(serde_json::json!({"client_ids": [first.client_id]}))).await;
    assert_eq!(told.body["filings"][0]["reasons"][0]["target"]["name"], "contact_name", "{}", told.body);
    let page = o.call(&state, Method::GET, &format!("/api/office/units/{unit_id}"), None).await;
    assert!(page.body["contact_name"].is_null(), "a return sets nothing: {}", page.body);

    let mut fixed = file(serde_json::json!({"region": "320102", "address": "北京东路 9 号", "contact_name": "李红", "contact_mobile": "13900139000"}));
    fixed.version_of = Some(first.client_id.clone());
    let sent = b.call(&state, Method::POST, "/api/sync", Some(serde_json::to_value(batch(vec![fixed])).unwrap())).await;
    assert_eq!(sent.body["results"][0]["status"], "accepted", "{}", sent.body);
    let q = o.call(&state, Method::GET, "/api/office/cases?kind=unit_change&status=submitted", None).await;
    let case = q.body["items"][0]["id"].as_i64().unwrap_or_else(|| panic!("{}", q.body));
    for action in ["open", "approve"] {
        let done = o.call(&state, Method::POST, &format!("/api/office/cases/{case}/decision"), Some(serde_json::json!({ "action": action }))).await;
        assert_eq!(done.status, StatusCode::NO_CONTENT, "{action}: {}", done.body);
    }
    let page = o.call(&state, Method::GET, &format!("/api/office/units/{unit_id}"), None).await;
    let p = &page.body;
    assert_eq!((p["contact_name"].as_str(), p["contact_mobile"].as_str(), p["address"].as_str()), (Some("李红"), Some("139****9000"), Some("江苏省南京市玄武区北京东路 9 号")), "{p}");
    let log = state.store.audit_recent(100).await.unwrap();
    assert!(log.iter().any(|r| r.entry.action == "office.unit_details" && r.entry.actor == Some(operator)), "audited as the approving operator");
}
both_stores!(unit_change, a_units_own_change_is_a_case_applied_on_approval);

async fn get(state: &server::AppState, b: &mut Browser, path: &str) -> Answer {
    b.call(state, Method::GET, path, None).await
}

#[tokio::test]
async fn a_unit_reads_its_own_people_and_a_resident_only_themself() {
    let t = common::sqlite().await;
    let state = state_over(t.store.clone());
    let worker = common::field_worker(&state).await;
    let (a, b) = (credit_code(1), credit_code(2));
    unit(&state, &b).await;
    let out = send(&state, vec![enrol_item(1, &a), enrol_item(2, &a), enrol_item(3, &b)], &worker).await;
    assert!(out.iter().all(accepted), "{out:?}");
    assert_eq!(common::approve_all(&state).await, 3);
    let month = this_month();
    monthly::assess(&state.cx(), Month::parse(&month).unwrap(), None, None).await.unwrap();

    let mut unit_a = unit_browser(&state, &a).await;
    let roster = get(&state, &mut unit_a, "/api/ledger/roster").await;
    assert_eq!(roster.status, StatusCode::OK, "{}", roster.body);
    let ids: Vec<&str> = roster.body["people"].as_array().unwrap().iter().map(|p| p["id_number"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 2, "{ids:?}");
    assert!(ids.iter().all(|id| id.contains('*')), "masked: {ids:?}");
    assert!(ids.iter().all(|i| !i.ends_with(&id_number(3)[14..])), "not unit B's person: {ids:?}");
    let statement = get(&state, &mut unit_a, &format!("/api/ledger/statements/{month}")).await;
    assert_eq!(statement.status, StatusCode::OK, "{}", statement.body);
    assert_eq!(statement.body["people"], 2);
    // A unit's account has no records of its own, nor anyone's.
    assert_eq!(get(&state, &mut unit_a, &format!("/api/ledger/records?from={month}&to={month}")).await.status, StatusCode::FORBIDDEN);

    // Person 3 (with unit B) reads their own months, with no way to name anyone else.
    let (_, mut resident) = common::browser::staff(&state, "resident", &id_number(3), "13900139003").await;
    let mine = get(&state, &mut resident, &format!("/api/ledger/records?from={month}&to={month}&id_number={}", id_number(1))).await;
    assert_eq!(mine.status, StatusCode::OK, "{}", mine.body);
    let months = mine.body["months"].as_array().unwrap();
    assert_eq!(months.len(), 2, "pension and medical: {}", mine.body);
    assert!(months.iter().all(|m| m["unit"].as_str().unwrap().contains(&b[10..16])), "{}", mine.body);
    assert!(months.iter().all(|m| m["paid"] == false));
    // A resident reads no unit's roster.
    assert_eq!(get(&state, &mut resident, "/api/ledger/roster").await.status, StatusCode::FORBIDDEN);
    // Nobody signed in reads nothing.
    assert_eq!(get(&state, &mut Browser::default(), &format!("/api/ledger/records?from={month}&to={month}")).await.status, StatusCode::UNAUTHORIZED);

    // The printed proof: masked, with a QR code whose page verifies without personal data.
    let proof = common::send(state.clone(), {
        let mut r = axum::http::Request::builder().uri(format!("/proof?from={month}&to={month}"));
        r = r.header("cookie", format!("sid={}", resident.sid.clone().unwrap()));
        r.body(axum::body::Body::empty()).unwrap()
    })
    .await;
    assert_eq!(proof.status(), StatusCode::OK);
    let html = common::body_text(proof).await;
    assert!(html.contains("参保缴费证明") && !html.contains(&id_number(3)), "masked ID number");
    let link = html.split("/verify-proof/").nth(1).and_then(|s| s.split('"').next()).expect("a verify link");
    let verify = common::body_text(common::send(state.clone(), common::get(&format!("/verify-proof/{link}"))).await).await;
    assert!(verify.contains("证明真实有效"), "{verify}");
    assert!(html.contains("周干事"), "the proof names its person");
    assert!(!verify.contains("周干事") && !verify.contains(&id_number(3)[14..]) && !verify.contains("测试单位"), "nothing personal: {verify}");
    let other = if link.ends_with('0') { '1' } else { '0' };
    let forged = common::send(state.clone(), common::get(&format!("/verify-proof/{}{other}", &link[..link.len() - 1]))).await;
    assert_eq!(forged.status(), StatusCode::NOT_FOUND);
}
