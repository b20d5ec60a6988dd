//! Annotations: the reader's own labels, notes and tags on passages and claims.
//!
//! Annotations are the reader's work, so losing one is the worst bug parallax can have. This
//! module is built around that:
//!
//! - [`store`]: every change is saved at once, atomically (temp file, fsync, rename), under a
//!   lock and after merging what other processes saved; a file that cannot be read is never
//!   overwritten.
//! - [`anchor`]: each annotation remembers the quoted words and their context, so it finds its
//!   place again after the article file is edited, or is kept as an orphan rather than moved onto
//!   the wrong words.
//! - [`place`]: where each annotation sits in the current [`Analysis`](crate::Analysis), including
//!   the claim a claim annotation belongs to now.
//! - [`export`]: the `parallax annotations` JSON and Markdown digest.
//!
//! The TUI only needs [`Store`], [`Target`], [`Label`], [`Change`] and [`Placement`].

pub mod anchor;
pub mod correction;
pub mod export;
pub(crate) mod location;
pub mod place;
pub mod store;
pub mod time;

pub use anchor::{Anchor, Status};
pub use correction::{Action, Correction};
pub use place::{Placement, Span};
pub(crate) use store::data_dir;
pub use store::{ReadOnly, Store};

use crate::analysis::{Analysis, PassageRef};
use crate::corpus::{Article, Corpus};

/// The label a reader gives a passage or claim. Keys `1`–`5` in the TUI picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Label {
    Verified,
    Disputed,
    Misleading,
    Important,
    Question,
}

impl Label {
    /// In picker order: `ALL[k - 1]` is chosen with key `k`.
    pub const ALL: [Label; 5] =
        [Label::Verified, Label::Disputed, Label::Misleading, Label::Important, Label::Question];

    /// Lower-case name, as stored and exported.
    pub fn name(self) -> &'static str {
        match self {
            Label::Verified => "verified",
            Label::Disputed => "disputed",
            Label::Misleading => "misleading",
            Label::Important => "important",
            Label::Question => "question",
        }
    }

    /// The picker key: `'1'` for verified … `'5'` for question.
    pub fn key(self) -> char {
        match self {
            Label::Verified => '1',
            Label::Disputed => '2',
            Label::Misleading => '3',
            Label::Important => '4',
            Label::Question => '5',
        }
    }

    /// The label chosen by a picker key, if any.
    pub fn from_key(key: char) -> Option<Label> {
        Label::ALL.into_iter().find(|l| l.key() == key)
    }

    /// Parses a name as written by [`Label::name`] (case-insensitive).
    pub fn parse(name: &str) -> Option<Label> {
        Label::ALL.into_iter().find(|l| l.name().eq_ignore_ascii_case(name.trim()))
    }
}

impl std::fmt::Display for Label {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// What an annotation is about.
///
/// A claim is stored by its members' anchors, never by its id or number: those are positions in
/// one analysis and change when articles change. On load it is re-attached to the claim that now
/// holds most of its re-anchored members (see [`place`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Target {
    /// A span of one article, usually one passage.
    Passage { anchor: Anchor },
    /// A claim: one anchor per member passage.
    Claim { members: Vec<Anchor> },
}

impl Target {
    /// The passage `at` of `corpus`. `None` if it does not exist.
    pub fn passage(corpus: &Corpus, at: PassageRef) -> Option<Target> {
        let article = corpus.articles.get(at.article)?;
        let p = article.passages.get(at.passage)?;
        Self::span(article, p.range())
    }

    /// Any byte span of an article. `None` if it is empty or not on char boundaries.
    pub fn span(article: &Article, range: std::ops::Range<usize>) -> Option<Target> {
        Anchor::new(article, range).map(|anchor| Target::Passage { anchor })
    }

    /// Claim `claim` of `analysis`, anchored by the part of each member passage that states
    /// its fact (the member's span; the whole passage when the span does not lie in it), so a
    /// passage in several claims does not make their annotations one.
    pub fn claim(analysis: &Analysis, claim: usize) -> Option<Target> {
        let claim = analysis.claims.get(claim)?;
        let members: Vec<Anchor> = claim
            .members
            .iter()
            .filter_map(|m| {
                let article = analysis.corpus.articles.get(m.at.article)?;
                let passage = article.passages.get(m.at.passage)?.range();
                let span = m.span.range();
                let inside = !span.is_empty() && passage.start <= span.start && span.end <= passage.end;
                Anchor::new(article, if inside { span } else { passage })
            })
            .collect();
        (!members.is_empty()).then_some(Target::Claim { members })
    }

    /// The stored anchors: one for a passage, one per member for a claim.
    pub fn anchors(&self) -> &[Anchor] {
        match self {
            Target::Passage { anchor } => std::slice::from_ref(anchor),
            Target::Claim { members } => members,
        }
    }

    /// The stored anchors, to rename the articles they name.
    fn anchors_mut(&mut self) -> &mut [Anchor] {
        match self {
            Target::Passage { anchor } => std::slice::from_mut(anchor),
            Target::Claim { members } => members,
        }
    }

    pub fn is_claim(&self) -> bool {
        matches!(self, Target::Claim { .. })
    }

    /// Whether two targets point at the same place (same kind, same article spans), which is
    /// how "label this passage again" finds the annotation to update instead of adding one.
    pub fn same_place(&self, other: &Target) -> bool {
        let key = |t: &Target| {
            let mut k: Vec<(String, usize, usize)> =
                t.anchors().iter().map(|a| (a.article.clone(), a.start, a.end)).collect();
            k.sort();
            (t.is_claim(), k)
        };
        key(self) == key(other)
    }
}

/// One annotation as stored, including deleted ones (tombstones), which are kept so that a
/// merge with another process's older copy cannot bring a deleted annotation back.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Annotation {
    /// Random, unique across processes: merging is by id.
    pub id: String,
    pub target: Target,
    #[serde(default)]
    pub label: Option<Label>,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Marked as reviewed without a label (the reader's `r`): a claim counts as reviewed once
    /// it is labelled or marked.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reviewed: bool,
    /// RFC 3339 UTC with milliseconds, e.g. `2026-11-24T12:00:00.000Z`.
    pub created: String,
    /// When this version was saved; with `rev`, decides which copy wins a merge.
    pub updated: String,
    /// Incremented by every change, so an edit always beats the version it was made from,
    /// whatever the clocks say.
    #[serde(default)]
    pub rev: u64,
    /// When it was deleted; `Some` makes this a tombstone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted: Option<String>,
    /// Fields written by a later version with the same schema, kept as they are.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl Annotation {
    pub fn is_deleted(&self) -> bool {
        self.deleted.is_some()
    }

    /// Whether the reader has been through it: labelled, or marked reviewed.
    pub fn is_reviewed(&self) -> bool {
        self.reviewed || self.label.is_some()
    }

    /// A new annotation on `target`, saved `now`, with nothing on it yet.
    fn fresh(id: String, target: Target, now: String) -> Annotation {
        Annotation {
            id,
            target,
            label: None,
            note: String::new(),
            tags: Vec::new(),
            reviewed: false,
            created: now.clone(),
            updated: now,
            rev: 1,
            deleted: None,
            extra: Default::default(),
        }
    }

    /// Marks a new version saved `now`. The revision saturates rather than wraps: a wrapped
    /// counter would make the newest edit lose every merge.
    fn bump(&mut self, now: String) {
        self.rev = self.rev.saturating_add(1);
        self.updated = now;
    }

    /// Takes back one change that turned `from` into `to`: only the fields that change touched
    /// are set back to `from`'s, so undo never erases what it did not write.
    fn restore(&mut self, from: &Annotation, to: &Annotation) {
        if from.label != to.label {
            self.label = from.label;
        }
        if from.note != to.note {
            self.note.clone_from(&from.note);
        }
        if from.tags != to.tags {
            self.tags.clone_from(&from.tags);
        }
        if from.reviewed != to.reviewed {
            self.reviewed = from.reviewed;
        }
        if from.target != to.target {
            self.target = from.target.clone();
        }
        if from.deleted != to.deleted {
            self.deleted.clone_from(&from.deleted);
        }
    }

    /// Whether this copy should win a merge against `other` (same id): the higher revision,
    /// then the later save, then a tombstone, then a fixed order so all processes agree.
    pub fn supersedes(&self, other: &Annotation) -> bool {
        wins(self, other, |a| (a.rev, &a.updated, a.deleted.is_some()))
    }
}

/// Whether `mine` wins a merge against `theirs`, two copies of one stored record, by `key`
/// (revision, save time, tombstone): the larger key, then a fixed order of their JSON so that
/// every process picks the same copy.
fn wins<T: serde::Serialize>(mine: &T, theirs: &T, key: impl Fn(&T) -> (u64, &String, bool)) -> bool {
    match key(mine).cmp(&key(theirs)) {
        std::cmp::Ordering::Equal => {
            serde_json::to_string(mine).unwrap_or_default()
                > serde_json::to_string(theirs).unwrap_or_default()
        }
        o => o == std::cmp::Ordering::Greater,
    }
}

/// One edit of an annotation's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Set or clear the label.
    Label(Option<Label>),
    /// Replace the note.
    Note(String),
    /// Replace the note an editor opened on (`base`) by `note`. If another reader changed the
    /// note meanwhile, both are kept, theirs first: two people writing at once lose nothing.
    NoteEdit { base: String, note: String },
    /// Replace the tags.
    Tags(Vec<String>),
    /// Add tags, keeping the ones already there.
    AddTags(Vec<String>),
    /// Remove these tags.
    RemoveTags(Vec<String>),
    /// Move the annotation to another place: how a reader re-attaches an orphan by hand.
    Retarget(Target),
    /// Mark as reviewed, or not.
    Reviewed(bool),
}

impl Change {
    /// Applies the change; returns whether anything changed.
    fn apply(&self, a: &mut Annotation) -> bool {
        if let Change::Retarget(t) = self {
            let changed = a.target != *t;
            a.target = t.clone();
            return changed;
        }
        if let Change::Reviewed(r) = self {
            return std::mem::replace(&mut a.reviewed, *r) != *r;
        }
        let before = (a.label, a.note.clone(), a.tags.clone());
        match self {
            Change::Label(l) => a.label = *l,
            Change::Note(n) => a.note = n.clone(),
            Change::NoteEdit { base, note } => a.note = merge_note(&a.note, base, note),
            Change::Tags(t) => a.tags = clean_tags(t.iter().cloned()),
            Change::AddTags(t) => a.tags = clean_tags(a.tags.iter().chain(t).cloned()),
            Change::RemoveTags(t) => {
                let drop = clean_tags(t.iter().cloned());
                a.tags.retain(|x| !drop.contains(x));
            }
            Change::Retarget(_) | Change::Reviewed(_) => {}
        }
        before != (a.label, a.note.clone(), a.tags.clone())
    }
}

/// The note after one reader turned `base` into `mine` while the stored note became `current`.
fn merge_note(current: &str, base: &str, mine: &str) -> String {
    if current == base || current.trim().is_empty() || mine.contains(current) {
        mine.to_string()
    } else if mine.trim().is_empty() || mine == base || current.contains(mine) {
        current.to_string()
    } else {
        format!("{current}\n\n{mine}")
    }
}

/// Tags trimmed, without empties or duplicates, in first-seen order. A tag typed as
/// `a, b` becomes two tags.
pub fn clean_tags(tags: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in tags {
        for part in t.split(',') {
            let part = part.trim();
            if !part.is_empty() && !out.iter().any(|x| x == part) {
                out.push(part.to_string());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_keys_round_trip() {
        for (i, l) in Label::ALL.into_iter().enumerate() {
            assert_eq!(Label::from_key(char::from(b'1' + i as u8)), Some(l));
            assert_eq!(Label::parse(l.name()), Some(l));
        }
        assert_eq!(Label::from_key('6'), None);
    }

    #[test]
    fn a_note_changed_elsewhere_meanwhile_is_kept_beside_ours() {
        assert_eq!(merge_note("old", "old", "mine"), "mine");
        assert_eq!(merge_note("", "", "mine"), "mine");
        assert_eq!(merge_note("theirs", "", "mine"), "theirs\n\nmine");
        assert_eq!(merge_note("theirs", "old", "mine"), "theirs\n\nmine");
        assert_eq!(merge_note("theirs", "old", ""), "theirs", "clearing loses to their edit");
        assert_eq!(merge_note("same", "old", "same"), "same");
        assert_eq!(merge_note("short", "", "short and more"), "short and more");
    }

    #[test]
    fn restore_sets_back_only_the_fields_the_change_touched() {
        let t = Target::Claim { members: Vec::new() };
        let from = Annotation::fresh("x".into(), t.clone(), "t0".into());
        let mut to = from.clone();
        to.label = Some(Label::Verified);
        // Later, tags were added on top of the labelled version.
        let mut now = to.clone();
        now.tags = vec!["later".into()];
        now.restore(&from, &to);
        assert_eq!(now.label, None);
        assert_eq!(now.tags, ["later"], "the tags were not this change's to take back");
    }

    #[test]
    fn revisions_saturate() {
        let mut a = Annotation::fresh("x".into(), Target::Claim { members: Vec::new() }, "t0".into());
        a.rev = u64::MAX;
        a.bump("t1".into());
        assert_eq!((a.rev, a.updated.as_str()), (u64::MAX, "t1"));
    }

    #[test]
    fn tags_are_cleaned() {
        assert_eq!(clean_tags(["a, b".to_string(), " a ".into(), "".into(), "c".into()]), ["a", "b", "c"]);
    }
}
