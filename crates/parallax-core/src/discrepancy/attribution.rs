//! Attribution: the same claim credited to sources that cannot be the same, `police vs
//! company`.
//!
//! A source is what a passage credits: "according to X", "X said", "X reports", "told X".

use std::collections::BTreeSet;

use super::{Detector, Found, Passage, across_articles, group_by, group_pairs, named, singular};
use crate::analysis::{DiscrepancyKind, PassageRef};
use crate::features::parse_number;
use crate::lexicon::{
    NON_NAME_OPENERS, OUTLET_WORDS, REPORTING_VERBS, SENTENCE_INITIAL_NON_NAMES, SOURCE_CLASSES,
    SOURCE_DETERMINERS, SOURCE_NOUNS, STOPWORDS,
};
use crate::segment::PassageKind;
use crate::text;

/// The attribution kind: members crediting sources that conflict.
pub(super) struct Attributions;

impl Detector for Attributions {
    const KIND: DiscrepancyKind = DiscrepancyKind::Attribution;
    /// The sources credited, folded ("reuters", "the company" as "company").
    type Stated<'p> = BTreeSet<String>;

    fn read(passage: &Passage<'_>) -> BTreeSet<String> {
        // A headline's capitalised words are not names: "Conflicting Claims Over the
        // Disruption" credits nobody.
        if matches!(passage.kind, Some(PassageKind::Title | PassageKind::Heading)) {
            return BTreeSet::new();
        }
        sources(&passage.words, &passage.folded)
    }

    /// Members crediting the same sources are compared once, as a group.
    fn compare(members: &[(PassageRef, BTreeSet<String>)], found: &mut Found<'_>) {
        let by_sources = group_by(members, |s| (!s.is_empty()).then(|| s.clone()));
        for (x, y) in group_pairs(&by_sources) {
            let ((sa, ga), (sb, gb)) = (&by_sources[x], &by_sources[y]);
            if across_articles(ga, gb) && sources_conflict(sa, sb) {
                let show = |s: &BTreeSet<String>| s.iter().cloned().collect::<Vec<_>>().join(", ");
                found.merge(format!("{} vs {}", show(sa), show(sb)), named(ga, gb));
            }
        }
    }
}

/// Sources a passage credits: "according to X", "X said", "X reports", "told X".
fn sources(words: &[(usize, &str)], lower: &[String]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    // The noun phrase after position `k`: capitalised names, or a generic head noun.
    let phrase_after = |mut k: usize| -> Option<String> {
        while lower.get(k).is_some_and(|w| SOURCE_DETERMINERS.contains(w)) {
            k += 1;
        }
        let mut parts = Vec::new();
        while let Some((_, w)) = words.get(k) {
            if w.starts_with(char::is_uppercase) && !is_capitalised_non_name(w) {
                parts.push(text::fold_style(w).trim_end_matches("'s").to_string());
                k += 1;
            } else {
                break;
            }
        }
        if parts.is_empty() {
            let w = lower.get(k)?;
            // Counted sources: "three employees", "four people".
            let w = if parse_number(w).or_else(|| text::number_word(w)).is_some() {
                lower.get(k + 1)?
            } else {
                w
            };
            return is_source_noun(w).then(|| singular(w));
        }
        Some(parts.join(" ").trim_start_matches("the ").to_string())
    };
    let phrase_before = |k: usize| -> Option<String> {
        let mut parts = Vec::new();
        let mut j = k;
        while j > 0
            && words[j - 1].1.starts_with(char::is_uppercase)
            && !is_capitalised_non_name(words[j - 1].1)
        {
            j -= 1;
            parts.push(text::fold_style(words[j].1).trim_end_matches("'s").to_string());
        }
        if parts.is_empty() {
            let w = lower.get(k.checked_sub(1)?)?;
            return is_source_noun(w).then(|| singular(w));
        }
        // A sentence-initial word alone ("He said") is not a source.
        if j == 0 && parts.len() == 1 && SENTENCE_INITIAL_NON_NAMES.contains(words[0].1) {
            return None;
        }
        parts.reverse();
        Some(parts.join(" ").trim_start_matches("the ").to_string())
    };
    for i in 0..lower.len() {
        if lower[i] == "according" && lower.get(i + 1).is_some_and(|w| w == "to") {
            out.extend(phrase_after(i + 2));
        } else if lower[i] == "citing" || lower[i] == "cited" {
            out.extend(phrase_after(i + 1));
        } else if REPORTING_VERBS.contains(&lower[i]) {
            // "confirmed to the Financial Times": the channel is credited too.
            if lower.get(i + 1).is_some_and(|w| w == "to") {
                out.extend(phrase_after(i + 2));
            }
            if lower[i] == "told" {
                out.extend(phrase_after(i + 1).filter(|p| p.contains(' ') || !is_source_noun(p)));
            }
            out.extend(phrase_before(i));
        }
    }
    out
}

/// Capitalised words that are not part of a name: days, months, and function words and
/// sentence adverbs that open a sentence ("On Monday Lumora said": the source is Lumora;
/// "Furthermore, Amazon said": Amazon).
fn is_capitalised_non_name(w: &str) -> bool {
    let l = text::fold(w);
    text::weekday(w).is_some()
        || text::month(w).is_some()
        || STOPWORDS.contains(&l)
        || NON_NAME_OPENERS.contains(&l)
}

/// Whether `w` is a generic noun that names a source, in the singular or the plural.
fn is_source_noun(w: &str) -> bool {
    SOURCE_NOUNS.contains(&singular(w))
}

/// Whether two sets of credited sources cannot be the same source.
///
/// A generic "the company" or "a spokesperson" may be any named organisation, and "the report"
/// any named outlet, so they conflict only with a different *kind* of source ("police" vs
/// "employees"). Named sources conflict when neither is the other's initials or part.
fn sources_conflict(a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    !a.iter().any(|x| b.iter().any(|y| same_source(x, y)))
}

/// Whether a credited name is a news outlet or agency: "financial times", "reuters".
fn is_outlet(s: &str) -> bool {
    OUTLET_WORDS.contains(s.rsplit(' ').next().unwrap_or(s))
}

fn same_source(x: &str, y: &str) -> bool {
    let (class_x, class_y) = (SOURCE_CLASSES.get(x), SOURCE_CLASSES.get(y));
    // A news outlet relays its sources: "the FT reported" and "employees said" may credit the
    // same people, so an outlet never conflicts with anyone.
    if is_outlet(x) || is_outlet(y) || class_x == Some("press") || class_y == Some("press") {
        return true;
    }
    match (class_x, class_y) {
        (Some(cx), Some(cy)) => cx == cy,
        // A generic organisation or outlet may be any named one.
        (Some(c), None) | (None, Some(c)) => matches!(c, "org" | "press"),
        (None, None) => {
            let initials = |s: &str| s.split(' ').filter_map(|w| w.chars().next()).collect::<String>();
            x == y || x.contains(y) || y.contains(x) || initials(x) == y || initials(y) == x
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{details, kinds, passage, run};
    use super::*;

    fn credited(text: &str) -> Vec<String> {
        Attributions::read(&passage(text)).into_iter().collect()
    }

    #[test]
    fn attribution_to_different_sources() {
        let d = run(&[
            "The fire started in the kitchen, according to the police.",
            "The fire started in the kitchen, the company said.",
        ]);
        assert_eq!(kinds(&d), vec![DiscrepancyKind::Attribution], "{d:?}");
        assert_eq!(d[0].detail, "police vs company");
    }

    #[test]
    fn days_and_sentence_adverbs_are_not_part_of_a_source() {
        assert_eq!(credited("On Monday Lumora said no records were taken."), ["lumora"]);
        assert_eq!(credited("Furthermore Amazon said the outage was brief."), ["amazon"]);
        // …so the company named alone and with its full name is one source.
        let d = run(&[
            "On Monday Lumora said no records were taken.",
            "Lumora Health said no records were taken.",
        ]);
        assert!(details(&d, DiscrepancyKind::Attribution).is_empty(), "{d:?}");
    }

    #[test]
    fn an_outlet_relays_its_sources_rather_than_contradicting_them() {
        let attributions = |a: &str, b: &str| details(&run(&[a, b]), DiscrepancyKind::Attribution).len();
        let employees = "Two employees said the outage lasted 13 hours.";
        assert_eq!(attributions(employees, "The Financial Times reported the outage lasted 13 hours."), 0);
        assert_eq!(attributions(employees, "The outage lasted 13 hours, according to Reuters."), 0);
        assert_eq!(attributions(employees, "Amazon said the outage lasted 13 hours."), 1);
    }

    #[test]
    fn a_headline_credits_nobody() {
        let headline = Passage::new(
            "Conflicting Claims Over the Disruption, Amazon Says",
            Some(PassageKind::Title),
            None,
        );
        assert!(Attributions::read(&headline).is_empty());
        assert!(!credited("Conflicting Claims Over the Disruption, Amazon Says").is_empty());
    }
}
