//! The ledger's endpoints:
//!
//! - `GET /api/ledger/records?from=YYYY-MM&to=YYYY-MM` (a resident: their own records only —
//!   the person is the session's, never a parameter);
//! - `GET /api/ledger/roster` and `GET /api/ledger/statements/{month}` (a unit's account: its
//!   own unit only);
//! - `GET /proof?from=…&to=…`: the printable 参保缴费证明 (masked ID number, a QR code), and
//!   `GET /verify-proof/{proof_no}.{code}`: authentic or not, with nothing personal.

use app::api::auth::Role;
use app::domain::ledger::Month;
use app::domain::{Date, Issue};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};

use super::{records, Cx, Unit};
use crate::accounts::session::Principal;
use crate::http::{Answer, Refusal};
use crate::http::html::{china_time, code_matches, esc, not_found, origin, page, qr_img, unavailable, verify_code};
use crate::vault::purpose;

/// The longest period one query covers: 50 years.
pub const MAX_MONTHS: i32 = 600;

#[derive(Debug, serde::Deserialize)]
pub struct Period {
    pub from: Option<String>,
    pub to: Option<String>,
}

fn today() -> Date {
    Date::china_from_unix_ms(app::api::ssr::now_ms())
}

/// The period asked for; by default the last twelve months.
fn period(p: &Period) -> Result<(Month, Month), Refusal> {
    period_or(p, 12)
}

/// The period asked for; by default the last `months` months.
pub fn period_or(p: &Period, months: i32) -> Result<(Month, Month), Refusal> {
    let this = Month::of(today());
    let bad = || {
        Refusal::api(
            StatusCode::UNPROCESSABLE_ENTITY,
            Issue::new("period.invalid", "查询期间应为 YYYY-MM 至 YYYY-MM，最长 50 年", "The period is YYYY-MM to YYYY-MM, at most 50 years"),
        )
    };
    let to = match &p.to {
        Some(t) => Month::parse(t).ok_or_else(bad)?,
        None => this,
    };
    let from = match &p.from {
        Some(f) => Month::parse(f).ok_or_else(bad)?,
        None => Month::from_index(to.index() - (months - 1)).unwrap_or(to),
    };
    if from > to || to.index() - from.index() >= MAX_MONTHS {
        return Err(bad());
    }
    Ok((from, to))
}

fn resident(by: &Option<Principal>) -> Result<&Principal, Refusal> {
    by.as_ref().filter(|p| p.role == Role::Resident).ok_or_else(Refusal::bad_request)
}

async fn own_unit(cx: &Cx, by: &Option<Principal>) -> Result<Unit, Refusal> {
    let p = by.as_ref().filter(|p| p.role == Role::EmployerHandler).ok_or_else(Refusal::bad_request)?;
    cx.store.unit_by_index(&p.account.id_index).await?.ok_or_else(|| {
        Refusal::not_found(Issue::new("unit.not_in_ledger", "该单位尚未建立参保单位档案，请联系经办机构", "The unit has no record in the ledger yet; contact the agency"))
    })
}

/// `GET /api/ledger/records`.
pub async fn my_records(State(cx): State<Cx>, Extension(by): Extension<Option<Principal>>, Query(p): Query<Period>) -> Answer {
    let me = resident(&by)?;
    let (from, to) = period(&p)?;
    Ok(Json(records::of_person(&cx, &me.account.id_index, from, to, app::api::ssr::now_ms()).await?).into_response())
}

/// `GET /api/ledger/roster`.
pub async fn roster(State(cx): State<Cx>, Extension(by): Extension<Option<Principal>>) -> Answer {
    let unit = own_unit(&cx, &by).await?;
    Ok(Json(records::roster(&cx, &unit, today()).await?).into_response())
}

/// `GET /api/ledger/statements/{month}`.
pub async fn statement(State(cx): State<Cx>, Extension(by): Extension<Option<Principal>>, Path(month): Path<String>) -> Answer {
    let unit = own_unit(&cx, &by).await?;
    let month = Month::parse(&month).ok_or_else(|| Refusal::api(StatusCode::UNPROCESSABLE_ENTITY, Issue::new("month.invalid", "月份应为 YYYY-MM", "A month is YYYY-MM")))?;
    Ok(Json(records::statement(&cx, &unit, month, today()).await?).into_response())
}

/// `GET /proof`: the printable proof of the resident's records over the period.
pub async fn proof(State(cx): State<Cx>, Extension(by): Extension<Option<Principal>>, headers: HeaderMap, Query(p): Query<Period>) -> Answer {
    let me = resident(&by)?;
    let (from, to) = period(&p)?;
    let now = app::api::ssr::now_ms();
    let r = records::of_person(&cx, &me.account.id_index, from, to, now).await?;
    let Some(person) = cx.store.person_id(&me.account.id_index).await? else {
        return Ok(not_found("没有参保缴费记录，无法出具证明 No contribution records to prove"));
    };
    let months = {
        let mut ms: Vec<Month> = r.months.iter().map(|m| m.month).collect();
        ms.dedup();
        ms.len() as i64
    };
    let day = today().digits();
    let proof_no = cx.store.proof_issue(person, &from.to_string(), &to.to_string(), months, &day, now).await?;
    let code = verify_code(&cx.vault, purpose::PROOF, &proof_no);
    let verify = format!("{}/verify-proof/{proof_no}.{code}", origin(cx.https, &headers));
    let id = cx.vault.open(&crate::vault::bound::account_id(&me.account.id_index), &me.account.id_sealed)?;
    let masked = app::domain::IdNumber::mask(&String::from_utf8_lossy(&id), today());
    let mut rows = String::new();
    for m in &r.months {
        rows.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            m.month,
            m.insurance.zh(),
            esc(&m.unit),
            m.base.yuan(),
            m.employer.yuan(),
            m.individual.yuan(),
            if m.paid { "已到账" } else { "未到账" }
        ));
    }
    let body = format!(
        "<main class=\"voucher proof\">\
         <h1>参保缴费证明 <small>Proof of contributions</small></h1>\
         <dl class=\"facts\">\
         <dt>姓名 Name</dt><dd>{name}</dd>\
         <dt>身份证号 ID number</dt><dd>{masked}</dd>\
         <dt>证明期间 Period</dt><dd>{from} 至 {to}</dd>\
         <dt>证明编号 No.</dt><dd class=\"receipt\" data-testid=\"proof-no\">{proof_no}</dd>\
         <dt>出具时间 Issued</dt><dd>{time}</dd>\
         <dt>个人账户余额 Account</dt><dd>{balance} 元（截至 {to}）</dd></dl>\
         <table class=\"records\"><thead><tr><th>所属期</th><th>险种</th><th>单位</th><th>缴费基数</th><th>单位缴费</th><th>个人缴费</th><th>到账</th></tr></thead>\
         <tbody>{rows}</tbody><tfoot><tr><td colspan=\"4\">合计 Total</td><td class=\"n\">{employer}</td><td class=\"n\">{individual}</td><td></td></tr></tfoot></table>\
         <figure>{qr}<figcaption>扫码核验证明真伪 Scan to verify<br><span class=\"link\">{verify_text}</span></figcaption></figure>\
         <p class=\"note\">本证明由社保通根据社会保险经办机构的记录生成；身份证号已隐去部分数字。Generated from the agency's records; the ID number is partly hidden.</p>\
         </main>",
        name = esc(&me.account.name),
        time = china_time(now),
        balance = r.account.balance.yuan(),
        employer = r.employer_total.yuan(),
        individual = r.individual_total.yuan(),
        qr = qr_img(&verify),
        verify_text = esc(&verify),
    );
    Ok(page(&format!("参保缴费证明 {proof_no}"), &body))
}

/// `GET /verify-proof/{proof_no}.{code}`: authentic or not; the period and when it was issued,
/// nothing about whom.
pub async fn verify_proof(State(cx): State<Cx>, Path(token): Path<String>) -> Response {
    let Some((proof_no, given)) = token.rsplit_once('.') else { return not_found("证明编码不完整 The code is incomplete") };
    if !code_matches(&cx.vault, purpose::PROOF, proof_no, given) {
        return not_found("证明校验码不符，可能是伪造或抄错 The proof's code does not match: forged or mistyped");
    }
    let proof = match cx.store.proof_get(proof_no).await {
        Ok(Some(p)) => p,
        Ok(None) => return not_found("没有这份证明 No such proof"),
        Err(e) => return unavailable(&e),
    };
    let body = format!(
        "<main class=\"voucher verify\" data-testid=\"verified\">\
         <h1>证明真实有效 <small>Authentic proof</small></h1>\
         <dl class=\"facts\"><dt>业务 Document</dt><dd>参保缴费证明 Proof of contributions</dd>\
         <dt>证明编号 No.</dt><dd data-testid=\"proof-no\">{no}</dd>\
         <dt>证明期间 Period</dt><dd>{from} 至 {to}（{months} 个月有记录）</dd>\
         <dt>出具时间 Issued</dt><dd>{time}</dd></dl></main>",
        no = esc(&proof.proof_no),
        from = esc(&proof.from_month),
        to = esc(&proof.to_month),
        months = proof.months,
        time = china_time(proof.issued_at),
    );
    page("证明核验 Verify", &body)
}
