//! Replays inputs for the cargo-fuzz targets in `fuzz/` (issue 6) through the same code path as
//! each target, with the target's invariants. Each `check_*` helper is a copy of the body of
//! `fuzz/fuzz_targets/<target>.rs`; keep the two in step.
//!
//! A crash found by the fuzzer goes in as a file under `tests/fuzz_cases/<target>/` (the
//! artifact as it is) or as inline bytes below. The first runs (see `fuzz/README.md`) found
//! nothing, so the inline cases are hand-picked edge cases of each input format, not finds.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use parallax::segment::{segment, sentences};
use parallax::{Analysis, Article, Corpus, diff, export};

/// `fuzz/fuzz_targets/loader.rs`.
fn check_loader(data: &[u8]) {
    let Ok(a) = Article::from_bytes("fuzz.txt".into(), PathBuf::from("fuzz.txt"), data) else { return };
    assert_eq!(a.text.len(), data.len(), "decoding changed the length");
    assert!(a.body.start <= a.body.end && a.body.end == a.text.len());
    let mut prev = a.body.start;
    for (i, p) in a.passages.iter().enumerate() {
        assert_eq!(p.index, i);
        assert!(prev <= p.start && p.start < p.end && p.end <= a.body.end, "{p:?}");
        assert!(a.text.is_char_boundary(p.start) && a.text.is_char_boundary(p.end));
        if !a.lossy {
            assert_eq!(a.passage_text(i).as_bytes(), &data[p.range()]);
        }
        prev = p.end;
    }
    let _ = export::passages_json(&a);
}

/// `fuzz/fuzz_targets/segmenter.rs`: the first four bytes pick the body range.
fn check_segmenter(data: &[u8]) {
    let (head, rest) = data.split_at(data.len().min(4));
    let text = String::from_utf8_lossy(rest);
    let n = |b: &[u8]| b.iter().fold(0usize, |acc, &x| acc * 256 + x as usize) % (text.len() + 2);
    let (a, b) = (n(head.get(..2).unwrap_or(&[])), n(head.get(2..).unwrap_or(&[])));
    let body = a.min(b)..a.max(b);
    let mut prev = 0;
    for s in segment(&text, body) {
        assert!(prev <= s.start && s.start < s.end && s.end <= text.len(), "{s:?}");
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        let p = &text[s.start..s.end];
        assert_eq!(p, p.trim());
        prev = s.end;
    }
    for r in sentences(&text) {
        assert!(text.get(r).is_some_and(|p| !p.is_empty()));
    }
}

/// `fuzz/fuzz_targets/aligner.rs`: up to five articles split at 0x1E.
fn check_aligner(data: &[u8]) {
    let files = data
        .split(|&b| b == 0x1E)
        .take(5)
        .enumerate()
        .map(|(i, bytes)| (format!("a{i}.txt"), PathBuf::from(format!("a{i}.txt")), bytes.to_vec()));
    let analysis = Analysis::new(Corpus::from_files(files));
    let _ = export::json(&analysis);
    let _ = export::markdown(&analysis);
    for claim in &analysis.claims {
        let texts: Vec<&str> = claim
            .members
            .iter()
            .map(|m| analysis.corpus.articles[m.at.article].passage_text(m.at.passage))
            .collect();
        for pair in texts.windows(2) {
            let spans = diff::word_diff(pair[0], pair[1]);
            let old: String = spans.iter().map(|s| &pair[0][s.old.clone()]).collect();
            let new: String = spans.iter().map(|s| &pair[1][s.new.clone()]).collect();
            assert_eq!((old.as_str(), new.as_str()), (pair[0], pair[1]));
        }
    }
}

/// `fuzz/fuzz_targets/annotations.rs`: the bytes as the annotations file.
fn check_annotations(data: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("annotations.json");
    std::fs::write(&path, data).unwrap();
    let store = parallax::annotate::Store::open_at(path).unwrap();
    let _ = store.annotations();
    let _ = store.tags();
    let _ = store.read_only();
}

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
        check_loader,
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
        check_segmenter,
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
        check_aligner,
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
        check_annotations,
    );
}
