//! Headless output of annotations: the JSON of `parallax annotations --json` and the Markdown
//! digest of `--format md` (also meant for `parallax report`). Both place every annotation in
//! the analysis afresh, so `start`/`end` are spans in the files as they are now.

use std::fmt::Write as _;

use serde_json::{Value, json};

use super::anchor::Status;
use super::correction::{Action, Correction, passage_of};
use super::place::{Placement, place};
use super::{Annotation, Target};
use crate::analysis::Analysis;
use crate::markdown::{code, text as md};

/// `{"annotations": [...]}`, one object per live annotation, oldest first.
///
/// Every object has `id`, `article`, `start`, `end`, `quote`, `label`, `note`, `tags`,
/// `reviewed` (labelled or marked reviewed in the reader), `created`, `updated`, `status` (`anchored` | `moved` | `orphaned`) and `target`
/// (`passage` | `claim`). `start`/`end` are the current byte span (null when orphaned), `quote`
/// is the text as annotated and `text` the text at the span now (it differs after a fuzzy
/// re-anchor). A claim annotation also has `claim` (the number of the claim it is attached to in
/// this analysis, 1-based as in the reader and the report, or null) and `members`,
/// one per stored member; its top-level fields are those of its first placed member.
///
/// `corrections` lists the live corrections (see [`corrections_json`]).
pub fn json<'a>(
    analysis: &Analysis,
    annotations: impl IntoIterator<Item = &'a Annotation>,
    corrections: &[&Correction],
) -> String {
    let rows: Vec<Value> = annotations
        .into_iter()
        .filter(|a| !a.is_deleted())
        .map(|a| {
            let p = place(analysis, a);
            row(analysis, a, &p)
        })
        .collect();
    let corrections = corrections_json(analysis, corrections);
    let mut out = crate::json::to_string_pretty(&json!({ "annotations": rows, "corrections": corrections }))
        .unwrap_or_default();
    out.push('\n');
    out
}

/// One object per live correction, oldest first (the order they apply in): `id`, `kind`
/// (`link` | `unlink` | `detach` | `dismiss`), `passages` (`article`, `passage` — the 0-based
/// index now, null when it cannot be placed — and `quote`; a detach names the member first),
/// `discrepancy` (the kind a dismissal is about, else null), `status` (`applied` |
/// `overridden` by a later correction | `unmatched`, nothing to act on | `orphaned`) and
/// `created`.
pub fn corrections_json(analysis: &Analysis, corrections: &[&Correction]) -> Vec<Value> {
    corrections
        .iter()
        .filter(|c| !c.is_deleted())
        .map(|c| {
            let passages: Vec<Value> = c
                .action
                .anchors()
                .into_iter()
                .map(|a| json!({"article": a.article, "passage": passage_of(&analysis.corpus, a).map(|p| p.passage), "quote": a.quote}))
                .collect();
            let discrepancy = match &c.action {
                Action::Dismiss { discrepancy, .. } => Some(discrepancy.name()),
                _ => None,
            };
            json!({
                "id": c.id,
                "kind": c.action.name(),
                "passages": passages,
                "discrepancy": discrepancy,
                "status": analysis.corrected.status(&c.id),
                "created": c.created,
            })
        })
        .collect()
}

/// One line per live correction, `ARTICLE:N` as it is typed (`?` for a passage that cannot
/// be placed): `- link a.txt:3 ↔ b.txt:5 — applied (id …, 2026-12-01T…)`.
pub fn correction_line(analysis: &Analysis, c: &Correction) -> String {
    let at: Vec<String> = c
        .action
        .anchors()
        .into_iter()
        .map(|a| match passage_of(&analysis.corpus, a) {
            Some(p) => format!("{}:{}", a.article, p.passage + 1),
            None => format!("{}:?", a.article),
        })
        .collect();
    let what = match &c.action {
        Action::Link { .. } => format!("link {}", at.join(" ↔ ")),
        Action::Unlink { .. } => format!("unlink {}", at.join(" ↔ ")),
        Action::Detach { .. } => format!("detach {} from {}", at[0], at[1..].join(", ")),
        Action::Dismiss { discrepancy, .. } => {
            format!("dismiss the {} discrepancy of {}", discrepancy.name(), at.join(", "))
        }
    };
    format!("{what} — {} (id {}, {})", analysis.corrected.status(&c.id), c.id, c.created)
}

/// The corrections as a Markdown section at heading `level`, for the annotations digest and
/// the report; nothing when there are none.
pub fn corrections_markdown(analysis: &Analysis, corrections: &[&Correction], level: usize) -> String {
    let live: Vec<&&Correction> = corrections.iter().filter(|c| !c.is_deleted()).collect();
    if live.is_empty() {
        return String::new();
    }
    let mut out = format!("\n{} Corrections\n\n", "#".repeat(level));
    out.push_str(
        "The reader's corrections of the analysis, oldest first; when two disagree the latest wins.\n\n",
    );
    for c in live {
        let _ = writeln!(out, "- {}", correction_line(analysis, c));
    }
    crate::sanitize::owned(out)
}

/// One JSON row.
fn row(analysis: &Analysis, a: &Annotation, p: &Placement) -> Value {
    let anchors = a.target.anchors();
    let members: Vec<Value> = anchors
        .iter()
        .zip(&p.anchors)
        .map(|(anchor, located)| {
            let span = located.span.as_ref();
            let bytes = span.map(|s| analysis.corpus.articles[s.article].file_range(s.range.clone()));
            json!({
                "article": anchor.article,
                "start": bytes.as_ref().map(|b| b.start),
                "end": bytes.as_ref().map(|b| b.end),
                "quote": anchor.quote,
                "text": span.map(|s| &analysis.corpus.articles[s.article].text[s.range.clone()]),
                "status": located.status.name(),
            })
        })
        .collect();
    let lead = p.anchors.iter().position(|l| l.span.is_some()).unwrap_or(0);
    let mut obj = members.get(lead).cloned().unwrap_or_else(|| json!({}));
    if let Some(o) = obj.as_object_mut() {
        o.insert("id".into(), json!(a.id));
        o.insert("label".into(), json!(a.label.map(|l| l.name())));
        o.insert("note".into(), json!(a.note));
        o.insert("tags".into(), json!(a.tags));
        o.insert("reviewed".into(), json!(a.is_reviewed()));
        o.insert("created".into(), json!(a.created));
        o.insert("updated".into(), json!(a.updated));
        o.insert("status".into(), json!(p.status.name()));
        o.insert("target".into(), json!(if a.target.is_claim() { "claim" } else { "passage" }));
        if let Target::Claim { .. } = a.target {
            o.insert("claim".into(), json!(p.claim.and_then(|c| analysis.claims.get(c)).map(|c| c.number())));
            o.insert("members".into(), Value::Array(members));
        }
    }
    obj
}

/// A Markdown digest: claim annotations under their claim, passage annotations under their
/// article, then the orphans, which are never left out.
pub fn markdown<'a>(analysis: &Analysis, annotations: impl IntoIterator<Item = &'a Annotation>) -> String {
    digest(analysis, annotations, 1)
}

/// The same digest one heading level down, to append to `parallax report`.
pub fn report_section<'a>(
    analysis: &Analysis,
    annotations: impl IntoIterator<Item = &'a Annotation>,
) -> String {
    digest(analysis, annotations, 2)
}

/// The digest with its title at heading `level` (1 = `#`).
fn digest<'a>(
    analysis: &Analysis,
    annotations: impl IntoIterator<Item = &'a Annotation>,
    level: usize,
) -> String {
    let placed: Vec<(&Annotation, Placement)> =
        annotations.into_iter().filter(|a| !a.is_deleted()).map(|a| (a, place(analysis, a))).collect();
    let h = |n: usize| "#".repeat(level + n - 1);
    let mut out = format!("{} Annotations\n\n", h(1));
    if placed.is_empty() {
        out.push_str("No annotations yet.\n");
        return out;
    }
    let count = |s: Status| placed.iter().filter(|(_, p)| p.status == s).count();
    let _ = writeln!(
        out,
        "{} annotation{}: {} anchored, {} moved, {} orphaned.\n",
        placed.len(),
        if placed.len() == 1 { "" } else { "s" },
        count(Status::Anchored),
        count(Status::Moved),
        count(Status::Orphaned)
    );

    let mut claims: Vec<usize> = placed.iter().filter_map(|(_, p)| p.claim).collect();
    claims.sort_unstable();
    claims.dedup();
    if !claims.is_empty() {
        let _ = writeln!(out, "{} Claims\n", h(2));
        for c in claims {
            let Some(claim) = analysis.claims.get(c) else { continue };
            let lead = claim.members.first().map_or("", |m| analysis.text(m.at));
            let _ = writeln!(out, "{} Claim {}: \"{}\"\n", h(3), claim.number(), clip(lead, 120));
            for (a, p) in placed.iter().filter(|(_, p)| p.claim == Some(c)) {
                item(&mut out, a, p);
                for (anchor, located) in a.target.anchors().iter().zip(&p.anchors) {
                    let _ = writeln!(
                        out,
                        "  - {} ({}): \"{}\"",
                        code(&anchor.article),
                        located.status.name(),
                        clip(&anchor.quote, 160)
                    );
                    changed(&mut out, analysis, anchor, located, "    ");
                }
            }
            out.push('\n');
        }
    }

    let by_article: Vec<(usize, Vec<&(&Annotation, Placement)>)> = (0..analysis.corpus.articles.len())
        .map(|i| {
            let here: Vec<_> = placed
                .iter()
                .filter(|(_, p)| p.status != Status::Orphaned && p.claim.is_none())
                .filter(|(_, p)| p.anchors.iter().filter_map(|l| l.span.as_ref()).any(|s| s.article == i))
                .collect();
            (i, here)
        })
        .filter(|(_, here)| !here.is_empty())
        .collect();
    if !by_article.is_empty() {
        let _ = writeln!(out, "{} Articles\n", h(2));
        for (i, here) in by_article {
            let article = &analysis.corpus.articles[i];
            let _ = writeln!(out, "{} {} ({})\n", h(3), md(&article.title), code(&article.id));
            for (a, p) in here {
                item(&mut out, a, p);
                for (anchor, located) in a.target.anchors().iter().zip(&p.anchors) {
                    if located.span.as_ref().is_some_and(|s| s.article == i) {
                        let _ = writeln!(out, "  > {}", clip(&anchor.quote, 240));
                        changed(&mut out, analysis, anchor, located, "  ");
                    }
                }
            }
            out.push('\n');
        }
    }

    let orphans: Vec<_> = placed.iter().filter(|(_, p)| p.status == Status::Orphaned).collect();
    if !orphans.is_empty() {
        let _ = writeln!(
            out,
            "{} Orphaned\n\nThese could not be placed in the articles as they are now; they are kept.\n",
            h(2)
        );
        for (a, p) in orphans {
            item(&mut out, a, p);
            for anchor in a.target.anchors() {
                let _ = writeln!(out, "  - {}: \"{}\"", code(&anchor.article), clip(&anchor.quote, 160));
            }
        }
        out.push('\n');
    }
    // Notes, tags, quotes and titles come from anyone, and this is read in terminals.
    crate::sanitize::owned(out)
}

/// When the words at an annotation's place now differ from those annotated (the article was
/// edited and the anchor found a close variant), a line saying so with both wordings: the
/// annotated one is above it.
fn changed(
    out: &mut String,
    analysis: &Analysis,
    anchor: &super::Anchor,
    located: &super::place::Located,
    indent: &str,
) {
    let Some(span) = located.span.as_ref() else { return };
    let Some(found) = analysis.corpus.articles.get(span.article).and_then(|a| a.text.get(span.range.clone()))
    else {
        return;
    };
    if found != anchor.quote {
        // The whole passage it is in now: the located span alone can cut a word.
        let passage = super::place::passages_overlapping(analysis, span).into_iter().next();
        let now = passage.map_or(found, |at| analysis.text(at));
        let _ = writeln!(
            out,
            "{indent}_The passage changed since it was annotated. Annotated: \"{}\"; now: \"{}\"._",
            clip(&anchor.quote, 240),
            clip(now, 240)
        );
    }
}

/// One bullet: label, status, note, tags.
fn item(out: &mut String, a: &Annotation, p: &Placement) {
    let label = match a.label {
        Some(l) => l.name(),
        None if a.reviewed => "reviewed",
        None => "note",
    };
    let _ = write!(out, "- **{label}** · {}", p.status.name());
    if !a.note.trim().is_empty() {
        let note = a.note.trim().lines().map(md).collect::<Vec<_>>().join("\n  ");
        let _ = write!(out, " — {note}");
    }
    if !a.tags.is_empty() {
        let _ = write!(out, " _(tags: {})_", md(&a.tags.join(", ")));
    }
    out.push('\n');
}

/// `s` on one line, cut to `max` chars with an ellipsis, as Markdown text.
fn clip(s: &str, max: usize) -> String {
    let one_line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        md(&one_line)
    } else {
        let cut: String = one_line.chars().take(max.saturating_sub(1)).collect();
        md(&format!("{cut}…"))
    }
}
