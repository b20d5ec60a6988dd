//! The result of analysing a corpus: claims (passages of several articles stating one fact)
//! and the typed discrepancies between their members. The TUI, the JSON and the Markdown
//! report are all views of one [`Analysis`].
//!
//! Plain data and the indexes over it; nothing here runs a stage (that is
//! [`crate::pipeline`]), so every stage can use these types without a cycle.

use crate::corpus::{Article, Corpus};

/// Points at one passage: indices into `corpus.articles` and that article's `passages`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct PassageRef {
    pub article: usize,
    pub passage: usize,
}

/// Why a member was tied to its claim, in words a reader can check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    /// A shared content word (shown in its surface form).
    Term,
    /// A shared number or quantity.
    Number,
    /// A shared date or month.
    Date,
    /// A shared proper name.
    Name,
    /// Shared words of a quotation.
    Quote,
    /// A name matched to its acronym as defined in the corpus ("Amazon Web Services (AWS)").
    Acronym,
}

/// One piece of evidence: its kind and the text a reader sees.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct Evidence {
    pub kind: EvidenceKind,
    pub text: String,
}

/// A byte range of an article's file, `start..end`: the part of a passage a membership or a
/// version is about. Serialised as `[start, end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct Span(pub usize, pub usize);

impl Span {
    pub fn range(self) -> std::ops::Range<usize> {
        self.0..self.1
    }
}

/// A passage in a claim, with how similar it is to the rest of the claim and why.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Member {
    pub at: PassageRef,
    /// Mean cosine similarity to the members of the other articles, in 0..=1.
    pub similarity: f32,
    pub evidence: Vec<Evidence>,
    /// The part of the passage that states the claim's fact (a clause, a quotation, an
    /// attributed statement), in file bytes; the whole passage when no narrower part stands out.
    /// A passage that states several facts is a member of several claims, each with its span.
    pub span: Span,
}

/// The passages of two or more articles that state one fact.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Claim {
    pub id: usize,
    /// Cohesion of the claim in 0..=1: the mean cosine similarity of its member pairs from
    /// different articles.
    pub score: f32,
    /// Members sorted by article and passage; usually one passage per article, sometimes two
    /// (a headline and a lede stating the same fact).
    pub members: Vec<Member>,
}

impl Claim {
    /// The number users see and type: 1-based, the same in the reader, the JSON and the report.
    /// It belongs to one analysis; anything stored is anchored to passages instead.
    pub fn number(&self) -> usize {
        self.id + 1
    }

    /// The member from article `article`, if that article reports the claim.
    /// A binary search: members are sorted by article (the claim view asks this of every
    /// article of the corpus on every frame).
    pub fn member_in(&self, article: usize) -> Option<&Member> {
        let first = self.members.partition_point(|m| m.at.article < article);
        self.members.get(first).filter(|m| m.at.article == article)
    }

    /// The articles that report the claim, each once, in order (members are sorted by
    /// article, and one article may give two).
    pub fn articles(&self) -> impl Iterator<Item = usize> + '_ {
        let mut last = None;
        self.members.iter().map(|m| m.at.article).filter(move |&a| last.replace(a) != Some(a))
    }

    /// How many distinct articles report the claim: its coverage.
    pub fn article_count(&self) -> usize {
        self.articles().count()
    }
}

/// What sort of disagreement a discrepancy is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DiscrepancyKind {
    /// Different quantities for the same thing: `13 hours vs 15 hours`.
    Number,
    /// Different dates or months.
    Date,
    /// The same quotation rendered with different words.
    Quote,
    /// One article asserts what another reports as denied or false.
    Negation,
    /// The same claim credited to different sources.
    Attribution,
    /// The same fact at a different extent: `one of two regions vs one of 39 regions`.
    Scope,
}

impl DiscrepancyKind {
    /// Every kind with its names and marks, in the order reports and the reader list them: the
    /// one table the JSON names, the reader's gutter marks and help legend, and the README's JSON
    /// contract derive from (tests in `discrepancy` hold the serde names and the README to it).
    #[rustfmt::skip]
    pub const TABLE: &'static [KindInfo] = &[
        KindInfo { kind: DiscrepancyKind::Number,      name: "number",      mark: '#', legend: "number" },
        KindInfo { kind: DiscrepancyKind::Date,        name: "date",        mark: 'D', legend: "date" },
        KindInfo { kind: DiscrepancyKind::Quote,       name: "quote",       mark: 'Q', legend: "quotation" },
        KindInfo { kind: DiscrepancyKind::Negation,    name: "negation",    mark: '!', legend: "negation" },
        KindInfo { kind: DiscrepancyKind::Attribution, name: "attribution", mark: '@', legend: "attribution" },
        KindInfo { kind: DiscrepancyKind::Scope,       name: "scope",       mark: 'S', legend: "scope" },
    ];

    /// Every kind, in table order.
    pub const ALL: [DiscrepancyKind; Self::TABLE.len()] = {
        let mut all = [DiscrepancyKind::Number; Self::TABLE.len()];
        let mut i = 0;
        while i < all.len() {
            // Row `i` describes the kind declared `i`th, which lets `info` index the table.
            assert!(Self::TABLE[i].kind as usize == i, "the kinds table follows the enum");
            all[i] = Self::TABLE[i].kind;
            i += 1;
        }
        all
    };

    /// This kind's row of [`DiscrepancyKind::TABLE`].
    pub fn info(self) -> &'static KindInfo {
        &Self::TABLE[self as usize]
    }

    /// Lower-case name, as in the JSON.
    pub fn name(self) -> &'static str {
        self.info().name
    }
}

/// A row of [`DiscrepancyKind::TABLE`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindInfo {
    pub kind: DiscrepancyKind,
    /// The name in the JSON (its serde name) and in reports.
    pub name: &'static str,
    /// The one-letter mark in the reader's gutter and badges.
    pub mark: char,
    /// What the help's legend calls it.
    pub legend: &'static str,
}

/// A typed difference between members of one claim.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Discrepancy {
    pub id: usize,
    pub kind: DiscrepancyKind,
    pub claim: usize,
    /// The passages that disagree (two or more), sorted: the union of the versions' members.
    pub members: Vec<PassageRef>,
    /// One line a person reads at a glance: `13 hours vs 15 hours`.
    pub detail: String,
    /// Who says what: each account of the fact and the passages that hold it, in the order the
    /// detail names them. Members of the claim that agree with no side are in none.
    pub versions: Vec<Version>,
}

impl Discrepancy {
    /// The label users see and type: `D1`, `D2`, … (1-based), the same in the reader, the
    /// JSON and the report.
    pub fn label(&self) -> String {
        format!("D{}", self.id + 1)
    }
}

/// One account of a disputed fact: its value as the articles state it (`39 regions`,
/// `"foreseeable"`) and where each article that holds it says so.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Version {
    pub value: String,
    pub members: Vec<VersionMember>,
}

/// A passage holding a version, and the bytes of it that state the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct VersionMember {
    pub at: PassageRef,
    pub span: Span,
}

/// Knobs of the analysis. The defaults are what the CLI and the TUI use. Plain data beside
/// the result it shapes: alignment reads it, and the cache key records it.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Minimum similarity for two passages to be linked into one claim.
    pub link_threshold: f32,
    /// Exponent of the story-context factor (0 turns it off); see `align`. It was 2 until
    /// real coverage labelled fact by fact showed that squaring the ratio lets the articles'
    /// closeness outweigh the sentences' own words: every pair of sentences of two close
    /// articles was lifted into one topic claim, while 1 keeps look-alike events apart as well
    /// (facts benchmark pooled F1 0.542 → 0.549, invented stories 0.671 → 0.711, ECB+ 0.709 →
    /// 0.711; 0.75–1 is a plateau, 1.25 and above fall back).
    pub story_context: f32,
    /// Cosine to a claim's centroid for a passage of another cluster to join it too (a passage
    /// that states several facts is in several claims; see `align::joins`).
    pub join_threshold: f32,
    /// Least mean alignment affinity of a joining passage's article to the claim's articles:
    /// the share of facts they state in common, which keeps look-alike events apart.
    pub join_affinity: f32,
    /// Most claims a passage joins besides its own (0: no bound); the closest are kept.
    pub max_joins: usize,
    /// Most passages one article may have in one claim.
    pub per_article: usize,
    /// Links kept per passage and other article: its `k` best matches there (0 keeps all).
    pub mutual_best: usize,
    /// Least score (cohesion) a claim may have; lower ones are dropped. Clustering compares
    /// similarities scaled by how alike the articles are, so a claim can form at a threshold
    /// its own score is below: a user's `--threshold` is this floor too (0 by default).
    pub min_score: f32,
    /// Most passages clustered together in one block; bigger corpora are clustered block by
    /// block, then the blocks' claims together (see `align`). The default keeps a story of a
    /// few dozen articles (every evaluation set) in one exact pass.
    pub block_passages: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            link_threshold: 0.12,
            story_context: 1.0,
            join_threshold: 0.16,
            join_affinity: 0.1,
            max_joins: 3,
            per_article: 100,
            mutual_best: 2,
            min_score: 0.0,
            block_passages: 3_000,
        }
    }
}

/// What the reader's corrections did to an analysis (see `correct`): which members they put
/// in or took out, which discrepancies they dismissed, and which corrections could not apply.
/// Empty for an analysis without corrections.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Corrected {
    /// (claim id, passage): members a link put in their claim.
    pub linked: std::collections::BTreeSet<(usize, PassageRef)>,
    /// claim id → passages detached or unlinked from it.
    pub detached: std::collections::BTreeMap<usize, Vec<PassageRef>>,
    /// discrepancy id → when it was dismissed (RFC 3339).
    pub dismissed: std::collections::BTreeMap<usize, String>,
    /// Ids of corrections a passage of which was edited away: kept, never applied elsewhere.
    pub orphaned: Vec<String>,
    /// Ids of corrections that found nothing to act on (a dismissed discrepancy no longer
    /// found, a link within one article or of a non-statement).
    pub unmatched: Vec<String>,
    /// (older, newer): a later correction undid what an earlier one did to the same passages.
    /// The latest wins.
    pub overridden: Vec<(String, String)>,
    /// The passages those overridden corrections were about, for saying so beside them.
    pub conflicts: std::collections::BTreeSet<PassageRef>,
}

impl Corrected {
    /// What became of correction `id`: `orphaned`, `unmatched`, `overridden` (by a later one)
    /// or `applied`.
    pub fn status(&self, id: &str) -> &'static str {
        if self.orphaned.iter().any(|o| o == id) {
            "orphaned"
        } else if self.unmatched.iter().any(|o| o == id) {
            "unmatched"
        } else if self.overridden.iter().any(|(older, _)| older == id) {
            "overridden"
        } else {
            "applied"
        }
    }
}

/// A corpus with its claims and discrepancies, plus indexes from passages to both.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub corpus: Corpus,
    pub claims: Vec<Claim>,
    pub discrepancies: Vec<Discrepancy>,
    /// What the reader's corrections changed (empty without corrections).
    pub corrected: Corrected,
    /// article → passage → ids of the claims it belongs to.
    claims_by_passage: Vec<Vec<Vec<usize>>>,
    /// article → passage → ids of the discrepancies it takes part in.
    discrepancies_by_passage: Vec<Vec<Vec<usize>>>,
    /// claim → index in its members of the one whose span is its wording (see
    /// [`Analysis::wording`]): chosen once, since lists draw it on every frame.
    wording_member: Vec<usize>,
}

impl Analysis {
    /// Assembles an analysis from already computed parts and builds the indexes.
    pub fn from_parts(corpus: Corpus, claims: Vec<Claim>, discrepancies: Vec<Discrepancy>) -> Self {
        let empty = |c: &Corpus| -> Vec<Vec<Vec<usize>>> {
            c.articles.iter().map(|a| vec![Vec::new(); a.passages.len()]).collect()
        };
        let mut claims_by_passage = empty(&corpus);
        for claim in &claims {
            for m in &claim.members {
                claims_by_passage[m.at.article][m.at.passage].push(claim.id);
            }
        }
        let mut discrepancies_by_passage = empty(&corpus);
        for d in &discrepancies {
            for r in &d.members {
                discrepancies_by_passage[r.article][r.passage].push(d.id);
            }
        }
        let mut analysis = Analysis {
            corpus,
            claims,
            discrepancies,
            corrected: Corrected::default(),
            claims_by_passage,
            discrepancies_by_passage,
            wording_member: Vec::new(),
        };
        analysis.wording_member = analysis.claims.iter().map(|c| analysis.wording_member_of(c)).collect();
        analysis
    }

    pub fn article(&self, index: usize) -> &Article {
        &self.corpus.articles[index]
    }

    /// The text of a passage.
    pub fn text(&self, at: PassageRef) -> &str {
        self.corpus.articles.get(at.article).map_or("", |a| a.passage_text(at.passage))
    }

    /// The bytes of its article's text that member `m` states its claim with: its span, kept
    /// inside the passage and on character boundaries; the whole passage otherwise (a span
    /// from a stale or edited cache entry is never trusted to fit).
    pub fn member_range(&self, m: &Member) -> std::ops::Range<usize> {
        let Some(article) = self.corpus.articles.get(m.at.article) else { return 0..0 };
        let Some(p) = article.passages.get(m.at.passage) else { return 0..0 };
        let (start, end) = (m.span.0.max(p.start), m.span.1.min(p.end));
        let fits = start < end && article.text.is_char_boundary(start) && article.text.is_char_boundary(end);
        if fits { start..end } else { p.start..p.end }
    }

    /// The words that stand for claim `claim` in lists: the span of its member most similar to
    /// the other articles' members, preferring a passage in no other claim, then a sentence
    /// part of a few words or more over a headline, a heading or a fragment (the first on
    /// ties). Two claims sharing a passage then read as the two facts it states, not as one
    /// sentence twice, and a claim reads as a statement, not as "When it works".
    pub fn wording(&self, claim: usize) -> &str {
        let member = self.claims.get(claim).and_then(|c| c.members.get(*self.wording_member.get(claim)?));
        member.map_or("", |m| self.member_text(m))
    }

    /// The text of its article that member `m` states its claim with (its
    /// [`Analysis::member_range`]).
    fn member_text(&self, m: &Member) -> &str {
        self.corpus.articles.get(m.at.article).map_or("", |a| &a.text[self.member_range(m)])
    }

    /// The index in `c`'s members of the one [`Analysis::wording`] shows.
    fn wording_member_of(&self, c: &Claim) -> usize {
        /// Words a sentence's span needs to read as a statement on its own.
        const STATEMENT_WORDS: usize = 5;
        let rank = |m: &Member| {
            let own = self.claims_at(m.at).len() <= 1;
            let kind = self
                .corpus
                .articles
                .get(m.at.article)
                .and_then(|a| a.passages.get(m.at.passage))
                .map(|p| p.kind);
            let statement = kind == Some(crate::segment::PassageKind::Sentence)
                && unicode_segmentation::UnicodeSegmentation::unicode_words(self.member_text(m))
                    .nth(STATEMENT_WORDS - 1)
                    .is_some();
            (own, statement, m.similarity)
        };
        let better = |a: &(bool, bool, f32), b: &(bool, bool, f32)| {
            (a.0, a.1).cmp(&(b.0, b.1)).then(a.2.total_cmp(&b.2))
        };
        let ranked = c.members.iter().map(rank).enumerate();
        ranked
            .reduce(|best, next| if better(&next.1, &best.1).is_gt() { next } else { best })
            .map_or(0, |(i, _)| i)
    }

    /// Ids of the claims passage `at` belongs to (usually zero or one).
    pub fn claims_at(&self, at: PassageRef) -> &[usize] {
        self.claims_by_passage.get(at.article).and_then(|a| a.get(at.passage)).map_or(&[], Vec::as_slice)
    }

    /// Ids of the discrepancies passage `at` takes part in.
    pub fn discrepancies_at(&self, at: PassageRef) -> &[usize] {
        self.discrepancies_by_passage
            .get(at.article)
            .and_then(|a| a.get(at.passage))
            .map_or(&[], Vec::as_slice)
    }

    /// Discrepancies of one claim.
    pub fn discrepancies_of_claim(&self, claim: usize) -> impl Iterator<Item = &Discrepancy> {
        self.discrepancies.iter().filter(move |d| d.claim == claim)
    }

    /// The passage of article `article` that shares a claim with `at`, preferring the
    /// most similar member when `at` is in several claims.
    pub fn counterpart(&self, at: PassageRef, article: usize) -> Option<(usize, PassageRef)> {
        self.claims_at(at)
            .iter()
            .filter_map(|&c| self.claims[c].member_in(article).map(|m| (c, m)))
            .max_by(|a, b| a.1.similarity.total_cmp(&b.1.similarity))
            .map(|(c, m)| (c, m.at))
    }

    /// Passages reported by one article only: in no claim.
    pub fn unmatched(&self, article: usize) -> impl Iterator<Item = PassageRef> + '_ {
        let n = self.corpus.articles.get(article).map_or(0, |a| a.passages.len());
        (0..n).map(move |p| PassageRef { article, passage: p }).filter(|&r| self.claims_at(r).is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_article_with_two_members_counts_once() {
        let member = |article, passage| Member {
            at: PassageRef { article, passage },
            similarity: 0.5,
            evidence: Vec::new(),
            span: Span(0, 0),
        };
        let claim = Claim { id: 0, score: 0.5, members: vec![member(0, 0), member(0, 3), member(2, 1)] };
        assert_eq!(claim.articles().collect::<Vec<_>>(), [0, 2]);
        assert_eq!(claim.article_count(), 2);
    }
}
