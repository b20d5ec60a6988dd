//! The claims list: every claim, filtered by its wordings as you type (nucleo).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::layout::{self, digits};
use super::text::{fit_width, focused_box, show_cursor};
use crate::tui::app::{App, Phase};
use crate::tui::keymap::Mode;
use crate::tui::wrap;

/// The label before the typed filter.
const FILTER: &str = "filter ";
/// Characters of a wording kept before the first matched one when the match would be cut off.
const LEAD: usize = 12;

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    let t = &app.theme;
    let a = &app.analysis;
    let inner = layout::inner(body);
    let width = inner.width as usize;
    let matches = &app.claims.matches;
    let filter = &app.claims.filter;
    let n = a.corpus.articles.len();
    let block = focused_box(app, format!(" Claims · {} of {} ", matches.len(), a.claims.len()));
    frame.render_widget(block, body);
    let mut lines = vec![
        Line::from(vec![
            Span::styled(FILTER, t.key),
            Span::raw(filter.text().to_string()),
            Span::styled(
                if filter.is_empty() { "  type to filter by any article's wording" } else { "" },
                t.dim,
            ),
        ]),
        Line::from(Span::styled("─".repeat(width), t.border)),
    ];
    if matches.is_empty() {
        let msg = if a.claims.is_empty() {
            match app.phase {
                Phase::Analysing { .. } => "Analysing… claims appear when it is done.",
                _ => "No claims: no two articles state the same thing.",
            }
        } else {
            "No claim matches."
        };
        lines.push(Line::from(Span::styled(msg, t.dim)));
    }
    let list = &app.claims.list;
    for (k, m) in matches.iter().enumerate().skip(list.offset).take(layout::filtered_list(app).height) {
        let selected = k == list.selected;
        let d = app.stats.disagreements.get(m.claim).copied().unwrap_or(0);
        let mut spans = vec![
            Span::styled(if selected { "▶ " } else { "  " }, t.selection_bar),
            Span::styled(
                format!("{:>5} ", format!("C{}", a.claims.get(m.claim).map_or(0, |c| c.number()))),
                t.dim,
            ),
            Span::raw(format!(
                " {:>w$}/{n} ",
                app.stats.coverage.get(m.claim).copied().unwrap_or(0),
                w = digits(n)
            )),
            Span::styled(if d > 0 { format!("{:>4} ", format!("{d}!")) } else { "     ".into() }, t.title),
        ];
        let room = width.saturating_sub(17 + 2 * digits(n));
        // The wording that matched, else the claim's first.
        let wording = m.wording.map_or_else(|| a.wording(m.claim), |at| a.text(at));
        // A match far into a long wording: start a little before it, so that it is seen.
        let first = m.indices.first().map_or(0, |&i| i as usize);
        let skip =
            if wrap::width(wording) > room && first + LEAD > room { first.saturating_sub(LEAD) } else { 0 };
        let rest: String = wording.chars().skip(skip).collect();
        let label = if skip > 0 {
            format!("…{}", fit_width(&rest, room.saturating_sub(1)))
        } else {
            fit_width(wording, room)
        };
        let shift = if skip > 0 { skip - 1 } else { 0 };
        let base = if selected { t.cursor_row } else { Style::new() };
        for (ci, ch) in label.chars().enumerate() {
            let hit = ci > 0 || skip == 0;
            let hit = hit && m.indices.binary_search(&((ci + shift) as u32)).is_ok();
            spans.push(Span::styled(
                ch.to_string(),
                if hit { base.patch(t.key).patch(t.heading) } else { base },
            ));
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    if app.mode() == Mode::Claims {
        show_cursor(frame, inner, FILTER.len(), filter);
    }
}
