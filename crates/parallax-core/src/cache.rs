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
//! The cache folder can be shared (a corpus folder handed over by someone else), so entries
//! are authenticated: each starts with a marker line holding an HMAC-SHA256 of its contents
//! under a per-user key kept outside any corpus (`<data folder>/cache.key`, 0600, made on
//! first use). An entry someone else wrote or edited fails the check and is analysed afresh.
//! Pruning removes only files with an entry's name *and* its marker, so nothing else in the
//! folder is ever deleted, and a cache folder (or `.parallax`) that is a symbolic link is not
//! used at all.
//!
//! Where: `<folder>/.parallax/cache/` for a corpus that is one folder (next to its
//! annotations), else `$PARALLAX_CACHE_DIR`, else the user cache folder (`~/.cache/parallax`).
//! `PARALLAX_NO_CACHE=1` turns it off.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

use crate::analysis::{Analysis, Claim, Config, Discrepancy};
use crate::corpus::Corpus;
use crate::hash::fnv1a;
use crate::pipeline::{self, Progress};

/// Bump when the stored layout or the analysis method changes meaning.
const FORMAT: u32 = 2;
/// Entries kept per cache folder; older ones are removed.
const KEEP: usize = 8;
/// A larger entry is not ours to trust (a thousand articles take about 30 MB): ignored.
const MAX_ENTRY_BYTES: u64 = 1 << 30;
/// How every entry file starts; followed by the format, the tag in hex and a newline.
const MARKER: &[u8] = b"parallax-cache ";
/// Bytes of a freshly made key.
const KEY_BYTES: usize = 32;
/// The key file, in the user data folder.
pub const KEY_FILE: &str = "cache.key";
/// Set to anything non-empty, the cache is neither read nor written (reader and CLI alike).
pub const NO_CACHE_ENV: &str = "PARALLAX_NO_CACHE";
/// Environment variable naming the cache folder for corpora that are not one folder.
pub const CACHE_DIR_ENV: &str = "PARALLAX_CACHE_DIR";

type Tag = Hmac<Sha256>;

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

/// A cache folder and the key its entries are signed with.
pub struct Cache {
    dir: PathBuf,
    key: Vec<u8>,
}

impl Cache {
    /// The cache of a corpus loaded from `paths` (see [`location`]) with the user's key, or
    /// `None` when there is none to use: turned off, the bundled corpus, a symlinked folder,
    /// or no key (no data folder, or a key file others can read).
    pub fn locate(paths: &[PathBuf]) -> Option<Cache> {
        let dir = location(paths)?;
        let key_file = crate::annotate::store::data_dir().ok()?.join(KEY_FILE);
        Cache::at(dir, &key_file).ok()
    }

    /// The cache in `dir` with the key in `key_file`, made if missing.
    pub fn at(dir: PathBuf, key_file: &Path) -> io::Result<Cache> {
        Ok(Cache { dir, key: user_key(key_file)? })
    }

    /// The folder entries are kept in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// `json` as an entry file: the marker line with its tag, then `json`.
    fn seal(&self, json: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(json.len() + 96);
        out.extend_from_slice(MARKER);
        out.extend_from_slice(
            format!("{FORMAT} {}\n", hex(&self.tag(json).finalize().into_bytes())).as_bytes(),
        );
        out.extend_from_slice(json);
        out
    }

    /// The JSON of an entry file if its tag is this key's, else `None`.
    fn unseal<'a>(&self, bytes: &'a [u8]) -> Option<&'a [u8]> {
        let rest = bytes.strip_prefix(MARKER)?;
        let newline = rest.iter().position(|&b| b == b'\n')?;
        let (line, json) = (std::str::from_utf8(&rest[..newline]).ok()?, &rest[newline + 1..]);
        let (format, tag) = line.split_once(' ')?;
        let tag = unhex(tag)?;
        (format == FORMAT.to_string() && self.tag(json).verify_slice(&tag).is_ok()).then_some(json)
    }

    fn tag(&self, json: &[u8]) -> Tag {
        let mut mac = <Tag as Mac>::new_from_slice(&self.key)
            .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
        mac.update(json);
        mac
    }
}

/// The cache folder for a corpus loaded from `paths`, or `None` when there is none to use
/// (the bundled corpus is analysed faster than a cache file is read; a folder that is a
/// symbolic link could point anywhere, and pruning must not delete there).
pub fn location(paths: &[PathBuf]) -> Option<PathBuf> {
    if std::env::var_os(NO_CACHE_ENV).is_some_and(|v| !v.is_empty()) {
        return None;
    }
    if let [one] = paths
        && one.is_dir()
    {
        let own = one.join(".parallax");
        let dir = own.join("cache");
        return (not_a_link(&own) && not_a_link(&dir)).then_some(dir);
    }
    if paths.is_empty() {
        return None;
    }
    std::env::var_os(CACHE_DIR_ENV)
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| dirs::cache_dir().map(|d| d.join("parallax")))
        .filter(|d| not_a_link(d))
}

/// Whether `path` is missing or is not a symbolic link.
fn not_a_link(path: &Path) -> bool {
    fs::symlink_metadata(path).map_or(true, |m| !m.file_type().is_symlink())
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

/// The analysis of `corpus` with `config`: from `cache` when it holds it, else computed (with
/// `progress`) and stored there. `cache: None` computes without caching.
pub fn analyse(
    corpus: Corpus,
    config: &Config,
    cache: Option<&Cache>,
    progress: &(dyn Fn(Progress) + Sync),
) -> (Analysis, Outcome) {
    let Some(cache) = cache else {
        return (pipeline::analyse(corpus, config, progress), Outcome::NotStored);
    };
    let key = key(&corpus, config);
    let file = cache.dir.join(format!("{key}.json"));
    if let Some(entry) = read(cache, &file, &key, &corpus) {
        return (Analysis::from_parts(corpus, entry.claims, entry.discrepancies), Outcome::Hit);
    }
    let analysis = pipeline::analyse(corpus, config, progress);
    let entry = Entry {
        format: FORMAT,
        key,
        claims: analysis.claims.clone(),
        discrepancies: analysis.discrepancies.clone(),
    };
    let stored = serde_json::to_vec(&entry)
        .ok()
        .is_some_and(|json| crate::fs::write_atomic(&file, &cache.seal(&json)).is_ok());
    if stored {
        prune(&cache.dir, &file);
    }
    (analysis, if stored { Outcome::Stored } else { Outcome::NotStored })
}

/// The entry in `file` if it is readable, signed with our key, has this key, and every
/// passage it names exists.
fn read(cache: &Cache, file: &Path, key: &str, corpus: &Corpus) -> Option<Entry> {
    let bytes = crate::fs::read_capped(file, MAX_ENTRY_BYTES).ok()?;
    let entry: Entry = serde_json::from_slice(cache.unseal(&bytes)?).ok()?;
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

/// Removes all but the [`KEEP`] newest entries of `dir` (never `current`). Only what
/// [`is_entry`] says parallax wrote is a candidate.
fn prune(dir: &Path, current: &Path) {
    let Ok(read) = fs::read_dir(dir) else { return };
    let mut entries: Vec<(std::time::SystemTime, PathBuf)> = read
        .filter_map(|e| {
            let path = e.ok()?.path();
            if path == current || !is_entry(&path) {
                return None;
            }
            Some((fs::symlink_metadata(&path).ok()?.modified().ok()?, path))
        })
        .collect();
    entries.sort();
    let excess = (entries.len() + 1).saturating_sub(KEEP);
    for (_, path) in entries.into_iter().take(excess) {
        let _ = fs::remove_file(path);
    }
}

/// Whether `path` is a cache entry: named `<32 hex digits>.json`, a regular file (not a
/// link), and starting with [`MARKER`].
fn is_entry(path: &Path) -> bool {
    let named =
        path.file_name().and_then(|n| n.to_str()).and_then(|n| n.strip_suffix(".json")).is_some_and(|stem| {
            stem.len() == 32 && stem.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        });
    let mut head = [0u8; MARKER.len()];
    named && crate::fs::open_regular(path).and_then(|mut f| f.read_exact(&mut head)).is_ok() && head == MARKER
}

/// The key in `path`, made (random, 0600) if there is none. A key that others can read, or
/// one too short to be ours, is refused.
fn user_key(path: &Path) -> io::Result<Vec<u8>> {
    match crate::fs::open_regular(path) {
        Ok(file) => {
            #[cfg(unix)]
            if std::os::unix::fs::PermissionsExt::mode(&file.metadata()?.permissions()) & 0o077 != 0 {
                return Err(io::Error::new(io::ErrorKind::PermissionDenied, "cache key readable by others"));
            }
            let mut key = Vec::new();
            file.take(1024).read_to_end(&mut key)?;
            if key.len() < KEY_BYTES {
                return Err(io::Error::new(io::ErrorKind::InvalidData, "cache key too short"));
            }
            Ok(key)
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            let mut key = vec![0u8; KEY_BYTES];
            getrandom::fill(&mut key).map_err(|e| io::Error::other(e.to_string()))?;
            if let Some(dir) = path.parent() {
                fs::create_dir_all(dir)?;
            }
            let mut options = fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            // Two first runs at once: the one that loses the race reads the winner's key.
            match options.open(path) {
                Ok(mut file) => {
                    file.write_all(&key)?;
                    file.sync_all()?;
                    Ok(key)
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => user_key(path),
                Err(e) => Err(e),
            }
        }
        Err(e) => Err(e),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok()).collect()
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

    /// A cache in a temp folder, its key in another (never the user's).
    fn temp_cache() -> (tempfile::TempDir, Cache) {
        let dir = tempfile::tempdir().expect("tempdir");
        let cache =
            Cache::at(dir.path().join("cache"), &dir.path().join("data").join(KEY_FILE)).expect("key");
        (dir, cache)
    }

    fn run(c: Corpus, config: &Config, cache: &Cache) -> (Analysis, Outcome) {
        analyse(c, config, Some(cache), &|_| {})
    }

    fn entry_file(cache: &Cache, config: &Config) -> PathBuf {
        cache.dir().join(format!("{}.json", key(&corpus(B), config)))
    }

    #[test]
    fn a_second_run_reads_what_the_first_stored() {
        let (_d, cache) = temp_cache();
        let (first, o1) = run(corpus(B), &Config::default(), &cache);
        let (second, o2) = run(corpus(B), &Config::default(), &cache);
        assert_eq!((o1, o2), (Outcome::Stored, Outcome::Hit));
        assert_eq!(first.claims, second.claims);
        assert_eq!(first.discrepancies, second.discrepancies);
        assert!(!first.claims.is_empty());
    }

    #[test]
    fn a_changed_article_or_threshold_misses() {
        let (_d, cache) = temp_cache();
        let config = Config::default();
        run(corpus(B), &config, &cache);
        let edited = B.replace("13 hours", "15 hours");
        let (changed, outcome) = run(corpus(&edited), &config, &cache);
        assert_eq!(outcome, Outcome::Stored);
        assert_eq!(changed.discrepancies, pipeline::analyse_default(corpus(&edited)).discrepancies);
        let stricter = Config { link_threshold: 0.5, ..Config::default() };
        assert_eq!(run(corpus(B), &stricter, &cache).1, Outcome::Stored);
    }

    #[test]
    fn a_corrupt_or_foreign_entry_is_ignored_and_replaced() {
        let (_d, cache) = temp_cache();
        let config = Config::default();
        let file = entry_file(&cache, &config);
        fs::create_dir_all(cache.dir()).expect("mkdir");
        let foreign = cache.seal(br#"{"format":2,"key":"other","claims":[],"discrepancies":[]}"#);
        for junk in [&b"{not json"[..], &foreign] {
            fs::write(&file, junk).expect("write");
            let (a, outcome) = run(corpus(B), &config, &cache);
            assert_eq!(outcome, Outcome::Stored);
            assert_eq!(a.claims, pipeline::analyse_default(corpus(B)).claims);
        }
    }

    /// Issue 15: an entry edited by someone else (a shared corpus folder) is never shown as
    /// analysis, whether the tag is kept or made with another key.
    #[test]
    fn an_entry_edited_or_signed_by_someone_else_is_not_read() {
        let (dir, cache) = temp_cache();
        let config = Config::default();
        let (honest, _) = run(corpus(B), &config, &cache);
        let file = entry_file(&cache, &config);
        let bytes = fs::read(&file).expect("entry");
        let newline = bytes.iter().position(|&b| b == b'\n').expect("marker line");
        let mut entry: Entry = serde_json::from_slice(&bytes[newline + 1..]).expect("json");
        assert!(!entry.claims.is_empty());
        entry.discrepancies.clear();
        entry.claims.clear();
        let forged = serde_json::to_vec(&entry).expect("json");
        let other = Cache::at(cache.dir().to_path_buf(), &dir.path().join("other.key")).expect("key");
        for tampered in [[&bytes[..=newline], &forged[..]].concat(), other.seal(&forged)] {
            fs::write(&file, tampered).expect("write");
            let (a, outcome) = run(corpus(B), &config, &cache);
            assert_eq!(outcome, Outcome::Stored, "a forged entry was read");
            assert_eq!(
                (a.claims.len(), a.discrepancies.len()),
                (honest.claims.len(), honest.discrepancies.len())
            );
        }
    }

    #[test]
    fn an_entry_naming_passages_that_do_not_exist_is_ignored() {
        let (_d, cache) = temp_cache();
        let config = Config::default();
        let (a, _) = run(corpus(B), &config, &cache);
        let mut claims = a.claims.clone();
        claims[0].members[0].at.passage = 999;
        let entry =
            Entry { format: FORMAT, key: key(&corpus(B), &config), claims, discrepancies: Vec::new() };
        let json = serde_json::to_vec(&entry).expect("json");
        fs::write(entry_file(&cache, &config), cache.seal(&json)).expect("w");
        assert_eq!(run(corpus(B), &config, &cache).1, Outcome::Stored);
    }

    #[test]
    fn only_the_newest_entries_are_kept() {
        let (_d, cache) = temp_cache();
        for n in 0..KEEP + 3 {
            let text = B.replace("13", &(20 + n).to_string());
            run(corpus(&text), &Config::default(), &cache);
        }
        let count = fs::read_dir(cache.dir()).expect("dir").count();
        assert_eq!(count, KEEP);
    }

    /// Issue 15: a cache folder full of someone's settings loses none of them, not even files
    /// named like an entry that lack its marker, or links named like one.
    #[test]
    fn pruning_removes_only_what_parallax_wrote() {
        let (dir, cache) = temp_cache();
        fs::create_dir_all(cache.dir()).expect("mkdir");
        let target = dir.path().join("target.json");
        fs::write(&target, "{}").expect("w");
        let mut theirs = vec!["settings.json".to_string(), format!("{}.json", "0".repeat(32))];
        for name in &theirs {
            fs::write(cache.dir().join(name), "{\"theirs\": true}").expect("w");
        }
        #[cfg(unix)]
        {
            let link = format!("{}.json", "a".repeat(32));
            std::os::unix::fs::symlink(&target, cache.dir().join(&link)).expect("symlink");
            theirs.push(link);
        }
        for n in 0..KEEP + 3 {
            let text = B.replace("13", &(20 + n).to_string());
            run(corpus(&text), &Config::default(), &cache);
        }
        let names: Vec<String> = fs::read_dir(cache.dir())
            .expect("dir")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        for name in &theirs {
            assert!(names.contains(name), "{name} was deleted: {names:?}");
        }
        assert_eq!(names.len(), KEEP + theirs.len(), "{names:?}");
        assert!(target.exists());
    }

    #[test]
    fn one_folder_keeps_its_cache_beside_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let one = vec![dir.path().to_path_buf()];
        assert_eq!(location(&one), Some(dir.path().join(".parallax").join("cache")));
        assert_eq!(location(&[]), None);
    }

    /// Issue 15: a `.parallax` or `.parallax/cache` that is a link to another folder is not
    /// used, so nothing there is read, written or pruned.
    #[cfg(unix)]
    #[test]
    fn a_symlinked_cache_folder_is_not_used() {
        let dir = tempfile::tempdir().expect("tempdir");
        let elsewhere = tempfile::tempdir().expect("tempdir");
        let corpus_dir = dir.path().join("corpus");
        fs::create_dir_all(corpus_dir.join(".parallax")).expect("mkdir");
        std::os::unix::fs::symlink(elsewhere.path(), corpus_dir.join(".parallax/cache")).expect("link");
        assert_eq!(location(std::slice::from_ref(&corpus_dir)), None);
        let other = dir.path().join("other");
        fs::create_dir_all(&other).expect("mkdir");
        std::os::unix::fs::symlink(elsewhere.path(), other.join(".parallax")).expect("link");
        assert_eq!(location(&[other]), None);
    }

    /// An entry planted as a link (to a FIFO, a device or someone's file) is neither read,
    /// waited on nor written through: it is replaced by a real entry.
    #[cfg(unix)]
    #[test]
    fn a_linked_entry_is_not_followed() {
        let (dir, cache) = temp_cache();
        let config = Config::default();
        fs::create_dir_all(cache.dir()).expect("mkdir");
        let theirs = dir.path().join("theirs.json");
        fs::write(&theirs, "mine").expect("w");
        for target in [theirs.as_path(), Path::new("/dev/zero")] {
            let file = entry_file(&cache, &config);
            let _ = fs::remove_file(&file);
            std::os::unix::fs::symlink(target, &file).expect("link");
            assert_eq!(run(corpus(B), &config, &cache).1, Outcome::Stored);
            assert!(fs::symlink_metadata(&file).expect("entry").is_file());
        }
        assert_eq!(fs::read_to_string(&theirs).expect("r"), "mine");
    }

    #[cfg(unix)]
    #[test]
    fn the_key_is_private_and_a_readable_one_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("data").join(KEY_FILE);
        let first = user_key(&file).expect("made");
        assert_eq!(fs::metadata(&file).expect("meta").permissions().mode() & 0o777, 0o600);
        assert_eq!(user_key(&file).expect("read"), first);
        fs::set_permissions(&file, fs::Permissions::from_mode(0o644)).expect("chmod");
        assert!(user_key(&file).is_err());
        let link = dir.path().join("link.key");
        std::os::unix::fs::symlink(&file, &link).expect("link");
        assert!(user_key(&link).is_err());
    }
}
