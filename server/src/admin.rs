//! What administrators read: `GET /api/admin/audit`, the latest 200 entries of the audit log
//! (no personal data in them).

use app::api::admin::AuditLine;
use axum::extract::State;
use axum::response::IntoResponse;
use axum::Json;

use crate::accounts::Cx;
use crate::http::Answer;

pub async fn audit(State(cx): State<Cx>) -> Answer {
    let entries = cx.store.audit_recent(200).await?;
    let list: Vec<AuditLine> = entries
        .into_iter()
        .map(|r| AuditLine {
            id: r.id,
            at: r.at,
            actor: r.entry.actor,
            actor_role: r.entry.actor_role,
            action: r.entry.action,
            target: r.entry.target,
            detail: r.entry.detail,
        })
        .collect();
    Ok(Json(list).into_response())
}
