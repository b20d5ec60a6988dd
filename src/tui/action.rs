//! The intents a user can express. Keys and mouse events become an [`Action`]; only `update`
//! turns an action into a change of state.
//!
//! One declaration per variant: its doc comment, its description (`#[strum(message)]`, shown by
//! the help overlay and the README key table) and its snake_case name all come from the enum,
//! so adding an action is one variant and one keymap row.

use strum::{EnumMessage, IntoStaticStr};

/// One thing the user asked for. The keymap binds keys to these; mouse and terminal events
/// produce the internal ones, which have no description.
#[derive(Debug, Clone, Copy, PartialEq, Eq, IntoStaticStr, EnumMessage)]
#[strum(serialize_all = "snake_case")]
pub enum Action {
    /// Leave parallax.
    #[strum(message = "quit")]
    Quit,
    /// Stop the process like any job (Ctrl-Z); `fg` resumes it (issue #6).
    #[strum(message = "suspend to the shell (fg resumes)")]
    Suspend,
    /// Close the overlay or screen on top and return to the one below.
    #[strum(message = "back / close")]
    Back,
    /// Open or close the key help.
    #[strum(message = "help: every key")]
    ToggleHelp,
    /// Select the next passage of the focused article.
    #[strum(message = "next passage")]
    NextPassage,
    /// Select the previous passage of the focused article.
    #[strum(message = "previous passage")]
    PrevPassage,
    /// Move a page down.
    #[strum(message = "page down")]
    PageDown,
    /// Move a page up.
    #[strum(message = "page up")]
    PageUp,
    /// Go to the first passage or line.
    #[strum(message = "top")]
    Top,
    /// Go to the last passage or line.
    #[strum(message = "bottom")]
    Bottom,
    /// Move the cursor or the view one line down.
    #[strum(message = "move or scroll down")]
    Down,
    /// Move the cursor or the view one line up.
    #[strum(message = "move or scroll up")]
    Up,
    /// Select the next passage that belongs to a claim.
    #[strum(message = "next matched claim")]
    NextClaim,
    /// Select the previous passage that belongs to a claim.
    #[strum(message = "previous matched claim")]
    PrevClaim,
    /// Select the next passage with a discrepancy.
    #[strum(message = "next discrepancy")]
    NextDiscrepancy,
    /// Select the previous passage with a discrepancy.
    #[strum(message = "previous discrepancy")]
    PrevDiscrepancy,
    /// Make the next of the claims the selected passage is in the current one: a passage that
    /// states several facts is in a claim for each.
    #[strum(message = "next of the claims the selected passage is in")]
    CycleClaim,
    /// Move the focus to the other pane.
    #[strum(message = "switch focus between the panes")]
    SwitchFocus,
    /// Show the next article in the focused pane.
    #[strum(message = "next article in the focused pane")]
    NextArticle,
    /// Show the previous article in the focused pane.
    #[strum(message = "previous article in the focused pane")]
    PrevArticle,
    /// Scroll the overview's article columns a page right.
    #[strum(message = "a page of article columns right")]
    NextColumnPage,
    /// Scroll the overview's article columns a page left.
    #[strum(message = "a page of article columns left")]
    PrevColumnPage,
    /// Show article N (1-based) in the focused pane.
    #[strum(message = "show article 1–9 in the focused pane")]
    ShowArticle(u8),
    /// Copy the selected passage with its citation to the clipboard (OSC 52).
    #[strum(message = "copy the passage and its citation (outlet, date, URL)")]
    CopyPassage,
    /// Open the article in `$VISUAL`/`$EDITOR` at the selected passage.
    #[strum(message = "open the article in $EDITOR at the passage")]
    OpenEditor,
    /// Open the article in `$PAGER` at the selected passage.
    #[strum(message = "open the article in $PAGER at the passage")]
    OpenPager,
    /// Open the picker of every article (the number keys reach nine).
    #[strum(message = "pick any article for the focused pane")]
    OpenArticles,
    /// Open the claim view of the selected passage.
    #[strum(message = "claim view: every article's wording")]
    OpenClaim,
    /// Open or close the claims × articles overview.
    #[strum(message = "overview: claims × articles")]
    OpenOverview,
    /// Open or close the fuzzy claims list.
    #[strum(message = "claims list, filtered by their wording")]
    OpenClaims,
    /// Start typing a search across the whole corpus.
    #[strum(message = "search the whole corpus")]
    StartSearch,
    /// Go to the next search result.
    #[strum(message = "next search result")]
    NextHit,
    /// Go to the previous search result.
    #[strum(message = "previous search result")]
    PrevHit,
    /// Read the search as a regular expression, or as words again.
    #[strum(message = "regular expression on / off")]
    ToggleRegex,
    /// Change the order of the overview rows.
    #[strum(message = "sort by coverage / disagreement / order")]
    CycleSort,
    /// Act on the highlighted row: jump to its claim.
    #[strum(message = "jump to the claim")]
    Confirm,
    /// Finish typing the search and keep its results.
    #[strum(message = "keep the results and go back to reading")]
    SubmitSearch,
    /// Open the label picker for the selection (passage, or claim in the claim view).
    #[strum(message = "label: 1 verified 2 disputed 3 misleading 4 important 5 question")]
    Annotate,
    /// Open the note editor for the selection.
    #[strum(message = "write or edit a note")]
    EditNote,
    /// Open the tag input for the selection.
    #[strum(message = "add tags (comma separated)")]
    AddTags,
    /// Delete the annotation on the selection.
    #[strum(message = "delete the annotation")]
    DeleteAnnotation,
    /// Mark the current claim reviewed, or not reviewed again.
    #[strum(message = "mark the claim reviewed (again: not)")]
    ToggleReviewed,
    /// Undo the last annotation change.
    #[strum(message = "undo the last annotation change")]
    Undo,
    /// Select the next discrepancy or wording of the claim view.
    #[strum(message = "select the next discrepancy or wording")]
    NextItem,
    /// Select the previous one.
    #[strum(message = "select the previous discrepancy or wording")]
    PrevItem,
    /// Detach the selected wording from the claim, or dismiss the selected discrepancy.
    #[strum(message = "detach the selected wording / dismiss the selected discrepancy")]
    Correct,
    /// Pick a passage to link, then link it with the next one picked.
    #[strum(message = "link: pick this passage, then the other (same fact)")]
    Link,
    /// Redo the last annotation change that was undone.
    #[strum(message = "redo the last undone annotation change")]
    Redo,
    /// Open the list of every annotation.
    #[strum(message = "list every annotation")]
    OpenAnnotations,
    /// Choose label N (1–5) in the picker; 0 clears the label.
    #[strum(message = "choose this label")]
    PickLabel(u8),
    /// Cycle the filter of the overview and claims list.
    #[strum(message = "show: all → unreviewed → verified → … → question")]
    CycleLabelFilter,
    /// Save what the note editor or the tag input holds.
    #[strum(message = "save")]
    SaveInput,
    /// Start a new line in the note editor.
    #[strum(message = "new line")]
    Newline,
    /// Move the input cursor one character left.
    #[strum(message = "cursor left")]
    CursorLeft,
    /// Move the input cursor one character right.
    #[strum(message = "cursor right")]
    CursorRight,
    /// Move the input cursor to the start of its line.
    #[strum(message = "start of line")]
    CursorHome,
    /// Move the input cursor to the end of its line.
    #[strum(message = "end of line")]
    CursorEnd,
    /// Type one character into the input line. Internal: the keymap types unbound characters.
    Input(char),
    /// Delete the character before the cursor of the input line.
    #[strum(message = "delete the character before the cursor")]
    Backspace,
    /// Delete the character under the cursor of the input line.
    #[strum(message = "delete the character under the cursor")]
    Delete,
    /// Clear the input line.
    #[strum(message = "clear the input")]
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
    /// A stable snake_case name (`next_passage`), for messages and a future key-config file.
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// What the action does, in the words of the help overlay and the README key table; empty
    /// for the internal actions no key is bound to.
    pub fn describe(self) -> &'static str {
        self.get_message().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::Action;

    #[test]
    fn names_are_the_snake_case_variants() {
        assert_eq!(Action::NextPassage.name(), "next_passage");
        assert_eq!(Action::ShowArticle(3).name(), "show_article");
        assert_eq!(Action::Scroll { column: 0, row: 0, delta: 1 }.name(), "scroll");
        assert_eq!(Action::Down.name(), "down");
    }
}
