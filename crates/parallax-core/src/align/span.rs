//! Which part of a passage a claim member is in its claim for.
//!
//! A passage that states several facts is a member of several claims; for each, the part that
//! matched is the shortest run of its clauses holding most of what it shares with the other
//! articles' members (its terms weighted by their TF-IDF weight times the weight the others
//! give them: the member's similarity, clause by clause). When that run is most of the
//! passage, or no clause stands out, the member is the whole passage.

use crate::analysis::Span;
use crate::features::{Clauses, Vector};

/// Share of the matched weight the run of clauses must hold.
const HELD: f32 = 0.8;

/// Share of the passage's bytes at or above which a run is the whole passage: narrowing a
/// sentence by a word or two says nothing.
const MOST: f32 = 0.75;

/// The span of a member whose passage spans `whole`, has `clauses`, its own weights `own`,
/// and whose claim's other articles give term `t` the weight `others(t)`.
pub(super) fn member_span(whole: Span, clauses: &Clauses, own: &Vector, others: impl Fn(u32) -> f32) -> Span {
    if clauses.spans.len() < 2 {
        return whole;
    }
    let mut held = vec![0.0f32; clauses.spans.len()];
    for &(t, c) in &clauses.terms {
        if let Ok(i) = own.terms.binary_search_by_key(&t, |&(id, _)| id) {
            held[usize::from(c)] += own.terms[i].1 * others(t);
        }
    }
    if held.iter().sum::<f32>() <= f32::EPSILON {
        return whole;
    }
    // The shortest run (in bytes) holding `HELD` of the weight, by two pointers over prefix
    // sums: linear in the clauses, however many commas a hostile sentence holds.
    let prefix: Vec<f64> = std::iter::once(0.0)
        .chain(held.iter().scan(0.0f64, |sum, &h| {
            *sum += f64::from(h);
            Some(*sum)
        }))
        .collect();
    let target = f64::from(HELD) * prefix[held.len()];
    let bytes = |from: usize, to: usize| clauses.spans[to].1 - clauses.spans[from].0;
    let mut best: Option<(usize, usize)> = None;
    let mut from = 0;
    for to in 0..held.len() {
        while from < to && prefix[to + 1] - prefix[from + 1] >= target {
            from += 1;
        }
        if prefix[to + 1] - prefix[from] >= target && best.is_none_or(|(f, t)| bytes(from, to) < bytes(f, t))
        {
            best = Some((from, to));
        }
    }
    match best {
        Some((from, to)) if (bytes(from, to) as f32) < MOST * (whole.1 - whole.0) as f32 => {
            Span(clauses.spans[from].0, clauses.spans[to].1)
        }
        _ => whole,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use crate::features;

    /// The span, as text, of passage 1 of article `a` when the others weigh `shared` terms 1.
    fn span_of(text: &str, shared: &[&str]) -> String {
        let corpus = Corpus::from_texts([("a", text)]);
        let f = features::extract(&corpus);
        let ids: Vec<u32> = f
            .terms
            .iter()
            .enumerate()
            .filter(|(_, t)| shared.iter().any(|s| t.surface.eq_ignore_ascii_case(s)))
            .map(|(i, _)| i as u32)
            .collect();
        let span = member_span(f.spans[0][1], &f.clauses[0][1], &f.vectors[0][1], |t| {
            if ids.contains(&t) { 1.0 } else { 0.0 }
        });
        corpus.articles[0].text[span.range()].to_string()
    }

    const QUAKE: &str = "Quake\nTen people were killed in the district, 140 were injured in hospitals and 1,500 houses were damaged by the tremor, the disaster agency said.\n";

    #[test]
    fn a_member_for_one_fact_of_several_is_the_clause_stating_it() {
        assert_eq!(
            span_of(QUAKE, &["houses", "damaged", "1,500"]),
            "1,500 houses were damaged by the tremor"
        );
        assert_eq!(span_of(QUAKE, &["killed", "Ten", "people"]), "Ten people were killed in the district");
    }

    #[test]
    fn a_member_matching_all_over_is_the_whole_passage() {
        let whole = QUAKE.lines().nth(1).expect("line");
        assert_eq!(span_of(QUAKE, &["killed", "injured", "houses", "agency"]), whole);
        assert_eq!(span_of(QUAKE, &[]), whole, "nothing matched: no clause stands out");
    }

    #[test]
    fn a_sentence_of_many_clauses_is_narrowed_to_the_clause_stating_it() {
        // 60,000 clauses (a hostile sentence): the search is linear in them, where trying every
        // start took minutes in a debug build.
        let filler = "one more word here, ".repeat(60_000);
        let text = format!("Long\n{filler}the dam broke at dawn, officials said.\n");
        assert_eq!(span_of(&text, &["dam", "broke", "dawn"]), "the dam broke at dawn, officials said.");
    }

    #[test]
    fn a_passage_of_one_clause_is_whole() {
        let text = "Fire\nThe Dover plant burned for 13 hours on Monday.\n";
        assert_eq!(span_of(text, &["plant"]), "The Dover plant burned for 13 hours on Monday.");
    }
}
