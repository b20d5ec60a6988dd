//! Typed discrepancies between the members of a claim: different numbers, dates, quotation
//! wording, negation or denial, attribution, and scope.
//!
//! Each kind compares what the members *state* (quantities of one thing, months and years,
//! quoted words, denial cues, credited sources, "N of M" extents) and reports a difference
//! only when both sides state the same sort of thing and disagree. Saying nothing is not
//! disagreeing: a reader stops trusting marks that are wrong, so precision comes first.
//!
//! Articles, not passages, take sides: an article's account is everything its members of the
//! claim state, so an article never disagrees with itself, and one that states both values
//! agrees with both sides and is party to neither. Every discrepancy lists its versions (each
//! account, the articles holding it and the bytes that say so); its `members` are their union.
//!
//! Every kind is one file behind the `Detector` trait: what a passage states of that kind and
//! when two statements disagree, with its tests. This file walks the claims, reads each
//! member's passage once for all kinds (`Passage`) and holds the grouping the kinds share. A
//! new kind is a new file, a line in `DETECTORS` and a row in [`DiscrepancyKind::TABLE`].

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::Hash;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

use crate::analysis::{Claim, Discrepancy, DiscrepancyKind, PassageRef, Span, Version, VersionMember};
use crate::corpus::{Article, Corpus};
use crate::hash::{FxHashMap, FxHashSet};
use crate::pipeline::progress::{Progress, Stage};
use crate::segment::PassageKind;
use crate::text;

mod attribution;
pub(crate) mod date;
mod negation;
mod number;
mod quote;
mod scope;
mod tense;

use attribution::Affiliations;
use date::ArticleDate;

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

type Run = fn(&[&Passage<'_>], &mut Found<'_>);

const fn entry<D: Detector>() -> Entry {
    Entry { kind: D::KIND, run: run::<D> }
}

fn run<D: Detector>(passages: &[&Passage<'_>], found: &mut Found<'_>) {
    let members: Vec<(PassageRef, D::Stated<'_>)> = passages.iter().map(|p| (p.at, D::read(p))).collect();
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

/// Passages before and after a member that a quotation opened or closed there may span.
const QUOTE_CONTEXT: usize = 2;

/// One member's passage, read once for every kind.
struct Passage<'a> {
    at: PassageRef,
    text: &'a str,
    /// File offset of `text`.
    start: usize,
    /// The part of `text` the member is in the claim for (offsets into `text`): what a kind
    /// reads as stated. Words outside it are context (a unit, a credited source).
    span: Range<usize>,
    /// Its kind (none for a passage the article lacks).
    kind: Option<PassageKind>,
    /// The article's date, which resolves "last year"; none for an undated article.
    date: Option<ArticleDate>,
    /// Its words (UAX #29) with their byte offsets.
    words: Vec<(usize, &'a str)>,
    /// The same words folded (lower case, straight quotes).
    folded: Vec<String>,
    /// The numbers it states, read once for the kinds that compare them.
    numbers: Vec<number::Reading>,
    /// Every year the passage names, inside its span or not, with its offset: what places a
    /// number in time even from outside the member's span.
    years: Vec<(i32, usize)>,
    /// Per word, whether it was read as part of a number ("million" in "5 million", "of
    /// two regions" in "one of two regions", "14" in "March 14"), which the kinds reading single
    /// words pass over.
    in_number: Vec<bool>,
    /// The quotations it takes part in, each read whole even when it opens or closes in a
    /// neighbouring sentence: file ranges (inner text) into `file`.
    quotes: Vec<Range<usize>>,
    /// The article's whole text, which `quotes` index.
    file: &'a str,
}

impl<'a> Passage<'a> {
    /// Passage `at` of `article`, a member of its claim for the file bytes `span`.
    fn of(article: &'a Article, at: PassageRef, span: Span, date: Option<ArticleDate>) -> Self {
        let Some(p) = article.passages.get(at.passage) else {
            return Self::read(
                at,
                "",
                None,
                date,
                Place { file: "", start: 0, span: 0..0, quotes: Vec::new() },
            );
        };
        let lo = article.passages[at.passage.saturating_sub(QUOTE_CONTEXT)].start;
        let hi = article.passages[(at.passage + QUOTE_CONTEXT).min(article.passages.len() - 1)].end;
        let quotes = text::quotations(&article.text[lo..hi])
            .into_iter()
            .map(|q| q.start + lo..q.end + lo)
            .filter(|q| q.start < p.end && q.end > p.start)
            .collect();
        // A span that misses the passage is no narrower part of it: read the whole.
        let span = if span.0 < span.1 && span.0 < p.end && span.1 > p.start {
            span.0.max(p.start) - p.start..span.1.min(p.end) - p.start
        } else {
            0..p.end - p.start
        };
        let place = Place { file: &article.text, start: p.start, span, quotes };
        Self::read(at, &article.text[p.range()], Some(p.kind), date, place)
    }

    /// Reads `text`, found at `place`, once for every kind.
    fn read(
        at: PassageRef,
        text: &'a str,
        kind: Option<PassageKind>,
        date: Option<ArticleDate>,
        place: Place<'a>,
    ) -> Self {
        let Place { file, start, span, quotes } = place;
        let words: Vec<(usize, &str)> = text.unicode_word_indices().collect();
        let folded: Vec<String> = words.iter().map(|(_, w)| text::fold_style(w)).collect();
        let headline = matches!(kind, Some(PassageKind::Title | PassageKind::Heading));
        let (numbers, in_number) = number::read_numbers(text, &words, &folded, headline);
        let years = numbers
            .iter()
            .filter_map(|r| match r {
                number::Reading::Year { year, at } => Some((*year, at.start)),
                _ => None,
            })
            .collect();
        let mut p = Passage {
            at,
            text,
            start,
            span,
            kind,
            date,
            words,
            folded,
            numbers,
            years,
            in_number,
            quotes,
            file,
        };
        p.numbers.retain(|r| r.range().start < p.span.end && r.range().end > p.span.start);
        p
    }

    /// Indices of the words read on their own (not part of a number).
    fn single_words(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.words.len()).filter(|&i| !self.in_number[i])
    }

    /// Whether words `k` and `k + 1` are in one phrase: nothing but spaces between them.
    fn joined(&self, k: usize) -> bool {
        self.words.get(k + 1).is_some_and(|&(next, _)| {
            let (at, w) = self.words[k];
            self.text[at + w.len()..next].chars().all(char::is_whitespace)
        })
    }

    /// Whether word `i` lies in the member's span.
    fn word_in_span(&self, i: usize) -> bool {
        let (at, w) = self.words[i];
        at < self.span.end && at + w.len() > self.span.start
    }

    /// File bytes of `range`, an offset range into the passage's text.
    fn file_span(&self, range: Range<usize>) -> Span {
        Span(self.start + range.start, self.start + range.end)
    }

    /// File bytes of word `i`.
    fn word_span(&self, i: usize) -> Span {
        let (at, w) = self.words[i];
        self.file_span(at..at + w.len())
    }

    /// File bytes of the member's span: where a statement as a whole is.
    fn member_span(&self) -> Span {
        self.file_span(self.span.clone())
    }

    /// Whether it is a heading or a question, which assert nothing to be contradicted.
    fn asserts_little(&self) -> bool {
        matches!(self.kind, Some(PassageKind::Title | PassageKind::Heading))
            || self.text.trim_end_matches(|c: char| text::is_quote_char(c) || c == ')').ends_with('?')
    }
}

/// Where a member's passage lies in its file: what the kinds need beyond its words.
struct Place<'a> {
    /// The article's whole text.
    file: &'a str,
    /// File offset of the passage.
    start: usize,
    /// The member's span, as offsets into the passage.
    span: Range<usize>,
    /// Its quotations, read whole: file ranges into `file`.
    quotes: Vec<Range<usize>>,
}

/// What every claim's comparison may consult about the whole corpus.
#[derive(Default)]
struct Context {
    /// Whom each person speaks for, as the corpus says ("Vancouver police Const. Tim Fanning").
    affiliations: Affiliations,
}

/// Where one kind reports what it finds in one claim.
struct Found<'a> {
    claim: usize,
    kind: DiscrepancyKind,
    context: &'a Context,
    out: &'a mut Vec<Discrepancy>,
    /// Findings merged by detail, reported in detail order when the kind is done.
    by_detail: BTreeMap<String, Vec<Version>>,
}

/// The one line a reader sees: the versions' values, `13 hours vs 15 hours`.
fn detail_of(versions: &[Version]) -> String {
    versions.iter().map(|v| v.value.as_str()).collect::<Vec<_>>().join(" vs ")
}

impl Found<'_> {
    /// Reports the disagreement between `versions`, if they come from two articles or more.
    fn report(&mut self, mut versions: Vec<Version>) {
        for v in &mut versions {
            v.members.sort_by_key(|m| (m.at, m.span));
            v.members.dedup();
        }
        let members: BTreeSet<PassageRef> =
            versions.iter().flat_map(|v| v.members.iter().map(|m| m.at)).collect();
        // Sorted by article first: two articles or more when the ends differ.
        if versions.len() >= 2 && members.first().map(|r| r.article) != members.last().map(|r| r.article) {
            self.out.push(Discrepancy {
                id: 0,
                kind: self.kind,
                claim: self.claim,
                members: members.into_iter().collect(),
                detail: detail_of(&versions),
                versions,
            });
        }
    }

    /// Adds `versions` to the finding with the same detail: pairs of groups that differ in the
    /// same way are one discrepancy with all their members ("\"error\" vs \"mistake\"" across
    /// twelve articles).
    fn merge(&mut self, versions: Vec<Version>) {
        let merged = self.by_detail.entry(detail_of(&versions)).or_default();
        for v in versions {
            match merged.iter_mut().find(|m| m.value == v.value) {
                Some(m) => m.members.extend(v.members),
                None => merged.push(v),
            }
        }
    }

    fn flush(mut self) {
        for (_, versions) in std::mem::take(&mut self.by_detail) {
            self.report(versions);
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
    let dates: Vec<Option<ArticleDate>> = corpus.articles.par_iter().map(date::article_date).collect();
    let context = Context { affiliations: Affiliations::of(corpus, claims) };
    // A passage stating several facts is a member of several claims: it is read once.
    let mut places: Vec<(PassageRef, Span)> =
        claims.iter().flat_map(|c| c.members.iter().map(|m| (m.at, m.span))).collect();
    places.sort_unstable();
    places.dedup();
    let read: Vec<Option<Passage>> = places
        .par_iter()
        .map(|&(at, span)| {
            let art = corpus.articles.get(at.article)?;
            // A dateline or timestamp line states when the article appeared, not a fact.
            Some(Passage::of(art, at, span, dates[at.article])).filter(|p| !date::is_timestamp(p))
        })
        .collect();
    let found: Vec<Vec<Discrepancy>> = claims
        .par_iter()
        .map(|claim| {
            let passages: Vec<&Passage> = claim
                .members
                .iter()
                .filter_map(|m| places.binary_search(&(m.at, m.span)).ok().and_then(|i| read[i].as_ref()))
                .collect();
            let mut out = Vec::new();
            detect_claim(claim.id, &passages, &context, &mut out);
            let d = done.fetch_add(1, Ordering::Relaxed) + 1;
            if d.is_multiple_of(64) || d == total {
                progress(Progress { stage: Stage::Discrepancies, done: d, total });
            }
            out
        })
        .collect();
    // Tens of thousands of passages own their words: freed in parallel, not on one thread.
    read.into_par_iter().for_each(drop);
    numbered(drop_repeats(found.into_iter().flatten().collect()))
}

/// The discrepancies of `claims` when only the claims `again` changed since `kept` was found
/// (their claim numbers already those of `claims`): those claims are searched afresh and the
/// rest kept, which gives what [`detect`] gives as long as `again` also holds every claim that
/// shares a passage with a changed one, before or after the change (only they can repeat one
/// another's findings, see [`drop_repeats`]). How a correction of one claim costs one claim.
pub fn detect_again(
    corpus: &Corpus,
    claims: &[Claim],
    again: &[usize],
    kept: Vec<Discrepancy>,
) -> Vec<Discrepancy> {
    let dates: Vec<Option<ArticleDate>> = corpus.articles.par_iter().map(date::article_date).collect();
    let context = Context { affiliations: Affiliations::of(corpus, claims) };
    let found: Vec<Vec<Discrepancy>> = again
        .par_iter()
        .filter_map(|&c| claims.get(c))
        .map(|claim| in_claim(corpus, &dates, &context, claim))
        .collect();
    let mut all: Vec<Discrepancy> = kept.into_iter().chain(found.into_iter().flatten()).collect();
    // The order a full pass finds them in: by claim, then as each claim's detectors report.
    all.sort_by_key(|d| d.claim);
    numbered(drop_repeats(all))
}

/// Every discrepancy inside one claim, its passages read for it alone (a few claims searched
/// again after a correction; a full pass reads each passage once for all its claims).
fn in_claim(
    corpus: &Corpus,
    dates: &[Option<ArticleDate>],
    context: &Context,
    claim: &Claim,
) -> Vec<Discrepancy> {
    let passages: Vec<Passage> = claim
        .members
        .iter()
        .filter_map(|m| {
            let art = corpus.articles.get(m.at.article)?;
            Some(Passage::of(art, m.at, m.span, dates[m.at.article]))
        })
        // A dateline or timestamp line states when the article appeared, not a fact.
        .filter(|p| !date::is_timestamp(p))
        .collect();
    let mut out = Vec::new();
    detect_claim(claim.id, &passages.iter().collect::<Vec<_>>(), context, &mut out);
    out
}

/// `found` with their ids, `D1`, `D2`, … in order.
fn numbered(mut found: Vec<Discrepancy>) -> Vec<Discrepancy> {
    for (id, d) in found.iter_mut().enumerate() {
        d.id = id;
    }
    found
}

/// Runs every kind over the members of one claim.
fn detect_claim(claim: usize, passages: &[&Passage<'_>], context: &Context, out: &mut Vec<Discrepancy>) {
    for detector in DETECTORS {
        let mut found =
            Found { claim, kind: detector.kind, context, out: &mut *out, by_detail: BTreeMap::new() };
        (detector.run)(passages, &mut found);
        found.flush();
    }
}

/// Drops every discrepancy that another of its kind already says: each of its values held by
/// the same bytes there. A passage in several claims (it states several facts) would otherwise
/// show one disagreement once per claim.
fn drop_repeats(found: Vec<Discrepancy>) -> Vec<Discrepancy> {
    type Said<'a> = (DiscrepancyKind, &'a str, PassageRef, Span);
    fn said(d: &Discrepancy) -> FxHashSet<(&str, PassageRef, Span)> {
        d.versions
            .iter()
            .flat_map(|v| v.members.iter().map(move |m| (v.value.as_str(), m.at, m.span)))
            .collect()
    }
    // No result depends on a set's order (any element finds the sets holding it), so the
    // cheap hasher serves, and the sets are built in parallel.
    let sets: Vec<FxHashSet<(&str, PassageRef, Span)>> = found.par_iter().map(said).collect();
    // Largest first, so a repeat meets the fuller discrepancy it repeats.
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(sets[i].len()), i));
    let mut kept_with: FxHashMap<Said<'_>, Vec<usize>> = FxHashMap::default();
    let mut keep = vec![false; found.len()];
    for i in order {
        let kind = found[i].kind;
        let repeats = sets[i].iter().next().is_some_and(|&(v, at, span)| {
            kept_with
                .get(&(kind, v, at, span))
                .is_some_and(|ks| ks.iter().any(|&k| sets[i].is_subset(&sets[k])))
        });
        if !repeats {
            keep[i] = true;
            for &(v, at, span) in &sets[i] {
                kept_with.entry((kind, v, at, span)).or_default().push(i);
            }
        }
    }
    drop(kept_with);
    drop(sets);
    found.into_iter().zip(keep).filter_map(|(d, k)| k.then_some(d)).collect()
}

/// Most distinct wordings each wording is compared with: the commonest ones.
const REFERENCE_GROUPS: usize = 12;

/// Which pairs of groups to compare, `(x, y)` with `x < y`, given each group's size: all of
/// them when there are few, else each group with the [`REFERENCE_GROUPS`] largest. In a claim
/// told a thousand ways, a wording that differs from what most articles say is the finding;
/// comparing every rare wording with every other would cost a million comparisons and bury it.
fn group_pairs(sizes: &[usize]) -> Vec<(usize, usize)> {
    let all = |n: usize| (0..n).flat_map(move |x| (x + 1..n).map(move |y| (x, y)));
    if sizes.len() <= REFERENCE_GROUPS {
        return all(sizes.len()).collect();
    }
    let mut by_size: Vec<usize> = (0..sizes.len()).collect();
    by_size.sort_by_key(|&g| (std::cmp::Reverse(sizes[g]), g));
    let mut reference = vec![false; sizes.len()];
    for &g in &by_size[..REFERENCE_GROUPS] {
        reference[g] = true;
    }
    all(sizes.len()).filter(|&(x, y)| reference[x] || reference[y]).collect()
}

/// How many passages of the commoner side a discrepancy between two wordings names.
const COMMON_SIDE_NAMED: usize = 8;

/// How many members of each side of a discrepancy between groups of `a` and `b` members to
/// name: all of the rarer side, and the first [`COMMON_SIDE_NAMED`] of the commoner. When one
/// outlet words a quotation differently from four hundred others, the finding is that outlet;
/// the claim lists the four hundred.
fn named(a: usize, b: usize) -> (usize, usize) {
    let common = COMMON_SIDE_NAMED.max(a.min(b));
    if a <= b { (a, common.min(b)) } else { (common.min(a), b) }
}

/// A value one member states: the key it is compared by, how a reader sees it, and where.
#[derive(Debug, Clone)]
struct Value<K> {
    key: K,
    shown: String,
    span: Span,
}

/// The accounts of one fact, article by article: an article's account is the set of values its
/// members state, and two articles disagree when no value of one agrees with a value of the
/// other. The versions are the accounts of the articles party to some disagreement, in order of
/// first appearance, each shown as its values and holding every member's bytes that state them;
/// none when fewer than two accounts disagree.
///
/// `related` says whether two members speak of the same thing at all; two accounts disagree
/// only through a related pair.
fn versions_by_article<K: Ord + Clone + Hash>(
    stated: &[(PassageRef, Vec<Value<K>>)],
    agree: impl Fn(&K, &K) -> bool,
    related: impl Fn(PassageRef, PassageRef) -> bool,
) -> Option<Vec<Version>> {
    type Said<'v, K> = (BTreeSet<K>, Vec<(PassageRef, &'v Value<K>)>);
    let mut by_article: BTreeMap<usize, Said<'_, K>> = BTreeMap::new();
    for (r, values) in stated {
        for v in values {
            let (keys, said) = by_article.entry(r.article).or_default();
            keys.insert(v.key.clone());
            said.push((*r, v));
        }
    }
    let mut index: HashMap<&BTreeSet<K>, usize> = HashMap::new();
    let mut accounts: Vec<(&BTreeSet<K>, Vec<&Said<'_, K>>)> = Vec::new();
    for said in by_article.values() {
        let a = *index.entry(&said.0).or_insert_with(|| {
            accounts.push((&said.0, Vec::new()));
            accounts.len() - 1
        });
        accounts[a].1.push(said);
    }
    let sizes: Vec<usize> = accounts.iter().map(|(_, arts)| arts.len()).collect();
    let mut party = vec![false; accounts.len()];
    // A few members of each account tell whether they speak of one thing.
    let refs = |a: usize| {
        accounts[a].1.iter().flat_map(|(_, said)| said.iter().map(|(r, _)| *r)).take(COMMON_SIDE_NAMED)
    };
    for (x, y) in group_pairs(&sizes) {
        let disjoint = !accounts[x].0.iter().any(|a| accounts[y].0.iter().any(|b| agree(a, b)));
        if disjoint && refs(x).any(|a| refs(y).any(|b| related(a, b))) {
            party[x] = true;
            party[y] = true;
        }
    }
    let versions: Vec<Version> = accounts
        .iter()
        .zip(party)
        .filter(|(_, p)| *p)
        .map(|((keys, arts), _)| {
            let said = || arts.iter().flat_map(|(_, said)| said);
            // Each value once, as first stated.
            let mut shown: Vec<(&K, &str)> = Vec::with_capacity(keys.len());
            for (_, v) in said() {
                if !shown.iter().any(|(k, _)| **k == v.key) {
                    shown.push((&v.key, &v.shown));
                }
            }
            let value = shown.iter().map(|(_, s)| *s).collect::<Vec<_>>().join(", ");
            Version { value, members: said().map(|&(at, v)| VersionMember { at, span: v.span }).collect() }
        })
        .collect();
    (versions.len() >= 2).then_some(versions)
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

/// Helpers for the kinds' tests: each text a sentence of its own article.
#[cfg(test)]
mod testing {
    use super::*;

    /// `text` as passage 0 of article `article`, dated `date`, with no neighbours.
    pub fn passage_in(article: usize, text: &str, date: Option<ArticleDate>) -> Passage<'_> {
        let at = PassageRef { article, passage: 0 };
        let quotes = text::quotations(text);
        let place = Place { file: text, start: 0, span: 0..text.len(), quotes };
        Passage::read(at, text, Some(PassageKind::Sentence), date, place)
    }

    /// `text` as an undated sentence.
    pub fn passage(text: &str) -> Passage<'_> {
        passage_in(0, text, None)
    }

    /// The discrepancies between undated sentences, each of its own article.
    pub fn run(texts: &[&str]) -> Vec<Discrepancy> {
        run_dated(&texts.iter().map(|t| (*t, None)).collect::<Vec<_>>())
    }

    /// The discrepancies between sentences, each of its own article with its date.
    pub fn run_dated(texts: &[(&str, Option<ArticleDate>)]) -> Vec<Discrepancy> {
        let passages: Vec<_> = texts.iter().enumerate().map(|(a, (t, d))| passage_in(a, t, *d)).collect();
        run_passages(&passages)
    }

    /// The discrepancies between passages read beforehand.
    pub fn run_passages(passages: &[Passage<'_>]) -> Vec<Discrepancy> {
        let mut out = Vec::new();
        detect_claim(0, &passages.iter().collect::<Vec<_>>(), &Context::default(), &mut out);
        out
    }

    pub fn kinds(d: &[Discrepancy]) -> Vec<DiscrepancyKind> {
        d.iter().map(|d| d.kind).collect()
    }

    /// The details of the discrepancies of one kind.
    pub fn details(d: &[Discrepancy], kind: DiscrepancyKind) -> Vec<&str> {
        d.iter().filter(|d| d.kind == kind).map(|d| d.detail.as_str()).collect()
    }

    /// Each version of `d` as its value and the articles holding it.
    pub fn sides(d: &Discrepancy) -> Vec<(&str, Vec<usize>)> {
        d.versions
            .iter()
            .map(|v| {
                let mut articles: Vec<usize> = v.members.iter().map(|m| m.at.article).collect();
                articles.dedup();
                (v.value.as_str(), articles)
            })
            .collect()
    }

    /// The text of every version member's span, version by version (the passages are their own
    /// files, so a span indexes the passage's text).
    pub fn spans<'t>(d: &Discrepancy, texts: &[&'t str]) -> Vec<Vec<&'t str>> {
        d.versions
            .iter()
            .map(|v| v.members.iter().map(|m| &texts[m.at.article][m.span.range()]).collect())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{kinds, run, sides, spans};
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
            "\"Small but entirely foreseeable,\" police said of 13 hours in one of two regions on Monday.",
            "\"Small, but entirely predictable,\" the company said of 15 hours in one of 39 regions on Tuesday.",
        ]);
        let (number, scope, date) = (DiscrepancyKind::Number, DiscrepancyKind::Scope, DiscrepancyKind::Date);
        let (quote, attribution) = (DiscrepancyKind::Quote, DiscrepancyKind::Attribution);
        assert_eq!(kinds(&d), [number, scope, date, quote, attribution], "{d:?}");
    }

    #[test]
    fn versions_say_who_says_what_and_where() {
        let texts = [
            "It hit one of 39 regions.",
            "It hit one of its 39 geographic regions.",
            "It hit one of two regions in China.",
            "It hit one of AWS's two regions.",
            "It hit a single region.",
        ];
        let d = run(&texts);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(sides(&d[0]), [("1 of 39 regions", vec![0, 1]), ("1 of 2 regions", vec![2, 3])]);
        assert_eq!(d[0].detail, "1 of 39 regions vs 1 of 2 regions");
        // The article that states no extent is party to neither side.
        assert!(d[0].members.iter().all(|m| m.article != 4));
        let said = spans(&d[0], &texts);
        assert_eq!(
            said,
            [
                vec!["one of 39 regions", "one of its 39 geographic regions"],
                vec!["one of two regions", "one of AWS's two regions"]
            ]
        );
        let members: Vec<PassageRef> =
            d[0].versions.iter().flat_map(|v| v.members.iter().map(|m| m.at)).collect();
        assert_eq!(d[0].members, members, "members are the union of the versions' members");
    }

    #[test]
    fn an_article_stating_both_values_takes_no_side() {
        let d = run(&[
            "The ship was 150 nautical miles from Aden; a destroyer 13 nautical miles away answered.",
            "The ship was 150 nautical miles from Aden.",
        ]);
        assert!(d.is_empty(), "{d:?}");
        let d = run(&[
            "It lasted 13 hours.",
            "It lasted 15 hours.",
            "It lasted 13 hours, or 15 hours by some counts.",
        ]);
        assert_eq!(sides(&d[0]), [("13 hours", vec![0]), ("15 hours", vec![1])]);
    }

    #[test]
    fn a_member_states_what_its_span_holds() {
        // The first passage is in the claim for its first clause only: its days are another fact.
        let first = "Five miners died, and the mine closed for 13 days.";
        let place = Place { file: first, start: 0, span: 0..16, quotes: Vec::new() };
        let narrow = Passage::read(PassageRef { article: 0, passage: 0 }, first, None, None, place);
        let whole = testing::passage_in(1, "Six miners died, and the mine closed for 15 days.", None);
        let d = testing::run_passages(&[narrow, whole]);
        assert_eq!(d.iter().map(|d| d.detail.as_str()).collect::<Vec<_>>(), ["5 dead vs 6 dead"]);
    }

    #[test]
    fn a_disagreement_seen_from_two_claims_is_listed_once() {
        let corpus_text = ["Two cables were cut on Friday.", "Three cables were cut on Friday."];
        let texts: Vec<Passage> =
            corpus_text.iter().enumerate().map(|(a, t)| testing::passage_in(a, t, None)).collect();
        let texts: Vec<&Passage> = texts.iter().collect();
        let mut out = Vec::new();
        detect_claim(0, &texts, &Context::default(), &mut out);
        detect_claim(1, &texts, &Context::default(), &mut out);
        assert_eq!(out.len(), 2);
        let kept = drop_repeats(out);
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].claim, 0);
    }
}
