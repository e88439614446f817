//! 失业保险金 — from the 失业登记 to the months paid:
//!
//! - [`register`]: the 失业登记 filing's check at the intake and again when an operator examines
//!   its case — who may file it (the person, or staff for them), that the person's 失业保险
//!   ended and is not open anywhere, the proof of a job ended not by choice, and the spell it
//!   opens: months by the contributions since the last spell plus those carried from it
//!   (`app::domain::benefits::unemployment`), the province's amount a month. Approving the case
//!   keeps the spell ([`store::register_spell!`], in the approval's transaction).
//! - [`store`]: the spells and their payments; [`pay_due`] is the monthly run the housekeeping
//!   makes (each month once).
//! - Re-employment stops a spell by itself: a trigger on `ledger_relationships` (migration 0023)
//!   stops the person's active spell from the new relationship's first month, whatever opened it.
//! - A pension stops a spell by itself too: a trigger on `pension_claims` (migration 0024)
//!   stops it from the claim's first month once the claim is approved.
//! - The other statutory stops (第51条) are an operator's (`office::unemployment`).
//! - [`mine`]: the person reads months granted, paid and left.
//!
//! - While on benefit the person is in 职工医保 (第48条): a 医疗费用报销 for a stay in a month of
//!   the spell is covered (`medical::store`'s cover).
//!
//! - A re-employment enrolled late stops the spell from a month already paid: the back office
//!   lists the months paid since and their sum, to recover (`office::unemployment`).
//!
//!   The money coming back is recorded there too (追回, `unemployment_recoveries`), within what
//!   is left to recover.
//!
//! Not yet here: the medical contributions the fund pays for them during a spell (第48条: not
//! assessed in the ledger).

pub mod mine;
pub mod register;
pub mod store;

use std::sync::Arc;

use app::domain::ledger::Month;

pub use self::store::{Spell, UnemploymentStore};
use crate::store::StoreError;

/// The queries unemployment needs: its own and the ledger's.
pub trait Db: UnemploymentStore + crate::ledger::Db {}
impl<T: UnemploymentStore + crate::ledger::Db + ?Sized> Db for T {}

/// What unemployment reaches (`FromRef` of the server's state).
#[derive(Clone)]
pub struct Cx {
    pub store: Arc<dyn Db>,
    pub ledger: crate::ledger::Cx,
}

/// The monthly run: pays every spell what is due through `through`; the months paid.
pub async fn pay_due(store: &dyn UnemploymentStore, through: Month, now: i64) -> Result<u64, StoreError> {
    let mut written = 0;
    for id in store.spells_to_pay().await? {
        written += store.pay_spell(id, through, now).await?;
    }
    Ok(written)
}
