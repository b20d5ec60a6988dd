//! Markdown, shown as text: emphasis marks, link targets, image syntax, heading, list and quote
//! markers, code fences and rules are hidden from what the reader sees and the analysis
//! compares, and the [`Shown`] map keeps every offset's way back to the file's bytes.
//!
//! Structure becomes passage hints: a `#` line is a heading (the first one, a level-1 heading
//! opening the body, is the title), a list line a list item, an image alone on its line a
//! caption (its alt text, never a heading). What is left (a byline `*By Jana Ortiz*` shown as
//! `By Jana Ortiz`) is classed by `segment` like plain text. This is a reader for the Markdown
//! articles are written in, line by line, not a full CommonMark parser: what it does not know
//! stays shown as written. Hints and the body are offsets into the shown text.

use std::ops::Range;

use super::source::{Hint, Shown, Source};
use super::{decode, front_matter, plain};
use crate::segment::PassageKind;

/// Reads a Markdown file.
pub(super) fn read(bytes: &[u8]) -> Result<Source, String> {
    let (text, lossy) = decode::decode(bytes)?;
    let bom = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
    let (meta, body_start) = front_matter::parse(&text, bom);
    let mut out = Builder { file: &text, shown: String::with_capacity(text.len()), runs: Vec::new(), end: 0 };
    // The BOM and front matter are kept as they are: outside the body, never a passage.
    out.keep(0..body_start);
    let body_shown = out.shown.len();
    let mut hints = Vec::new();
    let mut fenced = false;
    let mut pos = body_start;
    for line in text[body_start..].split_inclusive('\n') {
        let range = pos..pos + line.len();
        pos = range.end;
        let content = range.start..range.start + line.trim_end_matches(['\n', '\r']).len();
        let newline = content.end..range.end;
        let l = &text[content.clone()];
        if l.trim_start().starts_with("```") || l.trim_start().starts_with("~~~") {
            fenced = !fenced;
        } else if fenced {
            out.keep(content);
        } else if let Some((kind, inner)) = block(l) {
            let inner = content.start + inner.start..content.start + inner.end;
            let from = out.shown.len();
            if kind == PassageKind::Caption {
                out.inline(
                    image_alt(l)
                        .map_or(inner.clone(), |alt| content.start + alt.start..content.start + alt.end),
                );
            } else {
                out.inline(inner);
            }
            if let Some(range) = crate::segment::trim_range(&out.shown, from..out.shown.len()) {
                hints.push(Hint { range, kind });
            }
        } else if !is_rule(l) {
            let quoted = quote_marker(l);
            out.inline(content.start + quoted..content.end);
        }
        out.keep(newline);
    }
    let Builder { shown, runs, .. } = out;
    let body = body_shown..shown.len();
    promote_title(&shown, body.clone(), &mut hints);
    let shown = Shown::new(shown, runs);
    Ok(Source { text, lossy, shown, meta, body, hints })
}

/// The text shown and its runs, built from the file left to right.
struct Builder<'a> {
    file: &'a str,
    shown: String,
    runs: Vec<(usize, usize)>,
    /// Where the last kept bytes end in the file.
    end: usize,
}

impl Builder<'_> {
    /// Shows file bytes `range` as they are.
    fn keep(&mut self, range: Range<usize>) {
        if range.is_empty() {
            return;
        }
        if self.runs.is_empty() || range.start != self.end {
            self.runs.push((self.shown.len(), range.start));
        }
        self.shown.push_str(&self.file[range.clone()]);
        self.end = range.end;
    }

    /// Shows file bytes `range` with their inline markup hidden: emphasis and strike marks,
    /// link targets, image syntax (the alt text stays), code backticks and backslash escapes.
    fn inline(&mut self, range: Range<usize>) {
        let line = &self.file[range.clone()];
        let at = |i: usize| range.start + i;
        let bytes = line.as_bytes();
        let mut i = 0;
        let mut from = 0;
        while i < bytes.len() {
            let hide = match bytes[i] {
                b'\\' if bytes.get(i + 1).is_some_and(u8::is_ascii_punctuation) => Some((i, i + 1)),
                b'!' if bytes.get(i + 1) == Some(&b'[') => link(line, i + 1).map(|(text, end)| {
                    self.keep(at(from)..at(i));
                    self.inline(at(text.start)..at(text.end));
                    from = end;
                    (end, end)
                }),
                b'[' => link(line, i).map(|(text, end)| {
                    self.keep(at(from)..at(i));
                    self.inline(at(text.start)..at(text.end));
                    from = end;
                    (end, end)
                }),
                b'`' => line[i + 1..].find('`').map(|close| {
                    self.keep(at(from)..at(i));
                    self.keep(at(i + 1)..at(i + 1 + close));
                    from = i + 2 + close;
                    (from, from)
                }),
                b'*' | b'_' | b'~' => emphasis(line, i),
                _ => None,
            };
            match hide {
                Some((start, end)) if start < end => {
                    self.keep(at(from)..at(start));
                    from = end;
                    i = if bytes[start] == b'\\' { end + 1 } else { end };
                }
                Some((_, end)) => i = end,
                None => i += 1,
            }
        }
        self.keep(at(from)..range.end);
    }
}

/// The kind and content (within `line`) of a heading or list line, or a line that is only an
/// image; `None` for other lines.
fn block(line: &str) -> Option<(PassageKind, Range<usize>)> {
    let indent = line.len() - line.trim_start().len();
    let rest = &line[indent..];
    let hashes = rest.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && indent <= 3 {
        let after = &rest[hashes..];
        if after.is_empty() || after.starts_with([' ', '\t']) {
            let start = indent + hashes + (after.len() - after.trim_start().len());
            let end = start + line[start..].trim_end().trim_end_matches('#').trim_end().len();
            return Some((PassageKind::Heading, start..end.max(start)));
        }
    }
    if image_alt(line).is_some() {
        return Some((PassageKind::Caption, indent..line.trim_end().len()));
    }
    let marker = match rest.as_bytes() {
        [b'-' | b'*' | b'+', b' ' | b'\t', ..] => Some(2),
        _ => {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            let sep = rest.as_bytes().get(digits..digits + 2);
            (digits > 0 && digits <= 9 && matches!(sep, Some([b'.' | b')', b' ' | b'\t'])))
                .then_some(digits + 2)
        }
    }?;
    if is_rule(line) {
        return None;
    }
    let start = indent + marker;
    let start = start + (line[start..].len() - line[start..].trim_start().len());
    Some((PassageKind::ListItem, start..line.len()))
}

/// Where the alt text of a line that is only an image (`![alt](src)`) is.
fn image_alt(line: &str) -> Option<Range<usize>> {
    let start = line.len() - line.trim_start().len();
    if !line[start..].starts_with("![") {
        return None;
    }
    let (text, end) = link(line, start + 1)?;
    line[end..].trim().is_empty().then_some(text)
}

/// A link `[text](target)` opening at byte `open` (a `[`): its text (brackets may nest in it)
/// and where it ends.
fn link(line: &str, open: usize) -> Option<(Range<usize>, usize)> {
    let mut depth = 0usize;
    let close = open
        + 1
        + line[open + 1..].bytes().position(|b| match b {
            b'[' => {
                depth += 1;
                false
            }
            b']' if depth == 0 => true,
            b']' => {
                depth -= 1;
                false
            }
            _ => false,
        })?;
    let rest = &line[close + 1..];
    if !rest.starts_with('(') {
        return None;
    }
    let target_end = close + 1 + rest.find(')')?;
    Some((open + 1..close, target_end + 1))
}

/// The emphasis or strike marks starting at byte `i` (`*`, `**`, `_`, `__`, `~~`), hidden when
/// they open or close a span: next to text on one side and white space or the line's edge on
/// the other. `_` inside a word (`snake_case`) is a letter, not a mark.
fn emphasis(line: &str, i: usize) -> Option<(usize, usize)> {
    let bytes = line.as_bytes();
    let c = bytes[i];
    let mut end = i;
    while end < bytes.len() && bytes[end] == c {
        end += 1;
    }
    if c == b'~' && end - i != 2 {
        return None;
    }
    let before = line[..i].chars().next_back();
    let after = line[end..].chars().next();
    let word = |ch: Option<char>| ch.is_some_and(char::is_alphanumeric);
    let space = |ch: Option<char>| ch.is_none_or(char::is_whitespace);
    if c == b'_' && word(before) && word(after) {
        return None;
    }
    let opens = space(before) || before.is_some_and(|b| b.is_ascii_punctuation()) && !space(after);
    let closes = !space(before) && (space(after) || after.is_some_and(|a| a.is_ascii_punctuation()));
    let has_partner = |from: usize| line[from..].contains(&line[i..end]);
    ((opens && !space(after) && has_partner(end)) || (closes && line[..i].contains(&line[i..end])))
        .then_some((i, end))
}

/// How many bytes of a `>` quote marker open `line` (0 when it is not quoted).
fn quote_marker(line: &str) -> usize {
    let indent = line.len() - line.trim_start().len();
    let rest = &line[indent..];
    match rest.strip_prefix('>') {
        Some(after) => indent + 1 + usize::from(after.starts_with(' ')),
        None => 0,
    }
}

/// Whether a line is a thematic break (`---`, `***`, `___`, with spaces allowed).
fn is_rule(line: &str) -> bool {
    let l: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    l.len() >= 3 && ["-", "*", "_"].iter().any(|m| l.chars().all(|c| c.to_string() == *m))
}

/// The headline: a heading as the body's first line becomes the title; with no heading there,
/// the plain-text headline rule reads the shown text.
fn promote_title(shown: &str, body: Range<usize>, hints: &mut Vec<Hint>) {
    let Some(first) = crate::segment::trim_range(shown, body.clone()) else { return };
    match hints.first_mut() {
        Some(h) if h.range.start == first.start => {
            if h.kind == PassageKind::Heading {
                h.kind = PassageKind::Title;
            }
        }
        _ => {
            if let Some(range) = plain::headline(shown, body)
                && hints.iter().all(|h| h.range.end <= range.start || h.range.start >= range.end)
            {
                let at = hints.partition_point(|h| h.range.start < range.start);
                hints.insert(at, Hint { range, kind: PassageKind::Title });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(md: &str) -> (String, Vec<(String, PassageKind)>) {
        let s = read(md.as_bytes()).unwrap();
        let text = s.shown.text(&s.text).to_string();
        let hints = s.hints.iter().map(|h| (text[h.range.clone()].to_string(), h.kind)).collect();
        (text, hints)
    }

    #[test]
    fn markup_is_hidden_and_offsets_map_back() {
        let md = "# Fire at **dawn**\n\n*By Jana Ortiz*\n\nCrews arrived at **2:15 a.m. Tuesday**, the [state Department](https://x.gov/a) said.\n";
        let s = read(md.as_bytes()).unwrap();
        let text = s.shown.text(&s.text);
        assert_eq!(
            text,
            "Fire at dawn\n\nBy Jana Ortiz\n\nCrews arrived at 2:15 a.m. Tuesday, the state Department said.\n"
        );
        let at = text.find("2:15").unwrap();
        assert_eq!(&md[s.shown.to_file(at)..s.shown.to_file(at) + 4], "2:15");
        let dept = text.find("state Department").unwrap();
        assert_eq!(&md[s.shown.to_file(dept)..s.shown.to_file_end(dept + 16)], "state Department");
        assert_eq!(s.hints[0].kind, PassageKind::Title);
    }

    #[test]
    fn blocks_become_hints() {
        let (text, hints) = shown(
            "Plant closes\n\n![Rescue crews at the pier](img/pier.jpg)\n\n## What happened\n\n- one _thing_\n2. another\n\n---\n> quoted `code`\n",
        );
        assert_eq!(
            text,
            "Plant closes\n\nRescue crews at the pier\n\nWhat happened\n\none thing\nanother\n\n\nquoted code\n"
        );
        assert_eq!(
            hints,
            [
                ("Plant closes".to_string(), PassageKind::Title),
                ("Rescue crews at the pier".to_string(), PassageKind::Caption),
                ("What happened".to_string(), PassageKind::Heading),
                ("one thing".to_string(), PassageKind::ListItem),
                ("another".to_string(), PassageKind::ListItem),
            ]
        );
    }

    #[test]
    fn what_is_not_markup_stays() {
        let (text, _) = shown("snake_case and 2 * 3 * 4 and a_b\n\n```\n**kept**\n```\n");
        assert_eq!(
            text, "snake_case and 2 * 3 * 4 and a_b\n\n\n**kept**\n\n",
            "a fence is hidden, its line kept"
        );
    }
}
