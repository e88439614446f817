#![no_main]
//! Amounts and addresses: no input panics; accepted amounts print back to themselves.
use app::domain::{Address, Fen};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    if let Ok(f) = Fen::parse_yuan(input) {
        assert_eq!(Fen::parse_yuan(&f.value.yuan()).unwrap().value, f.value);
    }
    let (a, b) = input.split_at(input.len() / 2 * usize::from(input.is_char_boundary(input.len() / 2)));
    let _ = Address::parse(a, b);
});
