//! 人员新增 (参保登记): who may enrol whom into which unit ([`super::unit_of`]), and 重复参保:
//! a person has at most one open relationship per insurance. The check here answers early and
//! plainly; the database's unique index is what makes it true when two enrolments race (the
//! store refuses the second, [`super::relationships`]). The refusal tells a unit that another
//! unit holds the person and what to do; it names that unit only to the agency's staff.

use app::domain::forms::enrolment::{field, Enrolment};
use app::domain::ledger::Month;
use app::domain::policy::Insurance;
use app::domain::Issue;

use super::relationships::{Enrol, NewPerson};
use super::unit_of::{unit_of, Wording};
use crate::accounts::session::Principal;
use crate::filings::Verdict;
use crate::http::Internal;
use crate::vault::{bound, purpose, Vault};

const WORDING: Wording = Wording {
    sign_in: "enrolment.sign_in",
    not_your_unit: "enrolment.not_your_unit",
    not_employer: "enrolment.not_employer",
    zh: "参保登记",
    en: "enrolment",
};

/// The refusal of a second open relationship. `holder`: the unit holding it, named to staff
/// only; `own`: it is the sender's own unit.
pub fn taken(insurance: Insurance, holder: Option<&str>, own: bool) -> Verdict {
    let issue = if own {
        Issue::formatted(
            "enrolment.already_in_unit",
            format!("该人员已在本单位参加{}，不能重复参保", insurance.zh()),
            format!("This person is already insured in {} by your unit", insurance.en()),
        )
    } else {
        let (zh_by, en_by) = match holder {
            Some(name) => (format!("（{name}）"), format!(" ({name})")),
            None => (String::new(), String::new()),
        };
        Issue::formatted(
            "enrolment.held_elsewhere",
            format!("该人员的{}参保关系在其他单位{zh_by}尚未终止，不能重复参保：请原单位办理减员，或由本人办理转移后再登记", insurance.zh()),
            format!(
                "Another unit{en_by} still holds this person's {}: that unit files a separation (减员), or the person transfers, before enrolling here",
                insurance.en()
            ),
        )
    };
    Verdict::reject(field::INSURANCES, issue)
}

/// Who may enrol, into which unit, and not twice: the enrolment to store, or the verdict.
pub async fn check(
    store: &dyn super::Db,
    vault: &Vault,
    e: &Enrolment,
    by: Option<&Principal>,
) -> Result<Result<Enrol, Verdict>, Internal> {
    let (unit, actor) = match unit_of(store, vault, by, e.credit_code.as_ref(), field::CREDIT_CODE, &WORDING).await? {
        Ok(found) => found,
        Err(verdict) => return Ok(Err(verdict)),
    };
    let id_index = vault.blind_index(purpose::ID_NUMBER, e.id_number.as_str());
    let staff = by.is_some_and(|p| p.role.is_staff());
    for open in store.open_relationships(&id_index).await? {
        if e.insurances.contains(&open.insurance) {
            let own = open.unit_id == unit.id;
            return Ok(Err(taken(open.insurance, staff.then_some(open.unit_name.as_str()), own)));
        }
    }
    let start = Month::of(e.start_month).to_string();
    for (insurance, end) in store.ended_through(&id_index).await? {
        if e.insurances.contains(&insurance) && start <= end {
            let issue = Issue::formatted(
                "enrolment.overlaps_ended",
                format!("该人员的{}参保关系缴费至 {end}，新的参保起始月份应晚于该月", insurance.zh()),
                format!("This person's {} was insured through {end}: a new enrolment starts after that month", insurance.en()),
            );
            return Ok(Err(Verdict::reject(field::START_MONTH, issue)));
        }
    }
    Ok(Ok(Enrol {
        unit_id: unit.id,
        person: NewPerson {
            id_sealed: vault.seal(&bound::ledger_person(&id_index), e.id_number.as_str().as_bytes()),
            id_index,
            name: e.name.as_str().to_owned(),
        },
        region: i64::from(e.region),
        start_month: start,
        insurances: e.insurances.clone(),
        base: e.monthly_base.0,
        actor: Some(actor),
    }))
}
