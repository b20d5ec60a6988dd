//! The header (corpus, counts, progress) and the status line (mode, input, hints, messages).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::text::{fit_width, show_cursor};
use crate::tui::app::{App, Phase, Screen};
use crate::tui::keymap::{self, Mode};
use crate::tui::wrap;

const SPINNER: [char; 8] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧'];

/// The top line: what is loaded and how far the analysis is.
pub fn header(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let a = &app.analysis;
    let n = a.corpus.articles.len();
    let mut left = vec![Span::styled(" parallax ", t.header), Span::styled("│ ", t.dim)];
    if !a.corpus.origin.is_empty() && area.width >= 70 {
        left.push(Span::raw(format!("{} ", fit_width(&a.corpus.origin, 30))));
        left.push(Span::styled("│ ", t.dim));
    }
    let narrow = area.width < 64;
    let articles = if narrow {
        "art."
    } else if n == 1 {
        "article"
    } else {
        "articles"
    };
    left.push(Span::raw(format!("{n} {articles}")));
    match &app.phase {
        Phase::Ready => {
            left.push(Span::raw(format!(
                " · {} claims · {} {}",
                a.claims.len(),
                a.discrepancies.len(),
                if narrow { "disc." } else { "discrepancies" }
            )));
            // Progress through the review, when there is a store to keep it in, as long as it
            // leaves room for the position.
            if app.notes.store.is_some() && !a.claims.is_empty() {
                let done = app.notes.reviewed.len();
                // The position keeps a space before it (and the line its margin of two).
                let used: usize = left.iter().map(|s| wrap::width(&s.content)).sum::<usize>()
                    + wrap::width(&position(app))
                    + 3;
                let fits = |s: &String| used + wrap::width(s) <= area.width as usize;
                let long = format!(" · {done}/{} claims reviewed", a.claims.len());
                let short = format!(" · {done}/{} reviewed", a.claims.len());
                if let Some(text) = [long, short].into_iter().find(fits) {
                    left.push(Span::styled(text, t.message));
                }
            }
        }
        Phase::Analysing { ticks, elapsed_ms, progress } => {
            let secs = if *elapsed_ms >= 1000 {
                format!(" {:.1} s", *elapsed_ms as f64 / 1000.0)
            } else {
                String::new()
            };
            // "aligning claims 3/15": the stage and how much of it is done, when known.
            let doing = match progress {
                Some(p) if p.total > 1 => format!("{} {}/{}", p.stage.name(), p.done, p.total),
                Some(p) => p.stage.name().to_string(),
                None => "analysing".to_string(),
            };
            let spinner = SPINNER[(*ticks as usize) % SPINNER.len()];
            let mut text = format!(" · {spinner} {doing}…{secs}");
            // The reassurance only when it fits whole beside the position.
            let used: usize = left.iter().map(|s| wrap::width(&s.content)).sum();
            let hint = " (keys work meanwhile)";
            if used + wrap::width(&text) + wrap::width(hint) + 24 <= area.width as usize {
                text.push_str(hint);
            }
            left.push(Span::styled(text, t.message));
        }
        Phase::Failed(_) => left.push(Span::styled(" · analysis failed", t.error)),
    }
    let right = position(app);
    let used: usize = left.iter().map(|s| wrap::width(&s.content)).sum();
    let room = (area.width as usize).saturating_sub(used + 2);
    // At least one space between the two ends, so they never read as one word.
    if !right.is_empty() && wrap::width(&right) < room {
        left.push(Span::raw(" ".repeat(room - wrap::width(&right))));
        left.push(Span::styled(right, t.header_dim));
    }
    frame.render_widget(Paragraph::new(Line::from(left)), area);
}

/// Where the reader is, for the right end of the header.
fn position(app: &App) -> String {
    match app.screen {
        Screen::Compare => {
            let f = app.compare.focus.index();
            let article = app.compare.articles[f];
            let n = app.analysis.corpus.articles.get(article).map_or(0, |a| a.passages.len());
            format!("article {} · passage {}/{} ", article + 1, app.compare.selected[f] + 1, n)
        }
        Screen::Claim => match app.claim.id.and_then(|c| app.analysis.claims.get(c)) {
            Some(c) => format!("claim {}/{} ", c.number(), app.analysis.claims.len()),
            None => String::new(),
        },
        Screen::Overview => format!("sorted by {} ", app.overview.sort.name()),
        Screen::Claims => String::new(),
    }
}

/// The bottom line: mode badge, then the search input, a message, or the key hints.
pub fn footer(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let mode = app.mode();
    let mut spans = vec![Span::styled(format!(" {} ", mode.badge()), t.badge), Span::raw(" ")];
    let mut cursor = None;
    if mode == Mode::HelpSearch {
        let query = &app.help_search.query;
        spans.push(Span::styled("/", t.key));
        cursor = Some(spans.iter().map(|s| wrap::width(&s.content)).sum::<usize>());
        spans.push(Span::raw(query.text().to_string()));
        let n = crate::tui::help::matches(app, query.text()).len();
        let info = match n {
            _ if query.is_empty() => "  type to search the help · Enter keep · Esc cancel".to_string(),
            0 => "  not in the help".to_string(),
            1 => "  1 line · Enter keep · Esc cancel".to_string(),
            n => format!("  {n} lines · ↓/↑ next/previous · Enter keep · Esc cancel"),
        };
        spans.push(Span::styled(info, t.dim));
    } else if mode == Mode::Search {
        let query = &app.search.query;
        spans.push(Span::styled("/", t.key));
        cursor = Some(spans.iter().map(|s| wrap::width(&s.content)).sum::<usize>());
        spans.push(Span::raw(query.text().to_string()));
        let n = app.search.hits.len();
        let info = match (n, app.search.current) {
            (0, _) if query.is_empty() => {
                "  type to search every article · Enter keep · Esc cancel".to_string()
            }
            (0, _) => "  no results".to_string(),
            (n, Some(i)) => format!("  result {}/{n} · ↓/↑ next/previous · Enter keep · Esc cancel", i + 1),
            (n, None) => format!("  {n} results"),
        };
        spans.push(Span::styled(info, t.dim));
    } else if let Some(s) = &app.status {
        spans.push(Span::styled(s.text.clone(), if s.error { t.error } else { t.message }));
        // Keep the way to the help in sight.
        let used: usize = spans.iter().map(|s| wrap::width(&s.content)).sum();
        let help = "? help ";
        if mode != Mode::Help && used + wrap::width(help) + 2 <= area.width as usize {
            spans.push(Span::raw(" ".repeat(area.width as usize - used - wrap::width(help))));
            spans.push(Span::styled("?", t.key));
            spans.push(Span::raw(" help "));
        }
    } else {
        let searching = app.search_kept();
        hint_spans(&mut spans, mode, t.key, Style::new(), area.width as usize, searching);
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
    if let Some(offset) = cursor {
        let input = if mode == Mode::HelpSearch { &app.help_search.query } else { &app.search.query };
        show_cursor(frame, area, offset, input);
    }
}

/// Appends as many hints as fit, always keeping room for the help key at the end.
fn hint_spans(
    spans: &mut Vec<Span<'static>>,
    mode: Mode,
    key: Style,
    label: Style,
    width: usize,
    searching: bool,
) {
    let mut used: usize = spans.iter().map(|s| wrap::width(&s.content)).sum();
    let mut all = keymap::hints(mode);
    // While a search is kept, n/N step through its results: the footer says so, first. The
    // ctrl-n/ctrl-p row says the same and is left out.
    all.retain(|(_, what)| *what != "result");
    if searching && let Some(i) = all.iter().position(|(_, what)| *what == "claim") {
        let (keys, _) = all.remove(i);
        all.insert(0, (keys, "result"));
    }
    let (help, rest): (Vec<_>, Vec<_>) = all.into_iter().partition(|(_, what)| *what == "help");
    let reserve: usize = help.iter().map(|(k, w)| wrap::width(k) + wrap::width(w) + 3).sum();
    for (keys, what) in rest.into_iter().chain(help.clone()) {
        let w = wrap::width(&keys) + wrap::width(what) + 3;
        let is_help = what == "help";
        if used + w + if is_help { 0 } else { reserve } > width {
            if is_help {
                break;
            }
            continue;
        }
        spans.push(Span::styled(keys, key));
        spans.push(Span::styled(format!(" {what}  "), label));
        used += w;
    }
}
