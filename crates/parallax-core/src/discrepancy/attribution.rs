//! Attribution: the same statement credited to sources that cannot be the same, `police vs
//! company`.
//!
//! A source is what a passage credits: "according to X", "X said", "said X", "told X". Three
//! things are never a conflict: two passages of one article (an article credits whom it
//! credits), an outlet against the source it relays ("told The Canadian Press": the outlet is
//! the channel, not the source), and a person against the organisation they speak for, which
//! the corpus says where it names them ("DOT spokesperson Raj Mehta", "John Christie, head of
//! production for Paperny Films"). And the two passages must state the same thing: sources
//! credited for different statements of one topic disagree about nothing, and what is compared
//! is what each credits (its quotation, or the clause its credit introduces), not the words that
//! describe the source ("a resident of Central Aceh district").

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::ops::Range;

use rayon::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

use super::{Detector, Found, Passage, group_pairs, named, singular};
use crate::analysis::{Claim, DiscrepancyKind, PassageRef, Span, Version, VersionMember};
use crate::corpus::Corpus;
use crate::features::parse_number;
use crate::lexicon::{
    NON_NAME_OPENERS, OUTLET_WORDS, REPORTING_VERBS, ROLE_WORDS, SENTENCE_INITIAL_NON_NAMES, SOURCE_CLASSES,
    SOURCE_DETERMINERS, SOURCE_NOUNS, STOPWORDS, TITLES,
};
use crate::text;

/// A credited source: as credited, and the organisation and person it names, if it names them.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) struct Source {
    /// The phrase as credited, folded, without determiners: "vancouver police const tim fanning".
    name: String,
    /// The organisation it names before a role: "vancouver police", "dot", "navy".
    org: Option<String>,
    /// The person it names after a role: "tim fanning".
    person: Option<String>,
}

impl Source {
    /// Reads a credited phrase (its words folded, each with whether it was capitalised) into
    /// its organisation and person: "vancouver police | const | tim fanning".
    fn new(parts: &[(String, bool)]) -> Self {
        let words: Vec<&str> = parts.iter().map(|(w, _)| w.as_str()).collect();
        let name = words.join(" ");
        let role = words.iter().rposition(|p| is_role(p));
        let join = |ps: &[&str]| (!ps.is_empty()).then(|| ps.join(" "));
        let (org, person) = match role {
            // A name follows the role: "DOT spokesperson Raj Mehta".
            Some(end) if end + 1 < parts.len() && parts[end + 1..].iter().all(|(_, capital)| *capital) => {
                let start = words[..end].iter().rposition(|p| !is_role(p)).map_or(0, |s| s + 1);
                (join(&words[..start]), join(&words[end + 1..]))
            }
            // "navy spokesman": an organisation's voice.
            Some(end) if end + 1 == parts.len() => {
                let start = words[..end].iter().rposition(|p| !is_role(p)).map_or(0, |s| s + 1);
                (join(&words[..start]), None)
            }
            // A name, or a generic source ("the mayor's office" is an office).
            _ => (is_class_name(&name).then(|| name.clone()), None),
        };
        Source { name, org, person }
    }
}

/// Whether a folded word is a role or a title before a name: "spokesman", "chief", "const".
fn is_role(w: &str) -> bool {
    ROLE_WORDS.contains(&singular(w)) || TITLES.contains(w)
}

/// Whether a name ends in a generic source noun, which gives its class: "vancouver police".
fn is_class_name(name: &str) -> bool {
    class(name).is_some()
}

/// The kind of source a name is: its own class ("police"), or its last word's ("vancouver
/// police").
fn class(name: &str) -> Option<&'static str> {
    SOURCE_CLASSES
        .get(name)
        .or_else(|| SOURCE_CLASSES.get(&singular(name.rsplit(' ').next().unwrap_or(name))))
}

/// Whom each person speaks for, as the corpus names them: surname → organisations.
#[derive(Debug, Default)]
pub(super) struct Affiliations {
    by_surname: HashMap<String, BTreeSet<String>>,
}

impl Affiliations {
    /// The affiliations stated anywhere in the claims' passages.
    pub fn of(corpus: &Corpus, claims: &[Claim]) -> Self {
        let members: HashSet<PassageRef> =
            claims.iter().flat_map(|c| c.members.iter().map(|m| m.at)).collect();
        let members: Vec<PassageRef> = members.into_iter().collect();
        let found: Vec<(String, String)> = members
            .par_iter()
            .flat_map_iter(|r| {
                let text = corpus.articles.get(r.article).map_or("", |a| a.passage_text(r.passage));
                // Most passages name no role: a split on spaces tells them cheaply.
                let role = |t: &str| {
                    let t = text::lower(t.trim_matches(|c: char| !c.is_alphabetic()));
                    is_role(&t) || t.strip_suffix('s').is_some_and(is_role)
                };
                if text.split_ascii_whitespace().any(role) { affiliations_in(text) } else { Vec::new() }
            })
            .collect();
        let mut by_surname: HashMap<String, BTreeSet<String>> = HashMap::new();
        for (surname, org) in found {
            by_surname.entry(surname).or_default().insert(org);
        }
        Affiliations { by_surname }
    }

    fn orgs(&self, surname: &str) -> impl Iterator<Item = &str> {
        self.by_surname.get(surname).into_iter().flatten().map(String::as_str)
    }

    fn knows(&self, surname: &str) -> bool {
        self.by_surname.contains_key(surname)
    }
}

/// The words of a passage as the source reader walks them.
struct Words<'a> {
    text: &'a str,
    words: &'a [(usize, &'a str)],
    lower: &'a [String],
}

impl<'a> Words<'a> {
    /// Whether words `i` and `i + 1` belong to one phrase: only spaces between them, or the
    /// full stop of a title ("Const. Tim Fanning").
    fn joined(&self, i: usize) -> bool {
        let Some(&(next, _)) = self.words.get(i + 1) else { return false };
        let gap = &self.text[self.words[i].0 + self.words[i].1.len()..next];
        gap.chars().all(char::is_whitespace) || (TITLES.contains(&self.lower[i]) && gap.trim() == ".")
    }

    /// Whether word `k` may be part of a credited name: capitalised and no function word, or a
    /// generic source noun or a role in lower case ("Vancouver *police*", "DOT *spokesperson*").
    fn in_name(&self, k: usize) -> bool {
        let w = self.words[k].1;
        (w.starts_with(char::is_uppercase) && !is_capitalised_non_name(w)) || self.is_source_word(k)
    }

    fn is_source_word(&self, k: usize) -> bool {
        let w = self.lower[k].trim_end_matches("'s");
        is_source_noun(w) || is_role(w)
    }

    /// Whether word `k` modifies the source word after it: "a *navy* spokesman".
    fn modifies(&self, k: usize) -> bool {
        let w = &self.lower[k];
        k + 1 < self.words.len()
            && self.is_source_word(k + 1)
            && w.chars().all(char::is_alphabetic)
            && !STOPWORDS.contains(w)
            && !REPORTING_VERBS.contains(w)
            && self.joined(k)
    }

    /// The credited phrase from word `k` on, as word indices.
    fn phrase_after(&self, mut k: usize) -> Option<Range<usize>> {
        while self.lower.get(k).is_some_and(|w| SOURCE_DETERMINERS.contains(w)) {
            k += 1;
        }
        // Counted sources: "three employees", "four people".
        if self.lower.get(k).is_some_and(|w| parse_number(w).or_else(|| text::number_word(w)).is_some()) {
            k += 1;
        }
        let start = k;
        while k < self.words.len() && (self.in_name(k) || (k == start && self.modifies(k))) {
            k += 1;
            if !self.joined(k - 1) {
                break;
            }
        }
        self.credited(start..k)
    }

    /// The credited phrase ending before word `k`, as word indices.
    fn phrase_before(&self, k: usize) -> Option<Range<usize>> {
        let mut j = k;
        while j > 0 && self.joined(j - 1) && (self.in_name(j - 1) || (j < k && self.modifies(j - 1))) {
            j -= 1;
        }
        // A sentence-initial word alone ("He said") is not a source.
        if j == 0 && k == 1 && SENTENCE_INITIAL_NON_NAMES.contains(self.words[0].1) {
            return None;
        }
        self.credited(j..k)
    }

    /// A phrase that names a source: capitalised, or ending on a generic source noun.
    fn credited(&self, r: Range<usize>) -> Option<Range<usize>> {
        let named = self.words[r.clone()].iter().any(|(_, w)| w.starts_with(char::is_uppercase));
        (!r.is_empty()
            && (named || is_source_noun(&self.lower[r.end - 1]) || is_role(&self.lower[r.end - 1])))
        .then_some(r)
    }

    /// The phrase's words, folded and singular where generic, each with whether it was
    /// capitalised, for [`Source::new`].
    fn parts(&self, r: Range<usize>) -> Vec<(String, bool)> {
        let parts: Vec<(String, bool)> = r
            .map(|k| {
                let w = self.lower[k].trim_end_matches("'s");
                let capital = self.words[k].1.starts_with(char::is_uppercase);
                (if capital { w.to_string() } else { singular(w) }, capital)
            })
            .collect();
        let skip = parts.iter().take_while(|(p, _)| SOURCE_DETERMINERS.contains(p)).count();
        parts[skip..].to_vec()
    }

    /// Every phrase the passage credits, as word ranges: "according to X", "X said", "said
    /// X", "told X", "citing X".
    fn credited_phrases(&self) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        for (i, l) in self.lower.iter().enumerate() {
            if l == "according" && self.lower.get(i + 1).is_some_and(|w| w == "to") {
                out.extend(self.phrase_after(i + 2));
            } else if l == "citing" || l == "cited" {
                out.extend(self.phrase_after(i + 1));
            } else if REPORTING_VERBS.contains(l) {
                // "confirmed to the Financial Times": the channel is credited too.
                if self.lower.get(i + 1).is_some_and(|w| w == "to") {
                    out.extend(self.phrase_after(i + 2));
                }
                if l == "told" {
                    out.extend(self.phrase_after(i + 1));
                }
                match self.phrase_before(i) {
                    Some(p) => out.push(p),
                    // "…, said Aymard": the source after its verb.
                    None if l != "told"
                        && self.words.get(i + 1).is_some_and(|(_, w)| w.starts_with(char::is_uppercase)) =>
                    {
                        out.extend(self.phrase_after(i + 1));
                    }
                    None => {}
                }
            }
        }
        out
    }
}

/// What the corpus says of whom a person speaks for, in one passage: (surname, organisation)
/// for "DOT spokesperson Raj Mehta", "Vancouver police Const. Tim Fanning" and "John Christie,
/// head of production for Paperny Films".
fn affiliations_in(text: &str) -> Vec<(String, String)> {
    let words: Vec<(usize, &str)> = text.unicode_word_indices().collect();
    let lower: Vec<String> = words.iter().map(|(_, w)| text::fold_style(w)).collect();
    let w = Words { text, words: &words, lower: &lower };
    let n = w.words.len();
    let capitalised = |k: usize| {
        k < n && w.words[k].1.starts_with(char::is_uppercase) && !is_capitalised_non_name(w.words[k].1)
    };
    let mut out = Vec::new();
    for r in (0..n).filter(|&k| is_role(&w.lower[k])) {
        // "<org> <role> <Person>": the person right after the role.
        let person_end = (r + 1..n.min(r + 4)).take_while(|&k| capitalised(k) && w.joined(k - 1)).last();
        if let Some(end) = person_end {
            let mut start = r;
            while start > 0
                && w.joined(start - 1)
                && (w.in_name(start - 1) || w.modifies(start - 1))
                && r - start < 4
            {
                start -= 1;
            }
            let org: Vec<String> =
                w.parts(start..r).into_iter().map(|(p, _)| p).filter(|p| !is_role(p)).collect();
            if !org.is_empty() {
                out.push((w.lower[end].clone(), org.join(" ")));
            }
            continue;
        }
        // "<Person>, a <role> … for <Org>": the person before a comma, the organisation after a
        // preposition.
        let Some(comma) = (r.saturating_sub(4)..r)
            .rev()
            .find(|&k| w.text[w.words[k].0 + w.words[k].1.len()..w.words[k + 1].0].contains(','))
        else {
            continue;
        };
        if !capitalised(comma) {
            continue;
        }
        let org_start = (r + 1..n.min(r + 6)).find(|&k| {
            matches!(w.lower[k].as_str(), "of" | "for" | "at" | "with" | "from") && capitalised(k + 1)
        });
        if let Some(o) = org_start {
            let end = (o + 1..n).take_while(|&k| capitalised(k) && w.joined(k - 1)).last().unwrap_or(o + 1);
            let org: Vec<String> = w.parts(o + 1..end + 1).into_iter().map(|(p, _)| p).collect();
            out.push((w.lower[comma].clone(), org.join(" ")));
        }
    }
    out
}

/// What one member credits.
#[derive(Debug, Default)]
pub(super) struct Stated {
    /// The sources it credits, outlets left out.
    sources: BTreeSet<Source>,
    /// Each credited source with its bytes.
    said: Vec<(Source, Span)>,
    /// Crude stems of what it credits (see [`statement`]), numbers as their values: the
    /// statement two credits must share.
    content: BTreeSet<String>,
}

/// What one article credits in a claim: the sources, and its members that credit them.
type Credits<'s> = (BTreeSet<&'s Source>, Vec<(PassageRef, &'s Stated)>);

/// The attribution kind: articles crediting one statement to sources that conflict.
pub(super) struct Attributions;

impl Detector for Attributions {
    const KIND: DiscrepancyKind = DiscrepancyKind::Attribution;
    type Stated<'p> = Stated;

    fn read(p: &Passage<'_>) -> Stated {
        // A headline's capitalised words are not names: "Conflicting Claims Over the
        // Disruption" credits nobody.
        if p.asserts_little() {
            return Stated::default();
        }
        let w = Words { text: p.text, words: &p.words, lower: &p.folded };
        let phrases = w.credited_phrases();
        let mut in_credit = vec![false; w.words.len()];
        let mut said = Vec::new();
        for r in phrases {
            in_credit[r.clone()].fill(true);
            let source = Source::new(&w.parts(r.clone()));
            // An outlet is the channel a source speaks through, not a source.
            if !source.name.is_empty() && !is_outlet(&source.name) {
                let (first, last) = (w.words[r.start], w.words[r.end - 1]);
                said.push((source, p.file_span(first.0..last.0 + last.1.len())));
            }
        }
        let content = statement(p, &in_credit)
            .into_iter()
            .map(|k| &w.lower[k])
            .filter_map(|x| {
                // A number is the most telling word two statements share ("about 40 workers").
                if let Some(n) = parse_number(x).or_else(|| text::number_word(x)) {
                    return Some(format!("#{n}"));
                }
                (x.chars().count() > 2 && !STOPWORDS.contains(x) && !REPORTING_VERBS.contains(x))
                    .then(|| x.chars().take(5).collect())
            })
            .collect();
        Stated { sources: said.iter().map(|(s, _)| s.clone()).collect(), said, content }
    }

    /// Articles crediting the same sources are compared once, as a group.
    fn compare(members: &[(PassageRef, Stated)], found: &mut Found<'_>) {
        let affiliations = &found.context.affiliations;
        // Article → the sources its members credit, and those members.
        let mut by_article: BTreeMap<usize, Credits<'_>> = BTreeMap::new();
        for (r, s) in members.iter().filter(|(_, s)| !s.sources.is_empty()) {
            let (sources, said) = by_article.entry(r.article).or_default();
            sources.extend(&s.sources);
            said.push((*r, s));
        }
        let mut groups: Vec<(&BTreeSet<&Source>, Vec<usize>)> = Vec::new();
        let mut group_of: HashMap<&BTreeSet<&Source>, usize> = HashMap::new();
        for (&article, (sources, _)) in &by_article {
            let g = *group_of.entry(sources).or_insert_with(|| {
                groups.push((sources, Vec::new()));
                groups.len() - 1
            });
            groups[g].1.push(article);
        }
        let sizes: Vec<usize> = groups.iter().map(|(_, arts)| arts.len()).collect();
        let mut versions = Vec::new();
        for (x, y) in group_pairs(&sizes) {
            let ((sa, ga), (sb, gb)) = (&groups[x], &groups[y]);
            if !sources_conflict(sa, sb, affiliations) {
                continue;
            }
            let (na, nb) = named(ga.len(), gb.len());
            let said = |arts: &[usize], n: usize| -> Vec<(PassageRef, &Stated)> {
                arts.iter().take(n).flat_map(|a| by_article[a].1.iter().copied()).collect()
            };
            let (said_a, said_b) = (said(ga, na), said(gb, nb));
            let same_statement = said_a
                .iter()
                .any(|(_, a)| said_b.iter().any(|(_, b)| same_statement(&a.content, &b.content)));
            if !same_statement {
                continue;
            }
            let side = |sources: &BTreeSet<&Source>, said: &[(PassageRef, &Stated)]| Version {
                value: sources.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join(", "),
                members: said
                    .iter()
                    .flat_map(|(at, s)| s.said.iter().map(|(_, span)| VersionMember { at: *at, span: *span }))
                    .collect(),
            };
            versions.push(vec![side(sa, &said_a), side(sb, &said_b)]);
        }
        for v in versions {
            found.merge(v);
        }
    }
}

/// Most words between a quotation and the credit beside it ("…,\" *he* said").
const QUOTE_GAP: usize = 2;

/// The words of what `p` credits to its sources (word indices), credits left out: its
/// quotations when it quotes, else the longer side of its first credit ("Police said *the
/// suspect gave himself up*", "*The suspect gave himself up*, police said"). Not the words
/// describing the source: in "\"We saw houses fall,\" said Ana Lima, a resident of Central
/// Aceh district", Central Aceh district is no part of what she said.
fn statement(p: &Passage<'_>, in_credit: &[bool]) -> Vec<usize> {
    let words = 0..p.words.len();
    let quoted = |k: &usize| {
        let at = p.start + p.words[*k].0;
        p.quotes.iter().any(|q| q.contains(&at))
    };
    let inside: Vec<usize> = words.clone().filter(quoted).filter(|&k| !in_credit[k]).collect();
    let Some(credit) = in_credit.iter().position(|&c| c) else { return words.collect() };
    // The quotation the credit stands beside ("\"…,\" said Ana Lima", "Lima said: \"…\""); a
    // quoted phrase inside a reported statement ("repairs will take \"several days\"") is
    // only part of it.
    let beside = inside.first().zip(inside.last()).is_some_and(|(&first, &last)| {
        (last < credit && credit - last <= QUOTE_GAP) || (first > credit && first - credit <= QUOTE_GAP + 1)
    });
    if beside {
        return inside;
    }
    let after = in_credit[credit..].iter().position(|&c| !c).map_or(p.words.len(), |n| credit + n);
    // A reporting verb or "that" beside the credit is part of it.
    let skip = |k: &usize| REPORTING_VERBS.contains(&p.folded[*k]) || p.folded[*k] == "that";
    let before: Vec<usize> = (0..credit).filter(|k| !skip(k)).collect();
    let after: Vec<usize> = (after..p.words.len()).filter(|k| !in_credit[*k] && !skip(k)).collect();
    if after.len() > before.len() { after } else { before }
}

/// Share of the smaller statement's content words that two credited passages must share more
/// than, to state the same thing: half of what a resident saw ("houses were damaged … some
/// people") is the story's vocabulary, not the official's toll.
const SAME_STATEMENT: f32 = 0.5;

/// Whether two passages' content (see [`Stated::content`]) states the same thing.
fn same_statement(a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
    let shared = a.intersection(b).count();
    shared >= 2 && shared as f32 > SAME_STATEMENT * a.len().min(b.len()) as f32
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
        || REPORTING_VERBS.contains(&l)
}

/// Whether `w` is a generic noun that names a source, in the singular or the plural.
fn is_source_noun(w: &str) -> bool {
    SOURCE_NOUNS.contains(&singular(w))
}

/// Whether a credited name is a news outlet or agency: "financial times", "reuters".
fn is_outlet(s: &str) -> bool {
    OUTLET_WORDS.contains(s.rsplit(' ').next().unwrap_or(s))
}

/// Whether two sets of credited sources cannot be the same source: no source of one may be a
/// source of the other.
fn sources_conflict(a: &BTreeSet<&Source>, b: &BTreeSet<&Source>, aff: &Affiliations) -> bool {
    !a.is_empty() && !b.is_empty() && !a.iter().any(|x| b.iter().any(|y| same_source(x, y, aff)))
}

/// The surname of the person a source names: its person, else its name when the corpus names
/// someone so ("Fanning said", after "Const. Tim Fanning").
fn surname<'s>(s: &'s Source, aff: &Affiliations) -> Option<&'s str> {
    let last = |n: &'s str| n.rsplit(' ').next().unwrap_or(n);
    s.person.as_deref().map(last).or_else(|| Some(last(&s.name)).filter(|n| s.org.is_none() && aff.knows(n)))
}

/// Whether two sources may be the same: the same person, a person and the organisation they
/// speak for, or two names of one organisation.
fn same_source(x: &Source, y: &Source, aff: &Affiliations) -> bool {
    match (surname(x, aff), surname(y, aff)) {
        (Some(px), Some(py)) => px == py,
        (Some(p), None) => speaks_for(x, p, y, aff),
        (None, Some(p)) => speaks_for(y, p, x, aff),
        (None, None) => same_org(x.org.as_deref().unwrap_or(&x.name), y.org.as_deref().unwrap_or(&y.name)),
    }
}

/// Whether the person `p` (surname `surname`) may speak for the organisation `org`: one of the
/// organisations the corpus names them with is it. Whom a person speaks for unknown, they may
/// speak for anyone.
fn speaks_for(p: &Source, surname: &str, org: &Source, aff: &Affiliations) -> bool {
    let org = org.org.as_deref().unwrap_or(&org.name);
    let mut theirs = p.org.as_deref().into_iter().chain(aff.orgs(surname)).peekable();
    theirs.peek().is_none() || theirs.any(|o| same_org(o, org))
}

/// Whether two organisations' names may name one: one name the other's initials or part, the
/// same class of source, or a class that may be anyone's (see [`SOURCE_CLASSES`]): a
/// spokesperson, a statement, unnamed insiders. A generic company may be any named one; the
/// police are no company.
fn same_org(x: &str, y: &str) -> bool {
    if is_outlet(x) || is_outlet(y) {
        return true;
    }
    let initials = |s: &str| s.split(' ').filter_map(|w| w.chars().next()).collect::<String>();
    let named = x == y || x.contains(y) || y.contains(x) || initials(x) == y || initials(y) == x;
    let anyones = |c: Option<&str>| matches!(c, Some("org" | "press" | "insiders"));
    match (class(x), class(y)) {
        _ if named => true,
        (cx, cy) if anyones(cx) || anyones(cy) => true,
        (Some(cx), Some(cy)) => cx == cy,
        // A generic company may be any named one.
        (Some(c), None) | (None, Some(c)) => c == "company" && (is_source_noun(x) || is_source_noun(y)),
        (None, None) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{details, kinds, passage, run, run_passages, sides};
    use super::*;
    use crate::segment::PassageKind;

    fn credited(text: &str) -> Vec<String> {
        Attributions::read(&passage(text)).sources.into_iter().map(|s| s.name).collect()
    }

    fn attributions(d: &[crate::analysis::Discrepancy]) -> Vec<&str> {
        details(d, DiscrepancyKind::Attribution)
    }

    #[test]
    fn attribution_to_different_sources() {
        let d = run(&[
            "The fire started in the kitchen, according to the police.",
            "The fire started in the kitchen, the company said.",
        ]);
        assert_eq!(kinds(&d), vec![DiscrepancyKind::Attribution], "{d:?}");
        assert_eq!(d[0].detail, "police vs company");
        assert_eq!(sides(&d[0]), [("police", vec![0]), ("company", vec![1])]);
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
        assert!(attributions(&d).is_empty(), "{d:?}");
    }

    #[test]
    fn an_outlet_relays_its_sources_rather_than_contradicting_them() {
        let count = |a: &str, b: &str| attributions(&run(&[a, b])).len();
        let employees = "Two employees said the outage lasted 13 hours.";
        assert_eq!(count(employees, "The Financial Times reported the outage lasted 13 hours."), 0);
        assert_eq!(count(employees, "The outage lasted 13 hours, according to Reuters."), 0);
        assert_eq!(
            count("Police said the outage lasted 13 hours.", "Amazon said the outage lasted 13 hours."),
            1
        );
        // Unnamed insiders may be the company's own people.
        assert_eq!(count(employees, "Amazon said the outage lasted 13 hours."), 0);
        // The outlet a person told is the channel: the person is the source.
        assert_eq!(
            credited("Mark Pinder told The Canadian Press that police sent staff downstairs."),
            ["mark pinder"]
        );
    }

    #[test]
    fn never_within_one_article() {
        let passages = [
            super::super::testing::passage_in(
                0,
                "The gunman entered at 4 p.m., police said in a statement.",
                None,
            ),
            super::super::testing::passage_in(0, "The gunman entered at 4 p.m., Amazon said.", None),
            super::super::testing::passage_in(
                1,
                "The gunman entered the party at 4 p.m., police said.",
                None,
            ),
        ];
        let d = run_passages(&passages);
        assert!(attributions(&d).is_empty(), "{d:?}");
        let d = run_passages(&passages[..2]);
        assert!(attributions(&d).is_empty(), "{d:?}");
    }

    #[test]
    fn a_person_speaks_for_their_organisation() {
        let texts = [
            "DOT spokesperson Raj Mehta said the bridge will reopen on Monday.",
            "The bridge will reopen on Monday, the DOT said.",
        ];
        assert!(attributions(&run(&texts)).is_empty());
        // Named alone, the person is still known by the corpus's other passages.
        let corpus = Corpus::from_texts([
            (
                "a.txt",
                "Bridge\nThe bridge will reopen on Monday, Mehta said.\nDOT spokesperson Raj Mehta spoke.\n",
            ),
            ("b.txt", "Bridge\nThe bridge will reopen on Monday, the DOT said.\n"),
        ]);
        let member = |article, passage| crate::analysis::Member {
            at: PassageRef { article, passage },
            similarity: 1.0,
            evidence: Vec::new(),
            span: Span(0, 0),
        };
        let claims = [
            Claim { id: 0, score: 1.0, members: vec![member(0, 1), member(1, 1)] },
            Claim { id: 1, score: 1.0, members: vec![member(0, 2)] },
        ];
        assert!(super::super::detect(&corpus, &claims).is_empty());
        // …and the organisation alone against another is a conflict.
        let d = run(&[
            "The bridge will reopen on Monday, the DOT said.",
            "The bridge will reopen on Monday, Acme Construction said.",
        ]);
        assert_eq!(attributions(&d), ["dot vs acme construction"]);
    }

    #[test]
    fn affiliations_are_read_where_the_corpus_names_a_person() {
        assert_eq!(
            affiliations_in("Vancouver police Const. Tim Fanning told a news conference."),
            [("fanning".to_string(), "vancouver police".to_string())]
        );
        assert_eq!(
            affiliations_in("John Christie, head of house production for Paperny Films, said they hid."),
            [("christie".to_string(), "paperny films".to_string())]
        );
        let police = Source::new(&[("police".into(), false)]);
        let fanning = Source::new(&[("fanning".into(), true)]);
        let mut aff = Affiliations::default();
        assert!(!same_source(&police, &fanning, &aff), "a name the corpus never places is not the police");
        aff.by_surname.insert("fanning".into(), ["vancouver police".to_string()].into());
        assert!(same_source(&police, &fanning, &aff));
        let christie = Source::new(&[("john".into(), true), ("christie".into(), true)]);
        aff.by_surname.insert("christie".into(), ["paperny films".to_string()].into());
        assert!(!same_source(&christie, &fanning, &aff), "two people are two sources");
        assert!(!same_source(&christie, &police, &aff));
    }

    #[test]
    fn a_fire_chief_is_not_the_plant_owner() {
        let d = run(&[
            "Two workers were killed in the blaze on Tuesday, Fire Chief Dana Whitcomb said.",
            "Two workers were killed in the blaze on Tuesday, the plant's owner said.",
        ]);
        assert_eq!(attributions(&d), ["fire chief dana whitcomb vs owner"], "{d:?}");
        let d = run(&[
            "The budget adds 45 firefighter posts, according to the mayor's office.",
            "The budget adds 45 firefighter posts, according to Firefighters Local 112.",
        ]);
        assert_eq!(attributions(&d), ["mayor office vs firefighters local"], "{d:?}");
        // A spokesperson may speak for anyone.
        let d = run(&[
            "The budget adds 45 firefighter posts, a spokesperson said.",
            "The budget adds 45 firefighter posts, the mayor's office said.",
        ]);
        assert!(attributions(&d).is_empty(), "{d:?}");
    }

    #[test]
    fn different_statements_of_one_topic_are_no_conflict() {
        let d = run(&[
            "The company said its engineers restored the service within hours.",
            "The outage began after a configuration change, police said.",
        ]);
        assert!(attributions(&d).is_empty(), "{d:?}");
    }

    #[test]
    fn the_words_describing_a_source_are_not_its_statement() {
        // A resident's quotation and an official's toll share only the district that
        // describes her: two statements.
        let d = run(&[
            "\"I saw the roofs fall in,\" said Ana Lima, a resident of the Tana district in Kivu province.",
            "In the Tana district of Kivu province, 40 roofs fell in, the governor said.",
        ]);
        assert!(attributions(&d).is_empty(), "{d:?}");
        // What follows "said that" is what was said, not the clause before it.
        let d = run(&[
            "The cause is unclear, but the transport ministry said that engineers were sent to the bridge.",
            "Local drivers said the cause of their delays was the bridge.",
        ]);
        assert!(attributions(&d).is_empty(), "{d:?}");
        // The same statement credited to two sources still conflicts.
        let d = run(&[
            "\"The roofs fell in across the Tana district,\" said Ana Lima, a resident.",
            "The roofs fell in across the Tana district, the governor said.",
        ]);
        assert_eq!(attributions(&d), ["ana lima vs governor"], "{d:?}");
    }

    #[test]
    fn a_headline_credits_nobody() {
        let mut headline = passage("Conflicting Claims Over the Disruption, Amazon Says");
        headline.kind = Some(PassageKind::Title);
        assert!(Attributions::read(&headline).sources.is_empty());
        assert!(!credited("Conflicting Claims Over the Disruption, Amazon Says").is_empty());
    }
}
