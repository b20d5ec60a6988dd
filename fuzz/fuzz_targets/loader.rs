//! The loader: any bytes either are skipped with a reason or give an article whose passages are
//! exact, ordered byte ranges of the stored file.
//! The body is `checks::loader`, shared with `tests/fuzz_regressions.rs`.
#![no_main]

mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::loader(data));
