//! Quotations: the same quotation in other words, `"foreseeable" vs "predictable"`.
//!
//! A quotation is read whole, even when it opens or closes in a neighbouring sentence of its
//! article (`"Small. But entirely foreseeable," he said` is one quotation across two passages).
//! A quotation cut shorter, restyled or respelled is the same quotation, unless it ends its
//! sentence where the other's goes on ("…his cuffs hurt." against "…his cuffs hurt, but he
//! was following orders."); one that changes a whole phrase is another quotation, not this one
//! reworded. An article that quotes both
//! wordings takes neither side.

use std::collections::BTreeSet;
use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::{Detector, Found, Passage, group_pairs, named};
use crate::analysis::{DiscrepancyKind, PassageRef, Span, Version, VersionMember};
use crate::hash::{FxHashMap, FxHashSet};
use crate::lexicon::STOPWORDS;
use crate::{diff, text};

/// A quotation a member takes part in.
#[derive(Debug, Clone)]
pub(super) struct Quoted<'p> {
    /// The quotation, whole.
    text: &'p str,
    /// Its file bytes.
    at: Range<usize>,
    /// The file bytes of the member's passage, which its version spans stay inside.
    passage: Range<usize>,
}

/// The quotation kind: the same quotation worded differently in two articles.
pub(super) struct Quotes;

impl Detector for Quotes {
    const KIND: DiscrepancyKind = DiscrepancyKind::Quote;
    type Stated<'p> = Vec<Quoted<'p>>;

    fn read<'p>(p: &'p Passage<'_>) -> Vec<Quoted<'p>> {
        let span = p.start + p.span.start..p.start + p.span.end;
        p.quotes
            .iter()
            .filter(|q| q.start < span.end && q.end > span.start)
            .map(|q| Quoted {
                text: &p.file[q.clone()],
                at: q.clone(),
                passage: p.start..p.start + p.text.len(),
            })
            .collect()
    }

    /// Each wording is compared with the commonest others, once.
    fn compare(members: &[(PassageRef, Vec<Quoted<'_>>)], found: &mut Found<'_>) {
        // Each wording once, with the members quoting it and their articles. (The maps and
        // sets here are looked up, never walked: the cheap hasher cannot change a result.)
        let mut wordings: Vec<Wording> = Vec::new();
        let mut index: FxHashMap<&str, usize> = FxHashMap::default();
        let mut keys = diff::Keys::default();
        for (r, quoted) in members {
            for q in quoted {
                let w = *index.entry(q.text).or_insert_with(|| {
                    wordings.push(Wording {
                        quote: Quote::new(q.text, &mut keys),
                        said: Vec::new(),
                        articles: BTreeSet::new(),
                    });
                    wordings.len() - 1
                });
                wordings[w].said.push((*r, q));
                wordings[w].articles.insert(r.article);
            }
        }
        // The articles quoting each wording in any style: they take no side against it.
        let mut styled: FxHashMap<&str, BTreeSet<usize>> = FxHashMap::default();
        for w in &wordings {
            styled.entry(w.quote.normalised.as_str()).or_default().extend(&w.articles);
        }
        let sizes: Vec<usize> = wordings.iter().map(|w| w.articles.len()).collect();
        for (x, y) in group_pairs(&sizes) {
            let (a, b) = (&wordings[x], &wordings[y]);
            let only = |w: &Wording, other: &Wording| -> Vec<usize> {
                let also = &styled[other.quote.normalised.as_str()];
                w.articles.iter().copied().filter(|art| !also.contains(art)).collect()
            };
            let (ga, gb) = (only(a, b), only(b, a));
            if ga.is_empty() || gb.is_empty() {
                continue;
            }
            if let Some(d) = quote_difference(&a.quote, &b.quote) {
                let (na, nb) = named(ga.len(), gb.len());
                let side = |w: &Wording, arts: &[usize], words: &[Range<usize>]| Version {
                    value: shown(w.quote.text, words),
                    members: w
                        .said
                        .iter()
                        .filter(|(at, _)| arts.contains(&at.article))
                        .map(|(at, quoted)| VersionMember { at: *at, span: version_span(quoted, words) })
                        .collect(),
                };
                found.merge(vec![side(a, &ga[..na], &d.old), side(b, &gb[..nb], &d.new)]);
            }
        }
    }
}

/// One wording of a quotation in a claim, and who quotes it so.
struct Wording<'q> {
    quote: Quote<'q>,
    said: Vec<(PassageRef, &'q Quoted<'q>)>,
    articles: BTreeSet<usize>,
}

/// A side of a rewording as a reader sees it: the words it has that the other lacks, or `—`.
fn shown(quote: &str, words: &[Range<usize>]) -> String {
    if words.is_empty() {
        "—".to_string()
    } else {
        format!("\"{}\"", words.iter().map(|w| &quote[w.clone()]).collect::<Vec<_>>().join(" … "))
    }
}

/// The file bytes of a version: its differing words, else the whole quotation, kept inside
/// the member's passage (a quotation read whole may run into a neighbouring sentence).
fn version_span(q: &Quoted<'_>, words: &[Range<usize>]) -> Span {
    let (start, end) = match (words.first(), words.last()) {
        (Some(f), Some(l)) => (q.at.start + f.start, q.at.start + l.end),
        _ => (q.at.start, q.at.end),
    };
    if start < q.passage.end && end > q.passage.start {
        Span(start, end)
    } else {
        Span(q.at.start.max(q.passage.start), q.at.end.min(q.passage.end))
    }
}

/// A quotation with what the comparison needs, worked out once per wording.
struct Quote<'a> {
    text: &'a str,
    /// Its folded words of three letters or more.
    content: BTreeSet<String>,
    /// Its folded words, space-separated.
    normalised: String,
    /// Its folded words.
    words: Vec<String>,
    /// The same, as a set.
    vocabulary: FxHashSet<String>,
    /// Its words' [`letters`], word by word: what [`restyled`] compares.
    letters: Vec<String>,
    /// It cut into diff tokens, for the diffs against every other wording.
    tokens: diff::Prepared<'a>,
}

impl<'a> Quote<'a> {
    fn new(text: &'a str, keys: &mut diff::Keys<'a>) -> Self {
        let words: Vec<String> = text.unicode_words().map(text::fold_style).collect();
        Quote {
            text,
            content: words.iter().filter(|w| w.len() > 2).cloned().collect(),
            normalised: words.join(" "),
            vocabulary: words.iter().cloned().collect(),
            letters: words.iter().map(|w| letters(w)).collect(),
            words,
            tokens: diff::Prepared::new(text, keys),
        }
    }
}

/// Where two wordings of one quotation differ: the words each has instead of the other's
/// (offsets into each quotation).
#[derive(Debug, Clone)]
struct Difference {
    old: Vec<Range<usize>>,
    new: Vec<Range<usize>>,
}

/// `range` of `s` without the punctuation and spaces at its ends.
fn trimmed(s: &str, range: Range<usize>) -> Range<usize> {
    let part = &s[range.clone()];
    let start = range.start + (part.len() - part.trim_start_matches(|c: char| !c.is_alphanumeric()).len());
    let end = range.start + part.trim_end_matches(|c: char| !c.is_alphanumeric()).len();
    start..end.max(start)
}

/// Whether a changed stretch of one quotation is only another style of words of the other:
/// each of its words a spelling variant of one there or two of them run together, or zeros.
fn restyled(changed: &str, other: &Quote<'_>) -> bool {
    let theirs = &other.words;
    let run_together = letters(changed);
    let joins = |w: &str, p: &[String]| {
        w.len() == p[0].len() + p[1].len() && w.starts_with(p[0].as_str()) && w.ends_with(p[1].as_str())
    };
    other.letters.contains(&run_together)
        || changed.unicode_words().all(|w| {
            let w = text::fold_style(w);
            let near = |t: &&String| t.len().abs_diff(w.len()) <= 2;
            let run = letters(&w);
            // Cheapest first; the spelling variants, which measure edit distances, last.
            w.chars().all(|c| c == '0')
                || other.vocabulary.contains(&w)
                || theirs.windows(2).any(|p| joins(&run, p))
                || theirs.iter().filter(near).any(|t| text::is_spelling_variant(&w, t))
        })
}

/// The letters and digits of `s`, lower-cased: what is left when style is taken away.
fn letters(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Whether a changed word carries meaning: not a function word ("were", "that"), not a
/// clock's zero minutes ("6:00" against "6").
fn meaningful(w: &str) -> bool {
    w.chars().count() > 3 && !STOPWORDS.contains(&text::fold(w)) && !w.chars().all(|c| c == '0')
}

/// Most words a side of a rewording changes: more is another quotation.
const MOST_CHANGED_WORDS: usize = 6;
/// Least share of the shorter quotation's words a rewording keeps, in order.
const KEPT: f32 = 0.6;

/// When two quotations are the same passage in different words, the words that differ.
fn quote_difference<'q>(a: &Quote<'q>, b: &Quote<'q>) -> Option<Difference> {
    let (
        Quote { text: qa, content: ca, normalised: na, .. },
        Quote { text: qb, content: cb, normalised: nb, .. },
    ) = (a, b);
    if ca.len() < 2 || cb.len() < 2 {
        return None;
    }
    if let Some(d) = closed_early(a, b) {
        return Some(d);
    }
    let shared = ca.intersection(cb).count();
    let overlap = shared as f32 / ca.len().min(cb.len()) as f32;
    // A quote cut shorter is the same quote; so is one differing only in style.
    if overlap < 0.5 || shared < 2 || na.contains(nb.as_str()) || nb.contains(na.as_str()) {
        return None;
    }
    // Before the diff, which is the costly part: a rewording keeps most of the shorter
    // quotation's words and changes at most a few.
    let (short, long) = if a.words.len() <= b.words.len() { (a, b) } else { (b, a) };
    let missing = short.words.iter().filter(|w| !long.vocabulary.contains(w.as_str())).count();
    if missing > MOST_CHANGED_WORDS
        || ((short.words.len() - missing) as f32) < KEPT * short.words.len() as f32
    {
        return None;
    }
    let spans = diff::prepared_diff(&a.tokens, &b.tokens);
    // The same quotation reworded: mostly the same words in the same order, a few changed.
    let same: usize = spans
        .iter()
        .filter(|s| matches!(s.tag, diff::Tag::Equal | diff::Tag::Restyled))
        .map(|s| qa[s.old.clone()].unicode_words().count())
        .sum();
    let shorter = a.words.len().min(b.words.len());
    if (same as f32) < KEPT * shorter as f32 {
        return None;
    }
    // Changes before the first or after the last shared word only cut the quote
    // elsewhere; the rewording is what differs in between.
    let first = spans.iter().position(|s| s.tag == diff::Tag::Equal && !qa[s.old.clone()].trim().is_empty());
    let last = spans.iter().rposition(|s| s.tag == diff::Tag::Equal && !qa[s.old.clone()].trim().is_empty());
    let (Some(first), Some(last)) = (first, last) else { return None };
    // …unless both sides change there: then it is a rewording at the edge.
    let two_sided = |part: &[diff::Span]| {
        let loud = |t| part.iter().any(|s| s.tag == t && s.weight != diff::Weight::Quiet);
        loud(diff::Tag::Delete) && loud(diff::Tag::Insert)
    };
    let from = if two_sided(&spans[..first]) { 0 } else { first };
    let to = if two_sided(&spans[last + 1..]) { spans.len() - 1 } else { last };
    let spans = &spans[from..=to];
    let changed = |tag: diff::Tag, text: &str, range: fn(&diff::Span) -> Range<usize>| -> Vec<Range<usize>> {
        spans
            .iter()
            .filter(|s| s.tag == tag && s.weight != diff::Weight::Quiet)
            .map(|s| trimmed(text, range(s)))
            .filter(|r| !r.is_empty())
            .collect()
    };
    let old = changed(diff::Tag::Delete, qa, |s| s.old.clone());
    let new = changed(diff::Tag::Insert, qb, |s| s.new.clone());
    // Spelling variants ("authorisation"), words run together ("Police'locked") and a clock's
    // zero minutes are style, not wording.
    let old: Vec<Range<usize>> = old.into_iter().filter(|x| !restyled(&qa[x.clone()], b)).collect();
    let new: Vec<Range<usize>> = new.into_iter().filter(|y| !restyled(&qb[y.clone()], a)).collect();
    let words_of = |v: &[Range<usize>], s: &str| {
        v.iter().map(|r| s[r.clone()].unicode_words().count()).collect::<Vec<_>>()
    };
    // A rewording changes a word that carries meaning; "vs" against "not" is noise from
    // two quotations that only look alike.
    let carries =
        |v: &[Range<usize>], s: &str| v.iter().any(|r| s[r.clone()].unicode_words().any(meaningful));
    // …and changes words, not whole phrases: "error" against "specifically misconfigured
    // access controls" is another quotation, not this one reworded, while "found … any …
    // information" against "data" is a misquote word by word.
    let (co, cn) = (words_of(&old, qa), words_of(&new, qb));
    let (wo, wn) = (co.iter().sum::<usize>(), cn.iter().sum::<usize>());
    let longest = |c: &[usize]| c.iter().copied().max().unwrap_or(0);
    let bigger = if wo >= wn { &co } else { &cn };
    let lopsided = wo > 0 && wn > 0 && wo.max(wn) > 2 * wo.min(wn) && longest(bigger) >= 2;
    // A phrase one side leaves out is the quotation cut, like one cut at an end; a single
    // word left out may be a misquote.
    let cut = (wo == 0 || wn == 0) && longest(bigger) >= 2;
    if (old.is_empty() && new.is_empty())
        || old.len().max(new.len()) > 4
        || wo.max(wn) > MOST_CHANGED_WORDS
        || lopsided
        || cut
        || !(carries(&old, qa) || carries(&new, qb))
    {
        return None;
    }
    Some(Difference { old, new })
}

/// When one quotation is the other's opening but ends its sentence where the other's goes on
/// ("…his cuffs hurt." against "…his cuffs hurt, but he was following orders."): the words it
/// drops, on the other's side. Stopping where the other's sentence also ends is only a cut.
fn closed_early<'a>(a: &Quote<'a>, b: &Quote<'a>) -> Option<Difference> {
    let (short, long) = if a.words.len() < b.words.len() { (a, b) } else { (b, a) };
    if short.words.is_empty()
        || long.words.len() <= short.words.len()
        || !long.words.starts_with(&short.words)
    {
        return None;
    }
    let (at, last) = long.text.unicode_word_indices().nth(short.words.len() - 1)?;
    let end = at + last.len();
    let goes_on = long.text[end..].trim_start().starts_with([',', ';']);
    if !(short.text.trim_end().ends_with(['.', '!', '?']) && goes_on) {
        return None;
    }
    let dropped = vec![trimmed(long.text, end..long.text.len())];
    Some(if std::ptr::eq(short, a) {
        Difference { old: Vec::new(), new: dropped }
    } else {
        Difference { old: dropped, new: Vec::new() }
    })
}

#[cfg(test)]
mod tests {
    use super::super::testing::{details, kinds, run, run_passages, sides, spans};
    use super::super::{Passage, PassageKind, Place};
    use super::*;

    #[test]
    fn reworded_quote() {
        let texts = [
            "The outages were \"small but entirely foreseeable,\" he said.",
            "He said the outages were \u{201c}small, but entirely predictable\u{201d}.",
        ];
        let d = run(&texts);
        assert_eq!(kinds(&d), vec![DiscrepancyKind::Quote]);
        assert_eq!(d[0].detail, "\"foreseeable\" vs \"predictable\"");
        assert_eq!(spans(&d[0], &texts), [vec!["foreseeable"], vec!["predictable"]]);
    }

    #[test]
    fn a_quotation_closed_where_the_other_goes_on() {
        let d = run(&[
            "\"The crew was tired, they had worked all night, but they kept the pumps going.\"",
            "\"The crew was tired, they had worked all night.\"",
        ]);
        assert_eq!(details(&d, DiscrepancyKind::Quote), ["\"but they kept the pumps going\" vs —"], "{d:?}");
        // Cut where the other's sentence ends too, or before a comma of its own, is a cut.
        let d = run(&["\"The crew was tired. They had worked all night.\"", "\"The crew was tired.\""]);
        assert!(d.is_empty(), "{d:?}");
        let d = run(&[
            "\"The crew was tired, they had worked all night,\" he said.",
            "\"The crew was tired,\" he said.",
        ]);
        assert!(d.is_empty(), "{d:?}");
    }

    /// A file and its passages, cut where `|` stands.
    fn split_passages(file: &str) -> (String, Vec<Range<usize>>) {
        let mut text = String::new();
        let mut ranges = Vec::new();
        for part in file.split('|') {
            let start = text.len();
            text.push_str(part);
            ranges.push(start..text.len());
        }
        (text, ranges)
    }

    #[test]
    fn a_quotation_over_two_sentences_is_read_whole() {
        // The quotation opens in one sentence and closes in the next; only the second is in
        // the claim.
        let (file, ranges) =
            split_passages("He called the outages \"small. |But entirely foreseeable,\" he said.");
        let quotes = text::quotations(&file);
        let second = ranges[1].clone();
        let place = Place { file: &file, start: second.start, span: 0..second.len(), quotes };
        let at = PassageRef { article: 0, passage: 1 };
        let split = Passage::read(at, &file[second.clone()], Some(PassageKind::Sentence), None, place);
        let other = "They were \u{201c}small, but entirely predictable\u{201d}, he said.";
        let whole = super::super::testing::passage_in(1, other, None);
        let d = run_passages(&[split, whole]);
        assert_eq!(details(&d, DiscrepancyKind::Quote), ["\"foreseeable\" vs \"predictable\""], "{d:?}");
        // The version's bytes are the differing word, in the member's own passage.
        let m = d[0].versions[0].members[0];
        assert_eq!(&file[m.span.range()], "foreseeable");
        assert_eq!(m.at.passage, 1);
    }

    #[test]
    fn an_article_quoting_both_wordings_takes_no_side() {
        let d = run(&[
            "He said it was \"small but entirely foreseeable\".",
            "He said it was \"small but entirely predictable\".",
            "He said it was \"small but entirely predictable\", or \"small but entirely foreseeable\".",
        ]);
        assert_eq!(sides(&d[0]), [("\"foreseeable\"", vec![0]), ("\"predictable\"", vec![1])], "{d:?}");
    }

    #[test]
    fn a_misquote_word_by_word_is_kept_but_another_quotation_is_not() {
        let d = run(&[
            "\"We have found no evidence that any patient information has been misused,\" Lumora said.",
            "The company said, \"We have no evidence that patient data has been misused.\"",
        ]);
        assert_eq!(kinds(&d), vec![DiscrepancyKind::Quote], "{d:?}");
        let d = run(&[
            "\"The outage was caused by error and not by the AI agent,\" the company said.",
            "\"The outage was caused by misconfigured access controls and not by the AI agent,\" it said.",
        ]);
        assert!(details(&d, DiscrepancyKind::Quote).is_empty(), "{d:?}");
    }

    #[test]
    fn shortened_quote_is_not_a_discrepancy() {
        let d =
            run(&["It was \"an extremely limited event\" in one region.", "It was \"extremely limited\"."]);
        assert!(details(&d, DiscrepancyKind::Quote).is_empty(), "{d:?}");
    }

    #[test]
    fn function_word_and_typography_changes_are_not_rewordings() {
        let d =
            run(&["It was \"user error vs AI error\" again.", "It was \"user error, not AI error\" again."]);
        assert!(details(&d, DiscrepancyKind::Quote).is_empty(), "{d:?}");
        let d = run(&[
            "\"There were a dozen other people who were there for a party,\" he said.",
            "\"There a dozen other people who were there for a party,\" he said.",
        ]);
        assert!(details(&d, DiscrepancyKind::Quote).is_empty(), "{d:?}");
        let d = run(&[
            "\"Police locked down the neighbourhood until just after 6 p.m.,\" she said.",
            "\"Police'locked down' the neighborhood until just after 6:00 p.m.,\" she said.",
        ]);
        assert!(details(&d, DiscrepancyKind::Quote).is_empty(), "{d:?}");
    }

    #[test]
    fn a_phrase_left_out_is_a_cut_but_a_word_may_be_a_misquote() {
        let d = run(&[
            "It was \"user error, not AI error\", the company said.",
            "It said: \"This was user error, specifically misconfigured access controls, not AI error.\"",
        ]);
        assert!(details(&d, DiscrepancyKind::Quote).is_empty(), "{d:?}");
        let d = run(&[
            "It said \"numerous safeguards were put in place\" after the outage.",
            "It said \"numerous additional safeguards were put in place\" after the outage.",
        ]);
        assert_eq!(details(&d, DiscrepancyKind::Quote), ["— vs \"additional\""]);
    }

    #[test]
    fn quote_cut_elsewhere_reports_only_the_rewording() {
        let d = run(&[
            "\"The issue was a misconfigured role, the same issue that could occur with any tool,\" it said.",
            "It said \"the same problem could occur with any tool\".",
        ]);
        assert_eq!(details(&d, DiscrepancyKind::Quote), vec!["\"issue that\" vs \"problem\""]);
    }
}
