//! What each kind of filing does at the intake, in one place: its check before storing (and
//! how it is stored), and its effect once stored, each receiving the typed value the shared
//! rules returned. A new kind is one arm in each function here, and the functions in its
//! capability.

use app::api::sync::SyncItem;

use super::{Cx, Sender};
use crate::filings::{ValidFiling, Verdict};
use crate::http::Internal;
use crate::{employers, ledger, registration};

/// How a filing that passed its check is stored.
pub enum Storing {
    /// With the batch's other filings, in one transaction; its effect runs after.
    WithBatch,
    /// Together with what it opens in the ledger, all or nothing (the database has the last
    /// word on 重复参保).
    Enrol(ledger::Enrol),
    /// Together with the relationships it ends, all or nothing.
    Separate(ledger::Separate),
}

/// Before storing: how to store it, or the verdict that stops it.
pub async fn check(cx: &Cx, filing: &ValidFiling, item: &SyncItem, s: &Sender<'_>) -> Result<Result<Storing, Verdict>, Internal> {
    let by = s.by;
    let verdict = match filing {
        ValidFiling::PersonalRegistration(reg) => registration::filing::check(&cx.accounts, reg, by, s.now).await?,
        ValidFiling::EmployerRegistration(reg) => {
            let slots: Vec<&str> = item.attachments.iter().map(|a| a.slot.as_str()).collect();
            employers::filing::check(&cx.employers(), reg, &slots).await?
        }
        ValidFiling::Enrolment(e) => {
            return Ok(ledger::enrolment::check(cx.store.as_ref() as &dyn ledger::Db, &cx.accounts.vault, e, by).await?.map(Storing::Enrol));
        }
        ValidFiling::Separation(sep) => {
            return Ok(ledger::separation::check(cx.store.as_ref() as &dyn ledger::Db, &cx.accounts.vault, sep, by).await?.map(Storing::Separate));
        }
        ValidFiling::BaseDeclaration(declaration) => ledger::base::check(cx.store.as_ref() as &dyn ledger::Db, &cx.accounts.vault, declaration, by).await?,
    };
    Ok(match verdict {
        Verdict::Pass => Ok(Storing::WithBatch),
        other => Err(other),
    })
}

/// Once stored (and again when a retry finds it stored: every effect is idempotent).
pub async fn apply(cx: &Cx, filing: &ValidFiling, item: &SyncItem, s: &Sender<'_>) -> Result<(), Internal> {
    match filing {
        ValidFiling::PersonalRegistration(reg) => registration::filing::apply(&cx.accounts, reg, &item.client_id, s.now, s.by, s.address).await,
        ValidFiling::EmployerRegistration(reg) => employers::filing::apply(&cx.employers(), reg, item, &s.today.iso(), s.now).await,
        ValidFiling::BaseDeclaration(d) => ledger::base::apply(cx.store.as_ref() as &dyn ledger::Db, &cx.accounts.vault, d, &item.client_id, s.by, s.now).await,
        // Stored with its relationships.
        ValidFiling::Enrolment(_) | ValidFiling::Separation(_) => Ok(()),
    }
}
