//! 待遇发放: the payment run. Each approved claim is paid every month up to this one — but
//! never past the month its latest certification covers (the due date plus the grace): past
//! it the payments stop (暂停发放), and once the person certifies again the next run pays the
//! months skipped (补发), since a claim is always paid on from its last month paid.

use app::domain::ledger::Month;
use app::domain::pension::certification::{covered_through, CertificationPolicy};

use super::ClaimStore;
use crate::store::StoreError;

/// How many claims one transaction of the run pays: a commit per pensioner would bound a
/// million-pensioner month by the disk's syncs, and one for all would hold the (SQLite)
/// writer for minutes.
pub const BATCH: usize = 500;

/// Pays what is due through `through`, [`BATCH`] claims per transaction; the months paid. A
/// claim whose certification lapsed and is paid as far as it covers (暂停发放) is passed over:
/// the run every ten minutes would otherwise write nothing for each suspended pensioner.
pub async fn pay_due(store: &dyn ClaimStore, p: &CertificationPolicy, through: Month, now: i64) -> Result<u64, StoreError> {
    let due: Vec<(i64, Month)> = store
        .claims_due(through)
        .await?
        .into_iter()
        .filter_map(|(id, certified_on, paid_through)| {
            let until = payable_through(certified_on, through, p)?;
            paid_through.is_none_or(|paid| until > paid).then_some((id, until))
        })
        .collect();
    let mut written = 0;
    for batch in due.chunks(BATCH) {
        written += store.pay_claims(batch, now).await?;
    }
    Ok(written)
}

/// The last month to pay through `through` on a certification of `certified_on`: none without
/// one (every approved claim has its approval's).
fn payable_through(certified_on: Option<app::domain::Date>, through: Month, p: &CertificationPolicy) -> Option<Month> {
    certified_on.map(|on| through.min(covered_through(on, p)))
}

/// Pays one claim what is due through today's month, as far as its certification covers.
pub async fn pay_due_one(cx: &super::Cx, id: i64, today: app::domain::Date, now: i64) -> Result<u64, StoreError> {
    let Some(claim) = cx.store.claim_get(id).await? else { return Ok(0) };
    match payable_through(claim.certified_on, Month::of(today), &cx.office.ledger.pension.certification) {
        Some(until) => cx.store.pay_claim(id, until, now).await,
        None => Ok(0),
    }
}
