//! Data the screens derive from the analysis alone (no reader state): the overview order, the
//! fuzzy claims filter and the corpus search. Pure functions, shared by the state, update and view.

use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::fold;
use crate::analysis::{Analysis, Discrepancy, PassageRef};

/// What can be selected in the claim view (Tab): a discrepancy of the claim, by id, or a
/// member's wording, by passage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimItem {
    Discrepancy(usize),
    Member(PassageRef),
}

/// The claim's members in the order the claim view shows them: the reference first, then by
/// article.
pub fn view_members(claim: &crate::analysis::Claim, reference: PassageRef) -> Vec<&crate::analysis::Member> {
    let mut members: Vec<_> = claim.members.iter().collect();
    members.sort_by_key(|m| (m.at != reference, m.at.article));
    members
}

/// Everything Tab selects in the claim view, in the order shown: its discrepancies, then its
/// members' wordings.
pub fn claim_items(analysis: &Analysis, claim: usize, reference: PassageRef) -> Vec<ClaimItem> {
    let Some(c) = analysis.claims.get(claim) else { return Vec::new() };
    claim_discrepancies(analysis, claim)
        .into_iter()
        .map(|d| ClaimItem::Discrepancy(d.id))
        .chain(view_members(c, reference).into_iter().map(|m| ClaimItem::Member(m.at)))
        .collect()
}

/// Order of the overview rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    /// Most articles first.
    Coverage,
    /// Most discrepancies first.
    Disagreement,
    /// Claim order (as the analysis found them).
    Order,
}

impl Sort {
    pub fn next(self) -> Sort {
        match self {
            Sort::Coverage => Sort::Disagreement,
            Sort::Disagreement => Sort::Order,
            Sort::Order => Sort::Coverage,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Sort::Coverage => "coverage",
            Sort::Disagreement => "disagreement",
            Sort::Order => "claim order",
        }
    }
}

/// One search result: a byte range of an article's text inside one of its passages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub at: PassageRef,
    pub range: std::ops::Range<usize>,
}

/// How many distinct articles carry a claim (a claim may hold several passages of one article).
pub fn coverage(analysis: &Analysis, claim: usize) -> usize {
    analysis.claims.get(claim).map_or(0, crate::analysis::Claim::article_count)
}

/// The distinct articles of some passages, in order.
fn articles_of(refs: impl IntoIterator<Item = PassageRef>) -> Vec<usize> {
    let mut v: Vec<usize> = refs.into_iter().map(|r| r.article).collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// The distinct articles of some passages as the report names them, in order: `A1, A3`.
pub fn article_tags(refs: impl IntoIterator<Item = PassageRef>) -> String {
    articles_of(refs).iter().map(|a| format!("A{}", a + 1)).collect::<Vec<_>>().join(", ")
}

/// Who says what: each version with the articles holding it, `13 hours: A1, A3 · 15 hours: A2`;
/// without versions, the detail and every article party to it, `13 hours vs 15 hours (A1, A2)`.
pub fn sides(d: &Discrepancy) -> String {
    if d.versions.is_empty() {
        return format!("{} ({})", d.detail, article_tags(d.members.iter().copied()));
    }
    d.versions
        .iter()
        .map(|v| format!("{}: {}", v.value, article_tags(v.members.iter().map(|m| m.at))))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The discrepancies of a claim, the most widespread first (detection order among equals).
pub fn claim_discrepancies(analysis: &Analysis, claim: usize) -> Vec<&Discrepancy> {
    let mut out: Vec<&Discrepancy> = analysis.discrepancies_of_claim(claim).collect();
    out.sort_by_key(|d| std::cmp::Reverse(articles_of(d.members.iter().copied()).len()));
    out
}

/// The values of the versions passage `at` holds in claim `claim`'s discrepancies, each with
/// the discrepancy's label: `[("D1", "13 hours")]`. A member that disagrees with no side holds
/// none.
pub fn held_versions(analysis: &Analysis, claim: usize, at: PassageRef) -> Vec<(String, &str)> {
    analysis
        .discrepancies_of_claim(claim)
        .flat_map(|d| {
            d.versions
                .iter()
                .filter(move |v| v.members.iter().any(|m| m.at == at))
                .map(move |v| (d.label(), v.value.as_str()))
        })
        .collect()
}

/// The other claims passage `at` is in besides `claim`, as `C3, C33`; `None` when it is in no
/// other.
pub fn other_claims(analysis: &Analysis, at: PassageRef, claim: usize) -> Option<String> {
    let others: Vec<String> = analysis
        .claims_at(at)
        .iter()
        .filter(|&&c| c != claim)
        .filter_map(|&c| analysis.claims.get(c))
        .map(|c| format!("C{}", c.number()))
        .collect();
    (!others.is_empty()).then(|| others.join(", "))
}

/// Per-claim numbers the lists need on every frame, computed once per analysis.
#[derive(Debug, Clone, Default)]
pub struct ClaimStats {
    /// Distinct articles carrying each claim.
    pub coverage: Vec<usize>,
    /// Discrepancies of each claim.
    pub disagreements: Vec<usize>,
    /// Per claim, a member for each distinct wording, the label's first: what the claims
    /// filter matches, one wording at a time.
    pub wordings: Vec<Vec<PassageRef>>,
    /// Per claim, the passages some discrepancy names (sorted): the overview's ◆ cells.
    pub disputed: Vec<Vec<PassageRef>>,
    /// Per article, how many claims it carries (the overview legend).
    pub carried: Vec<usize>,
}

impl ClaimStats {
    pub fn new(analysis: &Analysis) -> Self {
        let n = analysis.claims.len();
        let mut disagreements = vec![0; n];
        for d in &analysis.discrepancies {
            if let Some(x) = disagreements.get_mut(d.claim) {
                *x += 1;
            }
        }
        let wordings = analysis
            .claims
            .iter()
            .map(|claim| {
                // A set, not a list: a claim of a thousand retellings would cost a million compares.
                let mut seen = std::collections::HashSet::new();
                claim.members.iter().map(|m| m.at).filter(|&at| seen.insert(analysis.text(at))).collect()
            })
            .collect();
        let mut disputed = vec![Vec::new(); n];
        for d in &analysis.discrepancies {
            if let Some(x) = disputed.get_mut(d.claim) {
                x.extend(d.members.iter().copied());
            }
        }
        for x in &mut disputed {
            x.sort_unstable();
            x.dedup();
        }
        let mut carried = vec![0; analysis.corpus.articles.len()];
        for claim in &analysis.claims {
            for a in claim.articles() {
                if let Some(x) = carried.get_mut(a) {
                    *x += 1;
                }
            }
        }
        ClaimStats {
            coverage: (0..n).map(|c| coverage(analysis, c)).collect(),
            disagreements,
            wordings,
            disputed,
            carried,
        }
    }
}

/// Claim ids in the order of the overview.
pub fn overview_rows(stats: &ClaimStats, sort: Sort) -> Vec<usize> {
    let mut ids: Vec<usize> = (0..stats.coverage.len()).collect();
    let key = |c: usize| (std::cmp::Reverse(stats.coverage[c]), std::cmp::Reverse(stats.disagreements[c]));
    match sort {
        Sort::Coverage => ids.sort_by_key(|&c| (key(c), c)),
        Sort::Disagreement => ids.sort_by_key(|&c| (key(c).1, key(c).0, c)),
        Sort::Order => {}
    }
    ids
}

/// One claim that passes the filter: the wording that matched best and the char positions in
/// it that matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimMatch {
    pub claim: usize,
    pub score: u32,
    /// The member whose wording matched (`None` without a filter: the label is shown).
    pub wording: Option<PassageRef>,
    /// Char indices into that wording to highlight.
    pub indices: Vec<u32>,
}

/// Filters the claims by their members' wordings, each matched on its own (smart case, accents
/// folded), best first, each with the wording that matched best. Every typed word must be in
/// that wording; only when no claim has them all does the filter match fuzzily (letters in
/// order), so that a typo still finds something. An empty query keeps every claim in order.
pub fn filter_claims(analysis: &Analysis, stats: &ClaimStats, query: &str) -> Vec<ClaimMatch> {
    if query.trim().is_empty() {
        return (0..stats.wordings.len())
            .map(|claim| ClaimMatch { claim, score: 0, wording: None, indices: Vec::new() })
            .collect();
    }
    let exact = Pattern::new(query, CaseMatching::Smart, Normalization::Smart, AtomKind::Substring);
    let mut out = matching(analysis, stats, &exact);
    if out.is_empty() {
        out = matching(analysis, stats, &Pattern::parse(query, CaseMatching::Smart, Normalization::Smart));
    }
    out.sort_by(|a, b| b.score.cmp(&a.score).then(a.claim.cmp(&b.claim)));
    out
}

/// The claims one of whose wordings `pattern` matches, each with its best wording.
fn matching(analysis: &Analysis, stats: &ClaimStats, pattern: &Pattern) -> Vec<ClaimMatch> {
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    for (claim, wordings) in stats.wordings.iter().enumerate() {
        let mut best: Option<ClaimMatch> = None;
        for &at in wordings {
            let mut indices = Vec::new();
            let Some(score) =
                pattern.indices(Utf32Str::new(analysis.text(at), &mut buf), &mut matcher, &mut indices)
            else {
                continue;
            };
            if best.as_ref().is_none_or(|b| score > b.score) {
                indices.sort_unstable();
                indices.dedup();
                best = Some(ClaimMatch { claim, score, wording: Some(at), indices });
            }
        }
        out.extend(best);
    }
    out
}

/// How a search query is read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SearchKind {
    /// Words as typed, folded as [`fold`] says on both sides.
    #[default]
    Text,
    /// A regular expression, case-insensitive, on the text as it is.
    Regex,
}

/// Every occurrence of `query` inside a passage, in corpus order; a regular expression that
/// does not parse is the error, said in one line.
pub fn search(analysis: &Analysis, query: &str, kind: SearchKind) -> Result<Vec<Hit>, String> {
    if query.trim().is_empty() {
        return Ok(Vec::new());
    }
    let mut hits = Vec::new();
    let passages = analysis.corpus.articles.iter().enumerate().flat_map(|(ai, article)| {
        article.passages.iter().map(move |p| {
            (PassageRef { article: ai, passage: p.index }, p.start, &article.text[p.start..p.end])
        })
    });
    match kind {
        SearchKind::Text => {
            let re = regex::Regex::new(&fold::pattern(query)).map_err(|e| e.to_string())?;
            for (at, base, text) in passages {
                let folded = fold::fold(text);
                let found = re.find_iter(&folded.text).filter_map(|m| folded.original(m.range()));
                hits.extend(found.map(|r| Hit { at, range: base + r.start..base + r.end }));
            }
        }
        SearchKind::Regex => {
            let re = regex::RegexBuilder::new(query)
                .case_insensitive(true)
                .size_limit(1 << 20)
                .build()
                .map_err(|e| format!("not a regular expression: {}", regex_reason(&e)))?;
            for (at, base, text) in passages {
                hits.extend(
                    re.find_iter(text)
                        .filter(|m| !m.is_empty())
                        .map(|m| Hit { at, range: base + m.start()..base + m.end() }),
                );
            }
        }
    }
    Ok(hits)
}

/// The last line of a regex error, which says what is wrong: `unclosed group`.
fn regex_reason(e: &regex::Error) -> String {
    let text = e.to_string();
    text.lines().last().unwrap_or_default().trim_start_matches("error: ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;

    #[test]
    fn search_is_case_insensitive_and_keeps_byte_ranges() {
        let corpus = Corpus::from_texts([("a.txt", "Title here\nThe Outage lasted. Another outage.\n")]);
        let a = Analysis::from_parts(corpus, vec![], vec![]);
        let hits = search(&a, "outage", SearchKind::Text).unwrap();
        assert_eq!(hits.len(), 2);
        let text = &a.corpus.articles[0].text;
        assert_eq!(&text[hits[0].range.clone()], "Outage");
        assert_eq!(&text[hits[1].range.clone()], "outage");
        assert_ne!(hits[0].at, hits[1].at);
    }

    #[test]
    fn search_finds_what_is_there_whatever_the_typography() {
        let corpus = Corpus::from_texts([
            ("a.txt", "Title here\nAmazon’s “AI” agent caused a 13-hour outage at the café.\n"),
            ("b.txt", "Other title\nAmazon's \"AI\" agent: 13 hours down at the cafe.\n"),
        ]);
        let a = Analysis::from_parts(corpus, vec![], vec![]);
        let found = |q: &str, kind| -> Vec<String> {
            let hits = search(&a, q, kind).unwrap();
            hits.iter().map(|h| a.corpus.articles[h.at.article].text[h.range.clone()].to_string()).collect()
        };
        assert_eq!(found("amazon's \"ai\"", SearchKind::Text), ["Amazon’s “AI”", "Amazon's \"AI\""]);
        assert_eq!(found("13 hours", SearchKind::Text), ["13-hour", "13 hours"]);
        assert_eq!(found("13-hour", SearchKind::Text), ["13-hour", "13 hour"]);
        assert_eq!(found("CAFE", SearchKind::Text), ["café", "cafe"]);
        assert_eq!(found("caf.", SearchKind::Text), Vec::<String>::new(), "words are literal");
        assert_eq!(found(r"\d+.hours?", SearchKind::Regex), ["13-hour", "13 hours"]);
        assert_eq!(
            search(&a, "(", SearchKind::Regex).unwrap_err(),
            "not a regular expression: unclosed group"
        );
    }

    #[test]
    fn the_claims_filter_keeps_claims_that_hold_the_words_and_shows_that_wording() {
        let a = crate::tui::fixture::analysis();
        let stats = ClaimStats::new(&a);
        let m = filter_claims(&a, &stats, "regions");
        // Only the claim whose wordings say "regions", not every claim with those letters in order.
        assert_eq!(m.iter().map(|m| m.claim).collect::<Vec<_>>(), [2]);
        let shown = m[0].wording.map(|at| a.text(at)).unwrap();
        let chars: Vec<char> = shown.chars().collect();
        let lit: String = m[0].indices.iter().map(|&i| chars[i as usize]).collect();
        assert_eq!(lit, "regions", "{shown}");
        // "39" is only in the Wire's wording: that one is shown.
        let m = filter_claims(&a, &stats, "39 regions");
        assert!(m[0].wording.map(|at| a.text(at)).unwrap().contains("39 regions"));
        // A typo finds nothing exactly and falls back to letters in order.
        assert!(!filter_claims(&a, &stats, "rgions").is_empty());
    }

    #[test]
    fn search_survives_case_folding_that_changes_length() {
        let corpus = Corpus::from_texts([("a.txt", "Title here\nİstanbul and ẞ street.\n")]);
        let a = Analysis::from_parts(corpus, vec![], vec![]);
        for q in ["i", "stanbul", "ß", "street"] {
            for h in search(&a, q, SearchKind::Text).unwrap() {
                let text = &a.corpus.articles[0].text;
                assert!(text.get(h.range.clone()).is_some(), "{q}: {:?}", h.range);
            }
        }
    }
}
