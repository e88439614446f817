#![no_main]
//! IdNumber::parse never panics, and whatever it accepts is 18 characters with a valid check.
use app::domain::{id_number::check_char, Date, IdNumber};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    if let Ok(id) = IdNumber::parse(input, Date::new(2026, 11, 22).unwrap()) {
        let s = id.value.as_str().as_bytes();
        assert_eq!(s.len(), 18);
        assert_eq!(check_char(&s[..17]), s[17]);
        let _ = (id.value.region(), id.value.masked(), id.value.sex(), id.value.birth_date());
    }
});
