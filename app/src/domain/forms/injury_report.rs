//! 工伤事故申报 — a unit reports an employee's work accident (工伤保险条例 第17条): who was
//! injured, when and where, what happened and where they are treated, with a photo of the scene
//! ([`SCENE_SLOT`]) and of the medical record ([`RECORD_SLOT`]). The unit has 30 days from the
//! accident ([`DUE_DAYS`]); a later report is still taken, with its lateness shown to the
//! reporter as a warning and to the operator who recognises it (工伤认定). As on the other unit
//! forms, a unit's account files for its own unit and agency staff name the unit by its credit
//! code. When the unit has not applied, the injured person applies for themselves within the
//! year (第17条 第2款), naming the unit by its credit code: the same form.

use serde::{Deserialize, Serialize};

use super::{check_day, days_before, words, Context};
use crate::domain::{text, CreditCode, Date, FieldErrors, IdNumber, Issue, PersonName, Valid, REQUIRED};

pub mod field {
    pub const ID_NUMBER: &str = "id_number";
    pub const NAME: &str = "name";
    pub const ACCIDENT_ON: &str = "accident_on";
    pub const ACCIDENT_AT: &str = "accident_at";
    pub const PLACE: &str = "place";
    pub const ACCOUNT: &str = "account";
    pub const INSTITUTION: &str = "institution";
    pub const CREDIT_CODE: &str = "credit_code";
}

/// The attachment slot of the photo of the accident's scene.
pub const SCENE_SLOT: &str = "scene";
/// The attachment slot of the photo of the diagnosis or medical record (诊断证明).
pub const RECORD_SLOT: &str = "record";

/// The days the unit has to report (第17条 第1款).
pub const DUE_DAYS: i64 = 30;
/// The days the agency has to decide (工伤认定) from the application (第20条 第1款; 15 for a
/// clear case where the facts are not disputed, 第20条 第2款).
pub const DECISION_DAYS: i64 = 60;
/// The oldest accident the form takes: the injured person's own time limit (第17条 第2款, one
/// year); older ones go to the counter with the reasons for the delay.
pub const MAX_DAYS_BACK: i64 = 365;
/// The longest account of what happened, in characters.
pub const MAX_ACCOUNT: usize = 500;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InjuryReportDraft {
    pub id_number: String,
    pub name: String,
    /// `YYYY-MM-DD`.
    pub accident_on: String,
    /// `HH:MM`, as near as known.
    pub accident_at: String,
    pub place: String,
    /// 事故经过: what happened.
    pub account: String,
    /// 就诊医疗机构.
    pub institution: String,
    #[serde(default)]
    pub credit_code: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InjuryReport {
    pub id_number: IdNumber,
    pub name: PersonName,
    pub accident_on: Date,
    /// Minutes after midnight.
    pub accident_at: u16,
    pub place: String,
    pub account: String,
    pub institution: String,
    pub credit_code: Option<CreditCode>,
}

/// Days past the 30 the unit had, when the report is made on `reported_on`; `None` in time.
///
/// ```
/// use app::domain::forms::injury_report::late_days;
/// use app::domain::Date;
/// let on = Date::new(2026, 11, 1).unwrap();
/// assert_eq!(late_days(on, Date::new(2026, 12, 1).unwrap()), None, "the 30th day is in time");
/// assert_eq!(late_days(on, Date::new(2026, 12, 4).unwrap()), Some(3));
/// ```
pub fn late_days(accident_on: Date, reported_on: Date) -> Option<i64> {
    Some(reported_on.days_since_epoch() - accident_on.days_since_epoch() - DUE_DAYS).filter(|d| *d > 0)
}

fn minutes(input: &str) -> Option<u16> {
    let s = text::to_half_width(input);
    let (h, m) = s.trim().split_once(':')?;
    let (h, m) = (h.parse::<u16>().ok()?, m.parse::<u16>().ok()?);
    (h < 24 && m < 60 && m.to_string().len() <= 2).then_some(h * 60 + m)
}

/// Validates the report: the accident neither in the future nor more than a year back; past
/// the 30 days, a warning says how late it is.
pub fn validate(d: &InjuryReportDraft, ctx: &Context) -> Result<Valid<InjuryReport>, FieldErrors> {
    let mut e = FieldErrors::default();
    let id_number = e.take(field::ID_NUMBER, IdNumber::parse(&d.id_number, ctx.today));
    let name = e.take(field::NAME, PersonName::parse(&d.name));
    let accident_on = check_day(
        &mut e,
        field::ACCIDENT_ON,
        &d.accident_on,
        (ctx.today, Issue::new("injury.future", "事故日期不能晚于今天", "The accident cannot be after today")),
        Some((
            days_before(ctx.today, MAX_DAYS_BACK),
            Issue::new("injury.too_old", "事故已超过一年，请携带材料到经办窗口说明原因", "The accident is more than a year ago: bring the papers to the counter and say why"),
        )),
    );
    if let Some(late) = accident_on.and_then(|day| late_days(day, ctx.today)) {
        e.warn(
            field::ACCIDENT_ON,
            Issue::formatted(
                "injury.late",
                format!("已超过事故之日起30日的单位申报时限 {late} 天：仍可申报（单位未申报的，职工本人可在一年内申请），迟报情况由经办机构认定时审查"),
                format!("{late} days past the 30 days the unit has: the report is still taken (if the unit has not applied, the injured person may, within a year), and the delay is examined at recognition"),
            ),
        );
    }
    let accident_at = if d.accident_at.trim().is_empty() {
        e.error(field::ACCIDENT_AT, REQUIRED);
        None
    } else {
        let m = minutes(&d.accident_at);
        if m.is_none() {
            e.error(field::ACCIDENT_AT, Issue::new("injury.time", "请按“时:分”填写，例如 14:30", "Use hours:minutes, e.g. 14:30"));
        }
        m
    };
    let place = words(&mut e, field::PLACE, &d.place, 2, 100);
    let account = words(&mut e, field::ACCOUNT, &d.account, 10, MAX_ACCOUNT);
    let institution = words(&mut e, field::INSTITUTION, &d.institution, 2, 60);
    let credit_code = if text::identifier(&d.credit_code).is_empty() {
        Some(None)
    } else {
        e.take(field::CREDIT_CODE, CreditCode::parse(&d.credit_code)).map(Some)
    };
    e.finish(|| {
        Some(InjuryReport {
            id_number: id_number?,
            name: name?,
            accident_on: accident_on?,
            accident_at: accident_at?,
            place: place?,
            account: account?,
            institution: institution?,
            credit_code: credit_code?,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> Context<'static> {
        Context { today: Date::new(2026, 12, 4).unwrap(), policy: None }
    }

    fn draft() -> InjuryReportDraft {
        InjuryReportDraft {
            id_number: "11010519491231002X".into(),
            name: "张三".into(),
            accident_on: "2026-12-01".into(),
            accident_at: "14:30".into(),
            place: "一号车间冲压线".into(),
            account: "操作冲床时右手被模具压伤，当即送医".into(),
            institution: "南京市第一医院".into(),
            credit_code: String::new(),
        }
    }

    #[test]
    fn a_report_in_time_passes_without_a_warning() {
        let v = validate(&draft(), &ctx()).unwrap();
        assert_eq!((v.value.accident_on, v.value.accident_at), (Date::new(2026, 12, 1).unwrap(), 14 * 60 + 30));
        assert!(v.warnings.is_empty(), "{:?}", v.warnings);
    }

    #[test]
    fn a_late_report_passes_with_its_lateness() {
        let v = validate(&InjuryReportDraft { accident_on: "2026-10-01".into(), ..draft() }, &ctx()).unwrap();
        let w = &v.warnings.get(field::ACCIDENT_ON).expect("a warning")[0];
        assert_eq!(w.code, "injury.late");
        assert!(w.zh.contains("34 天"), "{}", w.zh);
    }

    #[test]
    fn each_gap_names_its_field() {
        for (d, name) in [
            (InjuryReportDraft { id_number: "110105194912310021".into(), ..draft() }, field::ID_NUMBER),
            (InjuryReportDraft { accident_on: "2026-12-05".into(), ..draft() }, field::ACCIDENT_ON),
            (InjuryReportDraft { accident_on: "2025-12-03".into(), ..draft() }, field::ACCIDENT_ON),
            (InjuryReportDraft { accident_at: "25:00".into(), ..draft() }, field::ACCIDENT_AT),
            (InjuryReportDraft { place: "车".into(), ..draft() }, field::PLACE),
            (InjuryReportDraft { account: "受伤".into(), ..draft() }, field::ACCOUNT),
            (InjuryReportDraft { account: "操作冲床时右手被<b>模具</b>压伤".into(), ..draft() }, field::ACCOUNT),
            (InjuryReportDraft { institution: String::new(), ..draft() }, field::INSTITUTION),
            (InjuryReportDraft { credit_code: "123".into(), ..draft() }, field::CREDIT_CODE),
        ] {
            let errors = validate(&d, &ctx()).unwrap_err();
            assert!(errors.errors.contains_key(name), "{name}: {errors:?}");
            assert_eq!(errors.errors.len(), 1, "{name}: only its own issue: {errors:?}");
        }
        assert!(validate(&InjuryReportDraft { accident_on: "2025-12-04".into(), ..draft() }, &ctx()).is_ok(), "a year back still counts");
        assert!(validate(&InjuryReportDraft { accident_at: "０８：０５".into(), ..draft() }, &ctx()).is_ok(), "full-width digits");
    }
}
