//! Pieces every screen draws with: highlighted spans over byte ranges, shortening to a display
//! width, article headings, the focused box and the terminal cursor of an input line.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::{Block, BorderType, Borders};

use crate::tui::app::App;
use crate::tui::input::LineInput;
use crate::tui::wrap;

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

/// Shortens `s` to at most `max` terminal columns (display width, whole graphemes), ending
/// with `…` when cut.
pub fn fit_width(s: &str, max: usize) -> String {
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

/// The article's heading: number, title and source, as in pane titles and lists.
pub fn article_label(app: &App, index: usize) -> String {
    let a = app.analysis.article(index);
    match a.source() {
        Some(s) => format!("{} {} — {s}", index + 1, a.title),
        None => format!("{} {}", index + 1, a.title),
    }
}

/// The thick, focused frame of a full-screen list or overlay, with its title.
pub fn focused_box<'a>(app: &App, title: String) -> Block<'a> {
    Block::new()
        .borders(Borders::ALL)
        .border_type(BorderType::Thick)
        .border_style(app.theme.border_focused)
        .title(Span::styled(title, app.theme.title))
}

/// Puts the terminal cursor on `input`'s cursor, for an input whose text starts `offset`
/// columns into the first row of `area`; a cursor past the area's end stays on its last column.
pub fn show_cursor(frame: &mut Frame, area: Rect, offset: usize, input: &LineInput) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let column = offset + wrap::width(input.before_cursor());
    let x = u16::try_from(column).unwrap_or(u16::MAX).min(area.width - 1);
    frame.set_cursor_position(Position::new(area.x + x, area.y));
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
    fn fit_width_respects_display_width() {
        assert_eq!(fit_width("東京 outage", 5), "東京…");
        assert_eq!(fit_width("short", 10), "short");
        assert_eq!(wrap::width(&fit_width("a very long title indeed", 10)), 10);
    }
}
