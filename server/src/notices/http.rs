//! `GET /api/notices` (anyone: the notices in force for the caller's kind of account — the
//! answer depends on the session's role only, never on who the caller is); and for
//! administrators `GET /api/admin/notices` (every notice), `POST /api/admin/notices` (publish)
//! and `POST /api/admin/notices/{id}/withdraw`. Publishing and withdrawing are audited.

use std::sync::Arc;

use app::api::auth::FormRefusal;
use app::api::notices::{audiences, Notice};
use app::domain::forms::notice::{self, NoticeDraft};
use app::domain::Issue;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::{Extension, Json};

use super::NoticeStore;
use crate::accounts::session::Principal;
use crate::http::{Answer, Refusal};
use crate::store::AuditEntry;

#[derive(Clone)]
pub struct Cx {
    pub store: Arc<dyn NoticeStore>,
}

/// The session (the endpoint table admits administrators only; the guard has checked it).
fn caller(by: &Option<Principal>) -> Result<&Principal, Refusal> {
    by.as_ref().ok_or_else(Refusal::bad_request)
}

fn actor(p: &Principal, action: &str) -> AuditEntry {
    AuditEntry { actor: Some(p.account.id), actor_role: Some(p.role.as_str().to_owned()), action: action.to_owned(), ..Default::default() }
}

/// `GET /api/notices`.
pub async fn current(State(cx): State<Cx>, Extension(by): Extension<Option<Principal>>) -> Answer {
    let list: Vec<Notice> = cx.store.notices_current(&audiences(by.map(|p| p.role)), crate::accounts::today(crate::store::now_ms())).await?;
    Ok(Json(list).into_response())
}

/// `GET /api/admin/notices`: the latest 200.
pub async fn all(State(cx): State<Cx>) -> Answer {
    Ok(Json(cx.store.notices_all(200).await?).into_response())
}

/// `POST /api/admin/notices`: the notice as stored (201).
pub async fn publish(State(cx): State<Cx>, Extension(by): Extension<Option<Principal>>, json: Result<Json<NoticeDraft>, axum::extract::rejection::JsonRejection>) -> Answer {
    let by = caller(&by)?;
    let draft = crate::http::body(json)?;
    let now = crate::store::now_ms();
    let fields = notice::validate(&draft, crate::accounts::today(now)).map_err(|f| Refusal::form(FormRefusal::invalid(f)))?.value;
    let audit = AuditEntry { detail: Some(fields.audience.as_str().to_owned()), ..actor(by, "notice.publish") };
    let id = cx.store.notice_publish(&fields, by.account.id, &audit, now).await?;
    let stored = Notice {
        id,
        title: fields.title,
        body: fields.body,
        audience: fields.audience,
        valid_from: fields.valid_from,
        valid_to: fields.valid_to,
        published_at: now,
        withdrawn: false,
    };
    Ok((StatusCode::CREATED, Json(stored)).into_response())
}

/// `POST /api/admin/notices/{id}/withdraw`.
pub async fn withdraw(State(cx): State<Cx>, Extension(by): Extension<Option<Principal>>, Path(id): Path<i64>) -> Answer {
    let by = caller(&by)?;
    let audit = AuditEntry { target: Some(format!("notice:{id}")), ..actor(by, "notice.withdraw") };
    if !cx.store.notice_withdraw(id, &audit, crate::store::now_ms()).await? {
        return Err(Refusal::not_found(Issue::new("notice.unknown", "没有这条通知，或已撤回", "There is no such notice, or it was withdrawn already")));
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}
