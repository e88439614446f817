//! 工伤待遇核算 in the back office, under four eyes (the injuries are kept by `injuries` when
//! their 工伤事故申报 case is approved):
//!
//! - `GET /api/office/injuries?status=recognised|assessed|approved|paying`: oldest first;
//!   `paying` — the approved awards the fund pays by the month, not stopped yet or stopped with
//!   months paid past the stop;
//! - `POST /api/office/injuries/{id}/assessment`: the grade (1–10) of the 劳动能力鉴定
//!   conclusion. The server works out 本人工资 from the ledger — the average of the person's
//!   contribution bases (工伤's, else the month's highest) in the 12 months before the accident's month (fewer when insured for
//!   less; the accident's own month when there is none before) — and takes the area's average
//!   wage from the policy data (the province's 计发基数 of the year before the accident); the
//!   award is then `app::domain::benefits::injury::award`, kept with its working. With it, the
//!   care the conclusion found the person needs (`care`: full, most or part; 第34条): the
//!   生活护理费 a month, a percent of the same average wage, joins the award and its working;
//! - `POST /api/office/injuries/{id}/decision`: an account other than the assessor approves
//!   it, or returns it with a reason (the grade is entered again);
//! - `POST /api/office/injuries/{id}/stop`: 停止享受工伤保险待遇 (工伤保险条例 第42条) — the
//!   monthly benefits of an approved award the fund pays by the month (伤残津贴 of grades 1–4,
//!   生活护理费) stop from a month (never before the first owed) for one of the statute's three
//!   reasons; recorded once, audited. Months paid from it already stay paid and are listed with
//!   their sum, to recover (the recovery itself is not recorded here yet).

use std::collections::BTreeMap;

use app::api::injuries::{InjuryAssessment, InjuryView, STOP_REASONS};
use app::api::office::{BatchDecision, BenefitStop};
use app::domain::benefits::injury::{award, care_fee, Care};
use app::domain::ledger::{Line, Month};
use app::domain::pension::claim::base_for;
use app::domain::policy::Insurance;
use app::domain::{Fen, IdNumber, Issue};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::{Extension, Json};

use super::{actor, four_eyes, return_reason, staff, stop_asked, today, Cx};
use crate::accounts::session::Principal;
use crate::http::{quota, Answer, Internal, Refusal};
use crate::injuries::mine::{award_of, stopped_of};
use crate::injuries::store::Assessed;
use crate::injuries::Injury;
use crate::store::AuditEntry;
use crate::vault::bound;

/// Injuries listed at once.
const SHOWN: i64 = 100;
/// Assessments and decisions one account may make in an hour.
const PER_HOUR: i64 = 120;

#[derive(Debug, serde::Deserialize)]
pub struct InjuryQuery {
    #[serde(default)]
    status: Option<String>,
}

fn unknown() -> Refusal {
    Refusal::not_found(Issue::new("injury.unknown", "没有该工伤记录", "No such work injury"))
}

fn view(cx: &Cx, i: &Injury, now: i64) -> Result<InjuryView, Internal> {
    let id = cx.ledger.vault.open(&bound::ledger_person(&i.id_index), &i.id_sealed)?;
    Ok(InjuryView {
        id: i.id,
        case_id: i.case_id,
        receipt_no: i.receipt_no.clone(),
        name: i.name.clone(),
        id_masked: IdNumber::mask(&String::from_utf8_lossy(&id), today(now)),
        unit_name: i.unit_name.clone(),
        accident_on: i.accident_on.iso(),
        reported_on: i.reported_on.iso(),
        late_days: i.late_days,
        status: i.status.clone(),
        grade: i.grade.and_then(|g| u8::try_from(g).ok()),
        award: award_of(i),
        assessed_by: i.assessed_by,
        return_reason: i.return_reason.clone(),
        stopped: stopped_of(i),
    })
}

/// `GET /api/office/injuries`.
pub async fn list(State(cx): State<Cx>, Extension(by): Extension<Option<Principal>>, Query(q): Query<InjuryQuery>) -> Answer {
    staff(&by)?;
    let now = crate::store::now_ms();
    let rows = match q.status.as_deref().unwrap_or("recognised") {
        s @ ("recognised" | "assessed" | "approved") => cx.store.injuries(s, SHOWN).await?,
        "paying" => cx.store.injuries_paying(SHOWN).await?,
        _ => return Err(Refusal::bad_request()),
    };
    Ok(Json(rows.iter().map(|i| view(&cx, i, now)).collect::<Result<Vec<_>, _>>()?).into_response())
}

/// 本人工资 from the ledger, with its working line; `None` when the ledger holds no base.
async fn wage(cx: &Cx, i: &Injury, now: i64) -> Result<Option<(Fen, Line)>, Internal> {
    let accident = Month::of(i.accident_on);
    let first = Month::from_index(accident.index() - 12).unwrap_or(accident);
    let records = crate::ledger::records::of_person(&cx.ledger, &i.id_index, first, accident, now).await?;
    // A month's 缴费工资: its work-injury base, else the highest base of the month's other
    // insurances (a unit whose industry class the agency has not set yet is not assessed for
    // 工伤, but the person's wage is declared all the same).
    let mut bases: BTreeMap<Month, (bool, i64)> = BTreeMap::new();
    for r in records.months.iter().filter(|r| r.base.0 > 0) {
        let this = (r.insurance == Insurance::WorkInjury, r.base.0);
        let kept = bases.entry(r.month).or_insert(this);
        *kept = (*kept).max(this);
    }
    let bases: BTreeMap<Month, i64> = bases.into_iter().map(|(m, (_, b))| (m, b)).collect();
    let before: Vec<(Month, i64)> = bases.range(..accident).map(|(m, b)| (*m, *b)).collect();
    let used = if before.is_empty() { bases.get(&accident).map(|b| vec![(accident, *b)]).unwrap_or_default() } else { before };
    let (Some((from, _)), Some((to, _))) = (used.first(), used.last()) else { return Ok(None) };
    let total: i64 = used.iter().map(|(_, b)| b).sum();
    let n = i64::try_from(used.len()).unwrap_or(1);
    let average = Fen((total * 2 + n) / (2 * n));
    let line = Line {
        zh: format!("本人工资：{from} 至 {to} 共 {n} 个月缴费工资（缴费基数）{} 元的平均 = {} 元", Fen(total).yuan(), average.yuan()),
        en: format!("Wage: the average of {n} months of contribution bases, {from} to {to}, {} yuan = {}", Fen(total).yuan(), average.yuan()),
        amount: Some(average),
    };
    Ok(Some((average, line)))
}

/// `POST /api/office/injuries/{id}/assessment`.
pub async fn assess(State(cx): State<Cx>, Extension(by): Extension<Option<Principal>>, Path(id): Path<i64>, Json(a): Json<InjuryAssessment>) -> Answer {
    let by = staff(&by)?;
    let now = crate::store::now_ms();
    quota::take(cx.store.as_ref(), &format!("injury:{}", by.account.id), quota::HOUR_MS, PER_HOUR, now).await?;
    let grade = app::domain::text::to_half_width(&a.grade).trim().parse::<u8>().ok().filter(|g| (1..=10).contains(g));
    let grade = grade.ok_or_else(|| Refusal::field("grade", Issue::new("injury.grade", "伤残等级应为 1 至 10 级", "The disability grade is 1 to 10")))?;
    let care = Care::asked(&a.care).map_err(|issue| Refusal::field("care", issue))?;
    let i = cx.store.injury_get(id).await?.ok_or_else(unknown)?;
    let unprocessable = |issue| Refusal::api(StatusCode::UNPROCESSABLE_ENTITY, issue);
    let (wage, wage_line) = wage(&cx, &i, now).await?.ok_or_else(|| {
        unprocessable(Issue::new(
            "injury.no_base",
            "台账中没有该职工事故前的工伤保险缴费基数，无法核定本人工资；请先核实参保缴费记录",
            "The ledger has no work-injury base for this person before the accident: check the contribution records first",
        ))
    })?;
    let province = u32::try_from(i.unit_region / 10_000 * 10_000).unwrap_or(0);
    let year = i.accident_on.year.saturating_sub(1);
    let base = base_for(&cx.ledger.pension, province, year).ok_or_else(|| {
        unprocessable(Issue::new("injury.no_average", "政策数据中没有该省的职工月平均工资", "The policy data has no average wage for this province"))
    })?;
    // The minimum wage of this month: the award's figure; each month paid is compared again.
    let policy = &cx.ledger.benefits.work_injury_benefits;
    let minimum = policy.minimum_wage(u32::try_from(i.unit_region).unwrap_or(0), Month::of(today(now))).map(|m| Fen(m.monthly));
    let computed = award(grade, wage, base.amount, minimum, policy).map_err(unprocessable)?;
    let (note_zh, note_en) = if base.confirmed { ("", "") } else { ("（待核实）", " (to be confirmed)") };
    let mut working = vec![
        wage_line,
        Line {
            zh: format!("全省职工月平均工资 {} 元（{} 年计发基数，{} 年事故取上年度）{note_zh}", base.amount.yuan(), base.year, i.accident_on.year),
            en: format!("The province's average monthly wage {} yuan ({}'s figure; the year before the accident's){note_en}", base.amount.yuan(), base.year),
            amount: Some(base.amount),
        },
    ];
    working.extend(computed.working);
    let care_line = care.map(|c| care_fee(c, base.amount, policy));
    let care = care.zip(care_line.as_ref().and_then(|l| l.amount)).map(|(c, fee)| (c.code(), fee.0));
    working.extend(care_line);
    let working_json = serde_json::to_string(&working).map_err(|e| Internal::Unreadable(e.to_string()))?;
    let kept = Assessed { grade, wage: computed.wage.0, lump_sum: computed.lump_sum.0, allowance: computed.monthly_allowance.map(|f| f.0), care, working: &working_json };
    let audit = AuditEntry {
        action: "injury.assess".into(),
        target: Some(format!("injury:{id}")),
        detail: Some(format!("grade={grade} lump_sum={} care={}", computed.lump_sum.0, care.map_or("none", |(c, _)| c))),
        ..actor(by)
    };
    if !cx.store.injury_assess(id, &kept, by.account.id, &audit, now).await? {
        return Err(Refusal::conflict(Issue::new("injury.not_recognised", "该工伤已核定，或尚未认定", "This injury has been assessed already, or is not recognised")));
    }
    let stored = cx.store.injury_get(id).await?.ok_or_else(unknown)?;
    Ok(Json(view(&cx, &stored, now)?).into_response())
}

/// `POST /api/office/injuries/{id}/decision`: approve or return the award.
pub async fn decide(State(cx): State<Cx>, Extension(by): Extension<Option<Principal>>, Path(id): Path<i64>, Json(d): Json<BatchDecision>) -> Answer {
    let by = staff(&by)?;
    let now = crate::store::now_ms();
    quota::take(cx.store.as_ref(), &format!("injury:{}", by.account.id), quota::HOUR_MS, PER_HOUR, now).await?;
    let i = cx.store.injury_get(id).await?.ok_or_else(unknown)?;
    if i.assessed_by == Some(by.account.id) {
        return Err(four_eyes());
    }
    let returned = if d.approve { None } else { Some(return_reason(&d.reason)?) };
    let audit = AuditEntry {
        action: if d.approve { "injury.approve" } else { "injury.return" }.into(),
        target: Some(format!("injury:{id}")),
        detail: i.lump_sum.map(|f| format!("lump_sum={f}")),
        ..actor(by)
    };
    if !cx.store.injury_decide(id, by.account.id, returned, &audit, now).await? {
        return Err(Refusal::conflict(Issue::new("injury.decided", "该工伤待遇已处理，或尚未核定", "This award has been decided already, or is not assessed yet")));
    }
    let stored = cx.store.injury_get(id).await?.ok_or_else(unknown)?;
    Ok(Json(view(&cx, &stored, now)?).into_response())
}

/// `POST /api/office/injuries/{id}/stop`.
pub async fn stop(State(cx): State<Cx>, Extension(by): Extension<Option<Principal>>, Path(id): Path<i64>, Json(ask): Json<BenefitStop>) -> Answer {
    let by = staff(&by)?;
    let now = crate::store::now_ms();
    quota::take(cx.store.as_ref(), &format!("injury:{}", by.account.id), quota::HOUR_MS, PER_HOUR, now).await?;
    let (reason, month) = stop_asked(&ask, &STOP_REASONS, Issue::new("injury.stop_reason", "请从列表中选择停止待遇的原因", "Choose the reason from the list"))?;
    let i = cx.store.injury_get(id).await?.ok_or_else(unknown)?;
    if !i.paid_monthly() {
        return Err(Refusal::conflict(Issue::new("injury.not_monthly", "该工伤待遇没有由基金按月支付的项目", "The fund pays nothing of this award by the month")));
    }
    let audit = AuditEntry { action: "injury.stop".into(), target: Some(format!("injury:{id}")), detail: Some(format!("reason={reason} from={month}")), ..actor(by) };
    if !cx.store.injury_stop(id, month, reason, by.account.id, &audit, now).await? {
        return Err(Refusal::conflict(Issue::new("injury.not_paying", "该工伤待遇尚未批准，或已停止", "This award is not approved yet, or stopped already")));
    }
    let stored = cx.store.injury_get(id).await?.ok_or_else(unknown)?;
    Ok(Json(view(&cx, &stored, now)?).into_response())
}
