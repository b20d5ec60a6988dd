//! The order of the analysis, in one place: [`load`] reads the articles and cuts them into
//! passages ([`crate::corpus`], [`crate::segment`]); [`analyse`] turns the passages into
//! weighted terms ([`crate::features`]), groups them into claims ([`crate::align`]), types the
//! differences between each claim's members ([`crate::discrepancy`]) and assembles the
//! [`Analysis`], which is plain data. Every stage reports through one [`Progress`] type.
//!
//! The reader's corrections come after the claims and before the discrepancies are read:
//! [`correct`] applies them to an analysis, fresh or from the [`crate::cache`], which never
//! holds them, so no run shows an analysis that ignores them.
//!
//! The stages call none of each other: each takes what the one before produced, so this file
//! is the only one that knows the order (the [`crate::cache`] sits around [`analyse`]).

pub mod progress;

use std::path::PathBuf;

pub use progress::{Progress, Stage};

use crate::analysis::{Analysis, Claim, Config};
use crate::annotate::Correction;
use crate::corpus::Corpus;
use crate::error::Result;
use crate::features::{self, Features};
use crate::{align, discrepancy};

/// The first stage: reads the articles under `paths` and segments them into passages.
pub fn load(paths: &[PathBuf], progress: &(dyn Fn(Progress) + Sync)) -> Result<Corpus> {
    load_with(paths, Vec::new(), progress)
}

/// [`load`] with pages fetched from URLs (see [`Corpus::load_with`]).
pub fn load_with(
    paths: &[PathBuf],
    fetched: Vec<(String, std::result::Result<Vec<u8>, String>)>,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<Corpus> {
    progress(Progress { stage: Stage::Loading, done: 0, total: 1 });
    let corpus = Corpus::load_with(paths, fetched)?;
    progress(Progress { stage: Stage::Loading, done: 1, total: 1 });
    Ok(corpus)
}

/// Every stage after loading, with `config`: the analysis of `corpus`. `progress` is called
/// from several threads as the work advances; keep it cheap.
pub fn analyse(corpus: Corpus, config: &Config, progress: &(dyn Fn(Progress) + Sync)) -> Analysis {
    let claims = claims(&corpus, config, progress);
    let discrepancies = discrepancy::detect_with_progress(&corpus, &claims, progress);
    Analysis::from_parts(corpus, claims, discrepancies)
}

/// `analysis` with the reader's `corrections` applied (see [`crate::correct`]): the claims
/// corrected, the discrepancies of the claims they changed found again, then the dismissals
/// marked. Without live corrections the analysis is returned as it is.
pub fn correct(analysis: Analysis, corrections: &[&Correction]) -> Analysis {
    if corrections.iter().all(|c| c.is_deleted()) {
        return analysis;
    }
    let Analysis { corpus, claims, discrepancies, .. } = analysis;
    let (claims, mut corrected, changes) = crate::correct::claims(&corpus, claims, corrections);
    let discrepancies = if changes.touched.is_empty() {
        discrepancies
    } else {
        // Only the claims holding a passage a correction moved are searched again.
        let again: Vec<usize> = claims
            .iter()
            .filter(|c| c.members.iter().any(|m| changes.touched.contains(&m.at)))
            .map(|c| c.id)
            .collect();
        let kept = discrepancies
            .into_iter()
            .filter_map(|mut d| {
                d.claim = changes
                    .renumber
                    .get(d.claim)
                    .copied()
                    .flatten()
                    .filter(|c| again.binary_search(c).is_err())?;
                Some(d)
            })
            .collect();
        discrepancy::detect_again(&corpus, &claims, &again, kept)
    };
    crate::correct::dismiss(&corpus, &discrepancies, corrections, &mut corrected);
    let mut analysis = Analysis::from_parts(corpus, claims, discrepancies);
    analysis.corrected = corrected;
    analysis
}

/// [`analyse`] with the default configuration and nobody watching: for tests, examples and
/// benchmarks.
pub fn analyse_default(corpus: Corpus) -> Analysis {
    analyse(corpus, &Config::default(), &|_| {})
}

/// The stages up to the claims (features, then alignment), for callers that measure or
/// evaluate the alignment alone.
pub fn claims(corpus: &Corpus, config: &Config, progress: &(dyn Fn(Progress) + Sync)) -> Vec<Claim> {
    let features = features(corpus, progress);
    align::align(&features, config, progress)
}

/// The features stage, its article count reported as [`Stage::Features`].
fn features(corpus: &Corpus, progress: &(dyn Fn(Progress) + Sync)) -> Features {
    let total = corpus.articles.len();
    let features = features::extract_with_progress(corpus, &|done| {
        progress(Progress { stage: Stage::Features, done, total })
    });
    progress(Progress { stage: Stage::Features, done: total, total });
    features
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;

    fn corpus() -> Corpus {
        Corpus::from_texts([
            ("a", "Fire\nThe Dover plant burned for 13 hours on Monday, officials said.\n"),
            ("b", "Blaze\nOfficials said the Dover plant burned for 15 hours on Monday.\n"),
        ])
    }

    #[test]
    fn the_stages_report_in_pipeline_order_and_each_finishes() {
        let seen = Mutex::new(Vec::new());
        let analysis = analyse(corpus(), &Config::default(), &|p| seen.lock().expect("lock").push(p));
        let seen = seen.into_inner().expect("lock");
        assert!(seen.is_sorted_by_key(|p| p.stage), "{seen:?}");
        for stage in [Stage::Features, Stage::Aligning, Stage::Discrepancies] {
            assert!(seen.iter().any(|p| p.stage == stage), "{stage:?} never reported: {seen:?}");
        }
        assert!(seen.iter().all(|p| p.done <= p.total), "{seen:?}");
        assert!(!analysis.discrepancies.is_empty(), "13 vs 15 hours");
    }

    #[test]
    fn loading_reports_its_start_and_end() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("a.txt"), "Title\nOne sentence here.\n").expect("write");
        let seen = Mutex::new(Vec::new());
        let corpus =
            load(&[dir.path().to_path_buf()], &|p| seen.lock().expect("lock").push(p)).expect("load");
        assert_eq!(corpus.articles.len(), 1);
        let done: Vec<_> = seen.into_inner().expect("lock").iter().map(|p| (p.stage, p.done)).collect();
        assert_eq!(done, [(Stage::Loading, 0), (Stage::Loading, 1)]);
    }
}
