//! Headless output: the versioned JSON contract and the Markdown report, both views of one
//! [`Analysis`]. Output is deterministic: the same corpus gives the same bytes whatever the
//! order its files were found in (the corpus is sorted by id, and so is everything below it).

use std::fmt::Write as _;

use rayon::prelude::*;
use serde::Serialize;

use crate::analysis::{Analysis, Claim, Discrepancy, DiscrepancyKind, Evidence, Member, PassageRef, Span};
use crate::corpus::{Article, Passage};
use crate::markdown::{code, text as md};

pub mod table;

/// Version of the JSON contract; bump it when a field changes meaning or disappears.
pub const SCHEMA_VERSION: u32 = 2;

#[derive(Serialize)]
struct JsonArticle<'a> {
    id: &'a str,
    path: String,
    /// For a web page: the page's path or URL (`path` is its snapshot).
    #[serde(skip_serializing_if = "Option::is_none")]
    origin: Option<&'a str>,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    updated: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    passages: Vec<JsonPassage<'a>>,
}

#[derive(Serialize)]
struct JsonPassage<'a> {
    index: usize,
    start: usize,
    end: usize,
    kind: crate::segment::PassageKind,
    text: &'a str,
}

#[derive(Serialize)]
struct JsonClaim<'a> {
    id: usize,
    score: f32,
    members: Vec<JsonMember<'a>>,
    /// Passages the reader's corrections took out of this claim.
    detached: Vec<JsonRef<'a>>,
}

#[derive(Serialize)]
struct JsonMember<'a> {
    article: &'a str,
    passage: usize,
    similarity: f32,
    evidence: &'a [Evidence],
    span: Span,
    /// `"linked"` when a correction of the reader put it in this claim.
    #[serde(skip_serializing_if = "Option::is_none")]
    corrected_by_user: Option<&'static str>,
}

#[derive(Serialize)]
struct JsonDiscrepancy<'a> {
    id: String,
    kind: DiscrepancyKind,
    claim: usize,
    members: Vec<JsonRef<'a>>,
    detail: &'a str,
    versions: Vec<JsonVersion<'a>>,
    /// `null`, or when the reader dismissed it as not a real disagreement.
    dismissed: Option<JsonDismissed<'a>>,
}

#[derive(Serialize)]
struct JsonDismissed<'a> {
    at: &'a str,
}

#[derive(Serialize)]
struct JsonVersion<'a> {
    value: &'a str,
    members: Vec<JsonVersionMember<'a>>,
}

#[derive(Serialize)]
struct JsonVersionMember<'a> {
    article: &'a str,
    passage: usize,
    span: Span,
}

#[derive(Serialize)]
struct JsonRef<'a> {
    article: &'a str,
    passage: usize,
}

fn passage_json<'a>(article: &'a Article, p: &Passage) -> JsonPassage<'a> {
    JsonPassage {
        index: p.index,
        start: article.file_range(p.range()).start,
        end: article.file_range(p.range()).end,
        kind: p.kind,
        text: &article.text[p.start..p.end],
    }
}

/// A span of an article's text as bytes of its file (they differ where Markdown is hidden).
fn file_span(a: &Analysis, at: PassageRef, span: Span) -> Span {
    let bytes = a.article(at.article).file_range(span.range());
    Span(bytes.start, bytes.end)
}

/// The analysis as the `align --json` contract (pretty-printed, newline-terminated).
pub fn json(a: &Analysis) -> String {
    let mut out = Vec::new();
    match write_json(a, &mut out) {
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        Err(e) => format!("{{\"error\": \"{e}\"}}\n"),
    }
}

/// [`json`], streamed to `out`: a thousand articles make a document of a hundred megabytes,
/// which need not sit in memory whole.
///
/// The bytes are those of serde_json's pretty printer for `{schema_version, articles, claims,
/// discrepancies}`; the elements of the three lists are printed in parallel, a batch at a time.
pub fn write_json(a: &Analysis, out: &mut impl std::io::Write) -> std::io::Result<()> {
    let id = |r: PassageRef| a.article(r.article).id.as_str();
    let articles: Vec<JsonArticle> = a
        .corpus
        .articles
        .iter()
        .map(|art| JsonArticle {
            id: &art.id,
            path: art.path.display().to_string(),
            origin: art.origin.as_deref(),
            title: &art.title,
            source: art.meta.source.as_deref(),
            author: art.meta.author.as_deref(),
            date: art.meta.date.as_deref(),
            updated: art.meta.updated.as_deref(),
            url: art.meta.url.as_deref(),
            passages: art.passages.iter().map(|p| passage_json(art, p)).collect(),
        })
        .collect();
    let claims: Vec<JsonClaim> = a
        .claims
        .iter()
        .map(|c| JsonClaim {
            id: c.number(),
            score: c.score,
            members: c
                .members
                .iter()
                .map(|m| JsonMember {
                    article: id(m.at),
                    passage: m.at.passage,
                    similarity: m.similarity,
                    evidence: &m.evidence,
                    span: file_span(a, m.at, m.span),
                    corrected_by_user: a.corrected.linked.contains(&(c.id, m.at)).then_some("linked"),
                })
                .collect(),
            detached: a
                .corrected
                .detached
                .get(&c.id)
                .into_iter()
                .flatten()
                .map(|&r| JsonRef { article: id(r), passage: r.passage })
                .collect(),
        })
        .collect();
    let discrepancies: Vec<JsonDiscrepancy> = a
        .discrepancies
        .iter()
        .map(|d| JsonDiscrepancy {
            id: d.label(),
            kind: d.kind,
            claim: a.claims.get(d.claim).map_or(d.claim + 1, |c| c.number()),
            members: d.members.iter().map(|&r| JsonRef { article: id(r), passage: r.passage }).collect(),
            detail: &d.detail,
            versions: d
                .versions
                .iter()
                .map(|v| JsonVersion {
                    value: &v.value,
                    members: v
                        .members
                        .iter()
                        .map(|m| JsonVersionMember {
                            article: id(m.at),
                            passage: m.at.passage,
                            span: file_span(a, m.at, m.span),
                        })
                        .collect(),
                })
                .collect(),
            dismissed: a.corrected.dismissed.get(&d.id).map(|at| JsonDismissed { at }),
        })
        .collect();
    write!(out, "{{\n  \"schema_version\": {SCHEMA_VERSION},\n")?;
    write_field(out, "articles", &articles)?;
    out.write_all(b",\n")?;
    write_field(out, "claims", &claims)?;
    out.write_all(b",\n")?;
    write_field(out, "discrepancies", &discrepancies)?;
    out.write_all(b"\n}\n")
}

/// Elements printed in parallel before they are written out in order.
const JSON_BATCH: usize = 64;

/// `  "name": [...]`, a list field of the top-level object, as serde_json's pretty printer
/// writes it: each element printed alone and indented two levels (JSON strings never hold a
/// raw newline, so every newline of an element is one of its line breaks).
fn write_field<T: Serialize + Sync>(
    out: &mut impl std::io::Write,
    name: &str,
    items: &[T],
) -> std::io::Result<()> {
    write!(out, "  \"{name}\": ")?;
    if items.is_empty() {
        return out.write_all(b"[]");
    }
    out.write_all(b"[\n")?;
    for (b, batch) in items.chunks(JSON_BATCH).enumerate() {
        let printed: Vec<Vec<u8>> = batch
            .par_iter()
            .map(|item| {
                let plain = crate::json::to_vec_pretty(item)?;
                let mut indented = Vec::with_capacity(plain.len() + plain.len() / 8);
                // Line by line, not byte by byte: elements of claims run to megabytes.
                for (k, line) in plain.split(|&b| b == b'\n').enumerate() {
                    if k > 0 {
                        indented.push(b'\n');
                    }
                    indented.extend_from_slice(b"    ");
                    indented.extend_from_slice(line);
                }
                Ok(indented)
            })
            .collect::<Result<_, serde_json::Error>>()?;
        for (k, element) in printed.iter().enumerate() {
            if b > 0 || k > 0 {
                out.write_all(b",\n")?;
            }
            out.write_all(element)?;
        }
    }
    out.write_all(b"\n  ]")
}

/// One article's passages as `{"passages": [...]}` (the `passages` command).
pub fn passages_json(article: &Article) -> String {
    /// `path` is the file the offsets point into (a page's snapshot); `origin` the page.
    #[derive(Serialize)]
    struct Doc<'a> {
        path: std::borrow::Cow<'a, str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        origin: Option<&'a str>,
        passages: Vec<JsonPassage<'a>>,
    }
    let doc = Doc {
        path: article.path.to_string_lossy(),
        origin: article.origin.as_deref(),
        passages: article.passages.iter().map(|p| passage_json(article, p)).collect(),
    };
    let mut out = crate::json::to_string_pretty(&doc).unwrap_or_default();
    out.push('\n');
    out
}

/// A few plain lines for a terminal: counts per article and per discrepancy kind.
pub fn summary(a: &Analysis) -> String {
    let mut out = String::new();
    let passages: usize = a.corpus.articles.iter().map(|x| x.passages.len()).sum();
    let _ = writeln!(
        out,
        "{} articles, {} passages, {} claims, {} discrepancies",
        a.corpus.articles.len(),
        passages,
        a.claims.len(),
        a.discrepancies.len()
    );
    for (i, art) in a.corpus.articles.iter().enumerate() {
        let shared = (0..art.passages.len())
            .filter(|&p| !a.claims_at(PassageRef { article: i, passage: p }).is_empty())
            .count();
        let _ = writeln!(
            out,
            "  {:<28} {:>3} passages, {:>3} in claims  {}",
            art.id,
            art.passages.len(),
            shared,
            art.title
        );
    }
    for kind in DiscrepancyKind::ALL {
        let n = a.discrepancies.iter().filter(|d| d.kind == kind).count();
        if n > 0 {
            let _ = writeln!(out, "  {:<12} {n}", kind.name());
        }
    }
    out.push_str("Use --json for the full analysis, or `parallax report` for Markdown.\n");
    // Titles, ids and passages come from anyone, and this is read in terminals.
    crate::sanitize::owned(out)
}

/// The Markdown report: summary, coverage matrix, claims with every wording, discrepancies
/// with who says what, and the facts only one article reports.
///
/// Numbers are the reader's: claims `C<n>` ([`Claim::number`]), discrepancies `D<n>`
/// ([`Discrepancy::label`]), articles `A<n>` and passages `¶<n>`, all 1-based.
pub fn markdown(a: &Analysis) -> String {
    let mut out = String::new();
    let arts = &a.corpus.articles;
    // One pass instead of a scan of every discrepancy per claim (big corpora have many of both).
    let mut of_claim: Vec<Vec<&Discrepancy>> = vec![Vec::new(); a.claims.len()];
    for d in &a.discrepancies {
        if let Some(list) = of_claim.get_mut(d.claim) {
            list.push(d);
        }
    }
    let passages: usize = arts.iter().map(|x| x.passages.len()).sum();
    let _ = writeln!(out, "# parallax report\n");
    let _ = writeln!(
        out,
        "{} articles, {} passages, {} claims reported by two or more articles, {} discrepancies.\n",
        arts.len(),
        passages,
        a.claims.len(),
        a.discrepancies.len()
    );
    let _ = writeln!(out, "## Articles\n");
    let _ = writeln!(
        out,
        "Passages are numbered from 1 in each article (`¶1` is its first), as in the reader.\n"
    );
    let _ = writeln!(out, "| # | article | title | source | date | passages |");
    let _ = writeln!(out, "|---|---|---|---|---|---|");
    for (i, art) in arts.iter().enumerate() {
        let _ = writeln!(
            out,
            "| A{} | {} | {} | {} | {} | {} |",
            i + 1,
            code(&art.id),
            md(&art.title),
            md(art.meta.source.as_deref().unwrap_or("")),
            md(art.meta.date.as_deref().unwrap_or("")),
            art.passages.len()
        );
    }

    let _ = writeln!(out, "\n## Coverage\n");
    let _ = writeln!(
        out,
        "Who reports what: `●` reports the claim, `▲` takes a side in one of its discrepancies, `·` is silent.\n"
    );
    let header: String = (1..=arts.len()).map(|i| format!(" A{i} |")).collect();
    let _ = writeln!(out, "| claim |{header} wording |");
    let _ = writeln!(out, "|---|{}---|", "---|".repeat(arts.len()));
    for (c, disputes) in a.claims.iter().zip(&of_claim) {
        let mut row = format!("| C{} |", c.number());
        for ai in 0..arts.len() {
            let mark = if c.member_in(ai).is_none() {
                "·"
            } else if disputes.iter().any(|d| parties(d).any(|r| r.article == ai)) {
                "▲"
            } else {
                "●"
            };
            let _ = write!(row, " {mark} |");
        }
        let _ = writeln!(out, "{row} {} |", md(&truncate_chars(a.wording(c.id), 90)));
    }

    let _ = writeln!(out, "\n## Claims\n");
    for (c, disputes) in a.claims.iter().zip(&of_claim) {
        let _ =
            writeln!(out, "### C{} — {} articles, cohesion {:.2}\n", c.number(), c.article_count(), c.score);
        for m in &c.members {
            let art = a.article(m.at.article);
            let evidence: Vec<&str> = m.evidence.iter().map(|e| e.text.as_str()).collect();
            let _ = writeln!(
                out,
                "- **A{}** {} ¶{} ({}): {}",
                m.at.article + 1,
                code(&art.id),
                m.at.passage + 1,
                if a.corrected.linked.contains(&(c.id, m.at)) {
                    "linked by you".to_string()
                } else {
                    format!(
                        "bytes {}–{}, similarity {:.2}; shared: {}",
                        art.file_range(m.span.range()).start,
                        art.file_range(m.span.range()).end,
                        m.similarity,
                        if evidence.is_empty() { "—".to_string() } else { md(&evidence.join(", ")) }
                    )
                },
                wording(a, m)
            );
        }
        for r in a.corrected.detached.get(&c.id).into_iter().flatten() {
            let _ = writeln!(
                out,
                "- ✂ **A{}** {} ¶{}: detached by you",
                r.article + 1,
                code(&a.article(r.article).id),
                r.passage + 1
            );
        }
        for d in disputes {
            let _ = writeln!(out, "- ⚠ **{} {}**: {}{}", d.label(), d.kind.name(), sides(d), dismissed(a, d));
        }
        out.push('\n');
    }

    let _ = writeln!(out, "## Discrepancies\n");
    if a.discrepancies.is_empty() {
        let _ = writeln!(out, "None found.\n");
    } else {
        let counts: Vec<String> = DiscrepancyKind::ALL
            .into_iter()
            .filter_map(|kind| {
                let n = a.discrepancies.iter().filter(|d| d.kind == kind).count();
                (n > 0).then(|| format!("{n} {}", kind.name()))
            })
            .collect();
        let _ =
            writeln!(out, "{}; each with its sides and the articles that take them.\n", counts.join(", "));
        for d in &a.discrepancies {
            let claim = a.claims.get(d.claim).map_or(d.claim + 1, Claim::number);
            let _ = writeln!(
                out,
                "- {} (C{claim}) {}: {}{}",
                d.label(),
                d.kind.name(),
                sides(d),
                dismissed(a, d)
            );
        }
        out.push('\n');
    }

    let _ = writeln!(out, "## Reported by one article only\n");
    for (i, art) in arts.iter().enumerate() {
        // A tag list or a footer is in no claim, but it is not a fact one article reports.
        let only: Vec<PassageRef> =
            a.unmatched(i).filter(|r| art.passages[r.passage].kind.is_statement()).collect();
        if only.is_empty() {
            continue;
        }
        let noun = if only.len() == 1 { "passage" } else { "passages" };
        let _ = writeln!(out, "### A{} {} ({} {noun})\n", i + 1, code(&art.id), only.len());
        for r in only {
            let _ = writeln!(out, "- ¶{}: {}", r.passage + 1, md(a.text(r)));
        }
        out.push('\n');
    }
    // Titles, ids and passages come from anyone, and this is read in terminals.
    crate::sanitize::owned(out)
}

/// ` (dismissed by you, <when>)` for a discrepancy the reader dismissed, else nothing.
fn dismissed(a: &Analysis, d: &Discrepancy) -> String {
    a.corrected.dismissed.get(&d.id).map_or_else(String::new, |at| format!(" (dismissed by you, {at})"))
}

/// The passages that take a side in `d`: its versions' members, or, from a detector that gives
/// no versions, its members.
fn parties(d: &Discrepancy) -> impl Iterator<Item = PassageRef> + '_ {
    let from_versions = d.versions.iter().flat_map(|v| v.members.iter().map(|m| m.at));
    let plain = d.versions.is_empty().then_some(d.members.iter().copied());
    from_versions.chain(plain.into_iter().flatten())
}

/// Who says what: `39 regions: A1, A2 · 2 regions: A4, A5`, or, without versions, the detail
/// and the articles of the members: `13 hours vs 15 hours (A1, A3)`.
fn sides(d: &Discrepancy) -> String {
    if d.versions.is_empty() {
        return format!("{} ({})", md(&d.detail), article_labels(d.members.iter().copied()));
    }
    let sides: Vec<String> = d
        .versions
        .iter()
        .map(|v| format!("{}: {}", md(&v.value), article_labels(v.members.iter().map(|m| m.at))))
        .collect();
    sides.join(" · ")
}

/// `A1, A3`: the articles of `refs`, each once, in order; `—` for none.
fn article_labels(refs: impl Iterator<Item = PassageRef>) -> String {
    let articles: std::collections::BTreeSet<usize> = refs.map(|r| r.article).collect();
    if articles.is_empty() {
        return "—".to_string();
    }
    articles.iter().map(|i| format!("A{}", i + 1)).collect::<Vec<_>>().join(", ")
}

/// A member's passage for the report, with the part that states the claim's fact in bold when
/// it is narrower than the passage (a passage that states several facts is in several claims).
fn wording(a: &Analysis, m: &Member) -> String {
    let article = a.article(m.at.article);
    let p = &article.passages[m.at.passage];
    let whole = md(&article.text[p.range()]);
    let part = a.member_range(m);
    let raw = &article.text[part.clone()];
    // Bold only the trimmed words: `** x**` is not bold in Markdown.
    let (lead, end) = (part.start + raw.len() - raw.trim_start().len(), part.start + raw.trim_end().len());
    if lead >= end || (lead, end) == (p.start, p.end) {
        return whole;
    }
    let t = &article.text;
    format!("{}**{}**{}", md(&t[p.start..lead]), md(&t[lead..end]), md(&t[end..p.end]))
}

/// Cuts `s` to at most `max` chars (not display columns: the report is Markdown, not a
/// terminal), ending with `…` when cut.
fn truncate_chars(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
    t.push('…');
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Version, VersionMember};
    use crate::corpus::Corpus;

    /// Three invented outlets on one storm. The aligner and the detectors are not run: the
    /// claims and discrepancies are built by hand, as another analysis could give them.
    fn corpus() -> Corpus {
        Corpus::from_texts([
            (
                "a.txt",
                "Storm cuts power across Aldmoor\n\
                 The storm cut power in 39 regions on Monday, the utility said.\n\
                 Crews restored most lines by Tuesday, and four workers were hurt.\n",
            ),
            (
                "b.txt",
                "Aldmoor storm leaves two regions dark\n\
                 The storm cut power in two regions on Monday.\n\
                 Four workers were hurt on Tuesday.\n",
            ),
            (
                "c.txt",
                "Power cut in Aldmoor\n\
                 Power was cut in 39 regions on Monday.\n\
                 The mayor thanked the crews.\n",
            ),
        ])
    }

    /// The passage of `article` holding `needle`, and the bytes of `needle` there.
    fn find(corpus: &Corpus, article: &str, needle: &str) -> (PassageRef, Span) {
        let i = corpus.find(article).unwrap();
        let art = &corpus.articles[i];
        let p = art.passages.iter().find(|p| art.text[p.range()].contains(needle)).unwrap();
        let start = p.start + art.text[p.range()].find(needle).unwrap();
        (PassageRef { article: i, passage: p.index }, Span(start, start + needle.len()))
    }

    fn member(corpus: &Corpus, article: &str, needle: &str) -> Member {
        let (at, span) = find(corpus, article, needle);
        Member { at, similarity: 0.5, evidence: Vec::new(), span }
    }

    fn version(corpus: &Corpus, value: &str, holders: &[(&str, &str)]) -> Version {
        let members = holders
            .iter()
            .map(|(article, needle)| {
                let (at, span) = find(corpus, article, needle);
                VersionMember { at, span }
            })
            .collect();
        Version { value: value.to_string(), members }
    }

    /// C1: the regions, where c.txt agrees with a.txt. C2: the hurt workers, where a.txt
    /// gives its headline first and takes a side only in its third passage, which states two
    /// facts (the span is the workers' clause).
    fn analysis() -> Analysis {
        let c = corpus();
        let m = |article, needle| member(&c, article, needle);
        let regions = vec![
            m("a.txt", "The storm cut power in 39 regions on Monday, the utility said."),
            m("b.txt", "The storm cut power in two regions on Monday."),
            m("c.txt", "Power was cut in 39 regions on Monday."),
        ];
        let hurt = vec![
            m("a.txt", "Storm cuts power across Aldmoor"),
            m("a.txt", "and four workers were hurt"),
            m("b.txt", "Four workers were hurt on Tuesday."),
        ];
        let claims =
            vec![Claim { id: 0, score: 0.6, members: regions }, Claim { id: 1, score: 0.4, members: hurt }];
        let scope = Discrepancy {
            id: 0,
            kind: DiscrepancyKind::Scope,
            claim: 0,
            members: vec![find(&c, "a.txt", "39").0, find(&c, "b.txt", "two regions").0],
            detail: "39 regions vs 2 regions".into(),
            versions: vec![
                version(&c, "39 regions", &[("a.txt", "39 regions")]),
                version(&c, "2 regions", &[("b.txt", "two regions")]),
            ],
        };
        let date = Discrepancy {
            id: 1,
            kind: DiscrepancyKind::Date,
            claim: 1,
            members: vec![find(&c, "a.txt", "four workers").0, find(&c, "b.txt", "Four workers").0],
            detail: "by Tuesday vs on Tuesday".into(),
            versions: Vec::new(),
        };
        Analysis::from_parts(c, claims, vec![scope, date])
    }

    fn row<'a>(report: &'a str, start: &str) -> &'a str {
        report.lines().find(|l| l.starts_with(start)).unwrap_or_else(|| panic!("no `{start}` in\n{report}"))
    }

    #[test]
    fn a_discrepancy_names_its_id_claim_and_sides() {
        let report = markdown(&analysis());
        // c.txt agrees with a.txt but is in no version, so it is no party.
        assert_eq!(row(&report, "- D1 "), "- D1 (C1) scope: 39 regions: A1 · 2 regions: A2");
        // Without versions: the detail and the articles of the members.
        assert_eq!(row(&report, "- D2 "), "- D2 (C2) date: by Tuesday vs on Tuesday (A1, A2)");
        assert!(report.contains("- ⚠ **D1 scope**: 39 regions: A1 · 2 regions: A2\n"), "{report}");
        assert!(report.contains("1 date, 1 scope; each with its sides"), "{report}");
    }

    #[test]
    fn the_coverage_matrix_marks_every_party_and_only_parties() {
        let report = markdown(&analysis());
        // c.txt reports C1 without taking a side.
        assert!(row(&report, "| C1 |").starts_with("| C1 | ▲ | ▲ | ● |"), "{report}");
        // a.txt's first member of C2 is its headline; its side is in a later passage.
        assert!(row(&report, "| C2 |").starts_with("| C2 | ▲ | ▲ | · |"), "{report}");
    }

    #[test]
    fn passages_are_numbered_from_one_and_counted_in_words() {
        let report = markdown(&analysis());
        // a.txt's headline is its passage 0 in the JSON and ¶1 for readers.
        assert!(report.contains("- **A1** `a.txt` ¶1 (bytes 0–31,"), "{report}");
        assert!(
            report.contains("### A3 `c.txt` (2 passages)\n\n- ¶1: Power cut in Aldmoor\n- ¶3: The mayor")
        );
        assert!(!report.contains("¶0"), "{report}");
        assert!(report.contains("### A2 `b.txt` (1 passage)\n"), "{report}");
    }

    #[test]
    fn the_part_of_a_passage_that_states_the_fact_is_bold() {
        let report = markdown(&analysis());
        assert!(
            report.contains(": Crews restored most lines by Tuesday, **and four workers were hurt**.\n"),
            "{report}"
        );
        // A span that is the whole passage is not marked.
        assert!(report.contains(": Four workers were hurt on Tuesday.\n"), "{report}");
    }

    #[test]
    fn json_numbers_agree_with_the_report() {
        let a = analysis();
        let v: serde_json::Value = serde_json::from_str(&json(&a)).unwrap();
        assert_eq!(v["claims"][1]["id"], 2);
        assert_eq!(v["discrepancies"][1]["id"], "D2");
        assert_eq!(v["discrepancies"][1]["claim"], 2);
        assert_eq!(v["discrepancies"][0]["versions"][1]["value"], "2 regions");
        assert_eq!(v["discrepancies"][0]["versions"][1]["members"][0]["article"], "b.txt");
        // The JSON index is 0-based; the report's ¶ is that index + 1.
        assert_eq!(v["claims"][1]["members"][0]["passage"], 0);
        assert!(markdown(&a).contains("### C2 — 2 articles"));
    }

    #[test]
    fn report_on_a_hand_built_analysis() {
        insta::assert_snapshot!(markdown(&analysis()));
    }
}
