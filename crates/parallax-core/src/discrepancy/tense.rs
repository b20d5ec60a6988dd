//! Tense, for the date kind: one article tells as done what another tells as still to come,
//! `replaced vs will eventually replace`.
//!
//! A verb in the past ("the Mysore *replaced* the Tabar") and the same verb after "will" ("the
//! Mysore *will eventually replace* the Tabar") disagree on when it happens, if they act on
//! the same thing: a word right after both verbs is shared ("Tabar"). "Would" reports what
//! someone said they would do, which may be done since, so it is not read; nor is a negated
//! future ("will not replace"), the negation kind's.

use std::collections::{BTreeMap, BTreeSet};

use super::{Found, Passage, Value, versions_by_article};
use crate::analysis::{PassageRef, Span};
use crate::features::stem;
use crate::lexicon::{FILLERS, STOPWORDS};
use crate::text;

/// A verb a member tells in the past or the future, with what it acts on.
#[derive(Debug, Clone)]
pub(super) struct Told {
    /// The verb's stem ("replac"), which past and future forms share.
    stem: String,
    /// Whether it is told as done (past) rather than to come (after "will").
    done: bool,
    /// Crude stems of the words right after the verb: what it acts on.
    object: BTreeSet<String>,
    /// The words telling it ("will eventually replace", "replaced"), as a value.
    value: Value<bool>,
}

/// Words after a verb read as what it acts on.
const OBJECT_WORDS: usize = 4;
/// Shortest past form read ("replaced", not "used" or "led").
const PAST_LETTERS: usize = 6;

/// The verbs `p` tells in the past or after "will", in its span.
pub(super) fn read(p: &Passage<'_>) -> Vec<Told> {
    let mut told = Vec::new();
    let n = p.words.len();
    for k in (0..n).filter(|&k| p.word_in_span(k)) {
        let w = p.folded[k].as_str();
        if w == "will" {
            // "will eventually replace": adverbs may stand between.
            let mut v = k + 1;
            while v < n && p.folded[v].ends_with("ly") && p.joined(v - 1) {
                v += 1;
            }
            let verb = p.folded.get(v).map(String::as_str);
            let plain = verb.is_some_and(|x| {
                x.chars().count() >= 4 && x.chars().all(char::is_alphabetic) && !STOPWORDS.contains(x)
            });
            if plain && p.joined(v - 1) && !text::is_negation(p.words[v].1) {
                told.push(told_at(p, k, v, false));
            }
        } else if w.ends_with("ed")
            && w.chars().count() >= PAST_LETTERS
            && w.chars().all(char::is_alphabetic)
            && !p.words[k].1.starts_with(char::is_uppercase)
        {
            told.push(told_at(p, k, k, true));
        }
    }
    told
}

/// The verb at word `verb`, told from word `first` on.
fn told_at(p: &Passage<'_>, first: usize, verb: usize, done: bool) -> Told {
    let object = (verb + 1..p.words.len())
        .take_while(|&k| p.joined(k - 1))
        .take(OBJECT_WORDS)
        .map(|k| p.folded[k].as_str())
        .filter(|x| x.chars().count() > 2 && !STOPWORDS.contains(x) && !FILLERS.contains(x))
        .map(|x| x.chars().take(5).collect())
        .collect();
    let span = Span(p.word_span(first).0, p.word_span(verb).1);
    let shown = p.text[p.words[first].0..p.words[verb].0 + p.words[verb].1.len()].to_string();
    Told { stem: stem(&p.folded[verb]), done, object, value: Value { key: done, shown, span } }
}

/// Reports, verb by verb, the articles telling as done what others tell as to come.
pub(super) fn compare(members: &[(PassageRef, &[Told])], found: &mut Found<'_>) {
    let futures: BTreeSet<&str> =
        members.iter().flat_map(|(_, t)| t.iter().filter(|t| !t.done).map(|t| t.stem.as_str())).collect();
    for verb in futures {
        let of_verb =
            |told: &[Told]| -> Vec<Told> { told.iter().filter(|t| t.stem == verb).cloned().collect() };
        let stated: Vec<(PassageRef, Vec<Told>)> = members.iter().map(|(r, t)| (*r, of_verb(t))).collect();
        let objects: BTreeMap<PassageRef, BTreeSet<String>> = stated
            .iter()
            .map(|(r, t)| (*r, t.iter().flat_map(|t| t.object.iter().cloned()).collect()))
            .collect();
        let acts_on_one_thing = |a: PassageRef, b: PassageRef| {
            objects.get(&a).zip(objects.get(&b)).is_some_and(|(x, y)| !x.is_disjoint(y))
        };
        let values: Vec<(PassageRef, Vec<Value<bool>>)> =
            stated.into_iter().map(|(r, t)| (r, t.into_iter().map(|t| t.value).collect())).collect();
        if let Some(versions) = versions_by_article(&values, |a, b| a == b, acts_on_one_thing) {
            found.report(versions);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{details, run};
    use crate::analysis::DiscrepancyKind;

    fn dates(d: &[crate::analysis::Discrepancy]) -> Vec<&str> {
        details(d, DiscrepancyKind::Date)
    }

    #[test]
    fn done_against_to_come() {
        let d = run(&[
            "The new ferry replaced the old Skagen on the route last spring.",
            "The new ferry will eventually replace the Skagen on the route.",
        ]);
        assert_eq!(dates(&d), ["replaced vs will eventually replace"], "{d:?}");
    }

    #[test]
    fn other_things_other_verbs_or_a_negated_future_are_no_conflict() {
        // The verb acts on another thing.
        let d = run(&[
            "The council replaced the mayor in March.",
            "The council will replace the bus fleet next year.",
        ]);
        assert!(dates(&d).is_empty(), "{d:?}");
        // Another verb.
        let d = run(&["The ferry replaced the Skagen.", "The ferry will serve the Skagen route."]);
        assert!(dates(&d).is_empty(), "{d:?}");
        // "would" and "will not" are not read.
        let d = run(&["The ferry replaced the Skagen.", "The firm said the ferry would replace the Skagen."]);
        assert!(dates(&d).is_empty(), "{d:?}");
        let d = run(&["The ferry replaced the Skagen.", "The ferry will not replace the Skagen."]);
        assert!(dates(&d).is_empty(), "{d:?}");
        // Both told as done agree.
        let d = run(&["The ferry replaced the Skagen.", "The new ferry has replaced the Skagen."]);
        assert!(dates(&d).is_empty(), "{d:?}");
    }
}
