//! Data the screens derive from the analysis alone (no reader state): the overview order, the
//! fuzzy claims filter and the corpus search. Pure functions, shared by the state, update and view.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

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

/// The reference wording of a claim: its first member's text.
pub fn claim_label(analysis: &Analysis, claim: usize) -> &str {
    analysis.claims.get(claim).and_then(|c| c.members.first()).map_or("", |m| analysis.text(m.at))
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
    /// Every member's wording, the label first: what the fuzzy filter matches.
    pub haystacks: Vec<String>,
    /// Chars of the label at the start of each haystack.
    pub label_chars: Vec<u32>,
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
        let mut haystacks = Vec::with_capacity(n);
        let mut label_chars = Vec::with_capacity(n);
        for claim in &analysis.claims {
            let label = claim_label(analysis, claim.id);
            let mut hay = label.to_string();
            // A set, not a list: a claim of a thousand retellings would cost a million compares.
            let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::from([label]);
            for m in claim.members.iter().skip(1) {
                let t = analysis.text(m.at);
                if seen.insert(t) {
                    hay.push_str(" \u{2502} ");
                    hay.push_str(t);
                }
            }
            haystacks.push(hay);
            label_chars.push(u32::try_from(label.chars().count()).unwrap_or(u32::MAX));
        }
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
            haystacks,
            label_chars,
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

/// One claim that passes the filter, with the char positions of the label that matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimMatch {
    pub claim: usize,
    pub score: u32,
    /// Char indices into [`claim_label`] to highlight.
    pub indices: Vec<u32>,
}

/// Fuzzy-filters the claims by every member's wording (nucleo, smart case), best first. An empty
/// query keeps every claim in order.
pub fn filter_claims(stats: &ClaimStats, query: &str) -> Vec<ClaimMatch> {
    if query.trim().is_empty() {
        return (0..stats.haystacks.len())
            .map(|claim| ClaimMatch { claim, score: 0, indices: Vec::new() })
            .collect();
    }
    let mut matcher = Matcher::new(Config::DEFAULT);
    let pattern = Pattern::parse(query, CaseMatching::Smart, Normalization::Smart);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    for (claim, hay) in stats.haystacks.iter().enumerate() {
        let mut indices = Vec::new();
        let hs = Utf32Str::new(hay, &mut buf);
        if let Some(score) = pattern.indices(hs, &mut matcher, &mut indices) {
            let n = stats.label_chars[claim];
            indices.sort_unstable();
            indices.dedup();
            indices.retain(|&i| i < n);
            out.push(ClaimMatch { claim, score, indices });
        }
    }
    out.sort_by(|a, b| b.score.cmp(&a.score).then(a.claim.cmp(&b.claim)));
    out
}

/// Every case-insensitive occurrence of `query` inside a passage, in corpus order.
pub fn search(analysis: &Analysis, query: &str) -> Vec<Hit> {
    let needle: String = query.chars().flat_map(char::to_lowercase).collect();
    if needle.trim().is_empty() {
        return Vec::new();
    }
    let mut hits = Vec::new();
    for (ai, article) in analysis.corpus.articles.iter().enumerate() {
        for p in &article.passages {
            let text = &article.text[p.start..p.end];
            // Fold to lower case, remembering where each folded byte came from.
            let mut folded = String::with_capacity(text.len());
            let mut origin = Vec::with_capacity(text.len() + 1);
            for (i, c) in text.char_indices() {
                for l in c.to_lowercase() {
                    for _ in 0..l.len_utf8() {
                        origin.push(i);
                    }
                    folded.push(l);
                }
            }
            origin.push(text.len());
            let mut from = 0;
            while let Some(pos) = folded[from..].find(&needle) {
                let s = from + pos;
                let e = s + needle.len();
                let start = origin[s];
                // The end maps to the start of the next original char.
                let end = origin.get(e).copied().unwrap_or(text.len()).max(start + 1);
                let end = (start..=text.len())
                    .find(|&x| x >= end && text.is_char_boundary(x))
                    .unwrap_or(text.len());
                hits.push(Hit {
                    at: PassageRef { article: ai, passage: p.index },
                    range: p.start + start..p.start + end,
                });
                from = e.max(s + 1);
                while from < folded.len() && !folded.is_char_boundary(from) {
                    from += 1;
                }
            }
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;

    #[test]
    fn search_is_case_insensitive_and_keeps_byte_ranges() {
        let corpus = Corpus::from_texts([("a.txt", "Title here\nThe Outage lasted. Another outage.\n")]);
        let a = Analysis::from_parts(corpus, vec![], vec![]);
        let hits = search(&a, "outage");
        assert_eq!(hits.len(), 2);
        let text = &a.corpus.articles[0].text;
        assert_eq!(&text[hits[0].range.clone()], "Outage");
        assert_eq!(&text[hits[1].range.clone()], "outage");
        assert_ne!(hits[0].at, hits[1].at);
    }

    #[test]
    fn search_survives_case_folding_that_changes_length() {
        let corpus = Corpus::from_texts([("a.txt", "Title here\nİstanbul and ẞ street.\n")]);
        let a = Analysis::from_parts(corpus, vec![], vec![]);
        for q in ["i", "stanbul", "ß", "street"] {
            for h in search(&a, q) {
                let text = &a.corpus.articles[0].text;
                assert!(text.get(h.range.clone()).is_some(), "{q}: {:?}", h.range);
            }
        }
    }
}
