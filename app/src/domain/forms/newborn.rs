//! 新生儿参保 — a parent (or another guardian) enrols a newborn in 城乡居民基本医疗保险: the
//! child's name, birth date and 出生医学证明编号 (every child born in China has one; the ID
//! number comes later and is added when issued), the place of insurance, and the guardian
//! who files. The guardian files for themselves; a field worker or an operator may file for
//! them. The duplicate check is the server's and is on the child: one enrolment per birth
//! certificate, and per ID number once there is one.

use serde::{Deserialize, Serialize};

use super::{check_day, days_before, Context};
use crate::domain::id_number::Sex;
use crate::domain::{divisions, text, Date, FieldErrors, IdNumber, Issue, PersonName, Valid, REQUIRED};

pub mod field {
    pub const CHILD_NAME: &str = "child_name";
    pub const BIRTH_DATE: &str = "birth_date";
    pub const BIRTH_CERT: &str = "birth_cert";
    pub const CHILD_ID_NUMBER: &str = "child_id_number";
    pub const REGION: &str = "region";
    pub const GUARDIAN_ID_NUMBER: &str = "guardian_id_number";
    pub const GUARDIAN_NAME: &str = "guardian_name";
    pub const RELATION: &str = "relation";
}

/// How the guardian is related to the child: code, 中文, English.
pub const RELATIONS: &[(&str, &str, &str)] = &[("mother", "母亲", "Mother"), ("father", "父亲", "Father"), ("guardian", "其他监护人", "Other guardian")];

/// The oldest child the form takes, in days; older children enrol in the yearly residents'
/// campaign at the counter.
pub const MAX_AGE_DAYS: i64 = 365;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewbornDraft {
    pub child_name: String,
    /// `YYYY-MM-DD`.
    pub birth_date: String,
    pub birth_cert: String,
    /// Empty until issued.
    #[serde(default)]
    pub child_id_number: String,
    pub region: String,
    pub guardian_id_number: String,
    pub guardian_name: String,
    pub relation: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Newborn {
    pub child_name: PersonName,
    pub birth_date: Date,
    /// One capital letter and nine digits.
    pub birth_cert: String,
    pub child_id_number: Option<IdNumber>,
    pub region: u32,
    pub guardian_id_number: IdNumber,
    pub guardian_name: PersonName,
    /// A [`RELATIONS`] code.
    pub relation: &'static str,
}

/// A 出生医学证明编号: one letter and nine digits (e.g. `O320012345`), as printed.
pub fn parse_birth_cert(input: &str) -> Result<String, Issue> {
    let s = text::identifier(input);
    if s.is_empty() {
        return Err(REQUIRED);
    }
    let b = s.as_bytes();
    if b.len() == 10 && b[0].is_ascii_uppercase() && b[1..].iter().all(u8::is_ascii_digit) {
        Ok(s)
    } else {
        Err(Issue::new("newborn.birth_cert", "出生医学证明编号为 1 位字母加 9 位数字，如 O320012345", "A birth certificate number is a letter and nine digits, e.g. O320012345"))
    }
}

/// Validates the form: born neither after today nor more than a year back; the child's ID
/// number, when given, says the same birth date; the guardian is not the child.
pub fn validate(d: &NewbornDraft, ctx: &Context) -> Result<Valid<Newborn>, FieldErrors> {
    let mut e = FieldErrors::default();
    let child_name = e.take(field::CHILD_NAME, PersonName::parse(&d.child_name));
    let birth_date = check_day(
        &mut e,
        field::BIRTH_DATE,
        &d.birth_date,
        (ctx.today, Issue::new("newborn.future", "出生日期不能晚于今天", "The birth date cannot be after today")),
        Some((
            days_before(ctx.today, MAX_AGE_DAYS),
            Issue::new("newborn.too_old", "孩子已满一周岁，请在城乡居民医保集中参保期到经办窗口办理", "The child is over a year old: enrol them at the counter in the residents' yearly campaign"),
        )),
    );
    let birth_cert = parse_birth_cert(&d.birth_cert).map_err(|issue| e.error(field::BIRTH_CERT, issue)).ok();
    let child_id_number = if d.child_id_number.trim().is_empty() {
        Some(None)
    } else {
        e.take(field::CHILD_ID_NUMBER, IdNumber::parse(&d.child_id_number, ctx.today)).and_then(|id| match birth_date {
            Some(b) if id.birth_date() != b => {
                e.error(field::CHILD_ID_NUMBER, Issue::new("newborn.id_birth", "身份证号码中的出生日期与填写的出生日期不一致", "The ID number's birth date is not the one entered"));
                None
            }
            _ => Some(Some(id)),
        })
    };
    let region = text::identifier(&d.region).parse::<u32>().ok().filter(|c| divisions::is_known(*c));
    if region.is_none() {
        let issue = if d.region.trim().is_empty() { REQUIRED } else { Issue::new("region.unknown", "请从列表中选择参保地", "Choose the place of insurance from the list") };
        e.error(field::REGION, issue);
    }
    let guardian_id_number = e.take(field::GUARDIAN_ID_NUMBER, IdNumber::parse(&d.guardian_id_number, ctx.today)).and_then(|g| {
        if matches!(&child_id_number, Some(Some(c)) if c.as_str() == g.as_str()) {
            e.error(field::GUARDIAN_ID_NUMBER, Issue::new("newborn.same_person", "监护人不能是孩子本人", "The guardian cannot be the child"));
            return None;
        }
        Some(g)
    });
    let guardian_name = e.take(field::GUARDIAN_NAME, PersonName::parse(&d.guardian_name));
    let relation = RELATIONS.iter().find(|(code, _, _)| *code == d.relation.trim()).map(|(code, _, _)| *code);
    if relation.is_none() {
        let issue = if d.relation.trim().is_empty() { REQUIRED } else { Issue::new("newborn.relation", "请从列表中选择与孩子的关系", "Choose your relation to the child from the list") };
        e.error(field::RELATION, issue);
    }
    // A mother's ID number is a woman's, a father's a man's (the 17th digit).
    let relation = relation.filter(|r| {
        let wrong = matches!((*r, guardian_id_number.as_ref().map(IdNumber::sex)), ("mother", Some(Sex::Male)) | ("father", Some(Sex::Female)));
        if wrong {
            e.error(field::RELATION, Issue::new("newborn.relation_sex", "与孩子的关系和监护人身份证号码的性别不符", "The relation does not match the sex in the guardian's ID number"));
        }
        !wrong
    });
    e.finish(|| {
        Some(Newborn {
            child_name: child_name?,
            birth_date: birth_date?,
            birth_cert: birth_cert?,
            child_id_number: child_id_number?,
            region: region?,
            guardian_id_number: guardian_id_number?,
            guardian_name: guardian_name?,
            relation: relation?,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> Context<'static> {
        Context { today: Date::new(2026, 12, 4).unwrap(), policy: None }
    }

    /// A child born 2026-11-20 with an ID number already (check character computed).
    fn child_id() -> String {
        let mut s = "32010220261120002".to_string();
        s.push(char::from(crate::domain::id_number::check_char(s.as_bytes())));
        s
    }

    fn draft() -> NewbornDraft {
        NewbornDraft {
            child_name: "王小宝".into(),
            birth_date: "2026-11-20".into(),
            birth_cert: "o320012345".into(),
            child_id_number: String::new(),
            region: "320102".into(),
            guardian_id_number: "11010519491231002X".into(),
            guardian_name: "王丽".into(),
            relation: "mother".into(),
        }
    }

    #[test]
    fn a_full_form_passes_with_or_without_the_child_id() {
        let v = validate(&draft(), &ctx()).unwrap().value;
        assert_eq!((v.birth_cert.as_str(), v.child_id_number, v.relation), ("O320012345", None, "mother"));
        let with_id = validate(&NewbornDraft { child_id_number: child_id(), ..draft() }, &ctx()).unwrap().value;
        assert_eq!(with_id.child_id_number.map(|i| i.as_str().to_owned()), Some(child_id()));
    }

    #[test]
    fn each_gap_names_its_field() {
        for (d, name) in [
            (NewbornDraft { child_name: String::new(), ..draft() }, field::CHILD_NAME),
            (NewbornDraft { birth_date: "2026-12-05".into(), ..draft() }, field::BIRTH_DATE),
            (NewbornDraft { birth_date: "2025-12-03".into(), ..draft() }, field::BIRTH_DATE),
            (NewbornDraft { birth_date: "2026-02-30".into(), ..draft() }, field::BIRTH_DATE),
            (NewbornDraft { birth_cert: "320012345".into(), ..draft() }, field::BIRTH_CERT),
            (NewbornDraft { birth_cert: "O32001234X".into(), ..draft() }, field::BIRTH_CERT),
            (NewbornDraft { birth_cert: String::new(), ..draft() }, field::BIRTH_CERT),
            (NewbornDraft { child_id_number: "320102202611200021".into(), ..draft() }, field::CHILD_ID_NUMBER),
            (NewbornDraft { child_id_number: child_id(), birth_date: "2026-11-21".into(), ..draft() }, field::CHILD_ID_NUMBER),
            (NewbornDraft { region: "999999".into(), ..draft() }, field::REGION),
            (NewbornDraft { guardian_id_number: String::new(), ..draft() }, field::GUARDIAN_ID_NUMBER),
            (NewbornDraft { child_id_number: child_id(), guardian_id_number: child_id(), ..draft() }, field::GUARDIAN_ID_NUMBER),
            (NewbornDraft { guardian_name: "<b>".into(), ..draft() }, field::GUARDIAN_NAME),
            (NewbornDraft { relation: "uncle".into(), ..draft() }, field::RELATION),
            // 11010519491231002X is a woman's.
            (NewbornDraft { relation: "father".into(), ..draft() }, field::RELATION),
        ] {
            let errors = validate(&d, &ctx()).unwrap_err();
            assert!(errors.errors.contains_key(name), "{name}: {errors:?}");
            assert_eq!(errors.errors.len(), 1, "{name}: only its own issue: {errors:?}");
        }
    }
}
