//! Typed discrepancies between the members of a claim: different numbers, dates, quotation
//! wording, negation or denial, attribution, and scope.
//!
//! Each detector compares what the members *state* (quantities with their units, months and
//! years, quoted words, denial cues, credited sources, "N of M" extents) and reports a
//! difference only when both sides state the same sort of thing and disagree. Saying nothing
//! is not disagreeing: a reader stops trusting marks that are wrong, so precision comes first.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

use crate::analysis::{Claim, Discrepancy, DiscrepancyKind, PassageRef};
use crate::corpus::Corpus;
use crate::features::parse_number;
use crate::pipeline::progress::{Progress, Stage};
use crate::text;

/// What one member states, as far as the detectors are concerned.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Statements {
    /// unit → values stated with it (unit "$" for money, "percent", "hour", …).
    pub quantities: BTreeMap<String, BTreeSet<Quantity>>,
    /// Months named (1–12).
    pub months: BTreeSet<u8>,
    /// Days of the month named with their month, as (month, day): "October 12", "12 Oct.".
    pub days: BTreeSet<(u8, u8)>,
    /// Years named or resolved from "last year" against the article's date.
    pub years: BTreeSet<i32>,
    /// Weekdays named (1–7).
    pub weekdays: BTreeSet<u8>,
    /// Quoted stretches, as written.
    pub quotes: Vec<String>,
    /// Denial or negation cues found, as written ("denies", "not").
    pub denials: Vec<String>,
    /// Sources the passage credits ("Reuters", "the company", "employees").
    pub sources: BTreeSet<String>,
    /// Its words, folded (lower case, straight quotes), for word-level comparison.
    pub words: Vec<String>,
    /// Crude stems of those words (see [`root`]).
    pub roots: BTreeSet<String>,
    /// Negation and denial cues as (word index, word as written); not "or not".
    pub cues: Vec<(usize, String)>,
    /// "one of two regions": unit → (part, whole) pairs.
    pub extents: BTreeMap<String, BTreeSet<(Quantity, Quantity)>>,
}

/// A number as stated, kept with its canonical value and a readable form.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Quantity {
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

/// Finds every discrepancy inside every claim.
pub fn detect(corpus: &Corpus, claims: &[Claim]) -> Vec<Discrepancy> {
    detect_with_progress(corpus, claims, &|_| {})
}

/// [`detect`], claims in parallel, reporting how many claims are done.
pub fn detect_with_progress(
    corpus: &Corpus,
    claims: &[Claim],
    progress: &(dyn Fn(Progress) + Sync),
) -> Vec<Discrepancy> {
    let total = claims.len();
    let done = AtomicUsize::new(0);
    progress(Progress { stage: Stage::Discrepancies, done: 0, total });
    let found: Vec<Vec<Discrepancy>> = claims
        .par_iter()
        .map(|claim| {
            let members: Vec<(PassageRef, Statements)> = claim
                .members
                .iter()
                .map(|m| {
                    let art = &corpus.articles[m.at.article];
                    let year = art.meta.date.as_deref().and_then(|d| d.get(..4)).and_then(|y| y.parse().ok());
                    let mut said = statements(art.passage_text(m.at.passage), year);
                    // A headline's capitalised words are not names: "Conflicting Claims Over the
                    // Disruption" credits nobody.
                    if art.passages.get(m.at.passage).is_some_and(|p| {
                        matches!(
                            p.kind,
                            crate::segment::PassageKind::Title | crate::segment::PassageKind::Heading
                        )
                    }) {
                        said.sources.clear();
                    }
                    (m.at, said)
                })
                .collect();
            let mut out = Vec::new();
            detect_claim(claim.id, &members, &mut out);
            let d = done.fetch_add(1, Ordering::Relaxed) + 1;
            if d.is_multiple_of(64) || d == total {
                progress(Progress { stage: Stage::Discrepancies, done: d, total });
            }
            out
        })
        .collect();
    let mut out: Vec<Discrepancy> = found.into_iter().flatten().collect();
    out.dedup_by(|a, b| {
        a.claim == b.claim && a.kind == b.kind && a.members == b.members && a.detail == b.detail
    });
    for (id, d) in out.iter_mut().enumerate() {
        d.id = id;
    }
    out
}

/// Most members of other articles a denying member is compared with…
const NEGATION_PARTNERS: usize = 16;
/// …and about how many comparisons a claim gets in all (but at least two per denying member):
/// a claim of a thousand retellings would otherwise cost a million text comparisons.
const NEGATION_COMPARISONS: usize = 256;

/// Runs every detector over the members of one claim.
///
/// Members that state the same thing (the same quotations, the same credited sources) are
/// compared once as a group, and pairs that differ in the same way are reported once with all
/// their members: "\"error\" vs \"mistake\"" across twelve articles is one discrepancy.
pub fn detect_claim(claim: usize, members: &[(PassageRef, Statements)], out: &mut Vec<Discrepancy>) {
    let mut push = |kind, refs: BTreeSet<PassageRef>, detail: String| {
        let articles: BTreeSet<usize> = refs.iter().map(|r| r.article).collect();
        if articles.len() >= 2 {
            out.push(Discrepancy { id: 0, kind, claim, members: refs.into_iter().collect(), detail });
        }
    };
    // Numbers: same unit, disjoint values.
    let units: BTreeSet<&String> = members.iter().flat_map(|(_, s)| s.quantities.keys()).collect();
    for unit in units {
        if let Some((refs, detail)) = disagreement(members, |s| {
            s.quantities.get(unit).map(|v| v.iter().map(|q| show_quantity(q, unit)).collect())
        }) {
            push(DiscrepancyKind::Number, refs, detail);
        }
    }
    // Scope: the same "N of M unit" with a different part or whole.
    let scope_units: BTreeSet<&String> = members.iter().flat_map(|(_, s)| s.extents.keys()).collect();
    for unit in scope_units {
        if let Some((refs, detail)) = disagreement(members, |s| {
            s.extents.get(unit).map(|v| {
                v.iter().map(|(p, w)| format!("{} of {}", p.shown, show_quantity(w, unit))).collect()
            })
        }) {
            push(DiscrepancyKind::Scope, refs, detail);
        }
    }
    // Dates: months, years, weekdays.
    let month_name = |m: &u8| text::MONTHS[usize::from(*m).saturating_sub(1) % 12].to_string();
    let months =
        disagreement(members, |s| (!s.months.is_empty()).then(|| s.months.iter().map(month_name).collect()));
    // Days only when the months agree: "October vs December" already says it.
    let days = || {
        disagreement(members, |s| {
            (!s.days.is_empty())
                .then(|| s.days.iter().map(|(m, d)| format!("{} {d}", month_name(m))).collect())
        })
    };
    if let Some((refs, detail)) = months.or_else(days) {
        push(DiscrepancyKind::Date, refs, detail);
    }
    if let Some((refs, detail)) =
        disagreement(members, |s| (!s.years.is_empty()).then(|| s.years.iter().map(i32::to_string).collect()))
    {
        push(DiscrepancyKind::Date, refs, detail);
    }
    const DAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    if let Some((refs, detail)) = disagreement(members, |s| {
        (!s.weekdays.is_empty())
            .then(|| s.weekdays.iter().map(|d| DAYS[usize::from(*d - 1) % 7].to_string()).collect())
    }) {
        push(DiscrepancyKind::Date, refs, detail);
    }
    let mut pairs: BTreeMap<(DiscrepancyKind, String), BTreeSet<PassageRef>> = BTreeMap::new();
    // Quotations: the same quotation in other words.
    let by_quotes = group_by(members, |s| (!s.quotes.is_empty()).then(|| s.quotes.clone()));
    // Wordings share quotations ("a" and "a, b"): each quotation is prepared once, and each
    // pair of quotations compared once.
    let mut quotes: Vec<Quote> = Vec::new();
    let mut quote_ids: HashMap<&str, usize> = HashMap::new();
    let prepared: Vec<Vec<usize>> = by_quotes
        .iter()
        .map(|(texts, _)| {
            texts
                .iter()
                .map(|q| {
                    *quote_ids.entry(q.as_str()).or_insert_with(|| {
                        quotes.push(Quote::new(q));
                        quotes.len() - 1
                    })
                })
                .collect()
        })
        .collect();
    let mut compared: HashMap<(usize, usize), Option<String>> = HashMap::new();
    for (x, y) in group_pairs(&by_quotes) {
        let (ga, gb) = (&by_quotes[x].1, &by_quotes[y].1);
        if !across_articles(ga, gb) {
            continue;
        }
        let first_difference =
            prepared[x].iter().flat_map(|&a| prepared[y].iter().map(move |&b| (a, b))).find_map(|(a, b)| {
                compared.entry((a, b)).or_insert_with(|| quote_difference(&quotes[a], &quotes[b])).clone()
            });
        if let Some(detail) = first_difference {
            pairs.entry((DiscrepancyKind::Quote, detail)).or_default().extend(named(ga, gb));
        }
    }
    // Negation: one member denies or negates what another states, in otherwise shared words.
    let deniers = members.iter().filter(|(_, s)| !s.denials.is_empty()).count();
    let partners = (NEGATION_COMPARISONS / deniers.max(1)).clamp(2, NEGATION_PARTNERS);
    for (ra, sa) in members.iter().filter(|(_, s)| !s.denials.is_empty()) {
        let plain = members.iter().filter(|(r, s)| r.article != ra.article && s.denials.is_empty());
        for (rb, sb) in plain.take(partners) {
            if let Some(cue) = negation_difference(sa, sb) {
                let detail = format!("\"{cue}\" vs stated plainly");
                pairs.entry((DiscrepancyKind::Negation, detail)).or_default().extend([*ra, *rb]);
            }
        }
    }
    // Attribution: credited to different sources.
    let by_sources = group_by(members, |s| (!s.sources.is_empty()).then(|| s.sources.clone()));
    for (x, y) in group_pairs(&by_sources) {
        let ((sa, ga), (sb, gb)) = (&by_sources[x], &by_sources[y]);
        if across_articles(ga, gb) && sources_conflict(sa, sb) {
            let show = |s: &BTreeSet<String>| s.iter().cloned().collect::<Vec<_>>().join(", ");
            let detail = format!("{} vs {}", show(sa), show(sb));
            pairs.entry((DiscrepancyKind::Attribution, detail)).or_default().extend(named(ga, gb));
        }
    }
    for ((kind, detail), refs) in pairs {
        push(kind, refs, detail);
    }
}

/// The members grouped by what `key` says they state, groups in order of first appearance;
/// members stating nothing are left out.
fn group_by<K: PartialEq + Eq + std::hash::Hash + Clone>(
    members: &[(PassageRef, Statements)],
    key: impl Fn(&Statements) -> Option<K>,
) -> Vec<(K, Vec<PassageRef>)> {
    let mut index: HashMap<K, usize> = HashMap::new();
    let mut groups: Vec<(K, Vec<PassageRef>)> = Vec::new();
    for (r, s) in members {
        if let Some(k) = key(s) {
            let g = *index.entry(k.clone()).or_insert_with(|| {
                groups.push((k, Vec::new()));
                groups.len() - 1
            });
            groups[g].1.push(*r);
        }
    }
    groups
}

/// Most distinct wordings each wording is compared with: the commonest ones.
const REFERENCE_GROUPS: usize = 12;

/// Which pairs of groups to compare, `(x, y)` with `x < y`: all of them when there are few,
/// else each group with the [`REFERENCE_GROUPS`] largest. In a claim told a thousand ways, a
/// wording that differs from what most articles say is the finding; comparing every rare
/// wording with every other would cost a million comparisons and bury it.
fn group_pairs<K>(groups: &[(K, Vec<PassageRef>)]) -> Vec<(usize, usize)> {
    let all = |n: usize| (0..n).flat_map(move |x| (x + 1..n).map(move |y| (x, y)));
    if groups.len() <= REFERENCE_GROUPS {
        return all(groups.len()).collect();
    }
    let mut by_size: Vec<usize> = (0..groups.len()).collect();
    by_size.sort_by_key(|&g| (std::cmp::Reverse(groups[g].1.len()), g));
    let mut reference = vec![false; groups.len()];
    for &g in &by_size[..REFERENCE_GROUPS] {
        reference[g] = true;
    }
    all(groups.len()).filter(|&(x, y)| reference[x] || reference[y]).collect()
}

/// How many passages of the commoner side a discrepancy between two wordings names.
const COMMON_SIDE_NAMED: usize = 8;

/// The passages a discrepancy between two groups names: all of the rarer side, and the first
/// [`COMMON_SIDE_NAMED`] of the commoner. When one outlet words a quotation differently from
/// four hundred others, the finding is that outlet; the claim lists the four hundred.
fn named<'a>(a: &'a [PassageRef], b: &'a [PassageRef]) -> impl Iterator<Item = PassageRef> + 'a {
    let (rare, common) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    rare.iter().chain(common.iter().take(COMMON_SIDE_NAMED.max(rare.len()))).copied()
}

/// Whether some member of `a` and some member of `b` come from different articles.
fn across_articles(a: &[PassageRef], b: &[PassageRef]) -> bool {
    let first = a.first().or(b.first()).map(|r| r.article);
    a.iter().chain(b).any(|r| Some(r.article) != first)
}

/// Groups the members by what `view` says they state and reports a disagreement when two
/// articles state sets that share nothing. Members that state nothing are left out.
fn disagreement(
    members: &[(PassageRef, Statements)],
    view: impl Fn(&Statements) -> Option<BTreeSet<String>>,
) -> Option<(BTreeSet<PassageRef>, String)> {
    let stated = group_by(members, |s| view(s).filter(|v| !v.is_empty()));
    let mut refs = BTreeSet::new();
    let mut sides: Vec<&BTreeSet<String>> = Vec::new();
    for (x, (va, ga)) in stated.iter().enumerate() {
        for (vb, gb) in &stated[x + 1..] {
            if va.is_disjoint(vb) && across_articles(ga, gb) {
                refs.extend(ga.iter().chain(gb));
                for v in [va, vb] {
                    if !sides.contains(&v) {
                        sides.push(v);
                    }
                }
            }
        }
    }
    if refs.is_empty() {
        return None;
    }
    let detail: Vec<String> =
        sides.iter().map(|s| s.iter().cloned().collect::<Vec<_>>().join(", ")).collect();
    Some((refs, detail.join(" vs ")))
}

fn show_quantity(q: &Quantity, unit: &str) -> String {
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

/// Words that follow a number without being its unit.
fn is_filler(w: &str) -> bool {
    matches!(
        w,
        "a" | "an"
            | "the"
            | "of"
            | "and"
            | "or"
            | "to"
            | "in"
            | "on"
            | "at"
            | "for"
            | "by"
            | "with"
            | "from"
            | "than"
            | "more"
            | "less"
            | "about"
            | "over"
            | "under"
            | "nearly"
            | "almost"
            | "some"
            | "other"
            | "is"
            | "was"
            | "were"
            | "are"
            | "be"
            | "had"
            | "has"
            | "have"
            | "that"
            | "this"
            | "it"
            | "its"
            | "their"
            | "his"
            | "her"
            | "as"
            | "per"
            | "after"
            | "before"
            | "into"
            | "new"
            | "s"
            | "also"
    )
}

/// Singular, lower-case form of a unit word ("hours" → "hour", "companies" → "company").
fn singular(w: &str) -> String {
    let w = w.to_lowercase();
    if let Some(s) = w.strip_suffix("ies").filter(|s| s.len() > 2) {
        format!("{s}y")
    } else if w.ends_with("ss") || w.len() <= 3 {
        w
    } else if let Some(s) = w.strip_suffix('s') {
        s.to_string()
    } else {
        w
    }
}

/// Extracts what a passage states. `article_year` resolves "last year" and "this year".
pub fn statements(passage: &str, article_year: Option<i32>) -> Statements {
    let mut s = Statements::default();
    let words: Vec<(usize, &str)> = passage.unicode_word_indices().collect();
    let lower: Vec<String> = words.iter().map(|(_, w)| text::fold_style(w)).collect();
    let mut i = 0;
    while i < words.len() {
        let (pos, w) = words[i];
        let l = lower[i].as_str();
        if let Some(m) = text::month(w) {
            s.months.insert(m);
            let after = lower.get(i + 1).and_then(|n| day_of_month(n));
            if let Some(d) = after.or_else(|| i.checked_sub(1).and_then(|p| day_of_month(&lower[p]))) {
                s.days.insert((m, d));
            }
        } else if let Some(d) = text::weekday(w) {
            s.weekdays.insert(d);
        }
        if (l == "last" || l == "this" || l == "next")
            && lower.get(i + 1).is_some_and(|n| n == "year")
            && let Some(y) = article_year
        {
            {
                s.years.insert(match l {
                    "last" => y - 1,
                    "next" => y + 1,
                    _ => y,
                });
            }
        }
        if text::is_negation(w) || text::is_denial(l) {
            s.denials.push(w.to_string());
        }
        // Quantities.
        // "one" counts only in "one of …", where it opens an extent.
        let one_of = l == "one" && lower.get(i + 1).is_some_and(|n| n == "of");
        let value = parse_number(l).or_else(|| text::number_word(l)).or(one_of.then_some(1.0));
        if let Some(mut v) = value {
            let is_digits = l.starts_with(|c: char| c.is_ascii_digit());
            let mut j = i + 1;
            if let Some(scale) = lower.get(j).and_then(|n| text::scale_word(n)).filter(|_| v < 1000.0) {
                v *= scale;
                j += 1;
            }
            let before = passage[..pos].trim_end();
            let after = &passage[pos + w.len()..];
            let currency = before.chars().last().filter(|c| matches!(c, '$' | '€' | '£'));
            let unit = if let Some(c) = currency {
                Some(c.to_string())
            } else if after.starts_with('%') || lower.get(j).is_some_and(|n| n == "percent" || n == "per") {
                Some("percent".to_string())
            } else {
                lower
                    .get(j)
                    .filter(|n| {
                        !is_filler(n)
                            && parse_number(n).is_none()
                            && text::number_word(n).is_none()
                            && n.chars().all(char::is_alphabetic)
                    })
                    .map(|n| singular(n))
            };
            let is_year = is_digits && (1900.0..=2100.0).contains(&v) && v.fract() == 0.0 && l.len() == 4;
            if is_year && unit.as_deref().is_none_or(|u| u != "$" && u != "percent") {
                s.years.insert(v as i32);
            } else {
                // "one of two regions", "one of our 39 regions": an extent, not a plain count.
                if lower.get(i + 1).is_some_and(|n| n == "of") {
                    let mut k = i + 2;
                    while lower.get(k).is_some_and(|n| {
                        matches!(n.as_str(), "the" | "our" | "its" | "their" | "his" | "her")
                    }) {
                        k += 1;
                    }
                    let whole = lower.get(k).and_then(|n| parse_number(n).or_else(|| text::number_word(n)));
                    let whole_unit = lower.get(k + 1).filter(|n| n.chars().all(char::is_alphabetic));
                    if let (Some(wv), Some(wu)) = (whole, whole_unit) {
                        s.extents
                            .entry(singular(wu))
                            .or_default()
                            .insert((Quantity::new(v), Quantity::new(wv)));
                        i = k + 2;
                        continue;
                    }
                }
                if let Some(unit) = unit {
                    s.quantities.entry(unit).or_default().insert(Quantity::new(v));
                }
            }
            i = j.max(i + 1);
            continue;
        }
        i += 1;
    }
    s.cues = (0..words.len())
        .filter(|&k| text::is_negation(words[k].1) || text::is_denial(&lower[k]))
        // "whether or not", "AI powered or not": an alternative, not a negation.
        .filter(|&k| k == 0 || lower[k - 1] != "or")
        .map(|k| (k, words[k].1.to_string()))
        .collect();
    s.roots = lower.iter().map(|w| root(w)).collect();
    s.quotes = text::quote_regions(passage).into_iter().map(|r| passage[r].to_string()).collect();
    s.sources = sources(&words, &lower);
    s.words = lower;
    s
}

/// Reporting verbs after which (or before which) a source is named.
fn is_reporting_verb(w: &str) -> bool {
    matches!(
        w,
        "said"
            | "says"
            | "told"
            | "tells"
            | "reported"
            | "reports"
            | "stated"
            | "states"
            | "claimed"
            | "claims"
            | "confirmed"
            | "confirms"
            | "announced"
            | "announces"
            | "wrote"
            | "writes"
            | "added"
            | "insisted"
            | "acknowledged"
            | "acknowledges"
            | "admitted"
            | "admits"
            | "denied"
            | "denies"
            | "described"
            | "describes"
            | "estimated"
            | "estimates"
            | "noted"
            | "notes"
            | "emphasized"
            | "emphasised"
            | "explained"
            | "argued"
    )
}

/// Sources a passage credits: "according to X", "X said", "X reports", "told X".
fn sources(words: &[(usize, &str)], lower: &[String]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    // The noun phrase after position `k`: capitalised names, or a generic head noun.
    let phrase_after = |mut k: usize| -> Option<String> {
        while lower.get(k).is_some_and(|w| matches!(w.as_str(), "the" | "a" | "an" | "its" | "their")) {
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
        if j == 0 && parts.len() == 1 && !is_known_capital(words[0].1) {
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
        } else if is_reporting_verb(&lower[i]) {
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
        || crate::features::is_stopword(&l)
        || matches!(
            l.as_ref(),
            "furthermore"
                | "however"
                | "meanwhile"
                | "moreover"
                | "additionally"
                | "also"
                | "still"
                | "yet"
                | "now"
                | "today"
                | "yesterday"
                | "tomorrow"
                | "earlier"
                | "later"
                | "separately"
                | "instead"
                | "indeed"
                | "anyway"
                | "finally"
                | "ultimately"
                | "last"
                | "next"
                | "on"
                | "in"
                | "at"
        )
}

/// Capitalised sentence-initial words that are still names (not "He", "She", "It", "The").
fn is_known_capital(w: &str) -> bool {
    !matches!(
        w,
        "He" | "She" | "It" | "They" | "We" | "I" | "The" | "This" | "That" | "A" | "An" | "But" | "And"
    )
}

/// Generic nouns that name a source.
fn is_source_noun(w: &str) -> bool {
    matches!(
        singular(w).as_str(),
        "company"
            | "spokesperson"
            | "spokesman"
            | "spokeswoman"
            | "employee"
            | "people"
            | "person"
            | "source"
            | "official"
            | "police"
            | "report"
            | "newspaper"
            | "statement"
            | "executive"
            | "analyst"
            | "witness"
            | "investigator"
            | "authority"
            | "engineer"
            | "insider"
            | "staff"
            | "worker"
            | "resident"
            | "expert"
    )
}

/// The denial or negation cue that `deny` adds to words it otherwise shares with `plain`.
///
/// The cue must sit in the changed part of a word diff, and most of the shorter passage's
/// words must be shared: a "not" in an unrelated clause is no denial of the claim.
fn negation_difference(deny: &Statements, plain: &Statements) -> Option<String> {
    // The cue must negate something the plain side states: one of the content words right
    // after it ("denies that *AI caused*", "did not *affect*") appears there too. Checked
    // before the diff, which is the expensive part.
    let negates = |k: usize| {
        deny.words[k + 1..]
            .iter()
            .filter(|x| x.chars().count() > 2 && !is_filler(x))
            .take(3)
            .any(|x| plain.roots.contains(&root(x)))
    };
    let cues: Vec<&(usize, String)> = deny.cues.iter().filter(|(k, _)| negates(*k)).collect();
    if cues.is_empty() {
        return None;
    }
    let ops = crate::diff::bounded_diff(similar::Algorithm::Myers, &plain.words, &deny.words);
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
            if let Some((_, cue)) = cues.iter().find(|(k, _)| added.contains(k)) {
                return Some(cue.clone());
            }
        }
    }
    None
}

/// A crude stem for matching words across passages: folded, first five letters.
fn root(w: &str) -> String {
    text::fold(w).chars().take(5).collect()
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

fn source_class(s: &str) -> Option<&'static str> {
    Some(match s {
        "company" | "spokesperson" | "spokesman" | "spokeswoman" | "statement" | "executive" | "official" => {
            "org"
        }
        "report" | "newspaper" => "press",
        "employee" | "people" | "person" | "source" | "insider" | "staff" | "worker" | "engineer" => {
            "insiders"
        }
        "police" | "authority" | "investigator" => "authorities",
        "witness" | "resident" => "witnesses",
        "analyst" | "expert" => "analysts",
        _ => return None,
    })
}

/// Whether a credited name is a news outlet or agency: "financial times", "reuters".
fn is_outlet(s: &str) -> bool {
    let last = s.rsplit(' ').next().unwrap_or(s);
    matches!(
        last,
        "times"
            | "post"
            | "journal"
            | "news"
            | "herald"
            | "tribune"
            | "guardian"
            | "telegraph"
            | "gazette"
            | "courier"
            | "ledger"
            | "chronicle"
            | "wire"
            | "reuters"
            | "bloomberg"
            | "press"
            | "afp"
            | "ap"
            | "bbc"
            | "cnn"
            | "cnbc"
            | "axios"
            | "politico"
            | "verge"
    )
}

fn same_source(x: &str, y: &str) -> bool {
    // A news outlet relays its sources: "the FT reported" and "employees said" may credit the
    // same people, so an outlet never conflicts with anyone.
    if is_outlet(x)
        || is_outlet(y)
        || matches!(source_class(x), Some("press"))
        || matches!(source_class(y), Some("press"))
    {
        return true;
    }
    match (source_class(x), source_class(y)) {
        (Some(cx), Some(cy)) => cx == cy,
        // A generic organisation or outlet may be any named one.
        (Some(c), None) | (None, Some(c)) => matches!(c, "org" | "press"),
        (None, None) => {
            let initials = |s: &str| s.split(' ').filter_map(|w| w.chars().next()).collect::<String>();
            x == y || x.contains(y) || y.contains(x) || initials(x) == y || initials(y) == x
        }
    }
}

/// When two quotations are the same passage in different words, the words that differ.
fn quote_difference(a: &Quote, b: &Quote) -> Option<String> {
    let (Quote { text: qa, content: ca, normalised: na }, Quote { text: qb, content: cb, normalised: nb }) =
        (a, b);
    if ca.len() < 2 || cb.len() < 2 {
        return None;
    }
    let shared = ca.intersection(cb).count();
    let overlap = shared as f32 / ca.len().min(cb.len()) as f32;
    // A quote cut shorter is the same quote; so is one differing only in style.
    if overlap < 0.5 || shared < 2 || na.contains(nb.as_str()) || nb.contains(na.as_str()) {
        return None;
    }
    let spans = crate::diff::word_diff(qa, qb);
    // The same quotation reworded: mostly the same words in the same order, a few changed.
    let same: usize = spans
        .iter()
        .filter(|s| matches!(s.tag, crate::diff::Tag::Equal | crate::diff::Tag::Restyled))
        .map(|s| qa[s.old.clone()].unicode_words().count())
        .sum();
    let shorter = qa.unicode_words().count().min(qb.unicode_words().count());
    if (same as f32) < 0.6 * shorter as f32 {
        return None;
    }
    // Changes before the first or after the last shared word only cut the quote
    // elsewhere; the rewording is what differs in between.
    let first =
        spans.iter().position(|s| s.tag == crate::diff::Tag::Equal && !qa[s.old.clone()].trim().is_empty());
    let last =
        spans.iter().rposition(|s| s.tag == crate::diff::Tag::Equal && !qa[s.old.clone()].trim().is_empty());
    let (Some(first), Some(last)) = (first, last) else { return None };
    // …unless both sides change there: then it is a rewording at the edge.
    let two_sided = |part: &[crate::diff::Span]| {
        let loud = |t| part.iter().any(|s| s.tag == t && s.weight != crate::diff::Weight::Quiet);
        loud(crate::diff::Tag::Delete) && loud(crate::diff::Tag::Insert)
    };
    let from = if two_sided(&spans[..first]) { 0 } else { first };
    let to = if two_sided(&spans[last + 1..]) { spans.len() - 1 } else { last };
    let spans = &spans[from..=to];
    let old: Vec<&str> = spans
        .iter()
        .filter(|s| s.tag == crate::diff::Tag::Delete && s.weight != crate::diff::Weight::Quiet)
        .map(|s| qa[s.old.clone()].trim_matches(|c: char| !c.is_alphanumeric()))
        .collect();
    let new: Vec<&str> = spans
        .iter()
        .filter(|s| s.tag == crate::diff::Tag::Insert && s.weight != crate::diff::Weight::Quiet)
        .map(|s| qb[s.new.clone()].trim_matches(|c: char| !c.is_alphanumeric()))
        .collect();
    // Spelling variants ("authorisation") are style, not wording.
    let old: Vec<&str> = old
        .into_iter()
        .filter(|x| !x.is_empty() && !new.iter().any(|y| crate::text::is_spelling_variant(x, y)))
        .collect();
    let new: Vec<&str> = new
        .into_iter()
        .filter(|y| !y.is_empty() && !old.iter().any(|x| crate::text::is_spelling_variant(x, y)))
        .collect();
    // A rewording changes a word that carries meaning; "vs" against "not" is noise from
    // two quotations that only look alike.
    let meaningful = |v: &[&str]| v.iter().any(|w| w.unicode_words().any(|x| x.chars().count() > 3));
    // …and changes words, not whole phrases: "error" against "specifically misconfigured
    // access controls" is another quotation, not this one reworded, while "found … any …
    // information" against "data" is a misquote word by word.
    let words = |v: &[&str]| v.iter().map(|w| w.unicode_words().count()).sum::<usize>();
    let longest = |v: &[&str]| v.iter().map(|w| w.unicode_words().count()).max().unwrap_or(0);
    let (wo, wn) = (words(&old), words(&new));
    let bigger = if wo >= wn { &old } else { &new };
    let lopsided = wo > 0 && wn > 0 && wo.max(wn) > 2 * wo.min(wn) && longest(bigger) >= 2;
    if (old.is_empty() && new.is_empty())
        || old.len().max(new.len()) > 4
        || wo.max(wn) > 6
        || lopsided
        || !(meaningful(&old) || meaningful(&new))
    {
        return None;
    }
    let side = |v: &[&str]| {
        if v.is_empty() { "—".to_string() } else { format!("\"{}\"", v.join(" … ")) }
    };
    Some(format!("{} vs {}", side(&old), side(&new)))
}

/// A quotation with what the comparison needs, worked out once per wording.
struct Quote {
    text: String,
    /// Its folded words of three letters or more.
    content: BTreeSet<String>,
    /// Its folded words, space-separated.
    normalised: String,
}

impl Quote {
    fn new(text: &str) -> Self {
        Quote {
            text: text.to_string(),
            content: text.unicode_words().map(text::fold_style).filter(|w| w.len() > 2).collect(),
            normalised: normalise_quote(text),
        }
    }
}

fn normalise_quote(q: &str) -> String {
    q.unicode_words().map(text::fold_style).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(article: usize) -> PassageRef {
        PassageRef { article, passage: 0 }
    }

    fn run(texts: &[&str]) -> Vec<Discrepancy> {
        let members: Vec<_> =
            texts.iter().enumerate().map(|(i, t)| (r(i), statements(t, Some(2026)))).collect();
        let mut out = Vec::new();
        detect_claim(0, &members, &mut out);
        out
    }

    fn kinds(d: &[Discrepancy]) -> Vec<DiscrepancyKind> {
        d.iter().map(|d| d.kind).collect()
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
        let dates: Vec<&str> =
            d.iter().filter(|d| d.kind == DiscrepancyKind::Date).map(|d| d.detail.as_str()).collect();
        assert_eq!(dates, vec!["October 12 vs October 14"]);
        // The same day written two ways agrees; another month is reported as months only.
        assert!(run(&["on 12 October", "on October 12"]).iter().all(|d| d.kind != DiscrepancyKind::Date));
        let d = run(&["on December 3", "on October 3"]);
        assert_eq!(
            d.iter().find(|d| d.kind == DiscrepancyKind::Date).map(|d| d.detail.as_str()),
            Some("December vs October")
        );
        // A year or a count after a month is not a day.
        assert!(
            run(&["in October 2024", "in October 45 people"]).iter().all(|d| d.kind != DiscrepancyKind::Date)
        );
    }

    #[test]
    fn days_and_sentence_adverbs_are_not_part_of_a_source() {
        let s = statements("On Monday Lumora said no records were taken.", None);
        assert_eq!(s.sources.iter().collect::<Vec<_>>(), vec!["lumora"]);
        let s = statements("Furthermore Amazon said the outage was brief.", None);
        assert_eq!(s.sources.iter().collect::<Vec<_>>(), vec!["amazon"]);
        // …so the company named alone and with its full name is one source.
        assert!(
            run(&[
                "On Monday Lumora said no records were taken.",
                "Lumora Health said no records were taken."
            ])
            .iter()
            .all(|d| d.kind != DiscrepancyKind::Attribution)
        );
    }

    #[test]
    fn a_misquote_word_by_word_is_kept_but_another_quotation_is_not() {
        let d = run(&[
            "\"We have found no evidence that any patient information has been misused,\" Lumora said.",
            "The company said, \"We have no evidence that patient data has been misused.\"",
        ]);
        assert_eq!(kinds(&d), vec![DiscrepancyKind::Quote], "{d:?}");
        let d = run(&[
            "\"The outage was caused by error and not by the AI agent,\" the company said.",
            "\"The outage was caused by misconfigured access controls and not by the AI agent,\" it said.",
        ]);
        assert!(d.iter().all(|d| d.kind != DiscrepancyKind::Quote), "{d:?}");
    }

    #[test]
    fn an_outlet_relays_its_sources_rather_than_contradicting_them() {
        let attributions =
            |a: &str, b: &str| run(&[a, b]).iter().filter(|d| d.kind == DiscrepancyKind::Attribution).count();
        let employees = "Two employees said the outage lasted 13 hours.";
        assert_eq!(attributions(employees, "The Financial Times reported the outage lasted 13 hours."), 0);
        assert_eq!(attributions(employees, "The outage lasted 13 hours, according to Reuters."), 0);
        assert_eq!(attributions(employees, "Amazon said the outage lasted 13 hours."), 1);
    }

    #[test]
    fn reworded_quote() {
        let d = run(&[
            "The outages were \"small but entirely foreseeable,\" he said.",
            "He said the outages were \u{201c}small, but entirely predictable\u{201d}.",
        ]);
        assert_eq!(kinds(&d), vec![DiscrepancyKind::Quote]);
        assert_eq!(d[0].detail, "\"foreseeable\" vs \"predictable\"");
    }

    #[test]
    fn shortened_quote_is_not_a_discrepancy() {
        let d =
            run(&["It was \"an extremely limited event\" in one region.", "It was \"extremely limited\"."]);
        assert!(d.iter().all(|d| d.kind != DiscrepancyKind::Quote), "{d:?}");
    }

    #[test]
    fn denial_against_assertion() {
        let d = run(&["AI tools caused the outage.", "Amazon denies that AI tools caused the outage."]);
        assert_eq!(kinds(&d), vec![DiscrepancyKind::Negation]);
    }

    #[test]
    fn function_word_changes_in_quotes_are_not_rewordings() {
        let d =
            run(&["It was \"user error vs AI error\" again.", "It was \"user error, not AI error\" again."]);
        assert!(d.iter().all(|d| d.kind != DiscrepancyKind::Quote), "{d:?}");
    }

    #[test]
    fn a_heading_is_not_contradicted() {
        let d = run(&["The Second One", "The second incident did not affect customers."]);
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn quote_cut_elsewhere_reports_only_the_rewording() {
        let d = run(&[
            "\"The issue was a misconfigured role, the same issue that could occur with any tool,\" it said.",
            "It said \"the same problem could occur with any tool\".",
        ]);
        assert_eq!(
            d.iter().find(|d| d.kind == DiscrepancyKind::Quote).map(|d| d.detail.as_str()),
            Some("\"issue that\" vs \"problem\"")
        );
    }

    #[test]
    fn scope_of_regions() {
        let d = run(&["It hit one of two regions in China.", "It hit one of 39 regions."]);
        assert_eq!(kinds(&d), vec![DiscrepancyKind::Scope], "{d:?}");
        assert_eq!(d[0].detail, "1 of 2 regions vs 1 of 39 regions");
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
    fn agreeing_members_give_nothing() {
        assert!(
            run(&["The plant employs 1,200 people.", "About 1,200 people work at the plant."]).is_empty()
        );
    }
}
