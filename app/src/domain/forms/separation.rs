//! 人员减员 — a unit ends an employee's insurance with it: who, in which insurances, the last
//! month it pays for, the day the employment ended, and why. Like an enrolment, a unit's own
//! account files it for its unit and agency staff name the unit by its credit code. Once it is
//! accepted the person may be enrolled by another unit from the month after.
//!
//! The unit must tell the agency of a person left without a job within [`NOTICE_DAYS`] of the
//! day the employment ended (社会保险法 第50条); a later filing is still taken, with its
//! lateness shown as typed and to the operator ([`notice_late_days`]).

use serde::{Deserialize, Serialize};

use super::{check_day, check_month, days_before, Context};
use crate::domain::policy::Insurance;
use crate::domain::{text, CreditCode, Date, FieldErrors, IdNumber, Issue, PersonName, Valid, REQUIRED};

pub mod field {
    pub const ID_NUMBER: &str = "id_number";
    pub const NAME: &str = "name";
    pub const INSURANCES: &str = "insurances";
    pub const LAST_MONTH: &str = "last_month";
    pub const LEFT_ON: &str = "left_on";
    pub const REASON: &str = "reason";
    pub const CREDIT_CODE: &str = "credit_code";
}

/// Days from the end of the employment within which the unit tells the agency of a person left
/// without a job (社会保险法 第50条: 十五日内).
pub const NOTICE_DAYS: i64 = 15;

/// How far back the day the employment ended may lie, as the last month may (a year): older
/// separations are taken at the counter.
const MAX_DAYS_BACK: i64 = 366;

/// Why the relationship ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// 离职 (the person's own choice)
    Resigned,
    /// 劳动合同期满终止
    ContractEnded,
    /// 单位解除劳动合同
    Dismissed,
    /// 退休
    Retired,
    /// 死亡
    Died,
    /// 转出 (transferred to another place)
    TransferredOut,
    /// 其他
    Other,
}

impl Reason {
    pub const ALL: [Reason; 7] = [Reason::Resigned, Reason::ContractEnded, Reason::Dismissed, Reason::Retired, Reason::Died, Reason::TransferredOut, Reason::Other];

    pub fn code(self) -> &'static str {
        match self {
            Reason::Resigned => "resigned",
            Reason::ContractEnded => "contract_ended",
            Reason::Dismissed => "dismissed",
            Reason::Retired => "retired",
            Reason::Died => "died",
            Reason::TransferredOut => "transferred_out",
            Reason::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Reason> {
        Self::ALL.into_iter().find(|r| r.code() == s.trim())
    }

    /// Whether the person is left without a job, so that the unit owes the agency the notice of
    /// 第50条 (not on retirement, death or a transfer).
    pub fn leaves_unemployed(self) -> bool {
        matches!(self, Reason::Resigned | Reason::ContractEnded | Reason::Dismissed | Reason::Other)
    }

    pub fn zh(self) -> &'static str {
        match self {
            Reason::Resigned => "离职",
            Reason::ContractEnded => "劳动合同期满终止",
            Reason::Dismissed => "单位解除劳动合同",
            Reason::Retired => "退休",
            Reason::Died => "死亡",
            Reason::TransferredOut => "转出",
            Reason::Other => "其他",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Reason::Resigned => "Left the job",
            Reason::ContractEnded => "The contract ran out",
            Reason::Dismissed => "The unit ended the contract",
            Reason::Retired => "Retired",
            Reason::Died => "Died",
            Reason::TransferredOut => "Transferred out",
            Reason::Other => "Other",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeparationDraft {
    pub id_number: String,
    pub name: String,
    pub insurances: Vec<Insurance>,
    /// `YYYY-MM`: the last month insured with the unit.
    pub last_month: String,
    /// `YYYY-MM-DD`: the day the employment ended (离职日期).
    #[serde(default)]
    pub left_on: String,
    /// A [`Reason`] code; empty until chosen.
    pub reason: String,
    /// As on the enrolment form: staff name the unit, a unit's account files for its own.
    #[serde(default)]
    pub credit_code: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Separation {
    pub id_number: IdNumber,
    pub name: PersonName,
    pub insurances: Vec<Insurance>,
    pub last_month: Date,
    pub left_on: Date,
    pub reason: Reason,
    pub credit_code: Option<CreditCode>,
}

/// Days past the [`NOTICE_DAYS`] the unit had, when it files on `filed_on` for an employment
/// that ended on `left_on`; `None` in time.
///
/// ```
/// use app::domain::forms::separation::notice_late_days;
/// use app::domain::Date;
/// let left = Date::new(2026, 11, 2).unwrap();
/// assert_eq!(notice_late_days(left, Date::new(2026, 11, 17).unwrap()), None, "the 15th day is in time");
/// assert_eq!(notice_late_days(left, Date::new(2026, 11, 20).unwrap()), Some(3));
/// ```
pub fn notice_late_days(left_on: Date, filed_on: Date) -> Option<i64> {
    Some(filed_on.days_since_epoch() - left_on.days_since_epoch() - NOTICE_DAYS).filter(|d| *d > 0)
}

/// Validates the form. The last month may lie up to 12 months back (a late filing, reviewed)
/// and no later than next month; the day the employment ended up to a year back and no later
/// than next month's end. A person left without a job told of more than [`NOTICE_DAYS`] after
/// that day passes with a warning.
pub fn validate(d: &SeparationDraft, ctx: &Context) -> Result<Valid<Separation>, FieldErrors> {
    let mut e = FieldErrors::default();
    let id_number = e.take(field::ID_NUMBER, IdNumber::parse(&d.id_number, ctx.today));
    let name = e.take(field::NAME, PersonName::parse(&d.name));
    if d.insurances.is_empty() {
        e.error(field::INSURANCES, Issue::new("insurances.none", "请至少选择一个险种", "Choose at least one insurance"));
    }
    let last_month = check_month(&mut e, field::LAST_MONTH, &d.last_month, ctx.today, 12, 1);
    // The last day of next month: the day before the first of the month after it.
    let (year, month) = if ctx.today.month >= 11 { (ctx.today.year + 1, ctx.today.month - 10) } else { (ctx.today.year, ctx.today.month + 2) };
    let latest = days_before(Date::new(year, month, 1).expect("a real month"), 1);
    let left_on = check_day(
        &mut e,
        field::LEFT_ON,
        &d.left_on,
        (latest, Issue::new("separation.left_later", "离职日期最晚为下月", "The job can end next month at the latest")),
        Some((
            days_before(ctx.today, MAX_DAYS_BACK),
            Issue::new("separation.too_old", "离职已超过一年，请携带材料到经办窗口办理", "The job ended more than a year ago: bring the papers to the counter"),
        )),
    );
    let reason = if d.reason.trim().is_empty() {
        e.error(field::REASON, REQUIRED);
        None
    } else {
        let r = Reason::parse(&d.reason);
        if r.is_none() {
            e.error(field::REASON, Issue::new("reason.unknown", "请从列表中选择减员原因", "Choose the reason from the list"));
        }
        r
    };
    let credit_code = if text::identifier(&d.credit_code).is_empty() {
        Some(None)
    } else {
        e.take(field::CREDIT_CODE, CreditCode::parse(&d.credit_code)).map(Some)
    };
    if let (Some(day), Some(r)) = (left_on, reason) {
        if let Some(late) = notice_late_days(day, ctx.today).filter(|_| r.leaves_unemployed()) {
            e.warn(
                field::LEFT_ON,
                Issue::formatted(
                    "separation.late",
                    format!("已超过离职之日起{NOTICE_DAYS}日的告知时限 {late} 天（社会保险法 第50条）：仍可办理，逾期由经办机构审查"),
                    format!("{late} days past the {NOTICE_DAYS} days the unit has to tell the agency (Social Insurance Law art. 50): still taken, the delay is reviewed"),
                ),
            );
        }
    }
    let mut insurances = d.insurances.clone();
    insurances.sort();
    insurances.dedup();
    e.finish(|| {
        Some(Separation {
            id_number: id_number?,
            name: name?,
            insurances,
            last_month: last_month?,
            left_on: left_on?,
            reason: reason?,
            credit_code: credit_code?,
        })
    })
}
