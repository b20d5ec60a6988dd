//! The clauses of a passage: where one stated fact may end and the next begin.
//!
//! Real sentences pack several facts ("Ten people were killed, 140 were injured and 1,500
//! houses were damaged, the agency said."). A claim member says which part of its passage
//! states the claim's fact; that part is a run of these clauses. They are cut at punctuation
//! only (commas, semicolons, colons, dashes, parentheses): cues that hold in any English news
//! text, where a parser's guesses would not. A clause too short to state anything on its own
//! ("In 2008,") joins its neighbour, so a run of clauses never starts or ends inside a phrase.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// Words a clause needs to stand alone; a shorter one joins its neighbour.
const MIN_WORDS: usize = 3;

/// Words that join two clauses when a new subject follows them ("140 were injured and 1,500
/// houses were damaged"); before a verb or an adjective they join words, not clauses.
const CONJUNCTIONS: [&str; 6] = ["and", "but", "while", "whereas", "although", "though"];

/// Words that open a subject: determiners and subject pronouns.
const SUBJECT_OPENERS: [&str; 17] = [
    "the", "a", "an", "he", "she", "they", "it", "we", "i", "his", "her", "their", "its", "this", "that",
    "these", "those",
];

/// Whether `word` is one of [`CONJUNCTIONS`], in any case.
fn is_conjunction(word: &str) -> bool {
    CONJUNCTIONS.iter().any(|c| word.eq_ignore_ascii_case(c))
}

/// Whether `word`, after a conjunction, opens a new clause's subject: a number, a determiner
/// or pronoun, or a capitalised word (a name).
fn starts_clause(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_digit() || c.is_uppercase())
        || SUBJECT_OPENERS.iter().any(|o| word.eq_ignore_ascii_case(o))
        || crate::text::number_word(word).is_some()
}

/// The clauses of `text`, as byte ranges into it, in order, covering all its words but the
/// conjunctions that join two of them. A passage with no cue gives one clause (its trimmed
/// text); an empty one gives none.
pub fn clauses(text: &str) -> Vec<Range<usize>> {
    // Cuts as (end of one piece, start of the next).
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    for (i, c) in text.char_indices() {
        let after = i + c.len_utf8();
        let space_after = text[after..].chars().next().is_none_or(char::is_whitespace);
        match c {
            // "1,500", "7:37" and "a;b" inside a token are no clause boundary.
            ',' | ';' | ':' if space_after => cuts.push((i, after)),
            '—' if i > 0 => cuts.push((i, after)),
            '–' if i > 0 && space_after => cuts.push((i, after)),
            '(' => cuts.push((i, i)),
            ')' => cuts.push((after, after)),
            _ => {}
        }
    }
    let words: Vec<(usize, &str)> = text.unicode_word_indices().collect();
    for pair in words.windows(2) {
        let ((at, word), (next_at, next)) = (pair[0], pair[1]);
        // The conjunction joins the two; it belongs to neither.
        if is_conjunction(word) && starts_clause(next) {
            cuts.push((at, next_at));
        }
    }
    cuts.sort_unstable();
    let mut pieces: Vec<Range<usize>> = Vec::with_capacity(cuts.len() + 1);
    let mut start = 0;
    for (end, next) in cuts {
        if end >= start {
            pieces.push(start..end);
            start = next;
        }
    }
    pieces.push(start..text.len());
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut short: Option<Range<usize>> = None;
    // Whether the next piece continues the last clause (it follows a short aside).
    let mut glue = false;
    for piece in pieces.into_iter().filter_map(|r| trimmed(text, r)) {
        let piece = match short.take() {
            Some(s) => s.start..piece.end,
            None => piece,
        };
        let words = text[piece.clone()].unicode_words().count();
        let aside = words < MIN_WORDS && text[piece.clone()].starts_with('(');
        match out.last_mut() {
            // A short aside in parentheses cuts nothing: "Amazon Web Services (AWS) has issued"
            // is one clause.
            Some(last) if glue || aside => {
                last.end = piece.end;
                glue = aside;
            }
            _ if words < MIN_WORDS => short = Some(piece),
            _ => out.push(piece),
        }
    }
    if let Some(s) = short {
        match out.last_mut() {
            Some(last) => last.end = s.end,
            None => out.push(s),
        }
    }
    out
}

/// `range` of `text` without surrounding blanks and a leading conjunction, or `None` when it
/// holds no word.
fn trimmed(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let piece = &text[range.clone()];
    let lead = piece.len() - piece.trim_start().len();
    let mut body = piece.trim();
    // ", and describes…": the conjunction joins, the clause is what follows it.
    let mut start = range.start + lead;
    if let Some((first, rest)) = body.split_once(char::is_whitespace)
        && is_conjunction(first)
        && rest.unicode_words().next().is_some()
    {
        let rest = rest.trim_start();
        start += body.len() - rest.len();
        body = rest;
    }
    body.unicode_words().next()?;
    Some(start..start + body.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str) -> Vec<&str> {
        clauses(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn a_sentence_of_several_facts_is_cut_at_its_punctuation() {
        assert_eq!(
            cut("Ten people were killed, 140 were injured and 1,500 houses were damaged, the agency said."),
            ["Ten people were killed", "140 were injured", "1,500 houses were damaged", "the agency said."]
        );
    }

    #[test]
    fn numbers_and_times_are_not_boundaries() {
        assert_eq!(
            cut("It struck at 7:37 am and damaged 1,500 houses."),
            ["It struck at 7:37 am and damaged 1,500 houses."]
        );
    }

    #[test]
    fn a_conjunction_cuts_only_before_a_new_subject() {
        assert_eq!(
            cut("The navy sank the ship and the crew fled while police watched."),
            ["The navy sank the ship", "the crew fled while police watched."]
        );
        assert_eq!(cut("Police arrested and charged the man."), ["Police arrested and charged the man."]);
    }

    #[test]
    fn a_short_piece_joins_its_neighbour() {
        assert_eq!(
            cut("In 2008, two cables were cut off Egypt; repairs took weeks."),
            ["In 2008, two cables were cut off Egypt", "repairs took weeks."]
        );
        assert_eq!(
            cut("Two cables were cut off the coast, officials said."),
            ["Two cables were cut off the coast, officials said."]
        );
    }

    #[test]
    fn dashes_and_parentheses_set_off_clauses() {
        assert_eq!(
            cut("The frigate sank the ship — a Thai trawler — on Tuesday (the navy said so later)."),
            ["The frigate sank the ship", "a Thai trawler", "on Tuesday (the navy said so later)"]
        );
    }

    #[test]
    fn a_short_aside_in_parentheses_stays_with_what_it_glosses() {
        assert_eq!(
            cut("Amazon Web Services (AWS) has issued a rebuttal, the company said on Tuesday."),
            ["Amazon Web Services (AWS) has issued a rebuttal", "the company said on Tuesday."]
        );
    }

    #[test]
    fn clauses_cover_every_word_but_joining_conjunctions_in_order_and_never_overlap() {
        for text in [
            "",
            "   ",
            "One.",
            "A, b; c: d — e (f) g, h.",
            "Ünïcode façade, naïve café — déjà vu (noël), fin.",
            "(((",
            "a ,b ;c",
            "He ran and she hid, but the dog and two cats stayed.",
            "It fell, and describes nothing; but.",
        ] {
            let found = clauses(text);
            assert!(found.windows(2).all(|w| w[0].end <= w[1].start), "{text:?}: {found:?}");
            let inside = |at: usize| found.iter().any(|r| r.contains(&at));
            for (at, word) in text.unicode_word_indices().filter(|&(at, _)| !inside(at)) {
                assert!(CONJUNCTIONS.contains(&word), "{text:?}: {word:?} at {at} left out of {found:?}");
            }
        }
    }
}
