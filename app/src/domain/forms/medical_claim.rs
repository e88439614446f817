//! 医疗费用报销 — a person insured in 医疗保险 who paid a hospital stay in full (e.g. outside the
//! local network) claims it back: who, the hospital and its level, the days of the stay, and each
//! receipt's amount with its photo (slot = the receipt's field, [`RECEIPTS`]). The person files
//! for themselves; a field worker or an operator may file for them. What it pays back is the
//! server's (`domain::benefits::medical` on the person's year so far), shown to the operator
//! who approves it or returns it with a reason on each receipt that is wrong.

use serde::{Deserialize, Serialize};

use super::{words, Context};
use crate::domain::benefits::medical::Level;
use crate::domain::{Date, Fen, FieldErrors, IdNumber, Issue, PersonName, Valid, REQUIRED};

pub mod field {
    pub const ID_NUMBER: &str = "id_number";
    pub const NAME: &str = "name";
    pub const HOSPITAL: &str = "hospital";
    pub const LEVEL: &str = "level";
    pub const ADMITTED_ON: &str = "admitted_on";
    pub const DISCHARGED_ON: &str = "discharged_on";
    /// The list of receipts as a whole (none filed, too many).
    pub const RECEIPTS: &str = "receipts";
}

/// Each receipt's field, in order: its amount's, its photo's slot, and what a return names.
pub const RECEIPTS: [&str; 6] = ["receipt_1", "receipt_2", "receipt_3", "receipt_4", "receipt_5", "receipt_6"];

/// The oldest discharge the form takes; older claims go to the counter.
pub const MAX_DAYS_BACK: i64 = 365;
/// The longest stay one claim covers, in days.
pub const MAX_STAY_DAYS: i64 = 366;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MedicalClaimDraft {
    pub id_number: String,
    pub name: String,
    pub hospital: String,
    /// A [`Level`] code (`1`–`3`); empty until chosen.
    pub level: String,
    /// `YYYY-MM-DD`.
    pub admitted_on: String,
    /// `YYYY-MM-DD`.
    pub discharged_on: String,
    /// Each receipt's amount in 元 as typed, in order.
    #[serde(default)]
    pub receipts: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MedicalClaim {
    pub id_number: IdNumber,
    pub name: PersonName,
    pub hospital: String,
    pub level: Level,
    pub admitted_on: Date,
    pub discharged_on: Date,
    /// Fen, in the order filed (at least one, at most [`RECEIPTS`]).
    pub receipts: Vec<Fen>,
}

fn day(e: &mut FieldErrors, name: &str, input: &str, today: Date) -> Option<Date> {
    match input.trim() {
        "" => {
            e.error(name, REQUIRED);
            None
        }
        input => match Date::parse_iso(input) {
            None => {
                e.error(name, Issue::new("date.invalid", "日期格式不正确", "Not a valid date"));
                None
            }
            Some(d) if d > today => {
                e.error(name, Issue::new("medical.future", "日期不能晚于今天", "The day cannot be after today"));
                None
            }
            Some(d) => Some(d),
        },
    }
}

/// Validates the form: the stay ended neither after today nor more than a year back, began
/// before it ended; one to six receipts, each a positive amount.
pub fn validate(d: &MedicalClaimDraft, ctx: &Context) -> Result<Valid<MedicalClaim>, FieldErrors> {
    let mut e = FieldErrors::default();
    let id_number = e.take(field::ID_NUMBER, IdNumber::parse(&d.id_number, ctx.today));
    let name = e.take(field::NAME, PersonName::parse(&d.name));
    let hospital = words(&mut e, field::HOSPITAL, &d.hospital, 2, 60);
    let level = if d.level.trim().is_empty() {
        e.error(field::LEVEL, REQUIRED);
        None
    } else {
        let l = Level::parse(&d.level);
        if l.is_none() {
            e.error(field::LEVEL, Issue::new("medical.level_choice", "请从列表中选择医院等级", "Choose the hospital's level from the list"));
        }
        l
    };
    let admitted_on = day(&mut e, field::ADMITTED_ON, &d.admitted_on, ctx.today);
    let discharged_on = day(&mut e, field::DISCHARGED_ON, &d.discharged_on, ctx.today).and_then(|out| {
        if ctx.today.days_since_epoch() - out.days_since_epoch() > MAX_DAYS_BACK {
            e.error(field::DISCHARGED_ON, Issue::new("medical.too_old", "出院已超过一年，请携带票据到经办窗口办理", "Discharged more than a year ago: bring the receipts to the counter"));
            return None;
        }
        match admitted_on {
            Some(a) if a > out => {
                e.error(field::DISCHARGED_ON, Issue::new("medical.order", "出院日期不能早于入院日期", "Discharge cannot be before admission"));
                None
            }
            Some(a) if out.days_since_epoch() - a.days_since_epoch() > MAX_STAY_DAYS => {
                e.error(field::DISCHARGED_ON, Issue::new("medical.long_stay", "住院超过一年，请分段申请或到经办窗口办理", "A stay of more than a year: claim it in parts or at the counter"));
                None
            }
            _ => Some(out),
        }
    });
    let receipts = if d.receipts.iter().all(|r| r.trim().is_empty()) {
        e.error(field::RECEIPTS, Issue::new("medical.no_receipt", "请至少填写一张票据的金额并拍照", "Enter at least one receipt's amount and photograph it"));
        None
    } else if d.receipts.len() > RECEIPTS.len() {
        e.error(field::RECEIPTS, Issue::formatted("medical.too_many", format!("一次最多报销 {} 张票据", RECEIPTS.len()), format!("At most {} receipts a claim", RECEIPTS.len())));
        None
    } else {
        let mut out = Some(Vec::with_capacity(d.receipts.len()));
        for (input, name) in d.receipts.iter().zip(RECEIPTS) {
            let fen = e.take(name, Fen::parse_yuan(input)).and_then(|f| {
                if f.0 == 0 {
                    e.error(name, Issue::new("medical.zero", "票据金额应大于零", "A receipt's amount must be above zero"));
                    None
                } else {
                    Some(f)
                }
            });
            out = match (out, fen) {
                (Some(mut v), Some(f)) => {
                    v.push(f);
                    Some(v)
                }
                _ => None,
            };
        }
        out
    };
    e.finish(|| {
        Some(MedicalClaim {
            id_number: id_number?,
            name: name?,
            hospital: hospital?,
            level: level?,
            admitted_on: admitted_on?,
            discharged_on: discharged_on?,
            receipts: receipts?,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> Context<'static> {
        Context { today: Date::new(2026, 12, 4).unwrap(), policy: None }
    }

    fn draft() -> MedicalClaimDraft {
        MedicalClaimDraft {
            id_number: "11010519491231002X".into(),
            name: "张三".into(),
            hospital: "上海市第六人民医院".into(),
            level: "3".into(),
            admitted_on: "2026-11-02".into(),
            discharged_on: "2026-11-12".into(),
            receipts: vec!["1,200.50".into(), "800".into()],
        }
    }

    #[test]
    fn a_full_form_passes() {
        let v = validate(&draft(), &ctx()).unwrap().value;
        assert_eq!((v.level, v.receipts), (Level(3), vec![Fen(120_050), Fen(80_000)]));
    }

    #[test]
    fn each_gap_names_its_field() {
        let seven = vec!["1".to_string(); 7];
        for (d, name) in [
            (MedicalClaimDraft { id_number: "110105194912310021".into(), ..draft() }, field::ID_NUMBER),
            (MedicalClaimDraft { name: String::new(), ..draft() }, field::NAME),
            (MedicalClaimDraft { hospital: "<b>医院</b>".into(), ..draft() }, field::HOSPITAL),
            (MedicalClaimDraft { level: "4".into(), ..draft() }, field::LEVEL),
            (MedicalClaimDraft { level: String::new(), ..draft() }, field::LEVEL),
            (MedicalClaimDraft { admitted_on: "2026-02-30".into(), ..draft() }, field::ADMITTED_ON),
            (MedicalClaimDraft { discharged_on: "2026-12-05".into(), ..draft() }, field::DISCHARGED_ON),
            (MedicalClaimDraft { discharged_on: "2026-11-01".into(), ..draft() }, field::DISCHARGED_ON),
            (MedicalClaimDraft { admitted_on: "2025-11-01".into(), discharged_on: "2025-12-03".into(), ..draft() }, field::DISCHARGED_ON),
            (MedicalClaimDraft { admitted_on: "2025-11-01".into(), ..draft() }, field::DISCHARGED_ON),
            (MedicalClaimDraft { receipts: vec![], ..draft() }, field::RECEIPTS),
            (MedicalClaimDraft { receipts: vec![" ".into()], ..draft() }, field::RECEIPTS),
            (MedicalClaimDraft { receipts: seven, ..draft() }, field::RECEIPTS),
            (MedicalClaimDraft { receipts: vec!["100".into(), "12.345".into()], ..draft() }, RECEIPTS[1]),
            (MedicalClaimDraft { receipts: vec!["0".into()], ..draft() }, RECEIPTS[0]),
        ] {
            let errors = validate(&d, &ctx()).unwrap_err();
            assert!(errors.errors.contains_key(name), "{name}: {errors:?}");
            assert_eq!(errors.errors.len(), 1, "{name}: only its own issue: {errors:?}");
        }
    }
}
