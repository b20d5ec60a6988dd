//! Passages that state nothing a claim can hold: tag and keyword lists, navigation and footer
//! lines, bylines, captions and datelines. They stay passages (the reader shows them, dimmed,
//! and the JSON gives their kind) but the features give them no terms, so they never align.
//!
//! They are recognised by their shape, the same for any outlet, never by a site's wording:
//! - a **dateline** is nothing but dates, clock times, zones and words such as "Updated";
//! - a **byline** is "By" (or "Posted by", "Reporting by") and then only names, an outlet and
//!   a role or a date;
//! - a **caption** opens with a label ("Photo:") or ends with a photo or agency credit
//!   ("(AP Photo/…)", "(Reuters)"); a Markdown image is its alt text;
//! - a **tag list** is a label ("Tags:", "Keywords:", "Tags & Viral Phrases:") with its items on
//!   the same line or on the short lines after it, a run of hashtags, or a comma list of short
//!   phrases with no small words and no numbers;
//! - **navigation** is a menu ("Home | World | Business"), a call to action ("Read more",
//!   "Sign up for our newsletter", "Share this article"), a "More from …:" pointer, a comment
//!   count, a copyright line or a subscription pitch to "you" from "our" site; at the end of an
//!   article, a comment section (an opener such as "Leave a Reply" followed only by short
//!   lines) and a heading followed by nothing but such lines (a site's tagline above its
//!   footer).
//!
//! Headings as such are left alone: about a third of heading-like lines state facts ("Second
//! Incident in a Short Time"), so only the shapes above are non-statements.

use crate::lexicon::{
    BYLINE_LEADS, BYLINE_WORDS, CAPTION_LABELS, COMMENT_OPENERS, DATE_ABBREVIATIONS, DATELINE_WORDS,
    MEDIA_LEADS, MEDIA_NOUNS, NAV_LABELS, NAV_LEADS, NAV_LINES, PHOTO_CREDIT_WORDS, STOPWORDS,
    SUBSCRIPTION_WORDS, TAG_LABELS, TIME_ZONES, WIRE_AGENCIES,
};
use crate::text;

use super::{PassageKind, Segment, parse_marker};

/// Words of a passage's opening that are read as phrases ("you may also like").
const LEAD_WORDS: usize = 6;
/// A label ends with a colon within this many words: "Tags & Viral Phrases:".
const LABEL_MAX_WORDS: usize = 4;
/// A call to action, a menu pointer or a comment count is at most this long.
const NAV_MAX_WORDS: usize = 12;
/// A pointer to a slideshow or a video is at most this long.
const MEDIA_MAX_WORDS: usize = 15;
/// Lines of a comment form, and lines with a copyright notice, are at most this long.
const FOOTER_MAX_WORDS: usize = 20;
/// A subscription pitch is at most this long; longer passages are only checked for a credit.
const PROMO_MAX_WORDS: usize = 45;
/// A byline (names, outlet, role, date) is at most this long.
const BYLINE_MAX_WORDS: usize = 20;
/// A dateline is at most this long.
const DATELINE_MAX_WORDS: usize = 16;
/// An item of a tag list is at most this long.
const TAG_MAX_WORDS: usize = 8;
/// Items of an unlabelled comma list of tags: at least this many, each at most so many words.
const TAG_LIST_MIN_ITEMS: usize = 4;
const TAG_LIST_ITEM_MAX_WORDS: usize = 4;
/// Items of a menu: at least this many, each at most so many words.
const MENU_MIN_ITEMS: usize = 3;
const MENU_ITEM_MAX_WORDS: usize = 3;
/// A credit in parentheses has at most this many words.
const CREDIT_MAX_WORDS: usize = 6;

/// Gives the non-statements among one article's passages (in order, with the kinds the
/// segmenter or the format gave them) their kind. The article's headline is left as it is.
pub fn mark_non_statements(text: &str, segs: &mut [Segment]) {
    let shapes: Vec<Shape> = segs.iter().map(|s| Shape::new(text, s)).collect();
    for (seg, shape) in segs.iter_mut().zip(&shapes) {
        if seg.kind != PassageKind::Title
            && let Some(kind) = shape.kind()
        {
            seg.kind = kind;
        }
    }
    mark_credited_captions(text, segs, &shapes);
    mark_tag_items(segs, &shapes);
    mark_comment_section(segs, &shapes);
    mark_footer_headings(segs);
}

/// A photo credit on the line of the sentence before it: that sentence is its caption.
fn mark_credited_captions(text: &str, segs: &mut [Segment], shapes: &[Shape]) {
    let starts_line =
        |segs: &[Segment], k: usize| k == 0 || text[segs[k - 1].end..segs[k].start].contains(['\n', '\r']);
    for k in 1..segs.len() {
        let credit_alone = shapes[k].text.starts_with('(') && credit(shapes[k].text) == Some(Credit::Photo);
        if credit_alone
            && !starts_line(segs, k)
            && starts_line(segs, k - 1)
            && segs[k - 1].kind != PassageKind::Title
        {
            segs[k - 1].kind = PassageKind::Caption;
        }
    }
}

/// A tag label alone on its line ("Tags & Viral Phrases:"): the short lines after it are its
/// items.
fn mark_tag_items(segs: &mut [Segment], shapes: &[Shape]) {
    let mut in_list = false;
    for (seg, shape) in segs.iter_mut().zip(shapes) {
        if seg.kind == PassageKind::Tags {
            in_list = shape.tag_label_alone();
        } else if in_list && seg.kind.is_statement() && shape.is_tag_item() {
            seg.kind = PassageKind::Tags;
        } else {
            in_list = false;
        }
    }
}

/// A comment section: an opener ("Leave a Reply", "3 replies") followed only by short lines to
/// the end of the article. A comment count above a long article opens nothing.
fn mark_comment_section(segs: &mut [Segment], shapes: &[Shape]) {
    let mut short_after = vec![true; segs.len() + 1];
    for k in (0..segs.len()).rev() {
        short_after[k] = short_after[k + 1] && shapes[k].words <= FOOTER_MAX_WORDS;
    }
    let Some(open) = (0..segs.len()).find(|&k| shapes[k].opens_comments() && short_after[k + 1]) else {
        return;
    };
    for seg in &mut segs[open..] {
        if seg.kind.is_statement() && seg.kind != PassageKind::Title {
            seg.kind = PassageKind::Navigation;
        }
    }
}

/// A heading followed by nothing but non-statements heads the footer (a site's tagline above
/// its subscription pitch), not part of the article.
fn mark_footer_headings(segs: &mut [Segment]) {
    let last = segs.len().saturating_sub(1);
    for (k, seg) in segs.iter_mut().enumerate().rev() {
        if seg.kind == PassageKind::Heading && k < last {
            seg.kind = PassageKind::Navigation;
        } else if seg.kind.is_statement() {
            break;
        }
    }
}

/// The kind a line has by its shape alone, when it is a non-statement: for a format deciding
/// whether a first line is the headline or a dateline, byline or menu above it.
pub fn line_kind(line: &str) -> Option<PassageKind> {
    let seg = Segment { start: 0, end: line.len(), kind: PassageKind::Heading };
    Shape::new(line, &seg).kind()
}

/// What the recognisers read of one passage.
struct Shape<'a> {
    /// The passage without its list marker.
    text: &'a str,
    /// Its words (see [`word_count`]), counted up to [`PROMO_MAX_WORDS`] + 1.
    words: usize,
    /// The first [`LEAD_WORDS`] words, bare (no surrounding punctuation) and folded, each
    /// followed by a space: "read more "; empty for a passage of more than
    /// [`FOOTER_MAX_WORDS`] words.
    lead: String,
    /// Where each word of `lead` ends, so its first `n` words are `lead[..ends[n - 1]]`.
    ends: Vec<usize>,
    /// The words before a colon that closes one of the first [`LABEL_MAX_WORDS`] words, bare
    /// and folded, and the text after the colon.
    label: Option<(Vec<String>, &'a str)>,
}

impl<'a> Shape<'a> {
    fn new(text: &'a str, seg: &Segment) -> Self {
        let mut s = &text[seg.range()];
        if seg.kind == PassageKind::ListItem
            && let Some((end, _)) = parse_marker(s, 0)
        {
            s = s[end..].trim_start();
        }
        let words = word_count(s, PROMO_MAX_WORDS + 1);
        let mut lead = String::new();
        let mut ends = Vec::with_capacity(LEAD_WORDS);
        // Only short passages are read by their opening words: calls to action, bylines,
        // datelines and pointers are short, and most passages are not.
        let lead_words = if words <= FOOTER_MAX_WORDS { LEAD_WORDS } else { 0 };
        for w in s.split_whitespace().map(bare).filter(|w| !w.is_empty()).take(lead_words) {
            lead.push_str(&text::fold(w));
            ends.push(lead.len());
            lead.push(' ');
        }
        Shape { text: s, words, lead, ends, label: label(s) }
    }

    /// The passage's first `n` words, folded ("read more"), when it has that many.
    fn first(&self, n: usize) -> Option<&str> {
        n.checked_sub(1).and_then(|k| self.ends.get(k)).map(|&end| &self.lead[..end])
    }

    /// The passage's `k`-th word (from 0), folded.
    fn word(&self, k: usize) -> Option<&str> {
        let start = if k == 0 { 0 } else { self.ends.get(k - 1)? + 1 };
        self.ends.get(k).map(|&end| &self.lead[start..end])
    }

    /// The whole passage folded, when it is short enough to be held whole.
    fn whole(&self) -> Option<&str> {
        (self.words <= LEAD_WORDS).then(|| self.first(self.ends.len())).flatten()
    }

    /// Whether the passage opens with a phrase of `list` (one to four words).
    fn opens_with(&self, list: crate::lexicon::Words) -> bool {
        (1..=4).any(|n| self.first(n).is_some_and(|p| list.contains(p)))
    }

    /// The non-statement kind the passage has by its own shape, if any.
    fn kind(&self) -> Option<PassageKind> {
        if self.words > PROMO_MAX_WORDS {
            return credit(self.text).map(|_| PassageKind::Caption);
        }
        if self.is_dateline() {
            Some(PassageKind::Dateline)
        } else if self.is_byline() {
            Some(PassageKind::Byline)
        } else if self.is_caption() {
            Some(PassageKind::Caption)
        } else if self.is_tags() {
            Some(PassageKind::Tags)
        } else if self.is_navigation() {
            Some(PassageKind::Navigation)
        } else {
            None
        }
    }

    /// Only dates, times, zones and their labels: "Tuesday, July 2, 2013", "Updated: July 02,
    /// 2013 15: 50 IST", "Published 10:32 a.m. ET Feb. 20, 2026".
    fn is_dateline(&self) -> bool {
        if self.words > DATELINE_MAX_WORDS {
            return false;
        }
        let mut dated = numeric_date(self.text);
        for raw in self.text.split_whitespace() {
            match date_token(raw) {
                Some(DateToken::Date | DateToken::Clock) => dated = true,
                Some(DateToken::Other) => {}
                None => return false,
            }
        }
        dated
    }

    /// "By Jana Ortiz and Sam Lee, Reuters", "*By Jana Ortiz*", "Posted by J. Smith | Staff
    /// writer", "Reporting by Sam Lee; Editing by Jana Ortiz".
    fn is_byline(&self) -> bool {
        // "By" first, or after lead words only ("Additional reporting by").
        let Some(by) = (0..3).find(|&k| self.word(k) == Some("by")) else { return false };
        if self.words > BYLINE_MAX_WORDS
            || !(0..by).all(|k| self.word(k).is_some_and(|w| BYLINE_LEADS.contains(w)))
        {
            return false;
        }
        let words: Vec<&str> = self.text.split_whitespace().map(bare).filter(|w| !w.is_empty()).collect();
        let Some((first, rest)) = words.get(by + 1..).and_then(<[&str]>::split_first) else { return false };
        let names_someone = first.starts_with(char::is_uppercase)
            && text::month(first).is_none()
            && text::weekday(first).is_none();
        names_someone
            && rest.iter().all(|w| {
                w.starts_with(char::is_uppercase)
                    || w.contains('@')
                    || BYLINE_WORDS.contains(&text::fold(w))
                    || date_token(w).is_some()
            })
    }

    /// "Photo: …", "Image credit: …", "Photograph by …", "![alt](…)", "[Image: …]", or a
    /// passage that ends with a photo or agency credit.
    fn is_caption(&self) -> bool {
        let t = self.text;
        if t.starts_with("![") {
            return true;
        }
        let labelled =
            self.label.as_ref().is_some_and(|(words, _)| CAPTION_LABELS.contains(&words.join(" ")));
        let bracketed = t
            .strip_prefix('[')
            .and_then(|t| t.split_whitespace().next())
            .is_some_and(|w| CAPTION_LABELS.contains(&text::fold(bare(w))));
        let credited = self.word(0).is_some_and(|w| CAPTION_LABELS.contains(w)) && self.word(1) == Some("by");
        labelled || bracketed || credited || credit(t).is_some()
    }

    /// "Tags: AWS, outages", "Keywords:" alone, "#AWS #Kiro #outage", "AWS, Kiro, cloud
    /// outages, AI agents".
    fn is_tags(&self) -> bool {
        if let Some((words, rest)) = &self.label
            && words.iter().any(|w| TAG_LABELS.contains(w))
        {
            return rest.trim().is_empty() || short_list(rest, TAG_MAX_WORDS);
        }
        if self.text.contains('#') {
            let hashtags = self
                .text
                .split_whitespace()
                .filter(|w| w.strip_prefix('#').is_some_and(|t| t.starts_with(char::is_alphabetic)))
                .count();
            if hashtags >= 2 && hashtags * 2 >= self.words {
                return true;
            }
        }
        comma_list(self.text)
    }

    /// A tag label with nothing after it: its items are the lines that follow.
    fn tag_label_alone(&self) -> bool {
        self.label.as_ref().is_some_and(|(words, rest)| {
            rest.trim().is_empty() && words.iter().any(|w| TAG_LABELS.contains(w))
        })
    }

    /// A short phrase with no sentence punctuation at its end: an item of a tag list.
    fn is_tag_item(&self) -> bool {
        self.words <= TAG_MAX_WORDS && !ends_like_sentence(self.text)
    }

    /// A menu, a call to action, a pointer elsewhere, a comment count, a copyright line, a
    /// subscription pitch or a pointer to pictures.
    fn is_navigation(&self) -> bool {
        let short = self.words <= NAV_MAX_WORDS;
        let whole = self.whole().is_some_and(|w| NAV_LINES.contains(w));
        let lead = short && self.opens_with(NAV_LEADS);
        let pointer = short
            && self
                .label
                .as_ref()
                .is_some_and(|(words, _)| words.first().is_some_and(|w| NAV_LABELS.contains(w)));
        whole
            || lead
            || pointer
            || self.is_comment_count()
            || self.is_copyright()
            || menu(self.text)
            || self.is_promo()
            || self.is_media_pointer()
    }

    /// "0 replies", "12 Comments", "Comments (3)".
    fn is_comment_count(&self) -> bool {
        let counted = |a: Option<&str>, b: Option<&str>| {
            a.is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()))
                && b.is_some_and(|w| matches!(w, "comments" | "comment" | "replies" | "reply" | "responses"))
        };
        self.words <= 3 && (counted(self.word(0), self.word(1)) || counted(self.word(1), self.word(0)))
    }

    /// Whether the passage opens a comment section: "Leave a Reply", "Join the discussion", a
    /// comment count.
    fn opens_comments(&self) -> bool {
        self.whole().is_some_and(|w| COMMENT_OPENERS.contains(w)) || self.is_comment_count()
    }

    /// "© 2026 Example Media", "Copyright 2026 …", "… All rights reserved."
    fn is_copyright(&self) -> bool {
        let t = self.text;
        let marked = t.starts_with('©')
            || t.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("(c)"))
            || self.word(0) == Some("copyright");
        let reserved =
            (t.contains("eserved") || t.contains("ESERVED")) && text::fold(t).contains("all rights reserved");
        self.words <= FOOTER_MAX_WORDS && (marked || reserved)
    }

    /// A pitch to the reader from the site: "you" and "our" or "we", and a subscription.
    fn is_promo(&self) -> bool {
        if !["you", "You", "YOU"].iter().any(|y| self.text.contains(y)) {
            return false;
        }
        let is = |w: &str, a: &str, b: &str| w.eq_ignore_ascii_case(a) || w.eq_ignore_ascii_case(b);
        let words = || self.text.split_whitespace().map(bare);
        words().any(|w| is(w, "you", "your"))
            && words().any(|w| is(w, "our", "we"))
            && words().any(|w| SUBSCRIPTION_WORDS.contains(&text::fold(w)))
    }

    /// "Here's a slideshow of …", "Watch the video", "See photos of …".
    fn is_media_pointer(&self) -> bool {
        let led = self.opens_with(MEDIA_LEADS);
        led && self.words <= MEDIA_MAX_WORDS
            && self.text.split_whitespace().any(|w| MEDIA_NOUNS.contains(&text::fold(bare(w))))
    }
}

/// The number of words of `s`, counted up to `max`: a byte loop, since every passage of every
/// article is counted (a space other than ASCII whitespace does not part words here).
fn word_count(s: &str, max: usize) -> usize {
    let mut n = 0;
    let mut in_word = false;
    for b in s.bytes() {
        let space = b.is_ascii_whitespace();
        if !space && !in_word {
            n += 1;
            if n == max {
                break;
            }
        }
        in_word = !space;
    }
    n
}

/// A word without the punctuation around it: `"July` → `July`, `2,` → `2`, `a.m.` → `a.m`.
fn bare(w: &str) -> &str {
    w.trim_matches(|c: char| !c.is_alphanumeric())
}

/// The words before a colon that ends one of the first [`LABEL_MAX_WORDS`] words ("Tags &
/// Viral Phrases:" gives tags, viral, phrases), bare and folded, and the text after it. A
/// colon inside a word ("10:32", "https://") labels nothing.
fn label(s: &str) -> Option<(Vec<String>, &str)> {
    let colon = s
        .match_indices(':')
        .map(|(i, _)| i)
        .find(|&i| s[i + 1..].chars().next().is_none_or(char::is_whitespace))?;
    let head = &s[..colon];
    if head.split_whitespace().nth(LABEL_MAX_WORDS).is_some() {
        return None;
    }
    let words: Vec<String> = head
        .split_whitespace()
        .map(bare)
        .filter(|w| !w.is_empty())
        .map(|w| text::fold(w).into_owned())
        .collect();
    (!words.is_empty()).then_some((words, &s[colon + 1..]))
}

/// Ends with `.`, `?` or `!` (quotes and brackets aside): a sentence rather than a label.
fn ends_like_sentence(s: &str) -> bool {
    s.trim_end_matches(super::is_closer).ends_with(['.', '?', '!', '…'])
}

/// Whether `s` is a list of short items (commas, semicolons, pipes or middle dots between) that
/// does not end like a sentence.
fn short_list(s: &str, max_words: usize) -> bool {
    !ends_like_sentence(s)
        && s.split([',', ';', '|', '·', '•']).all(|item| item.split_whitespace().count() <= max_words)
}

/// An unlabelled comma list of tags: several short phrases with no small word (a sentence
/// needs them) and no number (a headline listing figures states facts).
fn comma_list(s: &str) -> bool {
    let items = s.bytes().filter(|&b| b == b',').count() + 1;
    items >= TAG_LIST_MIN_ITEMS
        && short_list(s, TAG_LIST_ITEM_MAX_WORDS)
        && s.split(',').all(|item| {
            let mut words = item.split_whitespace().map(bare).peekable();
            words.peek().is_some()
                && words.all(|w| {
                    let f = text::fold(w);
                    !STOPWORDS.contains(&f)
                        && text::number_word(w).is_none()
                        && !w.chars().any(|c| c.is_ascii_digit())
                })
        })
}

/// A menu or breadcrumb: "Home | World | Business", "Home > News > Asia": several items of a
/// word or three, with no figures.
fn menu(s: &str) -> bool {
    if !s.contains(['|', '>', '»', '›', '·', '•']) {
        return false;
    }
    let item_ok = |item: &str| {
        let n = item.split_whitespace().count();
        (1..=MENU_ITEM_MAX_WORDS).contains(&n) && !item.chars().any(|c| c.is_ascii_digit())
    };
    ["|", " > ", "»", "›", " · ", " • "].iter().any(|sep| {
        let mut n = 0;
        s.split(sep).all(|item| {
            n += 1;
            item_ok(item)
        }) && n >= MENU_MIN_ITEMS
    })
}

/// Who a credit in parentheses names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Credit {
    /// A photographer or picture desk: "(AP Photo/Jana Ortiz)", "(Getty Images)".
    Photo,
    /// A wire agency alone: "(Reuters)".
    Wire,
}

/// The credit in parentheses that `s` ends with, if any.
fn credit(s: &str) -> Option<Credit> {
    let inner = s.trim_end().strip_suffix(')')?;
    let inner = &inner[inner.rfind('(')? + 1..];
    if inner.split_whitespace().count() > CREDIT_MAX_WORDS {
        return None;
    }
    let mut words = inner.split(|c: char| c.is_whitespace() || c == '/').map(|w| text::fold(bare(w)));
    if inner.contains('/') || words.clone().any(|w| PHOTO_CREDIT_WORDS.contains(&w)) {
        Some(Credit::Photo)
    } else {
        words.any(|w| WIRE_AGENCIES.contains(&w)).then_some(Credit::Wire)
    }
}

/// What a word of a dateline is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DateToken {
    /// A month or a weekday, in full or abbreviated.
    Date,
    /// A clock time: "07:44", "15:" (of "15: 50"), "1:28PM", "a.m.".
    Clock,
    /// A number, an ordinal, a zone, a label such as "Updated", or punctuation.
    Other,
}

/// What `raw` (one whitespace-separated word) is in a dateline, or `None` when no dateline has
/// it.
fn date_token(raw: &str) -> Option<DateToken> {
    let w = bare(raw);
    if w.is_empty() {
        return Some(DateToken::Other);
    }
    let lower = text::fold(w);
    let weekday_abbreviation =
        w.starts_with(char::is_uppercase) && DATE_ABBREVIATIONS.contains(&lower) && text::month(w).is_none();
    if text::month(w).is_some() || text::weekday(w).is_some() || weekday_abbreviation {
        return Some(DateToken::Date);
    }
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit() || b == b':' || b == b'.');
    // "1:28PM", "5:03p", "10:50AM": the time without its half of the day.
    let time = ["am", "pm", "a", "p"].iter().find_map(|h| lower.strip_suffix(h)).filter(|t| digits(t));
    let colon = w.contains(':') || raw.trim_end_matches([',', '.']).ends_with(':');
    if matches!(lower.as_ref(), "a.m" | "p.m" | "am" | "pm") || time.is_some() || (colon && digits(w)) {
        return Some(DateToken::Clock);
    }
    let ordinal = ["st", "nd", "rd", "th"].iter().any(|s| lower.strip_suffix(s).is_some_and(digits));
    // Numbers, "08.23", "05/02/2013" (dated by the line, see `numeric_date`).
    let number = w.len() <= 10 && w.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'/' | b'-'));
    let known = TIME_ZONES.contains(w) || DATELINE_WORDS.contains(&lower) || WIRE_AGENCIES.contains(&lower);
    // "p. m." spelled apart.
    let half_day = matches!(lower.as_ref(), "a" | "p" | "m");
    (number || ordinal || known || half_day || is_zone(w)).then_some(DateToken::Other)
}

/// A time zone not listed, by its shape: two to five capitals ending in T ("AKDT"), perhaps
/// with an offset ("GMT+02").
fn is_zone(w: &str) -> bool {
    let (zone, offset) = w.split_once(['+', '-']).unwrap_or((w, ""));
    (2..=5).contains(&zone.len())
        && zone.bytes().all(|b| b.is_ascii_uppercase())
        && zone.ends_with('T')
        && offset.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `s` writes a date in figures: three groups of one to four digits between two like
/// separators, spaces aside ("05/02/2013", "2007 - 11 - 12", "22.07.2012").
fn numeric_date(s: &str) -> bool {
    let is_sep = |c: char| matches!(c, '/' | '-' | '.');
    // Groups so far that a separator followed, that separator, and the digits of this group.
    let (mut groups, mut sep, mut len) = (0, None, 0);
    for c in s.chars().filter(|c| !c.is_whitespace()) {
        if c.is_ascii_digit() {
            len += 1;
            continue;
        }
        let group = (1..=4).contains(&len);
        if groups >= 2 && group {
            return true;
        }
        (groups, sep) = match sep {
            Some(p) if group && p == c => (groups + 1, sep),
            _ if group && is_sep(c) => (1, Some(c)),
            _ => (0, None),
        };
        len = 0;
    }
    groups >= 2 && (1..=4).contains(&len)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The kinds `segment` gives each passage of `text`.
    fn kinds(text: &str) -> Vec<(PassageKind, &str)> {
        super::super::segment(text, 0..text.len()).iter().map(|s| (s.kind, &text[s.range()])).collect()
    }

    /// The kind of every passage of `line` (one passage, or several of one kind).
    fn kind(line: &str) -> PassageKind {
        let got = kinds(line);
        assert!(!got.is_empty() && got.iter().all(|k| k.0 == got[0].0), "{line:?}: {got:?}");
        got[0].0
    }

    /// Every line of `yes` is of `expected` kind, and no line of `no` is.
    fn check(expected: PassageKind, yes: &[&str], no: &[&str]) {
        for line in yes {
            assert_eq!(kind(line), expected, "{line}");
        }
        for line in no {
            assert_ne!(kind(line), expected, "{line}");
        }
    }

    #[test]
    fn datelines() {
        check(
            PassageKind::Dateline,
            &[
                "Tuesday, July 2, 2013",
                "Tuesday, July 2nd, 2013",
                "WEDNESDAY 03 JULY 2013",
                "Updated: July 02, 2013 15: 50 IST",
                "3 July 2013 Last updated at 13: 38 GMT",
                "Published 10:32 a.m. ET Feb. 20, 2026",
                "Tue Jul 2, 2013 1: 28PM GMT",
                "July 2, 2013 07: 44",
                "Story Created: Aug 7, 2012 at 9: 56 AM AKDT",
                "Published: 09 Sep 2013 11: 25 GMT+02: 00",
                "Thursday 29 July 2004 08.23 BST",
                "12: 52 p. m. EDT May 2, 2013",
                "05 / 02 / 2013",
                "Posted 2007 - 11 - 12",
                "on Dec 23 2012, 5: 03p",
            ],
            &[
                "Update, Feb. 20, 2026: Added the company's full statement.",
                "The quake struck on July 2, 2013.",
                "Five dead, dozens injured in Indonesia quake",
                "2013",
                "6.1",
                "6.1 - 7.2",
                "Chelsea 1 - 2 Arsenal",
            ],
        );
    }

    #[test]
    fn bylines() {
        check(
            PassageKind::Byline,
            &[
                "By Jana Ortiz",
                "By Jana Ortiz and Sam Lee, Reuters",
                "*By Jana Ortiz*",
                "Posted by J. Smith | Staff writer",
                "By JANA ORTIZ, senior correspondent",
                "Reporting by Sam Lee; Editing by Jana Ortiz",
                "By The Associated Press",
            ],
            &[
                "By Monday, 12 people had died.",
                "By the time crews arrived the roof had fallen",
                "By contrast, Jana Ortiz stayed",
                "Full statement by the ministry",
                "By December 2024 Prices Had Doubled",
            ],
        );
    }

    #[test]
    fn captions() {
        check(
            PassageKind::Caption,
            &[
                "Photo: Rescue crews at the collapsed mosque",
                "Image credit: Port Authority",
                "Rescue crews search the rubble of a mosque in Takengon. (AP Photo/Jana Ortiz)",
                "Rescue crews search the rubble of a mosque in Takengon (Reuters)",
                "Photograph by Sam Lee",
                "![A collapsed mosque](mosque.jpg)",
                "[Image: the flooded ferry terminal]",
            ],
            &[
                "The ferry operator (Harbour Lines) said it would appeal.",
                "Officials told Agence France-Presse (AFP).",
                "Photographers were kept away from the site.",
            ],
        );
    }

    #[test]
    fn tag_lists() {
        check(
            PassageKind::Tags,
            &[
                "Tags: ferry, harbour, storm damage",
                "Keywords: Dover, plant fire",
                "#ferry #storm #harbour",
                "ferry grounding, harbour safety, storm season, Port Authority",
            ],
            &[
                "Five dead, dozens injured, hundreds homeless, thousands evacuated",
                "The ferry, the tug, the barge and the pier were damaged.",
                "Topics of the meeting included the budget and the harbour.",
                "We won #1 again",
            ],
        );
    }

    #[test]
    fn a_tag_label_takes_the_short_lines_after_it() {
        let text = "The ferry ran aground on Friday.\n\nTags & Hot Phrases:\n\nferry grounding\n\nHarbour Safety Board\n\nstorm season risks\n\nThe board will report in May.";
        assert_eq!(
            kinds(text),
            [
                (PassageKind::Sentence, "The ferry ran aground on Friday."),
                (PassageKind::Tags, "Tags & Hot Phrases:"),
                (PassageKind::Tags, "ferry grounding"),
                (PassageKind::Tags, "Harbour Safety Board"),
                (PassageKind::Tags, "storm season risks"),
                (PassageKind::Sentence, "The board will report in May."),
            ]
        );
    }

    #[test]
    fn navigation() {
        check(
            PassageKind::Navigation,
            &[
                "Home | World | Business | Tech",
                "Home > News > Asia",
                "Read more",
                "Read more: Ferry firm fined",
                "Subscribe now",
                "Sign up for our newsletter",
                "Share this article",
                "Follow us on Twitter",
                "More from Harbour Daily: Storm season begins",
                "© 2026 Harbour Daily Media",
                "Copyright 2026 Harbour Daily. All rights reserved.",
                "12 Comments",
                "Here's a slideshow of the grounded ferry.",
                "As a Harbour Daily member, you get our weekly newsletter and the full archive.",
            ],
            &[
                "Share prices fell 5% on Monday.",
                "Comments by the mayor drew criticism.",
                "Follow the money, investigators said.",
                "More from the same batch were tested.",
                "If you subscribe to the service, you pay $10 a month, the firm said.",
                "Back to School",
                "Police watched video of the crash.",
            ],
        );
    }

    #[test]
    fn a_comment_section_and_the_footer_heading_are_navigation() {
        let text = "The ferry ran aground on Friday, stranding 200 passengers overnight in the harbour.\n\
            Second Grounding in a Month\n\
            It was the second grounding this month.\n\
            Harbour News You Can Trust – Made Locally\n\
            Sign up for our newsletter\n\
            3 replies\n\
            Leave a Reply\n\
            Want to join the discussion?\n\
            Feel free to contribute!\n\
            Your email address will not be published.";
        let got = kinds(text);
        let kinds_only: Vec<PassageKind> = got.iter().map(|k| k.0).collect();
        use PassageKind::*;
        assert_eq!(
            kinds_only,
            [
                Sentence, Heading, Sentence, Navigation, Navigation, Navigation, Navigation, Navigation,
                Navigation, Navigation
            ],
            "{got:?}"
        );
    }

    #[test]
    fn a_comment_count_above_the_article_does_not_swallow_it() {
        let text = "3 Comments\nThe ferry ran aground on Friday, stranding 200 passengers overnight in the harbour while tugs waited for the tide to turn.\nIt was the second grounding this month.";
        let got = kinds(text);
        assert_eq!(got[0].0, PassageKind::Navigation);
        assert!(got[1..].iter().all(|k| k.0 == PassageKind::Sentence), "{got:?}");
    }

    #[test]
    fn headings_that_state_facts_stay_headings() {
        for line in ["Second Incident in a Short Time", "Power cut", "Key Points", "What Went Wrong"] {
            assert_eq!(kind(line), PassageKind::Heading, "{line}");
        }
    }

    #[test]
    fn a_line_is_judged_alone_for_a_format() {
        assert_eq!(line_kind("Tuesday, July 2, 2013"), Some(PassageKind::Dateline));
        assert_eq!(line_kind("By Jana Ortiz"), Some(PassageKind::Byline));
        assert_eq!(line_kind("Ferry runs aground in storm"), None);
    }
}
