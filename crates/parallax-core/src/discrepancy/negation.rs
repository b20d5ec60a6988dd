//! Negation: one member denies or negates what another states plainly, in otherwise shared
//! words, `"denies" vs stated plainly`.

use std::collections::BTreeSet;

use super::{Detector, Found, Passage};
use crate::analysis::{DiscrepancyKind, PassageRef};
use crate::lexicon::FILLERS;
use crate::{diff, text};

/// Most members of other articles a denying member is compared with…
const NEGATION_PARTNERS: usize = 16;
/// …and about how many comparisons a claim gets in all (but at least two per denying member):
/// a claim of a thousand retellings would otherwise cost a million text comparisons.
const NEGATION_COMPARISONS: usize = 256;

/// What one member states of negation.
pub(super) struct Stated<'p> {
    /// Whether it denies or negates anything (a cue outside the numbers it states).
    denies: bool,
    /// Its words, folded, for the word diff.
    words: &'p [String],
    /// Crude stems of those words (see [`root`]).
    roots: BTreeSet<String>,
    /// Negation and denial cues as (word index, word as written); not "or not".
    cues: Vec<(usize, &'p str)>,
}

/// A crude stem for matching words across passages: folded, first five letters.
fn root(w: &str) -> String {
    text::fold(w).chars().take(5).collect()
}

/// The negation kind: a denial against a plain statement of the same words.
pub(super) struct Negations;

impl Detector for Negations {
    const KIND: DiscrepancyKind = DiscrepancyKind::Negation;
    type Stated<'p> = Stated<'p>;

    fn read<'p>(passage: &'p Passage<'_>) -> Stated<'p> {
        let folded = &passage.folded;
        let is_cue = |k: usize| text::is_negation(passage.words[k].1) || text::is_denial(&folded[k]);
        Stated {
            denies: passage.single_words().any(is_cue),
            words: folded,
            roots: folded.iter().map(|w| root(w)).collect(),
            cues: (0..folded.len())
                .filter(|&k| is_cue(k))
                // "whether or not", "AI powered or not": an alternative, not a negation.
                .filter(|&k| k == 0 || folded[k - 1] != "or")
                .map(|k| (k, passage.words[k].1))
                .collect(),
        }
    }

    fn compare(members: &[(PassageRef, Stated<'_>)], found: &mut Found<'_>) {
        let deniers = members.iter().filter(|(_, s)| s.denies).count();
        let partners = (NEGATION_COMPARISONS / deniers.max(1)).clamp(2, NEGATION_PARTNERS);
        for (ra, sa) in members.iter().filter(|(_, s)| s.denies) {
            let plain = members.iter().filter(|(r, s)| r.article != ra.article && !s.denies);
            for (rb, sb) in plain.take(partners) {
                if let Some(cue) = negation_difference(sa, sb) {
                    found.merge(format!("\"{cue}\" vs stated plainly"), [*ra, *rb]);
                }
            }
        }
    }
}

/// The denial or negation cue that `deny` adds to words it otherwise shares with `plain`.
///
/// The cue must sit in the changed part of a word diff, and most of the shorter passage's
/// words must be shared: a "not" in an unrelated clause is no denial of the claim.
fn negation_difference<'p>(deny: &Stated<'p>, plain: &Stated<'_>) -> Option<&'p str> {
    // The cue must negate something the plain side states: one of the content words right
    // after it ("denies that *AI caused*", "did not *affect*") appears there too. Checked
    // before the diff, which is the expensive part.
    let negates = |k: usize| {
        deny.words[k + 1..]
            .iter()
            .filter(|x| x.chars().count() > 2 && !FILLERS.contains(x))
            .take(3)
            .any(|x| plain.roots.contains(&root(x)))
    };
    let cues: Vec<&(usize, &str)> = deny.cues.iter().filter(|(k, _)| negates(*k)).collect();
    if cues.is_empty() {
        return None;
    }
    let ops = diff::bounded_diff(similar::Algorithm::Myers, plain.words, deny.words);
    let shared: usize = ops
        .iter()
        .map(|op| match op {
            similar::DiffOp::Equal { len, .. } => *len,
            _ => 0,
        })
        .sum();
    // A heading or a fragment asserts too little to be contradicted.
    let (np, nd) = (plain.words.len(), deny.words.len());
    if np < 5 || shared < 4 || (shared as f32) < 0.5 * np.min(nd) as f32 {
        return None;
    }
    // …and be what the denying side adds, not a word both sides share.
    for op in &ops {
        if matches!(op, similar::DiffOp::Insert { .. } | similar::DiffOp::Replace { .. }) {
            let added = op.new_range();
            if let Some(&&(_, cue)) = cues.iter().find(|(k, _)| added.contains(k)) {
                return Some(cue);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::testing::{kinds, run};
    use super::*;

    #[test]
    fn denial_against_assertion() {
        let d = run(&["AI tools caused the outage.", "Amazon denies that AI tools caused the outage."]);
        assert_eq!(kinds(&d), vec![DiscrepancyKind::Negation]);
        assert_eq!(d[0].detail, "\"denies\" vs stated plainly");
    }

    #[test]
    fn a_heading_is_not_contradicted() {
        let d = run(&["The Second One", "The second incident did not affect customers."]);
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn an_alternative_is_not_a_negation() {
        let d = run(&[
            "The company said the tool was used, AI powered or not.",
            "The company said the tool was used, AI powered.",
        ]);
        assert!(d.is_empty(), "{d:?}");
    }
}
