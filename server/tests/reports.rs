//! The reports on SQLite and PostgreSQL against totals computed by hand on a small fixture:
//! unit A (玄武区) insures persons 1 and 2, unit B (锡山区) person 3, each in pension and medical
//! at a base of 6,000 yuan this month; A has paid 1,000 yuan of its month, B nothing. The XLSX
//! is read back (its cells hold numbers, not text), the CSV too; through the download handler a
//! unit reads only its own, an operator of a region only that region, an admin everything. The
//! statistics' charts (SVG) carry the same figures, exactly, in their points' tooltips.
//!
//! By hand, per person and month (rates of Jiangsu in the policy data, base 600,000 fen):
//! pension employer 16 % = 96,000, individual 8 % = 48,000; medical employer 8 % = 48,000,
//! individual 2 % = 12,000 — employer 144,000, individual 60,000, together 204,000 fen.

mod common;

use std::io::Cursor;
use std::sync::Arc;

use app::api::auth::Role;
use app::api::sync::{FilingKind, Outcome};
use app::domain::ledger::Month;
use axum::extract::{FromRef, Path, Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use calamine::{Data, Reader, Xlsx};
use common::{batch, client_id, credit_code, enrolment, id_number, item, state_over, this_month};
use server::accounts::session::Principal;
use server::reports::file::{produce_to_temp, Format};
use server::reports::http::{chart, download, Cx, Params};
use server::reports::{filter, Report, Scope};
use server::{intake, ledger, Store};

const PER_PERSON: i64 = 204_000;

async fn fixture(store: &Arc<dyn Store>) -> (server::AppState, Month) {
    let state = state_over(store.clone());
    let worker = common::field_worker(&state).await;
    let (a, b) = (credit_code(1), credit_code(2));
    let unit_b = server::ledger::NewUnit {
        credit_code: b.clone(),
        credit_index: state.vault.blind_index(server::vault::purpose::CREDIT_CODE, &b),
        name: "无锡测试单位".into(),
        region: 320205,
        industry_class: Some(1),
    };
    store.unit_ensure(&unit_b, None, "test", 1).await.unwrap();
    let enrol = |n: u32, code: &str, region: &str| {
        let mut e = enrolment(&id_number(n));
        e.credit_code = code.to_owned();
        e.region = region.to_owned();
        item(&client_id(), FilingKind::Enrolment, &serde_json::to_string(&e).unwrap())
    };
    let items = vec![enrol(1, &a, "320102"), enrol(2, &a, "320102"), enrol(3, &b, "320205")];
    let out = intake::ingest_as(&state.cx(), batch(items), Some(&worker)).await.unwrap();
    assert!(out.results.iter().all(|r| matches!(r.outcome(), Outcome::Accepted { .. })), "{:?}", out.results);
    assert_eq!(common::approve_all(&state).await, 3);
    let month = Month::parse(&this_month()).unwrap();
    let run = ledger::monthly::assess(&state.cx(), month, None, None).await.unwrap();
    assert_eq!(run.employer + run.individual, 3 * PER_PERSON, "the rates the totals below were computed with: {run:?}");
    let today = app::domain::Date::china_from_unix_ms(server::store::now_ms());
    let file = format!("credit_code,month,amount,reference,paid_on\n{a},{month},1000.00,REF-A,{}\n", today.iso());
    let paid = ledger::payments::import(store.as_ref(), file.as_bytes(), today, None, 1).await.unwrap();
    assert!(matches!(paid, ledger::payments::Report::Imported(_)), "{paid:?}");
    (state, month)
}

fn sheet(bytes: Vec<u8>) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("an XLSX file");
    let range = book.worksheet_range_at(0).expect("a sheet").expect("readable");
    range.rows().map(<[Data]>::to_vec).collect()
}

/// The sheet's data rows (after the title, the parameters, a blank row and the header).
fn data(rows: &[Vec<Data>]) -> &[Vec<Data>] {
    &rows[4..]
}

fn fen(d: &Data) -> i64 {
    match d {
        Data::Float(f) => (f * 100.0).round() as i64,
        other => panic!("a number, not {other:?}"),
    }
}

fn text(d: &Data) -> &str {
    match d {
        Data::String(s) => s,
        other => panic!("text, not {other:?}"),
    }
}

async fn xlsx(state: &server::AppState, report: Report, f: &server::reports::Filter) -> Vec<Vec<Data>> {
    let today = app::domain::Date::china_from_unix_ms(server::store::now_ms());
    let dir = tempfile::tempdir().unwrap();
    let (file, _) = produce_to_temp(state.store.as_ref(), &state.vault, report, f, Format::Xlsx, today, dir.path()).await.unwrap();
    sheet(std::fs::read(file.path()).unwrap())
}

async fn reports_add_up(store: Arc<dyn Store>) {
    let (state, month) = fixture(&store).await;
    let unit_a = store.unit_by_code(&credit_code(1)).await.unwrap().unwrap();
    let all = |r: Report, unit: Option<(i64, i64)>| filter(r, Scope::All, month, month, unit, None).unwrap();

    // 单位缴费核定单 of A: two persons × two insurances.
    let rows = xlsx(&state, Report::UnitStatement, &all(Report::UnitStatement, Some((unit_a.id, unit_a.region)))).await;
    let body = data(&rows);
    assert_eq!(body.len(), 5, "four rows and the totals: {rows:?}");
    assert!(body[..4].iter().all(|r| text(&r[0]) == month.to_string() && text(&r[1]) == "王小明" && text(&r[2]).contains('*')), "{body:?}");
    let total = &body[4];
    assert!(text(&total[0]).starts_with("合计"));
    assert_eq!(total[5], Data::Empty, "bases are not added up");
    assert_eq!([fen(&total[6]), fen(&total[7]), fen(&total[8])], [2 * 144_000, 2 * 60_000, 2 * PER_PERSON]);

    // 欠费明细 of everyone: A owes 408,000 − 100,000, B all of its 204,000.
    let rows = xlsx(&state, Report::Arrears, &all(Report::Arrears, None)).await;
    let body = data(&rows);
    assert_eq!(body.len(), 3, "{rows:?}");
    let owed: Vec<(String, i64, i64, i64)> = body[..2].iter().map(|r| (text(&r[0]).to_owned(), fen(&r[4]), fen(&r[5]), fen(&r[6]))).collect();
    assert_eq!(owed, [(credit_code(1), 2 * PER_PERSON, 100_000, 2 * PER_PERSON - 100_000), (credit_code(2), PER_PERSON, 0, PER_PERSON)]);
    assert_eq!(fen(&body[2][6]), 3 * PER_PERSON - 100_000);

    // 参保统计: by region and insurance, counts as numbers.
    let rows = xlsx(&state, Report::InsuredStats, &all(Report::InsuredStats, None)).await;
    let counts: Vec<(String, String, f64)> = data(&rows)
        .iter()
        .filter(|r| !text(&r[0]).starts_with("合计"))
        .map(|r| match &r[4] {
            Data::Float(n) => (text(&r[0]).to_owned(), text(&r[2]).to_owned(), *n),
            other => panic!("a count, not {other:?}"),
        })
        .collect();
    let want = [("320102", 2.0), ("320102", 2.0), ("320205", 1.0), ("320205", 1.0)];
    assert_eq!(counts.len(), 4, "{counts:?}");
    for ((region, _, n), (want_region, want_n)) in counts.iter().zip(want) {
        assert_eq!((region.as_str(), *n), (want_region, want_n), "{counts:?}");
    }

    // 业务办理统计: three enrolments, approved.
    let rows = xlsx(&state, Report::CaseStats, &all(Report::CaseStats, None)).await;
    let body = data(&rows);
    assert_eq!(body.len(), 2, "{rows:?}");
    assert_eq!((text(&body[0][1]), text(&body[0][2])), ("参保登记（人员新增）", "审核通过"));
    assert!(matches!(body[0][4], Data::Float(n) if n == 3.0), "{body:?}");

    // 参保人员花名册 of A, as CSV: a header, four relationships and the totals.
    let today = app::domain::Date::china_from_unix_ms(server::store::now_ms());
    let dir = tempfile::tempdir().unwrap();
    let f = filter(Report::Roster, Scope::Unit(unit_a.id), month, month, None, None).unwrap();
    let (file, rows) = produce_to_temp(state.store.as_ref(), &state.vault, Report::Roster, &f, Format::Csv, today, dir.path()).await.unwrap();
    assert_eq!(rows, 4);
    let csv = std::fs::read_to_string(file.path()).unwrap();
    assert!(csv.starts_with('\u{feff}'), "a BOM for spreadsheets");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 6, "{csv}");
    assert!(lines[1..5].iter().all(|l| l.starts_with(&credit_code(1)) && l.ends_with("参保缴费")), "{csv}");

    // A statement as CSV keeps money exact.
    let f = all(Report::UnitStatement, Some((unit_a.id, unit_a.region)));
    let (file, _) = produce_to_temp(state.store.as_ref(), &state.vault, Report::UnitStatement, &f, Format::Csv, today, dir.path()).await.unwrap();
    let csv = std::fs::read_to_string(file.path()).unwrap();
    assert!(csv.lines().last().unwrap().ends_with(",,2880.00,1200.00,4080.00"), "{csv}");
}
both_stores!(reports, reports_add_up);

/// 待遇发放明细: persons 1 (玄武) and 3 (锡山) are paid a pension from two months ago (kept by the
/// store as an approved claim pays it: three months each), and person 5 (玄武) a month of
/// 失业保险金; by hand, 3 × 300,000 + 3 × 250,000 + the month's amount.
/// The certification coverage chart counts them, within scope.
async fn benefit_payments_add_up(store: Arc<dyn Store>) {
    let (state, month) = fixture(&store).await;
    let (filer, approver) = (common::signed_in(&state, Role::Operator, None).await, common::signed_in(&state, Role::Supervisor, None).await);
    let today = app::domain::Date::china_from_unix_ms(server::store::now_ms());
    let first = Month::from_index(month.index() - 2).unwrap();
    for (n, monthly) in [(1, 300_000), (3, 250_000)] {
        let person = store.person_id(&state.vault.blind_index(server::vault::purpose::ID_NUMBER, &id_number(n))).await.unwrap().unwrap();
        let claim = server::pensions::NewClaim {
            person_id: person,
            category: app::domain::pension::Category::Male,
            retire_in: Month::from_index(first.index() - 1).unwrap(),
            first_month: first,
            archive_months: 180,
            archive_index: 10_000,
            archive_ref: "档案".into(),
            base: app::domain::Fen(813_167),
            index: 10_000,
            months: 180,
            basic: app::domain::Fen(monthly),
            account: app::domain::Fen(0),
            working: Vec::new(),
            submitted_by: filer.account.id,
        };
        let entry = server::store::AuditEntry { action: "test".into(), ..Default::default() };
        let id = store.claim_submit(&claim, &entry, 1).await.unwrap().unwrap();
        assert!(store.claim_decide(id, approver.account.id, None, today, &entry, 2).await.unwrap());
    }
    let unemployed = unemployment_paid_this_month(&state, &store).await;
    let all = filter(Report::BenefitPayments, Scope::All, first, month, None, None).unwrap();
    let rows = xlsx(&state, Report::BenefitPayments, &all).await;
    let body = data(&rows);
    assert_eq!(body.len(), 8, "six months of pension, one of 失业保险金, and the totals: {rows:?}");
    assert_eq!(text(&body[0][0]), first.to_string(), "by month: {body:?}");
    assert!(body[..6].iter().all(|r| text(&r[2]).contains('*') && text(&r[3]) == "基本养老金"), "{body:?}");
    assert_eq!((text(&body[6][0]), text(&body[6][3]), fen(&body[6][5])), (month.to_string().as_str(), "失业保险金", unemployed), "the month's last: {body:?}");
    assert_eq!(fen(&body[7][5]), 3 * 300_000 + 3 * 250_000 + unemployed);
    // An operator of 玄武 sees person 1's three months and the 玄武 unit's unemployed; a unit
    // reads none.
    let xuanwu = filter(Report::BenefitPayments, Scope::Region(320102, 320102), first, month, None, None).unwrap();
    let rows = xlsx(&state, Report::BenefitPayments, &xuanwu).await;
    let body = data(&rows);
    assert_eq!((body.len(), fen(&body[4][5])), (5, 3 * 300_000 + unemployed), "{rows:?}");
    assert!(body[..4].iter().all(|r| text(&r[4]).contains("玄武")), "{body:?}");
    assert_eq!(filter(Report::BenefitPayments, Scope::Unit(1), first, month, None, None).unwrap_err().code, "report.scope");

    // 认证覆盖: both approved today, so both certified; an operator of 锡山区 counts person 3.
    let admin = common::signed_in(&state, Role::Admin, None).await;
    let (status, chart) = svg(&state, &admin, "certification", params(month, None, "")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(chart.contains("已认证 Certified 领取人 Pensioners: 2</title>") && chart.contains("覆盖 100.0%"), "{chart}");
    let operator = common::signed_in(&state, Role::Operator, None).await;
    store.staff_set_region(operator.account.id, 320205).await.unwrap();
    let (_, chart) = svg(&state, &operator, "certification", params(month, None, "")).await;
    assert!(chart.contains("已认证 Certified 领取人 Pensioners: 1</title>"), "{chart}");
}
both_stores!(benefit_payments, benefit_payments_add_up);

/// Person 5, insured in 失业保险 by a unit of 玄武 for the 14 months before this one (each paid),
/// dismissed (the unit's 减员), registered by a field worker, approved and paid this month by
/// the monthly run: the amount paid.
async fn unemployment_paid_this_month(state: &server::AppState, store: &Arc<dyn Store>) -> i64 {
    use app::domain::forms::{separation::SeparationDraft, unemployment::UnemploymentDraft};
    use app::domain::policy::Insurance;
    let cx: server::ledger::Cx = state.cx();
    let (id, code) = (id_number(5), credit_code(5));
    let id_index = state.vault.blind_index(server::vault::purpose::ID_NUMBER, &id);
    let today = app::domain::Date::china_from_unix_ms(server::store::now_ms());
    let this = Month::of(today);
    let at = |n: i32| Month::from_index(this.index() + n).unwrap();
    let unit = common::unit(state, &code).await;
    let sealed = state.vault.seal(&server::vault::bound::ledger_person(&id_index), id.as_bytes());
    let person = ledger::relationships::NewPerson { id_index, id_sealed: sealed, name: "周五".into() };
    let enrol = ledger::Enrol { unit_id: unit, person, region: 320102, start_month: at(-14).to_string(), insurances: vec![Insurance::Unemployment], base: 600_000, actor: None };
    assert_eq!(store.enrol_direct(&enrol, 1).await.unwrap(), None);
    let mut rows = Vec::new();
    for m in at(-14).through(at(-1)) {
        ledger::monthly::assess(&cx, m, None, None).await.unwrap();
        let due = store.statement(unit, &m.to_string()).await.unwrap().unwrap().due;
        rows.push(serde_json::json!({ "credit_code": code, "month": m.to_string(), "amount": format!("{}.{:02}", due / 100, due % 100), "reference": format!("REF5-{m}"), "paid_on": today.iso() }));
    }
    ledger::payments::import(store.as_ref(), serde_json::to_string(&rows).unwrap().as_bytes(), today, None, 1).await.unwrap();
    let file = |kind: FilingKind, payload: String, by: Principal| async move {
        let out = intake::ingest_as(&state.cx(), batch(vec![item(&client_id(), kind, &payload)]), Some(&by)).await.unwrap();
        assert!(matches!(out.results[0].outcome(), Outcome::Accepted { .. }), "{:?}", out.results);
    };
    let sep = SeparationDraft { id_number: id.clone(), name: "周五".into(), insurances: vec![Insurance::Unemployment], last_month: at(-1).to_string(), left_on: common::today_iso(), reason: "dismissed".into(), credit_code: String::new() };
    file(FilingKind::Separation, serde_json::to_string(&sep).unwrap(), common::signed_in(state, Role::EmployerHandler, Some(&code)).await).await;
    assert_eq!(common::approve_all(state).await, 1);
    let d = UnemploymentDraft { id_number: id, name: "周五".into(), left_on: today.iso(), cause: "contract_ended".into(), statement: String::new() };
    file(FilingKind::Unemployment, serde_json::to_string(&d).unwrap(), common::field_worker(state).await).await;
    assert_eq!(common::approve_all(state).await, 1);
    assert_eq!(server::unemployment::pay_due(store.as_ref(), this, 3).await.unwrap(), 1);
    store.spells("active", 10).await.unwrap()[0].monthly
}

async fn get(state: &server::AppState, by: &Principal, name: &str, q: Params) -> (StatusCode, Vec<u8>) {
    let cx = Cx::from_ref(state);
    let response = match download(State(cx), axum::Extension(Some(by.clone())), Path(name.to_owned()), Query(q)).await {
        Ok(r) => r,
        Err(refusal) => refusal.into_response(),
    };
    let status = response.status();
    (status, http_body_util::BodyExt::collect(response.into_body()).await.unwrap().to_bytes().to_vec())
}

fn params(month: Month, unit: Option<String>, format: &str) -> Params {
    Params { from: Some(month.to_string()), to: Some(month.to_string()), unit, region: None, format: Some(format.into()), person: None }
}

fn code(body: &[u8]) -> String {
    serde_json::from_slice::<serde_json::Value>(body).map(|v| v["code"].as_str().unwrap_or_default().to_owned()).unwrap_or_default()
}

async fn each_reads_only_their_scope(store: Arc<dyn Store>) {
    let (state, month) = fixture(&store).await;
    let unit_a = common::signed_in(&state, Role::EmployerHandler, Some(&credit_code(1))).await;
    // A unit reads its own statement (without naming itself) …
    let (status, body) = get(&state, &unit_a, "unit-statement", params(month, None, "xlsx")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(data(&sheet(body)).len(), 5);
    // … never another's, whether that unit exists or not, and no statistics.
    for other in [credit_code(2), credit_code(9)] {
        let (status, body) = get(&state, &unit_a, "unit-statement", params(month, Some(other), "xlsx")).await;
        assert_eq!((status, code(&body).as_str()), (StatusCode::FORBIDDEN, "report.scope"));
    }
    let (status, _) = get(&state, &unit_a, "insured-stats", params(month, None, "csv")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // Its arrears are its own only.
    let (_, body) = get(&state, &unit_a, "arrears", params(month, None, "xlsx")).await;
    let rows = sheet(body);
    assert_eq!(data(&rows).len(), 2, "{rows:?}");
    assert_eq!(fen(&data(&rows)[1][6]), 2 * PER_PERSON - 100_000);

    // An operator of 锡山区 sees that region only.
    let operator = common::signed_in(&state, Role::Operator, None).await;
    store.staff_set_region(operator.account.id, 320205).await.unwrap();
    let (status, _) = get(&state, &operator, "unit-statement", params(month, Some(credit_code(1)), "xlsx")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (_, body) = get(&state, &operator, "arrears", params(month, None, "xlsx")).await;
    let rows = sheet(body);
    assert_eq!(data(&rows).len(), 2, "B alone: {rows:?}");
    assert_eq!(text(&data(&rows)[0][0]), credit_code(2));
    let wider = Params { region: Some("320000".into()), ..params(month, None, "xlsx") };
    assert_eq!(get(&state, &operator, "insured-stats", wider).await.0, StatusCode::FORBIDDEN);

    // An admin sees both units.
    let admin = common::signed_in(&state, Role::Admin, None).await;
    let (_, body) = get(&state, &admin, "arrears", params(month, None, "csv")).await;
    let csv = String::from_utf8(body).unwrap();
    assert_eq!(csv.lines().count(), 4, "{csv}");
    // On screen: the first rows as they print and the totals over all.
    let (status, body) = get(&state, &admin, "arrears", params(month, None, "json")).await;
    assert_eq!(status, StatusCode::OK);
    let preview: app::api::reports::ReportPreview = serde_json::from_slice(&body).unwrap();
    assert_eq!((preview.count, preview.rows.len(), preview.columns.len()), (2, 2, 7));
    assert_eq!(preview.totals[6], "5,120.00");
    // To print: the whole report as a page, shown in the browser.
    let (status, body) = get(&state, &admin, "arrears", params(month, None, "html")).await;
    assert_eq!(status, StatusCode::OK);
    let html = String::from_utf8(body).unwrap();
    assert_eq!(html.matches("<tr>").count(), 4, "the header, two rows and the totals: {html}");
    assert!(html.contains("<td class=\"n\">5,120.00</td>") && html.contains("/voucher.css"), "{html}");
    // Bad input is told, in Chinese and English.
    let bad = Params { from: Some("2026-13".into()), ..params(month, None, "xlsx") };
    let (status, body) = get(&state, &admin, "arrears", bad).await;
    assert_eq!((status, code(&body).as_str()), (StatusCode::BAD_REQUEST, "report.month"));
    assert_eq!(get(&state, &admin, "nope", params(month, None, "xlsx")).await.0, StatusCode::NOT_FOUND);
    assert_eq!(get(&state, &admin, "arrears", params(month, None, "pdf")).await.0, StatusCode::BAD_REQUEST);
}
both_stores!(scope, each_reads_only_their_scope);

async fn svg(state: &server::AppState, by: &Principal, name: &str, q: Params) -> (StatusCode, String) {
    let response = match chart(State(Cx::from_ref(state)), axum::Extension(Some(by.clone())), Path(name.to_owned()), Query(q)).await {
        Ok(r) => r,
        Err(refusal) => refusal.into_response(),
    };
    let status = response.status();
    let body = http_body_util::BodyExt::collect(response.into_body()).await.unwrap().to_bytes().to_vec();
    (status, String::from_utf8(body).unwrap())
}

async fn charts_carry_the_figures_within_scope(store: Arc<dyn Store>) {
    let (state, month) = fixture(&store).await;
    let q = || params(month, None, "");
    let admin = common::signed_in(&state, Role::Admin, None).await;
    let (status, insured) = svg(&state, &admin, "insured", q()).await;
    assert_eq!(status, StatusCode::OK);
    assert!(insured.starts_with("<svg") && insured.contains(&format!("{month} 养老保险: 3</title>")) && insured.contains(&format!("{month} 医疗保险: 3</title>")), "{insured}");
    // Assessed 3 × 2,040 yuan; A paid 1,000; the rest is owed.
    let (_, money) = svg(&state, &admin, "money", q()).await;
    for want in ["核定 Assessed: 6,120.00 元", "到账 Collected: 1,000.00 元", "欠费 Arrears: 5,120.00 元"] {
        assert!(money.contains(&format!("{month} {want}</title>")), "{want}: {money}");
    }
    // Three enrolments filed today, none still open.
    let today = app::domain::Date::china_from_unix_ms(server::store::now_ms()).iso();
    let (_, cases) = svg(&state, &admin, "cases", q()).await;
    assert!(cases.contains(&format!("{} 受理 Filed: 3</title>", &today[5..])), "{cases}");
    let (_, ages) = svg(&state, &admin, "case_age", q()).await;
    assert!(ages.contains("暂无数据") && !ages.contains("<title>0–2天"), "{ages}");

    // An operator of 锡山区: B's person and money only; the province is beyond them.
    let operator = common::signed_in(&state, Role::Operator, None).await;
    store.staff_set_region(operator.account.id, 320205).await.unwrap();
    let (_, insured) = svg(&state, &operator, "insured", q()).await;
    assert!(insured.contains(&format!("{month} 养老保险: 1</title>")), "{insured}");
    let (_, money) = svg(&state, &operator, "money", q()).await;
    assert!(money.contains(&format!("{month} 核定 Assessed: 2,040.00 元</title>")), "{money}");
    let wider = Params { region: Some("320000".into()), ..q() };
    let (status, body) = svg(&state, &operator, "insured", wider).await;
    assert_eq!((status, code(body.as_bytes()).as_str()), (StatusCode::FORBIDDEN, "report.scope"));
    // An admin drills down into 玄武区: A's two persons.
    let down = Params { region: Some("320102".into()), ..q() };
    let (_, insured) = svg(&state, &admin, "insured", down).await;
    assert!(insured.contains(&format!("{month} 养老保险: 2</title>")), "{insured}");
    // A unit gets no statistics; an unknown chart is not found.
    let unit = common::signed_in(&state, Role::EmployerHandler, Some(&credit_code(1))).await;
    assert_eq!(svg(&state, &unit, "insured", q()).await.0, StatusCode::FORBIDDEN);
    assert_eq!(svg(&state, &admin, "pie", q()).await.0, StatusCode::NOT_FOUND);
}
both_stores!(charts, charts_carry_the_figures_within_scope);

/// 个人参保缴费证明 as a report: person 1's month — one row per insurance, the unit, the base,
/// what each side owed (together one person's 204,000 fen), and 未到账 (the unit paid 1,000.00
/// of 4,080.00); an operator of another region reads none of it; a unit may not ask; the person
/// must be named, and known.
async fn a_persons_record_is_a_report(store: Arc<dyn Store>) {
    let (state, month) = fixture(&store).await;
    let admin = common::signed_in(&state, Role::Admin, None).await;
    let ask = |person: Option<String>| Params { person, ..params(month, None, "xlsx") };
    let (status, body) = get(&state, &admin, "person-record", ask(Some(id_number(1)))).await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    let rows = sheet(body);
    let body = data(&rows);
    assert_eq!(body.len(), 3, "pension, medical and the totals: {rows:?}");
    assert!(body[..2].iter().all(|r| text(&r[0]) == month.to_string() && text(&r[2]) == "测试单位000001" && fen(&r[3]) == 600_000 && text(&r[6]) == "未到账"), "{body:?}");
    assert_eq!(fen(&body[2][4]) + fen(&body[2][5]), PER_PERSON, "{body:?}");
    let operator = common::signed_in(&state, Role::Operator, None).await;
    store.staff_set_region(operator.account.id, 320205).await.unwrap();
    let (status, body) = get(&state, &operator, "person-record", ask(Some(id_number(1)))).await;
    assert_eq!((status, data(&sheet(body)).len()), (StatusCode::OK, 1), "the totals only: 玄武's unit is not 锡山's");
    let unit_a = common::signed_in(&state, Role::EmployerHandler, Some(&credit_code(1))).await;
    let (status, body) = get(&state, &unit_a, "person-record", ask(Some(id_number(1)))).await;
    assert_eq!((status, code(&body).as_str()), (StatusCode::FORBIDDEN, "report.scope"));
    let (status, body) = get(&state, &admin, "person-record", ask(None)).await;
    assert_eq!((status, code(&body).as_str()), (StatusCode::BAD_REQUEST, "report.person_needed"));
    let (status, body) = get(&state, &admin, "person-record", ask(Some(id_number(8)))).await;
    assert_eq!((status, code(&body).as_str()), (StatusCode::NOT_FOUND, "report.person_unknown"));
}
both_stores!(person_record, a_persons_record_is_a_report);
