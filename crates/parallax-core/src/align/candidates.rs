//! Candidate pairs: which nodes are worth comparing at all.
//!
//! An inverted index over the nodes' terms accumulates each pair's dot product while walking
//! the postings, like a search engine scoring documents, so no pair that shares nothing is
//! ever looked at and no vector is allocated per pair. When the postings of the commonest
//! terms would make the walk quadratic (a big corpus of one story, where "Amazon" is in every
//! other sentence), those terms are left out of the index until the walk fits a fixed budget:
//! pairs are then proposed by their rarer, more specific terms and scored exactly.

use rayon::prelude::*;

use super::{Edge, Node};
use crate::features;

/// Most posting visits one call may make before the commonest terms leave the index. Small
/// corpora stay far below it, so their candidates are exact.
const VISIT_BUDGET: u64 = 60_000_000;

/// Pairs `(i, j, score)` with `i < j`, the two nodes in different groups, and `score ≥ floor`,
/// where `score = similarity(node_i, node_j, dot, shared_terms)`. A pair whose dot product is
/// below `floor` is dropped without being scored, so `similarity` may lower a score or scale
/// one that reaches the floor, but must not lift a pair from below the floor to above it.
/// Within the budget every such pair is found; beyond it, a pair whose only shared terms are
/// the dropped common ones is not proposed.
pub fn pairs(
    nodes: &[Node],
    floor: f32,
    similarity: &(impl Fn(&Node, &Node, f32, usize) -> f32 + Sync),
) -> Vec<Edge> {
    pairs_within(nodes, floor, VISIT_BUDGET, similarity)
}

/// [`pairs`] with a given visit budget.
fn pairs_within(
    nodes: &[Node],
    floor: f32,
    budget: u64,
    similarity: &(impl Fn(&Node, &Node, f32, usize) -> f32 + Sync),
) -> Vec<Edge> {
    let n = nodes.len();
    if n < 2 {
        return Vec::new();
    }
    // Nodes of one group are contiguous: the first node of the next group, for each node.
    let mut group_end = vec![n; n];
    for i in (0..n - 1).rev() {
        group_end[i] = if nodes[i + 1].group == nodes[i].group { group_end[i + 1] } else { i + 1 };
    }
    let vocabulary =
        nodes.iter().flat_map(|x| x.vector.iter().map(|&(t, _)| t as usize + 1)).max().unwrap_or(0);
    let mut df = vec![0u64; vocabulary];
    for x in nodes {
        for &(t, _) in &x.vector {
            df[t as usize] += 1;
        }
    }
    let indexed = index_within_budget(&df, budget);
    let exact = indexed.iter().all(|&i| i);
    // Each node's terms left out of the index, scored per candidate pair instead.
    let common: Vec<Vec<(u32, f32)>> = nodes
        .iter()
        .map(|x| x.vector.iter().copied().filter(|&(t, _)| !indexed[t as usize]).collect())
        .collect();
    let common_norm: Vec<f32> =
        common.iter().map(|c| c.iter().map(|(_, w)| w * w).sum::<f32>().sqrt()).collect();
    let mut postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); vocabulary];
    for (i, x) in nodes.iter().enumerate() {
        for &(t, w) in &x.vector {
            if indexed[t as usize] {
                postings[t as usize].push((i as u32, w));
            }
        }
    }
    let rows: Vec<Vec<Edge>> = (0..n)
        .into_par_iter()
        .map_init(
            || (vec![0.0f32; n], vec![0u32; n], Vec::<u32>::new()),
            |(acc, shared, touched), i| {
                let start = group_end[i] as u32;
                for &(t, w) in &nodes[i].vector {
                    let list = &postings[t as usize];
                    let from = list.partition_point(|&(j, _)| j < start);
                    for &(j, wj) in &list[from..] {
                        let j = j as usize;
                        if shared[j] == 0 {
                            touched.push(j as u32);
                        }
                        acc[j] += w * wj;
                        shared[j] += 1;
                    }
                }
                let mut out = Vec::new();
                for &j in touched.iter() {
                    let j = j as usize;
                    let (mut dot, mut count) = (acc[j], shared[j] as usize);
                    acc[j] = 0.0;
                    shared[j] = 0;
                    if !exact {
                        // The common terms add at most the product of their norms: skip what
                        // cannot reach the floor.
                        if dot + common_norm[i] * common_norm[j] < floor {
                            continue;
                        }
                        let (d, c) = features::dot_count(&common[i], &common[j]);
                        dot += d;
                        count += c;
                    }
                    // Below the floor before scoring: dropped (see the contract above).
                    if dot < floor {
                        continue;
                    }
                    let s = similarity(&nodes[i], &nodes[j], dot, count);
                    if s >= floor {
                        out.push((i as u32, j as u32, s));
                    }
                }
                touched.clear();

                out
            },
        )
        .collect();
    // Concatenated once at the exact size: growing one vector of a million edges would copy
    // it over and over.
    let mut edges = Vec::with_capacity(rows.iter().map(Vec::len).sum());
    for row in rows {
        edges.extend(row);
    }
    edges
}

/// Which terms go into the index: all of them when the walk fits `budget`, else all but the
/// commonest, dropped one by one (highest document frequency first, ties by id) until it fits.
fn index_within_budget(df: &[u64], budget: u64) -> Vec<bool> {
    let cost = |d: u64| d * d.saturating_sub(1) / 2;
    let mut total: u64 = df.iter().map(|&d| cost(d)).sum();
    let mut indexed = vec![true; df.len()];
    if total <= budget {
        return indexed;
    }
    let mut by_df: Vec<usize> = (0..df.len()).collect();
    by_df.sort_unstable_by(|&a, &b| df[b].cmp(&df[a]).then(a.cmp(&b)));
    for t in by_df {
        if total <= budget {
            break;
        }
        indexed[t] = false;
        total -= cost(df[t]);
    }
    indexed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(group: usize, terms: &[(u32, f32)]) -> Node {
        Node::passage(terms.to_vec(), Vec::new(), Vec::new(), group, 0)
    }

    fn plain(_: &Node, _: &Node, dot: f32, _: usize) -> f32 {
        dot
    }

    #[test]
    fn pairs_inside_a_group_are_never_proposed() {
        let nodes = [node(0, &[(1, 1.0)]), node(0, &[(1, 1.0)]), node(1, &[(1, 1.0)])];
        let edges = pairs(&nodes, 0.1, &plain);
        assert_eq!(edges, vec![(0, 2, 1.0), (1, 2, 1.0)]);
    }

    #[test]
    fn accumulated_dot_products_equal_the_exact_ones() {
        let nodes =
            [node(0, &[(1, 0.6), (2, 0.8)]), node(1, &[(1, 0.8), (3, 0.6)]), node(2, &[(2, 0.6), (3, 0.8)])];
        let edges = pairs(&nodes, 0.0, &plain);
        for (i, j, s) in edges {
            assert_eq!(s, features::dot(&nodes[i as usize].vector, &nodes[j as usize].vector), "{i} {j}");
        }
    }

    #[test]
    fn a_tight_budget_drops_the_commonest_terms_but_still_scores_exactly() {
        // Term 9 is in every node; term i is shared by nodes i and i+1 only.
        let nodes: Vec<Node> =
            (0..40).map(|i| node(i as usize, &[(i, 0.6), (i + 1, 0.6), (99, 0.52)])).collect();
        let full = pairs(&nodes, 0.0, &plain);
        let pruned = pairs_within(&nodes, 0.0, 100, &plain);
        assert_eq!(full.len(), 40 * 39 / 2);
        assert_eq!(pruned.len(), 39, "only neighbours share a rare term");
        for e in &pruned {
            assert!(full.contains(e), "{e:?} scored differently");
        }
    }

    #[test]
    fn the_budget_keeps_rare_terms() {
        let df = [1, 50, 3, 50, 2];
        assert_eq!(index_within_budget(&df, u64::MAX), vec![true; 5]);
        assert_eq!(index_within_budget(&df, 1300), vec![true, false, true, true, true]);
        assert_eq!(index_within_budget(&df, 10), vec![true, false, true, false, true]);
    }
}
