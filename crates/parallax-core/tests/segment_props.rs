#![allow(clippy::unwrap_used)]
//! Property tests: whatever the input, passages are in-bounds, char-aligned, ordered,
//! non-overlapping, trimmed and non-empty byte ranges.

use parallax_core::segment::{segment, sentences};
use proptest::prelude::*;

fn check(text: &str, body: std::ops::Range<usize>) {
    let segs = segment(text, body.clone());
    let mut prev_end = 0;
    for s in &segs {
        assert!(s.start < s.end, "empty passage {s:?}");
        assert!(s.end <= text.len(), "out of bounds {s:?}");
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end), "off a char boundary {s:?}");
        assert!(s.start >= prev_end, "overlapping or out of order {s:?}");
        let p = &text[s.start..s.end];
        assert_eq!(p, p.trim(), "not trimmed {s:?}");
        prev_end = s.end;
    }
    if let (Some(first), Some(last)) = (segs.first(), segs.last()) {
        assert!(first.start >= body.start.min(text.len()) && last.end <= body.end.max(first.start));
    }
}

/// Text built from the pieces the segmenter reacts to, so that the rules are exercised, not
/// only random code points.
const PIECES: &[&str] = &[
    ".",
    ". ",
    "...",
    " . . . ",
    "…",
    "?! ",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "- ",
    "• ",
    "1. ",
    "2) ",
    "a. ",
    "(1) ",
    "U.S. ",
    "Mr. ",
    "Inc. ",
    "E. ",
    "I. ",
    "\" ",
    "” ",
    "'s ",
    "[...]",
    "$35.6 ",
    "Jane.Doe@example.com",
    "world.Today",
    "。",
    "؟ ",
    "—",
    "e\u{301}",
    "👍🏽",
    "the ",
    "He said ",
];

fn newsy() -> impl Strategy<Value = String> {
    let piece =
        prop_oneof![prop::sample::select(PIECES).prop_map(String::from), "[a-zA-Z ]{0,8}", "\\PC{0,4}",];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_unicode_gives_valid_ranges(text in "\\PC{0,200}|(\\PC|\\s){0,200}") {
        check(&text, 0..text.len());
        for r in sentences(&text) {
            prop_assert!(text.get(r.clone()).is_some_and(|p| !p.is_empty() && p == p.trim()));
        }
    }

    #[test]
    fn newsy_text_gives_valid_ranges(text in newsy()) {
        check(&text, 0..text.len());
    }

    #[test]
    fn any_body_range_is_safe(text in newsy(), a in 0usize..400, b in 0usize..400) {
        check(&text, a.min(b)..a.max(b));
    }
}
