//! Text from anyone, made inert in the Markdown parallax writes (`report`, the annotation
//! digest): whatever a title, passage, note or file name holds, it renders as the same
//! characters and never as raw HTML, a link (`javascript:` or any other), or the end of a code
//! span or table cell. Terminal safety is [`crate::sanitize`]'s, applied to the whole output.

/// `s` as inline Markdown text: on one line (every line break a space), with `\`, `` ` ``,
/// `[`, `]`, `<`, `>` and `|` backslash-escaped, so no HTML tag, autolink, link or code span
/// can start, and a `javascript:` scheme written `javascript\:` should anything still link it.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\r' if chars.peek().is_some_and(|&(_, n)| n == '\n') => {}
            '\r' | '\n' => out.push(' '),
            '\\' | '`' | '[' | ']' | '<' | '>' | '|' => {
                out.push('\\');
                out.push(c);
            }
            ':' if s[..i].to_ascii_lowercase().ends_with("javascript") => out.push_str("\\:"),
            _ => out.push(c),
        }
    }
    out
}

/// `s` as a code span (an id, a file name): fenced by one more backtick than its longest run
/// of backticks, so none of them ends it, on one line, with `|` escaped for table cells.
pub fn code(s: &str) -> String {
    let one_line = s.replace("\r\n", " ").replace(['\r', '\n'], " ").replace('|', "\\|");
    let longest = one_line.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    if longest == 0 {
        format!("{fence}{one_line}{fence}")
    } else {
        // The spaces keep a backtick at either end from joining the fence; Markdown drops them.
        format!("{fence} {one_line} {fence}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_links_and_code_spans_cannot_start() {
        assert_eq!(text("<img src=x onerror=alert(1)>"), "\\<img src=x onerror=alert(1)\\>");
        assert_eq!(text("[click](javascript:alert(1))"), "\\[click\\](javascript\\:alert(1))");
        assert_eq!(text("JavaScript:void"), "JavaScript\\:void");
        assert_eq!(text("a `b` c|d \\e"), "a \\`b\\` c\\|d \\\\e");
        assert_eq!(text("one\r\ntwo\nthree\rfour"), "one two three four");
        assert_eq!(text("Plain words: 13 hours."), "Plain words: 13 hours.");
    }

    #[test]
    fn a_code_span_holds_any_backticks() {
        assert_eq!(code("a.txt"), "`a.txt`");
        assert_eq!(code("a`b.txt"), "`` a`b.txt ``");
        assert_eq!(code("``x"), "``` ``x ```");
        assert_eq!(code("a|b\nc"), "`a\\|b c`");
    }
}
