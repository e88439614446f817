//! ID numbers: the standard's own examples, real-shaped numbers, and properties over generated
//! ones.

use super::*;
use proptest::prelude::*;

fn today() -> Date {
    Date::new(2026, 11, 22).unwrap()
}

fn code(input: &str) -> String {
    match IdNumber::parse(input, today()) {
        Ok(_) => "ok".into(),
        Err(e) => e.code.into_owned(),
    }
}

#[test]
fn the_standards_examples() {
    // GB 11643-1999, section 8: a female born 1949-12-31 in Chaoyang, Beijing.
    let id = IdNumber::parse("11010519491231002X", today()).unwrap();
    assert!(id.warnings.is_empty());
    assert_eq!(id.value.kind(), IdKind::Resident);
    // The standard's second example has a valid checksum but a birth date in 1880.
    assert_eq!(code("440524188001010014"), "id_number.birth_too_early");
}

#[test]
fn table_of_inputs() {
    let cases = [
        ("110101199003078670", "ok"),
        ("32010219900307123 9", "ok"),      // spaces are stripped
        ("３２０１０２１９９００３０７１２３９", "ok"), // full-width digits
        ("110101199003078671", "id_number.checksum"),
        ("11010119900307867", "id_number.length"),
        ("1101011990030786700", "id_number.length"),
        ("11010119900307867A", "id_number.chars"),
        ("1101011990030786X0", "id_number.chars"),
        ("110101199002308670", "id_number.birth_date"), // 30 February
        ("110105202611230015", "id_number.birth_future"),
        ("990101199003071234", "id_number.region"),
        ("810101199001011230", "id_number.permit_region"),
        ("", "required"),
        ("   ", "required"),
    ];
    for (input, expected) in cases {
        assert_eq!(code(input), expected, "{input:?}");
    }
}

#[test]
fn legacy_fifteen_digit_numbers_are_upgraded() {
    // The example in DOMAIN.md.
    let id = IdNumber::parse("610104620927690", today()).unwrap();
    assert_eq!(id.value.as_str(), "610104196209276908");
    assert_eq!(id.warnings[0].code, "id_number.upgraded");
    assert_eq!(id.value.sex(), Sex::Female);
    assert_eq!(id.value.region().as_deref(), Some("陕西省西安市莲湖区"));
}

#[test]
fn unknown_address_codes_are_a_warning_only() {
    // 329900 is not in today's list; the number is otherwise valid.
    let id = IdNumber::parse("329900199001011231", today()).unwrap();
    assert_eq!(id.warnings.len(), 1);
    assert_eq!(id.warnings[0].code, "id_number.region_unknown");
    assert_eq!(id.value.region().as_deref(), Some("江苏省"));
    // 320101 (an old 市辖区 code) is also missing, and named by its ancestors.
    let id = IdNumber::parse("320101198506150026", today()).unwrap();
    assert_eq!(id.value.region().as_deref(), Some("江苏省南京市"));
}

#[test]
fn permits_and_foreigners_ids() {
    let hk = IdNumber::parse("810000199001011230", today()).unwrap().value;
    assert_eq!(hk.kind(), IdKind::HongKongResidencePermit);
    assert_eq!(hk.sex(), Sex::Male);
    let tw = IdNumber::parse("830000198812310022", today()).unwrap().value;
    assert_eq!(tw.kind(), IdKind::TaiwanResidencePermit);
    let foreign = IdNumber::parse("91184019850101001x", today()).unwrap().value;
    assert_eq!(foreign.kind(), IdKind::ForeignPermanentResident);
    assert_eq!(foreign.birth_date(), Date::new(1985, 1, 1).unwrap());
    assert_eq!(foreign.region().as_deref(), Some("北京市"));
}

#[test]
fn display_never_shows_the_whole_number() {
    let id = IdNumber::parse("320102199003071239", today()).unwrap().value;
    assert_eq!(id.to_string(), "3201**********1239");
    assert_eq!(format!("{id:?}"), "IdNumber(3201**********1239)");
}

/// A valid number: a known county, a birth date from 1900 to today, any sequence.
fn valid_id() -> impl Strategy<Value = String> {
    let counties: Vec<u32> = crate::domain::divisions::children(Some(320100))
        .into_iter()
        .chain(crate::domain::divisions::children(Some(110000)))
        .map(|(c, _)| c)
        .collect();
    (prop::sample::select(counties), 1900u16..=2026, 1u8..=12, 1u8..=28, 0u16..1000).prop_map(
        |(county, y, m, d, seq)| {
            let born = Date::new(y, m, d).unwrap().min(Date::new(2026, 11, 22).unwrap());
            let mut s = format!("{county}{}{seq:03}", born.digits());
            s.push(char::from(check_char(s.as_bytes())));
            s
        },
    )
}

proptest! {
    #[test]
    fn every_generated_valid_number_parses(id in valid_id()) {
        let parsed = IdNumber::parse(&id, today()).unwrap();
        prop_assert_eq!(parsed.value.as_str(), id.as_str());
        prop_assert!(parsed.warnings.is_empty());
        let seq_digit = id.as_bytes()[16] - b'0';
        prop_assert_eq!(parsed.value.sex() == Sex::Male, seq_digit % 2 == 1);
    }

    #[test]
    fn every_single_character_change_is_rejected(id in valid_id(), pos in 0usize..18, pick in 0usize..11) {
        let alphabet = b"0123456789X";
        let mut bytes = id.clone().into_bytes();
        let replacement = alphabet[pick];
        prop_assume!(bytes[pos] != replacement);
        bytes[pos] = replacement;
        let changed = String::from_utf8(bytes).unwrap();
        prop_assert!(IdNumber::parse(&changed, today()).is_err(), "{} accepted", changed);
    }

    #[test]
    fn no_input_panics(input in ".{0,40}") {
        let _ = IdNumber::parse(&input, today());
    }

    #[test]
    fn no_digit_string_panics(input in "[0-9Xx ]{0,24}") {
        let _ = IdNumber::parse(&input, today());
    }
}
