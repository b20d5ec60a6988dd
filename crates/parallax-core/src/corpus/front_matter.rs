//! Optional front matter at the top of an article: `---` YAML-like or `+++` TOML-like lines
//! of `key: value` (or `key = value`) giving title, source, author, date and URL.
//!
//! It comes from Markdown static-site tools, and plain text files have always been allowed it
//! too. Only the keys parallax knows are read (with a few common synonyms); everything else in
//! the block is skipped, and a block without its closing fence is not front matter at all.

use super::Meta;

/// Parses front matter starting at byte `from` of `text`; returns it and where the body starts
/// (`from` itself when there is none).
pub(super) fn parse(text: &str, from: usize) -> (Meta, usize) {
    let rest = &text[from..];
    let fence = if rest.starts_with("---") {
        "---"
    } else if rest.starts_with("+++") {
        "+++"
    } else {
        return (Meta::default(), from);
    };
    let Some(first_nl) = rest.find('\n') else { return (Meta::default(), from) };
    if rest[..first_nl].trim_end() != fence {
        return (Meta::default(), from);
    }
    let mut meta = Meta::default();
    let mut pos = first_nl + 1;
    for line in rest[pos..].split_inclusive('\n') {
        pos += line.len();
        let l = line.trim();
        if l == fence {
            return (meta, from + pos);
        }
        let Some((key, value)) = l.split_once(if fence == "---" { ':' } else { '=' }) else { continue };
        let value = unquote(value.trim());
        if value.is_empty() {
            continue;
        }
        let slot = match key.trim().to_ascii_lowercase().as_str() {
            "title" => &mut meta.title,
            "source" | "outlet" | "publisher" | "site" => &mut meta.source,
            "author" | "byline" => &mut meta.author,
            "date" | "published" => &mut meta.date,
            "updated" | "modified" => &mut meta.updated,
            "url" | "link" => &mut meta.url,
            _ => continue,
        };
        *slot = Some(value);
    }
    // No closing fence: it was not front matter after all.
    (Meta::default(), from)
}

/// A value without its quotes; a double-quoted one (as `import` writes) has its `\"` and `\\`
/// escapes undone.
fn unquote(value: &str) -> String {
    if let Some(inner) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        let mut out = String::with_capacity(inner.len());
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            out.push(if c == '\\' { chars.next().unwrap_or(c) } else { c });
        }
        return out.trim().to_string();
    }
    value.trim_matches(|c| c == '"' || c == '\'').trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_fences_are_read() {
        let yaml = "---\ntitle: Plant closes\noutlet: Daily\n---\nBody\n";
        let (meta, body) = parse(yaml, 0);
        assert_eq!((meta.title.as_deref(), meta.source.as_deref()), (Some("Plant closes"), Some("Daily")));
        assert_eq!(&yaml[body..], "Body\n");
        let toml = "+++\ndate = \"2024-03-01\"\n+++\nBody\n";
        assert_eq!(parse(toml, 0).0.date.as_deref(), Some("2024-03-01"));
    }

    #[test]
    fn double_quoted_values_are_unescaped() {
        let (meta, _) = parse("---\ntitle: \"Say \\\"no\\\" \\\\ now\"\nupdated: 2024-03-02\n---\nBody\n", 0);
        assert_eq!(meta.title.as_deref(), Some(r#"Say "no" \ now"#));
        assert_eq!(meta.updated.as_deref(), Some("2024-03-02"));
    }

    #[test]
    fn an_unclosed_block_is_not_front_matter() {
        let text = "---\ntitle: x\nBody\n";
        assert_eq!(parse(text, 0), (Meta::default(), 0));
    }
}
