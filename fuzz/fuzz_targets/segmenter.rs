//! The segmenter on arbitrary text and an arbitrary body range (first four bytes).
//! The body is `checks::segmenter`, shared with `tests/fuzz_regressions.rs`.
#![no_main]

mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::segmenter(data));
