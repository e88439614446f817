//! 待遇发放: the payment run. Each approved claim is paid every month up to this one — but
//! never past the month its latest certification covers (the due date plus the grace): past
//! it the payments stop (暂停发放), and once the person certifies again the next run pays the
//! months skipped (补发), since a claim is always paid on from its last month paid.

use app::domain::ledger::Month;
use app::domain::pension::certification::{covered_through, CertificationPolicy};

use super::ClaimStore;
use crate::store::StoreError;

/// Pays what is due through `through`; the months paid.
pub async fn pay_due(store: &dyn ClaimStore, p: &CertificationPolicy, through: Month, now: i64) -> Result<u64, StoreError> {
    let mut written = 0;
    for (id, certified_on) in store.claims_due(through).await? {
        // Every approved claim has a certification (its approval); none would pay nothing.
        let Some(on) = certified_on else { continue };
        let until = through.min(covered_through(on, p));
        written += store.pay_claim(id, until, now).await?;
    }
    Ok(written)
}

/// Pays one claim what is due through today's month, as far as its certification covers.
pub async fn pay_due_one(cx: &super::Cx, id: i64, today: app::domain::Date, now: i64) -> Result<u64, StoreError> {
    let p = &cx.office.ledger.pension.certification;
    let Some(claim) = cx.store.claim_get(id).await? else { return Ok(0) };
    let Some(on) = claim.certified_on else { return Ok(0) };
    cx.store.pay_claim(id, Month::of(today).min(covered_through(on, p)), now).await
}
