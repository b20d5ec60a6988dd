//! Replays inputs for the cargo-fuzz targets in `fuzz/` (issue 6) through the very functions the
//! targets run (`fuzz/fuzz_targets/checks.rs`), with the targets' invariants.
//!
//! A crash found by the fuzzer goes in as a file under `tests/fuzz_cases/<target>/` (the
//! artifact as it is) or as inline bytes below. The first runs (see `fuzz/README.md`) found
//! nothing, so the inline cases are hand-picked edge cases of each input format, not finds.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

/// The targets' bodies, compiled here too.
#[path = "../fuzz/fuzz_targets/checks.rs"]
mod checks;

/// Every file under `tests/fuzz_cases/<target>/`, if the folder exists.
fn cases(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_cases").join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else { return Vec::new() };
    let mut out: Vec<_> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    out.sort();
    out
}

/// Runs `check` on each case, naming the case that fails.
fn replay(target: &str, inline: &[&[u8]], check: fn(&[u8])) {
    for (i, data) in inline.iter().enumerate() {
        let r = std::panic::catch_unwind(|| check(data));
        assert!(r.is_ok(), "{target}: inline case {i} failed: {:?}", String::from_utf8_lossy(data));
    }
    for (path, data) in cases(target) {
        let r = std::panic::catch_unwind(|| check(&data));
        assert!(r.is_ok(), "{target}: {} failed", path.display());
    }
}

#[test]
fn loader_cases() {
    replay(
        "loader",
        &[
            b"",
            b"\xEF\xBB\xBF",
            b"\xEF\xBB\xBFTitle\nBody.",
            b"\r",
            b"A\rB.\r\n\rC",
            b"---\ntitle: x\n",
            b"---\ntitle: x\n---",
            b"+++\ntitle = \"\"\n+++\n\xff\xfe x\n",
            b"\xEF\xBB\xBF---\n---\nT\n- \n\xe2\x80\xa2 \xe2\x80\xa2 a",
            b"1) x 2) y 3)",
            b"\xc3(\xa0\xa1 abc. Def.",
        ],
        checks::loader,
    );
}

#[test]
fn segmenter_cases() {
    replay(
        "segmenter",
        &[
            b"",
            b"\xff\xff\xff\xff",
            b"\x00\x01\x00\x00\xc3\xa9t\xc3\xa9. \xc3\x89t\xc3\xa9.",
            b"\x00\x00\xff\xffU.S. Government. Mr. Smith said... Yes!\" he said.\r\r\n",
            b"\x00\x02\x00\x05\xe3\x80\x82\xe3\x80\x82a",
            b"\x00\x00\x01\x00(1) a (2) b\n\xe2\x80\xa2 9. x \xe2\x80\xa2 y",
        ],
        checks::segmenter,
    );
}

#[test]
fn aligner_cases() {
    replay(
        "aligner",
        &[
            b"",
            b"\x1e\x1e\x1e\x1e\x1e\x1e",
            b"Plant closes\nThe plant shut on Monday.\x1ePlant closed\nThe plant shut on Tuesday.",
            b"A b c.\x1eA b c.\x1eA b c!\x1e\xff A b c.",
            b"\"Quote,\" he said: 40 jobs.\x1e\"Quote\" she said: 400 jobs.\x1e---\nx:\n---\n",
        ],
        checks::aligner,
    );
}

#[test]
fn outputs_cases() {
    replay(
        "outputs",
        &[
            b"",
            b"Fire \x1b]52;c;SGk=\x07 at plant\nThe plant \x1b[2Jburned on Monday.\x1eFire at plant\nThe plant burned on Monday \xc2\x9b2J.",
            b"Title \xe2\x80\xae reversed\nIt said \xe2\x81\xa6x\xe2\x81\xa9 and \r\x7f.\x1eTitle reversed\nIt said x and more.",
            b"---\ntitle: \x1b[31mred\nsource: \xc2\x85\n---\nBody <b>bold</b> [a](javascript:x) `code`.",
        ],
        checks::outputs,
    );
}

#[test]
fn annotations_cases() {
    replay(
        "annotations",
        &[
            b"",
            b"{}",
            b"null",
            b"{\"schema_version\":1,\"annotations\":[]}",
            b"{\"schema_version\":18446744073709551615,\"annotations\":[]}",
            b"{\"schema_version\":1,\"annotations\":[{\"id\":\"x\"}]}",
            b"{\"schema_version\":1,\"annotations\":[{\"id\":\"x\",\"target\":{\"kind\":\"claim\",\"members\":[]},\
\"created\":\"\",\"updated\":\"\",\"rev\":18446744073709551615,\"deleted\":\"\"}]}",
            b"\xEF\xBB\xBF{\"schema_version\":1,\"annotations\":[]}",
        ],
        checks::annotations,
    );
}
