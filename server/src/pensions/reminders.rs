//! 养老待遇资格认证 reminders by SMS: once the certification is within its reminder's days of
//! the due date (or past it), the pensioner's mobile — their account's — is told the date and
//! the ways to certify, once per due date (`pension_claims.reminded_for`, taken a batch at a
//! time before the messages go and given back when one could not go). The housekeeping sweeps them. The text
//! names no one and carries no number but the date. A pensioner without an account is not
//! reached this way (the field worker's due list lists them).

use std::collections::HashSet;

use app::domain::pension::certification::{due, standing, CertificationPolicy, Standing};
use app::domain::Date;

use super::ClaimStore;
use crate::store::StoreError;

/// The message for a due date.
pub fn text(due: Date) -> String {
    format!(
        "【社保通】您的养老待遇资格认证将于{}到期，请在此前通过社保通、社区外勤人员上门或经办窗口完成认证；逾期未认证将暂停发放，认证后补发。",
        due.iso()
    )
}

/// Sends the reminders due on `today`; the number sent.
pub async fn remind(store: &dyn ClaimStore, accounts: &crate::accounts::Cx, p: &CertificationPolicy, today: Date) -> Result<u64, StoreError> {
    // Every certification that can be due by then: a month has at least 28 days (the exact
    // standing is worked out below).
    let reach = today.days_since_epoch() + i64::from(p.remind_days) - i64::from(p.every_months) * 28;
    let pending: Vec<(i64, Date, String)> = store
        .claims_to_remind(Date::from_days_since_epoch(reach))
        .await?
        .into_iter()
        .filter(|(_, last, _, _)| !matches!(standing(*last, today, p), Standing::Certified { .. }))
        .map(|(claim, last, reminded, id_index)| (claim, due(last, p), reminded, id_index))
        .filter(|(_, until, reminded, _)| reminded.as_deref() != Some(until.iso().as_str()))
        .map(|(claim, until, _, id_index)| (claim, until, id_index))
        .collect();
    let mut sent = 0;
    for batch in pending.chunks(super::payroll::BATCH) {
        let take: Vec<(i64, Date)> = batch.iter().map(|(claim, until, _)| (*claim, *until)).collect();
        let taken: HashSet<i64> = store.claims_mark_reminded(&take).await?.into_iter().collect();
        for (claim, until, id_index) in batch.iter().filter(|(claim, _, _)| taken.contains(claim)) {
            let (claim, until) = (*claim, *until);
            let Some(account) = accounts.store.account_by_id_index(id_index).await? else { continue };
            let mobile = match accounts.mobile_of(&account) {
                Ok(m) => m,
                Err(error) => {
                    tracing::warn!(claim, %error, "a pensioner's mobile could not be read; no reminder");
                    continue;
                }
            };
            match accounts.services.sms.send(&mobile, "", &text(until)).await {
                Ok(()) => sent += 1,
                Err(error) => {
                    tracing::warn!(claim, %error, "a certification reminder could not be sent; the next sweep tries again");
                    store.claim_unmark_reminded(claim, until).await?;
                }
            }
        }
    }
    Ok(sent)
}
