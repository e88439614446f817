//! 养老金申请 in the back office, under four eyes:
//!
//! - `POST /api/office/persons/{id}/pension-claims` (operator or supervisor): the claim as
//!   typed, checked by the shared form rules; then, from the ID number (birth month, sex) and
//!   the ledger (the pension months paid through the retirement month, their bases, the
//!   personal account), the retirement window and minimum months under the 2025 reform and the
//!   pension with its working. A man's category is his; a woman's is the form's (原 50 by
//!   default). The province is that of the person's units (several provinces: the relationship
//!   is transferred first). Kept pending; one live claim per person.
//! - `GET /api/office/pension-claims`: the latest claims and where they stand; and
//!   `GET /api/office/persons/{id}/pension-claims` a person's;
//! - `POST /api/office/pension-claims/{id}/decision` (supervisor, not the filer): approve — the
//!   first certification; the months from the month after retirement through this one are
//!   paid in the same transaction, and the months assessed to the ended pension relationship
//!   after it assessed again (补差: reversed) — or return with a reason;
//! - `POST /api/office/pension-claims/{id}/certifications`: 养老待遇资格认证 at the counter.

use std::collections::BTreeMap;

use app::api::office::{BatchDecision, BatchStatus, PensionClaimView};
use app::domain::forms::pension_claim::{field, validate, PensionClaimDraft};
use app::domain::ledger::Month;
use app::domain::pension::claim::{compute, Archive, YearBases};
use app::domain::pension::{flexible_terms, may_retire, window, Age, Category};
use app::domain::policy::Insurance;
use app::domain::{Fen, IdNumber, Issue, Sex};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::{Extension, Json};

use super::store::NewClaim;
use crate::accounts::session::Principal;
use crate::http::{quota, Answer, Refusal};
use crate::office::persons::{entry, id_number};
use crate::office::{actor, four_eyes, return_reason, staff, today};
use super::Cx;
use crate::store::AuditEntry;

/// Claims one account may file, and certifications it may record, in an hour.
pub const SUBMITS_PER_HOUR: i64 = 60;
/// The latest claims listed (on the list, and on a person's page).
pub const RECENT: i64 = 50;

fn unprocessable(issue: Issue) -> Refusal {
    Refusal::api(StatusCode::UNPROCESSABLE_ENTITY, issue)
}

/// The province of the person's units, or of the ID number when the ledger has none.
async fn province(cx: &crate::office::Cx, person_id: i64, id: &IdNumber) -> Result<u32, Refusal> {
    let mut provinces = Vec::new();
    for hit in cx.store.person_units(person_id).await? {
        if let Some(unit) = cx.store.unit_get(hit.unit).await? {
            let p = u32::try_from(unit.region / 10_000 * 10_000).unwrap_or_default();
            if !provinces.contains(&p) {
                provinces.push(p);
            }
        }
    }
    match provinces.as_slice() {
        [] => Ok(id.address_code() / 10_000 * 10_000),
        [one] => Ok(*one),
        _ => Err(unprocessable(Issue::new(
            "pension.provinces",
            "参保单位分属多个省份，请先办理养老保险关系转移接续",
            "The person's units are in more than one province: transfer the pension relationship first",
        ))),
    }
}

/// `POST /api/office/persons/{id}/pension-claims`.
pub async fn submit(State(cx): State<Cx>, Extension(by): Extension<Option<Principal>>, Path(id): Path<i64>, Json(d): Json<PensionClaimDraft>) -> Answer {
    let by = staff(&by)?;
    let now = crate::store::now_ms();
    let today = today(now);
    let c = validate(&d).map_err(|errors| Refusal::form(app::api::auth::FormRefusal::invalid(errors)))?.value;
    let person = entry(&cx.office, id).await?;
    let id_checked = IdNumber::parse(&id_number(&cx.office, &person)?, today).map_err(|_| Refusal::unreadable("a ledger person's ID number"))?.value;
    let category = match (id_checked.sex(), c.category) {
        (Sex::Male, _) => Category::Male,
        (Sex::Female, None) => Category::Female50,
        (Sex::Female, Some(Category::Male)) => {
            return Err(Refusal::field(field::CATEGORY, Issue::new("pension.category", "请选择原退休年龄类别（50 或 55 周岁）", "Choose the original retirement age (50 or 55)")))
        }
        (Sex::Female, Some(female)) => female,
    };
    let birth = Month::of(id_checked.birth_date());
    let p = cx.office.ledger.pension.as_ref();
    // The ledger's pension months paid through the retirement month, and their bases by year.
    let from = Month::from_index(birth.index() + 16 * 12).unwrap_or(birth);
    let to = c.retire_in.min(Month::of(today));
    let records = crate::ledger::records::of_person(&cx.office.ledger, &person.id_index, from, to, now).await?;
    let mut by_month = BTreeMap::new();
    for r in records.months.iter().filter(|r| r.insurance == Insurance::Pension && r.paid) {
        by_month.entry(r.month).or_insert(r.base);
    }
    let mut by_year: BTreeMap<u16, YearBases> = BTreeMap::new();
    for (m, base) in &by_month {
        let y = by_year.entry(m.year).or_insert(YearBases { year: m.year, months: 0, total: Fen(0) });
        y.months += 1;
        y.total = Fen(y.total.0 + base.0);
    }
    let contributed = u16::try_from(by_month.len()).unwrap_or(u16::MAX).saturating_add(c.archive_months);
    let mut working = match may_retire(birth, category, contributed, c.retire_in, p) {
        Ok(w) => w,
        Err(issue) if issue.code == "pension.too_few_months" => return Err(Refusal::field(field::ARCHIVE_MONTHS, issue)),
        Err(issue) => return Err(Refusal::field(field::RETIRE_IN, issue)),
    };
    let statutory = window(birth, category, p).statutory;
    working.extend(flexible_terms(statutory, c.retire_in, &c.agreement_ref).map_err(|issue| Refusal::field(field::AGREEMENT_REF, issue))?);
    let province = province(&cx.office, person.id, &id_checked).await?;
    let age = Age(u16::try_from(c.retire_in.index() - birth.index()).unwrap_or(0));
    let years: Vec<YearBases> = by_year.into_values().collect();
    let figures = compute(&years, Archive { months: c.archive_months, index: c.archive_index }, records.account.balance, age, c.retire_in.year, province, p).map_err(|issue| {
        if issue.code == "pension.no_base" {
            unprocessable(issue)
        } else {
            Refusal::field(field::RETIRE_IN, issue)
        }
    })?;
    working.extend(figures.working);
    quota::take(cx.store.as_ref(), &format!("pension-claim:{}", by.account.id), quota::HOUR_MS, SUBMITS_PER_HOUR, now).await?;
    let new = NewClaim {
        person_id: person.id,
        category,
        retire_in: c.retire_in,
        first_month: c.retire_in.next(),
        archive_months: c.archive_months,
        archive_index: c.archive_index,
        archive_ref: c.archive_ref,
        base: figures.base,
        index: figures.index,
        months: figures.months,
        basic: figures.basic,
        account: figures.account,
        working,
        submitted_by: by.account.id,
    };
    let audit = AuditEntry { action: "pension.claim_submit".into(), detail: Some(format!("person={} retire_in={}", person.id, c.retire_in)), ..actor(by) };
    let Some(claim) = cx.store.claim_submit(&new, &audit, now).await? else {
        return Err(Refusal::conflict(Issue::new("pension.claim_live", "该人员已有在办或已核准的养老金申请", "The person has a pension claim pending or approved already")));
    };
    let stored = cx.store.claim_get(claim).await?.ok_or_else(|| Refusal::unreadable("the claim just kept"))?;
    Ok((StatusCode::CREATED, Json(stored)).into_response())
}

/// `POST /api/office/pension-claims/{id}/certifications`: the pensioner certified at the counter
/// today, by the operator who saw them; the months a suspension skipped are paid at once.
pub async fn certify(State(cx): State<Cx>, Extension(by): Extension<Option<Principal>>, Path(id): Path<i64>) -> Answer {
    let by = staff(&by)?;
    let now = crate::store::now_ms();
    let today = today(now);
    quota::take(cx.store.as_ref(), &format!("pension-certify:{}", by.account.id), quota::HOUR_MS, SUBMITS_PER_HOUR, now).await?;
    let audit = AuditEntry { action: "pension.certify".into(), detail: Some("way=counter".into()), ..actor(by) };
    if !cx.store.certify(id, today, "counter", Some(by.account.id), &audit, now).await? {
        return Err(Refusal::conflict(Issue::new("pension.not_paying", "该养老金申请尚未核准，无需认证", "This pension claim is not approved: there is nothing to certify")));
    }
    super::payroll::pay_due_one(&cx, id, today, now).await?;
    let stored = cx.store.claim_get(id).await?.ok_or_else(|| Refusal::unreadable("a claim just certified"))?;
    Ok(Json(stored).into_response())
}

/// `GET /api/office/pension-claims`.
pub async fn recent(State(cx): State<Cx>) -> Answer {
    Ok(Json(cx.store.claim_recent(None, RECENT).await?).into_response())
}

/// `GET /api/office/persons/{id}/pension-claims`: the person's claims, newest first.
pub async fn of_person(State(cx): State<Cx>, Path(id): Path<i64>) -> Answer {
    let person = entry(&cx.office, id).await?;
    Ok(Json(cx.store.claim_recent(Some(person.id), RECENT).await?).into_response())
}

fn not_pending() -> Refusal {
    Refusal::conflict(Issue::new("pension.claim_decided", "该养老金申请已经复核过", "This pension claim has been decided already"))
}

/// `POST /api/office/pension-claims/{id}/decision`.
pub async fn decide(State(cx): State<Cx>, Extension(by): Extension<Option<Principal>>, Path(id): Path<i64>, Json(d): Json<BatchDecision>) -> Answer {
    let by = staff(&by)?;
    let now = crate::store::now_ms();
    let claim: PensionClaimView =
        cx.store.claim_get(id).await?.ok_or_else(|| Refusal::not_found(Issue::new("pension.claim_unknown", "没有该养老金申请", "No such pension claim")))?;
    if claim.status != BatchStatus::Pending {
        return Err(not_pending());
    }
    if claim.submitted_by == by.account.id {
        return Err(four_eyes());
    }
    let returned = if d.approve { None } else { Some(return_reason(&d.reason)?) };
    let action = if d.approve { "pension.claim_approve" } else { "pension.claim_return" };
    let audit = AuditEntry { action: action.into(), detail: Some(format!("person={} monthly={}", claim.person, claim.monthly.0)), ..actor(by) };
    if !cx.store.claim_decide(id, by.account.id, returned, today(now), &audit, now).await? {
        return Err(not_pending());
    }
    if d.approve {
        // 补差: the pension relationship ended back in time, with the month before the first paid
        // (`stop_contributing!`); months already assessed after it billed the unit for a
        // pensioner. Assessing them again reverses them (out of scope now: an adjustment row),
        // in the unit's statement and the person's record. Each month is its own transaction
        // after the approval's; one left undone by a crash is reversed by the month's next run.
        for (unit, month) in cx.store.pension_months_assessed(claim.person, claim.first_month).await? {
            crate::ledger::monthly::assess(&cx.office.ledger, month, Some(unit), Some(by.account.id)).await?;
        }
    }
    let stored = cx.store.claim_get(id).await?.ok_or_else(|| Refusal::unreadable("a claim just decided"))?;
    Ok(Json(stored).into_response())
}
