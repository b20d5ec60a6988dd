//! The one text-input component: a text and a cursor, edited by grapheme.
//!
//! Every single-line field (search, claims filter, annotation-list filter, tag input) is a
//! [`LineInput`]; the note editor ([`Editor`]) is one too, holding newlines, and its Home and
//! End keep to the cursor's line. The cursor is a byte offset on a grapheme boundary, so a
//! combining accent or an emoji is one step and one deletion; the view turns it into a screen
//! column by display width (`wrap::width`).

use unicode_segmentation::UnicodeSegmentation;

use super::action::Action;

/// A text being typed, with its cursor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    /// Byte offset into `text`, on a grapheme boundary.
    cursor: usize,
}

/// What [`LineInput::apply`] did with an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// Not an editing action: the caller handles it.
    Ignored,
    /// Only the cursor moved.
    Moved,
    /// A typing or deleting action (it may have changed nothing, as Backspace at the start).
    Edited,
}

impl LineInput {
    /// An input holding `text`, the cursor at its end.
    pub fn new(text: &str) -> Self {
        LineInput { text: text.to_string(), cursor: text.len() }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The cursor: a byte offset into [`Self::text`].
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// The text left of the cursor (its display width is the cursor's column).
    pub fn before_cursor(&self) -> &str {
        &self.text[..self.cursor]
    }

    /// Applies the editing actions: typing, Backspace, Delete, ←/→, Home/End and ctrl-u.
    pub fn apply(&mut self, action: Action) -> Edit {
        match action {
            Action::Input(c) => self.insert(c),
            Action::Backspace => self.backspace(),
            Action::Delete => self.delete(),
            Action::ClearInput => self.clear(),
            _ => {
                let Some(to) = self.motion(action) else { return Edit::Ignored };
                self.cursor = to;
                return Edit::Moved;
            }
        }
        Edit::Edited
    }

    /// Where a cursor key moves the cursor.
    fn motion(&self, action: Action) -> Option<usize> {
        Some(match action {
            Action::CursorLeft => self.prev_boundary(),
            Action::CursorRight => self.next_boundary(),
            Action::CursorHome => self.line_start(),
            Action::CursorEnd => self.line_end(),
            _ => return None,
        })
    }

    /// Types `c` at the cursor.
    pub fn insert(&mut self, c: char) {
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    /// Deletes the grapheme before the cursor.
    fn backspace(&mut self) {
        let start = self.prev_boundary();
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }

    /// Deletes the grapheme under the cursor.
    fn delete(&mut self) {
        let end = self.next_boundary();
        self.text.replace_range(self.cursor..end, "");
    }

    fn prev_boundary(&self) -> usize {
        self.text[..self.cursor].grapheme_indices(true).next_back().map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self) -> usize {
        self.text[self.cursor..].graphemes(true).next().map_or(self.cursor, |g| self.cursor + g.len())
    }

    /// Start of the cursor's line (of the text, for a single-line input).
    fn line_start(&self) -> usize {
        self.text[..self.cursor].rfind('\n').map_or(0, |i| i + 1)
    }

    /// End of the cursor's line.
    fn line_end(&self) -> usize {
        self.text[self.cursor..].find('\n').map_or(self.text.len(), |i| self.cursor + i)
    }
}

/// The note editor: a [`LineInput`] that takes newlines, and the note it started from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Editor {
    pub input: LineInput,
    /// The text when the editor opened: saving it unchanged writes nothing.
    pub original: String,
    /// Esc on a changed note asked whether to discard it: `y` discards, `n` or Esc goes on.
    pub confirm_discard: bool,
    /// A save failed: leaving now keeps the text aside instead of trying again, so the editor
    /// can always be left.
    pub failed: bool,
}

impl Editor {
    pub fn new(text: &str) -> Self {
        Editor {
            input: LineInput::new(text),
            original: text.to_string(),
            confirm_discard: false,
            failed: false,
        }
    }

    /// Whether the text differs from the note the editor opened on.
    pub fn changed(&self) -> bool {
        self.input.text() != self.original
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str) -> LineInput {
        let mut input = LineInput::default();
        for c in text.chars() {
            input.apply(Action::Input(c));
        }
        input
    }

    #[test]
    fn typing_inserts_at_the_cursor() {
        let mut input = typed("regons");
        for a in [Action::CursorLeft, Action::CursorLeft, Action::CursorLeft, Action::Input('i')] {
            input.apply(a);
        }
        assert_eq!((input.text(), input.before_cursor()), ("regions", "regi"));
        input.apply(Action::CursorHome);
        input.apply(Action::Delete);
        assert_eq!((input.text(), input.cursor()), ("egions", 0));
        input.apply(Action::Backspace);
        assert_eq!(input.text(), "egions", "Backspace at the start deletes nothing");
        input.apply(Action::CursorEnd);
        input.apply(Action::Backspace);
        assert_eq!((input.text(), input.cursor()), ("egion", 5));
        input.apply(Action::Delete);
        assert_eq!(input.text(), "egion", "Delete at the end deletes nothing");
        assert_eq!(input.apply(Action::ClearInput), Edit::Edited);
        assert!(input.is_empty());
        assert_eq!(input.apply(Action::Quit), Edit::Ignored);
    }

    #[test]
    fn steps_and_deletions_take_whole_graphemes() {
        // e + combining acute, a flag (two code points) and a CJK character.
        let mut input = typed("cafe\u{301}🇯🇵東");
        assert_eq!(input.apply(Action::CursorLeft), Edit::Moved);
        assert_eq!(input.before_cursor(), "cafe\u{301}🇯🇵");
        input.apply(Action::Backspace);
        assert_eq!(input.text(), "cafe\u{301}東");
        input.apply(Action::CursorLeft);
        input.apply(Action::Delete);
        assert_eq!(input.text(), "caf東");
        input.apply(Action::CursorRight);
        assert_eq!(input.cursor(), input.text().len());
    }

    #[test]
    fn home_and_end_keep_to_the_line_of_a_note() {
        let mut ed = Editor::new("first\nsecond");
        ed.input.apply(Action::CursorHome);
        assert_eq!(ed.input.before_cursor(), "first\n");
        ed.input.apply(Action::CursorLeft);
        ed.input.apply(Action::CursorHome);
        assert_eq!(ed.input.cursor(), 0);
        ed.input.apply(Action::CursorEnd);
        assert_eq!(ed.input.before_cursor(), "first");
        assert!(!ed.changed());
        ed.input.insert('!');
        assert!(ed.changed());
        assert_eq!(ed.input.text(), "first!\nsecond");
    }
}
