//! Language helpers shared by the aligner, the discrepancy detectors and the diff: folding of
//! case and typography, number words, months, negation cues and quotation regions.
//!
//! English only for now; the words themselves are in [`crate::lexicon`].

use std::borrow::Cow;
use std::ops::Range;

use crate::lexicon::{
    DENIAL_STEMS, MONTHS, MONTHS_ONLY_CAPITALISED, NEGATIONS, NUMBER_WORDS, SCALE_WORDS, WEEKDAYS,
};

/// Folds case, quote marks, dashes and whitespace so that typographic variants compare equal.
pub fn fold_style(w: &str) -> String {
    fold(w).into_owned()
}

/// [`fold_style`], borrowing `w` when it is already folded: most words of English text are
/// plain lower-case ASCII, and the detectors fold every word of every member.
pub fn fold(w: &str) -> Cow<'_, str> {
    if w.chars().all(char::is_whitespace) {
        return Cow::Borrowed(" ");
    }
    if w.is_ascii() {
        if !w.bytes().any(|b| b.is_ascii_uppercase() || b == b'`') {
            return Cow::Borrowed(w);
        }
        return Cow::Owned(
            w.bytes().map(|b| if b == b'`' { '\'' } else { char::from(b.to_ascii_lowercase()) }).collect(),
        );
    }
    Cow::Owned(
        w.chars()
            .map(|c| match c {
                '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => '\'',
                '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}' | '\u{2033}' => {
                    '"'
                }
                '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' => {
                    '-'
                }
                c => c,
            })
            .flat_map(char::to_lowercase)
            .collect(),
    )
}

/// `w` in lower case, borrowed when it already is.
pub fn lower(w: &str) -> Cow<'_, str> {
    if w.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
        Cow::Owned(w.to_lowercase())
    } else {
        Cow::Borrowed(w)
    }
}

/// Whether `c` opens or closes a quotation (straight or curly).
pub fn is_quote_char(c: char) -> bool {
    matches!(c, '"' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}')
}

/// Byte ranges of the quoted stretches of `s`, inner text only (quote marks excluded).
///
/// Double quotes only: single quotes double as apostrophes and would open false quotations.
/// An unclosed quote runs to the end of the text, as a quote continued in the next sentence does.
pub fn quote_regions(s: &str) -> Vec<Range<usize>> {
    pair_quotes(s, |_, c, open| curly_closes(c).unwrap_or(open))
}

/// Byte ranges (inner text) of the quotations of `s`, each from its opening mark to its
/// closing one, across sentences: `"Small. But foreseeable," he said` is one quotation.
///
/// Unlike [`quote_regions`], which reads one passage alone, this reads a stretch of sentences,
/// so a straight quote mark is taken as opening or closing by what touches it (a space or the
/// start before it opens, a letter or punctuation before it and a space after it closes), and a
/// closing mark with nothing open is passed over rather than opening a quotation that would run
/// on. A quotation still open at the end runs to the end.
pub fn quotations(s: &str) -> Vec<Range<usize>> {
    let spaced = |c: Option<char>| c.is_none_or(|c| c.is_whitespace() || "([{\u{2014}\u{2013}-".contains(c));
    pair_quotes(s, |i, c, open| {
        let before = s[..i].chars().next_back();
        let after = s[i + c.len_utf8()..].chars().next();
        curly_closes(c).unwrap_or_else(|| {
            if spaced(before) && !spaced(after) {
                false
            } else if !spaced(before) && after.is_none_or(|a| a.is_whitespace() || a.is_ascii_punctuation()) {
                true
            } else {
                open
            }
        })
    })
}

/// Whether a curly or angle quote mark closes (`”`, `»`) or opens (`“`, `„`, `«`); none for a
/// straight mark, which may do either.
fn curly_closes(c: char) -> Option<bool> {
    match c {
        '\u{201C}' | '\u{201E}' | '\u{00AB}' => Some(false),
        '\u{201D}' | '\u{00BB}' => Some(true),
        _ => None,
    }
}

/// Pairs the quote marks of `s` into quotations (inner text): `closes(at, mark, open)` says
/// whether the mark at byte `at` closes one, given whether one is open. A closing mark with none
/// open is passed over; an opening mark while one is open starts afresh; a quotation still open
/// at the end runs to the end.
fn pair_quotes(s: &str, closes: impl Fn(usize, char, bool) -> bool) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in s.char_indices().filter(|&(_, c)| is_quote_char(c)) {
        match (open, closes(i, c, open.is_some())) {
            (Some(start), true) => {
                if i > start {
                    out.push(start..i);
                }
                open = None;
            }
            (_, false) => open = Some(i + c.len_utf8()),
            (None, true) => {}
        }
    }
    if let Some(start) = open
        && start < s.len()
    {
        out.push(start..s.len());
    }
    out
}

/// The value of an English number word ("thirteen", "twice", "dozen"), if `w` is one.
pub fn number_word(w: &str) -> Option<f64> {
    NUMBER_WORDS.get(&lower(w))
}

/// The factor of a scale word that multiplies the number before it ("billion", "bn").
pub fn scale_word(w: &str) -> Option<f64> {
    SCALE_WORDS.get(&lower(w))
}

/// The month number (1–12) of a month name or its usual abbreviation.
pub fn month(w: &str) -> Option<u8> {
    let l = lower(w.trim_end_matches('.'));
    let m = MONTHS.get(&l)?;
    // "May", "March" and "Jan" are also ordinary words or names: only the capitalised form counts.
    if MONTHS_ONLY_CAPITALISED.contains(&l) && !w.starts_with(char::is_uppercase) {
        return None;
    }
    Some(m)
}

/// The weekday number (1 is Monday) of a capitalised weekday name: weekdays are dates too
/// ("on Tuesday").
pub fn weekday(w: &str) -> Option<u8> {
    let d = WEEKDAYS.get(&lower(w))?;
    w.starts_with(char::is_uppercase).then_some(d)
}

/// Words that negate or deny what follows.
pub fn is_negation(w: &str) -> bool {
    let l = fold(w);
    NEGATIONS.contains(&l) || l.ends_with("n't")
}

/// Verbs and nouns of denial and rebuttal: an article that *reports a denial* of a claim.
pub fn is_denial(stem_or_word: &str) -> bool {
    let l = lower(stem_or_word);
    DENIAL_STEMS.iter().any(|p| l.starts_with(p))
}

/// Whether two words are spellings of one word ("authorisation" / "authorization"): the same
/// length give or take one, and at most two letters differ.
pub fn is_spelling_variant(a: &str, b: &str) -> bool {
    let (a, b) = (fold(a), fold(b));
    if a == b {
        return true;
    }
    // Lengths first: most pairs differ in length, and need not be spelled out.
    let (na, nb) = (a.chars().count(), b.chars().count());
    if na.min(nb) < 5 || na.abs_diff(nb) > 1 {
        return false;
    }
    let (x, y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    // Levenshtein distance, bounded: words are short.
    let mut prev: Vec<usize> = (0..=y.len()).collect();
    let mut cur = vec![0; y.len() + 1];
    for (i, cx) in x.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cy) in y.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(cx != cy)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        // No row's least distance is below the one above's: past two, no variant.
        if cur.iter().all(|&d| d > 2) {
            return false;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[y.len()] <= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spelling_variants_are_two_edits_apart_at_most() {
        assert!(is_spelling_variant("authorisation", "Authorization"));
        assert!(is_spelling_variant("neighbour", "neighbor"));
        assert!(is_spelling_variant("colour", "colour"));
        assert!(!is_spelling_variant("foreseeable", "predictable"));
        assert!(!is_spelling_variant("cat", "cut"), "too short to tell");
        assert!(!is_spelling_variant("abcdefgh", "abcdxyzh"), "three letters differ");
        assert!(!is_spelling_variant("misconfigured", "configured"), "lengths too far apart");
    }

    #[test]
    fn quote_regions_pair_curly_and_straight() {
        let s = "He said \u{201c}no\u{201d} and \"yes\" then";
        let r = quote_regions(s);
        assert_eq!(r.len(), 2);
        assert_eq!(&s[r[0].clone()], "no");
        assert_eq!(&s[r[1].clone()], "yes");
    }

    #[test]
    fn quotations_span_sentences_and_skip_stray_closers() {
        let s = "He called it \"small. But entirely foreseeable,\" and left.";
        let q = quotations(s);
        assert_eq!(q.iter().map(|r| &s[r.clone()]).collect::<Vec<_>>(), ["small. But entirely foreseeable,"]);
        // A closing mark whose opening lies before the text read opens nothing.
        let s = "entirely foreseeable,\" he said. Then \u{201c}no\u{201d}.";
        assert_eq!(quotations(s).iter().map(|r| &s[r.clone()]).collect::<Vec<_>>(), ["no"]);
        let s = "entirely foreseeable,\" he said.";
        assert!(quotations(s).is_empty());
        assert_eq!(quote_regions(s).len(), 1, "read alone, the stray mark opens a quotation");
    }

    #[test]
    fn months_need_capitals_when_ambiguous() {
        assert_eq!(month("May"), Some(5));
        assert_eq!(month("may"), None);
        assert_eq!(month("december"), Some(12));
    }
}
