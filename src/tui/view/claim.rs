//! The claim view: every article's wording of one claim, stacked and diffed against the
//! reference article, with the discrepancies listed first. [`layout::claim_outline`] says which
//! blocks there are and how tall; this module turns the visible ones into lines.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::layout::{self, ClaimBlock, ClaimOutline};
use super::text::{article_label, fit_width, focused_box, styled};
use crate::analysis::{Member, PassageRef};
use crate::diff;
use crate::tui::app::App;
use crate::tui::query::ClaimItem;
use crate::tui::{query, wrap};

/// The lines of one block.
fn block_lines(app: &App, width: usize, outline: &ClaimOutline, block: ClaimBlock<'_>) -> Vec<Line<'static>> {
    let t = &app.theme;
    let one = |line: Line<'static>| vec![line];
    match block {
        ClaimBlock::Message(m) => one(Line::from(m)),
        ClaimBlock::Annotations(_) => super::panes::annotation_lines(app),
        ClaimBlock::Agreement => {
            one(Line::from(Span::styled("No discrepancy: the articles agree on this claim.", t.dim)))
        }
        ClaimBlock::Discrepancy(i) => outline
            .discrepancies
            .get(i)
            .map(|d| {
                let mut line = super::panes::discrepancy_line(app, d, true);
                if app.claim.selected == Some(ClaimItem::Discrepancy(d.id)) {
                    line.spans.insert(0, Span::styled("▶", t.selection_bar));
                }
                line
            })
            .into_iter()
            .collect(),
        ClaimBlock::DetachedHeading => one(Line::from(Span::styled("Detached by you (u undoes):", t.title))),
        ClaimBlock::Detached(at) => {
            let s = format!(
                "  ✂ {} ¶{}: {}",
                article_label(app, at.article),
                at.passage + 1,
                app.analysis.text(at)
            );
            one(Line::from(Span::styled(fit_width(&s, width), t.dim)))
        }
        ClaimBlock::LatestWins => one(Line::from(Span::styled(
            fit_width(
                "Your corrections of these passages conflict: the latest wins (correct list shows which).",
                width,
            ),
            t.message,
        ))),
        ClaimBlock::More(more) => one(Line::from(Span::styled(
            format!("  … {more} more discrepancies, listed after the articles (G)"),
            t.dim,
        ))),
        ClaimBlock::Blank => one(Line::from("")),
        ClaimBlock::Member { member, .. } => match (app.claim.id, outline.reference) {
            (Some(claim), Some(reference)) => member_lines(app, width, claim, reference, member),
            _ => Vec::new(),
        },
        ClaimBlock::SilentHeading => one(Line::from(Span::styled("Silent on this claim:", t.title))),
        ClaimBlock::Silent(i) => {
            let s = article_label(app, i);
            one(Line::from(Span::styled(format!("  {}", fit_width(&s, width.saturating_sub(2))), t.silent)))
        }
        ClaimBlock::AllHeading => one(Line::from(Span::styled(
            format!("All {} discrepancies:", outline.discrepancies.len()),
            t.title,
        ))),
    }
}

/// One article's wording: its heading (with the versions it holds and the other claims its
/// passage is in), the text with the matched part diffed against the reference's and the rest
/// dimmer, the evidence.
fn member_lines(
    app: &App,
    width: usize,
    claim: usize,
    reference: PassageRef,
    m: &Member,
) -> Vec<Line<'static>> {
    let t = &app.theme;
    let a = &app.analysis;
    let mut out = Vec::new();
    let is_ref = m.at == reference;
    let linked = a.corrected.linked.contains(&(claim, m.at));
    let mut tail = vec![if linked {
        Span::styled("  linked by you", t.message)
    } else if is_ref {
        Span::styled("  reference", t.dim)
    } else {
        Span::styled(format!("  similarity {:.2}", m.similarity), t.dim)
    }];
    let held = query::held_versions(a, claim, m.at);
    for (label, value) in &held {
        tail.push(Span::raw(" "));
        tail.push(Span::styled(format!(" {label} {value} "), t.disagree));
    }
    if held.is_empty()
        && a.discrepancies_of_claim(claim).any(|d| d.versions.is_empty() && d.members.contains(&m.at))
    {
        tail.push(Span::raw("  "));
        tail.push(Span::styled(" disagrees ", t.disagree));
    }
    if let Some(others) = query::other_claims(a, m.at, claim) {
        tail.push(Span::styled(format!("  also in {others}"), t.dim));
    }
    // The title gives way to what the member says, down to a short stub.
    let used: usize = tail.iter().map(|s| wrap::width(&s.content)).sum();
    let room = width.saturating_sub(used + 3).max(16);
    let selected = app.claim.selected == Some(ClaimItem::Member(m.at));
    let mut head = vec![
        Span::styled(
            if selected {
                "▶ "
            } else if is_ref {
                "▌ "
            } else {
                "▎ "
            },
            if is_ref || selected { t.selection_bar } else { t.counterpart_bar },
        ),
        Span::styled(fit_width(&article_label(app, m.at.article), room), t.title),
    ];
    head.extend(tail);
    out.push(Line::from(head));
    let text = a.text(m.at);
    let start = a.article(m.at.article).passages.get(m.at.passage).map_or(0, |p| p.start);
    // Offsets into the passage's text rather than the file.
    let local = |r: Range<usize>| r.start.saturating_sub(start)..r.end.saturating_sub(start);
    let part = local(app.matched_part(Some(claim), m.at));
    let mut highlights: Vec<(Range<usize>, Style)> = [0..part.start, part.end..text.len()]
        .into_iter()
        .filter(|r| !r.is_empty())
        .map(|r| (r, t.outside_match))
        .collect();
    if !is_ref {
        let reference_part = app.matched_part(Some(claim), reference);
        let old = a.article(reference.article).text.get(reference_part).unwrap_or("");
        let new = text.get(part.clone()).unwrap_or("");
        let e = diff::emphasis(old, new);
        highlights.extend(
            e.new
                .iter()
                .map(|x| (part.start + x.range.start..part.start + x.range.end, t.change(x.weight, false))),
        );
    }
    out.extend(wrap_styled(text, layout::claim_text_width(width), 2, Style::new(), &highlights));
    if !m.evidence.is_empty() {
        let ev: Vec<String> = super::panes::evidence_groups(&m.evidence)
            .into_iter()
            .map(|(kind, words)| format!("{kind} {}", words.join(", ")))
            .collect();
        out.push(Line::from(Span::styled(
            format!("  matched on {}", fit_width(&ev.join(" · "), width.saturating_sub(14))),
            t.dim,
        )));
    }
    out.push(Line::from(""));
    out
}

/// Wraps a paragraph to `width` columns behind `indent` spaces, keeping each piece's style.
fn wrap_styled(
    text: &str,
    width: usize,
    indent: usize,
    base: Style,
    highlights: &[(Range<usize>, Style)],
) -> Vec<Line<'static>> {
    let pad = " ".repeat(indent);
    wrap::wrap(text, width.max(1))
        .into_iter()
        .map(|r| {
            let mut spans = vec![Span::raw(pad.clone())];
            spans.extend(
                styled(text, r, base, highlights)
                    .into_iter()
                    .map(|s| Span::styled(s.content.into_owned(), s.style)),
            );
            Line::from(spans)
        })
        .collect()
}

/// The lines of the claim view at `width` columns from line `skip`, at most `take` of them.
pub fn visible_lines(app: &App, width: usize, skip: usize, take: usize) -> Vec<Line<'static>> {
    let outline = layout::claim_outline(app, width);
    let mut out = Vec::new();
    let mut top = 0; // first line of the current block
    for &block in &outline.blocks {
        if out.len() >= take {
            break;
        }
        let h = block.height();
        if top + h > skip {
            let lines = block_lines(app, width, &outline, block);
            out.extend(lines.into_iter().skip(skip.saturating_sub(top)));
        }
        top += h;
    }
    out.truncate(take);
    out
}

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    let inner = layout::inner(body);
    let title = match app.claim.id.and_then(|c| app.analysis.claims.get(c)) {
        Some(c) => format!(
            " Claim {} of {} · {} of {} articles · cohesion {:.2} ",
            c.number(),
            app.analysis.claims.len(),
            query::coverage(&app.analysis, c.id),
            app.analysis.corpus.articles.len(),
            c.score
        ),
        None => " Claim ".into(),
    };
    let block = focused_box(app, title);
    let lines = visible_lines(app, inner.width as usize, app.claim.scroll, inner.height as usize);
    frame.render_widget(Paragraph::new(lines).block(block), body);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::fixture;

    /// Every line of the claim view at `width` columns.
    fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
        visible_lines(app, width, 0, usize::MAX)
    }

    /// A claim of 240 members (300 articles, 60 of them silent).
    fn big_claim() -> App {
        let mut app = App::new(fixture::many(300, 4), Rect::new(0, 0, 120, 36));
        crate::tui::update::sync(&mut app);
        // Article 1 is silent on claim 1; read it from article 2.
        app.press("l j Enter").unwrap();
        assert_eq!(app.claim.id, Some(0));
        app
    }

    #[test]
    fn many_discrepancies_leave_the_wordings_near_the_top() {
        let base = fixture::many(30, 2);
        let mut discrepancies = Vec::new();
        for k in 0..20 {
            discrepancies.push(crate::analysis::Discrepancy {
                id: k,
                kind: crate::analysis::DiscrepancyKind::Quote,
                claim: 0,
                members: vec![
                    PassageRef { article: 1, passage: 1 },
                    PassageRef { article: 2 + k, passage: 1 },
                ],
                detail: format!("wording {k}"),
                versions: Vec::new(),
            });
        }
        let analysis = crate::analysis::Analysis::from_parts(base.corpus, base.claims, discrepancies);
        let mut app = App::new(analysis, Rect::new(0, 0, 120, 36));
        crate::tui::update::sync(&mut app);
        app.press("l j Enter").unwrap();
        let text: Vec<String> =
            lines(&app, 118).iter().map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect()).collect();
        let more = text.iter().position(|l| l.contains("12 more discrepancies")).expect("the cut is said");
        assert_eq!(more, 8, "{text:#?}");
        let first_member = text.iter().position(|l| l.contains("reference")).expect("a wording");
        assert!(first_member < 12, "{text:#?}");
        let all = text.iter().position(|l| l.contains("All 20 discrepancies")).expect("the full list");
        assert!(all > first_member && text[all + 1..].iter().filter(|l| l.contains("wording")).count() == 20);
    }

    #[test]
    fn visible_lines_are_the_slice_of_all_lines() {
        let app = big_claim();
        let all = lines(&app, 118);
        assert_eq!(layout::claim_line_count(&app), all.len());
        assert!(all.len() > 240 * 3, "{}", all.len());
        for (skip, take) in [(0, 34), (1, 34), (5, 3), (400, 34), (all.len() - 10, 34), (all.len() + 5, 34)] {
            let end = (skip + take).min(all.len());
            let want = all.get(skip.min(all.len())..end).unwrap_or(&[]);
            assert_eq!(visible_lines(&app, 118, skip, take), want, "skip {skip} take {take}");
        }
    }

    #[test]
    fn scrolling_reaches_the_last_member_and_the_silent_articles() {
        let mut app = big_claim();
        app.press("G").unwrap();
        let page = layout::bands(app.size).map_or(1, |b| layout::inner(b.body).height as usize);
        assert_eq!(app.claim.scroll, layout::claim_line_count(&app) - page);
        let text: Vec<String> = visible_lines(&app, 118, app.claim.scroll, page)
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect();
        // Article 296 (index 295) is the last one silent on claim 1 (index % 5 == 0).
        assert_eq!(text.last().map(|s| s.trim()), Some("296 Outlet 296 tells the story"), "{text:#?}");
        app.press("K").unwrap();
        assert_eq!(app.claim.scroll, layout::claim_line_count(&app) - page - (page - 1));
    }
}
