//! 养老待遇测算 in the back office: `GET /api/office/persons/{id}/pension?category=&retire_in=`.
//! From the person's ID number (birth month, sex) and the ledger (the pension months paid, the
//! personal account), by the shared rules of `app::domain::pension`: the statutory month under
//! the 2025 reform and the flexible window, the minimum contribution months of that year
//! against the months paid, and the account part of the pension at the age of `retire_in`.
//! The basic part also needs what the person's archive shows before the ledger, which only the
//! pension claim (the pensions capability's claims) asks for: the working says so. Audited.

use app::api::office::PensionEstimate;
use app::domain::ledger::{Line, Month};
use app::domain::pension::{account_pension, annuity_tenths, may_retire, minimum_months, retirement_month, statutory_age, window, Age, Category};
use app::domain::policy::Insurance;
use app::domain::{IdNumber, Issue, Sex};
use axum::extract::{Path, Query, State};
use axum::response::IntoResponse;
use axum::{Extension, Json};

use super::persons::{entry, id_number};
use super::{audit, staff, today, Cx};
use crate::accounts::session::Principal;
use crate::http::{Answer, Refusal};

#[derive(Debug, serde::Deserialize)]
pub struct Ask {
    pub category: Option<String>,
    pub retire_in: Option<String>,
}

fn bad(field: &str, issue: Issue) -> Refusal {
    Refusal::field(field, issue)
}

/// `GET /api/office/persons/{id}/pension`.
pub async fn estimate(State(cx): State<Cx>, Extension(by): Extension<Option<Principal>>, Path(id): Path<i64>, Query(ask): Query<Ask>) -> Answer {
    let by = staff(&by)?;
    let now = crate::store::now_ms();
    let today = today(now);
    let person = entry(&cx, id).await?;
    let id_text = id_number(&cx, &person)?;
    let id_checked = IdNumber::parse(&id_text, today).map_err(|_| Refusal::unreadable("a ledger person's ID number"))?.value;
    let birth = Month::of(id_checked.birth_date());
    let category = match (id_checked.sex(), ask.category.as_deref().filter(|c| !c.is_empty())) {
        (Sex::Male, _) => Category::Male,
        (Sex::Female, None) => Category::Female50,
        (Sex::Female, Some(code)) => match Category::parse(code) {
            Some(c @ (Category::Female50 | Category::Female55)) => c,
            _ => return Err(bad("category", Issue::new("pension.category", "请选择原退休年龄类别（50 或 55 周岁）", "Choose the original retirement age (50 or 55)"))),
        },
    };
    let p = cx.ledger.pension.as_ref();
    let w = window(birth, category, p);
    let retire_in = match ask.retire_in.as_deref().filter(|m| !m.is_empty()) {
        Some(m) => Month::parse(m).ok_or_else(|| bad("retire_in", Issue::new("month.invalid", "月份应为 YYYY-MM", "A month is YYYY-MM")))?,
        None => w.statutory,
    };
    // The pension months paid, over a working life (from 16 to this month).
    let from = Month::from_index(birth.index() + 16 * 12).unwrap_or(birth);
    let records = crate::ledger::records::of_person(&cx.ledger, &person.id_index, from, Month::of(today), now).await?;
    let mut paid: Vec<Month> = records.months.iter().filter(|r| r.insurance == Insurance::Pension && r.paid).map(|r| r.month).collect();
    paid.sort_unstable();
    paid.dedup();
    let contributed = u16::try_from(paid.len()).unwrap_or(u16::MAX);
    let (issue, mut working) = match may_retire(birth, category, contributed, retire_in, p) {
        Ok(working) => (None, working),
        Err(issue) => (Some(issue), retirement_month(birth, category, p).1),
    };
    let age = Age(u16::try_from(retire_in.index() - birth.index()).unwrap_or(0));
    let balance = records.account.balance;
    let account = annuity_tenths(age, p).map(|tenths| {
        let (amount, lines) = account_pension(balance, tenths);
        working.extend(lines);
        amount
    });
    if account.is_none() {
        working.push(Line { zh: format!("{} 不在计发月数表内", age.zh()), en: format!("{age} is outside the 计发月数 table"), amount: None });
    }
    working.push(Line {
        zh: "基础养老金还需档案核定的历史及视同缴费（月数与指数），在养老金申请中计算".into(),
        en: "The basic pension also needs the months and index the archive shows before the ledger: it is computed in the pension claim".into(),
        amount: None,
    });
    audit(&cx, by, "office.pension_estimate", Some(format!("person:{id}")), None, now).await?;
    Ok(Json(PensionEstimate {
        category,
        birth,
        statutory_age: statutory_age(birth, category, p).0,
        statutory: w.statutory,
        earliest: w.earliest,
        latest: w.latest,
        retire_in,
        minimum_months: minimum_months(w.statutory.year, p),
        contributed_months: contributed,
        balance,
        account_pension: account,
        issue,
        working,
    })
    .into_response())
}
