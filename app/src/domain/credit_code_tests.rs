//! Credit codes: real published codes, the structure warnings, and properties.

use super::*;
use proptest::prelude::*;

fn outcome(input: &str) -> (String, Vec<String>) {
    match CreditCode::parse(input) {
        Ok(c) => ("ok".into(), c.warnings.into_iter().map(|w| w.code.into_owned()).collect()),
        Err(e) => (e.code.into_owned(), Vec::new()),
    }
}

#[test]
fn real_codes_pass_cleanly() {
    // Published on the national enterprise credit information system.
    for code in ["9144030071526726XG", "914403001922038216", "91330100716105852F", "91110000802100433B"] {
        assert_eq!(outcome(code), ("ok".into(), vec![]), "{code}");
    }
}

#[test]
fn table_of_inputs() {
    let cases: &[(&str, &str, &[&str])] = &[
        ("9144 0300 7152 6726 xg", "ok", &[]),
        ("９１４４０３００７１５２６７２６ＸＧ", "ok", &[]),
        ("9144030071526726XH", "credit_code.checksum", &[]),
        ("9144030071526726X", "credit_code.length", &[]),
        ("9144030071526726XO", "credit_code.chars", &[]),
        ("91440300715267261I", "credit_code.chars", &[]),
        ("91A4030071526726XG", "credit_code.division", &[]),
        // Post-2015 organisation codes often fail GB 11714: a warning only.
        ("91320100MA1MXXXX3J", "ok", &["credit_code.org_code"]),
        ("923201021234567886", "ok", &[]),
        ("52320102MJ000000XG", "ok", &[]),
        ("913299001234567885", "ok", &["credit_code.division_unknown"]),
        ("X1320102123456788L", "ok", &["credit_code.authority_unknown"]),
        ("9A320100123456788G", "ok", &["credit_code.type_unknown"]),
        ("", "required", &[]),
    ];
    for (input, code, warnings) in cases {
        let (got, got_warnings) = outcome(input);
        assert_eq!(got, *code, "{input:?}");
        assert_eq!(got_warnings, warnings.iter().map(|s| s.to_string()).collect::<Vec<_>>(), "{input:?}");
    }
}

#[test]
fn individual_businesses_are_recognised() {
    assert!(CreditCode::parse("923201021234567886").unwrap().value.is_individual_business());
    assert!(!CreditCode::parse("91330100716105852F").unwrap().value.is_individual_business());
}

fn valid_code() -> impl Strategy<Value = String> {
    let alphabet: Vec<char> = ALPHABET.iter().map(|&b| b as char).collect();
    (
        prop::sample::select(vec!["91", "92", "93", "12", "51", "52", "53", "Y1"]),
        prop::sample::select(vec!["320102", "320100", "110105", "440300", "100000"]),
        prop::collection::vec(prop::sample::select(alphabet), 9),
    )
        .prop_map(|(head, division, org)| {
            let mut s = format!("{head}{division}{}", org.into_iter().collect::<String>());
            s.push(char::from(check_char(s.as_bytes())));
            s
        })
}

proptest! {
    #[test]
    fn every_generated_valid_code_parses(code in valid_code()) {
        let parsed = CreditCode::parse(&code).unwrap();
        prop_assert_eq!(parsed.value.as_str(), code.as_str());
    }

    #[test]
    fn every_single_character_change_is_rejected(code in valid_code(), pos in 0usize..18, pick in 0usize..31) {
        let mut bytes = code.clone().into_bytes();
        let replacement = ALPHABET[pick];
        prop_assume!(bytes[pos] != replacement);
        bytes[pos] = replacement;
        let changed = String::from_utf8(bytes).unwrap();
        prop_assert!(CreditCode::parse(&changed).is_err(), "{} accepted", changed);
    }

    #[test]
    fn no_input_panics(input in ".{0,40}") {
        let _ = CreditCode::parse(&input);
    }
}
