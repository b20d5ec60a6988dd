//! The format seam: which files are articles, and how each format is read.
//!
//! A [`Format`] is chosen by the file's extension, ignoring case (`STORY.TXT`, `a.Md`). Reading
//! gives a [`Source`](super::Source): the file as text, the text the reader shows (every
//! passage offset points into it) with a map back to the file ([`Shown`](super::Shown)), the metadata, and hints about passage
//! kinds ([`Hint`](super::Hint)). Everything after this point (segmenting, aligning, annotating) sees only
//! a `Source`, so a new format is a new variant here and a module beside this one.

use std::path::Path;

use super::source::Source;
use super::{html, markdown, plain};

/// How an article file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text (`.txt`).
    Plain,
    /// Markdown (`.md`), shown as text with its markup hidden (see `corpus::markdown`).
    Markdown,
    /// A saved web page (`.html`, `.htm`, `.html.gz`), read as the Markdown snapshot of its
    /// main text (see `corpus::html`).
    Html,
}

impl Format {
    /// Every format, in the order the error messages list them.
    pub const ALL: [Format; 3] = [Format::Plain, Format::Markdown, Format::Html];

    /// The extensions (without the dot, lower case) that make a file this format.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Format::Plain => &["txt"],
            Format::Markdown => &["md"],
            Format::Html => &["html", "htm", "html.gz"],
        }
    }

    /// The format of a file named like `path`, by extension (`.html.gz` counts as one) and
    /// ignoring case; `None` for a file that is not an article (a folder walk skips it).
    pub fn of(path: &Path) -> Option<Format> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        let has = |ext: &str| {
            name.len() > ext.len() + 1 && name.ends_with(ext) && name[..name.len() - ext.len()].ends_with('.')
        };
        Format::ALL.into_iter().find(|f| f.extensions().iter().any(|e| has(e)))
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
            Format::Html => html::read(bytes),
        }
    }
}

/// The article extensions for messages: `.txt, .md, .html, .htm or .html.gz`.
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
        assert_eq!(Format::of(Path::new("Page.HTML.gz")), Some(Format::Html));
        assert_eq!(Format::of(Path::new("page.htm")), Some(Format::Html));
        assert_eq!(Format::of(Path::new("archive.gz")), None);
        assert_eq!(Format::of_named(Path::new("-")), Format::Plain);
        assert_eq!(extension_list(), ".txt, .md, .html, .htm or .html.gz");
    }
}
