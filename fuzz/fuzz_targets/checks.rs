//! The bodies of the fuzz targets, one function per target, shared with the replay test
//! `tests/fuzz_regressions.rs` so the two can never drift apart. Each asserts the target's
//! invariants and must never panic otherwise.
#![allow(dead_code)] // each target binary uses one of these

use std::path::PathBuf;

use parallax::annotate::Store;
use parallax::segment::{segment, sentences};
use parallax::{Article, Corpus, diff, export, pipeline};

/// The loader: any bytes either are skipped with a reason or give an article whose passages are
/// exact, ordered byte ranges of the stored file.
pub fn loader(data: &[u8]) {
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

/// The segmenter on arbitrary text and an arbitrary body range (picked by the first four bytes).
pub fn segmenter(data: &[u8]) {
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

/// The aligner: up to five articles cut from the input at 0x1E (record separator), analysed and
/// exported; every word diff between claim members must rebuild both passages.
pub fn aligner(data: &[u8]) {
    let files = data
        .split(|&b| b == 0x1E)
        .take(5)
        .enumerate()
        .map(|(i, bytes)| (format!("a{i}.txt"), PathBuf::from(format!("a{i}.txt")), bytes.to_vec()));
    let analysis = pipeline::analyse_default(Corpus::from_files(files));
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

/// The human-readable outputs: up to five articles cut at 0x1E as for `aligner`; the `align`
/// summary and the Markdown report let no control character or bidi override through (they
/// are shown as `<U+XXXX>`), and the JSON holds no raw control character but its line breaks.
pub fn outputs(data: &[u8]) {
    let files =
        data.split(|&b| b == 0x1E).take(5).enumerate().map(|(i, bytes)| {
            (format!("a{i}\u{1b}.txt"), PathBuf::from(format!("a{i}.txt")), bytes.to_vec())
        });
    let analysis = pipeline::analyse_default(Corpus::from_files(files));
    for (what, text) in [("summary", export::summary(&analysis)), ("report", export::markdown(&analysis))] {
        let bad = text.chars().find(|&c| drives_a_terminal(c));
        assert!(bad.is_none(), "{what} lets {bad:?} through");
    }
    let json = export::json(&analysis);
    let bad = json.chars().find(|&c| c.is_control() && c != '\n');
    assert!(bad.is_none(), "the JSON holds a raw {bad:?}");
}

/// Whether a terminal could obey `c`: what `sanitize` shows by its code point.
fn drives_a_terminal(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The annotations-file parser, through the public `Store::open_at` on a temporary file: any
/// contents give a store (possibly read-only, with a reason), never a panic.
pub fn annotations(data: &[u8]) {
    let Ok(dir) = tempfile::tempdir() else { return };
    let path = dir.path().join("annotations.json");
    if std::fs::write(&path, data).is_err() {
        return;
    }
    if let Ok(store) = Store::open_at(path) {
        let _ = store.annotations();
        let _ = store.tags();
        let _ = store.read_only();
    }
}
