//! 失业登记 — a person who lost their job registers as unemployed, which opens a spell of
//! 失业保险金 (社会保险法 第45、50条): who, the day the job ended, why it ended — never the
//! person's own choice (第45条 第2项) — and, unless the unit's 减员 already says the contract
//! ended or the unit ended it, a photo of the paper that shows it ([`PROOF_SLOT`]: 解除或终止
//! 劳动合同证明). The person files for themselves; a field worker or an operator may file for
//! them. How many months it grants and what each pays is the server's (the ledger's
//! contributions and the dated policy data), shown to the operator who approves it.

use serde::{Deserialize, Serialize};

use super::{check_day, days_before, words, Context};
use crate::domain::{Date, FieldErrors, IdNumber, Issue, PersonName, Valid, REQUIRED};

pub mod field {
    pub const ID_NUMBER: &str = "id_number";
    pub const NAME: &str = "name";
    pub const LEFT_ON: &str = "left_on";
    pub const CAUSE: &str = "cause";
    pub const STATEMENT: &str = "statement";
}

/// The attachment slot of the photo of the paper that ends the contract.
pub const PROOF_SLOT: &str = "proof";

/// The oldest job end the form takes; older ones go to the counter.
pub const MAX_DAYS_BACK: i64 = 365;
/// The longest statement, in characters.
pub const MAX_STATEMENT: usize = 200;

/// Why the job ended: each is unemployment not of the person's own choice (社会保险法 第45条;
/// 实施《社会保险法》若干规定 第13条). Leaving by one's own choice gives no benefit and is not
/// offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cause {
    /// 劳动合同期满终止
    ContractEnded,
    /// 用人单位解除劳动合同
    Dismissed,
    /// 用人单位破产、关闭或撤销
    UnitClosed,
    /// 因用人单位过错本人解除劳动合同 (劳动合同法 第38条)
    UnitFault,
    /// 其他非本人意愿中断就业 (the statement says which)
    Other,
}

impl Cause {
    pub const ALL: [Cause; 5] = [Cause::ContractEnded, Cause::Dismissed, Cause::UnitClosed, Cause::UnitFault, Cause::Other];

    pub fn code(self) -> &'static str {
        match self {
            Cause::ContractEnded => "contract_ended",
            Cause::Dismissed => "dismissed",
            Cause::UnitClosed => "unit_closed",
            Cause::UnitFault => "unit_fault",
            Cause::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Cause> {
        Self::ALL.into_iter().find(|c| c.code() == s.trim())
    }

    pub fn zh(self) -> &'static str {
        match self {
            Cause::ContractEnded => "劳动合同期满终止",
            Cause::Dismissed => "用人单位解除劳动合同",
            Cause::UnitClosed => "用人单位破产、关闭或撤销",
            Cause::UnitFault => "因用人单位过错本人解除劳动合同",
            Cause::Other => "其他非本人意愿中断就业",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Cause::ContractEnded => "The contract ran out",
            Cause::Dismissed => "The unit ended the contract",
            Cause::UnitClosed => "The unit went bankrupt or closed",
            Cause::UnitFault => "Left because of the unit's fault",
            Cause::Other => "Other, not by own choice",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnemploymentDraft {
    pub id_number: String,
    pub name: String,
    /// `YYYY-MM-DD`: the last day of the job.
    pub left_on: String,
    /// A [`Cause`] code; empty until chosen.
    pub cause: String,
    /// What happened, in the person's words; needed for [`Cause::Other`].
    #[serde(default)]
    pub statement: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unemployment {
    pub id_number: IdNumber,
    pub name: PersonName,
    pub left_on: Date,
    pub cause: Cause,
    pub statement: Option<String>,
}

/// Validates the form: the job ended neither after today nor more than a year back; a cause
/// from the list, with a statement when it is "other".
pub fn validate(d: &UnemploymentDraft, ctx: &Context) -> Result<Valid<Unemployment>, FieldErrors> {
    let mut e = FieldErrors::default();
    let id_number = e.take(field::ID_NUMBER, IdNumber::parse(&d.id_number, ctx.today));
    let name = e.take(field::NAME, PersonName::parse(&d.name));
    let left_on = check_day(
        &mut e,
        field::LEFT_ON,
        &d.left_on,
        (ctx.today, Issue::new("unemployment.future", "离职日期不能晚于今天：失业后再办理登记", "The job cannot end after today: register once it has ended")),
        Some((
            days_before(ctx.today, MAX_DAYS_BACK),
            Issue::new("unemployment.too_old", "离职已超过一年，请携带材料到经办窗口办理", "The job ended more than a year ago: bring the papers to the counter"),
        )),
    );
    let cause = if d.cause.trim().is_empty() {
        e.error(field::CAUSE, REQUIRED);
        None
    } else {
        let c = Cause::parse(&d.cause);
        if c.is_none() {
            e.error(field::CAUSE, Issue::new("unemployment.cause", "请从列表中选择失业原因", "Choose the reason from the list"));
        }
        c
    };
    let statement = if d.statement.trim().is_empty() {
        if cause == Some(Cause::Other) {
            e.error(field::STATEMENT, Issue::new("unemployment.statement", "请说明中断就业的原因", "Say why the job ended"));
        }
        Some(None)
    } else {
        words(&mut e, field::STATEMENT, &d.statement, 5, MAX_STATEMENT).map(Some)
    };
    e.finish(|| Some(Unemployment { id_number: id_number?, name: name?, left_on: left_on?, cause: cause?, statement: statement? }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> Context<'static> {
        Context { today: Date::new(2026, 12, 4).unwrap(), policy: None }
    }

    fn draft() -> UnemploymentDraft {
        UnemploymentDraft {
            id_number: "11010519491231002X".into(),
            name: "张三".into(),
            left_on: "2026-11-30".into(),
            cause: "contract_ended".into(),
            statement: String::new(),
        }
    }

    #[test]
    fn a_full_form_passes() {
        let v = validate(&draft(), &ctx()).unwrap().value;
        assert_eq!((v.left_on, v.cause, v.statement), (Date::new(2026, 11, 30).unwrap(), Cause::ContractEnded, None));
    }

    #[test]
    fn each_gap_names_its_field() {
        for (d, name) in [
            (UnemploymentDraft { id_number: "110105194912310021".into(), ..draft() }, field::ID_NUMBER),
            (UnemploymentDraft { name: String::new(), ..draft() }, field::NAME),
            (UnemploymentDraft { left_on: "2026-12-05".into(), ..draft() }, field::LEFT_ON),
            (UnemploymentDraft { left_on: "2025-12-03".into(), ..draft() }, field::LEFT_ON),
            (UnemploymentDraft { left_on: "2026-13-01".into(), ..draft() }, field::LEFT_ON),
            (UnemploymentDraft { cause: "resigned".into(), ..draft() }, field::CAUSE),
            (UnemploymentDraft { cause: String::new(), ..draft() }, field::CAUSE),
            (UnemploymentDraft { cause: "other".into(), ..draft() }, field::STATEMENT),
            (UnemploymentDraft { statement: "<b>被辞退了</b>".into(), ..draft() }, field::STATEMENT),
        ] {
            let errors = validate(&d, &ctx()).unwrap_err();
            assert!(errors.errors.contains_key(name), "{name}: {errors:?}");
            assert_eq!(errors.errors.len(), 1, "{name}: only its own issue: {errors:?}");
        }
        let other = validate(&UnemploymentDraft { cause: "other".into(), statement: "工厂停产，全员放假待岗".into(), ..draft() }, &ctx()).unwrap();
        assert_eq!(other.value.statement.as_deref(), Some("工厂停产，全员放假待岗"));
        assert!(validate(&UnemploymentDraft { left_on: "2025-12-04".into(), ..draft() }, &ctx()).is_ok(), "a year back still counts");
    }
}
