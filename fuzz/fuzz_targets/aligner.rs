//! The aligner: up to five articles cut from the input at 0x1E (record separator), analysed and
//! exported; every claim member must point at a real passage, and every word diff between
//! members must rebuild both passages.
#![no_main]

use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;
use parallax::{Analysis, Corpus, diff, export};

fuzz_target!(|data: &[u8]| {
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
});
