//! Plain text: decoded with exact offsets, optional front matter, and the headline rule.
//!
//! The first non-blank line of the body is the headline when it reads as one: short, on a
//! line of its own with more text after it, and not ending like a sentence of prose. It then
//! becomes a [`PassageKind::Title`] hint, so it is passage 0.

use std::ops::Range;

use super::source::{Hint, Shown, Source};
use super::{decode, front_matter};
use crate::segment::{self, PassageKind};

/// Reads a plain text file.
pub(super) fn read(bytes: &[u8]) -> Result<Source, String> {
    let (text, lossy) = decode::decode(bytes)?;
    Ok(read_text(text, lossy, true))
}

/// Reads text that is already decoded. With `has_title`, a first line that reads as a
/// headline is hinted as the title (text piped in as a body has none).
pub(super) fn read_text(text: String, lossy: bool, has_title: bool) -> Source {
    let bom = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
    let (meta, body_start) = front_matter::parse(&text, bom);
    let body = body_start..text.len();
    let hints = has_title
        .then(|| headline(&text, body.clone()))
        .flatten()
        .map(|range| Hint { range, kind: PassageKind::Title })
        .into_iter()
        .collect();
    Source { text, lossy, shown: Shown::identity(), meta, body, hints }
}

/// The first line of `body` when it reads as a headline.
fn headline(text: &str, body: Range<usize>) -> Option<Range<usize>> {
    let line = first_line(text, body)?;
    reads_as_headline(&text[line.clone()], line.end < text.trim_end().len()).then_some(line)
}

/// The first non-blank line in `body`, trimmed. Lines end at `\n`, `\r\n` or a lone `\r`.
fn first_line(text: &str, body: Range<usize>) -> Option<Range<usize>> {
    let mut pos = body.start;
    for line in text[body].split_inclusive(['\n', '\r']) {
        let range = pos..pos + line.len();
        pos = range.end;
        if let Some(r) = segment::trim_range(text, range) {
            return Some(r);
        }
    }
    None
}

/// Whether a first line reads as a headline: short, on a line of its own, and not ending
/// like a sentence of running prose.
fn reads_as_headline(line: &str, more_follows: bool) -> bool {
    let words = line.split_whitespace().count();
    let ends_like_prose = line.ends_with(['.', ',', ';', ':']) && !line.ends_with("...");
    more_follows && words <= 30 && line.chars().count() <= 240 && !ends_like_prose
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_headline_is_hinted_after_bom_and_front_matter() {
        let text = "\u{FEFF}---\nsource: Daily\n---\n\nPlant closes\nIt shut on Monday.\n";
        let s = read(text.as_bytes()).unwrap();
        assert_eq!(s.meta.source.as_deref(), Some("Daily"));
        assert_eq!(&s.text[s.body.start..s.body.start + 1], "\n");
        assert_eq!(s.hints.len(), 1);
        assert_eq!(&s.text[s.hints[0].range.clone()], "Plant closes");
    }

    #[test]
    fn prose_or_a_lone_line_is_no_headline() {
        assert!(read(b"It shut on Monday.\nWorkers left.\n").unwrap().hints.is_empty());
        assert!(read(b"Plant closes\n").unwrap().hints.is_empty());
        assert!(read_text("Plant closes\nBody.\n".into(), false, false).hints.is_empty());
    }
}
