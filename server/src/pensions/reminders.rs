//! 养老待遇资格认证 reminders by SMS: once the certification is within its reminder's days of
//! the due date (or past it), the pensioner's mobile — their account's, else the one the counter
//! keeps in their details (信息变更) — is told the date and the ways to certify, once per due
//! date (`pension_claims.reminded_for`, taken a batch at a time before the messages go and given
//! back when one could not go). The housekeeping sweeps them. The text names no one and carries
//! no number but the date. A pensioner with neither mobile is not reached this way (the field
//! worker's due list lists them).

use std::collections::HashSet;

use app::domain::pension::certification::{due, standing, CertificationPolicy, Standing};
use app::domain::Date;

use super::{ClaimStore, ToRemind};
use crate::office::details_store::DetailField;
use crate::store::StoreError;
use crate::vault::bound;

/// The message for a due date.
pub fn text(due: Date) -> String {
    format!(
        "【社保通】您的养老待遇资格认证将于{}到期，请在此前通过社保通、社区外勤人员上门或经办窗口完成认证；逾期未认证将暂停发放，认证后补发。",
        due.iso()
    )
}

/// Where a pensioner's reminder goes: their account's mobile (proved by a code when it was
/// registered), else the mobile the counter keeps in their details (信息变更); none when neither
/// is known or opens.
fn mobile(vault: &crate::vault::Vault, due: &ToRemind) -> Option<String> {
    let open = |bound: String, sealed: &Vec<u8>, what: &str| match vault.open(&bound, sealed) {
        Ok(plain) => String::from_utf8(plain).ok(),
        Err(error) => {
            tracing::warn!(claim = due.claim, %error, "a pensioner's {what} mobile could not be read");
            None
        }
    };
    due.account_mobile
        .as_ref()
        .and_then(|sealed| open(bound::account_mobile(&due.id_index), sealed, "account"))
        .or_else(|| due.details_mobile.as_ref().and_then(|sealed| open(bound::person_detail(&due.id_index, DetailField::Mobile.as_str()), sealed, "details")))
}

/// Sends the reminders due on `today`; the number sent.
pub async fn remind(store: &dyn ClaimStore, accounts: &crate::accounts::Cx, p: &CertificationPolicy, today: Date) -> Result<u64, StoreError> {
    // Every certification that can be due by then: a month has at least 28 days (the exact
    // standing is worked out below).
    let reach = today.days_since_epoch() + i64::from(p.remind_days) - i64::from(p.every_months) * 28;
    let pending: Vec<(ToRemind, Date)> = store
        .claims_to_remind(Date::from_days_since_epoch(reach))
        .await?
        .into_iter()
        .filter(|c| !matches!(standing(c.certified_on, today, p), Standing::Certified { .. }))
        .map(|c| {
            let until = due(c.certified_on, p);
            (c, until)
        })
        .filter(|(c, until)| c.reminded_for.as_deref() != Some(until.iso().as_str()))
        .collect();
    let mut sent = 0;
    for batch in pending.chunks(super::payroll::BATCH) {
        let take: Vec<(i64, Date)> = batch.iter().map(|(c, until)| (c.claim, *until)).collect();
        let taken: HashSet<i64> = store.claims_mark_reminded(&take).await?.into_iter().collect();
        for (c, until) in batch.iter().filter(|(c, _)| taken.contains(&c.claim)) {
            let Some(mobile) = mobile(&accounts.vault, c) else { continue };
            match accounts.services.sms.send(&mobile, "", &text(*until)).await {
                Ok(()) => sent += 1,
                Err(error) => {
                    tracing::warn!(claim = c.claim, %error, "a certification reminder could not be sent; the next sweep tries again");
                    store.claim_unmark_reminded(c.claim, *until).await?;
                }
            }
        }
    }
    Ok(sent)
}
