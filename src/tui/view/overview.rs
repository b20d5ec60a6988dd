//! The overview: a claims × articles coverage matrix showing who reports what, who is silent
//! and who disagrees.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{article_label, layout, truncate};
use crate::tui::app::App;
use crate::tui::query;

/// Legend rows above the matrix: one per article, at most 9.
fn legend_rows(app: &App) -> usize {
    app.analysis.corpus.articles.len().min(9)
}

/// The screen row of the first matrix row.
pub fn list_top(app: &App) -> u16 {
    let b = layout::bands(app.size).map_or(app.size, |b| b.body);
    layout::inner(b).y + legend_rows(app) as u16 + 2
}

/// How many matrix rows fit.
pub fn list_height(app: &App) -> usize {
    layout::rows_below(app, list_top(app))
}

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    let t = &app.theme;
    let a = &app.analysis;
    let inner = layout::inner(body);
    let width = inner.width as usize;
    let rows = &app.overview_rows;
    let n = a.corpus.articles.len();
    let block = layout::focused_box(
        app,
        format!(" Overview · {} claims × {n} articles · sorted by {} (s) ", rows.len(), app.sort.name()),
    );
    frame.render_widget(block, body);
    let mut lines: Vec<Line> = Vec::new();
    for i in 0..legend_rows(app) {
        let carried = a.claims.iter().filter(|c| c.member_in(i).is_some()).count();
        let label = format!("  carries {carried} of {} claims", a.claims.len());
        lines.push(Line::from(vec![
            Span::styled(truncate(&article_label(app, i), width.saturating_sub(label.len() + 1)), t.title),
            Span::styled(label, t.dim),
        ]));
    }
    let cols: usize = n.min(9);
    let cov_w = (2 * super::claims::digits(n) + 1).max(4);
    let max_disc = app.stats.disagreements.iter().copied().max().unwrap_or(0);
    let disc_w = super::claims::digits(max_disc).max(3) + 1;
    let mut head = String::from("  claim ");
    for i in 0..cols {
        head.push_str(&format!("{:>2} ", i + 1));
    }
    head.push_str(&format!(" {:>cov_w$} {:>disc_w$}  wording", "arts", "disc"));
    if n > cols {
        head.push_str(&format!("  (articles 1–{cols} of {n} shown)"));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(truncate(&head, width), t.heading)));
    let shown = list_height(app);
    if rows.is_empty() {
        let msg = match app.phase {
            crate::tui::app::Phase::Analysing { .. } => "Analysing… the matrix fills in when it is done.",
            _ => "No claims: no two articles state the same thing.",
        };
        lines.push(Line::from(Span::styled(msg, t.dim)));
    }
    let used: usize = 8 + cols * 3 + 1 + cov_w + 1 + disc_w + 2;
    for (k, &c) in rows.iter().enumerate().skip(app.overview.offset).take(shown) {
        let claim = &a.claims[c];
        let selected = k == app.overview.selected;
        let discs: Vec<_> = if app.stats.disagreements.get(c).is_some_and(|&d| d > 0) {
            a.discrepancies_of_claim(c).collect()
        } else {
            Vec::new()
        };
        let mut spans = vec![
            Span::styled(if selected { "▶ " } else { "  " }, t.selection_bar),
            Span::styled(
                format!("{:>5} ", format!("#{}", c + 1)),
                if selected { t.cursor_row } else { t.dim },
            ),
        ];
        for i in 0..cols {
            let mut mine = claim.members.iter().filter(|m| m.at.article == i).peekable();
            let cell = if mine.peek().is_none() {
                ("·", t.silent)
            } else if mine.any(|m| discs.iter().any(|d| d.members.contains(&m.at))) {
                ("◆", t.disagree)
            } else {
                ("●", t.present)
            };
            spans.push(Span::raw(" "));
            spans.push(Span::styled(cell.0, cell.1));
            spans.push(Span::raw(" "));
        }
        let cov = app.stats.coverage.get(c).copied().unwrap_or(0);
        spans.push(Span::raw(format!(" {:>cov_w$}", format!("{cov}/{n}"))));
        let d = if discs.is_empty() {
            " ".repeat(disc_w + 1)
        } else {
            format!(" {:>disc_w$}", format!("{}!", discs.len()))
        };
        spans.push(Span::styled(d, if discs.is_empty() { Style::new() } else { t.title }));
        spans.push(Span::raw("  "));
        let label = truncate(query::claim_label(a, c), width.saturating_sub(used + 1));
        spans.push(Span::styled(label, if selected { t.cursor_row } else { Style::new() }));
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
