#![no_main]
//! Mobile numbers, email addresses and SMS codes: no input panics; accepted values are normal.
use app::domain::{Email, MobileNumber, SmsCode};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    if let Ok(m) = MobileNumber::parse(input) {
        assert_eq!(m.value.as_str().len(), 11);
    }
    if let Ok(e) = Email::parse(input) {
        assert!(e.value.as_str().contains('@'));
    }
    if let Ok(c) = SmsCode::parse(input) {
        assert_eq!(c.value.as_str().len(), 6);
    }
});
