//! Growing claims from scored pairs: mutual-best filtering, average-linkage clustering and
//! second-claim membership. Everything here works on node indices and edge lists; what a node
//! is (a passage, or a group of passages found at a lower level) is the caller's business.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::{Edge, Node};
use crate::hash::FxHashMap;

/// The edges whose ends are each among the other's `k` best matches in its group.
///
/// Alignment between two articles is close to one-to-one: a sentence that shares the story's
/// common words ("the Financial Times reported") with a dozen sentences of another article is
/// tied only to the one or two it matches best, so it cannot glue their facts together.
///
/// `group[x]` is node x's group (its article at the first level): a flat list, because the
/// edges visit nodes in no order and a node is a big record.
pub fn keep_mutual_best(edges: &[Edge], group: &[usize], k: usize) -> Vec<Edge> {
    if k == 0 || edges.is_empty() {
        return edges.to_vec();
    }
    let first = group.iter().copied().min().unwrap_or(0);
    let groups = group.iter().copied().max().unwrap_or(0) + 1 - first;
    if group.len().saturating_mul(groups).saturating_mul(k) <= DENSE_TOP_LIMIT {
        keep_mutual_best_dense(edges, group, k, first, groups)
    } else {
        keep_mutual_best_sorted(edges, group, k)
    }
}

/// Largest (nodes × groups × k) table of best scores [`keep_mutual_best`] keeps in memory.
const DENSE_TOP_LIMIT: usize = 4_000_000;

/// [`keep_mutual_best`] with the k best scores per (node, group) in one flat table, filled in a
/// single pass: the common case of a block of a few dozen articles.
fn keep_mutual_best_dense(
    edges: &[Edge],
    group_of: &[usize],
    k: usize,
    first: usize,
    groups: usize,
) -> Vec<Edge> {
    let mut top = vec![f32::NEG_INFINITY; group_of.len() * groups * k];
    // Group-major: the edges of one node reach one group's column in a run of neighbours.
    let n = group_of.len();
    let slot = |x: u32, group: usize| ((group - first) * n + x as usize) * k;
    let group = |x: u32| group_of[x as usize];
    for &(i, j, s) in edges {
        for at in [slot(i, group(j)), slot(j, group(i))] {
            let best = &mut top[at..at + k];
            if s > best[k - 1] {
                let mut p = k - 1;
                while p > 0 && best[p - 1] < s {
                    best[p] = best[p - 1];
                    p -= 1;
                }
                best[p] = s;
            }
        }
    }
    // The k-th best, or the worst of fewer: what an edge must reach.
    let bars: Vec<f32> = top
        .chunks_exact(k)
        .map(|best| best.iter().rev().copied().find(|v| v.is_finite()).unwrap_or(0.0))
        .collect();
    let bar = |x: u32, group: usize| bars[slot(x, group) / k];
    edges.iter().copied().filter(|&(i, j, s)| s >= bar(i, group(j)) && s >= bar(j, group(i))).collect()
}

/// [`keep_mutual_best`] by sorting each node's links: for blocks of very many small groups.
fn keep_mutual_best_sorted(edges: &[Edge], group_of: &[usize], k: usize) -> Vec<Edge> {
    // Every node's links as (other group, similarity).
    let n = group_of.len();
    let group = |x: u32| group_of[x as usize];
    let (start, mut links) = adjacency(n, edges, group);
    // Per node and other group, the k-th best similarity: what an edge must reach.
    let mut kth: Vec<(usize, f32)> = Vec::with_capacity(links.len());
    let mut kth_start = vec![0usize; n + 1];
    for x in 0..n {
        let own = &mut links[start[x]..start[x + 1]];
        own.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
        for run in own.chunk_by(|a, b| a.0 == b.0) {
            kth.push((run[0].0, run[run.len().min(k) - 1].1));
        }
        kth_start[x + 1] = kth.len();
    }
    let bar = |x: u32, group: usize| {
        let own = &kth[kth_start[x as usize]..kth_start[x as usize + 1]];
        own.binary_search_by_key(&group, |&(g, _)| g).map_or(0.0, |p| own[p].1)
    };
    edges.iter().copied().filter(|&(i, j, s)| s >= bar(i, group(j)) && s >= bar(j, group(i))).collect()
}

/// Every node's links as `(label(other end), similarity)`, in edge order, node `x`'s in
/// `links[start[x]..start[x + 1]]`: one flat list instead of a vector per node.
fn adjacency<T: Copy + Default>(
    n: usize,
    edges: &[Edge],
    label: impl Fn(u32) -> T,
) -> (Vec<usize>, Vec<(T, f32)>) {
    let mut start = vec![0usize; n + 1];
    for &(i, j, _) in edges {
        start[i as usize + 1] += 1;
        start[j as usize + 1] += 1;
    }
    for x in 0..n {
        start[x + 1] += start[x];
    }
    let mut fill = start.clone();
    let mut links = vec![(T::default(), 0.0f32); start[n]];
    for &(i, j, s) in edges {
        links[fill[i as usize]] = (label(j), s);
        fill[i as usize] += 1;
        links[fill[j as usize]] = (label(i), s);
        fill[j as usize] += 1;
    }
    (start, links)
}

/// A proposed merge: linkage (scaled to an integer), the two clusters (smallest first on ties),
/// and their versions when proposed, so stale proposals can be skipped. Kept to 20 bytes: the
/// heap holds every proposal ever made, and popping it is most of the clustering's time.
type Merge = (i32, Reverse<u32>, Reverse<u32>, u32, u32);

/// Passages per article of a cluster, sorted by article: most clusters hold a few articles,
/// and a sorted list merges and intersects faster than a map.
type ArticleCounts = Vec<(usize, usize)>;

/// Pairs of passages from different articles between two clusters: the denominator of their
/// average linkage. Two passages of one article are never compared, so they do not count.
fn cross_pairs(x: &ArticleCounts, y: &ArticleCounts, nx: usize, ny: usize) -> f32 {
    let (small, big) = if x.len() <= y.len() { (x, y) } else { (y, x) };
    let same: usize = small
        .iter()
        .map(|&(a, c)| big.binary_search_by_key(&a, |&(b, _)| b).map_or(0, |p| c * big[p].1))
        .sum();
    (nx * ny - same) as f32
}

/// The counts of `a` and `b` added up.
fn add_counts(a: &ArticleCounts, b: &ArticleCounts) -> ArticleCounts {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => {
                out.push(a[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(b[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push((a[i].0, a[i].1 + b[j].1));
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// Greedy average-linkage clustering over sparse edges whose weight is the *mean* similarity
/// of the passages of their two nodes. Two clusters merge, best first, while the mean over
/// all their cross-article passage pairs (unlinked pairs count as zero) is at least
/// `threshold`. Returns clusters of node indices, each sorted, in order of their smallest node.
pub fn average_linkage(nodes: &[Node], edges: &[Edge], threshold: f32) -> Vec<Vec<usize>> {
    let n = nodes.len();
    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    let mut size: Vec<usize> = nodes.iter().map(Node::size).collect();
    // Node::articles is sorted by article already.
    let mut per_article: Vec<ArticleCounts> = nodes.iter().map(|x| x.articles.clone()).collect();
    let mut alive = vec![true; n];
    let mut version = vec![0u32; n];
    // Sum of passage similarities between two live clusters, keyed by the other cluster. The
    // order of a map never matters: each sum gets one addition per merge, and the heap orders
    // proposals completely.
    let mut degree = vec![0usize; n];
    for &(i, j, _) in edges {
        degree[i as usize] += 1;
        degree[j as usize] += 1;
    }
    let mut links: Vec<FxHashMap<usize, f32>> =
        degree.iter().map(|&d| FxHashMap::with_capacity_and_hasher(d, Default::default())).collect();
    for &(i, j, s) in edges {
        let (i, j) = (i as usize, j as usize);
        let total = s * cross_pairs(&per_article[i], &per_article[j], size[i], size[j]);
        links[i].insert(j, total);
        links[j].insert(i, total);
    }
    let key = |v: f32| (v * 1e6) as i32;
    // The first proposals are sorted once, best first, and read in order; only the proposals
    // made after merges go through the heap. Popping whichever of the two is greater gives the
    // order one heap of everything would, from a heap a fraction of the size.
    let mut first: Vec<Merge> = edges
        .iter()
        .filter(|e| e.2 >= threshold)
        .map(|&(i, j, s)| (key(s), Reverse(i), Reverse(j), 0, 0))
        .collect();
    first.sort_unstable_by(|a, b| b.cmp(a));
    let mut first = first.into_iter().peekable();
    let mut heap: BinaryHeap<Merge> = BinaryHeap::new();
    loop {
        let proposal = match (first.peek(), heap.peek()) {
            (Some(f), Some(h)) if h > f => heap.pop(),
            (Some(_), _) => first.next(),
            (None, _) => heap.pop(),
        };
        let Some((_, Reverse(a), Reverse(b), va, vb)) = proposal else { break };
        let (a, b) = (a as usize, b as usize);
        if !alive[a] || !alive[b] || version[a] != va || version[b] != vb {
            continue;
        }
        // Merge b into a.
        let moved = std::mem::take(&mut members[b]);
        members[a].extend(moved);
        let counts_b = std::mem::take(&mut per_article[b]);
        per_article[a] = add_counts(&per_article[a], &counts_b);
        size[a] += size[b];
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
        for (&c, &s) in &links[a] {
            let pairs = cross_pairs(&per_article[a], &per_article[c], size[a], size[c]);
            let linkage = if pairs > 0.0 { s / pairs } else { 0.0 };
            if linkage >= threshold {
                let (x, y) = if a < c { (a, c) } else { (c, a) };
                heap.push((key(linkage), Reverse(x as u32), Reverse(y as u32), version[x], version[y]));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dense_and_the_sorted_mutual_best_keep_the_same_edges() {
        // 60 nodes in 7 groups, pseudo-random edges across groups, ties included.
        let nodes: Vec<Node> =
            (0..60).map(|i| Node::passage(vec![(1, 1.0)], Vec::new(), Vec::new(), i / 9, i as u32)).collect();
        let mut state = 7u64;
        let mut next = || {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (state >> 33) as usize
        };
        let mut edges = Vec::new();
        for i in 0..60 {
            for j in i + 1..60 {
                if nodes[i].group != nodes[j].group && next() % 3 == 0 {
                    edges.push((i as u32, j as u32, (next() % 20) as f32 / 20.0 + 0.05));
                }
            }
        }
        for k in 1..4 {
            let group: Vec<usize> = nodes.iter().map(|x| x.group).collect();
            let dense = keep_mutual_best_dense(&edges, &group, k, 0, 7);
            let sorted = keep_mutual_best_sorted(&edges, &group, k);
            assert_eq!(dense, sorted, "k = {k}");
            assert!(dense.len() < edges.len());
        }
    }
}
