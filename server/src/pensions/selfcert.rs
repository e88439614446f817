//! 本人认证 (人脸识别认证): `PUT /api/pension/certification` — the signed-in pensioner's live
//! photo from the front camera (JPEG or PNG, as the body). The face-verification service
//! ([`super::face`]) compares it with the person's reference photo; a match certifies today and
//! pays what a suspension held back. A mismatch, or a service that cannot be asked, never
//! certifies: the answer says which, and offers the other ways (a field worker's visit, the
//! counter). Each attempt is audited (the result, never the photo); a few a day per account.

use app::api::auth::Role;
use app::api::office::BatchStatus;
use app::api::sync::sniff_mime;
use app::domain::Issue;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::Extension;

use super::face::Face;
use super::Cx;
use crate::accounts::session::Principal;
use crate::http::{quota, Answer, Refusal};
use crate::office::persons::{entry, id_number};
use crate::office::{actor, today};
use crate::store::AuditEntry;

/// Attempts one account may make in a day.
pub const ATTEMPTS_PER_DAY: i64 = 5;
/// The largest photo taken (the phone makes it small first).
pub const MAX_PHOTO_BYTES: usize = 2 * 1024 * 1024;

const OTHER_WAYS: (&str, &str) = ("也可请社区工作人员上门协助认证，或到经办窗口认证", "A field worker's visit or the counter can certify you too");

fn refused(status: StatusCode, code: &'static str, zh: &str, en: &str) -> Refusal {
    Refusal::api(status, Issue::formatted(code, format!("{zh}。{}。", OTHER_WAYS.0), format!("{en}. {}.", OTHER_WAYS.1)))
}

/// `PUT /api/pension/certification`.
pub async fn certify_self(State(cx): State<Cx>, Extension(by): Extension<Option<Principal>>, photo: Bytes) -> Answer {
    let me = by.as_ref().filter(|p| p.role == Role::Resident).ok_or_else(Refusal::bad_request)?;
    let now = crate::store::now_ms();
    quota::take(cx.store.as_ref(), &format!("pension-face:{}", me.account.id), quota::DAY_MS, ATTEMPTS_PER_DAY, now).await?;
    if photo.len() > MAX_PHOTO_BYTES || !matches!(sniff_mime(&photo), Some("image/jpeg" | "image/png")) {
        return Err(Refusal::api(
            StatusCode::UNPROCESSABLE_ENTITY,
            Issue::new("pension.face_photo", "请用前置摄像头拍摄一张清晰的正面照片", "Take one clear photo of your face with the front camera"),
        ));
    }
    let not_paying = || Refusal::conflict(Issue::new("pension.not_paying", "您没有正在发放的养老金，无需认证", "No pension is being paid to you: there is nothing to certify"));
    let person = cx.store.person_id(&me.account.id_index).await?.ok_or_else(not_paying)?;
    let claim = cx.store.claim_recent(Some(person), 1).await?.into_iter().next().filter(|c| c.status == BatchStatus::Applied).ok_or_else(not_paying)?;
    let person = entry(&cx.office, person).await?;
    let id = id_number(&cx.office, &person)?;
    let face = cx.face.compare(&id, &person.name, &photo).await;
    let result = match face {
        Face::Matched => "matched",
        Face::Mismatch => "mismatch",
        Face::Unavailable => "unavailable",
    };
    let audit = AuditEntry { action: "pension.face_check".into(), target: Some(format!("pension_claim:{}", claim.id)), detail: Some(format!("result={result}")), ..actor(me) };
    match face {
        Face::Matched => {
            let audit = AuditEntry { action: "pension.certify".into(), detail: Some("way=self".into()), ..audit };
            if !cx.store.certify(claim.id, today(now), "self", Some(me.account.id), &audit, now).await? {
                return Err(not_paying());
            }
            super::payroll::pay_due_one(&cx, claim.id, today(now), now).await?;
            Ok(StatusCode::NO_CONTENT.into_response())
        }
        Face::Mismatch => {
            cx.store.audit_append(&audit, now).await?;
            Err(refused(StatusCode::UNPROCESSABLE_ENTITY, "pension.face_mismatch", "照片与本人不符，未能认证；请在光线充足处正对镜头重拍", "The photo does not match you, so you are not certified; retake it facing the camera in good light"))
        }
        Face::Unavailable => {
            cx.store.audit_append(&audit, now).await?;
            Err(refused(StatusCode::SERVICE_UNAVAILABLE, "pension.face_unavailable", "人脸识别服务暂时无法使用，未能认证；请稍后再试", "The face check cannot be reached, so you are not certified; try again later"))
        }
    }
}
