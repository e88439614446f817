//! What each kind of filing does at the intake, in one place: its check before storing and its
//! effect once stored, each receiving the typed value the shared rules returned. A new kind is
//! one arm in each function here, and the two functions in its capability.

use app::api::sync::SyncItem;

use super::Cx;
use crate::accounts::session::Principal;
use crate::filings::{ValidFiling, Verdict};
use crate::http::Internal;
use crate::{employers, ledger, registration};

/// Before storing. `subject` is the blind index of the filing's subject, if it has one.
pub async fn check(cx: &Cx, filing: &ValidFiling, item: &SyncItem, subject: Option<&str>, by: Option<&Principal>) -> Result<Verdict, Internal> {
    match filing {
        ValidFiling::PersonalRegistration(reg) => registration::filing::check(&cx.accounts, reg).await,
        ValidFiling::EmployerRegistration(reg) => {
            let slots: Vec<&str> = item.attachments.iter().map(|a| a.slot.as_str()).collect();
            employers::filing::check(&cx.employers(), reg, &slots).await
        }
        ValidFiling::Enrolment(_) => match subject {
            Some(subject) => ledger::enrolment::check(cx.store.as_ref(), subject, &item.client_id).await,
            None => Ok(Verdict::Pass),
        },
        ValidFiling::BaseDeclaration(declaration) => Ok(ledger::base::check(&cx.accounts.vault, declaration, by)),
    }
}

/// Once stored (and again when a retry finds it stored: every effect is idempotent).
/// `today` is the day of receipt in China (`YYYY-MM-DD`).
pub async fn apply(cx: &Cx, filing: &ValidFiling, client_id: &str, today: &str, now: i64, by: Option<&Principal>) -> Result<(), Internal> {
    match filing {
        ValidFiling::PersonalRegistration(reg) => registration::filing::apply(&cx.accounts, reg, client_id, now, by).await,
        ValidFiling::EmployerRegistration(reg) => employers::filing::apply(&cx.employers(), reg, client_id, today, now).await,
        ValidFiling::Enrolment(_) | ValidFiling::BaseDeclaration(_) => Ok(()),
    }
}
