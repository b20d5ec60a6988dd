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

/// The lines of the claim view at `width` columns.
pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let a = &app.analysis;
    let Some(id) = app.claim else { return vec![Line::from("No claim selected.")] };
    let Some(claim) = a.claims.get(id) else { return vec![Line::from("No such claim.")] };
    let Some(reference) = reference(app, id) else { return Vec::new() };
    // The claim's annotations first: label, tags and note (shown beside every wording).
    let mut out = super::panes::annotation_lines(app);
    let discs = crate::tui::query::claim_discrepancies(a, id);
    if discs.is_empty() {
        out.push(Line::from(Span::styled("No discrepancy: the articles agree on this claim.", t.dim)));
    }
    for (kind, detail, members) in &discs {
        out.push(Line::from(vec![
            Span::styled(format!(" {} {} ", kind_mark(*kind), kind.name()), t.kind_badge),
            Span::styled(format!(" {detail}"), t.title),
            Span::styled(
                format!("  (articles {})", crate::tui::query::article_numbers(members.iter().copied())),
                t.dim,
            ),
        ]));
    }
    out.push(Line::from(""));
    let ref_text = a.text(reference);
    let mut members: Vec<_> = claim.members.iter().collect();
    members.sort_by_key(|m| (m.at != reference, m.at.article));
    for m in members {
        let is_ref = m.at == reference;
        let in_disc = discs.iter().any(|d| d.2.contains(&m.at));
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
        let text = a.text(m.at).to_string();
        let highlights: Vec<(Range<usize>, Style)> = if is_ref {
            Vec::new()
        } else {
            diff::word_diff(ref_text, &text)
                .into_iter()
                .filter_map(|s| match s.tag {
                    Tag::Insert => Some((s.new, t.change(s.weight, false))),
                    Tag::Restyled => Some((s.new, t.quiet)),
                    _ => None,
                })
                .collect()
        };
        out.extend(wrap_styled(&text, width.saturating_sub(1), 2, Style::new(), &highlights));
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
    }
    let silent: Vec<String> = (0..a.corpus.articles.len())
        .filter(|&i| claim.member_in(i).is_none())
        .map(|i| article_label(app, i))
        .collect();
    if !silent.is_empty() {
        out.push(Line::from(Span::styled("Silent on this claim:", t.title)));
        for s in silent {
            out.push(Line::from(Span::styled(
                format!("  {}", truncate(&s, width.saturating_sub(2))),
                t.silent,
            )));
        }
    }
    out
}

/// How many lines the claim view has at the current size (for scrolling).
pub fn line_count(app: &App) -> usize {
    let width = layout::bands(app.size).map_or(0, |b| layout::inner(b.body).width as usize);
    lines(app, width).len()
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
    let lines: Vec<Line> = lines(app, inner.width as usize).into_iter().skip(app.claim_scroll).collect();
    frame.render_widget(Paragraph::new(lines).block(block), body);
}
