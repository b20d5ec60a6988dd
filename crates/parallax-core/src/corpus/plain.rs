//! Plain text: decoded with exact offsets, optional front matter, and the headline rule.
//!
//! The first non-blank line of the body is the headline when it reads as one: short, on a
//! line of its own with more text after it, and not ending like a sentence of prose. A
//! dateline, byline or menu line above it is passed over ("July 2, 2013 07:44", then the
//! headline). It then becomes a [`PassageKind::Title`] hint.

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

/// The first line of `body` when it reads as a headline, past up to [`MAX_ABOVE_HEADLINE`]
/// lines above it that are a dateline, a byline or navigation ("July 2, 2013 07:44", then the
/// headline).
pub(super) fn headline(text: &str, body: Range<usize>) -> Option<Range<usize>> {
    let mut lines = lines(text, body);
    let line = lines.find(|l| !above_headline(&text[l.clone()]))?;
    reads_as_headline(&text[line.clone()], line.end < text.trim_end().len()).then_some(line)
}

/// Lines a page puts above its headline that are skipped to find it.
const MAX_ABOVE_HEADLINE: usize = 3;

/// Whether a line is a dateline, byline or menu that may stand above the headline.
fn above_headline(line: &str) -> bool {
    matches!(
        segment::line_kind(line),
        Some(PassageKind::Dateline | PassageKind::Byline | PassageKind::Navigation)
    )
}

/// The first non-blank lines in `body` (at most one more than [`MAX_ABOVE_HEADLINE`]),
/// trimmed. Lines end at `\n`, `\r\n` or a lone `\r`.
fn lines(text: &str, body: Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut pos = body.start;
    text[body]
        .split_inclusive(['\n', '\r'])
        .filter_map(move |line| {
            let range = pos..pos + line.len();
            pos = range.end;
            segment::trim_range(text, range)
        })
        .take(MAX_ABOVE_HEADLINE + 1)
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
    fn a_dateline_above_the_headline_is_passed_over() {
        let s = read(b"July 2, 2013 07: 44\nFerry runs aground in storm\nIt hit the pier.\n").unwrap();
        assert_eq!(&s.text[s.hints[0].range.clone()], "Ferry runs aground in storm");
        let s =
            read(b"By Jana Ortiz\nTuesday, July 2, 2013\nFerry runs aground\nIt hit the pier.\n").unwrap();
        assert_eq!(&s.text[s.hints[0].range.clone()], "Ferry runs aground");
        // A dateline is never the headline, even with nothing to pass over to.
        assert!(read(b"July 2, 2013\n").unwrap().hints.is_empty());
    }

    #[test]
    fn prose_or_a_lone_line_is_no_headline() {
        assert!(read(b"It shut on Monday.\nWorkers left.\n").unwrap().hints.is_empty());
        assert!(read(b"Plant closes\n").unwrap().hints.is_empty());
        assert!(read_text("Plant closes\nBody.\n".into(), false, false).hints.is_empty());
    }
}
