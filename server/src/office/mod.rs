//! The agency's back office (社会保险业务经办), beside the review desk of employer
//! registrations (`employers::review`):
//!
//! - [`find`], [`persons`], [`units`]: 业务查询 — find a person by ID number or name, a unit by
//!   credit code or name; a person's page (relationships, contributions, personal account), the
//!   ID number masked until an operator reveals it; a unit's page (roster, a month's statement);
//!   every search, look and reveal is in the audit log; [`details`]: 信息变更 of a person (a
//!   name correction checked against the registry, mobile, addresses, bank card and social
//!   security card numbers; and [`units`] a unit's name, address, contact and industry class),
//!   each change kept with its before and after; [`person_change`]: the same filed from a phone
//!   (mobile and addresses), a case like the ledger's filings, and [`unit_change`] a unit's address
//!   and contact filed by the unit;
//! - [`cases`]: 待办, the case queue — every filing the ledger takes waits there as a case
//!   ([`case_store`]) with its checks and the preview of its effect ([`case_view`]) until an
//!   operator approves it (applied to the ledger) or returns it with a reason per field;
//! - [`payments`]: the tax bureau's collection files under four eyes — an operator submits a
//!   file, which is checked at once and kept ([`batch_store`]); a supervisor, never the account
//!   that submitted it, confirms it into the ledger or returns it with a reason;
//! - [`adjustments`]: 基数调整 under the same four eyes — an operator proposes a person's
//!   corrected base ([`adjust_store`]), a supervisor sets it or returns it;
//! - [`injuries`]: 工伤待遇核算 — the grade of a recognised work injury, the award computed
//!   from the ledger and the policy data, approved under four eyes;
//! - [`unemployment`]: the spells of 失业保险金 and the statutory stops an operator records;
//! - [`pension`]: 养老待遇测算 of a person — the retirement window under the 2025 reform, the
//!   minimum contributions against the ledger's, the account part of the pension.
//!
//! Only operators (经办员) and supervisors (复核员) reach it (the endpoint table says so).

pub mod adjust_store;
pub mod adjustments;
pub mod batch_store;
pub mod case_store;
pub mod case_view;
pub mod cases;
pub mod details;
pub mod details_store;
pub mod find;
pub mod injuries;
pub mod payments;
pub mod pension;
pub mod person_change;
pub mod persons;
pub mod suspensions;
pub mod unemployment;
pub mod unit_change;
pub mod unit_store;
pub mod units;
pub mod vouchers;

use std::sync::Arc;

pub use self::adjust_store::AdjustStore;
pub use self::batch_store::BatchStore;
pub use self::case_store::{CaseStore, Filed, NewCase};
pub use self::details_store::DetailStore;
pub use self::suspensions::SuspensionStore;
pub use self::unit_store::UnitDetailStore;
use app::domain::{Date, Issue};

use crate::accounts::session::Principal;
use crate::http::{Internal, Refusal};
use crate::store::{AuditEntry, AuditStore, CounterStore};

/// The queries the back office needs: its own, the ledger's, the audit log and the quotas.
pub trait Db:
    AdjustStore + BatchStore + CaseStore + DetailStore + UnitDetailStore + crate::injuries::Db + crate::unemployment::UnemploymentStore + crate::medical::MedicalStore + crate::medical::NewbornStore + SuspensionStore + crate::registry::RegistryStore + crate::filings::FilingStore + crate::uploads::UploadStore + crate::accounts::AccountStore + AuditStore + CounterStore
{
}
impl<T: AdjustStore + BatchStore + CaseStore + DetailStore + UnitDetailStore + crate::injuries::Db + crate::unemployment::UnemploymentStore + crate::medical::MedicalStore + crate::medical::NewbornStore + SuspensionStore + crate::registry::RegistryStore + crate::filings::FilingStore + crate::uploads::UploadStore + crate::accounts::AccountStore + AuditStore + CounterStore + ?Sized> Db for T {}

/// What the back office reaches (`FromRef` of the server's state).
#[derive(Clone)]
pub struct Cx {
    pub store: Arc<dyn Db>,
    /// The ledger (its records as people read them, its payment import).
    pub ledger: crate::ledger::Cx,
}

/// Today in China.
pub(crate) fn today(now: i64) -> Date {
    Date::china_from_unix_ms(now)
}

/// The signed-in member of staff (the endpoint table lets only the back office in).
pub(crate) fn staff(by: &Option<Principal>) -> Result<&Principal, Refusal> {
    by.as_ref().filter(|p| p.role.is_staff()).ok_or_else(Refusal::bad_request)
}

/// The refusal when the account that submitted something under four eyes tries to confirm it.
pub(crate) fn four_eyes() -> Refusal {
    Refusal::api(
        axum::http::StatusCode::FORBIDDEN,
        Issue::new("four_eyes", "复核须由提交人以外的另一名工作人员完成", "Another member of staff than the one who submitted it must confirm it"),
    )
}

/// The longest reason for returning something under four eyes, in characters.
const MAX_RETURN_REASON: usize = 500;

/// The reason something under four eyes goes back with, trimmed: required, at most
/// [`MAX_RETURN_REASON`] characters.
pub(crate) fn return_reason(reason: &str) -> Result<&str, Refusal> {
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > MAX_RETURN_REASON {
        return Err(Refusal::field("reason", Issue::new("decision.reason", "退回须写明原因（不超过 500 字）", "Say why it goes back (at most 500 characters)")));
    }
    Ok(reason)
}

/// A benefit's stop as asked (`BenefitStop`): the reason, one of `reasons`' codes (else refused
/// on its field with `unknown`), and the month it stops from.
pub(crate) fn stop_asked(ask: &app::api::office::BenefitStop, reasons: &'static [(&'static str, &'static str, &'static str)], unknown: Issue) -> Result<(&'static str, app::domain::ledger::Month), Refusal> {
    let reason = reasons.iter().map(|(code, _, _)| *code).find(|c| *c == ask.reason.trim()).ok_or_else(|| Refusal::field("reason", unknown))?;
    let month = app::domain::ledger::Month::parse(ask.month.trim())
        .ok_or_else(|| Refusal::field("month", Issue::new("month.invalid", "月份应为 YYYY-MM", "A month is YYYY-MM")))?;
    Ok((reason, month))
}

/// Writes who looked at or changed what.
pub(crate) async fn audit(cx: &Cx, by: &Principal, action: &str, target: Option<String>, detail: Option<String>, now: i64) -> Result<(), Internal> {
    let entry = AuditEntry { action: action.into(), target, detail, ..actor(by) };
    cx.store.audit_append(&entry, now).await?;
    Ok(())
}

/// Who acted, for the audit log.
pub(crate) fn actor(p: &Principal) -> AuditEntry {
    AuditEntry { actor: Some(p.account.id), actor_role: Some(p.role.as_str().to_owned()), ..Default::default() }
}
