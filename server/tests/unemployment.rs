//! 失业保险金 on SQLite and PostgreSQL, through the intake, the case queue and the router: a
//! person whose 失业保险 the unit ended (a 减员 that does not say why needs the proof photo)
//! registers as unemployed — only for themselves; the operator sees the months granted from the
//! ledger's paid months and the amount with the working; approving it opens the spell, the
//! monthly run pays each month once; a new enrolment anywhere stops it by itself, the months
//! left kept for the next spell, and a second registration while employed is refused; while on
//! benefit a hospital stay is covered by 职工医保 (第48条), not before. Two
//! registrations approved at once open one spell.

mod common;

use std::sync::Arc;

use app::api::auth::Role;
use app::api::sync::{AttachmentRef, FilingKind, Outcome};
use app::domain::forms::separation::SeparationDraft;
use app::domain::forms::medical_claim::{MedicalClaimDraft, RECEIPTS};
use app::domain::forms::unemployment::{UnemploymentDraft, PROOF_SLOT};
use app::domain::ledger::Month;
use app::domain::policy::Insurance;
use axum::http::{Method, StatusCode};
use common::browser::staff;
use common::{batch, client_id, credit_code, enrolment, id_number, item, signed_in};
use server::accounts::session::Principal;
use server::ledger::relationships::NewPerson;
use server::ledger::{monthly, payments, Enrol};
use server::vault::{bound, purpose};
use server::{intake, Store};

async fn photo(state: &server::AppState) -> AttachmentRef {
    let bytes = b"\xff\xd8 a photo of the dismissal letter".to_vec();
    let sha256 = server::vault::hex_sha256(&bytes);
    let sealed = state.vault.seal(&bound::attachment(&sha256), &bytes);
    state.store.attachment_complete(&sha256, "image/jpeg", bytes.len() as i64, &sealed, 1).await.unwrap();
    AttachmentRef { slot: PROOF_SLOT.into(), sha256 }
}

async fn file(state: &server::AppState, kind: FilingKind, payload: String, photos: Vec<AttachmentRef>, by: &Principal) -> Outcome {
    let mut it = item(&client_id(), kind, &payload);
    it.attachments = photos;
    intake::ingest_as(&state.cx(), batch(vec![it]), Some(by)).await.unwrap().results[0].outcome()
}

fn refused_on(o: Outcome) -> (String, String) {
    match o {
        Outcome::Rejected { errors } => errors.errors.into_iter().next().map(|(f, i)| (f, i[0].code.to_string())).unwrap(),
        other => panic!("{other:?}"),
    }
}

async fn unemployment_is_granted_paid_and_stopped_by_a_new_job(store: Arc<dyn Store>) {
    let state = common::state_over(store.clone());
    let cx: server::ledger::Cx = state.cx();
    let id = id_number(1);
    let id_index = state.vault.blind_index(purpose::ID_NUMBER, &id);
    let today = app::domain::Date::china_from_unix_ms(server::store::now_ms());
    let this = Month::of(today);
    let at = |n: i32| Month::from_index(this.index() + n).unwrap();

    // Insured in 失业保险 with unit A for the 14 months before this one, each assessed and paid.
    let unit_a = common::unit(&state, &credit_code(1)).await;
    let person = NewPerson { id_index: id_index.clone(), id_sealed: state.vault.seal(&bound::ledger_person(&id_index), id.as_bytes()), name: "王小明".into() };
    let enrol = Enrol { unit_id: unit_a, person, region: 320102, start_month: at(-14).to_string(), insurances: vec![Insurance::Unemployment], base: 600_000, actor: None };
    assert_eq!(store.enrol_direct(&enrol, 1).await.unwrap(), None);
    let mut rows = Vec::new();
    for m in at(-14).through(at(-1)) {
        monthly::assess(&cx, m, None, None).await.unwrap();
        let s = store.statement(unit_a, &m.to_string()).await.unwrap().unwrap();
        let due = s.due;
        rows.push(serde_json::json!({ "credit_code": credit_code(1), "month": m.to_string(), "amount": format!("{}.{:02}", due / 100, due % 100), "reference": format!("REF-{m}"), "paid_on": today.iso() }));
    }
    let report = payments::import(store.as_ref(), serde_json::to_string(&rows).unwrap().as_bytes(), today, None, 1).await.unwrap();
    assert!(matches!(&report, payments::Report::Imported(i) if i.taken == 14), "{report:?}");

    // Registering while still insured is refused; the unit's 减员 (resigned: says nothing of
    // whose choice) ends it, giving a day the job ended three days before the person's.
    let (_, mut reader) = staff(&state, "resident", &id, "13900139001").await;
    let me = {
        let account = store.account_by_id_index(&id_index).await.unwrap().unwrap();
        Principal { account, role: Role::Resident, token_hash: String::new(), csrf: String::new() }
    };
    let d = UnemploymentDraft { id_number: id.clone(), name: "王小明".into(), left_on: today.iso(), cause: "dismissed".into(), statement: String::new() };
    let draft = || serde_json::to_string(&d).unwrap();
    assert_eq!(refused_on(file(&state, FilingKind::Unemployment, draft(), vec![photo(&state).await], &me).await), ("id_number".into(), "unemployment.insured".into()));
    let unit_account = signed_in(&state, Role::EmployerHandler, Some(&credit_code(1))).await;
    let unit_says = app::domain::Date::from_days_since_epoch(today.days_since_epoch() - 3);
    let sep = SeparationDraft { id_number: id.clone(), name: "王小明".into(), insurances: vec![Insurance::Unemployment], last_month: at(-1).to_string(), left_on: unit_says.iso(), reason: "resigned".into(), credit_code: String::new() };
    assert!(matches!(file(&state, FilingKind::Separation, serde_json::to_string(&sep).unwrap(), Vec::new(), &unit_account).await, Outcome::Accepted { .. }));
    assert_eq!(common::approve_all(&state).await, 1);

    // Never in 医疗保险, and not yet on benefit: a hospital stay is not covered.
    let stay = MedicalClaimDraft {
        id_number: id.clone(),
        name: "王小明".into(),
        hospital: "南京市第一医院".into(),
        level: "3".into(),
        admitted_on: today.iso(),
        discharged_on: today.iso(),
        receipts: vec!["2000".into()],
        receipt_numbers: vec!["3201012600000099".into()],
    };
    let claim = || async { AttachmentRef { slot: RECEIPTS[0].into(), ..photo(&state).await } };
    assert_eq!(refused_on(file(&state, FilingKind::MedicalClaim, serde_json::to_string(&stay).unwrap(), vec![claim().await], &me).await), ("id_number".into(), "medical.no_record".into()));

    // Only for oneself; without the proof photo the unit's reason does not do.
    let someone = signed_in(&state, Role::Resident, None).await;
    assert_eq!(refused_on(file(&state, FilingKind::Unemployment, draft(), vec![photo(&state).await], &someone).await), ("id_number".into(), "unemployment.not_self".into()));
    assert_eq!(refused_on(file(&state, FilingKind::Unemployment, draft(), Vec::new(), &me).await), (PROOF_SLOT.into(), "unemployment.proof".into()));
    assert!(matches!(file(&state, FilingKind::Unemployment, draft(), vec![photo(&state).await], &me).await, Outcome::Accepted { .. }));

    // The case: 14 months paid → 12 months granted, at the province's amount, with the working.
    let benefits = app::domain::benefits::BenefitPolicy::from_json(server::state::SHIPPED_POLICY).unwrap();
    let monthly_fen = benefits.unemployment.amount(320102, this).unwrap().monthly;
    let (_, mut o) = staff(&state, "operator", &id_number(60), "13700000060").await;
    let queue = o.call(&state, Method::GET, "/api/office/cases?kind=unemployment&module=unemployment", None).await;
    assert_eq!(queue.body["total"].as_i64(), Some(1), "{}", queue.body);
    let case = queue.body["items"][0]["id"].as_i64().unwrap();
    let view = o.call(&state, Method::GET, &format!("/api/office/cases/{case}"), None).await;
    assert!(view.body["checks"].as_array().unwrap().iter().all(|c| c["issue"].is_null()), "{}", view.body);
    assert_eq!(view.body["attachments"], serde_json::json!([PROOF_SLOT]), "{}", view.body);
    let effect = &view.body["effect"][0];
    assert_eq!((effect["action"].as_str(), effect["month"].as_str()), (Some("unemploy"), Some(this.to_string().as_str())), "{effect}");
    let working = effect["working"].to_string();
    assert!(working.contains("累计缴费 14 个月") && working.contains("最长领取 12 个月") && working.contains("离职"), "{working}");
    assert!(working.contains(&format!("12 个月 × {}", app::domain::Fen(monthly_fen).yuan())), "{working}");
    assert!(working.contains(&format!("单位 {}，本人 {}，相差 3 天", unit_says.iso(), today.iso())), "the unit's day against the person's: {working}");
    assert_eq!(common::approve_all(&state).await, 1);

    // Paid by the monthly run, each month once.
    assert_eq!(server::unemployment::pay_due(store.as_ref(), this, 2).await.unwrap(), 1);
    assert_eq!(server::unemployment::pay_due(store.as_ref(), this, 3).await.unwrap(), 0, "once");
    let mine = reader.call(&state, Method::GET, "/api/unemployment", None).await;
    assert_eq!(mine.status, StatusCode::OK, "{}", mine.body);
    let s = &mine.body[0];
    assert_eq!((s["status"].as_str(), s["months"].as_u64(), s["paid"].as_u64(), s["left"].as_u64()), (Some("active"), Some(12), Some(1), Some(11)), "{s}");
    assert_eq!((s["monthly"].as_i64(), s["paid_total"].as_i64()), (Some(monthly_fen), Some(monthly_fen)), "{s}");

    // On benefit the person is in 职工医保 (第48条): the same stay is covered now, and approved.
    assert!(matches!(file(&state, FilingKind::MedicalClaim, serde_json::to_string(&stay).unwrap(), vec![claim().await], &me).await, Outcome::Accepted { .. }));
    assert_eq!(common::approve_all(&state).await, 1);

    // A new job from next month, at unit B (its enrolment approved like any): the spell stops
    // from that month by itself; the months left stay for the next spell; the run pays no more.
    let worker = common::field_worker(&state).await;
    common::unit(&state, &credit_code(2)).await;
    let mut e = enrolment(&id);
    e.credit_code = credit_code(2);
    e.start_month = at(1).to_string();
    assert!(matches!(file(&state, FilingKind::Enrolment, serde_json::to_string(&e).unwrap(), Vec::new(), &worker).await, Outcome::Accepted { .. }));
    assert_eq!(common::approve_all(&state).await, 1);
    assert_eq!(server::unemployment::pay_due(store.as_ref(), at(2), 4).await.unwrap(), 0, "stopped");
    assert!(store.spells_to_pay().await.unwrap().is_empty(), "paid to the month before its stop, the spell is not read again");
    let mine = reader.call(&state, Method::GET, "/api/unemployment", None).await;
    let s = &mine.body[0];
    assert_eq!((s["status"].as_str(), s["stopped_in"].as_str(), s["paid"].as_u64(), s["left"].as_u64()), (Some("stopped"), Some(at(1).to_string().as_str()), Some(1), Some(11)), "{s}");
    // Employed again: no second registration.
    assert_eq!(refused_on(file(&state, FilingKind::Unemployment, draft(), vec![photo(&state).await], &me).await), ("id_number".into(), "unemployment.insured".into()));
    // The back office lists it stopped, with the reason; a statutory stop needs an active spell.
    let listed = o.call(&state, Method::GET, "/api/office/unemployment?status=stopped", None).await;
    assert_eq!(listed.status, StatusCode::OK, "{}", listed.body);
    assert_eq!(listed.body[0]["spell"]["stop_reason"].as_str(), Some("reemployed"), "{}", listed.body);
    assert!(!listed.body.to_string().contains(&id), "masked");
    let spell = listed.body[0]["id"].as_i64().unwrap();
    let again = o.call(&state, Method::POST, &format!("/api/office/unemployment/{spell}/stop"), Some(serde_json::json!({"reason": "military", "month": at(1).to_string()}))).await;
    assert_eq!((again.status, again.body["code"].as_str()), (StatusCode::CONFLICT, Some("unemployment.not_active")), "{}", again.body);
    // Someone else reads nothing.
    let (_, mut other) = staff(&state, "resident", &id_number(3), "13900139003").await;
    assert_eq!(other.call(&state, Method::GET, "/api/unemployment", None).await.body, serde_json::json!([]));
}
both_stores!(unemployment_spell, unemployment_is_granted_paid_and_stopped_by_a_new_job);

/// The person's 14 paid months with unit A, its 减员 (单位解除劳动合同: no photo needed), and a
/// 失业登记 filed by a field worker, waiting for the desk.
async fn a_registration_waiting(state: &server::AppState, store: &Arc<dyn Store>, id: &str) {
    let cx: server::ledger::Cx = state.cx();
    let id_index = state.vault.blind_index(purpose::ID_NUMBER, id);
    let today = app::domain::Date::china_from_unix_ms(server::store::now_ms());
    let at = |n: i32| Month::from_index(Month::of(today).index() + n).unwrap();
    let unit_a = common::unit(state, &credit_code(1)).await;
    let person = NewPerson { id_index: id_index.clone(), id_sealed: state.vault.seal(&bound::ledger_person(&id_index), id.as_bytes()), name: "李四".into() };
    let enrol = Enrol { unit_id: unit_a, person, region: 320102, start_month: at(-14).to_string(), insurances: vec![Insurance::Unemployment], base: 600_000, actor: None };
    assert_eq!(store.enrol_direct(&enrol, 1).await.unwrap(), None);
    let mut rows = Vec::new();
    for m in at(-14).through(at(-1)) {
        monthly::assess(&cx, m, None, None).await.unwrap();
        let due = store.statement(unit_a, &m.to_string()).await.unwrap().unwrap().due;
        rows.push(serde_json::json!({ "credit_code": credit_code(1), "month": m.to_string(), "amount": format!("{}.{:02}", due / 100, due % 100), "reference": format!("REF-{m}"), "paid_on": today.iso() }));
    }
    payments::import(store.as_ref(), serde_json::to_string(&rows).unwrap().as_bytes(), today, None, 1).await.unwrap();
    let unit_account = signed_in(state, Role::EmployerHandler, Some(&credit_code(1))).await;
    let sep = SeparationDraft { id_number: id.into(), name: "李四".into(), insurances: vec![Insurance::Unemployment], last_month: at(-1).to_string(), left_on: common::today_iso(), reason: "dismissed".into(), credit_code: String::new() };
    assert!(matches!(file(state, FilingKind::Separation, serde_json::to_string(&sep).unwrap(), Vec::new(), &unit_account).await, Outcome::Accepted { .. }));
    assert_eq!(common::approve_all(state).await, 1);
    let worker = signed_in(state, Role::FieldWorker, None).await;
    let filed = file(state, FilingKind::Unemployment, serde_json::to_string(&registration(id, today)).unwrap(), Vec::new(), &worker).await;
    assert!(matches!(filed, Outcome::Accepted { .. }), "the unit's reason stands for the photo: {filed:?}");
}

/// 李四's 失业登记 as a field worker files it (the unit's reason: no photo needed).
fn registration(id: &str, today: app::domain::Date) -> UnemploymentDraft {
    UnemploymentDraft { id_number: id.into(), name: "李四".into(), left_on: today.iso(), cause: "contract_ended".into(), statement: String::new() }
}

/// The person's 14 paid months with unit A, its 减员 (单位解除劳动合同: no photo needed), and an
/// approved 失业登记: the spell's id.
async fn an_active_spell(state: &server::AppState, store: &Arc<dyn Store>, id: &str) -> i64 {
    a_registration_waiting(state, store, id).await;
    assert_eq!(common::approve_all(state).await, 1);
    let spells = store.spells("active", 10).await.unwrap();
    assert_eq!(spells.len(), 1);
    spells[0].id
}

async fn an_operator_records_a_statutory_stop(store: Arc<dyn Store>) {
    let state = common::state_over(store.clone());
    let spell = an_active_spell(&state, &store, &id_number(7)).await;
    let (_, mut o) = staff(&state, "operator", &id_number(60), "13700000060").await;
    let path = format!("/api/office/unemployment/{spell}/stop");
    let this = Month::of(app::domain::Date::china_from_unix_ms(server::store::now_ms()));
    let bad = o.call(&state, Method::POST, &path, Some(serde_json::json!({"reason": "bored", "month": this.to_string()}))).await;
    assert_eq!((bad.status, bad.body["fields"]["errors"]["reason"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("unemployment.stop_reason")), "{}", bad.body);
    // From a month before the spell began: it stops from its first month, nothing ever paid.
    let early = Month::from_index(this.index() - 3).unwrap();
    let done = o.call(&state, Method::POST, &path, Some(serde_json::json!({"reason": "military", "month": early.to_string()}))).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    let s = &done.body["spell"];
    assert_eq!((s["status"].as_str(), s["stop_reason"].as_str(), s["stopped_in"].as_str()), (Some("stopped"), Some("military"), Some(this.to_string().as_str())), "{s}");
    assert_eq!(server::unemployment::pay_due(store.as_ref(), this, 2).await.unwrap(), 0, "nothing paid after the stop");
    let log: Vec<String> = store.audit_recent(100).await.unwrap().into_iter().map(|r| r.entry.action).collect();
    assert!(log.iter().any(|a| a == "unemployment.stop"), "{log:?}");
}
both_stores!(statutory_stop, an_operator_records_a_statutory_stop);

/// Someone 61 this month (a man: statutory retirement passed under the 2025 reform).
fn old_man() -> String {
    let today = app::domain::Date::china_from_unix_ms(server::store::now_ms());
    let mut s = format!("320102{:04}{:02}01031", today.year - 61, today.month);
    s.push(char::from(app::domain::id_number::check_char(s.as_bytes())));
    s
}

async fn a_pension_stops_the_benefit(store: Arc<dyn Store>) {
    let state = common::state_over(store.clone());
    let id = old_man();
    let spell = an_active_spell(&state, &store, &id).await;
    let (_, mut o) = staff(&state, "operator", &id_number(60), "13700000060").await;
    let (_, mut s) = staff(&state, "supervisor", &id_number(61), "13700000061").await;
    let found = o.call(&state, Method::GET, &format!("/api/office/find?q={id}"), None).await;
    let person = found.body["persons"][0]["person"].as_i64().unwrap();
    let p = app::domain::pension::PensionPolicy::from_json(server::state::SHIPPED_POLICY).unwrap();
    let birth = Month::parse(&format!("{}-{}", &id[6..10], &id[10..12])).unwrap();
    let statutory = app::domain::pension::retirement_month(birth, app::domain::pension::Category::Male, &p).0;
    let ask = serde_json::json!({"retire_in": statutory.to_string(), "archive_months": "180", "archive_index": "1.0", "archive_ref": "档案 玄武-0418"});
    let kept = o.call(&state, Method::POST, &format!("/api/office/persons/{person}/pension-claims"), Some(ask)).await;
    assert_eq!(kept.status, StatusCode::CREATED, "{}", kept.body);
    let claim = kept.body["id"].as_i64().unwrap();
    assert_eq!(store.spell_get(spell).await.unwrap().unwrap().status, "active", "a claim waiting changes nothing");
    let done = s.call(&state, Method::POST, &format!("/api/office/pension-claims/{claim}/decision"), Some(serde_json::json!({"approve": true}))).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    let stopped = store.spell_get(spell).await.unwrap().unwrap();
    assert_eq!((stopped.status.as_str(), stopped.stop_reason.as_deref()), ("stopped", Some("pension")), "{stopped:?}");
    assert_eq!(stopped.stopped_in.as_deref(), Some(stopped.first_month.as_str()), "the pension began before the spell: nothing of it is paid");
}
both_stores!(pension_stop, a_pension_stops_the_benefit);

/// Two registrations of one person, each checked before either is approved (two operators at
/// once): the first opens the spell; the second, approved on its stale check, is refused by the
/// database (one active spell a person) with a clean conflict, nothing written; checked again
/// at the desk it fails its check, and the operator returns it.
async fn two_registrations_approved_at_once_open_one_spell(store: Arc<dyn Store>) {
    let state = common::state_over(store.clone());
    let id = id_number(9);
    let today = app::domain::Date::china_from_unix_ms(server::store::now_ms());
    a_registration_waiting(&state, &store, &id).await;
    let worker = common::field_worker(&state).await;
    let again = file(&state, FilingKind::Unemployment, serde_json::to_string(&registration(&id, today)).unwrap(), Vec::new(), &worker).await;
    assert!(matches!(again, Outcome::Accepted { .. }), "nothing is open yet: {again:?}");
    let (operator, mut o) = staff(&state, "operator", &id_number(60), "13700000060").await;
    let queue = o.call(&state, Method::GET, "/api/office/cases?kind=unemployment", None).await;
    let mut ids: Vec<i64> = queue.body["items"].as_array().unwrap().iter().map(|c| c["id"].as_i64().unwrap()).collect();
    ids.sort_unstable();
    assert_eq!(ids.len(), 2, "{}", queue.body);
    // The second's check, made while nothing is approved …
    let cx: server::ledger::Cx = state.cx();
    let u = app::domain::forms::unemployment::validate(&registration(&id, today), &app::domain::forms::Context { today, policy: None }).unwrap().value;
    let stale = server::unemployment::register::check(&cx, store.as_ref(), &u, Some(&worker), None, today, server::store::now_ms()).await.unwrap().unwrap();
    // … then the first approved — by a supervisor, who sees the same check an operator does.
    let (_, mut supervisor) = staff(&state, "supervisor", &id_number(61), "13700000061").await;
    let view = supervisor.call(&state, Method::GET, &format!("/api/office/cases/{}", ids[0]), None).await;
    assert!(view.body["checks"].as_array().unwrap().iter().all(|c| c["issue"].is_null()), "{}", view.body);
    for action in ["open", "approve"] {
        let done = supervisor.call(&state, Method::POST, &format!("/api/office/cases/{}/decision", ids[0]), Some(serde_json::json!({ "action": action }))).await;
        assert_eq!(done.status, StatusCode::NO_CONTENT, "{action}: {}", done.body);
    }
    let open = o.call(&state, Method::POST, &format!("/api/office/cases/{}/decision", ids[1]), Some(serde_json::json!({"action": "open"}))).await;
    assert_eq!(open.status, StatusCode::NO_CONTENT);
    let effect = server::office::case_store::Effect::Unemploy(stale.register);
    let t = server::office::case_store::CaseTransition { id: ids[1], from: "in_review", to: "approved", by: operator, reasons: None, effect: Some(&effect) };
    let audit = server::store::AuditEntry { action: "case.approved".into(), ..Default::default() };
    let moved = store.case_decide(&t, &audit, server::store::now_ms()).await.unwrap();
    assert!(matches!(moved, server::office::case_store::CaseMoved::Stale), "{moved:?}");
    assert_eq!(store.spells("active", 10).await.unwrap().len(), 1, "one spell");
    let refused = o.call(&state, Method::POST, &format!("/api/office/cases/{}/decision", ids[1]), Some(serde_json::json!({"action": "approve"}))).await;
    assert_eq!((refused.status, refused.body["code"].as_str()), (StatusCode::CONFLICT, Some("case.checks_failed")), "{}", refused.body);
}
both_stores!(approval_race, two_registrations_approved_at_once_open_one_spell);

/// A spell stopped from next month before anything was paid is still owed this month: the run
/// reads it and pays it once, then reads it no more.
async fn a_stopped_spell_is_paid_to_its_stop_then_left_alone(store: Arc<dyn Store>) {
    let state = common::state_over(store.clone());
    let spell = an_active_spell(&state, &store, &id_number(10)).await;
    let (_, mut o) = staff(&state, "operator", &id_number(60), "13700000060").await;
    let this = Month::of(app::domain::Date::china_from_unix_ms(server::store::now_ms()));
    let stop = serde_json::json!({"reason": "emigrated", "month": this.next().to_string()});
    let done = o.call(&state, Method::POST, &format!("/api/office/unemployment/{spell}/stop"), Some(stop)).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert_eq!(store.spells_to_pay().await.unwrap(), vec![spell], "owed this month");
    assert_eq!(server::unemployment::pay_due(store.as_ref(), this.next(), 2).await.unwrap(), 1, "this month only, not the stop's");
    assert!(store.spells_to_pay().await.unwrap().is_empty(), "nothing more is owed");
}
both_stores!(stopped_then_settled, a_stopped_spell_is_paid_to_its_stop_then_left_alone);

/// A new job enrolled late — its first month one already paid: the spell stops from that
/// month by itself, and the back office lists the month paid since as overpaid, to recover.
async fn a_back_dated_job_shows_the_months_to_recover(store: Arc<dyn Store>) {
    let state = common::state_over(store.clone());
    let id = id_number(11);
    an_active_spell(&state, &store, &id).await;
    let this = Month::of(app::domain::Date::china_from_unix_ms(server::store::now_ms()));
    assert_eq!(server::unemployment::pay_due(store.as_ref(), this, 2).await.unwrap(), 1);
    let unit_b = common::unit(&state, &credit_code(2)).await;
    let id_index = state.vault.blind_index(purpose::ID_NUMBER, &id);
    let person = NewPerson { id_index: id_index.clone(), id_sealed: state.vault.seal(&bound::ledger_person(&id_index), id.as_bytes()), name: "李四".into() };
    let enrol = Enrol { unit_id: unit_b, person, region: 320102, start_month: this.to_string(), insurances: vec![Insurance::Unemployment], base: 600_000, actor: None };
    assert_eq!(store.enrol_direct(&enrol, 3).await.unwrap(), None);
    let (_, mut o) = staff(&state, "operator", &id_number(60), "13700000060").await;
    let listed = o.call(&state, Method::GET, "/api/office/unemployment?status=stopped", None).await;
    let v = &listed.body[0];
    assert_eq!((v["spell"]["stopped_in"].as_str(), v["overpaid"].as_u64()), (Some(this.to_string().as_str()), Some(1)), "{v}");
    assert_eq!(v["overpaid_total"], v["spell"]["monthly"], "{v}");

    // 追回: the money coming back is recorded within what is left, once per slip.
    let spell = v["id"].as_i64().unwrap();
    let owed = v["overpaid_total"].as_i64().unwrap();
    let path = format!("/api/office/unemployment/{spell}/recoveries");
    let today = app::domain::Date::china_from_unix_ms(server::store::now_ms()).iso();
    let yuan = |fen: i64| app::domain::Fen(fen).yuan().replace(',', "");
    let ask = |fen: i64, reference: &str| serde_json::json!({"amount": yuan(fen), "recovered_on": today, "reference": reference});
    let recovered = |b: &serde_json::Value| b["recovered"].as_i64();
    let code = |b: &serde_json::Value, f: &str| b["fields"]["errors"][f][0]["code"].as_str().map(str::to_owned);
    let bad = o.call(&state, Method::POST, &path, Some(serde_json::json!({"amount": "0", "recovered_on": "2999-01-01", "reference": "回单"}))).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert_eq!((code(&bad.body, "amount"), code(&bad.body, "recovered_on"), code(&bad.body, "reference")), (Some("recovery.amount".into()), Some("recovery.future".into()), Some("recovery.reference".into())));
    let over = o.call(&state, Method::POST, &path, Some(ask(owed + 1, "SLIP-1"))).await;
    assert_eq!(code(&over.body, "amount").as_deref(), Some("recovery.too_much"), "{}", over.body);
    let part = o.call(&state, Method::POST, &path, Some(ask(owed - 100, "slip 1"))).await;
    assert_eq!((part.status, recovered(&part.body)), (StatusCode::OK, Some(owed - 100)), "{}", part.body);
    let again = o.call(&state, Method::POST, &path, Some(ask(owed - 100, "SLIP-1"))).await;
    assert_eq!((again.status, recovered(&again.body)), (StatusCode::OK, Some(owed - 100)), "the same slip again changes nothing: {}", again.body);
    let other = o.call(&state, Method::POST, &path, Some(ask(50, "SLIP1"))).await;
    assert_eq!(code(&other.body, "reference").as_deref(), Some("recovery.reference_taken"), "{}", other.body);
    let rest = o.call(&state, Method::POST, &path, Some(ask(200, "SLIP-2"))).await;
    assert_eq!(code(&rest.body, "amount").as_deref(), Some("recovery.too_much"), "{}", rest.body);
    assert!(rest.body["fields"]["errors"]["amount"][0]["zh"].as_str().unwrap().contains("1.00 元"), "{}", rest.body);
    let rest = o.call(&state, Method::POST, &path, Some(ask(100, "SLIP-2"))).await;
    assert_eq!(recovered(&rest.body), Some(owed), "{}", rest.body);
    let (_, mut resident) = staff(&state, "resident", &id, "13900139011").await;
    assert_eq!(resident.call(&state, Method::POST, &path, Some(ask(1, "SLIP-3"))).await.status, StatusCode::FORBIDDEN);
    let audited = store.audit_recent(100).await.unwrap().into_iter().filter(|r| r.entry.action == "unemployment.recover").count();
    assert_eq!(audited, 2, "two recoveries kept, each audited");
}
both_stores!(overpaid, a_back_dated_job_shows_the_months_to_recover);
