//! The claim view: every article's wording of one claim, stacked and diffed against the
//! reference article, with the discrepancies listed first.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::kind_mark;
use super::{article_label, layout, truncate, wrap_styled};
use crate::analysis::PassageRef;
use crate::diff::{self, Tag};
use crate::tui::app::App;

/// The member the others are diffed against: the selected passage if it is a member, else
/// the focused pane's article's, else the left pane's, else the first member.
pub fn reference(app: &App, claim: usize) -> Option<PassageRef> {
    let c = app.analysis.claims.get(claim)?;
    let selected = app.at(app.focus);
    if c.members.iter().any(|m| m.at == selected) {
        return Some(selected);
    }
    c.member_in(app.articles[app.focus.index()])
        .or_else(|| c.member_in(app.articles[0]))
        .or(c.members.first())
        .map(|m| m.at)
}

/// One piece of the claim view. Member wordings are diffed and wrapped only when on screen, so a
/// claim with hundreds of members costs what the visible ones cost; their height comes from
/// wrapping the plain text, which is what the styled lines wrap to.
enum Part<'a> {
    Line(Line<'static>),
    Member { member: &'a crate::analysis::Member, height: usize },
    Silent(usize),
}

impl Part<'_> {
    fn height(&self) -> usize {
        match self {
            Part::Member { height, .. } => *height,
            _ => 1,
        }
    }
}

/// Discrepancies listed above the wordings when there are many (all are listed at the end).
const HEAD_DISCREPANCIES: usize = 8;

/// What every part needs: the claim's reference passage and merged discrepancies.
struct Ctx {
    reference: PassageRef,
    discs: Vec<(crate::analysis::DiscrepancyKind, String, Vec<PassageRef>)>,
}

fn parts(app: &App, width: usize) -> (Vec<Part<'_>>, Option<Ctx>) {
    let t = &app.theme;
    let a = &app.analysis;
    let Some(id) = app.claim else { return (vec![Part::Line(Line::from("No claim selected."))], None) };
    let Some(claim) = a.claims.get(id) else { return (vec![Part::Line(Line::from("No such claim."))], None) };
    let Some(reference) = reference(app, id) else { return (Vec::new(), None) };
    // The claim's annotations first: label, tags and note (shown beside every wording).
    let mut out: Vec<Part> = super::panes::annotation_lines(app).into_iter().map(Part::Line).collect();
    let discs = crate::tui::query::claim_discrepancies(a, id);
    if discs.is_empty() {
        out.push(Part::Line(Line::from(Span::styled(
            "No discrepancy: the articles agree on this claim.",
            t.dim,
        ))));
    }
    let disc_line =
        |(kind, detail, members): &(crate::analysis::DiscrepancyKind, String, Vec<PassageRef>)| {
            Part::Line(Line::from(vec![
                Span::styled(format!(" {} {} ", kind_mark(*kind), kind.name()), t.kind_badge),
                Span::styled(format!(" {detail}"), t.title),
                Span::styled(
                    format!("  (articles {})", crate::tui::query::article_numbers(members.iter().copied())),
                    t.dim,
                ),
            ]))
        };
    // A claim told by hundreds of articles can differ in a hundred ways: the first few lead,
    // the rest follow the wordings, so the wordings stay one screen away.
    let shown = if discs.len() > HEAD_DISCREPANCIES + 2 { HEAD_DISCREPANCIES } else { discs.len() };
    out.extend(discs[..shown].iter().map(disc_line));
    let more = discs.len() - shown;
    if more > 0 {
        out.push(Part::Line(Line::from(Span::styled(
            format!("  … {more} more discrepancies, listed after the articles (G)"),
            t.dim,
        ))));
    }
    out.push(Part::Line(Line::from("")));
    let text_width = width.saturating_sub(1).saturating_sub(2).max(1);
    let mut members: Vec<_> = claim.members.iter().collect();
    members.sort_by_key(|m| (m.at != reference, m.at.article));
    for m in members {
        let rows = crate::tui::wrap::wrap(a.text(m.at), text_width).len();
        let height = 1 + rows + usize::from(!m.evidence.is_empty()) + 1;
        out.push(Part::Member { member: m, height });
    }
    let mut silent = (0..a.corpus.articles.len()).filter(|&i| claim.member_in(i).is_none()).peekable();
    if silent.peek().is_some() {
        out.push(Part::Line(Line::from(Span::styled("Silent on this claim:", t.title))));
        out.extend(silent.map(Part::Silent));
    }
    if more > 0 {
        out.push(Part::Line(Line::from("")));
        out.push(Part::Line(Line::from(Span::styled(
            format!("All {} discrepancies:", discs.len()),
            t.title,
        ))));
        out.extend(discs.iter().map(disc_line));
    }
    (out, Some(Ctx { reference, discs }))
}

/// The lines of one part.
fn part_lines(app: &App, width: usize, ctx: Option<&Ctx>, part: Part<'_>) -> Vec<Line<'static>> {
    let t = &app.theme;
    let a = &app.analysis;
    let (m, ctx) = match (part, ctx) {
        (Part::Line(l), _) => return vec![l],
        (Part::Silent(i), _) => {
            let s = article_label(app, i);
            return vec![Line::from(Span::styled(
                format!("  {}", truncate(&s, width.saturating_sub(2))),
                t.silent,
            ))];
        }
        (Part::Member { member, .. }, Some(ctx)) => (member, ctx),
        (Part::Member { .. }, None) => return Vec::new(),
    };
    let mut out = Vec::new();
    let is_ref = m.at == ctx.reference;
    let in_disc = ctx.discs.iter().any(|d| d.2.contains(&m.at));
    let mut head = vec![
        Span::styled(
            if is_ref { "▌ " } else { "▎ " },
            if is_ref { t.selection_bar } else { t.counterpart_bar },
        ),
        Span::styled(truncate(&article_label(app, m.at.article), width.saturating_sub(36)), t.title),
    ];
    if is_ref {
        head.push(Span::styled("  reference", t.dim));
    } else {
        head.push(Span::styled(format!("  similarity {:.2}", m.similarity), t.dim));
    }
    if in_disc {
        head.push(Span::raw("  "));
        head.push(Span::styled(" disagrees ", t.disagree));
    }
    out.push(Line::from(head));
    let text = a.text(m.at);
    let highlights: Vec<(Range<usize>, Style)> = if is_ref {
        Vec::new()
    } else {
        diff::word_diff(a.text(ctx.reference), text)
            .into_iter()
            .filter_map(|s| match s.tag {
                Tag::Insert => Some((s.new, t.change(s.weight, false))),
                Tag::Restyled => Some((s.new, t.quiet)),
                _ => None,
            })
            .collect()
    };
    out.extend(wrap_styled(text, width.saturating_sub(1), 2, Style::new(), &highlights));
    if !m.evidence.is_empty() {
        let ev: Vec<String> = super::panes::evidence_groups(&m.evidence)
            .into_iter()
            .map(|(kind, words)| format!("{kind} {}", words.join(", ")))
            .collect();
        out.push(Line::from(Span::styled(
            format!("  matched on {}", truncate(&ev.join(" · "), width.saturating_sub(14))),
            t.dim,
        )));
    }
    out.push(Line::from(""));
    out
}

/// The lines of the claim view at `width` columns from line `skip`, at most `take` of them.
pub fn visible_lines(app: &App, width: usize, skip: usize, take: usize) -> Vec<Line<'static>> {
    let (parts, ctx) = parts(app, width);
    let mut out = Vec::new();
    let mut top = 0; // first line of the current part
    for part in parts {
        if out.len() >= take {
            break;
        }
        let h = part.height();
        if top + h > skip {
            let lines = part_lines(app, width, ctx.as_ref(), part);
            out.extend(lines.into_iter().skip(skip.saturating_sub(top)));
        }
        top += h;
    }
    out.truncate(take);
    out
}

/// Every line of the claim view at `width` columns.
pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    visible_lines(app, width, 0, usize::MAX)
}

/// How many lines the claim view has at the current size (for scrolling); diffs nothing.
pub fn line_count(app: &App) -> usize {
    let width = layout::bands(app.size).map_or(0, |b| layout::inner(b.body).width as usize);
    parts(app, width).0.iter().map(Part::height).sum()
}

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    let inner = layout::inner(body);
    let title = match app.claim.and_then(|c| app.analysis.claims.get(c)) {
        Some(c) => format!(
            " Claim {} of {} · {} of {} articles · cohesion {:.2} ",
            c.id + 1,
            app.analysis.claims.len(),
            crate::tui::query::coverage(&app.analysis, c.id),
            app.analysis.corpus.articles.len(),
            c.score
        ),
        None => " Claim ".into(),
    };
    let block = layout::focused_box(app, title);
    let lines = visible_lines(app, inner.width as usize, app.claim_scroll, inner.height as usize);
    frame.render_widget(Paragraph::new(lines).block(block), body);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::fixture;

    /// A claim of 240 members (300 articles, 60 of them silent).
    fn big_claim() -> App {
        let mut app = App::new(fixture::many(300, 4), Rect::new(0, 0, 120, 36));
        crate::tui::update::sync(&mut app);
        // Article 1 is silent on claim 1; read it from article 2.
        app.press("l j Enter").unwrap();
        assert_eq!(app.claim, Some(0));
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
        assert_eq!(line_count(&app), all.len());
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
        assert_eq!(app.claim_scroll, line_count(&app) - page);
        let text: Vec<String> = visible_lines(&app, 118, app.claim_scroll, page)
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect();
        // Article 296 (index 295) is the last one silent on claim 1 (index % 5 == 0).
        assert_eq!(text.last().map(|s| s.trim()), Some("296 Outlet 296 tells the story"), "{text:#?}");
        app.press("K").unwrap();
        assert_eq!(app.claim_scroll, line_count(&app) - page - (page - 1));
    }
}
