//! Property tests of issue 6 that go beyond the segmenter (see `segment_props.rs` for that):
//! whole articles decoded from arbitrary bytes, word diffs of arbitrary Unicode, and an analysis
//! that is deterministic and independent of file order. Re-anchoring is covered in the root
//! package's `tests/annotations.rs`. Case counts are modest so the suite stays fast.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use parallax_core::diff::{Tag, word_diff};
use parallax_core::{Article, Corpus, export, pipeline};
use proptest::prelude::*;

/// Words and marks that make articles share claims, numbers and quotes, plus odd scripts.
const WORDS: &[&str] = &[
    "storm",
    "coast",
    "Monday",
    "officials",
    "said",
    "three",
    "3",
    "200",
    "homes",
    "power",
    "injured",
    "not",
    "\"quote\"",
    "“curly”",
    "Mr.",
    "U.S.",
    "东京",
    "地震",
    "عاصفة",
    "סערה",
    "👍🏽",
    "e\u{301}",
    "—",
];

fn sentence() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(prop::sample::select(WORDS), 1..10),
        prop::sample::select(&[".", "!", "?", "。", ""][..]),
    )
        .prop_map(|(w, end)| format!("{}{end}", w.join(" ")))
}

fn article() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(sentence(), 1..5),
        prop::sample::select(&["\n", "\r\n", "\r", "\n\n", " "][..]),
        any::<bool>(),
    )
        .prop_map(|(s, nl, bom)| {
            format!("{}Headline words here{nl}{}\n", if bom { "\u{feff}" } else { "" }, s.join(nl))
        })
}

fn check_article(a: &Article, raw: &[u8]) {
    assert_eq!(a.text.len(), raw.len(), "decoding changed the length");
    let mut prev = a.body.start;
    for (i, p) in a.passages.iter().enumerate() {
        assert_eq!(p.index, i);
        assert!(prev <= p.start && p.start < p.end && p.end <= a.body.end, "{p:?} after {prev}");
        assert!(a.text.is_char_boundary(p.start) && a.text.is_char_boundary(p.end));
        let t = &a.text[p.range()];
        assert_eq!(t, t.trim());
        if !a.lossy {
            assert_eq!(t.as_bytes(), &raw[p.range()]);
        }
        prev = p.end;
    }
}

/// The rule of the JSON contract: a passage's `text` is its display text and `start`/`end`
/// bracket its bytes in the file. For plain text `file[start..end] == text`; for Markdown the
/// file's bytes hold the text in order, with markup hidden in between.
fn check_markdown(a: &Article, raw: &str) {
    let mut prev = 0;
    for p in &a.passages {
        let t = &a.text[p.range()];
        assert!(!t.is_empty() && t == t.trim(), "{p:?} {t:?}");
        let bytes = a.file_range(p.range());
        assert!(
            prev <= bytes.start && bytes.start < bytes.end && bytes.end <= raw.len(),
            "{bytes:?} after {prev}"
        );
        assert!(raw.is_char_boundary(bytes.start) && raw.is_char_boundary(bytes.end));
        let file = &raw[bytes.clone()];
        let mut rest = file.chars();
        for c in t.chars() {
            assert!(rest.any(|f| f == c), "{t:?} is not shown from {file:?}");
        }
        assert_eq!(file.chars().next(), t.chars().next(), "{file:?} starts where {t:?} does");
        prev = bytes.end;
    }
}

/// Markdown-ish lines: headings, list items, images, quotes and inline markup around words.
fn markdown() -> impl Strategy<Value = String> {
    let inline = prop::collection::vec(
        (prop::sample::select(WORDS), prop::sample::select(&["", "**", "*", "_", "`", "[]", "\\"][..])),
        1..8,
    )
    .prop_map(|words| {
        let words: Vec<String> = words
            .into_iter()
            .map(|(w, mark)| match mark {
                "[]" => format!("[{w}](https://example.org/{})", w.len()),
                "\\" => format!("\\{w}"),
                m => format!("{m}{w}{m}"),
            })
            .collect();
        words.join(" ")
    });
    let line = (prop::sample::select(&["", "# ", "## ", "- ", "1. ", "> ", "![", "---"][..]), inline)
        .prop_map(|(lead, text)| match lead {
            "![" => format!("![{text}](pic.jpg)"),
            "---" => "---".to_string(),
            lead => format!("{lead}{text}."),
        });
    prop::collection::vec(line, 1..8).prop_map(|lines| lines.join("\n"))
}

fn rebuild(old: &str, new: &str) {
    let spans = word_diff(old, new);
    let (mut a, mut b) = (String::new(), String::new());
    let (mut ea, mut eb) = (0, 0);
    for s in &spans {
        assert_eq!((s.old.start, s.new.start), (ea, eb), "gap or overlap at {s:?}");
        a.push_str(&old[s.old.clone()]);
        b.push_str(&new[s.new.clone()]);
        (ea, eb) = (s.old.end, s.new.end);
        if s.tag == Tag::Equal {
            assert_eq!(&old[s.old.clone()], &new[s.new.clone()]);
        }
    }
    assert_eq!(a, old);
    assert_eq!(b, new);
}

/// `export::json` with article paths blanked, as a comparable value.
fn analysis_json(texts: &[(String, String)]) -> serde_json::Value {
    let corpus = Corpus::from_texts(texts.iter().map(|(id, t)| (id.as_str(), t.as_str())));
    let mut v: serde_json::Value =
        serde_json::from_str(&export::json(&pipeline::analyse_default(corpus))).unwrap();
    for a in v["articles"].as_array_mut().unwrap() {
        a["path"] = serde_json::Value::Null;
    }
    v
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Arbitrary bytes: the loader never panics, and passages are exact, ordered, in the body;
    /// read as Markdown, they bracket their bytes.
    #[test]
    fn articles_from_arbitrary_bytes(raw in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(a) = Article::from_bytes("x".into(), PathBuf::from("x"), &raw) {
            check_article(&a, &raw);
        }
        if let (Ok(a), Ok(text)) = (Article::from_bytes("x.md".into(), PathBuf::from("x.md"), &raw), std::str::from_utf8(&raw)) {
            check_markdown(&a, text);
        }
    }

    /// Arbitrary Unicode, with or without a headline: the same.
    #[test]
    fn articles_from_arbitrary_unicode(text in "(\\PC|\\s){0,300}", title in any::<bool>()) {
        let a = Article::from_text("x".into(), PathBuf::from("x"), text.clone(), false, title);
        check_article(&a, text.as_bytes());
    }

    /// Markdown: display text without markup, every passage bracketing its bytes in the file.
    #[test]
    fn markdown_passages_bracket_their_bytes(text in markdown()) {
        let a = Article::from_bytes("x.md".into(), PathBuf::from("x.md"), text.as_bytes()).unwrap();
        check_markdown(&a, &text);
        prop_assert!(a.passages.iter().all(|p| !a.text[p.range()].contains("](")), "{:?}", a.text);
    }

    #[test]
    fn newsy_articles(text in article()) {
        let a = Article::from_bytes("x".into(), PathBuf::from("x"), text.as_bytes()).unwrap();
        check_article(&a, text.as_bytes());
    }

    /// Diff spans are contiguous on both sides and rebuild them exactly.
    #[test]
    fn word_diff_rebuilds_arbitrary_unicode(old in "(\\PC|\\s){0,80}", new in "(\\PC|\\s){0,80}") {
        rebuild(&old, &new);
    }

    #[test]
    fn word_diff_rebuilds_similar_sentences(old in sentence(), new in sentence()) {
        rebuild(&old, &new);
        rebuild(&old, &format!("{old} {new}"));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// The same articles in any order give the same analysis, and running it twice does too.
    #[test]
    fn analysis_is_deterministic_and_order_independent(
        (texts, shuffled) in prop::collection::vec(article(), 1..6).prop_flat_map(|v| {
            let texts: Vec<(String, String)> =
                v.into_iter().enumerate().map(|(i, t)| (format!("a{i}.txt"), t)).collect();
            (Just(texts.clone()), Just(texts).prop_shuffle())
        })
    ) {
        let first = analysis_json(&texts);
        prop_assert_eq!(&first, &analysis_json(&shuffled));
        prop_assert_eq!(&first, &analysis_json(&texts));
    }
}
