//! The overview: a claims × articles coverage matrix showing who reports what, who is silent
//! and who disagrees.
//!
//! Only the visible window is drawn: the rows from the list offset, and the article columns from
//! [`layout::overview_columns`], which scroll sideways (h/l) when the articles do not all fit.
//! A thousand articles cost what the visible ones cost.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::layout::{self, Columns};
use super::text::{article_label, fit_width, focused_box};
use crate::tui::app::{App, Phase};

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    let t = &app.theme;
    let a = &app.analysis;
    let inner = layout::inner(body);
    let width = inner.width as usize;
    let rows = &app.overview.rows;
    let n = a.corpus.articles.len();
    let cols = layout::overview_columns(app);
    let shown_cols = if cols.scrolls() {
        format!(" · articles {}–{} of {n} (h/l)", cols.first + 1, cols.first + cols.count)
    } else {
        String::new()
    };
    let block = focused_box(
        app,
        format!(
            " Overview · {} claims × {n} articles{shown_cols} · sorted by {} (s) ",
            rows.len(),
            app.overview.sort.name()
        ),
    );
    frame.render_widget(block, body);
    let mut lines: Vec<Line> = legend(app, cols, width);
    let (cov_w, disc_w) = layout::overview_widths(app);
    let mut head = String::from("  claim ");
    for i in cols.range() {
        head.push_str(&format!("{:>w$} ", i + 1, w = cols.width - 1));
    }
    head.push_str(&format!(" {:>cov_w$} {:>disc_w$}  wording", "arts", "disc"));
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(fit_width(&head, width), t.heading)));
    let shown = layout::overview_list(app).height;
    if rows.is_empty() {
        let msg = match app.phase {
            Phase::Analysing { .. } => "Analysing… the matrix fills in when it is done.",
            _ => "No claims: no two articles state the same thing.",
        };
        lines.push(Line::from(Span::styled(msg, t.dim)));
    }
    let used = layout::overview_fixed(app) + cols.count * cols.width;
    let pad = " ".repeat(cols.width - 2);
    let mut cells = vec![0u8; cols.count];
    for (k, &c) in rows.iter().enumerate().skip(app.overview.list.offset).take(shown) {
        let claim = &a.claims[c];
        let selected = k == app.overview.list.selected;
        let disputed = app.stats.disputed.get(c).map_or(&[][..], Vec::as_slice);
        // 0 silent, 1 reports, 2 reports and disagrees; members are sorted by article, so only
        // the visible slice is read.
        cells.fill(0);
        let from = claim.members.partition_point(|m| m.at.article < cols.first);
        for m in claim.members[from..].iter().take_while(|m| m.at.article < cols.first + cols.count) {
            let cell = &mut cells[m.at.article - cols.first];
            *cell = (*cell).max(if disputed.binary_search(&m.at).is_ok() { 2 } else { 1 });
        }
        let mut spans = vec![
            Span::styled(if selected { "▶ " } else { "  " }, t.selection_bar),
            Span::styled(
                format!("{:>5} ", format!("C{}", claim.number())),
                if selected { t.cursor_row } else { t.dim },
            ),
        ];
        for &cell in &cells {
            let (sym, style) = match cell {
                0 => ("·", t.silent),
                1 => ("●", t.present),
                _ => ("◆", t.disagree),
            };
            spans.push(Span::raw(pad.clone()));
            spans.push(Span::styled(sym, style));
            spans.push(Span::raw(" "));
        }
        let cov = app.stats.coverage.get(c).copied().unwrap_or(0);
        let ndisc = app.stats.disagreements.get(c).copied().unwrap_or(0);
        spans.push(Span::raw(format!(" {:>cov_w$}", format!("{cov}/{n}"))));
        let d =
            if ndisc == 0 { " ".repeat(disc_w + 1) } else { format!(" {:>disc_w$}", format!("{ndisc}!")) };
        spans.push(Span::styled(d, if ndisc == 0 { Style::new() } else { t.title }));
        spans.push(Span::raw("  "));
        let label = fit_width(a.wording(c), width.saturating_sub(used + 1));
        spans.push(Span::styled(label, if selected { t.cursor_row } else { Style::new() }));
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// One entry per visible article column (title, and how many claims it carries), in as many
/// legend columns as needed to keep the legend short ([`layout::legend_shape`]).
fn legend(app: &App, cols: Columns, width: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let claims = app.analysis.claims.len();
    let (across, down) = layout::legend_shape(cols);
    let cell_w = width / across;
    let mut lines: Vec<Vec<Span<'static>>> = vec![Vec::new(); down];
    for (k, i) in cols.range().enumerate() {
        let carried = app.stats.carried.get(i).copied().unwrap_or(0);
        // Side by side there is no room for the long form.
        let label = if across == 1 {
            format!("  carries {carried} of {claims} claims")
        } else {
            format!("  {carried} claims ")
        };
        let title = fit_width(&article_label(app, i), cell_w.saturating_sub(label.len() + 1));
        let line = &mut lines[k % down];
        if k >= down {
            // Line up the second and later legend columns.
            let used: usize = line.iter().map(|s| crate::tui::wrap::width(&s.content)).sum();
            line.push(Span::raw(" ".repeat((k / down * cell_w).saturating_sub(used))));
        }
        line.push(Span::styled(title, t.title));
        line.push(Span::styled(label, t.dim));
    }
    lines.into_iter().map(Line::from).collect()
}
