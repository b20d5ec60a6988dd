//! What reading one article file gives, whatever its format: the file as text, the text the
//! reader shows (which passage offsets point into) with its map back to the file, metadata and
//! passage-kind hints. Formats build it (`plain`, `markdown`, `html`); everything after loading
//! reads only this.

use std::ops::Range;

use super::Meta;
use crate::segment::PassageKind;

/// One file as a format read it.
#[derive(Debug, Clone)]
pub struct Source {
    /// The file as text, with offsets identical to its bytes (for HTML: the page's stored
    /// snapshot). [`Shown`] maps the shown text's offsets back into it.
    pub text: String,
    /// Whether invalid bytes were replaced while decoding (see `decode`).
    pub lossy: bool,
    /// The text the reader shows, and where each part of it is in `text`.
    pub shown: Shown,
    /// Title, source, author, date and URL, where the file gives them.
    pub meta: Meta,
    /// Where the article's own text is in the shown text: after a BOM and front matter.
    pub body: Range<usize>,
    /// Passages whose kind the format knows (the headline; Markdown's headings, list items and
    /// captions), sorted and disjoint, within `body`, as offsets into the shown text. The rest
    /// of the body is cut into passages by `segment`.
    pub hints: Vec<Hint>,
}

/// A passage whose kind the format knows from the file's structure rather than from its
/// wording: a headline, and later a heading, caption or byline marked up as such.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    /// Trimmed byte range into the shown text (for plain text, [`Source::text`] itself).
    pub range: Range<usize>,
    pub kind: PassageKind,
}

/// The text the reader shows for an article and its map back to the file.
///
/// The map is a sorted list of runs `(shown offset, file offset)`: from the start of one run
/// to the start of the next, shown bytes and file bytes correspond one to one. Markup hidden
/// from the reader is a jump in the file offset between two runs; text shown but not in the
/// file (a decoded entity) is a run whose file offset does not advance. Plain text is one run,
/// and then the shown text is the file text itself, not a copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    /// `None`: the reader shows the file text as it is.
    text: Option<String>,
    runs: Vec<(usize, usize)>,
}

impl Shown {
    /// The file text shown as it is.
    pub fn identity() -> Self {
        Shown { text: None, runs: vec![(0, 0)] }
    }

    /// Text shown with markup hidden, and its runs (see the type's docs).
    pub(super) fn new(text: String, runs: Vec<(usize, usize)>) -> Self {
        Shown { text: Some(text), runs }
    }

    /// The shown text (the file's own for plain text, without a copy) and the map alone.
    pub fn split(self, file: String) -> (String, Shown) {
        (self.text.unwrap_or(file), Shown { text: None, runs: self.runs })
    }

    /// The shown text, given the file text it was read from.
    pub fn text<'a>(&'a self, file: &'a str) -> &'a str {
        self.text.as_deref().unwrap_or(file)
    }

    /// The file offset that shown offset `at` comes from.
    pub fn to_file(&self, at: usize) -> usize {
        map_through(&self.runs, at, |&(shown, file)| (shown, file))
    }

    /// The file offset where shown text ending at `at` ends: the end of the run the last shown
    /// byte is in, so hidden markup after it (`](https://…)`) is left out.
    pub fn to_file_end(&self, at: usize) -> usize {
        let Some(last) = at.checked_sub(1) else { return self.to_file(at) };
        let i = self.runs.partition_point(|&(shown, _)| shown <= last).saturating_sub(1);
        self.runs.get(i).map_or(at, |&(shown, file)| file + (at - shown.min(at)))
    }

    /// The shown offset where file offset `at` appears (for hidden markup: where it would be).
    pub fn to_shown(&self, at: usize) -> usize {
        map_through(&self.runs, at, |&(shown, file)| (file, shown))
    }
}

/// Maps `at` through sorted runs seen as (from, to) pairs: the offset within the last run that
/// starts at or before `at`, kept short of where the next run starts on the other side.
fn map_through(
    runs: &[(usize, usize)],
    at: usize,
    side: impl Fn(&(usize, usize)) -> (usize, usize),
) -> usize {
    let i = runs.partition_point(|r| side(r).0 <= at).saturating_sub(1);
    let Some((from, to)) = runs.get(i).map(&side) else { return at };
    let mapped = to + (at - from.min(at));
    runs.get(i + 1).map_or(mapped, |next| mapped.min(side(next).1.max(to)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_maps_every_offset_to_itself() {
        let s = Shown::identity();
        assert_eq!(s.text("abc"), "abc");
        for at in [0, 1, 17, 4096] {
            assert_eq!((s.to_file(at), s.to_shown(at)), (at, at));
        }
    }

    #[test]
    fn hidden_markup_is_a_jump_between_runs() {
        // File `**Fire** at dawn`, shown `Fire at dawn`: runs (0, 2) and (4, 8).
        let s = Shown { text: Some("Fire at dawn".into()), runs: vec![(0, 2), (4, 8)] };
        assert_eq!(s.text("**Fire** at dawn"), "Fire at dawn");
        assert_eq!(s.to_file(0), 2);
        assert_eq!(s.to_file(3), 5);
        assert_eq!(s.to_file(4), 8);
        assert_eq!(s.to_file(11), 15);
        assert_eq!(s.to_shown(2), 0);
        assert_eq!(s.to_shown(0), 0);
        assert_eq!(s.to_shown(7), 4, "hidden markup maps to where the next shown text starts");
        assert_eq!(s.to_shown(15), 11);
        assert_eq!(s.to_file_end(4), 6, "an end stops before the hidden `**`");
        assert_eq!(s.to_file_end(0), 2);
    }
}
