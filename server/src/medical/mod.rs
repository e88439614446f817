//! 医疗保险's benefit side: 医疗费用报销 — a claim for a hospital stay paid in full, from the
//! filing to what the fund paid back — and 新生儿参保:
//!
//! - [`claim`]: the filing's check at the intake and again when an operator examines its case —
//!   who may file it (the person, or staff for them), that the person was insured in 医疗保险
//!   in the month of the discharge, a photo for every receipt, and what it pays back
//!   (`app::domain::benefits::medical` on what the fund already paid the person that year);
//!   a receipt whose number a kept claim paid back is refused, whoever files it.
//!   Approving the case keeps the claim ([`store::keep_claim!`], in the approval's transaction,
//!   only if the person's year has not changed since the operator's preview and no receipt was
//!   paid back meanwhile; its receipts' numbers are kept, each once); returning it names
//!   the receipts that are wrong, each with its reason (the case queue's reasons per field).
//! - [`store`]: the claims kept; [`mine`]: the person reads theirs, and the children they
//!   enrolled, with the working.
//! - [`newborn`]: 新生儿参保 — a guardian enrols a newborn in 城乡居民基本医疗保险, checked at the
//!   intake and again by the operator (the duplicate check is on the child); approving keeps
//!   the child ([`newborn_store`]) with the first month covered.
//!
//! [`pay_due`]: the housekeeping's monthly run pays out each approved claim's amount once (the
//! month it was paid is kept; 待遇发放明细 lists it).
//!
//! Not yet here: a bank transfer behind the payment (the month is recorded); the admissions a
//! repeat admission's lower deductible counts are the claims kept here, not the stays settled
//! directly at a hospital (no link to the hospitals' settlement). A receipt's number is checked against the claims kept, not against
//! the hospital's own records (no link to the 财政电子票据 platform).
//! A newborn is kept in its own table, not in the ledger's relationships (those hang on a unit
//! and a base): the residents' yearly contribution, its collection and the child's later
//! years of 城乡居民医保 are not modelled.

pub mod claim;
pub mod mine;
pub mod newborn;
pub mod newborn_store;
pub mod store;

use std::sync::Arc;

pub use self::newborn_store::NewbornStore;
pub use self::store::{Claim, MedicalStore};

/// The monthly run: every approved claim not paid yet is paid in `month`; the claims paid.
pub async fn pay_due(store: &dyn MedicalStore, month: app::domain::ledger::Month) -> Result<u64, crate::store::StoreError> {
    store.pay_claims(&month.to_string()).await
}

/// Who runs a check: the intake for whoever sent the filing (`None`: nobody signed in), or
/// the case queue's desk re-examining a case the intake let in (who filed it was checked then;
/// any member of staff who may look at the case may see its check).
#[derive(Debug, Clone, Copy)]
pub enum Asker<'a> {
    Filer(Option<&'a crate::accounts::session::Principal>),
    Desk,
}

/// The queries 医疗费用报销 needs: its own and the ledger's.
pub trait Db: MedicalStore + NewbornStore + crate::ledger::Db {}
impl<T: MedicalStore + NewbornStore + crate::ledger::Db + ?Sized> Db for T {}

/// What it reaches (`FromRef` of the server's state).
#[derive(Clone)]
pub struct Cx {
    pub store: Arc<dyn Db>,
}
