//! 参保登记（人员新增）— enrolling an employee: who, where, from which month, on which monthly
//! base, in which insurances — and for which unit: a unit's own account enrols into its unit;
//! agency staff entering it for a unit name the unit by its credit code.

use serde::{Deserialize, Serialize};

use super::{check_month, Context};
use crate::domain::ledger::Month;
use crate::domain::pension::policy::steps_of;
use crate::domain::pension::{month_at, Category};
use crate::domain::policy::Insurance;
use crate::domain::{divisions, text, CreditCode, Date, Fen, FieldErrors, IdNumber, Issue, MobileNumber, PersonName, Sex, Valid, REQUIRED};

pub mod field {
    pub const ID_NUMBER: &str = "id_number";
    pub const NAME: &str = "name";
    pub const MOBILE: &str = "mobile";
    pub const CARD_NUMBER: &str = "card_number";
    pub const REGION: &str = "region";
    pub const START_MONTH: &str = "start_month";
    pub const MONTHLY_BASE: &str = "monthly_base";
    pub const INSURANCES: &str = "insurances";
    pub const CREDIT_CODE: &str = "credit_code";
}

/// No one below the legal working age is enrolled as an employee.
const MIN_WORKING_AGE: u16 = 16;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrolmentDraft {
    pub id_number: String,
    pub name: String,
    /// Optional.
    pub mobile: String,
    /// 社会保障卡号, optional (a new enrolee has none yet).
    pub card_number: String,
    /// The division where the person is insured.
    pub region: String,
    /// `YYYY-MM`.
    pub start_month: String,
    /// 元 per month, as typed.
    pub monthly_base: String,
    pub insurances: Vec<Insurance>,
    /// The unit's 统一社会信用代码: optional on the form (a unit's own account enrols into its
    /// unit); the server requires it from agency staff entering an enrolment for a unit.
    #[serde(default)]
    pub credit_code: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enrolment {
    pub id_number: IdNumber,
    pub name: PersonName,
    pub mobile: Option<MobileNumber>,
    pub card_number: Option<String>,
    pub region: u32,
    pub start_month: Date,
    pub monthly_base: Fen,
    pub insurances: Vec<Insurance>,
    pub credit_code: Option<CreditCode>,
}

/// Validates the form. Cross-field rules: the base within the region's limits for the start
/// month; at least 16 years old; at or past the statutory retirement age under the 2025 reform
/// in the start month, pension enrolment is only a continuation (warning) and unemployment
/// insurance is refused (for a woman between the two posts' ages: a warning, the post decides).
pub fn validate(d: &EnrolmentDraft, ctx: &Context) -> Result<Valid<Enrolment>, FieldErrors> {
    let mut e = FieldErrors::default();
    let id_number = e.take(field::ID_NUMBER, IdNumber::parse(&d.id_number, ctx.today));
    let name = e.take(field::NAME, PersonName::parse(&d.name));
    let mobile = if d.mobile.trim().is_empty() { Some(None) } else { e.take(field::MOBILE, MobileNumber::parse(&d.mobile)).map(Some) };
    let card = text::identifier(&d.card_number);
    let card_number = if card.is_empty() {
        Some(None)
    } else if (6..=20).contains(&card.len()) && card.bytes().all(|b| b.is_ascii_alphanumeric()) {
        Some(Some(card))
    } else {
        e.error(field::CARD_NUMBER, Issue::new("card_number.format", "社会保障卡号应为 6–20 位字母或数字", "A social security card number has 6 to 20 letters or digits"));
        None
    };
    let region = text::identifier(&d.region).parse::<u32>().ok().filter(|c| divisions::is_known(*c));
    if region.is_none() {
        let issue = if d.region.trim().is_empty() { REQUIRED } else { Issue::new("region.unknown", "请从列表中选择参保地", "Choose the place of insurance from the list") };
        e.error(field::REGION, issue);
    }
    let credit_code = if d.credit_code.trim().is_empty() {
        Some(None)
    } else {
        e.take(field::CREDIT_CODE, CreditCode::parse(&d.credit_code)).map(Some)
    };
    let start_month = check_month(&mut e, field::START_MONTH, &d.start_month, ctx.today, 12, 1);
    let monthly_base = e.take(field::MONTHLY_BASE, Fen::parse_yuan(&d.monthly_base));
    if let (Some(base), Some(region), Some(month), Some(policy)) = (monthly_base, region, start_month, ctx.policy) {
        match policy.check_base(base, region, month) {
            Ok(Some(warning)) => e.warn(field::MONTHLY_BASE, warning),
            Ok(None) => {}
            Err(issue) => e.error(field::MONTHLY_BASE, issue),
        }
    }
    if d.insurances.is_empty() {
        e.error(field::INSURANCES, Issue::new("insurances.none", "请至少选择一个险种", "Choose at least one insurance"));
    }
    if let Some(id) = &id_number {
        check_age(&mut e, id, &d.insurances, start_month, ctx);
    }
    let mut insurances = d.insurances.clone();
    insurances.sort();
    insurances.dedup();
    e.finish(|| {
        Some(Enrolment {
            id_number: id_number?,
            name: name?,
            mobile: mobile?,
            card_number: card_number?,
            region: region?,
            start_month: start_month?,
            monthly_base: monthly_base?,
            insurances,
            credit_code: credit_code?,
        })
    })
}

fn check_age(e: &mut FieldErrors, id: &IdNumber, insurances: &[Insurance], start: Option<Date>, ctx: &Context) {
    let age = id.birth_date().age_on(ctx.today);
    if age < MIN_WORKING_AGE {
        e.error(field::ID_NUMBER, Issue::formatted(
            "age.below_working_age",
            format!("按身份证号码计算年龄为 {age} 岁，未满 16 周岁不能参保登记"),
            format!("By the ID number this person is {age}; under 16 cannot be enrolled as an employee"),
        ));
        return;
    }
    let Some(steps) = ctx.policy.map(|t| t.retirement.as_slice()) else { return };
    // The statutory age under the 2025 reform, in the month the enrolment starts. A man has one;
    // a woman's depends on her post (原 50 or 原 55 周岁), which the form does not ask: past the
    // later of the two she has reached it whatever her post; between them the agency checks.
    let birth = Month::of(id.birth_date());
    let at = Month::of(start.unwrap_or(ctx.today));
    let (first, last) = match id.sex() {
        Sex::Male => (Category::Male, Category::Male),
        Sex::Female => (Category::Female50, Category::Female55),
    };
    let reached = |c| {
        let age = steps_of(steps, c)?.age(birth);
        Some((month_at(birth, age), age))
    };
    let (Some((last_month, last_age)), Some((first_month, first_age))) = (reached(last), reached(first)) else { return };
    if at >= last_month {
        let who = if first == last { "" } else { "（按原 55 周岁岗位，即最晚的情形）" };
        let who_en = if first == last { "" } else { " (the later case, a post with the original age 55)" };
        if insurances.contains(&Insurance::Unemployment) {
            e.error(field::INSURANCES, Issue::formatted(
                "age.unemployment_retired",
                format!("按身份证号码，法定退休年龄为 {}{who}，{last_month} 已达到，不能参加失业保险", last_age.zh()),
                format!("By the ID number the statutory retirement age is {last_age}{who_en}, reached in {last_month}: no unemployment insurance"),
            ));
        }
        if insurances.contains(&Insurance::Pension) {
            e.warn(field::INSURANCES, Issue::formatted(
                "age.pension_retired",
                format!("已于 {last_month} 达到法定退休年龄（{}）：养老保险仅可按规定延长缴费或弹性延迟退休，需经办机构审核", last_age.zh()),
                format!("Statutory retirement age ({last_age}) reached in {last_month}: pension contributions only as an extension or a deferred retirement, reviewed by the agency"),
            ));
        }
    } else if at >= first_month && (insurances.contains(&Insurance::Unemployment) || insurances.contains(&Insurance::Pension)) {
        e.warn(field::INSURANCES, Issue::formatted(
            "age.retirement_by_post",
            format!("原 50 周岁退休的女职工，法定退休年龄为 {}（{first_month} 已达到）；干部、管理和专业技术岗位为 {}（{last_month}）：如属前者，不能参加失业保险，需经办机构核实岗位", first_age.zh(), last_age.zh()),
            format!("A woman whose original retirement age is 50 reached her statutory age ({first_age}) in {first_month}; for cadre, managerial and technical posts it is {last_age} ({last_month}). In the first case no unemployment insurance: the agency checks the post"),
        ));
    }
}
