//! 协助认证 — 养老待遇资格认证 assisted by a field worker, often offline in a village:
//!
//! - `GET /api/field/pension-due` (field workers): the pensioners of the worker's area (the
//!   account's region; the central office's: every region) whose certification is due or
//!   overdue, with the ID number masked; the phone keeps the list for the visits (audited);
//! - the visit is a filing like any other (`pension_certification`, with the pensioner's
//!   photo), synced when the network allows: [`check`] before it is stored, [`apply`] once
//!   it is — a pending visit;
//! - `GET /api/office/pension-visits`, `…/{id}/photo` and `POST …/{id}/decision`: an operator,
//!   never the worker, looks at the photo and confirms the visit (the claim is certified on
//!   the visit's day and the months a suspension skipped are paid at once) or returns it with
//!   a reason;
//! - [`visit_reviews`]: the worker's phone learns that at its next sync, as it learns a
//!   case's (`POST /api/filings/review`): a returned visit shows the reason, to visit again.

use app::api::auth::Role;
use app::api::cases::FilingReview;
use app::api::ledger::{DueList, DuePensioner};
use app::api::office::{BatchDecision, FieldVisitView};
use app::domain::forms::pension_certification::{field, AssistedCertification, PHOTO_SLOT};
use app::domain::pension::certification::{standing, Standing};
use app::domain::review::{Reason, Status, Target};
use app::domain::{divisions, IdNumber, Issue};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::{Extension, Json};

use super::visit_store::{Pensioner, Visit};
use super::Cx;
use crate::accounts::session::Principal;
use crate::employers::review::region_range;
use crate::filings::Verdict;
use crate::http::{quota, Answer, Internal, Refusal};
use crate::office::{actor, four_eyes, return_reason, staff, today};
use crate::store::{AuditEntry, StoreError};
use crate::vault::{bound, purpose, Vault};

/// The most pensioners one due list holds (an area's; the measure is made with this many).
pub const DUE_LIST_MAX: i64 = 5_000;
/// The visits listed for confirmation at once.
pub const VISITS_SHOWN: i64 = 100;
/// Decisions one account may make in an hour.
pub const DECISIONS_PER_HOUR: i64 = 300;

/// The one answer to a visit the server cannot match, whatever the cause (no such claim, not
/// being paid, another area, another ID number): it says nothing of who is a pensioner.
fn no_match() -> Verdict {
    Verdict::reject(
        field::ID_NUMBER,
        Issue::new(
            "certification.no_match",
            "身份证号与名单中的领取人不符，或该领取人不在您的服务区域；请核对证件后重新提交",
            "The ID number does not match the pensioner on the list, or they are outside your area: check the card and file again",
        ),
    )
}

/// The region range of a member of staff: their region's, or every region's.
async fn area(store: &dyn super::FieldDb, by: &Principal) -> Result<Option<(i64, i64)>, Internal> {
    Ok(store.staff_region(by.account.id).await?.map(|code| region_range(u32::try_from(code).unwrap_or(0))))
}

fn masked(vault: &Vault, p: &Pensioner, today: app::domain::Date) -> Result<String, Internal> {
    let id = vault.open(&bound::ledger_person(&p.id_index), &p.id_sealed)?;
    Ok(IdNumber::mask(&String::from_utf8_lossy(&id), today))
}

fn region_name(code: i64) -> String {
    u32::try_from(code).ok().and_then(divisions::full_name).unwrap_or_default()
}

/// `GET /api/field/pension-due`.
pub async fn due_list(State(cx): State<Cx>, Extension(by): Extension<Option<Principal>>) -> Answer {
    let by = by.as_ref().filter(|p| p.role == Role::FieldWorker).ok_or_else(Refusal::bad_request)?;
    let now = crate::store::now_ms();
    let today = today(now);
    let policy = &cx.office.ledger.pension.certification;
    let mut items = Vec::new();
    for p in cx.store.pensioners(area(cx.store.as_ref(), by).await?, DUE_LIST_MAX).await? {
        let Some(last) = p.certified_on else { continue };
        let (due, suspended) = match standing(last, today, policy) {
            Standing::Certified { .. } => continue,
            Standing::Due { until } => (until, false),
            Standing::Suspended { .. } => (app::domain::pension::certification::due(last, policy), true),
        };
        items.push(DuePensioner {
            claim: p.claim,
            name: p.name.clone(),
            id_masked: masked(&cx.office.ledger.vault, &p, today)?,
            due: due.iso(),
            suspended,
            region_name: region_name(p.region),
        });
    }
    crate::office::audit(&cx.office, by, "pension.due_list", None, Some(format!("count={}", items.len())), now).await?;
    Ok(Json(DueList { taken_at: now, items }).into_response())
}

/// Before a visit's filing is stored: a field worker sent it, with the photo, for a pensioner
/// of the worker's area whose ID number is the one typed.
pub async fn check(
    store: &dyn super::FieldDb,
    vault: &Vault,
    c: &AssistedCertification,
    slots: &[&str],
    by: Option<&Principal>,
) -> Result<Verdict, Internal> {
    let Some(by) = by.filter(|p| p.role == Role::FieldWorker) else {
        return Ok(Verdict::reject(
            field::CLAIM,
            Issue::new("certification.field_only", "协助认证须由外勤工作人员登录后提交", "An assisted certification is filed by a signed-in field worker"),
        ));
    };
    if !slots.contains(&PHOTO_SLOT) {
        return Ok(Verdict::reject(PHOTO_SLOT, Issue::new("certification.photo", "请为领取人拍摄一张照片", "Take a photo of the pensioner")));
    }
    let Some(p) = store.pensioner(c.claim).await? else { return Ok(no_match()) };
    let in_area = area(store, by).await?.is_none_or(|(lo, hi)| (lo..=hi).contains(&p.region));
    if !in_area || p.id_index != vault.blind_index(purpose::ID_NUMBER, c.id_number.as_str()) {
        return Ok(no_match());
    }
    Ok(Verdict::Pass)
}

/// Once the filing is stored: the visit, pending (again on a retry: written once).
pub async fn apply(store: &dyn super::FieldDb, c: &AssistedCertification, client_id: &str, by: Option<&Principal>, now: i64) -> Result<(), Internal> {
    match by {
        Some(by) => Ok(store.visit_file(c.claim, client_id, c.seen_on, by.account.id, now).await?),
        None => Ok(()),
    }
}

#[derive(Debug, serde::Deserialize)]
pub struct VisitQuery {
    #[serde(default)]
    status: Option<String>,
}

fn view(cx: &Cx, v: &Visit, now: i64) -> Result<FieldVisitView, Internal> {
    Ok(FieldVisitView {
        id: v.id,
        claim: v.claim,
        name: v.pensioner.name.clone(),
        id_masked: masked(&cx.office.ledger.vault, &v.pensioner, today(now))?,
        seen_on: v.seen_on.iso(),
        filed_by: v.filed_by,
        filed_at: v.filed_at,
        status: v.status.clone(),
        return_reason: v.return_reason.clone(),
        region_name: region_name(v.pensioner.region),
        certified_on: v.pensioner.certified_on.map(|d| d.iso()),
    })
}

/// `GET /api/office/pension-visits?status=`: the visits of the operator's area, oldest first.
pub async fn visits(State(cx): State<Cx>, Extension(by): Extension<Option<Principal>>, Query(q): Query<VisitQuery>) -> Answer {
    let by = staff(&by)?;
    let status = match q.status.as_deref().unwrap_or("pending") {
        s @ ("pending" | "confirmed" | "returned") => s,
        _ => return Err(Refusal::bad_request()),
    };
    let now = crate::store::now_ms();
    let rows = cx.store.visits(status, area(cx.store.as_ref(), by).await?, VISITS_SHOWN).await?;
    let views = rows.iter().map(|v| view(&cx, v, now)).collect::<Result<Vec<_>, _>>()?;
    Ok(Json(views).into_response())
}

fn unknown() -> Refusal {
    Refusal::not_found(Issue::new("certification.unknown", "没有该协助认证", "No such assisted certification"))
}

/// A visit of the operator's area.
async fn visit_in_area(cx: &Cx, by: &Principal, id: i64) -> Result<Visit, Refusal> {
    let v = cx.store.visit_get(id).await?.ok_or_else(unknown)?;
    match area(cx.store.as_ref(), by).await? {
        Some((lo, hi)) if !(lo..=hi).contains(&v.pensioner.region) => Err(unknown()),
        _ => Ok(v),
    }
}

/// `GET /api/office/pension-visits/{id}/photo`: the photo taken at the visit (audited).
pub async fn photo(State(cx): State<Cx>, Extension(by): Extension<Option<Principal>>, Path(id): Path<i64>) -> Answer {
    let by = staff(&by)?;
    let v = visit_in_area(&cx, by, id).await?;
    crate::office::audit(&cx.office, by, "pension.visit_photo", Some(format!("pension_claim:{}", v.claim)), None, crate::store::now_ms()).await?;
    crate::uploads::attached_file(cx.store.as_ref(), &cx.office.ledger.vault, &v.client_id, PHOTO_SLOT).await?.ok_or_else(unknown)
}

/// The visits among `client_ids` that `account` filed, as the filing device learns them:
/// pending is 已提交, confirmed 审核通过, returned 退回 with the operator's reason (on the
/// attestation: the visit as a whole).
pub async fn visit_reviews(store: &(impl super::VisitStore + ?Sized), account: i64, client_ids: &[String]) -> Result<Vec<FilingReview>, StoreError> {
    Ok(store
        .visits_sent_by(account, client_ids)
        .await?
        .into_iter()
        .map(|(client_id, status, reason, updated_at)| {
            let status = match status.as_str() {
                "confirmed" => Status::Approved,
                "returned" => Status::Rejected,
                _ => Status::Submitted,
            };
            let reasons = reason.map(|note| Reason { target: Target::Field(field::ATTEST.into()), code: "other".into(), note }).into_iter().collect();
            FilingReview { client_id, status, reasons, updated_at }
        })
        .collect())
}

/// `POST /api/office/pension-visits/{id}/decision`: confirm, or return with a reason.
pub async fn decide(State(cx): State<Cx>, Extension(by): Extension<Option<Principal>>, Path(id): Path<i64>, Json(d): Json<BatchDecision>) -> Answer {
    let by = staff(&by)?;
    let now = crate::store::now_ms();
    quota::take(cx.store.as_ref(), &format!("pension-visit:{}", by.account.id), quota::HOUR_MS, DECISIONS_PER_HOUR, now).await?;
    let v = visit_in_area(&cx, by, id).await?;
    if v.filed_by == by.account.id {
        return Err(four_eyes());
    }
    let returned = if d.approve { None } else { Some(return_reason(&d.reason)?) };
    let action = if d.approve { "pension.visit_confirm" } else { "pension.visit_return" };
    let audit = AuditEntry { action: action.into(), detail: Some(format!("visit={id} seen_on={} way=field", v.seen_on.iso())), ..actor(by) };
    if !cx.store.visit_decide(id, by.account.id, returned, &audit, now).await? {
        return Err(Refusal::conflict(Issue::new(
            "certification.decided",
            "该协助认证已处理，或领取人的待遇已不在发放中",
            "This assisted certification has been decided already, or the pension is no longer being paid",
        )));
    }
    if d.approve {
        super::payroll::pay_due_one(&cx, v.claim, today(now), now).await?;
    }
    let stored = cx.store.visit_get(id).await?.ok_or_else(unknown)?;
    Ok((StatusCode::OK, Json(view(&cx, &stored, now)?)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::{header, Request};
    use tower::ServiceExt;

    /// The issue's measure, as a size budget (bytes are deterministic; time is not asserted):
    /// an area's due list of [`DUE_LIST_MAX`] pensioners, as the endpoint sends it through the
    /// same compression layer, must stay within 300 KB; at 400 kbps that is at most 6 s.
    #[tokio::test]
    async fn an_areas_due_list_of_5000_fits_300_kb_on_the_wire() {
        const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢";
        const GIVEN: &str = "建国秀英桂兰玉珍德福淑芬志强海燕春梅凤英文华国庆振华桂芳明亮";
        let (surnames, given): (Vec<char>, Vec<char>) = (SURNAMES.chars().collect(), GIVEN.chars().collect());
        let mut x: u64 = 42;
        let mut next = move |n: usize| {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            usize::try_from(x >> 33).unwrap_or(0) % n
        };
        let items: Vec<DuePensioner> = (0..DUE_LIST_MAX)
            .map(|i| {
                let name: String = [surnames[next(surnames.len())], given[next(given.len())], given[next(given.len())]].into_iter().collect();
                DuePensioner {
                    claim: 1_000_000 + i,
                    name,
                    id_masked: format!("3201**********{:03}{}", next(1000), ['0', '1', '2', 'X'][next(4)]),
                    due: format!("2027-{:02}-{:02}", 1 + next(12), 1 + next(28)),
                    suspended: next(10) == 0,
                    region_name: divisions::full_name(320_102 + u32::try_from(next(14)).unwrap_or(0)).unwrap_or_else(|| "江苏省南京市玄武区".into()),
                }
            })
            .collect();
        let list = DueList { taken_at: 1_780_000_000_000, items };
        let plain = serde_json::to_vec(&list).unwrap().len();
        let app = axum::Router::new()
            .route("/due", axum::routing::get(move || async move { Json(list) }))
            .layer(tower_http::compression::CompressionLayer::new());
        let response = app.oneshot(Request::get("/due").header(header::ACCEPT_ENCODING, "gzip").body(Body::empty()).unwrap()).await.unwrap();
        assert_eq!(response.headers().get(header::CONTENT_ENCODING).and_then(|v| v.to_str().ok()), Some("gzip"));
        let sent = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap().len();
        // Printed for the record (`cargo test -- --nocapture`).
        eprintln!("due list of {DUE_LIST_MAX}: {plain} bytes as JSON, {sent} bytes gzipped, {:.1} s at 400 kbps", sent as f64 * 8.0 / 400_000.0);
        assert!(sent <= 300_000, "{sent} bytes on the wire");
    }
}
