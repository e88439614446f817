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
    // Insured from three months back (the unit's late enrolment): those months get assessed.
    let now = Month::parse(&this_month()).unwrap();
    let start = Month::from_index(now.index() - 3).unwrap();
    let e = app::domain::forms::enrolment::EnrolmentDraft { start_month: start.to_string(), ..enrolment(&id) };
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
    // Later than the statutory month (弹性延迟退休) needs the unit's written agreement.
    let late = o.call(&state, Method::POST, &path, Some(ask(statutory.next(), 180))).await;
    assert_eq!(codes(&late.body, "agreement_ref").as_deref(), Some("pension.delay_agreement"), "{}", late.body);
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
    assert!(!working.iter().any(|l| l.starts_with("弹性")), "the statutory month is no flexible retirement: {working:?}");
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
    // Meanwhile his unit's months were assessed, 养老保险 included.
    let ledger = state.cx::<server::ledger::Cx>();
    for m in start.through(now) {
        server::ledger::monthly::assess(&ledger, m, None, None).await.unwrap();
    }
    let id_index = state.vault.blind_index(server::vault::purpose::ID_NUMBER, &id);
    let pension_months = |r: app::api::ledger::Records| -> Vec<(Month, i64)> {
        r.months.iter().filter(|m| m.insurance == app::domain::policy::Insurance::Pension).map(|m| (m.month, m.employer.0 + m.individual.0)).collect()
    };
    let before = pension_months(server::ledger::records::of_person(&ledger, &id_index, start, now, 1).await.unwrap());
    assert_eq!(before.len(), 4, "{before:?}");
    assert!(before.iter().all(|(_, fen)| *fen > 0), "{before:?}");
    let done = a.call(&state, Method::POST, &format!("/api/office/pension-claims/{second}/decision"), Some(json!({"approve": true}))).await;
    assert_eq!((done.status, done.body["status"].as_str(), done.body["decided_by"].as_i64()), (StatusCode::OK, Some("applied"), Some(s1)), "{}", done.body);
    assert_eq!(done.body["paid_through"].as_str(), Some(this_month().as_str()));
    let due = usize::try_from(now.index() - statutory.index()).unwrap();
    let mine = me.call(&state, Method::GET, "/api/pension", None).await.body;
    let paid = mine["payments"].as_array().unwrap();
    assert_eq!((mine["claim"]["status"].as_str(), paid.len()), (Some("applied"), due), "{mine}");
    assert_eq!((paid[0]["month"].as_str(), paid[0]["amount"].as_i64()), (Some(this_month().as_str()), Some(monthly)), "newest first: {mine}");
    assert_eq!(paid.last().unwrap()["month"].as_str(), Some(statutory.next().to_string().as_str()));
    let again = a.call(&state, Method::POST, &format!("/api/office/pension-claims/{second}/decision"), Some(json!({"approve": true}))).await;
    assert_eq!((again.status, again.body["code"].as_str()), (StatusCode::CONFLICT, Some("pension.claim_decided")));
    // Drawing a pension, he pays into 养老保险 no more: that relationship ended (retired, with
    // its event), the medical one stays the unit's.
    let open = store.open_relationships(&state.vault.blind_index(server::vault::purpose::ID_NUMBER, &id)).await.unwrap();
    let kinds: Vec<app::domain::policy::Insurance> = open.iter().map(|r| r.insurance).collect();
    assert_eq!(kinds, [app::domain::policy::Insurance::Medical], "{open:?}");
    // 补差: the relationship ended with its first month (his pension began before it); the three
    // months assessed after it are reversed, the first stands.
    let after = pension_months(server::ledger::records::of_person(&ledger, &id_index, start, now, 2).await.unwrap());
    let net: Vec<i64> = start.through(now).map(|m| after.iter().filter(|(n, _)| *n == m).map(|(_, fen)| fen).sum()).collect();
    assert_eq!(net, [before[0].1, 0, 0, 0], "{after:?}");

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

/// 协助认证: a pensioner suspended for want of a certification is reminded by SMS (once; at the
/// details' mobile without an account, at the account's with one), and is
/// on the field worker's due list (ID number masked); the worker's visit syncs as a filing with a photo, refused without
/// the photo, from a resident, from another area or with another ID number (one answer for
/// all); an operator, not the worker, looks at the photo and confirms; the claim is certified
/// on the visit's day and the months the suspension skipped are paid at once. A visit returned
/// reaches the worker's phone with its reason.
async fn a_field_workers_visit_certifies_once_an_operator_confirms(store: Arc<dyn Store>) {
    use app::api::auth::Role;
    use app::domain::forms::pension_certification::{CertificationDraft, PHOTO_SLOT};
    let mut state = state_over(store.clone());
    state.dev = true;
    let enroller = common::field_worker(&state).await;
    let id = old_man();
    let e = enrolment(&id);
    let out = intake::ingest_as(&state.cx(), batch(vec![item(&client_id(), FilingKind::Enrolment, &serde_json::to_string(&e).unwrap())]), Some(&enroller)).await.unwrap();
    assert!(matches!(out.results[0].outcome(), Outcome::Accepted { .. }), "{:?}", out.results[0].outcome());
    assert_eq!(common::approve_all(&state).await, 1);
    let (_, mut o) = staff(&state, "operator", &common::id_number(60), "13700000060").await;
    let (s1, _) = staff(&state, "supervisor", &common::id_number(61), "13700000061").await;
    let (_, mut w) = staff(&state, "field_worker", &common::id_number(62), "13700000062").await;
    let found = o.call(&state, Method::GET, &format!("/api/office/find?q={id}"), None).await;
    let person = found.body["persons"][0]["person"].as_i64().unwrap();
    let p = app::domain::pension::PensionPolicy::from_json(server::state::SHIPPED_POLICY).unwrap();
    let birth = Month::parse(&format!("{}-{}", &id[6..10], &id[10..12])).unwrap();
    let statutory = retirement_month(birth, Category::Male, &p).0;
    let ask = json!({"retire_in": statutory.to_string(), "archive_months": "186", "archive_index": "1.0", "archive_ref": "档案 玄武-0418"});
    let kept = o.call(&state, Method::POST, &format!("/api/office/persons/{person}/pension-claims"), Some(ask)).await;
    assert_eq!(kept.status, StatusCode::CREATED, "{}", kept.body);
    let claim = kept.body["id"].as_i64().unwrap();
    // Approved 400 days ago (the store takes the day): due 35 days ago, past the 30 days' grace.
    let today = app::domain::Date::china_from_unix_ms(server::store::now_ms());
    let long_ago = app::domain::Date::from_days_since_epoch(today.days_since_epoch() - 400);
    let entry = server::store::AuditEntry { action: "test".into(), ..Default::default() };
    assert!(store.claim_decide(claim, s1, None, long_ago, &entry, 5).await.unwrap());
    let policy = p.certification.clone();
    let covered = app::domain::pension::certification::covered_through(long_ago, &policy);
    let now = Month::parse(&this_month()).unwrap();
    server::pensions::payroll::pay_due(store.as_ref(), &policy, now, 6).await.unwrap();
    let paid_through = |c: serde_json::Value| c.as_array().unwrap().iter().find(|c| c["id"].as_i64() == Some(claim)).unwrap()["paid_through"].as_str().map(str::to_owned);
    assert_eq!(paid_through(o.call(&state, Method::GET, "/api/office/pension-claims", None).await.body), Some(covered.to_string()), "suspended");

    // No account yet: the sweep texts the mobile the counter keeps in his details (信息变更)
    // the due date, once.
    let dev = state.accounts.dev_sms.clone().unwrap();
    let due_on = app::domain::pension::certification::due(long_ago, &policy);
    let kept = o.call(&state, Method::POST, &format!("/api/office/persons/{person}/details"), Some(json!({"mobile": "13900139063"}))).await;
    assert_eq!(kept.status, StatusCode::NO_CONTENT, "{}", kept.body);
    assert_eq!(server::housekeeping::sweep(&state, server::store::now_ms()).await.unwrap().reminders, 1);
    let told = dev.recent().into_iter().find(|m| m.mobile == "13900139063").expect("reminded at the details' mobile");
    assert!(told.text.contains(&due_on.iso()) && !told.text.contains(&id), "{}", told.text);
    assert_eq!(server::housekeeping::sweep(&state, server::store::now_ms()).await.unwrap().reminders, 0, "once per due date");
    // With an account, its mobile (proved by a code) comes first (the reminder given back, as a
    // failed send gives it back, to be sent again).
    let (_, mut me) = staff(&state, "resident", &id, "13900139062").await;
    store.claim_unmark_reminded(claim, due_on).await.unwrap();
    assert_eq!(server::housekeeping::sweep(&state, server::store::now_ms()).await.unwrap().reminders, 1);
    let told = dev.recent().into_iter().find(|m| m.mobile == "13900139062").expect("reminded at the account's mobile");
    assert!(told.text.contains(&due_on.iso()), "{}", told.text);

    // The due list: this pensioner, suspended, the ID number masked; nothing for other roles.
    let list = w.call(&state, Method::GET, "/api/field/pension-due", None).await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    let due = list.body["items"].as_array().unwrap().iter().find(|i| i["claim"].as_i64() == Some(claim)).cloned().expect("on the list");
    let masked = format!("{}**********{}", &id[..4], &id[14..]);
    assert_eq!((due["id_masked"].as_str(), due["suspended"].as_bool()), (Some(masked.as_str()), Some(true)), "{due}");
    assert!(!list.body.to_string().contains(&id), "no full ID number on the list");
    assert_eq!(o.call(&state, Method::GET, "/api/field/pension-due", None).await.status, StatusCode::FORBIDDEN);

    // The visit as the phone files it.
    let seen_on = app::domain::Date::from_days_since_epoch(today.days_since_epoch() - 2);
    let draft = |id_number: &str| CertificationDraft { claim: claim.to_string(), name: "张三".into(), id_number: id_number.into(), seen_on: seen_on.iso(), attest: true };
    let bytes = b"\xff\xd8\xff\xe0 a pensioner's face";
    let sha256 = server::vault::hex_sha256(bytes);
    state.store.attachment_complete(&sha256, "image/jpeg", bytes.len() as i64, &state.vault.seal(&server::vault::bound::attachment(&sha256), bytes), 1).await.unwrap();
    let photo = app::api::sync::AttachmentRef { slot: PHOTO_SLOT.into(), sha256 };
    let file = |d: CertificationDraft, with_photo: bool, by: Option<server::accounts::session::Principal>| {
        let state = state.clone();
        let photo = photo.clone();
        async move {
            let mut it = item(&client_id(), FilingKind::PensionCertification, &serde_json::to_string(&d).unwrap());
            if with_photo {
                it.attachments = vec![photo];
            }
            let out = intake::ingest_as(&state.cx(), batch(vec![it]), by.as_ref()).await.unwrap();
            out.results[0].outcome()
        }
    };
    let refused_on = |o: Outcome| match o {
        Outcome::Rejected { errors } => errors.errors.into_iter().next().map(|(f, i)| (f, i[0].code.clone())),
        other => panic!("{other:?}"),
    };
    let worker = common::signed_in(&state, Role::FieldWorker, None).await;
    assert_eq!(refused_on(file(draft(&id), false, Some(worker.clone())).await), Some((PHOTO_SLOT.into(), "certification.photo".into())));
    let resident = common::signed_in(&state, Role::Resident, None).await;
    assert_eq!(refused_on(file(draft(&id), true, Some(resident)).await), Some(("claim".into(), "certification.field_only".into())));
    assert_eq!(refused_on(file(draft(&id), true, None).await), Some(("claim".into(), "certification.field_only".into())));
    let other_id = common::id_number(63);
    let no_match = Some(("id_number".into(), "certification.no_match".into()));
    assert_eq!(refused_on(file(draft(&other_id), true, Some(worker.clone())).await), no_match, "another person's card");
    let elsewhere = common::signed_in(&state, Role::FieldWorker, None).await;
    store.staff_set_region(elsewhere.account.id, 110_105).await.unwrap();
    assert_eq!(refused_on(file(draft(&id), true, Some(elsewhere)).await), no_match, "another area");
    let unknown = CertificationDraft { claim: (claim + 1000).to_string(), ..draft(&id) };
    assert_eq!(refused_on(file(unknown, true, Some(worker.clone())).await), no_match, "no such claim");
    assert!(matches!(file(draft(&id), true, Some(worker.clone())).await, Outcome::Accepted { .. }));

    // The operator's list: the visit, pending; the photo as taken; a decision by another account.
    let visits = o.call(&state, Method::GET, "/api/office/pension-visits", None).await;
    let visit = visits.body.as_array().unwrap().iter().find(|v| v["claim"].as_i64() == Some(claim)).cloned().expect("listed");
    assert_eq!((visit["seen_on"].as_str(), visit["status"].as_str(), visit["id_masked"].as_str()), (Some(seen_on.iso().as_str()), Some("pending"), Some(masked.as_str())));
    let vid = visit["id"].as_i64().unwrap();
    let shown = o.call(&state, Method::GET, &format!("/api/office/pension-visits/{vid}/photo"), None).await;
    assert_eq!(shown.status, StatusCode::OK);
    assert!(!store.visit_decide(vid, worker.account.id, None, &entry, 7).await.unwrap(), "never the worker who filed it");
    let empty = o.call(&state, Method::POST, &format!("/api/office/pension-visits/{vid}/decision"), Some(json!({"approve": false, "reason": ""}))).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", empty.body);
    let done = o.call(&state, Method::POST, &format!("/api/office/pension-visits/{vid}/decision"), Some(json!({"approve": true}))).await;
    assert_eq!((done.status, done.body["status"].as_str()), (StatusCode::OK, Some("confirmed")), "{}", done.body);
    let again = o.call(&state, Method::POST, &format!("/api/office/pension-visits/{vid}/decision"), Some(json!({"approve": true}))).await;
    assert_eq!((again.status, again.body["code"].as_str()), (StatusCode::CONFLICT, Some("certification.decided")));

    // Certified on the visit's day; the months skipped paid; off the due list.
    let claims = o.call(&state, Method::GET, "/api/office/pension-claims", None).await.body;
    let c = claims.as_array().unwrap().iter().find(|c| c["id"].as_i64() == Some(claim)).unwrap();
    assert_eq!((c["certified_on"].as_str(), c["paid_through"].as_str()), (Some(seen_on.iso().as_str()), Some(this_month().as_str())), "{c}");
    assert_eq!(server::housekeeping::sweep(&state, server::store::now_ms()).await.unwrap().reminders, 0, "certified: nothing to remind of");
    // He reads the certifications, newest first, with how each was made.
    let mine = me.call(&state, Method::GET, "/api/pension", None).await.body;
    let certified: Vec<&str> = mine["claim"]["certified"].as_array().unwrap().iter().filter_map(|c| c.as_str()).collect();
    assert_eq!(certified, [format!("{} field", seen_on.iso()), format!("{} approval", long_ago.iso())], "{mine}");
    assert_eq!(mine["claim"]["certification"].as_str(), Some("certified"), "{mine}");
    let list = w.call(&state, Method::GET, "/api/field/pension-due", None).await;
    assert!(!list.body["items"].as_array().unwrap().iter().any(|i| i["claim"].as_i64() == Some(claim)), "{}", list.body);

    // A visit returned: the worker's phone learns the operator's reason at its next sync (as a
    // case's), on the attestation; another account asking the same filing learns nothing.
    let mut again = item(&client_id(), FilingKind::PensionCertification, &serde_json::to_string(&draft(&id)).unwrap());
    again.attachments = vec![photo.clone()];
    let synced = w.call(&state, Method::POST, "/api/sync", Some(serde_json::to_value(batch(vec![again.clone()])).unwrap())).await;
    assert_eq!(synced.body["results"][0]["status"], "accepted", "{}", synced.body);
    let ask = json!({"client_ids": [again.client_id]});
    let told = w.call(&state, Method::POST, "/api/filings/review", Some(ask.clone())).await;
    assert_eq!((told.status, told.body["filings"][0]["status"].as_str()), (StatusCode::OK, Some("submitted")), "{}", told.body);
    let pending = o.call(&state, Method::GET, "/api/office/pension-visits", None).await;
    let vid = pending.body.as_array().unwrap().iter().find(|v| v["claim"].as_i64() == Some(claim)).expect("listed")["id"].as_i64().unwrap();
    let why = "照片未见正脸，请重新拍摄";
    let back = o.call(&state, Method::POST, &format!("/api/office/pension-visits/{vid}/decision"), Some(json!({"approve": false, "reason": why}))).await;
    assert_eq!((back.status, back.body["status"].as_str()), (StatusCode::OK, Some("returned")), "{}", back.body);
    let told = w.call(&state, Method::POST, "/api/filings/review", Some(ask.clone())).await;
    let review = &told.body["filings"][0];
    assert_eq!((review["status"].as_str(), review["reasons"][0]["target"]["name"].as_str()), (Some("rejected"), Some("attest")), "{}", told.body);
    assert_eq!(review["reasons"][0]["note"], why);
    let nosy = o.call(&state, Method::POST, "/api/filings/review", Some(ask)).await;
    assert_eq!(nosy.body["filings"], json!([]), "{}", nosy.body);

    // 本人认证: not a photo, a photo that does not match, a service that cannot be asked — none
    // certifies, each says why and the other ways; a match certifies today.
    let certify = "/api/pension/certification";
    let png = |tail: &[u8]| [&b"\x89PNG\r\n\x1a\n"[..], tail].concat();
    let text = me.call_bytes(&state, Method::PUT, certify, "application/octet-stream", b"not a photo".to_vec()).await;
    assert_eq!((text.status, text.body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("pension.face_photo")), "{}", text.body);
    let wrong = me.call_bytes(&state, Method::PUT, certify, "image/png", png(b"MISMATCH")).await;
    assert_eq!((wrong.status, wrong.body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("pension.face_mismatch")), "{}", wrong.body);
    assert!(wrong.body["zh"].as_str().unwrap_or_default().contains("上门"), "offers the other ways: {}", wrong.body);
    let mut offline = state.clone();
    offline.face = Arc::new(server::pensions::face::NoFace);
    let down = me.call_bytes(&offline, Method::PUT, certify, "image/png", png(b"face")).await;
    assert_eq!((down.status, down.body["code"].as_str()), (StatusCode::SERVICE_UNAVAILABLE, Some("pension.face_unavailable")), "{}", down.body);
    let claims = o.call(&state, Method::GET, "/api/office/pension-claims", None).await.body;
    let c = claims.as_array().unwrap().iter().find(|c| c["id"].as_i64() == Some(claim)).unwrap();
    assert_eq!(c["certified_on"].as_str(), Some(seen_on.iso().as_str()), "nothing certified: {c}");
    let done = me.call_bytes(&state, Method::PUT, certify, "image/png", png(b"face")).await;
    assert_eq!(done.status, StatusCode::NO_CONTENT, "{}", done.body);
    let mine = me.call(&state, Method::GET, "/api/pension", None).await.body;
    assert_eq!(mine["claim"]["certified"][0].as_str(), Some(format!("{} self", today.iso()).as_str()), "{mine}");
    // A person with no pension has nothing to certify.
    let (_, mut stranger) = staff(&state, "resident", &common::id_number(64), "13900139064").await;
    let none = stranger.call_bytes(&state, Method::PUT, certify, "image/png", png(b"face")).await;
    assert_eq!((none.status, none.body["code"].as_str()), (StatusCode::CONFLICT, Some("pension.not_paying")), "{}", none.body);

    let log: Vec<String> = state.store.audit_recent(100).await.unwrap().into_iter().map(|r| r.entry.action).collect();
    for action in ["pension.due_list", "pension.visit_photo", "pension.visit_confirm", "pension.face_check"] {
        assert!(log.iter().any(|a| a == action), "{action}: {log:?}");
    }
}
both_stores!(field_visit, a_field_workers_visit_certifies_once_an_operator_confirms);

/// 待遇发放 in batches: 1,200 pensioners (more than one transaction's batch, their months more
/// than one statement's rows), each paid three months short, their last certifications spread
/// over 456 days: the run pays what each certification covers — the same months as working out
/// every claim alone — and the next run pays nothing.
async fn the_run_pays_many_claims_as_each_alone_would(store: Arc<dyn Store>) {
    use app::domain::pension::certification::covered_through;
    use app::domain::Date;
    use server::pensions::bench_store::PensionSeed;
    let p = app::domain::pension::PensionPolicy::from_json(server::state::SHIPPED_POLICY).unwrap().certification;
    let today = Date::china_from_unix_ms(server::store::now_ms());
    let this = Month::of(today);
    let back = |n: i32| Month::from_index(this.index() - n).unwrap();
    let days: Vec<String> = (0..456).map(|k| Date::from_days_since_epoch(today.days_since_epoch() - k).iso()).collect();
    let n: i64 = 1_200;
    let seed = PensionSeed { pensioners: n, first_month: &back(24).to_string(), paid_through: &back(3).to_string(), monthly: 300_000, days: &days };
    store.bench_seed_pensioners(&seed, 1).await.unwrap();
    // The seed gives person `id` (1, 2, … in a fresh store) the day `id % 456` back.
    let until = |id: i64| this.min(covered_through(Date::parse_iso(&days[usize::try_from(id % 456).unwrap()]).unwrap(), &p));
    let expected: i64 = (1..=n).map(|id| i64::from((until(id).index() - back(3).index()).max(0))).sum();
    assert!(expected > 2 * n, "most claims are three months short: {expected}");
    let paid = server::pensions::payroll::pay_due(store.as_ref(), &p, this, 2).await.unwrap();
    assert_eq!(i64::try_from(paid).unwrap(), expected);
    assert_eq!(server::pensions::payroll::pay_due(store.as_ref(), &p, this, 3).await.unwrap(), 0, "each month once");
    let (through_this, _) = store.bench_pension_counts(&this.to_string()).await.unwrap();
    assert_eq!(through_this, (1..=n).filter(|&id| until(id) == this).count() as i64);
}

both_stores!(payment_run, the_run_pays_many_claims_as_each_alone_would);
