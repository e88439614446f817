//! `POST /api/sync`: a batch of frozen filings in, one result per filing out. The protocol is
//! written down in docs/sync.md.
//!
//! Per filing: the hash must match the payload; a client id seen before returns its original
//! result (same content) or a conflict (other content); the shared rules validate the payload
//! once into a [`ValidFiling`]; the attachments must be stored; its kind's check runs
//! ([`kinds`]). What passes is stored in one transaction for the whole batch, so every
//! "accepted" in the answer is already durable; then each kind's effect runs. What became of
//! them later, the device asks [`review`].

mod kinds;
pub mod review;

use kinds::Storing;

use std::sync::Arc;

use app::api::sync::{is_sha256_hex, ItemResult, Outcome, SyncBatch, SyncItem, SyncResponse, MAX_BATCH_ITEMS};
use app::api::ApiError;
use app::domain::forms::Context;
use app::domain::{Date, FieldErrors, Issue};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};

use crate::accounts::session::Principal;
use crate::filings::{NewFiling, Stored, StoredFiling, ValidFiling, Verdict};
use crate::office::Filed;
use crate::http::{quota, ClientAddress, Internal};
use crate::store::{AuditEntry, StoreError};
use crate::vault::hex_sha256;

/// Batches per hour from one address without a session.
pub const ANONYMOUS_BATCHES_PER_HOUR: i64 = 30;
/// Batches per hour from one signed-in account (a field worker back from a village).
pub const ACCOUNT_BATCHES_PER_HOUR: i64 = 600;

/// Who sent a batch, from where, and when it arrived.
pub struct Sender<'a> {
    pub by: Option<&'a Principal>,
    pub address: &'a str,
    pub now: i64,
    pub today: Date,
}

/// The queries the intake needs.
pub trait Db: crate::employers::Db + crate::ledger::Db + crate::office::CaseStore + crate::pensions::FieldDb + crate::unemployment::UnemploymentStore + crate::medical::MedicalStore + crate::medical::NewbornStore {}
impl<T: crate::employers::Db + crate::ledger::Db + crate::office::CaseStore + crate::pensions::FieldDb + crate::unemployment::UnemploymentStore + crate::medical::MedicalStore + crate::medical::NewbornStore + ?Sized> Db for T {}

/// What the intake reaches (`FromRef` of the server's state).
#[derive(Clone)]
pub struct Cx {
    pub store: Arc<dyn Db>,
    pub accounts: crate::accounts::Cx,
    /// The ledger's records (a 失业登记's contributions).
    pub ledger: crate::ledger::Cx,
}

impl Cx {
    fn employers(&self) -> crate::employers::Cx {
        crate::employers::Cx { store: self.store.clone(), accounts: self.accounts.clone() }
    }
}

/// The handler.
pub async fn sync(
    State(cx): State<Cx>,
    ClientAddress(address): ClientAddress,
    Extension(by): Extension<Option<Principal>>,
    body: Result<Json<SyncBatch>, axum::extract::rejection::JsonRejection>,
) -> Response {
    let Ok(Json(batch)) = body else {
        return (StatusCode::BAD_REQUEST, Json(ApiError::bad_request())).into_response();
    };
    if batch.items.len() > MAX_BATCH_ITEMS {
        let e = ApiError::new("batch_too_large", "一次提交的件数过多", "Too many filings in one batch");
        return (StatusCode::PAYLOAD_TOO_LARGE, Json(e)).into_response();
    }
    let now = app::api::ssr::now_ms();
    let quota = match &by {
        Some(p) => quota::take(cx.store.as_ref(), &format!("sync:account:{}", p.account.id), quota::HOUR_MS, ACCOUNT_BATCHES_PER_HOUR, now).await,
        None => quota::take(cx.store.as_ref(), &format!("sync:addr:{address}"), quota::HOUR_MS, ANONYMOUS_BATCHES_PER_HOUR, now).await,
    };
    if let Err(refusal) = quota {
        return refusal.into_response();
    }
    let sender = Sender { by: by.as_ref(), address: &address, now, today: Date::china_from_unix_ms(now) };
    match ingest_from(&cx, batch, &sender).await {
        Ok(response) => Json(response).into_response(),
        Err(cause) => {
            tracing::error!(error = %cause, "sync: the batch was not stored");
            let e = ApiError::new("unavailable", "服务暂时不可用，将自动重试", "The service is unavailable for now; it will be retried");
            (StatusCode::SERVICE_UNAVAILABLE, Json(e)).into_response()
        }
    }
}

/// What one item became before storing.
enum Prepared {
    /// Decided now: refused, a conflict, attachments to upload first, or try later.
    Decided(Outcome),
    /// Stored before with this very content: accepted again, its effect made sure of (when its
    /// payload still passes the rules).
    Again(StoredFiling, Option<ValidFiling>),
    /// Queued to store (the next in the batch's list), then to apply.
    Store(ValidFiling),
}

/// Processes a batch sent without a session; an `Err` means nothing of it was stored.
pub async fn ingest(cx: &Cx, batch: SyncBatch) -> Result<SyncResponse, Internal> {
    ingest_as(cx, batch, None).await
}

/// Processes a batch sent by `by` (the session the request carried, if any).
pub async fn ingest_as(cx: &Cx, batch: SyncBatch, by: Option<&Principal>) -> Result<SyncResponse, Internal> {
    let now = app::api::ssr::now_ms();
    ingest_from(cx, batch, &Sender { by, address: "local", now, today: Date::china_from_unix_ms(now) }).await
}

/// Processes a batch from `sender`.
pub async fn ingest_from(cx: &Cx, batch: SyncBatch, sender: &Sender<'_>) -> Result<SyncResponse, Internal> {
    let (now, today, by) = (sender.now, sender.today, sender.by);
    let ctx = Context { today, policy: Some(&cx.accounts.policy) };
    let mut prepared = Vec::with_capacity(batch.items.len());
    let mut to_store = Vec::new();
    for item in &batch.items {
        prepared.push(prepare(cx, &batch.device_id, item, &ctx, sender, &mut to_store).await?);
    }
    let storing = to_store.len();
    let mut stored = store_all(cx, to_store, &today.digits(), now, by).await?.into_iter();
    let mut results = Vec::with_capacity(batch.items.len());
    // Every accepted filing's effect (idempotent: also when a retry finds the filing stored by
    // an attempt that failed before its effect).
    let mut effects: Vec<(&SyncItem, ValidFiling)> = Vec::new();
    for (item, p) in batch.items.iter().zip(prepared) {
        let outcome = match p {
            Prepared::Decided(outcome) => outcome,
            Prepared::Again(filing, valid) => {
                effects.extend(valid.map(|v| (item, v)));
                accepted(&filing, true)
            }
            Prepared::Store(valid) => match stored.next().expect("one result per stored filing") {
                Err(errors) => Outcome::Rejected { errors },
                Ok(Stored::New(f)) => {
                    if let Some(p) = by.filter(|_| matches!(valid, ValidFiling::Enrolment(_) | ValidFiling::Separation(_) | ValidFiling::BaseDeclaration(_))) {
                        let audit = AuditEntry {
                            actor: Some(p.account.id),
                            actor_role: Some(p.role.as_str().into()),
                            action: format!("filing.{}", item.kind.as_str()),
                            target: Some(format!("filing:{}", f.receipt_no)),
                            detail: None,
                        };
                        cx.store.audit_append(&audit, now).await?;
                    }
                    effects.push((item, valid));
                    accepted(&f, false)
                }
                Ok(Stored::Existing(f)) => {
                    let outcome = same_or_conflict(&f, &item.content_hash);
                    if matches!(outcome, Outcome::Accepted { .. }) {
                        effects.push((item, valid));
                    }
                    outcome
                }
            },
        };
        results.push(ItemResult::new(item.client_id.clone(), outcome));
    }
    for (item, valid) in &effects {
        kinds::apply(cx, valid, item, sender).await?;
    }
    tracing::info!(items = batch.items.len(), stored = storing, "sync batch");
    Ok(SyncResponse { results, server_time: now })
}

fn accepted(f: &StoredFiling, duplicate: bool) -> Outcome {
    Outcome::Accepted { receipt_no: f.receipt_no.clone(), received_at: f.received_at, duplicate }
}

fn same_or_conflict(f: &StoredFiling, hash: &str) -> Outcome {
    if f.content_hash == hash {
        accepted(f, true)
    } else {
        Outcome::Conflict {
            message: Issue::new(
                "conflict",
                "这份材料的编号已被另一份内容不同的提交使用，服务器保留了先到的一份；请导出本条并联系经办机构",
                "This filing's id was already used by a filing with other content; the server kept the first. Export this item and contact the agency",
            ),
        }
    }
}

fn rejected(field: &str, issue: Issue) -> Prepared {
    let mut errors = FieldErrors::default();
    errors.error(field, issue);
    Prepared::Decided(Outcome::Rejected { errors })
}

/// Stores the batch's filings, in the batch's order: cases each with its holds in a
/// transaction of its own (refused as a whole when the database finds the person insured, or
/// held by another enrolment waiting for review), the others together ([`store_batch`]).
async fn store_all(
    cx: &Cx,
    filings: Vec<(NewFiling, Storing)>,
    day: &str,
    now: i64,
    by: Option<&Principal>,
) -> Result<Vec<Result<Stored, FieldErrors>>, Internal> {
    let (plain, cases): (Vec<_>, Vec<_>) = filings.into_iter().enumerate().partition(|(_, (_, s))| matches!(s, Storing::WithBatch));
    let (plain_at, plain): (Vec<usize>, Vec<NewFiling>) = plain.into_iter().map(|(i, (f, _))| (i, f)).unzip();
    let mut out: Vec<Option<Result<Stored, FieldErrors>>> = (0..plain_at.len() + cases.len()).map(|_| None).collect();
    for (i, result) in plain_at.into_iter().zip(store_batch(cx, &plain, day, now).await?) {
        out[i] = Some(result);
    }
    for (i, (filing, storing)) in cases {
        out[i] = Some(match storing {
            Storing::WithBatch => unreachable!("partitioned above"),
            Storing::Case(case) => match cx.store.file_case(&filing, &case, day, now).await? {
                Filed::Stored(stored) => Ok(stored),
                refused => match cx.store.filing_by_client_id(&filing.client_id).await? {
                    // A concurrent retry of this very filing stored it (and holds the person).
                    Some(existing) => Ok(Stored::Existing(existing)),
                    None => Err(refusal(cx, &case, refused, by).await?),
                },
            },
        });
    }
    Ok(out.into_iter().map(|r| r.expect("every filing stored or refused")).collect())
}

/// Why a case was not stored: another enrolment of the person waits, or a relationship the
/// check could not see (a race) holds them — named to staff only.
async fn refusal(cx: &Cx, case: &crate::office::NewCase, refused: Filed, by: Option<&Principal>) -> Result<FieldErrors, Internal> {
    let insurance = match refused {
        Filed::Pending(insurance) => return Ok(pending(insurance)),
        Filed::Taken(insurance) => insurance,
        Filed::Stored(_) => unreachable!("only refusals come here"),
    };
    let staff = by.is_some_and(|p| p.role.is_staff());
    let index = case.holds.first().map(|(i, _)| i.clone()).unwrap_or_default();
    let holder = cx.store.open_relationships(&index).await?.into_iter().find(|r| r.insurance == insurance);
    let own = holder.as_ref().is_some_and(|h| Some(h.unit_id) == case.unit_id);
    let name = holder.as_ref().filter(|_| staff).map(|h| h.unit_name.as_str());
    Ok(match crate::ledger::enrolment::taken(insurance, name, own) {
        Verdict::Reject(errors) => errors,
        _ => unreachable!("taken() rejects"),
    })
}

/// Stores filings in one transaction. Should the database refuse one of them (a rule the
/// checks above missed), each is stored on its own, so that the one refused is answered as
/// refused and the others go through — never a whole batch retried for ever.
async fn store_batch(cx: &Cx, filings: &[NewFiling], day: &str, now: i64) -> Result<Vec<Result<Stored, FieldErrors>>, Internal> {
    if filings.is_empty() {
        return Ok(Vec::new());
    }
    match cx.store.store_filings(filings, day, now).await {
        Ok(stored) => return Ok(stored.into_iter().map(Ok).collect()),
        Err(e) if !refused_by_database(&e) => return Err(e.into()),
        Err(e) => tracing::warn!(error = %e, "sync: the database refused a filing of the batch; storing one by one"),
    }
    let mut out = Vec::with_capacity(filings.len());
    for f in filings {
        out.push(match cx.store.store_filings(std::slice::from_ref(f), day, now).await {
            Ok(mut one) => Ok(one.remove(0)),
            Err(e) if refused_by_database(&e) => {
                tracing::warn!(error = %e, client_id = f.client_id, "sync: filing refused by the database");
                let mut errors = FieldErrors::default();
                errors.error(
                    "form",
                    Issue::new("filing.unstorable", "这份材料无法保存，请导出本条并联系经办机构", "This filing cannot be stored; export it and contact the agency"),
                );
                Err(errors)
            }
            Err(e) => return Err(e.into()),
        });
    }
    Ok(out)
}

/// A constraint the database enforces, as opposed to the database being unreachable.
fn refused_by_database(e: &StoreError) -> bool {
    matches!(e, StoreError::Db(sqlx::Error::Database(d)) if d.is_unique_violation() || d.is_foreign_key_violation() || d.is_check_violation())
}

/// The refusal of an enrolment while another of the same person waits for review.
fn pending(insurance: app::domain::policy::Insurance) -> FieldErrors {
    let mut errors = FieldErrors::default();
    errors.error(
        app::domain::forms::enrolment::field::INSURANCES,
        Issue::formatted(
            "enrolment.pending",
            format!("该人员的{}参保登记已提交、正在经办机构审核，请勿重复提交", insurance.zh()),
            format!("An enrolment of this person in {} is already waiting for the agency's review; do not file it twice", insurance.en()),
        ),
    );
    errors
}

/// An attachment slot as the forms name them.
fn is_slot(s: &str) -> bool {
    (1..=32).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Everything short of storing; a filing that passes is queued on `to_store`.
async fn prepare(
    cx: &Cx,
    device_id: &str,
    item: &SyncItem,
    ctx: &Context<'_>,
    sender: &Sender<'_>,
    to_store: &mut Vec<(NewFiling, Storing)>,
) -> Result<Prepared, Internal> {
    if !is_client_id(&item.client_id) {
        return Ok(rejected("form", Issue::new("client_id.invalid", "提交编号无效，请更新应用", "The filing id is invalid; update the app")));
    }
    if hex_sha256(item.payload.as_bytes()) != item.content_hash {
        return Ok(rejected(
            "form",
            Issue::new("payload.hash_mismatch", "提交内容在传输中损坏，请导出本条并联系经办机构", "The filing was damaged on its way; export it and contact the agency"),
        ));
    }
    if let Some(existing) = cx.store.filing_by_client_id(&item.client_id).await? {
        return Ok(match same_or_conflict(&existing, &item.content_hash) {
            Outcome::Accepted { .. } => Prepared::Again(existing, ValidFiling::parse(item.kind, &item.payload, ctx).ok()),
            outcome => Prepared::Decided(outcome),
        });
    }
    let filing = match ValidFiling::parse(item.kind, &item.payload, ctx) {
        Ok(filing) => filing,
        Err(errors) => return Ok(Prepared::Decided(Outcome::Rejected { errors })),
    };
    if let Some(bad) = item.attachments.iter().find(|a| !is_sha256_hex(&a.sha256) || !is_slot(&a.slot)) {
        let slot: String = bad.slot.chars().filter(char::is_ascii_alphanumeric).take(32).collect();
        return Ok(rejected("form", Issue::formatted("attachment.invalid", format!("附件编号无效：{slot}"), format!("Invalid attachment reference: {slot}"))));
    }
    let repeated = item.attachments.iter().enumerate().find_map(|(i, a)| item.attachments[..i].iter().any(|b| b.slot == a.slot).then_some(a));
    if let Some(a) = repeated {
        return Ok(rejected(
            "form",
            Issue::formatted("attachment.repeated", format!("同一材料栏目重复：{}", a.slot), format!("The same material slot twice: {}", a.slot)),
        ));
    }
    let shas: Vec<String> = item.attachments.iter().map(|a| a.sha256.clone()).collect();
    let missing = cx.store.attachments_missing(&shas).await?;
    if !missing.is_empty() {
        return Ok(Prepared::Decided(Outcome::MissingAttachments { missing }));
    }
    let subject = filing.subject().map(|s| cx.accounts.vault.blind_index(item.kind.as_str(), s));
    let storing = match kinds::check(cx, &filing, item, sender).await? {
        Ok(storing) => storing,
        Err(Verdict::Reject(errors)) => {
            // A concurrent retry of this very filing may have been stored since the look
            // above, and be why the check now refuses it (the person is insured by it).
            if let Some(existing) = cx.store.filing_by_client_id(&item.client_id).await? {
                return Ok(match same_or_conflict(&existing, &item.content_hash) {
                    Outcome::Accepted { .. } => Prepared::Again(existing, Some(filing)),
                    outcome => Prepared::Decided(outcome),
                });
            }
            return Ok(Prepared::Decided(Outcome::Rejected { errors }));
        }
        Err(Verdict::Retry(message)) => return Ok(Prepared::Decided(Outcome::Retry { message })),
        Err(Verdict::Pass) => Storing::WithBatch,
    };
    to_store.push((NewFiling {
        client_id: item.client_id.clone(),
        kind: item.kind.as_str().to_owned(),
        content_hash: item.content_hash.clone(),
        payload: cx.accounts.vault.seal(&crate::vault::bound::filing_payload(&item.client_id), item.payload.as_bytes()),
        subject,
        region: Some(i64::from(filing.region())),
        device_id: device_id.chars().take(64).collect(),
        version_of: item.version_of.clone().filter(|v| is_client_id(v)),
        created_at: item.created_at,
        attachments: item.attachments.iter().map(|a| (a.slot.clone(), a.sha256.clone())).collect(),
        sent_by: sender.by.map(|p| p.account.id),
    }, storing));
    Ok(Prepared::Store(filing))
}

/// A UUID in its 36-character text form.
fn is_client_id(s: &str) -> bool {
    s.len() == 36
        && s.bytes().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

#[cfg(test)]
mod tests {
    #[test]
    fn client_ids_are_uuids() {
        assert!(super::is_client_id("0190f3a2-7c4e-7b1a-9c3d-1234567890ab"));
        assert!(!super::is_client_id("0190f3a2-7c4e-7b1a-9c3d-1234567890a"));
        assert!(!super::is_client_id("0190f3a2x7c4e-7b1a-9c3d-1234567890ab"));
    }
}
