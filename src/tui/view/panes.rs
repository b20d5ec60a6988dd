//! The Compare screen: two articles side by side with a gutter, the word diff of the selected
//! pair, and a detail box that writes out the discrepancies and the evidence for the match.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph, Wrap};

use super::annotations::label_mark;
use super::layout::{self, PaneArea};
use super::text::{fit_width, styled};
use crate::analysis::{Discrepancy, EvidenceKind, PassageRef};
use crate::diff;
use crate::segment::PassageKind;
use crate::tui::app::{App, Phase};
use crate::tui::theme::kind_mark;
use crate::tui::{notes, query};

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    let l = layout::compare(body, app);
    let marks = pane_marks(app);
    for p in &l.panes {
        render_pane(app, frame, p, &marks[p.pane.index()]);
    }
    if app.search.editing {
        super::hits::render(app, frame, l.detail);
    } else {
        render_detail(app, frame, l.detail);
    }
}

/// Byte ranges into each pane's article text (indexed by [`Pane::index`]) and their styles.
type Marks = Vec<(Range<usize>, Style)>;

/// What the panes mark on the current claim: outside the part of the selected passage (and of
/// its counterpart) that the claim matched, dimmer; inside, the word diff of the two parts.
fn pane_marks(app: &App) -> [Marks; 2] {
    let mut out = [Vec::new(), Vec::new()];
    let Some(claim) = app.current_claim() else { return out };
    let t = &app.theme;
    let a = &app.analysis;
    let focus = app.compare.focus;
    let pair = app.pair();
    let shown = std::iter::once(focus).chain(pair.map(|_| focus.other()));
    for pane in shown {
        let at = app.at(pane);
        let Some(p) = a.corpus.articles.get(at.article).and_then(|x| x.passages.get(at.passage)) else {
            continue;
        };
        let part = app.matched_part(Some(claim), at);
        let marks = &mut out[pane.index()];
        marks.extend(
            [p.start..part.start, part.end..p.end]
                .into_iter()
                .filter(|r| !r.is_empty())
                .map(|r| (r, t.outside_match)),
        );
    }
    if let Some((_, l, r)) = pair {
        let (lp, rp) = (app.matched_part(Some(claim), l), app.matched_part(Some(claim), r));
        let text =
            |at: PassageRef, part: &Range<usize>| a.article(at.article).text.get(part.clone()).unwrap_or("");
        let e =
            app.memo.emphasis((l.article, lp.clone()), text(l, &lp), (r.article, rp.clone()), text(r, &rp));
        let shift = |base: usize, m: &diff::Mark| base + m.range.start..base + m.range.end;
        out[0].extend(e.old.iter().map(|m| (shift(lp.start, m), t.change(m.weight, true))));
        out[1].extend(e.new.iter().map(|m| (shift(rp.start, m), t.change(m.weight, false))));
    }
    out
}

/// What a pane's title says after the headline: outlet, date (the day of a timestamp) and
/// author, those the article gives.
fn byline(article: &crate::Article) -> String {
    let m = &article.meta;
    let day = m.date.as_deref().map(|d| d.split_once('T').map_or(d, |(day, _)| day));
    [m.source.as_deref(), day, m.author.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" · ")
}

fn render_pane(app: &App, frame: &mut Frame, p: &PaneArea, marks: &Marks) {
    let t = &app.theme;
    let i = p.pane.index();
    let index = app.compare.articles[i];
    let Some(article) = app.analysis.corpus.articles.get(index) else { return };
    let focused = app.compare.focus == p.pane && app.comparing();
    let paired = app.pair().is_some();
    let border = if focused { t.border_focused } else { t.border };
    let title_room = (p.outer.width as usize).saturating_sub(4);
    let byline = byline(article);
    let label = if byline.is_empty() {
        format!("{} {}", index + 1, article.title)
    } else {
        format!("{} {} — {byline}", index + 1, article.title)
    };
    let mut title = vec![Span::styled(" ", border)];
    let cut = fit_width(&label, title_room.saturating_sub(2));
    match (cut.rsplit_once(" — "), byline.is_empty()) {
        (Some((head, src)), false) => {
            title.push(Span::styled(head.to_string(), t.title));
            title.push(Span::styled(" — ", border));
            title.push(Span::styled(src.to_string(), t.title_source));
        }
        _ => title.push(Span::styled(cut, t.title)),
    }
    title.push(Span::styled(" ", border));
    let n = article.passages.len();
    let show_sel = focused || paired || !app.comparing();
    let pos = if show_sel { format!(" {}/{n} ", app.compare.selected[i] + 1) } else { format!(" –/{n} ") };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_type(if focused { BorderType::Thick } else { BorderType::Rounded })
        .border_style(border)
        .title(Line::from(title))
        .title_bottom(Line::from(Span::styled(pos, border)).right_aligned());
    frame.render_widget(block, p.outer);

    let rows = app.memo.rows(index, article, p.text.width.max(1) as usize);
    let mut highlights = marks.clone();
    highlights.extend(
        app.search.hits.iter().filter(|h| h.at.article == index).map(|h| (h.range.clone(), t.search_hit)),
    );
    let sel = app.compare.selected[i];
    let scroll = app.compare.scroll[i];
    let buf = frame.buffer_mut();
    for (y, row) in rows.rows.iter().skip(scroll).take(p.text.height as usize).enumerate() {
        let y = p.text.y + y as u16;
        let Some(passage) = row.passage else { continue };
        let at = PassageRef { article: index, passage };
        let selected = passage == sel && show_sel;
        // Gutter: selection bar, how many other articles carry it, discrepancy kind.
        if selected && p.gutter.width > 0 {
            let bar = if focused || !app.comparing() { t.selection_bar } else { t.counterpart_bar };
            buf.set_string(p.gutter.x, y, "▌", bar);
        }
        if row.first && p.gutter.width >= 3 {
            let others = app
                .analysis
                .claims_at(at)
                .iter()
                .map(|&c| app.stats.coverage.get(c).copied().unwrap_or(0).saturating_sub(1))
                .max()
                .unwrap_or(0);
            if others > 0 {
                let s = if others > 9 { "+".to_string() } else { others.to_string() };
                buf.set_string(p.gutter.x + 1, y, s, t.gutter);
            }
            if let Some(&d) = app.analysis.discrepancies_at(at).first() {
                let kind = app.analysis.discrepancies[d].kind;
                buf.set_string(p.gutter.x + 2, y, kind_mark(kind).to_string(), t.gutter_discrepancy);
            }
        }
        // Annotated: the label's mark on the passage's first row.
        if row.first
            && p.gutter.width >= 4
            && let Some(ids) = app.notes.marks.get(&at)
        {
            let label = app
                .notes
                .store
                .as_ref()
                .and_then(|s| ids.iter().find_map(|id| s.get(id).and_then(|a| a.label)));
            buf.set_string(p.gutter.x + 3, y, label_mark(label).to_string(), t.annotation_mark);
        }
        let kind = article.passages.get(passage).map(|x| x.kind);
        let mut base = match kind {
            Some(k) if !k.is_statement() => t.outside_match,
            Some(PassageKind::Title | PassageKind::Heading) => t.heading,
            _ => Style::new(),
        };
        if selected {
            base = base.patch(t.selected);
        }
        let line = Line::from(styled(&article.text, row.range.clone(), base, &highlights));
        buf.set_line(p.text.x, y, &line, p.text.width);
    }
    if article.passages.is_empty() {
        buf.set_string(p.text.x, p.text.y, "(no passages)", t.dim);
    }
}

fn render_detail(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let mut lines = detail_lines(app, area.width.saturating_sub(2) as usize);
    let room = area.height.saturating_sub(2) as usize;
    if lines.len() > room && room > 1 {
        let more = lines.len() - room + 1;
        lines.truncate(room - 1);
        lines.push(Line::from(Span::styled(
            format!("… {more} more line(s): Enter opens the claim view"),
            t.dim,
        )));
    }
    let here = app.analysis.claims_at(app.at(app.compare.focus)).len();
    let title = match app.current_claim().and_then(|c| app.analysis.claims.get(c)) {
        Some(c) if here > 1 => format!(" claim {} · passage in {here} claims (m: next) ", c.number()),
        Some(c) => format!(" claim {} ", c.number()),
        None => " match ".to_string(),
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(t.border)
        .title(Span::styled(title, t.title));
    frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: true }), area);
}

/// What the detail box says about the selected passage: its annotations first, then the match.
pub fn detail_lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let mut out = annotation_lines(app);
    out.extend(match_lines(app, width));
    out
}

/// One line per annotation shown on the selection: mark, label, tags and note.
pub fn annotation_lines(app: &App) -> Vec<Line<'static>> {
    let t = &app.theme;
    notes::shown(app)
        .into_iter()
        .map(|a| {
            let mut spans = vec![Span::styled(
                format!("{} {}", label_mark(a.label), a.label.map_or("note", |l| l.name())),
                t.annotation_mark,
            )];
            if a.target.is_claim() {
                spans.push(Span::styled(" (claim)", t.dim));
            }
            if !a.tags.is_empty() {
                spans.push(Span::styled(format!(" [{}]", a.tags.join(", ")), t.dim));
            }
            if !a.note.is_empty() {
                spans.push(Span::raw(format!(" {}", a.note.replace('\n', " ⏎ "))));
            }
            Line::from(spans)
        })
        .collect()
}

fn match_lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let a = &app.analysis;
    if !app.comparing() {
        return vec![
            Line::from(Span::styled("Only one article: there is nothing to compare.", t.title)),
            Line::from("Open two or more articles about one story: parallax FOLDER or parallax A.txt B.txt"),
        ];
    }
    match &app.phase {
        Phase::Analysing { .. } => {
            return vec![
                Line::from(Span::styled(format!("Analysing {} articles…", a.corpus.articles.len()), t.title)),
                Line::from("Claims, the word diff and discrepancies appear when it is done; read meanwhile."),
            ];
        }
        Phase::Failed(e) => {
            return vec![Line::from(Span::styled(format!("The analysis failed: {e}"), t.error))];
        }
        Phase::Ready => {}
    }
    let focus = app.compare.focus;
    let driver = app.at(focus);
    let other_article = app.compare.articles[focus.other().index()];
    let other_title = fit_width(&a.article(other_article).title, 40);
    let kind = a.article(driver.article).passages.get(driver.passage).map(|p| p.kind);
    if let Some(k) = kind.filter(|k| !k.is_statement()) {
        let name =
            serde_json::to_value(k).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
        return vec![Line::from(vec![
            Span::styled(" not a statement ", t.kind_badge),
            Span::raw(format!(" A {name} line: it states no fact, so it is kept out of claims.")),
        ])];
    }
    let Some(claim_id) = app.current_claim() else {
        let title = fit_width(&a.article(driver.article).title, 40);
        return vec![
            Line::from(vec![
                Span::styled(" unmatched ", t.kind_badge),
                Span::raw(format!(" Only “{title}” reports this passage: no other article matches it.")),
            ]),
            Line::from(Span::styled("n / N jump to the next / previous matched passage.", t.dim)),
        ];
    };
    let claim = &a.claims[claim_id];
    let n = a.corpus.articles.len();
    let mut out = Vec::new();
    let silent: Vec<String> =
        (0..n).filter(|&i| claim.member_in(i).is_none()).map(|i| format!("A{}", i + 1)).collect();
    let mut head = vec![Span::raw(format!(
        "Carried by {} of {n} articles · cohesion {:.2}",
        query::coverage(a, claim_id),
        claim.score
    ))];
    if silent.len() > 8 {
        head.push(Span::styled(format!(" · {} articles silent", silent.len()), t.dim));
    } else if !silent.is_empty() {
        head.push(Span::styled(format!(" · silent: {}", silent.join(", ")), t.dim));
    }
    if let Some(others) = query::other_claims(a, driver, claim_id) {
        head.push(Span::styled(format!(" · also in {others}"), t.dim));
    }
    // Most important first, so a small box still shows it: silence, then discrepancies.
    let pair = app.pair();
    if pair.is_none() {
        let carriers = query::article_tags(claim.members.iter().map(|m| m.at));
        let shown = app.compare.articles[focus.index()];
        let mut line = vec![
            Span::styled(" silent ", t.kind_badge),
            Span::raw(format!(" “{other_title}” does not report this; {carriers} do.")),
        ];
        if let Some(k) = claim.members.iter().map(|m| m.at.article).find(|&x| x != shown && x < 9) {
            line.push(Span::styled(format!(" Tab, then {} shows article {}", k + 1, k + 1), t.dim));
        }
        out.push(Line::from(line));
    }
    let mut discs = query::claim_discrepancies(a, claim_id);
    if let Some((_, l, r)) = pair {
        // Those between the two shown passages first.
        discs.sort_by_key(|d| !(d.members.contains(&l) && d.members.contains(&r)));
    }
    for d in &discs {
        // Discrepancies the focused passage is no party to are listed, but quieter.
        let here = d.members.contains(&driver);
        out.push(discrepancy_line(app, d, here));
    }
    if discs.is_empty() && pair.is_some() {
        out.push(Line::from(Span::styled("No discrepancy: the articles agree on this claim.", t.dim)));
    }
    out.push(Line::from(head));
    if let Some((_, _, r)) = pair {
        let m = claim.members.iter().find(|m| m.at == r).or(claim.members.first());
        if let Some(m) = m {
            let mut ev = vec![Span::styled(format!("Matched ({:.2}) on ", m.similarity), t.dim)];
            let groups = evidence_groups(&m.evidence);
            for (i, (kind, words)) in groups.iter().enumerate() {
                if i > 0 {
                    ev.push(Span::styled(" · ", t.dim));
                }
                ev.push(Span::styled(format!("{kind} "), t.dim));
                ev.push(Span::raw(fit_width(&words.join(", "), width.saturating_sub(20).max(10))));
            }
            if m.evidence.is_empty() {
                ev.push(Span::styled("overall wording", t.dim));
            }
            out.push(Line::from(ev));
        }
    }
    out
}

/// One discrepancy: its kind, its label and who says what (`D1 13 hours: A1, A3 · 15 hours:
/// A2`); quieter when `here` is false.
pub fn discrepancy_line(app: &App, d: &Discrepancy, here: bool) -> Line<'static> {
    let t = &app.theme;
    Line::from(vec![
        Span::styled(
            format!(" {} {} ", kind_mark(d.kind), d.kind.name()),
            if here { t.kind_badge } else { t.dim },
        ),
        Span::styled(format!(" {} ", d.label()), if here { t.title } else { t.dim }),
        Span::styled(query::sides(d), if here { t.title } else { t.dim }),
        Span::styled(
            if app.analysis.corrected.dismissed.contains_key(&d.id) { "  dismissed by you" } else { "" },
            t.dim,
        ),
    ])
}

/// Evidence grouped by kind, strongest kinds first: `[("numbers", ["13"]), ("words", [..])]`.
pub fn evidence_groups(evidence: &[crate::analysis::Evidence]) -> Vec<(&'static str, Vec<&str>)> {
    let order = [
        (EvidenceKind::Number, "numbers"),
        (EvidenceKind::Date, "dates"),
        (EvidenceKind::Quote, "quoted"),
        (EvidenceKind::Name, "names"),
        (EvidenceKind::Acronym, "acronyms"),
        (EvidenceKind::Term, "words"),
    ];
    order
        .iter()
        .filter_map(|(k, label)| {
            let words: Vec<&str> =
                evidence.iter().filter(|e| e.kind == *k).map(|e| e.text.as_str()).collect();
            (!words.is_empty()).then_some((*label, words))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pane_title_names_outlet_day_and_author() {
        let text = "---\nsource: Valley Times\ndate: 2026-03-15T08:00:00Z\nauthor: Tomás Reyes\n---\nFerry aground\nIt ran aground.\n";
        let a = crate::Article::from_text("a.md".into(), "a.md".into(), text.into(), false, true);
        assert_eq!(byline(&a), "Valley Times · 2026-03-15 · Tomás Reyes");
        let bare = crate::Article::from_text(
            "b.txt".into(),
            "b.txt".into(),
            "Ferry aground\nIt ran.\n".into(),
            false,
            true,
        );
        assert_eq!(byline(&bare), "");
    }
}
