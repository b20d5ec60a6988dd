//! The human-readable outputs: up to five articles cut from the input at 0x1E, analysed; the
//! summary and the Markdown report must let no control character through, the JSON no raw one.
//! The body is `checks::outputs`, shared with `tests/fuzz_regressions.rs`.
#![no_main]

mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::outputs(data));
