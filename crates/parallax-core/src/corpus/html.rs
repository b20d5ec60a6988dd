//! HTML pages: the article's main text and metadata, and the Markdown snapshot that stands for
//! the page.
//!
//! The main text comes from the `trafilatura` crate, chosen on the article-extraction benchmark
//! (BENCHMARKS.md): it drops navigation, ads, related links, comments, banners and footers.
//! Offsets cannot point into a page's markup, so a page is read as a snapshot: front matter with
//! its metadata, the title, then one paragraph per block of the main text. `pages` stores the
//! snapshot beside the corpus, so every offset points at bytes of a file the user can open.

use std::io::Read;

use scraper::{Html, Node};
use trafilatura::dom::Document;

use super::Meta;
use super::markdown;
use super::source::Source;

/// The most bytes a page may hold, after decompression for `.html.gz` (a gzip bomb stops here).
pub const PAGE_CAP: u64 = 32 << 20;

/// Fewer words and characters than these in the main text: the page holds no article (a home
/// page, a login wall, a page of links). Characters count for scripts written without spaces.
const MIN_WORDS: usize = 20;
const MIN_CHARS: usize = 150;

/// What a page says: its metadata and the blocks (paragraphs, headings, list items) of its
/// main text, each on one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub meta: Meta,
    pub blocks: Vec<String>,
}

impl Page {
    /// The plain main text: the blocks, a blank line between two.
    pub fn text(&self) -> String {
        self.blocks.join("\n\n")
    }

    /// The Markdown snapshot: YAML-safe front matter, the title, then the blocks.
    pub fn snapshot(&self) -> String {
        let mut out = String::from("---\n");
        for (key, value) in self.meta.fields() {
            if let Some(v) = value {
                out.push_str(&format!("{key}: {}\n", yaml_string(v)));
            }
        }
        out.push_str("---\n\n");
        if let Some(title) = &self.meta.title {
            out.push_str(&one_line(title));
            out.push_str("\n\n");
        }
        for block in &self.blocks {
            out.push_str(block);
            out.push_str("\n\n");
        }
        out
    }
}

/// Reads a page as its snapshot (for a page read without a store, e.g. `parallax passages`).
pub(super) fn read(bytes: &[u8]) -> Result<Source, String> {
    markdown::read(extract(bytes)?.snapshot().as_bytes())
}

/// Extracts the article of a page (gzip-compressed or not, in any encoding it declares).
/// `Err` is a one-line reason the page gives no article.
pub fn extract(bytes: &[u8]) -> Result<Page, String> {
    let html = decode(&gunzip(bytes)?)?;
    let doc = Document::parse(&html);
    let updated = updated(&doc);
    let options = trafilatura::Options::default();
    let result = trafilatura::extract_document(doc, &options).map_err(|e| match e {
        trafilatura::TrafilaturaError::InsufficientContent { .. } => no_article(),
        other => format!("cannot extract the article: {other}"),
    })?;
    let mut blocks = blocks(&result.content_html);
    let md = result.metadata;
    let some = |s: String| Some(one_line(&s)).filter(|s| !s.is_empty());
    let source = some(md.sitename);
    let title = some(md.title).map(|t| without_site(&t, source.as_deref()));
    // The headline is the snapshot's title line, not part of the body.
    if let (Some(first), Some(title)) = (blocks.first(), &title)
        && first == title
    {
        blocks.remove(0);
    }
    let words: usize = blocks.iter().map(|b| b.split_whitespace().count()).sum();
    let chars: usize = blocks.iter().map(|b| b.chars().count()).sum();
    if words < MIN_WORDS && chars < MIN_CHARS {
        return Err(no_article());
    }
    let meta = Meta {
        title,
        author: some(md.author),
        date: md.date.map(|d| d.to_string()),
        updated,
        url: some(md.url),
        source,
    };
    Ok(Page { meta, blocks })
}

fn no_article() -> String {
    "no article text found (a home page, a login wall or an empty page?)".into()
}

/// The bytes of a gzip stream uncompressed (other bytes as they are), up to [`PAGE_CAP`].
fn gunzip(bytes: &[u8]) -> Result<std::borrow::Cow<'_, [u8]>, String> {
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Ok(bytes.into());
    }
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes)
        .take(PAGE_CAP + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("damaged gzip data: {e}"))?;
    if out.len() as u64 > PAGE_CAP {
        return Err(too_big());
    }
    Ok(out.into())
}

/// Reads a saved page's bytes, up to [`PAGE_CAP`]; `Err` is a one-line reason.
pub fn read_file(path: &std::path::Path) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(PAGE_CAP + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > PAGE_CAP {
        return Err(too_big());
    }
    Ok(bytes)
}

/// The refusal for a page over [`PAGE_CAP`].
pub fn too_big() -> String {
    format!("larger than {} MB; not read", PAGE_CAP >> 20)
}

/// The page as text: by its byte-order mark, else the charset it declares in its first 1024
/// bytes, else UTF-8. Binary data is refused.
fn decode(bytes: &[u8]) -> Result<String, String> {
    let (encoding, skip) = match encoding_rs::Encoding::for_bom(bytes) {
        Some(found) => found,
        None => {
            if bytes.iter().take(8192).any(|&b| b == 0) {
                return Err("binary file, not HTML".into());
            }
            (declared_charset(bytes).unwrap_or(encoding_rs::UTF_8), 0)
        }
    };
    let (text, _) = encoding.decode_without_bom_handling(&bytes[skip..]);
    if text.trim().is_empty() {
        return Err("empty file".into());
    }
    Ok(text.into_owned())
}

/// The encoding a page names in `<meta charset=…>` or `content="…; charset=…"`.
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    let encoding = encoding_rs::Encoding::for_label(label.as_bytes())?;
    // A page that says UTF-16 in ASCII bytes is not UTF-16: read it as UTF-8.
    Some(if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
        encoding_rs::UTF_8
    } else {
        encoding
    })
}

/// When the page says it was last updated: OpenGraph/article meta tags, else JSON-LD
/// `dateModified`.
fn updated(doc: &Document) -> Option<String> {
    let root = doc.root();
    let from_meta = doc
        .query_selector_all(
            root,
            "meta[property='article:modified_time'], meta[property='og:updated_time'], \
             meta[itemprop='dateModified'], meta[name='last-modified']",
        )
        .into_iter()
        .find_map(|id| doc.get_attribute(id, "content"));
    let from_json_ld = || {
        doc.scripts_with_type(&["application/ld+json"]).into_iter().find_map(|id| {
            let json: serde_json::Value = serde_json::from_str(&doc.text(id)).ok()?;
            find_key(&json, "dateModified")
        })
    };
    from_meta.or_else(from_json_ld).map(|d| one_line(&d)).filter(|d| !d.is_empty())
}

/// The first string value of `key` anywhere in a JSON-LD document.
fn find_key(json: &serde_json::Value, key: &str) -> Option<String> {
    match json {
        serde_json::Value::Object(map) => map
            .get(key)
            .and_then(|v| v.as_str().map(str::to_string))
            .or_else(|| map.values().find_map(|v| find_key(v, key))),
        serde_json::Value::Array(items) => items.iter().find_map(|v| find_key(v, key)),
        _ => None,
    }
}

/// Elements that end a block of text: what is inside one starts a new line of its own. A table
/// row is one line, its cells apart by a space.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "table",
    "tr",
    "figure",
    "figcaption",
    "section",
    "article",
    "header",
    "footer",
    "dl",
    "dt",
    "dd",
    "hr",
    "br",
    "main",
    "aside",
];

/// The blocks of the extracted main text, each one line with its white space collapsed.
fn blocks(content_html: &str) -> Vec<String> {
    let fragment = Html::parse_fragment(content_html);
    let mut blocks = Vec::new();
    let mut line = String::new();
    for edge in fragment.root_element().traverse() {
        let node = match edge {
            ego_tree::iter::Edge::Open(node) | ego_tree::iter::Edge::Close(node) => node,
        };
        match node.value() {
            Node::Text(text) if matches!(edge, ego_tree::iter::Edge::Open(_)) => line.push_str(text),
            Node::Element(e) if matches!(e.name(), "td" | "th") => line.push(' '),
            Node::Element(e) if BLOCKS.contains(&e.name()) => {
                let block = one_line(&line);
                if !block.is_empty() {
                    blocks.push(block);
                }
                line.clear();
            }
            _ => {}
        }
    }
    let block = one_line(&line);
    if !block.is_empty() {
        blocks.push(block);
    }
    blocks
}

/// `text` on one line: white space runs (newlines too) become one space, control characters go.
fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A title without the site's name the page appended (`Fire at dawn - The Gazette`).
fn without_site(title: &str, site: Option<&str>) -> String {
    let Some(site) = site.filter(|s| !s.is_empty()) else { return title.to_string() };
    for sep in [" - ", " | ", " – ", " — ", " :: "] {
        if let Some(head) = title.strip_suffix(site).and_then(|t| t.strip_suffix(sep))
            && !head.trim().is_empty()
        {
            return head.trim().to_string();
        }
    }
    title.to_string()
}

/// A YAML double-quoted scalar: safe whatever the text holds.
fn yaml_string(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in one_line(value).chars() {
        if matches!(c, '"' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_follow_the_markup() {
        let got = blocks(
            "<p>One <b>bold</b>\n word.</p><h2>Head</h2><ul><li>a</li><li>b</li></ul>tail<br>end\
             <table><tr><td>DL</td><td>Garrett</td></tr></table>",
        );
        assert_eq!(got, ["One bold word.", "Head", "a", "b", "tail", "end", "DL Garrett"]);
    }

    #[test]
    fn the_site_name_leaves_the_title() {
        assert_eq!(without_site("Fire at dawn - The Gazette", Some("The Gazette")), "Fire at dawn");
        assert_eq!(without_site("The Gazette", Some("The Gazette")), "The Gazette");
        assert_eq!(without_site("Fire | News", None), "Fire | News");
    }

    #[test]
    fn yaml_strings_are_quoted_and_escaped() {
        assert_eq!(yaml_string("a \"b\" \\ c\nd"), r#""a \"b\" \\ c d""#);
    }

    #[test]
    fn declared_encodings_are_honoured_and_binary_is_refused() {
        let page = b"<html><head><meta charset=windows-1252></head><body>caf\xe9</body></html>";
        assert!(decode(page).unwrap().contains("café"));
        let utf16: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("<p>hé</p>".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(decode(&utf16).unwrap(), "<p>hé</p>");
        assert_eq!(decode(b"\x7fELF\0\0\x01").unwrap_err(), "binary file, not HTML");
    }

    #[test]
    fn a_gzip_bomb_stops_at_the_cap() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        let zeros = vec![b' '; 1 << 20];
        for _ in 0..=(PAGE_CAP >> 20) {
            gz.write_all(&zeros).unwrap();
        }
        let bomb = gz.finish().unwrap();
        assert!(bomb.len() < 1 << 20);
        assert_eq!(extract(&bomb).unwrap_err(), too_big());
    }
}
