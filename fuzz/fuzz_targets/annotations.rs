//! The annotations-file parser: any contents give a store (possibly read-only), never a panic.
//! The body is `checks::annotations`, shared with `tests/fuzz_regressions.rs`.
#![no_main]

mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::annotations(data));
