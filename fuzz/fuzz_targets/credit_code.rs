#![no_main]
//! CreditCode::parse never panics, and whatever it accepts carries a valid check character.
use app::domain::{credit_code::check_char, CreditCode};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    if let Ok(code) = CreditCode::parse(input) {
        let s = code.value.as_str().as_bytes();
        assert_eq!(s.len(), 18);
        assert_eq!(check_char(&s[..17]), s[17]);
    }
});
