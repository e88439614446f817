//! 待办 — the case queue, generalising the review desk (`employers::review`): the same state
//! machine (`domain::review`), the same reasons per field, the same working-day ages and
//! linked resubmissions, for every filing the ledger takes (enrolment, 减员, base declaration).
//!
//! - `GET /api/office/cases`: filtered by status, kind, module (insurance), region and age;
//! - `GET /api/office/cases/{id}`: the case, its checks and the preview of its effect (audited);
//! - `GET /api/office/cases/{id}/files/{slot}`: a photo filed with the case (audited);
//! - `POST /api/office/cases/{id}/decision`: open, approve (applied to the ledger in the same
//!   transaction; the voucher then says approved) or return with a reason per field; the
//!   account that filed a case (at the counter) cannot act on it;
//! - [`case_reviews`]: what the filing device learns of its cases (`intake::review` answers
//!   `POST /api/filings/review`); only the sender's own filings are answered.

use app::api::cases::{
    insurances_in, is_case, module_bit, reason_fields, CaseDecision, CaseItem, CaseQueue, CaseView, FilingReview, CASES_PAGE,
};
use app::api::sync::FilingKind;
use app::domain::policy::Insurance;
use app::domain::review::{self, Action, Status};
use app::domain::{divisions, Date, Issue};
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::{Extension, Json};

use super::case_store::{Case, CaseFilter, CaseMoved, CaseTransition};
use super::case_view::examine;
use super::{actor, staff, today, Cx};
use crate::accounts::session::Principal;
use crate::employers::review::{age_bound, earliest_day_within, history, latest_day_aged, reasons_of, region_of, region_range, statuses_of};
use crate::http::{body, Answer, Refusal};
use crate::store::{now_ms, StoreError};

fn not_found() -> Refusal {
    Refusal::not_found(Issue::new("case.not_found", "没有找到该业务", "No such case"))
}

fn status_of(c: &Case) -> Status {
    Status::parse(&c.status).unwrap_or(Status::Submitted)
}

fn submitted_on(c: &Case) -> Date {
    Date::parse_iso(&c.submitted_on).unwrap_or_else(|| today(c.submitted_at))
}

fn kind_of(c: &Case) -> FilingKind {
    FilingKind::parse(&c.kind).unwrap_or(FilingKind::Enrolment)
}

#[derive(Debug, serde::Deserialize)]
pub struct CaseQuery {
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    kind: Option<String>,
    /// An insurance code: `pension`, `medical`, `unemployment`, `work_injury`.
    #[serde(default)]
    module: Option<String>,
    #[serde(default)]
    region: Option<String>,
    #[serde(default)]
    min_age: Option<String>,
    #[serde(default)]
    max_age: Option<String>,
    #[serde(default)]
    page: Option<i64>,
}

/// `GET /api/office/cases`: oldest first, [`CASES_PAGE`] at a time.
pub async fn queue(State(cx): State<Cx>, Query(q): Query<CaseQuery>) -> Answer {
    let now = now_ms();
    let today = today(now);
    let statuses = statuses_of(q.status.as_deref())?;
    let kind = match q.kind.as_deref().filter(|k| !k.is_empty()) {
        Some(k) => Some(FilingKind::parse(k).filter(|k| is_case(*k)).ok_or_else(Refusal::bad_request)?.as_str().to_owned()),
        None => None,
    };
    let modules = match q.module.as_deref().filter(|m| !m.is_empty()) {
        Some(m) => Some(module_bit(Insurance::parse(m).ok_or_else(Refusal::bad_request)?)),
        None => None,
    };
    let region = region_of(q.region.as_deref())?;
    let (min_age, max_age) = (age_bound(q.min_age.as_deref())?, age_bound(q.max_age.as_deref())?);
    let filter = CaseFilter {
        queue: crate::employers::QueueFilter {
            statuses,
            region: region.map(region_range),
            submitted_on_or_before: min_age.map(|n| latest_day_aged(today, n).iso()),
            submitted_on_or_after: max_age.map(|n| earliest_day_within(today, n).iso()),
            limit: CASES_PAGE,
            offset: q.page.unwrap_or(0).clamp(0, 10_000) * CASES_PAGE,
        },
        kind,
        modules,
    };
    let (total, rows) = (cx.store.case_count(&filter).await?, cx.store.case_queue(&filter).await?);
    let items = rows
        .iter()
        .map(|c| {
            let status = status_of(c);
            let region = u32::try_from(c.region).unwrap_or(0);
            CaseItem {
                id: c.id,
                kind: kind_of(c),
                receipt_no: c.receipt_no.clone(),
                unit_name: c.unit_name.clone(),
                insurances: insurances_in(c.modules),
                region,
                region_name: divisions::full_name(region).unwrap_or_default(),
                status,
                submitted_at: c.submitted_at,
                age_working_days: review::working_days_between(submitted_on(c), today),
                overdue: review::is_overdue(status, submitted_on(c), today),
                resubmitted: c.version_of.is_some(),
            }
        })
        .collect();
    Ok(Json(CaseQueue { total, items }).into_response())
}

/// `GET /api/office/cases/{id}`: audited.
pub async fn case(State(cx): State<Cx>, Extension(by): Extension<Option<Principal>>, Path(id): Path<i64>) -> Answer {
    let by = staff(&by)?;
    let now = now_ms();
    let c = cx.store.case_get(id).await?.ok_or_else(not_found)?;
    let examined = examine(&cx, &c, by, today(now)).await?;
    super::audit(&cx, by, "case.view", Some(format!("case:{id}")), None, now).await?;
    let previous_reasons = match c.version_of {
        Some(v) => cx.store.case_get(v).await?.map(|p| reasons_of(p.reasons.as_deref())).unwrap_or_default(),
        None => Vec::new(),
    };
    let status = status_of(&c);
    let region = u32::try_from(c.region).unwrap_or(0);
    Ok(Json(CaseView {
        id,
        kind: kind_of(&c),
        status,
        receipt_no: c.receipt_no.clone(),
        client_id: c.client_id.clone(),
        unit_name: c.unit_name.clone(),
        region_name: divisions::full_name(region).unwrap_or_default(),
        fields: examined.fields,
        checks: examined.checks,
        effect: examined.lines,
        history: history(cx.store.case_events(id).await?),
        reasons: reasons_of(c.reasons.as_deref()),
        version_of: c.version_of,
        previous_reasons,
        submitted_at: c.submitted_at,
        submitted_by: c.submitted_by,
        age_working_days: review::working_days_between(submitted_on(&c), today(now)),
        overdue: review::is_overdue(status, submitted_on(&c), today(now)),
        own: c.submitted_by == Some(by.account.id),
        attachments: cx.store.filing_attachments(&c.client_id).await?.into_iter().map(|(slot, ..)| slot).collect(),
    })
    .into_response())
}

/// `GET /api/office/cases/{id}/files/{slot}`: a photo filed with the case (audited).
pub async fn file(State(cx): State<Cx>, Extension(by): Extension<Option<Principal>>, Path((id, slot)): Path<(i64, String)>) -> Answer {
    let by = staff(&by)?;
    let c = cx.store.case_get(id).await?.ok_or_else(not_found)?;
    super::audit(&cx, by, "case.file", Some(format!("case:{id}")), Some(format!("slot={slot}")), now_ms()).await?;
    crate::uploads::attached_file(cx.store.as_ref(), &cx.ledger.vault, &c.client_id, &slot).await?.ok_or_else(not_found)
}

/// `POST /api/office/cases/{id}/decision`.
pub async fn decide(
    State(cx): State<Cx>,
    Extension(by): Extension<Option<Principal>>,
    Path(id): Path<i64>,
    json: Result<Json<CaseDecision>, JsonRejection>,
) -> Answer {
    let by = staff(&by)?;
    let decision = body(json)?;
    let now = now_ms();
    let c = cx.store.case_get(id).await?.ok_or_else(not_found)?;
    if c.submitted_by == Some(by.account.id) {
        return Err(Refusal::conflict(Issue::new(
            "case.own",
            "这件业务由您本人受理录入，须由另一位经办人员审核",
            "You filed this case yourself: another member of staff decides it",
        )));
    }
    let from = status_of(&c);
    let to = review::next(from, decision.action).map_err(Refusal::conflict)?;
    let reasons = match decision.action {
        Action::Reject => Some(review::check_rejection(&decision.reasons, reason_fields(kind_of(&c))).map_err(|i| Refusal::api(StatusCode::UNPROCESSABLE_ENTITY, i))?),
        _ => None,
    };
    let effect = if to == Status::Approved {
        let examined = examine(&cx, &c, by, today(now)).await?;
        Some(examined.effect.ok_or_else(|| {
            Refusal::conflict(Issue::new(
                "case.checks_failed",
                "检查未全部通过，不能批准；请退回并写明原因",
                "Not every check passed, so it cannot be approved; return it with the reasons",
            ))
        })?)
    } else {
        None
    };
    let reasons_json = reasons.as_ref().map(|r| serde_json::to_string(r).unwrap_or_default());
    let audit = crate::store::AuditEntry {
        action: format!("case.{}", to.as_str()),
        target: Some(format!("case:{id}")),
        detail: reasons.as_ref().map(|r| r.iter().map(|x| x.code.as_str()).collect::<Vec<_>>().join(",")),
        ..actor(by)
    };
    let t = CaseTransition { id, from: from.as_str(), to: to.as_str(), by: by.account.id, reasons: reasons_json.as_deref(), effect: effect.as_ref() };
    match cx.store.case_decide(&t, &audit, now).await? {
        CaseMoved::Yes => Ok(StatusCode::NO_CONTENT.into_response()),
        CaseMoved::No => Err(Refusal::conflict(Issue::new("case.changed", "该业务刚被其他经办人员处理，请刷新后查看", "Another member of staff has just acted on this case; reload it"))),
        CaseMoved::Taken(insurance) => Err(Refusal::conflict(Issue::formatted(
            "case.taken",
            format!("该人员的{}参保关系已在其他业务中建立，不能批准；请退回", insurance.zh()),
            format!("This person's {} was opened by another case since; it cannot be approved — return it", insurance.en()),
        ))),
        CaseMoved::Stale => Err(Refusal::conflict(Issue::new(
            "case.stale",
            "该业务所依据的记录刚有变化（如本年度又有报销获批、同一票据已在另一笔报销中获批、同一孩子已由另一笔业务参保），请刷新后重新核对",
            "The records this case rests on have just changed (e.g. another claim this year was approved, the same receipt was paid back by another claim, or the same child enrolled by another case); reload and check again",
        ))),
        CaseMoved::NotEnded(s) => {
            let verdict = crate::ledger::separation::refusal(s);
            let issue = match verdict {
                crate::filings::Verdict::Reject(e) => e.errors.into_values().flatten().next(),
                _ => None,
            };
            Err(Refusal::conflict(issue.unwrap_or_else(|| Issue::new("case.changed", "参保关系已变化，请刷新后查看", "The relationships have changed; reload"))))
        }
    }
}

/// The desk's cases among `client_ids` that `account` sent, as the filing device learns them
/// (`POST /api/filings/review`, with the field visits: `intake::review`).
pub async fn case_reviews(store: &(impl super::CaseStore + ?Sized), account: i64, client_ids: &[String]) -> Result<Vec<FilingReview>, StoreError> {
    Ok(store
        .cases_sent_by(account, client_ids)
        .await?
        .into_iter()
        .map(|c| FilingReview { client_id: c.client_id.clone(), status: status_of(&c), reasons: reasons_of(c.reasons.as_deref()), updated_at: c.updated_at })
        .collect())
}
