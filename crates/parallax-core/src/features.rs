//! Turning passages into weighted term vectors for alignment.
//!
//! A passage becomes a set of *terms*: stemmed content words, normalised numbers (`#13` for
//! "13", "13-hour" and "thirteen"), months (`@12` for "December" and "Dec."), and acronyms
//! learned from the corpus itself ("Amazon Web Services (AWS)" makes the long form and "AWS" one
//! term). Terms are weighted by inverse passage frequency, so words every article uses
//! ("Amazon", "AI") count for little and the specific words of a fact count for much.
//!
//! Everything here is general English; nothing is tied to one corpus.

use std::borrow::Cow;
use std::collections::BTreeMap;

use rayon::prelude::*;
use rust_stemmers::{Algorithm, Stemmer};
use unicode_segmentation::UnicodeSegmentation;

use crate::corpus::{Article, Corpus};
use crate::hash::FxHashMap;
use crate::lexicon::{ACRONYM_GAPS, MONTH_NAMES, STOPWORDS};
use crate::segment::PassageKind;
use crate::text;

/// What sort of term a feature is; decides how evidence is shown and some weights.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TermKind {
    Word,
    Name,
    Number,
    Date,
    Acronym,
}

/// A term of the vocabulary: its kind and the surface form first seen, for evidence.
#[derive(Debug, Clone)]
pub struct Term {
    pub kind: TermKind,
    pub surface: String,
}

/// One passage's terms: sorted term ids with unit-length TF-IDF weights.
#[derive(Debug, Clone, Default)]
pub struct Vector {
    pub terms: Vec<(u32, f32)>,
    /// Numbers stated (normalised values), for conflict checks.
    pub numbers: Vec<u32>,
    /// Months stated, as term ids.
    pub months: Vec<u32>,
}

/// The vocabulary and vectors of a whole corpus, indexed like `corpus.articles[a].passages[p]`.
#[derive(Debug, Clone)]
pub struct Features {
    pub terms: Vec<Term>,
    pub vectors: Vec<Vec<Vector>>,
    /// Each article's unit centroid of its passage vectors: what the article is about.
    pub articles: Vec<Vec<(u32, f32)>>,
    /// Each passage's bytes in its file, indexed like `vectors`: where a claim member's span
    /// defaults to when no narrower part of the passage stands out.
    pub spans: Vec<Vec<crate::analysis::Span>>,
    /// Each passage's clauses and the terms in each, indexed like `vectors`: where a narrower
    /// part is looked for. Empty for a passage of one clause.
    pub clauses: Vec<Vec<Clauses>>,
}

/// The clauses of a passage of two or more (see [`crate::clause`]) and the terms each holds:
/// what lets a claim member name the part of its passage that states the claim's fact.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Clauses {
    /// Each clause's bytes in its file, in order.
    pub spans: Vec<crate::analysis::Span>,
    /// `(term, clause)` pairs, sorted, each once: a term said in two clauses is in both.
    pub terms: Vec<(u32, u16)>,
}

/// A passage's tokens and, when it has two clauses or more, their file spans and the clause
/// of each token.
type PassageTokens = (Vec<Token>, Option<(Vec<crate::analysis::Span>, Vec<u16>)>);

/// The clause cut of a passage of `text` at file offset `start` whose tokens are `tokens`:
/// none for one clause (or more than a `u16` counts).
fn clause_cut(text: &str, start: usize, tokens: &[Token]) -> Option<(Vec<crate::analysis::Span>, Vec<u16>)> {
    let cut = crate::clause::clauses(text);
    if cut.len() < 2 || cut.len() > usize::from(u16::MAX) || tokens.is_empty() {
        return None;
    }
    // A token belongs to the clause it starts in (or the last one before it).
    let of =
        tokens.iter().map(|t| cut.partition_point(|c| c.start <= t.at).saturating_sub(1) as u16).collect();
    let spans = cut.into_iter().map(|c| crate::analysis::Span(start + c.start, start + c.end)).collect();
    Some((spans, of))
}

/// A long form and the acronym the corpus defines for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Acronym {
    /// Lower-case words of the long form.
    pub long: Vec<String>,
    /// Lower-case acronym.
    pub short: String,
}

/// Bytes before a parenthesis searched for the long form of an acronym.
const LONG_FORM_WINDOW: usize = 400;

/// Finds definitions "Long Form Name (LFN)" and "LFN (Long Form Name)" in the corpus.
pub fn learn_acronyms(corpus: &Corpus) -> Vec<Acronym> {
    let mut found: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for article in &corpus.articles {
        let t = &article.text;
        let mut search = 0;
        while let Some(off) = t[search..].find('(') {
            let open = search + off;
            search = open + 1;
            let Some(close_off) = t[open..].find(')') else { break };
            let inner = t[open + 1..open + close_off].trim();
            // The long form is a few words right before the parenthesis: look at a window, not
            // the whole text so far (which made a long article with many parentheses quadratic).
            let mut from = open.saturating_sub(LONG_FORM_WINDOW);
            while !t.is_char_boundary(from) {
                from -= 1;
            }
            let mut before: Vec<&str> = t[from..open].unicode_words().collect();
            if from > 0 && !before.is_empty() {
                before.remove(0); // perhaps cut in the middle
            }
            if is_acronym(inner) {
                if let Some(long) = long_form_before(&before, inner) {
                    found.entry(inner.to_lowercase()).or_insert(long);
                }
            } else if let Some(short) = before.last().filter(|w| is_acronym(w)) {
                let words: Vec<&str> = inner.unicode_words().collect();
                if initials_match(&words, short) {
                    found
                        .entry(short.to_lowercase())
                        .or_insert(words.iter().map(|w| w.to_lowercase()).collect());
                }
            }
        }
    }
    found.into_iter().map(|(short, long)| Acronym { long, short }).collect()
}

fn is_acronym(s: &str) -> bool {
    let n = s.chars().count();
    (2..=6).contains(&n) && s.chars().all(|c| c.is_ascii_uppercase() || c == '&')
}

/// Content words' initials must spell the acronym ("of", "and", "the", "for" may be skipped).
fn initials_match(words: &[&str], acronym: &str) -> bool {
    let letters: String = acronym.chars().filter(char::is_ascii_alphabetic).collect();
    let significant: String = words
        .iter()
        .filter(|w| !ACRONYM_GAPS.contains(&w.to_lowercase()))
        .filter_map(|w| w.chars().next())
        .collect();
    !letters.is_empty() && significant.eq_ignore_ascii_case(&letters) && words.len() >= 2
}

fn long_form_before(before: &[&str], acronym: &str) -> Option<Vec<String>> {
    let letters = acronym.chars().filter(char::is_ascii_alphabetic).count();
    // Try the shortest window of words ending right before "(" whose initials spell it.
    for len in letters..=(letters + 3).min(before.len()) {
        let window = &before[before.len() - len..];
        if window.first().is_some_and(|w| w.starts_with(char::is_uppercase))
            && initials_match(window, acronym)
        {
            return Some(window.iter().map(|w| w.to_lowercase()).collect());
        }
    }
    None
}

/// Articles tokenised in parallel at a time.
const TOKENIZE_CHUNK: usize = 256;

/// A passage's term counts, numbers and months, before IDF weighting.
type RawVector = (Vec<(u32, f32)>, Vec<u32>, Vec<u32>);

/// Term ids by key, assigned in order of first appearance.
#[derive(Default)]
struct Vocabulary {
    ids: FxHashMap<String, u32>,
    terms: Vec<Term>,
}

impl Vocabulary {
    /// The term counts, numbers and months of each of an article's passages.
    fn intern_article(&mut self, passages: Vec<PassageTokens>) -> (Vec<RawVector>, Vec<Clauses>) {
        passages
            .into_iter()
            .map(|(tokens, cut)| {
                let (raw, ids) = self.intern_passage(tokens, cut.is_some());
                let clauses = cut.map_or_else(Clauses::default, |(spans, of)| {
                    let mut terms: Vec<(u32, u16)> = ids.into_iter().zip(of).collect();
                    terms.sort_unstable();
                    terms.dedup();
                    Clauses { spans, terms }
                });
                (raw, clauses)
            })
            .unzip()
    }

    /// The raw vector of a passage and, with `in_order`, its term ids in token order (else
    /// none: only a passage of several clauses needs them).
    fn intern_passage(&mut self, tokens: Vec<Token>, in_order: bool) -> (RawVector, Vec<u32>) {
        let mut ids: Vec<u32> = Vec::with_capacity(tokens.len());
        let mut numbers = Vec::new();
        let mut months = Vec::new();
        for tok in tokens {
            let kind = tok.kind;
            let id = match self.ids.get(tok.key.as_str()) {
                Some(&id) => {
                    // A word seen capitalised mid-sentence anywhere is a name.
                    let term = &mut self.terms[id as usize];
                    if kind == TermKind::Name && term.kind == TermKind::Word {
                        term.kind = TermKind::Name;
                        term.surface = tok.surface;
                    }
                    id
                }
                None => {
                    let id = self.terms.len() as u32;
                    self.ids.insert(tok.key, id);
                    self.terms.push(Term { kind, surface: tok.surface });
                    id
                }
            };
            ids.push(id);
            match kind {
                TermKind::Number => numbers.push(id),
                TermKind::Date => months.push(id),
                _ => {}
            }
        }
        let in_order = if in_order { ids.clone() } else { Vec::new() };
        ids.sort_unstable();
        let mut tf: Vec<(u32, f32)> = Vec::with_capacity(ids.len());
        for id in ids {
            match tf.last_mut() {
                Some(last) if last.0 == id => last.1 += 1.0,
                _ => tf.push((id, 1.0)),
            }
        }
        numbers.sort_unstable();
        numbers.dedup();
        months.sort_unstable();
        months.dedup();
        ((tf, numbers, months), in_order)
    }
}

/// Builds the vocabulary and vectors of every passage of `corpus`.
pub fn extract(corpus: &Corpus) -> Features {
    extract_with_progress(corpus, &|_| {})
}

/// [`extract`], calling `progress` with the number of articles read so far.
pub fn extract_with_progress(corpus: &Corpus, progress: &dyn Fn(usize)) -> Features {
    let acronyms = learn_acronyms(corpus);
    let mut vocab = Vocabulary::default();
    let mut raw: Vec<Vec<RawVector>> = Vec::with_capacity(corpus.articles.len());
    let mut clauses: Vec<Vec<Clauses>> = Vec::with_capacity(corpus.articles.len());
    // Tokenising is the costly part and independent per article: done in parallel, a chunk of
    // articles at a time so the tokens of a huge corpus never all sit in memory. Interning
    // is sequential (term ids follow first appearance); one chunk is interned while the next
    // is tokenised, so neither core waits for it.
    let tokenize_chunk = |chunk: &[Article]| -> Vec<Vec<PassageTokens>> {
        chunk
            .par_iter()
            .map(|article| {
                STEMS.with_borrow_mut(|stems| {
                    article
                        .passages
                        .iter()
                        .map(|p| {
                            let text = &article.text[p.start..p.end];
                            let tokens = passage_tokens(text, p.kind, &acronyms, stems);
                            let cut = clause_cut(text, p.start, &tokens);
                            (tokens, cut)
                        })
                        .collect()
                })
            })
            .collect()
    };
    let mut chunks = corpus.articles.chunks(TOKENIZE_CHUNK);
    let mut pending = chunks.next().map(tokenize_chunk);
    while let Some(tokens) = pending.take() {
        progress(raw.len());
        let next = chunks.next();
        let (_, next_tokens) = rayon::join(
            || {
                for passages in tokens {
                    let (vectors, cut) = vocab.intern_article(passages);
                    raw.push(vectors);
                    clauses.push(cut);
                }
            },
            || next.map(tokenize_chunk),
        );
        pending = next_tokens;
    }
    let Vocabulary { terms, .. } = vocab;
    let passages: usize = raw.iter().map(Vec::len).sum();
    let mut df = vec![0u32; terms.len()];
    for (tf, _, _) in raw.iter().flatten() {
        for &(id, _) in tf {
            df[id as usize] += 1;
        }
    }
    let n = passages.max(1) as f32;
    let idf: Vec<f32> = df.iter().map(|&d| (1.0 + n / d.max(1) as f32).ln()).collect();
    let vectors: Vec<Vec<Vector>> = raw
        .into_par_iter()
        .map(|article| {
            article
                .into_iter()
                .map(|(tf, numbers, months)| {
                    // Sublinear TF-IDF, every kind of term alike. Names and numbers used to weigh
                    // 1.5 times more; then a claim's centroid is dominated by the story's own
                    // names, and passages join claims by topic rather than by fact (fact-labelled
                    // coverage: pooled F1 0.497 with the extra weight, 0.538 without).
                    let mut terms: Vec<(u32, f32)> = tf
                        .into_iter()
                        .map(|(id, count)| (id, (1.0 + count.ln()) * idf[id as usize]))
                        .collect();
                    let norm = terms.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
                    if norm > 0.0 {
                        for t in &mut terms {
                            t.1 /= norm;
                        }
                    }
                    Vector { terms, numbers, months }
                })
                .collect()
        })
        .collect();
    let articles = vectors.par_iter().map(|ps: &Vec<Vector>| centroid(ps)).collect();
    let spans = corpus
        .articles
        .iter()
        .map(|a| a.passages.iter().map(|p| crate::analysis::Span(p.start, p.end)).collect())
        .collect();
    Features { terms, vectors, articles, spans, clauses }
}

/// The unit-length sum of an article's passage vectors.
fn centroid(passages: &[Vector]) -> Vec<(u32, f32)> {
    let mut sum: BTreeMap<u32, f32> = BTreeMap::new();
    for v in passages {
        for &(t, w) in &v.terms {
            *sum.entry(t).or_default() += w;
        }
    }
    let norm = sum.values().map(|w| w * w).sum::<f32>().sqrt();
    sum.into_iter().map(|(t, w)| (t, if norm > 0.0 { w / norm } else { 0.0 })).collect()
}

/// Dot product of two sparse vectors sorted by term id.
pub fn dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    dot_count(a, b).0
}

/// Dot product and the number of shared terms.
pub fn dot_count(a: &[(u32, f32)], b: &[(u32, f32)]) -> (f32, usize) {
    let mut sum = 0.0;
    let mut shared = 0;
    let (mut x, mut y) = (0, 0);
    while x < a.len() && y < b.len() {
        match a[x].0.cmp(&b[y].0) {
            std::cmp::Ordering::Less => x += 1,
            std::cmp::Ordering::Greater => y += 1,
            std::cmp::Ordering::Equal => {
                sum += a[x].1 * b[y].1;
                shared += 1;
                x += 1;
                y += 1;
            }
        }
    }
    (sum, shared)
}

/// One token of a passage as the aligner sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// Byte offset in the passage of the token's first word.
    pub at: usize,
    pub key: String,
    pub kind: TermKind,
    pub surface: String,
}

/// Stems words through a cache: news text repeats its words, and the Snowball stemmer is the
/// costliest step of tokenising. One per worker thread.
pub struct Stems {
    stemmer: Stemmer,
    cache: FxHashMap<String, String>,
}

thread_local! {
    static STEMS: std::cell::RefCell<Stems> = std::cell::RefCell::new(Stems::new());
}

/// The stem of `word` (lower case), through this thread's cache: "sinks" and "sinking" are
/// one word to the kinds that ask whether two sentences speak of the same thing.
pub fn stem(word: &str) -> String {
    STEMS.with(|s| s.borrow_mut().stem(word))
}

/// Words a [`Stems`] cache holds before it starts over, so memory stays bounded.
const STEM_CACHE_MAX: usize = 200_000;

impl Stems {
    pub fn new() -> Self {
        Stems { stemmer: Stemmer::create(Algorithm::English), cache: FxHashMap::default() }
    }

    /// The stem of `word` (lower case).
    fn stem(&mut self, word: &str) -> String {
        if let Some(stem) = self.cache.get(word) {
            return stem.clone();
        }
        if self.cache.len() >= STEM_CACHE_MAX {
            self.cache.clear();
        }
        let stem = self.stemmer.stem(word).into_owned();
        self.cache.insert(word.to_string(), stem.clone());
        stem
    }
}

impl Default for Stems {
    fn default() -> Self {
        Stems::new()
    }
}

/// The terms of a passage of `kind`: none for a non-statement (a tag list, a byline, a
/// dateline…), so it never aligns; capitals mark names only where they are informative.
fn passage_tokens(passage: &str, kind: PassageKind, acronyms: &[Acronym], stems: &mut Stems) -> Vec<Token> {
    if !kind.is_statement() {
        return Vec::new();
    }
    tokenize(passage, capitals_mark_names(passage, kind), acronyms, stems)
}

/// Share of capitalised words (past the first, acronyms and small words aside) at or above
/// which a headline or heading is written in Title Case.
const TITLE_CASE_SHARE: f32 = 0.75;

/// Whether a capital inside `passage` marks a name: not in a headline or heading written in
/// Title Case ("Second Incident in a Short Time"), where every word has one. A name there is
/// still a name when the corpus writes it capitalised in a sentence: term kinds are the
/// corpus's.
fn capitals_mark_names(passage: &str, kind: PassageKind) -> bool {
    if !matches!(kind, PassageKind::Title | PassageKind::Heading) {
        return true;
    }
    let (mut words, mut capitalised) = (0usize, 0usize);
    for w in passage.unicode_words().skip(1) {
        let acronym =
            w.chars().filter(|c| c.is_alphabetic()).count() > 1 && !w.chars().any(char::is_lowercase);
        if acronym || !w.starts_with(char::is_alphabetic) || STOPWORDS.contains(&text::fold(w)) {
            continue;
        }
        words += 1;
        capitalised += usize::from(w.starts_with(char::is_uppercase));
    }
    words == 0 || (capitalised as f32) < TITLE_CASE_SHARE * words as f32
}

/// Cuts a passage into terms: stems, numbers, months, acronyms; stopwords dropped. With
/// `names`, a capitalised word inside the passage is a name.
pub fn tokenize(passage: &str, names: bool, acronyms: &[Acronym], stems: &mut Stems) -> Vec<Token> {
    let words: Vec<(usize, &str)> = passage.unicode_word_indices().collect();
    let lower: Vec<Cow<str>> = words
        .iter()
        .map(|(_, w)| match text::fold(w) {
            Cow::Borrowed(f) => Cow::Borrowed(strip_possessive(f)),
            Cow::Owned(f) => Cow::Owned(strip_possessive(&f).to_string()),
        })
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let (pos, w) = words[i];
        // A long form defined as an acronym becomes the acronym.
        let defined = |a: &&Acronym| {
            lower.len() - i >= a.long.len() && a.long.iter().zip(&lower[i..]).all(|(x, y)| x == y)
        };
        if let Some(a) = acronyms.iter().find(defined) {
            out.push(Token {
                at: pos,
                key: a.short.clone(),
                kind: TermKind::Acronym,
                surface: a.short.to_uppercase(),
            });
            i += a.long.len();
            continue;
        }
        let l = lower[i].as_ref();
        if let Some(v) = parse_number(l) {
            let mut value = v;
            if let Some(scale) = lower.get(i + 1).and_then(|n| text::scale_word(n)).filter(|_| v < 1000.0) {
                value *= scale;
                i += 1;
            }
            out.push(Token {
                at: pos,
                key: number_key(value),
                kind: TermKind::Number,
                surface: w.to_string(),
            });
        } else if let Some(m) = text::month(w) {
            out.push(Token {
                at: pos,
                key: format!("@{m}"),
                kind: TermKind::Date,
                surface: MONTH_NAMES[m as usize - 1].into(),
            });
        } else if let Some(v) = text::number_word(l) {
            out.push(Token { at: pos, key: number_key(v), kind: TermKind::Number, surface: w.to_string() });
        } else if !STOPWORDS.contains(l) && l.chars().any(char::is_alphanumeric) {
            let is_name = names && w.starts_with(char::is_uppercase) && !is_sentence_start(passage, pos);
            let acronym = acronyms.iter().any(|a| a.short == l);
            let kind = if acronym {
                TermKind::Acronym
            } else if is_name {
                TermKind::Name
            } else {
                TermKind::Word
            };
            let key = if acronym { l.to_string() } else { stems.stem(l) };
            out.push(Token { at: pos, key, kind, surface: w.to_string() });
        }
        i += 1;
    }
    out
}

fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("'s").unwrap_or(w)
}

/// Whether the word at `pos` starts the passage (after any quote marks or bullets).
fn is_sentence_start(passage: &str, pos: usize) -> bool {
    passage[..pos].chars().all(|c| !c.is_alphanumeric())
}

/// Parses "13", "13,000", "35.6", "60%" (digits only; words are handled elsewhere).
pub fn parse_number(w: &str) -> Option<f64> {
    let w = w.trim_end_matches('%');
    if !w.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let cleaned: String = w.chars().filter(|&c| c != ',').collect();
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// A stable key for a number: integers without decimals, others to 4 significant places.
pub fn number_key(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 { format!("#{}", v as i64) } else { format!("#{v:.4}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(s: &str, acronyms: &[Acronym]) -> Vec<String> {
        tokenize(s, true, acronyms, &mut Stems::new()).into_iter().map(|t| t.key).collect()
    }

    #[test]
    fn numbers_normalise_across_forms() {
        assert!(keys("a 13-hour interruption", &[]).contains(&"#13".to_string()));
        assert!(keys("offline for thirteen hours", &[]).contains(&"#13".to_string()));
        assert!(keys("revenue of $35.6 billion", &[]).contains(&"#35600000000".to_string()));
        assert!(keys("13,000 workers", &[]).contains(&"#13000".to_string()));
    }

    #[test]
    fn acronyms_are_learned_from_the_corpus() {
        let c = Corpus::from_texts([
            ("a", "Title\nAmazon Web Services (AWS) grew.\n"),
            ("b", "T\nThe EU (European Union) met.\n"),
        ]);
        let acr = learn_acronyms(&c);
        assert!(acr.iter().any(|a| a.short == "aws" && a.long == ["amazon", "web", "services"]));
        assert!(acr.iter().any(|a| a.short == "eu" && a.long == ["european", "union"]));
        assert_eq!(keys("Amazon Web Services grew", &acr)[0], "aws");
        assert_eq!(keys("AWS grew", &acr)[0], "aws");
    }

    /// The surfaces `tokenize` takes for names in `passage` of `kind`.
    fn names(passage: &str, kind: PassageKind) -> Vec<String> {
        let tokens = tokenize(passage, capitals_mark_names(passage, kind), &[], &mut Stems::new());
        tokens.into_iter().filter(|t| t.kind == TermKind::Name).map(|t| t.surface).collect()
    }

    #[test]
    fn title_case_capitals_are_not_names() {
        assert!(names("Second Grounding in a Short Time", PassageKind::Heading).is_empty());
        assert!(names("Ferry Operator Blames Harbour Board for AI Error", PassageKind::Title).is_empty());
        assert_eq!(
            names("Ferry operator blames Harbour Board for grounding", PassageKind::Title),
            ["Harbour", "Board"]
        );
        // In a sentence, capitals inside it are informative however many there are.
        assert_eq!(
            names("Officials of the Harbour Board Met at the pier.", PassageKind::Sentence),
            ["Harbour", "Board", "Met"]
        );
    }

    #[test]
    fn a_name_in_a_title_case_heading_is_still_the_corpus_s_name() {
        let c = Corpus::from_texts([
            ("a", "Ferry Runs Aground Near Dover\nThe ferry ran aground near Dover on Friday.\n"),
            ("b", "Storm Hits the Coast\nA ferry struck a pier near Dover.\n"),
        ]);
        let f = extract(&c);
        let kind =
            |surface: &str| f.terms.iter().find(|t| t.surface.eq_ignore_ascii_case(surface)).map(|t| t.kind);
        assert_eq!(kind("Dover"), Some(TermKind::Name));
        assert_eq!(kind("Aground"), Some(TermKind::Word), "{:?}", f.terms);
        assert_eq!(kind("Storm"), Some(TermKind::Word));
    }

    #[test]
    fn non_statements_get_no_terms() {
        let c = Corpus::from_texts([
            (
                "a",
                "Ferry aground\nBy Jana Ortiz\nThe ferry ran aground near Dover.\nTags: ferry, Dover, storm\n",
            ),
            (
                "b",
                "Ferry stuck\nTuesday, July 2, 2013\nA ferry ran aground off Dover.\nRead more: ferry news\n",
            ),
        ]);
        let f = extract(&c);
        for (article, vectors) in c.articles.iter().zip(&f.vectors) {
            for (p, v) in article.passages.iter().zip(vectors) {
                assert_eq!(
                    v.terms.is_empty(),
                    !p.kind.is_statement(),
                    "{:?} {:?}",
                    p.kind,
                    article.passage_text(p.index)
                );
            }
            assert_eq!(article.passages.iter().filter(|p| !p.kind.is_statement()).count(), 2);
        }
    }

    #[test]
    fn months_and_stopwords() {
        assert_eq!(keys("In December the outage hit", &[]), vec!["@12", "outag", "hit"]);
    }
}
