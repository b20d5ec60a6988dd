//! Numbers: the same unit with values that share nothing, `13 hours vs 15 hours`.
//!
//! This kind also reads every number of a passage for the kinds that state numbers: a year
//! belongs to the date kind, "one of two regions" to the scope kind, and the rest, with
//! their units, are the quantities compared here.

use std::collections::{BTreeMap, BTreeSet};

use super::{Detector, Found, Passage, disagreement, singular};
use crate::analysis::{DiscrepancyKind, PassageRef};
use crate::features::parse_number;
use crate::lexicon::{EXTENT_DETERMINERS, FILLERS};
use crate::text;

/// A number as stated, kept with its canonical value and a readable form.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Quantity {
    /// Value × 1000, rounded: exact enough to compare, and orderable.
    pub milli: i128,
    pub shown: String,
}

impl Quantity {
    fn new(value: f64) -> Self {
        Quantity { milli: (value * 1000.0).round() as i128, shown: format_value(value) }
    }
}

fn format_value(v: f64) -> String {
    let (scaled, suffix) = if v >= 1e12 {
        (v / 1e12, " trillion")
    } else if v >= 1e9 {
        (v / 1e9, " billion")
    } else if v >= 1e6 && v.fract() == 0.0 && v % 1e5 == 0.0 {
        (v / 1e6, " million")
    } else {
        (v, "")
    };
    let num = if scaled.fract() == 0.0 { format!("{}", scaled as i64) } else { format!("{scaled:.2}") };
    let num =
        if num.contains('.') { num.trim_end_matches('0').trim_end_matches('.').to_string() } else { num };
    format!("{num}{suffix}")
}

/// What one number of a passage is.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Reading {
    /// A year: "in 2024" (but not "$2024" or "2024%").
    Year(i32),
    /// A count with its unit (singular; "$" for dollars, "percent"): "13 hours", "$35.6 billion".
    Quantity { unit: String, value: Quantity },
    /// "one of two regions", "one of our 39 regions": a part of a whole, in one unit.
    Extent { unit: String, part: Quantity, whole: Quantity },
}

/// Reads the numbers of a passage, in digits or words, with their units. Returns them and,
/// per word, whether it was read as the tail of a number ("million" in "5 million", "of two
/// regions" in "one of two regions"): such words are not read again, as numbers or otherwise.
pub(super) fn read_numbers(
    passage: &str,
    words: &[(usize, &str)],
    folded: &[String],
) -> (Vec<Reading>, Vec<bool>) {
    let mut readings = Vec::new();
    let mut in_number = vec![false; words.len()];
    let mut i = 0;
    while i < words.len() {
        let (pos, w) = words[i];
        let l = folded[i].as_str();
        // "one" counts only in "one of …", where it opens an extent.
        let one_of = l == "one" && folded.get(i + 1).is_some_and(|n| n == "of");
        let Some(mut v) = parse_number(l).or_else(|| text::number_word(l)).or(one_of.then_some(1.0)) else {
            i += 1;
            continue;
        };
        let is_digits = l.starts_with(|c: char| c.is_ascii_digit());
        let mut j = i + 1;
        if let Some(scale) = folded.get(j).and_then(|n| text::scale_word(n)).filter(|_| v < 1000.0) {
            v *= scale;
            j += 1;
        }
        let before = passage[..pos].trim_end();
        let after = &passage[pos + w.len()..];
        let currency = before.chars().last().filter(|c| matches!(c, '$' | '€' | '£'));
        let unit = if let Some(c) = currency {
            Some(c.to_string())
        } else if after.starts_with('%') || folded.get(j).is_some_and(|n| n == "percent" || n == "per") {
            Some("percent".to_string())
        } else {
            folded
                .get(j)
                .filter(|n| {
                    !FILLERS.contains(n)
                        && parse_number(n).is_none()
                        && text::number_word(n).is_none()
                        && n.chars().all(char::is_alphabetic)
                })
                .map(|n| singular(n))
        };
        let is_year = is_digits && (1900.0..=2100.0).contains(&v) && v.fract() == 0.0 && l.len() == 4;
        if is_year && unit.as_deref().is_none_or(|u| u != "$" && u != "percent") {
            readings.push(Reading::Year(v as i32));
        } else {
            if let Some((end, extent)) = extent(folded, i, v) {
                readings.push(extent);
                in_number[i + 1..end].fill(true);
                i = end;
                continue;
            }
            if let Some(unit) = unit {
                readings.push(Reading::Quantity { unit, value: Quantity::new(v) });
            }
        }
        let end = j.max(i + 1);
        in_number[i + 1..end].fill(true);
        i = end;
    }
    (readings, in_number)
}

/// The extent that the number `part` at word `i` opens ("one of two regions", "one of our 39
/// regions"), with the index of the word after it.
fn extent(folded: &[String], i: usize, part: f64) -> Option<(usize, Reading)> {
    if folded.get(i + 1).is_none_or(|n| n != "of") {
        return None;
    }
    let mut k = i + 2;
    while folded.get(k).is_some_and(|n| EXTENT_DETERMINERS.contains(n)) {
        k += 1;
    }
    let whole = folded.get(k).and_then(|n| parse_number(n).or_else(|| text::number_word(n)))?;
    let unit = folded.get(k + 1).filter(|n| n.chars().all(char::is_alphabetic))?;
    let extent =
        Reading::Extent { unit: singular(unit), part: Quantity::new(part), whole: Quantity::new(whole) };
    Some((k + 2, extent))
}

/// A quantity as a detail shows it: `$5`, `12%`, `13 hours`.
pub(super) fn show_quantity(q: &Quantity, unit: &str) -> String {
    match unit {
        "$" | "€" | "£" => format!("{unit}{}", q.shown),
        "percent" => format!("{}%", q.shown),
        _ => {
            let plural = if q.milli == 1000 { unit.to_string() } else { plural(unit) };
            format!("{} {plural}", q.shown)
        }
    }
}

fn plural(unit: &str) -> String {
    if unit.ends_with('s') {
        unit.to_string()
    } else if let Some(stem) = unit.strip_suffix('y').filter(|s| !s.ends_with(['a', 'e', 'o', 'u'])) {
        format!("{stem}ies")
    } else {
        format!("{unit}s")
    }
}

/// The number kind: quantities of the same unit that share no value.
pub(super) struct Numbers;

impl Detector for Numbers {
    const KIND: DiscrepancyKind = DiscrepancyKind::Number;
    /// Unit → the values stated with it.
    type Stated<'p> = BTreeMap<&'p str, BTreeSet<&'p Quantity>>;

    fn read<'p>(passage: &'p Passage<'_>) -> Self::Stated<'p> {
        let mut stated: Self::Stated<'p> = BTreeMap::new();
        for reading in &passage.numbers {
            if let Reading::Quantity { unit, value } = reading {
                stated.entry(unit.as_str()).or_default().insert(value);
            }
        }
        stated
    }

    fn compare(members: &[(PassageRef, Self::Stated<'_>)], found: &mut Found<'_>) {
        compare_by_unit(members, |q, unit| show_quantity(q, unit), found);
    }
}

/// Reports, unit by unit, the members whose values of that unit share nothing: "13 hours" is
/// compared with "15 hours", never with "$15". The number and scope kinds state values so.
pub(super) fn compare_by_unit<V>(
    members: &[(PassageRef, BTreeMap<&str, BTreeSet<V>>)],
    show: impl Fn(&V, &str) -> String,
    found: &mut Found<'_>,
) {
    let units: BTreeSet<&str> = members.iter().flat_map(|(_, s)| s.keys().copied()).collect();
    for unit in units {
        let shown = |s: &BTreeMap<&str, BTreeSet<V>>| {
            s.get(unit).map(|values| values.iter().map(|v| show(v, unit)).collect())
        };
        if let Some((refs, detail)) = disagreement(members, shown) {
            found.report(refs, detail);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{kinds, passage, run};
    use super::*;

    #[test]
    fn numbers_with_the_same_unit_disagree() {
        let d = run(&["The outage lasted 13 hours.", "A 15-hour outage hit the service."]);
        assert_eq!(kinds(&d), vec![DiscrepancyKind::Number]);
        assert_eq!(d[0].detail, "13 hours vs 15 hours");
    }

    #[test]
    fn same_quantity_in_other_words_agrees() {
        assert!(run(&["a 13-hour interruption", "offline for thirteen hours"]).is_empty());
        assert!(run(&["revenue of $35.6 billion", "$35.6 billion in revenue"]).is_empty());
    }

    #[test]
    fn unrelated_units_are_not_compared() {
        assert!(
            run(&["Four people familiar with the matter said", "three employees said"])
                .iter()
                .all(|d| d.kind != DiscrepancyKind::Number)
        );
    }

    #[test]
    fn agreeing_members_give_nothing() {
        assert!(
            run(&["The plant employs 1,200 people.", "About 1,200 people work at the plant."]).is_empty()
        );
    }

    #[test]
    fn numbers_are_read_as_years_extents_or_quantities() {
        let p = passage("In 2024 it cost $5 million, 12% more, in one of our 39 regions.");
        let shown: Vec<String> = p
            .numbers
            .iter()
            .map(|r| match r {
                Reading::Year(y) => y.to_string(),
                Reading::Quantity { unit, value } => show_quantity(value, unit),
                Reading::Extent { unit, part, whole } => {
                    format!("{} of {}", part.shown, show_quantity(whole, unit))
                }
            })
            .collect();
        assert_eq!(shown, ["2024", "$5 million", "12%", "1 of 39 regions"]);
        // "million" and "of our 39 regions" belong to their numbers.
        let tails: Vec<&str> = (0..p.words.len()).filter(|&i| p.in_number[i]).map(|i| p.words[i].1).collect();
        assert_eq!(tails, ["million", "of", "our", "39", "regions"]);
    }
}
