//! The one keymap table. It drives dispatch, the footer hints, the `?` help overlay and the
//! README key table, so what the help says is what the keys do.
//!
//! Keys `a e t x u A` annotate (issue 4): in Compare on the selected passage, in the claim view
//! on the whole claim.

use std::fmt;
use std::str::FromStr;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

/// Which set of bindings applies. `Global` bindings apply in every mode that does not bind the
/// key itself, except that in the text-input modes a plain character is typed instead. `Input`
/// holds the editing keys every text-input mode shares; like `Global`, it is never the mode of
/// the reader itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    Global,
    Input,
    Compare,
    Claim,
    Overview,
    Claims,
    Search,
    Help,
    HelpSearch,
    Picker,
    Note,
    Tags,
    Annotations,
    Articles,
}

impl Mode {
    /// All modes in the order the help shows them.
    pub const ALL: [Mode; 14] = [
        Mode::Compare,
        Mode::Claim,
        Mode::Overview,
        Mode::Claims,
        Mode::Search,
        Mode::Annotations,
        Mode::Articles,
        Mode::Picker,
        Mode::Note,
        Mode::Tags,
        Mode::Input,
        Mode::Help,
        Mode::HelpSearch,
        Mode::Global,
    ];

    /// The heading of this mode in the help and the README.
    pub fn title(self) -> &'static str {
        match self {
            Mode::Global => "Everywhere",
            Mode::Input => "Every input line and the note editor",
            Mode::Compare => "Compare",
            Mode::Claim => "Claim view",
            Mode::Overview => "Overview",
            Mode::Claims => "Claims list",
            Mode::Search => "Search input",
            Mode::Help => "Help",
            Mode::HelpSearch => "Search in the help",
            Mode::Picker => "Label picker",
            Mode::Note => "Note editor",
            Mode::Tags => "Tag input",
            Mode::Annotations => "Annotation list",
            Mode::Articles => "Article picker",
        }
    }

    /// The short badge on the status line.
    pub fn badge(self) -> &'static str {
        match self {
            Mode::Global | Mode::Input | Mode::Compare => "COMPARE",
            Mode::Claim => "CLAIM",
            Mode::Overview => "OVERVIEW",
            Mode::Claims => "CLAIMS",
            Mode::Search => "SEARCH",
            Mode::Help => "HELP",
            Mode::HelpSearch => "HELP /",
            Mode::Picker => "LABEL",
            Mode::Note => "NOTE",
            Mode::Tags => "TAGS",
            Mode::Annotations => "ANNOTATIONS",
            Mode::Articles => "ARTICLES",
        }
    }

    /// Whether plain characters are typed into an input line in this mode.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Mode::Claims
                | Mode::Search
                | Mode::Note
                | Mode::Tags
                | Mode::Annotations
                | Mode::Articles
                | Mode::HelpSearch
        )
    }
}

/// A key with its modifiers, printable and parseable (`j`, `ctrl-n`, `PgDn`, `shift-Tab`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeySpec {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl KeySpec {
    pub const fn key(code: KeyCode) -> Self {
        KeySpec { code, mods: KeyModifiers::NONE }
    }

    pub const fn ch(c: char) -> Self {
        KeySpec::key(KeyCode::Char(c))
    }

    pub const fn ctrl(c: char) -> Self {
        KeySpec { code: KeyCode::Char(c), mods: KeyModifiers::CONTROL }
    }

    /// Normalises a terminal key event: the case of a character already says shift.
    pub fn from_event(ev: KeyEvent) -> Self {
        let mut mods = ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match ev.code {
            KeyCode::Char(c) => {
                mods.remove(KeyModifiers::SHIFT);
                if mods.contains(KeyModifiers::CONTROL) {
                    KeyCode::Char(c.to_ascii_lowercase())
                } else {
                    ev.code
                }
            }
            KeyCode::BackTab => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        KeySpec { code, mods }
    }
}

impl fmt::Display for KeySpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("alt-")?;
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            f.write_str("shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("shift-Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Delete"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

impl FromStr for KeySpec {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = s;
        loop {
            if let Some(r) = rest.strip_prefix("ctrl-") {
                mods |= KeyModifiers::CONTROL;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-") {
                mods |= KeyModifiers::ALT;
                rest = r;
            } else {
                break;
            }
        }
        let code = match rest {
            "Space" => KeyCode::Char(' '),
            "↓" | "Down" => KeyCode::Down,
            "↑" | "Up" => KeyCode::Up,
            "←" | "Left" => KeyCode::Left,
            "→" | "Right" => KeyCode::Right,
            "PgDn" => KeyCode::PageDown,
            "PgUp" => KeyCode::PageUp,
            "Home" => KeyCode::Home,
            "End" => KeyCode::End,
            "Enter" => KeyCode::Enter,
            "Esc" => KeyCode::Esc,
            "Tab" => KeyCode::Tab,
            "shift-Tab" => KeyCode::BackTab,
            "Backspace" => KeyCode::Backspace,
            "Delete" => KeyCode::Delete,
            _ => {
                let mut chars = rest.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => KeyCode::Char(c),
                    _ => return Err(format!("unknown key `{s}`")),
                }
            }
        };
        Ok(KeySpec { code, mods })
    }
}

/// One row of the keymap: one action on one or more keys.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub mode: Mode,
    /// The keys; the footer hint shows the first.
    pub keys: &'static [KeySpec],
    pub action: Action,
    /// Label in the footer hints; rows with the same label share one hint (`j/k passage`).
    pub hint: Option<&'static str>,
    /// What the keys do here, when the action's own description is too general.
    pub what: Option<&'static str>,
}

impl Binding {
    /// The description shown in the help and the README.
    pub fn describe(&self) -> &'static str {
        self.what.unwrap_or_else(|| self.action.describe())
    }

    /// Whether `key` is one of this row's keys.
    pub fn binds(&self, key: KeySpec) -> bool {
        self.keys.contains(&key)
    }
}

const fn b(mode: Mode, keys: &'static [KeySpec], action: Action, hint: Option<&'static str>) -> Binding {
    Binding { mode, keys, action, hint, what: None }
}

/// A binding with its own description.
const fn bw(
    mode: Mode,
    keys: &'static [KeySpec],
    action: Action,
    hint: Option<&'static str>,
    what: &'static str,
) -> Binding {
    Binding { mode, keys, action, hint, what: Some(what) }
}

use Action as A;
use KeyCode as K;
use KeySpec as S;
use Mode as M;

/// Every key binding, in the order the help lists them.
pub static KEYMAP: &[Binding] = &[
    // Compare
    b(M::Compare, &[S::ch('j'), S::key(K::Down)], A::NextPassage, Some("passage")),
    b(M::Compare, &[S::ch('k'), S::key(K::Up)], A::PrevPassage, Some("passage")),
    b(
        M::Compare,
        &[S::ch('J'), S::key(K::PageDown), S::ch(' '), S::ctrl('f'), S::ctrl('d')],
        A::PageDown,
        None,
    ),
    b(M::Compare, &[S::ch('K'), S::key(K::PageUp), S::ctrl('b'), S::ctrl('u')], A::PageUp, None),
    b(M::Compare, &[S::ch('g'), S::key(K::Home)], A::Top, None),
    b(M::Compare, &[S::ch('G'), S::key(K::End)], A::Bottom, None),
    bw(M::Compare, &[S::ch('n')], A::NextClaim, Some("claim"), "next matched claim (after /: next result)"),
    bw(
        M::Compare,
        &[S::ch('N')],
        A::PrevClaim,
        Some("claim"),
        "previous matched claim (after /: previous result)",
    ),
    b(M::Compare, &[S::ch(']')], A::NextDiscrepancy, Some("discrepancy")),
    b(M::Compare, &[S::ch('[')], A::PrevDiscrepancy, Some("discrepancy")),
    b(M::Compare, &[S::key(K::Tab), S::key(K::BackTab)], A::SwitchFocus, Some("pane")),
    b(M::Compare, &[S::ch('l'), S::key(K::Right)], A::NextArticle, Some("article")),
    b(M::Compare, &[S::ch('h'), S::key(K::Left)], A::PrevArticle, Some("article")),
    b(M::Compare, &[S::ch('1')], A::ShowArticle(1), None),
    b(M::Compare, &[S::ch('2')], A::ShowArticle(2), None),
    b(M::Compare, &[S::ch('3')], A::ShowArticle(3), None),
    b(M::Compare, &[S::ch('4')], A::ShowArticle(4), None),
    b(M::Compare, &[S::ch('5')], A::ShowArticle(5), None),
    b(M::Compare, &[S::ch('6')], A::ShowArticle(6), None),
    b(M::Compare, &[S::ch('7')], A::ShowArticle(7), None),
    b(M::Compare, &[S::ch('8')], A::ShowArticle(8), None),
    b(M::Compare, &[S::ch('9')], A::ShowArticle(9), None),
    b(M::Compare, &[S::ch('p')], A::OpenArticles, None),
    b(M::Compare, &[S::key(K::Enter)], A::OpenClaim, Some("claim view")),
    b(M::Compare, &[S::ctrl('n')], A::NextHit, Some("result")),
    b(M::Compare, &[S::ctrl('p')], A::PrevHit, Some("result")),
    bw(M::Compare, &[S::key(K::Esc)], A::Back, None, "clear the search (n/N step through claims again)"),
    bw(M::Compare, &[S::ch('a')], A::Annotate, Some("label"), "label the selected passage"),
    bw(M::Compare, &[S::ch('e')], A::EditNote, None, "write or edit the passage's note"),
    bw(M::Compare, &[S::ch('t')], A::AddTags, None, "add tags to the passage"),
    bw(M::Compare, &[S::ch('x')], A::DeleteAnnotation, None, "delete the passage's annotation"),
    bw(M::Compare, &[S::ch('r')], A::ToggleReviewed, None, "mark the current claim reviewed (again: not)"),
    b(M::Compare, &[S::ch('u')], A::Undo, None),
    b(M::Compare, &[S::ctrl('r')], A::Redo, None),
    bw(M::Compare, &[S::ch('L')], A::Link, None, "link the selected passage with another (L again there)"),
    b(M::Compare, &[S::ch('A')], A::OpenAnnotations, None),
    b(M::Compare, &[S::ch('y')], A::CopyPassage, None),
    b(M::Compare, &[S::ch('v')], A::OpenEditor, None),
    b(M::Compare, &[S::ch('V')], A::OpenPager, None),
    // Last, so that on a narrow footer the annotation and global hints come first: the detail
    // box names the key whenever the passage is in several claims.
    b(M::Compare, &[S::ch('m')], A::CycleClaim, Some("which claim")),
    // Claim view
    b(M::Claim, &[S::ch('j'), S::key(K::Down)], A::Down, Some("scroll")),
    b(M::Claim, &[S::ch('k'), S::key(K::Up)], A::Up, Some("scroll")),
    b(
        M::Claim,
        &[S::ch('J'), S::key(K::PageDown), S::ch(' '), S::ctrl('f'), S::ctrl('d')],
        A::PageDown,
        None,
    ),
    b(M::Claim, &[S::ch('K'), S::key(K::PageUp), S::ctrl('b'), S::ctrl('u')], A::PageUp, None),
    b(M::Claim, &[S::ch('g')], A::Top, None),
    b(M::Claim, &[S::ch('G')], A::Bottom, None),
    bw(M::Claim, &[S::ch('n')], A::NextClaim, Some("claim"), "next claim"),
    bw(M::Claim, &[S::ch('N')], A::PrevClaim, Some("claim"), "previous claim"),
    bw(
        M::Claim,
        &[S::ch(']')],
        A::NextDiscrepancy,
        Some("disagreeing claim"),
        "next claim with a discrepancy",
    ),
    bw(
        M::Claim,
        &[S::ch('[')],
        A::PrevDiscrepancy,
        Some("disagreeing claim"),
        "previous claim with a discrepancy",
    ),
    // Two rows, so that the hint shows Esc.
    bw(M::Claim, &[S::key(K::Enter)], A::Back, None, "back to Compare, on this claim"),
    bw(M::Claim, &[S::key(K::Esc), S::ch('q')], A::Back, Some("back"), "back to Compare, on this claim"),
    bw(M::Claim, &[S::ch('a')], A::Annotate, Some("label"), "label the whole claim"),
    bw(M::Claim, &[S::ch('e')], A::EditNote, None, "write or edit the claim's note"),
    bw(M::Claim, &[S::ch('t')], A::AddTags, None, "add tags to the claim"),
    bw(M::Claim, &[S::ch('x')], A::DeleteAnnotation, None, "delete the claim's annotation"),
    b(M::Claim, &[S::ch('r')], A::ToggleReviewed, Some("reviewed")),
    b(M::Claim, &[S::ch('u')], A::Undo, None),
    b(M::Claim, &[S::ctrl('r')], A::Redo, None),
    bw(M::Claim, &[S::key(K::Tab)], A::NextItem, Some("select"), "select the next discrepancy or wording"),
    bw(M::Claim, &[S::key(K::BackTab)], A::PrevItem, None, "select the previous discrepancy or wording"),
    bw(
        M::Claim,
        &[S::ch('d')],
        A::Correct,
        Some("detach/dismiss"),
        "detach the selected wording / dismiss the discrepancy",
    ),
    bw(M::Claim, &[S::ch('L')], A::Link, None, "link the selected wording with another (L again there)"),
    b(M::Claim, &[S::ch('A')], A::OpenAnnotations, None),
    // Overview
    b(M::Overview, &[S::ch('j'), S::key(K::Down)], A::Down, Some("move")),
    b(M::Overview, &[S::ch('k'), S::key(K::Up)], A::Up, Some("move")),
    b(
        M::Overview,
        &[S::ch('J'), S::key(K::PageDown), S::ch(' '), S::ctrl('f'), S::ctrl('d')],
        A::PageDown,
        None,
    ),
    b(M::Overview, &[S::ch('K'), S::key(K::PageUp), S::ctrl('b'), S::ctrl('u')], A::PageUp, None),
    b(M::Overview, &[S::ch('g')], A::Top, None),
    b(M::Overview, &[S::ch('G')], A::Bottom, None),
    bw(
        M::Overview,
        &[S::ch('l'), S::key(K::Right)],
        A::NextArticle,
        None,
        "scroll the article columns right",
    ),
    bw(M::Overview, &[S::ch('h'), S::key(K::Left)], A::PrevArticle, None, "scroll the article columns left"),
    b(M::Overview, &[S::ch('L')], A::NextColumnPage, None),
    b(M::Overview, &[S::ch('H')], A::PrevColumnPage, None),
    b(M::Overview, &[S::ch('s')], A::CycleSort, Some("sort")),
    b(M::Overview, &[S::key(K::Enter)], A::Confirm, Some("jump")),
    b(M::Overview, &[S::ch('f')], A::CycleLabelFilter, Some("filter")),
    bw(M::Overview, &[S::key(K::Esc), S::ch('q')], A::Back, Some("back"), "back to Compare"),
    // Claims list
    b(M::Claims, &[S::key(K::Down), S::ctrl('n'), S::ctrl('j')], A::Down, Some("move")),
    b(M::Claims, &[S::key(K::Up), S::ctrl('p'), S::ctrl('k')], A::Up, Some("move")),
    b(M::Claims, &[S::key(K::PageDown)], A::PageDown, None),
    b(M::Claims, &[S::key(K::PageUp)], A::PageUp, None),
    b(M::Claims, &[S::key(K::Enter)], A::Confirm, Some("jump")),
    b(M::Claims, &[S::ctrl('u')], A::ClearInput, Some("clear")),
    b(M::Claims, &[S::key(K::Tab), S::ctrl('f')], A::CycleLabelFilter, Some("filter")),
    bw(M::Claims, &[S::key(K::Esc)], A::Back, Some("back"), "back to Compare"),
    // Search input
    b(M::Search, &[S::key(K::Enter)], A::SubmitSearch, Some("keep")),
    b(M::Search, &[S::key(K::Down), S::ctrl('n')], A::NextHit, Some("result")),
    b(M::Search, &[S::key(K::Up), S::ctrl('p')], A::PrevHit, Some("result")),
    b(M::Search, &[S::ctrl('u')], A::ClearInput, Some("clear")),
    b(M::Search, &[S::ctrl('r')], A::ToggleRegex, Some("regex")),
    bw(M::Search, &[S::key(K::Esc)], A::Back, Some("cancel"), "cancel and return to where the search began"),
    // Annotation list
    b(M::Annotations, &[S::key(K::Down), S::ctrl('n')], A::Down, Some("move")),
    b(M::Annotations, &[S::key(K::Up), S::ctrl('p')], A::Up, Some("move")),
    b(M::Annotations, &[S::key(K::PageDown)], A::PageDown, None),
    b(M::Annotations, &[S::key(K::PageUp)], A::PageUp, None),
    // Digits are typed into the filter (a tag or a note may hold them); Tab filters by label.
    bw(
        M::Annotations,
        &[S::key(K::Tab), S::ctrl('f')],
        A::CycleLabelFilter,
        Some("label filter"),
        "filter by label: all → verified → … → question",
    ),
    b(M::Annotations, &[S::key(K::Enter)], A::Confirm, Some("jump")),
    bw(
        M::Annotations,
        &[S::ctrl('x')],
        A::DeleteAnnotation,
        Some("delete"),
        "delete the highlighted annotation",
    ),
    b(M::Annotations, &[S::ctrl('u')], A::ClearInput, Some("clear")),
    bw(M::Annotations, &[S::key(K::Esc)], A::Back, Some("back"), "close the list"),
    // Article picker
    b(M::Articles, &[S::key(K::Down), S::ctrl('n')], A::Down, Some("move")),
    b(M::Articles, &[S::key(K::Up), S::ctrl('p')], A::Up, Some("move")),
    b(M::Articles, &[S::key(K::PageDown)], A::PageDown, None),
    b(M::Articles, &[S::key(K::PageUp)], A::PageUp, None),
    bw(M::Articles, &[S::key(K::Enter)], A::Confirm, Some("show"), "show the article in the focused pane"),
    b(M::Articles, &[S::ctrl('u')], A::ClearInput, Some("clear")),
    bw(M::Articles, &[S::key(K::Esc)], A::Back, Some("back"), "close the picker"),
    // Label picker
    b(M::Picker, &[S::ch('1')], A::PickLabel(1), Some("verified")),
    b(M::Picker, &[S::ch('2')], A::PickLabel(2), Some("disputed")),
    b(M::Picker, &[S::ch('3')], A::PickLabel(3), Some("misleading")),
    b(M::Picker, &[S::ch('4')], A::PickLabel(4), Some("important")),
    b(M::Picker, &[S::ch('5')], A::PickLabel(5), Some("question")),
    bw(M::Picker, &[S::ch('0')], A::PickLabel(0), Some("clear"), "clear the label"),
    bw(M::Picker, &[S::key(K::Esc)], A::Back, Some("cancel"), "cancel: nothing changes"),
    // Note editor
    bw(M::Note, &[S::ctrl('s')], A::SaveInput, Some("save"), "save the note and close"),
    bw(M::Note, &[S::key(K::Esc)], A::Back, Some("close"), "close; a changed note asks first (y discards)"),
    b(M::Note, &[S::key(K::Enter)], A::Newline, Some("new line")),
    // Tag input
    bw(M::Tags, &[S::key(K::Enter)], A::SaveInput, Some("add"), "add the typed tags"),
    bw(M::Tags, &[S::key(K::Esc)], A::SaveInput, None, "add the typed tags (nothing typed: close)"),
    b(M::Tags, &[S::ctrl('u')], A::ClearInput, Some("clear")),
    // Every input line and the note editor
    b(M::Input, &[S::key(K::Left)], A::CursorLeft, None),
    b(M::Input, &[S::key(K::Right)], A::CursorRight, None),
    b(M::Input, &[S::key(K::Home)], A::CursorHome, None),
    b(M::Input, &[S::key(K::End)], A::CursorEnd, None),
    b(M::Input, &[S::key(K::Backspace)], A::Backspace, None),
    b(M::Input, &[S::key(K::Delete)], A::Delete, None),
    // Help
    b(M::Help, &[S::ch('j'), S::key(K::Down)], A::Down, Some("scroll")),
    b(M::Help, &[S::ch('k'), S::key(K::Up)], A::Up, Some("scroll")),
    b(M::Help, &[S::ch('J'), S::key(K::PageDown), S::ch(' '), S::ctrl('f'), S::ctrl('d')], A::PageDown, None),
    b(M::Help, &[S::ch('K'), S::key(K::PageUp), S::ctrl('b'), S::ctrl('u')], A::PageUp, None),
    b(M::Help, &[S::ch('g')], A::Top, None),
    b(M::Help, &[S::ch('G')], A::Bottom, None),
    bw(M::Help, &[S::ch('/')], A::StartSearch, Some("search"), "search the help"),
    bw(M::Help, &[S::ch('n')], A::NextHit, None, "next match of the help search"),
    bw(M::Help, &[S::ch('N')], A::PrevHit, None, "previous match of the help search"),
    bw(M::Help, &[S::key(K::Esc), S::ch('?'), S::ch('q')], A::Back, Some("close"), "close the help"),
    // Search in the help
    bw(
        M::HelpSearch,
        &[S::key(K::Enter)],
        A::SubmitSearch,
        Some("keep"),
        "keep the search (n/N: next and previous)",
    ),
    bw(M::HelpSearch, &[S::key(K::Down), S::ctrl('n')], A::NextHit, Some("match"), "next match"),
    bw(M::HelpSearch, &[S::key(K::Up), S::ctrl('p')], A::PrevHit, Some("match"), "previous match"),
    b(M::HelpSearch, &[S::ctrl('u')], A::ClearInput, Some("clear")),
    bw(M::HelpSearch, &[S::key(K::Esc)], A::Back, Some("cancel"), "cancel the search"),
    // Everywhere
    b(M::Global, &[S::ch('o')], A::OpenOverview, Some("overview")),
    b(M::Global, &[S::ch('c')], A::OpenClaims, Some("claims")),
    b(M::Global, &[S::ch('/')], A::StartSearch, Some("search")),
    b(M::Global, &[S::ch('?')], A::ToggleHelp, Some("help")),
    // In a sub-screen `q` goes back (its own row); it quits from Compare.
    bw(M::Global, &[S::ch('q'), S::ctrl('c')], A::Quit, Some("quit"), "quit (q in a sub-screen: back)"),
    b(M::Global, &[S::ctrl('z')], A::Suspend, None),
];

/// Keys the configuration file gives actions instead of their defaults, by action name; set
/// once at start-up, before the first key is looked up.
static OVERRIDES: std::sync::OnceLock<Vec<(&'static str, &'static [KeySpec])>> = std::sync::OnceLock::new();

/// Rebinds actions (by [`Action::name`]) to other keys in every mode they are bound in, as the
/// configuration file asks; dispatch, footer and help follow. An action no row binds, or a key
/// that would then be bound twice in a mode, is refused with the reason, and nothing changes.
/// Only the first call counts. `Err` holds the index of the override at fault.
pub fn set_overrides(overrides: Vec<(String, Vec<KeySpec>)>) -> Result<(), (usize, String)> {
    for (i, (name, _)) in overrides.iter().enumerate() {
        if !KEYMAP.iter().any(|b| b.action.name() == name) {
            return Err((i, format!("no key action is called `{name}` (the README's key table lists them)")));
        }
    }
    let names: Vec<String> = overrides.iter().map(|(n, _)| n.clone()).collect();
    let at = |a: Action, b: Action| names.iter().rposition(|n| n == a.name() || n == b.name()).unwrap_or(0);
    // Leaked once per process: the table's rows borrow their keys for the program's life.
    let table: Vec<(&'static str, &'static [KeySpec])> = overrides
        .into_iter()
        .map(|(name, keys)| (&*Box::leak(name.into_boxed_str()), &*Box::leak(keys.into_boxed_slice())))
        .collect();
    for mode in Mode::ALL {
        let bound: Vec<(KeySpec, Action)> =
            rows_with(mode, &table).flat_map(|b| b.keys.iter().map(move |&k| (k, b.action))).collect();
        for (i, (k, a)) in bound.iter().enumerate() {
            if let Some((_, other)) = bound[..i].iter().find(|(x, o)| x == k && o != a) {
                let why =
                    format!("`{k}` would do both `{}` and `{}` in {}", other.name(), a.name(), mode.title());
                return Err((at(*other, *a), why));
            }
        }
    }
    let _ = OVERRIDES.set(table);
    Ok(())
}

/// The rows of one mode, in table order, with the keys the configuration gives them.
fn rows(mode: Mode) -> impl Iterator<Item = Binding> {
    rows_with(mode, OVERRIDES.get().map_or(&[][..], Vec::as_slice))
}

fn rows_with(mode: Mode, table: &[(&'static str, &'static [KeySpec])]) -> impl Iterator<Item = Binding> {
    KEYMAP.iter().filter(move |b| b.mode == mode).map(move |b| {
        let keys = table.iter().find(|(name, _)| *name == b.action.name()).map_or(b.keys, |(_, k)| *k);
        Binding { keys, ..*b }
    })
}

/// The action bound to `key` in `mode`. A text-input mode falls back to the editing keys, then
/// types a plain character; every mode but the label picker then falls back to the global
/// bindings.
pub fn lookup(mode: Mode, key: KeySpec) -> Option<Action> {
    let find = |m: Mode| rows(m).find(|b| b.binds(key)).map(|b| b.action);
    if let Some(a) = find(mode) {
        return Some(a);
    }
    if mode == Mode::Picker {
        // A modal choice: only quitting and suspending fall through.
        return [(KeySpec::ctrl('c'), Action::Quit), (KeySpec::ctrl('z'), Action::Suspend)]
            .into_iter()
            .find_map(|(k, a)| (k == key).then_some(a));
    }
    if mode.takes_text() {
        if let Some(a) = find(Mode::Input) {
            return Some(a);
        }
        if let KeyCode::Char(c) = key.code
            && !key.mods.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return Some(Action::Input(c));
        }
    }
    find(Mode::Global)
}

/// Footer hints for `mode`: `(keys, label)` pairs such as `("j/k", "passage")`, each row
/// showing its first key, the mode's own first, then the global ones it does not shadow.
pub fn hints(mode: Mode) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = Vec::new();
    let mut push = |b: &Binding| {
        let (Some(label), Some(key)) = (b.hint, b.keys.first()) else { return };
        if let Some(slot) = out.iter_mut().find(|(_, l)| *l == label) {
            slot.0.push('/');
            slot.0.push_str(&key.to_string());
        } else {
            out.push((key.to_string(), label));
        }
    };
    rows(mode).for_each(|b| push(&b));
    if !mode.takes_text() {
        for g in rows(Mode::Global) {
            let shadowed = g.keys.first().is_some_and(|&k| rows(mode).any(|b| b.binds(k)));
            let useless =
                matches!((mode, g.action), (Mode::Help, Action::ToggleHelp)) || mode == Mode::Picker;
            if !shadowed && !useless {
                push(&g);
            }
        }
    }
    out
}

/// The bindings of one mode grouped by what they do: `(keys, description)`, in table order.
pub fn groups(mode: Mode) -> Vec<(Vec<KeySpec>, &'static str)> {
    let mut out: Vec<(Vec<KeySpec>, &'static str)> = Vec::new();
    for b in rows(mode) {
        let d = b.describe();
        if let Some(slot) = out.iter_mut().find(|(_, x)| *x == d) {
            slot.0.extend_from_slice(b.keys);
        } else {
            out.push((b.keys.to_vec(), d));
        }
    }
    out
}

/// Prints a group of keys, shortening `1 2 … 9` to `1–9`.
pub fn join_keys(keys: &[KeySpec], sep: &str, wrap: &str) -> String {
    let digits: Vec<char> = keys
        .iter()
        .filter_map(|k| match k.code {
            KeyCode::Char(c) if c.is_ascii_digit() && k.mods.is_empty() => Some(c),
            _ => None,
        })
        .collect();
    if digits.len() == keys.len() && digits.len() > 2 {
        let first = digits[0];
        let last = digits[digits.len() - 1];
        return format!("{wrap}{first}{wrap}–{wrap}{last}{wrap}");
    }
    keys.iter().map(|k| format!("{wrap}{k}{wrap}")).collect::<Vec<_>>().join(sep)
}

/// The key table in Markdown, one section per mode, for the README.
pub fn keymap_markdown() -> String {
    let mut s = String::new();
    for mode in Mode::ALL {
        let groups = groups(mode);
        if groups.is_empty() {
            continue;
        }
        s.push_str(&format!("**{}**\n\n| keys | action |\n|---|---|\n", mode.title()));
        for (keys, d) in groups {
            s.push_str(&format!("| {} | {d} |\n", join_keys(&keys, " ", "`")));
        }
        s.push('\n');
    }
    s.push_str(
        "Mouse: the wheel scrolls the pane under the pointer; a click selects a passage, a row or a claim.\n",
    );
    let mut names: Vec<&str> = Vec::new();
    for b in KEYMAP {
        if !names.contains(&b.action.name()) {
            names.push(b.action.name());
        }
    }
    let names: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    s.push_str(&format!("\nAction names for `[keys]` in the configuration file: {}.\n", names.join(", ")));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every (mode, key) of the table, one per key of each row.
    fn keys() -> impl Iterator<Item = (&'static Binding, KeySpec)> {
        KEYMAP.iter().flat_map(|b| b.keys.iter().map(move |&k| (b, k)))
    }

    #[test]
    fn no_key_is_bound_twice_in_a_mode() {
        let all: Vec<_> = keys().collect();
        for (i, (a, ka)) in all.iter().enumerate() {
            for (b, kb) in &all[i + 1..] {
                assert!(!(a.mode == b.mode && ka == kb), "{:?} {ka} bound twice", a.mode);
            }
        }
        assert!(KEYMAP.iter().all(|b| !b.keys.is_empty()));
    }

    #[test]
    fn every_user_action_has_a_key_and_a_description() {
        let user = [
            A::Quit,
            A::Back,
            A::ToggleHelp,
            A::NextPassage,
            A::PrevPassage,
            A::PageDown,
            A::PageUp,
            A::Top,
            A::Bottom,
            A::Down,
            A::Up,
            A::NextClaim,
            A::PrevClaim,
            A::NextDiscrepancy,
            A::PrevDiscrepancy,
            A::CycleClaim,
            A::SwitchFocus,
            A::NextArticle,
            A::PrevArticle,
            A::NextColumnPage,
            A::PrevColumnPage,
            A::OpenClaim,
            A::OpenOverview,
            A::OpenClaims,
            A::StartSearch,
            A::NextHit,
            A::PrevHit,
            A::CycleSort,
            A::Confirm,
            A::SubmitSearch,
            A::CursorLeft,
            A::CursorRight,
            A::CursorHome,
            A::CursorEnd,
            A::Backspace,
            A::Delete,
            A::ClearInput,
        ];
        for a in user {
            assert!(KEYMAP.iter().any(|b| b.action == a), "{} has no key", a.name());
        }
        for n in 1..=9 {
            assert!(KEYMAP.iter().any(|b| b.action == A::ShowArticle(n)));
        }
        for b in KEYMAP {
            assert!(!b.describe().is_empty(), "{} has no description", b.action.name());
        }
    }

    #[test]
    fn keys_print_and_parse_back() {
        for (_, k) in keys() {
            let s = k.to_string();
            assert_eq!(s.parse::<KeySpec>(), Ok(k), "{s}");
        }
    }

    #[test]
    fn every_input_line_edits_with_the_same_keys() {
        for mode in Mode::ALL.into_iter().filter(|m| m.takes_text()) {
            for (k, a) in [
                (K::Left, A::CursorLeft),
                (K::Right, A::CursorRight),
                (K::Home, A::CursorHome),
                (K::End, A::CursorEnd),
                (K::Backspace, A::Backspace),
                (K::Delete, A::Delete),
            ] {
                assert_eq!(lookup(mode, KeySpec::key(k)), Some(a), "{mode:?} {k:?}");
            }
        }
    }

    #[test]
    fn a_row_of_several_keys_hints_its_first() {
        assert!(hints(Mode::Compare).contains(&("j/k".to_string(), "passage")));
        assert!(hints(Mode::Claims).contains(&("↓/↑".to_string(), "move")));
        assert_eq!(lookup(Mode::Claims, KeySpec::ctrl('j')), Some(A::Down));
        assert_eq!(lookup(Mode::Help, KeySpec::ch('?')), Some(A::Back));
    }

    #[test]
    fn annotation_keys_are_bound_in_compare_and_claim() {
        for m in [Mode::Compare, Mode::Claim] {
            for (c, a) in [
                ('a', A::Annotate),
                ('e', A::EditNote),
                ('t', A::AddTags),
                ('x', A::DeleteAnnotation),
                ('u', A::Undo),
                ('A', A::OpenAnnotations),
            ] {
                assert_eq!(lookup(m, KeySpec::ch(c)), Some(a), "{c}");
            }
        }
        for k in 1..=5u8 {
            let c = char::from(b'0' + k);
            assert_eq!(lookup(Mode::Picker, KeySpec::ch(c)), Some(A::PickLabel(k)));
            assert_eq!(lookup(Mode::Annotations, KeySpec::ch(c)), Some(A::Input(c)), "digits are typed");
        }
        // The editor types every character, q included; Esc saves.
        assert_eq!(lookup(Mode::Note, KeySpec::ch('q')), Some(A::Input('q')));
        assert_eq!(lookup(Mode::Note, KeySpec::key(K::Esc)), Some(A::Back));
    }

    #[test]
    fn issue_keys_are_bound() {
        for (k, a) in [
            ("j", A::NextPassage),
            ("k", A::PrevPassage),
            ("↓", A::NextPassage),
            ("↑", A::PrevPassage),
            ("J", A::PageDown),
            ("K", A::PageUp),
            ("PgDn", A::PageDown),
            ("PgUp", A::PageUp),
            ("g", A::Top),
            ("G", A::Bottom),
            ("n", A::NextClaim),
            ("N", A::PrevClaim),
            ("]", A::NextDiscrepancy),
            ("[", A::PrevDiscrepancy),
            ("m", A::CycleClaim),
            ("Tab", A::SwitchFocus),
            ("h", A::PrevArticle),
            ("l", A::NextArticle),
            ("←", A::PrevArticle),
            ("→", A::NextArticle),
            ("1", A::ShowArticle(1)),
            ("9", A::ShowArticle(9)),
            ("Enter", A::OpenClaim),
            ("o", A::OpenOverview),
            ("c", A::OpenClaims),
            ("/", A::StartSearch),
            ("?", A::ToggleHelp),
            ("Esc", A::Back),
            ("q", A::Quit),
        ] {
            let key: KeySpec = k.parse().unwrap();
            assert_eq!(lookup(Mode::Compare, key), Some(a), "{k}");
        }
    }

    #[test]
    fn text_modes_type_characters() {
        assert_eq!(lookup(Mode::Search, KeySpec::ch('q')), Some(A::Input('q')));
        assert_eq!(lookup(Mode::Claims, KeySpec::ch('j')), Some(A::Input('j')));
        assert_eq!(lookup(Mode::Search, KeySpec::ctrl('c')), Some(A::Quit));
    }

    #[test]
    fn issue_6_ctrl_z_suspends_in_every_mode() {
        for mode in Mode::ALL {
            assert_eq!(lookup(mode, KeySpec::ctrl('z')), Some(A::Suspend), "{mode:?}");
        }
    }
}
