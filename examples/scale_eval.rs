//! Scores the alignment of a generated corpus against the gold its generator wrote: how much
//! of the quality on small corpora survives the block-by-block clustering of big ones.
//!
//! ```text
//! cargo run --release --example gen_corpus -- /tmp/px1k 1000 42
//! cargo run --release --example scale_eval -- /tmp/px1k [--block N] [--threshold X]
//! ```
//!
//! Every passage gets the source of the generated sentence it overlaps most (`gold.json`);
//! two passages of different articles with the same source state the same fact. A passage in
//! two claims counts in the one it is most similar to. Pairwise
//! precision and recall over cross-article passage pairs, as for ECB+, counted from the
//! claim × source contingency table so that a thousand articles need no pair list.
#![allow(clippy::unwrap_used)]

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

use parallax::analysis::Config;
use parallax::corpus::Corpus;

/// Cross-article pairs within the groups given as (group, article) → passages counts.
fn cross_pairs(cells: &HashMap<(usize, usize), u64>) -> u64 {
    let mut per_group: HashMap<usize, (u64, u64)> = HashMap::new();
    for (&(g, _), &n) in cells {
        let e = per_group.entry(g).or_default();
        e.0 += n;
        e.1 += n * n.saturating_sub(1) / 2;
    }
    per_group.values().map(|&(n, same)| n * n.saturating_sub(1) / 2 - same).sum()
}

/// Prints `why` and exits 2: bad usage or input, not a bug.
fn fail(why: String) -> ! {
    eprintln!("scale_eval: {why}");
    std::process::exit(2)
}

/// The allocator of the `parallax` binary, so the times are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    const USAGE: &str = "usage: cargo run --release --example scale_eval -- DIR [--block N] [--threshold X], \
                         DIR made by: cargo run --release --example gen_corpus -- DIR 1000 42";
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = PathBuf::from(args.first().unwrap_or_else(|| fail(USAGE.into())));
    let mut config = Config::default();
    let mut k = 1;
    while k < args.len() {
        let value = args.get(k + 1).unwrap_or_else(|| fail(format!("{} needs a value; {USAGE}", args[k])));
        let bad = || -> ! { fail(format!("{} {value}: not a number", args[k])) };
        match args[k].as_str() {
            "--block" => config.block_passages = value.parse().unwrap_or_else(|_| bad()),
            "--threshold" => config.link_threshold = value.parse().unwrap_or_else(|_| bad()),
            other => fail(format!("unknown flag {other}; {USAGE}")),
        }
        k += 2;
    }
    let gold_file = dir.join("gold.json");
    let gold: serde_json::Value = std::fs::read_to_string(&gold_file)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_else(|| fail(format!("cannot read {}; {USAGE}", gold_file.display())));
    let corpus = Corpus::load(std::slice::from_ref(&dir)).unwrap_or_else(|e| fail(e.to_string()));
    // Source ids as numbers; every passage's source (most overlapping generated sentence).
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut source: Vec<Vec<Option<usize>>> = Vec::new();
    for a in &corpus.articles {
        let spans: Vec<(usize, usize, usize)> = gold[&a.id]
            .as_array()
            .unwrap_or_else(|| fail(format!("{} is not in {}", a.id, gold_file.display())))
            .iter()
            .map(|s| {
                let n = ids.len();
                let id = *ids.entry(s[2].as_str().unwrap().to_string()).or_insert(n);
                (s[0].as_u64().unwrap() as usize, s[1].as_u64().unwrap() as usize, id)
            })
            .collect();
        source.push(
            a.passages
                .iter()
                .map(|p| {
                    spans
                        .iter()
                        .map(|&(s, e, id)| (p.end.min(e).saturating_sub(p.start.max(s)), id))
                        .filter(|&(overlap, _)| overlap > 0)
                        .max_by_key(|&(overlap, id)| (overlap, std::cmp::Reverse(id)))
                        .map(|(_, id)| id)
                })
                .collect(),
        );
    }
    let t = Instant::now();
    let claims = parallax::pipeline::claims(&corpus, &config, &|_| {});
    let secs = t.elapsed().as_secs_f64();

    let mut gold_cells: HashMap<(usize, usize), u64> = HashMap::new();
    for (a, passages) in source.iter().enumerate() {
        for s in passages.iter().flatten() {
            *gold_cells.entry((*s, a)).or_default() += 1;
        }
    }
    let mut predicted_cells: HashMap<(usize, usize), u64> = HashMap::new();
    // (claim, source) × article: the pairs that are both predicted and gold.
    let mut both: HashMap<(usize, usize), HashMap<usize, u64>> = HashMap::new();
    // A passage in two claims (a second claim) counts in the one it is most similar to, so the
    // claims partition the passages and every pair is counted once.
    let mut primary: HashMap<(usize, usize), (f32, usize)> = HashMap::new();
    for c in &claims {
        for m in &c.members {
            let e = primary.entry((m.at.article, m.at.passage)).or_insert((m.similarity, c.id));
            if m.similarity > e.0 {
                *e = (m.similarity, c.id);
            }
        }
    }
    for (&(a, p), &(_, c)) in &primary {
        *predicted_cells.entry((c, a)).or_default() += 1;
        if let Some(s) = source[a][p] {
            *both.entry((c, s)).or_default().entry(a).or_default() += 1;
        }
    }
    let mut tp_cells: HashMap<(usize, usize), u64> = HashMap::new();
    for (k, per_article) in both.values().enumerate() {
        for (&a, &n) in per_article {
            tp_cells.insert((k, a), n);
        }
    }
    let (tp, predicted, gold_pairs) =
        (cross_pairs(&tp_cells), cross_pairs(&predicted_cells), cross_pairs(&gold_cells));
    let p = tp as f64 / predicted.max(1) as f64;
    let r = tp as f64 / gold_pairs.max(1) as f64;
    let f1 = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    let passages: usize = corpus.articles.iter().map(|a| a.passages.len()).sum();
    let members: usize = claims.iter().map(|c| c.members.len()).sum();
    println!(
        "{} articles, {passages} passages | block {} | {} claims, {members} members | pairs tp {tp} \
         predicted {predicted} gold {gold_pairs} | P {p:.3} R {r:.3} F1 {f1:.3} | align {secs:.2}s",
        corpus.articles.len(),
        config.block_passages,
        claims.len(),
    );
}
