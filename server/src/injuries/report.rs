//! 工伤事故申报 at the intake and in the case queue: both photos, which unit reports ([`ledger::unit_of`]:
//! a unit's own account, or staff naming the unit) — or the injured person's own application
//! when the unit has not applied (工伤保险条例 第17条 第2款: a resident for their own ID number,
//! naming the unit by its credit code) — and that the injured person held 工伤 with that unit in
//! the accident's month. The same check runs when an operator examines the case,
//! and its [`Recognise`] is what approving it applies.

use app::api::auth::Role;
use app::domain::forms::injury_report::{field, late_days, InjuryReport, RECORD_SLOT, SCENE_SLOT};
use app::domain::ledger::Month;
use app::domain::policy::Insurance;
use app::domain::{Date, Issue};

use crate::accounts::session::Principal;
use crate::filings::Verdict;
use crate::http::Internal;
use crate::ledger::unit_of::{unit_of, Wording};
use crate::ledger::Unit;
use crate::vault::{purpose, Vault};

const WORDING: Wording = Wording {
    sign_in: "injury.sign_in",
    not_your_unit: "injury.not_your_unit",
    not_employer: "injury.not_employer",
    zh: "工伤事故申报",
    en: "work accident report",
};

/// What approving the case (工伤认定) keeps.
#[derive(Debug, Clone)]
pub struct Recognise {
    pub unit_id: i64,
    pub id_index: String,
    pub accident_on: Date,
    /// Days past the 30 the unit had (0 in time), counted to `reported_on`.
    pub late_days: i64,
    pub reported_on: Date,
    /// The injured person applied themselves (第17条 第2款), not the unit or staff for it.
    pub by_person: bool,
}

/// The one answer to a person not insured in 工伤 with the unit then (unknown, elsewhere, or
/// not at all), worded for the unit or for the person applying themselves.
fn not_insured(own: bool) -> Issue {
    if own {
        return Issue::new(
            "injury.not_insured",
            "事故发生时您未在所填单位参加工伤保险，工伤保险基金不予支付；请核对单位的统一社会信用代码，如有异议请联系经办机构",
            "You were not insured in work injury with the unit given when the accident happened: the fund does not pay; check the unit's credit code, and contact the agency if this is wrong",
        );
    }
    Issue::new(
        "injury.not_insured",
        "该职工在事故发生时未在本单位参加工伤保险，工伤保险基金不予支付；如有异议请联系经办机构",
        "The person was not insured in work injury with this unit when the accident happened: the fund does not pay; contact the agency if this is wrong",
    )
}

/// Both photos, the unit reporting, and that the person was insured with it then: what to keep,
/// or the verdict. `slots`: the photos filed (`None` when the case is re-examined: the intake
/// checked them). `reported_on` is the day the report was filed.
pub async fn check(
    store: &dyn crate::ledger::Db,
    vault: &Vault,
    r: &InjuryReport,
    slots: Option<&[&str]>,
    by: Option<&Principal>,
    reported_on: Date,
) -> Result<Result<(Recognise, Unit), Verdict>, Internal> {
    if let Some(missing) = slots.and_then(|slots| [SCENE_SLOT, RECORD_SLOT].into_iter().find(|s| !slots.contains(s))) {
        return Ok(Err(Verdict::reject(missing, Issue::new("injury.photos", "请拍摄事故现场照片和诊断证明（病历）照片", "Take a photo of the scene and one of the diagnosis or medical record"))));
    }
    let id_index = vault.blind_index(purpose::ID_NUMBER, r.id_number.as_str());
    let person = by.filter(|p| p.role == Role::Resident);
    let unit = if let Some(person) = person {
        if person.account.id_index != id_index {
            return Ok(Err(Verdict::reject(
                field::ID_NUMBER,
                Issue::new("injury.own_only", "个人只能为本人申请工伤认定", "A person applies for work-injury recognition only for themselves"),
            )));
        }
        let Some(code) = r.credit_code.as_ref() else {
            return Ok(Err(Verdict::reject(
                field::CREDIT_CODE,
                Issue::new(
                    "injury.unit_required",
                    "请填写事故发生时用人单位的统一社会信用代码",
                    "Give the credit code of the unit you worked for when the accident happened",
                ),
            )));
        };
        // A unit the ledger does not know gets the answer of one the person was not insured
        // with: the form says nothing of which units exist.
        match store.unit_by_code(code.as_str()).await? {
            Some(unit) => unit,
            None => return Ok(Err(Verdict::reject(field::ID_NUMBER, not_insured(true)))),
        }
    } else {
        match unit_of(store, vault, by, r.credit_code.as_ref(), field::CREDIT_CODE, &WORDING).await? {
            Ok((unit, _)) => unit,
            Err(verdict) => return Ok(Err(verdict)),
        }
    };
    let month = Month::of(r.accident_on).to_string();
    // Held then, whether or not it has ended since: the person may have left the unit by the
    // time the accident is reported (within the year, by the person).
    if !store.held_in(&id_index, Insurance::WorkInjury, unit.id, &month).await? {
        return Ok(Err(Verdict::reject(field::ID_NUMBER, not_insured(person.is_some()))));
    }
    let late = late_days(r.accident_on, reported_on).unwrap_or(0);
    Ok(Ok((Recognise { unit_id: unit.id, id_index, accident_on: r.accident_on, late_days: late, reported_on, by_person: person.is_some() }, unit)))
}
