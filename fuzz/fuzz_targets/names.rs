#![no_main]
//! Person and unit names: no input panics; accepted names carry no markup.
use app::domain::{PersonName, UnitName};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    if let Ok(n) = PersonName::parse(input) {
        assert!(!n.value.as_str().contains('<'));
    }
    if let Ok(n) = UnitName::parse(input) {
        assert!(!n.value.as_str().contains('<'));
    }
});
