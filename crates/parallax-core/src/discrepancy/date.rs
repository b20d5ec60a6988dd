//! Dates: other months, days of the month, years, weekdays or parts of a day, `December vs
//! October`, and what one article tells as done and another as to come (see [`tense`]).
//!
//! Years come from the passage's numbers ("in 2024") and from "last year", "this year" and
//! "next year" ("yesterday", "last month" likewise), resolved against the article's date: its
//! front matter `date`, else a dateline or a timestamp line ("Updated Feb. 20, 2026"). An
//! undated article's relative dates say nothing comparable, so they are not read. A date that
//! says when something was *said* ("police said Saturday") is not the date of the fact.
//!
//! The article's date also gives each number its time frame: the years and months named near it
//! other than the article's own, which tell a background sentence ("In 2004 a tsunami
//! killed…") from the story.

use std::collections::{BTreeSet, HashMap};

use unicode_segmentation::UnicodeSegmentation;

use super::number::Reading;
use super::{Detector, Found, Passage, Value, tense, versions_by_article};
use crate::analysis::{DiscrepancyKind, PassageRef};
use crate::corpus::Article;
use crate::lexicon::{
    CLOCK_WORDS, DATE_ABBREVIATIONS, DAY_PARTS, MONTH_FRAME_WORDS, MONTH_NAMES, REPORT_DATE_GAPS,
    REPORTING_VERBS, STOPWORDS, STORY_DAYS, TIME_ZONES, TIMESTAMP_WORDS, WEEKDAY_NAMES, YEAR_PARTS,
};
use crate::text;

/// When an article appeared, as precisely as it says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct ArticleDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

/// Passages from the top of an article searched for a dateline or timestamp line.
const DATELINE_PASSAGES: usize = 8;
/// Longest timestamp line, in bytes ("Updated: July 02, 2013 15:50 IST").
const TIMESTAMP_BYTES: usize = 80;

/// The article's date: its front matter's, else the first timestamp line near its top, else
/// a dateline opening its first sentences ("WASHINGTON, Feb. 20, 2026 — ").
pub(crate) fn article_date(article: &Article) -> Option<ArticleDate> {
    if let Some(d) = article.meta.date.as_deref().and_then(parse_date) {
        return Some(d);
    }
    let top = article.passages.iter().take(DATELINE_PASSAGES).map(|p| &article.text[p.range()]);
    let stamp = top.clone().filter(|t| t.len() <= TIMESTAMP_BYTES && timestamp_words(t)).find_map(parse_date);
    stamp.or_else(|| {
        top.filter_map(|t| {
            let dash = ["\u{2014}", " -- ", " - "].iter().filter_map(|d| t.find(d)).min()?;
            (dash <= TIMESTAMP_BYTES).then(|| parse_date(&t[..dash])).flatten()
        })
        .next()
    })
}

/// A date in `s`: ISO ("2024-03-01", "2024-03", "2024") or a month with a year ("July 2, 2013",
/// "03 JULY 2013", "Feb. 20, 2026").
fn parse_date(s: &str) -> Option<ArticleDate> {
    let s = s.trim();
    let mut iso = s.get(..10).unwrap_or(s).split(['-', '/']);
    if let Some(year) = iso.next().filter(|y| y.len() == 4).and_then(|y| y.parse().ok()) {
        let month = iso.next().and_then(|m| m.parse().ok()).filter(|m| (1..=12).contains(m));
        let day = iso.next().and_then(|d| d.parse().ok()).filter(|d| (1..=31).contains(d));
        return Some(ArticleDate { year, month, day: month.and(day) });
    }
    let words: Vec<&str> = s.unicode_words().collect();
    let m = words.iter().position(|w| text::month(w).is_some())?;
    let year = words[m + 1..]
        .iter()
        .take(3)
        .find_map(|w| w.parse::<i32>().ok().filter(|y| w.len() == 4 && (1900..=2100).contains(y)))?;
    let day = words
        .get(m + 1)
        .and_then(|w| day_of_month(w))
        .or_else(|| m.checked_sub(1).and_then(|p| words.get(p)).and_then(|w| day_of_month(&text::fold(w))));
    Some(ArticleDate { year, month: text::month(words[m]), day })
}

/// Whether every word of `s` belongs to a date or a time, and it names a month or a year:
/// "Tuesday, July 2, 2013", "Updated: July 02, 2013 15: 50 IST", "3 July 2013 Last updated at
/// 13:38 GMT".
fn timestamp_words(s: &str) -> bool {
    let mut dated = false;
    let all = s.unicode_words().all(|w| {
        let l = text::fold(w);
        let month = text::month(w).is_some();
        let year = w.len() == 4 && w.parse::<i32>().is_ok_and(|y| (1900..=2100).contains(&y));
        dated |= month || year;
        month
            || w.starts_with(|c: char| c.is_ascii_digit())
            || text::weekday(w).is_some()
            || (DATE_ABBREVIATIONS.contains(&l) && w.starts_with(char::is_uppercase))
            || TIME_ZONES.contains(w)
            || CLOCK_WORDS.contains(&l)
            || TIMESTAMP_WORDS.contains(&l)
    });
    all && dated
}

/// Whether a member's passage is a dateline or timestamp line: it says when the article
/// appeared, no fact of the story.
pub(super) fn is_timestamp(p: &Passage<'_>) -> bool {
    p.text.len() <= TIMESTAMP_BYTES && timestamp_words(p.text)
}

/// "12", "12th", "1st" as a day of the month.
pub(super) fn day_of_month(w: &str) -> Option<u8> {
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") || digits.is_empty() || digits.len() > 2 {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn month_name(m: u8) -> &'static str {
    MONTH_NAMES[usize::from(m).saturating_sub(1) % 12]
}

fn weekday_name(d: u8) -> &'static str {
    WEEKDAY_NAMES[usize::from(d).saturating_sub(1) % 7]
}

/// A time a number is placed in, other than its article's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) enum Frame {
    Year(i32),
    /// "last year" or "next year" in an undated article: another year, but which is unknown.
    OtherYear,
    /// A month named without a day ("In January, five cables were cut").
    Month(u8),
}

/// Words either side of a number within which a year or month places it in time.
const FRAME_WORDS: usize = 12;

/// The time frame of what a passage says at `at` (offsets into its text): the years and
/// months it names nearby, other than its article's own (every one it names, when the article
/// is undated). Empty for the story's own time: "In 2004 a tsunami killed 230,000" is not a
/// count of today's quake, and "In January, five cables were cut" not of today's cut. When
/// nothing nearby places it, the nearest time the passage names does, the story's own
/// ("on Tuesday", "today") included: in "An 8.7-magnitude quake also hit off the city of
/// Banda Aceh in Sumatra Island in May 2012" the magnitude is of May 2012, however far apart.
pub(super) fn frame(p: &Passage<'_>, at: &std::ops::Range<usize>) -> Vec<Frame> {
    let first = p.words.partition_point(|(w, _)| *w < at.start);
    let last = p.words.partition_point(|(w, _)| *w < at.end).max(first + 1);
    let near = first.saturating_sub(FRAME_WORDS)..(last + FRAME_WORDS).min(p.words.len());
    let marks = time_marks(p);
    let distance = |k: usize| if k < first { first - k } else { k.saturating_sub(last - 1) };
    let nearby = marks.iter().any(|(k, _, _)| near.contains(k));
    // From afar only a time named outright: "last year" in a report of February is as likely
    // the story's own December.
    let far = |relative: bool| !relative;
    let closest = marks.iter().filter(|m| far(m.2)).map(|(k, _, _)| distance(*k)).min();
    let own = p.date.map(|d| d.year);
    let frame: BTreeSet<Frame> = marks
        .iter()
        .filter(
            |(k, _, relative)| {
                if nearby { near.contains(k) } else { far(*relative) && Some(distance(*k)) == closest }
            },
        )
        .filter_map(|(_, f, _)| *f)
        .collect();
    frame.into_iter().filter(|f| own.is_none_or(|y| *f != Frame::Year(y))).collect()
}

/// The times a passage names, by word index: a year, "last year", a month named without a day
/// ("in January") as their [`Frame`], and the story's own time ("on Tuesday", "today", the
/// article's month) as none; each with whether it is relative to the article's date.
fn time_marks(p: &Passage<'_>) -> Vec<(usize, Option<Frame>, bool)> {
    let own = p.date.map(|d| d.year);
    let mut marks: Vec<(usize, Option<Frame>, bool)> = p
        .years
        .iter()
        .map(|&(year, at)| (p.words.partition_point(|(w, _)| *w < at), Some(Frame::Year(year)), false))
        .collect();
    for i in 0..p.words.len() {
        if let Some(offset) = relative(p, i, "year").filter(|&o| o != 0) {
            marks.push((i, Some(own.map_or(Frame::OtherYear, |y| Frame::Year(y + offset))), true));
        }
        let month = text::month(p.words[i].1).filter(|_| {
            let day = |k: usize| p.folded.get(k).is_some_and(|d| day_of_month(d).is_some());
            i > 0 && MONTH_FRAME_WORDS.contains(&p.folded[i - 1]) && !day(i + 1)
        });
        if let Some(m) = month {
            let story = p.date.is_some_and(|d| d.month == Some(m));
            marks.push((i, (!story).then_some(Frame::Month(m)), false));
        }
        if text::weekday(p.words[i].1).is_some() || STORY_DAYS.contains(&p.folded[i]) {
            marks.push((i, None, false));
        }
    }
    marks
}

/// The offset that "last", "this" or "next" at word `i` gives the `unit` after it ("last
/// year" → -1).
fn relative(p: &Passage<'_>, i: usize, unit: &str) -> Option<i32> {
    let offset = match p.folded[i].as_str() {
        "last" => -1,
        "this" => 0,
        "next" => 1,
        _ => return None,
    };
    (p.folded.get(i + 1).map(String::as_str) == Some(unit)).then_some(offset)
}

/// Whether the date at word `i` says when something was said: "police said *Saturday*", "told
/// AFP late *Tuesday*".
fn when_said(p: &Passage<'_>, i: usize) -> bool {
    for k in (i.saturating_sub(4)..i).rev() {
        let w = &p.folded[k];
        if REPORTING_VERBS.contains(w) {
            return true;
        }
        if !(REPORT_DATE_GAPS.contains(w) || p.words[k].1.starts_with(char::is_uppercase)) {
            return false;
        }
    }
    false
}

/// Days since 1970-01-01 of a civil date (H. Hinnant's algorithm).
fn days_from_civil(y: i32, m: u8, d: u8) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count since 1970-01-01.
fn civil_from_days(z: i64) -> (i32, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    ((yoe + era * 400 + i64::from(m <= 2)) as i32, m, d)
}

/// What one member states of dates.
#[derive(Debug, Default)]
pub(super) struct Stated {
    /// Months named (1–12).
    months: Vec<Value<u8>>,
    /// Days of the month named with their month, as (month, day): "October 12", "12 Oct.".
    days: Vec<Value<(u8, u8)>>,
    /// Years named, or resolved from "last year" against the article's date.
    years: Vec<Value<i32>>,
    /// Weekdays named (1–7).
    weekdays: Vec<Value<u8>>,
    /// Parts of a weekday named, as (weekday, part of [`DAY_PARTS`]): "early Tuesday",
    /// "yesterday afternoon".
    parts: Vec<Value<(u8, u8)>>,
    /// Crude stems of the words around its years: what they are years of.
    context: BTreeSet<String>,
    /// The same around its weekdays: what they are days of.
    day_context: BTreeSet<String>,
    /// Verbs it tells as done or as to come.
    told: Vec<tense::Told>,
}

/// Words either side of a year read as what it dates.
const DATE_CONTEXT_WORDS: usize = 6;
/// Least words two members' years' contexts share (or all of the smaller context) to date the
/// same thing: "the 2012 *quake* struck *off Banda Aceh*" and "the *quake* of 2004" are two
/// quakes. A sentence names the year of its background as readily as of its news.
const DATE_CONTEXT_SHARED: usize = 2;
/// The same for weekdays, which a sentence gives its news more than its background: one word
/// ("passed his *medical* on Thursday", "his *medical* on Wednesday"), and "he was let go last
/// Thursday" does not date "he opened fire at the party Friday".
const DAY_CONTEXT_SHARED: usize = 1;

/// The crude stems of the content words of `p` around the words `dated` (a year's).
fn context_of(p: &Passage<'_>, dated: &BTreeSet<usize>) -> BTreeSet<String> {
    let near = |k: usize| dated.iter().any(|&d| k.abs_diff(d) <= DATE_CONTEXT_WORDS);
    (0..p.words.len())
        .filter(|&k| near(k) && !dated.contains(&k))
        .map(|k| (p.words[k].1, &p.folded[k]))
        .filter(|(raw, w)| {
            w.chars().count() > 2
                && w.chars().all(char::is_alphabetic)
                && !STOPWORDS.contains(w)
                && text::month(raw).is_none()
                && text::weekday(raw).is_none()
                && !REPORTING_VERBS.contains(w)
        })
        .map(|(_, w)| w.chars().take(5).collect())
        .collect()
}

/// The date kind: months, days, years and weekdays that share nothing.
pub(super) struct Dates;

impl Detector for Dates {
    const KIND: DiscrepancyKind = DiscrepancyKind::Date;
    type Stated<'p> = Stated;

    fn read(p: &Passage<'_>) -> Stated {
        let mut s = Stated::default();
        let folded = &p.folded;
        let value = |key, shown, first, last| said_at(p, key, shown, first, last);
        let days = |key, shown, first, last| said_at(p, key, shown, first, last);
        let years = |key, shown, first, last| said_at(p, key, shown, first, last);
        for i in p.single_words().filter(|&i| p.word_in_span(i) && !when_said(p, i)) {
            let w = p.words[i].1;
            if let Some(m) = text::month(w) {
                s.months.push(value(m, month_name(m).to_string(), i, i));
                let after = folded.get(i + 1).and_then(|n| day_of_month(n)).map(|d| (d, i + 1));
                let before = || i.checked_sub(1).and_then(|b| day_of_month(&folded[b]).map(|d| (d, b)));
                if let Some((d, k)) = after.or_else(before) {
                    s.days.push(days((m, d), format!("{} {d}", month_name(m)), i.min(k), i.max(k)));
                }
            } else if let Some(d) = text::weekday(w) {
                s.weekdays.push(value(d, weekday_name(d).to_string(), i, i));
                if let Some((part, first, last)) = part_of_day(p, i) {
                    s.parts.push(said_at(p, (d, part), said_text(p, first, last), first, last));
                }
            }
            // Relative dates need the article's date; an undated article's say nothing.
            let Some(date) = p.date else { continue };
            // "late last year", "earlier this year".
            let from = if i > 0 && matches!(folded[i - 1].as_str(), "late" | "early" | "earlier" | "later") {
                i - 1
            } else {
                i
            };
            let said =
                |last: usize| p.text[p.words[from].0..p.words[last].0 + p.words[last].1.len()].to_string();
            if let Some(offset) = relative(p, i, "year") {
                let y = date.year + offset;
                s.years.push(years(y, format!("{} ({y})", said(i + 1)), from, i + 1));
            }
            if let (Some(offset), Some(month)) = (relative(p, i, "month"), date.month) {
                let (_, m, _) =
                    civil_from_days(days_from_civil(date.year, month, 1) + i64::from(offset) * 31);
                let m = if offset == 0 { month } else { m };
                s.months.push(value(m, format!("{} ({})", said(i + 1), month_name(m)), from, i + 1));
            }
            let shift = match folded[i].as_str() {
                "yesterday" => Some(-1),
                "today" => Some(0),
                "tomorrow" => Some(1),
                _ => None,
            };
            if let (Some(shift), Some(month), Some(day)) = (shift, date.month, date.day) {
                let count = days_from_civil(date.year, month, day) + shift;
                let (_, m, d) = civil_from_days(count);
                let weekday = ((count + 3).rem_euclid(7) + 1) as u8;
                let shown = |what: &str| format!("{} ({what})", said(i));
                s.weekdays.push(value(weekday, shown(weekday_name(weekday)), from, i));
                if let Some((part, first, last)) = part_of_day(p, i) {
                    let shown = format!("{} ({})", said_text(p, first, last), weekday_name(weekday));
                    s.parts.push(said_at(p, (weekday, part), shown, first, last));
                }
                s.months.push(value(m, shown(month_name(m)), from, i));
                s.days.push(days((m, d), shown(&format!("{} {d}", month_name(m))), from, i));
            }
        }
        for r in &p.numbers {
            if let Reading::Year { year, at } = r
                && !names_an_event(p, at.start)
            {
                s.years.push(Value { key: *year, shown: year.to_string(), span: p.file_span(at.clone()) });
            }
        }
        s.context = context_of(p, &words_of(p, &s.years));
        s.day_context = context_of(p, &words_of(p, &s.weekdays));
        s.told = tense::read(p);
        s
    }

    fn compare(members: &[(PassageRef, Stated)], found: &mut Found<'_>) {
        let context: HashMap<PassageRef, &BTreeSet<String>> =
            members.iter().map(|(r, s)| (*r, &s.context)).collect();
        let day_context: HashMap<PassageRef, &BTreeSet<String>> =
            members.iter().map(|(r, s)| (*r, &s.day_context)).collect();
        let same = |context: &HashMap<PassageRef, &BTreeSet<String>>, least: usize, a, b| {
            context
                .get(&a)
                .zip(context.get(&b))
                .is_some_and(|(a, b)| a.intersection(b).count() >= least.min(a.len().min(b.len())).max(1))
        };
        let same_year_of = |a, b| same(&context, DATE_CONTEXT_SHARED, a, b);
        let same_day_of = |a, b| same(&day_context, DAY_CONTEXT_SHARED, a, b);
        let any = |_, _| true;
        let months = versions_by_article(&part(members, |s| s.months.as_slice()), |a, b| a == b, any);
        // Days only when the months agree: "October vs December" already says it.
        let days = || versions_by_article(&part(members, |s| s.days.as_slice()), |a, b| a == b, any);
        let years = versions_by_article(&part(members, |s| s.years.as_slice()), |a, b| a == b, same_year_of);
        let weekdays =
            versions_by_article(&part(members, |s| s.weekdays.as_slice()), |a, b| a == b, same_day_of);
        for versions in [months.or_else(days), years, weekdays].into_iter().flatten() {
            found.report(versions);
        }
        // Parts of one day: "early Tuesday" vs "Tuesday afternoon". Other days are the
        // weekdays' finding.
        let days: BTreeSet<u8> = members.iter().flat_map(|(_, s)| s.parts.iter().map(|v| v.key.0)).collect();
        for day in days {
            let of_day = |s: &Stated| -> Vec<Value<(u8, u8)>> {
                s.parts.iter().filter(|v| v.key.0 == day).cloned().collect()
            };
            let stated: Vec<_> = members.iter().map(|(r, s)| (*r, of_day(s))).collect();
            if let Some(versions) = versions_by_article(&stated, |a, b| a == b, any) {
                found.report(versions);
            }
        }
        let told: Vec<(PassageRef, &[tense::Told])> =
            members.iter().map(|(r, s)| (*r, s.told.as_slice())).collect();
        tense::compare(&told, found);
    }
}

/// The part of a day that words around the weekday at word `i` name, with the words naming
/// it: "*early* Tuesday" (morning), "yesterday *afternoon*".
fn part_of_day(p: &Passage<'_>, i: usize) -> Option<(u8, usize, usize)> {
    let after = p.folded.get(i + 1).filter(|w| *w != "early" && *w != "late");
    if let Some(part) = after.and_then(|w| DAY_PARTS.get(w)).filter(|_| p.joined(i)) {
        return Some((part, i, i + 1));
    }
    let before =
        i.checked_sub(1).filter(|&b| matches!(p.folded[b].as_str(), "early" | "late") && p.joined(b))?;
    DAY_PARTS.get(&p.folded[before]).map(|part| (part, before, i))
}

/// The text of words `first..=last` of `p`.
fn said_text(p: &Passage<'_>, first: usize, last: usize) -> String {
    p.text[p.words[first].0..p.words[last].0 + p.words[last].1.len()].to_string()
}

/// Whether the year at byte `at` of `p` names an event rather than dates one: "the tsunami
/// *of 2004*", "the *2004* tsunami" say which tsunami, not when the passage's fact happened
/// ("the end of 2004", "in 2004" do).
fn names_an_event(p: &Passage<'_>, at: usize) -> bool {
    let k = p.words.partition_point(|(w, _)| *w < at);
    let word = |k: usize| p.folded.get(k).map(String::as_str);
    let noun =
        |w: &str| w.chars().all(char::is_alphabetic) && !STOPWORDS.contains(w) && text::month(w).is_none();
    let of_noun = k >= 2
        && word(k - 1) == Some("of")
        && word(k - 2)
            .is_some_and(|n| noun(n) && !YEAR_PARTS.contains(n) && text::month(p.words[k - 2].1).is_none());
    let before_noun = k >= 1
        && matches!(word(k - 1), Some("the" | "a" | "an") | Some("its" | "their" | "his" | "her"))
        && word(k + 1).is_some_and(noun)
        && p.text[p.words[k].0 + p.words[k].1.len()..].starts_with(' ');
    of_noun || before_noun
}

/// The word indices of the values `values` span.
fn words_of<K>(p: &Passage<'_>, values: &[Value<K>]) -> BTreeSet<usize> {
    values
        .iter()
        .map(|v| v.span)
        .flat_map(|span| {
            let (start, end) = (span.0 - p.start, span.1 - p.start);
            (0..p.words.len()).filter(move |&k| p.words[k].0 >= start && p.words[k].0 < end)
        })
        .collect()
}

/// A value stated by words `first..=last` of `p`.
fn said_at<K>(p: &Passage<'_>, key: K, shown: String, first: usize, last: usize) -> Value<K> {
    Value { key, shown, span: super::Span(p.word_span(first).0, p.word_span(last).1) }
}

/// One part of what the members state of dates (their months, their years…).
fn part<V: Clone>(
    members: &[(PassageRef, Stated)],
    part: fn(&Stated) -> &[Value<V>],
) -> Vec<(PassageRef, Vec<Value<V>>)> {
    members.iter().map(|(r, s)| (*r, part(s).to_vec())).collect()
}

#[cfg(test)]
mod tests {
    use super::super::testing::{details, passage_in, run, run_dated, run_passages, sides};
    use super::*;

    fn dated(year: i32, month: u8, day: u8) -> Option<ArticleDate> {
        Some(ArticleDate { year, month: Some(month), day: Some(day) })
    }

    fn dates(d: &[crate::analysis::Discrepancy]) -> Vec<&str> {
        details(d, DiscrepancyKind::Date)
    }

    #[test]
    fn months_and_years() {
        let d = run(&["The outage happened in December.", "The outage happened in October."]);
        assert_eq!(d[0].detail, "December vs October");
        let d = run(&["It happened in 2025.", "It happened in 2024."]);
        assert_eq!(d[0].detail, "2025 vs 2024");
    }

    #[test]
    fn relative_dates_are_resolved_against_the_article_date() {
        let d = run_dated(&[
            ("The leak was found late last year.", dated(2026, 2, 20)),
            ("The leak was found in December 2024.", dated(2025, 3, 1)),
        ]);
        assert_eq!(dates(&d), ["late last year (2025) vs 2024"], "{d:?}");
        assert_eq!(sides(&d[0]), [("late last year (2025)", vec![0]), ("2024", vec![1])]);
        // Undated, "last year" is no year at all.
        let d = run(&["The leak was found late last year.", "The leak was found in December 2024."]);
        assert!(dates(&d).is_empty(), "{d:?}");
        // "yesterday" in an article of Wednesday 3 July is Tuesday 2 July.
        let d = run_dated(&[
            ("The quake struck yesterday afternoon.", dated(2013, 7, 3)),
            ("The quake struck on Tuesday, July 2.", dated(2013, 7, 2)),
        ]);
        assert!(dates(&d).is_empty(), "{d:?}");
        let d = run_dated(&[
            ("The quake struck yesterday.", dated(2013, 7, 3)),
            ("The quake struck on Monday.", None),
        ]);
        assert_eq!(dates(&d), ["yesterday (Tuesday) vs Monday"]);
    }

    #[test]
    fn the_day_something_was_said_is_not_the_date_of_the_fact() {
        let d = run(&[
            "A former employee opened fire at the party, police said Saturday.",
            "A former employee opened fire at the party on Friday.",
        ]);
        assert!(dates(&d).is_empty(), "{d:?}");
        let d = run(&["The shop opened on Friday.", "The shop opened on Thursday, the owner said."]);
        assert_eq!(dates(&d), ["Friday vs Thursday"]);
    }

    #[test]
    fn an_article_dated_by_a_timestamp_line_resolves_its_relative_dates() {
        use std::path::PathBuf;
        let article =
            |text: &str| Article::from_text("a.txt".into(), PathBuf::from("a.txt"), text.into(), false, true);
        let a = article("Quake hits coast\nUpdated: July 02, 2013 15:50 IST\nA quake hit the coast.\n");
        assert_eq!(article_date(&a), dated(2013, 7, 2));
        let a = article("Quake hits coast\nWEDNESDAY 03 JULY 2013\nA quake hit the coast.\n");
        assert_eq!(article_date(&a), dated(2013, 7, 3));
        let a = article("Quake hits coast\nJAKARTA, Feb. 20, 2026 \u{2014} A quake hit the coast.\n");
        assert_eq!(article_date(&a), dated(2026, 2, 20));
        let a = article("Quake hits coast\nA quake hit the coast in 2012, killing 5.\n");
        assert_eq!(article_date(&a), None);
    }

    #[test]
    fn a_timestamp_line_is_no_fact() {
        let stamp = passage_in(0, "Tuesday, July 2, 2013", None);
        let other = passage_in(1, "WEDNESDAY 03 JULY 2013", None);
        assert!(is_timestamp(&stamp) && is_timestamp(&other));
        assert!(!is_timestamp(&passage_in(0, "The quake struck on July 2, 2013.", None)));
        // The driver leaves such members out; read alone, they would disagree.
        assert!(!run_passages(&[stamp, other]).is_empty());
    }

    #[test]
    fn years_of_two_events_are_not_compared() {
        let d = run(&[
            "In 2012 an 8.6-magnitude quake struck off Banda Aceh, prompting a tsunami alert.",
            "The quake hit a region devastated by the tsunami of 2004.",
        ]);
        assert!(dates(&d).is_empty(), "{d:?}");
        let d =
            run(&["The plant opened in 1998 near the river.", "The plant opened in 1989 near the river."]);
        assert_eq!(dates(&d), ["1998 vs 1989"]);
    }

    #[test]
    fn weekdays_of_two_events_are_not_compared() {
        // The day she resigned is not the day the strike began.
        let d = run(&[
            "Ms Okafor resigned from the board last Monday, the union said, weeks before the vote.",
            "Dock workers walked out at the port on Wednesday, halting all container traffic.",
        ]);
        assert!(dates(&d).is_empty(), "{d:?}");
        let d = run(&[
            "Dock workers walked out at the port on Wednesday, halting traffic.",
            "Dock workers walked out at the port on Thursday.",
        ]);
        assert_eq!(dates(&d), ["Wednesday vs Thursday"]);
    }

    #[test]
    fn parts_of_one_day() {
        let d = run_dated(&[
            ("The storm made landfall yesterday afternoon near the port.", dated(2013, 7, 3)),
            ("The storm made landfall near the port early Tuesday.", dated(2013, 7, 2)),
        ]);
        assert_eq!(dates(&d), ["yesterday afternoon (Tuesday) vs early Tuesday"], "{d:?}");
        // The same part in other words agrees; so does a day named without a part.
        let d = run(&[
            "The storm made landfall early Tuesday.",
            "The storm made landfall on Tuesday morning.",
            "The storm made landfall on Tuesday.",
        ]);
        assert!(dates(&d).is_empty(), "{d:?}");
        // Other days are the weekdays' finding alone.
        let d = run(&["The storm hit late Monday.", "The storm hit Tuesday morning."]);
        assert_eq!(dates(&d), ["Monday vs Tuesday"], "{d:?}");
    }

    #[test]
    fn a_year_that_names_an_event_dates_nothing() {
        let d = run(&[
            "The 6.1-magnitude quake struck a region devastated by the tsunami of 2004.",
            "The quake struck the region in 2013, triggering a tsunami alert.",
        ]);
        assert!(dates(&d).is_empty(), "{d:?}");
        let d = run(&["The region was rebuilt after the 2004 tsunami.", "The region was rebuilt in 2009."]);
        assert!(dates(&d).is_empty(), "{d:?}");
        // A part of a year is a date.
        let d = run(&["The plant closed at the end of 2004.", "The plant closed in 2005."]);
        assert_eq!(dates(&d), ["2004 vs 2005"]);
    }

    #[test]
    fn days_of_the_same_month() {
        let d =
            run(&["The breach was found on October 12, the filing says.", "It was detected on Oct. 14th."]);
        assert_eq!(dates(&d), vec!["October 12 vs October 14"]);
        // The same day written two ways agrees; another month is reported as months only.
        assert!(dates(&run(&["on 12 October", "on October 12"])).is_empty());
        let d = run(&["on December 3", "on October 3"]);
        assert_eq!(dates(&d), vec!["December vs October"]);
        // A year or a count after a month is not a day.
        assert!(dates(&run(&["in October 2024", "in October 45 people"])).is_empty());
    }

    #[test]
    fn weekdays() {
        let d = run(&["It broke on Monday.", "It broke on Tuesday."]);
        assert_eq!(dates(&d), vec!["Monday vs Tuesday"]);
    }

    #[test]
    fn civil_dates_round_trip() {
        for (y, m, d) in [(1970, 1, 1), (2013, 7, 2), (2024, 2, 29), (2026, 12, 31)] {
            assert_eq!(civil_from_days(days_from_civil(y, m, d)), (y, m, d));
        }
        // 2 July 2013 was a Tuesday.
        assert_eq!((days_from_civil(2013, 7, 2) + 3).rem_euclid(7) + 1, 2);
    }
}
