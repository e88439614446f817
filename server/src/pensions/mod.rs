//! Pensions (养老保险待遇): the claim and the monthly payments it starts.
//!
//! - [`claims`]: 养老金申请 at the counter under four eyes — an operator files a person's claim
//!   with what the archive shows before the ledger; the server computes the pension by the
//!   shared rules (`app::domain::pension::claim`) from the ledger and the policy data and keeps
//!   it with its working; a supervisor, never the filer, approves it (the months due so far
//!   are paid at once, as 补发 when the retirement month is past, and the person's open pension
//!   relationship ends with the month before the first paid: a pensioner contributes no more,
//!   and the months already assessed after it are assessed again, reversed as 补差)
//!   or returns it with a reason;
//! - [`mine`]: 待遇领取情况 — the person's claim and their payments, month by month;
//! - [`payroll`]: the payment run the housekeeping makes — each new month paid once, none past
//!   what the person's yearly certification (养老待遇资格认证) covers, the months skipped paid
//!   once they certify; [`claims::certify`]: a certification at the counter;
//! - [`store`]: the claims, certifications and payments as stored.
//!
//! - [`field`]: 协助认证 — the due list a field worker takes to the villages, the visit as a
//!   filing synced later, and the operator's confirmation; [`visit_store`] keeps the visits.
//!
//! - [`reminders`]: the SMS telling a pensioner their certification is due, once per due date.
//!
//! - [`selfcert`]: 本人认证 — the pensioner's live photo compared by the face-verification
//!   service ([`face`]).
//!
//! Not yet here: a liveness check beyond the prompt and the yearly uplift (调待).

pub mod bench_store;
pub mod claims;
pub mod face;
pub mod field;
pub mod mine;
pub mod payroll;
pub mod reminders;
pub mod selfcert;
pub mod store;
pub mod visit_store;

use std::sync::Arc;

pub use self::store::{ClaimStore, NewClaim, Paid, ToRemind};
pub use self::visit_store::VisitStore;

/// The queries a field worker's visit needs at the intake: the visits and the staff's regions.
pub trait FieldDb: VisitStore + crate::reports::store::ReportStore {}
impl<T: VisitStore + crate::reports::store::ReportStore + ?Sized> FieldDb for T {}

/// The queries pensions need: their own, the back office's (which hold the ledger's), and the
/// attachments of the field workers' filings.
pub trait Db: ClaimStore + FieldDb + crate::office::Db + crate::uploads::UploadStore + bench_store::PensionBenchStore {}
impl<T: ClaimStore + FieldDb + crate::office::Db + crate::uploads::UploadStore + bench_store::PensionBenchStore + ?Sized> Db for T {}

/// What pensions reach (`FromRef` of the server's state): their store, and the back office's
/// context for the person, the ledger and the audit log.
#[derive(Clone)]
pub struct Cx {
    pub store: Arc<dyn Db>,
    pub office: crate::office::Cx,
    /// The face-verification service (本人认证).
    pub face: Arc<dyn face::FaceCheck>,
}

/// Payments listed at most (ten years).
pub const PAYMENTS_SHOWN: i64 = 120;
