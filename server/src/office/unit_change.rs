//! 单位信息变更 filed from a phone, at the intake and in the case queue. Who files: the unit's own
//! account (for itself), or a field worker or an operator naming its credit code — the same rule
//! as 人员减员 (`ledger::unit_of`). The desk sees each field's before (the mobile masked) and
//! after; approving sets them as the counter does (`unit_store::change_unit!`), with the ledger
//! event of the before and after and the audit line, in the case's own transaction.

use app::domain::forms::unit_change::{field, UnitChange};
use app::domain::ledger::{Line, Working};

use super::unit_store::{UnitChange as Stored, UnitDetailStore};
use crate::accounts::session::Principal;
use crate::filings::Verdict;
use crate::http::Internal;
use crate::ledger::unit_of::{unit_of, Wording};
use crate::ledger::units::Unit;
use crate::vault::{bound, Vault};

const WORDING: Wording = Wording {
    sign_in: "unit_change.sign_in",
    not_your_unit: "unit_change.not_your_unit",
    not_employer: "unit_change.not_employer",
    zh: "单位信息变更",
    en: "change of the unit's details",
};

/// The unit the change is for, if `by` may file it.
pub async fn check(store: &dyn crate::ledger::Db, vault: &Vault, c: &UnitChange, by: Option<&Principal>) -> Result<Result<Unit, Verdict>, Internal> {
    Ok(unit_of(store, vault, by, c.credit_code.as_ref(), field::CREDIT_CODE, &WORDING).await?.map(|(unit, _)| unit))
}

/// What approving sets (the mobile sealed for the unit), and one line per field: before → after.
pub async fn change(store: &dyn UnitDetailStore, vault: &Vault, unit_id: i64, c: &UnitChange) -> Result<(Stored, Working), Internal> {
    let d = &c.details;
    let before = store.unit_contact(unit_id).await?.unwrap_or_default();
    let stored = Stored {
        name: None,
        address: d.address.as_ref().map(app::domain::Address::full),
        contact_name: d.contact_name.as_ref().map(|n| n.as_str().to_owned()),
        contact_mobile: d.contact_mobile.as_ref().map(|m| (vault.seal(&bound::unit_contact_mobile(unit_id), m.as_str().as_bytes()), m.masked())),
    };
    let mut working = Vec::new();
    let mut line = |zh: &str, en: &str, was: &Option<String>, now: Option<&String>| {
        if let Some(now) = now {
            let was = was.as_deref().unwrap_or("—");
            working.push(Line { zh: format!("{zh}：{was} → {now}"), en: format!("{en}: {was} → {now}"), amount: None });
        }
    };
    line("单位地址", "Address", &before.address, stored.address.as_ref());
    line("联系人", "Contact person", &before.contact_name, stored.contact_name.as_ref());
    line("联系人手机号", "Contact's mobile", &before.contact_mobile_masked, stored.contact_mobile.as_ref().map(|(_, masked)| masked));
    Ok((stored, working))
}
