//! Negation: one article denies or negates what another states plainly, in otherwise shared
//! words, `"denies" vs stated plainly`.
//!
//! Headings and questions assert too little to deny or be denied ("The \"User Error vs. AI
//! Error\" Defense", "Was it the AI?"), and "not only … but" affirms.

use std::collections::{BTreeSet, HashSet};

use super::{Detector, Found, Passage};
use crate::analysis::{DiscrepancyKind, PassageRef, Span, Version, VersionMember};
use crate::lexicon::{FILLERS, STOPWORDS};
use crate::{diff, text};

/// Most members of other articles a denying member is compared with…
const NEGATION_PARTNERS: usize = 16;
/// …and about how many comparisons a claim gets in all (but at least two per denying member):
/// a claim of a thousand retellings would otherwise cost a million text comparisons.
const NEGATION_COMPARISONS: usize = 256;

/// What one member states of negation.
pub(super) struct Stated<'p> {
    /// Whether it asserts enough to deny or be denied: not a heading, not a question.
    asserts: bool,
    /// Its words, folded, for the word diff.
    words: &'p [String],
    /// Crude stems of those words (see [`root`]).
    roots: BTreeSet<String>,
    /// Per word, whether a clause ends after it (a comma, a full stop, a dash).
    ends_clause: Vec<bool>,
    /// Negation and denial cues in the member's span, as (word index, word as written, bytes).
    cues: Vec<(usize, &'p str, Span)>,
    /// The member's span: where it states what it states.
    span: Span,
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

    fn read<'p>(p: &'p Passage<'_>) -> Stated<'p> {
        let folded = &p.folded;
        let is_cue = |k: usize| text::is_negation(p.words[k].1) || text::is_denial(&folded[k]);
        let next = |k: usize| folded.get(k + 1).map(String::as_str);
        Stated {
            asserts: !p.asserts_little(),
            words: folded,
            roots: folded.iter().map(|w| root(w)).collect(),
            ends_clause: (0..p.words.len())
                .map(|k| {
                    let end = p.words[k].0 + p.words[k].1.len();
                    let next = p.words.get(k + 1).map_or(p.text.len(), |w| w.0);
                    p.text[end..next].contains([',', ';', ':', '.', '!', '?', '\u{2014}', '(', ')'])
                })
                .collect(),
            cues: p
                .single_words()
                .filter(|&k| is_cue(k) && p.word_in_span(k))
                // "whether or not", "AI powered or not": an alternative, not a negation.
                .filter(|&k| k == 0 || folded[k - 1] != "or")
                // "not only repulsed the attack but": an affirmation.
                .filter(|&k| !(folded[k] == "not" && matches!(next(k), Some("only" | "just" | "least"))))
                .map(|k| (k, p.words[k].1, p.word_span(k)))
                .collect(),
            span: p.member_span(),
        }
    }

    fn compare(members: &[(PassageRef, Stated<'_>)], found: &mut Found<'_>) {
        let members: Vec<&(PassageRef, Stated<'_>)> = members.iter().filter(|(_, s)| s.asserts).collect();
        // An article that both denies and states plainly takes no side against others.
        let denying: HashSet<usize> =
            members.iter().filter(|(_, s)| !s.cues.is_empty()).map(|(r, _)| r.article).collect();
        let partners = (NEGATION_COMPARISONS / denying.len().max(1)).clamp(2, NEGATION_PARTNERS);
        for (ra, sa) in members.iter().filter(|(_, s)| !s.cues.is_empty()) {
            let plain = members.iter().filter(|(r, _)| !denying.contains(&r.article));
            for (rb, sb) in plain.take(partners) {
                if let Some((cue, at)) = negation_difference(sa, sb) {
                    found.merge(vec![
                        Version {
                            value: format!("\"{cue}\""),
                            members: vec![VersionMember { at: *ra, span: at }],
                        },
                        Version {
                            value: "stated plainly".to_string(),
                            members: vec![VersionMember { at: *rb, span: sb.span }],
                        },
                    ]);
                }
            }
        }
    }
}

/// The denial or negation cue that `deny` adds to words it otherwise shares with `plain`, with
/// its bytes.
///
/// The cue must sit in the changed part of a word diff, and most of the shorter passage's
/// words must be shared: a "not" in an unrelated clause is no denial of the claim.
fn negation_difference<'p>(deny: &Stated<'p>, plain: &Stated<'_>) -> Option<(&'p str, Span)> {
    // The cue must negate something the plain side states: one of the content words right
    // after it in its clause ("denies that *AI caused*", "did not *affect*") appears there
    // too ("escape without injury, Fanning said" negates no "Fanning"). Checked before the
    // diff, which is the expensive part.
    let negates = |k: usize| {
        let clause = deny.ends_clause[k..].iter().position(|&e| e).map_or(deny.words.len(), |e| k + e + 1);
        deny.words[k + 1..clause]
            .iter()
            .filter(|x| x.chars().count() > 2 && !FILLERS.contains(x) && !STOPWORDS.contains(x))
            .take(3)
            .any(|x| plain.roots.contains(&root(x)))
    };
    let cues: Vec<&(usize, &str, Span)> = deny.cues.iter().filter(|(k, _, _)| negates(*k)).collect();
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
    // A fragment asserts too little to be contradicted.
    let (np, nd) = (plain.words.len(), deny.words.len());
    if np < 5 || shared < 4 || (shared as f32) < 0.5 * np.min(nd) as f32 {
        return None;
    }
    // …and be what the denying side adds, not a word both sides share.
    for op in &ops {
        if matches!(op, similar::DiffOp::Insert { .. } | similar::DiffOp::Replace { .. }) {
            let added = op.new_range();
            if let Some(&&(_, cue, at)) = cues.iter().find(|(k, _, _)| added.contains(k)) {
                return Some((cue, at));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::testing::{kinds, passage_in, run, run_passages, sides};
    use super::*;
    use crate::segment::PassageKind;

    #[test]
    fn denial_against_assertion() {
        let d = run(&["AI tools caused the outage.", "Amazon denies that AI tools caused the outage."]);
        assert_eq!(kinds(&d), vec![DiscrepancyKind::Negation]);
        assert_eq!(d[0].detail, "\"denies\" vs stated plainly");
        assert_eq!(sides(&d[0]), [("\"denies\"", vec![1]), ("stated plainly", vec![0])]);
    }

    #[test]
    fn a_fragment_is_not_contradicted() {
        let d = run(&["The Second One", "The second incident did not affect customers."]);
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn headings_and_questions_neither_deny_nor_are_denied() {
        let mut heading =
            passage_in(0, "The \"User Error, Not AI Error\" Defense of the Company Today", None);
        heading.kind = Some(PassageKind::Heading);
        let plain = passage_in(1, "The company blamed user error and AI error for the outage.", None);
        assert!(run_passages(&[heading, plain]).iter().all(|d| d.kind != DiscrepancyKind::Negation));
        let d = run(&[
            "Did the AI tools not cause the outage at all?",
            "The AI tools caused the outage at all sites.",
        ]);
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn not_only_affirms() {
        let d = run(&[
            "An Indian warship not only repulsed the attack on the vessel but seized the pirates.",
            "An Indian warship repulsed the attack on the vessel in the gulf.",
        ]);
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn a_negated_function_word_negates_nothing_shared() {
        let d = run(&[
            "The firm said it was sending a ship but that it would not arrive until Monday.",
            "The firm said it was sending a ship, although it could take until December.",
        ]);
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn a_negation_negates_its_own_clause() {
        let d = run(&[
            "The other guests at the office party were able to escape without injury, Fanning said.",
            "All the other guests at the office party managed to get out safely, Fanning said.",
        ]);
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
