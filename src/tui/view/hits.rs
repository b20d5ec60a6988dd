//! The list of every search result while the search is typed: one row per hit across all
//! articles, `A2 ¶13` and the words around it, the current one marked. It takes the place of
//! the detail box, so the panes above still show the passage of the current hit.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph};

use super::text::fit_width;
use crate::tui::app::App;
use crate::tui::query::SearchKind;
use crate::tui::wrap;

/// Display columns of context shown before a hit.
const BEFORE: usize = 24;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let s = &app.search;
    let room = area.height.saturating_sub(2) as usize;
    let width = area.width.saturating_sub(2) as usize;
    let regex = if s.kind == SearchKind::Regex { "regex · " } else { "" };
    let title = match (s.hits.len(), s.current) {
        (0, _) => format!(" {regex}results "),
        (n, Some(i)) => format!(" {regex}result {}/{n} across every article ", i + 1),
        (n, None) => format!(" {regex}{n} results "),
    };
    let mut lines = Vec::new();
    if s.hits.is_empty() {
        let why = match (&s.error, s.query.is_empty()) {
            (Some(e), _) => e.clone(),
            (None, true) => "Type to search every article; ctrl-r reads it as a regular expression.".into(),
            (None, false) => "No passage of any article holds this.".into(),
        };
        lines.push(Line::from(Span::styled(why, if s.error.is_some() { t.error } else { t.dim })));
    }
    let current = s.current.unwrap_or(0);
    let first = current.saturating_sub(room.saturating_sub(1));
    for (i, hit) in s.hits.iter().enumerate().skip(first).take(room) {
        let article = app.analysis.article(hit.at.article);
        let Some(passage) = article.passages.get(hit.at.passage) else { continue };
        let part = |r: std::ops::Range<usize>| flat(article.text.get(r).unwrap_or_default());
        let chosen = i == current;
        let head = format!(
            "{}A{} ¶{:<4} ",
            if chosen { "▶ " } else { "  " },
            hit.at.article + 1,
            hit.at.passage + 1
        );
        let before = context_before(&part(passage.start..hit.range.start), BEFORE);
        let rest = width.saturating_sub(wrap::width(&head) + wrap::width(&before));
        let found = fit_width(&part(hit.range.clone()), rest);
        let after = fit_width(&part(hit.range.end..passage.end), rest.saturating_sub(wrap::width(&found)));
        let base = if chosen { t.cursor_row } else { ratatui::style::Style::new() };
        lines.push(Line::from(vec![
            Span::styled(head, if chosen { t.selection_bar } else { t.dim }),
            Span::styled(before, base),
            Span::styled(found, base.patch(t.search_hit)),
            Span::styled(after, base),
        ]));
    }
    let block = Block::new()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(t.border_focused)
        .title(Span::styled(title, t.title));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// The end of `s` that fits in `max` columns, on one line, with `…` when cut.
fn context_before(s: &str, max: usize) -> String {
    if wrap::width(s) <= max {
        return s.to_string();
    }
    let mut out: Vec<&str> = Vec::new();
    let mut w = 1;
    for g in unicode_segmentation::UnicodeSegmentation::graphemes(s, true).rev() {
        w += wrap::width(g);
        if w > max {
            break;
        }
        out.push(g);
    }
    out.push("…");
    out.reverse();
    out.concat()
}

/// `s` on one line: line breaks and tabs as spaces.
fn flat(s: &str) -> String {
    s.replace(['\n', '\r', '\t'], " ")
}
