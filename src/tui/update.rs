//! The only place the reader's state changes: `update(&mut App, Action)`. It never touches the
//! terminal; sizes come from [`App::size`] through [`layout`], the one part of the view it
//! imports. The annotation keys are in [`super::notes`], the editing of input lines in
//! [`super::input`]. Terminal events and typed keys enter through [`App::handle_event`] and
//! [`App::press`], which live here so that the state module stays plain data.

use std::rc::Rc;

use ratatui::crossterm::event::{Event, KeyEventKind, MouseButton, MouseEventKind};
use ratatui::layout::Rect;

use super::action::Action;
use super::app::{
    App, ClaimFilter, ClaimView, Help, HelpSearch, ListState, Overlay, Pane, Phase, Screen, Search,
};
use super::external::{self, Opener, Request};
use super::input::Edit;
use super::keymap::{self, KeySpec, Mode};
use super::view::layout;
use super::wrap::ArticleRows;
use super::{corrections, help, notes, query};
use crate::analysis::{Analysis, PassageRef};
use crate::annotate::Label;

impl App {
    /// Turns a terminal event into an action and applies it. Tests go down the same path.
    pub fn handle_event(&mut self, event: Event) {
        let action = match event {
            Event::Key(k) if k.kind == KeyEventKind::Press => {
                keymap::lookup(self.mode(), KeySpec::from_event(k))
            }
            Event::Mouse(m) => match m.kind {
                MouseEventKind::ScrollDown => Some(Action::Scroll { column: m.column, row: m.row, delta: 3 }),
                MouseEventKind::ScrollUp => Some(Action::Scroll { column: m.column, row: m.row, delta: -3 }),
                MouseEventKind::Down(MouseButton::Left) => {
                    Some(Action::Click { column: m.column, row: m.row })
                }
                _ => None,
            },
            Event::Resize(width, height) => Some(Action::Resize { width, height }),
            _ => None,
        };
        if let Some(a) = action {
            update(self, a);
        }
    }

    /// Presses keys written as in the keymap, separated by spaces (`"j j ] Enter"`).
    pub fn press(&mut self, keys: &str) -> Result<(), String> {
        for k in keys.split(' ').filter(|k| !k.is_empty()) {
            let spec: KeySpec = k.parse()?;
            if let Some(a) = keymap::lookup(self.mode(), spec) {
                update(self, a);
            }
        }
        Ok(())
    }

    /// Types text into the input line of the current mode.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            update(self, Action::Input(c));
        }
    }
}

/// Takes the finished analysis from the worker, keeping the reader's place.
pub fn finish_analysis(app: &mut App, analysis: Analysis) {
    app.analysis = analysis;
    app.memo.clear();
    app.uncorrected = None;
    app.notes.applied.clear();
    app.phase = Phase::Ready;
    if let Some(store) = &mut app.notes.store {
        store.reanchor(&app.analysis);
    }
    app.refresh_stats();
    app.apply_corrections();
    let claims = app.analysis.claims.len();
    let disc = app.analysis.discrepancies.len();
    if app.status.is_none() && app.comparing() {
        app.say(format!("analysed: {claims} claims, {disc} discrepancies"));
    }
    sync(app);
}

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
            app.size = Rect::new(0, 0, width, height);
            sync(app);
            return;
        }
        _ => {}
    }
    app.status = None;
    // `/` in the help searches the help; the other screens close it.
    if matches!(action, Action::OpenOverview | Action::OpenClaims)
        || (action == Action::StartSearch && app.mode() != Mode::Help)
    {
        app.help = None;
    }
    // An open annotation overlay takes every key (the help aside); the mouse waits.
    if app.overlay.is_some() && app.help.is_none() {
        match action {
            Action::Scroll { .. } | Action::Click { .. } => {}
            Action::Quit if !matches!(app.overlay, Some(Overlay::Note(_) | Overlay::Tags(_))) => {
                app.quit = true
            }
            Action::Suspend => app.suspend = true,
            Action::ToggleHelp => app.help = Some(Help::default()),
            _ if app.overlay == Some(Overlay::Annotations) => annotation_list(app, action),
            _ if app.overlay == Some(Overlay::Articles) => article_picker(app, action),
            _ => notes::on_overlay(app, action),
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
            | Action::Redo
            | Action::OpenAnnotations
            | Action::ToggleReviewed
    ) && app.help.is_none()
    {
        notes::on_selection(app, action);
        return;
    }
    if matches!(action, Action::NextItem | Action::PrevItem | Action::Correct | Action::Link)
        && app.help.is_none()
    {
        corrections::on_key(app, action);
        reveal_claim_selection(app);
        return;
    }
    match action {
        Action::CycleLabelFilter => cycle_label_filter(app),
        Action::Quit => app.quit = true,
        Action::Suspend => app.suspend = true,
        Action::ToggleHelp => app.help = if app.help.is_some() { None } else { Some(Help::default()) },
        Action::OpenOverview => {
            app.screen = if app.screen == Screen::Overview { Screen::Compare } else { Screen::Overview };
            if app.screen == Screen::Overview {
                select_current_in_overview(app);
            }
        }
        Action::OpenClaims => {
            app.screen = if app.screen == Screen::Claims { Screen::Compare } else { Screen::Claims };
            app.claims.list = ListState::default();
        }
        Action::StartSearch if app.help.is_some() => {
            app.help_search = HelpSearch { editing: true, ..Default::default() };
        }
        Action::StartSearch => {
            app.search = Search { editing: true, origin: Some(app.compare), ..Default::default() };
            app.screen = Screen::Compare;
        }
        Action::Scroll { column, row, delta } => scroll_at(app, column, row, delta),
        Action::Click { column, row } => click(app, column, row),
        _ => match app.mode() {
            Mode::Help | Mode::HelpSearch => help(app, action),
            Mode::Search => search(app, action),
            _ => match app.screen {
                Screen::Compare => compare(app, action),
                Screen::Claim => claim(app, action),
                Screen::Overview => overview(app, action),
                Screen::Claims => claims(app, action),
            },
        },
    }
}

/// `f` / Tab: the filter of the overview and the claims list, all → unreviewed → each label → all.
fn cycle_label_filter(app: &mut App) {
    app.notes.claim_filter = app.notes.claim_filter.next();
    app.overview.list = ListState::default();
    app.claims.list = ListState::default();
    app.refresh_lists();
    match app.notes.claim_filter {
        ClaimFilter::Label(l) => app.say(format!("showing claims labelled {l}")),
        ClaimFilter::Unreviewed => app.say("showing the claims not reviewed yet"),
        ClaimFilter::All => app.say("showing every claim"),
    }
}

/// The label filter after `l`: all → verified → … → question → all.
fn next_label(l: Option<Label>) -> Option<Label> {
    let all = Label::ALL;
    match l {
        None => all.first().copied(),
        Some(l) => all.iter().position(|&x| x == l).and_then(|i| all.get(i + 1)).copied(),
    }
}

fn passage_count(app: &App, pane: Pane) -> usize {
    app.analysis.corpus.articles.get(app.compare.articles[pane.index()]).map_or(0, |a| a.passages.len())
}

/// The rows of a pane's article at the pane's current text width.
fn pane_rows(app: &App, pane: Pane) -> Rc<ArticleRows> {
    let width = layout::pane_text(app, pane).width as usize;
    let index = app.compare.articles[pane.index()];
    app.analysis
        .corpus
        .articles
        .get(index)
        .map_or_else(Rc::default, |a| app.memo.rows(index, a, width.max(1)))
}

fn compare(app: &mut App, action: Action) {
    let pane = app.compare.focus;
    let n = passage_count(app, pane);
    let sel = app.compare.selected[pane.index()];
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
        // After a search, n/N step through its results as in less and vim; Esc clears it.
        Action::NextClaim | Action::PrevClaim if app.search_kept() => {
            next_hit(app, action == Action::NextClaim)
        }
        Action::NextClaim | Action::PrevClaim => {
            let found = next_stop(app, false, action == Action::NextClaim);
            land(app, found, action == Action::NextClaim, "no passage of this article is matched in another");
        }
        Action::NextDiscrepancy | Action::PrevDiscrepancy => {
            let found = next_stop(app, true, action == Action::NextDiscrepancy);
            land(app, found, action == Action::NextDiscrepancy, "no discrepancy in this article");
            if found.is_some() {
                show_disagreeing(app);
            }
        }
        Action::CycleClaim => cycle_claim(app),
        Action::SwitchFocus => {
            if app.comparing() {
                app.compare.focus = pane.other();
                sync(app);
            } else {
                app.warn("only one article: nothing to compare");
            }
        }
        Action::NextArticle | Action::PrevArticle => {
            let count = app.article_count();
            if count < 2 {
                app.warn("only one article: nothing to compare");
                return;
            }
            let other = app.compare.articles[pane.other().index()];
            let mut next = app.compare.articles[pane.index()];
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
                app.warn(format!("no article {k}: there are {}", app.article_count()));
            } else {
                show_article(app, idx);
            }
        }
        Action::OpenClaim if !app.comparing() => app.warn("only one article: nothing to compare"),
        Action::OpenClaim => match app.current_claim() {
            Some(c) => {
                app.claim = ClaimView { id: Some(c), scroll: 0, selected: None };
                app.screen = Screen::Claim;
            }
            None => {
                let why = not_ready_or(app, "this passage is in no claim: no other article says it");
                app.warn(why);
            }
        },
        Action::NextHit | Action::PrevHit => next_hit(app, action == Action::NextHit),
        Action::OpenArticles => {
            // On the focused pane's article, so that ↓/↑ step from it.
            app.articles = Default::default();
            app.articles.list.selected = app.compare.articles[pane.index()];
            app.overlay = Some(Overlay::Articles);
            let (h, n) = (layout::filtered_list(app).height, app.article_count());
            clamp_list(&mut app.articles.list, n, h);
        }
        Action::CopyPassage => {
            let at = app.at(pane);
            match app.analysis.corpus.articles.get(at.article).and_then(|a| external::citation(a, at.passage))
            {
                Some(text) => app.external = Some(Request::Copy(text)),
                None => app.warn("no passage to copy"),
            }
        }
        Action::OpenEditor | Action::OpenPager => {
            let opener = if action == Action::OpenEditor { Opener::Editor } else { Opener::Pager };
            let at = app.at(pane);
            let bundled = app.analysis.corpus.origin == crate::corpus::BUNDLED_NAME;
            let asked =
                app.analysis.corpus.articles.get(at.article).ok_or_else(|| "no article to open".to_string());
            match asked.and_then(|a| external::open(a, at.passage, bundled, opener)) {
                Ok(request) => app.external = Some(request),
                Err(why) => app.warn(why),
            }
        }
        Action::Back if !app.search.query.is_empty() => {
            app.search = Search::default();
            app.say("search cleared");
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

/// Selects the passage and claim a next/previous jump landed on, saying when it wrapped, or
/// warns with `none`.
fn land(app: &mut App, found: Option<(Stop, bool)>, forward: bool, none: &str) {
    match found {
        Some(((p, claim), wrapped)) => {
            select(app, p);
            app.compare.claim = Some(claim);
            sync(app);
            if wrapped {
                app.say(wrap_message(forward));
            }
        }
        None => {
            let why = not_ready_or(app, none);
            app.warn(why);
        }
    }
}

/// What every screen says when `n`/`N` or `]`/`[` wrap around: the same words everywhere.
fn wrap_message(forward: bool) -> &'static str {
    if forward { "wrapped to the top" } else { "wrapped to the bottom" }
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

/// Where `n`/`N` and `]`/`[` stop: a passage of the focused article and one claim it is in.
type Stop = (usize, usize);

/// The stop after (or before) the focused passage and its current claim, wrapping around, and
/// whether it wrapped. `n`/`N` stop at each claim of each passage, so a passage that states two
/// facts is visited for both; `]`/`[` (`disagreeing`) only at claims where a discrepancy names
/// the passage, so they never land on a claim that shows none.
fn next_stop(app: &App, disagreeing: bool, forward: bool) -> Option<(Stop, bool)> {
    let pane = app.compare.focus;
    let article = app.compare.articles[pane.index()];
    let a = &app.analysis;
    let mut stops: Vec<Stop> = Vec::new();
    for passage in 0..passage_count(app, pane) {
        let at = PassageRef { article, passage };
        let claims = a.claims_at(at);
        let mut here: Vec<usize> = if disagreeing {
            a.discrepancies_at(at).iter().filter_map(|&d| a.discrepancies.get(d)).map(|d| d.claim).collect()
        } else {
            claims.to_vec()
        };
        here.retain(|c| claims.contains(c));
        here.sort_unstable();
        here.dedup();
        stops.extend(here.into_iter().map(|c| (passage, c)));
    }
    let here = (app.compare.selected[pane.index()], app.current_claim());
    let key = |s: &Stop| (s.0, Some(s.1));
    let (&first, &last) = (stops.first()?, stops.last()?);
    let found = if forward {
        stops.iter().find(|s| key(s) > here).map_or((first, true), |&s| (s, false))
    } else {
        stops.iter().rev().find(|s| key(s) < here).map_or((last, true), |&s| (s, false))
    };
    (key(&found.0) != here).then_some(found)
}

/// After `]`/`[`: the other pane shows an article that disagrees with the focused passage, one
/// holding another version of a discrepancy that names it, unless it shows one already.
fn show_disagreeing(app: &mut App) {
    let o = app.compare.focus.other().index();
    let driver = app.at(app.compare.focus);
    let Some(claim) = app.current_claim() else { return };
    let a = &app.analysis;
    let mut against: Vec<PassageRef> = Vec::new();
    for d in a.discrepancies_of_claim(claim).filter(|d| d.members.contains(&driver)) {
        let holds = |v: &crate::analysis::Version| v.members.iter().any(|m| m.at == driver);
        if d.versions.iter().any(holds) {
            let others = d.versions.iter().filter(|v| !holds(v)).flat_map(|v| v.members.iter().map(|m| m.at));
            against.extend(others);
        } else {
            // Without versions, every other party to it.
            against.extend(d.members.iter().copied());
        }
    }
    against.retain(|r| r.article != driver.article && app.member(claim, *r).is_some());
    if !app.comparing() || against.contains(&app.at(app.compare.focus.other())) {
        return;
    }
    let shown = app.compare.articles[o];
    let Some(&target) = against.iter().find(|r| r.article == shown).or(against.first()) else { return };
    if target.article != shown {
        app.compare.articles[o] = target.article;
        app.compare.scroll[o] = 0;
    }
    app.compare.selected[o] = target.passage;
    sync(app);
}

/// `m`: the next of the claims the focused passage is in becomes the current one.
fn cycle_claim(app: &mut App) {
    let here = app.analysis.claims_at(app.at(app.compare.focus)).to_vec();
    if here.len() < 2 {
        let why = if here.is_empty() {
            not_ready_or(app, "this passage is in no claim")
        } else {
            "this passage is in one claim only".to_string()
        };
        app.warn(why);
        return;
    }
    let i = app.current_claim().and_then(|c| here.iter().position(|&x| x == c)).unwrap_or(0);
    let next = (i + 1) % here.len();
    app.compare.claim = Some(here[next]);
    sync(app);
    let number = app.analysis.claims.get(here[next]).map_or(0, crate::analysis::Claim::number);
    app.say(format!("claim {number}: {} of the {} claims this passage is in", next + 1, here.len()));
}

/// Puts article `idx` in the focused pane (swapping the panes if the other shows it), keeping
/// the selected claim when the new article carries it.
fn show_article(app: &mut App, idx: usize) {
    let (f, o) = (app.compare.focus.index(), app.compare.focus.other().index());
    let c = &mut app.compare;
    if idx == c.articles[f] {
        return;
    }
    if idx == c.articles[o] {
        c.articles.swap(f, o);
        c.selected.swap(f, o);
        c.scroll.swap(f, o);
        sync(app);
        return;
    }
    // Keep the claim being read: the current one if the new article carries it, else the
    // focused passage's other claims, else (when unpaired) the other pane's.
    let current = app.current_claim();
    let mine = current
        .and_then(|c| app.analysis.claims.get(c)?.member_in(idx).map(|m| (c, m.at)))
        .or_else(|| app.analysis.counterpart(app.at(app.compare.focus), idx));
    let theirs = app.analysis.counterpart(app.at(app.compare.focus.other()), idx);
    let pick = if app.pair().is_some() { mine.or(theirs) } else { theirs.or(mine) };
    app.compare.articles[f] = idx;
    app.compare.selected[f] = pick.map_or(0, |(_, at)| at.passage);
    app.compare.scroll[f] = 0;
    app.compare.claim = pick.map(|(c, _)| c);
    sync(app);
}

/// Selects passage `p` of the focused pane and brings the other pane along. A claim chosen for
/// the passage before is forgotten: the new one gets its own (see [`App::current_claim`]).
fn select(app: &mut App, p: usize) {
    app.compare.selected[app.compare.focus.index()] = p;
    app.compare.claim = None;
    sync(app);
}

/// Brings the state back in line after a move: the other pane follows to the counterpart, the
/// selection stays in view and the counterpart is drawn level with it.
pub fn sync(app: &mut App) {
    let n_articles = app.article_count();
    for i in 0..2 {
        if app.compare.articles[i] >= n_articles {
            app.compare.articles[i] = 0;
        }
        let n = app.analysis.corpus.articles.get(app.compare.articles[i]).map_or(0, |a| a.passages.len());
        app.compare.selected[i] = app.compare.selected[i].min(n.saturating_sub(1));
    }
    let d = app.compare.focus;
    let o = d.other();
    let other = app.compare.articles[o.index()];
    let counterpart = app
        .current_claim()
        .filter(|_| other != app.compare.articles[d.index()])
        .and_then(|c| app.member_for(c, other));
    if let Some(at) = counterpart {
        app.compare.selected[o.index()] = at.passage;
    }
    let rows = pane_rows(app, d);
    let height = layout::pane_text(app, d).height as usize;
    let sel_rows = rows.of(app.compare.selected[d.index()]);
    let scroll = &mut app.compare.scroll[d.index()];
    *scroll = keep_visible(*scroll, sel_rows, height, rows.rows.len());
    if counterpart.is_some() && app.comparing() {
        level_follower(app, &rows, height);
    }
}

/// Scrolls the other pane so that the counterpart is level with the focused pane's selection
/// (`rows`: the focused pane's rows, `height`: the panes' height).
fn level_follower(app: &mut App, rows: &ArticleRows, height: usize) {
    let (d, o) = (app.compare.focus.index(), app.compare.focus.other().index());
    let other_rows = pane_rows(app, app.compare.focus.other());
    let target = other_rows.of(app.compare.selected[o]).start;
    let offset = rows.of(app.compare.selected[d]).start.saturating_sub(app.compare.scroll[d]);
    let max = other_rows.rows.len().saturating_sub(height.max(1));
    app.compare.scroll[o] = target.saturating_sub(offset).min(max.max(target.saturating_sub(height / 2)));
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
            app.warn("no search: press / to search");
        } else {
            app.warn(format!("no results for “{}”", app.search.query.text()));
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
    app.say(format!("result {}/{n}{}", next + 1, if wrapped { " (wrapped)" } else { "" }));
}

/// Shows search result `i`, on the claim whose matched part holds it when the passage's
/// claims tell that apart.
fn goto_hit(app: &mut App, i: usize) {
    let Some(hit) = app.search.hits.get(i).cloned() else { return };
    goto(app, hit.at);
    let claims = app.analysis.claims_at(hit.at);
    let holding: Vec<usize> = claims
        .iter()
        .copied()
        .filter(|&c| {
            let part = app.matched_part(Some(c), hit.at);
            part.start <= hit.range.start && hit.range.end <= part.end
        })
        .collect();
    if !holding.is_empty() && holding.len() < claims.len() {
        app.compare.claim = holding.first().copied();
        sync(app);
    }
}

/// Shows passage `at`: in the pane that has its article, else in the focused pane.
fn goto(app: &mut App, at: PassageRef) {
    let c = &mut app.compare;
    if c.articles[c.focus.index()] != at.article && c.articles[c.focus.other().index()] == at.article {
        c.focus = c.focus.other();
    }
    let f = c.focus.index();
    if c.articles[f] != at.article {
        c.articles[f] = at.article;
        c.scroll[f] = 0;
    }
    select(app, at.passage);
}

/// Shows claim `c` in Compare: a member in the focused pane and, when it can, another member
/// in the other pane.
fn goto_claim(app: &mut App, c: usize) {
    let Some(claim) = app.analysis.claims.get(c) else { return };
    let members: Vec<PassageRef> = claim.members.iter().map(|m| m.at).collect();
    let (f, o) = (app.compare.focus.index(), app.compare.focus.other().index());
    let articles = app.compare.articles;
    let target = members
        .iter()
        .find(|m| m.article == articles[f])
        .or_else(|| members.iter().find(|m| m.article == articles[o]))
        .or(members.first())
        .copied();
    let Some(target) = target else { return };
    goto(app, target);
    let (f, o) = (app.compare.focus.index(), app.compare.focus.other().index());
    let articles = app.compare.articles;
    if app.comparing()
        && !members.iter().any(|m| m.article == articles[o])
        && let Some(m) = members.iter().find(|m| m.article != articles[f])
    {
        app.compare.articles[o] = m.article;
        app.compare.selected[o] = m.passage;
    }
    app.compare.claim = Some(c);
    app.screen = Screen::Compare;
    sync(app);
}

/// Scrolls the claim view so the block Tab selected is in sight.
fn reveal_claim_selection(app: &mut App) {
    let Some(item) = app.claim.selected.filter(|_| app.screen == Screen::Claim) else { return };
    let Some((top, height)) = layout::claim_item_lines(app, item) else { return };
    let page = (layout::claim_box(app).height as usize).max(1);
    let scroll = &mut app.claim.scroll;
    if top < *scroll {
        *scroll = top;
    } else if top + height > *scroll + page {
        *scroll = (top + height).saturating_sub(page).min(top);
    }
}

fn claim(app: &mut App, action: Action) {
    let lines = layout::claim_line_count(app);
    let page = (layout::claim_box(app).height as usize).max(1);
    let max = lines.saturating_sub(page);
    let n = app.analysis.claims.len();
    let scroll = &mut app.claim.scroll;
    match action {
        Action::Down => *scroll = (*scroll + 1).min(max),
        Action::Up => *scroll = scroll.saturating_sub(1),
        Action::PageDown => *scroll = (*scroll + page.saturating_sub(1)).min(max),
        Action::PageUp => *scroll = scroll.saturating_sub(page.saturating_sub(1)),
        Action::Top => *scroll = 0,
        Action::Bottom => *scroll = max,
        Action::NextClaim | Action::PrevClaim | Action::NextDiscrepancy | Action::PrevDiscrepancy => {
            let Some(cur) = app.claim.id else { return };
            let forward = matches!(action, Action::NextClaim | Action::NextDiscrepancy);
            let need_disc = matches!(action, Action::NextDiscrepancy | Action::PrevDiscrepancy);
            match step(n, cur, forward, |c| {
                !need_disc || app.stats.disagreements.get(c).is_some_and(|&d| d > 0)
            }) {
                Some((c, wrapped)) => {
                    app.claim = ClaimView { id: Some(c), scroll: 0, selected: None };
                    if wrapped {
                        app.say(wrap_message(forward));
                    }
                }
                None => {
                    app.warn(if need_disc { "no other claim with a discrepancy" } else { "no other claim" })
                }
            }
        }
        Action::Back => {
            if let Some(c) = app.claim.id {
                goto_claim(app, c);
            }
            app.screen = Screen::Compare;
        }
        _ => {}
    }
}

/// Moves a list cursor and keeps it in a window of `height` rows.
fn move_list(list: &mut ListState, len: usize, height: usize, action: Action) {
    let page = height.max(1);
    list.selected = match action {
        Action::Down => list.selected + 1,
        Action::Up => list.selected.saturating_sub(1),
        Action::PageDown => list.selected + page,
        Action::PageUp => list.selected.saturating_sub(page),
        Action::Top => 0,
        Action::Bottom => len,
        _ => list.selected,
    };
    clamp_list(list, len, height);
}

/// Keeps a list cursor on a row and in a window of `height` rows.
fn clamp_list(list: &mut ListState, len: usize, height: usize) {
    list.selected = list.selected.min(len.saturating_sub(1));
    if list.selected < list.offset {
        list.offset = list.selected;
    }
    if height > 0 && list.selected >= list.offset + height {
        list.offset = list.selected + 1 - height;
    }
}

fn select_current_in_overview(app: &mut App) {
    if let Some(c) = app.current_claim()
        && let Some(i) = app.overview.rows.iter().position(|&r| r == c)
    {
        app.overview.list.selected = i;
    }
    let h = layout::overview_list(app).height;
    clamp_list(&mut app.overview.list, app.overview.rows.len(), h);
}

fn overview(app: &mut App, action: Action) {
    let len = app.overview.rows.len();
    let h = layout::overview_list(app).height;
    match action {
        Action::Down | Action::Up | Action::PageDown | Action::PageUp | Action::Top | Action::Bottom => {
            move_list(&mut app.overview.list, len, h, action);
        }
        Action::CycleSort => {
            let cur = app.overview.rows.get(app.overview.list.selected).copied();
            app.overview.sort = app.overview.sort.next();
            app.refresh_lists();
            let rows = &app.overview.rows;
            let selected = cur.and_then(|c| rows.iter().position(|&r| r == c)).unwrap_or(0);
            app.overview.list = ListState { selected, offset: 0 };
            clamp_list(&mut app.overview.list, app.overview.rows.len(), h);
            app.say(format!("sorted by {}", app.overview.sort.name()));
        }
        Action::NextArticle | Action::PrevArticle | Action::NextColumnPage | Action::PrevColumnPage => {
            let cols = layout::overview_columns(app);
            let step = match action {
                Action::NextArticle | Action::PrevArticle => 1,
                _ => cols.count,
            };
            app.overview.first_column = if matches!(action, Action::NextArticle | Action::NextColumnPage) {
                (cols.first + step).min(cols.total - cols.count)
            } else {
                cols.first.saturating_sub(step)
            };
        }
        Action::Confirm => match app.overview.rows.get(app.overview.list.selected) {
            Some(&c) => goto_claim(app, c),
            None => {
                let why = not_ready_or(app, "no claims");
                app.warn(why);
            }
        },
        Action::Back => app.screen = Screen::Compare,
        _ => {}
    }
}

fn claims(app: &mut App, action: Action) {
    let len = app.claims.matches.len();
    let h = layout::filtered_list(app).height;
    match action {
        Action::Down | Action::Up | Action::PageDown | Action::PageUp => {
            move_list(&mut app.claims.list, len, h, action);
        }
        Action::Confirm => match app.claims.matches.get(app.claims.list.selected).map(|m| m.claim) {
            Some(c) => goto_claim(app, c),
            None => {
                let why = not_ready_or(app, "no claim matches");
                app.warn(why);
            }
        },
        Action::Back => app.screen = Screen::Compare,
        _ => {
            if app.claims.filter.apply(action) == Edit::Edited {
                app.claims.list = ListState::default();
                app.refresh_lists();
            }
        }
    }
}

/// Keys of the annotation list: moving, the label and text filters, and jumping to an
/// annotation's passage; ctrl-x deletes through [`notes::delete_listed`].
fn annotation_list(app: &mut App, action: Action) {
    match action {
        Action::Down | Action::Up | Action::PageDown | Action::PageUp => {
            let len = notes::rows(app).len();
            let h = layout::filtered_list(app).height;
            move_list(&mut app.annotations.list, len, h, action);
        }
        Action::CycleLabelFilter => {
            app.annotations.label = next_label(app.annotations.label);
            app.annotations.list = ListState::default();
        }
        Action::DeleteAnnotation => notes::delete_listed(app),
        Action::Confirm => {
            let Some(id) = notes::rows(app).get(app.annotations.list.selected).map(|r| r.id.clone()) else {
                app.warn("no annotation matches");
                return;
            };
            match app.notes.store.as_ref().and_then(|s| s.passage_of(&app.analysis, &id)) {
                Some(at) => {
                    app.overlay = None;
                    app.screen = Screen::Compare;
                    goto(app, at);
                }
                None => app.warn("this annotation is orphaned: its words are no longer in the article"),
            }
        }
        Action::Back => app.overlay = None,
        _ => {
            if app.annotations.filter.apply(action) == Edit::Edited {
                app.annotations.list = ListState::default();
            }
        }
    }
}

/// Keys of the article picker: moving, the typed filter, and Enter to show the article.
fn article_picker(app: &mut App, action: Action) {
    let shown = app.picked_articles();
    match action {
        Action::Down | Action::Up | Action::PageDown | Action::PageUp => {
            let h = layout::filtered_list(app).height;
            move_list(&mut app.articles.list, shown.len(), h, action);
        }
        Action::Confirm => match shown.get(app.articles.list.selected) {
            Some(&a) => {
                app.overlay = None;
                show_article(app, a);
            }
            None => app.warn("no article matches"),
        },
        Action::Back => app.overlay = None,
        _ => {
            if app.articles.filter.apply(action) == Edit::Edited {
                app.articles.list = ListState::default();
            }
        }
    }
}

fn search(app: &mut App, action: Action) {
    match action {
        Action::NextHit | Action::PrevHit => next_hit(app, action == Action::NextHit),
        Action::SubmitSearch => {
            app.search.editing = false;
            let n = app.search.hits.len();
            if app.search.query.is_empty() {
                app.search = Search::default();
            } else if n == 0 {
                let why = app.search.error.clone();
                app.warn(why.unwrap_or_else(|| format!("no results for “{}”", app.search.query.text())));
            } else {
                let i = app.search.current.unwrap_or(0);
                app.say(format!(
                    "result {}/{n}: n / N next and previous · Esc clears (n/N: claims again)",
                    i + 1
                ));
            }
        }
        Action::Back => {
            if let Some(origin) = app.search.origin {
                app.compare = origin;
                sync(app);
                app.compare.scroll = origin.scroll;
            }
            app.search = Search::default();
        }
        Action::ToggleRegex => {
            app.search.kind = match app.search.kind {
                query::SearchKind::Text => query::SearchKind::Regex,
                query::SearchKind::Regex => query::SearchKind::Text,
            };
            refresh_search(app);
        }
        _ => {
            if app.search.query.apply(action) == Edit::Edited {
                refresh_search(app);
            }
        }
    }
}

/// Recomputes the results as the query changes and shows the first one at or after where the
/// search started.
fn refresh_search(app: &mut App) {
    let found = query::search(&app.analysis, app.search.query.text(), app.search.kind);
    (app.search.hits, app.search.error) = match found {
        Ok(hits) => (hits, None),
        Err(why) => (Vec::new(), Some(why)),
    };
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
    let Some(Help { scroll }) = app.help else { return };
    let lines = help::line_count(app);
    let page = layout::help_box(app.size).height.saturating_sub(2) as usize;
    let max = lines.saturating_sub(page);
    if app.help_search.editing || matches!(action, Action::NextHit | Action::PrevHit) {
        return help_search(app, action, max);
    }
    let scroll = match action {
        Action::Down => (scroll + 1).min(max),
        Action::Up => scroll.saturating_sub(1),
        Action::PageDown => (scroll + page).min(max),
        Action::PageUp => scroll.saturating_sub(page),
        Action::Top => 0,
        Action::Bottom => max,
        Action::Back | Action::ToggleHelp => {
            app.help = None;
            app.help_search = HelpSearch::default();
            return;
        }
        _ => scroll,
    };
    app.help = Some(Help { scroll });
}

/// `/` in the help: typing finds the first help line holding the words (typography folded) at
/// or after the top line; `↓`/`↑` while typing and `n`/`N` after move between the matches.
fn help_search(app: &mut App, action: Action, max: usize) {
    let top = app.help.map_or(0, |h| h.scroll);
    let found = help::matches(app, app.help_search.query.text());
    let here = app.help_search.line;
    let line = match action {
        Action::Back => {
            app.help_search = HelpSearch::default();
            return;
        }
        Action::SubmitSearch => {
            app.help_search.editing = false;
            if app.help_search.query.is_empty() {
                app.help_search = HelpSearch::default();
            }
            return;
        }
        Action::NextHit => {
            found.iter().copied().find(|&l| here.is_none_or(|h| l > h)).or(found.first().copied())
        }
        Action::PrevHit => {
            found.iter().rev().copied().find(|&l| here.is_none_or(|h| l < h)).or(found.last().copied())
        }
        _ if app.help_search.query.apply(action) == Edit::Edited => {
            let found = help::matches(app, app.help_search.query.text());
            found.iter().copied().find(|&l| l >= top).or(found.first().copied())
        }
        _ => return,
    };
    app.help_search.line = line;
    match line {
        // The match a few lines from the top, so what it belongs to shows above it.
        Some(l) => app.help = Some(Help { scroll: l.saturating_sub(2).min(max) }),
        None if !app.help_search.query.is_empty() => app.warn("not in the help"),
        None => {}
    }
}

fn scroll_at(app: &mut App, column: u16, row: u16, delta: i16) {
    let Some(b) = layout::bands(app.size) else { return };
    let down = delta > 0;
    let steps = delta.unsigned_abs() as usize;
    let one = if down { Action::Down } else { Action::Up };
    if app.help.is_some() {
        (0..steps).for_each(|_| help(app, one));
        return;
    }
    match app.screen {
        Screen::Compare => {
            let l = layout::compare(b.body, app);
            if let Some(p) = l.panes.iter().find(|p| layout::contains(p.outer, column, row)) {
                let total = pane_rows(app, p.pane).rows.len();
                let max = total.saturating_sub(p.text.height as usize);
                let scroll = &mut app.compare.scroll[p.pane.index()];
                *scroll =
                    if down { (*scroll + steps).min(max.max(*scroll)) } else { scroll.saturating_sub(steps) };
            }
        }
        Screen::Claim => (0..steps).for_each(|_| claim(app, one)),
        Screen::Overview => (0..steps).for_each(|_| overview(app, one)),
        Screen::Claims => (0..steps).for_each(|_| claims(app, one)),
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
            app.compare.focus = p.pane;
            if layout::contains(Rect::union(p.gutter, p.text), column, row) {
                let rows = pane_rows(app, p.pane);
                let keep = app.compare.scroll[p.pane.index()];
                let r = keep + usize::from(row - p.text.y);
                if let Some(passage) = rows.rows.get(r).and_then(|r| r.passage) {
                    select(app, passage);
                    // A click should not jump the pane that was clicked.
                    let sel = rows.of(passage);
                    let h = p.text.height as usize;
                    if sel.start >= keep && sel.end <= keep + h {
                        app.compare.scroll[p.pane.index()] = keep;
                        sync_follower(app);
                    }
                    return;
                }
            }
            sync(app);
        }
        Screen::Overview => {
            let first = layout::overview_list(app).top;
            if row >= first {
                let i = app.overview.list.offset + usize::from(row - first);
                if i < app.overview.rows.len() {
                    if app.overview.list.selected == i {
                        overview(app, Action::Confirm);
                    } else {
                        app.overview.list.selected = i;
                    }
                }
            }
        }
        Screen::Claims => {
            let first = layout::filtered_list(app).top;
            if row >= first {
                let i = app.claims.list.offset + usize::from(row - first);
                if i < app.claims.matches.len() {
                    if app.claims.list.selected == i {
                        claims(app, Action::Confirm);
                    } else {
                        app.claims.list.selected = i;
                    }
                }
            }
        }
        Screen::Claim => {}
    }
}

/// Re-aligns the other pane with the focused one without moving the focused pane.
fn sync_follower(app: &mut App) {
    let d = app.compare.focus;
    if app.pair().is_none() {
        return;
    }
    let rows = pane_rows(app, d);
    let height = layout::pane_text(app, d).height as usize;
    level_follower(app, &rows, height);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::app::Help;
    use crate::tui::fixture;
    use crate::tui::query::Sort;

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
        assert_eq!(app.compare.selected[0], 0);
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
        assert_eq!(app.compare.focus, Pane::Right);
        app.press("G n").unwrap();
        assert_eq!(app.at(Pane::Right), at(&app, 1, "outage lasted"));
        app.press("N").unwrap();
        assert_eq!(app.at(Pane::Right), at(&app, 1, "came back"));
        // The left pane follows the right one now.
        assert_eq!(app.at(Pane::Left), at(&app, 0, "restored service"));
    }

    fn status(app: &App) -> &str {
        app.status.as_ref().map_or("", |s| s.text.as_str())
    }

    #[test]
    fn m_cycles_the_claims_of_a_passage_in_several_and_tab_keeps_the_one_chosen() {
        let mut app = app();
        app.press("j").unwrap();
        assert_eq!(app.analysis.claims_at(app.at(Pane::Left)), [0, 3]);
        assert_eq!(app.current_claim(), Some(0));
        app.press("m").unwrap();
        assert_eq!(app.current_claim(), Some(3));
        assert_eq!(status(&app), "claim 4: 2 of the 2 claims this passage is in");
        // Both passages are members of claim 4 too: still a pair, now on claim 4.
        assert_eq!(app.pair().map(|p| p.0), Some(3));
        app.press("Tab").unwrap();
        assert_eq!(app.current_claim(), Some(3), "switching panes keeps the claim being read");
        app.press("m").unwrap();
        assert_eq!(app.current_claim(), Some(0));
        // A move forgets the choice; a passage in one claim has nothing to cycle.
        app.press("j").unwrap();
        app.press("m").unwrap();
        assert!(app.status.as_ref().is_some_and(|s| s.error && s.text.contains("one claim only")));
    }

    #[test]
    fn n_visits_each_claim_of_a_passage_that_states_two_facts() {
        let mut app = app();
        let first = at(&app, 0, "outage lasted");
        app.press("n").unwrap();
        assert_eq!((app.at(Pane::Left), app.current_claim()), (first, Some(0)));
        app.press("n").unwrap();
        assert_eq!((app.at(Pane::Left), app.current_claim()), (first, Some(3)));
        app.press("n").unwrap();
        assert_eq!((app.at(Pane::Left), app.current_claim()), (at(&app, 0, "user error"), Some(1)));
        app.press("N").unwrap();
        assert_eq!((app.at(Pane::Left), app.current_claim()), (first, Some(3)));
    }

    #[test]
    fn discrepancy_keys_land_on_the_claim_that_disagrees() {
        let mut app = app();
        // On the first passage with claim 4, which has no discrepancy: [ lands on the same
        // passage with claim 1, whose number and date differ.
        app.press("j m [").unwrap();
        assert_eq!((app.at(Pane::Left), app.current_claim()), (at(&app, 0, "outage lasted"), Some(0)));
        for _ in 0..7 {
            app.press("]").unwrap();
            let here = app.at(Pane::Left);
            let c = app.current_claim().unwrap();
            assert!(
                app.analysis.discrepancies_of_claim(c).any(|d| d.members.contains(&here)),
                "] landed on {here:?} with claim {c}, which shows no discrepancy there"
            );
        }
    }

    #[test]
    fn a_discrepancy_of_a_passages_second_claim_is_the_one_shown() {
        // Only claim 4 disagrees; the first passage would show claim 1 by default.
        let base = fixture::analysis();
        let (ledger, wire) = (at(&app(), 0, "outage lasted"), at(&app(), 1, "outage lasted"));
        let d = crate::analysis::Discrepancy {
            id: 0,
            kind: crate::analysis::DiscrepancyKind::Quote,
            claim: 3,
            members: vec![ledger, wire],
            detail: "\"worked\" vs \"toiled\"".into(),
            versions: Vec::new(),
        };
        let analysis = Analysis::from_parts(base.corpus, base.claims, vec![d]);
        let mut app = App::new(analysis, Rect::new(0, 0, 120, 36));
        sync(&mut app);
        app.press("j").unwrap();
        assert_eq!(app.current_claim(), Some(0));
        app.press("g ]").unwrap();
        assert_eq!((app.at(Pane::Left), app.current_claim()), (ledger, Some(3)));
        assert_eq!(app.pair().map(|p| p.0), Some(3));
    }

    #[test]
    fn discrepancy_keys_show_a_disagreeing_article_in_the_other_pane() {
        let mut app = app();
        // Tokyo on the left, the Ledger (which agrees with it) on the right.
        app.press("3 Tab 1 Tab").unwrap();
        assert_eq!((app.compare.focus, app.compare.articles), (Pane::Left, [2, 0]));
        app.press("]").unwrap();
        // Tokyo says 13 hours like the Ledger; the Wire says 15: the right pane shows the Wire.
        assert_eq!(app.at(Pane::Left), at(&app, 2, "disruption"));
        assert_eq!(app.at(Pane::Right), at(&app, 1, "outage lasted"));
        assert_eq!(app.pair().map(|p| p.0), Some(0));
        // The scope discrepancy: the Wire (39 regions) is shown already and stays.
        app.press("]").unwrap();
        assert_eq!(app.at(Pane::Left), at(&app, 2, "returned"));
        assert_eq!(app.at(Pane::Right), at(&app, 1, "came back"));
    }

    #[test]
    fn a_search_result_lands_on_the_claim_whose_matched_part_holds_it() {
        let mut app = app();
        app.press("/").unwrap();
        app.type_text("engineers");
        assert_eq!(app.at(app.compare.focus), at(&app, 0, "outage lasted"));
        assert_eq!(app.current_claim(), Some(3));
        app.press("Esc /").unwrap();
        app.type_text("13 hours");
        assert_eq!(app.current_claim(), Some(0));
    }

    #[test]
    fn number_keys_and_h_l_choose_the_article_of_the_focused_pane() {
        let mut app = app();
        app.press("j 3").unwrap();
        assert_eq!(app.compare.articles, [2, 1]);
        // The claim is kept: article 3's member of claim 0 is selected.
        assert_eq!(app.at(Pane::Left), at(&app, 2, "disruption"));
        app.press("2").unwrap();
        assert_eq!(app.compare.articles, [1, 2], "showing the other pane's article swaps the panes");
        app.press("l").unwrap();
        assert_eq!(app.compare.articles, [0, 2], "l skips the article in the other pane");
        app.press("h").unwrap();
        assert_eq!(app.compare.articles, [1, 2]);
        app.press("9").unwrap();
        assert!(app.status.as_ref().is_some_and(|s| s.error && s.text.contains("no article 9")));
    }

    #[test]
    fn switching_an_unpaired_pane_follows_the_other_panes_claim() {
        let mut app = app();
        // Left on claim 1, which article 3 does not carry: the right pane is left unpaired.
        app.press("j j Tab 3").unwrap();
        assert!(app.pair().is_none());
        assert_eq!(app.compare.selected[1], 0);
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
        assert_eq!((app.screen, app.claim.id), (Screen::Claim, Some(0)));
        app.press("n").unwrap();
        assert_eq!(app.claim.id, Some(1));
        app.press("Esc").unwrap();
        assert_eq!(app.screen, Screen::Compare);
        assert_eq!(app.at(Pane::Left), at(&app, 0, "user error"));
        assert_eq!(app.at(Pane::Right), at(&app, 1, "denied"));
    }

    #[test]
    fn claim_view_diffs_against_the_selected_passage() {
        let mut app = app();
        app.press("Tab j Enter").unwrap();
        assert_eq!(app.claim_reference(0), Some(at(&app, 1, "outage lasted")));
    }

    #[test]
    fn overview_sorts_and_jumps() {
        let mut app = app();
        app.press("o").unwrap();
        assert_eq!(app.screen, Screen::Overview);
        assert_eq!(app.overview.rows, [0, 2, 1, 3]);
        app.press("s").unwrap();
        assert_eq!(app.overview.sort, Sort::Disagreement);
        app.press("G Enter").unwrap();
        assert_eq!(app.screen, Screen::Compare);
        let last = *query::overview_rows(&app.stats, Sort::Disagreement).last().unwrap();
        // Claim 4, whose first member is also in claim 1: the jump lands on claim 4.
        assert_eq!(last, 3);
        assert_eq!(app.current_claim(), Some(last));
        app.press("o o").unwrap();
        assert_eq!(app.screen, Screen::Compare, "o closes the overview again");
    }

    #[test]
    fn claims_list_filters_as_you_type() {
        let mut app = app();
        app.press("c").unwrap();
        app.type_text("39 regions");
        assert_eq!(app.claims.matches.first().map(|m| m.claim), Some(2));
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
        assert_eq!(app.at(app.compare.focus), at(&app, 0, "restored service"));
        app.press("Enter").unwrap();
        assert!(!app.search.editing);
        app.press("ctrl-n").unwrap();
        assert_eq!(app.at(app.compare.focus).article, 1, "the hit in the right pane's article focuses it");
        app.press("ctrl-n").unwrap();
        assert_eq!(app.at(app.compare.focus), at(&app, 2, "returned"));
        // After the search, n/N step through its results too, as in less and vim.
        app.press("N").unwrap();
        assert_eq!(app.search.current, Some(1));
        app.press("n").unwrap();
        assert_eq!((app.search.current, app.at(app.compare.focus)), (Some(2), at(&app, 2, "returned")));
        // Esc clears it, and n is "next claim" again.
        app.press("Esc").unwrap();
        assert!(app.search.query.is_empty());
        let before = app.at(app.compare.focus);
        app.press("n").unwrap();
        assert_eq!(app.search.current, None);
        assert_ne!(app.at(app.compare.focus), before, "n moved to the next claim");
    }

    #[test]
    fn esc_cancels_a_search_and_returns_to_where_it_started() {
        let mut app = app();
        app.press("j /").unwrap();
        app.type_text("analysts");
        assert_eq!(app.at(app.compare.focus), at(&app, 1, "Analysts"));
        app.press("Esc").unwrap();
        assert_eq!(app.at(Pane::Left), at(&app, 0, "outage lasted"));
        assert_eq!(app.compare.focus, Pane::Left);
        assert!(app.search.hits.is_empty());
    }

    #[test]
    fn text_input_takes_keys_that_are_commands_elsewhere() {
        let mut app = app();
        app.press("/ q j ?").unwrap();
        assert!(!app.quit);
        assert_eq!(app.search.query.text(), "qj?");
        app.press("Esc c q").unwrap();
        assert_eq!(app.claims.filter.text(), "q");
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
        assert_eq!(app.help, Some(Help { scroll: 0 }));
        app.press("j j").unwrap();
        assert_eq!(app.help, Some(Help { scroll: 2 }));
        assert_eq!(app.compare.selected[0], 0, "keys go to the help, not the panes");
        app.press("?").unwrap();
        assert_eq!(app.help, None);
        app.press("? Esc").unwrap();
        assert_eq!(app.help, None);
    }

    #[test]
    fn slash_in_the_help_searches_the_help_and_n_steps_through_the_matches() {
        let mut app = app();
        app.press("? /").unwrap();
        assert!(app.help.is_some(), "/ in the help does not start a corpus search");
        assert!(app.help_search.editing && !app.search.editing);
        app.type_text("SUSPEND");
        let found = help::matches(&app, "suspend");
        assert!(!found.is_empty());
        assert_eq!(app.help_search.line, found.first().copied());
        assert!(app.help.unwrap().scroll > 0, "scrolled to the match");
        app.press("Enter").unwrap();
        assert!(!app.help_search.editing);
        app.press("n").unwrap();
        assert_eq!(
            app.help_search.line,
            found.get(1).or(found.first()).copied(),
            "n: the next match, wrapping"
        );
        app.type_text("x");
        app.press("Esc").unwrap();
        assert_eq!(
            (app.help, app.help_search.line),
            (None, None),
            "Esc closes the help and forgets the search"
        );
    }

    #[test]
    fn screens_opened_from_the_help_close_it() {
        let mut app = app();
        app.press("? o").unwrap();
        assert_eq!((app.help, app.screen), (None, Screen::Overview));
        app.press("? c").unwrap();
        assert_eq!((app.help, app.screen), (None, Screen::Claims));
        // `/` in the help searches the help instead (see the next test).
        app.press("Esc ? /").unwrap();
        assert!(app.help.is_some() && !app.search.editing);
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
        assert_eq!(app.compare.focus, Pane::Right);
        assert_eq!(app.compare.selected[1], target);
        app.size = Rect::new(0, 0, 120, 12);
        update(&mut app, Action::Scroll { column: right.text.x, row: right.text.y, delta: 3 });
        assert!(app.compare.scroll[1] > 0);
        assert_eq!(app.compare.selected[1], target, "the wheel scrolls without moving the selection");
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
        finish_analysis(&mut app, fixture::analysis());
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
        let r = rows.of(app.compare.selected[0]);
        assert!(
            r.start >= app.compare.scroll[0] && r.start < app.compare.scroll[0] + h,
            "{r:?} {} {h}",
            app.compare.scroll[0]
        );
    }
}
