//! 工伤 on SQLite and PostgreSQL, through the router: a unit's 工伤事故申报 needs both photos, a
//! unit's own account and an employee insured in 工伤 with it; it waits in the case queue, its
//! photos shown to the operator; approving it recognises the injury; the grade an operator
//! enters gives the award computed from the ledger's bases with its working; the assessor can
//! never approve it (four eyes, in the handler and in the store); a return sends it back for a
//! new grade; the injured person then reads the award with its working, and no one else does.

mod common;

use std::sync::Arc;

use app::api::auth::Role;
use app::api::sync::{AttachmentRef, FilingKind, Outcome};
use app::domain::forms::injury_report::{InjuryReportDraft, RECORD_SLOT, SCENE_SLOT};
use app::domain::ledger::Month;
use app::domain::policy::Insurance;
use axum::http::{Method, StatusCode};
use common::browser::staff;
use common::{batch, client_id, credit_code, enrolment, id_number, item, signed_in};
use serde_json::json;
use server::accounts::session::Principal;
use server::{intake, Store};

fn report(id: &str, accident_on: &str) -> InjuryReportDraft {
    InjuryReportDraft {
        id_number: id.into(),
        name: "王小明".into(),
        accident_on: accident_on.into(),
        accident_at: "14:30".into(),
        place: "一号车间冲压线".into(),
        account: "操作冲床时右手被模具压伤，当即送医".into(),
        institution: "南京市第一医院".into(),
        credit_code: String::new(),
    }
}

async fn photo(state: &server::AppState, slot: &str) -> AttachmentRef {
    let bytes = format!("\u{ff}\u{d8} a photo of the {slot}").into_bytes();
    let sha256 = server::vault::hex_sha256(&bytes);
    let sealed = state.vault.seal(&server::vault::bound::attachment(&sha256), &bytes);
    state.store.attachment_complete(&sha256, "image/jpeg", bytes.len() as i64, &sealed, 1).await.unwrap();
    AttachmentRef { slot: slot.into(), sha256 }
}

async fn file(state: &server::AppState, d: &InjuryReportDraft, photos: &[AttachmentRef], by: Option<&Principal>) -> Outcome {
    let mut it = item(&client_id(), FilingKind::InjuryReport, &serde_json::to_string(d).unwrap());
    it.attachments = photos.to_vec();
    intake::ingest_as(&state.cx(), batch(vec![it]), by).await.unwrap().results[0].outcome()
}

fn refused_on(o: Outcome) -> (String, String) {
    match o {
        Outcome::Rejected { errors } => errors.errors.into_iter().next().map(|(f, i)| (f, i[0].code.to_string())).unwrap(),
        other => panic!("{other:?}"),
    }
}

/// `id` insured in 工伤 (and 养老) with unit 1 from three months back, at 6,000 yuan a month: a
/// field worker's enrolment, approved, and each month since assessed. Today and this month.
async fn insured(state: &server::AppState, id: &str) -> (app::domain::Date, Month) {
    let worker = common::field_worker(state).await;
    let today = app::domain::Date::china_from_unix_ms(server::store::now_ms());
    let this = Month::of(today);
    let start = Month::from_index(this.index() - 3).unwrap();
    let mut e = enrolment(id);
    e.insurances = vec![Insurance::Pension, Insurance::WorkInjury];
    e.start_month = start.to_string();
    let out = intake::ingest_as(&state.cx(), batch(vec![item(&client_id(), FilingKind::Enrolment, &serde_json::to_string(&e).unwrap())]), Some(&worker)).await.unwrap();
    assert!(matches!(out.results[0].outcome(), Outcome::Accepted { .. }), "{:?}", out.results[0].outcome());
    assert_eq!(common::approve_all(state).await, 1);
    for m in start.through(this) {
        server::ledger::monthly::assess(&state.cx(), m, None, None).await.unwrap();
    }
    (today, this)
}

async fn a_work_accident_is_reported_recognised_and_awarded_under_four_eyes(store: Arc<dyn Store>) {
    let state = common::state_over(store.clone());
    let id = id_number(1);
    let (today, _) = insured(&state, &id).await;

    // The report: both photos, the unit's own account, an employee insured with it.
    let unit_account = signed_in(&state, Role::EmployerHandler, Some(&credit_code(1))).await;
    let (scene, record) = (photo(&state, SCENE_SLOT).await, photo(&state, RECORD_SLOT).await);
    let d = report(&id, &today.iso());
    assert_eq!(refused_on(file(&state, &d, std::slice::from_ref(&scene), Some(&unit_account)).await), (RECORD_SLOT.into(), "injury.photos".into()));
    let both = [scene.clone(), record.clone()];
    let resident = signed_in(&state, Role::Resident, None).await;
    assert_eq!(refused_on(file(&state, &d, &both, Some(&resident)).await), ("id_number".into(), "injury.own_only".into()), "a resident, for someone else");
    let stranger = report(&id_number(2), &today.iso());
    assert_eq!(refused_on(file(&state, &stranger, &both, Some(&unit_account)).await), ("id_number".into(), "injury.not_insured".into()));
    let other_unit = signed_in(&state, Role::EmployerHandler, Some(&credit_code(2))).await;
    assert_eq!(refused_on(file(&state, &d, &both, Some(&other_unit)).await), ("id_number".into(), "injury.not_insured".into()), "another unit's employee");
    assert!(matches!(file(&state, &d, &both, Some(&unit_account)).await, Outcome::Accepted { .. }));

    // The case: its checks passed, the timing shown, both photos; approving it recognises.
    let (o_id, mut o) = staff(&state, "operator", &id_number(60), "13700000060").await;
    let (_, mut s) = staff(&state, "supervisor", &id_number(61), "13700000061").await;
    let queue = o.call(&state, Method::GET, "/api/office/cases?kind=injury_report&module=work_injury", None).await;
    assert_eq!(queue.body["total"].as_i64(), Some(1), "{}", queue.body);
    let case = queue.body["items"][0]["id"].as_i64().unwrap();
    let view = o.call(&state, Method::GET, &format!("/api/office/cases/{case}"), None).await;
    assert!(view.body["checks"].as_array().unwrap().iter().all(|c| c["issue"].is_null()), "{}", view.body);
    let mut slots: Vec<&str> = view.body["attachments"].as_array().unwrap().iter().filter_map(|s| s.as_str()).collect();
    slots.sort_unstable();
    assert_eq!(slots, [RECORD_SLOT, SCENE_SLOT], "{}", view.body);
    assert_eq!(view.body["effect"][0]["action"], "recognise");
    assert!(view.body["effect"][0]["working"].to_string().contains("30日内"), "in time: {}", view.body);
    let shown = o.call(&state, Method::GET, &format!("/api/office/cases/{case}/files/{SCENE_SLOT}"), None).await;
    assert_eq!(shown.status, StatusCode::OK);
    assert_eq!(o.call(&state, Method::GET, &format!("/api/office/cases/{case}/files/id_copy"), None).await.status, StatusCode::NOT_FOUND);
    assert_eq!(common::approve_all(&state).await, 1);

    // Recognised: listed with the ID number masked; the grade gives the award and its working.
    let listed = o.call(&state, Method::GET, "/api/office/injuries", None).await;
    assert_eq!(listed.status, StatusCode::OK, "{}", listed.body);
    let injury = listed.body[0].clone();
    assert_eq!((injury["status"].as_str(), injury["late_days"].as_i64()), (Some("recognised"), Some(0)), "{injury}");
    assert!(!listed.body.to_string().contains(&id), "masked");
    let iid = injury["id"].as_i64().unwrap();
    let assess = |grade: &str| json!({ "grade": grade });
    let path = format!("/api/office/injuries/{iid}/assessment");
    let bad = o.call(&state, Method::POST, &path, Some(assess("11"))).await;
    assert_eq!((bad.status, bad.body["fields"]["errors"]["grade"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("injury.grade")), "{}", bad.body);
    let done = o.call(&state, Method::POST, &path, Some(assess("8"))).await;
    assert_eq!((done.status, done.body["status"].as_str()), (StatusCode::OK, Some("assessed")), "{}", done.body);
    let benefits = app::domain::benefits::BenefitPolicy::from_json(server::state::SHIPPED_POLICY).unwrap();
    let months = i64::from(benefits.work_injury_benefits.lump_sum_months[7]);
    let award = &done.body["award"];
    assert_eq!((award["wage"].as_i64(), award["lump_sum"].as_i64(), award["monthly_allowance"].as_i64()), (Some(600_000), Some(600_000 * months), None), "{award}");
    let working = award["working"].to_string();
    assert!(working.contains("3 个月缴费工资") && working.contains("一次性伤残补助金"), "{working}");
    assert_eq!(o.call(&state, Method::POST, &path, Some(assess("8"))).await.status, StatusCode::CONFLICT, "assessed already");

    // Four eyes: never the assessor, in the handler or in the store.
    let decision = format!("/api/office/injuries/{iid}/decision");
    let own = o.call(&state, Method::POST, &decision, Some(json!({"approve": true}))).await;
    assert_eq!((own.status, own.body["code"].as_str()), (StatusCode::FORBIDDEN, Some("four_eyes")), "{}", own.body);
    let entry = server::store::AuditEntry { action: "test".into(), ..Default::default() };
    assert!(!store.injury_decide(iid, o_id, None, &entry, 9).await.unwrap(), "the store refuses the assessor too");
    // Returned with a reason: graded again.
    let returned = s.call(&state, Method::POST, &decision, Some(json!({"approve": false, "reason": "鉴定结论为九级，请核对"}))).await;
    assert_eq!((returned.status, returned.body["status"].as_str()), (StatusCode::OK, Some("recognised")), "{}", returned.body);
    assert!(returned.body["award"].is_null() && returned.body["return_reason"] == "鉴定结论为九级，请核对", "{}", returned.body);
    assert_eq!(o.call(&state, Method::POST, &path, Some(assess("8"))).await.status, StatusCode::OK);
    let approved = s.call(&state, Method::POST, &decision, Some(json!({"approve": true}))).await;
    assert_eq!((approved.status, approved.body["status"].as_str()), (StatusCode::OK, Some("approved")), "{}", approved.body);
    assert_eq!(s.call(&state, Method::POST, &decision, Some(json!({"approve": true}))).await.status, StatusCode::CONFLICT, "decided");

    // The injured person reads the award with its working; someone else reads nothing.
    let (_, mut me) = staff(&state, "resident", &id, "13900139001").await;
    let mine = me.call(&state, Method::GET, "/api/injuries", None).await;
    assert_eq!(mine.status, StatusCode::OK, "{}", mine.body);
    assert_eq!((mine.body[0]["status"].as_str(), mine.body[0]["grade"].as_u64()), (Some("approved"), Some(8)), "{}", mine.body);
    assert_eq!(mine.body[0]["award"]["lump_sum"].as_i64(), Some(600_000 * months));
    let (_, mut other) = staff(&state, "resident", &id_number(3), "13900139003").await;
    assert_eq!(other.call(&state, Method::GET, "/api/injuries", None).await.body, json!([]));
    let log: Vec<String> = store.audit_recent(100).await.unwrap().into_iter().map(|r| r.entry.action).collect();
    for action in ["case.file", "injury.assess", "injury.return", "injury.approve"] {
        assert!(log.iter().any(|a| a == action), "{action}: {log:?}");
    }
}
both_stores!(work_accident, a_work_accident_is_reported_recognised_and_awarded_under_four_eyes);

/// `id`'s accident today reported by unit 1 with both photos and recognised (its case approved);
/// an operator and a supervisor (staff numbers `n` and `n + 1`) and the injury's id.
struct Recognised {
    iid: i64,
    o: common::browser::Browser,
    s: common::browser::Browser,
}

async fn recognised(state: &server::AppState, id: &str, today: app::domain::Date, n: u32) -> Recognised {
    let unit_account = signed_in(state, Role::EmployerHandler, Some(&credit_code(1))).await;
    let both = [photo(state, SCENE_SLOT).await, photo(state, RECORD_SLOT).await];
    assert!(matches!(file(state, &report(id, &today.iso()), &both, Some(&unit_account)).await, Outcome::Accepted { .. }));
    assert_eq!(common::approve_all(state).await, 1);
    let (_, mut o) = staff(state, "operator", &id_number(n), &format!("137000000{n}")).await;
    let (_, s) = staff(state, "supervisor", &id_number(n + 1), &format!("137000000{}", n + 1)).await;
    let iid = o.call(state, Method::GET, "/api/office/injuries", None).await.body[0]["id"].as_i64().unwrap();
    Recognised { iid, o, s }
}

/// A grade-3 award approved under four eyes: the monthly run pays its 一次性伤残补助金 once, and
/// its 伤残津贴 from the month after the grade was entered, each month once, no more once the
/// person's pension begins (工伤保险条例 第35条), and a month whose minimum wage is more pays
/// that; 待遇发放明细 lists them, and the person reads them on 我的社保.
async fn a_grade_three_allowance_is_paid_monthly_until_the_pension(store: Arc<dyn Store>) {
    let state = common::state_over(store.clone());
    let id = id_number(4);
    let (today, this) = insured(&state, &id).await;
    let Recognised { iid, mut o, mut s } = recognised(&state, &id, today, 60).await;
    let done = o.call(&state, Method::POST, &format!("/api/office/injuries/{iid}/assessment"), Some(json!({"grade": "3"}))).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    let monthly = done.body["award"]["monthly_allowance"].as_i64().expect("grades 1–4 have one");
    let lump = done.body["award"]["lump_sum"].as_i64().unwrap();
    assert!(done.body["award"]["working"].to_string().contains("不低于当地最低工资标准 2,490.00"), "the shipped minimum compared: {}", done.body);
    // The policy as shipped, and the minimum wage raised above the award from the month after
    // next (a later notice).
    let mut policy = app::domain::benefits::BenefitPolicy::from_json(server::state::SHIPPED_POLICY).unwrap().work_injury_benefits;
    let raised = monthly + 12_345;
    policy.minimum_wages.push(app::domain::benefits::MonthlyAmount { region: 320000, from: this.next().next().to_string(), monthly: raised, confirmed: false, source: "test".into() });
    assert_eq!(server::injuries::pay_due(store.as_ref(), &policy, this, 1).await.unwrap(), 0, "not approved yet");
    let approved = s.call(&state, Method::POST, &format!("/api/office/injuries/{iid}/decision"), Some(json!({"approve": true}))).await;
    assert_eq!(approved.status, StatusCode::OK, "{}", approved.body);
    assert_eq!(server::injuries::pay_due(store.as_ref(), &policy, this, 2).await.unwrap(), 1, "the lump sum; the allowance from the month after the grade");
    assert_eq!(server::injuries::pay_due(store.as_ref(), &policy, this, 2).await.unwrap(), 0, "the lump sum once");

    // A pension from the third month on: the next two months' allowance is all ever paid, the
    // second at the raised minimum.
    let person = store.person_id(&state.vault.blind_index(server::vault::purpose::ID_NUMBER, &id)).await.unwrap().unwrap();
    let (filer, approver) = (signed_in(&state, Role::Operator, None).await, signed_in(&state, Role::Supervisor, None).await);
    let pension_from = this.next().next().next();
    let claim = server::pensions::NewClaim {
        person_id: person,
        category: app::domain::pension::Category::Male,
        retire_in: this.next(),
        first_month: pension_from,
        archive_months: 180,
        archive_index: 10_000,
        archive_ref: "档案".into(),
        base: app::domain::Fen(813_167),
        index: 10_000,
        months: 180,
        basic: app::domain::Fen(200_000),
        account: app::domain::Fen(0),
        working: Vec::new(),
        submitted_by: filer.account.id,
    };
    let entry = server::store::AuditEntry { action: "test".into(), ..Default::default() };
    let cid = store.claim_submit(&claim, &entry, 3).await.unwrap().unwrap();
    assert!(store.claim_decide(cid, approver.account.id, None, today, &entry, 4).await.unwrap());
    let later = Month::from_index(pension_from.index() + 2).unwrap();
    assert_eq!(server::injuries::pay_due(store.as_ref(), &policy, later, 5).await.unwrap(), 2, "two months only");
    assert_eq!(server::injuries::pay_due(store.as_ref(), &policy, later, 6).await.unwrap(), 0, "once");
    let benefits = server::reports::filter(server::reports::Report::BenefitPayments, server::reports::Scope::All, this, later, None, None).unwrap();
    // 待遇发放明细 lists both, named, at the award's amounts.
    let dir = tempfile::tempdir().unwrap();
    let (file, rows) = server::reports::file::produce_to_temp(store.as_ref(), &state.vault, server::reports::Report::BenefitPayments, &benefits, server::reports::file::Format::Csv, today, dir.path()).await.unwrap();
    let csv = std::fs::read_to_string(file.path()).unwrap();
    assert_eq!(rows, 3, "{csv}");
    assert!(csv.contains(&format!("{},", this.next())) && csv.contains("伤残津贴") && csv.contains(&app::domain::Fen(monthly).yuan().replace(',', "")), "{csv}");
    assert!(csv.contains(&format!("{},", this)) && csv.contains("一次性伤残补助金") && csv.contains(&app::domain::Fen(lump).yuan().replace(',', "")), "{csv}");

    // The person reads what was paid: the lump sum's month, the two allowance months and their sum.
    let (_, mut me) = staff(&state, "resident", &id, "13900139004").await;
    let mine = me.call(&state, Method::GET, "/api/injuries", None).await;
    assert_eq!(mine.status, StatusCode::OK, "{}", mine.body);
    let paid = &mine.body[0]["paid"];
    assert_eq!(paid["lump_sum_in"].as_str(), Some(this.to_string().as_str()), "{paid}");
    assert_eq!((paid["allowance_months"].as_u64(), paid["allowance_total"].as_i64()), (Some(2), Some(monthly + raised)), "{paid}");
    assert_eq!(paid["allowance"], json!([{"month": this.next().next().to_string(), "amount": raised}, {"month": this.next().to_string(), "amount": monthly}]), "{paid}");
}
both_stores!(injury_allowance, a_grade_three_allowance_is_paid_monthly_until_the_pension);

/// 工伤保险条例 第17条 第2款: the unit has not applied, so the injured person — who has left the
/// unit since — applies for themselves, naming the unit; only for their own ID number, and an unknown unit is answered as
/// one they were not insured with. The case says it is the person's own application and how
/// long after the accident; approving it recognises the injury as a unit's report would.
async fn the_injured_person_applies_when_the_unit_did_not(store: Arc<dyn Store>) {
    let state = common::state_over(store.clone());
    let id = id_number(3);
    let (today, this) = insured(&state, &id).await;
    // The person has left the unit since the accident (减员 this month): held then is what counts.
    let unit_account = signed_in(&state, Role::EmployerHandler, Some(&credit_code(1))).await;
    let sep = app::domain::forms::separation::SeparationDraft {
        id_number: id.clone(),
        name: "王小明".into(),
        insurances: vec![Insurance::Pension, Insurance::WorkInjury],
        last_month: this.to_string(),
        left_on: today.iso(),
        reason: "dismissed".into(),
        credit_code: String::new(),
    };
    let out = intake::ingest_as(&state.cx(), batch(vec![item(&client_id(), FilingKind::Separation, &serde_json::to_string(&sep).unwrap())]), Some(&unit_account)).await.unwrap();
    assert!(matches!(out.results[0].outcome(), Outcome::Accepted { .. }), "{:?}", out.results[0].outcome());
    assert_eq!(common::approve_all(&state).await, 1);

    let (_, _browser) = staff(&state, "resident", &id, "13900139003").await;
    let me = {
        let account = state.store.account_by_id_index(&state.vault.blind_index(server::vault::purpose::ID_NUMBER, &id)).await.unwrap().unwrap();
        Principal { account, role: Role::Resident, token_hash: String::new(), csrf: String::new() }
    };
    let both = [photo(&state, SCENE_SLOT).await, photo(&state, RECORD_SLOT).await];
    let accident = app::domain::Date::from_days_since_epoch(today.days_since_epoch() - 40);
    let mut d = report(&id, &accident.iso());
    assert_eq!(refused_on(file(&state, &d, &both, Some(&me)).await), ("credit_code".into(), "injury.unit_required".into()));
    d.credit_code = credit_code(9);
    assert_eq!(refused_on(file(&state, &d, &both, Some(&me)).await), ("id_number".into(), "injury.not_insured".into()), "an unknown unit: the same answer");
    let mut someone_else = report(&id_number(4), &accident.iso());
    someone_else.credit_code = credit_code(1);
    assert_eq!(refused_on(file(&state, &someone_else, &both, Some(&me)).await), ("id_number".into(), "injury.own_only".into()));
    d.credit_code = credit_code(1);
    assert!(matches!(file(&state, &d, &both, Some(&me)).await, Outcome::Accepted { .. }));

    let (_, mut o) = staff(&state, "operator", &id_number(62), "13700000062").await;
    let queue = o.call(&state, Method::GET, "/api/office/cases?kind=injury_report", None).await;
    assert_eq!(queue.body["total"].as_i64(), Some(1), "{}", queue.body);
    let case = queue.body["items"][0]["id"].as_i64().unwrap();
    let view = o.call(&state, Method::GET, &format!("/api/office/cases/{case}"), None).await;
    assert!(view.body["checks"].as_array().unwrap().iter().all(|c| c["issue"].is_null()), "{}", view.body);
    let working = view.body["effect"][0]["working"].to_string();
    assert!(working.contains("职工本人申请") && working.contains("距事故 40 天"), "{working}");
    let decide_by = app::domain::Date::from_days_since_epoch(today.days_since_epoch() + 60);
    assert!(working.contains(&format!("即 {} 前", decide_by.iso())), "the decision's 60 days: {working}");
    assert_eq!(common::approve_all(&state).await, 1);
    let listed = o.call(&state, Method::GET, "/api/office/injuries", None).await;
    assert_eq!((listed.body[0]["status"].as_str(), listed.body[0]["late_days"].as_i64()), (Some("recognised"), Some(10)), "{}", listed.body);
}
both_stores!(own_application, the_injured_person_applies_when_the_unit_did_not);

/// 生活护理费 (工伤保险条例 第34条): a grade entered with the care the conclusion found (here
/// 生活部分不能自理) adds 30 % of the same average wage a month to the award, with its working
/// line; an unknown care level is refused on its field; once approved the fund pays it from the
/// month after the grade was entered, each month once, listed in 待遇发放明细 and read by the
/// person.
async fn a_care_allowance_is_computed_and_paid_monthly(store: Arc<dyn Store>) {
    let state = common::state_over(store.clone());
    let id = id_number(5);
    let (today, this) = insured(&state, &id).await;
    let Recognised { iid, mut o, mut s } = recognised(&state, &id, today, 62).await;
    let path = format!("/api/office/injuries/{iid}/assessment");
    let bad = o.call(&state, Method::POST, &path, Some(json!({"grade": "8", "care": "some"}))).await;
    assert_eq!((bad.status, bad.body["fields"]["errors"]["care"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("injury.care")), "{}", bad.body);
    let done = o.call(&state, Method::POST, &path, Some(json!({"grade": "8", "care": "part"}))).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    let award = &done.body["award"];
    // The average wage's line (the province's, the year before the accident) and 30 % of it, half up.
    let average = award["working"].as_array().unwrap().iter().find(|l| l["zh"].as_str().unwrap().starts_with("全省职工月平均工资")).unwrap()["amount"].as_i64().unwrap();
    let fee = award["care_fee"].as_i64().expect("a care allowance");
    assert_eq!(fee, (average * 30 * 2 + 100) / 200, "{award}");
    assert!(award["monthly_allowance"].is_null(), "grade 8 has no 伤残津贴: {award}");
    assert!(award["working"].to_string().contains("生活护理费（生活部分不能自理）"), "{award}");

    let policy = app::domain::benefits::BenefitPolicy::from_json(server::state::SHIPPED_POLICY).unwrap().work_injury_benefits;
    assert_eq!(server::injuries::pay_due(store.as_ref(), &policy, this.next(), 1).await.unwrap(), 0, "not approved yet");
    let approved = s.call(&state, Method::POST, &format!("/api/office/injuries/{iid}/decision"), Some(json!({"approve": true}))).await;
    assert_eq!(approved.status, StatusCode::OK, "{}", approved.body);
    let later = this.next().next();
    assert_eq!(server::injuries::pay_due(store.as_ref(), &policy, later, 2).await.unwrap(), 3, "the lump sum and two months of care");
    assert_eq!(server::injuries::pay_due(store.as_ref(), &policy, later, 3).await.unwrap(), 0, "each once");

    let benefits = server::reports::filter(server::reports::Report::BenefitPayments, server::reports::Scope::All, this, later, None, None).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (file, rows) = server::reports::file::produce_to_temp(store.as_ref(), &state.vault, server::reports::Report::BenefitPayments, &benefits, server::reports::file::Format::Csv, today, dir.path()).await.unwrap();
    let csv = std::fs::read_to_string(file.path()).unwrap();
    assert_eq!(rows, 3, "{csv}");
    assert_eq!(csv.matches("生活护理费").count(), 2, "{csv}");
    assert!(csv.contains(&format!("{},", later)) && csv.contains(&app::domain::Fen(fee).yuan().replace(',', "")), "{csv}");

    let (_, mut me) = staff(&state, "resident", &id, "13900139005").await;
    let mine = me.call(&state, Method::GET, "/api/injuries", None).await;
    assert_eq!(mine.status, StatusCode::OK, "{}", mine.body);
    assert_eq!(mine.body[0]["award"]["care_fee"].as_i64(), Some(fee), "{}", mine.body);
    let paid = &mine.body[0]["paid"];
    assert_eq!((paid["care_months"].as_u64(), paid["care_total"].as_i64()), (Some(2), Some(2 * fee)), "{paid}");
}
both_stores!(injury_care, a_care_allowance_is_computed_and_paid_monthly);

/// 停止享受工伤保险待遇 (工伤保险条例 第42条): a grade-3 award with a 生活护理费, two months of
/// each paid; an operator then records that the person refused treatment, back-dated to a month
/// before the first owed — the stop takes the first owed, both benefits stop from it, and the
/// months already paid from it are listed with their sum to recover (the workbench's `paying`
/// list holds the award before the stop and, with them, after it). Refused: a stop before the
/// award is approved, an unknown reason, a second stop. The person reads the stop and its reason.
async fn an_operator_stops_the_monthly_benefits(store: Arc<dyn Store>) {
    let state = common::state_over(store.clone());
    let id = id_number(6);
    let (today, this) = insured(&state, &id).await;
    let Recognised { iid, mut o, mut s } = recognised(&state, &id, today, 64).await;
    let done = o.call(&state, Method::POST, &format!("/api/office/injuries/{iid}/assessment"), Some(json!({"grade": "3", "care": "full"}))).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    let stop = format!("/api/office/injuries/{iid}/stop");
    let early = o.call(&state, Method::POST, &stop, Some(json!({"reason": "refused_treatment", "month": this.to_string()}))).await;
    assert_eq!((early.status, early.body["code"].as_str()), (StatusCode::CONFLICT, Some("injury.not_paying")), "not approved yet: {}", early.body);
    let approved = s.call(&state, Method::POST, &format!("/api/office/injuries/{iid}/decision"), Some(json!({"approve": true}))).await;
    assert_eq!(approved.status, StatusCode::OK, "{}", approved.body);
    let policy = app::domain::benefits::BenefitPolicy::from_json(server::state::SHIPPED_POLICY).unwrap().work_injury_benefits;
    let later = this.next().next();
    assert_eq!(server::injuries::pay_due(store.as_ref(), &policy, later, 2).await.unwrap(), 5, "the lump sum, two months of 伤残津贴 and two of 生活护理费");

    let paying = o.call(&state, Method::GET, "/api/office/injuries?status=paying", None).await;
    assert_eq!((paying.body[0]["id"].as_i64(), paying.body[0]["stopped"].is_null()), (Some(iid), true), "listed for a stop: {}", paying.body);
    let bad = o.call(&state, Method::POST, &stop, Some(json!({"reason": "moved", "month": this.to_string()}))).await;
    assert_eq!((bad.status, bad.body["fields"]["errors"]["reason"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("injury.stop_reason")), "{}", bad.body);
    let stopped = o.call(&state, Method::POST, &stop, Some(json!({"reason": "refused_treatment", "month": this.to_string()}))).await;
    assert_eq!(stopped.status, StatusCode::OK, "{}", stopped.body);
    let (_, mut me) = staff(&state, "resident", &id, "13900139006").await;
    let paid = me.call(&state, Method::GET, "/api/injuries", None).await.body[0]["paid"].clone();
    let owed = paid["allowance_total"].as_i64().unwrap() + paid["care_total"].as_i64().unwrap();
    assert_eq!(
        stopped.body["stopped"],
        json!({"month": this.next().to_string(), "reason": "refused_treatment", "overpaid_months": 4, "overpaid_total": owed}),
        "from the first month owed, every month paid to recover: {}",
        stopped.body
    );
    let paying = o.call(&state, Method::GET, "/api/office/injuries?status=paying", None).await;
    assert_eq!(paying.body[0]["stopped"]["overpaid_months"].as_u64(), Some(4), "listed with the months to recover: {}", paying.body);
    let again = o.call(&state, Method::POST, &stop, Some(json!({"reason": "lost_conditions", "month": later.to_string()}))).await;
    assert_eq!((again.status, again.body["code"].as_str()), (StatusCode::CONFLICT, Some("injury.not_paying")), "once: {}", again.body);
    assert_eq!(server::injuries::pay_due(store.as_ref(), &policy, later.next().next(), 3).await.unwrap(), 0, "nothing past the stop");

    let mine = me.call(&state, Method::GET, "/api/injuries", None).await;
    assert_eq!((mine.body[0]["stopped"]["month"].as_str(), mine.body[0]["stopped"]["reason"].as_str()), (Some(this.next().to_string().as_str()), Some("refused_treatment")), "{}", mine.body);
}
both_stores!(injury_stop, an_operator_stops_the_monthly_benefits);
