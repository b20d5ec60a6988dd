//! The aligner: up to five articles cut from the input at 0x1E (record separator), analysed and
//! exported; every word diff between claim members must rebuild both passages.
//! The body is `checks::aligner`, shared with `tests/fuzz_regressions.rs`.
#![no_main]

mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::aligner(data));
