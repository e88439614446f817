//! 医疗费用报销 — a claim for a hospital stay paid in full, from the filing to what the fund
//! paid back:
//!
//! - [`claim`]: the filing's check at the intake and again when an operator examines its case —
//!   who may file it (the person, or staff for them), that the person was insured in 医疗保险
//!   in the month of the discharge, a photo for every receipt, and what it pays back
//!   (`app::domain::benefits::medical` on what the fund already paid the person that year).
//!   Approving the case keeps the claim ([`store::keep_claim!`], in the approval's transaction,
//!   only if the person's year has not changed since the operator's preview); returning it names
//!   the receipts that are wrong, each with its reason (the case queue's reasons per field).
//! - [`store`]: the claims kept; [`mine`]: the person reads theirs with the working.
//!
//! Not yet here: the payment of the amount (it is recorded as owed, not paid out), a receipt's
//! number and a check that it was not claimed before, lower deductibles for repeat admissions.

pub mod claim;
pub mod mine;
pub mod store;

use std::sync::Arc;

pub use self::store::{Claim, MedicalStore};

/// The queries 医疗费用报销 needs: its own and the ledger's.
pub trait Db: MedicalStore + crate::ledger::Db {}
impl<T: MedicalStore + crate::ledger::Db + ?Sized> Db for T {}

/// What it reaches (`FromRef` of the server's state).
#[derive(Clone)]
pub struct Cx {
    pub store: Arc<dyn Db>,
}
