//! Where everything goes: pure functions of the screen size and the state, shared by the view
//! (to draw) and by update (page sizes, scroll limits, keeping the selection in view, mouse
//! hit-testing). Every per-screen size lives here, so update imports nothing else of the view;
//! this module imports no other view module, and draws nothing.

use ratatui::layout::Rect;

use crate::analysis::{Discrepancy, Member, PassageRef};
use crate::tui::app::{App, Pane};
use crate::tui::{notes, query, wrap};

/// Below this the reader shows "terminal too small".
pub const MIN_WIDTH: u16 = 30;
pub const MIN_HEIGHT: u16 = 8;
/// Below this width the Compare screen shows one pane at a time.
pub const SPLIT_WIDTH: u16 = 60;
/// Columns of the gutter left of each pane's text: selection bar, claim count, discrepancy.
pub const GUTTER: u16 = 4;

/// The three bands of every screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bands {
    pub header: Rect,
    pub body: Rect,
    pub status: Rect,
}

/// Splits the screen into header, body and status line; `None` when it is too small.
pub fn bands(area: Rect) -> Option<Bands> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    Some(Bands {
        header: Rect { height: 1, ..area },
        body: Rect { y: area.y + 1, height: area.height - 2, ..area },
        status: Rect { y: area.y + area.height - 1, height: 1, ..area },
    })
}

/// One pane of the Compare screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PaneArea {
    pub pane: Pane,
    /// The bordered block.
    pub outer: Rect,
    pub gutter: Rect,
    pub text: Rect,
}

/// The Compare screen: one or two panes above the detail box.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompareLayout {
    pub panes: Vec<PaneArea>,
    pub detail: Rect,
}

/// Rows of the detail box (border included) for a body of `height` rows.
fn detail_height(height: u16) -> u16 {
    match height {
        h if h >= 30 => 7,
        h if h >= 20 => 6,
        h if h >= 12 => 4,
        _ => 3,
    }
}

/// Rows of the box of search results (border included), which stands in for the detail box
/// while a search is typed: taller, up to a third of the body, when there are many.
fn hits_height(height: u16, hits: usize) -> u16 {
    let wanted = u16::try_from(hits.saturating_add(2)).unwrap_or(u16::MAX);
    detail_height(height).max(wanted.min(height / 3))
}

/// Lays out the Compare screen in `body`.
pub fn compare(body: Rect, app: &App) -> CompareLayout {
    let dh = if app.search.editing {
        hits_height(body.height, app.search.hits.len())
    } else {
        detail_height(body.height)
    };
    let dh = dh.min(body.height.saturating_sub(3));
    let panes_area = Rect { height: body.height - dh, ..body };
    let detail = Rect { y: body.y + panes_area.height, height: dh, ..body };
    let split = app.comparing() && body.width >= SPLIT_WIDTH;
    let panes = if split {
        let lw = body.width / 2;
        vec![
            pane_area(Pane::Left, Rect { width: lw, ..panes_area }),
            pane_area(Pane::Right, Rect { x: body.x + lw, width: body.width - lw, ..panes_area }),
        ]
    } else {
        let pane = if app.comparing() { app.compare.focus } else { Pane::Left };
        vec![pane_area(pane, panes_area)]
    };
    CompareLayout { panes, detail }
}

fn pane_area(pane: Pane, outer: Rect) -> PaneArea {
    let inner = Rect {
        x: outer.x + 1,
        y: outer.y + 1,
        width: outer.width.saturating_sub(2),
        height: outer.height.saturating_sub(2),
    };
    let g = GUTTER.min(inner.width);
    PaneArea {
        pane,
        outer,
        gutter: Rect { width: g, ..inner },
        // One blank column before the right border so text never touches it.
        text: Rect { x: inner.x + g, width: inner.width.saturating_sub(g + 1), ..inner },
    }
}

/// The text width and height of a pane, even when it is not on screen (the other pane in the
/// single-pane layout has the same size as the shown one).
pub fn pane_text(app: &App, pane: Pane) -> Rect {
    let Some(b) = bands(app.size) else { return Rect::default() };
    let l = compare(b.body, app);
    l.panes.iter().find(|p| p.pane == pane).or(l.panes.first()).map_or(Rect::default(), |p| p.text)
}

/// Rows a popup keeps when it shrinks to stay clear of the passage it acts on.
const MIN_POPUP: u16 = 5;

/// A popup of `w`×`h` in `body` that leaves the passage it acts on in sight: centred, unless
/// that covers the rows of Compare's selected passage, then above or below them (where there is
/// more room). In the claim view it acts on the whole claim and is centred.
pub fn popup(app: &App, body: Rect, w: u16, h: u16) -> Rect {
    let (w, h) = (w.min(body.width), h.min(body.height));
    let x = body.x + (body.width - w) / 2;
    let centred = Rect { x, y: body.y + (body.height - h) / 2, width: w, height: h };
    if app.screen != crate::tui::app::Screen::Compare {
        return centred;
    }
    let Some((top, bottom)) = selected_rows(app, body) else { return centred };
    if centred.y >= bottom || centred.y + h <= top {
        return centred;
    }
    let (above, below) = (top.saturating_sub(body.y), (body.y + body.height).saturating_sub(bottom));
    // A tall popup (the note editor) shrinks to the larger side rather than cover the passage,
    // down to the few rows it needs.
    let room = above.max(below);
    let h = if h > room && room >= MIN_POPUP.min(h) { room } else { h };
    let y = if below >= above {
        bottom + below.saturating_sub(h) / 2
    } else {
        body.y + above.saturating_sub(h) / 2
    };
    Rect { y: y.min(body.y + body.height - h), height: h, ..centred }
}

/// The screen rows `[top, bottom)` of the focused pane's selected passage, when it shows.
fn selected_rows(app: &App, body: Rect) -> Option<(u16, u16)> {
    let focus = app.compare.focus;
    let pane = compare(body, app).panes.into_iter().find(|p| p.pane == focus)?;
    let article = app.analysis.corpus.articles.get(app.compare.articles[focus.index()])?;
    let rows = wrap::ArticleRows::new(article, pane.text.width.max(1) as usize)
        .of(app.compare.selected[focus.index()]);
    let scroll = app.compare.scroll[focus.index()];
    let visible = scroll..scroll + pane.text.height as usize;
    let (start, end) = (rows.start.max(visible.start), rows.end.min(visible.end));
    (start < end).then(|| {
        let at = |r: usize| pane.text.y + u16::try_from(r - scroll).unwrap_or(u16::MAX);
        (at(start), at(end))
    })
}

/// The inner area of a full-body bordered block (claim view, overview, claims list).
pub fn inner(body: Rect) -> Rect {
    Rect {
        x: body.x + 1,
        y: body.y + 1,
        width: body.width.saturating_sub(2),
        height: body.height.saturating_sub(2),
    }
}

/// The help overlay's box.
pub fn help_box(area: Rect) -> Rect {
    let w = if area.width < 90 { area.width } else { 84 };
    let h = area.height.saturating_sub(2);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + 1, width: w, height: h }
}

/// Whether `(column, row)` lies in `r`.
pub fn contains(r: Rect, column: u16, row: u16) -> bool {
    column >= r.x && column < r.x + r.width && row >= r.y && row < r.y + r.height
}

/// The body band, or the whole screen when it is too small (nothing is drawn then).
fn body(size: Rect) -> Rect {
    bands(size).map_or(size, |b| b.body)
}

/// Where the rows of a list start on screen and how many fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListRows {
    pub top: u16,
    pub height: usize,
}

/// The rows of a list in the full-body box, below `header` lines of it.
fn list_rows(app: &App, header: u16) -> ListRows {
    let top = inner(body(app.size)).y.saturating_add(header);
    let height = bands(app.size).map_or(0, |b| {
        let inner = inner(b.body);
        (inner.y + inner.height).saturating_sub(top) as usize
    });
    ListRows { top, height }
}

/// The claims list and the annotation list: a filter line and a rule above the rows.
pub fn filtered_list(app: &App) -> ListRows {
    list_rows(app, 2)
}

/// The overview's matrix rows, below the legend, a blank line and the column heads.
pub fn overview_list(app: &App) -> ListRows {
    let legend = legend_shape(overview_columns(app)).1;
    list_rows(app, u16::try_from(legend).unwrap_or(u16::MAX).saturating_add(2))
}

/// Legend entries per legend column of the overview; more visible articles get more legend
/// columns.
const LEGEND_ROWS: usize = 9;
/// Cells kept for the wording when deciding how many article columns fit.
const MIN_WORDING: usize = 20;

/// The overview's article columns on screen: `count` articles from `first`, `width` cells each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Columns {
    pub first: usize,
    pub count: usize,
    pub width: usize,
    /// Articles in the corpus.
    pub total: usize,
}

impl Columns {
    pub fn range(self) -> std::ops::Range<usize> {
        self.first..self.first + self.count
    }

    /// Whether some articles are off screen (the title then says which are shown).
    pub fn scrolls(self) -> bool {
        self.count < self.total
    }
}

/// Decimal digits of `n`.
pub fn digits(n: usize) -> usize {
    n.max(1).ilog10() as usize + 1
}

/// Widths of the fixed parts of an overview row: (coverage, discrepancies).
pub fn overview_widths(app: &App) -> (usize, usize) {
    let n = app.analysis.corpus.articles.len();
    let cov_w = (2 * digits(n) + 1).max(4);
    let max_disc = app.stats.disagreements.iter().copied().max().unwrap_or(0);
    (cov_w, digits(max_disc).max(3) + 1)
}

/// Cells of an overview row before the wording, the article columns aside.
pub fn overview_fixed(app: &App) -> usize {
    let (cov_w, disc_w) = overview_widths(app);
    8 + 1 + cov_w + 1 + disc_w + 2
}

/// Which article columns fit at the current size, from `app.overview.first_column` (clamped
/// so the last page is full).
pub fn overview_columns(app: &App) -> Columns {
    let total = app.analysis.corpus.articles.len();
    let width = (digits(total) + 1).max(3);
    let avail = (inner(body(app.size)).width as usize).saturating_sub(overview_fixed(app) + MIN_WORDING);
    let count = (avail / width).max(1).min(total);
    let first = app.overview.first_column.min(total - count);
    Columns { first, count, width, total }
}

/// The overview legend's shape: (legend columns, rows).
pub fn legend_shape(cols: Columns) -> (usize, usize) {
    let across = cols.count.div_ceil(LEGEND_ROWS).max(1);
    (across, cols.count.div_ceil(across))
}

/// Discrepancies listed above the wordings in the claim view when there are many (all are
/// listed at the end).
const HEAD_DISCREPANCIES: usize = 8;

/// One block of the claim view, top to bottom.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ClaimBlock<'a> {
    /// A line in place of the claim ("No claim selected.").
    Message(&'static str),
    /// The claim's annotations, one line each.
    Annotations(usize),
    /// The line saying the articles agree.
    Agreement,
    /// Discrepancy `i` of [`ClaimOutline::discrepancies`].
    Discrepancy(usize),
    /// The line saying how many more discrepancies follow the wordings.
    More(usize),
    Blank,
    /// One article's wording: a heading, the wrapped text, the evidence line if any, a blank.
    Member {
        member: &'a Member,
        height: usize,
    },
    /// The heading of the passages the reader's corrections took out of the claim.
    DetachedHeading,
    /// A passage detached from the claim by the reader.
    Detached(PassageRef),
    /// The line saying corrections of these passages conflict and the latest wins.
    LatestWins,
    SilentHeading,
    /// An article silent on the claim.
    Silent(usize),
    /// The heading of the full list of discrepancies after the wordings.
    AllHeading,
}

impl ClaimBlock<'_> {
    /// Lines of the block.
    pub fn height(&self) -> usize {
        match self {
            ClaimBlock::Member { height, .. } => *height,
            ClaimBlock::Annotations(n) => *n,
            _ => 1,
        }
    }
}

/// The claim view's blocks at a width, and what the member blocks need to be drawn. Member
/// wordings are diffed and wrapped only when on screen, so a claim with hundreds of members
/// costs what the visible ones cost; their height comes from wrapping the plain text, which is
/// what the styled lines wrap to.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimOutline<'a> {
    pub blocks: Vec<ClaimBlock<'a>>,
    /// The member the others are diffed against ([`App::claim_reference`]).
    pub reference: Option<PassageRef>,
    /// The claim's discrepancies, the most widespread first.
    pub discrepancies: Vec<&'a Discrepancy>,
}

/// Lays out the claim view at `width` columns: the annotations, the discrepancies (the first few
/// when there are many: a claim told by hundreds of articles can differ in a hundred ways, and
/// the wordings should stay one screen away), every member's wording with the reference
/// first, the silent articles, and then the full list of discrepancies if it was cut.
pub fn claim_outline(app: &App, width: usize) -> ClaimOutline<'_> {
    use ClaimBlock as B;
    let a = &app.analysis;
    let only = |blocks| ClaimOutline { blocks, reference: None, discrepancies: Vec::new() };
    let Some(id) = app.claim.id else { return only(vec![B::Message("No claim selected.")]) };
    let Some(claim) = a.claims.get(id) else { return only(vec![B::Message("No such claim.")]) };
    let Some(reference) = app.claim_reference(id) else { return only(Vec::new()) };
    let mut blocks = Vec::new();
    let annotations = notes::shown(app).len();
    if annotations > 0 {
        blocks.push(B::Annotations(annotations));
    }
    let discrepancies = query::claim_discrepancies(a, id);
    if discrepancies.is_empty() {
        blocks.push(B::Agreement);
    }
    let head =
        if discrepancies.len() > HEAD_DISCREPANCIES + 2 { HEAD_DISCREPANCIES } else { discrepancies.len() };
    blocks.extend((0..head).map(B::Discrepancy));
    let more = discrepancies.len() - head;
    if more > 0 {
        blocks.push(B::More(more));
    }
    blocks.push(B::Blank);
    let text_width = claim_text_width(width);
    for member in query::view_members(claim, reference) {
        let rows = wrap::wrap(a.text(member.at), text_width).len();
        let height = 1 + rows + usize::from(!member.evidence.is_empty()) + 1;
        blocks.push(B::Member { member, height });
    }
    if let Some(detached) = a.corrected.detached.get(&id) {
        blocks.push(B::DetachedHeading);
        blocks.extend(detached.iter().map(|&at| B::Detached(at)));
    }
    let conflicting = claim
        .members
        .iter()
        .map(|m| m.at)
        .chain(a.corrected.detached.get(&id).into_iter().flatten().copied());
    if conflicting.into_iter().any(|at| a.corrected.conflicts.contains(&at)) {
        blocks.push(B::LatestWins);
    }
    let mut silent = (0..a.corpus.articles.len()).filter(|&i| claim.member_in(i).is_none()).peekable();
    if silent.peek().is_some() {
        blocks.push(B::SilentHeading);
        blocks.extend(silent.map(B::Silent));
    }
    if more > 0 {
        blocks.push(B::Blank);
        blocks.push(B::AllHeading);
        blocks.extend((0..discrepancies.len()).map(B::Discrepancy));
    }
    ClaimOutline { blocks, reference: Some(reference), discrepancies }
}

/// Where the claim view wraps a wording, in a box `width` columns wide: indented by two, one
/// column kept free on the right.
pub fn claim_text_width(width: usize) -> usize {
    width.saturating_sub(1).saturating_sub(2).max(1)
}

/// The inner width and height of the claim view's box.
pub fn claim_box(app: &App) -> Rect {
    bands(app.size).map_or(Rect::default(), |b| inner(b.body))
}

/// The first line and the height of the block that shows `item` in the claim view (its first
/// listing, for a discrepancy): what scrolling keeps in sight when Tab selects it.
pub fn claim_item_lines(app: &App, item: query::ClaimItem) -> Option<(usize, usize)> {
    let outline = claim_outline(app, claim_box(app).width as usize);
    let mut top = 0;
    for block in &outline.blocks {
        let here = match (block, item) {
            (ClaimBlock::Discrepancy(i), query::ClaimItem::Discrepancy(id)) => {
                outline.discrepancies.get(*i).is_some_and(|d| d.id == id)
            }
            (ClaimBlock::Member { member, .. }, query::ClaimItem::Member(at)) => member.at == at,
            _ => false,
        };
        if here {
            return Some((top, block.height()));
        }
        top += block.height();
    }
    None
}

/// How many lines the claim view has at the current size (for scrolling); diffs nothing.
pub fn claim_line_count(app: &App) -> usize {
    claim_outline(app, claim_box(app).width as usize).blocks.iter().map(ClaimBlock::height).sum()
}
