//! Word-level diff of two passages, with byte spans on both sides and a judgement of how much
//! each change matters.
//!
//! Tokens are unicode word boundaries (`unicode-segmentation`). They are compared after a light
//! normalisation (case, quote and dash style, whitespace), so a change of case or of quote
//! style shows up as [`Tag::Restyled`] rather than as a deleted and an inserted word: readers
//! asked that such changes be quiet.
//!
//! A [`Span`]'s weight is its loudest word's, which is what the discrepancy detectors ask ("did a
//! meaningful word change?"). A reader is shown [`emphasis`] instead: every changed word weighed
//! on its own, so a replaced stretch that holds one number is loud on the number only.
//!
//! The work is bounded without depending on the clock: when either side has more than
//! [`MAX_TOKENS`] tokens, the common prefix and suffix are matched and the middle becomes one
//! replacement (coarse, but exact and linear). Below that, the diff is cheap enough that the
//! [`DEADLINE`] is only a last-resort safety net that normal inputs never reach, so the output
//! does not depend on machine load.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::ops::Range;
use std::time::{Duration, Instant};

use similar::{Algorithm, DiffTag};
use unicode_segmentation::UnicodeSegmentation;

use crate::hash::FxHashMap;
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

impl Weight {
    /// Whether a reader's eye should land here: the kinds the reader's legend names (numbers,
    /// dates, negations, names, quotations), not ordinary words or style.
    pub fn is_strong(self) -> bool {
        self > Weight::Word
    }
}

/// One span of the diff. `old` is empty for inserts, `new` for deletes.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Span {
    pub tag: Tag,
    pub old: Range<usize>,
    pub new: Range<usize>,
    pub weight: Weight,
}

/// A changed piece of one side and the weight of its own words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub range: Range<usize>,
    pub weight: Weight,
}

/// What a view emphasises on each side of a diff, in order; equal text has no mark.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Emphasis {
    pub old: Vec<Mark>,
    pub new: Vec<Mark>,
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
    let (ra, ka) = tokens(old);
    let (rb, kb) = tokens(new);
    let ops = bounded_diff(Algorithm::Patience, &ka, &kb);
    spans(ops, (old, &ra, &Side::new(old)), (new, &rb, &Side::new(new)))
}

/// A text cut into diff tokens once, its keys numbered by a [`Keys`] it shares with the texts
/// it is diffed against: a quotation compared with every other wording of it is segmented,
/// folded and scanned for quotations once, and each [`prepared_diff`] compares integers.
pub struct Prepared<'a> {
    text: &'a str,
    ranges: Vec<Range<usize>>,
    ids: Vec<u32>,
    side: Side<'a>,
}

/// The numbers of the folded token keys of some [`Prepared`] texts: one per distinct key, so
/// two tokens have one number exactly when [`word_diff`] would find their keys equal.
#[derive(Default)]
pub struct Keys<'a>(FxHashMap<Cow<'a, str>, u32>);

impl<'a> Prepared<'a> {
    /// `text`, tokenised, its keys numbered in `keys`.
    pub fn new(text: &'a str, keys: &mut Keys<'a>) -> Self {
        let (ranges, folded) = tokens(text);
        let ids = folded
            .into_iter()
            .map(|key| {
                let next = keys.0.len() as u32;
                *keys.0.entry(key).or_insert(next)
            })
            .collect();
        Prepared { text, ranges, ids, side: Side::new(text) }
    }
}

/// [`word_diff`] of two prepared texts (numbered by the same [`Keys`]): the same spans.
pub fn prepared_diff(old: &Prepared<'_>, new: &Prepared<'_>) -> Vec<Span> {
    let ops = bounded_diff(Algorithm::Patience, &old.ids, &new.ids);
    spans(ops, (old.text, &old.ranges, &old.side), (new.text, &new.ranges, &new.side))
}

/// One side of a diff as [`spans`] reads it: the text, its tokens' byte ranges, its judge.
type Tokens<'s, 'a> = (&'a str, &'s [Range<usize>], &'s Side<'a>);

/// The spans of the diff operations `ops` between two tokenised texts.
fn spans(
    ops: Vec<similar::DiffOp>,
    (old, a, side_a): Tokens<'_, '_>,
    (new, b, side_b): Tokens<'_, '_>,
) -> Vec<Span> {
    let mut spans: Vec<Span> = Vec::new();
    for op in ops {
        let (tag, ra, rb) = op.as_tag_tuple();
        let old_range = byte_range(a, ra.clone(), old.len());
        let new_range = byte_range(b, rb.clone(), new.len());
        match tag {
            DiffTag::Equal => {
                // Equal keys may still differ in case or quote style: split those out, quietly.
                for (ta, tb) in a[ra].iter().zip(&b[rb]) {
                    let t = if old[ta.clone()] == new[tb.clone()] { Tag::Equal } else { Tag::Restyled };
                    push(
                        &mut spans,
                        Span { tag: t, old: ta.clone(), new: tb.clone(), weight: Weight::Quiet },
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

/// The changes of `word_diff(old, new)` as a reader should see them: each changed word weighed
/// on its own (a number, date, negation, quoted word or name is strong, any other word is
/// not), the spaces and marks between two changed words as the lesser of the two, and changes
/// of case or quote style quiet.
pub fn emphasis(old: &str, new: &str) -> Emphasis {
    let (side_a, side_b) = (Side::new(old), Side::new(new));
    let mut out = Emphasis::default();
    for s in word_diff(old, new) {
        match s.tag {
            Tag::Equal => {}
            Tag::Restyled => {
                out.old.push(Mark { range: s.old, weight: Weight::Quiet });
                out.new.push(Mark { range: s.new, weight: Weight::Quiet });
            }
            Tag::Delete => side_a.mark(s.old, &mut out.old),
            Tag::Insert => side_b.mark(s.new, &mut out.new),
        }
    }
    out
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

/// The word-bound tokens of `s`: their byte ranges and their folded keys.
fn tokens(s: &str) -> (Vec<Range<usize>>, Vec<Cow<'_, str>>) {
    s.split_word_bound_indices().map(|(i, w)| (i..i + w.len(), text::fold(w))).unzip()
}

fn byte_range(tokens: &[Range<usize>], r: Range<usize>, len: usize) -> Range<usize> {
    let start = tokens.get(r.start).map_or(len, |t| t.start);
    let end = if r.end == 0 { start } else { tokens.get(r.end - 1).map_or(len, |t| t.end) };
    start..end.max(start)
}

/// One side of a diff, with what judging its changes needs, worked out at most once.
struct Side<'a> {
    text: &'a str,
    quotes: Vec<Range<usize>>,
    /// Every word with its byte position, segmented on first need.
    words: OnceCell<Vec<(usize, &'a str)>>,
    /// Whether the text is written in Title Case, worked out on first need.
    title_case: OnceCell<bool>,
}

/// In a text where at least this share of the longer words after the first is capitalised,
/// a capital says nothing: a headline in Title Case, whose words are not all names.
const TITLE_CASE_SHARE: f32 = 0.75;

impl<'a> Side<'a> {
    fn new(text: &'a str) -> Self {
        Side { text, quotes: text::quote_regions(text), words: OnceCell::new(), title_case: OnceCell::new() }
    }

    /// Appends the marks of the changed stretch `r`, one per run of words of one weight.
    fn mark(&self, r: Range<usize>, out: &mut Vec<Mark>) {
        let tokens: Vec<(Range<usize>, Option<Weight>)> = self.text[r.clone()]
            .split_word_bound_indices()
            .map(|(i, w)| {
                let range = r.start + i..r.start + i + w.len();
                let weight = w.chars().any(char::is_alphanumeric).then(|| self.weigh_word(&range, w));
                (range, weight)
            })
            .collect();
        // The weight of the nearest word before each token, in one pass each way, so a long
        // coarse replacement stays linear.
        let mut before = Vec::with_capacity(tokens.len());
        let mut last = None;
        for (_, w) in &tokens {
            before.push(last);
            last = w.or(last);
        }
        let mut next = None;
        let mut weights = vec![Weight::Quiet; tokens.len()];
        for (k, (_, w)) in tokens.iter().enumerate().rev() {
            weights[k] = match (w, before[k], next) {
                (Some(w), _, _) => *w,
                // Between two changed words: the lesser, so "39 regions" is not loud on "regions".
                (None, Some(a), Some(b)) => a.min(b),
                // At the edge of the stretch: punctuation only.
                _ => Weight::Quiet,
            };
            next = w.or(next);
        }
        for ((range, _), weight) in tokens.into_iter().zip(weights) {
            match out.last_mut() {
                Some(m) if m.weight == weight && m.range.end == range.start => m.range.end = range.end,
                _ => out.push(Mark { range, weight }),
            }
        }
    }

    /// The weight of the one word `w` at `r`: what the reader's legend calls strong, else an
    /// ordinary word.
    fn weigh_word(&self, r: &Range<usize>, w: &str) -> Weight {
        if w.chars().any(|c| c.is_ascii_digit()) || text::number_word(w).is_some() || text::lower(w) == "one"
        {
            Weight::Number
        } else if text::month(w).is_some() || text::weekday(w).is_some() {
            Weight::Date
        } else if text::is_negation(w) || text::is_denial(w) {
            Weight::Negation
        } else if self.quotes.iter().any(|q| q.start <= r.start && r.end <= q.end) {
            Weight::Quote
        } else if self.is_name(r.start, w) {
            Weight::Name
        } else {
            Weight::Word
        }
    }

    /// Whether the word `w` at byte `at` reads as a name: capitalised where a capital is not
    /// owed to the start of a sentence or to Title Case (an acronym is a name even there), and
    /// not the pronoun "I".
    fn is_name(&self, at: usize, w: &str) -> bool {
        let mut chars = w.chars();
        if !chars.next().is_some_and(char::is_uppercase) || chars.next().is_none() {
            return false;
        }
        if w.chars().all(|c| !c.is_lowercase()) {
            return true;
        }
        let before = self.text[..at]
            .trim_end_matches(|c: char| c.is_whitespace() || text::is_quote_char(c) || "([‘'".contains(c));
        let starts_sentence = before.is_empty() || before.ends_with(['.', '!', '?']);
        !starts_sentence && !self.is_title_case()
    }

    /// Whether most longer words after the first are capitalised (see [`TITLE_CASE_SHARE`]).
    fn is_title_case(&self) -> bool {
        *self.title_case.get_or_init(|| {
            let long: Vec<&str> = self
                .text
                .unicode_words()
                .skip(1)
                .filter(|w| w.chars().count() >= 4 && w.starts_with(char::is_alphabetic))
                .collect();
            let capitalised = long.iter().filter(|w| w.starts_with(char::is_uppercase)).count();
            long.len() >= 3 && capitalised as f32 >= TITLE_CASE_SHARE * long.len() as f32
        })
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
    fn a_prepared_diff_is_the_word_diff() {
        let texts = [
            "The outage lasted 13 hours, officials said.",
            "Officials said the outage lasted \u{201c}15 hours\u{201d}.",
            "THE OUTAGE LASTED 13 HOURS — officials said",
            "",
            "the the the outage outage",
        ];
        let mut keys = Keys::default();
        let prepared: Vec<Prepared> = texts.iter().map(|t| Prepared::new(t, &mut keys)).collect();
        for (a, pa) in texts.iter().zip(&prepared) {
            for (b, pb) in texts.iter().zip(&prepared) {
                assert_eq!(prepared_diff(pa, pb), word_diff(a, b), "{a:?} vs {b:?}");
            }
        }
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

    /// The changed words of each side that `emphasis` makes strong, and those it does not.
    fn strong_and_weak(old: &str, new: &str) -> [(Vec<String>, Vec<String>); 2] {
        let e = emphasis(old, new);
        let split = |text: &str, marks: &[Mark]| {
            let words = |strong: bool| {
                marks
                    .iter()
                    .filter(|m| m.weight.is_strong() == strong && m.weight != Weight::Quiet)
                    .flat_map(|m| text[m.range.clone()].unicode_words().map(str::to_string))
                    .collect::<Vec<_>>()
            };
            (words(true), words(false))
        };
        [split(old, &e.old), split(new, &e.new)]
    }

    #[test]
    fn strong_lands_on_the_number_not_on_the_words_replaced_with_it() {
        let old = "The fire took down the old mill in their home town.";
        let new = "The fire destroyed one of two mills in Ohio, in the town.";
        let [(old_strong, old_weak), (new_strong, new_weak)] = strong_and_weak(old, new);
        assert!(old_strong.is_empty(), "{old_strong:?}");
        assert!(
            old_weak.contains(&"down".to_string()) && old_weak.contains(&"their".to_string()),
            "{old_weak:?}"
        );
        assert_eq!(new_strong, ["one", "two", "Ohio"]);
        assert!(new_weak.contains(&"mills".to_string()), "{new_weak:?}");
        // The stretch as a whole is still loud for the detectors that ask whether it matters.
        assert!(word_diff(old, new).iter().any(|s| s.tag == Tag::Insert && s.weight == Weight::Number));
    }

    #[test]
    fn a_scope_pair_singles_out_its_numbers() {
        let [(old_strong, old_weak), (new_strong, new_weak)] = strong_and_weak(
            "Power failed in 1 of 39 districts overnight.",
            "Power failed in one of two districts.",
        );
        assert_eq!(
            (old_strong, new_strong),
            (vec!["1".to_string(), "39".into()], vec!["one".to_string(), "two".into()])
        );
        assert_eq!(old_weak, ["overnight"]);
        assert!(new_weak.is_empty(), "{new_weak:?}");
    }

    #[test]
    fn dates_negations_quotes_and_names_are_strong_other_words_weak() {
        for (old, new, strong, weak) in [
            ("It opened on Monday.", "It opened on Tuesday.", vec!["Monday", "Tuesday"], vec![]),
            ("It opened in March.", "It opened in April.", vec!["March", "April"], vec![]),
            ("The mayor said it was safe.", "The mayor said it was not safe.", vec!["not"], vec![]),
            ("The mayor confirmed it.", "The mayor denied it.", vec!["denied"], vec!["confirmed"]),
            (
                "She called it \"a disgrace\".",
                "She called it \"a scandal\".",
                vec!["disgrace", "scandal"],
                vec![],
            ),
            ("Crews from Denver helped.", "Crews from Boulder helped.", vec!["Denver", "Boulder"], vec![]),
            ("The mayor said so.", "The mayor told us so.", vec![], vec!["said", "told", "us"]),
            // Sentence-initial capitals are not names; the pronoun I is not either.
            ("Crews came. Then it rained.", "Crews came. Later it rained.", vec![], vec!["Then", "Later"]),
            ("Then I left.", "Then we left.", vec![], vec!["I", "we"]),
        ] {
            let [(os, ow), (ns, nw)] = strong_and_weak(old, new);
            let got_strong: Vec<String> = os.into_iter().chain(ns).collect();
            let got_weak: Vec<String> = ow.into_iter().chain(nw).collect();
            assert_eq!(got_strong, strong, "{old} / {new}");
            assert_eq!(got_weak, weak, "{old} / {new}");
        }
    }

    #[test]
    fn title_case_capitals_are_not_names_but_acronyms_are() {
        let [(os, ow), (ns, nw)] =
            strong_and_weak("Mayor Defends City Budget Plan", "Mayor Attacks City Budget Plan From FBI");
        assert!(os.is_empty() && ow == ["Defends"], "{os:?} {ow:?}");
        assert_eq!((ns, nw), (vec!["FBI".to_string()], vec!["Attacks".to_string(), "From".into()]));
    }

    #[test]
    fn marks_cover_the_changes_and_case_is_quiet() {
        let old = "the Outage lasted 13 hours, engineers said.";
        let new = "The outage lasted 15 long hours, engineers said.";
        let e = emphasis(old, new);
        assert_eq!(e.old.iter().map(|m| &old[m.range.clone()]).collect::<Vec<_>>(), ["the", "Outage", "13"]);
        assert_eq!(e.old[0].weight, Weight::Quiet);
        let new_marks: Vec<(&str, Weight)> =
            e.new.iter().map(|m| (&new[m.range.clone()], m.weight)).collect();
        assert_eq!(
            new_marks,
            [
                ("The", Weight::Quiet),
                ("outage", Weight::Quiet),
                ("15", Weight::Number),
                (" long", Weight::Word)
            ]
        );
    }

    #[test]
    fn quoted_word_change_is_flagged() {
        let old = "The outages were \"entirely foreseeable\", he said.";
        let new = "The outages were \"entirely predictable\", he said.";
        let spans = word_diff(old, new);
        assert!(spans.iter().any(|s| s.tag == Tag::Delete && s.weight == Weight::Quote));
    }
}
