//! 办理凭证 of the back office's four-eyes work, printable like a filing's voucher (the same
//! stylesheet, plain HTML, no script):
//!
//! - `GET /voucher/payment/{id}`: a payment file — its rows and sum by unit, who submitted it
//!   and who confirmed it, what the import took;
//! - `GET /voucher/adjustment/{id}`: a 基数调整 — the person, the unit, the year, the base
//!   before and after, the reason, who proposed and who confirmed it.
//!
//! Staff only (the router's guard, and the handler again); each print is audited. A pending or
//! returned one prints as what it is: the voucher states where the work stands.

use std::collections::BTreeMap;

use app::api::office::BatchStatus;
use app::domain::Fen;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::Extension;

use super::{audit, staff, Cx};
use crate::accounts::session::Principal;
use crate::http::html::{china_time, esc, not_found, page};
use crate::ledger::payments;

/// The units a payment voucher lists one by one; the rest are summed on one line.
const UNITS_SHOWN: usize = 50;

fn status_text(s: BatchStatus) -> &'static str {
    match s {
        BatchStatus::Pending => "待复核 Waiting for a second member of staff",
        BatchStatus::Applied => "已复核并生效 Confirmed and applied",
        BatchStatus::Returned => "已退回，未生效 Returned: nothing applied",
    }
}

fn staff_no(id: i64) -> String {
    format!("工号 Staff #{id}")
}

fn when(by: Option<i64>, at: Option<i64>) -> String {
    match (by, at) {
        (Some(by), Some(at)) => format!("{} · {}", staff_no(by), china_time(at)),
        _ => "—".into(),
    }
}

/// The voucher page: a title, its number, and the facts as label–value pairs.
fn voucher(title: &str, number: &str, facts: &[(&str, String)], table: &str) -> Response {
    let facts: String = facts.iter().filter(|(_, v)| !v.is_empty()).map(|(l, v)| format!("<dt>{}</dt><dd>{}</dd>", esc(l), esc(v))).collect();
    let body = format!(
        "<main class=\"voucher\"><h1>办理凭证 <small>Voucher</small></h1><p class=\"kind\">{title}</p>\
         <dl class=\"facts\"><dt>凭证编号 Number</dt><dd class=\"receipt\" data-testid=\"receipt\">{number}</dd>{facts}</dl>{table}\
         <p class=\"note\">本凭证由社保通经办系统生成，供经办留存；复核须由提交人以外的另一名工作人员完成。Kept by the agency; confirmed by another member of staff than the one who submitted.</p></main>",
        title = esc(title),
        number = esc(number),
    );
    page(&format!("办理凭证 {number}"), &body)
}

/// `GET /voucher/payment/{id}`.
pub async fn payment(State(cx): State<Cx>, Extension(by): Extension<Option<Principal>>, Path(id): Path<i64>) -> Response {
    let by = match staff(&by) {
        Ok(by) => by,
        Err(r) => return r.into_response(),
    };
    let now = crate::store::now_ms();
    let (b, content) = match cx.store.batch_get(id).await {
        Ok(Some(found)) => found,
        Ok(None) => return not_found("没有这个缴费文件 No such payment file"),
        Err(e) => return crate::http::html::unavailable(&e),
    };
    if let Err(e) = audit(&cx, by, "office.voucher_print", Some(format!("payment_batch:{id}")), None, now).await {
        return crate::http::Refusal::from(e).into_response();
    }
    // The rows by unit, read again from the file as it was checked.
    let mut units: BTreeMap<String, (u64, i64)> = BTreeMap::new();
    for (_, row) in payments::read(&content).unwrap_or_default() {
        let amount = Fen::parse_yuan(&row.amount).map(|c| c.value.0).unwrap_or(0);
        let u = units.entry(row.credit_code.trim().to_uppercase()).or_default();
        u.0 += 1;
        u.1 += amount;
    }
    let mut table = String::from("<table class=\"rows\"><thead><tr><th>统一社会信用代码 Unit</th><th>笔数 Rows</th><th>金额（元） Yuan</th></tr></thead><tbody>");
    for (code, (n, sum)) in units.iter().take(UNITS_SHOWN) {
        table.push_str(&format!("<tr><td>{}</td><td>{n}</td><td>{}</td></tr>", esc(code), Fen(*sum).yuan()));
    }
    if units.len() > UNITS_SHOWN {
        let (n, sum) = units.values().skip(UNITS_SHOWN).fold((0, 0), |(n, s), (k, a)| (n + k, s + a));
        table.push_str(&format!("<tr><td>其余 {} 个单位 {} more units</td><td>{n}</td><td>{}</td></tr>", units.len() - UNITS_SHOWN, units.len() - UNITS_SHOWN, Fen(sum).yuan()));
    }
    table.push_str("</tbody></table>");
    let taken = match (b.taken, b.already) {
        (Some(t), Some(a)) => format!("新入账 {t} 笔，此前已入账 {a} 笔 {t} taken, {a} imported before"),
        _ => String::new(),
    };
    let facts = [
        ("业务 Work", "缴费到账导入（税务征收数据）Payment import".to_owned()),
        ("文件 File", b.file_name.clone()),
        ("笔数 Rows", b.rows.to_string()),
        ("合计 Total", format!("{} 元 yuan", b.total.yuan())),
        ("状态 Status", status_text(b.status).to_owned()),
        ("提交 Submitted", when(Some(b.submitted_by), Some(b.submitted_at))),
        ("复核 Confirmed", when(b.decided_by, b.decided_at)),
        ("入账结果 Result", taken),
        ("退回原因 Returned because", b.reason.clone().unwrap_or_default()),
        ("打印 Printed", format!("{} · {}", staff_no(by.account.id), china_time(now))),
    ];
    voucher("缴费到账导入 Payment import", &format!("PAY-{id:08}"), &facts, &table)
}

/// `GET /voucher/adjustment/{id}`.
pub async fn adjustment(State(cx): State<Cx>, Extension(by): Extension<Option<Principal>>, Path(id): Path<i64>) -> Response {
    let by = match staff(&by) {
        Ok(by) => by,
        Err(r) => return r.into_response(),
    };
    let now = crate::store::now_ms();
    let a = match cx.store.adjust_get(id).await {
        Ok(Some(a)) => a,
        Ok(None) => return not_found("没有这项基数调整 No such base adjustment"),
        Err(e) => return crate::http::html::unavailable(&e),
    };
    if let Err(e) = audit(&cx, by, "office.voucher_print", Some(format!("base_adjustment:{id}")), None, now).await {
        return crate::http::Refusal::from(e).into_response();
    }
    let facts = [
        ("业务 Work", "缴费基数调整 Base adjustment".to_owned()),
        ("参保人 Person", format!("{} （个人编号 No. {}）", a.person_name, a.person)),
        ("参保单位 Unit", a.unit_name.clone()),
        ("年度 Year", a.year.to_string()),
        ("调整前 Before", a.previous.map_or_else(|| "未申报 none declared".to_owned(), |p| format!("{} 元/月 yuan a month", p.yuan()))),
        ("调整后 After", format!("{} 元/月 yuan a month", a.monthly_base.yuan())),
        ("原因 Reason", a.reason.clone()),
        ("状态 Status", status_text(a.status).to_owned()),
        ("提交 Proposed", when(Some(a.submitted_by), Some(a.submitted_at))),
        ("复核 Confirmed", when(a.decided_by, a.decided_at)),
        ("退回原因 Returned because", a.return_reason.clone().unwrap_or_default()),
        ("说明 Note", if a.status == BatchStatus::Applied { "已计核定月份的差额在下一次核定中以补差记入 The months already assessed get the difference at the next run".to_owned() } else { String::new() }),
        ("打印 Printed", format!("{} · {}", staff_no(by.account.id), china_time(now))),
    ];
    voucher("缴费基数调整 Base adjustment", &format!("ADJ-{id:08}"), &facts, "")
}
