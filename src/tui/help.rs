//! The text of the `?` overlay: every key, generated from the keymap that dispatches them, and
//! what the marks and highlights mean. A document like the README key table, kept out of the
//! view so that update can scroll through it; the view draws it in its box.

use ratatui::text::{Line, Span};

use crate::analysis::DiscrepancyKind;
use crate::tui::app::App;
use crate::tui::keymap::{self, Mode};

/// The help text.
pub fn lines(app: &App) -> Vec<Line<'static>> {
    let t = &app.theme;
    let mut out = Vec::new();
    for mode in Mode::ALL {
        out.push(Line::from(Span::styled(mode.title().to_string(), t.heading)));
        for (keys, what) in keymap::groups(mode) {
            let k = keymap::join_keys(&keys, " ", "");
            out.push(Line::from(vec![
                // A long group of keys keeps a space before what it does.
                Span::styled(format!("  {k:<22}{}", if k.chars().count() >= 22 { " " } else { "" }), t.key),
                Span::raw(what.to_string()),
            ]));
        }
        out.push(Line::from(""));
    }
    out.push(Line::from(Span::styled("Configuration", t.heading)));
    out.push(Line::from("  keys, a light or dark theme and the default threshold: see `parallax --help`"));
    out.push(Line::from(""));
    out.push(Line::from(Span::styled("Mouse", t.heading)));
    out.push(Line::from("  wheel scrolls the pane under the pointer; a click selects"));
    out.push(Line::from(""));
    out.push(Line::from(Span::styled("Gutter", t.heading)));
    out.push(Line::from(vec![
        Span::styled("  ▌", t.selection_bar),
        Span::raw("   the selected passage (and its counterpart)"),
    ]));
    out.push(Line::from("  3    carried by 3 other articles"));
    for kind in DiscrepancyKind::TABLE {
        out.push(Line::from(vec![
            Span::raw("  "),
            Span::styled(kind.mark.to_string(), t.gutter_discrepancy),
            Span::raw(format!("    discrepancy: {}", kind.legend)),
        ]));
    }
    out.push(Line::from(""));
    out.push(Line::from(Span::styled("Differences", t.heading)));
    out.push(Line::from(vec![
        Span::raw("  "),
        Span::styled("13", t.old_loud),
        Span::raw(" / "),
        Span::styled("15", t.new_loud),
        Span::raw("  numbers, dates, negations, names, quotations (left / right)"),
    ]));
    out.push(Line::from(vec![
        Span::raw("  "),
        Span::styled("said", t.old_word),
        Span::raw(" / "),
        Span::styled("told", t.new_word),
        Span::raw("  other changed words"),
    ]));
    out.push(Line::from(vec![
        Span::raw("  "),
        Span::styled("“Quote”", t.quiet),
        Span::raw("  case, punctuation, quote style only"),
    ]));
    out.push(Line::from(vec![
        Span::raw("  "),
        Span::styled("dimmer", t.outside_match),
        Span::raw("  outside the part the claim matched; lines that state nothing (tags, bylines)"),
    ]));
    out.push(Line::from(vec![
        Span::raw("  "),
        Span::styled("outage", t.search_hit),
        Span::raw("  search result"),
    ]));
    out.push(Line::from(""));
    out.push(Line::from(Span::styled("Numbers", t.heading)));
    out.push(Line::from("  C4 claim 4 · D2 discrepancy 2 · A3 article 3 · passage 5/84: the 5th of 84"));
    out.push(Line::from("  the same in the report and the JSON (whose passage index counts from 0)"));
    out
}

/// How many lines the help has.
pub fn line_count(app: &App) -> usize {
    lines(app).len()
}

/// The help lines that hold `query`, case, accents and typography aside.
pub fn matches(app: &App, query: &str) -> Vec<usize> {
    let q = crate::tui::fold::fold(query).text;
    let q = q.trim();
    if q.is_empty() {
        return Vec::new();
    }
    lines(app)
        .iter()
        .enumerate()
        .filter(|(_, l)| crate::tui::fold::fold(&l.to_string()).text.contains(q))
        .map(|(i, _)| i)
        .collect()
}
