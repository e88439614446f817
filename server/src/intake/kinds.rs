//! What each kind of filing does at the intake, in one place: its check before storing (and
//! how it is stored: the ledger's kinds as cases for an operator), and its effect once stored, each receiving the typed value the shared
//! rules returned. A new kind is one arm in each function here, and the functions in its
//! capability.

use app::api::cases::{module_bit, modules_of};
use app::api::sync::{FilingKind, SyncItem};
use app::domain::forms::unemployment::PROOF_SLOT;
use app::domain::policy::Insurance;

use super::{Cx, Sender};
use crate::filings::{ValidFiling, Verdict};
use crate::http::Internal;
use crate::office::NewCase;
use crate::{employers, injuries, ledger, medical, pensions, registration, unemployment};

/// How a filing that passed its check is stored.
pub enum Storing {
    /// With the batch's other filings, in one transaction; its effect runs after.
    WithBatch,
    /// As a case for an operator (待办), with an enrolment's holds, all or nothing (the database
    /// has the last word on 重复参保); its effect waits for the approval.
    Case(NewCase),
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
            let checked = ledger::enrolment::check(cx.store.as_ref() as &dyn ledger::Db, &cx.accounts.vault, e, by).await?;
            return Ok(checked.map(|enrol| {
                let holds = enrol.insurances.iter().map(|i| (enrol.person.id_index.clone(), *i)).collect();
                Storing::Case(case(FilingKind::Enrolment, modules_of(&enrol.insurances), Some(enrol.unit_id), enrol.region, holds, s))
            }));
        }
        ValidFiling::Separation(sep) => {
            let checked = ledger::separation::check(cx.store.as_ref() as &dyn ledger::Db, &cx.accounts.vault, sep, by).await?;
            return Ok(checked.map(|end| Storing::Case(case(FilingKind::Separation, modules_of(&end.insurances), Some(end.unit_id), i64::from(filing.region()), Vec::new(), s))));
        }
        ValidFiling::BaseDeclaration(declaration) => {
            let checked = ledger::base::check(cx.store.as_ref() as &dyn ledger::Db, &cx.accounts.vault, declaration, by).await?;
            // A base declaration concerns every insurance the unit's people are in.
            let all = modules_of(&app::domain::policy::Insurance::ALL);
            return Ok(checked.map(|unit| Storing::Case(case(FilingKind::BaseDeclaration, all, Some(unit), i64::from(declaration.region), Vec::new(), s))));
        }
        ValidFiling::InjuryReport(r) => {
            let slots: Vec<&str> = item.attachments.iter().map(|a| a.slot.as_str()).collect();
            let checked = injuries::report::check(cx.store.as_ref() as &dyn ledger::Db, &cx.accounts.vault, r, Some(&slots), by, s.today).await?;
            return Ok(checked.map(|(recognise, unit)| {
                Storing::Case(case(FilingKind::InjuryReport, module_bit(Insurance::WorkInjury), Some(recognise.unit_id), unit.region, Vec::new(), s))
            }));
        }
        ValidFiling::Unemployment(u) => {
            let proof = item.attachments.iter().any(|a| a.slot == PROOF_SLOT);
            let checked = unemployment::register::check(&cx.ledger, cx.store.as_ref(), u, by, Some(proof), s.today, s.now).await?;
            return Ok(checked.map(|found| {
                Storing::Case(case(FilingKind::Unemployment, module_bit(Insurance::Unemployment), Some(found.register.unit_id), found.region, Vec::new(), s))
            }));
        }
        ValidFiling::MedicalClaim(c) => {
            let slots: Vec<&str> = item.attachments.iter().map(|a| a.slot.as_str()).collect();
            let checked = medical::claim::check(&cx.ledger, cx.store.as_ref(), c, medical::Asker::Filer(by), Some(&slots)).await?;
            return Ok(checked.map(|found| {
                Storing::Case(case(FilingKind::MedicalClaim, module_bit(Insurance::Medical), Some(found.claim.unit_id), found.region, Vec::new(), s))
            }));
        }
        ValidFiling::Newborn(n) => {
            let checked = medical::newborn::check(&cx.ledger, cx.store.as_ref(), n, medical::Asker::Filer(by), s.today).await?;
            return Ok(checked.map(|found| Storing::Case(case(FilingKind::Newborn, module_bit(Insurance::Medical), None, found.region, Vec::new(), s))));
        }
        ValidFiling::PersonChange(c) => {
            let checked = crate::office::person_change::check(cx.store.as_ref() as &dyn ledger::Db, &cx.accounts.vault, c, medical::Asker::Filer(by)).await?;
            // A person's details concern every insurance they are in; a case without a unit.
            return Ok(checked.map(|_| Storing::Case(case(FilingKind::PersonChange, modules_of(&Insurance::ALL), None, i64::from(filing.region()), Vec::new(), s))));
        }
        ValidFiling::UnitChange(c) => {
            let checked = crate::office::unit_change::check(cx.store.as_ref() as &dyn ledger::Db, &cx.accounts.vault, c, by).await?;
            return Ok(checked.map(|unit| Storing::Case(case(FilingKind::UnitChange, modules_of(&Insurance::ALL), Some(unit.id), unit.region, Vec::new(), s))));
        }
        ValidFiling::PensionCertification(c) => {
            let slots: Vec<&str> = item.attachments.iter().map(|a| a.slot.as_str()).collect();
            pensions::field::check(cx.store.as_ref() as &dyn pensions::FieldDb, &cx.accounts.vault, c, &slots, by).await?
        }
    };
    Ok(match verdict {
        Verdict::Pass => Ok(Storing::WithBatch),
        other => Err(other),
    })
}

fn case(kind: FilingKind, modules: i64, unit_id: Option<i64>, region: i64, holds: Vec<(String, app::domain::policy::Insurance)>, s: &Sender<'_>) -> NewCase {
    NewCase { kind, modules, unit_id, region, holds, submitted_by: s.by.map(|p| p.account.id), submitted_on: s.today.iso() }
}

/// Once stored (and again when a retry finds it stored: every effect is idempotent).
pub async fn apply(cx: &Cx, filing: &ValidFiling, item: &SyncItem, s: &Sender<'_>) -> Result<(), Internal> {
    match filing {
        ValidFiling::PersonalRegistration(reg) => registration::filing::apply(&cx.accounts, reg, &item.client_id, s.now, s.by, s.address).await,
        ValidFiling::EmployerRegistration(reg) => employers::filing::apply(&cx.employers(), reg, item, &s.today.iso(), s.now).await,
        // Cases: applied when an operator approves them.
        ValidFiling::Enrolment(_) | ValidFiling::Separation(_) | ValidFiling::BaseDeclaration(_) | ValidFiling::InjuryReport(_) | ValidFiling::Unemployment(_) | ValidFiling::MedicalClaim(_) | ValidFiling::Newborn(_) | ValidFiling::PersonChange(_) | ValidFiling::UnitChange(_) => Ok(()),
        // A visit waits for an operator to confirm it.
        ValidFiling::PensionCertification(c) => pensions::field::apply(cx.store.as_ref() as &dyn pensions::FieldDb, c, &item.client_id, s.by, s.now).await,
    }
}
