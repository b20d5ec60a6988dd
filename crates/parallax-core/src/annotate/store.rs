//! The annotations file and the [`Store`] the TUI edits through.
//!
//! Why it is built this way:
//!
//! - **Saved at once.** Every change is written before the call returns; there is no save
//!   command to forget, and the in-memory state only changes once the file has.
//! - **Atomic.** The file is written to a temporary file in the same folder, fsynced, renamed
//!   over the old one, and the folder fsynced, so a kill -9 or a power cut leaves the old file
//!   or the new one, never a torn one.
//! - **Two processes.** Each write takes an advisory lock on a sibling `.lock` file, re-reads the
//!   file and merges it by annotation id (the newer revision wins) before writing. Deletions are
//!   tombstones, so a merge never brings a deleted annotation back.
//! - **Never overwrite what we cannot read.** A corrupt file, or one from a newer parallax, is
//!   copied to a backup, left untouched, and the store becomes read-only with a reason; only
//!   [`Store::start_fresh`], called after the user agrees, replaces it.
//!
//! - **Moved, not lost.** Where the file lives follows the articles (see `annotate::location`);
//!   a store found where an older version kept it is moved there once, its article ids renamed
//!   to the current rule ([`Store::migrate`]), and the old file is kept as `*.migrated`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs::{self, File};
use std::hash::{BuildHasher, Hasher};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use super::correction::{Action, Correction};
pub use super::location::FILE_NAME;
use super::location::{self, Place};
use super::place::{Placement, place};
use super::{Annotation, Change, Label, Target, time};
use crate::analysis::{Analysis, PassageRef};
use crate::error::{Error, Result};

/// The version of the file format this build reads and writes.
pub const SCHEMA_VERSION: u64 = 1;

/// A larger annotations file is refused rather than read (a million annotations fit).
const MAX_FILE_BYTES: u64 = 1 << 30;

/// Environment variable that overrides the user data folder (used by tests).
pub const DATA_DIR_ENV: &str = "PARALLAX_DATA_DIR";

/// The file as stored.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct FileData {
    schema_version: u64,
    /// What corpus this is for, for a person reading the file; not used when loading.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    corpus: String,
    annotations: Vec<Annotation>,
    /// The reader's corrections of the analysis, stored and merged like annotations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    corrections: Vec<Correction>,
    /// Top-level fields written by a later version with the same schema, kept as they are.
    #[serde(flatten)]
    extra: serde_json::Map<String, serde_json::Value>,
}

/// Why the store cannot save, and where the unreadable file was copied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOnly {
    /// One or two sentences for the status line: what is wrong and what to do.
    pub reason: String,
    /// The copy of the file that could not be read, if one was made.
    pub backup: Option<PathBuf>,
}

/// What reading the file found.
enum Loaded {
    Missing,
    Read(FileData),
    /// The file exists but this build must not overwrite it: corrupt, or from a newer version.
    Unusable {
        why: String,
        bytes: Vec<u8>,
    },
}

/// One step of undo or redo: an annotation as a change found it (`None`: it did not exist)
/// and as the change left it. Taking it back requires the stored annotation to still be what
/// this process last wrote.
#[derive(Debug, Clone)]
enum Step {
    Annotation { from: Option<Annotation>, to: Annotation },
    Correction { from: Option<Correction>, to: Correction },
}

/// What the store keeps by id and saves, merges and undoes alike: annotations and corrections.
trait Record: Clone + serde::Serialize {
    fn id(&self) -> &str;
    /// Whether this copy wins a merge against `other`, of the same id.
    fn wins_over(&self, other: &Self) -> bool;
    /// Marks a new version saved `now`; the revision saturates, never wraps.
    fn touch(&mut self, now: String);
    /// Makes it a tombstone, removed `now`.
    fn remove(&mut self, now: String);
    /// Takes back the change that turned `from` into `to`, in the fields it touched only.
    fn restore(&mut self, from: &Self, to: &Self);
    /// What it is, for a message: "annotation", "correction".
    fn noun(&self) -> &'static str;
    /// Whether a placement cached for `before` no longer holds for `after`.
    fn moved(_before: Option<&Self>, _after: &Self) -> bool {
        false
    }
    fn table(store: &Store) -> &BTreeMap<String, Self>;
    fn table_mut(store: &mut Store) -> &mut BTreeMap<String, Self>;
    fn step(from: Option<Self>, to: Self) -> Step;
}

impl Record for Annotation {
    fn id(&self) -> &str {
        &self.id
    }
    fn wins_over(&self, other: &Self) -> bool {
        self.supersedes(other)
    }
    fn touch(&mut self, now: String) {
        self.bump(now);
    }
    fn remove(&mut self, now: String) {
        self.deleted = Some(now);
    }
    fn restore(&mut self, from: &Self, to: &Self) {
        Annotation::restore(self, from, to);
    }
    fn noun(&self) -> &'static str {
        if self.target.is_claim() { "claim's annotation" } else { "annotation" }
    }
    fn moved(before: Option<&Self>, after: &Self) -> bool {
        before.is_none_or(|b| b.target != after.target)
    }
    fn table(store: &Store) -> &BTreeMap<String, Self> {
        &store.records
    }
    fn table_mut(store: &mut Store) -> &mut BTreeMap<String, Self> {
        &mut store.records
    }
    fn step(from: Option<Self>, to: Self) -> Step {
        Step::Annotation { from, to }
    }
}

impl Record for Correction {
    fn id(&self) -> &str {
        &self.id
    }
    fn wins_over(&self, other: &Self) -> bool {
        self.supersedes(other)
    }
    fn touch(&mut self, now: String) {
        self.rev = self.rev.saturating_add(1);
        self.updated = now;
    }
    fn remove(&mut self, now: String) {
        self.deleted = Some(now);
    }
    fn restore(&mut self, from: &Self, to: &Self) {
        // A correction never changes but by being removed or brought back.
        if from.deleted != to.deleted {
            self.deleted.clone_from(&from.deleted);
        }
    }
    fn noun(&self) -> &'static str {
        "correction"
    }
    fn table(store: &Store) -> &BTreeMap<String, Self> {
        &store.corrections
    }
    fn table_mut(store: &mut Store) -> &mut BTreeMap<String, Self> {
        &mut store.corrections
    }
    fn step(from: Option<Self>, to: Self) -> Step {
        Step::Correction { from, to }
    }
}

/// How long a save waits for the lock by default before giving up with [`Error::Busy`].
pub const LOCK_TIMEOUT: Duration = Duration::from_secs(5);

/// Environment variable that sets the lock wait in milliseconds (tests shorten it).
pub const LOCK_TIMEOUT_ENV: &str = "PARALLAX_LOCK_TIMEOUT_MS";

/// What [`Store::on_busy`] is told while a save waits for another process's lock.
pub const BUSY_RETRYING: &str = "annotations are busy (another parallax is saving), retrying…";

/// How often a held lock is tried again.
const LOCK_RETRY: Duration = Duration::from_millis(20);

/// Who is told that a save waits for the lock.
type Notice = Box<dyn Fn(&str) + Send>;

/// How a save waits for the lock: for how long, and whom to tell that it waits.
struct Wait {
    timeout: Duration,
    notice: Option<Notice>,
}

impl Wait {
    /// The wait from `$PARALLAX_LOCK_TIMEOUT_MS`, else [`LOCK_TIMEOUT`], telling nobody.
    fn from_env() -> Wait {
        let ms = std::env::var(LOCK_TIMEOUT_ENV).ok().and_then(|v| v.trim().parse::<u64>().ok());
        Wait { timeout: ms.map_or(LOCK_TIMEOUT, Duration::from_millis), notice: None }
    }
}

impl std::fmt::Debug for Wait {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Wait").field("timeout", &self.timeout).finish_non_exhaustive()
    }
}

/// The annotations of one corpus, backed by its file. See the module docs.
///
/// Typical use from the TUI:
/// ```no_run
/// # use parallax_core::annotate::{Store, Target, Change, Label};
/// # fn demo(analysis: &parallax_core::Analysis, at: parallax_core::PassageRef) -> parallax_core::Result<()> {
/// let mut store = Store::open(&[])?; // the bundled corpus
/// store.reanchor(analysis);
/// if let Some(target) = Target::passage(&analysis.corpus, at) {
///     store.apply(&target, Change::Label(Some(Label::Verified)))?;
/// }
/// store.place(analysis); // place what was added
/// for a in store.at_passage(analysis, at) { println!("{:?}: {}", a.label, a.note); }
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct Store {
    path: PathBuf,
    /// What the corpus is, written into the file for a person reading it.
    corpus: String,
    /// Every annotation by id, tombstones included.
    records: BTreeMap<String, Annotation>,
    read_only: Option<ReadOnly>,
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// Every correction by id, tombstones included.
    corrections: BTreeMap<String, Correction>,
    /// The version (as JSON) of each record this process last wrote: undo and redo check that
    /// no other process wrote one since.
    written: HashMap<String, String>,
    wait: Wait,
    placements: HashMap<String, Placement>,
    /// Unknown top-level fields of the file, written back unchanged.
    extra: serde_json::Map<String, serde_json::Value>,
    /// The version of the file last read or written, so that [`Store::refresh`] is a `stat`
    /// when nothing changed.
    seen: Option<Fingerprint>,
    /// What opening moved from an older version's place (see [`Store::migrate`]).
    migrated: Option<String>,
}

impl Store {
    /// Where the annotations of the corpus loaded from `paths` are kept (no path: the bundled
    /// corpus; see `annotate::location`). Touches nothing on disk.
    pub fn location(paths: &[PathBuf]) -> Result<PathBuf> {
        location::current(paths).resolve(data_dir)
    }

    /// [`Store::location`] with the user data folder given.
    pub fn location_in(paths: &[PathBuf], data: &Path) -> PathBuf {
        match location::current(paths) {
            Place::At(path) => path,
            Place::InData(rel) => data.join(rel),
            // Where it would be; opening it is refused.
            Place::Linked(dot) => dot.join(location::FILE_NAME),
        }
    }

    /// Opens the annotations of the corpus loaded from `paths` (no path: the bundled corpus),
    /// after moving them from where an older version kept them ([`Store::migrate`]; see
    /// [`Store::migrated`]).
    pub fn open(paths: &[PathBuf]) -> Result<Store> {
        Self::open_with(paths, data_dir)
    }

    /// [`Store::open`] with the user data folder from `data`.
    fn open_with(paths: &[PathBuf], data: impl Fn() -> Result<PathBuf>) -> Result<Store> {
        let path = location::current(paths).resolve(&data)?;
        let migrated = migrate_to(paths, &path, &data)?;
        let mut store = Self::open_at(path)?;
        store.migrated = migrated;
        store.corpus = if paths.is_empty() {
            crate::corpus::BUNDLED_NAME.to_string()
        } else {
            paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
        };
        Ok(store)
    }

    /// Moves the annotations of the corpus read from `paths` from where the rule before this
    /// one kept them, if they are there and nothing is at [`Store::location`] yet: copied with
    /// their article ids renamed to the current rule, then the old file renamed to
    /// `*.migrated`. Returns the sentence to tell the user, once, when it moved something.
    /// [`Store::open`] does this too; call it first to say so before a screen is taken.
    pub fn migrate(paths: &[PathBuf]) -> Result<Option<String>> {
        migrate_to(paths, &Self::location(paths)?, data_dir)
    }

    /// What [`Store::open`] moved from an older version's place, as [`Store::migrate`] says it.
    pub fn migrated(&self) -> Option<&str> {
        self.migrated.as_deref()
    }

    /// Opens the annotations file at `path`. A missing file is an empty store (nothing is
    /// created until the first change). A file that cannot be used gives a read-only store
    /// with the reason (see [`Store::read_only`]), not an error; `Err` is only for a file that
    /// exists but cannot be read at all.
    pub fn open_at(path: PathBuf) -> Result<Store> {
        let mut store = Store {
            path,
            corpus: String::new(),
            records: BTreeMap::new(),
            read_only: None,
            undo: Vec::new(),
            redo: Vec::new(),
            corrections: BTreeMap::new(),
            written: HashMap::new(),
            wait: Wait::from_env(),
            placements: HashMap::new(),
            extra: Default::default(),
            seen: None,
            migrated: None,
        };
        let seen = fingerprint(&store.path);
        match read(&store.path)? {
            Loaded::Missing => {}
            Loaded::Read(data) => {
                store.extra = data.extra;
                store.records = data.annotations.into_iter().map(|a| (a.id.clone(), a)).collect();
                store.corrections = data.corrections.into_iter().map(|c| (c.id.clone(), c)).collect();
                store.seen = seen;
            }
            Loaded::Unusable { why, bytes } => store.become_read_only(why, &bytes),
        }
        Ok(store)
    }

    /// The annotations file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// `Some` when changes cannot be saved: the reason to show, and the backup made.
    pub fn read_only(&self) -> Option<&ReadOnly> {
        self.read_only.as_ref()
    }

    /// Replaces an unreadable file, after the user agreed, by what this process knows: nothing
    /// if it was opened on the bad file, or the last good state if the file went bad while it
    /// ran. What was in the bad file is then only in its backup (made first if missing). If the
    /// file has become readable meanwhile (someone fixed it), it is loaded, not replaced.
    pub fn start_fresh(&mut self) -> Result<()> {
        let _lock = Lock::acquire(&self.path, &self.wait)?;
        match read(&self.path)? {
            Loaded::Unusable { bytes, .. } => {
                backup(&self.path, &bytes)
                    .map_err(|e| Error::Write { path: self.path.clone(), source: e })?;
                self.write()?;
            }
            Loaded::Read(data) => {
                self.adopt(data);
            }
            Loaded::Missing => {}
        }
        self.placements.clear();
        self.undo.clear();
        self.redo.clear();
        self.read_only = None;
        Ok(())
    }

    /// Live annotations (not deleted), oldest first.
    pub fn annotations(&self) -> Vec<&Annotation> {
        let mut v: Vec<&Annotation> = self.records.values().filter(|a| !a.is_deleted()).collect();
        v.sort_by(|a, b| a.created.cmp(&b.created).then(a.id.cmp(&b.id)));
        v
    }

    /// A live annotation by id.
    pub fn get(&self, id: &str) -> Option<&Annotation> {
        self.records.get(id).filter(|a| !a.is_deleted())
    }

    /// The live annotation on this target, if any: the same span in the text as it is now once
    /// placed (so a moved annotation is found from the passage it moved to), else the same
    /// stored span. A claim target finds the claim annotation placed on any part of its
    /// members: overlapping, not equal, so one stored with whole passages is found from the
    /// clauses a later analysis gives its members, while two claims on different clauses of one
    /// passage keep their own.
    pub fn find(&self, target: &Target) -> Option<&Annotation> {
        let key =
            |article: &str, range: &std::ops::Range<usize>| (article.to_string(), range.start, range.end);
        let wanted: BTreeSet<_> =
            target.anchors().iter().map(|a| key(&a.article, &(a.start..a.end))).collect();
        self.annotations().into_iter().find(|a| {
            if a.target.is_claim() != target.is_claim() {
                return false;
            }
            // Once placed, only where it is now counts: after an edit its stored offsets may
            // be those of other words.
            let Some(p) = self.placements.get(&a.id) else { return a.target.same_place(target) };
            let now: BTreeSet<_> = a
                .target
                .anchors()
                .iter()
                .zip(&p.anchors)
                .filter_map(|(anchor, l)| l.span.as_ref().map(|s| key(&anchor.article, &s.range)))
                .collect();
            if target.is_claim() {
                now.iter().any(|(article, start, end)| {
                    wanted.iter().any(|(w, ws, we)| w == article && ws < end && start < we)
                })
            } else {
                now == wanted
            }
        })
    }

    /// Every tag in use, sorted: for the filter of the list view.
    pub fn tags(&self) -> BTreeSet<String> {
        self.annotations().into_iter().flat_map(|a| a.tags.iter().cloned()).collect()
    }

    /// Live annotations with `label` (any if `None`) and `tag` (any if `None`), oldest first.
    pub fn filter(&self, label: Option<Label>, tag: Option<&str>) -> Vec<&Annotation> {
        self.annotations()
            .into_iter()
            .filter(|a| label.is_none_or(|l| a.label == Some(l)))
            .filter(|a| tag.is_none_or(|t| a.tags.iter().any(|x| x == t)))
            .collect()
    }

    /// Adds an annotation and saves. Returns its id.
    pub fn add(
        &mut self,
        target: Target,
        label: Option<Label>,
        note: &str,
        tags: Vec<String>,
    ) -> Result<String> {
        let mut annotation = Annotation::fresh(new_id(), target, time::now());
        annotation.label = label;
        annotation.note = note.to_string();
        annotation.tags = super::clean_tags(tags);
        let id = annotation.id.clone();
        self.change(move |_| Ok(Some(annotation)))?;
        Ok(id)
    }

    /// Changes the annotation on `target`, creating it if there is none, and saves. This is
    /// what the `a`, `e` and `t` keys want: labelling a passage twice changes its label.
    /// The annotation is looked for under the lock, after merging what other processes saved,
    /// so two readers labelling one passage at once end with one annotation holding both
    /// changes. Returns the annotation's id, or `None` when there was no annotation and the
    /// change would create an empty one (e.g. clearing a label).
    pub fn apply(&mut self, target: &Target, change: Change) -> Result<Option<String>> {
        let mut found = None;
        self.change(|store| {
            let existing = store.find(target).cloned();
            found = existing.as_ref().map(|a| a.id.clone());
            let mut a =
                existing.clone().unwrap_or_else(|| Annotation::fresh(new_id(), target.clone(), time::now()));
            if !change.apply(&mut a) {
                return Ok(None);
            }
            found = Some(a.id.clone());
            if existing.is_some() {
                a.bump(time::now());
            }
            Ok(Some(a))
        })?;
        Ok(found)
    }

    /// Changes annotation `id` and saves. Nothing is written if nothing changes.
    pub fn update(&mut self, id: &str, change: Change) -> Result<()> {
        self.change(|store| {
            let mut a = store.get(id).cloned().ok_or_else(|| Error::NoAnnotation { id: id.to_string() })?;
            if !change.apply(&mut a) {
                return Ok(None);
            }
            a.bump(time::now());
            Ok(Some(a))
        })
    }

    /// Deletes annotation `id` (keeping a tombstone) and saves.
    pub fn delete(&mut self, id: &str) -> Result<()> {
        self.change(|store| {
            let mut a = store.get(id).cloned().ok_or_else(|| Error::NoAnnotation { id: id.to_string() })?;
            let now = time::now();
            a.deleted = Some(now.clone());
            a.bump(now);
            Ok(Some(a))
        })
    }

    /// Whether [`Store::undo`] has anything to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether [`Store::redo`] has anything to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Undoes this process's last change (add, edit or delete) and saves: the fields that
    /// change touched get their earlier values, nothing else. Refused with
    /// [`Error::ChangedElsewhere`] when another process changed the annotation since (the step
    /// is then dropped, so the next undo reaches the change before it). Returns the id of the
    /// annotation it touched, or `None` if there was nothing to undo.
    pub fn undo(&mut self) -> Result<Option<String>> {
        self.step_back(true)
    }

    /// Redoes the last change [`Store::undo`] took back, under the same rule.
    pub fn redo(&mut self) -> Result<Option<String>> {
        self.step_back(false)
    }

    /// Takes back the last step of the undo (`undo`) or redo list and moves its reverse to the
    /// other list. A step refused because another process changed the record since is dropped:
    /// it can never apply again, and the step before it must stay reachable.
    fn step_back(&mut self, undo: bool) -> Result<Option<String>> {
        let list = if undo { &mut self.undo } else { &mut self.redo };
        let Some(step) = list.pop() else { return Ok(None) };
        let done = if undo { "undone" } else { "redone" };
        let result = match step.clone() {
            Step::Annotation { from, to } => self.revert(from, to, done),
            Step::Correction { from, to } => self.revert(from, to, done),
        };
        match result {
            Ok((id, back)) => {
                let other = if undo { &mut self.redo } else { &mut self.undo };
                other.extend(back);
                Ok(Some(id))
            }
            Err(e @ Error::ChangedElsewhere { .. }) => Err(e),
            Err(e) => {
                let list = if undo { &mut self.undo } else { &mut self.redo };
                list.push(step);
                Err(e)
            }
        }
    }

    /// Saves the record `to` with the fields the step from `from` touched set back; returns its
    /// id and the step that takes this back in turn.
    fn revert<R: Record>(
        &mut self,
        from: Option<R>,
        to: R,
        done: &'static str,
    ) -> Result<(String, Option<Step>)> {
        let id = to.id().to_string();
        let written = self.commit(|store| {
            let current = R::table(store).get(&id);
            let ours = current.and_then(|c| serde_json::to_string(c).ok());
            if ours.is_none() || ours.as_ref() != store.written.get(&id) {
                return Err(Error::ChangedElsewhere { what: to.noun().into(), done });
            }
            let now = time::now();
            let mut r = current.cloned().unwrap_or_else(|| to.clone());
            match &from {
                Some(from) => r.restore(from, &to),
                None => r.remove(now.clone()),
            }
            r.touch(now);
            Ok(Some(r))
        })?;
        Ok((id, written.map(|(_, now)| R::step(Some(to), now))))
    }

    /// How long a save waits for another process's lock before giving up with
    /// [`Error::Busy`] (default [`LOCK_TIMEOUT`], or `$PARALLAX_LOCK_TIMEOUT_MS`).
    pub fn set_lock_timeout(&mut self, timeout: Duration) {
        self.wait.timeout = timeout;
    }

    /// The lock wait a new store starts with: `$PARALLAX_LOCK_TIMEOUT_MS`, else
    /// [`LOCK_TIMEOUT`].
    pub fn default_lock_timeout() -> Duration {
        Wait::from_env().timeout
    }

    /// Keeps `text`, a note that could not be saved, in a private (0600) file beside the
    /// annotations file, named by its hash so the same note is kept once. Returns its path.
    pub fn keep_unsaved(&self, text: &str) -> io::Result<PathBuf> {
        self.save_beside("unsaved", "txt", text.as_bytes())
    }

    /// Writes `bytes` to `<file>.<what>-<hash>.<ext>` beside the annotations file (0600 when
    /// new): the same contents go to the same file, so saving them again piles nothing up.
    fn save_beside(&self, what: &str, ext: &str, bytes: &[u8]) -> io::Result<PathBuf> {
        let name =
            self.path.file_name().map_or_else(|| FILE_NAME.into(), |n| n.to_string_lossy().into_owned());
        let target =
            self.path.with_file_name(format!("{name}.{what}-{:016x}.{ext}", crate::hash::fnv1a(bytes)));
        crate::fs::write_atomic(&target, bytes)?;
        Ok(target)
    }

    /// Calls `notice` with [`BUSY_RETRYING`] when a save finds the lock held and starts
    /// retrying, so a front end can say so instead of seeming frozen.
    pub fn on_busy(&mut self, notice: impl Fn(&str) + Send + 'static) {
        self.wait.notice = Some(Box::new(notice));
    }

    /// Re-reads the file and merges in what other processes saved. Returns whether anything
    /// changed. Call [`Store::place`] afterwards to place annotations that arrived.
    pub fn refresh(&mut self) -> Result<bool> {
        if self.read_only.is_some() {
            return Ok(false);
        }
        let now = fingerprint(&self.path);
        if now.is_some() && now == self.seen {
            return Ok(false);
        }
        match read(&self.path)? {
            Loaded::Missing => Ok(false),
            Loaded::Read(data) => {
                let changed = self.adopt(data);
                self.seen = now;
                Ok(changed)
            }
            Loaded::Unusable { why, bytes } => {
                self.become_read_only(why, &bytes);
                Ok(true)
            }
        }
    }

    /// Re-anchors every annotation in `analysis` (after opening, or when the corpus was
    /// reloaded). Cost: a scan of an article only for anchors whose text moved.
    pub fn reanchor(&mut self, analysis: &Analysis) {
        self.placements.clear();
        self.place(analysis);
    }

    /// Places the annotations that have no placement yet (new, or merged in from another
    /// process). Cheap when there are none: call it after every change.
    pub fn place(&mut self, analysis: &Analysis) {
        for a in self.records.values().filter(|a| !a.is_deleted()) {
            if !self.placements.contains_key(&a.id) {
                self.placements.insert(a.id.clone(), place(analysis, a));
            }
        }
    }

    /// Where annotation `id` is now, once [`Store::place`] or [`Store::reanchor`] ran.
    pub fn placement(&self, id: &str) -> Option<&Placement> {
        self.placements.get(id)
    }

    /// Live annotations shown on any part of `range` of article `article` (index into the
    /// corpus): for gutter marks.
    pub fn in_span(&self, article: usize, range: std::ops::Range<usize>) -> Vec<&Annotation> {
        self.annotations()
            .into_iter()
            .filter(|a| self.placements.get(&a.id).is_some_and(|p| p.overlaps(article, &range)))
            .collect()
    }

    /// Live annotations shown on passage `at`: those on its text, and those on a claim it
    /// belongs to.
    pub fn at_passage(&self, analysis: &Analysis, at: PassageRef) -> Vec<&Annotation> {
        let Some(p) = analysis.corpus.articles.get(at.article).and_then(|a| a.passages.get(at.passage))
        else {
            return Vec::new();
        };
        let claims = analysis.claims_at(at);
        self.annotations()
            .into_iter()
            .filter(|a| {
                self.placements.get(&a.id).is_some_and(|pl| {
                    pl.overlaps(at.article, &p.range()) || pl.claim.is_some_and(|c| claims.contains(&c))
                })
            })
            .collect()
    }

    /// Every passage that carries a mark, with the ids of the annotations shown on it: one pass
    /// for drawing the gutter of a whole article instead of a lookup per line.
    pub fn marks(&self, analysis: &Analysis) -> BTreeMap<PassageRef, Vec<String>> {
        let mut out: BTreeMap<PassageRef, Vec<String>> = BTreeMap::new();
        for a in self.annotations() {
            let Some(p) = self.placements.get(&a.id) else { continue };
            let mut at: BTreeSet<PassageRef> =
                p.spans.iter().flat_map(|s| super::place::passages_overlapping(analysis, s)).collect();
            if let Some(c) = p.claim.and_then(|c| analysis.claims.get(c)) {
                at.extend(c.members.iter().map(|m| m.at));
            }
            for r in at {
                out.entry(r).or_default().push(a.id.clone());
            }
        }
        out
    }

    /// The passage to jump to for annotation `id` (Enter in the list): the first passage it
    /// shows on. `None` for an orphan or before [`Store::place`].
    pub fn passage_of(&self, analysis: &Analysis, id: &str) -> Option<PassageRef> {
        let p = self.placements.get(id)?;
        p.spans.iter().find_map(|s| super::place::passages_overlapping(analysis, s).into_iter().next())
    }

    /// Live annotations attached to claim `claim`.
    pub fn for_claim(&self, claim: usize) -> Vec<&Annotation> {
        self.annotations()
            .into_iter()
            .filter(|a| self.placements.get(&a.id).is_some_and(|p| p.claim == Some(claim)))
            .collect()
    }

    /// Live corrections (not removed), oldest first: the order they apply in.
    pub fn corrections(&self) -> Vec<&Correction> {
        let mut v: Vec<&Correction> = self.corrections.values().filter(|c| !c.is_deleted()).collect();
        v.sort_by(|a, b| a.created.cmp(&b.created).then(a.id.cmp(&b.id)));
        v
    }

    /// A live correction by id.
    pub fn correction(&self, id: &str) -> Option<&Correction> {
        self.corrections.get(id).filter(|c| !c.is_deleted())
    }

    /// Adds a correction and saves (undoable like an annotation change). Returns its id.
    pub fn correct(&mut self, action: Action) -> Result<String> {
        let now = time::now();
        let correction = Correction {
            id: new_id(),
            action,
            created: now.clone(),
            updated: now,
            rev: 1,
            deleted: None,
            extra: Default::default(),
        };
        let id = correction.id.clone();
        self.change(move |_| Ok(Some(correction)))?;
        Ok(id)
    }

    /// Removes correction `id` (keeping a tombstone) and saves.
    pub fn remove_correction(&mut self, id: &str) -> Result<()> {
        self.change(|store| {
            let mut c =
                store.correction(id).cloned().ok_or_else(|| Error::NoCorrection { id: id.to_string() })?;
            let now = time::now();
            c.deleted = Some(now.clone());
            Record::touch(&mut c, now);
            Ok(Some(c))
        })
    }

    /// Saves one change made by the user: recorded for undo, and the redo list cleared.
    fn change<R: Record>(&mut self, edit: impl FnOnce(&Store) -> Result<Option<R>>) -> Result<()> {
        let Some((from, to)) = self.commit(edit)? else { return Ok(()) };
        self.undo.push(R::step(from, to));
        self.redo.clear();
        Ok(())
    }

    /// Lock, re-read and merge, apply `edit` to the store as it then is (`Ok(None)`: no
    /// change), write atomically, and only then keep the change in memory. Returns the version
    /// replaced and the version written.
    fn commit<R: Record>(
        &mut self,
        edit: impl FnOnce(&Store) -> Result<Option<R>>,
    ) -> Result<Option<(Option<R>, R)>> {
        if let Some(ro) = &self.read_only {
            return Err(Error::ReadOnly { path: self.path.clone(), reason: ro.reason.clone() });
        }
        let _lock = Lock::acquire(&self.path, &self.wait)?;
        match read(&self.path)? {
            Loaded::Missing => {}
            // Adopt what is on disk first, as `refresh` would: even if the edit fails (say, the
            // annotation was deleted by another process), the store is then up to date.
            Loaded::Read(data) => {
                self.adopt(data);
            }
            Loaded::Unusable { why, bytes } => {
                self.become_read_only(why, &bytes);
                let reason = self.read_only.as_ref().map(|r| r.reason.clone()).unwrap_or_default();
                return Err(Error::ReadOnly { path: self.path.clone(), reason });
            }
        }
        let Some(after) = edit(self)? else { return Ok(None) };
        let id = after.id().to_string();
        let before = R::table_mut(self).insert(id.clone(), after.clone());
        if let Err(e) = self.write() {
            match &before {
                Some(b) => R::table_mut(self).insert(id, b.clone()),
                None => R::table_mut(self).remove(&id),
            };
            return Err(e);
        }
        self.seen = fingerprint(&self.path);
        if R::moved(before.as_ref(), &after) {
            self.placements.remove(&id);
        }
        self.written.insert(id, serde_json::to_string(&after).unwrap_or_default());
        Ok(Some((before, after)))
    }

    /// Merges what the file holds into memory. Returns whether anything changed.
    fn adopt(&mut self, data: FileData) -> bool {
        self.extra.extend(data.extra);
        let mut merged = self.records.clone();
        let changed = merge(&mut merged, data.annotations);
        self.forget_moved_placements(&merged, changed.iter());
        self.records = merged;
        let corrected = merge(&mut self.corrections, data.corrections);
        !changed.is_empty() || !corrected.is_empty()
    }

    /// The file's contents: pretty JSON, oldest annotation and correction first.
    fn serialize(&self) -> serde_json::Result<String> {
        let mut annotations: Vec<Annotation> = self.records.values().cloned().collect();
        annotations.sort_by(|a, b| a.created.cmp(&b.created).then(a.id.cmp(&b.id)));
        let mut corrections: Vec<Correction> = self.corrections.values().cloned().collect();
        corrections.sort_by(|a, b| a.created.cmp(&b.created).then(a.id.cmp(&b.id)));
        to_json(&FileData {
            schema_version: SCHEMA_VERSION,
            corpus: self.corpus.clone(),
            annotations,
            corrections,
            extra: self.extra.clone(),
        })
    }

    /// Drops the cached placements of the annotations in `ids` that are new or whose target
    /// changed in `next`; an edit of a note or label keeps its placement, so the TUI's marks do
    /// not flicker between a change and the next [`Store::place`].
    fn forget_moved_placements<'a>(
        &mut self,
        next: &BTreeMap<String, Annotation>,
        ids: impl Iterator<Item = &'a String>,
    ) {
        for id in ids {
            let same =
                matches!((self.records.get(id), next.get(id)), (Some(a), Some(b)) if a.target == b.target);
            if !same {
                self.placements.remove(id);
            }
        }
    }

    /// Writes what is in memory atomically. The caller holds the lock.
    fn write(&self) -> Result<()> {
        let json =
            self.serialize().map_err(|e| Error::Format { path: self.path.clone(), reason: e.to_string() })?;
        crate::fs::write_atomic(&self.path, json.as_bytes())
            .map_err(|e| Error::Write { path: self.path.clone(), source: e })
    }

    /// Switches to read-only after finding an unusable file, backing it up first.
    fn become_read_only(&mut self, why: String, bytes: &[u8]) {
        let backup = backup(&self.path, bytes);
        let kept = match &backup {
            Ok(b) => format!("a copy is kept at `{}`", b.display()),
            Err(e) => format!("no backup could be made ({e})"),
        };
        // If the file went bad while we ran, our last good state exists only in memory: put it
        // in a file of its own so that it survives this process.
        let recovered = match self.records.is_empty() && self.corrections.is_empty() {
            true => String::new(),
            false => match self.save_recovery() {
                Ok(p) => format!(" The last good annotations seen by this process are in `{}`.", p.display()),
                Err(e) => format!(" The last good annotations could not be saved aside ({e})."),
            },
        };
        let reason = format!(
            "annotations file `{}` {why}; it was left untouched and {kept}. Annotations are read-only \
             until the file is fixed or you choose to start fresh.{recovered}",
            self.path.display()
        );
        self.read_only = Some(ReadOnly { reason, backup: backup.ok() });
    }

    /// Writes the in-memory annotations, in the normal format, beside the file.
    fn save_recovery(&self) -> io::Result<PathBuf> {
        let json = self.serialize().map_err(io::Error::other)?;
        self.save_beside("recovered", "json", json.as_bytes())
    }
}

/// Identifies one version of the file: every atomic save renames a new file (a new inode)
/// into place, and mtime and length change too.
type Fingerprint = (u64, Option<std::time::SystemTime>, u64);

fn fingerprint(path: &Path) -> Option<Fingerprint> {
    let m = fs::metadata(path).ok()?;
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&m);
    #[cfg(not(unix))]
    let inode = 0;
    Some((inode, m.modified().ok(), m.len()))
}

/// The file's contents for `data`: pretty JSON and a final newline.
fn to_json(data: &FileData) -> serde_json::Result<String> {
    let mut json = serde_json::to_string_pretty(data)?;
    json.push('\n');
    Ok(json)
}

/// [`Store::migrate`] to `to`, with the user data folder from `data` (needed only to find the
/// old place). Done under the new file's lock, so two processes cannot both move it.
fn migrate_to(paths: &[PathBuf], to: &Path, data: impl Fn() -> Result<PathBuf>) -> Result<Option<String>> {
    let exists = |p: &Path| p.symlink_metadata().is_ok();
    if paths.is_empty() || exists(to) {
        return Ok(None);
    }
    // Without a data folder there is no old place to look in.
    let Ok(from) = location::legacy(paths).resolve(data) else { return Ok(None) };
    if !exists(&from) {
        return Ok(None);
    }
    let _lock = Lock::acquire(to, &Wait::from_env())?;
    if exists(to) {
        return Ok(None);
    }
    let bytes = crate::fs::read_capped(&from, MAX_FILE_BYTES)
        .map_err(|e| Error::Read { path: from.clone(), source: e })?;
    let renamed = crate::corpus::identity::renamed(paths)?;
    let (bytes, renames) = rename_articles(bytes, &renamed);
    crate::fs::write_atomic(to, &bytes).map_err(|e| Error::Write { path: to.to_path_buf(), source: e })?;
    let mut kept = from.clone().into_os_string();
    kept.push(".migrated");
    std::fs::rename(&from, &kept).map_err(|e| Error::Write { path: from.clone(), source: e })?;
    let ids = match renames {
        0 => String::new(),
        1 => "; 1 article id renamed to the current rule".to_string(),
        n => format!("; {n} article ids renamed to the current rule"),
    };
    Ok(Some(format!(
        "annotations moved from `{}` to `{}`{ids}; the old file is kept as `{}`",
        from.display(),
        to.display(),
        Path::new(&kept).display()
    )))
}

/// The file `bytes` with every anchor's article id renamed by `renamed`, and how many anchors
/// changed. Contents this build cannot read are returned as they are: the store opened on them
/// becomes read-only and says why, as it would have where they were.
fn rename_articles(bytes: Vec<u8>, renamed: &BTreeMap<String, String>) -> (Vec<u8>, usize) {
    let Loaded::Read(mut data) = parse(bytes.clone()) else { return (bytes, 0) };
    let mut count = 0;
    for anchor in data.annotations.iter_mut().flat_map(|a| a.target.anchors_mut()) {
        if let Some(new) = renamed.get(&anchor.article) {
            anchor.article = new.clone();
            count += 1;
        }
    }
    match to_json(&data) {
        Ok(json) if count > 0 => (json.into_bytes(), count),
        _ => (bytes, 0),
    }
}

/// Merges `incoming` into `records` by id, newer copy winning. Returns the ids that changed.
fn merge<R: Record>(records: &mut BTreeMap<String, R>, incoming: Vec<R>) -> Vec<String> {
    let mut changed = Vec::new();
    for r in incoming {
        let take = records.get(r.id()).is_none_or(|mine| r.wins_over(mine));
        if take {
            changed.push(r.id().to_string());
            records.insert(r.id().to_string(), r);
        }
    }
    changed
}

/// Reads and checks the file. `Err` only when it exists but cannot be read.
fn read(path: &Path) -> Result<Loaded> {
    let bytes = match crate::fs::read_capped(path, MAX_FILE_BYTES) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Loaded::Missing),
        Err(e) => return Err(Error::Read { path: path.to_path_buf(), source: e }),
    };
    Ok(parse(bytes))
}

/// Parses file contents; anything this build must not overwrite is `Unusable`.
fn parse(bytes: Vec<u8>) -> Loaded {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        // Nothing to lose: an empty file is an empty store.
        return Loaded::Missing;
    }
    let value: serde_json::Value = match serde_json::from_slice(&bytes) {
        Ok(v) => v,
        Err(e) => return Loaded::Unusable { why: format!("is not valid JSON ({e})"), bytes },
    };
    let Some(version) = value.get("schema_version").and_then(serde_json::Value::as_u64) else {
        return Loaded::Unusable {
            why: "has no schema_version, so it is not a parallax annotations file".into(),
            bytes,
        };
    };
    if version > SCHEMA_VERSION {
        return Loaded::Unusable {
            why: format!(
                "was written by a newer parallax (schema {version}; this version reads up to {SCHEMA_VERSION}); \
                 upgrade parallax to edit it"
            ),
            bytes,
        };
    }
    match serde_json::from_value::<FileData>(value) {
        Ok(data) => Loaded::Read(data),
        Err(e) => Loaded::Unusable { why: format!("does not have the expected fields ({e})"), bytes },
    }
}

/// Copies unreadable contents next to the file, named by their hash so that opening the same
/// bad file again does not pile up copies. Returns the backup's path.
fn backup(path: &Path, bytes: &[u8]) -> io::Result<PathBuf> {
    let name = path.file_name().map_or_else(|| FILE_NAME.into(), |n| n.to_string_lossy().into_owned());
    let target = path.with_file_name(format!("{name}.unreadable-{:016x}.bak", crate::hash::fnv1a(bytes)));
    if crate::fs::read_capped(&target, MAX_FILE_BYTES).is_ok_and(|b| b == bytes) {
        return Ok(target);
    }
    crate::fs::write_atomic(&target, bytes)?;
    Ok(target)
}

/// An exclusive advisory lock on `<file>.lock`, held until dropped. The lock file is never
/// deleted: deleting it would let two processes lock two different files.
struct Lock {
    file: File,
}

impl Lock {
    /// Takes the lock, trying again every [`LOCK_RETRY`] for as long as `wait` allows and
    /// telling its notice once that it waits; then [`Error::Busy`].
    fn acquire(path: &Path, wait: &Wait) -> Result<Lock> {
        let lock_path = path.with_file_name(format!(
            "{}.lock",
            path.file_name().map_or_else(|| FILE_NAME.into(), |n| n.to_string_lossy().into_owned())
        ));
        let file = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| crate::fs::open_lock(&lock_path))
            .map_err(|e| Error::Write { path: lock_path.clone(), source: e })?;
        let deadline = Instant::now() + wait.timeout;
        let mut told = false;
        loop {
            match fs4::FileExt::try_lock(&file) {
                Ok(()) => break,
                Err(fs4::TryLockError::WouldBlock) => {
                    let now = Instant::now();
                    if now >= deadline {
                        return Err(Error::Busy { path: path.to_path_buf() });
                    }
                    if let Some(notice) = wait.notice.as_ref().filter(|_| !told) {
                        notice(BUSY_RETRYING);
                        told = true;
                    }
                    std::thread::sleep(LOCK_RETRY.min(deadline - now));
                }
                Err(fs4::TryLockError::Error(e)) => return Err(Error::Write { path: lock_path, source: e }),
            }
        }
        // Temp files of writers killed mid-save can only be stale while we hold the lock.
        crate::fs::remove_stale_temps(path);
        Ok(Lock { file })
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = fs4::FileExt::unlock(&self.file);
    }
}

/// `$PARALLAX_DATA_DIR`, else the platform's data folder + `parallax`.
pub(crate) fn data_dir() -> Result<PathBuf> {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    dirs::data_dir().map(|d| d.join("parallax")).ok_or(Error::NoDataDir)
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// A random id: unique across processes without coordination, since merging is by id.
fn new_id() -> String {
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    let nanos =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    h.write_u128(nanos);
    h.write_u32(std::process::id());
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    format!("{:016x}", h.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ann(id: &str, rev: u64, updated: &str, deleted: bool) -> Annotation {
        Annotation {
            id: id.into(),
            target: Target::Claim { members: Vec::new() },
            label: None,
            note: format!("rev {rev}"),
            tags: Vec::new(),
            reviewed: false,
            created: "2026-01-01T00:00:00.000Z".into(),
            updated: updated.into(),
            rev,
            deleted: deleted.then(|| updated.to_string()),
            extra: Default::default(),
        }
    }

    #[test]
    fn merge_keeps_newer_and_tombstones() {
        let mut mine: BTreeMap<String, Annotation> = BTreeMap::new();
        mine.insert("a".into(), ann("a", 2, "2026-01-02T00:00:00.000Z", true));
        mine.insert("b".into(), ann("b", 1, "2026-01-01T00:00:00.000Z", false));
        let changed = merge(
            &mut mine,
            vec![
                ann("a", 1, "2026-01-01T00:00:00.000Z", false), // stale copy of a deleted one
                ann("b", 3, "2026-01-03T00:00:00.000Z", false), // newer edit
                ann("c", 1, "2026-01-01T00:00:00.000Z", false), // new
            ],
        );
        assert_eq!(changed, ["b", "c"]);
        assert!(mine["a"].is_deleted());
        assert_eq!(mine["b"].rev, 3);
        assert_eq!(mine.len(), 3);
    }

    #[test]
    fn unknown_fields_of_the_same_schema_survive_a_rewrite() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        let a = serde_json::json!({
            "id": "x", "target": {"kind": "claim", "members": []}, "created": "c", "updated": "u",
            "colour": "red"
        });
        let file = serde_json::json!({"schema_version": 1, "annotations": [a], "view": {"sort": "label"}});
        fs::write(&path, file.to_string()).unwrap();
        let mut store = Store::open_at(path.clone()).unwrap();
        store.update("x", Change::Note("n".into())).unwrap();
        let back: serde_json::Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(back["view"]["sort"], "label");
        assert_eq!(back["annotations"][0]["colour"], "red");
        assert_eq!(back["annotations"][0]["note"], "n");
    }

    /// Two articles whose one sentence each states two facts, and a claim per fact holding
    /// one clause of each: the two claims have the same passages and different spans.
    fn two_facts_in_one_sentence() -> Analysis {
        use crate::analysis::{Claim, Member, Span};
        let corpus = crate::corpus::Corpus::from_texts([
            ("a.txt", "The storm cut power in 39 regions, and four workers were hurt.\n"),
            ("b.txt", "Four workers were hurt as the storm cut power in two regions.\n"),
        ]);
        let clause = |article: usize, words: &str| {
            let text = &corpus.articles[article].text;
            let start = text.find(words).unwrap();
            Member {
                at: PassageRef { article, passage: 0 },
                similarity: 0.5,
                evidence: Vec::new(),
                span: Span(start, start + words.len()),
            }
        };
        let power = vec![
            clause(0, "The storm cut power in 39 regions"),
            clause(1, "the storm cut power in two regions"),
        ];
        let hurt = vec![clause(0, "four workers were hurt"), clause(1, "Four workers were hurt")];
        let claims =
            vec![Claim { id: 0, score: 0.5, members: power }, Claim { id: 1, score: 0.5, members: hurt }];
        Analysis::from_parts(corpus, claims, Vec::new())
    }

    #[test]
    fn a_claim_annotation_stays_on_its_clause_of_a_shared_passage() {
        let an = two_facts_in_one_sentence();
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_at(dir.path().join(FILE_NAME)).unwrap();
        let id = store.add(Target::claim(&an, 1).unwrap(), Some(Label::Disputed), "", Vec::new()).unwrap();
        store.place(&an);
        // By passages alone the two claims tie and the lower id, the other claim, would win.
        assert_eq!(store.placement(&id).unwrap().claim, Some(1));
        assert_eq!(store.for_claim(1).len(), 1);
        assert!(store.for_claim(0).is_empty());
        assert!(store.find(&Target::claim(&an, 0).unwrap()).is_none(), "the other claim has no note");
        assert_eq!(store.find(&Target::claim(&an, 1).unwrap()).map(|a| a.id.clone()), Some(id.clone()));

        // One stored by whole passages (as older versions did) is still found from the clauses.
        let whole: Vec<_> = (0..2)
            .filter_map(|i| Target::passage(&an.corpus, PassageRef { article: i, passage: 0 }))
            .flat_map(|t| t.anchors().to_vec())
            .collect();
        store.delete(&id).unwrap();
        let old = store.add(Target::Claim { members: whole }, None, "older", Vec::new()).unwrap();
        store.place(&an);
        assert_eq!(store.find(&Target::claim(&an, 1).unwrap()).map(|a| a.id.clone()), Some(old));
    }

    /// A passage target of a one-article corpus, and two store handles on one file, as two
    /// reader processes have.
    fn two_readers() -> (tempfile::TempDir, Target, Store, Store) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        let corpus =
            crate::corpus::Corpus::from_texts([("a.txt", "Title\nThe plant burned for 13 hours.\n")]);
        let target = Target::passage(&corpus, PassageRef { article: 0, passage: 1 }).unwrap();
        let (one, two) = (Store::open_at(path.clone()).unwrap(), Store::open_at(path).unwrap());
        (dir, target, one, two)
    }

    #[test]
    fn undo_takes_back_only_its_own_fields_and_redo_puts_them_back() {
        let (_dir, t, mut one, _) = two_readers();
        let id = one.apply(&t, Change::Label(Some(Label::Verified))).unwrap().unwrap();
        one.apply(&t, Change::Note("checked".into())).unwrap();
        assert_eq!(one.undo().unwrap(), Some(id.clone()));
        let a = Store::open_at(one.path().to_path_buf()).unwrap().get(&id).cloned().unwrap();
        assert_eq!((a.label, a.note.as_str()), (Some(Label::Verified), ""));
        assert!(one.can_redo());
        assert_eq!(one.redo().unwrap(), Some(id.clone()));
        assert_eq!(one.get(&id).unwrap().note, "checked");
        assert!(!one.can_redo());
        // Undo, redo, undo again: each a new revision, so other processes take every step.
        let rev = one.get(&id).unwrap().rev;
        one.undo().unwrap();
        assert!(one.get(&id).unwrap().rev > rev);
        // A new change ends what can be redone.
        one.apply(&t, Change::AddTags(vec!["x".into()])).unwrap();
        assert!(!one.can_redo());
    }

    #[test]
    fn undo_refuses_when_another_process_changed_the_annotation_since() {
        let (_dir, t, mut one, mut two) = two_readers();
        let id = one.apply(&t, Change::Label(Some(Label::Verified))).unwrap().unwrap();
        two.refresh().unwrap();
        two.update(&id, Change::AddTags(vec!["theirs".into()])).unwrap();
        let err = one.undo().unwrap_err();
        assert!(matches!(err, Error::ChangedElsewhere { .. }), "{err}");
        assert!(err.to_string().contains("another parallax changed this annotation"), "{err}");
        let a = one.get(&id).unwrap();
        assert_eq!((a.label, a.tags.as_slice()), (Some(Label::Verified), &["theirs".to_string()][..]));
        // The refused step is dropped (it can never apply); it was the only one.
        assert!(!one.can_undo());
        // Their undo of their own change still works, and leaves our label.
        assert_eq!(two.undo().unwrap(), Some(id.clone()));
        assert_eq!(two.get(&id).unwrap().label, Some(Label::Verified));
        assert!(two.get(&id).unwrap().tags.is_empty());
    }

    #[test]
    fn undo_of_a_delete_brings_back_what_another_process_had_not_touched() {
        let (_dir, t, mut one, mut two) = two_readers();
        let id = one.apply(&t, Change::Note("mine".into())).unwrap().unwrap();
        two.refresh().unwrap();
        two.delete(&id).unwrap();
        assert!(one.undo().is_err(), "deleted by another process since");
        assert_eq!(two.undo().unwrap(), Some(id.clone()));
        assert_eq!(two.get(&id).unwrap().note, "mine");
    }

    #[test]
    fn two_readers_labelling_one_passage_at_once_end_with_one_annotation() {
        let (_dir, t, mut one, mut two) = two_readers();
        // Neither has seen the other's change before saving its own.
        let a = one.apply(&t, Change::Label(Some(Label::Verified))).unwrap().unwrap();
        let b = two.apply(&t, Change::NoteEdit { base: String::new(), note: "two's note".into() }).unwrap();
        assert_eq!(b.as_deref(), Some(a.as_str()));
        two.apply(&t, Change::AddTags(vec!["two".into()])).unwrap();
        one.apply(&t, Change::NoteEdit { base: String::new(), note: "one's note".into() }).unwrap();
        let store = Store::open_at(one.path().to_path_buf()).unwrap();
        assert_eq!(store.annotations().len(), 1);
        let merged = store.get(&a).unwrap();
        assert_eq!(merged.label, Some(Label::Verified));
        assert_eq!(merged.tags, ["two"]);
        assert_eq!(merged.note, "two's note\n\none's note", "both notes kept");
        // The label: the latest wins.
        two.apply(&t, Change::Label(Some(Label::Disputed))).unwrap();
        assert_eq!(
            Store::open_at(one.path().to_path_buf()).unwrap().get(&a).unwrap().label,
            Some(Label::Disputed)
        );
    }

    #[test]
    fn a_held_lock_gives_busy_after_the_timeout_and_says_it_retries() {
        let (_dir, t, mut one, _) = two_readers();
        let told = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
        let seen = std::sync::Arc::clone(&told);
        one.on_busy(move |m| seen.lock().unwrap().push(m.to_string()));
        one.set_lock_timeout(Duration::from_millis(60));
        // Locks are per open file, so another handle in this process blocks like a process.
        let held = Lock::acquire(one.path(), &Wait::from_env()).unwrap();
        let err = one.apply(&t, Change::Label(Some(Label::Verified))).unwrap_err();
        assert!(matches!(err, Error::Busy { .. }), "{err}");
        assert!(err.to_string().contains("busy"), "{err}");
        assert_eq!(*told.lock().unwrap(), [BUSY_RETRYING]);
        assert!(one.annotations().is_empty());
        // Released while a save waits: the save goes through.
        one.set_lock_timeout(Duration::from_secs(20));
        let release = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(50));
            drop(held);
        });
        assert!(one.apply(&t, Change::Label(Some(Label::Verified))).unwrap().is_some());
        release.join().unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn an_unsaved_note_is_kept_in_a_private_file() {
        use std::os::unix::fs::PermissionsExt;
        let (_dir, _, one, _) = two_readers();
        let kept = one.keep_unsaved("my note").unwrap();
        assert_eq!(fs::read_to_string(&kept).unwrap(), "my note");
        assert_eq!(fs::metadata(&kept).unwrap().permissions().mode() & 0o777, 0o600);
        assert_eq!(one.keep_unsaved("my note").unwrap(), kept, "kept once");
    }

    #[test]
    fn ids_are_unique() {
        let ids: BTreeSet<String> = (0..1000).map(|_| new_id()).collect();
        assert_eq!(ids.len(), 1000);
    }

    #[test]
    fn parse_classifies_files() {
        assert!(matches!(parse(b"  \n".to_vec()), Loaded::Missing));
        assert!(matches!(parse(b"{\"schema_version\": 1, \"annotations\": []}".to_vec()), Loaded::Read(_)));
        assert!(matches!(
            parse(b"{\"schema_version\": 2, \"annotations\": []}".to_vec()),
            Loaded::Unusable { .. }
        ));
        assert!(matches!(parse(b"{\"annotations\": []}".to_vec()), Loaded::Unusable { .. }));
        assert!(matches!(parse(b"{\"schema_version\": 1, \"annot".to_vec()), Loaded::Unusable { .. }));
    }

    /// A corpus tree under a temp folder, and a data folder beside it.
    fn tree(files: &[&str]) -> (tempfile::TempDir, PathBuf, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = fs::canonicalize(dir.path()).unwrap();
        for f in files {
            let path = root.join("corpus").join(f);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, format!("Title of {f}\nThe plant burned for 13 hours on Monday.\n")).unwrap();
        }
        (dir, root.join("corpus"), root.join("data"))
    }

    /// Writes a store where the old rule kept it for `paths`, with one passage annotation on
    /// each of `ids` (as the old rule named the articles), and returns its path.
    fn old_store(paths: &[PathBuf], data: &Path, ids: &[&str]) -> PathBuf {
        let from = location::legacy(paths).resolve(|| Ok(data.to_path_buf())).unwrap();
        let mut store = Store::open_at(from.clone()).unwrap();
        for id in ids {
            let text = format!(
                "Title of {}\nThe plant burned for 13 hours on Monday.\n",
                id.rsplit('/').next().unwrap()
            );
            let anchor = super::super::Anchor::from_text(id, &text, 0..5).unwrap();
            store.add(Target::Passage { anchor }, Some(super::super::Label::Verified), id, vec![]).unwrap();
        }
        from
    }

    fn articles(store: &Store) -> Vec<String> {
        let mut v: Vec<String> =
            store.annotations().iter().map(|a| a.target.anchors()[0].article.clone()).collect();
        v.sort();
        v
    }

    #[test]
    fn files_of_one_folder_move_their_store_beside_it_once() {
        let (_dir, corpus, data) = tree(&["a.txt", "b.txt"]);
        let paths = vec![corpus.join("a.txt"), corpus.join("b.txt")];
        let from = old_store(&paths, &data, &["a.txt"]);
        let store = Store::open_with(&paths, || Ok(data.clone())).unwrap();
        let moved = store.migrated().unwrap();
        assert!(moved.contains("annotations moved from") && !moved.contains("renamed"), "{moved}");
        assert_eq!(store.path(), corpus.join(".parallax").join(FILE_NAME));
        assert_eq!(articles(&store), ["a.txt"]);
        assert!(!from.exists());
        assert!(from.with_file_name("annotations.json.migrated").exists());
        // The same store whichever way the corpus is opened, and it moves only once.
        for again in [vec![corpus.clone()], vec![corpus.join(".")], paths] {
            let store = Store::open_with(&again, || Ok(data.clone())).unwrap();
            assert_eq!(store.migrated(), None);
            assert_eq!(articles(&store), ["a.txt"]);
        }
    }

    #[test]
    fn two_roots_sharing_a_base_name_get_their_ids_renamed() {
        let (_dir, corpus, data) = tree(&["nyt/2024/story.txt", "wapo/2024/story.txt"]);
        let paths = vec![corpus.join("nyt/2024"), corpus.join("wapo/2024")];
        // The old rule named both `2024/story.txt`.
        old_store(&paths, &data, &["2024/story.txt"]);
        let store = Store::open_with(&paths, || Ok(data.clone())).unwrap();
        assert!(store.migrated().unwrap().contains("1 article id renamed"), "{:?}", store.migrated());
        assert_eq!(store.path(), corpus.join(".parallax").join(FILE_NAME));
        assert_eq!(articles(&store), ["nyt/2024/story.txt"]);
    }

    #[test]
    fn two_folders_get_their_ids_renamed_below_their_common_folder() {
        let (_dir, corpus, data) = tree(&["a/x.txt", "b/y.txt"]);
        let paths = vec![corpus.join("a"), corpus.join("b")];
        old_store(&paths, &data, &["x.txt", "y.txt"]);
        let store = Store::open_with(&paths, || Ok(data.clone())).unwrap();
        assert!(store.migrated().unwrap().contains("2 article ids renamed"));
        assert_eq!(articles(&store), ["a/x.txt", "b/y.txt"]);
    }

    #[test]
    fn an_existing_store_is_never_replaced_and_an_unreadable_one_moves_as_it_is() {
        let (_dir, corpus, data) = tree(&["a.txt", "b.txt"]);
        let paths = vec![corpus.join("a.txt"), corpus.join("b.txt")];
        let from = old_store(&paths, &data, &["a.txt"]);
        let here = corpus.join(".parallax").join(FILE_NAME);
        crate::fs::write_atomic(&here, b"{\"schema_version\": 1, \"annotations\": []}\n").unwrap();
        let store = Store::open_with(&paths, || Ok(data.clone())).unwrap();
        assert_eq!((store.migrated(), store.annotations().len()), (None, 0));
        assert!(from.exists(), "left where it is");

        fs::remove_file(&here).unwrap();
        fs::write(&from, b"{oops").unwrap();
        let store = Store::open_with(&paths, || Ok(data.clone())).unwrap();
        assert!(store.migrated().is_some());
        assert!(store.read_only().is_some());
        assert_eq!(fs::read(&here).unwrap(), b"{oops");
    }

    #[test]
    fn the_bundled_corpus_and_one_folder_have_nothing_to_move() {
        let (_dir, corpus, data) = tree(&["a.txt"]);
        assert_eq!(
            migrate_to(&[], &data.join("bundled").join(FILE_NAME), || Ok(data.clone())).unwrap(),
            None
        );
        let one = vec![corpus.clone()];
        old_store(&one, &data, &["a.txt"]);
        let store = Store::open_with(&one, || Ok(data.clone())).unwrap();
        assert_eq!(store.migrated(), None);
        assert_eq!(articles(&store), ["a.txt"]);
    }
}
