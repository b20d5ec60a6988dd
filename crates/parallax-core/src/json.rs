//! JSON as parallax prints it: serde_json's pretty or compact printer, with DEL and the C1
//! controls (U+007F–U+009F) escaped as well as C0.
//!
//! serde_json escapes only what JSON requires (C0, `"` and `\`). U+009B is a one-byte CSI to
//! many terminals and U+0085 a line break to some, so a `--json` piped to a terminal or a
//! pager could still be driven by an article's text. Escaped, the document means the same to
//! every JSON reader and nothing to a terminal.

use std::io;

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};

/// `value` as pretty JSON bytes, C1 controls escaped.
pub fn to_vec_pretty<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<Vec<u8>> {
    with_formatter(value, PrettyFormatter::new())
}

/// `value` as JSON bytes on one line (JSON Lines), C1 controls escaped.
pub fn to_vec<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<Vec<u8>> {
    with_formatter(value, CompactFormatter)
}

fn with_formatter<T: Serialize + ?Sized, F: Formatter>(
    value: &T,
    formatter: F,
) -> serde_json::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(128);
    let mut ser = serde_json::Serializer::with_formatter(&mut out, Inert(formatter));
    value.serialize(&mut ser)?;
    Ok(out)
}

/// `value` as pretty JSON text, C1 controls escaped.
pub fn to_string_pretty<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    // serde_json writes valid UTF-8, and the escapes are ASCII.
    to_vec_pretty(value).map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
}

/// Whether `c` is escaped beyond what serde_json escapes.
fn escaped(c: char) -> bool {
    matches!(c, '\u{7f}'..='\u{9f}')
}

/// A printer whose string fragments have their C1 controls written as `\u00XX`.
struct Inert<F>(F);

impl<F: Formatter> Formatter for Inert<F> {
    fn write_string_fragment<W: ?Sized + io::Write>(&mut self, w: &mut W, fragment: &str) -> io::Result<()> {
        let mut rest = fragment;
        while let Some(at) = rest.find(escaped) {
            w.write_all(&rest.as_bytes()[..at])?;
            let c = rest[at..].chars().next().unwrap_or_default();
            write!(w, "\\u{:04x}", u32::from(c))?;
            rest = &rest[at + c.len_utf8()..];
        }
        w.write_all(rest.as_bytes())
    }

    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + io::Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c1_controls_and_del_are_escaped_and_read_back_the_same() {
        let text = "a\u{9b}2J\u{85}b\u{7f}\u{1b}[0m é";
        let json = to_string_pretty(&serde_json::json!({ "t": text })).unwrap();
        assert!(json.contains(r"a\u009b2J\u0085b\u007f\u001b[0m é"), "{json}");
        assert!(!json.chars().any(|c| c.is_control() && c != '\n'), "{json}");
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["t"], text);
    }

    #[test]
    fn clean_values_print_as_serde_json_prints_them() {
        let v = serde_json::json!({ "a": [1, {"b": "x"}], "c": [], "d": {} });
        assert_eq!(to_string_pretty(&v).unwrap(), serde_json::to_string_pretty(&v).unwrap());
        assert_eq!(to_vec(&v).unwrap(), serde_json::to_vec(&v).unwrap());
    }

    #[test]
    fn json_lines_escape_c1_controls_too() {
        let line = to_vec(&serde_json::json!({ "t": "x\u{9b}y" })).unwrap();
        assert_eq!(line, br#"{"t":"x\u009by"}"#);
    }
}
