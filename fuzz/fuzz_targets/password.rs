#![no_main]
//! Password rules and the strength hint: no input panics.
use app::domain::{password::{strength, Personal}, Date, Password};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    let me = Personal { birth: Date::new(1990, 3, 7), id_number: Some("320102199003071239"), mobile: Some("13800138000") };
    let _ = Password::parse(input, &me);
    let _ = strength(input);
});
