//! Payment files under four eyes:
//!
//! - `POST /api/office/payments` (operator or supervisor): the tax bureau's collection file
//!   (CSV or JSON, as `ledger import-payments` reads it) is checked at once, every row, and kept
//!   as pending with its row count and sum — or refused with each bad line, keeping nothing;
//! - `GET /api/office/payments`: the latest files and where they stand;
//! - `POST /api/office/payments/{id}/decision` (supervisor): confirm — the file is imported into
//!   the ledger, all rows or none — or return it with a reason. The account that submitted a
//!   file cannot decide it.
//!
//! Confirming imports first and then marks the file applied. A confirmation cut off in between
//! leaves the file pending, and confirming it again imports nothing twice: the ledger takes each
//! payment reference once, and counts a repeat with the same content as already there.

use app::api::auth::FormRefusal;
use app::api::office::{BatchDecision, BatchStatus, PaymentFile, MAX_FILE_BYTES, MAX_LINES_SHOWN};
use app::domain::FieldErrors;
use app::domain::Issue;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::{Extension, Json};

use super::batch_store::{Decided, NewBatch};
use super::{actor, four_eyes, return_reason, staff, today, Cx};
use crate::accounts::session::Principal;
use crate::http::{quota, Answer, Refusal};
use crate::ledger::payments::{self, Report};
use crate::registry::import::BadRow;
use crate::store::AuditEntry;

/// Files one account may submit in an hour.
pub const SUBMITS_PER_HOUR: i64 = 30;
/// The latest files listed.
const RECENT: i64 = 50;

/// A file refused whole: one issue per bad line (the first [`MAX_LINES_SHOWN`]) on `content`.
fn refused(bad: Vec<BadRow>) -> Refusal {
    let mut fields = FieldErrors::default();
    for b in bad.iter().take(MAX_LINES_SHOWN) {
        let issue = Issue {
            code: b.code.clone().into(),
            zh: format!("第 {} 行（{}）：{}", b.line, b.field, b.message).into(),
            en: format!("Line {} ({}): {}", b.line, b.field, b.message_en).into(),
        };
        fields.error("content", issue);
    }
    if bad.len() > MAX_LINES_SHOWN {
        let more = bad.len() - MAX_LINES_SHOWN;
        fields.error("content", Issue::formatted("payment.more_lines", format!("另有 {more} 行有误"), format!("{more} more lines are wrong")));
    }
    Refusal::form(FormRefusal {
        code: "payment.file_refused".into(),
        zh: format!("文件有 {} 行有误，未导入任何数据", bad.len()),
        en: format!("{} lines of the file are wrong; nothing was imported", bad.len()),
        fields,
    })
}

/// `GET /api/office/payments`.
pub async fn recent(State(cx): State<Cx>) -> Answer {
    Ok(Json(cx.store.batch_recent(RECENT).await?).into_response())
}

fn file_name(name: &str) -> Result<String, Refusal> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 200 || name.chars().any(char::is_control) {
        return Err(Refusal::field("file_name", Issue::new("payment.file_name", "文件名应为 1–200 个字符", "The file name has 1 to 200 characters")));
    }
    Ok(name.to_owned())
}

/// `POST /api/office/payments`.
pub async fn submit(State(cx): State<Cx>, Extension(by): Extension<Option<Principal>>, Json(file): Json<PaymentFile>) -> Answer {
    let by = staff(&by)?;
    let now = crate::store::now_ms();
    let name = file_name(&file.file_name)?;
    if file.content.len() > MAX_FILE_BYTES {
        return Err(Refusal::field(
            "content",
            Issue::formatted(
                "payment.file_size",
                format!("文件不能超过 {} MB，请拆分后分别提交", MAX_FILE_BYTES >> 20),
                format!("A file is at most {} MB: split it and submit the parts", MAX_FILE_BYTES >> 20),
            ),
        ));
    }
    quota::take(cx.store.as_ref(), &format!("office-payments:{}", by.account.id), quota::HOUR_MS, SUBMITS_PER_HOUR, now).await?;
    let bytes = file.content.into_bytes();
    let rows = match payments::read(&bytes) {
        Ok(rows) => rows,
        Err(bad) => return Err(refused(vec![bad])),
    };
    let checked = match payments::resolve(cx.ledger.store.as_ref(), &rows, today(now)).await? {
        Ok(p) => p,
        Err(bad) => return Err(refused(bad)),
    };
    let batch = NewBatch {
        file_name: name,
        file_sha256: crate::vault::hex_sha256(&bytes),
        rows: checked.len() as i64,
        total: checked.iter().map(|p| p.amount).sum(),
        content: bytes,
        submitted_by: by.account.id,
    };
    let audit = AuditEntry { action: "office.payments_submit".into(), detail: Some(format!("rows={} total={}", batch.rows, batch.total)), ..actor(by) };
    let id = cx.store.batch_submit(&batch, &audit, now).await?;
    let (stored, _) = cx.store.batch_get(id).await?.ok_or_else(|| Refusal::unreadable("the payment file just kept"))?;
    Ok((StatusCode::CREATED, Json(stored)).into_response())
}

fn not_pending() -> Refusal {
    Refusal::conflict(Issue::new("payment_batch.decided", "该文件已经复核过", "This file has been decided already"))
}

/// `POST /api/office/payments/{id}/decision`.
pub async fn decide(State(cx): State<Cx>, Extension(by): Extension<Option<Principal>>, Path(id): Path<i64>, Json(d): Json<BatchDecision>) -> Answer {
    let by = staff(&by)?;
    let now = crate::store::now_ms();
    let (batch, content) = cx
        .store
        .batch_get(id)
        .await?
        .ok_or_else(|| Refusal::not_found(Issue::new("payment_batch.unknown", "没有该导入文件", "No such payment file")))?;
    if batch.status != BatchStatus::Pending {
        return Err(not_pending());
    }
    if batch.submitted_by == by.account.id {
        return Err(four_eyes());
    }
    let decided = if d.approve {
        match payments::import(cx.ledger.store.as_ref(), &content, today(now), Some(by.account.id), now).await? {
            Report::Imported(i) => Decided::Applied { import_id: i.import_id, taken: i.taken as i64, already: i.already as i64 },
            Report::Refused { bad } => return Err(refused(bad)),
        }
    } else {
        Decided::Returned { reason: return_reason(&d.reason)?.to_owned() }
    };
    let action = if d.approve { "office.payments_confirm" } else { "office.payments_return" };
    let detail = match &decided {
        Decided::Applied { taken, already, .. } => Some(format!("taken={taken} already={already}")),
        Decided::Returned { .. } => None,
    };
    let audit = AuditEntry { action: action.into(), detail, ..actor(by) };
    if !cx.store.batch_decide(id, by.account.id, &decided, &audit, now).await? {
        return Err(not_pending());
    }
    let (stored, _) = cx.store.batch_get(id).await?.ok_or_else(|| Refusal::unreadable("a payment file just decided"))?;
    Ok(Json(stored).into_response())
}
