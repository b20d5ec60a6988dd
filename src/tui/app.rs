//! The reader's state: plain data, changed only by [`super::update::update`] and read by
//! [`super::view::render`].

use ratatui::crossterm::event::{Event, KeyEventKind, MouseEventKind};
use ratatui::layout::Rect;

use super::action::Action;
use super::keymap::{self, KeySpec, Mode};
use super::query;
use super::view::theme::Theme;
use crate::analysis::{Analysis, PassageRef};
use crate::annotate::{Label, Store};
use crate::corpus::Corpus;

/// One of the two panes of the Compare screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Left,
    Right,
}

impl Pane {
    pub fn index(self) -> usize {
        match self {
            Pane::Left => 0,
            Pane::Right => 1,
        }
    }

    pub fn other(self) -> Pane {
        match self {
            Pane::Left => Pane::Right,
            Pane::Right => Pane::Left,
        }
    }
}

/// The full-screen view under any overlay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Compare,
    Claim,
    Overview,
    Claims,
}

/// Whether the analysis has arrived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phase {
    /// The worker thread is still analysing; `ticks` drive the spinner, `progress` is the
    /// worker's last report.
    Analysing {
        ticks: u64,
        elapsed_ms: u64,
        progress: Option<crate::pipeline::Progress>,
    },
    Ready,
    /// The worker died; the articles can still be read.
    Failed(String),
}

/// Order of the overview rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    /// Most articles first.
    Coverage,
    /// Most discrepancies first.
    Disagreement,
    /// Claim order (as the analysis found them).
    Order,
}

impl Sort {
    pub fn next(self) -> Sort {
        match self {
            Sort::Coverage => Sort::Disagreement,
            Sort::Disagreement => Sort::Order,
            Sort::Order => Sort::Coverage,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Sort::Coverage => "coverage",
            Sort::Disagreement => "disagreement",
            Sort::Order => "claim order",
        }
    }
}

/// A line for the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// One search result: a byte range of an article's text inside one of its passages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub at: PassageRef,
    pub range: std::ops::Range<usize>,
}

/// The corpus-wide search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    /// What is typed (and, once submitted, what is highlighted).
    pub query: String,
    /// Whether the input line is open.
    pub editing: bool,
    pub hits: Vec<Hit>,
    pub current: Option<usize>,
    /// Where the reader was when the search started, for Esc.
    pub origin: Option<Place>,
}

/// Where the reader is on the Compare screen, to come back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub focus: Pane,
    pub articles: [usize; 2],
    pub selected: [usize; 2],
    pub scroll: [usize; 2],
}

/// A list with a cursor and a scroll offset.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListState {
    pub selected: usize,
    pub offset: usize,
}

/// An overlay of the annotation keys, drawn over the screen below it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// `a`: the label picker; one key `1`–`5` chooses.
    Picker,
    /// `e`: the note editor. Esc or ctrl-s saves; the text stays here until the save succeeds.
    Note(Editor),
    /// `t`: the one-line tag input (comma separated). Enter or Esc adds the typed tags.
    Tags(String),
    /// `A`: every annotation, filterable by label and by typed text.
    Annotations,
}

/// A small multi-line text editor: the text and a cursor (a byte offset on a char boundary).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Editor {
    pub text: String,
    pub cursor: usize,
    /// The text when the editor opened: saving it unchanged writes nothing.
    pub original: String,
}

impl Editor {
    pub fn new(text: &str) -> Self {
        Editor { text: text.to_string(), cursor: text.len(), original: text.to_string() }
    }

    pub fn insert(&mut self, c: char) {
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
    }

    pub fn backspace(&mut self) {
        if let Some(c) = self.text[..self.cursor].chars().next_back() {
            self.cursor -= c.len_utf8();
            self.text.remove(self.cursor);
        }
    }

    pub fn left(&mut self) {
        if let Some(c) = self.text[..self.cursor].chars().next_back() {
            self.cursor -= c.len_utf8();
        }
    }

    pub fn right(&mut self) {
        if let Some(c) = self.text[self.cursor..].chars().next() {
            self.cursor += c.len_utf8();
        }
    }

    /// Start of the cursor's line.
    pub fn home(&mut self) {
        self.cursor = self.text[..self.cursor].rfind('\n').map_or(0, |i| i + 1);
    }

    /// End of the cursor's line.
    pub fn end(&mut self) {
        self.cursor = self.text[self.cursor..].find('\n').map_or(self.text.len(), |i| self.cursor + i);
    }
}

/// The annotation state of the reader: the store (if it could be opened), the marks derived
/// from it, and the list and filters of the annotation screens.
#[derive(Debug, Default)]
pub struct Notes {
    pub store: Option<Store>,
    /// Why there is no store, or why it cannot save.
    pub unavailable: Option<String>,
    /// Passages that carry a mark, with the ids shown on each.
    pub marks: std::collections::BTreeMap<PassageRef, Vec<String>>,
    /// The label filter of the annotation list (`None`: every label).
    pub list_label: Option<Label>,
    /// The typed filter of the annotation list: matches tags, note and quote.
    pub list_query: String,
    pub list: ListState,
    /// The label filter of the overview and the claims list.
    pub claim_label: Option<Label>,
}

/// Everything the reader shows, as plain data.
#[derive(Debug)]
pub struct App {
    pub analysis: Analysis,
    pub phase: Phase,
    /// The screen size; update uses it for pages and for keeping the selection visible.
    pub size: Rect,
    pub screen: Screen,
    /// The help overlay's scroll offset when it is open.
    pub help: Option<usize>,
    pub focus: Pane,
    /// The article shown in each pane (indices into `corpus.articles`).
    pub articles: [usize; 2],
    /// The selected passage in each pane; the focused pane's is the one the reader moves, the
    /// other follows to its counterpart.
    pub selected: [usize; 2],
    /// The first visible row of each pane.
    pub scroll: [usize; 2],
    /// The claim shown in the claim view, and its scroll offset.
    pub claim: Option<usize>,
    pub claim_scroll: usize,
    pub sort: Sort,
    pub overview: ListState,
    /// First article column shown in the overview (clamped by `view::overview::columns`).
    pub overview_col: usize,
    pub claims_query: String,
    pub claims_list: ListState,
    pub search: Search,
    /// Derived from the analysis once: per-claim numbers, the overview order, the filter result.
    pub stats: query::ClaimStats,
    pub overview_rows: Vec<usize>,
    pub claims_matches: Vec<query::ClaimMatch>,
    pub status: Option<Status>,
    pub theme: Theme,
    pub quit: bool,
    /// Ctrl-Z asked to stop the process; the terminal owner (`tui::run_loading`) does it and clears this.
    pub suspend: bool,
    /// The overlay of the annotation keys, if one is open.
    pub overlay: Option<Overlay>,
    pub notes: Notes,
}

impl App {
    /// A reader on `corpus` whose analysis is still running: the articles can be read at once.
    pub fn analysing(corpus: Corpus, size: Rect) -> Self {
        let mut app = Self::new(Analysis::from_parts(corpus, Vec::new(), Vec::new()), size);
        app.phase = Phase::Analysing { ticks: 0, elapsed_ms: 0, progress: None };
        app
    }

    /// A reader on a finished analysis.
    pub fn new(analysis: Analysis, size: Rect) -> Self {
        let n = analysis.corpus.articles.len();
        let mut app = App {
            analysis,
            phase: Phase::Ready,
            size,
            screen: Screen::Compare,
            help: None,
            focus: Pane::Left,
            articles: [0, if n > 1 { 1 } else { 0 }],
            selected: [0, 0],
            scroll: [0, 0],
            claim: None,
            claim_scroll: 0,
            sort: Sort::Coverage,
            overview: ListState::default(),
            overview_col: 0,
            claims_query: String::new(),
            claims_list: ListState::default(),
            search: Search::default(),
            stats: Default::default(),
            overview_rows: Vec::new(),
            claims_matches: Vec::new(),
            status: None,
            theme: Theme::default(),
            quit: false,
            suspend: false,
            overlay: None,
            notes: Notes::default(),
        };
        app.refresh_stats();
        if n < 2 {
            app.status = Some(Status {
                text: "only one article: nothing to compare; open a folder of several".into(),
                error: false,
            });
        }
        app
    }

    /// Takes the finished analysis from the worker, keeping the reader's place.
    pub fn finish_analysis(&mut self, analysis: Analysis) {
        self.analysis = analysis;
        self.phase = Phase::Ready;
        if let Some(store) = &mut self.notes.store {
            store.reanchor(&self.analysis);
        }
        self.refresh_stats();
        let claims = self.analysis.claims.len();
        let disc = self.analysis.discrepancies.len();
        if self.status.is_none() && self.analysis.corpus.articles.len() > 1 {
            self.status = Some(Status {
                text: format!("analysed: {claims} claims, {disc} discrepancies"),
                error: false,
            });
        }
        super::update::sync(self);
    }

    /// Recomputes what is derived from the analysis, then the overview order and the filter.
    pub fn refresh_stats(&mut self) {
        self.stats = query::ClaimStats::new(&self.analysis);
        self.refresh_lists();
    }

    /// Recomputes the overview order and the claims filter after a sort or query change, then
    /// the annotation marks.
    pub fn refresh_lists(&mut self) {
        self.overview_rows = query::overview_rows(&self.stats, self.sort);
        self.claims_matches = query::filter_claims(&self.stats, &self.claims_query);
        self.refresh_marks();
        if let Some(l) = self.notes.claim_label {
            let keep = self.claims_with_label(l);
            self.overview_rows.retain(|c| keep.contains(c));
            self.claims_matches.retain(|m| keep.contains(&m.claim));
        }
    }

    /// Attaches the annotation store; re-anchors it if the analysis is there. A read-only
    /// store's reason goes to the status line.
    pub fn attach_store(&mut self, store: Store) {
        if let Some(ro) = store.read_only() {
            self.notes.unavailable = Some(format!("annotations are read-only: {}", ro.reason));
            self.status = Some(Status { text: ro.reason.clone(), error: true });
        }
        self.notes.store = Some(store);
        if let Some(store) = &mut self.notes.store {
            store.reanchor(&self.analysis);
        }
        self.refresh_lists();
    }

    /// Places new annotations and recomputes the marks and label filters.
    pub fn refresh_marks(&mut self) {
        match &mut self.notes.store {
            Some(store) => {
                store.place(&self.analysis);
                self.notes.marks = store.marks(&self.analysis);
            }
            None => self.notes.marks.clear(),
        }
    }

    /// Claims that carry label `l`: on the claim itself or on one of its passages.
    pub fn claims_with_label(&self, l: Label) -> std::collections::BTreeSet<usize> {
        let mut out = std::collections::BTreeSet::new();
        let Some(store) = &self.notes.store else { return out };
        for (c, claim) in self.analysis.claims.iter().enumerate() {
            if store.for_claim(c).iter().any(|a| a.label == Some(l))
                || claim
                    .members
                    .iter()
                    .any(|m| store.at_passage(&self.analysis, m.at).iter().any(|a| a.label == Some(l)))
            {
                out.insert(c);
            }
        }
        out
    }

    /// The keymap mode that applies now.
    pub fn mode(&self) -> Mode {
        if self.help.is_some() {
            Mode::Help
        } else if let Some(o) = &self.overlay {
            match o {
                Overlay::Picker => Mode::Picker,
                Overlay::Note(_) => Mode::Note,
                Overlay::Tags(_) => Mode::Tags,
                Overlay::Annotations => Mode::Annotations,
            }
        } else if self.search.editing {
            Mode::Search
        } else {
            match self.screen {
                Screen::Compare => Mode::Compare,
                Screen::Claim => Mode::Claim,
                Screen::Overview => Mode::Overview,
                Screen::Claims => Mode::Claims,
            }
        }
    }

    /// Turns a terminal event into an action and applies it. Tests go down the same path.
    pub fn handle_event(&mut self, event: Event) {
        let action = match event {
            Event::Key(k) if k.kind == KeyEventKind::Press => {
                keymap::lookup(self.mode(), KeySpec::from_event(k))
            }
            Event::Mouse(m) => match m.kind {
                MouseEventKind::ScrollDown => Some(Action::Scroll { column: m.column, row: m.row, delta: 3 }),
                MouseEventKind::ScrollUp => Some(Action::Scroll { column: m.column, row: m.row, delta: -3 }),
                MouseEventKind::Down(ratatui::crossterm::event::MouseButton::Left) => {
                    Some(Action::Click { column: m.column, row: m.row })
                }
                _ => None,
            },
            Event::Resize(width, height) => Some(Action::Resize { width, height }),
            _ => None,
        };
        if let Some(a) = action {
            super::update::update(self, a);
        }
    }

    /// Presses keys written as in the keymap, separated by spaces (`"j j ] Enter"`).
    pub fn press(&mut self, keys: &str) -> Result<(), String> {
        for k in keys.split(' ').filter(|k| !k.is_empty()) {
            let spec: KeySpec = k.parse()?;
            if let Some(a) = keymap::lookup(self.mode(), spec) {
                super::update::update(self, a);
            }
        }
        Ok(())
    }

    /// Types text into the input line of the current mode.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            super::update::update(self, Action::Input(c));
        }
    }

    /// Number of articles.
    pub fn article_count(&self) -> usize {
        self.analysis.corpus.articles.len()
    }

    /// Whether there are two articles to compare.
    pub fn comparing(&self) -> bool {
        self.article_count() > 1
    }

    /// The selected passage of a pane.
    pub fn at(&self, pane: Pane) -> PassageRef {
        PassageRef { article: self.articles[pane.index()], passage: self.selected[pane.index()] }
    }

    /// The pair of passages shown side by side and their shared claim, when the passage of the
    /// focused pane has a counterpart in the other pane's article.
    pub fn pair(&self) -> Option<(usize, PassageRef, PassageRef)> {
        if !self.comparing() {
            return None;
        }
        let driver = self.at(self.focus);
        let other = self.articles[self.focus.other().index()];
        let (claim, at) = self.analysis.counterpart(driver, other)?;
        if at != self.at(self.focus.other()) {
            return None;
        }
        let (left, right) = match self.focus {
            Pane::Left => (driver, at),
            Pane::Right => (at, driver),
        };
        Some((claim, left, right))
    }

    /// Where the reader is now.
    pub fn place(&self) -> Place {
        Place { focus: self.focus, articles: self.articles, selected: self.selected, scroll: self.scroll }
    }

    /// The claim of the selected passage: the one shared with the other pane if any, else the
    /// first it belongs to.
    pub fn current_claim(&self) -> Option<usize> {
        self.pair().map(|p| p.0).or_else(|| self.analysis.claims_at(self.at(self.focus)).first().copied())
    }
}
