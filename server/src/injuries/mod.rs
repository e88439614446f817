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
//!   working;
//! - [`pay_due`]: the monthly run pays an approved award's 一次性伤残补助金 once, and the
//!   伤残津贴 the fund pays (grades 1–4, 工伤保险条例 第35条) each month once, from the month
//!   after the grade was entered, stopping when the person's pension begins; a month whose
//!   local minimum wage (the policy data's, in force that month) is more pays that instead;
//!   and the 生活护理费 (第34条) of a person found to need care, each month once from the month
//!   after the grade was entered; neither from the month an operator stopped them (第42条,
//!   `office::injuries`).
//!
//! Not yet here: the 一次性工伤医疗补助金 on leaving the job, the grade's review (再次鉴定),
//! and the periodic adjustment of the 伤残津贴 (第40条).

pub mod mine;
pub mod report;
pub mod store;

use std::sync::Arc;

pub use self::store::{Injury, InjuryStore};

/// The monthly run: every approved award's 一次性伤残补助金 not paid yet, in `through`; then
/// every approved injury's 伤残津贴 and 生活护理费 months due through `through`, each once; the
/// payments written (the 伤残津贴 never below the minimum wage `policy` gives for the month).
pub async fn pay_due(store: &dyn InjuryStore, policy: &app::domain::benefits::InjuryPolicy, through: app::domain::ledger::Month, now: i64) -> Result<u64, crate::store::StoreError> {
    let mut written = store.pay_lump_sums(&through.to_string()).await?;
    for id in store.allowances_to_pay().await? {
        written += store.pay_allowance(id, through, policy, now).await?;
    }
    for id in store.cares_to_pay().await? {
        written += store.pay_care(id, through, now).await?;
    }
    Ok(written)
}

/// The queries work injuries need: their own and the ledger's.
pub trait Db: InjuryStore + crate::ledger::Db {}
impl<T: InjuryStore + crate::ledger::Db + ?Sized> Db for T {}

/// What work injuries reach (`FromRef` of the server's state).
#[derive(Clone)]
pub struct Cx {
    pub store: Arc<dyn Db>,
    pub ledger: crate::ledger::Cx,
}
