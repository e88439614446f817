//! 医疗费用报销 — a person insured in 医疗保险 who paid a hospital stay in full (e.g. outside the
//! local network) claims it back: who, the hospital and its level, the days of the stay, and each
//! receipt's amount with its photo (slot = the receipt's field, [`RECEIPTS`]). The person files
//! for themselves; a field worker or an operator may file for them. What it pays back is the
//! server's (`domain::benefits::medical` on the person's year so far), shown to the operator
//! who approves it or returns it with a reason on each receipt that is wrong.

use serde::{Deserialize, Serialize};

use super::{check_day, words, Context};
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
/// Each receipt's number's field, in the same order.
pub const RECEIPT_NUMBERS: [&str; 6] = ["receipt_no_1", "receipt_no_2", "receipt_no_3", "receipt_no_4", "receipt_no_5", "receipt_no_6"];
/// A receipt number's length, after spaces and hyphens are taken out: a paper 医疗收费票据's 票据代码 and
/// 票据号码 together, or a 财政电子票据's, are 10–30 characters; the margin takes other issuers'.
pub const RECEIPT_NUMBER_LEN: std::ops::RangeInclusive<usize> = 6..=40;

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
    /// Each receipt's number (票据代码 and 号码) as typed, in the same order.
    #[serde(default)]
    pub receipt_numbers: Vec<String>,
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
    /// Each receipt's number as [`receipt_number`] keeps it, in the same order; no two alike.
    pub numbers: Vec<String>,
}

/// A receipt's number as kept and compared: spaces and hyphens taken out (a code and a number
/// written apart are one receipt), letters upper case; 6–40 ASCII letters or digits. One number is one receipt, whoever files it: a receipt already
/// paid back cannot be claimed again (the server's check, on the numbers kept).
pub fn receipt_number(input: &str) -> Result<String, Issue> {
    let n: String = input.chars().filter(|c| !c.is_whitespace() && *c != '-').map(|c| c.to_ascii_uppercase()).collect();
    if n.is_empty() {
        return Err(REQUIRED);
    }
    if !RECEIPT_NUMBER_LEN.contains(&n.len()) || !n.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(Issue::new(
            "medical.receipt_no",
            "票据号码应为 6–40 位字母或数字（票据代码加票据号码）",
            "A receipt number is 6–40 letters or digits (the receipt's code and number)",
        ));
    }
    Ok(n)
}

fn day(e: &mut FieldErrors, name: &str, input: &str, today: Date) -> Option<Date> {
    check_day(e, name, input, (today, Issue::new("medical.future", "日期不能晚于今天", "The day cannot be after today")), None)
}

/// Validates the form: the stay ended neither after today nor more than a year back, began
/// before it ended; one to six receipts, each a positive amount and a number, no two alike.
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
    // Each receipt filed has its number (none checked while the list itself is wrong).
    let count = if d.receipts.len() > RECEIPTS.len() { 0 } else { d.receipts.len() };
    let mut numbers = Some(Vec::with_capacity(count));
    for (n, name) in RECEIPT_NUMBERS.into_iter().enumerate().take(count) {
        let number = match receipt_number(d.receipt_numbers.get(n).map_or("", String::as_str)) {
            Ok(number) if numbers.as_ref().is_some_and(|v: &Vec<String>| v.contains(&number)) => {
                e.error(name, Issue::new("medical.receipt_twice", "同一张票据只能填写一次", "Each receipt can be entered only once"));
                None
            }
            Ok(number) => Some(number),
            Err(issue) => {
                e.error(name, issue);
                None
            }
        };
        numbers = numbers.zip(number).map(|(mut v, n)| {
            v.push(n);
            v
        });
    }
    e.finish(|| {
        Some(MedicalClaim {
            id_number: id_number?,
            name: name?,
            hospital: hospital?,
            level: level?,
            admitted_on: admitted_on?,
            discharged_on: discharged_on?,
            receipts: receipts?,
            numbers: numbers?,
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
            receipt_numbers: vec!["3201 2026 0012345678".into(), "32012026-0012345679".into()],
        }
    }

    #[test]
    fn a_full_form_passes() {
        let v = validate(&draft(), &ctx()).unwrap().value;
        assert_eq!((v.level, v.receipts), (Level(3), vec![Fen(120_050), Fen(80_000)]));
        assert_eq!(v.numbers, ["320120260012345678", "320120260012345679"], "spaces and hyphens out");
    }

    #[test]
    fn a_receipt_number_is_kept_one_way() {
        assert_eq!(receipt_number(" ab12-34cd ").as_deref(), Ok("AB1234CD"));
        assert_eq!(receipt_number("   "), Err(REQUIRED));
        for bad in ["12345", &"1".repeat(41), "1234567/8", "１２３４５６７"] {
            assert_eq!(receipt_number(bad).map_err(|i| i.code), Err("medical.receipt_no".into()), "{bad}");
        }
        assert!(receipt_number("123456").is_ok() && receipt_number(&"9".repeat(40)).is_ok(), "the bounds are in");
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
            (MedicalClaimDraft { receipt_numbers: vec!["3201202600123456".into()], ..draft() }, RECEIPT_NUMBERS[1]),
            (MedicalClaimDraft { receipt_numbers: vec!["3201202600123456".into(), "3201-2026 0012 3456".into()], ..draft() }, RECEIPT_NUMBERS[1]),
            (MedicalClaimDraft { receipt_numbers: vec!["no.1".into(), "3201202600123456".into()], ..draft() }, RECEIPT_NUMBERS[0]),
        ] {
            let errors = validate(&d, &ctx()).unwrap_err();
            assert!(errors.errors.contains_key(name), "{name}: {errors:?}");
            assert_eq!(errors.errors.len(), 1, "{name}: only its own issue: {errors:?}");
        }
    }
}
