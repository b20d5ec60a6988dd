//! Wrapping text to a column width, by hand: at word boundaries, by display width
//! (unicode-width), never inside a grapheme. Rows are byte ranges into the text, so highlights
//! given as byte ranges land on the right words whatever the width.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::corpus::Article;

/// Display width of `s` in terminal columns.
pub fn width(s: &str) -> usize {
    s.graphemes(true).map(grapheme_width).sum()
}

fn grapheme_width(g: &str) -> usize {
    if g == "\t" { 1 } else { g.width() }
}

/// Splits `text` into rows of at most `width` columns. Breaks after whitespace when it can,
/// inside a word only when the word alone is wider than a row. Each row is a byte range into
/// `text` with no leading or trailing whitespace; `\n` forces a break. An empty text gives no
/// rows.
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut rows = Vec::new();
    let mut start: Option<usize> = None; // first byte of the current row
    let mut cols = 0; // width of text[start..pos]
    let mut last_break: Option<(usize, usize)> = None; // (byte after whitespace, cols there)
    let mut last_word_end = 0; // end of the last non-whitespace grapheme in the row
    for (pos, g) in text.grapheme_indices(true) {
        let is_space = g.chars().all(char::is_whitespace);
        if g.contains('\n') {
            if let Some(s) = start.take() {
                rows.push(s..last_word_end);
            }
            cols = 0;
            last_break = None;
            continue;
        }
        if is_space {
            if let Some(s) = start {
                cols += grapheme_width(g);
                last_break = Some((pos + g.len(), cols));
                if cols > width {
                    // The space itself overflows: end the row at the last word.
                    rows.push(s..last_word_end);
                    start = None;
                    cols = 0;
                    last_break = None;
                }
            }
            continue;
        }
        let w = grapheme_width(g);
        match start {
            None => {
                start = Some(pos);
                cols = w;
                last_break = None;
            }
            Some(s) => {
                if cols + w > width {
                    if let Some((brk, bcols)) = last_break.filter(|(b, _)| *b > s) {
                        rows.push(s..trim_end(text, s, brk));
                        start = Some(brk);
                        cols = cols - bcols + w;
                    } else {
                        rows.push(s..pos);
                        start = Some(pos);
                        cols = w;
                    }
                    last_break = None;
                } else {
                    cols += w;
                }
            }
        }
        last_word_end = pos + g.len();
    }
    if let Some(s) = start {
        rows.push(s..last_word_end);
    }
    rows
}

/// Cuts one line (no `\n`) into rows of at most `width` columns, between graphemes and keeping
/// every byte, spaces included: what a text editor shows, where the cursor must land on the
/// byte it is at. A wide character that does not fit moves whole to the next row. An empty
/// line gives one empty row.
pub fn cut(line: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut rows = Vec::new();
    let (mut start, mut cols) = (0, 0);
    for (pos, g) in line.grapheme_indices(true) {
        let w = grapheme_width(g);
        if cols + w > width && pos > start {
            rows.push(start..pos);
            (start, cols) = (pos, 0);
        }
        cols += w;
    }
    rows.push(start..line.len());
    rows
}

fn trim_end(text: &str, start: usize, end: usize) -> usize {
    start + text[start..end].trim_end().len()
}

/// One screen row of an article in a pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The passage shown on this row; `None` for the blank row between paragraphs.
    pub passage: Option<usize>,
    /// Byte range into `Article::text`.
    pub range: Range<usize>,
    /// Whether this is the first row of its passage (where the gutter marks go).
    pub first: bool,
}

/// An article laid out for one text width: every passage starts on a new row and paragraphs
/// are separated by a blank row.
#[derive(Debug, Clone, Default)]
pub struct ArticleRows {
    pub rows: Vec<Row>,
    /// For each passage, its rows.
    pub passage_rows: Vec<Range<usize>>,
}

impl ArticleRows {
    pub fn new(article: &Article, width: usize) -> Self {
        let mut rows = Vec::new();
        let mut passage_rows = Vec::with_capacity(article.passages.len());
        let mut prev_end: Option<usize> = None;
        for p in &article.passages {
            if let Some(end) = prev_end
                && article.text.get(end..p.start).is_some_and(|gap| gap.contains('\n'))
            {
                rows.push(Row { passage: None, range: p.start..p.start, first: false });
            }
            let first_row = rows.len();
            let text = &article.text[p.start..p.end];
            let wrapped = wrap(text, width);
            if wrapped.is_empty() {
                rows.push(Row { passage: Some(p.index), range: p.start..p.start, first: true });
            }
            for (i, r) in wrapped.into_iter().enumerate() {
                rows.push(Row {
                    passage: Some(p.index),
                    range: p.start + r.start..p.start + r.end,
                    first: i == 0,
                });
            }
            passage_rows.push(first_row..rows.len());
            prev_end = Some(p.end);
        }
        ArticleRows { rows, passage_rows }
    }

    /// The rows of passage `index` (empty when out of range).
    pub fn of(&self, index: usize) -> Range<usize> {
        self.passage_rows.get(index).cloned().unwrap_or(0..0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str, w: usize) -> Vec<&str> {
        wrap(text, w).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn wraps_at_word_boundaries() {
        assert_eq!(lines("the quick brown fox jumps", 10), ["the quick", "brown fox", "jumps"]);
        assert_eq!(lines("abc", 10), ["abc"]);
        assert_eq!(lines("", 10), Vec::<&str>::new());
    }

    #[test]
    fn long_words_break_between_graphemes() {
        assert_eq!(lines("abcdefghij", 4), ["abcd", "efgh", "ij"]);
    }

    #[test]
    fn wide_and_combining_characters_keep_their_width() {
        // Each CJK character is two columns wide: three fit in six or seven columns.
        assert_eq!(lines("日本語の文章", 7), ["日本語", "の文章"]);
        // e + combining acute is one grapheme of width one, never split.
        let s = "cafe\u{301} cafe\u{301}";
        assert_eq!(lines(s, 5), ["cafe\u{301}", "cafe\u{301}"]);
        for r in wrap("😀😀😀 x", 3) {
            assert!(width(&"😀😀😀 x"[r]) <= 3);
        }
    }

    #[test]
    fn cut_counts_display_width_not_chars() {
        let cut_str = |s: &'static str, w| cut(s, w).into_iter().map(|r| &s[r]).collect::<Vec<_>>();
        assert_eq!(cut_str("東京大阪名古屋", 6), ["東京大", "阪名古", "屋"]);
        // Five columns hold two emoji; the third would straddle the edge and moves down.
        assert_eq!(cut_str("😀😀😀a", 5), ["😀😀", "😀a"]);
        assert_eq!(cut_str("ab 東京", 4), ["ab ", "東京"]);
        assert_eq!(cut_str("", 4), [""]);
        // A grapheme wider than the row still gets a row of its own.
        assert_eq!(cut_str("東x", 1), ["東", "x"]);
        assert_eq!(cut_str("cafe\u{301}s", 4), ["cafe\u{301}", "s"]);
    }

    #[test]
    fn every_row_fits_and_the_words_survive() {
        let text = "Amazon said the outage lasted 13 hours, not 15, in one of 39 regions.";
        for w in 1..30 {
            let rows = lines(text, w);
            for r in &rows {
                assert!(width(r) <= w || r.chars().count() == 1, "{w}: {r:?}");
            }
            let joined: String = rows.concat();
            let squeezed: String = text.split_whitespace().collect();
            assert_eq!(joined.replace(' ', ""), squeezed);
        }
    }
}
