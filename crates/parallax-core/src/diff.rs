//! Word-level diff of two passages, with byte spans on both sides and a judgement of how much
//! each change matters.
//!
//! Tokens are unicode word boundaries (`unicode-segmentation`). They are compared after a light
//! normalisation (case, quote and dash style, whitespace), so a change of case or of quote
//! style shows up as [`Tag::Restyled`] rather than as a deleted and an inserted word: readers
//! asked that such changes be quiet.
//!
//! The work is bounded without depending on the clock: when either side has more than
//! [`MAX_TOKENS`] tokens, the common prefix and suffix are matched and the middle becomes one
//! replacement (coarse, but exact and linear). Below that, the diff is cheap enough that the
//! [`DEADLINE`] is only a last-resort safety net that normal inputs never reach, so the output
//! does not depend on machine load.

use std::cell::OnceCell;
use std::ops::Range;
use std::time::{Duration, Instant};

use similar::{Algorithm, DiffTag};
use unicode_segmentation::UnicodeSegmentation;

use crate::text;

/// How the two sides relate over one span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Tag {
    /// The same words on both sides.
    Equal,
    /// Words only in the old (left) passage.
    Delete,
    /// Words only in the new (right) passage.
    Insert,
    /// The same words written differently: case, quote marks, dashes.
    Restyled,
}

/// How much a changed span matters to a reader; the view makes the loud ones loud.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Weight {
    /// Punctuation, whitespace, case or quote style.
    Quiet,
    /// Ordinary words.
    Word,
    /// A proper name.
    Name,
    /// Words inside a quotation.
    Quote,
    /// A negation word (not, never, denied …).
    Negation,
    /// A date or month.
    Date,
    /// A number or quantity.
    Number,
}

/// One span of the diff. `old` is empty for inserts, `new` for deletes.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Span {
    pub tag: Tag,
    pub old: Range<usize>,
    pub new: Range<usize>,
    pub weight: Weight,
}

/// Above this many tokens on either side, the diff is coarse: common prefix and suffix, and
/// one replacement in between. No timer is involved, so the result is deterministic.
pub const MAX_TOKENS: usize = 2_000;

/// Last-resort safety net for one diff of at most [`MAX_TOKENS`] tokens a side. Such a diff
/// takes milliseconds; the deadline exists only so that a bug cannot hang the reader.
pub const DEADLINE: Duration = Duration::from_secs(2);

/// Up to this many tokens a side, a diff runs without a deadline: at most a few hundred
/// thousand steps, well under a millisecond.
const UNTIMED_TOKENS: usize = 400;

/// Diffs `old` against `new`. Spans are in order and together cover both strings exactly.
pub fn word_diff(old: &str, new: &str) -> Vec<Span> {
    let a = tokens(old);
    let b = tokens(new);
    let ka: Vec<&str> = a.iter().map(|t| t.key.as_ref()).collect();
    let kb: Vec<&str> = b.iter().map(|t| t.key.as_ref()).collect();
    let ops = bounded_diff(Algorithm::Patience, &ka, &kb);
    let (side_a, side_b) = (Side::new(old), Side::new(new));
    let mut spans: Vec<Span> = Vec::new();
    for op in ops {
        let (tag, ra, rb) = op.as_tag_tuple();
        let old_range = byte_range(&a, ra.clone(), old.len());
        let new_range = byte_range(&b, rb.clone(), new.len());
        match tag {
            DiffTag::Equal => {
                // Equal keys may still differ in case or quote style: split those out, quietly.
                for (ta, tb) in a[ra].iter().zip(&b[rb]) {
                    let t = if old[ta.range.clone()] == new[tb.range.clone()] {
                        Tag::Equal
                    } else {
                        Tag::Restyled
                    };
                    push(
                        &mut spans,
                        Span { tag: t, old: ta.range.clone(), new: tb.range.clone(), weight: Weight::Quiet },
                    );
                }
            }
            DiffTag::Delete | DiffTag::Insert | DiffTag::Replace => {
                let weight = side_a.weigh(&old_range).max(side_b.weigh(&new_range));
                if !old_range.is_empty() {
                    let at = new_range.start;
                    push(&mut spans, Span { tag: Tag::Delete, old: old_range.clone(), new: at..at, weight });
                }
                if !new_range.is_empty() {
                    let at = old_range.end;
                    push(&mut spans, Span { tag: Tag::Insert, old: at..at, new: new_range, weight });
                }
            }
        }
    }
    spans
}

/// The diff operations turning `a` into `b`, with the work bounded as the module says: coarse
/// beyond [`MAX_TOKENS`], and the [`DEADLINE`] only for inputs too long to be sure of.
pub fn bounded_diff<T: std::hash::Hash + Eq + Ord>(
    algorithm: Algorithm,
    a: &[T],
    b: &[T],
) -> Vec<similar::DiffOp> {
    if a.len() > MAX_TOKENS || b.len() > MAX_TOKENS {
        coarse_ops(a, b)
    } else {
        // Sentences and quotations diff in microseconds, and reading the clock at every step
        // of such a diff costs more than the diff: the safety net is for long inputs only.
        let deadline = (a.len().max(b.len()) > UNTIMED_TOKENS).then(|| Instant::now() + DEADLINE);
        similar::capture_diff_slices_deadline(algorithm, a, b, deadline)
    }
}

/// A linear diff for huge inputs: equal common prefix and suffix, one replacement between.
fn coarse_ops<T: Eq>(a: &[T], b: &[T]) -> Vec<similar::DiffOp> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..].iter().rev().zip(b[prefix..].iter().rev()).take_while(|(x, y)| x == y).count();
    let (mid_a, mid_b) = (prefix..a.len() - suffix, prefix..b.len() - suffix);
    let mut ops = Vec::new();
    if prefix > 0 {
        ops.push(similar::DiffOp::Equal { old_index: 0, new_index: 0, len: prefix });
    }
    match (mid_a.is_empty(), mid_b.is_empty()) {
        (true, true) => {}
        (false, true) => ops.push(similar::DiffOp::Delete {
            old_index: mid_a.start,
            old_len: mid_a.len(),
            new_index: mid_b.start,
        }),
        (true, false) => ops.push(similar::DiffOp::Insert {
            old_index: mid_a.start,
            new_index: mid_b.start,
            new_len: mid_b.len(),
        }),
        (false, false) => ops.push(similar::DiffOp::Replace {
            old_index: mid_a.start,
            old_len: mid_a.len(),
            new_index: mid_b.start,
            new_len: mid_b.len(),
        }),
    }
    if suffix > 0 {
        ops.push(similar::DiffOp::Equal { old_index: mid_a.end, new_index: mid_b.end, len: suffix });
    }
    ops
}

/// Merges a span into the last one when they continue each other with the same tag and weight.
fn push(spans: &mut Vec<Span>, span: Span) {
    if let Some(last) = spans.last_mut()
        && last.tag == span.tag
        && last.weight == span.weight
        && last.old.end == span.old.start
        && last.new.end == span.new.start
    {
        last.old.end = span.old.end;
        last.new.end = span.new.end;
        return;
    }
    spans.push(span);
}

struct Token<'a> {
    range: Range<usize>,
    key: std::borrow::Cow<'a, str>,
}

fn tokens(s: &str) -> Vec<Token<'_>> {
    s.split_word_bound_indices().map(|(i, w)| Token { range: i..i + w.len(), key: text::fold(w) }).collect()
}

fn byte_range(tokens: &[Token<'_>], r: Range<usize>, len: usize) -> Range<usize> {
    let start = tokens.get(r.start).map_or(len, |t| t.range.start);
    let end = if r.end == 0 { start } else { tokens.get(r.end - 1).map_or(len, |t| t.range.end) };
    start..end.max(start)
}

/// One side of a diff, with what judging its changes needs, worked out at most once.
struct Side<'a> {
    text: &'a str,
    quotes: Vec<Range<usize>>,
    /// Every word with its byte position, segmented on first need.
    words: OnceCell<Vec<(usize, &'a str)>>,
}

impl<'a> Side<'a> {
    fn new(text: &'a str) -> Self {
        Side { text, quotes: text::quote_regions(text), words: OnceCell::new() }
    }

    /// Judges what the changed stretch `r` is about.
    fn weigh(&self, r: &Range<usize>) -> Weight {
        let piece = &self.text[r.clone()];
        let words: Vec<&str> = piece.unicode_words().collect();
        if words.is_empty() {
            return Weight::Quiet;
        }
        let mut w = Weight::Word;
        if words.iter().any(|x| x.chars().any(|c| c.is_ascii_digit()) || text::number_word(x).is_some()) {
            return Weight::Number;
        }
        if words.iter().any(|x| text::month(x).is_some()) {
            w = w.max(Weight::Date);
        } else if words.iter().any(|x| text::is_negation(x)) {
            w = w.max(Weight::Negation);
        } else if self.quotes.iter().any(|q| q.start <= r.start && r.end <= q.end) {
            w = w.max(Weight::Quote);
        } else if self.words_in(r).any(|&(i, x)| i > 0 && x.chars().next().is_some_and(char::is_uppercase)) {
            // A capital that does not start the text starts a name.
            w = w.max(Weight::Name);
        }
        w
    }

    /// The words that start in `r`, with their byte positions.
    fn words_in(&self, r: &Range<usize>) -> impl Iterator<Item = &(usize, &'a str)> {
        let words = self.words.get_or_init(|| self.text.unicode_word_indices().collect());
        let from = words.partition_point(|&(i, _)| i < r.start);
        words[from..].iter().take_while(move |&&(i, _)| i < r.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rebuild(spans: &[Span], old: &str, new: &str) -> (String, String) {
        let mut a = String::new();
        let mut b = String::new();
        for s in spans {
            a.push_str(&old[s.old.clone()]);
            b.push_str(&new[s.new.clone()]);
        }
        (a, b)
    }

    #[test]
    fn changed_number_is_loud() {
        let old = "The outage lasted 13 hours.";
        let new = "The outage lasted 15 hours.";
        let spans = word_diff(old, new);
        let changed: Vec<_> = spans.iter().filter(|s| s.tag != Tag::Equal).collect();
        assert_eq!(changed.len(), 2);
        assert!(changed.iter().all(|s| s.weight == Weight::Number));
        assert_eq!(&old[changed[0].old.clone()], "13");
        assert_eq!(&new[changed[1].new.clone()], "15");
        assert_eq!(rebuild(&spans, old, new), (old.into(), new.into()));
    }

    #[test]
    fn quote_style_and_case_are_quiet() {
        let old = "He called it \u{201c}coincidental\u{201d} today.";
        let new = "he called it \"coincidental\" today.";
        let spans = word_diff(old, new);
        assert!(spans.iter().all(|s| matches!(s.tag, Tag::Equal | Tag::Restyled)), "{spans:?}");
        assert_eq!(rebuild(&spans, old, new), (old.into(), new.into()));
    }

    #[test]
    fn huge_pair_is_coarse_but_exact() {
        let old: String = (0..6_000).map(|i| format!("w{} ", i % 97)).collect();
        let mut new: String = (0..6_000).map(|i| format!("w{} ", (i * 7) % 101)).collect();
        new.insert_str(0, "Same start ");
        let old = format!("Same start {old} same end.");
        let new = format!("{new} same end.");
        let spans = word_diff(&old, &new);
        assert_eq!(rebuild(&spans, &old, &new), (old.clone(), new.clone()));
        assert_eq!(spans.first().map(|s| s.tag), Some(Tag::Equal));
        assert_eq!(spans.last().map(|s| s.tag), Some(Tag::Equal));
        // Deterministic: same input, same spans.
        assert_eq!(spans, word_diff(&old, &new));
        // Identical huge sides are all equal; one side empty is one change.
        assert!(word_diff(&old, &old).iter().all(|s| s.tag == Tag::Equal));
        assert_eq!(rebuild(&word_diff(&old, ""), &old, ""), (old.clone(), String::new()));
    }

    #[test]
    fn quoted_word_change_is_flagged() {
        let old = "The outages were \"entirely foreseeable\", he said.";
        let new = "The outages were \"entirely predictable\", he said.";
        let spans = word_diff(old, new);
        assert!(spans.iter().any(|s| s.tag == Tag::Delete && s.weight == Weight::Quote));
    }
}
