//! The review desk (reviewers): the queue with its filters and working-day ages, one
//! application with its materials, the decision. The state machine is `domain::review`; the
//! store moves a status only from the one the reviewer saw. The applicant's side is
//! `applicant`.

use app::api::review::{ApplicationView, Decision, HistoryEntry, MaterialRef, Queue, QueueItem, ReviewForm, QUEUE_PAGE};
use app::domain::forms::employer;
use app::api::auth::Role;
use app::domain::review::{self, Action, Reason, Status};
use app::domain::{divisions, CreditCode, Date, IdNumber, Issue, MobileNumber, PersonName};
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::{Extension, Json};

use super::{Application, ApplicationEvent, Cx, Moved, QueueFilter, Transition};
use crate::accounts::passwords::NO_PASSWORD;
use crate::accounts::session::Principal;
use crate::accounts::{NewAccount, ACTIVE};
use crate::vault::purpose;
use crate::http::{body, Answer, Refusal};
use crate::store::{now_ms, AuditEntry};

fn today(now: i64) -> Date {
    Date::china_from_unix_ms(now)
}

fn submitted_on(a: &Application) -> Date {
    Date::parse_iso(&a.submitted_on).unwrap_or_else(|| today(a.submitted_at))
}

pub(crate) fn status_of(a: &Application) -> Status {
    Status::parse(&a.status).unwrap_or(Status::Submitted)
}

pub(crate) fn reasons_of(text: Option<&str>) -> Vec<Reason> {
    text.and_then(|t| serde_json::from_str(t).ok()).unwrap_or_default()
}

fn not_found() -> Refusal {
    Refusal::not_found(Issue::new("application.not_found", "没有找到该申请", "No such application"))
}

/// The division codes a chosen division covers: a province, a city, or one county.
pub(crate) fn region_range(code: u32) -> (i64, i64) {
    let code = i64::from(code);
    if code % 10_000 == 0 {
        (code, code + 9_999)
    } else if code % 100 == 0 {
        (code, code + 99)
    } else {
        (code, code)
    }
}

/// The latest submission day that is at least `age` working days old today (ages only grow
/// as the day goes back, so every earlier day is too).
pub(crate) fn latest_day_aged(today: Date, age: u32) -> Date {
    let mut day = today.days_since_epoch();
    while review::working_days_between(Date::from_days_since_epoch(day), today) < age {
        day -= 1;
    }
    Date::from_days_since_epoch(day)
}

/// The latest submission day that is overdue today: open for more than 3 working days.
pub(crate) fn overdue_cutoff(today: Date) -> Date {
    latest_day_aged(today, review::DUE_WORKING_DAYS + 1)
}

/// The earliest submission day that is at most `age` working days old today.
pub(crate) fn earliest_day_within(today: Date, age: u32) -> Date {
    Date::from_days_since_epoch(latest_day_aged(today, age + 1).days_since_epoch() + 1)
}

/// An age bound from the query: a whole number of working days (at most a year's worth).
pub(crate) fn age_bound(text: Option<&str>) -> Result<Option<u32>, Refusal> {
    match text.filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => t.parse::<u32>().ok().filter(|n| *n <= 260).map(Some).ok_or_else(Refusal::bad_request),
    }
}

/// The statuses a queue's `status` asks for: `open` (the default: waiting for the agency), `all`
/// or one status.
pub(crate) fn statuses_of(status: Option<&str>) -> Result<Vec<String>, Refusal> {
    Ok(match status.filter(|s| !s.is_empty()).unwrap_or("open") {
        "open" => vec![Status::Submitted.as_str().into(), Status::InReview.as_str().into()],
        "all" => Vec::new(),
        s => vec![Status::parse(s).ok_or_else(Refusal::bad_request)?.as_str().into()],
    })
}

/// The division a queue's `region` names (a known one), if any.
pub(crate) fn region_of(region: Option<&str>) -> Result<Option<u32>, Refusal> {
    match region.filter(|r| !r.is_empty()) {
        Some(r) => Ok(Some(r.parse::<u32>().ok().filter(|c| divisions::is_known(*c)).ok_or_else(Refusal::bad_request)?)),
        None => Ok(None),
    }
}

#[derive(Debug, serde::Deserialize)]
pub struct QueueQuery {
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    region: Option<String>,
    #[serde(default)]
    overdue: Option<String>,
    /// At least this many working days old.
    #[serde(default)]
    min_age: Option<String>,
    /// At most this many working days old.
    #[serde(default)]
    max_age: Option<String>,
    #[serde(default)]
    page: Option<i64>,
}

/// `GET /api/review/queue`: oldest first, [`QUEUE_PAGE`] at a time.
pub async fn queue(State(cx): State<Cx>, Query(q): Query<QueueQuery>) -> Answer {
    let now = now_ms();
    let today = today(now);
    let statuses = statuses_of(q.status.as_deref())?;
    let region = region_of(q.region.as_deref())?;
    let overdue = matches!(q.overdue.as_deref(), Some("1" | "true"));
    let min_age = age_bound(q.min_age.as_deref())?;
    let max_age = age_bound(q.max_age.as_deref())?;
    // The stricter of "overdue" and a minimum age.
    let oldest_day = [overdue.then(|| overdue_cutoff(today)), min_age.map(|n| latest_day_aged(today, n))]
        .into_iter()
        .flatten()
        .min_by_key(|d| d.days_since_epoch());
    let filter = QueueFilter {
        // Overdue means still open.
        statuses: if overdue { statuses.into_iter().filter(|s| Status::parse(s).is_some_and(Status::is_open)).collect() } else { statuses },
        region: region.map(region_range),
        submitted_on_or_before: oldest_day.map(|d| d.iso()),
        submitted_on_or_after: max_age.map(|n| earliest_day_within(today, n).iso()),
        limit: QUEUE_PAGE,
        offset: q.page.unwrap_or(0).clamp(0, 10_000) * QUEUE_PAGE,
    };
    if overdue && filter.statuses.is_empty() {
        return Ok(Json(Queue::default()).into_response());
    }
    let (total, rows) = (cx.store.application_count(&filter).await?, cx.store.application_queue(&filter).await?);
    let items = rows
        .iter()
        .map(|a| {
            let status = status_of(a);
            let region = u32::try_from(a.region).unwrap_or(0);
            QueueItem {
                id: a.id,
                unit_name: a.unit_name.clone(),
                region,
                region_name: divisions::full_name(region).unwrap_or_default(),
                status,
                submitted_at: a.submitted_at,
                age_working_days: review::working_days_between(submitted_on(a), today),
                overdue: review::is_overdue(status, submitted_on(a), today),
                resubmitted: a.version_of.is_some(),
                mobile_verified: a.mobile_verified_at.is_some(),
            }
        })
        .collect();
    Ok(Json(Queue { total, items }).into_response())
}

pub(crate) fn history(events: Vec<ApplicationEvent>) -> Vec<HistoryEntry> {
    events
        .into_iter()
        .map(|e| HistoryEntry { at: e.at, status: Status::parse(&e.status).unwrap_or(Status::Submitted), reasons: reasons_of(e.reasons.as_deref()) })
        .collect()
}

pub(crate) async fn form_of(cx: &Cx, client_id: &str) -> Result<ReviewForm, Refusal> {
    cx.form_of(client_id).await?.ok_or_else(not_found)
}

/// `GET /api/review/applications/{id}`: the form in full (comparing it with the copies is the
/// reviewer's task), the materials, the history. The view is audited.
pub async fn application(State(cx): State<Cx>, Extension(p): Extension<Option<Principal>>, Path(id): Path<i64>) -> Answer {
    let reviewer = p.ok_or_else(Refusal::bad_request)?;
    let now = now_ms();
    let a = cx.store.application_get(id).await?.ok_or_else(not_found)?;
    let filing = cx.store.filing_by_client_id(&a.filing_client_id).await?.ok_or_else(not_found)?;
    let materials = cx
        .store
        .filing_attachments(&a.filing_client_id)
        .await?
        .into_iter()
        .map(|(slot, _, mime, size)| MaterialRef { slot, mime, size })
        .collect();
    let audit = AuditEntry {
        actor: Some(reviewer.account.id),
        actor_role: Some(reviewer.role.as_str().into()),
        action: "application.view".into(),
        target: Some(format!("application:{id}")),
        ..Default::default()
    };
    cx.store.audit_append(&audit, now).await?;
    let status = status_of(&a);
    let view = ApplicationView {
        id,
        status,
        receipt_no: filing.receipt_no,
        form: form_of(&cx, &a.filing_client_id).await?,
        materials,
        history: history(cx.store.application_events(id).await?),
        reasons: reasons_of(a.reasons.as_deref()),
        version_of: a.version_of,
        submitted_at: a.submitted_at,
        age_working_days: review::working_days_between(submitted_on(&a), today(now)),
        overdue: review::is_overdue(status, submitted_on(&a), today(now)),
        mobile_verified: a.mobile_verified_at.is_some(),
        handler_identity: a.handler_identity.clone(),
    };
    Ok(Json(view).into_response())
}

/// `GET /api/review/applications/{id}/materials/{slot}`: the file as uploaded (image or PDF).
pub async fn material(State(cx): State<Cx>, Path((id, slot)): Path<(i64, String)>) -> Answer {
    let a = cx.store.application_get(id).await?.ok_or_else(not_found)?;
    crate::uploads::attached_file(cx.store.as_ref(), &cx.accounts.vault, &a.filing_client_id, &slot).await?.ok_or_else(not_found)
}

/// `POST /api/review/applications/{id}/decision`: open, approve, or reject with reasons.
pub async fn decide(
    State(cx): State<Cx>,
    Extension(p): Extension<Option<Principal>>,
    Path(id): Path<i64>,
    json: Result<Json<Decision>, JsonRejection>,
) -> Answer {
    let reviewer = p.ok_or_else(Refusal::bad_request)?;
    let decision = body(json)?;
    let now = now_ms();
    let a = cx.store.application_get(id).await?.ok_or_else(not_found)?;
    let from = status_of(&a);
    let conflict = Refusal::conflict;
    let to = review::next(from, decision.action).map_err(conflict)?;
    if to == Status::Approved && a.mobile_verified_at.is_none() {
        return Err(conflict(Issue::new(
            "review.mobile_unverified",
            "经办人手机号尚未通过验证码验证，暂不能批准；申请人可在“审核进度查询”中验证",
            "The handler's mobile has not been proved by a code yet, so it cannot be approved; the applicant can prove it under “review progress”",
        )));
    }
    let form = form_of(&cx, &a.filing_client_id).await?;
    if to == Status::Approved && handler_identity(&cx, &a, &form).await? != Some("matched") {
        return Err(conflict(Issue::new(
            "review.handler_unmatched",
            "经办人姓名、身份证号与手机号未通过实名核验（手机号须为经办人本人实名登记），不能批准",
            "The handler's name, ID number and mobile did not pass the real-name check (the mobile must be registered in the handler's name); it cannot be approved",
        )));
    }
    let mut fields: Vec<&str> = FIELDS.to_vec();
    fields.extend(review::Material::ALL.map(review::Material::as_str));
    let reasons = match decision.action {
        Action::Reject => Some(review::check_rejection(&decision.reasons, &fields).map_err(|i| Refusal::api(StatusCode::UNPROCESSABLE_ENTITY, i))?),
        _ => None,
    };
    let reasons_json = reasons.as_ref().map(|r| serde_json::to_string(r).unwrap_or_default());
    let audit = AuditEntry {
        actor: Some(reviewer.account.id),
        actor_role: Some(reviewer.role.as_str().into()),
        action: format!("application.{}", to.as_str()),
        target: Some(format!("application:{id}")),
        detail: reasons.as_ref().map(|r| r.iter().map(|x| x.code.as_str()).collect::<Vec<_>>().join(",")),
    };
    let account = (to == Status::Approved).then(|| unit_account(&cx, &a, &form)).transpose()?;
    let unit = account.as_ref().map(|acc| crate::ledger::NewUnit {
        credit_code: CreditCode::parse(&form.credit_code).map_or_else(|_| form.credit_code.clone(), |c| c.value.as_str().to_owned()),
        credit_index: acc.id_index.clone(),
        name: a.unit_name.clone(),
        region: a.region,
        industry_class: None,
    });
    let closing = serde_json::to_string(&[Reason { target: review::Target::Field(employer::field::CREDIT_CODE.into()), code: "superseded".into(), note: String::new() }])
        .unwrap_or_default();
    let t = Transition {
        id,
        from: from.as_str(),
        to: to.as_str(),
        reviewer: reviewer.account.id,
        reasons: reasons_json.as_deref(),
        approve: account.as_ref().zip(unit.as_ref()).map(|(a, u)| (a, closing.as_str(), u)),
    };
    match cx.store.application_transition(&t, &audit, now).await? {
        Moved::Yes => Ok(StatusCode::NO_CONTENT.into_response()),
        Moved::No => Err(conflict(Issue::new("review.changed", "该申请刚被其他审核人员处理，请刷新后查看", "Another reviewer has just acted on this application; reload it"))),
        Moved::UnitHasAccount => Err(conflict(Issue::new(
            "review.unit_has_account",
            "该单位已有审核通过的账号，不能再批准；如需更换经办人，请按单位信息变更办理",
            "This unit already has an approved account; to change its handler, file a change of the unit's details",
        ))),
    }
}

/// What the three-element check says of the handler: as recorded at filing, or asked now if the
/// service was down then.
async fn handler_identity(cx: &Cx, a: &Application, form: &ReviewForm) -> Result<Option<&'static str>, Refusal> {
    match a.handler_identity.as_deref() {
        Some("matched") => return Ok(Some("matched")),
        Some(_) => return Ok(Some("mismatch")),
        None => {}
    }
    let today = today(now_ms());
    let (Ok(name), Ok(id), Ok(mobile)) =
        (PersonName::parse(&form.handler_name), IdNumber::parse(&form.handler_id, today), MobileNumber::parse(&form.handler_mobile))
    else {
        return Ok(Some("mismatch"));
    };
    Ok(match cx.accounts.services.identity.check(&name.value, &id.value, &mobile.value).await {
        crate::accounts::identity::Verdict::Matched => Some("matched"),
        crate::accounts::identity::Verdict::Mismatch => Some("mismatch"),
        crate::accounts::identity::Verdict::Unavailable => None,
    })
}

/// The unit's account an approval creates: signed in by the credit code, its handler's mobile
/// on record, no password until the employer sets one with a code to that mobile (忘记密码).
fn unit_account(cx: &Cx, a: &Application, form: &ReviewForm) -> Result<NewAccount, Refusal> {
    let vault = &cx.accounts.vault;
    let code = CreditCode::parse(&form.credit_code).map_err(|_| Refusal::unreadable("the approved application's credit code"))?.value;
    let mobile = MobileNumber::parse(&form.handler_mobile).map_err(|_| Refusal::unreadable("the approved application's mobile"))?.value;
    let id_index = vault.blind_index(purpose::CREDIT_CODE, code.as_str());
    Ok(NewAccount {
        role: Role::EmployerHandler.as_str().into(),
        status: ACTIVE.into(),
        id_sealed: vault.seal(&crate::vault::bound::account_id(&id_index), code.as_str().as_bytes()),
        mobile_sealed: vault.seal(&crate::vault::bound::account_mobile(&id_index), mobile.as_str().as_bytes()),
        id_index,
        name: a.unit_name.clone(),
        mobile_index: vault.blind_index(purpose::MOBILE, mobile.as_str()),
        email: Some(form.handler_email.clone()).filter(|e| !e.is_empty()),
        password_hash: NO_PASSWORD.into(),
        registered_by: None,
        expires_at: None,
    })
}

/// The form's fields a reason may name.
const FIELDS: [&str; 7] = [
    employer::field::UNIT_NAME,
    employer::field::CREDIT_CODE,
    employer::field::LEGAL_REP_ID,
    employer::field::HANDLER_NAME,
    employer::field::HANDLER_ID,
    employer::field::HANDLER_MOBILE,
    employer::field::HANDLER_EMAIL,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_cover_their_counties() {
        assert_eq!(region_range(320000), (320000, 329999));
        assert_eq!(region_range(320100), (320100, 320199));
        assert_eq!(region_range(320102), (320102, 320102));
    }

    #[test]
    fn the_overdue_cutoff_is_the_last_day_more_than_three_working_days_ago() {
        // Monday 2026-11-23: Tuesday the 17th is 4 working days back (Wed, Thu, Fri, Mon).
        let monday = Date::new(2026, 11, 23).unwrap();
        assert_eq!(overdue_cutoff(monday), Date::new(2026, 11, 17).unwrap());
        assert!(review::is_overdue(Status::Submitted, overdue_cutoff(monday), monday));
        let next = Date::from_days_since_epoch(overdue_cutoff(monday).days_since_epoch() + 1);
        assert!(!review::is_overdue(Status::Submitted, next, monday));
    }

    #[test]
    fn age_bounds_pick_exactly_the_days_of_those_ages() {
        let start = Date::new(2026, 10, 1).unwrap().days_since_epoch();
        for t in start..start + 60 {
            let today = Date::from_days_since_epoch(t);
            for n in 0..8 {
                let (oldest, youngest) = (latest_day_aged(today, n).days_since_epoch(), earliest_day_within(today, n).days_since_epoch());
                for d in t - 30..=t {
                    let age = review::working_days_between(Date::from_days_since_epoch(d), today);
                    assert_eq!(d <= oldest, age >= n, "{} min {n} day {d}", today.iso());
                    assert_eq!(d >= youngest, age <= n, "{} max {n} day {d}", today.iso());
                }
            }
        }
    }
}
