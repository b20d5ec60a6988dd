//! The overview: a claims × articles coverage matrix showing who reports what, who is silent
//! and who disagrees.
//!
//! Only the visible window is drawn: the rows from the list offset, and the article columns from
//! [`columns`], which scroll sideways (h/l) when the articles do not all fit. A thousand
//! articles cost what the visible ones cost.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{article_label, layout, truncate};
use crate::tui::app::App;
use crate::tui::query;

/// Legend entries per legend column; more visible articles get more legend columns.
const LEGEND_ROWS: usize = 9;
/// Cells kept for the wording when deciding how many article columns fit.
const MIN_WORDING: usize = 20;

/// The article columns on screen: `count` articles from `first`, `width` cells each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Columns {
    pub first: usize,
    pub count: usize,
    pub width: usize,
    /// Articles in the corpus.
    pub total: usize,
}

impl Columns {
    pub fn range(self) -> std::ops::Range<usize> {
        self.first..self.first + self.count
    }

    /// Whether some articles are off screen (the title then says which are shown).
    pub fn scrolls(self) -> bool {
        self.count < self.total
    }
}

/// Widths of the fixed parts of a row: (coverage, discrepancies).
fn fixed_widths(app: &App) -> (usize, usize) {
    let n = app.analysis.corpus.articles.len();
    let cov_w = (2 * super::claims::digits(n) + 1).max(4);
    let max_disc = app.stats.disagreements.iter().copied().max().unwrap_or(0);
    (cov_w, super::claims::digits(max_disc).max(3) + 1)
}

/// Cells of a row before the wording, the article columns aside.
fn fixed(app: &App) -> usize {
    let (cov_w, disc_w) = fixed_widths(app);
    8 + 1 + cov_w + 1 + disc_w + 2
}

/// Which article columns fit at the current size, from `app.overview_col` (clamped so the last
/// page is full).
pub fn columns(app: &App) -> Columns {
    let total = app.analysis.corpus.articles.len();
    let width = (super::claims::digits(total) + 1).max(3);
    let body = layout::bands(app.size).map_or(app.size, |b| b.body);
    let avail = (layout::inner(body).width as usize).saturating_sub(fixed(app) + MIN_WORDING);
    let count = (avail / width).max(1).min(total);
    let first = app.overview_col.min(total - count);
    Columns { first, count, width, total }
}

/// Legend layout: (legend columns, rows).
fn legend_shape(cols: Columns) -> (usize, usize) {
    let across = cols.count.div_ceil(LEGEND_ROWS).max(1);
    (across, cols.count.div_ceil(across))
}

/// The screen row of the first matrix row.
pub fn list_top(app: &App) -> u16 {
    let b = layout::bands(app.size).map_or(app.size, |b| b.body);
    let legend = legend_shape(columns(app)).1;
    layout::inner(b).y + u16::try_from(legend).unwrap_or(u16::MAX).saturating_add(2)
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
    let cols = columns(app);
    let shown_cols = if cols.scrolls() {
        format!(" · articles {}–{} of {n} (h/l)", cols.first + 1, cols.first + cols.count)
    } else {
        String::new()
    };
    let block = layout::focused_box(
        app,
        format!(
            " Overview · {} claims × {n} articles{shown_cols} · sorted by {} (s) ",
            rows.len(),
            app.sort.name()
        ),
    );
    frame.render_widget(block, body);
    let mut lines: Vec<Line> = legend(app, cols, width);
    let (cov_w, disc_w) = fixed_widths(app);
    let mut head = String::from("  claim ");
    for i in cols.range() {
        head.push_str(&format!("{:>w$} ", i + 1, w = cols.width - 1));
    }
    head.push_str(&format!(" {:>cov_w$} {:>disc_w$}  wording", "arts", "disc"));
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
    let used = fixed(app) + cols.count * cols.width;
    let pad = " ".repeat(cols.width - 2);
    let mut cells = vec![0u8; cols.count];
    for (k, &c) in rows.iter().enumerate().skip(app.overview.offset).take(shown) {
        let claim = &a.claims[c];
        let selected = k == app.overview.selected;
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
                format!("{:>5} ", format!("#{}", c + 1)),
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
        let label = truncate(query::claim_label(a, c), width.saturating_sub(used + 1));
        spans.push(Span::styled(label, if selected { t.cursor_row } else { Style::new() }));
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// One entry per visible article column (title, and how many claims it carries), in as many
/// legend columns as needed to keep the legend at most `LEGEND_ROWS` tall.
fn legend(app: &App, cols: Columns, width: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let claims = app.analysis.claims.len();
    let (across, down) = legend_shape(cols);
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
        let title = truncate(&article_label(app, i), cell_w.saturating_sub(label.len() + 1));
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
