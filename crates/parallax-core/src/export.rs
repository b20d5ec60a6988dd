//! Headless output: the versioned JSON contract and the Markdown report, both views of one
//! [`Analysis`]. Output is deterministic: the same corpus gives the same bytes whatever the
//! order its files were found in (the corpus is sorted by id, and so is everything below it).

use std::fmt::Write as _;

use rayon::prelude::*;
use serde::Serialize;

use crate::analysis::{Analysis, DiscrepancyKind, Evidence, PassageRef, Span};
use crate::corpus::{Article, Passage};

/// Version of the JSON contract; bump it when a field changes meaning or disappears.
pub const SCHEMA_VERSION: u32 = 2;

#[derive(Serialize)]
struct JsonArticle<'a> {
    id: &'a str,
    path: String,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
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
}

#[derive(Serialize)]
struct JsonMember<'a> {
    article: &'a str,
    passage: usize,
    similarity: f32,
    evidence: &'a [Evidence],
    span: Span,
}

#[derive(Serialize)]
struct JsonDiscrepancy<'a> {
    id: String,
    kind: DiscrepancyKind,
    claim: usize,
    members: Vec<JsonRef<'a>>,
    detail: &'a str,
    versions: Vec<JsonVersion<'a>>,
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
        start: p.start,
        end: p.end,
        kind: p.kind,
        text: &article.text[p.start..p.end],
    }
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
            title: &art.title,
            source: art.meta.source.as_deref(),
            author: art.meta.author.as_deref(),
            date: art.meta.date.as_deref(),
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
                    span: m.span,
                })
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
                        .map(|m| JsonVersionMember { article: id(m.at), passage: m.at.passage, span: m.span })
                        .collect(),
                })
                .collect(),
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
                let plain = serde_json::to_vec_pretty(item)?;
                let mut indented = Vec::with_capacity(plain.len() + plain.len() / 8);
                indented.extend_from_slice(b"    ");
                for byte in plain {
                    indented.push(byte);
                    if byte == b'\n' {
                        indented.extend_from_slice(b"    ");
                    }
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
    #[derive(Serialize)]
    struct Doc<'a> {
        passages: Vec<JsonPassage<'a>>,
    }
    let doc = Doc { passages: article.passages.iter().map(|p| passage_json(article, p)).collect() };
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_default();
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

/// Escapes text for a Markdown table cell or a quoted line: every line break (`\n`, `\r\n`,
/// a lone `\r`) becomes a space.
fn md(s: &str) -> String {
    s.replace('|', "\\|").replace("\r\n", " ").replace(['\r', '\n'], " ")
}

/// The Markdown report: summary, coverage matrix, claims with every wording, discrepancies,
/// and the facts only one article reports.
pub fn markdown(a: &Analysis) -> String {
    let mut out = String::new();
    let arts = &a.corpus.articles;
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
    let _ = writeln!(out, "| # | article | title | source | date | passages |");
    let _ = writeln!(out, "|---|---|---|---|---|---|");
    for (i, art) in arts.iter().enumerate() {
        let _ = writeln!(
            out,
            "| A{} | `{}` | {} | {} | {} | {} |",
            i + 1,
            md(&art.id),
            md(&art.title),
            md(art.meta.source.as_deref().unwrap_or("")),
            md(art.meta.date.as_deref().unwrap_or("")),
            art.passages.len()
        );
    }

    let _ = writeln!(out, "\n## Coverage\n");
    let _ = writeln!(
        out,
        "Who reports what: `●` reports the claim, `▲` reports it with a discrepancy, `·` is silent.\n"
    );
    let header: String = (1..=arts.len()).map(|i| format!(" A{i} |")).collect();
    let _ = writeln!(out, "| claim |{header} first wording |");
    let _ = writeln!(out, "|---|{}---|", "---|".repeat(arts.len()));
    for c in &a.claims {
        let mut row = format!("| C{} |", c.id + 1);
        for ai in 0..arts.len() {
            let mark = match c.member_in(ai) {
                None => "·",
                Some(m) if !a.discrepancies_at(m.at).iter().all(|&d| a.discrepancies[d].claim != c.id) => "▲",
                Some(_) => "●",
            };
            let _ = write!(row, " {mark} |");
        }
        let first = c.members.first().map_or("", |m| a.text(m.at));
        let _ = writeln!(out, "{row} {} |", md(&truncate_chars(first, 90)));
    }

    let _ = writeln!(out, "\n## Claims\n");
    for c in &a.claims {
        let _ =
            writeln!(out, "### C{} — {} articles, cohesion {:.2}\n", c.id + 1, c.article_count(), c.score);
        for m in &c.members {
            let art = a.article(m.at.article);
            let p = &art.passages[m.at.passage];
            let evidence: Vec<&str> = m.evidence.iter().map(|e| e.text.as_str()).collect();
            let _ = writeln!(
                out,
                "- **A{}** `{}` ¶{} (bytes {}–{}, similarity {:.2}; shared: {}): {}",
                m.at.article + 1,
                md(&art.id),
                m.at.passage,
                p.start,
                p.end,
                m.similarity,
                if evidence.is_empty() { "—".to_string() } else { evidence.join(", ") },
                md(a.text(m.at))
            );
        }
        for d in a.discrepancies_of_claim(c.id) {
            let _ = writeln!(out, "- ⚠ **{}**: {}", d.kind.name(), md(&d.detail));
        }
        out.push('\n');
    }

    let _ = writeln!(out, "## Discrepancies\n");
    if a.discrepancies.is_empty() {
        let _ = writeln!(out, "None found.\n");
    }
    for kind in DiscrepancyKind::ALL {
        let of_kind: Vec<_> = a.discrepancies.iter().filter(|d| d.kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        let _ = writeln!(out, "### {} ({})\n", kind.name(), of_kind.len());
        for d in of_kind {
            let mut who: Vec<String> = d.members.iter().map(|r| format!("A{}", r.article + 1)).collect();
            who.dedup(); // members are sorted: two passages of one article are one article here

            let _ = writeln!(out, "- C{}: {} ({})", d.claim + 1, md(&d.detail), who.join(", "));
        }
        out.push('\n');
    }

    let _ = writeln!(out, "## Reported by one article only\n");
    for (i, art) in arts.iter().enumerate() {
        let only: Vec<PassageRef> = a.unmatched(i).collect();
        if only.is_empty() {
            continue;
        }
        let _ = writeln!(out, "### A{} `{}` ({} passages)\n", i + 1, md(&art.id), only.len());
        for r in only {
            let _ = writeln!(out, "- ¶{}: {}", r.passage, md(a.text(r)));
        }
        out.push('\n');
    }
    // Titles, ids and passages come from anyone, and this is read in terminals.
    crate::sanitize::owned(out)
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
