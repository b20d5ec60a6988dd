//! The article picker (`p`): every article with its number, title, outlet and date, filtered
//! as you type; Enter shows the highlighted one in the focused pane.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::layout;
use super::text::{article_label, fit_width, focused_box, show_cursor};
use crate::tui::app::App;
use crate::tui::keymap::Mode;

/// The label before the typed filter.
const FILTER: &str = "filter ";

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    let t = &app.theme;
    let shown = app.picked_articles();
    let inner = layout::inner(body);
    let width = inner.width as usize;
    let picker = &app.articles;
    frame.render_widget(Clear, body);
    let title = format!(
        " Articles · {} of {} · Enter shows it in the focused pane ",
        shown.len(),
        app.article_count()
    );
    frame.render_widget(focused_box(app, title), body);
    let mut lines = vec![
        Line::from(vec![
            Span::styled(FILTER, t.key),
            Span::raw(picker.filter.text().to_string()),
            Span::styled(
                if picker.filter.is_empty() { "  type a number, a title, an outlet or a date" } else { "" },
                t.dim,
            ),
        ]),
        Line::from(Span::styled("─".repeat(width), t.border)),
    ];
    if shown.is_empty() {
        lines.push(Line::from(Span::styled(
            "No article's number, title, outlet, date or file name holds that.",
            t.dim,
        )));
    }
    let here = app.compare.articles;
    for (k, &a) in shown.iter().enumerate().skip(picker.list.offset).take(layout::filtered_list(app).height) {
        let selected = k == picker.list.selected;
        let base = if selected { t.cursor_row } else { Style::new() };
        let article = app.analysis.article(a);
        let pane = if here[app.compare.focus.index()] == a {
            "▪ "
        } else if here.contains(&a) {
            "▫ "
        } else {
            "  "
        };
        let date = article.meta.date.as_deref().map(|d| format!(" · {d}")).unwrap_or_default();
        let label = format!("{}{date}", article_label(app, a));
        let head = format!("{}{pane}", if selected { "▶ " } else { "  " });
        let room = width.saturating_sub(head.chars().count());
        lines.push(Line::from(vec![
            Span::styled(head, t.selection_bar),
            Span::styled(fit_width(&label, room), base),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    if app.mode() == Mode::Articles {
        show_cursor(frame, inner, FILTER.len(), &picker.filter);
    }
}
