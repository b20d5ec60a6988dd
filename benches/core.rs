//! Criterion benchmarks of the core: segmentation, alignment (bundled corpus and a generated
//! 100-article corpus), discrepancy detection, word diff, and placing an annotation stored with
//! an 80,000-character context (issue 15: it froze the reader for 38 s). `cargo bench --bench
//! core`.
#![allow(clippy::unwrap_used)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use parallax::analysis::Config;
use parallax::corpus::Corpus;
use parallax::{diff, discrepancy, pipeline, segment};

#[path = "../examples/gen_corpus.rs"]
#[allow(dead_code)]
mod gen_corpus;

fn generated(n: usize) -> Corpus {
    let texts = gen_corpus::generate(n, 42);
    Corpus::from_texts(texts.iter().map(|(id, t)| (id.as_str(), t.as_str())))
}

/// The claims of `corpus`: the features and alignment stages, which the `align` figures time.
fn claims_of(corpus: &Corpus, config: &Config) -> Vec<parallax::Claim> {
    pipeline::claims(corpus, config, &|_| {})
}

fn bench_segment(c: &mut Criterion) {
    let corpus = parallax::bundled::corpus();
    let texts: Vec<&str> = corpus.articles.iter().map(|a| a.text.as_str()).collect();
    c.bench_function("segment/bundled (5 articles, 30 KB)", |b| {
        b.iter(|| {
            for t in &texts {
                black_box(segment::segment(black_box(t), 0..t.len()));
            }
        })
    });
}

fn bench_align(c: &mut Criterion) {
    let config = Config::default();
    let bundled = parallax::bundled::corpus();
    c.bench_function("align/bundled", |b| b.iter(|| black_box(claims_of(black_box(&bundled), &config))));
    let big = generated(100);
    let mut g = c.benchmark_group("align");
    g.sample_size(10);
    g.bench_function("generated 100 articles", |b| b.iter(|| black_box(claims_of(black_box(&big), &config))));
    g.finish();
}

fn bench_discrepancies(c: &mut Criterion) {
    let corpus = parallax::bundled::corpus();
    let claims = claims_of(&corpus, &Config::default());
    c.bench_function("discrepancies/bundled", |b| {
        b.iter(|| black_box(discrepancy::detect(black_box(&corpus), black_box(&claims))))
    });
}

fn bench_diff(c: &mut Criterion) {
    let corpus = parallax::bundled::corpus();
    let claims = claims_of(&corpus, &Config::default());
    // Every pair of members of every claim: what the compare view may show.
    let pairs: Vec<(&str, &str)> = claims
        .iter()
        .flat_map(|cl| {
            let texts: Vec<&str> =
                cl.members.iter().map(|m| corpus.articles[m.at.article].passage_text(m.at.passage)).collect();
            (1..texts.len()).map(move |k| (texts[0], texts[k]))
        })
        .collect();
    c.bench_function(&format!("word_diff/bundled claim pairs ({})", pairs.len()), |b| {
        b.iter(|| {
            for &(x, y) in &pairs {
                black_box(diff::word_diff(black_box(x), black_box(y)));
            }
        })
    });
}

/// Loading and placing an annotation whose stored context is 80,000 characters a side, in an
/// article that has been edited (so the fuzzy search runs). The context is cut when loaded.
fn bench_stored_context(c: &mut Criterion) {
    use parallax::annotate::anchor::{Anchor, locate};
    let text = "The plant burned for 13 hours on Monday, officials said. ".repeat(2000);
    let at = text.len() / 2;
    let quote = at..at + 40;
    let mut stored = serde_json::to_value(Anchor::from_text("a", &text, quote).unwrap()).unwrap();
    stored["prefix"] = serde_json::Value::String("x".repeat(80_000));
    stored["suffix"] = serde_json::Value::String("y".repeat(80_000));
    let json = stored.to_string();
    let edited = text.replacen("13 hours", "15 hours", 1000);
    c.bench_function("annotation/load and place, 80,000-char stored context", |b| {
        b.iter(|| {
            let anchor: Anchor = serde_json::from_str(black_box(&json)).unwrap();
            black_box(locate(&anchor, &edited))
        })
    });
}

criterion_group!(benches, bench_segment, bench_align, bench_discrepancies, bench_diff, bench_stored_context);
criterion_main!(benches);
