//! 医疗费用报销 at the intake and in the case queue. Who files: the person for themselves, or a
//! field worker or an operator for them. What must hold: the person was insured in 医疗保险
//! in the month they left hospital, every receipt has its photo and none was paid back before
//! (by its number, on any claim kept). Then what it pays back:
//! the rule in force that month where the person is insured (the city's, else the
//! province's), on what the fund already paid them in that calendar year and on how many
//! claims (a repeat admission's lower deductible). The operator sees
//! the same check and working; approving keeps the [`Reimburse`] worked out.

use app::domain::benefits::medical::{reimburse, rule_for, Level};
use app::domain::forms::medical_claim::{field, MedicalClaim, RECEIPTS, RECEIPT_NUMBERS};
use app::domain::ledger::{Month, Working};
use app::domain::{Date, Fen, Issue};

use super::store::MedicalStore;
use super::Asker;
use crate::filings::{NotFiler, Verdict};
use crate::http::Internal;
use crate::vault::purpose;

/// What approving the case keeps.
#[derive(Debug, Clone)]
pub struct Reimburse {
    pub person_id: i64,
    /// The unit of the medical relationship that covered the stay.
    pub unit_id: i64,
    /// The calendar year of the discharge: the cap's year.
    pub year: i32,
    pub level: Level,
    pub admitted_on: Date,
    pub discharged_on: Date,
    pub receipts: Vec<Fen>,
    /// Each receipt's number, in the same order: kept with the claim, each once ever.
    pub numbers: Vec<String>,
    /// What the fund had paid the person that year when the check ran: the approval keeps the
    /// claim only if it is still so.
    pub already: Fen,
    /// And on how many claims of the year (a repeat admission's lower deductible rests on it).
    pub earlier: u32,
    pub deductible: Fen,
    pub reimbursed: Fen,
    pub working: Working,
}

/// What the check found besides the claim: the region the person is insured in.
#[derive(Debug, Clone)]
pub struct Found {
    pub claim: Reimburse,
    pub region: i64,
}

/// The one answer for "nothing to claim on", whether the person is unknown or was not insured
/// in 医疗保险 then.
fn not_insured() -> Issue {
    Issue::new(
        "medical.no_record",
        "未查到出院当月的医疗保险参保记录；如有疑问请联系经办机构",
        "No medical insurance on record for the month of discharge; contact the agency if this is wrong",
    )
}

/// The check. `slots`: the photos filed with it (`None` when the case is re-examined: the
/// intake checked them).
pub async fn check(cx: &crate::ledger::Cx, claims: &dyn MedicalStore, c: &MedicalClaim, asker: Asker<'_>, slots: Option<&[&str]>) -> Result<Result<Found, Verdict>, Internal> {
    let reject = |field: &str, issue: Issue| Ok(Err(Verdict::reject(field, issue)));
    let id_index = cx.vault.blind_index(purpose::ID_NUMBER, c.id_number.as_str());
    let Asker::Filer(by) = asker else { return found(cx, claims, c).await };
    if let Err(not) = crate::filings::files_for(by, &id_index) {
        let issue = match not {
            NotFiler::SignIn => Issue::new("medical.sign_in", "请先登录再申请医疗费用报销", "Sign in to claim medical expenses"),
            NotFiler::NotSelf => Issue::new("medical.not_self", "只能为本人申请医疗费用报销", "You can only claim your own medical expenses"),
            NotFiler::Role => Issue::new("medical.role", "该账号不能申请医疗费用报销", "This account cannot file a medical expense claim"),
        };
        return Ok(Err(not.verdict(field::ID_NUMBER, issue)));
    }
    if let Some(slots) = slots {
        if let Some((n, name)) = RECEIPTS.iter().enumerate().take(c.receipts.len()).find(|(_, name)| !slots.contains(name)) {
            return reject(
                name,
                Issue::formatted("medical.photo", format!("请拍摄票据 {} 的照片", n + 1), format!("Photograph receipt {}", n + 1)),
            );
        }
    }
    found(cx, claims, c).await
}

/// The check past who filed: insured then, the rule, what it pays back.
async fn found(cx: &crate::ledger::Cx, claims: &dyn MedicalStore, c: &MedicalClaim) -> Result<Result<Found, Verdict>, Internal> {
    let reject = |field: &str, issue: Issue| Ok(Err(Verdict::reject(field, issue)));
    let id_index = cx.vault.blind_index(purpose::ID_NUMBER, c.id_number.as_str());
    let Some(person_id) = cx.store.person_id(&id_index).await? else { return reject(field::ID_NUMBER, not_insured()) };
    let month = Month::of(c.discharged_on);
    let Some((unit_id, region)) = claims.medical_cover(person_id, &month.to_string()).await? else { return reject(field::ID_NUMBER, not_insured()) };
    let Some(rule) = rule_for(&cx.benefits.medical_reimbursement, u32::try_from(region).unwrap_or(0), month) else {
        return reject(field::DISCHARGED_ON, Issue::new("medical.no_rule", "本地医疗费用报销标准尚未录入，请联系经办机构", "The local reimbursement rules are not entered yet: contact the agency"));
    };
    let claimed = claims.receipts_claimed(&c.numbers).await?;
    if let Some((n, name)) = c.numbers.iter().zip(RECEIPT_NUMBERS).enumerate().find_map(|(n, (number, name))| claimed.contains(number).then_some((n, name))) {
        return reject(
            name,
            Issue::formatted(
                "medical.receipt_claimed",
                format!("票据 {} 已报销过，同一张票据不能重复报销；如有疑问请联系经办机构", n + 1),
                format!("Receipt {} was paid back already and cannot be claimed again; contact the agency if this is wrong", n + 1),
            ),
        );
    }
    let year = i32::from(c.discharged_on.year);
    let already = Fen(claims.reimbursed_in(person_id, year).await?);
    let earlier = u32::try_from(claims.admissions_in(person_id, year).await?).unwrap_or(u32::MAX);
    let r = match reimburse(&c.receipts, c.level, already, earlier, rule) {
        Ok(r) => r,
        Err(issue) => return reject(field::LEVEL, issue),
    };
    let claim = Reimburse {
        person_id,
        unit_id,
        year,
        level: c.level,
        admitted_on: c.admitted_on,
        discharged_on: c.discharged_on,
        receipts: c.receipts.clone(),
        numbers: c.numbers.clone(),
        already,
        earlier,
        deductible: r.deductible,
        reimbursed: r.total,
        working: r.working,
    };
    Ok(Ok(Found { claim, region }))
}
