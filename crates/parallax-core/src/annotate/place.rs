//! Placing annotations in the current analysis: re-anchoring each stored anchor in the article
//! as it is now, and re-attaching a claim annotation to the claim that now holds most of its
//! members. Pure functions of (analysis, annotation), so the store can cache the result and the
//! export can recompute it.

use std::ops::Range;

use super::anchor::{Status, locate};
use super::{Annotation, Target};
use crate::analysis::{Analysis, PassageRef};

/// A byte span of one article of the current corpus.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Span {
    /// Index into `corpus.articles`.
    pub article: usize,
    pub range: Range<usize>,
}

/// Where one stored anchor is now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// `None` when orphaned (also when its article is not in the corpus).
    pub span: Option<Span>,
    pub status: Status,
}

/// Where an annotation is now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    /// Anchored, moved, or orphaned (no anchor could be placed).
    pub status: Status,
    /// One entry per stored anchor, in the order of [`Target::anchors`].
    pub anchors: Vec<Located>,
    /// For a claim annotation: the claim that now holds most of its re-anchored members.
    pub claim: Option<usize>,
    /// Where to show it: the placed anchors, plus, for a claim, every member passage of the
    /// claim it is attached to (so it shows beside every article's wording of the claim).
    pub spans: Vec<Span>,
}

impl Placement {
    /// Whether the annotation shows on any part of `range` of article `article`.
    pub fn overlaps(&self, article: usize, range: &Range<usize>) -> bool {
        self.spans
            .iter()
            .any(|s| s.article == article && s.range.start < range.end && range.start < s.range.end)
    }
}

/// Places `annotation` in `analysis`.
pub fn place(analysis: &Analysis, annotation: &Annotation) -> Placement {
    let corpus = &analysis.corpus;
    let anchors: Vec<Located> = annotation
        .target
        .anchors()
        .iter()
        .map(|anchor| {
            let found = corpus.find(&anchor.article).and_then(|i| {
                locate(anchor, &corpus.articles[i].text)
                    .map(|(range, status)| (Span { article: i, range }, status))
            });
            match found {
                Some((span, status)) => Located { span: Some(span), status },
                None => Located { span: None, status: Status::Orphaned },
            }
        })
        .collect();
    let placed = anchors.iter().filter(|l| l.span.is_some()).count();
    let status = if placed == 0 {
        Status::Orphaned
    } else if placed == anchors.len() && anchors.iter().all(|l| l.status == Status::Anchored) {
        Status::Anchored
    } else {
        Status::Moved
    };
    let mut spans: Vec<Span> = anchors.iter().filter_map(|l| l.span.clone()).collect();
    let claim = match annotation.target {
        Target::Claim { .. } => best_claim(analysis, &spans),
        Target::Passage { .. } => None,
    };
    if let Some(c) = claim {
        for m in &analysis.claims[c].members {
            if let Some(p) = corpus.articles.get(m.at.article).and_then(|a| a.passages.get(m.at.passage)) {
                let span = Span { article: m.at.article, range: p.range() };
                if !spans.contains(&span) {
                    spans.push(span);
                }
            }
        }
    }
    spans.sort_by_key(|s| (s.article, s.range.start, s.range.end));
    Placement { status, anchors, claim, spans }
}

/// The claim whose members the most placed anchors fall in, then the one they cover most
/// closely, then the lowest id. An anchor counts for a claim when it overlaps that claim's
/// member in the passage: its span, so that of two claims sharing a passage (each with its
/// clause of it) the one annotated wins. Anchors of whole passages, as older files hold, still
/// count for every claim of the passage.
fn best_claim(analysis: &Analysis, spans: &[Span]) -> Option<usize> {
    // claim → (anchors that fall in it, bytes they share with its members)
    let mut votes: std::collections::BTreeMap<usize, (usize, usize)> = Default::default();
    for span in spans {
        for p in passages_overlapping(analysis, span) {
            for &c in analysis.claims_at(p) {
                let Some(m) = analysis.claims.get(c).and_then(|c| c.members.iter().find(|m| m.at == p))
                else {
                    continue;
                };
                let shared = span.range.end.min(m.span.1).saturating_sub(span.range.start.max(m.span.0));
                // A member without a span (empty) stands for its whole passage.
                if shared > 0 || m.span.0 >= m.span.1 {
                    let vote = votes.entry(c).or_default();
                    vote.0 += 1;
                    vote.1 += shared;
                }
            }
        }
    }
    votes.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0))).map(|(c, _)| c)
}

/// The passages of `span.article` that overlap `span.range` (binary search: passages are
/// sorted and disjoint).
pub fn passages_overlapping(analysis: &Analysis, span: &Span) -> Vec<PassageRef> {
    let Some(article) = analysis.corpus.articles.get(span.article) else { return Vec::new() };
    let first = article.passages.partition_point(|p| p.end <= span.range.start);
    article.passages[first..]
        .iter()
        .take_while(|p| p.start < span.range.end)
        .map(|p| PassageRef { article: span.article, passage: p.index })
        .collect()
}
