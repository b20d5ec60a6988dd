//! One sanitiser for every human-readable output: the `align` summary, the Markdown report
//! and annotation digest, warnings, errors and file names.
//!
//! Article text, titles and file names come from anyone. Written raw to a terminal, an escape
//! sequence in a headline can clear the screen, retitle the window or (OSC 52) fill the
//! clipboard; bidi controls can make a line read differently from the bytes it holds. So
//! before text reaches a person:
//!
//! - C0 controls other than `\n` and `\t`, DEL and C1 controls (ESC, BEL, CR, U+0085, U+009B,
//!   ...) and
//! - the bidi embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069
//!
//! are each shown as `<U+XXXX>` (upper-case hex, at least four digits): visible, unambiguous,
//! and inert in every terminal. Ordinary right-to-left text and the marks U+200E, U+200F and
//! U+061C are left alone, as is everything else. The JSON outputs need none of this: serde
//! escapes control characters, and a program reads them.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::path::Path;

/// `s` with every character the module docs list written as `<U+XXXX>`; borrowed when there
/// is none, which is nearly always.
pub fn text(s: &str) -> Cow<'_, str> {
    let Some(first) = s.find(neutralised) else { return Cow::Borrowed(s) };
    let mut out = String::with_capacity(s.len() + 16);
    out.push_str(&s[..first]);
    for c in s[first..].chars() {
        if neutralised(c) {
            let _ = write!(out, "<U+{:04X}>", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// [`text`] for a whole output built as a `String`: returned as it is when clean.
pub fn owned(s: String) -> String {
    match text(&s) {
        Cow::Borrowed(_) => s,
        Cow::Owned(clean) => clean,
    }
}

/// A path as shown to a person: lossily decoded, then [`text`].
pub fn path(p: &Path) -> String {
    text(&p.display().to_string()).into_owned()
}

/// Whether `c` is shown by its code point rather than as itself.
fn neutralised(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(text("Plant fire, 13 hours\n\tindented"), Cow::Borrowed(_)));
    }

    #[test]
    fn control_characters_are_made_visible() {
        assert_eq!(text("a\x1b[2Jb"), "a<U+001B>[2Jb");
        assert_eq!(text("\x1b]52;c;aGk=\x07"), "<U+001B>]52;c;aGk=<U+0007>");
        assert_eq!(text("x\r\ny\u{7f}"), "x<U+000D>\ny<U+007F>");
        assert_eq!(text("\u{85}\u{9b}2J"), "<U+0085><U+009B>2J");
        assert_eq!(text("\0"), "<U+0000>");
    }

    #[test]
    fn bidi_controls_are_shown_but_right_to_left_text_and_marks_stay() {
        assert_eq!(text("abc\u{202E}fed"), "abc<U+202E>fed");
        assert_eq!(text("\u{2066}x\u{2069}"), "<U+2066>x<U+2069>");
        let arabic = "مرحبا \u{200F}بالعالم\u{200E} \u{61C}עברית";
        assert_eq!(text(arabic), arabic);
    }

    #[test]
    fn sanitising_twice_changes_nothing_more() {
        let once = text("\x1b\u{202D}").into_owned();
        assert_eq!(text(&once), once);
    }

    #[test]
    fn paths_are_sanitised() {
        assert_eq!(path(Path::new("a\x1b.txt")), "a<U+001B>.txt");
    }
}
