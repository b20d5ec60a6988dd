//! Drawing: `render(&App, &mut Frame)` reads the state and never changes it. Each region has its
//! own module; [`layout`] decides where everything goes.

pub mod annotations;
pub mod claim;
pub mod claims;
pub mod help;
pub mod layout;
pub mod overview;
pub mod panes;
pub mod status;
pub mod theme;

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::app::{App, Screen};
use super::wrap;

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
    if app.help.is_some() {
        help::render(app, frame, layout::help_box(area));
    }
}

/// The first frame, drawn before the articles are read: a big corpus takes a moment to load,
/// and the screen should answer at once.
pub fn loading(frame: &mut Frame, origin: &str, theme: &theme::Theme) {
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

/// The part of `text[range]` split into spans: `base` everywhere, patched by every highlight
/// that covers a piece (later highlights win). Ranges are byte offsets into `text`.
pub fn styled<'a>(
    text: &'a str,
    range: Range<usize>,
    base: Style,
    highlights: &[(Range<usize>, Style)],
) -> Vec<Span<'a>> {
    let mut cuts = vec![range.start, range.end];
    for (r, _) in highlights {
        for x in [r.start, r.end] {
            if x > range.start && x < range.end && text.is_char_boundary(x) {
                cuts.push(x);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut spans = Vec::new();
    for w in cuts.windows(2) {
        let (a, z) = (w[0], w[1]);
        if a >= z {
            continue;
        }
        let mut style = base;
        for (r, s) in highlights {
            if r.start <= a && z <= r.end {
                style = style.patch(*s);
            }
        }
        spans.push(Span::styled(&text[a..z], style));
    }
    spans
}

/// Shortens `s` to at most `max` columns, ending with `…` when cut.
pub fn truncate(s: &str, max: usize) -> String {
    if wrap::width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut w = 0;
    for g in unicode_segmentation::UnicodeSegmentation::graphemes(s, true) {
        let gw = wrap::width(g);
        if w + gw + 1 > max {
            break;
        }
        out.push_str(g);
        w += gw;
    }
    out.push('…');
    out
}

/// A line of `(text, style)` pieces.
pub fn line<'a>(pieces: impl IntoIterator<Item = (String, Style)>) -> Line<'a> {
    Line::from(pieces.into_iter().map(|(t, s)| Span::styled(t, s)).collect::<Vec<_>>())
}

/// The article's heading: number, title and source, as in pane titles and lists.
pub fn article_label(app: &App, index: usize) -> String {
    let a = app.analysis.article(index);
    match a.source() {
        Some(s) => format!("{} {} — {s}", index + 1, a.title),
        None => format!("{} {}", index + 1, a.title),
    }
}

/// Wraps a paragraph of plain pieces to `width`, keeping each piece's style.
pub fn wrap_styled(
    text: &str,
    width: usize,
    indent: usize,
    base: Style,
    highlights: &[(Range<usize>, Style)],
) -> Vec<Line<'static>> {
    let pad = " ".repeat(indent);
    wrap::wrap(text, width.saturating_sub(indent).max(1))
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

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Modifier;

    #[test]
    fn highlights_stay_on_their_words_at_every_width() {
        let text = "Amazon said the outage lasted 13 hours, not 15, in one of 39 regions (東京).";
        let marks: Vec<(Range<usize>, Style)> = ["13 hours", "not", "39 regions", "東京"]
            .iter()
            .map(|w| {
                let s = text.find(w).unwrap();
                (s..s + w.len(), Style::new().add_modifier(Modifier::REVERSED))
            })
            .collect();
        for width in 3..40 {
            let mut marked = String::new();
            for row in wrap::wrap(text, width) {
                for span in styled(text, row, Style::new(), &marks) {
                    if span.style.add_modifier.contains(Modifier::REVERSED) {
                        marked.push_str(&span.content);
                    } else {
                        marked.push('|');
                    }
                }
                marked.push('|');
            }
            let got: Vec<&str> = marked.split('|').filter(|s| !s.is_empty()).collect();
            let joined = got.join(" ");
            assert_eq!(joined.replace(' ', ""), "13hoursnot39regions東京", "width {width}: {got:?}");
        }
    }

    #[test]
    fn truncate_respects_display_width() {
        assert_eq!(truncate("東京 outage", 5), "東京…");
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(wrap::width(&truncate("a very long title indeed", 10)), 10);
    }
}
