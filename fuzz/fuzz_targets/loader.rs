//! The loader: any bytes either are skipped with a reason or give an article whose passages are
//! exact, ordered byte ranges of the stored file.
#![no_main]

use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;
use parallax::Article;

fuzz_target!(|data: &[u8]| {
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
    let _ = parallax::export::passages_json(&a);
});
