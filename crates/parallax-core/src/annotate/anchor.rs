//! Anchors: where an annotation sits in an article, stored so that it can be found again after
//! the article file is edited.
//!
//! An anchor keeps both a position (byte span, like the W3C TextPositionSelector) and the quoted
//! text with some context on each side (like the TextQuoteSelector). The position is fast and
//! exact while the file is unchanged; the quote and context let [`locate`] find the words again
//! when text was inserted, removed or slightly reworded.
//!
//! The rule that shapes everything here: **an orphan is better than a wrong anchor.** An
//! annotation that silently lands on other words misleads the reader, while an orphan is shown
//! as such and can be re-attached by hand. So exact matches are preferred, and a fuzzy match has
//! to agree closely on the quote *and* on its context before it is accepted.
//!
//! Every search is bounded: exact search is linear in the article, and the fuzzy search only
//! aligns the quote against a few small windows around likely positions, so a 50 MB article
//! costs a handful of linear scans, never a quadratic alignment.

use std::ops::Range;

use crate::corpus::Article;
use crate::hash::fnv1a;

/// Characters of context kept on each side of a quote: enough to tell repeated phrases apart,
/// small enough to keep the file readable.
pub const CONTEXT_CHARS: usize = 32;

/// Minimum normalised similarity (1 − edit distance / length) of a fuzzy quote match.
pub const MIN_QUOTE_SIMILARITY: f64 = 0.85;

/// Minimum similarity of the better side of the context for a fuzzy match: one side of the
/// surrounding text must still read (almost) the same.
pub const MIN_CONTEXT_SIMILARITY: f64 = 0.8;

/// Minimum mean similarity of both sides of the context for a fuzzy match.
pub const MIN_MEAN_CONTEXT_SIMILARITY: f64 = 0.5;

/// Quotes shorter than this (in chars) are never matched fuzzily: a few letters that are
/// "almost" the same are far more likely to be other words than an edit.
const MIN_FUZZY_CHARS: usize = 12;

/// Quotes longer than this (in chars) are not matched fuzzily, which bounds the alignment cost.
const MAX_FUZZY_CHARS: usize = 4000;

/// An exact occurrence elsewhere is accepted without any agreeing context only when the quote
/// is at least this long (in chars); a short phrase needs its context to agree.
const DISTINCTIVE_CHARS: usize = 24;

/// Minimum context agreement (share of context chars that match) of a short exact quote that
/// is not in place with its whole context.
const MIN_EXACT_CONTEXT: f64 = 0.25;

/// Length in bytes of the seed strings used to find candidate windows for fuzzy matching.
const SEED_BYTES: usize = 16;

/// A seed found more often than this is not distinctive and is ignored.
const MAX_SEED_HITS: usize = 8;

/// At most this many windows are aligned per fuzzy search.
const MAX_WINDOWS: usize = 12;

/// Where an annotation sits in one article, as stored in the annotations file.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Anchor {
    /// The article's id (its path relative to the corpus folder).
    pub article: String,
    /// Byte span in the article file when the anchor was made.
    pub start: usize,
    pub end: usize,
    /// The exact annotated text, `text[start..end]`.
    pub quote: String,
    /// Up to [`CONTEXT_CHARS`] characters just before the quote (a longer stored one is cut
    /// on loading: an 80,000-character prefix once froze the reader for 38 s).
    #[serde(deserialize_with = "bounded_prefix")]
    pub prefix: String,
    /// Up to [`CONTEXT_CHARS`] characters just after the quote (cut on loading likewise).
    #[serde(deserialize_with = "bounded_suffix")]
    pub suffix: String,
    /// [`text_hash`] of the article when the anchor was made: tells at a glance whether the
    /// file changed since.
    pub article_hash: String,
}

/// How an anchor relates to the article as it is now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The quote is where it was.
    Anchored,
    /// The quote (or a close variant of it) was found somewhere else.
    Moved,
    /// The quote could not be placed with confidence; the annotation is kept, not shown in text.
    Orphaned,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Anchored => "anchored",
            Status::Moved => "moved",
            Status::Orphaned => "orphaned",
        }
    }
}

/// The stable fingerprint of an article's text stored in anchors.
pub fn text_hash(text: &str) -> String {
    format!("{:016x}", fnv1a(text.as_bytes()))
}

impl Anchor {
    /// Anchors `range` of `article`. `None` when the range is empty, out of bounds or not on
    /// character boundaries: such a span cannot be quoted.
    pub fn new(article: &Article, range: Range<usize>) -> Option<Anchor> {
        Self::from_text(&article.id, &article.text, range)
    }

    /// Like [`Anchor::new`] from an id and a text.
    pub fn from_text(article: &str, text: &str, range: Range<usize>) -> Option<Anchor> {
        let quote = text.get(range.clone())?;
        if quote.is_empty() {
            return None;
        }
        Some(Anchor {
            article: article.to_string(),
            start: range.start,
            end: range.end,
            quote: quote.to_string(),
            prefix: tail_chars(&text[..range.start], CONTEXT_CHARS).to_string(),
            suffix: head_chars(&text[range.end..], CONTEXT_CHARS).to_string(),
            article_hash: text_hash(text),
        })
    }
}

/// Finds `anchor` in `text`, the article as it is now.
///
/// In order: the old position if the quote is still there (and no other occurrence fits the
/// context better); else the exact occurrence whose context agrees best, nearest the old
/// position on ties; else a fuzzy match that clears the bar of [`MIN_QUOTE_SIMILARITY`] and
/// the context thresholds. `None` means orphaned.
pub fn locate(anchor: &Anchor, text: &str) -> Option<(Range<usize>, Status)> {
    if anchor.quote.is_empty() {
        return None;
    }
    let old = anchor.start..anchor.end;
    // Fast path, no scan: the quote is in place and its whole context agrees.
    if text.get(old.clone()) == Some(anchor.quote.as_str()) && exact_context_score(anchor, text, &old) == 1.0
    {
        return Some((old, Status::Anchored));
    }
    if let Some(range) = exact(anchor, text) {
        let status = if range == old { Status::Anchored } else { Status::Moved };
        return Some((range, status));
    }
    fuzzy(anchor, text).map(|r| (r, Status::Moved))
}

/// The best exact occurrence of the quote: highest context agreement, then the old position,
/// then the nearest one. Short quotes need some context to agree.
fn exact(anchor: &Anchor, text: &str) -> Option<Range<usize>> {
    let quote = anchor.quote.as_str();
    let mut best: Option<(f64, usize, Range<usize>)> = None;
    for (pos, _) in text.match_indices(quote) {
        let range = pos..pos + quote.len();
        let score = exact_context_score(anchor, text, &range);
        let distance = pos.abs_diff(anchor.start);
        let better = match &best {
            None => true,
            Some((s, d, _)) => score > *s || (score == *s && distance < *d),
        };
        if better {
            best = Some((score, distance, range));
        }
    }
    let (score, _, range) = best?;
    let distinctive = quote.chars().count() >= DISTINCTIVE_CHARS;
    // Even at its old offset: a few characters with other words around them are more likely a
    // coincidence than the annotated words.
    (distinctive || score >= MIN_EXACT_CONTEXT).then_some(range)
}

/// Share of the stored context that still matches around `range`, counting matching chars
/// outward from the quote on each side.
fn exact_context_score(anchor: &Anchor, text: &str, range: &Range<usize>) -> f64 {
    let before = &text[..range.start];
    let after = &text[range.end..];
    let pre = anchor.prefix.chars().rev().zip(before.chars().rev()).take_while(|(a, b)| a == b).count();
    let suf = anchor.suffix.chars().zip(after.chars()).take_while(|(a, b)| a == b).count();
    let total = anchor.prefix.chars().count() + anchor.suffix.chars().count();
    if total == 0 { 1.0 } else { (pre + suf) as f64 / total as f64 }
}

/// A fuzzy match of a slightly changed quote, or `None` if nothing agrees closely enough.
fn fuzzy(anchor: &Anchor, text: &str) -> Option<Range<usize>> {
    let quote: Vec<char> = anchor.quote.chars().collect();
    if quote.len() < MIN_FUZZY_CHARS || quote.len() > MAX_FUZZY_CHARS || text.is_empty() {
        return None;
    }
    let slack = anchor.quote.len() / 4 + 64;
    let mut best: Option<(f64, usize, Range<usize>)> = None;
    for centre in candidate_starts(anchor, text, slack) {
        let lo = floor_boundary(text, centre.saturating_sub(slack));
        let hi = ceil_boundary(text, centre.saturating_add(anchor.quote.len() + slack).min(text.len()));
        if lo >= hi {
            continue;
        }
        let Some((range, distance)) = align(&quote, text, lo..hi) else { continue };
        let found_chars = text[range.clone()].chars().count();
        let q_sim = 1.0 - distance as f64 / quote.len().max(found_chars) as f64;
        if q_sim < MIN_QUOTE_SIMILARITY {
            continue;
        }
        let (p_sim, s_sim) = context_similarity(anchor, text, &range);
        if p_sim.max(s_sim) < MIN_CONTEXT_SIMILARITY || (p_sim + s_sim) / 2.0 < MIN_MEAN_CONTEXT_SIMILARITY {
            continue;
        }
        let score = q_sim + (p_sim + s_sim) / 2.0;
        let distance_from_old = range.start.abs_diff(anchor.start);
        let better = match &best {
            None => true,
            Some((s, d, _)) => score > *s || (score == *s && distance_from_old < *d),
        };
        if better {
            best = Some((score, distance_from_old, range));
        }
    }
    best.map(|(_, _, r)| r)
}

/// Likely start positions of the changed quote: the old position, and positions implied by
/// distinctive pieces of the quote and of its context that still occur verbatim. Each costs
/// one linear scan; non-distinctive pieces are dropped.
fn candidate_starts(anchor: &Anchor, text: &str, slack: usize) -> Vec<usize> {
    // (expected start, votes)
    let mut votes: Vec<(usize, usize)> = Vec::new();
    let mut vote = |pos: usize| votes.push((pos, 1));
    vote(anchor.start.min(text.len()));
    let quote = anchor.quote.as_str();
    let q = quote.len();
    let mut offsets: Vec<usize> = [0, q / 4, q / 2, 3 * q / 4, q.saturating_sub(SEED_BYTES)].to_vec();
    offsets.sort_unstable();
    offsets.dedup();
    let mut seeds: Vec<(&str, isize)> = Vec::new();
    for off in offsets {
        let s = floor_boundary(quote, off);
        let e = ceil_boundary(quote, (s + SEED_BYTES).min(q));
        if e > s {
            seeds.push((&quote[s..e], -(s as isize)));
        }
    }
    let pre = tail_bytes(&anchor.prefix, SEED_BYTES);
    if pre.len() >= SEED_BYTES / 2 {
        seeds.push((pre, pre.len() as isize));
    }
    let suf = head_bytes(&anchor.suffix, SEED_BYTES);
    if suf.len() >= SEED_BYTES / 2 {
        seeds.push((suf, -(q as isize)));
    }
    for (seed, shift) in seeds {
        let hits: Vec<usize> = text.match_indices(seed).map(|(p, _)| p).take(MAX_SEED_HITS + 1).collect();
        if hits.len() > MAX_SEED_HITS {
            continue;
        }
        for p in hits {
            vote((p as isize + shift).clamp(0, text.len() as isize) as usize);
        }
    }
    // Merge nearby proposals and keep the best supported ones.
    votes.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (pos, n) in votes {
        match merged.last_mut() {
            Some((p, m)) if pos - *p <= slack / 2 => *m += n,
            _ => merged.push((pos, n)),
        }
    }
    merged.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    merged.truncate(MAX_WINDOWS);
    merged.into_iter().map(|(p, _)| p).collect()
}

/// Semi-global alignment (Sellers): the substring of `text[window]` with the smallest edit
/// distance to `pattern`, as a byte range and that distance. Case-insensitive for ASCII.
/// Cost is `pattern.len() × window chars`, which the caller keeps small.
fn align(pattern: &[char], text: &str, window: Range<usize>) -> Option<(Range<usize>, usize)> {
    let chars: Vec<(usize, char)> =
        text[window.clone()].char_indices().map(|(i, c)| (window.start + i, c)).collect();
    let m = pattern.len();
    // Column of the DP table over the pattern, and the text start of each cell's best path.
    let mut dist: Vec<usize> = (0..=m).collect();
    let mut from: Vec<usize> = vec![0; m + 1];
    let mut best = (dist[m], 0usize, 0usize); // (distance, end char index, start char index)
    for (j, &(_, c)) in chars.iter().enumerate() {
        let j = j + 1;
        let mut diag = dist[0];
        let mut diag_from = from[0];
        dist[0] = 0;
        from[0] = j;
        for i in 1..=m {
            let left = dist[i];
            let left_from = from[i];
            let substitute = diag + usize::from(!pattern[i - 1].eq_ignore_ascii_case(&c));
            let skip_pattern = dist[i - 1] + 1;
            let skip_text = left + 1;
            let (d, f) = if substitute <= skip_pattern && substitute <= skip_text {
                (substitute, diag_from)
            } else if skip_pattern <= skip_text {
                (skip_pattern, from[i - 1])
            } else {
                (skip_text, left_from)
            };
            diag = left;
            diag_from = left_from;
            dist[i] = d;
            from[i] = f;
        }
        if dist[m] < best.0 {
            best = (dist[m], j, from[m]);
        }
    }
    let (distance, end, start) = best;
    if end <= start {
        return None;
    }
    let byte = |k: usize| chars.get(k).map_or(window.end, |&(b, _)| b);
    Some((byte(start)..byte(end), distance))
}

/// Similarity of the stored prefix and suffix to the text around `range` now, each in 0..=1.
fn context_similarity(anchor: &Anchor, text: &str, range: &Range<usize>) -> (f64, f64) {
    let before = tail_chars(&text[..range.start], CONTEXT_CHARS);
    let after = head_chars(&text[range.end..], CONTEXT_CHARS);
    (similarity(&anchor.prefix, before), similarity(&anchor.suffix, after))
}

/// 1 − Levenshtein distance / longer length, over chars; 1.0 for two empty strings.
pub fn similarity(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = (diag + usize::from(ca != cb)).min(up + 1).min(row[j] + 1);
            diag = up;
        }
    }
    1.0 - row[b.len()] as f64 / longest as f64
}

/// The last `n` chars of `s`.
fn tail_chars(s: &str, n: usize) -> &str {
    let start = s.char_indices().rev().nth(n.saturating_sub(1)).map_or(0, |(i, _)| i);
    if n == 0 { "" } else { &s[start..] }
}

/// A stored prefix, cut to its last [`CONTEXT_CHARS`] characters.
fn bounded_prefix<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let s: String = serde::Deserialize::deserialize(d)?;
    Ok(tail_chars(&s, CONTEXT_CHARS).to_string())
}

/// A stored suffix, cut to its first [`CONTEXT_CHARS`] characters.
fn bounded_suffix<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let s: String = serde::Deserialize::deserialize(d)?;
    Ok(head_chars(&s, CONTEXT_CHARS).to_string())
}

/// The first `n` chars of `s`.
fn head_chars(s: &str, n: usize) -> &str {
    let end = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    &s[..end]
}

/// At most the last `n` bytes of `s`, starting on a char boundary.
fn tail_bytes(s: &str, n: usize) -> &str {
    &s[ceil_boundary(s, s.len().saturating_sub(n))..]
}

/// At most the first `n` bytes of `s`, ending on a char boundary.
fn head_bytes(s: &str, n: usize) -> &str {
    &s[..floor_boundary(s, n.min(s.len()))]
}

/// The largest char boundary ≤ `i` (clamped to the text).
fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary ≥ `i` (clamped to the text).
fn ceil_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 15: a stored context of any length is cut to [`CONTEXT_CHARS`] when loaded, so
    /// placing the annotation costs what a fresh one costs; the quote still anchors.
    #[test]
    fn a_huge_stored_context_is_bounded_on_loading() {
        let text = "Officials said the plant burned for 13 hours on Monday, and more.";
        let quote = text.find("the plant").unwrap()..text.find(" on Monday").unwrap();
        let mut stored = serde_json::to_value(Anchor::from_text("a", text, quote.clone()).unwrap()).unwrap();
        stored["prefix"] = serde_json::Value::String("x".repeat(80_000) + "Officials said ");
        stored["suffix"] = serde_json::Value::String(" on Monday".to_string() + &"y".repeat(80_000));
        let anchor: Anchor = serde_json::from_value(stored).unwrap();
        assert_eq!(anchor.prefix.chars().count(), CONTEXT_CHARS);
        assert!(anchor.prefix.ends_with("Officials said "));
        assert_eq!(anchor.suffix.chars().count(), CONTEXT_CHARS);
        assert!(anchor.suffix.starts_with(" on Monday"));
        assert_eq!(locate(&anchor, text).map(|(r, _)| r), Some(quote));
    }

    const TEXT: &str = "Plant closes\n\nThe plant shut on Monday after a fire. Workers were sent home early. \
                        The owner said repairs would take 13 weeks.\n\nUnions asked for pay during the closure.\n";

    fn anchor_on(text: &str, quote: &str) -> Anchor {
        let start = text.find(quote).unwrap();
        Anchor::from_text("a.txt", text, start..start + quote.len()).unwrap()
    }

    #[test]
    fn context_is_cut_on_char_boundaries() {
        let text = format!("{}target{}", "é".repeat(40), "ü".repeat(40));
        let a = anchor_on(&text, "target");
        assert_eq!(a.prefix.chars().count(), CONTEXT_CHARS);
        assert_eq!(a.suffix.chars().count(), CONTEXT_CHARS);
        assert!(a.prefix.chars().all(|c| c == 'é'));
    }

    #[test]
    fn unchanged_text_is_anchored_in_place() {
        let a = anchor_on(TEXT, "Workers were sent home early.");
        assert_eq!(locate(&a, TEXT), Some((a.start..a.end, Status::Anchored)));
    }

    #[test]
    fn repeated_phrase_is_told_apart_by_context() {
        let text = "He said no. Then she said no. Later he said no again.";
        let a = anchor_on(&text[12..], "said no");
        let a = Anchor { start: a.start + 12, end: a.end + 12, ..a };
        // Insert text at the start: the old offset now holds other words.
        let edited = format!("Intro words. {text}");
        let (r, status) = locate(&a, &edited).unwrap();
        assert_eq!(status, Status::Moved);
        assert_eq!(&edited[r.start - 4..r.end], "she said no");
    }

    #[test]
    fn slightly_changed_quote_is_found_fuzzily() {
        let a = anchor_on(TEXT, "The owner said repairs would take 13 weeks.");
        let edited = TEXT.replace("would take 13 weeks", "would take 14 weeks");
        let (r, status) = locate(&a, &edited).unwrap();
        assert_eq!(status, Status::Moved);
        assert_eq!(&edited[r], "The owner said repairs would take 14 weeks.");
    }

    #[test]
    fn rewritten_quote_is_orphaned() {
        let a = anchor_on(TEXT, "The owner said repairs would take 13 weeks.");
        let edited =
            TEXT.replace("The owner said repairs would take 13 weeks.", "Nobody knows when it reopens.");
        assert_eq!(locate(&a, &edited), None);
    }

    #[test]
    fn similar_sentence_elsewhere_with_other_context_is_not_taken() {
        let text = "Alpha beta gamma. The mayor said the bridge would reopen in May. Delta epsilon.";
        let a = anchor_on(text, "The mayor said the bridge would reopen in May.");
        let edited = "Completely different opening here. Delta epsilon. Zeta eta theta iota kappa lambda. \
                      The mayor said the bridge would reopen in June. Omicron pi rho sigma.";
        assert_eq!(locate(&a, edited), None);
    }

    #[test]
    fn short_quote_needs_context() {
        let text = "The count was 13 in the north region today.";
        let a = anchor_on(text, "13");
        let edited = "Nothing here matches at all, though 13 appears once.";
        assert_eq!(locate(&a, edited), None);
    }

    #[test]
    fn short_quote_at_its_old_offset_needs_context() {
        let text = "We saw 13 of them near the river bank at dawn.";
        let a = anchor_on(text, "13");
        let coincidence = "Tally: 13 units, no other word agrees here at all.";
        assert_eq!(&coincidence[a.start..a.end], "13");
        assert_eq!(locate(&a, coincidence), None);
        let kept = "We saw 13 of them near the river, at dawn.";
        assert_eq!(locate(&a, kept), Some((a.start..a.end, Status::Anchored)));
    }

    #[test]
    fn similarity_is_normalised() {
        assert_eq!(similarity("", ""), 1.0);
        assert_eq!(similarity("abc", "abc"), 1.0);
        assert!((similarity("abcd", "abce") - 0.75).abs() < 1e-9);
        assert_eq!(similarity("", "abc"), 0.0);
    }

    #[test]
    fn align_finds_best_substring() {
        let pattern: Vec<char> = "quick brown".chars().collect();
        let text = "the quick brwn fox";
        let (r, d) = align(&pattern, text, 0..text.len()).unwrap();
        assert_eq!(&text[r], "quick brwn");
        assert_eq!(d, 1);
    }

    #[test]
    fn fuzzy_search_on_a_large_text_is_bounded() {
        let filler = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(20_000);
        let text = format!("{filler}The council voted to close the old library on Friday.{filler}");
        let a = anchor_on(&text, "The council voted to close the old library on Friday.");
        let edited = text.replace("on Friday", "on Thursday");
        let t = std::time::Instant::now();
        let (r, status) = locate(&a, &edited).unwrap();
        assert_eq!(status, Status::Moved);
        assert_eq!(&edited[r], "The council voted to close the old library on Thursday.");
        assert!(t.elapsed().as_secs() < 20, "took {:?}", t.elapsed());
    }
}
