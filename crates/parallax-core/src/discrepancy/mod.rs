//! Typed discrepancies between the members of a claim: different numbers, dates, quotation
//! wording, negation or denial, attribution, and scope.
//!
//! Each kind compares what the members *state* (quantities with their units, months and
//! years, quoted words, denial cues, credited sources, "N of M" extents) and reports a
//! difference only when both sides state the same sort of thing and disagree. Saying nothing
//! is not disagreeing: a reader stops trusting marks that are wrong, so precision comes first.
//!
//! Every kind is one file behind the `Detector` trait: what a passage states of that kind and
//! when two statements disagree, with its tests. This file walks the claims, reads each
//! member's passage once for all kinds (`Passage`) and holds the grouping the kinds share. A
//! new kind is a new file, a line in `DETECTORS` and a row in [`DiscrepancyKind::TABLE`].

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

use crate::analysis::{Claim, Discrepancy, DiscrepancyKind, PassageRef};
use crate::corpus::Corpus;
use crate::pipeline::progress::{Progress, Stage};
use crate::segment::PassageKind;
use crate::text;

mod attribution;
mod date;
mod negation;
mod number;
mod quote;
mod scope;

/// One kind of discrepancy: what a member states of it, and when two members disagree.
trait Detector {
    /// The kind it finds.
    const KIND: DiscrepancyKind;
    /// What one member states of this kind; may borrow from its passage.
    type Stated<'p>;
    /// Reads what `passage` states of this kind.
    fn read<'p>(passage: &'p Passage<'_>) -> Self::Stated<'p>;
    /// Reports where the members of one claim disagree.
    fn compare(members: &[(PassageRef, Self::Stated<'_>)], found: &mut Found<'_>);
}

/// A kind as the driver runs it: [`Detector::read`] every member, then [`Detector::compare`].
struct Entry {
    kind: DiscrepancyKind,
    run: Run,
}

type Run = fn(&[(PassageRef, Passage<'_>)], &mut Found<'_>);

const fn entry<D: Detector>() -> Entry {
    Entry { kind: D::KIND, run: run::<D> }
}

fn run<D: Detector>(passages: &[(PassageRef, Passage<'_>)], found: &mut Found<'_>) {
    let members: Vec<(PassageRef, D::Stated<'_>)> = passages.iter().map(|(r, p)| (*r, D::read(p))).collect();
    D::compare(&members, found);
}

/// Every kind, in the order a claim's discrepancies are listed (which the JSON's ids follow).
const DETECTORS: &[Entry] = &[
    entry::<number::Numbers>(),
    entry::<scope::Scopes>(),
    entry::<date::Dates>(),
    entry::<quote::Quotes>(),
    entry::<negation::Negations>(),
    entry::<attribution::Attributions>(),
];

/// One member's passage, read once for every kind.
struct Passage<'a> {
    text: &'a str,
    /// Its kind (none for a passage the article lacks).
    kind: Option<PassageKind>,
    /// The article's year, which resolves "last year".
    year: Option<i32>,
    /// Its words (UAX #29) with their byte offsets.
    words: Vec<(usize, &'a str)>,
    /// The same words folded (lower case, straight quotes).
    folded: Vec<String>,
    /// The numbers it states, read once for the kinds that compare them.
    numbers: Vec<number::Reading>,
    /// Per word, whether it was read as the tail of a number ("million" in "5 million", "of
    /// two regions" in "one of two regions"), which the kinds reading single words pass over.
    in_number: Vec<bool>,
}

impl<'a> Passage<'a> {
    fn new(text: &'a str, kind: Option<PassageKind>, year: Option<i32>) -> Self {
        let words: Vec<(usize, &str)> = text.unicode_word_indices().collect();
        let folded: Vec<String> = words.iter().map(|(_, w)| text::fold_style(w)).collect();
        let (numbers, in_number) = number::read_numbers(text, &words, &folded);
        Passage { text, kind, year, words, folded, numbers, in_number }
    }

    /// Indices of the words read on their own (not the tail of a number).
    fn single_words(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.words.len()).filter(|&i| !self.in_number[i])
    }
}

/// Where one kind reports what it finds in one claim.
struct Found<'a> {
    claim: usize,
    kind: DiscrepancyKind,
    out: &'a mut Vec<Discrepancy>,
    /// Findings merged by detail, reported in detail order when the kind is done.
    by_detail: BTreeMap<String, BTreeSet<PassageRef>>,
}

impl Found<'_> {
    /// Reports `refs` disagreeing as `detail`, if they come from two articles or more.
    fn report(&mut self, refs: BTreeSet<PassageRef>, detail: String) {
        // Sorted by article first: two articles or more when the ends differ.
        if refs.first().map(|r| r.article) != refs.last().map(|r| r.article) {
            let members = refs.into_iter().collect();
            self.out.push(Discrepancy {
                id: 0,
                kind: self.kind,
                claim: self.claim,
                members,
                detail,
                versions: Vec::new(),
            });
        }
    }

    /// Adds `refs` to the finding `detail`: pairs that differ in the same way are one
    /// discrepancy with all their members ("\"error\" vs \"mistake\"" across twelve articles).
    fn merge(&mut self, detail: String, refs: impl IntoIterator<Item = PassageRef>) {
        self.by_detail.entry(detail).or_default().extend(refs);
    }

    fn flush(mut self) {
        for (detail, refs) in std::mem::take(&mut self.by_detail) {
            self.report(refs, detail);
        }
    }
}

/// Finds every discrepancy inside every claim.
pub fn detect(corpus: &Corpus, claims: &[Claim]) -> Vec<Discrepancy> {
    detect_with_progress(corpus, claims, &|_| {})
}

/// [`detect`], claims in parallel, reporting how many claims are done.
pub fn detect_with_progress(
    corpus: &Corpus,
    claims: &[Claim],
    progress: &(dyn Fn(Progress) + Sync),
) -> Vec<Discrepancy> {
    let total = claims.len();
    let done = AtomicUsize::new(0);
    progress(Progress { stage: Stage::Discrepancies, done: 0, total });
    let found: Vec<Vec<Discrepancy>> = claims
        .par_iter()
        .map(|claim| {
            let passages: Vec<(PassageRef, Passage)> = claim
                .members
                .iter()
                .map(|m| {
                    let art = &corpus.articles[m.at.article];
                    let year = art.meta.date.as_deref().and_then(|d| d.get(..4)).and_then(|y| y.parse().ok());
                    let kind = art.passages.get(m.at.passage).map(|p| p.kind);
                    (m.at, Passage::new(art.passage_text(m.at.passage), kind, year))
                })
                .collect();
            let mut out = Vec::new();
            detect_claim(claim.id, &passages, &mut out);
            let d = done.fetch_add(1, Ordering::Relaxed) + 1;
            if d.is_multiple_of(64) || d == total {
                progress(Progress { stage: Stage::Discrepancies, done: d, total });
            }
            out
        })
        .collect();
    let mut out: Vec<Discrepancy> = found.into_iter().flatten().collect();
    out.dedup_by(|a, b| {
        a.claim == b.claim && a.kind == b.kind && a.members == b.members && a.detail == b.detail
    });
    for (id, d) in out.iter_mut().enumerate() {
        d.id = id;
    }
    out
}

/// Runs every kind over the members of one claim.
fn detect_claim(claim: usize, passages: &[(PassageRef, Passage<'_>)], out: &mut Vec<Discrepancy>) {
    for detector in DETECTORS {
        let mut found = Found { claim, kind: detector.kind, out: &mut *out, by_detail: BTreeMap::new() };
        (detector.run)(passages, &mut found);
        found.flush();
    }
}

/// The members grouped by what `key` says they state, groups in order of first appearance;
/// members stating nothing are left out.
fn group_by<S, K: Eq + std::hash::Hash + Clone>(
    members: &[(PassageRef, S)],
    key: impl Fn(&S) -> Option<K>,
) -> Vec<(K, Vec<PassageRef>)> {
    let mut index: HashMap<K, usize> = HashMap::new();
    let mut groups: Vec<(K, Vec<PassageRef>)> = Vec::new();
    for (r, s) in members {
        if let Some(k) = key(s) {
            let g = *index.entry(k.clone()).or_insert_with(|| {
                groups.push((k, Vec::new()));
                groups.len() - 1
            });
            groups[g].1.push(*r);
        }
    }
    groups
}

/// Most distinct wordings each wording is compared with: the commonest ones.
const REFERENCE_GROUPS: usize = 12;

/// Which pairs of groups to compare, `(x, y)` with `x < y`: all of them when there are few,
/// else each group with the [`REFERENCE_GROUPS`] largest. In a claim told a thousand ways, a
/// wording that differs from what most articles say is the finding; comparing every rare
/// wording with every other would cost a million comparisons and bury it.
fn group_pairs<K>(groups: &[(K, Vec<PassageRef>)]) -> Vec<(usize, usize)> {
    let all = |n: usize| (0..n).flat_map(move |x| (x + 1..n).map(move |y| (x, y)));
    if groups.len() <= REFERENCE_GROUPS {
        return all(groups.len()).collect();
    }
    let mut by_size: Vec<usize> = (0..groups.len()).collect();
    by_size.sort_by_key(|&g| (std::cmp::Reverse(groups[g].1.len()), g));
    let mut reference = vec![false; groups.len()];
    for &g in &by_size[..REFERENCE_GROUPS] {
        reference[g] = true;
    }
    all(groups.len()).filter(|&(x, y)| reference[x] || reference[y]).collect()
}

/// How many passages of the commoner side a discrepancy between two wordings names.
const COMMON_SIDE_NAMED: usize = 8;

/// The passages a discrepancy between two groups names: all of the rarer side, and the first
/// [`COMMON_SIDE_NAMED`] of the commoner. When one outlet words a quotation differently from
/// four hundred others, the finding is that outlet; the claim lists the four hundred.
fn named<'a>(a: &'a [PassageRef], b: &'a [PassageRef]) -> impl Iterator<Item = PassageRef> + 'a {
    let (rare, common) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    rare.iter().chain(common.iter().take(COMMON_SIDE_NAMED.max(rare.len()))).copied()
}

/// Whether some member of `a` and some member of `b` come from different articles.
fn across_articles(a: &[PassageRef], b: &[PassageRef]) -> bool {
    let first = a.first().or(b.first()).map(|r| r.article);
    a.iter().chain(b).any(|r| Some(r.article) != first)
}

/// Groups the members by what `view` says they state and reports a disagreement when two
/// articles state sets that share nothing. Members that state nothing are left out.
fn disagreement<S>(
    members: &[(PassageRef, S)],
    view: impl Fn(&S) -> Option<BTreeSet<String>>,
) -> Option<(BTreeSet<PassageRef>, String)> {
    let stated = group_by(members, |s| view(s).filter(|v| !v.is_empty()));
    let mut refs = BTreeSet::new();
    let mut sides: Vec<&BTreeSet<String>> = Vec::new();
    for (x, (va, ga)) in stated.iter().enumerate() {
        for (vb, gb) in &stated[x + 1..] {
            if va.is_disjoint(vb) && across_articles(ga, gb) {
                refs.extend(ga.iter().chain(gb));
                for v in [va, vb] {
                    if !sides.contains(&v) {
                        sides.push(v);
                    }
                }
            }
        }
    }
    if refs.is_empty() {
        return None;
    }
    let detail: Vec<String> =
        sides.iter().map(|s| s.iter().cloned().collect::<Vec<_>>().join(", ")).collect();
    Some((refs, detail.join(" vs ")))
}

/// Singular, lower-case form of a unit or source word ("hours" → "hour", "companies" →
/// "company").
fn singular(w: &str) -> String {
    let w = w.to_lowercase();
    if let Some(s) = w.strip_suffix("ies").filter(|s| s.len() > 2) {
        format!("{s}y")
    } else if w.ends_with("ss") || w.len() <= 3 {
        w
    } else if let Some(s) = w.strip_suffix('s') {
        s.to_string()
    } else {
        w
    }
}

/// Helpers for the kinds' tests: each text a sentence of its own article, dated 2026.
#[cfg(test)]
mod testing {
    use super::*;

    pub fn passage(text: &str) -> Passage<'_> {
        Passage::new(text, Some(PassageKind::Sentence), Some(2026))
    }

    pub fn run(texts: &[&str]) -> Vec<Discrepancy> {
        let passages: Vec<_> = texts
            .iter()
            .enumerate()
            .map(|(article, t)| (PassageRef { article, passage: 0 }, passage(t)))
            .collect();
        let mut out = Vec::new();
        detect_claim(0, &passages, &mut out);
        out
    }

    pub fn kinds(d: &[Discrepancy]) -> Vec<DiscrepancyKind> {
        d.iter().map(|d| d.kind).collect()
    }

    /// The details of the discrepancies of one kind.
    pub fn details(d: &[Discrepancy], kind: DiscrepancyKind) -> Vec<&str> {
        d.iter().filter(|d| d.kind == kind).map(|d| d.detail.as_str()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{kinds, run};
    use super::*;

    #[test]
    fn every_kind_has_one_detector() {
        let mut detected: Vec<DiscrepancyKind> = DETECTORS.iter().map(|d| d.kind).collect();
        detected.sort();
        assert_eq!(detected, DiscrepancyKind::ALL);
    }

    #[test]
    fn the_kinds_table_gives_the_json_names() {
        for k in DiscrepancyKind::ALL {
            assert_eq!(k.info().kind, k);
            assert_eq!(serde_json::to_value(k).ok(), Some(serde_json::Value::from(k.name())));
        }
    }

    #[test]
    fn the_readme_lists_the_kinds_of_the_table() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md");
        let readme = std::fs::read_to_string(path).unwrap();
        let readme = readme.split_whitespace().collect::<Vec<_>>().join(" ");
        let sentence = "`kind` of a discrepancy is one of ";
        let at = readme.find(sentence).map(|at| at + sentence.len()).expect("the JSON contract's sentence");
        let list = &readme[at..readme[at..].find(';').map_or(readme.len(), |end| at + end)];
        let listed: Vec<&str> = list.split(", ").map(|n| n.trim_matches('`')).collect();
        let table: Vec<&str> = DiscrepancyKind::ALL.iter().map(|k| k.name()).collect();
        assert_eq!(listed, table, "the README's JSON contract lists other kinds than the table");
    }

    #[test]
    fn kinds_are_listed_numbers_scopes_and_dates_first() {
        let d = run(&[
            "\"Small but entirely foreseeable,\" police said of 13 hours in one of two regions in May.",
            "\"Small, but entirely predictable,\" the company said of 15 hours in one of 39 regions in June.",
        ]);
        let (number, scope, date) = (DiscrepancyKind::Number, DiscrepancyKind::Scope, DiscrepancyKind::Date);
        let (quote, attribution) = (DiscrepancyKind::Quote, DiscrepancyKind::Attribution);
        assert_eq!(kinds(&d), [number, scope, date, quote, attribution], "{d:?}");
    }
}
