//! Drawing: `render(&App, &mut Frame)` reads the state and never changes it. Each region has its
//! own module; [`layout`] decides where everything goes and [`text`] holds the shared pieces.

pub mod annotations;
pub mod articles;
pub mod claim;
pub mod claims;
pub mod hits;
pub mod layout;
pub mod overview;
pub mod panes;
pub mod status;
pub mod text;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};

use super::app::{App, Screen};
use super::help;
use super::theme::Theme;

/// Draws the whole screen.
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let Some(b) = layout::bands(area) else {
        let msg = format!(
            "terminal too small: {}×{}, parallax needs {}×{}",
            area.width,
            area.height,
            layout::MIN_WIDTH,
            layout::MIN_HEIGHT
        );
        let y = area.height / 2;
        let p = Paragraph::new(msg).alignment(Alignment::Center).wrap(ratatui::widgets::Wrap { trim: true });
        frame.render_widget(p, Rect { y, height: area.height - y, ..area });
        return;
    };
    status::header(app, frame, b.header);
    match app.screen {
        Screen::Compare => panes::render(app, frame, b.body),
        Screen::Claim => claim::render(app, frame, b.body),
        Screen::Overview => overview::render(app, frame, b.body),
        Screen::Claims => claims::render(app, frame, b.body),
    }
    status::footer(app, frame, b.status);
    annotations::render(app, frame, area);
    if let Some(h) = app.help {
        help_overlay(app, frame, layout::help_box(area), h.scroll);
    }
}

/// The `?` overlay: the help text from line `scroll`, in a double frame.
fn help_overlay(app: &App, frame: &mut Frame, area: Rect, scroll: usize) {
    let t = &app.theme;
    frame.render_widget(Clear, area);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(t.border_focused)
        .title(Span::styled(" Help · every key · Esc closes ", t.title));
    let shown = app.help_search.line;
    let lines: Vec<Line> = help::lines(app)
        .into_iter()
        .enumerate()
        .skip(scroll)
        .map(|(i, l)| if Some(i) == shown { l.patch_style(t.search_hit) } else { l })
        .collect();
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// The first frame, drawn before the articles are read: a big corpus takes a moment to load,
/// and the screen should answer at once.
pub fn loading(frame: &mut Frame, origin: &str, theme: &Theme) {
    let area = frame.area();
    if area.height == 0 {
        return;
    }
    let header = Line::from(vec![
        Span::styled(" parallax ", theme.header),
        Span::styled(format!("│ {origin} │ reading the articles…"), theme.header_dim),
    ]);
    frame.render_widget(Paragraph::new(header).style(theme.header_dim), Rect { height: 1, ..area });
    let y = area.height / 2;
    let msg = Paragraph::new(Span::styled(format!("Reading the articles in {origin}…"), theme.message))
        .alignment(Alignment::Center);
    frame.render_widget(msg, Rect { y, height: 1, ..area });
}
