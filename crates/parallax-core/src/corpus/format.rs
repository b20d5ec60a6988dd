//! The format seam: which files are articles, and how each format is read.
//!
//! A [`Format`] is chosen by the file's extension, ignoring case (`STORY.TXT`, `a.Md`). Reading
//! gives a [`Source`](super::Source): the file as text (every passage offset points into it), the text the
//! reader shows with a map back to the file ([`Shown`](super::Shown)), the metadata, and hints about passage
//! kinds ([`Hint`](super::Hint)). Everything after this point (segmenting, aligning, annotating) sees only
//! a `Source`, so a new format is a new variant here and a module beside this one.

use std::path::Path;

use super::source::Source;
use super::{markdown, plain};

/// How an article file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text (`.txt`).
    Plain,
    /// Markdown (`.md`), for now read exactly as plain text (see `corpus::markdown`).
    Markdown,
    // HTML goes here: a variant, its extensions below, and its reader in `read`.
}

impl Format {
    /// Every format, in the order the error messages list them.
    pub const ALL: [Format; 2] = [Format::Plain, Format::Markdown];

    /// The extensions (without the dot, lower case) that make a file this format.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Format::Plain => &["txt"],
            Format::Markdown => &["md"],
        }
    }

    /// The format of a file named like `path`, by extension and ignoring case; `None` for a
    /// file that is not an article (a folder walk skips it).
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?;
        Format::ALL.into_iter().find(|f| f.extensions().iter().any(|e| e.eq_ignore_ascii_case(ext)))
    }

    /// The format to read a file the user named directly, or an in-memory text, with: by its
    /// extension, else plain text.
    pub fn of_named(path: &Path) -> Format {
        Format::of(path).unwrap_or(Format::Plain)
    }

    /// Reads one file. `Err` carries a one-line reason to skip it (binary, UTF-16, empty).
    pub fn read(self, bytes: &[u8]) -> Result<Source, String> {
        match self {
            Format::Plain => plain::read(bytes),
            Format::Markdown => markdown::read(bytes),
        }
    }
}

/// The article extensions for messages: `.txt or .md`.
pub fn extension_list() -> String {
    let all: Vec<String> = Format::ALL.iter().flat_map(|f| f.extensions()).map(|e| format!(".{e}")).collect();
    match all.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_match_whatever_their_case() {
        assert_eq!(Format::of(Path::new("STORY.TXT")), Some(Format::Plain));
        assert_eq!(Format::of(Path::new("a.Md")), Some(Format::Markdown));
        assert_eq!(Format::of(Path::new("notes.rtf")), None);
        assert_eq!(Format::of(Path::new("txt")), None);
        assert_eq!(Format::of_named(Path::new("-")), Format::Plain);
        assert_eq!(extension_list(), ".txt or .md");
    }
}
