//! 人员减员: who may end whose relationships with which unit ([`super::unit_of`]), checked early
//! against the ledger (the person holds each insurance with this unit, from a month no later
//! than the last one); the approval of its case ends them, all or nothing, checking again
//! inside its transaction ([`super::relationships`]).

use app::domain::forms::separation::{field, Separation};
use app::domain::ledger::Month;
use app::domain::policy::Insurance;
use app::domain::Issue;

use super::relationships::{Separate, Separated};
use super::unit_of::{unit_of, Wording};
use crate::accounts::session::Principal;
use crate::filings::Verdict;
use crate::http::Internal;
use crate::vault::{purpose, Vault};

const WORDING: Wording = Wording {
    sign_in: "separation.sign_in",
    not_your_unit: "separation.not_your_unit",
    not_employer: "separation.not_employer",
    zh: "人员减员",
    en: "separation",
};

/// The refusal when the store found nothing to end, or a last month before the first.
pub fn refusal(s: Separated) -> Verdict {
    match s {
        Separated::NotInUnit(i) => Verdict::reject(field::INSURANCES, not_in_unit(i)),
        Separated::BeforeStart(i) => Verdict::reject(field::LAST_MONTH, before_start(i)),
    }
}

fn not_in_unit(i: Insurance) -> Issue {
    Issue::formatted(
        "separation.not_in_unit",
        format!("该人员未在本单位参加{}，无需减员", i.zh()),
        format!("This person is not insured in {} by this unit: nothing to end", i.en()),
    )
}

fn before_start(i: Insurance) -> Issue {
    Issue::formatted(
        "separation.before_start",
        format!("最后参保月份早于{}参保起始月份", i.zh()),
        format!("The last month is before the first month of {}", i.en()),
    )
}

/// Who may file it, and that there is something to end: the separation to store, or the verdict.
pub async fn check(store: &dyn super::Db, vault: &Vault, s: &Separation, by: Option<&Principal>) -> Result<Result<Separate, Verdict>, Internal> {
    let (unit, actor) = match unit_of(store, vault, by, s.credit_code.as_ref(), field::CREDIT_CODE, &WORDING).await? {
        Ok(found) => found,
        Err(verdict) => return Ok(Err(verdict)),
    };
    let id_index = vault.blind_index(purpose::ID_NUMBER, s.id_number.as_str());
    let last_month = Month::of(s.last_month).to_string();
    let open = store.open_relationships(&id_index).await?;
    for ins in &s.insurances {
        match open.iter().find(|r| r.insurance == *ins && r.unit_id == unit.id) {
            None => return Ok(Err(Verdict::reject(field::INSURANCES, not_in_unit(*ins)))),
            Some(r) if last_month < r.start_month => return Ok(Err(Verdict::reject(field::LAST_MONTH, before_start(*ins)))),
            Some(_) => {}
        }
    }
    Ok(Ok(Separate { unit_id: unit.id, id_index, insurances: s.insurances.clone(), last_month, reason: s.reason.code().to_owned(), left_on: s.left_on.iso(), actor: Some(actor) }))
}
