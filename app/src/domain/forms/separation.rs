//! 人员减员 — a unit ends an employee's insurance with it: who, in which insurances, the last
//! month it pays for, and why. Like an enrolment, a unit's own account files it for its unit and
//! agency staff name the unit by its credit code. Once it is accepted the person may be enrolled
//! by another unit from the month after.

use serde::{Deserialize, Serialize};

use super::{check_month, Context};
use crate::domain::policy::Insurance;
use crate::domain::{text, CreditCode, Date, FieldErrors, IdNumber, Issue, PersonName, Valid, REQUIRED};

pub mod field {
    pub const ID_NUMBER: &str = "id_number";
    pub const NAME: &str = "name";
    pub const INSURANCES: &str = "insurances";
    pub const LAST_MONTH: &str = "last_month";
    pub const REASON: &str = "reason";
    pub const CREDIT_CODE: &str = "credit_code";
}

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
    pub reason: Reason,
    pub credit_code: Option<CreditCode>,
}

/// Validates the form. The last month may lie up to 12 months back (a late filing, reviewed)
/// and no later than next month.
pub fn validate(d: &SeparationDraft, ctx: &Context) -> Result<Valid<Separation>, FieldErrors> {
    let mut e = FieldErrors::default();
    let id_number = e.take(field::ID_NUMBER, IdNumber::parse(&d.id_number, ctx.today));
    let name = e.take(field::NAME, PersonName::parse(&d.name));
    if d.insurances.is_empty() {
        e.error(field::INSURANCES, Issue::new("insurances.none", "请至少选择一个险种", "Choose at least one insurance"));
    }
    let last_month = check_month(&mut e, field::LAST_MONTH, &d.last_month, ctx.today, 12, 1);
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
    let mut insurances = d.insurances.clone();
    insurances.sort();
    insurances.dedup();
    e.finish(|| {
        Some(Separation {
            id_number: id_number?,
            name: name?,
            insurances,
            last_month: last_month?,
            reason: reason?,
            credit_code: credit_code?,
        })
    })
}
