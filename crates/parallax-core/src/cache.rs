//! A cache of analyses, so reopening a big corpus is instant.
//!
//! The key is a hash of everything the result depends on: the core's version, a fingerprint
//! of its sources and one of the locked versions of the crates it builds with (see the core's
//! `build.rs`; nothing of the reader counts), the cache format, the configuration, and every
//! article's id and exact bytes. A core built from other sources or crates, any change to a
//! file, a file added or removed, or another `--threshold` gives another key, so a stale entry is
//! never read; entries are files named by their key, written atomically, and only the newest
//! few are kept. A cache file that cannot be read or does not fit the corpus is ignored and
//! rewritten: the cache can make parallax faster, never wrong.
//!
//! Where: `<folder>/.parallax/cache/` for a corpus that is one folder (next to its
//! annotations), else `$PARALLAX_CACHE_DIR`, else the user cache folder (`~/.cache/parallax`).
//! `PARALLAX_NO_CACHE=1` turns it off.

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::analysis::{Analysis, Claim, Config, Discrepancy};
use crate::corpus::Corpus;
use crate::hash::fnv1a;
use crate::pipeline::{self, Progress};

/// Bump when the stored layout or the analysis method changes meaning.
const FORMAT: u32 = 1;
/// Entries kept per cache folder; older ones are removed.
const KEEP: usize = 8;
/// A larger entry is not ours to trust (a thousand articles take about 30 MB): ignored.
const MAX_ENTRY_BYTES: u64 = 1 << 30;
/// Set to anything non-empty, the cache is neither read nor written (reader and CLI alike).
pub const NO_CACHE_ENV: &str = "PARALLAX_NO_CACHE";
/// Environment variable naming the cache folder for corpora that are not one folder.
pub const CACHE_DIR_ENV: &str = "PARALLAX_CACHE_DIR";

/// Whether an analysis came from the cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Read from the cache.
    Hit,
    /// Computed, and stored for next time.
    Stored,
    /// Computed; the cache could not be written (read-only folder, disk full) or is off.
    NotStored,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    format: u32,
    key: String,
    claims: Vec<Claim>,
    discrepancies: Vec<Discrepancy>,
}

/// The cache folder for a corpus loaded from `paths`, or `None` when there is none to use
/// (the bundled corpus is analysed faster than a cache file is read).
pub fn location(paths: &[PathBuf]) -> Option<PathBuf> {
    if std::env::var_os(NO_CACHE_ENV).is_some_and(|v| !v.is_empty()) {
        return None;
    }
    if let [one] = paths
        && one.is_dir()
    {
        return Some(one.join(".parallax").join("cache"));
    }
    if paths.is_empty() {
        return None;
    }
    std::env::var_os(CACHE_DIR_ENV)
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| dirs::cache_dir().map(|d| d.join("parallax")))
}

/// The key of `corpus` analysed with `config`.
pub fn key(corpus: &Corpus, config: &Config) -> String {
    let mut parts: Vec<u8> = Vec::new();
    let build = format!(
        "{} {} {} {FORMAT}",
        env!("CARGO_PKG_VERSION"),
        env!("PARALLAX_SOURCE_HASH"),
        env!("PARALLAX_LOCK_HASH")
    );
    parts.extend_from_slice(format!("{build} {config:?}\n").as_bytes());
    for article in &corpus.articles {
        let text = fnv1a(article.text.as_bytes());
        parts.extend_from_slice(format!("{}\0{text:016x}\0{}\n", article.id, article.text.len()).as_bytes());
    }
    format!("{:016x}{:016x}", fnv1a(&parts), fnv1a(&[&parts[..], b"salt"].concat()))
}

/// The analysis of `corpus` with `config`: from `dir` when it holds it, else computed (with
/// `progress`) and stored there. `dir: None` computes without caching.
pub fn analyse(
    corpus: Corpus,
    config: &Config,
    dir: Option<&Path>,
    progress: &(dyn Fn(Progress) + Sync),
) -> (Analysis, Outcome) {
    let Some(dir) = dir else {
        return (pipeline::analyse(corpus, config, progress), Outcome::NotStored);
    };
    let key = key(&corpus, config);
    let file = dir.join(format!("{key}.json"));
    if let Some(entry) = read(&file, &key, &corpus) {
        return (Analysis::from_parts(corpus, entry.claims, entry.discrepancies), Outcome::Hit);
    }
    let analysis = pipeline::analyse(corpus, config, progress);
    let entry = Entry {
        format: FORMAT,
        key,
        claims: analysis.claims.clone(),
        discrepancies: analysis.discrepancies.clone(),
    };
    let stored =
        serde_json::to_vec(&entry).ok().is_some_and(|bytes| crate::fs::write_atomic(&file, &bytes).is_ok());
    if stored {
        prune(dir, &file);
    }
    (analysis, if stored { Outcome::Stored } else { Outcome::NotStored })
}

/// The entry in `file` if it is readable, has this key, and every passage it names exists.
fn read(file: &Path, key: &str, corpus: &Corpus) -> Option<Entry> {
    let bytes = crate::fs::read_capped(file, MAX_ENTRY_BYTES).ok()?;
    let entry: Entry = serde_json::from_slice(&bytes).ok()?;
    let exists = |article: usize, passage: usize| {
        corpus.articles.get(article).is_some_and(|a| passage < a.passages.len())
    };
    let fits = entry.format == FORMAT
        && entry.key == key
        && entry
            .claims
            .iter()
            .enumerate()
            .all(|(i, c)| c.id == i && c.members.iter().all(|m| exists(m.at.article, m.at.passage)))
        && entry.discrepancies.iter().enumerate().all(|(i, d)| {
            d.id == i
                && d.claim < entry.claims.len()
                && d.members.iter().all(|r| exists(r.article, r.passage))
        });
    fits.then_some(entry)
}

/// Removes all but the [`KEEP`] newest entries of `dir` (never `current`).
fn prune(dir: &Path, current: &Path) {
    let Ok(read) = fs::read_dir(dir) else { return };
    let mut entries: Vec<(std::time::SystemTime, PathBuf)> = read
        .filter_map(|e| {
            let e = e.ok()?;
            let path = e.path();
            let is_entry = path.extension().is_some_and(|x| x == "json") && path != current;
            is_entry.then(|| Some((e.metadata().ok()?.modified().ok()?, path)))?
        })
        .collect();
    entries.sort();
    let excess = (entries.len() + 1).saturating_sub(KEEP);
    for (_, path) in entries.into_iter().take(excess) {
        let _ = fs::remove_file(path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus(second: &str) -> Corpus {
        Corpus::from_texts([
            ("a", "Fire\nThe Dover plant burned for 13 hours on Monday, officials said.\n"),
            ("b", second),
        ])
    }

    const B: &str = "Blaze\nOfficials said the Dover plant burned for 13 hours on Monday.\n";

    #[test]
    fn a_second_run_reads_what_the_first_stored() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (first, o1) = analyse(corpus(B), &Config::default(), Some(dir.path()), &|_| {});
        let (second, o2) = analyse(corpus(B), &Config::default(), Some(dir.path()), &|_| {});
        assert_eq!((o1, o2), (Outcome::Stored, Outcome::Hit));
        assert_eq!(first.claims, second.claims);
        assert_eq!(first.discrepancies, second.discrepancies);
        assert!(!first.claims.is_empty());
    }

    #[test]
    fn a_changed_article_or_threshold_misses() {
        let dir = tempfile::tempdir().expect("tempdir");
        let config = Config::default();
        analyse(corpus(B), &config, Some(dir.path()), &|_| {});
        let edited = B.replace("13 hours", "15 hours");
        let (changed, outcome) = analyse(corpus(&edited), &config, Some(dir.path()), &|_| {});
        assert_eq!(outcome, Outcome::Stored);
        assert_eq!(changed.discrepancies, pipeline::analyse_default(corpus(&edited)).discrepancies);
        let stricter = Config { link_threshold: 0.5, ..Config::default() };
        assert_eq!(analyse(corpus(B), &stricter, Some(dir.path()), &|_| {}).1, Outcome::Stored);
    }

    #[test]
    fn a_corrupt_or_foreign_entry_is_ignored_and_replaced() {
        let dir = tempfile::tempdir().expect("tempdir");
        let config = Config::default();
        let file = dir.path().join(format!("{}.json", key(&corpus(B), &config)));
        for junk in [&b"{not json"[..], br#"{"format":1,"key":"other","claims":[],"discrepancies":[]}"#] {
            fs::write(&file, junk).expect("write");
            let (a, outcome) = analyse(corpus(B), &config, Some(dir.path()), &|_| {});
            assert_eq!(outcome, Outcome::Stored);
            assert_eq!(a.claims, pipeline::analyse_default(corpus(B)).claims);
        }
    }

    #[test]
    fn an_entry_naming_passages_that_do_not_exist_is_ignored() {
        let dir = tempfile::tempdir().expect("tempdir");
        let config = Config::default();
        let (a, _) = analyse(corpus(B), &config, Some(dir.path()), &|_| {});
        let k = key(&corpus(B), &config);
        let mut claims = a.claims.clone();
        claims[0].members[0].at.passage = 999;
        let entry = Entry { format: FORMAT, key: k.clone(), claims, discrepancies: Vec::new() };
        fs::write(dir.path().join(format!("{k}.json")), serde_json::to_vec(&entry).expect("json"))
            .expect("w");
        assert_eq!(analyse(corpus(B), &config, Some(dir.path()), &|_| {}).1, Outcome::Stored);
    }

    #[test]
    fn only_the_newest_entries_are_kept() {
        let dir = tempfile::tempdir().expect("tempdir");
        for n in 0..KEEP + 3 {
            let text = B.replace("13", &(20 + n).to_string());
            analyse(corpus(&text), &Config::default(), Some(dir.path()), &|_| {});
        }
        let count = fs::read_dir(dir.path()).expect("dir").count();
        assert_eq!(count, KEEP);
    }

    #[test]
    fn one_folder_keeps_its_cache_beside_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let one = vec![dir.path().to_path_buf()];
        assert_eq!(location(&one), Some(dir.path().join(".parallax").join("cache")));
        assert_eq!(location(&[]), None);
    }
}
