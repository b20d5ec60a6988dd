//! Text folded for search, so that what is plainly there is found however it is typed: case,
//! accents (`é` = `e`), curly and straight quotes and apostrophes, dashes and hyphens (each a
//! space, so `13-hour` = `13 hour`) and runs of white space; a query's plural after a number
//! may be missing (`13 hours` finds `13-hour`, see [`pattern`]). Every folded byte remembers the original character it came
//! from, so a match maps back to exact bytes of the article.

use nucleo_matcher::chars::normalize;

/// A folded string and, per byte of it, the byte range of the original character it came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Folded {
    pub text: String,
    origin: Vec<(usize, usize)>,
}

impl Folded {
    /// The original byte range of the folded bytes `range` (a match in [`Folded::text`]).
    pub fn original(&self, range: std::ops::Range<usize>) -> Option<std::ops::Range<usize>> {
        let start = self.origin.get(range.start)?.0;
        let end = self.origin.get(range.end.checked_sub(1)?)?.1;
        (start < end).then_some(start..end)
    }

    fn push(&mut self, c: char, from: (usize, usize)) {
        self.text.push(c);
        self.origin.extend(std::iter::repeat_n(from, c.len_utf8()));
    }
}

/// Folds `s` as the module says.
pub fn fold(s: &str) -> Folded {
    let mut out = Folded { text: String::with_capacity(s.len()), origin: Vec::with_capacity(s.len()) };
    for (i, c) in s.char_indices() {
        let from = (i, i + c.len_utf8());
        match class(c) {
            Class::Space => {
                if !out.text.ends_with(' ') {
                    out.push(' ', from);
                }
            }
            Class::Char(f) => {
                for l in f.to_lowercase() {
                    out.push(l, from);
                }
            }
        }
    }
    out
}

enum Class {
    Space,
    Char(char),
}

/// What one character folds to before case.
fn class(c: char) -> Class {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => {
            Class::Char('\'')
        }
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}' | '\u{2033}' => {
            Class::Char('"')
        }
        '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' => Class::Space,
        c if c.is_whitespace() => Class::Space,
        c => Class::Char(normalize(c)),
    }
}

/// The regular expression that finds `query` in folded text: the folded query, literally,
/// except that a plural right after a number may be missing (`13 hours` finds `13-hour`).
pub fn pattern(query: &str) -> String {
    let q = fold(query).text;
    let q = q.trim();
    let mut out = String::new();
    let mut words = q.split(' ').peekable();
    let mut after_number = false;
    while let Some(w) = words.next() {
        let plural = after_number && w.len() >= 3 && w.ends_with('s') && w.chars().all(char::is_alphabetic);
        if plural {
            out.push_str(&regex::escape(&w[..w.len() - 1]));
            out.push_str("s?");
        } else {
            out.push_str(&regex::escape(w));
        }
        after_number = w.ends_with(|c: char| c.is_ascii_digit());
        if words.peek().is_some() {
            out.push(' ');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &str, b: &str) {
        assert_eq!(fold(a).text, fold(b).text, "{a:?} vs {b:?}");
    }

    #[test]
    fn typography_folds_away() {
        same("Amazon’s “AI” tool", "amazon's \"ai\" TOOL");
        same("café résumé", "cafe resume");
        same("a 13-hour outage", "a 13 hour outage");
        same("a 13\u{2011}hour outage", "a 13 hour outage");
        same("well—known", "well known");
        same("two  spaces\nand a line", "two spaces and a line");
    }

    /// The original bytes `query` finds in `s`.
    fn find<'a>(s: &'a str, query: &str) -> Vec<&'a str> {
        let f = fold(s);
        let re = regex::Regex::new(&pattern(query)).unwrap();
        re.find_iter(&f.text).map(|m| &s[f.original(m.range()).unwrap()]).collect()
    }

    #[test]
    fn a_match_maps_back_to_the_original_bytes() {
        let s = "It lasted 13\u{2011}hours, “really”; a 13-hour day in 39 regions.";
        assert_eq!(find(s, "13 hour"), ["13\u{2011}hour", "13-hour"]);
        assert_eq!(find(s, "13 hours"), ["13\u{2011}hours", "13-hour"]);
        assert_eq!(find(s, "\"REALLY\""), ["“really”"]);
        assert_eq!(find(s, "regions"), ["regions"]);
        assert_eq!(find(s, "a.b"), Vec::<&str>::new(), "the query is literal");
    }
}
