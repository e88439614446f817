//! 失业登记 at the intake and in the case queue. Who files: the person for themselves, or a
//! field worker or an operator for them. What must hold: the person's 失业保险 ended with a
//! unit and is open nowhere, no spell is being paid, and the job did not end by the person's
//! choice — the unit's 减员 says the contract ran out or the unit ended it, or a photo of the
//! paper that does is filed with it. Then the spell: months by the contributions paid since the
//! last spell began plus the months it left undrawn (capped), at the province's amount a month.
//! The operator sees the same check and working; approving applies the [`Register`] worked out.

use app::domain::benefits::unemployment::{months_granted, spell};
use app::domain::forms::unemployment::{field, Unemployment, PROOF_SLOT};
use app::domain::forms::separation;
use app::domain::ledger::{Month, Working};
use app::domain::policy::Insurance;
use app::domain::{Date, Issue};

use super::store::{Ended, UnemploymentStore};
use crate::accounts::session::Principal;
use crate::filings::{NotFiler, Verdict};
use crate::http::Internal;
use crate::vault::purpose;

/// What approving the case keeps: the spell.
#[derive(Debug, Clone)]
pub struct Register {
    pub person_id: i64,
    /// The unit the job ended with.
    pub unit_id: i64,
    pub registered_on: Date,
    pub first_month: Month,
    pub last_month: Month,
    pub earned: u16,
    pub carried: u16,
    pub months: u16,
    /// Fen a month.
    pub monthly: i64,
    pub working: Working,
}

/// What the check found besides the spell: the unit's region and its 减员 reason.
#[derive(Debug, Clone)]
pub struct Found {
    pub register: Register,
    pub region: i64,
    pub ended: Ended,
}

/// The one answer for "the ledger holds nothing to register on", whether the person is unknown
/// or was never insured in 失业保险.
fn nothing_to_register() -> Issue {
    Issue::new(
        "unemployment.no_record",
        "未查到可办理失业登记的失业保险参保记录（需单位已办理减员）；如有疑问请联系经办机构",
        "No ended unemployment insurance to register on (the unit must have filed the separation); contact the agency if this is wrong",
    )
}

/// Whether the unit's 减员 reason already shows the job ended not by the person's choice.
fn unit_says_involuntary(reason: Option<&str>) -> bool {
    matches!(reason.and_then(separation::Reason::parse), Some(separation::Reason::ContractEnded | separation::Reason::Dismissed))
}

/// The check. `proof`: whether the filing carries the proof photo (`None` when the case is
/// re-examined: the intake checked it). `registered_on`: the filing's day.
pub async fn check(
    cx: &crate::ledger::Cx,
    spells: &dyn UnemploymentStore,
    u: &Unemployment,
    by: Option<&Principal>,
    proof: Option<bool>,
    registered_on: Date,
    now: i64,
) -> Result<Result<Found, Verdict>, Internal> {
    let reject = |field: &str, issue: Issue| Ok(Err(Verdict::reject(field, issue)));
    let id_index = cx.vault.blind_index(purpose::ID_NUMBER, u.id_number.as_str());
    // Who may file is the intake's question; at the desk (`proof: None`) any member of staff
    // who may look at the case sees the rest of its check.
    if let (Some(_), Err(not)) = (proof, crate::filings::files_for(by, &id_index)) {
        let issue = match not {
            NotFiler::SignIn => Issue::new("unemployment.sign_in", "请先登录再办理失业登记", "Sign in to register as unemployed"),
            NotFiler::NotSelf => Issue::new("unemployment.not_self", "只能为本人办理失业登记", "You can only register yourself"),
            NotFiler::Role => Issue::new("unemployment.role", "该账号不能办理失业登记", "This account cannot file an unemployment registration"),
        };
        return Ok(Err(not.verdict(field::ID_NUMBER, issue)));
    }
    let Some(person_id) = cx.store.person_id(&id_index).await? else { return reject(field::ID_NUMBER, nothing_to_register()) };
    // Any open relationship is a job: the unit's 减员 comes first.
    if !cx.store.open_relationships(&id_index).await?.is_empty() {
        return reject(
            field::ID_NUMBER,
            Issue::new("unemployment.insured", "该人员仍有在职参保关系，单位办理减员后才能办理失业登记", "Still insured with a unit (employed): register once the unit has filed the separation"),
        );
    }
    let last = spells.spells_of(person_id, 1).await?.into_iter().next();
    if last.as_ref().is_some_and(|s| s.status == "active") {
        return reject(field::ID_NUMBER, Issue::new("unemployment.drawing", "该人员正在领取失业保险金", "Already drawing unemployment benefit"));
    }
    let Some(ended) = spells.last_ended(person_id).await? else { return reject(field::ID_NUMBER, nothing_to_register()) };
    if proof == Some(false) && !unit_says_involuntary(ended.reason.as_deref()) {
        return reject(
            PROOF_SLOT,
            Issue::new("unemployment.proof", "单位减员原因未注明非本人意愿离职：请拍摄解除或终止劳动合同证明", "The unit's separation does not say the job ended against your will: photograph the paper that ends the contract"),
        );
    }
    // Counted afresh from the last spell's first month (第46条), with the months it left.
    let from = last.as_ref().and_then(|s| Month::parse(&s.first_month)).unwrap_or(Month { year: 1990, month: 1 });
    let first_month = Month::of(registered_on);
    let records = crate::ledger::records::of_person(cx, &id_index, from, first_month, now).await?;
    let mut paid: Vec<Month> = records.months.iter().filter(|r| r.insurance == Insurance::Unemployment && r.paid).map(|r| r.month).collect();
    paid.sort_unstable();
    paid.dedup();
    let contributed = u16::try_from(paid.len()).unwrap_or(u16::MAX);
    let carried = last.as_ref().filter(|s| s.status == "stopped").map_or(0, |s| s.months.saturating_sub(s.paid));
    let p = &cx.benefits.unemployment;
    let grant = months_granted(contributed, carried, p);
    if grant.months == 0 {
        return reject(
            field::ID_NUMBER,
            Issue::formatted(
                "unemployment.too_few",
                format!("失业前累计缴纳失业保险费 {contributed} 个月，不满 {} 个月，不能领取失业保险金", p.minimum_months),
                format!("{contributed} months of unemployment contributions, fewer than {}: no benefit", p.minimum_months),
            ),
        );
    }
    let Some(amount) = p.amount(u32::try_from(ended.region).unwrap_or(0), first_month) else {
        return reject(field::ID_NUMBER, Issue::new("unemployment.no_amount", "本地失业保险金标准尚未录入，请联系经办机构", "The local benefit amount is not entered yet: contact the agency"));
    };
    let (last_month, working) = spell(&grant, amount, first_month);
    let register = Register {
        person_id,
        unit_id: ended.unit_id,
        registered_on,
        first_month,
        last_month,
        earned: grant.earned,
        carried: grant.months.saturating_sub(grant.earned).min(carried),
        months: grant.months,
        monthly: amount.monthly,
        working,
    };
    Ok(Ok(Found { register, region: ended.region, ended }))
}
