//! Splits article text into passages: headlines, sub-headings, list items and sentences, and
//! tells apart the passages that state nothing (tag lists, navigation, bylines, captions,
//! datelines).
//!
//! Every passage is a byte range into the text it was cut from, trimmed of surrounding
//! whitespace, so `&text[start..end]` is exactly the passage. This module knows nothing of
//! files, titles or front matter: `corpus` hands it the body range.
//!
//! Why a hand-written segmenter rather than UAX #29 sentence bounds: UAX #29 knows no
//! abbreviations, initials, lists or headings, so it cuts "U.S. Government", "Mr. Smith" and
//! "Jonas E. Smith" and runs a sub-heading into the next sentence. News prose needs those right,
//! at the speed of a single pass (no regexes, no backtracking, every look-around bounded).
//!
//! The work is done in three steps:
//! 1. **Paragraphs.** News files put one paragraph per line, so a line break ends a passage,
//!    except when hard-wrapped prose continues on the next line (the line has no final
//!    punctuation and the next starts in lower case, or the line ends on a comma or a word such
//!    as "the" that cannot end a sentence) and the wrapped run does end like prose; a run of
//!    short unpunctuated lines is a list of labels, one passage each. A blank line or a rule
//!    line (`---`) always ends a paragraph. CRLF and lone CR count as line breaks.
//! 2. **Passages.** A paragraph that starts with a bullet or an enumerator (`- `, `• `, `1. `,
//!    `1)`, `a. `) is a list item; items run together on one line (`1) x 2) y`) are split
//!    where the next marker of the same series appears. A short paragraph with no final
//!    punctuation is a heading. Everything else is split into sentences at `.`, `?`, `!`,
//!    ellipses and CJK full stops, deciding each candidate from the word before it and the
//!    token after it:
//!    - lower case next never starts a sentence ("Yahoo! in", "Co. at noon", `." she said`);
//!    - titles ("Mr.", "Gen.", "vs.") never end one; abbreviations ("Inc.", "U.S.", "Jan.") and
//!      initials end one only before a common opener ("U.S. How" but "U.S. Government",
//!      "Albert I. Jones" but "you and I. Did"); "No.", "p.", "Jan." before a number do not;
//!    - "a.m."/"p.m." end one before a capital unless a day, month or zone follows or the
//!      time opens the sentence;
//!    - three dots leave words out inside a sentence; four (or an ellipsis trailing off a word
//!      before an opener) end it; `[...]` never does;
//!    - a quotation ended by `?` or `!` and followed by its attribution ("Smith asked") goes
//!      on; closing quotes and brackets stay with their sentence, even set off by a space;
//!    - a period glued to a capitalised word ("world.Today") ends a sentence, except inside
//!      e-mail and web addresses.
//! 3. **Non-statements.** Tag lists, navigation, bylines, captions and datelines get kinds of
//!    their own, recognised by their shape ([`mark_non_statements`]): they stay passages, but
//!    [`PassageKind::is_statement`] is false for them, so they never join a claim.
//!
//! Passages with no letter or digit are left out. Everything is one forward pass with bounded
//! look-around, so a megabyte with no punctuation or no spaces stays linear.

mod non_statement;

use std::ops::Range;

pub use non_statement::{line_kind, mark_non_statements};

use crate::lexicon::{
    AMBIGUOUS_ABBREVIATIONS, CLOCK_ABBREVIATIONS, DATE_ABBREVIATIONS, FUNCTION_WORDS, LATIN_ABBREVIATIONS,
    NUMERIC_ABBREVIATIONS, SENTENCE_OPENERS, SPEECH_VERBS, TIME_ZONES, TITLES,
};

/// What sort of unit a passage is; the view and the aligner treat headings a little differently.
/// The JSON passage `kind` is the snake_case name ("list_item", "navigation").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PassageKind {
    /// The article's headline: its first line when it reads as one, past a dateline or byline.
    Title,
    /// A line on its own with no final punctuation: a sub-heading, a kicker.
    Heading,
    /// A bulleted or numbered list item.
    ListItem,
    /// A sentence of running prose.
    Sentence,
    /// A tag or keyword list ("Tags: …", an SEO phrase list, hashtags): topics, not facts.
    Tags,
    /// Menus, calls to action ("Read more", "Subscribe"), comment forms, copyright lines and a
    /// site's taglines: the page around the article.
    Navigation,
    /// Who wrote the article ("By Jana Ortiz, Reuters").
    Byline,
    /// A photo caption, credit or alt text: describes a picture the text does not show.
    Caption,
    /// A date or timestamp alone on its line ("Updated: July 2, 2013 15:50 IST"): when the
    /// article was published, not a fact of the story.
    Dateline,
}

impl PassageKind {
    /// Whether passages of this kind state something a claim can hold. Non-statements (tag
    /// lists, navigation, bylines, captions, datelines) stay visible in the reader, dimmed, but
    /// are never aligned.
    pub fn is_statement(self) -> bool {
        match self {
            PassageKind::Title | PassageKind::Heading | PassageKind::ListItem | PassageKind::Sentence => true,
            PassageKind::Tags
            | PassageKind::Navigation
            | PassageKind::Byline
            | PassageKind::Caption
            | PassageKind::Dateline => false,
        }
    }
}

/// One passage found by the segmenter: a trimmed byte range and its kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub start: usize,
    pub end: usize,
    pub kind: PassageKind,
}

impl Segment {
    /// The passage as a byte range into the segmented text.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// A paragraph with no final punctuation and at most this many words reads as a heading.
const HEADING_MAX_WORDS: usize = 20;
/// ...and at most this many characters.
const HEADING_MAX_CHARS: usize = 150;
/// Look-behind and look-ahead for words are bounded so that a megabyte without spaces stays
/// linear; no abbreviation is longer than this.
const MAX_WORD_CHARS: usize = 24;
/// Bound on the scan for `@`, `://` and `www.` around a period with no space after it.
const MAX_TOKEN_BYTES: usize = 128;

/// Splits `text[body]` into passages, in order, never overlapping, and gives the non-statements
/// among them their kinds ([`split`], then [`mark_non_statements`]).
pub fn segment(text: &str, body: Range<usize>) -> Vec<Segment> {
    let mut segs = split(text, body);
    mark_non_statements(text, &mut segs);
    segs
}

/// Splits `text[body]` into passages, in order, never overlapping, without telling
/// non-statements apart: for a format that adds passages of its own and then classifies the
/// article whole.
///
/// Lines with no final punctuation become headings, bullet lines become list items, and the
/// rest is split into sentences; passages with no letter or digit (separators such as `* * *`)
/// are left out. Offsets are absolute into `text`. A `body` out of bounds or off
/// a char boundary is clamped rather than trusted.
pub fn split(text: &str, body: Range<usize>) -> Vec<Segment> {
    let body = clamp_range(text, body);
    let lines = lines(text, body);
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(first) = &lines[i] else {
            i += 1;
            continue;
        };
        // Follow the run of lines that each continue into the next.
        let mut j = i;
        while let (Some(a), Some(Some(b))) = (&lines[j], lines.get(j + 1)) {
            if !a.continues_into(b) {
                break;
            }
            j += 1;
        }
        let last = lines[j].as_ref().map_or(first, |l| l);
        if j > i && last.ends_sentence {
            paragraph(text, first.range.start..last.range.end, &mut out);
        } else {
            // Not wrapped prose (e.g. a list of short lines): every line stands alone. The run
            // is all-or-nothing, so skipping past it keeps this linear.
            for line in lines[i..=j].iter().flatten() {
                paragraph(text, line.range.clone(), &mut out);
            }
        }
        i = j + 1;
    }
    // Separators ("* * *", "---") and stray punctuation carry nothing to align.
    out.retain(|s| text[s.start..s.end].chars().any(char::is_alphanumeric));
    out
}

/// Splits text into passages and returns their ranges: [`segment`] over the whole of `text`,
/// without the kinds.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    segment(text, 0..text.len()).into_iter().map(|s| s.start..s.end).collect()
}

/// Shrinks `range` to exclude surrounding whitespace; `None` when nothing is left (or when the
/// range does not fit `text`).
pub fn trim_range(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let slice = text.get(range.clone())?;
    let lead = slice.len() - slice.trim_start().len();
    let trimmed = slice.trim();
    if trimmed.is_empty() { None } else { Some(range.start + lead..range.start + lead + trimmed.len()) }
}

/// Clamps a range into `text` and onto char boundaries.
fn clamp_range(text: &str, r: Range<usize>) -> Range<usize> {
    let mut end = r.end.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut start = r.start.min(end);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    start..end
}

// ---------------------------------------------------------------------------------------------
// Lines and paragraphs

/// One non-blank line and what the paragraph logic needs to know about it.
struct Line {
    /// Trimmed, absolute.
    range: Range<usize>,
    /// Starts with a bullet or an enumerator.
    list: bool,
    /// Ends like a finished sentence (`.`, `?`, `!`, `…`, `:`, `;`), quotes aside.
    ends_sentence: bool,
    /// Ends on a comma, a dash or a word that cannot end a sentence ("the", "of", "Mr.").
    ends_mid_sentence: bool,
    /// First letter (after opening quotes) is lower case.
    starts_lower: bool,
}

impl Line {
    fn new(text: &str, range: Range<usize>) -> Self {
        let s = &text[range.clone()];
        let core = s.trim_end_matches(is_closer);
        let last = core.chars().next_back();
        let last_word = last_word(core);
        let title_before_break = last == Some('.') && is_prepositive(&last_word[..last_word.len() - 1]);
        // A rule line ("---", "* * *") ends whatever came before it.
        let rule_line = !s.chars().any(char::is_alphanumeric);
        let ends_sentence = rule_line
            || (!title_before_break && last.is_some_and(|c| is_terminal(c) || matches!(c, ':' | ';')));
        let ends_mid_sentence = title_before_break
            || matches!(last, Some(',' | '-' | '\u{2013}' | '\u{2014}' | '(' | '/' | '&'))
            || FUNCTION_WORDS.contains(last_word);
        let starts_lower = s.trim_start_matches(is_opener).chars().next().is_some_and(char::is_lowercase);
        Line { range, list: parse_marker(s, 0).is_some(), ends_sentence, ends_mid_sentence, starts_lower }
    }

    /// Whether a hard line break between `self` and `next` sits inside one sentence.
    /// A list item continues only into a lower-case line (a wrapped item), never into the
    /// paragraph after the list.
    fn continues_into(&self, next: &Line) -> bool {
        !self.ends_sentence && !next.list && (next.starts_lower || (self.ends_mid_sentence && !self.list))
    }
}

/// The last whitespace-separated word of `s` (bounded), with the `.` it may end with.
fn last_word(s: &str) -> &str {
    let mut start = s.len();
    for (n, (k, c)) in s.char_indices().rev().enumerate() {
        if c.is_whitespace() || n >= MAX_WORD_CHARS {
            break;
        }
        start = k;
    }
    &s[start..]
}

/// Non-blank lines of `text[body]`, trimmed; `None` for blank lines. `\n`, `\r\n` and `\r`
/// all end a line.
fn lines(text: &str, body: Range<usize>) -> Vec<Option<Line>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = body.start;
    let mut k = body.start;
    while k < body.end {
        match bytes[k] {
            b'\n' | b'\r' => {
                out.push(trim_range(text, start..k).map(|r| Line::new(text, r)));
                k += if bytes[k] == b'\r' && bytes.get(k + 1) == Some(&b'\n') && k + 1 < body.end {
                    2
                } else {
                    1
                };
                start = k;
            }
            _ => k += 1,
        }
    }
    out.push(trim_range(text, start..body.end).map(|r| Line::new(text, r)));
    out
}

/// Cuts one paragraph (trimmed absolute range) into passages.
fn paragraph(text: &str, range: Range<usize>, out: &mut Vec<Segment>) {
    let p = &text[range.clone()];
    let base = range.start;
    let mut pieces = Vec::new();
    if let Some((marker_end, marker)) = parse_marker(p, 0) {
        for item in list_items(p, marker_end, marker) {
            pieces.clear();
            split_prose(&p[item.body.clone()], &mut pieces);
            for (n, r) in pieces.iter().enumerate() {
                // The marker belongs to the item's first sentence.
                let start = if n == 0 { item.start } else { item.body.start + r.start };
                out.push(Segment {
                    start: base + start,
                    end: base + item.body.start + r.end,
                    kind: PassageKind::ListItem,
                });
            }
            // A marker with nothing after it before the next one ("• • a").
            if pieces.is_empty()
                && let Some(r) = trim_range(p, item.start..item.end)
            {
                out.push(Segment { start: base + r.start, end: base + r.end, kind: PassageKind::ListItem });
            }
        }
        return;
    }
    split_prose(p, &mut pieces);
    let kind =
        if pieces.len() == 1 && looks_like_heading(p) { PassageKind::Heading } else { PassageKind::Sentence };
    out.extend(pieces.into_iter().map(|r| Segment { start: base + r.start, end: base + r.end, kind }));
}

/// A short paragraph that does not end like a sentence: a sub-heading, kicker or byline.
fn looks_like_heading(p: &str) -> bool {
    let ends_like_prose = p
        .trim_end_matches(is_closer)
        .chars()
        .next_back()
        .is_some_and(|c| is_terminal(c) || matches!(c, ':' | ';' | ','));
    !ends_like_prose
        && p.split_whitespace().take(HEADING_MAX_WORDS + 1).count() <= HEADING_MAX_WORDS
        && p.chars().take(HEADING_MAX_CHARS + 1).count() <= HEADING_MAX_CHARS
}

// ---------------------------------------------------------------------------------------------
// Lists

/// How an item is marked; items of one list share it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    /// `-`, `*` or `+` and a space: also used as dashes in prose, so never split inside a line.
    Dash,
    /// A typographic bullet (`•`, `⁃`, `▪`…), possibly followed by an enumerator.
    Bullet(char),
    /// `1.`, `1)`, `1.)`, `(1)`, `a.`, `a)`; the value is the number or the letter.
    Enum { style: EnumStyle, letter: bool, value: u32 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EnumStyle {
    Dot,
    Paren,
    DotParen,
    BothParens,
}

fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '•' | '◦'
            | '▪'
            | '▫'
            | '‣'
            | '⁃'
            | '●'
            | '○'
            | '■'
            | '□'
            | '►'
            | '▶'
            | '➢'
            | '➤'
            | '✓'
            | '✔'
            | '∙'
    )
}

/// Parses a list marker at byte `at` of `s`; returns where the marker ends and what it is.
/// A marker must be followed by whitespace and then some content.
fn parse_marker(s: &str, at: usize) -> Option<(usize, Marker)> {
    let c = s[at..].chars().next()?;
    if is_bullet(c) {
        let after = at + c.len_utf8();
        let rest = &s[after..];
        let content = after + (rest.len() - rest.trim_start().len());
        if content == s.len() {
            return None;
        }
        // "• 9. The first item": the enumerator is part of the marker.
        let end = parse_enum(s, content).map_or(after, |(end, ..)| end);
        return Some((end, Marker::Bullet(c)));
    }
    if matches!(c, '-' | '*' | '+') {
        let after = at + 1;
        return followed_by_content(s, after).then_some((after, Marker::Dash));
    }
    parse_enum(s, at).map(|(end, style, letter, value)| (end, Marker::Enum { style, letter, value }))
}

/// Whether `s[at..]` is whitespace followed by something else.
fn followed_by_content(s: &str, at: usize) -> bool {
    let rest = &s[at..];
    rest.starts_with(char::is_whitespace) && !rest.trim_start().is_empty()
}

/// Parses an enumerator (`12.`, `3)`, `1.)`, `(4)`, `b.`, `C)`) followed by whitespace and
/// content. A capital letter with a period is an initial ("A. Smith"), not an enumerator.
fn parse_enum(s: &str, at: usize) -> Option<(usize, EnumStyle, bool, u32)> {
    let b = s.as_bytes();
    let mut k = at;
    let paren_open = b.get(k) == Some(&b'(');
    if paren_open {
        k += 1;
    }
    let digits = b[k..].iter().take(4).take_while(|c| c.is_ascii_digit()).count();
    let (letter, value, vlen) = match digits {
        1..=3 => (false, s[k..k + digits].parse::<u32>().ok()?, digits),
        0 => {
            let c = *b.get(k)?;
            if !c.is_ascii_alphabetic() || b.get(k + 1).is_some_and(u8::is_ascii_alphabetic) {
                return None;
            }
            (true, u32::from(c.to_ascii_lowercase() - b'a'), 1)
        }
        _ => return None,
    };
    let upper_letter = letter && b[k].is_ascii_uppercase();
    k += vlen;
    let style = match (paren_open, b.get(k), b.get(k + 1)) {
        (true, Some(b')'), _) => (EnumStyle::BothParens, 1),
        (false, Some(b'.'), Some(b')')) => (EnumStyle::DotParen, 2),
        (false, Some(b'.'), _) if !upper_letter => (EnumStyle::Dot, 1),
        (false, Some(b')'), _) => (EnumStyle::Paren, 1),
        _ => return None,
    };
    let end = k + style.1;
    followed_by_content(s, end).then_some((end, style.0, letter, value))
}

/// One list item inside a paragraph: its whole range and the part after the marker.
struct Item {
    start: usize,
    end: usize,
    body: Range<usize>,
}

/// Splits a paragraph that starts with a list marker into items, where the next marker of the
/// same series starts mid-line: "1) x 2) y", "a. x b. y", "• x • y". Dashes are never split.
fn list_items(p: &str, first_marker_end: usize, first: Marker) -> Vec<Item> {
    let mut items = Vec::new();
    let mut start = 0;
    let mut body_start = first_marker_end;
    let mut expect = first;
    if first != Marker::Dash {
        let mut prev_ws = false;
        for (k, c) in p.char_indices() {
            let token_start = prev_ws && !c.is_whitespace();
            prev_ws = c.is_whitespace();
            if !token_start || k <= body_start || !(c.is_ascii_alphanumeric() || c == '(' || is_bullet(c)) {
                continue;
            }
            let Some((end, m)) = parse_marker(p, k) else { continue };
            let next_in_series = match (expect, m) {
                (Marker::Bullet(a), Marker::Bullet(b)) => a == b,
                (
                    Marker::Enum { style: s1, letter: l1, value: v1 },
                    Marker::Enum { style: s2, letter: l2, value: v2 },
                ) => s1 == s2 && l1 == l2 && v2 == v1 + 1 && !starts_lower_after(p, end),
                _ => false,
            };
            if next_in_series {
                items.push(Item { start, end: k, body: body_start..k });
                start = k;
                body_start = end;
                expect = m;
            }
        }
    }
    items.push(Item { start, end: p.len(), body: body_start..p.len() });
    items
}

/// Whether the first word after `at` begins in lower case.
fn starts_lower_after(s: &str, at: usize) -> bool {
    s[at..].trim_start().chars().next().is_some_and(char::is_lowercase)
}

// ---------------------------------------------------------------------------------------------
// Sentences

/// Sentence-final punctuation: Latin, Arabic, Devanagari and CJK.
fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '?' | '!' | '…' | '؟' | '।' | '॥' | '。' | '！' | '？' | '｡' | '‼' | '⁇' | '⁈' | '⁉')
}

/// Full-width stops: CJK writes no space after them, so they end a sentence as they stand.
fn is_cjk_terminal(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '｡')
}

/// Marks that may follow the final punctuation and still belong to the sentence.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '”'
            | '’'
            | '»'
            | '›'
            | ')'
            | ']'
            | '}'
            | '」'
            | '』'
            | '）'
            | '〕'
            | '】'
            | '〉'
            | '》'
    )
}

/// Marks that may open a sentence before its first letter.
fn is_opener(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '«' | '‹' | '(' | '[' | '{' | '¿' | '¡' | '「' | '『' | '（')
}

/// Splits one paragraph into trimmed sentence ranges, relative to `s`.
fn split_prose(s: &str, out: &mut Vec<Range<usize>>) {
    let b = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        let candidate = match b[i] {
            b'.' | b'?' | b'!' => true,
            // Lead bytes of the multi-byte terminals (U+061F, U+0964.., U+2026.., U+3002, U+FF01..).
            0xD8 | 0xE0..=0xEF => s[i..].chars().next().is_some_and(is_terminal),
            _ => false,
        };
        if !candidate {
            i += 1;
            continue;
        }
        match decide(s, start, i) {
            Decision::Continue(resume) => i = resume,
            Decision::Break { end, next } => {
                out.extend(trim_range(s, start..end));
                start = next;
                i = next.max(i + 1);
            }
        }
    }
    out.extend(trim_range(s, start..s.len()));
}

enum Decision {
    /// Not a boundary; resume scanning here.
    Continue(usize),
    /// The sentence ends at `end`; the next starts at `next` (after whitespace trimming).
    Break { end: usize, next: usize },
}

/// A run of final punctuation: "." "?!" "..." ". . . ." "…".
struct Run {
    end: usize,
    dots: usize,
    exclaim: bool,
    cjk: bool,
    /// Where the first mark ends, and whether a space follows it inside the run ("word. . . .").
    first_end: usize,
    spaced_after_first: bool,
}

fn parse_run(s: &str, i: usize) -> Run {
    let mut run =
        Run { end: i, dots: 0, exclaim: false, cjk: false, first_end: i, spaced_after_first: false };
    let mut marks = 0;
    let mut last_dot = false;
    while let Some(c) = s[run.end..].chars().next() {
        match c {
            '.' => run.dots += 1,
            '…' => run.dots += 3,
            ' ' if last_dot && s[run.end + 1..].starts_with(['.', '…']) => {
                if marks == 1 {
                    run.spaced_after_first = true;
                }
                run.end += 1;
                continue;
            }
            c if is_cjk_terminal(c) => run.cjk = true,
            c if is_terminal(c) => run.exclaim = true,
            _ => break,
        }
        last_dot = matches!(c, '.' | '…');
        run.end += c.len_utf8();
        marks += 1;
        if marks == 1 {
            run.first_end = run.end;
        }
    }
    run
}

/// What follows a candidate boundary, after whitespace and opening quotes.
enum Next<'a> {
    End,
    Lower,
    /// The capitalised word, and whether a period follows it ("A." in "L. A.").
    Upper(&'a str, bool),
    Digit,
    Other,
}

fn next_token(s: &str, at: usize) -> Next<'_> {
    let rest = s[at..].trim_start();
    let rest = rest.trim_start_matches(is_opener);
    let mut chars = rest.chars();
    let Some(c) = chars.next() else { return Next::End };
    let len: usize =
        rest.chars().take(MAX_WORD_CHARS).take_while(|c| c.is_alphabetic()).map(char::len_utf8).sum();
    let word = &rest[..len];
    // "iPhone", "eBay": a brand written in camel case is a proper noun and may open a sentence.
    let camel = c.is_lowercase() && word.chars().skip(1).any(char::is_uppercase);
    if c.is_lowercase() && !camel {
        Next::Lower
    } else if c.is_uppercase() || camel {
        Next::Upper(word, rest[len..].starts_with('.'))
    } else if c.is_ascii_digit()
        || (matches!(c, '$' | '£' | '€' | '¥') && chars.next().is_some_and(|d| d.is_ascii_digit()))
    {
        Next::Digit
    } else {
        Next::Other
    }
}

/// The word before byte `i` (back to whitespace, an opening mark, a dash or the sentence start
/// `floor`), or `None` when it is too long to be an abbreviation.
fn word_before(s: &str, floor: usize, i: usize) -> Option<&str> {
    let mut start = i;
    for (n, (k, c)) in s[..i].char_indices().rev().enumerate() {
        if k < floor {
            break;
        }
        // Stop at dashes and slashes too: "then-No. 1", "Wittman/P.J. Carlesimo".
        // Apostrophes are not stops: "wasn't." is a word, not "t.".
        if c.is_whitespace()
            || (is_opener(c) && !matches!(c, '\'' | '‘'))
            || matches!(c, '-' | '/' | '–' | '—')
        {
            return Some(s[start..i].trim_start_matches(is_opener));
        }
        if n >= MAX_WORD_CHARS {
            return None;
        }
        start = k;
    }
    Some(s[start..i].trim_start_matches(is_opener))
}

/// How the word before a period bears on whether the period ends the sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WordKind {
    /// A plain word or number: the period ends the sentence unless lower case follows.
    Plain,
    /// A title or similar that never ends a sentence: "Mr.", "Dr.", "vs.", "e.g.".
    Prepositive,
    /// An abbreviation that may or may not end it: "Inc.", "U.S.", "a.m.", "Jan.", "St.".
    Ambiguous,
    /// A single letter: an initial ("E. Smith") or a list letter.
    Initial,
    /// An abbreviation used before numbers ("No. 1", "Fig. 3"), or codes ("case No. VA0898");
    /// before a common sentence opener it ends the sentence ("I said no. Then").
    Numeric,
    /// "a.m." or "p.m.": ends the sentence before a capital, unless a weekday, month or time
    /// zone follows or the time opens the sentence ("At 5 a.m. Mr. Smith went").
    Time,
}

fn classify(word: &str) -> WordKind {
    if word.is_empty() {
        return WordKind::Plain;
    }
    let mut buf = [0u8; MAX_WORD_CHARS * 4];
    let lower = ascii_lower(word, &mut buf);
    if is_prepositive(word) || LATIN_ABBREVIATIONS.contains(lower) {
        return WordKind::Prepositive;
    }
    let mut chars = word.chars();
    if chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none() {
        return WordKind::Initial;
    }
    // "U.S", "a.m", "Ph.D", "D.C": short letter groups, at least one a single letter (so that
    // "bbc.co.uk" stays a plain word).
    let multi_period = word.contains('.')
        && word
            .split('.')
            .all(|seg| !seg.is_empty() && seg.len() <= 3 && seg.chars().all(char::is_alphabetic))
        && word.split('.').any(|seg| seg.chars().nth(1).is_none());
    if CLOCK_ABBREVIATIONS.contains(lower) {
        return WordKind::Time;
    }
    if multi_period || AMBIGUOUS_ABBREVIATIONS.contains(lower) || is_capitalized_abbreviation(word) {
        return WordKind::Ambiguous;
    }
    // All capitals ("CA.", "EDS.") is an acronym, not "ca." or "eds.".
    let acronym = word.chars().all(|c| c.is_ascii_uppercase());
    if NUMERIC_ABBREVIATIONS.contains(lower) && !acronym {
        return WordKind::Numeric;
    }
    WordKind::Plain
}

/// `word` with ASCII letters lowered, in `buf` (the word itself when it does not fit).
fn ascii_lower<'a>(word: &'a str, buf: &'a mut [u8]) -> &'a str {
    let Some(dst) = buf.get_mut(..word.len()) else { return word };
    dst.copy_from_slice(word.as_bytes());
    dst.make_ascii_lowercase();
    // Lowering ASCII bytes keeps UTF-8 valid.
    std::str::from_utf8(dst).unwrap_or(word)
}

/// Whether `word` is a title that precedes a name and never ends a sentence ("Mr.", "Gen.").
fn is_prepositive(word: &str) -> bool {
    let mut buf = [0u8; 16];
    TITLES.contains(ascii_lower(word, &mut buf))
}

/// Capitalised words that may follow "a.m."/"p.m." inside the sentence: "6 p.m. Tuesday",
/// "9 a.m. ET".
fn continues_time(word: &str) -> bool {
    is_capitalized_abbreviation(word)
        || crate::text::month(word).is_some()
        || crate::text::weekday(word).is_some()
        || TIME_ZONES.contains(word)
}

/// Month and weekday abbreviations, only when capitalised ("Mar.", "MAR." yes; "mar." the
/// verb no).
fn is_capitalized_abbreviation(word: &str) -> bool {
    let mut buf = [0u8; 8];
    word.starts_with(|c: char| c.is_ascii_uppercase())
        && DATE_ABBREVIATIONS.contains(ascii_lower(word, &mut buf))
}

/// Whether the word at `word_start` is among the first three of its sentence: an opening
/// adverbial such as "At 5 a.m." does not end the sentence.
fn opens_sentence(s: &str, floor: usize, word_start: usize) -> bool {
    s.get(floor..word_start).is_some_and(|head| head.split_whitespace().nth(3).is_none())
}

/// Whether the word before `word_start` (skipping spaces) begins in lower case: "you and I."
fn prev_word_starts_lower(s: &str, word_start: usize) -> bool {
    let head = s[..word_start].trim_end();
    last_word(head).trim_start_matches(is_opener).chars().next().is_some_and(char::is_lowercase)
}

/// A period glued to a capitalised word, "world.Today", as in text that lost its spaces; but
/// not inside addresses ("Jane.Doe@example.com", "www.Example.com").
fn glued_boundary(s: &str, floor: usize, i: usize, after: usize) -> bool {
    let prev = s[..i].chars().next_back();
    if !prev.is_some_and(|c| c.is_lowercase() || c.is_ascii_digit()) {
        return false;
    }
    let Some(word) = word_before(s, floor, i) else { return false };
    if word.chars().nth(1).is_none() || word.contains('.') || classify(word) != WordKind::Plain {
        return false;
    }
    let mut next = s[after..].chars();
    if !(next.next().is_some_and(char::is_uppercase) && next.next().is_some_and(char::is_lowercase)) {
        return false;
    }
    let mut lo = i.saturating_sub(MAX_TOKEN_BYTES);
    while !s.is_char_boundary(lo) {
        lo += 1;
    }
    let mut hi = (after + MAX_TOKEN_BYTES).min(s.len());
    while !s.is_char_boundary(hi) {
        hi -= 1;
    }
    let left = s[lo..i].rsplit(char::is_whitespace).next().unwrap_or("");
    let right = s[after..hi].split(char::is_whitespace).next().unwrap_or("");
    let looks_like_address = |t: &str| t.contains('@') || t.contains("://") || t.starts_with("www");
    !looks_like_address(left) && !looks_like_address(right)
}

/// A closing quote set off by a space ("happening. ”", common in typed and tokenised text)
/// still belongs to the sentence before it; returns the new end.
fn detached_closer(s: &str, at: usize) -> usize {
    let rest = &s[at..];
    let trimmed = rest.trim_start();
    if trimmed.len() == rest.len() {
        return at;
    }
    let q_at = at + rest.len() - trimmed.len();
    let mut chars = trimmed.chars();
    let fits = match chars.next() {
        // Curly closing marks cannot open a sentence.
        Some('”' | '’' | '»') => chars.next().is_none_or(|c| c.is_whitespace() || is_closer(c)),
        // A straight quote is taken only when nothing follows it.
        Some('"') => chars.as_str().trim().is_empty(),
        _ => false,
    };
    if !fits {
        return at;
    }
    let tail = &s[q_at..];
    q_at + tail.len() - tail.trim_start_matches(is_closer).len()
}

/// Whether a quotation ended by `?` or `!` is followed by its attribution: `"Why?" Smith
/// asked.`, `"Go!" Colts interim coach Bruce Arians said`: a name or title (capitalised, not a
/// common sentence opener such as "The"), then a speech verb within a few words.
fn attribution_follows(s: &str, at: usize) -> bool {
    let mut hi = (at + MAX_TOKEN_BYTES).min(s.len());
    while !s.is_char_boundary(hi) {
        hi -= 1;
    }
    let mut words = s[at..hi].split_whitespace();
    let Some(first) = words.next() else { return false };
    if !first.starts_with(char::is_uppercase) || SENTENCE_OPENERS.contains(first) {
        return false;
    }
    // An apposition ("Williams, a critic of the policy, said") makes a sentence of its own.
    for word in std::iter::once(first).chain(words.take(6)) {
        if SPEECH_VERBS.contains(word.trim_end_matches(|c: char| c.is_ascii_punctuation())) {
            return true;
        }
        if word.ends_with(',') {
            return false;
        }
    }
    false
}

/// Decides whether the punctuation run starting at byte `i` ends a sentence.
fn decide(s: &str, floor: usize, i: usize) -> Decision {
    let run = parse_run(s, i);
    let mut after = run.end;
    after += s[after..].len() - s[after..].trim_start_matches(is_closer).len();
    after = detached_closer(s, after);
    let closed_quote = after > run.end;
    let brk = Decision::Break { end: after, next: after };
    let go_on = Decision::Continue(run.end.max(i + 1));

    // "[...]" and "(…)" mark words left out of a quotation, inside the sentence.
    let prev = s[..i].chars().next_back();
    if run.dots == 3 && matches!(prev, Some('[' | '(')) && s[run.end..].starts_with([']', ')']) {
        return go_on;
    }
    let Some(next_char) = s[after..].chars().next() else { return brk };
    if run.cjk {
        return brk;
    }
    if !next_char.is_whitespace() {
        let single_period = run.dots == 1 && !run.exclaim && run.end == i + 1;
        return if single_period && !closed_quote && glued_boundary(s, floor, i, after) {
            brk
        } else {
            go_on
        };
    }
    let next = next_token(s, after);
    if matches!(next, Next::End) {
        return brk;
    }
    if run.exclaim {
        let attributed = closed_quote && attribution_follows(s, after);
        return if matches!(next, Next::Lower) || attributed { go_on } else { brk };
    }
    if run.dots >= 3 {
        return ellipsis(s, i, &run, closed_quote, &next, after);
    }
    // A single period (or two): it depends on the word before.
    let Some(word) = word_before(s, floor, i) else {
        return if matches!(next, Next::Lower) { go_on } else { brk };
    };
    let ends = match (classify(word), &next) {
        (_, Next::Lower) => false,
        (WordKind::Prepositive, _) => false,
        (WordKind::Plain, _) => true,
        (WordKind::Initial | WordKind::Ambiguous | WordKind::Time, Next::Digit | Next::Other | Next::End) => {
            false
        }
        // A run of initials: "F. B. I.", "L. A. Superior Court".
        (WordKind::Initial, Next::Upper(w, true)) if w.len() == 1 => false,
        (WordKind::Initial, Next::Upper(w, _)) => {
            // The pronoun "I" after a lower-case word ends a sentence; a capital after a name
            // is an initial ("Albert I. Jones"). "A" and "I" may be initials themselves.
            (w.len() > 1 && SENTENCE_OPENERS.contains(w)) || (word == "I" && prev_word_starts_lower(s, i - 1))
        }
        (WordKind::Ambiguous, Next::Upper(w, _)) => SENTENCE_OPENERS.contains(w),
        (WordKind::Numeric, Next::Digit) => false,
        (WordKind::Numeric, Next::Upper(w, _)) => SENTENCE_OPENERS.contains(w),
        (WordKind::Numeric, _) => true,
        (WordKind::Time, Next::Upper(w, _)) => {
            !continues_time(w) && !opens_sentence(s, floor, i - word.len())
        }
    };
    if ends { brk } else { go_on }
}

/// Ellipses follow the style-guide rule: three dots leave words out inside a sentence; four
/// (a period and an ellipsis) end it. "word. . . . Next" ends after "word." and the spaced
/// ellipsis opens the next sentence.
fn ellipsis(s: &str, i: usize, run: &Run, closed_quote: bool, next: &Next<'_>, after: usize) -> Decision {
    let go_on = Decision::Continue(run.end);
    if matches!(next, Next::Lower) {
        return go_on;
    }
    let attached = s[..i].chars().next_back().is_some_and(|c| !c.is_whitespace());
    if run.dots == 4 && attached && run.spaced_after_first {
        return Decision::Break { end: run.first_end, next: run.first_end };
    }
    // A quotation closed right after three dots also ends the sentence: `"I don't know…" He`;
    // so does an ellipsis trailing off a word before a common opener ("a crime... They are").
    let trails_off = attached && matches!(next, Next::Upper(w, _) if SENTENCE_OPENERS.contains(w));
    if run.dots >= 4 || trails_off || (closed_quote && matches!(next, Next::Upper(..))) {
        return Decision::Break { end: after, next: after };
    }
    go_on
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        segment(text, 0..text.len()).iter().map(|s| &text[s.start..s.end]).collect()
    }

    fn kinds(text: &str) -> Vec<(PassageKind, &str)> {
        segment(text, 0..text.len()).iter().map(|s| (s.kind, &text[s.start..s.end])).collect()
    }

    #[test]
    fn abbreviations_and_titles_do_not_end_sentences() {
        assert_eq!(
            texts("Mr. Smith of Acme Inc. met Dr. Jones in Jan. 2024. He left."),
            ["Mr. Smith of Acme Inc. met Dr. Jones in Jan. 2024.", "He left."]
        );
        assert_eq!(
            texts("The U.S. Commerce Department said so. The U.S. economy grew."),
            ["The U.S. Commerce Department said so.", "The U.S. economy grew."]
        );
        assert_eq!(texts("He moved to the U.S. He never left."), ["He moved to the U.S.", "He never left."]);
        assert_eq!(texts("Apple Inc. The company agreed."), ["Apple Inc.", "The company agreed."]);
    }

    #[test]
    fn initials_and_decimals() {
        assert_eq!(
            texts("George W. Bush spoke. Revenue was $35.6 billion."),
            ["George W. Bush spoke.", "Revenue was $35.6 billion."]
        );
        assert_eq!(
            texts("It rose 2.5% to 3.1 points. Shares fell."),
            ["It rose 2.5% to 3.1 points.", "Shares fell."]
        );
    }

    #[test]
    fn quotes_that_end_sentences() {
        assert_eq!(
            texts("\"We will fix it,\" he said. \"It is done.\" She left."),
            ["\"We will fix it,\" he said.", "\"It is done.\"", "She left."]
        );
        assert_eq!(
            texts("“It broke…,” he said. “Not AI.” Then it ended."),
            ["“It broke…,” he said.", "“Not AI.”", "Then it ended."]
        );
        assert_eq!(
            texts("She said, \"This is great.\" she added."),
            ["She said, \"This is great.\" she added."]
        );
    }

    #[test]
    fn ellipses_and_dashes() {
        assert_eq!(
            texts("This is… not the defense. It is—frankly—odd."),
            ["This is… not the defense.", "It is—frankly—odd."]
        );
        assert_eq!(texts("I never meant that.... She left."), ["I never meant that....", "She left."]);
        assert_eq!(
            texts("It is a crime... They steal. It is . . . I mean, odd."),
            ["It is a crime...", "They steal.", "It is . . . I mean, odd."]
        );
    }

    #[test]
    fn headings_lists_and_sentences_get_their_kinds() {
        let text = "The First One\nIt broke. It was fixed.\nKey Points\n- AWS broke.\n* It was AI.\n• Or not\n1. One\n2) Two\nThe end.";
        assert_eq!(
            kinds(text),
            [
                (PassageKind::Heading, "The First One"),
                (PassageKind::Sentence, "It broke."),
                (PassageKind::Sentence, "It was fixed."),
                (PassageKind::Heading, "Key Points"),
                (PassageKind::ListItem, "- AWS broke."),
                (PassageKind::ListItem, "* It was AI."),
                (PassageKind::ListItem, "• Or not"),
                (PassageKind::ListItem, "1. One"),
                (PassageKind::ListItem, "2) Two"),
                (PassageKind::Sentence, "The end."),
            ]
        );
    }

    #[test]
    fn inline_lists_split_at_the_next_marker() {
        assert_eq!(
            texts("1) The first item 2) The second item"),
            ["1) The first item", "2) The second item"]
        );
        assert_eq!(
            texts("a. The first item b. The second item"),
            ["a. The first item", "b. The second item"]
        );
        // An empty item is the bare marker, which carries nothing and is left out.
        assert_eq!(texts("• • a"), ["• a"]);
        assert_eq!(texts("One.\n* * *\n---\nTwo."), ["One.", "Two."]);
        // Dashes inside a bullet line are prose, not new items.
        assert_eq!(texts("- AWS - the cloud arm - broke"), ["- AWS - the cloud arm - broke"]);
    }

    #[test]
    fn hard_wrapped_prose_joins_but_short_lines_stay_apart() {
        assert_eq!(
            texts("The outage hit\ncustomers in China.\nIt lasted more than\n13 hours."),
            ["The outage hit\ncustomers in China.", "It lasted more than\n13 hours."]
        );
        assert_eq!(texts("features\ncontact manager\nevents"), ["features", "contact manager", "events"]);
        assert_eq!(texts("One para.\n\nanother para."), ["One para.", "another para."]);
        // A heading followed by a capitalised paragraph is not joined.
        assert_eq!(
            texts("What Went Wrong\nThe tool deleted it."),
            ["What Went Wrong", "The tool deleted it."]
        );
    }

    #[test]
    fn crlf_and_cr_line_endings() {
        let text = "Heading\r\nFirst one. Second one.\r\n\r\nThird one.\rFourth\r";
        assert_eq!(
            kinds(text),
            [
                (PassageKind::Heading, "Heading"),
                (PassageKind::Sentence, "First one."),
                (PassageKind::Sentence, "Second one."),
                (PassageKind::Sentence, "Third one."),
                (PassageKind::Heading, "Fourth"),
            ]
        );
    }

    #[test]
    fn offsets_are_absolute_into_text() {
        let text = "Title line\nBody one. Body two.\n";
        let body = 10..text.len();
        let segs = segment(text, body);
        assert_eq!(segs.len(), 2);
        assert_eq!((segs[0].start, segs[0].end), (11, 20));
        assert_eq!(&text[segs[1].range()], "Body two.");
        // Ranges off char boundaries or out of bounds are clamped, not trusted.
        assert!(segment("é. Ok.", 1..99).iter().all(|s| s.start >= 2 && s.end <= 7));
        assert!(segment("abc", 5..9).is_empty());
    }

    #[test]
    fn cjk_and_rtl_and_emoji() {
        assert_eq!(texts("今天下雨。明天晴天！好吗？"), ["今天下雨。", "明天晴天！", "好吗？"]);
        assert_eq!(texts("هل أنت بخير؟ نعم."), ["هل أنت بخير؟", "نعم."]);
        assert_eq!(texts("Great news 🎉. Next 👍🏽 one."), ["Great news 🎉.", "Next 👍🏽 one."]);
    }

    #[test]
    fn initials_dates_and_attribution() {
        assert_eq!(
            texts("He told L. A. Superior Court Judge James R. Dabney so."),
            ["He told L. A. Superior Court Judge James R. Dabney so."]
        );
        assert_eq!(texts("Agents of the F. B. I. said so."), ["Agents of the F. B. I. said so."]);
        assert_eq!(texts("MAR. 14, 2013. It rained."), ["MAR. 14, 2013.", "It rained."]);
        assert_eq!(
            texts("\"Why now?\" Smith asked. \"Go!\" Prime Minister Jones said."),
            ["\"Why now?\" Smith asked.", "\"Go!\" Prime Minister Jones said."]
        );
        assert_eq!(texts("\"Pigs!\" Murderers were there."), ["\"Pigs!\"", "Murderers were there."]);
        assert_eq!(texts("\"Why?\" The company said nothing."), ["\"Why?\"", "The company said nothing."]);
        assert_eq!(
            texts("\"Now!\" Williams, a critic, said so."),
            ["\"Now!\"", "Williams, a critic, said so."]
        );
        assert_eq!(
            texts("It opened at 9 a.m. Police came. At 5 a.m. Mr. Smith left at 6 p.m. Tuesday."),
            ["It opened at 9 a.m.", "Police came.", "At 5 a.m. Mr. Smith left at 6 p.m. Tuesday."]
        );
        assert_eq!(
            texts("She said 'no.' I wasn't. It ships with apps etc. iPhoto is new."),
            ["She said 'no.'", "I wasn't.", "It ships with apps etc.", "iPhoto is new."]
        );
        assert_eq!(
            texts("Const. Tim Fanning said so at then-No. 1 Duke."),
            ["Const. Tim Fanning said so at then-No. 1 Duke."]
        );
        // A closing quote set off by a space stays with its sentence.
        assert_eq!(
            texts("“ It made me play harder. ” He left."),
            ["“ It made me play harder. ”", "He left."]
        );
    }

    #[test]
    fn glued_sentences_and_addresses() {
        assert_eq!(texts("It closed.Then it opened."), ["It closed.", "Then it opened."]);
        assert_eq!(
            texts("Mail Jane.Doe@example.com today. Visit Amazon.com now."),
            ["Mail Jane.Doe@example.com today.", "Visit Amazon.com now."]
        );
    }

    #[test]
    fn long_line_without_punctuation_is_one_passage() {
        let text = "word ".repeat(200_000);
        assert_eq!(segment(&text, 0..text.len()).len(), 1);
        let dots = "a.".repeat(200_000);
        assert!(!segment(&dots, 0..dots.len()).is_empty());
    }
}
