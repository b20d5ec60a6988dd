//! Aligning passages across articles into claims.
//!
//! 1. Every passage comes as a TF-IDF vector of stems, numbers, months and corpus-learned
//!    acronyms, computed by the stage before ([`crate::features`], run by [`crate::pipeline`]).
//! 2. Candidate pairs come from an inverted index that accumulates dot products while walking
//!    the postings ([`candidates`]), so the cost grows with the overlap between passages, not
//!    with the square of their number, and stays within a fixed budget on huge corpora.
//! 3. A pair's similarity is the cosine of the vectors, lowered when the two passages name
//!    different months or share no number although both state some: two incidents told with the
//!    same words are different facts.
//! 4. Claims are grown by average-linkage clustering ([`linkage`]): two groups merge only while
//!    the mean similarity over *all* their pairs stays above the threshold. A chain of weak links
//!    cannot merge different facts, and two passages of one article count as an unlinked pair,
//!    which keeps an article's different sentences apart.
//! 5. Big corpora are clustered in blocks of whole articles, in parallel; each block's claims
//!    then become single nodes (the sum of their passage vectors) and are clustered again, with
//!    the same mean-similarity rule computed from the sums. A thousand retellings of one story
//!    cost about ten times what a hundred do, instead of a hundred times. Corpora that fit one
//!    block (every corpus of a few dozen articles) are clustered in one exact pass.

mod candidates;
mod joins;
mod linkage;
mod span;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::analysis::{Claim, Config, Evidence, EvidenceKind, Member, PassageRef};
use crate::features::{self, Features, TermKind, Vector};
use crate::hash::{FxHashMap, FxHashSet};
use crate::pipeline::progress::{Progress, Stage};

/// Pairs below this fraction of the link threshold are not kept as edges at all.
const EDGE_FLOOR: f32 = 0.5;
/// Factor applied when both passages name months and none is shared.
const MONTH_CONFLICT: f32 = 0.5;
/// Factor applied when both passages state numbers and none is shared.
const NUMBER_CONFLICT: f32 = 0.85;
/// Factor applied when months and numbers both conflict: another incident, told alike.
/// (0.25 while names and numbers weighed 1.5: with every term weighing alike, the words the
/// two incidents share count for more, and 0.25 let "In December the outage lasted 13 hours"
/// and "In October … 15 hours" link.)
const BOTH_CONFLICT: f32 = 0.15;
/// Factor applied when only one term is shared.
const SINGLE_TERM: f32 = 0.5;
/// Bounds of the story-context factor (see [`apply_story_context`]).
const CONTEXT_MIN: f32 = 0.25;
const CONTEXT_MAX: f32 = 2.0;
/// Link threshold between groups of passages, as a multiple of the passage link threshold.
/// Between groups the linkage is the raw mean cosine of all their pairs; between passages,
/// pairs below the edge floor or outside each other's best matches count as zero, so the same
/// pair of facts scores several times lower there. Measured on 1,000 generated articles
/// (`examples/scale_eval.rs`): factor 1 gives pair F1 0.571, 4 gives 0.655, against 0.721 for
/// one exact pass over all of them (which takes 109 s); see BENCHMARKS.md.
const GROUP_THRESHOLD_FACTOR: f32 = 4.0;
/// How many pieces of evidence a member shows at most.
const EVIDENCE_MAX: usize = 6;

/// A scored pair of nodes `(i, j, similarity)`, `i < j`. Indices are `u32`: a block holds
/// hundreds of thousands of edges, and half the bytes is half the memory traffic.
pub(crate) type Edge = (u32, u32, f32);

/// What the clustering works on: one passage at the first level, a claim found in one block
/// at the levels above. Keeping the *sum* of the passage vectors (as a unit vector and its
/// length) makes the mean similarity between two groups one dot product.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    /// Unit-length direction of the sum of the member passages' vectors.
    pub vector: Vec<(u32, f32)>,
    /// Length of that sum (1 for a passage with terms).
    pub mass: f32,
    /// Numbers and months stated by any member, for conflict checks.
    pub numbers: Vec<u32>,
    pub months: Vec<u32>,
    /// One bit per number and per month (term id mod 64): two nodes whose bits do not meet
    /// share none, which settles most conflict checks without reading the lists.
    number_bits: u64,
    month_bits: u64,
    /// Member passages per article, sorted by article.
    pub articles: Vec<(usize, usize)>,
    /// Nodes of one group are never linked: one article at the first level, one block above.
    pub group: usize,
    /// Member passages, as indices into the flat list of the corpus's passages.
    pub passages: Vec<u32>,
    /// Passages that joined as a second claim; not part of the sums.
    pub extra: Vec<u32>,
}

impl Node {
    /// Member passages (second claims aside).
    pub fn size(&self) -> usize {
        self.passages.len()
    }

    /// A single passage of `article`.
    pub fn passage(
        vector: Vec<(u32, f32)>,
        numbers: Vec<u32>,
        months: Vec<u32>,
        article: usize,
        id: u32,
    ) -> Node {
        let mass = vector.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        Node {
            vector,
            mass,
            number_bits: bits(&numbers),
            month_bits: bits(&months),
            numbers,
            months,
            articles: vec![(article, 1)],
            group: article,
            passages: vec![id],
            extra: Vec::new(),
        }
    }

    /// One node for the union of `parts` (not empty), with second-claim members `extra`.
    /// Joining nodes drops the second claims they had: those were judged against one block's
    /// claim, not against the claim it now joins (a recheck against a thousand members would
    /// drop them too).
    fn merge(mut parts: Vec<Node>, extra: Vec<u32>) -> Node {
        if parts.len() == 1 {
            let mut node = parts.remove(0);
            node.extra.extend(extra);
            return node;
        }
        let mut sum: Vec<(u32, f32)> =
            parts.iter().flat_map(|p| p.vector.iter().map(move |&(t, w)| (t, w * p.mass))).collect();
        sum.sort_unstable_by_key(|&(t, _)| t);
        let mut vector: Vec<(u32, f32)> = Vec::with_capacity(sum.len());
        for (t, w) in sum {
            match vector.last_mut() {
                Some(last) if last.0 == t => last.1 += w,
                _ => vector.push((t, w)),
            }
        }
        let mass = vector.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if mass > 0.0 {
            for t in &mut vector {
                t.1 /= mass;
            }
        }
        let union = |pick: fn(&Node) -> &Vec<u32>| {
            let mut all: Vec<u32> = parts.iter().flat_map(|p| pick(p).iter().copied()).collect();
            all.sort_unstable();
            all.dedup();
            all
        };
        let numbers = union(|p| &p.numbers);
        let months = union(|p| &p.months);
        let mut articles: BTreeMap<usize, usize> = BTreeMap::new();
        for p in &parts {
            for &(a, c) in &p.articles {
                *articles.entry(a).or_default() += c;
            }
        }
        let mut node = Node {
            vector,
            mass,
            number_bits: bits(&numbers),
            month_bits: bits(&months),
            numbers,
            months,
            articles: articles.into_iter().collect(),
            group: 0,
            passages: Vec::new(),
            extra,
        };
        for p in parts {
            node.passages.extend(p.passages);
        }
        node
    }
}

/// Aligns the passages described by `features` into claims, sorted by where they first
/// appear, reporting progress as blocks of articles are done.
pub fn align(features: &Features, config: &Config, progress: &(dyn Fn(Progress) + Sync)) -> Vec<Claim> {
    let refs = passage_refs(features);
    let groups = cluster(passage_nodes(features), features, config, progress);
    let mut claims: Vec<Claim> = groups
        .par_iter()
        .filter_map(|node| {
            let mut members: Vec<usize> =
                node.passages.iter().chain(&node.extra).map(|&id| id as usize).collect();
            members.sort_unstable();
            members.dedup();
            build_claim(features, &refs, members, config.per_article).filter(|c| c.score >= config.min_score)
        })
        .collect();
    claims.sort_by_key(first_position);
    for (id, c) in claims.iter_mut().enumerate() {
        c.id = id;
    }
    claims
}

/// Every passage, article by article: the flat ids the clustering works on.
fn passage_refs(features: &Features) -> Vec<PassageRef> {
    features
        .vectors
        .iter()
        .enumerate()
        .flat_map(|(a, passages)| (0..passages.len()).map(move |p| PassageRef { article: a, passage: p }))
        .collect()
}

/// One node per passage, article by article (the order of [`passage_refs`]).
///
/// A passage that repeats an earlier one of its article word for word (a footer, a pull quote,
/// a hostile file repeating one sentence thousands of times) gets an empty vector: it states
/// nothing the first occurrence does not, and pairing every copy with every copy of another
/// article would grow with the square of their number.
fn passage_nodes(features: &Features) -> Vec<Node> {
    // A repeat is one within its article: the articles are read in parallel, ids in order.
    let firsts = features.vectors.iter().scan(0, |next, passages| {
        let first = *next;
        *next += passages.len();
        Some(first)
    });
    let firsts: Vec<usize> = firsts.collect();
    features
        .vectors
        .par_iter()
        .zip(firsts)
        .enumerate()
        .flat_map_iter(|(article, (passages, first))| {
            let mut seen: FxHashSet<Vec<(u32, u32)>> = FxHashSet::default();
            passages.iter().enumerate().map(move |(p, v)| {
                let key = v.terms.iter().map(|&(t, w)| (t, w.to_bits())).collect::<Vec<_>>();
                let repeat = !v.terms.is_empty() && !seen.insert(key);
                let terms = if repeat { Vec::new() } else { v.terms.clone() };
                Node::passage(terms, v.numbers.clone(), v.months.clone(), article, (first + p) as u32)
            })
        })
        .collect()
}

/// Clusters `nodes` level by level: blocks of whole groups in parallel, then their results
/// again, until everything fits one block or blocks stop paying off.
fn cluster(
    mut nodes: Vec<Node>,
    features: &Features,
    config: &Config,
    progress: &(dyn Fn(Progress) + Sync),
) -> Vec<Node> {
    let mut level = 0;
    loop {
        let ranges = blocks(&nodes, config.block_passages.max(1));
        if ranges.len() <= 1 {
            progress(Progress { stage: Stage::Aligning, done: 0, total: 1 });
            return cluster_block(nodes, level, features, config);
        }
        let before = nodes.len();
        let mut parts: Vec<Vec<Node>> = Vec::with_capacity(ranges.len());
        for r in ranges.iter().rev() {
            parts.push(nodes.split_off(r.start));
        }
        parts.reverse();
        let total = parts.len();
        let done = AtomicUsize::new(0);
        progress(Progress { stage: Stage::Aligning, done: 0, total });
        let merged: Vec<Vec<Node>> = parts
            .into_par_iter()
            .map(|part| {
                let out = cluster_block(part, level, features, config);
                let d = done.fetch_add(1, Ordering::Relaxed) + 1;
                progress(Progress { stage: Stage::Aligning, done: d, total });
                out
            })
            .collect();
        nodes = merged
            .into_iter()
            .enumerate()
            .flat_map(|(b, part)| {
                part.into_iter().map(move |mut x| {
                    x.group = b;
                    x
                })
            })
            .collect();
        level += 1;
        if nodes.len() * 10 > before * 9 {
            // Blocks stopped paying off (a corpus of many unrelated stories): one last pass
            // over everything, bounded by the candidate budget.
            return cluster_block(nodes, level, features, config);
        }
    }
}

/// Cuts `nodes` (groups contiguous) into ranges of whole groups of about `size` nodes.
fn blocks(nodes: &[Node], size: usize) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=nodes.len() {
        let group_ends = i == nodes.len() || nodes[i].group != nodes[i - 1].group;
        if group_ends && (i - start >= size || i == nodes.len()) {
            out.push(start..i);
            start = i;
        }
    }
    out
}

/// Clusters one block and returns one node per cluster (singletons included).
fn cluster_block(nodes: Vec<Node>, level: usize, features: &Features, config: &Config) -> Vec<Node> {
    let threshold = config.link_threshold;
    let group: Vec<usize> = nodes.iter().map(|x| x.group).collect();
    let (clusters, extras) = if level == 0 {
        let floor = threshold * EDGE_FLOOR;
        let edges = presumed_story_context(features, &nodes, &group, config, floor).unwrap_or_else(|| {
            // Story context can double a score, so pairs are gathered down to half the floor.
            let mut edges = candidates::pairs(&nodes, floor / CONTEXT_MAX, &|a, b, dot, shared| {
                penalised(dot, shared, a, b)
            });
            apply_story_context(features, &group, &mut edges, config, floor);
            edges
        });
        let mutual = linkage::keep_mutual_best(&edges, &group, config.mutual_best);
        let clusters = linkage::average_linkage(&nodes, &mutual, threshold);
        let extras = joins::centroid_joins(
            &clusters,
            &nodes,
            &group,
            config.join_threshold,
            config.join_affinity,
            config.max_joins,
        );
        (clusters, extras)
    } else {
        // The mean cosine over all passage pairs of two groups is the dot product of their
        // sums over the number of pairs.
        let threshold = threshold * GROUP_THRESHOLD_FACTOR;
        let edges = candidates::pairs(&nodes, threshold * EDGE_FLOOR, &|a, b, dot, shared| {
            penalised(dot, shared, a, b) * a.mass * b.mass / (a.size() * b.size()) as f32
        });
        let mutual = linkage::keep_mutual_best(&edges, &group, config.mutual_best);
        let clusters = linkage::average_linkage(&nodes, &mutual, threshold);
        (clusters, Vec::new())
    };
    let mut extra_ids: Vec<Vec<u32>> =
        extras.iter().map(|e| e.iter().flat_map(|&x| nodes[x].passages.iter().copied()).collect()).collect();
    extra_ids.resize(clusters.len(), Vec::new());
    let mut slots: Vec<Option<Node>> = nodes.into_iter().map(Some).collect();
    clusters
        .iter()
        .zip(extra_ids)
        .map(|(members, extra)| Node::merge(members.iter().filter_map(|&m| slots[m].take()).collect(), extra))
        .collect()
}

/// A node pair's dot product, lowered as [`penalise`] says.
fn penalised(dot: f32, shared: usize, a: &Node, b: &Node) -> f32 {
    // No bits: no list. Bits that do not meet: lists that share nothing. Only the rest are read.
    let (months, numbers) = (a.month_bits & b.month_bits, a.number_bits & b.number_bits);
    penalise_with(
        dot,
        shared,
        a.month_bits != 0 && b.month_bits != 0 && (months == 0 || disjoint(&a.months, &b.months)),
        a.number_bits != 0 && b.number_bits != 0 && (numbers == 0 || disjoint(&a.numbers, &b.numbers)),
    )
}

/// The bits of [`Node::number_bits`] for `ids`.
fn bits(ids: &[u32]) -> u64 {
    ids.iter().fold(0, |b, &t| b | 1 << (t % 64))
}

/// Cosine similarity of two unit vectors, lowered as [`penalise`] says.
pub fn similarity(a: &Vector, b: &Vector) -> f32 {
    let (dot, shared) = features::dot_count(&a.terms, &b.terms);
    penalise(dot, shared, (&a.months, &b.months), (&a.numbers, &b.numbers))
}

/// A dot product lowered for a single shared term and for conflicting months or numbers.
fn penalise(dot: f32, shared: usize, months: (&[u32], &[u32]), numbers: (&[u32], &[u32])) -> f32 {
    penalise_with(dot, shared, disjoint(months.0, months.1), disjoint(numbers.0, numbers.1))
}

/// [`penalise`], told whether the months and the numbers conflict.
fn penalise_with(mut dot: f32, shared: usize, months_conflict: bool, numbers_conflict: bool) -> f32 {
    // One shared word is a topic, not a fact.
    if shared < 2 {
        dot *= SINGLE_TERM;
    }
    dot * match (months_conflict, numbers_conflict) {
        (true, true) => BOTH_CONFLICT,
        (true, false) => MONTH_CONFLICT,
        (false, true) => NUMBER_CONFLICT,
        (false, false) => 1.0,
    }
}

/// Both non-empty and sharing nothing.
fn disjoint(a: &[u32], b: &[u32]) -> bool {
    !a.is_empty() && !b.is_empty() && !a.iter().any(|x| b.binary_search(x).is_ok())
}

/// Scales each pair's similarity by how much closer its two articles are than a typical pair
/// of articles in the block: `(sim(article_a, article_b) / median)^κ`, bounded; then caps
/// each at 1 and keeps those that reach `floor`, in the same pass.
///
/// Look-alike sentences from articles about a different event (another outage, another
/// earthquake) are the hardest false matches; whole-article similarity tells them apart. In a
/// corpus that is all one story every pair of articles is typical and the factor stays near 1.
fn apply_story_context(
    features: &Features,
    group: &[usize],
    edges: &mut Vec<Edge>,
    config: &Config,
    floor: f32,
) {
    let keep = |e: &mut Edge, factor: f32| {
        e.2 = (e.2 * factor).min(1.0);
        e.2 >= floor
    };
    let (Some(&first), Some(&last)) = (group.iter().min(), group.iter().max()) else { return };
    if config.story_context <= 0.0 {
        edges.retain_mut(|e| keep(e, 1.0));
        return;
    }
    let pair = |e: &Edge| (group[e.0 as usize], group[e.1 as usize]);
    let mut pairs = ArticlePairs::new(first, last);
    for e in edges.iter() {
        let (a, b) = pair(e);
        let at = pairs.slot(a, b);
        if pairs.values[at].is_nan() {
            pairs.values[at] = features::dot(&features.articles[a.min(b)], &features.articles[a.max(b)]);
        }
    }
    if !pairs.make_factors(config.story_context) {
        edges.retain_mut(|e| keep(e, 1.0));
        return;
    }
    edges.retain_mut(|e| {
        let (a, b) = pair(e);
        keep(e, pairs.values[pairs.slot(a, b)])
    });
}

/// A value per pair of a block's articles (contiguous at the first level), in a flat
/// triangle: a lookup per edge costs an index, not a hash. NaN marks a pair not present.
struct ArticlePairs {
    first: usize,
    values: Vec<f32>,
}

impl ArticlePairs {
    /// Every pair of articles `first..=last`, none present yet.
    fn new(first: usize, last: usize) -> Self {
        let span = last + 1 - first;
        ArticlePairs { first, values: vec![f32::NAN; span * span.saturating_sub(1) / 2] }
    }

    /// Where the pair of articles `a` and `b` (either order, different) is kept.
    fn slot(&self, a: usize, b: usize) -> usize {
        let (a, b) = if a < b { (a - self.first, b - self.first) } else { (b - self.first, a - self.first) };
        b * b.saturating_sub(1) / 2 + a
    }

    /// Turns the present pairs' article similarities into story-context factors,
    /// `(similarity / median)^κ` bounded; false, and no factors, below three pairs.
    fn make_factors(&mut self, story_context: f32) -> bool {
        let mut present: Vec<f32> = self.values.iter().copied().filter(|v| !v.is_nan()).collect();
        if present.len() < 3 {
            return false;
        }
        present.sort_by(f32::total_cmp);
        let median = present[present.len() / 2].max(1e-6);
        for f in self.values.iter_mut().filter(|f| !f.is_nan()) {
            *f = (*f / median).powf(story_context).clamp(CONTEXT_MIN, CONTEXT_MAX);
        }
        true
    }
}

/// Most articles in a block for which [`presumed_story_context`] compares every pair.
const PRESUMED_CONTEXT_ARTICLES: usize = 200;

/// The edges [`apply_story_context`] would leave, scaled as the candidates are scored, or
/// `None` when the presumption behind it fails.
///
/// The story context is a median over the pairs of articles that have candidate pairs at all.
/// In a block of one story that is every pair of articles, so the factors can be worked out
/// before the walk and the hundreds of thousands of pairs that fall below the floor once
/// scaled are never kept. The walk records which article pairs did have candidates; when one
/// had none, the median would differ, and the caller takes the general path instead.
fn presumed_story_context(
    features: &Features,
    nodes: &[Node],
    group: &[usize],
    config: &Config,
    floor: f32,
) -> Option<Vec<Edge>> {
    let mut articles: Vec<usize> = group.to_vec();
    articles.dedup();
    if config.story_context <= 0.0 || articles.len() < 3 || articles.len() > PRESUMED_CONTEXT_ARTICLES {
        return None;
    }
    let mut factor = ArticlePairs::new(articles[0], articles[articles.len() - 1]);
    for (k, &b) in articles.iter().enumerate() {
        for &a in &articles[..k] {
            let at = factor.slot(a, b);
            factor.values[at] = features::dot(&features.articles[a], &features.articles[b]);
        }
    }
    if !factor.make_factors(config.story_context) {
        return None;
    }
    let seen: Vec<AtomicBool> = factor.values.iter().map(|_| AtomicBool::new(false)).collect();
    // Gathered down to the floor over the largest factor, as the general path does; a pair
    // that reaches it is scaled (possibly above its dot product, which the walk allows), and
    // one that falls below the floor once scaled scores 0 and is dropped.
    let gather = floor / CONTEXT_MAX;
    let edges = candidates::pairs(nodes, gather, &|a, b, dot, shared| {
        let s = penalised(dot, shared, a, b);
        if s < gather {
            return s;
        }
        let at = factor.slot(a.group, b.group);
        seen[at].store(true, Ordering::Relaxed);
        let scaled = (s * factor.values[at]).min(1.0);
        if scaled >= floor { scaled } else { 0.0 }
    });
    let every_pair_seen =
        factor.values.iter().zip(&seen).all(|(f, seen)| f.is_nan() || seen.load(Ordering::Relaxed));
    every_pair_seen.then_some(edges)
}

/// Sums of the member vectors of a claim: all of them, and per article, so "the other
/// articles' members" is one subtraction and never a loop over pairs.
struct ClaimSums {
    total: FxHashMap<u32, f32>,
    by_article: FxHashMap<usize, (usize, FxHashMap<u32, f32>)>,
    size: usize,
}

impl ClaimSums {
    fn new<'a>(members: impl Iterator<Item = (usize, &'a Vector)>) -> Self {
        let mut sums = ClaimSums { total: FxHashMap::default(), by_article: FxHashMap::default(), size: 0 };
        for (article, v) in members {
            let (count, own) = sums.by_article.entry(article).or_default();
            *count += 1;
            for &(t, w) in &v.terms {
                *sums.total.entry(t).or_default() += w;
                *own.entry(t).or_default() += w;
            }
            sums.size += 1;
        }
        sums
    }

    /// Weight of term `t` summed over the members of articles other than `article`.
    fn others(&self, article: usize, t: u32) -> f32 {
        let own = self.by_article.get(&article).and_then(|(_, m)| m.get(&t)).copied().unwrap_or(0.0);
        self.total.get(&t).copied().unwrap_or(0.0) - own
    }

    /// Members of articles other than `article`.
    fn others_count(&self, article: usize) -> usize {
        self.size - self.by_article.get(&article).map_or(0, |(c, _)| *c)
    }

    /// Mean cosine of `v` (of `article`) with the members of the other articles.
    fn mean_similarity(&self, article: usize, v: &Vector) -> f32 {
        let dot: f32 = v.terms.iter().map(|&(t, w)| w * self.others(article, t)).sum();
        (dot / self.others_count(article).max(1) as f32).clamp(0.0, 1.0)
    }

    /// Mean cosine over all member pairs of different articles.
    fn cohesion(&self) -> f32 {
        let square = |m: &FxHashMap<u32, f32>| m.values().map(|w| w * w).sum::<f32>();
        let within: f32 = self.by_article.values().map(|(_, m)| square(m)).sum();
        let same_pairs: usize = self.by_article.values().map(|(c, _)| c * c).sum();
        let pairs = self.size * self.size - same_pairs;
        if pairs == 0 { 0.0 } else { ((square(&self.total) - within) / pairs as f32).clamp(0.0, 1.0) }
    }
}

/// The claim made of passages `members` (flat ids), or `None` when fewer than two articles
/// remain after keeping at most `cap` passages per article.
fn build_claim(features: &Features, refs: &[PassageRef], members: Vec<usize>, cap: usize) -> Option<Claim> {
    let vector = |id: usize| &features.vectors[refs[id].article][refs[id].passage];
    let sums = ClaimSums::new(members.iter().map(|&id| (refs[id].article, vector(id))));
    if sums.by_article.len() < 2 {
        return None;
    }
    let before = members.len();
    let members = keep_best_per_article(
        members,
        cap,
        |id| sums.mean_similarity(refs[id].article, vector(id)),
        |id| refs[id].article,
    );
    // Only when passages were dropped do the sums change (and can an article be left alone).
    let sums = if members.len() == before {
        sums
    } else {
        let sums = ClaimSums::new(members.iter().map(|&id| (refs[id].article, vector(id))));
        if sums.by_article.len() < 2 {
            return None;
        }
        sums
    };
    let members: Vec<Member> = members
        .iter()
        .map(|&id| {
            let (at, v) = (refs[id], vector(id));
            Member {
                at,
                similarity: round3(sums.mean_similarity(at.article, v)),
                evidence: evidence(features, v, |t| sums.others(at.article, t)),
                span: span::member_span(
                    features.spans[at.article][at.passage],
                    &features.clauses[at.article][at.passage],
                    v,
                    |t| sums.others(at.article, t),
                ),
            }
        })
        .collect();
    Some(Claim { id: 0, score: round3(sums.cohesion()), members })
}

/// Keeps at most `cap` passages of each article in a claim, those most similar to the other
/// articles' members. An article states one fact once or twice (headline and lede); a claim
/// holding five passages of one article has swallowed neighbouring facts.
fn keep_best_per_article(
    members: Vec<usize>,
    cap: usize,
    score: impl Fn(usize) -> f32,
    article_of: impl Fn(usize) -> usize,
) -> Vec<usize> {
    let mut per_article: BTreeMap<usize, usize> = BTreeMap::new();
    for &id in &members {
        *per_article.entry(article_of(id)).or_default() += 1;
    }
    if per_article.values().all(|&c| c <= cap) {
        return members;
    }
    let mut ranked: Vec<(usize, f32)> = members.iter().map(|&id| (id, score(id))).collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    let mut kept: Vec<usize> = ranked
        .into_iter()
        .filter(|&(id, _)| {
            let t = taken.entry(article_of(id)).or_default();
            *t += 1;
            *t <= cap
        })
        .map(|(id, _)| id)
        .collect();
    kept.sort_unstable();
    kept
}

/// Where a claim first appears: its earliest member in article order.
fn first_position(c: &Claim) -> (usize, usize) {
    c.members.first().map_or((usize::MAX, usize::MAX), |m| (m.at.article, m.at.passage))
}

fn round3(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}

/// The shared terms that tie `own` to the other members, strongest first; `others(t)` is the
/// summed weight of term `t` over the other articles' members.
fn evidence(features: &Features, own: &Vector, others: impl Fn(u32) -> f32) -> Vec<Evidence> {
    let mut ranked: Vec<(u32, f32)> =
        own.terms.iter().map(|&(t, w)| (t, w * others(t))).filter(|&(_, s)| s > 1e-6).collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked
        .into_iter()
        .take(EVIDENCE_MAX)
        .map(|(t, _)| {
            let term = &features.terms[t as usize];
            let kind = match term.kind {
                TermKind::Word => EvidenceKind::Term,
                TermKind::Name => EvidenceKind::Name,
                TermKind::Number => EvidenceKind::Number,
                TermKind::Date => EvidenceKind::Date,
                TermKind::Acronym => EvidenceKind::Acronym,
            };
            Evidence { kind, text: term.surface.clone() }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;

    /// The claims of `corpus`, from its features.
    fn align_corpus(corpus: &Corpus, config: &Config) -> Vec<Claim> {
        align(&features::extract(corpus), config, &|_| {})
    }

    fn claims(texts: &[(&str, &str)]) -> (Corpus, Vec<Claim>) {
        let corpus = Corpus::from_texts(texts.iter().copied());
        let claims = align_corpus(&corpus, &Config::default());
        (corpus, claims)
    }

    fn together(corpus: &Corpus, claims: &[Claim], a: (&str, &str), b: (&str, &str)) -> bool {
        let find = |(id, needle): (&str, &str)| {
            let ai = corpus.find(id).expect("article");
            let art = &corpus.articles[ai];
            let p = (0..art.passages.len()).find(|&p| art.passage_text(p).contains(needle)).expect("passage");
            PassageRef { article: ai, passage: p }
        };
        let (ra, rb) = (find(a), find(b));
        claims.iter().any(|c| c.members.iter().any(|m| m.at == ra) && c.members.iter().any(|m| m.at == rb))
    }

    #[test]
    fn paraphrased_numbers_align() {
        let (c, cl) = claims(&[
            (
                "a",
                "Plant fire\nThe factory fire caused a 13-hour interruption at the Dover plant.\nPrices rose.\n",
            ),
            (
                "b",
                "Dover blaze\nThe Dover plant was offline for thirteen hours after the factory fire.\nShares fell.\n",
            ),
        ]);
        assert!(together(&c, &cl, ("a", "13-hour"), ("b", "thirteen hours")), "{cl:#?}");
    }

    #[test]
    fn different_months_stay_apart() {
        let (c, cl) = claims(&[
            ("a", "Outages\nIn December the cloud service outage lasted 13 hours.\n"),
            ("b", "Outages\nIn October the cloud service outage lasted 15 hours.\n"),
        ]);
        assert!(!together(&c, &cl, ("a", "December"), ("b", "October")), "{cl:#?}");
    }

    #[test]
    fn acronym_and_long_form_align() {
        let (c, cl) = claims(&[
            ("a", "News\nAmazon Web Services (AWS) suffered an outage in its Virginia region.\n"),
            ("b", "News\nAn outage hit the Virginia region of Amazon Web Services.\n"),
            ("c", "News\nAWS suffered an outage in Virginia.\n"),
        ]);
        assert!(together(&c, &cl, ("b", "Virginia"), ("c", "Virginia")), "{cl:#?}");
    }

    #[test]
    fn claims_found_in_different_blocks_are_joined() {
        let texts = [
            (
                "a",
                "Dover fire\nA fire shut the Dover chemical plant on Tuesday, officials said.\nShares fell.\n",
            ),
            (
                "b",
                "Plant shut\nFire shut the Dover chemical plant on Tuesday, officials said.\nTrading paused.\n",
            ),
            ("c", "Blaze\nOn Tuesday a fire shut the Dover chemical plant, officials said.\nRoads closed.\n"),
            (
                "d",
                "Dover\nThe Dover chemical plant was shut by a fire on Tuesday, officials said.\nSchools shut.\n",
            ),
            ("e", "Fire news\nOfficials said a fire shut the Dover chemical plant on Tuesday.\nWind rose.\n"),
            (
                "f",
                "Chemical fire\nA Tuesday fire shut the Dover chemical plant, officials said.\nRain fell.\n",
            ),
        ];
        let corpus = Corpus::from_texts(texts);
        // Three passages an article, two articles a block: three blocks, joined a level up.
        let blocked = align_corpus(&corpus, &Config { block_passages: 6, ..Config::default() });
        let spans = |claims: &[Claim]| claims.iter().map(Claim::article_count).max();
        assert_eq!(spans(&blocked), Some(6), "{blocked:#?}");
        // One block: the exact single pass finds the same.
        assert_eq!(spans(&align_corpus(&corpus, &Config::default())), Some(6));
    }

    /// The edges of the general path: gather, then scale by the story context.
    fn general_edges(features: &Features, nodes: &[Node], config: &Config) -> Vec<Edge> {
        let floor = config.link_threshold * EDGE_FLOOR;
        let mut edges =
            candidates::pairs(nodes, floor / CONTEXT_MAX, &|a, b, dot, shared| penalised(dot, shared, a, b));
        let group: Vec<usize> = nodes.iter().map(|x| x.group).collect();
        apply_story_context(features, &group, &mut edges, config, floor);
        edges
    }

    fn corpus_nodes(texts: &[(&str, &str)]) -> (Features, Vec<Node>) {
        let corpus = Corpus::from_texts(texts.iter().copied());
        let features = features::extract(&corpus);
        let nodes = passage_nodes(&features);
        (features, nodes)
    }

    #[test]
    fn the_presumed_story_context_gives_the_edges_of_the_general_path() {
        let (features, nodes) = corpus_nodes(&[
            (
                "a",
                "Dover fire\nA fire shut the Dover chemical plant on Tuesday.\nFifteen workers were hurt.\n",
            ),
            ("b", "Plant shut\nFire shut the Dover plant on Tuesday.\nFifteen workers were injured.\n"),
            ("c", "Blaze\nOn Tuesday a fire shut the chemical plant in Dover.\nWorkers were hurt.\n"),
            (
                "d",
                "Dover\nThe Dover chemical plant was shut by a fire.\nFifteen were hurt, officials said.\n",
            ),
        ]);
        let config = Config::default();
        let group: Vec<usize> = nodes.iter().map(|x| x.group).collect();
        let floor = config.link_threshold * EDGE_FLOOR;
        let presumed =
            presumed_story_context(&features, &nodes, &group, &config, floor).expect("every pair shares");
        let general = general_edges(&features, &nodes, &config);
        assert!(!general.is_empty());
        let sorted = |mut e: Vec<Edge>| {
            e.sort_by_key(|x| (x.0, x.1));
            e
        };
        assert_eq!(sorted(presumed), sorted(general));
    }

    #[test]
    fn an_article_pair_without_candidates_falls_back_to_the_general_path() {
        // Article d shares no word with a, b or c: the median over the pairs that have
        // candidates differs from the one over all pairs.
        let (features, nodes) = corpus_nodes(&[
            ("a", "Dover fire\nA fire shut the Dover chemical plant on Tuesday.\n"),
            ("b", "Plant shut\nFire shut the Dover plant on Tuesday.\n"),
            ("c", "Blaze\nOn Tuesday a fire shut the chemical plant in Dover.\n"),
            ("d", "Cricket\nYorkshire won the county championship.\n"),
        ]);
        let config = Config::default();
        let group: Vec<usize> = nodes.iter().map(|x| x.group).collect();
        let floor = config.link_threshold * EDGE_FLOOR;
        assert!(presumed_story_context(&features, &nodes, &group, &config, floor).is_none());
    }

    #[test]
    fn the_story_context_lifts_a_pair_in_proportion_to_its_articles_closeness() {
        // Four articles, three pairs of them 0.2, 0.3 (the median) and 0.39 alike. A pair of
        // sentences in the two articles 30% closer than usual is lifted by 30%, not squared
        // to 69%: the articles' closeness must not outweigh what the sentences say.
        let mut pairs = ArticlePairs::new(0, 3);
        for (a, b, v) in [(0, 1, 0.2), (0, 2, 0.3), (1, 2, 0.39)] {
            let at = pairs.slot(a, b);
            pairs.values[at] = v;
        }
        assert!(pairs.make_factors(Config::default().story_context));
        let factor = |a, b| pairs.values[pairs.slot(a, b)];
        assert!((factor(1, 2) - 1.3).abs() < 1e-3, "{}", factor(1, 2));
        assert!((factor(0, 2) - 1.0).abs() < 1e-3);
        assert!(factor(1, 3).is_nan(), "a pair not present stays so");
    }

    #[test]
    fn one_article_gives_no_claims() {
        let (_, cl) = claims(&[("a", "Title\nOne sentence here. Another sentence here.\n")]);
        assert!(cl.is_empty());
    }
}
