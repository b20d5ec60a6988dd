//! Where everything goes: a pure function of the screen size and the state, shared by the view
//! (to draw) and by update (page sizes, keeping the selection in view, mouse hit-testing).

use ratatui::layout::Rect;

use crate::tui::app::{App, Pane};

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

/// Lays out the Compare screen in `body`.
pub fn compare(body: Rect, app: &App) -> CompareLayout {
    let dh = detail_height(body.height).min(body.height.saturating_sub(3));
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
        let pane = if app.comparing() { app.focus } else { Pane::Left };
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

/// The thick, focused frame of a full-screen list or overlay, with its title.
pub fn focused_box<'a>(app: &App, title: String) -> ratatui::widgets::Block<'a> {
    use ratatui::widgets::{Block, BorderType, Borders};
    Block::new()
        .borders(Borders::ALL)
        .border_type(BorderType::Thick)
        .border_style(app.theme.border_focused)
        .title(ratatui::text::Span::styled(title, app.theme.title))
}

/// How many list rows fit below screen row `top` in the body band.
pub fn rows_below(app: &App, top: u16) -> usize {
    let Some(b) = bands(app.size) else { return 0 };
    let inner = inner(b.body);
    (inner.y + inner.height).saturating_sub(top) as usize
}
