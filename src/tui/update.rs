//! The only place the reader's state changes: `update(&mut App, Action)`. It never touches the
//! terminal; sizes come from [`App::size`] through the same layout functions the view uses.

use super::action::Action;
use super::app::{App, Overlay, Pane, Phase, Screen, Status};
use super::query;
use super::view::{claim as claim_view, help as help_view, layout, overview as overview_view};
use super::wrap::ArticleRows;
use crate::analysis::PassageRef;

/// Applies one action.
pub fn update(app: &mut App, action: Action) {
    match action {
        Action::Tick { elapsed_ms } => {
            if let Phase::Analysing { ticks, elapsed_ms: e, .. } = &mut app.phase {
                *ticks += 1;
                *e = elapsed_ms;
            }
            return;
        }
        Action::Progress(report) => {
            if let Phase::Analysing { progress, .. } = &mut app.phase {
                *progress = Some(report);
            }
            return;
        }
        Action::Resize { width, height } => {
            app.size = ratatui::layout::Rect::new(0, 0, width, height);
            sync(app);
            return;
        }
        _ => {}
    }
    app.status = None;
    if matches!(action, Action::OpenOverview | Action::OpenClaims | Action::StartSearch) {
        app.help = None;
    }
    // An open annotation overlay takes every key (the help aside); the mouse waits.
    if app.overlay.is_some() && app.help.is_none() {
        match action {
            Action::Scroll { .. } | Action::Click { .. } => {}
            Action::Quit if !matches!(app.overlay, Some(Overlay::Note(_)) | Some(Overlay::Tags(_))) => {
                app.quit = true
            }
            Action::Suspend => app.suspend = true,
            Action::ToggleHelp => app.help = Some(0),
            _ => super::notes::on_overlay(app, action),
        }
        return;
    }
    if matches!(
        action,
        Action::Annotate
            | Action::EditNote
            | Action::AddTags
            | Action::DeleteAnnotation
            | Action::Undo
            | Action::OpenAnnotations
    ) && app.help.is_none()
    {
        super::notes::on_selection(app, action);
        return;
    }
    if action == Action::CycleLabelFilter {
        let all = crate::annotate::Label::ALL;
        app.notes.claim_label = match app.notes.claim_label {
            None => Some(all[0]),
            Some(l) => all.iter().position(|&x| x == l).and_then(|i| all.get(i + 1)).copied(),
        };
        app.overview = Default::default();
        app.claims_list = Default::default();
        app.refresh_lists();
        match app.notes.claim_label {
            Some(l) => say(app, format!("showing claims labelled {l}")),
            None => say(app, "showing every claim"),
        }
        return;
    }
    match action {
        Action::Quit => app.quit = true,
        Action::Suspend => app.suspend = true,
        Action::ToggleHelp => app.help = if app.help.is_some() { None } else { Some(0) },
        Action::OpenOverview => {
            app.screen = if app.screen == Screen::Overview { Screen::Compare } else { Screen::Overview };
            if app.screen == Screen::Overview {
                select_current_in_overview(app);
            }
        }
        Action::OpenClaims => {
            app.screen = if app.screen == Screen::Claims { Screen::Compare } else { Screen::Claims };
            app.claims_list = Default::default();
        }
        Action::StartSearch => {
            app.search =
                super::app::Search { editing: true, origin: Some(app.place()), ..Default::default() };
            if app.screen != Screen::Compare {
                app.screen = Screen::Compare;
            }
        }
        Action::Scroll { column, row, delta } => scroll_at(app, column, row, delta),
        Action::Click { column, row } => click(app, column, row),
        _ => match app.mode() {
            super::keymap::Mode::Help => help(app, action),
            super::keymap::Mode::Search => search(app, action),
            _ => match app.screen {
                Screen::Compare => compare(app, action),
                Screen::Claim => claim(app, action),
                Screen::Overview => overview(app, action),
                Screen::Claims => claims(app, action),
            },
        },
    }
}

fn say(app: &mut App, text: impl Into<String>) {
    app.status = Some(Status { text: text.into(), error: false });
}

fn warn(app: &mut App, text: impl Into<String>) {
    app.status = Some(Status { text: text.into(), error: true });
}

fn passage_count(app: &App, pane: Pane) -> usize {
    app.analysis.corpus.articles.get(app.articles[pane.index()]).map_or(0, |a| a.passages.len())
}

/// The rows of a pane's article at the pane's current text width.
pub fn pane_rows(app: &App, pane: Pane) -> ArticleRows {
    let width = layout::pane_text(app, pane).width as usize;
    app.analysis
        .corpus
        .articles
        .get(app.articles[pane.index()])
        .map_or_else(ArticleRows::default, |a| ArticleRows::new(a, width.max(1)))
}

fn compare(app: &mut App, action: Action) {
    let pane = app.focus;
    let n = passage_count(app, pane);
    let sel = app.selected[pane.index()];
    match action {
        Action::NextPassage => select(app, (sel + 1).min(n.saturating_sub(1))),
        Action::PrevPassage => select(app, sel.saturating_sub(1)),
        Action::Top => select(app, 0),
        Action::Bottom => select(app, n.saturating_sub(1)),
        Action::PageDown | Action::PageUp => {
            let rows = pane_rows(app, pane);
            let page = (layout::pane_text(app, pane).height as usize).saturating_sub(2).max(1);
            let here = rows.of(sel).start;
            let target = if action == Action::PageDown {
                let t = here + page;
                (0..n).find(|&p| rows.of(p).start >= t).unwrap_or(n.saturating_sub(1))
            } else {
                let t = here.saturating_sub(page);
                (0..n).find(|&p| rows.of(p).end > t).unwrap_or(0)
            };
            select(app, target);
        }
        Action::NextClaim | Action::PrevClaim => {
            let at = app.articles[pane.index()];
            let found = step(n, sel, action == Action::NextClaim, |p| {
                !app.analysis.claims_at(PassageRef { article: at, passage: p }).is_empty()
            });
            land(app, found, action == Action::NextClaim, "no passage of this article is matched in another");
        }
        Action::NextDiscrepancy | Action::PrevDiscrepancy => {
            let at = app.articles[pane.index()];
            let found = step(n, sel, action == Action::NextDiscrepancy, |p| {
                !app.analysis.discrepancies_at(PassageRef { article: at, passage: p }).is_empty()
            });
            land(app, found, action == Action::NextDiscrepancy, "no discrepancy in this article");
        }
        Action::SwitchFocus => {
            if app.comparing() {
                app.focus = pane.other();
                sync(app);
            } else {
                warn(app, "only one article: nothing to compare");
            }
        }
        Action::NextArticle | Action::PrevArticle => {
            let count = app.article_count();
            if count < 2 {
                warn(app, "only one article: nothing to compare");
                return;
            }
            let other = app.articles[pane.other().index()];
            let cur = app.articles[pane.index()];
            let mut next = cur;
            loop {
                next = if action == Action::NextArticle {
                    (next + 1) % count
                } else {
                    (next + count - 1) % count
                };
                if next != other || count == 2 {
                    break;
                }
            }
            show_article(app, next);
        }
        Action::ShowArticle(k) => {
            let idx = usize::from(k).saturating_sub(1);
            if idx >= app.article_count() {
                warn(app, format!("no article {k}: there are {}", app.article_count()));
            } else {
                show_article(app, idx);
            }
        }
        Action::OpenClaim if !app.comparing() => warn(app, "only one article: nothing to compare"),
        Action::OpenClaim => match app.current_claim() {
            Some(c) => {
                app.claim = Some(c);
                app.claim_scroll = 0;
                app.screen = Screen::Claim;
            }
            None => {
                warn(app, not_ready_or(app, "this passage is in no claim: no other article says it"));
            }
        },
        Action::NextHit | Action::PrevHit => next_hit(app, action == Action::NextHit),
        Action::Back if !app.search.query.is_empty() => {
            app.search = Default::default();
            say(app, "search cleared");
        }
        _ => {}
    }
}

/// The message for "nothing found", or a reminder that the analysis is still running.
fn not_ready_or(app: &App, text: &str) -> String {
    match &app.phase {
        Phase::Analysing { .. } => "still analysing: claims appear when it is done".into(),
        _ => text.into(),
    }
}

/// Selects where a next/previous jump landed, saying when it wrapped, or warns with `none`.
fn land(app: &mut App, found: Option<(usize, bool)>, forward: bool, none: &str) {
    match found {
        Some((p, wrapped)) => {
            select(app, p);
            if wrapped {
                say(app, if forward { "wrapped to the top" } else { "wrapped to the bottom" });
            }
        }
        None => warn(app, not_ready_or(app, none)),
    }
}

/// The next (or previous) index in `0..n` after `from` that passes `ok`, wrapping around;
/// says whether it wrapped.
fn step(n: usize, from: usize, forward: bool, ok: impl Fn(usize) -> bool) -> Option<(usize, bool)> {
    (1..=n).find_map(|d| {
        let (p, wrapped) = if forward {
            let p = from + d;
            if p >= n { (p - n, true) } else { (p, false) }
        } else if d > from {
            (from + n - d, true)
        } else {
            (from - d, false)
        };
        (p != from && ok(p)).then_some((p, wrapped))
    })
}

/// Puts article `idx` in the focused pane (swapping the panes if the other shows it), keeping
/// the selected claim when the new article carries it.
fn show_article(app: &mut App, idx: usize) {
    let (f, o) = (app.focus.index(), app.focus.other().index());
    if idx == app.articles[f] {
        return;
    }
    if idx == app.articles[o] {
        app.articles.swap(f, o);
        app.selected.swap(f, o);
        app.scroll.swap(f, o);
        sync(app);
        return;
    }
    // Keep the claim being read: the focused passage's if it is paired, else the other pane's.
    let mine = app.analysis.counterpart(app.at(app.focus), idx);
    let theirs = app.analysis.counterpart(app.at(app.focus.other()), idx);
    let pick = if app.pair().is_some() { mine.or(theirs) } else { theirs.or(mine) };
    app.articles[f] = idx;
    app.selected[f] = pick.map_or(0, |(_, at)| at.passage);
    app.scroll[f] = 0;
    sync(app);
}

/// Selects passage `p` of the focused pane and brings the other pane along.
pub fn select(app: &mut App, p: usize) {
    app.selected[app.focus.index()] = p;
    sync(app);
}

/// Brings the state back in line after a move: the other pane follows to the counterpart, the
/// selection stays in view and the counterpart is drawn level with it.
pub fn sync(app: &mut App) {
    let n_articles = app.article_count();
    for i in 0..2 {
        if app.articles[i] >= n_articles {
            app.articles[i] = 0;
        }
        let n = app.analysis.corpus.articles.get(app.articles[i]).map_or(0, |a| a.passages.len());
        app.selected[i] = app.selected[i].min(n.saturating_sub(1));
    }
    let d = app.focus;
    let o = d.other();
    let counterpart = app.analysis.counterpart(app.at(d), app.articles[o.index()]);
    if let Some((_, at)) = counterpart {
        app.selected[o.index()] = at.passage;
    }
    let rows = pane_rows(app, d);
    let height = layout::pane_text(app, d).height as usize;
    let sel_rows = rows.of(app.selected[d.index()]);
    app.scroll[d.index()] = keep_visible(app.scroll[d.index()], sel_rows.clone(), height, rows.rows.len());
    if counterpart.is_some() && app.comparing() {
        let other_rows = pane_rows(app, o);
        let target = other_rows.of(app.selected[o.index()]).start;
        let offset = sel_rows.start.saturating_sub(app.scroll[d.index()]);
        let max = other_rows.rows.len().saturating_sub(height.max(1));
        app.scroll[o.index()] = target.saturating_sub(offset).min(max.max(target.saturating_sub(height / 2)));
    }
}

/// A scroll offset that shows `rows` with a margin, moving as little as it can.
fn keep_visible(scroll: usize, rows: std::ops::Range<usize>, height: usize, total: usize) -> usize {
    if height == 0 {
        return rows.start;
    }
    let margin = (height / 4).min(2);
    let mut s = scroll;
    if rows.end + margin > s + height {
        s = (rows.end + margin).saturating_sub(height);
    }
    if rows.start < s + margin {
        s = rows.start.saturating_sub(margin);
    }
    s.min(total.saturating_sub(1))
}

fn next_hit(app: &mut App, forward: bool) {
    let n = app.search.hits.len();
    if n == 0 {
        if app.search.query.is_empty() {
            warn(app, "no search: press / to search");
        } else {
            warn(app, format!("no results for “{}”", app.search.query));
        }
        return;
    }
    let cur = app.search.current;
    let next = match cur {
        None => 0,
        Some(c) if forward => (c + 1) % n,
        Some(c) => (c + n - 1) % n,
    };
    app.search.current = Some(next);
    goto_hit(app, next);
    let wrapped = matches!(cur, Some(c) if (forward && next < c) || (!forward && next > c));
    say(app, format!("result {}/{n}{}", next + 1, if wrapped { " (wrapped)" } else { "" }));
}

fn goto_hit(app: &mut App, i: usize) {
    if let Some(hit) = app.search.hits.get(i) {
        let at = hit.at;
        goto(app, at);
    }
}

/// Shows passage `at`: in the pane that has its article, else in the focused pane.
pub fn goto(app: &mut App, at: PassageRef) {
    if app.articles[app.focus.index()] != at.article && app.articles[app.focus.other().index()] == at.article
    {
        app.focus = app.focus.other();
    }
    if app.articles[app.focus.index()] != at.article {
        app.articles[app.focus.index()] = at.article;
        app.scroll[app.focus.index()] = 0;
    }
    select(app, at.passage);
}

/// Shows claim `c` in Compare: a member in the focused pane and, when it can, another member
/// in the other pane.
pub fn goto_claim(app: &mut App, c: usize) {
    let Some(claim) = app.analysis.claims.get(c) else { return };
    let members: Vec<PassageRef> = claim.members.iter().map(|m| m.at).collect();
    let f = app.focus.index();
    let o = app.focus.other().index();
    let target = members
        .iter()
        .find(|m| m.article == app.articles[f])
        .or_else(|| members.iter().find(|m| m.article == app.articles[o]))
        .or(members.first())
        .copied();
    let Some(target) = target else { return };
    goto(app, target);
    let (f, o) = (app.focus.index(), app.focus.other().index());
    if app.comparing()
        && !members.iter().any(|m| m.article == app.articles[o])
        && let Some(m) = members.iter().find(|m| m.article != app.articles[f])
    {
        app.articles[o] = m.article;
        app.selected[o] = m.passage;
    }
    app.screen = Screen::Compare;
    sync(app);
}

fn claim(app: &mut App, action: Action) {
    let lines = claim_view::line_count(app);
    let page = layout::bands(app.size).map_or(1, |b| layout::inner(b.body).height as usize).max(1);
    let max = lines.saturating_sub(page);
    let n = app.analysis.claims.len();
    match action {
        Action::Down => app.claim_scroll = (app.claim_scroll + 1).min(max),
        Action::Up => app.claim_scroll = app.claim_scroll.saturating_sub(1),
        Action::PageDown => app.claim_scroll = (app.claim_scroll + page.saturating_sub(1)).min(max),
        Action::PageUp => app.claim_scroll = app.claim_scroll.saturating_sub(page.saturating_sub(1)),
        Action::Top => app.claim_scroll = 0,
        Action::Bottom => app.claim_scroll = max,
        Action::NextClaim | Action::PrevClaim | Action::NextDiscrepancy | Action::PrevDiscrepancy => {
            let Some(cur) = app.claim else { return };
            let forward = matches!(action, Action::NextClaim | Action::NextDiscrepancy);
            let need_disc = matches!(action, Action::NextDiscrepancy | Action::PrevDiscrepancy);
            match step(n, cur, forward, |c| {
                !need_disc || app.stats.disagreements.get(c).is_some_and(|&d| d > 0)
            }) {
                Some((c, wrapped)) => {
                    app.claim = Some(c);
                    app.claim_scroll = 0;
                    if wrapped {
                        say(app, "wrapped around");
                    }
                }
                None => {
                    warn(app, if need_disc { "no other claim with a discrepancy" } else { "no other claim" })
                }
            }
        }
        Action::Back => {
            if let Some(c) = app.claim {
                goto_claim(app, c);
            }
            app.screen = Screen::Compare;
        }
        _ => {}
    }
}

/// Moves a list cursor and keeps it in a window of `height` rows.
pub fn move_list(list: &mut super::app::ListState, len: usize, height: usize, action: Action) {
    let last = len.saturating_sub(1);
    let page = height.max(1);
    list.selected = match action {
        Action::Down => (list.selected + 1).min(last),
        Action::Up => list.selected.saturating_sub(1),
        Action::PageDown => (list.selected + page).min(last),
        Action::PageUp => list.selected.saturating_sub(page),
        Action::Top => 0,
        Action::Bottom => last,
        _ => list.selected,
    }
    .min(last);
    if list.selected < list.offset {
        list.offset = list.selected;
    }
    if height > 0 && list.selected >= list.offset + height {
        list.offset = list.selected + 1 - height;
    }
}

fn select_current_in_overview(app: &mut App) {
    let rows = app.overview_rows.clone();
    if let Some(c) = app.current_claim()
        && let Some(i) = rows.iter().position(|&r| r == c)
    {
        app.overview.selected = i;
    }
    let h = overview_view::list_height(app);
    move_list(&mut app.overview, rows.len(), h, Action::Tick { elapsed_ms: 0 });
}

fn overview(app: &mut App, action: Action) {
    let rows = app.overview_rows.clone();
    let h = overview_view::list_height(app);
    match action {
        Action::Down | Action::Up | Action::PageDown | Action::PageUp | Action::Top | Action::Bottom => {
            move_list(&mut app.overview, rows.len(), h, action);
        }
        Action::CycleSort => {
            let cur = rows.get(app.overview.selected).copied();
            app.sort = app.sort.next();
            app.refresh_lists();
            let rows = app.overview_rows.clone();
            app.overview.selected = cur.and_then(|c| rows.iter().position(|&r| r == c)).unwrap_or(0);
            app.overview.offset = 0;
            move_list(&mut app.overview, rows.len(), h, Action::Tick { elapsed_ms: 0 });
            say(app, format!("sorted by {}", app.sort.name()));
        }
        Action::NextArticle | Action::PrevArticle | Action::NextColumnPage | Action::PrevColumnPage => {
            let cols = overview_view::columns(app);
            let step = match action {
                Action::NextArticle | Action::PrevArticle => 1,
                _ => cols.count,
            };
            app.overview_col = if matches!(action, Action::NextArticle | Action::NextColumnPage) {
                (cols.first + step).min(cols.total - cols.count)
            } else {
                cols.first.saturating_sub(step)
            };
        }
        Action::Confirm => match rows.get(app.overview.selected) {
            Some(&c) => goto_claim(app, c),
            None => warn(app, not_ready_or(app, "no claims")),
        },
        Action::Back => app.screen = Screen::Compare,
        _ => {}
    }
}

fn claims(app: &mut App, action: Action) {
    let len = app.claims_matches.len();
    let h = super::view::claims::list_height(app);
    match action {
        Action::Down | Action::Up | Action::PageDown | Action::PageUp => {
            move_list(&mut app.claims_list, len, h, action);
        }
        Action::Input(_) | Action::Backspace | Action::ClearInput => {
            match action {
                Action::Input(c) => app.claims_query.push(c),
                Action::Backspace => {
                    app.claims_query.pop();
                }
                _ => app.claims_query.clear(),
            }
            app.claims_list = Default::default();
            app.refresh_lists();
        }
        Action::Confirm => match app.claims_matches.get(app.claims_list.selected).map(|m| m.claim) {
            Some(c) => goto_claim(app, c),
            None => warn(app, not_ready_or(app, "no claim matches")),
        },
        Action::Back => app.screen = Screen::Compare,
        _ => {}
    }
}

fn search(app: &mut App, action: Action) {
    match action {
        Action::Input(c) => {
            app.search.query.push(c);
            refresh_search(app);
        }
        Action::Backspace => {
            app.search.query.pop();
            refresh_search(app);
        }
        Action::ClearInput => {
            app.search.query.clear();
            refresh_search(app);
        }
        Action::NextHit | Action::PrevHit => next_hit(app, action == Action::NextHit),
        Action::SubmitSearch => {
            app.search.editing = false;
            let n = app.search.hits.len();
            if app.search.query.is_empty() {
                app.search = Default::default();
            } else if n == 0 {
                warn(app, format!("no results for “{}”", app.search.query));
            } else {
                let i = app.search.current.unwrap_or(0);
                say(app, format!("result {}/{n}: ctrl-n / ctrl-p for the next and previous", i + 1));
            }
        }
        Action::Back => {
            if let Some(p) = app.search.origin {
                app.focus = p.focus;
                app.articles = p.articles;
                app.selected = p.selected;
                sync(app);
                app.scroll = p.scroll;
            }
            app.search = Default::default();
        }
        _ => {}
    }
}

/// Recomputes the results as the query changes and shows the first one at or after where the
/// search started.
fn refresh_search(app: &mut App) {
    app.search.hits = query::search(&app.analysis, &app.search.query);
    app.search.current = None;
    let Some(p) = app.search.origin else { return };
    if app.search.hits.is_empty() {
        return;
    }
    let f = p.focus.index();
    let origin = PassageRef { article: p.articles[f], passage: p.selected[f] };
    let i = app.search.hits.iter().position(|h| h.at >= origin).unwrap_or(0);
    app.search.current = Some(i);
    goto_hit(app, i);
}

fn help(app: &mut App, action: Action) {
    let Some(scroll) = app.help else { return };
    let lines = help_view::line_count(app);
    let page = layout::help_box(app.size).height.saturating_sub(2) as usize;
    let max = lines.saturating_sub(page);
    app.help = match action {
        Action::Down => Some((scroll + 1).min(max)),
        Action::Up => Some(scroll.saturating_sub(1)),
        Action::PageDown => Some((scroll + page).min(max)),
        Action::PageUp => Some(scroll.saturating_sub(page)),
        Action::Top => Some(0),
        Action::Bottom => Some(max),
        Action::Back | Action::ToggleHelp => None,
        _ => Some(scroll),
    };
}

fn scroll_at(app: &mut App, column: u16, row: u16, delta: i16) {
    let Some(b) = layout::bands(app.size) else { return };
    let down = delta > 0;
    let steps = delta.unsigned_abs() as usize;
    if app.help.is_some() {
        for _ in 0..steps {
            help(app, if down { Action::Down } else { Action::Up });
        }
        return;
    }
    match app.screen {
        Screen::Compare => {
            let l = layout::compare(b.body, app);
            if let Some(p) = l.panes.iter().find(|p| layout::contains(p.outer, column, row)) {
                let i = p.pane.index();
                let total = pane_rows(app, p.pane).rows.len();
                let max = total.saturating_sub(p.text.height as usize);
                app.scroll[i] = if down {
                    (app.scroll[i] + steps).min(max.max(app.scroll[i]))
                } else {
                    app.scroll[i].saturating_sub(steps)
                };
            }
        }
        Screen::Claim => {
            for _ in 0..steps {
                claim(app, if down { Action::Down } else { Action::Up });
            }
        }
        Screen::Overview => {
            for _ in 0..steps {
                overview(app, if down { Action::Down } else { Action::Up });
            }
        }
        Screen::Claims => {
            for _ in 0..steps {
                claims(app, if down { Action::Down } else { Action::Up });
            }
        }
    }
}

fn click(app: &mut App, column: u16, row: u16) {
    let Some(b) = layout::bands(app.size) else { return };
    if app.help.is_some() {
        app.help = None;
        return;
    }
    match app.screen {
        Screen::Compare => {
            let l = layout::compare(b.body, app);
            let Some(p) = l.panes.iter().find(|p| layout::contains(p.outer, column, row)).copied() else {
                return;
            };
            if !app.comparing() && p.pane == Pane::Right {
                return;
            }
            app.focus = p.pane;
            if layout::contains(Rect::union(p.gutter, p.text), column, row) {
                let rows = pane_rows(app, p.pane);
                let r = app.scroll[p.pane.index()] + usize::from(row - p.text.y);
                if let Some(passage) = rows.rows.get(r).and_then(|r| r.passage) {
                    let keep = app.scroll[p.pane.index()];
                    select(app, passage);
                    // A click should not jump the pane that was clicked.
                    let sel = rows.of(passage);
                    let h = p.text.height as usize;
                    if sel.start >= keep && sel.end <= keep + h {
                        app.scroll[p.pane.index()] = keep;
                        sync_follower(app);
                    }
                    return;
                }
            }
            sync(app);
        }
        Screen::Overview => {
            let first = overview_view::list_top(app);
            if row >= first {
                let i = app.overview.offset + usize::from(row - first);
                let len = app.overview_rows.len();
                if i < len {
                    if app.overview.selected == i {
                        overview(app, Action::Confirm);
                    } else {
                        app.overview.selected = i;
                    }
                }
            }
        }
        Screen::Claims => {
            let first = super::view::claims::list_top(app);
            if row >= first {
                let i = app.claims_list.offset + usize::from(row - first);
                let len = app.claims_matches.len();
                if i < len {
                    if app.claims_list.selected == i {
                        claims(app, Action::Confirm);
                    } else {
                        app.claims_list.selected = i;
                    }
                }
            }
        }
        Screen::Claim => {}
    }
}

/// Re-aligns the other pane with the focused one without moving the focused pane.
fn sync_follower(app: &mut App) {
    let d = app.focus;
    let o = d.other();
    if app.analysis.counterpart(app.at(d), app.articles[o.index()]).is_none() || !app.comparing() {
        return;
    }
    let rows = pane_rows(app, d);
    let other_rows = pane_rows(app, o);
    let height = layout::pane_text(app, d).height as usize;
    let offset = rows.of(app.selected[d.index()]).start.saturating_sub(app.scroll[d.index()]);
    let target = other_rows.of(app.selected[o.index()]).start;
    let max = other_rows.rows.len().saturating_sub(height.max(1));
    app.scroll[o.index()] = target.saturating_sub(offset).min(max.max(target.saturating_sub(height / 2)));
}

use ratatui::layout::Rect;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::app::Sort;
    use crate::tui::fixture;

    fn app() -> App {
        let mut app = App::new(fixture::analysis(), Rect::new(0, 0, 120, 36));
        sync(&mut app);
        app
    }

    fn at(app: &App, article: usize, needle: &str) -> PassageRef {
        fixture::find(&app.analysis.corpus, article, needle)
    }

    #[test]
    fn j_selects_the_next_passage_and_the_other_pane_follows() {
        let mut app = app();
        app.press("j").unwrap();
        assert_eq!(app.at(Pane::Left), at(&app, 0, "outage lasted"));
        assert_eq!(app.at(Pane::Right), at(&app, 1, "outage lasted"));
        assert_eq!(app.pair().map(|p| p.0), Some(0));
        app.press("j j").unwrap();
        assert_eq!(app.at(Pane::Right), at(&app, 1, "came back"));
        app.press("k g").unwrap();
        assert_eq!(app.selected[0], 0);
        app.press("G").unwrap();
        assert_eq!(app.at(Pane::Left), at(&app, 0, "spokesperson"));
    }

    #[test]
    fn discrepancy_keys_visit_each_disagreeing_passage_and_wrap() {
        let mut app = app();
        app.press("]").unwrap();
        assert_eq!(app.at(Pane::Left), at(&app, 0, "outage lasted"));
        app.press("] ]").unwrap();
        assert_eq!(app.at(Pane::Left), at(&app, 0, "restored service"));
        app.press("]").unwrap();
        assert_eq!(app.at(Pane::Left), at(&app, 0, "outage lasted"));
        assert_eq!(app.status.as_ref().map(|s| s.text.as_str()), Some("wrapped to the top"));
        app.press("[").unwrap();
        assert_eq!(app.at(Pane::Left), at(&app, 0, "restored service"));
    }

    #[test]
    fn claim_keys_skip_unmatched_passages() {
        let mut app = app();
        app.press("Tab").unwrap();
        assert_eq!(app.focus, Pane::Right);
        app.press("G n").unwrap();
        assert_eq!(app.at(Pane::Right), at(&app, 1, "outage lasted"));
        app.press("N").unwrap();
        assert_eq!(app.at(Pane::Right), at(&app, 1, "came back"));
        // The left pane follows the right one now.
        assert_eq!(app.at(Pane::Left), at(&app, 0, "restored service"));
    }

    #[test]
    fn number_keys_and_h_l_choose_the_article_of_the_focused_pane() {
        let mut app = app();
        app.press("j 3").unwrap();
        assert_eq!(app.articles, [2, 1]);
        // The claim is kept: article 3's member of claim 0 is selected.
        assert_eq!(app.at(Pane::Left), at(&app, 2, "disruption"));
        app.press("2").unwrap();
        assert_eq!(app.articles, [1, 2], "showing the other pane's article swaps the panes");
        app.press("l").unwrap();
        assert_eq!(app.articles, [0, 2], "l skips the article in the other pane");
        app.press("h").unwrap();
        assert_eq!(app.articles, [1, 2]);
        app.press("9").unwrap();
        assert!(app.status.as_ref().is_some_and(|s| s.error && s.text.contains("no article 9")));
    }

    #[test]
    fn switching_an_unpaired_pane_follows_the_other_panes_claim() {
        let mut app = app();
        // Left on claim 1, which article 3 does not carry: the right pane is left unpaired.
        app.press("j j Tab 3").unwrap();
        assert!(app.pair().is_none());
        assert_eq!(app.selected[1], 0);
        // Switching the unpaired right pane picks the left passage's counterpart.
        app.press("2").unwrap();
        assert_eq!(app.at(Pane::Right), at(&app, 1, "denied"));
        assert!(app.pair().is_some());
    }

    #[test]
    fn enter_opens_the_claim_view_and_esc_returns_to_the_claim() {
        let mut app = app();
        app.press("Enter").unwrap();
        assert_eq!(app.screen, Screen::Compare, "the title passage is in no claim");
        assert!(app.status.as_ref().is_some_and(|s| s.error));
        app.press("j Enter").unwrap();
        assert_eq!((app.screen, app.claim), (Screen::Claim, Some(0)));
        app.press("n").unwrap();
        assert_eq!(app.claim, Some(1));
        app.press("Esc").unwrap();
        assert_eq!(app.screen, Screen::Compare);
        assert_eq!(app.at(Pane::Left), at(&app, 0, "user error"));
        assert_eq!(app.at(Pane::Right), at(&app, 1, "denied"));
    }

    #[test]
    fn claim_view_diffs_against_the_selected_passage() {
        let mut app = app();
        app.press("Tab j Enter").unwrap();
        assert_eq!(claim_view::reference(&app, 0), Some(at(&app, 1, "outage lasted")));
    }

    #[test]
    fn overview_sorts_and_jumps() {
        let mut app = app();
        app.press("o").unwrap();
        assert_eq!(app.screen, Screen::Overview);
        assert_eq!(app.overview_rows, [0, 2, 1]);
        app.press("s").unwrap();
        assert_eq!(app.sort, Sort::Disagreement);
        app.press("G Enter").unwrap();
        assert_eq!(app.screen, Screen::Compare);
        let last = *query::overview_rows(&app.stats, Sort::Disagreement).last().unwrap();
        assert_eq!(app.current_claim(), Some(last));
        app.press("o o").unwrap();
        assert_eq!(app.screen, Screen::Compare, "o closes the overview again");
    }

    #[test]
    fn claims_list_filters_as_you_type() {
        let mut app = app();
        app.press("c").unwrap();
        app.type_text("39 regions");
        assert_eq!(app.claims_matches.first().map(|m| m.claim), Some(2));
        app.press("Enter").unwrap();
        assert_eq!(app.screen, Screen::Compare);
        assert_eq!(app.current_claim(), Some(2));
    }

    #[test]
    fn search_finds_across_articles_and_keeps_claim_keys_separate() {
        let mut app = app();
        app.press("/").unwrap();
        app.type_text("regions");
        assert_eq!(app.search.hits.len(), 3);
        assert_eq!(app.at(app.focus), at(&app, 0, "restored service"));
        app.press("Enter").unwrap();
        assert!(!app.search.editing);
        app.press("ctrl-n").unwrap();
        assert_eq!(app.at(app.focus).article, 1, "the hit in the right pane's article focuses it");
        app.press("ctrl-n").unwrap();
        assert_eq!(app.at(app.focus), at(&app, 2, "returned"));
        // n is still "next claim", not "next result".
        app.press("n").unwrap();
        assert!(app.analysis.claims_at(app.at(app.focus)).len() == 1);
        assert_eq!(app.search.current, Some(2));
        app.press("Esc").unwrap();
        assert!(app.search.query.is_empty());
    }

    #[test]
    fn esc_cancels_a_search_and_returns_to_where_it_started() {
        let mut app = app();
        app.press("j /").unwrap();
        app.type_text("analysts");
        assert_eq!(app.at(app.focus), at(&app, 1, "Analysts"));
        app.press("Esc").unwrap();
        assert_eq!(app.at(Pane::Left), at(&app, 0, "outage lasted"));
        assert_eq!(app.focus, Pane::Left);
        assert!(app.search.hits.is_empty());
    }

    #[test]
    fn text_input_takes_keys_that_are_commands_elsewhere() {
        let mut app = app();
        app.press("/ q j ?").unwrap();
        assert!(!app.quit);
        assert_eq!(app.search.query, "qj?");
        app.press("Esc c q").unwrap();
        assert_eq!(app.claims_query, "q");
        app.press("Esc q").unwrap();
        assert!(app.quit);
    }

    #[test]
    fn issue_6_ctrl_z_asks_to_suspend_and_keeps_the_state() {
        let mut app = app();
        app.press("j ctrl-z").unwrap();
        assert!(app.suspend);
        assert!(!app.quit);
        assert_eq!(app.at(Pane::Left), at(&app, 0, "outage lasted"), "the selection is kept");
    }

    #[test]
    fn help_opens_scrolls_and_closes() {
        let mut app = app();
        app.press("?").unwrap();
        assert_eq!(app.help, Some(0));
        app.press("j j").unwrap();
        assert_eq!(app.help, Some(2));
        assert_eq!(app.selected[0], 0, "keys go to the help, not the panes");
        app.press("?").unwrap();
        assert_eq!(app.help, None);
        app.press("? Esc").unwrap();
        assert_eq!(app.help, None);
    }

    #[test]
    fn screens_opened_from_the_help_close_it() {
        let mut app = app();
        app.press("? o").unwrap();
        assert_eq!((app.help, app.screen), (None, Screen::Overview));
        app.press("? /").unwrap();
        assert_eq!(app.help, None);
        assert!(app.search.editing);
        app.press("x").unwrap();
        assert_eq!(app.search.query, "x");
    }

    #[test]
    fn mouse_click_selects_and_wheel_scrolls() {
        let mut app = app();
        let l = layout::compare(layout::bands(app.size).unwrap().body, &app);
        let right = l.panes[1];
        let rows = pane_rows(&app, Pane::Right);
        let target = at(&app, 1, "Analysts").passage;
        let y = right.text.y + rows.of(target).start as u16;
        update(&mut app, Action::Click { column: right.text.x + 2, row: y });
        assert_eq!(app.focus, Pane::Right);
        assert_eq!(app.selected[1], target);
        app.size = Rect::new(0, 0, 120, 12);
        update(&mut app, Action::Scroll { column: right.text.x, row: right.text.y, delta: 3 });
        assert!(app.scroll[1] > 0);
        assert_eq!(app.selected[1], target, "the wheel scrolls without moving the selection");
    }

    #[test]
    fn analysing_reader_reads_and_then_keeps_its_place() {
        let mut app = App::analysing(fixture::analysis().corpus, Rect::new(0, 0, 80, 24));
        app.press("j n").unwrap();
        assert!(app.status.as_ref().is_some_and(|s| s.text.contains("still analysing")));
        app.press("j").unwrap();
        update(&mut app, Action::Tick { elapsed_ms: 1500 });
        assert_eq!(app.phase, Phase::Analysing { ticks: 1, elapsed_ms: 1500, progress: None });
        let report =
            crate::pipeline::Progress { stage: crate::pipeline::Stage::Aligning, done: 3, total: 15 };
        update(&mut app, Action::Progress(report));
        assert_eq!(app.phase, Phase::Analysing { ticks: 1, elapsed_ms: 1500, progress: Some(report) });
        app.finish_analysis(fixture::analysis());
        assert_eq!(app.phase, Phase::Ready);
        assert_eq!(app.at(Pane::Left), at(&app, 0, "user error"));
        assert_eq!(app.at(Pane::Right), at(&app, 1, "denied"));
    }

    #[test]
    fn selection_stays_visible_on_a_small_screen() {
        let mut app = app();
        update(&mut app, Action::Resize { width: 60, height: 12 });
        app.press("G").unwrap();
        let rows = pane_rows(&app, Pane::Left);
        let h = layout::pane_text(&app, Pane::Left).height as usize;
        let r = rows.of(app.selected[0]);
        assert!(r.start >= app.scroll[0] && r.start < app.scroll[0] + h, "{r:?} {} {h}", app.scroll[0]);
    }
}
