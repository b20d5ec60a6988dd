//! Numbers: quantities of one thing that share no value, `13 hours vs 15 hours`, `5 dead vs
//! 6 dead`.
//!
//! A number counts or measures something: a unit ("13 hours", "$5 million", "12%"), a noun
//! ("two speed boats": boats), or what happened to those it counts ("six killed", "injures
//! 15"). Two numbers compare only when they count the same thing: six killed and eleven
//! injured are two facts, while `12 hurt` in a headline and `injures 15` are one. A number is
//! also compared only with numbers of the same time frame, place and landmark: the 230,000
//! dead of a 2004 tsunami in a background sentence are not a count of today's quake, five
//! injured in one town not the 140 injured of a district, and 55 km from one town not 320 km
//! from a city.
//!
//! This kind also reads every number of a passage for the kinds that state numbers: a year
//! belongs to the date kind, "one of two regions" to the scope kind, a day of the month or a
//! clock time to nobody, and the rest, with what they count, are the quantities compared here.

use std::collections::BTreeMap;
use std::ops::Range;

use super::date::{self, Frame};
use super::{Detector, Found, Passage, Value, singular, versions_by_article};
use crate::analysis::{DiscrepancyKind, PassageRef};
use crate::features::parse_number;
use crate::lexicon::{
    ACTS, CLOCK_WORDS, DIRECTIONS, EXTENT_DETERMINERS, FILLERS, MEASURE_UNITS, NOUN_PHRASE_BREAKS,
    NUMBER_MODIFIERS, PRE_UNITS, QUANTITY_HEDGES, REPORTING_VERBS, STATE_WORDS, STOPWORDS, TALLY_WORDS,
    TIME_ZONES, UNSPECIFIC_ATTRIBUTES,
};
use crate::text;

/// A number as stated: its value, how precisely it is given, and a readable form.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) struct Quantity {
    /// Value × 1000, rounded: exact enough to compare, and orderable.
    pub milli: i128,
    /// The precision it is given to, × 1000: 100 for "6.2", 1000 for "6", 10⁸ for "35.6 billion".
    step: i128,
    pub shown: String,
}

impl Quantity {
    fn new(value: f64, step: f64) -> Self {
        Quantity {
            milli: (value * 1000.0).round() as i128,
            step: (step * 1000.0).round() as i128,
            shown: format_value(value),
        }
    }

    /// Whether two quantities may be one value rounded: "6 miles" and "6.2 miles", "$35.6
    /// billion" and "$35.62 billion". Rounding is no disagreement.
    pub fn agrees(&self, other: &Quantity) -> bool {
        (self.milli - other.milli).abs() * 2 <= self.step.max(other.step)
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

/// What a quantity counts or measures; two quantities compare only when it is the same.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) struct Thing {
    /// The unit ("hour", "$", "percent", "km") or the counted noun, singular ("boat"); empty
    /// when only what happened says what is counted ("24 dead", "six people killed").
    what: String,
    /// What happened to what is counted: a class of [`ACTS`] ("death", "injury").
    act: Option<&'static str>,
    /// What the number is a measure of: "depth" in "a depth of 10 km", "traffic" in "65% of
    /// traffic".
    of: Option<String>,
    /// Where it is counted, when it says so right after ("aceh" in "seven were injured in
    /// Aceh") or in a phrase opening the sentence ("In Central Aceh district, 140 were
    /// injured"), or what a distance is measured from ("from bireun" in "55 km west of the
    /// town of Bireun"). A count in one place is not a count of the whole, and distances from
    /// two landmarks are two distances.
    place: Option<String>,
}

/// What one number of a passage is, with where it is said (offsets into the passage).
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Reading {
    /// A year: "in 2024" (but not "$2024" or "2024%").
    Year { year: i32, at: Range<usize> },
    /// A quantity of one thing: "13 hours", "$35.6 billion", "five people killed".
    Quantity { thing: Thing, value: Quantity, shown: String, at: Range<usize> },
    /// "one of two regions", "one of our 39 regions": a part of a whole, in one unit.
    Extent { unit: String, part: Quantity, whole: Quantity, at: Range<usize> },
}

impl Reading {
    pub fn range(&self) -> Range<usize> {
        match self {
            Reading::Year { at, .. } | Reading::Quantity { at, .. } | Reading::Extent { at, .. } => {
                at.clone()
            }
        }
    }
}

/// The words of a passage as the number reader walks them.
struct Words<'a> {
    text: &'a str,
    words: &'a [(usize, &'a str)],
    folded: &'a [String],
    /// Whether capitalised words may be nouns: in a headline every word is capitalised.
    title_case: bool,
}

impl Words<'_> {
    fn get(&self, i: usize) -> Option<&str> {
        self.folded.get(i).map(String::as_str)
    }

    fn end(&self, i: usize) -> usize {
        self.words[i].0 + self.words[i].1.len()
    }

    /// Whether words `i` and `i + 1` are joined by nothing but spaces or a hyphen: no comma,
    /// bracket or full stop ends the phrase between them.
    fn joined(&self, i: usize) -> bool {
        self.words.get(i + 1).is_some_and(|&(next, _)| {
            self.text[self.end(i)..next]
                .chars()
                .all(|c| c.is_whitespace() || matches!(c, '-' | '\u{2010}'..='\u{2013}'))
        })
    }

    fn capitalised(&self, i: usize) -> bool {
        self.words[i].1.starts_with(char::is_uppercase)
    }

    fn is_number(&self, i: usize) -> bool {
        self.get(i).is_some_and(|w| parse_number(w).is_some() || text::number_word(w).is_some())
    }
}

/// Reads the numbers of a passage, in digits or words, with what they count. Returns them and,
/// per word, whether it was read as part of a number ("million" in "5 million", "of two
/// regions" in "one of two regions", a day of the month): such words are not read again, as
/// numbers or otherwise. `title_case` says the passage is a headline.
pub(super) fn read_numbers(
    passage: &str,
    words: &[(usize, &str)],
    folded: &[String],
    title_case: bool,
) -> (Vec<Reading>, Vec<bool>) {
    let w = Words { text: passage, words, folded, title_case };
    let mut readings = Vec::new();
    let mut in_number = vec![false; words.len()];
    let mut i = 0;
    while i < words.len() {
        match read_number(&w, i, &mut readings) {
            Some(end) => {
                in_number[i + 1..end].fill(true);
                i = end.max(i + 1);
            }
            None => i += 1,
        }
    }
    // Days of the month belong to their month, not to the numbers.
    for (i, day) in in_number.iter_mut().enumerate() {
        *day |= is_day_of_month(&w, i);
    }
    carry_percent_of(passage, &mut readings);
    if let Some((place, from)) = opening_place(&w) {
        // "In Jakarta, officials said 24 died": where it was said, not where they died.
        let said = (from..words.len()).find(|&k| REPORTING_VERBS.contains(&folded[k]));
        let until = said.and_then(|k| words.get(k)).map_or(usize::MAX, |(at, _)| *at);
        let from = words.get(from).map_or(usize::MAX, |(at, _)| *at);
        for r in readings.iter_mut().filter(|r| r.range().start < until) {
            if let Reading::Quantity { thing, at, .. } = r
                && at.start >= from
                && thing.place.is_none()
            {
                thing.place = Some(place.clone());
            }
        }
    }
    (readings, in_number)
}

/// Whether word `i` is a number next to a month name: "March 14", "14 March".
fn is_day_of_month(w: &Words<'_>, i: usize) -> bool {
    let month_at = |k: usize| w.words.get(k).is_some_and(|(_, m)| text::month(m).is_some());
    w.get(i).is_some_and(|d| date::day_of_month(d).is_some())
        && (month_at(i + 1) || (i > 0 && month_at(i - 1)))
}

/// Reads the number at word `i`, if there is one, into `readings`; returns the index of the
/// word after it (and after what it counts).
fn read_number(w: &Words<'_>, i: usize, readings: &mut Vec<Reading>) -> Option<usize> {
    let l = w.get(i)?;
    let one = l == "one";
    let mut value = parse_number(l).or_else(|| text::number_word(l)).or(one.then_some(1.0))?;
    let is_digits = l.starts_with(|c: char| c.is_ascii_digit());
    let (pos, raw) = w.words[i];
    let before = w.text[..pos].trim_end();
    let after = &w.text[pos + raw.len()..];
    // A clock time ("6:22", "4 p.m.", "1100 hrs"), a day of the month or a name ("AK-47",
    // "Flight 370", "Sea Me We 4") is no quantity.
    let clock = is_digits
        && (after.trim_start().starts_with(':')
            && after.trim_start()[1..].trim_start().starts_with(|c: char| c.is_ascii_digit())
            || before.ends_with(':') && i > 0 && w.is_number(i - 1)
            || w.get(i + 1).is_some_and(|n| CLOCK_WORDS.contains(n))
            || w.words.get(i + 1).is_some_and(|(_, n)| TIME_ZONES.contains(n)));
    let pre_unit = (i > 0 && w.joined(i - 1)).then(|| w.get(i - 1).and_then(|u| PRE_UNITS.get(u))).flatten();
    let model = pre_unit.is_none()
        && (w.text[..pos].ends_with('-') && w.text[..pos - 1].ends_with(char::is_alphabetic)
            || is_name_number(w, i));
    if clock {
        // The minutes go with the hour.
        return Some(if w.get(i + 1).is_some_and(|n| parse_number(n).is_some()) { i + 2 } else { i + 1 });
    }
    if model || is_day_of_month(w, i) {
        return Some(i + 1);
    }
    let mut j = i + 1;
    let mut step =
        if is_digits { 10f64.powi(-(l.split_once('.').map_or(0, |(_, d)| d.len()) as i32)) } else { 1.0 };
    // "sixty-five", "twenty one".
    if !is_digits
        && (20.0..=90.0).contains(&value)
        && value % 10.0 == 0.0
        && w.joined(i)
        && let Some(units) = w.get(j).and_then(text::number_word).filter(|u| (1.0..=9.0).contains(u))
    {
        value += units;
        j += 1;
    }
    if let Some(scale) = w.get(j).and_then(text::scale_word).filter(|_| value < 1000.0) {
        value *= scale;
        step *= scale;
        j += 1;
    }
    let currency = before.chars().last().filter(|c| matches!(c, '$' | '€' | '£'));
    let percent = after.starts_with('%') || w.get(j).is_some_and(|n| n == "percent");
    let per_cent = w.get(j) == Some("per") && w.get(j + 1) == Some("cent");
    let is_year = is_digits && (1900.0..=2100.0).contains(&value) && value.fract() == 0.0 && l.len() == 4;
    let at = |end: usize| pos..w.end(end.max(i + 1) - 1);
    if is_year && currency.is_none() && !percent && !per_cent {
        readings.push(Reading::Year { year: value as i32, at: at(i + 1) });
        return Some(i + 1);
    }
    if let Some((end, t)) = is_digits.then(|| tally(w, i, value)).flatten() {
        readings.push(t);
        return Some(end);
    }
    let quantity = Quantity::new(value, step);
    if let Some(c) = currency {
        let shown = format!("{c}{}", quantity.shown);
        let thing = Thing { what: c.to_string(), act: None, of: None, place: None };
        readings.push(Reading::Quantity { thing, value: quantity, shown, at: at(j) });
        return Some(j);
    }
    if percent || per_cent {
        let end = if per_cent {
            j + 2
        } else if percent && w.get(j) == Some("percent") {
            j + 1
        } else {
            j
        };
        let of_np = (w.get(end) == Some("of") && w.joined(end)).then(|| noun_phrase(w, end + 1));
        let place = place_after(w, of_np.as_ref().map_or(end, |np| np.end));
        let of = of_np.and_then(|np| np.head).map(|(h, _)| h);
        let shown = format!("{}%", quantity.shown);
        let thing = Thing { what: "percent".into(), act: None, of, place };
        readings.push(Reading::Quantity { thing, value: quantity, shown, at: at(end) });
        return Some(end);
    }
    if let Some((end, extent)) = extent(w, i, &quantity) {
        readings.push(extent);
        return Some(end);
    }
    // "magnitude 6.1", "magnitude-6.1": the unit stands before the number.
    let np = if pre_unit.is_none() && w.joined(j - 1) { noun_phrase(w, j) } else { NounPhrase::default() };
    let end = np.end.max(j);
    let act_after = np.act.or_else(|| act_after(w, end));
    let act_before = act_before(w, i);
    let act = act_after.or(act_before);
    let measure = pre_unit.or(np.measure);
    // "25-year-old" is an age, not a span of years.
    let age = measure == Some("year") && w.get(end) == Some("old");
    let (what, noun) = match (measure, &np.head) {
        (Some(_), _) if age => ("age".to_string(), None),
        (Some(m), _) => (m.to_string(), None),
        (None, Some((h, written))) => {
            // What befalls people counts people, whatever the noun: "five miners died", "kills
            // five" and "five dead" are one count. Damage counts things, so it keeps its noun.
            let of_people = act.is_some_and(|(a, _)| !THING_ACTS.contains(&a));
            (if of_people { String::new() } else { h.clone() }, Some(*written))
        }
        (None, None) => (String::new(), None),
    };
    if (what.is_empty() && act.is_none()) || (one && act.is_none()) {
        return Some(j);
    }
    let shown = match (&measure, noun) {
        _ if age => format!("aged {}", quantity.shown),
        (Some(m), _) if PRE_UNITS.get(m).is_some() => format!("{m} {}", quantity.shown),
        (Some(m), _) => {
            format!("{} {}", quantity.shown, if quantity.milli == 1000 { m.to_string() } else { plural(m) })
        }
        (None, Some(n)) if !what.is_empty() => format!("{} {n}", quantity.shown),
        // A count of people shows what befell them, as it is compared: "five miners died",
        // "kills five" and "5 dead" are all "5 dead".
        (None, _) => format!("{} {}", quantity.shown, act.map_or("", act_label)),
    };
    let first = act_before.map_or(i, |(_, k)| k.min(i));
    let last = act_after.map_or(end, |(_, k)| (k + 1).max(end));
    let place = place_after(w, last).or_else(|| measure.and_then(|_| landmark(w, end)));
    let thing = Thing { what, act: act.map(|(a, _)| a), of: attribute(w, i), place };
    let at = w.words[first].0..w.end(last.max(j) - 1);
    readings.push(Reading::Quantity { thing, value: quantity, shown, at });
    Some(j)
}

/// Whether the number at word `i` is part of a name: after a capitalised word that is not a
/// unit or a date ("Flight 370", "Sea Me We 4"). A headline capitalises every word, so there
/// it is not.
fn is_name_number(w: &Words<'_>, i: usize) -> bool {
    if w.title_case || i == 0 || !w.joined(i - 1) || !w.capitalised(i - 1) {
        return false;
    }
    let prev = &w.folded[i - 1];
    let (_, raw) = w.words[i - 1];
    // A sentence's first word is capitalised anyway ("Nearly 40 houses"), and so is a function
    // word inside a name ("Sea Me We 4").
    let common = STOPWORDS.contains(prev) || QUANTITY_HEDGES.contains(prev) || i == 1;
    let name_word = !common || (i >= 2 && w.capitalised(i - 2) && w.joined(i - 2));
    name_word && text::month(raw).is_none() && text::weekday(raw).is_none() && ACTS.get(prev).is_none()
}

/// The place a count is given for, named from word `k` on: "in Aceh", "in Saudi Arabia" (a
/// capitalised name at once; "in the district" is none).
fn place_after(w: &Words<'_>, k: usize) -> Option<String> {
    if !matches!(w.get(k), Some("in" | "at" | "near")) || k == 0 || !w.joined(k - 1) || !w.joined(k) {
        return None;
    }
    let name: Vec<&str> = (k + 1..w.words.len())
        .take_while(|&n| {
            let raw = w.words[n].1;
            w.capitalised(n) && text::month(raw).is_none() && text::weekday(raw).is_none() && w.joined(n - 1)
        })
        .map(|n| w.folded[n].as_str())
        .collect();
    // "in Vesta Polymers plant fire" names a plant, not a place: the name must end the phrase.
    let after = k + 1 + name.len();
    let goes_on =
        w.get(after).is_some_and(|x| !STOPWORDS.contains(x) && !FILLERS.contains(x)) && w.joined(after - 1);
    (!name.is_empty() && !goes_on).then(|| name.join(" "))
}

/// Most words between two percentages of one list ("55 percent *of voice traffic in Saudi
/// Arabia,* 52 percent in Egypt").
const LIST_GAP_WORDS: usize = 8;

/// Gives a percentage that names no whole the whole of the one before it in a list: in "55
/// percent of voice traffic in Saudi Arabia, 52 percent in Egypt", 52 percent is of voice
/// traffic too, not of whatever another sentence gives a percentage of in Egypt.
fn carry_percent_of(text: &str, readings: &mut [Reading]) {
    let mut last: Option<(Option<String>, usize)> = None;
    for r in readings.iter_mut() {
        let Reading::Quantity { thing, at, .. } = r else { continue };
        if thing.what != "percent" {
            continue;
        }
        if thing.of.is_none()
            && let Some((Some(of), end)) = &last
            && let Some(gap) = text.get(*end..at.start)
            && gap.split_whitespace().count() <= LIST_GAP_WORDS
            && !gap.contains(['.', ';', '!', '?'])
        {
            thing.of = Some(of.clone());
        }
        last = Some((thing.of.clone(), at.end));
    }
}

/// Most words between a distance and the name of what it is measured from ("west of *the town
/// of* Bireun").
const LANDMARK_WORDS: usize = 6;

/// What the distance ending before word `k` is measured from: "55 km (34 miles) west of the
/// town of Bireun" → "from bireun", "320 km from the provincial capital Banda Aceh" → "from
/// banda aceh", "13 nautical miles from the cargo ship" → "from ship". A conversion in
/// brackets and a direction may stand between.
fn landmark(w: &Words<'_>, mut k: usize) -> Option<String> {
    let gap = |k: usize| k > 0 && k < w.words.len() && w.text[w.end(k - 1)..w.words[k].0].contains('(');
    if gap(k) {
        let close =
            (k..(k + 4).min(w.words.len())).find(|&j| w.text[w.end(j)..].trim_start().starts_with(')'))?;
        k = close + 1;
    }
    while w.get(k).is_some_and(|x| DIRECTIONS.contains(x)) {
        k += 1;
    }
    if !matches!(w.get(k), Some("of" | "from" | "off")) {
        // "13 nautical miles away": from whoever the sentence is about, not a named place.
        return (k > 0 && w.get(k - 1) == Some("away")).then(|| "away".to_string());
    }
    let name_at = |n: usize| {
        let raw = w.words[n].1;
        w.capitalised(n) && text::month(raw).is_none() && text::weekday(raw).is_none()
    };
    let first = k + 1;
    let window = first..(first + LANDMARK_WORDS).min(w.words.len());
    if let Some(start) = window.clone().find(|&n| name_at(n)) {
        let end =
            (start..w.words.len()).take_while(|&n| name_at(n) && (n == start || w.joined(n - 1))).count();
        let name: Vec<&str> = (start..start + end).map(|n| w.folded[n].as_str()).collect();
        return Some(format!("from {}", name.join(" ")));
    }
    // No name: the noun before the phrase ends ("from the cargo ship").
    let noun = window
        .take_while(|&n| w.joined(n - 1) && w.folded[n].chars().all(char::is_alphabetic))
        .take_while(|&n| n == first || !STOPWORDS.contains(&w.folded[n]))
        .filter(|&n| !STOPWORDS.contains(&w.folded[n]))
        .last()?;
    Some(format!("from {}", singular(&w.folded[noun])))
}

/// The place a sentence opens with, for the counts after it that name none: "In neighbouring
/// Central Aceh district, 10 people were killed" → ("central aceh", the index of the word
/// after the comma). A time ("In January,") or a phrase naming nothing ("In all,") is none.
fn opening_place(w: &Words<'_>) -> Option<(String, usize)> {
    if w.get(0) != Some("in") {
        return None;
    }
    let comma = (1..(1 + LANDMARK_WORDS).min(w.words.len()))
        .find(|&k| k + 1 < w.words.len() && w.text[w.end(k)..w.words[k + 1].0].contains(','))?;
    if !(1..=comma).all(|k| w.joined(k - 1)) {
        return None;
    }
    let dated = (1..=comma).any(|k| {
        let raw = w.words[k].1;
        text::month(raw).is_some() || text::weekday(raw).is_some() || w.is_number(k)
    });
    let name: Vec<&str> = (1..=comma).filter(|&k| w.capitalised(k)).map(|k| w.folded[k].as_str()).collect();
    (!dated && !name.is_empty()).then(|| (name.join(" "), comma + 1))
}

/// The classes of [`ACTS`] that befall things rather than people ("10 houses damaged").
const THING_ACTS: [&str; 2] = ["damage", "destruction"];

/// How a reader sees an act alone after a number: "24 dead", "12 injured".
fn act_label(act: (&'static str, usize)) -> &'static str {
    ACTS.entries().iter().find(|(_, class)| *class == act.0).map_or("", |(word, _)| word)
}

/// A noun phrase after a number: what it counts.
#[derive(Default)]
struct NounPhrase<'a> {
    /// A unit of measure among its words ("hours", "nautical miles"), canonical.
    measure: Option<&'static str>,
    /// Its head noun, singular and as written ("boat", "boats" in "two speed boats").
    head: Option<(String, &'a str)>,
    /// An act that ends it ("two workers *killed*"), with its word index.
    act: Option<(&'static str, usize)>,
    /// The index of the word after it.
    end: usize,
}

/// Most words of a noun phrase read after a number.
const NOUN_PHRASE_WORDS: usize = 5;

/// The noun phrase from word `j` on: modifiers ("other", "fully loaded", "Somali"), then nouns
/// up to a function word, a verb form, punctuation or a unit.
fn noun_phrase<'a>(w: &Words<'a>, j: usize) -> NounPhrase<'a> {
    let mut np = NounPhrase { end: j, ..NounPhrase::default() };
    let mut k = j;
    // "of the group's PVC capacity": determiners and possessives open the phrase.
    while w.get(k).is_some_and(|x| EXTENT_DETERMINERS.contains(x) || x.ends_with("'s")) && w.joined(k) {
        k += 1;
    }
    while k < w.words.len() && k < j + NOUN_PHRASE_WORDS {
        let x = &w.folded[k];
        let raw = w.words[k].1;
        if let Some(a) = ACTS.get(x) {
            np.act = Some((a, k));
            np.end = k + 1;
            break;
        }
        if let Some(m) = MEASURE_UNITS.get(&singular(x)) {
            np.measure = Some(m);
            np.end = k + 1;
            break;
        }
        let model_number = parse_number(x).is_some()
            && k > 0
            && w.capitalised(k - 1)
            && w.text[..w.words[k].0].ends_with('-');
        let name = raw.starts_with(char::is_uppercase) && !w.title_case;
        // A time ("last season") or a name after the head ("39 plants Vesta operates") opens
        // another phrase.
        if NOUN_PHRASE_BREAKS.contains(x) || (name && np.head.is_some()) {
            break;
        }
        let modifier = model_number
            || (NUMBER_MODIFIERS.contains(x) && np.head.is_none())
            || x.ends_with("ly")
            || name
            || (np.head.is_none() && (x.ends_with("ed") || x.ends_with("ing")));
        if !modifier {
            let stop = STOPWORDS.contains(x)
                || FILLERS.contains(x)
                || w.is_number(k)
                || !x.chars().all(char::is_alphabetic)
                || (np.head.is_some() && (x.ends_with("ed") || x.ends_with("ing")));
            if stop {
                break;
            }
            np.head = Some((singular(x), raw));
            // A count's head is plural where its modifiers are not ("two speed boats"): a
            // plural ends the phrase ("212 passengers ashore").
            if x.len() > 3 && x.ends_with('s') && !x.ends_with("ss") {
                np.end = k + 1;
                break;
            }
        }
        np.end = k + 1;
        if !w.joined(k) {
            break;
        }
        k += 1;
    }
    np
}

/// An act a few words after a noun phrase: "five people *had so far been confirmed dead*".
fn act_after(w: &Words<'_>, mut k: usize) -> Option<(&'static str, usize)> {
    if k == 0 || !w.joined(k - 1) {
        return None;
    }
    for _ in 0..NOUN_PHRASE_WORDS {
        let x = w.get(k)?;
        if let Some(a) = ACTS.get(x) {
            return Some((a, k));
        }
        if !(STATE_WORDS.contains(x) || x.ends_with("ly")) || !w.joined(k) {
            return None;
        }
        k += 1;
    }
    None
}

/// An act just before a number, past hedges: "*killing* at least five people", "*injures* 15".
fn act_before(w: &Words<'_>, i: usize) -> Option<(&'static str, usize)> {
    let mut k = i;
    while k > 0 && w.joined(k - 1) {
        k -= 1;
        let x = w.get(k)?;
        if let Some(a) = ACTS.get(x) {
            return Some((a, k));
        }
        if !QUANTITY_HEDGES.contains(x) {
            return None;
        }
    }
    None
}

/// What the number at word `i` is a measure of, named just before it: "a *depth* of just 10
/// km", "a *toll* of 24". A total, a number or a group of is nothing in particular.
fn attribute(w: &Words<'_>, i: usize) -> Option<String> {
    let mut k = i;
    while k > 0 && w.get(k - 1).is_some_and(|x| x != "of" && QUANTITY_HEDGES.contains(x)) {
        k -= 1;
    }
    (k >= 2 && w.get(k - 1) == Some("of"))
        .then(|| w.get(k - 2))
        .flatten()
        .filter(|a| {
            a.chars().all(char::is_alphabetic) && !STOPWORDS.contains(a) && !UNSPECIFIC_ATTRIBUTES.contains(a)
        })
        .map(singular)
}

/// The extent that the number `part` at word `i` opens ("one of two regions", "one of our 39
/// regions", "one of Amazon's two geographic regions"), with the index of the word after it.
fn extent(w: &Words<'_>, i: usize, part: &Quantity) -> Option<(usize, Reading)> {
    // "one of two", "three out of four".
    let mut k = match (w.get(i + 1), w.get(i + 2)) {
        (Some("of"), _) => i + 2,
        (Some("out"), Some("of")) => i + 3,
        _ => return None,
    };
    while w.get(k).is_some_and(|n| EXTENT_DETERMINERS.contains(n)) {
        k += 1;
    }
    // An owner's name: "Amazon Web Services' two regions".
    let owner = (k..k + 4).take_while(|&o| o < w.words.len() && w.capitalised(o)).last();
    if let Some(o) = owner {
        let possessive = w.folded[o].ends_with("'s") || w.text[w.end(o)..].starts_with(['\'', '\u{2019}']);
        if possessive && w.is_number(o + 1) {
            k = o + 1;
        }
    }
    let whole =
        w.get(k).and_then(|n| parse_number(n).or_else(|| text::number_word(n))).filter(|_| w.joined(k))?;
    // After the whole, a name opens a clause ("one of two Vesta operates"), not the unit.
    let name_next =
        w.words.get(k + 1).is_some_and(|(_, raw)| raw.starts_with(char::is_uppercase) && !raw.ends_with('s'));
    let np = if name_next || !w.joined(k) {
        NounPhrase { end: k + 1, ..NounPhrase::default() }
    } else {
        noun_phrase(w, k + 1)
    };
    // "The plant, one of two Vesta operates": the unit is the noun the extent stands beside.
    let beside = || {
        let gap = &w.text[w.end(i.checked_sub(1)?)..w.words[i].0];
        let noun = &w.folded[i - 1];
        (gap.trim() == "," && noun.chars().all(char::is_alphabetic) && !STOPWORDS.contains(noun))
            .then(|| singular(noun))
    };
    // A capitalised plural may be the unit ("one of our two Regions"); a name is not ("one of
    // two Vesta operates").
    let capitalised_plural = || {
        let (_, raw) = w.words.get(k + 1)?;
        (w.joined(k) && raw.starts_with(char::is_uppercase) && raw.ends_with('s'))
            .then(|| singular(&w.folded[k + 1]))
    };
    let unit = np
        .measure
        .map(str::to_string)
        .or(np.head.map(|(h, _)| h))
        .or_else(capitalised_plural)
        .or_else(beside)?;
    let at = w.words[i].0..w.end(np.end.max(k + 1) - 1);
    let extent = Reading::Extent { unit, part: part.clone(), whole: Quantity::new(whole, 1.0), at };
    Some((np.end.max(k + 1), extent))
}

/// Most votes or goals a side of a tally has.
const TALLY_MAX: f64 = 1000.0;

/// The tally that the number at word `i` opens: a vote or a score written `7-4` beside a word
/// that says so ("voting 7-4", "by a vote of 8-3", "won 3-1"). A range ("5-10 minutes") is none.
fn tally(w: &Words<'_>, i: usize, first: f64) -> Option<(usize, Reading)> {
    let (pos, raw) = w.words[i];
    let (next, second) = *w.words.get(i + 1)?;
    let second = parse_number(second).filter(|v| v.fract() == 0.0 && *v < TALLY_MAX)?;
    let hyphen = pos + raw.len();
    let glued = w.text[hyphen..].starts_with('-') && next == hyphen + 1;
    let cue = (i.saturating_sub(3)..(i + 4).min(w.words.len())).any(|k| TALLY_WORDS.contains(&w.folded[k]));
    if !glued || !cue || first.fract() != 0.0 || first >= TALLY_MAX {
        return None;
    }
    let value =
        Quantity { milli: (first * TALLY_MAX + second) as i128, step: 0, shown: format!("{first}-{second}") };
    let thing = Thing { what: "tally".into(), act: None, of: None, place: None };
    let shown = value.shown.clone();
    Some((i + 2, Reading::Quantity { thing, value, shown, at: pos..w.end(i + 1) }))
}

/// A unit as a detail shows it after a number other than one: `13 hours`, `39 regions`.
pub(super) fn plural(unit: &str) -> String {
    if unit.ends_with('s') || unit == "km" || unit == "m" || unit == "mph" {
        unit.to_string()
    } else if let Some(stem) = unit.strip_suffix('y').filter(|s| !s.ends_with(['a', 'e', 'o', 'u'])) {
        format!("{stem}ies")
    } else {
        format!("{unit}s")
    }
}

/// The number kind: quantities of the same thing in the same time frame that share no value.
pub(super) struct Numbers;

impl Detector for Numbers {
    const KIND: DiscrepancyKind = DiscrepancyKind::Number;
    /// (Time frame, thing) → the values stated of it, and the passage's other words.
    type Stated<'p> = (ByKey<(Vec<Frame>, Thing), Quantity>, Vec<String>);

    fn read<'p>(passage: &'p Passage<'_>) -> Self::Stated<'p> {
        let mut stated: ByKey<(Vec<Frame>, Thing), Quantity> = BTreeMap::new();
        for reading in &passage.numbers {
            if let Reading::Quantity { thing, value, shown, at } = reading {
                let value =
                    Value { key: value.clone(), shown: shown.clone(), span: passage.file_span(at.clone()) };
                stated.entry((date::frame(passage, at), thing.clone())).or_default().push(value);
            }
        }
        let things: Vec<&str> = stated.keys().map(|(_, t)| t.what.as_str()).collect();
        // The words of the quantities themselves ("13 nautical miles") say what is counted,
        // not what the passage is about.
        let quantities: Vec<Range<usize>> = passage
            .numbers
            .iter()
            .filter_map(|r| match r {
                Reading::Quantity { at, .. } => Some(at.clone()),
                _ => None,
            })
            .collect();
        let mut context: Vec<String> = passage
            .single_words()
            .filter(|&i| !quantities.iter().any(|q| q.contains(&passage.words[i].0)))
            .map(|i| passage.folded[i].as_str())
            .filter(|w| {
                w.chars().count() > 2 && !STOPWORDS.contains(w) && !w.chars().all(|c| c.is_ascii_digit())
            })
            .filter(|w| !things.iter().any(|t| singular(w) == *t))
            .map(crate::features::stem)
            .collect();
        context.sort_unstable();
        context.dedup();
        (stated, context)
    }

    /// Two counts of one thing disagree only through members that share a word besides the
    /// quantities: "13 nautical miles away" (a warship) and "150 nautical miles off Aden" (the
    /// attack) measure different distances, while "three undersea cables were cut" and "two
    /// undersea cables were cut" count the same cables.
    fn compare(members: &[(PassageRef, Self::Stated<'_>)], found: &mut Found<'_>) {
        let words: std::collections::HashMap<PassageRef, &[String]> =
            members.iter().map(|(r, (_, w))| (*r, w.as_slice())).collect();
        let related = |a: PassageRef, b: PassageRef| match (words.get(&a), words.get(&b)) {
            // A side with no other word gives nothing to tell by.
            (Some(x), Some(y)) => {
                x.is_empty() || y.is_empty() || x.iter().any(|w| y.binary_search(w).is_ok())
            }
            _ => true,
        };
        let keyed: Vec<(PassageRef, &ByKey<_, _>)> = members.iter().map(|(r, (k, _))| (*r, k)).collect();
        compare_by_key(&keyed, Quantity::agrees, related, found);
    }
}

/// The values a member states, by what they are values of.
pub(super) type ByKey<K, V> = BTreeMap<K, Vec<Value<V>>>;

/// Reports, key by key (a thing, a unit), the articles whose values of it share nothing:
/// "13 hours" is compared with "15 hours", never with "$15". The number and scope kinds
/// state values so.
pub(super) fn compare_by_key<K: Ord + Clone, V: Ord + Clone + std::hash::Hash>(
    members: &[(PassageRef, &ByKey<K, V>)],
    agree: impl Fn(&V, &V) -> bool + Copy,
    related: impl Fn(PassageRef, PassageRef) -> bool + Copy,
    found: &mut Found<'_>,
) {
    let keys: std::collections::BTreeSet<&K> = members.iter().flat_map(|(_, s)| s.keys()).collect();
    for key in keys {
        let stated: Vec<(PassageRef, Vec<Value<V>>)> =
            members.iter().filter_map(|(r, s)| s.get(key).map(|v| (*r, v.clone()))).collect();
        if let Some(versions) = versions_by_article(&stated, agree, related) {
            found.report(versions);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{details, kinds, passage, run, run_dated, sides};
    use super::*;

    fn numbers(d: &[crate::analysis::Discrepancy]) -> Vec<&str> {
        details(d, DiscrepancyKind::Number)
    }

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
        assert!(run(&["Sixty-five per cent of traffic was down.", "65% of traffic was down."]).is_empty());
    }

    #[test]
    fn rounding_is_no_disagreement() {
        assert!(run(&["at a depth of 10 km (6.2 miles)", "at a depth of six miles"]).is_empty());
        let d = run(&["an 8.6-magnitude quake", "an 8.7-magnitude quake"]);
        assert_eq!(numbers(&d), ["magnitude 8.6 vs magnitude 8.7"]);
    }

    #[test]
    fn counts_in_sentences_about_other_things_are_not_compared() {
        // The same unit, nothing else in common: the warship's distance is not the attack's.
        let d = run(&[
            "The warship, some 13 nautical miles away, launched its helicopter.",
            "The incident took place about 150 nautical miles off Aden.",
        ]);
        assert!(numbers(&d).is_empty(), "{d:?}");
        // One word in common besides the count is enough: they speak of the same contract.
        let d = run(&["The striker signed a five-year contract.", "The striker agreed a four-year deal."]);
        assert_eq!(numbers(&d).len(), 1, "{d:?}");
    }

    #[test]
    fn unrelated_units_are_not_compared() {
        assert!(
            numbers(&run(&["Four people familiar with the matter said", "three employees said"])).is_empty()
        );
    }

    #[test]
    fn agreeing_members_give_nothing() {
        assert!(
            run(&["The plant employs 1,200 people.", "About 1,200 people work at the plant."]).is_empty()
        );
    }

    #[test]
    fn the_dead_and_the_injured_are_different_counts() {
        // Six dead with eleven hurt in one, five dead in the other: only the dead are compared.
        let d = run(&[
            "The crash killed six passengers and left 11 injured, the airline said.",
            "Five people died in the crash.",
        ]);
        assert_eq!(numbers(&d), ["6 dead vs 5 dead"], "{d:?}");
        let d = run(&["Six killed as bus overturns", "Eleven people were injured when the bus overturned."]);
        assert!(numbers(&d).is_empty(), "{d:?}");
    }

    #[test]
    fn one_fact_carries_a_discrepancy_per_thing_it_counts() {
        let d = run(&[
            "The bus crash killed five people and injured 12.",
            "Six people died and 15 were injured in the bus crash.",
        ]);
        assert_eq!(numbers(&d), ["5 dead vs 6 dead", "12 injured vs 15 injured"], "{d:?}");
    }

    #[test]
    fn a_headline_count_and_a_verb_count_are_one_thing() {
        let d =
            run(&["Two workers killed, 12 hurt in mill blaze", "The blaze kills 2, injures 15 at the mill."]);
        assert_eq!(numbers(&d), ["12 injured vs 15 injured"], "{d:?}");
        let d = run(&["Five dead after ferry sinks", "The sinking left six dead, the coastguard said."]);
        assert_eq!(numbers(&d), ["5 dead vs 6 dead"], "{d:?}");
    }

    #[test]
    fn a_noun_counts_by_its_head_not_its_modifier() {
        // "two pirate boats" counts boats, not pirates.
        let d = run(&["The 23 pirates were held on board.", "Marines boarded the two pirate boats."]);
        assert!(numbers(&d).is_empty(), "{d:?}");
        let d = run(&["Three undersea cables were cut.", "Two undersea cables were cut."]);
        assert_eq!(numbers(&d), ["3 cables vs 2 cables"]);
        let d = run(&["Crews took all 212 passengers ashore.", "All 240 passengers were taken ashore."]);
        assert_eq!(numbers(&d), ["212 passengers vs 240 passengers"]);
    }

    #[test]
    fn a_day_of_the_month_or_a_time_is_not_a_quantity() {
        let d = run(&["The strike began on 14 March at 4 p.m.", "The strike began on March 15 at 6:30."]);
        assert!(numbers(&d).is_empty(), "{d:?}");
        assert!(numbers(&run(&["seven AK-47 rifles", "nine AK-74 rifles"])).len() == 1);
        let d =
            run(&["It ran Flight 370 with 239 people aboard.", "It ran Flight 371 with 239 people aboard."]);
        assert!(numbers(&d).is_empty(), "{d:?}");
        assert_eq!(
            numbers(&run(&["Nearly 40 houses were damaged.", "About 22 houses were damaged."])).len(),
            1
        );
    }

    #[test]
    fn a_background_year_is_another_time_frame() {
        let d = run(&[
            "In 2004 a tsunami killed 230,000 people.",
            "The quake killed at least three people, officials said.",
        ]);
        assert!(numbers(&d).is_empty(), "{d:?}");
        let d = run(&["In 2004 a tsunami killed 230,000 people.", "The 2004 tsunami killed 170,000 people."]);
        assert_eq!(numbers(&d), ["230000 dead vs 170000 dead"]);
    }

    #[test]
    fn a_year_far_off_in_the_sentence_still_dates_its_number() {
        // Nothing near the magnitude dates it; the sentence's only time does.
        let d = run(&[
            "A 7.9-magnitude earthquake also struck off the coast of the northern island of Hokkaido in March 2011, causing landslides.",
            "A 6.3-magnitude earthquake hit the island on Sunday, damaging hundreds of buildings across the north.",
        ]);
        assert!(numbers(&d).is_empty(), "{d:?}");
        // The story's own day, nearer than a background year, keeps it in the story's time.
        let d = run(&[
            "A 6.3-magnitude earthquake hit the island of Hokkaido on Sunday, in a region that was struck in 2011.",
            "The 6.8-magnitude earthquake that hit Hokkaido damaged hundreds of buildings.",
        ]);
        assert_eq!(numbers(&d), ["magnitude 6.3 vs magnitude 6.8"], "{d:?}");
        // From afar, "last year" may be the story's own time: it dates nothing there.
        let date = Some(super::super::date::ArticleDate { year: 2026, month: Some(2), day: Some(20) });
        let d = run_dated(&[
            (
                "The outage last year was limited: a single billing service, which helps customers track their costs over time, failed for 13 hours.",
                date,
            ),
            ("The billing service failed for 15 hours.", date),
        ]);
        assert_eq!(numbers(&d), ["13 hours vs 15 hours"], "{d:?}");
    }

    #[test]
    fn a_measure_of_one_thing_is_not_a_distance_to_another() {
        let d = run(&["It struck at a depth of 10 kilometres.", "It struck 55 kilometres from the town."]);
        assert!(numbers(&d).is_empty(), "{d:?}");
        let d =
            run(&["82 percent of voice traffic capability was lost.", "65% of traffic to India was lost."]);
        assert!(numbers(&d).is_empty(), "{d:?}");
    }

    #[test]
    fn several_values_on_one_side_read_as_one_account() {
        let d = run(&[
            "They seized seven AK-47 assault rifles and two other rifles.",
            "Nine assault rifles were seized.",
            "Troops seized nine assault rifles.",
        ]);
        assert_eq!(sides(&d[0]), [("7 rifles, 2 rifles", vec![0]), ("9 rifles", vec![1, 2])], "{d:?}");
    }

    #[test]
    fn a_vote_is_a_tally() {
        let d = run(&[
            "The council approved the budget by a vote of 8-3.",
            "The council voted 7-4 to approve it.",
        ]);
        assert_eq!(numbers(&d), ["8-3 vs 7-4"]);
        assert!(
            !numbers(&run(&["a 5-10 minute wait", "a 6-12 minute wait"])).iter().any(|d| d.contains("5-10"))
        );
    }

    #[test]
    fn a_noun_phrase_ends_before_a_time() {
        let d =
            run(&["He scored 23 league goals last season.", "He scored 31 goals for the club last season."]);
        assert_eq!(numbers(&d), ["23 goals vs 31 goals"], "{d:?}");
    }

    #[test]
    fn a_count_in_one_place_is_not_the_whole() {
        let d = run(&["Seven were injured in Aceh in the quake.", "Over 200 were injured in the quake."]);
        assert!(numbers(&d).is_empty(), "{d:?}");
        // …but a name inside a noun phrase is no place.
        let d =
            run(&["Two killed, 12 hurt in Vesta Polymers plant fire", "The fire injured 15 at the plant."]);
        assert_eq!(numbers(&d), ["12 injured vs 15 injured"], "{d:?}");
    }

    #[test]
    fn a_percentage_in_a_list_is_of_the_whole_named_first() {
        let d = run(&[
            "Up to 40 percent of bus routes in Lagos, and 30 percent in Abuja, were cut.",
            "As much as 55 percent of train services in Lagos and 45 percent in Abuja were cut.",
        ]);
        assert!(numbers(&d).is_empty(), "{d:?}");
        let d = run(&[
            "Up to 40 percent of bus routes in Lagos, and 30 percent in Abuja, were cut.",
            "As much as 55 percent of bus routes in Abuja were cut.",
        ]);
        assert_eq!(numbers(&d), ["30% vs 55%"], "{d:?}");
    }

    #[test]
    fn distances_from_two_landmarks_are_two_distances() {
        let d = run(&[
            "The crash site lies 40 kilometres (25 miles) north of the city of Tromso, rescuers said.",
            "The crash site lies some 350 kilometres from the capital Oslo, rescuers said.",
        ]);
        assert!(numbers(&d).is_empty(), "{d:?}");
        let d = run(&[
            "The crash site lies 40 kilometres north of the city of Tromso.",
            "The crash site lies 45 km from Tromso.",
        ]);
        assert_eq!(numbers(&d), ["40 km vs 45 km"], "{d:?}");
        let d = run(&["The tanker sank 20 miles off the coast.", "The tanker sank 35 miles off Brest."]);
        assert!(numbers(&d).is_empty(), "{d:?}");
        // A distance "away" is from whom the sentence is about, not the length of a route.
        let d = run(&[
            "The frigate, some 12 nautical miles away, sent its helicopter to the tanker.",
            "The frigate patrols a 480-nautical-mile corridor used by the tanker.",
        ]);
        assert!(numbers(&d).is_empty(), "{d:?}");
    }

    #[test]
    fn a_place_opening_the_sentence_places_its_counts() {
        let d = run(&[
            "In the northern Kivu province, 12 people were killed and 40 were injured in the floods.",
            "At least 30 people were injured in the floods, officials said.",
        ]);
        assert!(numbers(&d).is_empty(), "{d:?}");
        // A place the count is reported from places nothing.
        let d = run(&[
            "In Goma, officials said 40 people were injured in the floods.",
            "At least 30 people were injured in the floods.",
        ]);
        assert_eq!(numbers(&d), ["40 injured vs 30 injured"], "{d:?}");
        // A time or a phrase naming no place places nothing.
        let d = run(&[
            "In total, 40 people were injured in the floods.",
            "At least 30 people were injured in the floods.",
        ]);
        assert_eq!(numbers(&d), ["40 injured vs 30 injured"], "{d:?}");
        let d = run(&[
            "In March, 40 people were injured in the floods.",
            "In March, 65 people were injured in the floods.",
        ]);
        assert_eq!(numbers(&d), ["40 injured vs 65 injured"], "{d:?}");
    }

    #[test]
    fn numbers_are_read_as_years_extents_or_quantities() {
        let p = passage("In 2024 it cost $5 million, 12% more, in one of our 39 regions on March 3.");
        let shown: Vec<String> = p
            .numbers
            .iter()
            .map(|r| match r {
                Reading::Year { year, .. } => year.to_string(),
                Reading::Quantity { shown, .. } => shown.clone(),
                Reading::Extent { unit, part, whole, .. } => {
                    format!("{} of {} {}", part.shown, whole.shown, unit)
                }
            })
            .collect();
        assert_eq!(shown, ["2024", "$5 million", "12%", "1 of 39 region"]);
        // "million", "of our 39 regions" and the day belong to their numbers and month.
        let tails: Vec<&str> = (0..p.words.len()).filter(|&i| p.in_number[i]).map(|i| p.words[i].1).collect();
        assert_eq!(tails, ["million", "of", "our", "39", "regions", "3"]);
    }
}
