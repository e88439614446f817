//! What each kind of filing does at the intake, in one place: its check before storing and its
//! effect once stored, each receiving the typed value the shared rules returned. A new kind is
//! one arm in each function here, and the two functions in its capability.

use app::api::sync::SyncItem;

use super::{Cx, Sender};
use crate::filings::{ValidFiling, Verdict};
use crate::http::Internal;
use crate::{employers, ledger, registration};

/// Before storing. `subject` is the blind index of the filing's subject, if it has one.
pub async fn check(cx: &Cx, filing: &ValidFiling, item: &SyncItem, subject: Option<&str>, s: &Sender<'_>) -> Result<Verdict, Internal> {
    let by = s.by;
    match filing {
        ValidFiling::PersonalRegistration(reg) => registration::filing::check(&cx.accounts, reg, by, s.now).await,
        ValidFiling::EmployerRegistration(reg) => {
            let slots: Vec<&str> = item.attachments.iter().map(|a| a.slot.as_str()).collect();
            employers::filing::check(&cx.employers(), reg, &slots).await
        }
        ValidFiling::Enrolment(_) => match subject {
            Some(subject) => ledger::enrolment::check(cx.store.as_ref(), subject, &item.client_id, by).await,
            None => Ok(Verdict::Pass),
        },
        ValidFiling::BaseDeclaration(declaration) => Ok(ledger::base::check(&cx.accounts.vault, declaration, by)),
    }
}

/// Once stored (and again when a retry finds it stored: every effect is idempotent).
pub async fn apply(cx: &Cx, filing: &ValidFiling, item: &SyncItem, s: &Sender<'_>) -> Result<(), Internal> {
    match filing {
        ValidFiling::PersonalRegistration(reg) => registration::filing::apply(&cx.accounts, reg, &item.client_id, s.now, s.by, s.address).await,
        ValidFiling::EmployerRegistration(reg) => employers::filing::apply(&cx.employers(), reg, item, &s.today.iso(), s.now).await,
        ValidFiling::Enrolment(_) | ValidFiling::BaseDeclaration(_) => Ok(()),
    }
}
