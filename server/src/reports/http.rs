//! `GET /api/reports/{name}?from=YYYY-MM&to=YYYY-MM&unit=CREDIT_CODE&region=CODE&format=xlsx|csv|html|json`:
//! a report as a download (`format=json`: its first rows and totals, to show on screen;
//! `format=html`: the whole of it as a page to print). A unit's account reads its own unit (it never names another), staff
//! with a region that region, admins and the central office everything. The file is produced
//! to a temporary file first and then streamed with its length (the browser shows the
//! progress); two reports at a time at most, the rest are asked to retry. Each download is in
//! the audit log.

use std::sync::{Arc, OnceLock};

use app::api::auth::Role;
use app::domain::ledger::Month;
use app::domain::{CreditCode, Issue};
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use tokio::sync::Semaphore;

use super::file::{produce_to_temp, Format};
use super::preview::PreviewSink;
use super::{filter, produce, Report, Scope};
use crate::accounts::session::Principal;
use crate::employers::review::region_range;
use crate::http::{Internal, Refusal};
use crate::store::{AuditEntry, AuditStore};

/// The queries a download needs: the reports', the ledger's units, the audit log.
pub trait Db: super::ReportStore + crate::ledger::UnitStore + crate::ledger::record_store::RecordStore + AuditStore {}
impl<T: super::ReportStore + crate::ledger::UnitStore + crate::ledger::record_store::RecordStore + AuditStore + ?Sized> Db for T {}

#[derive(Clone)]
pub struct Cx {
    pub store: Arc<dyn Db>,
    pub vault: crate::vault::Vault,
    /// The certification's period and grace (the coverage chart).
    pub pension: Arc<app::domain::pension::PensionPolicy>,
}

/// Reports produced at once, server-wide (each reads the store for seconds).
const AT_ONCE: usize = 2;

#[derive(Debug, Default, serde::Deserialize)]
pub struct Params {
    pub from: Option<String>,
    pub to: Option<String>,
    pub unit: Option<String>,
    pub region: Option<String>,
    pub format: Option<String>,
    /// The person's ID number (个人参保缴费证明).
    pub person: Option<String>,
}

fn bad(code: &'static str, zh: &'static str, en: &'static str) -> Refusal {
    Refusal::api(StatusCode::BAD_REQUEST, Issue::new(code, zh, en))
}

fn month(s: Option<&str>) -> Result<Month, Refusal> {
    s.and_then(Month::parse).ok_or_else(|| bad("report.month", "请按“年-月”（如 2026-01）填写起止月份", "Give the months as YYYY-MM"))
}

/// What `by` may read.
async fn scope_of(cx: &Cx, by: &Principal) -> Result<Scope, Refusal> {
    Ok(match by.role {
        Role::EmployerHandler => match cx.store.unit_by_index(&by.account.id_index).await? {
            Some(unit) => Scope::Unit(unit.id),
            None => return Err(Refusal::api(StatusCode::NOT_FOUND, Issue::new("report.no_unit", "本单位尚未参保，暂无报表", "The unit is not insured yet: there is nothing to report"))),
        },
        Role::Admin => Scope::All,
        role if role.is_staff() => match cx.store.staff_region(by.account.id).await? {
            Some(code) => {
                let (lo, hi) = region_range(u32::try_from(code).unwrap_or(0));
                Scope::Region(lo, hi)
            }
            None => Scope::All,
        },
        _ => return Err(Refusal::bad_request()),
    })
}

/// The ledger's person named by an ID number (a report about one person; staff only: a unit
/// may not ask for one, so telling whether the ledger holds them tells staff only).
async fn person_of(cx: &Cx, id: Option<&str>) -> Result<i64, Refusal> {
    let id = id.filter(|s| !s.trim().is_empty()).ok_or_else(|| bad("report.person_needed", "请填写该人员的身份证号码", "Give the person's ID number"))?;
    let today = app::domain::Date::china_from_unix_ms(crate::store::now_ms());
    let id = app::domain::IdNumber::parse(id, today).map_err(|e| Refusal::api(StatusCode::BAD_REQUEST, e))?.value;
    let index = cx.vault.blind_index(crate::vault::purpose::ID_NUMBER, id.as_str());
    cx.store.person_id(&index).await?.ok_or_else(|| Refusal::not_found(Issue::new("report.person_unknown", "台账中没有该人员", "The ledger has no such person")))
}

/// `GET /api/reports/{name}`.
pub async fn download(State(cx): State<Cx>, Extension(by): Extension<Option<Principal>>, Path(name): Path<String>, Query(q): Query<Params>) -> Result<Response, Refusal> {
    let by = by.ok_or_else(Refusal::bad_request)?;
    let report = Report::parse(&name).ok_or_else(|| Refusal::not_found(Issue::new("report.unknown", "没有这个报表", "There is no such report")))?;
    let (from, to) = (month(q.from.as_deref())?, month(q.to.as_deref())?);
    // `None`: the preview on screen (JSON).
    let format = match q.format.as_deref() {
        None | Some("") => Some(Format::Xlsx),
        Some("json") => None,
        Some(f) => Some(Format::parse(f).ok_or_else(|| bad("report.format", "格式只能是 xlsx、csv、html 或 json", "The format is xlsx, csv, html or json"))?),
    };
    let scope = scope_of(&cx, &by).await?;
    let region = crate::employers::review::region_of(q.region.as_deref())?.map(region_range);
    let unit = match q.unit.as_deref().filter(|u| !u.is_empty()) {
        None => None,
        Some(code) => {
            let code = CreditCode::parse(code).map_err(|e| Refusal::api(StatusCode::BAD_REQUEST, e))?.value;
            let unit = cx.store.unit_by_code(code.as_str()).await?;
            match (unit, scope) {
                (Some(u), _) => Some((u.id, u.region)),
                // A unit reading someone else's code learns only that it may not.
                (None, Scope::Unit(_)) => Some((-1, -1)),
                (None, _) => return Err(Refusal::not_found(Issue::new("report.unit_unknown", "台账中没有该单位", "The ledger has no such unit"))),
            }
        }
    };
    let mut f = filter(report, scope, from, to, unit, region).map_err(|r| Refusal::api(StatusCode::FORBIDDEN, Issue::new(r.code, r.zh, r.en)))?;
    if report.needs_person() {
        f.person = Some(person_of(&cx, q.person.as_deref()).await?);
    }
    static SLOTS: OnceLock<Semaphore> = OnceLock::new();
    let Ok(_slot) = SLOTS.get_or_init(|| Semaphore::new(AT_ONCE)).try_acquire() else {
        return Err(Refusal::api_after(StatusCode::SERVICE_UNAVAILABLE, Issue::new("report.busy", "报表生成繁忙，请稍后再试", "Reports are busy: try again shortly"), 10));
    };
    let now = crate::store::now_ms();
    let today = app::domain::Date::china_from_unix_ms(now);
    let Some(format) = format else {
        let mut sink = PreviewSink::default();
        produce(cx.store.as_ref(), &cx.vault, report, &f, today, &mut sink).await.map_err(Internal::from)?;
        audit(&cx, &by, report, &f, "preview", sink.preview.as_ref().map_or(0, |p| p.count), now).await?;
        return Ok(axum::Json(sink.preview).into_response());
    };
    let (file, rows) = produce_to_temp(cx.store.as_ref(), &cx.vault, report, &f, format, today, &std::env::temp_dir()).await.map_err(Internal::from)?;
    audit(&cx, &by, report, &f, format.extension(), rows, now).await?;
    // The name is unlinked when `file` drops; the open handle reads on.
    let reader = tokio::fs::File::from_std(file.reopen().map_err(|e| Refusal::from(Internal::Unreadable(e.to_string())))?);
    let len = reader.metadata().await.map_err(|e| Refusal::from(Internal::Unreadable(e.to_string())))?.len();
    drop(file);
    let filename = format!("{}-{from}-{to}.{}", report.code(), format.extension());
    let (zh, _) = report.title();
    let how = if format == Format::Html { "inline" } else { "attachment" };
    let disposition = format!("{how}; filename=\"{filename}\"; filename*=UTF-8''{}", percent(&format!("{zh}-{from}-{to}.{}", format.extension())));
    Ok((
        [(header::CONTENT_TYPE, format.content_type().to_owned()), (header::CONTENT_DISPOSITION, disposition), (header::CONTENT_LENGTH, len.to_string())],
        Body::from_stream(tokio_util::io::ReaderStream::new(reader)),
    )
        .into_response())
}

async fn audit(cx: &Cx, by: &Principal, report: Report, f: &super::Filter, how: &str, rows: u64, now: i64) -> Result<(), Internal> {
    let entry = AuditEntry {
        actor: Some(by.account.id),
        actor_role: Some(by.role.as_str().to_owned()),
        action: "report.download".into(),
        target: Some(format!("report:{}", report.code())),
        detail: Some(format!("{}..{} unit={:?} region={:?} person={:?} {how} rows={rows}", f.from, f.to, f.unit, f.region, f.person)),
    };
    cx.store.audit_append(&entry, now).await?;
    Ok(())
}

/// RFC 5987 percent-encoding of a file name.
fn percent(s: &str) -> String {
    s.bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b"-._~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

/// `GET /api/stats/{chart}?from=YYYY-MM&to=YYYY-MM&region=CODE`: one of the agency's charts
/// ([`super::stats`]) as SVG, scoped like the reports (staff of a region see that region, and
/// may drill down into a division of it). Figures only, no person: not audited.
pub async fn chart(State(cx): State<Cx>, Extension(by): Extension<Option<Principal>>, Path(name): Path<String>, Query(q): Query<Params>) -> Result<Response, Refusal> {
    let by = by.ok_or_else(Refusal::bad_request)?;
    let kind = super::stats::Kind::parse(&name).ok_or_else(|| Refusal::not_found(Issue::new("stats.unknown", "没有这个统计图", "There is no such chart")))?;
    let (from, to) = (month(q.from.as_deref())?, month(q.to.as_deref())?);
    let scope = scope_of(&cx, &by).await?;
    let region = crate::employers::review::region_of(q.region.as_deref())?.map(region_range);
    // The statistics report's scope rules are the charts' (the same aggregates): a region's
    // staff held to it, a unit's account refused.
    let f = filter(Report::InsuredStats, scope, from, to, None, region).map_err(|r| Refusal::api(StatusCode::FORBIDDEN, Issue::new(r.code, r.zh, r.en)))?;
    let today = app::domain::Date::china_from_unix_ms(crate::store::now_ms());
    let chart = super::stats::chart(cx.store.as_ref(), kind, &f, today, &cx.pension.certification).await?;
    Ok(([(header::CONTENT_TYPE, "image/svg+xml; charset=utf-8"), (header::CACHE_CONTROL, "private, no-store")], super::svg::render(&chart)).into_response())
}
