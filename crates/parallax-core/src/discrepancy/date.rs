//! Dates: other months, days of the month, years or weekdays, `December vs October`.
//!
//! Years come from the passage's numbers ("in 2024") and from "last year", "this year" and
//! "next year", resolved against the article's date.

use std::collections::BTreeSet;

use super::number::Reading;
use super::{Detector, Found, Passage, disagreement};
use crate::analysis::{DiscrepancyKind, PassageRef};
use crate::lexicon::{MONTH_NAMES, WEEKDAY_NAMES};
use crate::text;

/// What one member states of dates.
#[derive(Debug, Default)]
pub(super) struct Stated {
    /// Months named (1–12).
    months: BTreeSet<u8>,
    /// Days of the month named with their month, as (month, day): "October 12", "12 Oct.".
    days: BTreeSet<(u8, u8)>,
    /// Years named or resolved from "last year" against the article's date.
    years: BTreeSet<i32>,
    /// Weekdays named (1–7).
    weekdays: BTreeSet<u8>,
}

/// "12", "12th", "1st" as a day of the month.
fn day_of_month(w: &str) -> Option<u8> {
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") || digits.is_empty() || digits.len() > 2 {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn month_name(m: &u8) -> String {
    MONTH_NAMES[usize::from(*m).saturating_sub(1) % 12].to_string()
}

/// The date kind: months, days, years and weekdays that share nothing.
pub(super) struct Dates;

impl Detector for Dates {
    const KIND: DiscrepancyKind = DiscrepancyKind::Date;
    type Stated<'p> = Stated;

    fn read(passage: &Passage<'_>) -> Stated {
        let mut s = Stated::default();
        let folded = &passage.folded;
        for i in passage.single_words() {
            let w = passage.words[i].1;
            if let Some(m) = text::month(w) {
                s.months.insert(m);
                let after = folded.get(i + 1).and_then(|n| day_of_month(n));
                if let Some(d) = after.or_else(|| i.checked_sub(1).and_then(|p| day_of_month(&folded[p]))) {
                    s.days.insert((m, d));
                }
            } else if let Some(d) = text::weekday(w) {
                s.weekdays.insert(d);
            }
            let relative = match folded[i].as_str() {
                "last" => Some(-1),
                "this" => Some(0),
                "next" => Some(1),
                _ => None,
            };
            if let (Some(offset), Some(y)) = (relative, passage.year)
                && folded.get(i + 1).is_some_and(|n| n == "year")
            {
                s.years.insert(y + offset);
            }
        }
        s.years.extend(passage.numbers.iter().filter_map(|r| match r {
            Reading::Year(y) => Some(*y),
            _ => None,
        }));
        s
    }

    fn compare(members: &[(PassageRef, Stated)], found: &mut Found<'_>) {
        let months = disagreement(members, |s: &Stated| Some(s.months.iter().map(month_name).collect()));
        // Days only when the months agree: "October vs December" already says it.
        let days = || {
            let day = |(m, d): &(u8, u8)| format!("{} {d}", month_name(m));
            disagreement(members, |s: &Stated| Some(s.days.iter().map(day).collect()))
        };
        let years = disagreement(members, |s: &Stated| Some(s.years.iter().map(i32::to_string).collect()));
        let weekday = |d: &u8| WEEKDAY_NAMES[usize::from(*d - 1) % 7].to_string();
        let weekdays = disagreement(members, |s: &Stated| Some(s.weekdays.iter().map(weekday).collect()));
        for (refs, detail) in [months.or_else(days), years, weekdays].into_iter().flatten() {
            found.report(refs, detail);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{details, run};
    use super::*;

    #[test]
    fn months_and_relative_years() {
        let d = run(&["The outage happened in December.", "The outage happened in October."]);
        assert_eq!(d[0].detail, "December vs October");
        let d = run(&["It happened last year.", "It happened in 2024."]);
        assert_eq!(d[0].detail, "2025 vs 2024");
    }

    #[test]
    fn days_of_the_same_month() {
        let d =
            run(&["The breach was found on October 12, the filing says.", "It was detected on Oct. 14th."]);
        assert_eq!(details(&d, DiscrepancyKind::Date), vec!["October 12 vs October 14"]);
        // The same day written two ways agrees; another month is reported as months only.
        assert!(details(&run(&["on 12 October", "on October 12"]), DiscrepancyKind::Date).is_empty());
        let d = run(&["on December 3", "on October 3"]);
        assert_eq!(details(&d, DiscrepancyKind::Date), vec!["December vs October"]);
        // A year or a count after a month is not a day.
        assert!(
            details(&run(&["in October 2024", "in October 45 people"]), DiscrepancyKind::Date).is_empty()
        );
    }

    #[test]
    fn weekdays() {
        let d = run(&["It broke on Monday.", "It broke on Tuesday."]);
        assert_eq!(details(&d, DiscrepancyKind::Date), vec!["Monday vs Tuesday"]);
    }
}
