//! The intents a user can express. Keys and mouse events become an [`Action`]; only
//! [`crate::tui::update::update`] turns an action into a change of state.

/// One thing the user asked for. The keymap binds keys to these; mouse and terminal events
/// produce the internal ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Leave parallax.
    Quit,
    /// Stop the process like any job (Ctrl-Z); `fg` resumes it (issue #6).
    Suspend,
    /// Close the overlay or screen on top and return to the one below.
    Back,
    /// Open or close the key help.
    ToggleHelp,
    /// Select the next passage of the focused article.
    NextPassage,
    /// Select the previous passage of the focused article.
    PrevPassage,
    /// Move a page down.
    PageDown,
    /// Move a page up.
    PageUp,
    /// Go to the first passage or line.
    Top,
    /// Go to the last passage or line.
    Bottom,
    /// Move the cursor or the view one line down.
    Down,
    /// Move the cursor or the view one line up.
    Up,
    /// Select the next passage that belongs to a claim.
    NextClaim,
    /// Select the previous passage that belongs to a claim.
    PrevClaim,
    /// Select the next passage with a discrepancy.
    NextDiscrepancy,
    /// Select the previous passage with a discrepancy.
    PrevDiscrepancy,
    /// Move the focus to the other pane.
    SwitchFocus,
    /// Show the next article in the focused pane.
    NextArticle,
    /// Show the previous article in the focused pane.
    PrevArticle,
    /// Scroll the overview's article columns a page right.
    NextColumnPage,
    /// Scroll the overview's article columns a page left.
    PrevColumnPage,
    /// Show article N (1-based) in the focused pane.
    ShowArticle(u8),
    /// Open the claim view of the selected passage.
    OpenClaim,
    /// Open or close the claims × articles overview.
    OpenOverview,
    /// Open or close the fuzzy claims list.
    OpenClaims,
    /// Start typing a search across the whole corpus.
    StartSearch,
    /// Go to the next search result.
    NextHit,
    /// Go to the previous search result.
    PrevHit,
    /// Change the order of the overview rows.
    CycleSort,
    /// Act on the highlighted row: jump to its claim.
    Confirm,
    /// Finish typing the search and keep its results.
    SubmitSearch,
    /// Open the label picker for the selection (passage, or claim in the claim view).
    Annotate,
    /// Open the note editor for the selection.
    EditNote,
    /// Open the tag input for the selection.
    AddTags,
    /// Delete the annotation on the selection.
    DeleteAnnotation,
    /// Undo the last annotation change.
    Undo,
    /// Open the list of every annotation.
    OpenAnnotations,
    /// Choose label N (1–5) in the picker; 0 clears the label.
    PickLabel(u8),
    /// Toggle the filter of the annotation list to label N (1–5).
    ToggleLabel(u8),
    /// Cycle the label filter of the overview and claims list.
    CycleLabelFilter,
    /// Save what the note editor or the tag input holds.
    SaveInput,
    /// Start a new line in the note editor.
    Newline,
    /// Move the editor cursor left.
    CursorLeft,
    /// Move the editor cursor right.
    CursorRight,
    /// Move the editor cursor to the start of the line.
    CursorHome,
    /// Move the editor cursor to the end of the line.
    CursorEnd,
    /// Type one character into the input line.
    Input(char),
    /// Delete the character before the cursor of the input line.
    Backspace,
    /// Clear the input line.
    ClearInput,
    /// Scroll the pane under the mouse by some rows (negative: up). Internal.
    Scroll { column: u16, row: u16, delta: i16 },
    /// Select what is under the mouse. Internal.
    Click { column: u16, row: u16 },
    /// The terminal now has this size. Internal.
    Resize { width: u16, height: u16 },
    /// Time passed while the analysis runs: milliseconds since it started. Internal.
    Tick { elapsed_ms: u64 },
    /// How far the background analysis has got. Internal.
    Progress(crate::pipeline::Progress),
}

impl Action {
    /// A stable snake_case name, for messages and a future key-config file.
    pub fn name(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Suspend => "suspend",
            Action::Back => "back",
            Action::ToggleHelp => "toggle_help",
            Action::NextPassage => "next_passage",
            Action::PrevPassage => "prev_passage",
            Action::PageDown => "page_down",
            Action::PageUp => "page_up",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::Down => "move or scroll down",
            Action::Up => "move or scroll up",
            Action::NextClaim => "next_claim",
            Action::PrevClaim => "prev_claim",
            Action::NextDiscrepancy => "next_discrepancy",
            Action::PrevDiscrepancy => "prev_discrepancy",
            Action::SwitchFocus => "switch_focus",
            Action::NextArticle => "next_article",
            Action::PrevArticle => "prev_article",
            Action::NextColumnPage => "next_column_page",
            Action::PrevColumnPage => "prev_column_page",
            Action::ShowArticle(_) => "show_article",
            Action::OpenClaim => "open_claim",
            Action::OpenOverview => "open_overview",
            Action::OpenClaims => "open_claims",
            Action::StartSearch => "start_search",
            Action::NextHit => "next_hit",
            Action::PrevHit => "prev_hit",
            Action::CycleSort => "cycle_sort",
            Action::Confirm => "confirm",
            Action::SubmitSearch => "submit_search",
            Action::Annotate => "annotate",
            Action::EditNote => "edit_note",
            Action::AddTags => "add_tags",
            Action::DeleteAnnotation => "delete_annotation",
            Action::Undo => "undo",
            Action::OpenAnnotations => "open_annotations",
            Action::PickLabel(_) => "pick_label",
            Action::ToggleLabel(_) => "toggle_label",
            Action::CycleLabelFilter => "cycle_label_filter",
            Action::SaveInput => "save_input",
            Action::Newline => "newline",
            Action::CursorLeft => "cursor_left",
            Action::CursorRight => "cursor_right",
            Action::CursorHome => "cursor_home",
            Action::CursorEnd => "cursor_end",
            Action::Input(_) => "input",
            Action::Backspace => "backspace",
            Action::ClearInput => "clear_input",
            Action::Scroll { .. } => "scroll",
            Action::Click { .. } => "click",
            Action::Resize { .. } => "resize",
            Action::Tick { .. } => "tick",
            Action::Progress(_) => "progress",
        }
    }

    /// What the action does, in the words of the help overlay and the README key table.
    pub fn describe(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Suspend => "suspend to the shell (fg resumes)",
            Action::Back => "back / close",
            Action::ToggleHelp => "help: every key",
            Action::NextPassage => "next passage",
            Action::PrevPassage => "previous passage",
            Action::PageDown => "page down",
            Action::PageUp => "page up",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::Down => "move or scroll down",
            Action::Up => "move or scroll up",
            Action::NextClaim => "next matched claim",
            Action::PrevClaim => "previous matched claim",
            Action::NextDiscrepancy => "next discrepancy",
            Action::PrevDiscrepancy => "previous discrepancy",
            Action::SwitchFocus => "switch focus between the panes",
            Action::NextArticle => "next article in the focused pane",
            Action::PrevArticle => "previous article in the focused pane",
            Action::NextColumnPage => "a page of article columns right",
            Action::PrevColumnPage => "a page of article columns left",
            Action::ShowArticle(_) => "show article 1–9 in the focused pane",
            Action::OpenClaim => "claim view: every article's wording",
            Action::OpenOverview => "overview: claims × articles",
            Action::OpenClaims => "claims list with fuzzy filter",
            Action::StartSearch => "search the whole corpus",
            Action::NextHit => "next search result",
            Action::PrevHit => "previous search result",
            Action::CycleSort => "sort by coverage / disagreement / order",
            Action::Confirm => "jump to the claim",
            Action::SubmitSearch => "keep the results and go back to reading",
            Action::Annotate => "label: 1 verified 2 disputed 3 misleading 4 important 5 question",
            Action::EditNote => "write or edit a note",
            Action::AddTags => "add tags (comma separated)",
            Action::DeleteAnnotation => "delete the annotation",
            Action::Undo => "undo the last annotation change",
            Action::OpenAnnotations => "list every annotation",
            Action::PickLabel(_) => "choose this label",
            Action::ToggleLabel(_) => "show only label 1–5 (again: all)",
            Action::CycleLabelFilter => "filter by label: all → verified → … → question",
            Action::SaveInput => "save",
            Action::Newline => "new line",
            Action::CursorLeft => "cursor left",
            Action::CursorRight => "cursor right",
            Action::CursorHome => "start of line",
            Action::CursorEnd => "end of line",
            Action::Input(_) => "type",
            Action::Backspace => "delete a character",
            Action::ClearInput => "clear the input",
            Action::Scroll { .. } => "scroll",
            Action::Click { .. } => "select",
            Action::Resize { .. } => "resize",
            Action::Tick { .. } => "tick",
            Action::Progress(_) => "progress",
        }
    }
}
