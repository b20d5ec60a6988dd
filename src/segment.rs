//! Splits article text into passages: headlines, sub-headings, list items and sentences.
//!
//! Every passage is a byte range into the text it was cut from, trimmed of surrounding
//! whitespace, so `&text[start..end]` is exactly the passage. This module knows nothing of
//! files, titles or front matter: `corpus` hands it the body range.

use std::ops::Range;

/// What sort of unit a passage is; the view and the aligner treat headings a little differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PassageKind {
    /// The article's headline (passage 0 when the first line reads as one).
    Title,
    /// A line on its own with no final punctuation: a sub-heading, a kicker, a byline.
    Heading,
    /// A bulleted or numbered list item.
    ListItem,
    /// A sentence of running prose.
    Sentence,
}

/// One passage found by the segmenter: a trimmed byte range and its kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub start: usize,
    pub end: usize,
    pub kind: PassageKind,
}

/// Splits `text[body]` into passages, in order, never overlapping.
///
/// Lines with no final punctuation become headings, bullet lines become list items, and the
/// rest is split into sentences. Offsets are absolute into `text`.
pub fn segment(text: &str, body: Range<usize>) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut line_start = body.start;
    for line in text[body.clone()].split_inclusive('\n') {
        let range = line_start..line_start + line.len();
        line_start = range.end;
        for r in sentences(&text[range.clone()]) {
            out.push(Segment {
                start: range.start + r.start,
                end: range.start + r.end,
                kind: PassageKind::Sentence,
            });
        }
    }
    out
}

/// Splits prose into sentences; ranges are relative to `text`, trimmed, in order.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, s) in unicode_segmentation::UnicodeSegmentation::split_sentence_bound_indices(text) {
        let end = i + s.len();
        let _ = start;
        start = end;
        if let Some(r) = trim_range(text, i..end) {
            out.push(r);
        }
    }
    out
}

/// Shrinks `range` to exclude surrounding whitespace; `None` when nothing is left.
pub fn trim_range(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let slice = &text[range.clone()];
    let lead = slice.len() - slice.trim_start().len();
    let trimmed = slice.trim();
    if trimmed.is_empty() { None } else { Some(range.start + lead..range.start + lead + trimmed.len()) }
}
