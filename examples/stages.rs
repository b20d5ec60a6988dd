//! Times each stage of the analysis of a corpus, in pipeline order: loading, features,
//! alignment, discrepancies, then the JSON.
//!
//! ```text
//! cargo run --release --example stages -- PATH...
//! ```
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::time::Instant;

use parallax::analysis::{Analysis, Config};
use parallax::corpus::Corpus;
use parallax::pipeline::Progress;

/// The allocator of the `parallax` binary, so the times are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let t = Instant::now();
    let corpus = if paths.is_empty() {
        parallax::bundled::corpus()
    } else {
        Corpus::load(&paths).unwrap_or_else(|e| {
            eprintln!("stages: {e}");
            std::process::exit(2)
        })
    };
    let passages: usize = corpus.articles.iter().map(|a| a.passages.len()).sum();
    eprintln!(
        "load      {:>8.3} s  ({} articles, {passages} passages)",
        t.elapsed().as_secs_f64(),
        corpus.articles.len()
    );
    let config = Config::default();
    let start = Instant::now();
    let last = std::sync::Mutex::new(String::new());
    let report = |p: Progress| {
        let now = format!("{} {}", p.stage.name(), if p.done == 0 { "starts" } else { "" });
        let mut l = last.lock().unwrap();
        if p.done == 0 && *l != now {
            eprintln!(
                "          {:>8.3} s  {} ({} units)",
                start.elapsed().as_secs_f64(),
                p.stage.name(),
                p.total
            );
            *l = now;
        }
    };
    let t = Instant::now();
    let features = parallax::features::extract(&corpus);
    eprintln!("features  {:>8.3} s  ({} terms)", t.elapsed().as_secs_f64(), features.terms.len());
    let t = Instant::now();
    let claims = parallax::align::align(&features, &config, &report);
    let members: usize = claims.iter().map(|c| c.members.len()).sum();
    eprintln!("align     {:>8.3} s  ({} claims, {members} members)", t.elapsed().as_secs_f64(), claims.len());
    let t = Instant::now();
    let discrepancies = parallax::discrepancy::detect(&corpus, &claims);
    eprintln!("discrep.  {:>8.3} s  ({} discrepancies)", t.elapsed().as_secs_f64(), discrepancies.len());
    let analysis = Analysis::from_parts(corpus, claims, discrepancies);
    let t = Instant::now();
    let json = parallax::export::json(&analysis);
    eprintln!("json      {:>8.3} s  ({} bytes)", t.elapsed().as_secs_f64(), json.len());
}
