//! Scores parallax's alignment on ECB+ (cross-document event coreference turned into sentence
//! alignment; see `../shared/benchmarks/README.md`).
//!
//! For every topic, both sub-topics are pooled into one corpus (`<t>_ecb` + `<t>_ecbplus`): they
//! report two different events of the same kind, so the other event's look-alike sentences are
//! the negatives. Every cross-document pair of members of a claim predicts every pair of their
//! covered annotated lines (a passage covers a line when at least half of the line lies inside
//! it). Micro precision, recall and F1 over all cross-document pairs of annotated lines.
//!
//! `cargo run --release --example ecbplus -- [ECBPLUS_DIR] [--threshold X] [--all-lines]`
//!
//! ECB+ is not in the repository (7 MB, CC-BY 3.0); without `ECBPLUS_DIR` the example reads
//! `../shared/benchmarks/ecbplus` beside the workspace.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::time::Instant;

use parallax::analysis::Config;
use parallax::{Analysis, Corpus};

type LineRef = (String, usize);

/// The converted ECB+ folder when no path is given, relative to the workspace root.
const DEFAULT_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/benchmarks/ecbplus");
const USAGE: &str = "cargo run --release --example ecbplus -- ECBPLUS_DIR [--threshold X] [--all-lines]";

/// Prints `why` and exits 2: bad usage or missing data, not a bug.
fn fail(why: String) -> ! {
    eprintln!("ecbplus: {why}");
    std::process::exit(2)
}

/// The number after a flag, or a usage error.
fn number<T: std::str::FromStr>(flag: &str, value: Option<String>) -> T {
    value.and_then(|v| v.parse().ok()).unwrap_or_else(|| fail(format!("{flag} takes a number; {USAGE}")))
}

fn main() {
    let mut dir = PathBuf::from(DEFAULT_DIR);
    let mut config = Config::default();
    let mut all_lines = false;
    let mut verbose = false;
    // Diagnostic: score thresholded pairwise similarity instead of claims.
    let mut pairs_mode = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--threshold" => config.link_threshold = number(&a, args.next()),
            "--context" => config.story_context = number(&a, args.next()),
            "--join" => config.join_threshold = number(&a, args.next()),
            "--affinity" => config.join_affinity = number(&a, args.next()),
            "--per-article" => config.per_article = number(&a, args.next()),
            "--mutual" => config.mutual_best = number(&a, args.next()),
            "--all-lines" => all_lines = true,
            "-v" | "--verbose" => verbose = true,
            "--pairs" => pairs_mode = true,
            flag if flag.starts_with('-') => fail(format!("unknown flag {flag}; {USAGE}")),
            _ => dir = PathBuf::from(a),
        }
    }
    let gold_file = dir.join("gold.json");
    let gold_text = std::fs::read_to_string(&gold_file).unwrap_or_else(|e| {
        fail(format!("no ECB+ data: cannot read {}: {e}; pass its folder: {USAGE}", gold_file.display()))
    });
    let gold: serde_json::Value = serde_json::from_str(&gold_text)
        .unwrap_or_else(|e| fail(format!("{} is not JSON: {e}", gold_file.display())));
    let clusters = gold["clusters"].as_object().expect("clusters");
    let topics: BTreeSet<String> =
        clusters.keys().filter_map(|k| k.strip_suffix("_ecb").map(str::to_string)).collect();
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let started = Instant::now();
    for topic in &topics {
        let subs = [format!("{topic}_ecb"), format!("{topic}_ecbplus")];
        let mut annotated: BTreeSet<LineRef> = BTreeSet::new();
        let mut gold_pairs: BTreeSet<(LineRef, LineRef)> = BTreeSet::new();
        for sub in &subs {
            let c = &clusters[sub];
            for (doc, lines) in c["annotated"].as_object().expect("annotated") {
                for l in lines.as_array().expect("lines") {
                    annotated.insert((doc.clone(), l.as_u64().expect("line") as usize));
                }
            }
            let key = if all_lines { "pairs_all_lines" } else { "pairs" };
            for p in c[key].as_array().expect("pairs") {
                let a = (p[0].as_str().expect("doc").to_string(), p[1].as_u64().expect("line") as usize);
                let b = (p[2].as_str().expect("doc").to_string(), p[3].as_u64().expect("line") as usize);
                gold_pairs.insert(ordered(a, b));
            }
        }
        let paths: Vec<PathBuf> = subs.iter().map(|s| dir.join(s)).collect();
        let corpus = Corpus::load(&paths).expect("load topic");
        let analysis = if pairs_mode {
            pairwise_claims(corpus, config.link_threshold)
        } else {
            parallax::pipeline::analyse(corpus, &config, &|_| {})
        };
        // Which annotated lines each passage covers.
        let mut covered: BTreeMap<(usize, usize), Vec<LineRef>> = BTreeMap::new();
        for (ai, article) in analysis.corpus.articles.iter().enumerate() {
            let doc = article.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let mut lines = Vec::new();
            let mut pos = 0;
            for line in article.text.split_inclusive('\n') {
                let content = line.trim_end_matches('\n');
                lines.push(pos..pos + content.len());
                pos += line.len();
            }
            for p in &article.passages {
                let cov: Vec<LineRef> = lines
                    .iter()
                    .enumerate()
                    .filter(|(_, l)| {
                        let inside = l.end.min(p.end).saturating_sub(l.start.max(p.start));
                        !l.is_empty() && inside * 2 >= l.len()
                    })
                    .map(|(i, _)| (doc.clone(), i))
                    .filter(|r| annotated.contains(r))
                    .collect();
                if !cov.is_empty() {
                    covered.insert((ai, p.index), cov);
                }
            }
        }
        let mut predicted: BTreeSet<(LineRef, LineRef)> = BTreeSet::new();
        for claim in &analysis.claims {
            for (i, a) in claim.members.iter().enumerate() {
                for b in &claim.members[i + 1..] {
                    if a.at.article == b.at.article {
                        continue;
                    }
                    let (Some(la), Some(lb)) = (
                        covered.get(&(a.at.article, a.at.passage)),
                        covered.get(&(b.at.article, b.at.passage)),
                    ) else {
                        continue;
                    };
                    for x in la {
                        for y in lb {
                            predicted.insert(ordered(x.clone(), y.clone()));
                        }
                    }
                }
            }
        }
        let t = predicted.intersection(&gold_pairs).count();
        let (p_, g_) = (predicted.len(), gold_pairs.len());
        if verbose {
            let f = f1(t, p_ - t, g_ - t);
            println!("{topic:>3}: predicted {p_:5} gold {g_:5} tp {t:5}  F1 {f:.3}");
        }
        tp += t;
        fp += p_ - t;
        fn_ += g_ - t;
    }
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fn_).max(1) as f64;
    println!(
        "ECB+ pooled topics: {} | pairs tp {tp} fp {fp} fn {fn_} | P {p:.3} R {r:.3} F1 {:.3} | {:.2}s",
        topics.len(),
        f1(tp, fp, fn_),
        started.elapsed().as_secs_f64()
    );
}

fn ordered(a: LineRef, b: LineRef) -> (LineRef, LineRef) {
    if a <= b { (a, b) } else { (b, a) }
}

fn f1(tp: usize, fp: usize, fn_: usize) -> f64 {
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fn_).max(1) as f64;
    if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
}

/// Every cross-article pair above the threshold as a two-member claim (diagnostic).
fn pairwise_claims(corpus: Corpus, threshold: f32) -> Analysis {
    use parallax::analysis::{Claim, Member, PassageRef};
    let f = parallax::features::extract(&corpus);
    let kappa: f32 = std::env::var("KAPPA").ok().and_then(|v| v.parse().ok()).unwrap_or(0.0);
    // Article centroids.
    let docs: Vec<std::collections::HashMap<u32, f32>> = f
        .vectors
        .iter()
        .map(|ps| {
            let mut m = std::collections::HashMap::new();
            for v in ps {
                for &(t, w) in &v.terms {
                    *m.entry(t).or_insert(0.0) += w;
                }
            }
            let n = m.values().map(|w: &f32| w * w).sum::<f32>().sqrt().max(1e-9);
            m.values_mut().for_each(|w| *w /= n);
            m
        })
        .collect();
    let dsim =
        |a: usize, b: usize| -> f32 { docs[a].iter().map(|(t, w)| w * docs[b].get(t).unwrap_or(&0.0)).sum() };
    let mut all = vec![];
    for a in 0..docs.len() {
        for b in a + 1..docs.len() {
            all.push(dsim(a, b));
        }
    }
    all.sort_by(|x, y| x.total_cmp(y));
    let med = all.get(all.len() / 2).copied().unwrap_or(1.0).max(1e-6);
    let mut claims = Vec::new();
    for (a, va) in f.vectors.iter().enumerate() {
        for (b, vb) in f.vectors.iter().enumerate().skip(a + 1) {
            for (p, x) in va.iter().enumerate() {
                for (q, y) in vb.iter().enumerate() {
                    let s = parallax::align::similarity(x, y) * (dsim(a, b) / med).powf(kappa);
                    if s >= threshold {
                        let m = |article, passage| Member {
                            at: PassageRef { article, passage },
                            similarity: s,
                            evidence: vec![],
                            span: f.spans[article][passage],
                        };
                        claims.push(Claim { id: claims.len(), score: s, members: vec![m(a, p), m(b, q)] });
                    }
                }
            }
        }
    }
    Analysis::from_parts(corpus, claims, vec![])
}
