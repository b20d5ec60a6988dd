//! The annotation overlays: the label picker, the note editor, the tag input and the list of
//! every annotation.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::layout;
use super::text::{fit_width, focused_box, show_cursor};
use crate::annotate::Label;
use crate::tui::app::{App, Overlay};
use crate::tui::input::{Editor, LineInput};
use crate::tui::keymap::Mode;
use crate::tui::{notes, wrap};

/// The one-letter gutter mark of a label (readable without colour); `✎` for a note or tags
/// without a label.
pub fn label_mark(label: Option<Label>) -> char {
    match label {
        Some(Label::Verified) => '✓',
        Some(Label::Disputed) => '✗',
        Some(Label::Misleading) => '!',
        Some(Label::Important) => '★',
        Some(Label::Question) => '?',
        None => '✎',
    }
}

/// What the overlay acts on, for its title.
fn what(app: &App) -> &'static str {
    notes::target(app).map_or("passage", |t| t.1)
}

/// Draws the open overlay, if any.
pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let Some(o) = &app.overlay else { return };
    let Some(b) = layout::bands(area) else { return };
    match o {
        Overlay::Picker => picker(app, frame, b.body),
        Overlay::Note(ed) => note(app, frame, b.body, ed),
        Overlay::Tags(input) => tags(app, frame, b.body, input),
        Overlay::Annotations => list(app, frame, b.body),
        Overlay::Articles => super::articles::render(app, frame, b.body),
    }
}

fn picker(app: &App, frame: &mut Frame, body: Rect) {
    let t = &app.theme;
    let r = layout::popup(app, body, 34, 9);
    let current = notes::current(app).and_then(|a| a.label);
    let mut lines = Vec::new();
    for l in Label::ALL {
        let on = current == Some(l);
        lines.push(Line::from(vec![
            Span::styled(format!(" {} ", l.key()), t.key),
            Span::styled(format!("{} ", label_mark(Some(l))), t.annotation_mark),
            Span::styled(l.name().to_string(), if on { t.selected } else { Style::new() }),
            Span::styled(if on { "  (current)" } else { "" }, t.dim),
        ]));
    }
    lines.push(Line::from(vec![Span::styled(" 0 ", t.key), Span::raw("  clear the label")]));
    lines.push(Line::from(vec![Span::styled(" Esc ", t.key), Span::styled("cancel", t.dim)]));
    frame.render_widget(Clear, r);
    frame.render_widget(
        Paragraph::new(lines).block(focused_box(app, format!(" Label this {} ", what(app)))),
        r,
    );
}

fn note(app: &App, frame: &mut Frame, body: Rect, ed: &Editor) {
    let t = &app.theme;
    let w = body.width.saturating_sub(8).clamp(20, 76);
    let h = body.height.saturating_sub(4).clamp(5, 14);
    let r = layout::popup(app, body, w, h);
    let inner = layout::inner(r);
    frame.render_widget(Clear, r);
    let bottom = if ed.confirm_discard {
        Span::styled(" discard your changes? y discards · n goes on · ctrl-s saves ", t.error)
    } else {
        Span::styled(" ctrl-s save · Esc close · Enter new line ", t.dim)
    };
    let block = focused_box(app, format!(" Note on this {} ", what(app)))
        .title_bottom(Line::from(bottom).right_aligned());
    frame.render_widget(block, r);
    // Hard lines, each cut into rows of the inner width; the cursor row stays in view.
    let width = inner.width.max(1) as usize;
    let text = ed.input.text();
    let (ranges, cursor) = editor_rows(text, ed.input.cursor(), width);
    let height = inner.height as usize;
    let skip = (cursor.0 + 1).saturating_sub(height);
    let buf = frame.buffer_mut();
    for (y, row) in ranges.into_iter().skip(skip).take(height).enumerate() {
        buf.set_string(inner.x, inner.y + y as u16, &text[row], Style::new());
    }
    if text.is_empty() {
        buf.set_string(inner.x + 1, inner.y, "type the note…", t.dim);
    }
    if height > 0 && app.mode() == Mode::Note {
        let cx = inner.x + (cursor.1.min(width.saturating_sub(1))) as u16;
        let cy = inner.y + (cursor.0 - skip) as u16;
        frame.set_cursor_position((cx, cy));
    }
}

/// The note editor's rows, as byte ranges into `text` cut at `width` display columns (a CJK
/// character or an emoji takes two), and the cursor's (row, column) on screen. The cursor at
/// the end of a full row stays on it, drawn on its last column.
pub fn editor_rows(text: &str, cursor: usize, width: usize) -> (Vec<std::ops::Range<usize>>, (usize, usize)) {
    let mut rows = Vec::new();
    let mut at = (0, 0);
    let mut offset = 0;
    for line in text.split('\n') {
        let cut = wrap::cut(line, width);
        let last = cut.len() - 1;
        for (i, r) in cut.into_iter().enumerate() {
            let r = offset + r.start..offset + r.end;
            if (r.start..r.end).contains(&cursor) || (i == last && cursor == r.end) {
                at = (rows.len(), wrap::width(&text[r.start..cursor]));
            }
            rows.push(r);
        }
        offset += line.len() + 1;
    }
    (rows, at)
}

/// The labels before the typed tags and the annotation-list filter.
const TAGS: &str = "tags ";
const FILTER: &str = "filter ";

fn tags(app: &App, frame: &mut Frame, body: Rect, input: &LineInput) {
    let t = &app.theme;
    let r = layout::popup(app, body, body.width.saturating_sub(8).clamp(20, 60), 5);
    frame.render_widget(Clear, r);
    let have = notes::current(app).map(|a| a.tags.join(", ")).unwrap_or_default();
    let lines = vec![
        Line::from(vec![Span::styled(TAGS, t.key), Span::raw(input.text().to_string())]),
        Line::from(Span::styled(
            if have.is_empty() {
                "comma separated · Enter adds · Esc adds what is typed".to_string()
            } else {
                format!("already: {have}")
            },
            t.dim,
        )),
    ];
    let block = focused_box(app, format!(" Tag this {} ", what(app)));
    frame.render_widget(Paragraph::new(lines).block(block), r);
    if app.mode() == Mode::Tags {
        show_cursor(frame, layout::inner(r), TAGS.len(), input);
    }
}

fn list(app: &App, frame: &mut Frame, body: Rect) {
    let t = &app.theme;
    let rows = notes::rows(app);
    let total = app.notes.store.as_ref().map_or(0, |s| s.annotations().len());
    let inner = layout::inner(body);
    let width = inner.width as usize;
    frame.render_widget(Clear, body);
    let list = &app.annotations;
    let filter = match list.label {
        Some(l) => format!(" · only {l}"),
        None => String::new(),
    };
    frame.render_widget(focused_box(app, format!(" Annotations · {} of {total}{filter} ", rows.len())), body);
    let mut lines = vec![
        Line::from(vec![
            Span::styled(FILTER, t.key),
            Span::raw(list.filter.text().to_string()),
            Span::styled(
                if list.filter.is_empty() { "  type a tag or words · Tab label · Enter jump" } else { "" },
                t.dim,
            ),
        ]),
        Line::from(Span::styled("─".repeat(width), t.border)),
    ];
    if rows.is_empty() {
        let msg = match (&app.notes.unavailable, total) {
            (Some(why), _) => why.clone(),
            (None, 0) => "No annotations yet: a labels, e writes a note, t adds tags.".to_string(),
            (None, _) => "No annotation matches.".to_string(),
        };
        lines.push(Line::from(Span::styled(msg, t.dim)));
    }
    for (k, r) in rows.iter().enumerate().skip(list.list.offset).take(layout::filtered_list(app).height) {
        let selected = k == list.list.selected;
        let base = if selected { t.cursor_row } else { Style::new() };
        let label = r.label.map_or("—", |l| l.name());
        let status = r.status.name();
        let mut spans = vec![
            Span::styled(if selected { "▶ " } else { "  " }, t.selection_bar),
            Span::styled(format!("{} ", label_mark(r.label)), t.annotation_mark),
            Span::styled(format!("{label:<10} "), base.patch(t.title)),
            Span::styled(format!("{status:<8} "), if status == "orphaned" { t.error } else { t.dim }),
            Span::styled(if r.claim { "claim " } else { "" }, t.dim),
        ];
        // The note first, then where it is (article, passage, claim), then the words.
        if !r.place.is_empty() {
            spans.push(Span::styled(format!("{} ", r.place), t.dim));
        }
        let mut rest = String::new();
        if !r.tags.is_empty() {
            rest.push_str(&format!("[{}] ", r.tags.join(", ")));
        }
        if !r.note.is_empty() {
            rest.push_str(&format!("{} — ", r.note.replace('\n', " ⏎ ")));
        }
        rest.push_str(&format!("“{}”", r.quote.replace('\n', " ")));
        let used: usize = spans.iter().map(|s| wrap::width(&s.content)).sum();
        spans.push(Span::styled(fit_width(&rest, width.saturating_sub(used)), base));
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    if app.mode() == Mode::Annotations {
        show_cursor(frame, inner, FILTER.len(), &list.filter);
    }
}

#[cfg(test)]
mod tests {
    use super::editor_rows;

    fn rows(text: &str, cursor: usize, width: usize) -> (Vec<&str>, (usize, usize)) {
        let (r, at) = editor_rows(text, cursor, width);
        (r.into_iter().map(|r| &text[r]).collect(), at)
    }

    #[test]
    fn wide_characters_wrap_by_display_width() {
        // Ten columns hold five CJK characters, not ten.
        let text = "東京の会議は十三時間続いた";
        let (r, at) = rows(text, text.len(), 10);
        assert_eq!(r, ["東京の会議", "は十三時間", "続いた"]);
        assert_eq!(at, (2, 6));
        // The cursor before は is at the start of the second row.
        let (_, at) = rows(text, text.find('は').unwrap(), 10);
        assert_eq!(at, (1, 0));
        // After 京: two wide characters in, column 4.
        let (_, at) = rows(text, text.find('の').unwrap(), 10);
        assert_eq!(at, (0, 4));
    }

    #[test]
    fn emoji_and_hard_lines() {
        let text = "ok 😀😀😀\n\n日本";
        let (r, at) = rows(text, text.len(), 7);
        assert_eq!(r, ["ok 😀😀", "😀", "", "日本"]);
        assert_eq!(at, (3, 4));
        let (_, at) = rows(text, text.find('\n').unwrap() + 1, 7);
        assert_eq!(at, (2, 0), "on the empty line");
        // Every row fits.
        for w in 2..12 {
            for r in rows(text, 0, w).0 {
                assert!(crate::tui::wrap::width(r) <= w, "{w}: {r:?}");
            }
        }
    }

    #[test]
    fn the_cursor_at_the_end_of_a_full_row_stays_on_it() {
        let (r, at) = rows("abcd", 4, 4);
        assert_eq!(r, ["abcd"]);
        assert_eq!(at, (0, 4));
        let (r, at) = rows("abcdef", 4, 4);
        assert_eq!(r, ["abcd", "ef"]);
        assert_eq!(at, (1, 0));
    }
}
