//! Passages that state several facts: after clustering, a passage also joins every other claim
//! whose fact it states.
//!
//! Real sentences pack facts ("Fifteen workers were injured when fire swept through the plant
//! on Tuesday" states the injuries and the fire), so one claim per passage misses most of the
//! pairs of sentences that share a fact. A claim's *centroid* (the unit sum of its members'
//! vectors) weighs the terms its members share, so a passage that states the claim's fact among
//! others is still close to it while its cosine to any one member is diluted. Joining by the
//! mean similarity to the members instead (the rule before this one) reached about half the
//! gain on fact-labelled real coverage (the facts benchmark scored by `eval/run-facts.sh`).
//!
//! A look-alike sentence from an article about another event ("checked into rehab" for another
//! celebrity) is close to a centroid too. What tells them apart is whether the passage's article
//! *states* facts in common with the claim's articles, not whether it uses their words: the
//! [`Affinity`] of two articles counts the claims clustering found spanning both, over the
//! geometric mean of their passage counts.

use rayon::prelude::*;

use super::{ArticlePairs, Node, penalised};

/// Fewest terms a passage shares with a claim's centroid to join it. A centroid weighs the
/// story's own words heavily, so a passage that shares only two of them (a place and a verb,
/// a name and a noun) is near it by topic: on real coverage labelled fact by fact, such joins
/// were right for 15% of the pairs they made, three shared terms 36%, five or more about half
/// or better (the facts benchmark, pooled F1 +0.007; invented stories +0.006; ECB+ -0.003).
const JOIN_MIN_SHARED: usize = 3;

/// How many facts two articles of a block state in common, scaled by their sizes.
pub(super) struct Affinity {
    pairs: ArticlePairs,
}

impl Affinity {
    /// The affinity of every pair of articles in `group` (contiguous, as in a block), from the
    /// clusters found in the block.
    pub(super) fn new(clusters: &[Vec<usize>], group: &[usize]) -> Self {
        let (Some(&first), Some(&last)) = (group.iter().min(), group.iter().max()) else {
            return Affinity { pairs: ArticlePairs::new(0, 0) };
        };
        let mut pairs = ArticlePairs::new(first, last);
        pairs.values.fill(0.0);
        let mut passages = vec![0.0f32; last + 1 - first];
        for &g in group {
            passages[g - first] += 1.0;
        }
        for cluster in clusters {
            let articles = articles_of(cluster, group);
            for (k, &b) in articles.iter().enumerate() {
                for &a in &articles[..k] {
                    let at = pairs.slot(a, b);
                    pairs.values[at] += 1.0;
                }
            }
        }
        for b in first..=last {
            for a in first..b {
                let at = pairs.slot(a, b);
                pairs.values[at] /= (passages[a - first] * passages[b - first]).sqrt().max(1.0);
            }
        }
        Affinity { pairs }
    }

    /// Mean affinity of article `x` to the other articles of `articles`; `None` when there is
    /// no other.
    fn mean_to(&self, x: usize, articles: &[usize]) -> Option<f32> {
        let (sum, n) = articles
            .iter()
            .filter(|&&a| a != x)
            .fold((0.0f32, 0usize), |(s, n), &a| (s + self.pairs.values[self.pairs.slot(a, x)], n + 1));
        (n > 0).then(|| sum / n as f32)
    }
}

/// The distinct groups (articles) of a cluster's nodes, sorted.
fn articles_of(cluster: &[usize], group: &[usize]) -> Vec<usize> {
    let mut articles: Vec<usize> = cluster.iter().map(|&m| group[m]).collect();
    articles.sort_unstable();
    articles.dedup();
    articles
}

/// Per cluster, the nodes (single passages) that join it as well: every node outside it whose
/// cosine to its centroid, lowered for conflicting numbers or months, is at least `threshold`,
/// that shares at least [`JOIN_MIN_SHARED`] terms with it, and whose article's mean
/// [`Affinity`] to the cluster's articles is at least `affinity`;
/// each node joins at most `most` clusters, the closest. Clusters of one article get none.
///
/// Candidates come from an inverted index walked only along the centroid's heaviest terms: the
/// lighter ones together have a norm below `threshold`, so (Cauchy–Schwarz) a passage that
/// shares none of the heavy ones cannot reach it. The result is that of a scan of every node,
/// at the cost of the postings of a few terms per claim.
pub(super) fn centroid_joins(
    clusters: &[Vec<usize>],
    nodes: &[Node],
    group: &[usize],
    threshold: f32,
    affinity: f32,
    most: usize,
) -> Vec<Vec<usize>> {
    let story = Affinity::new(clusters, group);
    let vocabulary =
        nodes.iter().flat_map(|x| x.vector.iter().map(|&(t, _)| t as usize + 1)).max().unwrap_or(0);
    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); vocabulary];
    for (i, x) in nodes.iter().enumerate() {
        for &(t, _) in &x.vector {
            postings[t as usize].push(i as u32);
        }
    }
    let joins: Vec<Vec<(usize, f32)>> = clusters
        .par_iter()
        .map_init(
            || (vec![false; nodes.len()], Centroid::new(vocabulary)),
            |(seen, centroid), members| {
                let articles = articles_of(members, group);
                if articles.len() < 2 {
                    return Vec::new();
                }
                let claim = Node::merge(members.iter().map(|&m| nodes[m].clone()).collect(), Vec::new());
                let mut heavy = claim.vector.clone();
                heavy.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                let mut rest: f32 = heavy.iter().map(|(_, w)| w * w).sum();
                let mut cut = 0;
                while cut < heavy.len() && rest.max(0.0).sqrt() >= threshold {
                    rest -= heavy[cut].1 * heavy[cut].1;
                    cut += 1;
                }
                for &m in members {
                    seen[m] = true;
                }
                let mut candidates: Vec<usize> = Vec::new();
                for &(t, _) in &heavy[..cut] {
                    for &x in &postings[t as usize] {
                        let x = x as usize;
                        if !seen[x] {
                            seen[x] = true;
                            candidates.push(x);
                        }
                    }
                }
                for &x in members.iter().chain(&candidates) {
                    seen[x] = false;
                }
                centroid.spread(&claim.vector);
                let mut joined: Vec<(usize, f32)> = candidates
                    .into_iter()
                    .filter_map(|x| {
                        // A word or two in common is a topic, not a fact.
                        let (dot, shared) = centroid.dot_count(&nodes[x].vector);
                        let score = penalised(dot, shared, &nodes[x], &claim);
                        (shared >= JOIN_MIN_SHARED
                            && score >= threshold
                            && story.mean_to(group[x], &articles).is_none_or(|a| a >= affinity))
                        .then_some((x, score))
                    })
                    .collect();
                centroid.clear(&claim.vector);
                joined.sort_unstable_by_key(|&(x, _)| x);
                joined
            },
        )
        .collect();
    keep_best(joins, nodes.len(), most)
}

/// A claim's centroid spread over the vocabulary, so its dot product with a passage costs the
/// passage's terms, not a walk along the thousands of terms of a big claim's centroid.
struct Centroid {
    weight: Vec<f32>,
    present: Vec<bool>,
}

impl Centroid {
    fn new(vocabulary: usize) -> Self {
        Centroid { weight: vec![0.0; vocabulary], present: vec![false; vocabulary] }
    }

    fn spread(&mut self, vector: &[(u32, f32)]) {
        for &(t, w) in vector {
            self.weight[t as usize] = w;
            self.present[t as usize] = true;
        }
    }

    fn clear(&mut self, vector: &[(u32, f32)]) {
        for &(t, _) in vector {
            self.present[t as usize] = false;
        }
    }

    /// [`crate::features::dot_count`] of `passage` (sorted by term) with the spread vector: the same
    /// products, added in the same order (by term), so the same bits.
    fn dot_count(&self, passage: &[(u32, f32)]) -> (f32, usize) {
        let mut sum = 0.0;
        let mut shared = 0;
        for &(t, w) in passage {
            if self.present.get(t as usize).copied().unwrap_or(false) {
                sum += w * self.weight[t as usize];
                shared += 1;
            }
        }
        (sum, shared)
    }
}

/// Keeps, for each node, only the `most` clusters it is closest to (0 keeps all); ties go to the
/// earlier cluster, so the result does not depend on thread timing.
///
/// A sentence states a handful of facts, not dozens: a node close to many centroids is a
/// template or boilerplate line (in generated or syndicated coverage, most of them), and
/// letting it join them all made the claims' membership, and every later stage, grow with the
/// square of the corpus.
fn keep_best(joins: Vec<Vec<(usize, f32)>>, nodes: usize, most: usize) -> Vec<Vec<usize>> {
    if most == 0 {
        return joins.into_iter().map(|j| j.into_iter().map(|(x, _)| x).collect()).collect();
    }
    let mut per_node: Vec<Vec<(f32, usize)>> = vec![Vec::new(); nodes];
    for (c, joined) in joins.iter().enumerate() {
        for &(x, score) in joined {
            per_node[x].push((score, c));
        }
    }
    let mut kept: Vec<Vec<usize>> = vec![Vec::new(); joins.len()];
    for (x, mut offers) in per_node.into_iter().enumerate() {
        offers.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        for &(_, c) in offers.iter().take(most) {
            kept[c].push(x);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features;

    /// A passage node of `article` with the given (term, weight) pairs, normalised.
    fn node(article: usize, id: u32, terms: &[(u32, f32)]) -> Node {
        let norm = terms.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        let vector = terms.iter().map(|&(t, w)| (t, w / norm)).collect();
        Node::passage(vector, Vec::new(), Vec::new(), article, id)
    }

    #[test]
    fn a_passage_stating_two_facts_joins_the_other_claim() {
        // Claim 0: the fire (terms 1, 2, 10) in articles 0 and 1; claim 1: the injuries (3, 4,
        // 11) in articles 1 and 2; article 0's passage 2 states both facts.
        let nodes = vec![
            node(0, 0, &[(1, 1.0), (2, 1.0), (10, 1.0)]),
            node(0, 1, &[(9, 1.0)]),
            node(0, 2, &[(1, 1.0), (2, 1.0), (3, 1.0), (4, 1.0), (10, 1.0), (11, 1.0)]),
            node(1, 3, &[(1, 1.0), (2, 0.9), (10, 1.0)]),
            node(1, 4, &[(3, 1.0), (4, 1.0), (11, 1.0)]),
            node(2, 5, &[(3, 1.0), (4, 0.8), (11, 1.0)]),
            node(2, 6, &[(1, 1.0), (2, 1.0), (10, 1.0)]),
        ];
        let group: Vec<usize> = nodes.iter().map(|n| n.group).collect();
        let clusters = vec![vec![0, 3, 6], vec![1], vec![2], vec![4, 5]];
        let joins = centroid_joins(&clusters, &nodes, &group, 0.5, 0.0, 0);
        assert_eq!(joins[3], [2], "the two-fact passage joins the injury claim");
        assert!(joins[0].contains(&2), "and the fire claim: {joins:?}");
        assert!(joins[1].is_empty() && joins[2].is_empty(), "single-article clusters get none");
    }

    #[test]
    fn an_article_that_shares_no_fact_with_the_claim_does_not_join() {
        // Articles 0 and 1 share two claims; article 2 shares none with them, but one of its
        // passages uses the words of their first claim (a look-alike event).
        let nodes = vec![
            node(0, 0, &[(1, 1.0), (2, 1.0), (10, 1.0)]),
            node(0, 1, &[(5, 1.0), (6, 1.0), (12, 1.0)]),
            node(1, 2, &[(1, 1.0), (2, 1.0), (10, 1.0)]),
            node(1, 3, &[(5, 1.0), (6, 1.0), (12, 1.0)]),
            node(2, 4, &[(1, 1.0), (2, 1.0), (7, 1.0), (10, 1.0)]),
            node(2, 5, &[(8, 1.0)]),
        ];
        let group: Vec<usize> = nodes.iter().map(|n| n.group).collect();
        let clusters = vec![vec![0, 2], vec![1, 3], vec![4], vec![5]];
        assert_eq!(
            centroid_joins(&clusters, &nodes, &group, 0.5, 0.0, 0)[0],
            [4],
            "without the gate it joins"
        );
        assert!(
            centroid_joins(&clusters, &nodes, &group, 0.5, 0.1, 0)[0].is_empty(),
            "the gate keeps it out"
        );
    }

    #[test]
    fn a_passage_that_shares_two_terms_with_a_claim_does_not_join_it() {
        // Claim 0 in articles 0 and 1: "the Dover plant fire" (terms 1 place, 2 plant, 3 fire).
        // Article 2's passage 4 ("Dover's plant reopened") shares the place and the plant only,
        // weighted heavily enough to pass the cosine; passage 5 names the fire as well.
        let nodes = vec![
            node(0, 0, &[(1, 1.0), (2, 1.0), (3, 1.0)]),
            node(1, 1, &[(1, 1.0), (2, 1.0), (3, 1.0)]),
            node(2, 2, &[(8, 1.0)]),
            node(2, 3, &[(9, 1.0)]),
            node(2, 4, &[(1, 1.0), (2, 1.0), (6, 0.3)]),
            node(2, 5, &[(1, 1.0), (2, 1.0), (3, 0.3), (6, 0.3)]),
        ];
        let group: Vec<usize> = nodes.iter().map(|n| n.group).collect();
        let clusters = vec![vec![0, 1], vec![2], vec![3], vec![4], vec![5]];
        let (two, _) = features::dot_count(&nodes[4].vector, &nodes[0].vector);
        assert!(two >= 0.5, "the two shared terms alone reach the threshold: {two}");
        assert_eq!(centroid_joins(&clusters, &nodes, &group, 0.5, 0.0, 0)[0], [5]);
    }

    #[test]
    fn the_pruned_walk_finds_what_a_scan_finds() {
        // Pseudo-random sparse vectors in 6 articles; compare with a scan of every node.
        let mut state = 11u64;
        let mut next = || {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (state >> 33) as u32
        };
        let nodes: Vec<Node> = (0..60)
            .map(|i| {
                let terms: Vec<(u32, f32)> = {
                    let mut t: Vec<u32> = (0..4).map(|_| next() % 25).collect();
                    t.sort_unstable();
                    t.dedup();
                    t.into_iter().map(|t| (t, 1.0 + (next() % 5) as f32)).collect()
                };
                node(i / 10, i as u32, &terms)
            })
            .collect();
        let group: Vec<usize> = nodes.iter().map(|n| n.group).collect();
        let clusters: Vec<Vec<usize>> = (0..10).map(|c| (0..6).map(|a| a * 10 + c).collect()).collect();
        let joins = centroid_joins(&clusters, &nodes, &group, 0.3, 0.0, 0);
        for (c, members) in clusters.iter().enumerate() {
            let claim = Node::merge(members.iter().map(|&m| nodes[m].clone()).collect(), Vec::new());
            let scan: Vec<usize> = (0..nodes.len())
                .filter(|x| !members.contains(x))
                .filter(|&x| {
                    let (dot, shared) = features::dot_count(&nodes[x].vector, &claim.vector);
                    shared >= JOIN_MIN_SHARED && penalised(dot, shared, &nodes[x], &claim) >= 0.3
                })
                .collect();
            assert_eq!(joins[c], scan, "cluster {c}");
        }
        assert!(joins.iter().any(|j| !j.is_empty()), "the scan finds some joins");
    }
}
