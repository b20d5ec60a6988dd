//! The reader's state: plain data grouped per screen, changed only by `update` and read by the
//! view. It imports neither; the methods here read the state or recompute what is derived from
//! the analysis and the annotations.

use ratatui::layout::Rect;

use super::input::{Editor, LineInput};
use super::keymap::Mode;
use super::query::{self, ClaimMatch, Hit, Sort};
use super::theme::Theme;
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

/// A line for the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// The Compare screen: the article in each pane, its selected passage and its first visible
/// row. Indexed by [`Pane::index`]. A copy of it is where a search returns to on Esc.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Compare {
    /// The pane the reader moves; the other follows to the counterpart.
    pub focus: Pane,
    /// Indices into `corpus.articles`.
    pub articles: [usize; 2],
    pub selected: [usize; 2],
    pub scroll: [usize; 2],
    /// The claim a jump or `m` chose for the focused passage, which may be in several; it
    /// counts only while that passage is a member ([`App::current_claim`]).
    pub claim: Option<usize>,
}

/// The claim view: which claim, and its scroll offset in lines.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClaimView {
    pub id: Option<usize>,
    pub scroll: usize,
    /// What Tab selected (a discrepancy or a wording) for `d` to dismiss or detach; ignored
    /// when it is not part of the claim shown.
    pub selected: Option<query::ClaimItem>,
}

/// A list with a cursor and a scroll offset.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListState {
    pub selected: usize,
    pub offset: usize,
}

/// The claims × articles overview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overview {
    pub sort: Sort,
    pub list: ListState,
    /// First article column shown (clamped by `layout::overview_columns`).
    pub first_column: usize,
    /// Claim ids in row order, after the sort and the label filter.
    pub rows: Vec<usize>,
}

/// The fuzzy claims list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClaimsList {
    pub filter: LineInput,
    pub list: ListState,
    /// The claims that pass the filter and the label filter, best first.
    pub matches: Vec<ClaimMatch>,
}

/// The corpus-wide search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    /// What is typed (and, once submitted, what is highlighted).
    pub query: LineInput,
    /// Whether the input line is open.
    pub editing: bool,
    /// Typed words (folded) or, on request, a regular expression.
    pub kind: query::SearchKind,
    pub hits: Vec<Hit>,
    /// Why there are no hits although something is typed (a regular expression that does not parse).
    pub error: Option<String>,
    pub current: Option<usize>,
    /// Where the reader was when the search started, for Esc.
    pub origin: Option<Compare>,
}

/// The list of every annotation: its filters survive closing it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AnnotationList {
    /// Only this label (`None`: every label).
    pub label: Option<Label>,
    /// Typed words matched against tags, note and quote.
    pub filter: LineInput,
    pub list: ListState,
}

/// The `?` overlay.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Help {
    pub scroll: usize,
}

/// `/` in the help: what is typed, whether it is still being typed, and the match shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HelpSearch {
    pub query: LineInput,
    pub editing: bool,
    /// The help line of the match shown.
    pub line: Option<usize>,
}

/// An overlay of the annotation keys, drawn over the screen below it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// `a`: the label picker; one key `1`–`5` chooses.
    Picker,
    /// `e`: the note editor. Esc or ctrl-s saves; the text stays here until the save succeeds.
    Note(Editor),
    /// `t`: the one-line tag input (comma separated). Enter or Esc adds the typed tags.
    Tags(LineInput),
    /// `A`: every annotation ([`App::annotations`]), filterable by label and by typed text.
    Annotations,
    /// `p`: every article, to show one in the focused pane (`1`–`9` reach only nine).
    Articles,
}

/// The article picker: what is typed and the highlighted row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticlePicker {
    pub filter: LineInput,
    pub list: ListState,
}

/// The annotations of the reader: the store (if it could be opened) and the marks derived
/// from it.
#[derive(Debug, Default)]
pub struct Notes {
    pub store: Option<Store>,
    /// Why there is no store, or why it cannot save.
    pub unavailable: Option<String>,
    /// Passages that carry a mark, with the ids shown on each.
    pub marks: std::collections::BTreeMap<PassageRef, Vec<String>>,
    /// The filter of the overview and the claims list.
    pub claim_filter: ClaimFilter,
    /// Claims the reader has been through: their own annotation is labelled or marked reviewed.
    pub reviewed: std::collections::BTreeSet<usize>,
    /// Changes that found the annotations file busy, retried in order while the reader idles.
    pub retry: Vec<(crate::annotate::Target, crate::annotate::Change)>,
    /// What could not be saved at all, to print once the screen is given back (exit 1).
    pub unsaved: Vec<String>,
    /// The passage `L` picked, waiting for the second passage of a link.
    pub link_from: Option<PassageRef>,
    /// The corrections the analysis shown was corrected with.
    pub applied: Vec<crate::annotate::Correction>,
}

/// Which claims the overview and the claims list show.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ClaimFilter {
    #[default]
    All,
    /// Those not reviewed yet: what is left to do.
    Unreviewed,
    /// Those carrying this label, on the claim or on one of its passages.
    Label(Label),
}

impl ClaimFilter {
    /// The next filter of `f` / Tab: all → unreviewed → verified → … → question → all.
    pub fn next(self) -> ClaimFilter {
        let all = Label::ALL;
        match self {
            ClaimFilter::All => ClaimFilter::Unreviewed,
            ClaimFilter::Unreviewed => all.first().map_or(ClaimFilter::All, |&l| ClaimFilter::Label(l)),
            ClaimFilter::Label(l) => all
                .iter()
                .position(|&x| x == l)
                .and_then(|i| all.get(i + 1))
                .map_or(ClaimFilter::All, |&l| ClaimFilter::Label(l)),
        }
    }
}

/// How long a save from the reader waits for another parallax's lock before it queues the
/// change and says so: a keypress must never freeze the screen.
pub const LOCK_WAIT: std::time::Duration = std::time::Duration::from_millis(250);

/// Everything the reader shows, as plain data.
#[derive(Debug)]
pub struct App {
    pub analysis: Analysis,
    /// The analysis before the reader's corrections, once there are any (see
    /// [`App::apply_corrections`]).
    pub uncorrected: Option<Analysis>,
    pub phase: Phase,
    /// The screen size; update uses it for pages and for keeping the selection visible.
    pub size: Rect,
    /// The full-screen view under any overlay.
    pub screen: Screen,
    pub compare: Compare,
    pub claim: ClaimView,
    pub overview: Overview,
    pub claims: ClaimsList,
    pub search: Search,
    pub annotations: AnnotationList,
    pub articles: ArticlePicker,
    /// Open over everything else when `Some`.
    pub help: Option<Help>,
    pub help_search: HelpSearch,
    /// The overlay of the annotation keys, if one is open.
    pub overlay: Option<Overlay>,
    pub notes: Notes,
    /// Per-claim numbers, derived from the analysis once.
    pub stats: query::ClaimStats,
    pub status: Option<Status>,
    pub theme: Theme,
    pub quit: bool,
    /// Ctrl-Z asked to stop the process; the terminal owner (`tui::run_loading`) does it and clears this.
    pub suspend: bool,
    /// Layouts and diffs kept between frames (see [`memo`](super::memo)).
    pub memo: super::memo::Memo,
    /// A copy to the clipboard or a program to open the article with, for the terminal owner.
    pub external: Option<super::external::Request>,
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
            uncorrected: None,
            phase: Phase::Ready,
            size,
            screen: Screen::Compare,
            compare: Compare {
                focus: Pane::Left,
                articles: [0, if n > 1 { 1 } else { 0 }],
                selected: [0, 0],
                scroll: [0, 0],
                claim: None,
            },
            claim: ClaimView::default(),
            overview: Overview {
                sort: Sort::Coverage,
                list: ListState::default(),
                first_column: 0,
                rows: Vec::new(),
            },
            claims: ClaimsList::default(),
            search: Search::default(),
            annotations: AnnotationList::default(),
            articles: ArticlePicker::default(),
            help: None,
            help_search: HelpSearch::default(),
            overlay: None,
            notes: Notes::default(),
            stats: Default::default(),
            status: None,
            theme: Theme::default(),
            quit: false,
            suspend: false,
            memo: Default::default(),
            external: None,
        };
        app.refresh_stats();
        if n < 2 {
            app.say("only one article: nothing to compare; open a folder of several");
        }
        app
    }

    /// Puts a message on the status line.
    pub fn say(&mut self, text: impl Into<String>) {
        self.status = Some(Status { text: text.into(), error: false });
    }

    /// Puts an error on the status line.
    pub fn warn(&mut self, text: impl Into<String>) {
        self.status = Some(Status { text: text.into(), error: true });
    }

    /// Recomputes what is derived from the analysis, then the overview order and the filter.
    pub fn refresh_stats(&mut self) {
        self.stats = query::ClaimStats::new(&self.analysis);
        self.refresh_lists();
    }

    /// Recomputes the overview order and the claims filter after a sort or query change, then
    /// the annotation marks.
    pub fn refresh_lists(&mut self) {
        self.overview.rows = query::overview_rows(&self.stats, self.overview.sort);
        self.claims.matches = query::filter_claims(&self.analysis, &self.stats, self.claims.filter.text());
        self.refresh_marks();
        let keep = match self.notes.claim_filter {
            ClaimFilter::All => return,
            ClaimFilter::Unreviewed => {
                (0..self.analysis.claims.len()).filter(|c| !self.notes.reviewed.contains(c)).collect()
            }
            ClaimFilter::Label(l) => self.claims_with_label(l),
        };
        self.overview.rows.retain(|c| keep.contains(c));
        self.claims.matches.retain(|m| keep.contains(&m.claim));
    }

    /// Attaches the annotation store; re-anchors it if the analysis is there. A read-only
    /// store's reason goes to the status line.
    pub fn attach_store(&mut self, store: Store) {
        if let Some(ro) = store.read_only() {
            self.notes.unavailable = Some(format!("annotations are read-only: {}", ro.reason));
            self.warn(ro.reason.clone());
        }
        self.notes.store = Some(store);
        if let Some(store) = &mut self.notes.store {
            store.set_lock_timeout(Store::default_lock_timeout().min(LOCK_WAIT));
            store.reanchor(&self.analysis);
        }
        self.refresh_lists();
        if self.phase == Phase::Ready {
            self.apply_corrections();
        }
    }

    /// Shows the analysis corrected by the store's corrections, when they are not those it
    /// shows already: applied to the analysis as it came (kept aside the first time), the
    /// annotations placed again, and the claim view kept on the claim holding most of the
    /// passages it showed (claim numbers change with corrections).
    pub fn apply_corrections(&mut self) {
        let Some(store) = &self.notes.store else { return };
        let now: Vec<crate::annotate::Correction> = store.corrections().into_iter().cloned().collect();
        if now == self.notes.applied {
            return;
        }
        let raw = self.uncorrected.get_or_insert_with(|| self.analysis.clone()).clone();
        let shown: Vec<PassageRef> = self
            .claim
            .id
            .and_then(|c| self.analysis.claims.get(c))
            .map(|c| c.members.iter().map(|m| m.at).collect())
            .unwrap_or_default();
        let refs: Vec<&crate::annotate::Correction> = now.iter().collect();
        self.analysis = crate::pipeline::correct(raw, &refs);
        self.notes.applied = now;
        if self.claim.id.is_some() {
            let shared =
                |c: &crate::analysis::Claim| c.members.iter().filter(|m| shown.contains(&m.at)).count();
            self.claim.id = self
                .analysis
                .claims
                .iter()
                .filter(|c| shared(c) > 0)
                .max_by_key(|c| (shared(c), std::cmp::Reverse(c.id)))
                .map(|c| c.id)
                .or_else(|| {
                    self.analysis.claims.len().checked_sub(1).map(|last| last.min(self.claim.id.unwrap_or(0)))
                });
        }
        if let Some(store) = &mut self.notes.store {
            store.reanchor(&self.analysis);
        }
        self.refresh_stats();
    }

    /// Places new annotations and recomputes the marks and the reviewed claims.
    pub fn refresh_marks(&mut self) {
        match &mut self.notes.store {
            Some(store) => {
                store.place(&self.analysis);
                self.notes.marks = store.marks(&self.analysis);
                self.notes.reviewed = store
                    .annotations()
                    .into_iter()
                    .filter(|a| a.target.is_claim() && a.is_reviewed())
                    .filter_map(|a| store.placement(&a.id)?.claim)
                    .collect();
            }
            None => {
                self.notes.marks.clear();
                self.notes.reviewed.clear();
            }
        }
    }

    /// Claims that carry label `l`: on the claim itself or on one of its passages. Another
    /// claim's label does not count, though a passage in both shows it.
    pub fn claims_with_label(&self, l: Label) -> std::collections::BTreeSet<usize> {
        let mut out = std::collections::BTreeSet::new();
        let Some(store) = &self.notes.store else { return out };
        let on_passage = |a: &&crate::annotate::Annotation| a.label == Some(l) && !a.target.is_claim();
        for (c, claim) in self.analysis.claims.iter().enumerate() {
            if store.for_claim(c).iter().any(|a| a.label == Some(l))
                || claim.members.iter().any(|m| store.at_passage(&self.analysis, m.at).iter().any(on_passage))
            {
                out.insert(c);
            }
        }
        out
    }

    /// The keymap mode that applies now.
    pub fn mode(&self) -> Mode {
        if self.help.is_some() && self.help_search.editing {
            Mode::HelpSearch
        } else if self.help.is_some() {
            Mode::Help
        } else if let Some(o) = &self.overlay {
            match o {
                Overlay::Picker => Mode::Picker,
                Overlay::Note(_) => Mode::Note,
                Overlay::Tags(_) => Mode::Tags,
                Overlay::Annotations => Mode::Annotations,
                Overlay::Articles => Mode::Articles,
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

    /// Whether a search is kept (submitted, with results): `n`/`N` step through its results
    /// then, as in less and vim, until Esc clears it.
    pub fn search_kept(&self) -> bool {
        !self.search.editing && !self.search.hits.is_empty()
    }

    /// The articles the picker lists: those whose number, title, outlet, date or id hold the
    /// typed words (typography folded), in corpus order.
    pub fn picked_articles(&self) -> Vec<usize> {
        let words: Vec<String> = super::fold::fold(self.articles.filter.text())
            .text
            .split_whitespace()
            .map(str::to_string)
            .collect();
        (0..self.article_count())
            .filter(|&i| {
                let a = self.analysis.article(i);
                let meta = [a.meta.source.as_deref(), a.meta.date.as_deref()].into_iter().flatten();
                let hay = format!("{} {} {} {}", i + 1, a.title, a.id, meta.collect::<Vec<_>>().join(" "));
                let hay = super::fold::fold(&hay).text;
                words.iter().all(|w| hay.contains(w.as_str()))
            })
            .collect()
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
        let i = pane.index();
        PassageRef { article: self.compare.articles[i], passage: self.compare.selected[i] }
    }

    /// The pair of passages shown side by side and their shared claim: the current claim, when
    /// the other pane shows one of its members.
    pub fn pair(&self) -> Option<(usize, PassageRef, PassageRef)> {
        if !self.comparing() {
            return None;
        }
        let focus = self.compare.focus;
        let (driver, shown) = (self.at(focus), self.at(focus.other()));
        let claim = self.current_claim()?;
        if shown.article == driver.article || self.member(claim, shown).is_none() {
            return None;
        }
        let (left, right) = match focus {
            Pane::Left => (driver, shown),
            Pane::Right => (shown, driver),
        };
        Some((claim, left, right))
    }

    /// The claim being read at the focused passage, one of those it is in: the one a jump or
    /// `m` chose, else the one it shares with the other pane's passage, else the one whose
    /// member in the other pane's article is most similar, else its first.
    pub fn current_claim(&self) -> Option<usize> {
        let focus = self.compare.focus;
        let (driver, shown) = (self.at(focus), self.at(focus.other()));
        let here = self.analysis.claims_at(driver);
        if let Some(c) = self.compare.claim.filter(|c| here.contains(c)) {
            return Some(c);
        }
        let shared = || here.iter().copied().find(|&c| self.member(c, shown).is_some());
        (shown.article != driver.article)
            .then(shared)
            .flatten()
            .or_else(|| self.analysis.counterpart(driver, shown.article).map(|(c, _)| c))
            .or_else(|| here.first().copied())
    }

    /// The passage of `article` the other pane should show for claim `claim`: the one it shows
    /// if that is a member, else the claim's first member there.
    pub fn member_for(&self, claim: usize, article: usize) -> Option<PassageRef> {
        let c = self.analysis.claims.get(claim)?;
        let pane = self.compare.articles.iter().position(|&a| a == article);
        let shown = pane.map(|i| PassageRef { article, passage: self.compare.selected[i] });
        shown.filter(|&at| self.member(claim, at).is_some()).or_else(|| c.member_in(article).map(|m| m.at))
    }

    /// Passage `at` as a member of claim `claim`, if it is one.
    pub fn member(&self, claim: usize, at: PassageRef) -> Option<&crate::analysis::Member> {
        self.analysis.claims.get(claim)?.members.iter().find(|m| m.at == at)
    }

    /// The bytes of the file that passage `at` states claim `claim` with: the member's span
    /// (`Analysis::member_range`); the whole passage when it is no member.
    pub fn matched_part(&self, claim: Option<usize>, at: PassageRef) -> std::ops::Range<usize> {
        match claim.and_then(|c| self.member(c, at)) {
            Some(m) => self.analysis.member_range(m),
            None => self
                .analysis
                .corpus
                .articles
                .get(at.article)
                .and_then(|a| a.passages.get(at.passage))
                .map_or(0..0, |p| p.start..p.end),
        }
    }

    /// The member of `claim` the claim view diffs the others against: the selected passage if
    /// it is a member, else the focused pane's article's, else the left pane's, else the first.
    pub fn claim_reference(&self, claim: usize) -> Option<PassageRef> {
        let c = self.analysis.claims.get(claim)?;
        let selected = self.at(self.compare.focus);
        if c.members.iter().any(|m| m.at == selected) {
            return Some(selected);
        }
        c.member_in(self.compare.articles[self.compare.focus.index()])
            .or_else(|| c.member_in(self.compare.articles[0]))
            .or(c.members.first())
            .map(|m| m.at)
    }
}
