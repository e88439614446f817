//! 医疗费用报销 on SQLite and PostgreSQL, through the router: a person insured in 医疗保险
//! claims a hospital stay back — only their own, with a photo of every receipt; the operator
//! sees the receipts filed (each its own field), the check and the working; a return names the
//! wrong receipt and the person learns which; the fixed claim is approved and kept with what
//! it pays back; a second claim checked before the first was approved cannot be kept on that
//! stale check (the year's cap would be passed), and is kept once checked again, as the
//! year's second admission (the lower deductible); a receipt
//! paid back cannot be claimed again, by anyone, whichever cases race; the person
//! reads their claims, nobody else does. 新生儿参保: the guardian files for a child; the case
//! shows the first month covered; the child is enrolled once, whichever cases race; filed again,
//! by the certificate or the ID number, it is refused; the guardian reads the child.

mod common;

use std::sync::Arc;

use app::api::sync::{AttachmentRef, FilingKind, SyncItem};
use app::domain::forms::medical_claim::{validate, MedicalClaimDraft, RECEIPTS, RECEIPT_NUMBERS};
use app::domain::forms::newborn::NewbornDraft;
use app::domain::forms::Context;
use app::domain::ledger::Month;
use app::domain::policy::Insurance;
use app::domain::Date;
use axum::http::{Method, StatusCode};
use common::browser::{staff, Browser};
use common::{batch, client_id, credit_code, id_number, item};
use serde_json::{json, Value};
use server::ledger::relationships::NewPerson;
use server::ledger::Enrol;
use server::office::case_store::{CaseMoved, CaseTransition, Effect};
use server::vault::{bound, purpose};
use server::Store;

async fn photo(state: &server::AppState, slot: &str) -> AttachmentRef {
    let bytes = format!("\u{ff}\u{d8} a photo of {slot}").into_bytes();
    let sha256 = server::vault::hex_sha256(&bytes);
    let sealed = state.vault.seal(&bound::attachment(&sha256), &bytes);
    state.store.attachment_complete(&sha256, "image/jpeg", bytes.len() as i64, &sealed, 1).await.unwrap();
    AttachmentRef { slot: slot.into(), sha256 }
}

/// A claim's filing with a photo for each receipt in `photographed`.
async fn claim(state: &server::AppState, d: &MedicalClaimDraft, photographed: usize) -> SyncItem {
    let mut it = item(&client_id(), FilingKind::MedicalClaim, &serde_json::to_string(d).unwrap());
    for slot in RECEIPTS.iter().take(photographed) {
        it.attachments.push(photo(state, slot).await);
    }
    it
}

async fn sync(state: &server::AppState, b: &mut Browser, it: &SyncItem) -> Value {
    let answer = b.call(state, Method::POST, "/api/sync", Some(serde_json::to_value(batch(vec![it.clone()])).unwrap())).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    answer.body["results"][0].clone()
}

/// The first field a refusal names, and its first issue's code.
fn refused(result: &Value) -> (String, String) {
    assert_eq!(result["status"], "rejected", "{result}");
    let errors = result["errors"]["errors"].as_object().unwrap_or_else(|| panic!("{result}"));
    let (field, issues) = errors.iter().next().unwrap();
    (field.clone(), issues[0]["code"].as_str().unwrap().to_owned())
}

async fn decide(state: &server::AppState, b: &mut Browser, id: i64, body: Value) -> common::browser::Answer {
    b.call(state, Method::POST, &format!("/api/office/cases/{id}/decision"), Some(body)).await
}

/// The open medical claims' case ids, the oldest first.
async fn queue(state: &server::AppState, o: &mut Browser) -> Vec<i64> {
    let q = o.call(state, Method::GET, "/api/office/cases?kind=medical_claim&module=medical", None).await;
    assert_eq!(q.status, StatusCode::OK, "{}", q.body);
    let mut ids: Vec<i64> = q.body["items"].as_array().unwrap().iter().filter(|c| c["status"] != "rejected").map(|c| c["id"].as_i64().unwrap()).collect();
    ids.sort_unstable();
    ids
}

async fn a_claim_is_returned_per_receipt_fixed_and_paid_within_the_year(store: Arc<dyn Store>) {
    let state = common::state_over(store.clone());
    let id = id_number(1);
    let id_index = state.vault.blind_index(purpose::ID_NUMBER, &id);
    let today = Date::china_from_unix_ms(server::store::now_ms());
    let ago = |days: i64| Date::from_days_since_epoch(today.days_since_epoch() - days);
    // Insured in 医疗保险 in Nanjing (the province's rule applies) since three months back.
    let unit_id = common::unit(&state, &credit_code(1)).await;
    let person = NewPerson { id_index: id_index.clone(), id_sealed: state.vault.seal(&bound::ledger_person(&id_index), id.as_bytes()), name: "王小明".into() };
    let start = Month::from_index(Month::of(today).index() - 3).unwrap();
    let enrol = Enrol { unit_id, person, region: 320102, start_month: start.to_string(), insurances: vec![Insurance::Medical], base: 600_000, actor: None };
    assert_eq!(store.enrol_direct(&enrol, 1).await.unwrap(), None);

    let (_, mut me) = staff(&state, "resident", &id, "13900139001").await;
    let (operator, mut o) = staff(&state, "operator", &id_number(60), "13700000060").await;
    // Both stays end today, so they fall in one year whatever the day. A stay in a 三级 hospital with two receipts, 5,000 and 3,000 yuan.
    let stay = MedicalClaimDraft {
        id_number: id.clone(),
        name: "王小明".into(),
        hospital: "南京市第一医院".into(),
        level: "3".into(),
        admitted_on: ago(10).iso(),
        discharged_on: today.iso(),
        receipts: vec!["5000".into(), "3000".into()],
        receipt_numbers: vec!["32010126 0000000001".into(), "32010126 0000000002".into()],
    };

    // Only one's own; every receipt photographed; someone the ledger does not hold as insured
    // gets the same answer whether they exist or not.
    let (_, mut someone) = staff(&state, "resident", &id_number(3), "13900139003").await;
    assert_eq!(refused(&sync(&state, &mut someone, &claim(&state, &stay, 2).await).await), ("id_number".into(), "medical.not_self".into()));
    assert_eq!(refused(&sync(&state, &mut me, &claim(&state, &stay, 1).await).await), (RECEIPTS[1].into(), "medical.photo".into()));
    let theirs = MedicalClaimDraft { id_number: id_number(3), ..stay.clone() };
    assert_eq!(refused(&sync(&state, &mut someone, &claim(&state, &theirs, 2).await).await), ("id_number".into(), "medical.no_record".into()));
    let first = claim(&state, &stay, 2).await;
    assert_eq!(sync(&state, &mut me, &first).await["status"], "accepted");

    // The case: the two receipts filed (not the six slots), every check passed, the working.
    let ids = queue(&state, &mut o).await;
    assert_eq!(ids.len(), 1);
    let case = ids[0];
    let view = o.call(&state, Method::GET, &format!("/api/office/cases/{case}"), None).await;
    assert_eq!(view.status, StatusCode::OK, "{}", view.body);
    assert!(view.body["checks"].as_array().unwrap().iter().all(|c| c["issue"].is_null()), "{}", view.body);
    let fields: Vec<&str> = view.body["fields"].as_array().unwrap().iter().map(|f| f["name"].as_str().unwrap()).collect();
    assert!(fields.contains(&RECEIPTS[0]) && fields.contains(&RECEIPTS[1]) && !fields.contains(&RECEIPTS[2]), "{fields:?}");
    assert_eq!(view.body["attachments"].as_array().unwrap().len(), 2, "{}", view.body);
    let effect = &view.body["effect"][0];
    assert_eq!(effect["action"], "reimburse", "{effect}");
    let working = effect["working"].to_string();
    assert!(working.contains("起付线 900.00") && working.contains("85%") && working.contains("6,035.00"), "{working}");

    // Returned with a reason on the second receipt; the person learns which.
    assert_eq!(decide(&state, &mut o, case, json!({"action": "open"})).await.status, StatusCode::NO_CONTENT);
    let stray = json!({"action": "reject", "reasons": [{"target": {"kind": "field", "name": "monthly_base"}, "code": "wrong_value"}]});
    assert_eq!(decide(&state, &mut o, case, stray).await.status, StatusCode::UNPROCESSABLE_ENTITY, "not a field of a claim");
    let reason = json!({"action": "reject", "reasons": [{"target": {"kind": "field", "name": RECEIPTS[1]}, "code": "mismatch", "note": "票据金额为 2800 元"}]});
    assert_eq!(decide(&state, &mut o, case, reason).await.status, StatusCode::NO_CONTENT);
    let told = me.call(&state, Method::POST, "/api/filings/review", Some(json!({"client_ids": [first.client_id]}))).await;
    let review = &told.body["filings"][0];
    assert_eq!((review["status"].as_str(), review["reasons"][0]["target"]["name"].as_str()), (Some("rejected"), Some(RECEIPTS[1])), "{}", told.body);
    assert!(store.claims_of(store.person_id(&id_index).await.unwrap().unwrap(), 10).await.unwrap().is_empty(), "a return keeps nothing");

    // The fix (2,800 yuan), and a second stay in a 一级 hospital (1,000 yuan).
    let fixed_draft = MedicalClaimDraft { receipts: vec!["5000".into(), "2800".into()], ..stay.clone() };
    let mut fixed = claim(&state, &fixed_draft, 2).await;
    fixed.version_of = Some(first.client_id.clone());
    assert_eq!(sync(&state, &mut me, &fixed).await["status"], "accepted");
    let second_draft =
        MedicalClaimDraft { hospital: "玄武区社区卫生服务中心".into(), level: "1".into(), admitted_on: today.iso(), discharged_on: today.iso(), receipts: vec!["1000".into()], receipt_numbers: vec!["XW20260000777".into()], ..stay };
    assert_eq!(sync(&state, &mut me, &claim(&state, &second_draft, 1).await).await["status"], "accepted");
    let ids = queue(&state, &mut o).await;
    assert_eq!(ids.len(), 2, "{ids:?}");
    let (fixed_case, second_case) = (ids[0], ids[1]);

    // The second claim checked now, while nothing of the year is paid back yet …
    let ctx = Context { today, policy: None };
    let second = validate(&second_draft, &ctx).unwrap().value;
    let cx: server::ledger::Cx = state.cx();
    let stale = server::medical::claim::check(&cx, store.as_ref(), &second, server::medical::Asker::Desk, None).await.unwrap().unwrap().claim;
    assert_eq!(stale.already.0, 0);

    // … then the fix approved: (5,000 + 2,800 − 900) × 85 % = 5,865.00 yuan.
    for action in ["open", "approve"] {
        let done = decide(&state, &mut o, fixed_case, json!({ "action": action })).await;
        assert_eq!(done.status, StatusCode::NO_CONTENT, "{action}: {}", done.body);
    }
    let person = store.person_id(&id_index).await.unwrap().unwrap();
    assert_eq!(store.reimbursed_in(person, i32::from(today.year)).await.unwrap(), 586_500);

    // Someone else, insured too, files the second stay's receipt as theirs while it waits: let
    // in (nothing paid it back yet); checked now, before the second is approved.
    let other_id = id_number(4);
    let other_index = state.vault.blind_index(purpose::ID_NUMBER, &other_id);
    let other = NewPerson { id_index: other_index.clone(), id_sealed: state.vault.seal(&bound::ledger_person(&other_index), other_id.as_bytes()), name: "李四".into() };
    assert_eq!(store.enrol_direct(&Enrol { person: other, ..enrol }, 1).await.unwrap(), None);
    let (_, mut li) = staff(&state, "resident", &other_id, "13900139004").await;
    let copied = MedicalClaimDraft { id_number: other_id.clone(), name: "李四".into(), receipt_numbers: vec!["xw 2026 0000 777".into()], ..second_draft.clone() };
    assert_eq!(sync(&state, &mut li, &claim(&state, &copied, 1).await).await["status"], "accepted");
    let copied_case = *queue(&state, &mut o).await.iter().find(|id| ![fixed_case, second_case].contains(id)).unwrap();
    let copied_check = server::medical::claim::check(&cx, store.as_ref(), &validate(&copied, &ctx).unwrap().value, server::medical::Asker::Desk, None).await.unwrap().unwrap().claim;
    assert_eq!(copied_check.numbers, ["XW20260000777"]);

    // The stale check cannot be kept: the store refuses it in the approval's transaction.
    assert_eq!(decide(&state, &mut o, second_case, json!({"action": "open"})).await.status, StatusCode::NO_CONTENT);
    let effect = Effect::Reimburse(stale);
    let t = CaseTransition { id: second_case, from: "in_review", to: "approved", by: operator, reasons: None, effect: Some(&effect) };
    let audit = server::store::AuditEntry { action: "case.approved".into(), ..Default::default() };
    let moved = store.case_decide(&t, &audit, server::store::now_ms()).await.unwrap();
    assert!(matches!(moved, CaseMoved::Stale), "{moved:?}");
    assert_eq!(store.claims_of(person, 10).await.unwrap().len(), 1, "nothing kept");
    // Approved through the desk it is checked again, on the year as it now is — the year's
    // second admission, so half the 一级 deductible: (1,000 − 150) × 95 % = 807.50 yuan.
    let done = decide(&state, &mut o, second_case, json!({"action": "approve"})).await;
    assert_eq!(done.status, StatusCode::NO_CONTENT, "{}", done.body);
    assert_eq!(store.reimbursed_in(person, i32::from(today.year)).await.unwrap(), 586_500 + 80_750);

    // The receipt is paid back now: the copy's check made before cannot be kept (its person's
    // year did not change: the receipt alone refuses it), the desk checking again names the
    // receipt, and filed again it is refused at the intake.
    assert_eq!(decide(&state, &mut o, copied_case, json!({"action": "open"})).await.status, StatusCode::NO_CONTENT);
    let effect = Effect::Reimburse(copied_check);
    let t = CaseTransition { id: copied_case, from: "in_review", to: "approved", by: operator, reasons: None, effect: Some(&effect) };
    assert!(matches!(store.case_decide(&t, &audit, server::store::now_ms()).await.unwrap(), CaseMoved::Stale));
    let li_person = store.person_id(&other_index).await.unwrap().unwrap();
    assert!(store.claims_of(li_person, 10).await.unwrap().is_empty(), "the claim row went with the refused receipt");
    let again = decide(&state, &mut o, copied_case, json!({"action": "approve"})).await;
    assert_eq!((again.status, again.body["code"].as_str()), (StatusCode::CONFLICT, Some("case.checks_failed")), "{}", again.body);
    let view = o.call(&state, Method::GET, &format!("/api/office/cases/{copied_case}"), None).await;
    assert!(view.body.to_string().contains("medical.receipt_claimed"), "{}", view.body);
    assert_eq!(refused(&sync(&state, &mut li, &claim(&state, &copied, 1).await).await), (RECEIPT_NUMBERS[0].into(), "medical.receipt_claimed".into()));
    // One receipt of a new claim already paid back: the refusal names that one.
    let mixed = MedicalClaimDraft { receipts: vec!["10".into(), "20".into()], receipt_numbers: vec!["NEW0000000001".into(), "3201-0126-0000-0000-02".into()], ..second_draft.clone() };
    assert_eq!(refused(&sync(&state, &mut me, &claim(&state, &mixed, 2).await).await), (RECEIPT_NUMBERS[1].into(), "medical.receipt_claimed".into()));

    // The monthly run pays each out once.
    let this = Month::of(today);
    assert_eq!(server::medical::pay_due(store.as_ref(), this).await.unwrap(), 2);
    assert_eq!(server::medical::pay_due(store.as_ref(), this).await.unwrap(), 0, "once");
    let paid = server::reports::filter(server::reports::Report::BenefitPayments, server::reports::Scope::All, this, this, None, None).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (file, rows) = server::reports::file::produce_to_temp(store.as_ref(), &state.vault, server::reports::Report::BenefitPayments, &paid, server::reports::file::Format::Csv, today, dir.path())
        .await
        .unwrap();
    let csv = std::fs::read_to_string(file.path()).unwrap();
    assert!(rows == 2 && csv.contains("医疗费用报销") && csv.contains("5865.00") && csv.contains("807.50"), "待遇发放明细 lists both: {csv}");

    // The person reads both, the latest first, with the working; someone else reads nothing.
    let mine = me.call(&state, Method::GET, "/api/medical/claims", None).await;
    assert_eq!(mine.status, StatusCode::OK, "{}", mine.body);
    let got: Vec<(i64, i64)> = mine.body["claims"].as_array().unwrap().iter().map(|c| (c["claimed"].as_i64().unwrap(), c["reimbursed"].as_i64().unwrap())).collect();
    assert_eq!(got, [(100_000, 80_750), (780_000, 586_500)], "{}", mine.body);
    assert!(!mine.body["claims"][0]["working"].as_array().unwrap().is_empty());
    assert_eq!(someone.call(&state, Method::GET, "/api/medical/claims", None).await.body, json!({"claims": [], "children": []}));
}
both_stores!(medical_claim, a_claim_is_returned_per_receipt_fixed_and_paid_within_the_year);

/// A child's ID number for a birth date (sequence 002: a girl).
fn child_id(born: Date) -> String {
    let mut s = format!("320102{}002", born.digits());
    s.push(char::from(app::domain::id_number::check_char(s.as_bytes())));
    s
}

async fn a_newborn_is_enrolled_once_from_the_month_of_birth(store: Arc<dyn Store>) {
    let state = common::state_over(store.clone());
    let today = Date::china_from_unix_ms(server::store::now_ms());
    let born = Date::from_days_since_epoch(today.days_since_epoch() - 10);
    let guardian = id_number(2);
    let (_, mut mother) = staff(&state, "resident", &guardian, "13900139002").await;
    let (_, mut someone) = staff(&state, "resident", &id_number(3), "13900139003").await;
    let (_, mut worker) = staff(&state, "field_worker", &id_number(61), "13700000061").await;
    let (operator, mut o) = staff(&state, "operator", &id_number(60), "13700000060").await;
    let d = NewbornDraft {
        child_name: "王小宝".into(),
        birth_date: born.iso(),
        birth_cert: "O320012345".into(),
        child_id_number: child_id(born),
        region: "320102".into(),
        guardian_id_number: guardian.clone(),
        guardian_name: "王丽".into(),
        relation: "mother".into(),
    };
    let filing = |d: &NewbornDraft| item(&client_id(), FilingKind::Newborn, &serde_json::to_string(d).unwrap());

    // The guardian is the one signed in (staff file for anyone).
    assert_eq!(refused(&sync(&state, &mut someone, &filing(&d)).await), ("guardian_id_number".into(), "newborn.not_self".into()));
    let first = filing(&d);
    assert_eq!(sync(&state, &mut mother, &first).await["status"], "accepted");
    // The same child filed again by a field worker while the first waits: let in (nothing is
    // enrolled yet), but only one can be approved.
    assert_eq!(sync(&state, &mut worker, &filing(&d)).await["status"], "accepted");
    let q = o.call(&state, Method::GET, "/api/office/cases?kind=newborn&module=medical", None).await;
    assert_eq!(q.body["total"].as_i64(), Some(2), "{}", q.body);
    let mut ids: Vec<i64> = q.body["items"].as_array().unwrap().iter().map(|c| c["id"].as_i64().unwrap()).collect();
    ids.sort_unstable();
    assert_eq!(q.body["items"][0]["unit_name"], "", "no unit: {}", q.body);

    // The case: filed within the window, covered from the month of birth, with the working.
    let view = o.call(&state, Method::GET, &format!("/api/office/cases/{}", ids[0]), None).await;
    assert_eq!(view.status, StatusCode::OK, "{}", view.body);
    assert!(view.body["checks"].as_array().unwrap().iter().all(|c| c["issue"].is_null()), "{}", view.body);
    let effect = &view.body["effect"][0];
    assert_eq!((effect["action"].as_str(), effect["month"].as_str()), (Some("newborn"), Some(Month::of(born).to_string().as_str())), "{effect}");
    assert!(effect["working"].to_string().contains("出生后第 10 天参保"), "{effect}");

    // The second case's check, made now while the child is not enrolled …
    let cx: server::ledger::Cx = state.cx();
    let child = app::domain::forms::newborn::validate(&d, &Context { today, policy: None }).unwrap().value;
    let stale = server::medical::newborn::check(&cx, store.as_ref(), &child, server::medical::Asker::Desk, today).await.unwrap().unwrap();
    // … then the first approved.
    for action in ["open", "approve"] {
        let done = decide(&state, &mut o, ids[0], json!({ "action": action })).await;
        assert_eq!(done.status, StatusCode::NO_CONTENT, "{action}: {}", done.body);
    }
    // The stale check cannot enrol the child twice (the unique index, in the approval's
    // transaction); the desk, checking again, refuses to approve and the operator returns it.
    assert_eq!(decide(&state, &mut o, ids[1], json!({"action": "open"})).await.status, StatusCode::NO_CONTENT);
    let effect = Effect::Newborn(stale);
    let t = CaseTransition { id: ids[1], from: "in_review", to: "approved", by: operator, reasons: None, effect: Some(&effect) };
    let audit = server::store::AuditEntry { action: "case.approved".into(), ..Default::default() };
    assert!(matches!(store.case_decide(&t, &audit, server::store::now_ms()).await.unwrap(), CaseMoved::Stale));
    let again = decide(&state, &mut o, ids[1], json!({"action": "approve"})).await;
    assert_eq!((again.status, again.body["code"].as_str()), (StatusCode::CONFLICT, Some("case.checks_failed")), "{}", again.body);
    let view = o.call(&state, Method::GET, &format!("/api/office/cases/{}", ids[1]), None).await;
    assert!(view.body.to_string().contains("newborn.enrolled"), "{}", view.body);

    // Filed again now: refused at the intake, by the certificate or by the ID number alone.
    assert_eq!(refused(&sync(&state, &mut mother, &filing(&d)).await), ("birth_cert".into(), "newborn.enrolled".into()));
    let other_cert = NewbornDraft { birth_cert: "O320099999".into(), ..d.clone() };
    assert_eq!(refused(&sync(&state, &mut mother, &filing(&other_cert)).await), ("birth_cert".into(), "newborn.enrolled".into()));

    // The mother reads her child with the month cover began; nobody else does.
    let mine = mother.call(&state, Method::GET, "/api/medical/claims", None).await;
    assert_eq!(mine.status, StatusCode::OK, "{}", mine.body);
    assert_eq!(mine.body["children"].as_array().unwrap().len(), 1, "{}", mine.body);
    let c = &mine.body["children"][0];
    assert_eq!((c["name"].as_str(), c["born"].as_str(), c["covered_from"].as_str()), (Some("王小宝"), Some(born.iso().as_str()), Some(Month::of(born).to_string().as_str())), "{c}");
    assert_eq!(someone.call(&state, Method::GET, "/api/medical/claims", None).await.body, json!({"claims": [], "children": []}));
}
both_stores!(newborn, a_newborn_is_enrolled_once_from_the_month_of_birth);
