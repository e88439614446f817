//! 工伤 — work injuries, from the unit's report to the award:
//!
//! - [`report`]: 工伤事故申报, a unit's filing (offline, with photos of the scene and the
//!   medical record) that waits in the case queue; its check at the intake and again when an
//!   operator examines the case (the person is insured in 工伤 with this unit, from no later
//!   than the accident's month); approving the case is 工伤认定 and keeps the injury
//!   ([`store`]), with the report's lateness;
//! - the back office's part (`office::injuries`): the grade of the 劳动能力鉴定 conclusion, the
//!   award computed by the shared rules (`app::domain::benefits::injury`) and approved by
//!   another account (four eyes);
//! - [`mine`]: the injured person reads their injuries and, once approved, the award with its
//!   working.
//!
//! Not yet here: 伤残津贴's monthly payments, the 一次性工伤医疗补助金 on leaving the job, and
//! the grade's review (再次鉴定).

pub mod mine;
pub mod report;
pub mod store;

use std::sync::Arc;

pub use self::store::{Injury, InjuryStore};

/// The queries work injuries need: their own and the ledger's.
pub trait Db: InjuryStore + crate::ledger::Db {}
impl<T: InjuryStore + crate::ledger::Db + ?Sized> Db for T {}

/// What work injuries reach (`FromRef` of the server's state).
#[derive(Clone)]
pub struct Cx {
    pub store: Arc<dyn Db>,
    pub ledger: crate::ledger::Cx,
}
