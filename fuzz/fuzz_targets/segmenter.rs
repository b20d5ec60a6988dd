//! The segmenter on arbitrary text and an arbitrary body range (first four bytes).
#![no_main]

use libfuzzer_sys::fuzz_target;
use parallax::segment::{segment, sentences};

fuzz_target!(|data: &[u8]| {
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
});
