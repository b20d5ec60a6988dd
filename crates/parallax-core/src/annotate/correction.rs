//! Corrections: the reader's fixes to how the analysis matched the coverage (issue 14), kept
//! in the annotations file and saved, merged, locked and undone exactly like annotations.
//!
//! Like annotations, a correction names passages by [`Anchor`] (the quoted words and their
//! context), never by claim or discrepancy numbers, which belong to one analysis: it survives
//! re-analysis and edits, and a passage edited away makes it orphaned, never applied to other
//! words. Applying corrections to an analysis is `crate::correct`.

use super::anchor::{Anchor, locate};
use crate::analysis::{DiscrepancyKind, PassageRef};
use crate::corpus::Corpus;

/// One correction as stored, tombstones included (as for annotations, so a merge with an
/// older copy cannot bring a removed correction back).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Correction {
    /// Random, unique across processes: merging is by id.
    pub id: String,
    pub action: Action,
    /// RFC 3339 UTC with milliseconds. Corrections apply in this order: the latest wins.
    pub created: String,
    /// When this version was saved; with `rev`, decides which copy wins a merge.
    pub updated: String,
    #[serde(default)]
    pub rev: u64,
    /// When it was removed; `Some` makes this a tombstone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted: Option<String>,
    /// Fields written by a later version with the same schema, kept as they are.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// What a correction says.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Action {
    /// Same fact: some claim holds both passages, forming or joining one.
    Link { a: Anchor, b: Anchor },
    /// Not the same fact: no claim holds both passages.
    Unlink { a: Anchor, b: Anchor },
    /// `member` leaves the claim that `others` form with it; it stays in its other claims.
    Detach { member: Anchor, others: Vec<Anchor> },
    /// The discrepancy of `discrepancy` kind between exactly these passages is not a real
    /// disagreement: it stays listed, as dismissed.
    Dismiss { passages: Vec<Anchor>, discrepancy: DiscrepancyKind },
}

impl Action {
    /// Its name, as `parallax correct` takes it.
    pub fn name(&self) -> &'static str {
        match self {
            Action::Link { .. } => "link",
            Action::Unlink { .. } => "unlink",
            Action::Detach { .. } => "detach",
            Action::Dismiss { .. } => "dismiss",
        }
    }

    /// Every passage it names: the two of a link, the member then the others of a detach.
    pub fn anchors(&self) -> Vec<&Anchor> {
        match self {
            Action::Link { a, b } | Action::Unlink { a, b } => vec![a, b],
            Action::Detach { member, others } => std::iter::once(member).chain(others).collect(),
            Action::Dismiss { passages, .. } => passages.iter().collect(),
        }
    }
}

impl Correction {
    pub fn is_deleted(&self) -> bool {
        self.deleted.is_some()
    }

    /// Whether this copy should win a merge against `other` (same id), by the rule annotations
    /// follow: the higher revision, then the later save, then a tombstone.
    pub fn supersedes(&self, other: &Correction) -> bool {
        super::wins(self, other, |c| (c.rev, &c.updated, c.deleted.is_some()))
    }

    /// The passages it names, where they are in `corpus` now, in [`Action::anchors`] order;
    /// `None` when any of them cannot be placed with confidence (orphaned).
    pub fn passages(&self, corpus: &Corpus) -> Option<Vec<PassageRef>> {
        self.action.anchors().into_iter().map(|a| passage_of(corpus, a)).collect()
    }
}

impl Correction {
    /// Whether this is a dismissal of `d`: the same kind, between passages that all were
    /// parties to the dismissed discrepancy (so one that lost a party to a later detach stays
    /// dismissed, and one a new article joined is shown again).
    pub fn dismisses(&self, corpus: &Corpus, d: &crate::analysis::Discrepancy) -> bool {
        let Action::Dismiss { discrepancy, .. } = &self.action else { return false };
        *discrepancy == d.kind
            && self
                .passages(corpus)
                .is_some_and(|at| d.members.len() >= 2 && d.members.iter().all(|m| at.contains(m)))
    }
}

/// An anchor of the whole passage `at` of `corpus`, what corrections store.
pub fn anchor_passage(corpus: &Corpus, at: PassageRef) -> Option<Anchor> {
    let article = corpus.articles.get(at.article)?;
    Anchor::new(article, article.passages.get(at.passage)?.range())
}

/// The one passage `anchor` falls in now: `None` when it cannot be placed, or when what it
/// quotes now spans several passages (an edit joined or split it), so that a correction never
/// lands on a passage it was not made on.
pub fn passage_of(corpus: &Corpus, anchor: &Anchor) -> Option<PassageRef> {
    let article = corpus.find(&anchor.article)?;
    let art = &corpus.articles[article];
    let (range, _) = locate(anchor, &art.text)?;
    let first = art.passages.partition_point(|p| p.end <= range.start);
    let p = art.passages.get(first)?;
    (p.start <= range.start && range.end <= p.end).then_some(PassageRef { article, passage: p.index })
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "Fire\nThe plant burned for 13 hours. Workers went home.\n";

    #[test]
    fn a_passage_is_found_again_after_an_edit_and_orphaned_once_gone() {
        let corpus = Corpus::from_texts([("a.txt", A)]);
        let at = PassageRef { article: 0, passage: 2 };
        let anchor = anchor_passage(&corpus, at).unwrap();
        assert_eq!(anchor.quote, "Workers went home.");
        assert_eq!(passage_of(&corpus, &anchor), Some(at));
        let edited = Corpus::from_texts([(
            "a.txt",
            "Fire\nA new first line.\nThe plant burned for 13 hours. Workers went home.\n",
        )]);
        assert_eq!(passage_of(&edited, &anchor), Some(PassageRef { article: 0, passage: 3 }));
        let gone = Corpus::from_texts([("a.txt", "Fire\nThe plant burned for 13 hours.\n")]);
        assert_eq!(passage_of(&gone, &anchor), None);
        assert_eq!(passage_of(&Corpus::from_texts([("b.txt", A)]), &anchor), None, "another article");
    }

    #[test]
    fn corrections_round_trip_through_json() {
        let corpus = Corpus::from_texts([("a.txt", A)]);
        let anchor = |p| anchor_passage(&corpus, PassageRef { article: 0, passage: p }).unwrap();
        let c = Correction {
            id: "x".into(),
            action: Action::Dismiss {
                passages: vec![anchor(1), anchor(2)],
                discrepancy: DiscrepancyKind::Number,
            },
            created: "t".into(),
            updated: "t".into(),
            rev: 1,
            deleted: None,
            extra: Default::default(),
        };
        let json = serde_json::to_value(&c).unwrap();
        assert_eq!(json["action"]["kind"], "dismiss");
        assert_eq!(json["action"]["discrepancy"], "number");
        assert_eq!(serde_json::from_value::<Correction>(json).unwrap(), c);
        assert_eq!(c.passages(&corpus).unwrap().len(), 2);
    }
}
