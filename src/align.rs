//! Aligning passages across articles into claims.
//!
//! 1. Every passage becomes a TF-IDF vector of stems, numbers, months and corpus-learned
//!    acronyms ([`crate::features`]).
//! 2. Candidate pairs come from an inverted index over the rarer terms, so the cost grows with
//!    the overlap between passages, not with the square of their number.
//! 3. A pair's similarity is the cosine of the vectors, lowered when the two passages name
//!    different months or share no number although both state some: two incidents told with the
//!    same words are different facts.
//! 4. Claims are grown by average-linkage clustering: two groups merge only while the mean
//!    similarity over *all* their pairs stays above the threshold. A chain of weak links cannot
//!    merge different facts, and two passages of one article count as an unlinked pair, which
//!    keeps an article's different sentences apart.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

use crate::analysis::{Claim, Config, Evidence, EvidenceKind, Member, PassageRef};
use crate::corpus::Corpus;
use crate::features::{self, Features, TermKind, Vector};

/// Pairs below this fraction of the link threshold are not kept as edges at all.
const EDGE_FLOOR: f32 = 0.5;
/// Factor applied when both passages name months and none is shared.
const MONTH_CONFLICT: f32 = 0.5;
/// Factor applied when both passages state numbers and none is shared.
const NUMBER_CONFLICT: f32 = 0.85;
/// Factor applied when months and numbers both conflict: another incident, told alike.
const BOTH_CONFLICT: f32 = 0.25;
/// Factor applied when only one term is shared.
const SINGLE_TERM: f32 = 0.5;
/// Bounds of the story-context factor (see [`apply_story_context`]).
const CONTEXT_MIN: f32 = 0.25;
const CONTEXT_MAX: f32 = 2.0;
/// How many pieces of evidence a member shows at most.
const EVIDENCE_MAX: usize = 6;

/// Aligns the passages of `corpus` into claims, sorted by where they first appear.
pub fn align(corpus: &Corpus, config: &Config) -> Vec<Claim> {
    let features = features::extract(corpus);
    let nodes: Vec<PassageRef> = corpus
        .articles
        .iter()
        .enumerate()
        .flat_map(|(a, art)| (0..art.passages.len()).map(move |p| PassageRef { article: a, passage: p }))
        .collect();
    let vector = |n: usize| &features.vectors[nodes[n].article][nodes[n].passage];
    let mut edges = candidate_edges(&features, &nodes, config.link_threshold * EDGE_FLOOR / CONTEXT_MAX);
    apply_story_context(&features, &nodes, &mut edges, config);
    for e in &mut edges {
        e.2 = e.2.min(1.0);
    }
    edges.retain(|e| e.2 >= config.link_threshold * EDGE_FLOOR);
    let all_edges = edges.clone();
    keep_mutual_best(&mut edges, &nodes, config.mutual_best);
    let article_of: Vec<usize> = nodes.iter().map(|r| r.article).collect();
    let mut clusters = average_linkage(&article_of, &edges, config.link_threshold);
    add_secondary_members(&mut clusters, &article_of, &all_edges, config.secondary_threshold);

    let mut sims: HashMap<(usize, usize), f32> = HashMap::with_capacity(edges.len());
    for &(i, j, s) in &edges {
        sims.insert((i, j), s);
    }
    let sim = |i: usize, j: usize| -> f32 { *sims.get(&(i.min(j), i.max(j))).unwrap_or(&0.0) };

    let mut claims: Vec<Claim> = Vec::new();
    for cluster in clusters {
        let cluster = keep_best_per_article(cluster, &article_of, config.per_article, &sim);
        let mut articles: Vec<usize> = cluster.iter().map(|&n| nodes[n].article).collect();
        articles.sort_unstable();
        articles.dedup();
        if articles.len() < 2 {
            continue;
        }
        let mut members: Vec<Member> = cluster
            .iter()
            .map(|&i| {
                let others: Vec<usize> =
                    cluster.iter().copied().filter(|&j| nodes[j].article != nodes[i].article).collect();
                let similarity = others.iter().map(|&j| sim(i, j)).sum::<f32>() / others.len().max(1) as f32;
                let evidence = evidence(&features, vector(i), others.iter().map(|&j| vector(j)));
                Member { at: nodes[i], similarity: round3(similarity), evidence }
            })
            .collect();
        members.sort_by_key(|m| m.at);
        let mut total = 0.0;
        let mut pairs = 0usize;
        for (x, &i) in cluster.iter().enumerate() {
            for &j in &cluster[x + 1..] {
                if nodes[i].article != nodes[j].article {
                    total += sim(i, j);
                    pairs += 1;
                }
            }
        }
        claims.push(Claim { id: 0, score: round3(total / pairs.max(1) as f32), members });
    }
    claims.sort_by(|a, b| first_position(a).cmp(&first_position(b)));
    for (id, c) in claims.iter_mut().enumerate() {
        c.id = id;
    }
    claims
}

/// Keeps at most `cap` passages of each article in a claim, those most similar to the other
/// articles' members. An article states one fact once or twice (headline and lede); a claim
/// holding five passages of one article has swallowed neighbouring facts.
fn keep_best_per_article(
    cluster: Vec<usize>,
    article_of: &[usize],
    cap: usize,
    sim: &impl Fn(usize, usize) -> f32,
) -> Vec<usize> {
    let mut per_article: HashMap<usize, usize> = HashMap::new();
    for &n in &cluster {
        *per_article.entry(article_of[n]).or_default() += 1;
    }
    if per_article.values().all(|&c| c <= cap) {
        return cluster;
    }
    let score = |i: usize| -> f32 {
        let others: Vec<usize> =
            cluster.iter().copied().filter(|&j| article_of[j] != article_of[i]).collect();
        others.iter().map(|&j| sim(i, j)).sum::<f32>() / others.len().max(1) as f32
    };
    let mut ranked: Vec<(usize, f32)> = cluster.iter().map(|&n| (n, score(n))).collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut taken: HashMap<usize, usize> = HashMap::new();
    let mut kept: Vec<usize> = ranked
        .into_iter()
        .filter(|&(n, _)| {
            let t = taken.entry(article_of[n]).or_default();
            *t += 1;
            *t <= cap
        })
        .map(|(n, _)| n)
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

/// Cross-article pairs `(i, j, similarity)` with `i < j` and similarity ≥ `floor`.
fn candidate_edges(features: &Features, nodes: &[PassageRef], floor: f32) -> Vec<(usize, usize, f32)> {
    let vector = |n: usize| &features.vectors[nodes[n].article][nodes[n].passage];
    // Terms in more than this many passages are too common to propose candidates; they still
    // count in the exact similarity below.
    let cap = ((features.passages as f32 * 0.05) as u32).max(100_000);
    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); features.terms.len()];
    for n in 0..nodes.len() {
        for &(t, _) in &vector(n).terms {
            if features.df[t as usize] <= cap {
                postings[t as usize].push(n as u32);
            }
        }
    }
    let mut edges = Vec::new();
    let mut seen = vec![u32::MAX; nodes.len()];
    for i in 0..nodes.len() {
        let vi = vector(i);
        for &(t, _) in &vi.terms {
            for &j in &postings[t as usize] {
                let j = j as usize;
                if j <= i || nodes[j].article == nodes[i].article || seen[j] == i as u32 {
                    continue;
                }
                seen[j] = i as u32;
                let s = similarity(vi, vector(j));
                if s >= floor {
                    edges.push((i, j, s));
                }
            }
        }
    }
    edges
}

/// Keeps an edge only when each end is among the other's `k` best matches in its article.
///
/// Alignment between two articles is close to one-to-one: a sentence that shares the story's
/// common words ("the Financial Times reported") with a dozen sentences of another article is
/// tied only to the one or two it matches best, so it cannot glue their facts together.
fn keep_mutual_best(edges: &mut Vec<(usize, usize, f32)>, nodes: &[PassageRef], k: usize) {
    if k == 0 {
        return;
    }
    // For each (node, other article): the k best similarities.
    let mut best: HashMap<(usize, usize), Vec<f32>> = HashMap::new();
    for &(i, j, s) in edges.iter() {
        for (a, b) in [(i, j), (j, i)] {
            let v = best.entry((a, nodes[b].article)).or_default();
            v.push(s);
        }
    }
    for v in best.values_mut() {
        v.sort_by(|x, y| y.total_cmp(x));
        v.truncate(k);
    }
    let kth =
        |n: usize, article: usize| best.get(&(n, article)).and_then(|v| v.last()).copied().unwrap_or(0.0);
    edges.retain(|&(i, j, s)| s >= kth(i, nodes[j].article) && s >= kth(j, nodes[i].article));
}

/// Scales each pair's similarity by how much closer its two articles are than a typical pair
/// of articles in the corpus: `(sim(article_a, article_b) / median)^κ`, bounded.
///
/// Look-alike sentences from articles about a different event (another outage, another
/// earthquake) are the hardest false matches; whole-article similarity tells them apart. In a
/// corpus that is all one story every pair of articles is typical and the factor stays near 1.
fn apply_story_context(
    features: &Features,
    nodes: &[PassageRef],
    edges: &mut [(usize, usize, f32)],
    config: &Config,
) {
    if config.story_context <= 0.0 {
        return;
    }
    let mut pair_sim: HashMap<(usize, usize), f32> = HashMap::new();
    for &(i, j, _) in edges.iter() {
        let (a, b) = (nodes[i].article, nodes[j].article);
        pair_sim.entry((a, b)).or_insert_with(|| features::dot(&features.articles[a], &features.articles[b]));
    }
    let mut values: Vec<f32> = pair_sim.values().copied().collect();
    if values.len() < 3 {
        return;
    }
    values.sort_by(f32::total_cmp);
    let median = values[values.len() / 2].max(1e-6);
    for e in edges.iter_mut() {
        let ratio = pair_sim[&(nodes[e.0].article, nodes[e.1].article)] / median;
        e.2 *= ratio.powf(config.story_context).clamp(CONTEXT_MIN, CONTEXT_MAX);
    }
}

/// Cosine similarity of two unit vectors, lowered for conflicting months or numbers.
pub fn similarity(a: &Vector, b: &Vector) -> f32 {
    let (mut dot, shared) = features::dot_count(&a.terms, &b.terms);
    // One shared word is a topic, not a fact.
    if shared < 2 {
        dot *= SINGLE_TERM;
    }
    match (disjoint(&a.months, &b.months), disjoint(&a.numbers, &b.numbers)) {
        (true, true) => dot *= BOTH_CONFLICT,
        (true, false) => dot *= MONTH_CONFLICT,
        (false, true) => dot *= NUMBER_CONFLICT,
        (false, false) => {}
    }
    dot
}

/// Both non-empty and sharing nothing.
fn disjoint(a: &[u32], b: &[u32]) -> bool {
    !a.is_empty() && !b.is_empty() && !a.iter().any(|x| b.binary_search(x).is_ok())
}

/// Greedy average-linkage clustering over sparse edges. Returns clusters of node indices,
/// each sorted, in order of their smallest node.
fn average_linkage(article_of: &[usize], edges: &[(usize, usize, f32)], threshold: f32) -> Vec<Vec<usize>> {
    let n = article_of.len();
    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    // Passages per article in each cluster: pairs within one article are not compared.
    let mut per_article: Vec<HashMap<usize, usize>> =
        article_of.iter().map(|&a| HashMap::from([(a, 1)])).collect();
    let cross_pairs = |x: &HashMap<usize, usize>, y: &HashMap<usize, usize>, nx: usize, ny: usize| -> f32 {
        let (small, big) = if x.len() <= y.len() { (x, y) } else { (y, x) };
        let same: usize = small.iter().map(|(a, c)| c * big.get(a).copied().unwrap_or(0)).sum();
        (nx * ny - same) as f32
    };
    let mut alive = vec![true; n];
    let mut version = vec![0u32; n];
    // Sum of edge similarities between two live clusters, keyed by the other cluster's id.
    let mut links: Vec<HashMap<usize, f32>> = vec![HashMap::new(); n];
    for &(i, j, s) in edges {
        links[i].insert(j, s);
        links[j].insert(i, s);
    }
    let key = |v: f32| (v * 1e6) as i64;
    let mut heap: BinaryHeap<(i64, Reverse<usize>, Reverse<usize>, u32, u32)> = BinaryHeap::new();
    for &(i, j, s) in edges {
        if s >= threshold {
            heap.push((key(s), Reverse(i), Reverse(j), 0, 0));
        }
    }
    while let Some((_, Reverse(a), Reverse(b), va, vb)) = heap.pop() {
        if !alive[a] || !alive[b] || version[a] != va || version[b] != vb {
            continue;
        }
        // Merge b into a.
        let moved = std::mem::take(&mut members[b]);
        members[a].extend(moved);
        for (art, c) in std::mem::take(&mut per_article[b]) {
            *per_article[a].entry(art).or_default() += c;
        }
        alive[b] = false;
        version[a] += 1;
        let b_links = std::mem::take(&mut links[b]);
        links[a].remove(&b);
        for (c, s) in b_links {
            if c == a {
                continue;
            }
            *links[a].entry(c).or_default() += s;
            links[c].remove(&b);
            *links[c].entry(a).or_default() += s;
        }
        let mut neighbours: Vec<(usize, f32)> = links[a].iter().map(|(&c, &s)| (c, s)).collect();
        neighbours.sort_by_key(|&(c, _)| c);
        for (c, s) in neighbours {
            let pairs = cross_pairs(&per_article[a], &per_article[c], members[a].len(), members[c].len());
            let linkage = if pairs > 0.0 { s / pairs } else { 0.0 };
            if linkage >= threshold {
                let (x, y) = if a < c { (a, c) } else { (c, a) };
                heap.push((key(linkage), Reverse(x), Reverse(y), version[x], version[y]));
            }
        }
    }
    let mut out: Vec<Vec<usize>> =
        (0..n).filter(|&i| alive[i]).map(|i| std::mem::take(&mut members[i])).collect();
    for c in &mut out {
        c.sort_unstable();
    }
    out.sort_by_key(|c| c[0]);
    out
}

/// Lets a passage that states two facts join a second claim.
///
/// A passage stays in the claim clustering gave it; it also joins another claim when its mean
/// similarity to that claim's members is at least `threshold` and its article is not there yet.
/// "Fifteen workers were injured when fire swept through the plant on Tuesday" belongs both
/// with the injury count and with the fire.
fn add_secondary_members(
    clusters: &mut [Vec<usize>],
    article_of: &[usize],
    edges: &[(usize, usize, f32)],
    threshold: f32,
) {
    let mut adjacency: HashMap<usize, Vec<(usize, f32)>> = HashMap::new();
    for &(i, j, s) in edges {
        adjacency.entry(i).or_default().push((j, s));
        adjacency.entry(j).or_default().push((i, s));
    }
    let mut additions: Vec<(usize, usize)> = Vec::new();
    for (c, members) in clusters.iter().enumerate() {
        if members.len() < 2 {
            continue;
        }
        let articles: std::collections::BTreeSet<usize> = members.iter().map(|&m| article_of[m]).collect();
        if articles.len() < 2 {
            continue;
        }
        // Candidates: neighbours of the members, scored against the members of other articles.
        let mut sums: HashMap<usize, f32> = HashMap::new();
        for &m in members {
            for &(n, s) in adjacency.get(&m).map_or(&[][..], Vec::as_slice) {
                if members.binary_search(&n).is_err() {
                    *sums.entry(n).or_default() += s;
                }
            }
        }
        let mut picked: Vec<(usize, f32)> = sums
            .into_iter()
            .filter_map(|(n, sum)| {
                let others = members.iter().filter(|&&m| article_of[m] != article_of[n]).count();
                let mean = sum / others.max(1) as f32;
                (mean >= threshold).then_some((n, mean))
            })
            .collect();
        picked.sort_by_key(|&(n, _)| n);
        additions.extend(picked.into_iter().map(|(n, _)| (c, n)));
    }
    for (c, n) in additions {
        clusters[c].push(n);
        clusters[c].sort_unstable();
    }
}

/// The shared terms that tie `own` to the other members, strongest first.
fn evidence<'a>(
    features: &Features,
    own: &Vector,
    others: impl Iterator<Item = &'a Vector>,
) -> Vec<Evidence> {
    let mut score: HashMap<u32, f32> = HashMap::new();
    for o in others {
        for &(t, w) in &own.terms {
            if let Ok(k) = o.terms.binary_search_by_key(&t, |&(id, _)| id) {
                *score.entry(t).or_default() += w * o.terms[k].1;
            }
        }
    }
    let mut ranked: Vec<(u32, f32)> = score.into_iter().collect();
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

    fn claims(texts: &[(&str, &str)]) -> (Corpus, Vec<Claim>) {
        let corpus = Corpus::from_texts(texts.iter().copied());
        let claims = align(&corpus, &Config::default());
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
    fn one_article_gives_no_claims() {
        let (_, cl) = claims(&[("a", "Title\nOne sentence here. Another sentence here.\n")]);
        assert!(cl.is_empty());
    }
}
