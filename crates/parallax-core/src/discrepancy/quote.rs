//! Quotations: the same quotation in other words, `"foreseeable" vs "predictable"`.
//!
//! A quotation cut shorter, restyled or respelled is the same quotation; one that changes a
//! whole phrase is another quotation, not this one reworded.

use std::collections::{BTreeSet, HashMap};

use unicode_segmentation::UnicodeSegmentation;

use super::{Detector, Found, Passage, across_articles, group_by, group_pairs, named};
use crate::analysis::{DiscrepancyKind, PassageRef};
use crate::{diff, text};

/// The quotation kind: the same quotation worded differently in two articles.
pub(super) struct Quotes;

impl Detector for Quotes {
    const KIND: DiscrepancyKind = DiscrepancyKind::Quote;
    /// The quoted stretches, as written.
    type Stated<'p> = Vec<&'p str>;

    fn read<'p>(passage: &'p Passage<'_>) -> Vec<&'p str> {
        text::quote_regions(passage.text).into_iter().map(|r| &passage.text[r]).collect()
    }

    /// Members quoting the same stretches are compared once, as a group.
    fn compare(members: &[(PassageRef, Vec<&str>)], found: &mut Found<'_>) {
        let by_quotes = group_by(members, |s| (!s.is_empty()).then(|| s.clone()));
        // Wordings share quotations ("a" and "a, b"): each quotation is prepared once, and each
        // pair of quotations compared once.
        let mut quotes: Vec<Quote> = Vec::new();
        let mut quote_ids: HashMap<&str, usize> = HashMap::new();
        let prepared: Vec<Vec<usize>> = by_quotes
            .iter()
            .map(|(texts, _)| {
                texts
                    .iter()
                    .map(|&q| {
                        *quote_ids.entry(q).or_insert_with(|| {
                            quotes.push(Quote::new(q));
                            quotes.len() - 1
                        })
                    })
                    .collect()
            })
            .collect();
        let mut compared: HashMap<(usize, usize), Option<String>> = HashMap::new();
        for (x, y) in group_pairs(&by_quotes) {
            let (ga, gb) = (&by_quotes[x].1, &by_quotes[y].1);
            if !across_articles(ga, gb) {
                continue;
            }
            let first_difference = prepared[x]
                .iter()
                .flat_map(|&a| prepared[y].iter().map(move |&b| (a, b)))
                .find_map(|(a, b)| {
                    compared.entry((a, b)).or_insert_with(|| quote_difference(&quotes[a], &quotes[b])).clone()
                });
            if let Some(detail) = first_difference {
                found.merge(detail, named(ga, gb));
            }
        }
    }
}

/// A quotation with what the comparison needs, worked out once per wording.
struct Quote<'a> {
    text: &'a str,
    /// Its folded words of three letters or more.
    content: BTreeSet<String>,
    /// Its folded words, space-separated.
    normalised: String,
}

impl<'a> Quote<'a> {
    fn new(text: &'a str) -> Self {
        Quote {
            text,
            content: text.unicode_words().map(text::fold_style).filter(|w| w.len() > 2).collect(),
            normalised: text.unicode_words().map(text::fold_style).collect::<Vec<_>>().join(" "),
        }
    }
}

/// When two quotations are the same passage in different words, the words that differ.
fn quote_difference(a: &Quote<'_>, b: &Quote<'_>) -> Option<String> {
    let (Quote { text: qa, content: ca, normalised: na }, Quote { text: qb, content: cb, normalised: nb }) =
        (a, b);
    if ca.len() < 2 || cb.len() < 2 {
        return None;
    }
    let shared = ca.intersection(cb).count();
    let overlap = shared as f32 / ca.len().min(cb.len()) as f32;
    // A quote cut shorter is the same quote; so is one differing only in style.
    if overlap < 0.5 || shared < 2 || na.contains(nb.as_str()) || nb.contains(na.as_str()) {
        return None;
    }
    let spans = diff::word_diff(qa, qb);
    // The same quotation reworded: mostly the same words in the same order, a few changed.
    let same: usize = spans
        .iter()
        .filter(|s| matches!(s.tag, diff::Tag::Equal | diff::Tag::Restyled))
        .map(|s| qa[s.old.clone()].unicode_words().count())
        .sum();
    let shorter = qa.unicode_words().count().min(qb.unicode_words().count());
    if (same as f32) < 0.6 * shorter as f32 {
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
    let old: Vec<&str> = spans
        .iter()
        .filter(|s| s.tag == diff::Tag::Delete && s.weight != diff::Weight::Quiet)
        .map(|s| qa[s.old.clone()].trim_matches(|c: char| !c.is_alphanumeric()))
        .collect();
    let new: Vec<&str> = spans
        .iter()
        .filter(|s| s.tag == diff::Tag::Insert && s.weight != diff::Weight::Quiet)
        .map(|s| qb[s.new.clone()].trim_matches(|c: char| !c.is_alphanumeric()))
        .collect();
    // Spelling variants ("authorisation") are style, not wording.
    let old: Vec<&str> = old
        .into_iter()
        .filter(|x| !x.is_empty() && !new.iter().any(|y| text::is_spelling_variant(x, y)))
        .collect();
    let new: Vec<&str> = new
        .into_iter()
        .filter(|y| !y.is_empty() && !old.iter().any(|x| text::is_spelling_variant(x, y)))
        .collect();
    // A rewording changes a word that carries meaning; "vs" against "not" is noise from
    // two quotations that only look alike.
    let meaningful = |v: &[&str]| v.iter().any(|w| w.unicode_words().any(|x| x.chars().count() > 3));
    // …and changes words, not whole phrases: "error" against "specifically misconfigured
    // access controls" is another quotation, not this one reworded, while "found … any …
    // information" against "data" is a misquote word by word.
    let words = |v: &[&str]| v.iter().map(|w| w.unicode_words().count()).sum::<usize>();
    let longest = |v: &[&str]| v.iter().map(|w| w.unicode_words().count()).max().unwrap_or(0);
    let (wo, wn) = (words(&old), words(&new));
    let bigger = if wo >= wn { &old } else { &new };
    let lopsided = wo > 0 && wn > 0 && wo.max(wn) > 2 * wo.min(wn) && longest(bigger) >= 2;
    if (old.is_empty() && new.is_empty())
        || old.len().max(new.len()) > 4
        || wo.max(wn) > 6
        || lopsided
        || !(meaningful(&old) || meaningful(&new))
    {
        return None;
    }
    let side = |v: &[&str]| {
        if v.is_empty() { "—".to_string() } else { format!("\"{}\"", v.join(" … ")) }
    };
    Some(format!("{} vs {}", side(&old), side(&new)))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{details, kinds, run};
    use super::*;

    #[test]
    fn reworded_quote() {
        let d = run(&[
            "The outages were \"small but entirely foreseeable,\" he said.",
            "He said the outages were \u{201c}small, but entirely predictable\u{201d}.",
        ]);
        assert_eq!(kinds(&d), vec![DiscrepancyKind::Quote]);
        assert_eq!(d[0].detail, "\"foreseeable\" vs \"predictable\"");
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
    fn function_word_changes_in_quotes_are_not_rewordings() {
        let d =
            run(&["It was \"user error vs AI error\" again.", "It was \"user error, not AI error\" again."]);
        assert!(details(&d, DiscrepancyKind::Quote).is_empty(), "{d:?}");
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
