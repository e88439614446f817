//! Pensions (养老保险待遇): the claim and the monthly payments it starts.
//!
//! - [`claims`]: 养老金申请 at the counter under four eyes — an operator files a person's claim
//!   with what the archive shows before the ledger; the server computes the pension by the
//!   shared rules (`app::domain::pension::claim`) from the ledger and the policy data and keeps
//!   it with its working; a supervisor, never the filer, approves it (the months due so far
//!   are paid at once, as 补发 when the retirement month is past) or returns it with a reason;
//! - [`mine`]: 待遇领取情况 — the person's claim and their payments, month by month;
//! - [`payroll`]: the payment run the housekeeping makes — each new month paid once, none past
//!   what the person's yearly certification (养老待遇资格认证) covers, the months skipped paid
//!   once they certify; [`claims::certify`]: a certification at the counter;
//! - [`store`]: the claims, certifications and payments as stored.
//!
//! Not yet here: certification by the person (a face check) or by a field worker offline,
//! reminders by SMS, and the yearly uplift (调待).

pub mod claims;
pub mod mine;
pub mod payroll;
pub mod store;

use std::sync::Arc;

pub use self::store::{ClaimStore, NewClaim, Paid};

/// The queries pensions need: their own and the back office's (which hold the ledger's).
pub trait Db: ClaimStore + crate::office::Db {}
impl<T: ClaimStore + crate::office::Db + ?Sized> Db for T {}

/// What pensions reach (`FromRef` of the server's state): their store, and the back office's
/// context for the person, the ledger and the audit log.
#[derive(Clone)]
pub struct Cx {
    pub store: Arc<dyn Db>,
    pub office: crate::office::Cx,
}

/// Payments listed at most (ten years).
pub const PAYMENTS_SHOWN: i64 = 120;
