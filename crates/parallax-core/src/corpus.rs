//! Loading a corpus: finding article files, decoding them, reading front matter and the title,
//! and cutting each article into passages.
//!
//! Every offset in parallax is a byte offset into the file as stored. Decoding therefore never
//! changes lengths: a UTF-8 BOM stays in `text` (the body starts after it) and an invalid byte
//! is replaced by one `?`, so `text[start..end]` is always the bytes of the file at those offsets
//! (exactly, for valid UTF-8).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::segment::{self, PassageKind};

/// Display name of the bundled corpus, used where a folder path would be shown.
pub const BUNDLED_NAME: &str = "bundled corpus";

/// Metadata from optional front matter (`---` YAML-like or `+++` TOML-like).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Meta {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// One passage of an article: a trimmed byte range into [`Article::text`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Passage {
    pub index: usize,
    pub start: usize,
    pub end: usize,
    pub kind: PassageKind,
}

impl Passage {
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// One article, decoded and segmented.
#[derive(Debug, Clone)]
pub struct Article {
    /// Path relative to the folder it was found in; unique within a corpus.
    pub id: String,
    /// Where it was read from (or the bundled file name).
    pub path: PathBuf,
    /// The file's text with offsets identical to the stored bytes (see module docs).
    pub text: String,
    /// Front matter, if any.
    pub meta: Meta,
    /// The heading shown for the article: front-matter title, else headline, else the id.
    pub title: String,
    /// Byte range of the body: after the BOM and front matter.
    pub body: Range<usize>,
    pub passages: Vec<Passage>,
    /// Whether invalid UTF-8 bytes were replaced while decoding.
    pub lossy: bool,
}

impl Article {
    /// Decodes and segments one article. `Err` carries a one-line reason to skip the file.
    pub fn from_bytes(id: String, path: PathBuf, bytes: &[u8]) -> std::result::Result<Self, String> {
        if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
            return Err("UTF-16 text is not supported; save it as UTF-8".into());
        }
        if bytes.iter().take(8192).any(|&b| b == 0) {
            return Err("binary file, not text".into());
        }
        let (text, lossy) = decode_exact(bytes);
        if text.trim().is_empty() {
            return Err("empty file".into());
        }
        Ok(Self::from_text(id, path, text, lossy, true))
    }

    /// Builds an article from text. With `has_title`, a first line that reads as a headline
    /// becomes passage 0 of kind [`PassageKind::Title`].
    pub fn from_text(id: String, path: PathBuf, text: String, lossy: bool, has_title: bool) -> Self {
        let bom = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
        let (meta, body_start) = front_matter(&text, bom);
        let body = body_start..text.len();
        let mut passages = Vec::new();
        let mut rest = body.clone();
        let mut headline = None;
        if has_title
            && let Some(line) = first_line(&text, body.clone())
            && reads_as_headline(&text[line.clone()], line.end < text.trim_end().len())
        {
            headline = Some(text[line.clone()].to_string());
            passages.push(Passage { index: 0, start: line.start, end: line.end, kind: PassageKind::Title });
            rest = line.end..body.end;
        }
        for s in segment::segment(&text, rest) {
            passages.push(Passage { index: passages.len(), start: s.start, end: s.end, kind: s.kind });
        }
        let title = meta.title.clone().or(headline).unwrap_or_else(|| id.clone());
        Article { id, path, text, meta, title, body, passages, lossy }
    }

    /// The text of passage `index`.
    pub fn passage_text(&self, index: usize) -> &str {
        self.passages.get(index).map_or("", |p| &self.text[p.start..p.end])
    }

    /// The outlet shown beside the title: front-matter `source`, else nothing.
    pub fn source(&self) -> Option<&str> {
        self.meta.source.as_deref()
    }
}

/// A non-fatal problem met while loading: the file is skipped or decoded with losses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub path: PathBuf,
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

/// The articles of one story, sorted by id so that results never depend on file order.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub articles: Vec<Article>,
    pub warnings: Vec<Warning>,
    /// What was loaded, for messages and the header: folder paths or [`BUNDLED_NAME`].
    pub origin: String,
}

/// The metadata of a path given by the user, or the error that names it.
fn stat(root: &Path) -> Result<fs::Metadata> {
    fs::metadata(root).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::NotFound { path: root.to_path_buf() },
        _ => Error::Read { path: root.to_path_buf(), source: e },
    })
}

impl Corpus {
    /// A corpus compiled into a program: (file name, bytes) pairs, shown as [`BUNDLED_NAME`].
    pub fn bundled(files: &[(&str, &[u8])]) -> Self {
        let files = files.iter().map(|(name, bytes)| (name.to_string(), PathBuf::from(name), bytes.to_vec()));
        let mut corpus = Self::from_files(files);
        corpus.origin = BUNDLED_NAME.to_string();
        corpus
    }

    /// The error [`Corpus::load`] gives for a path that does not exist or cannot be looked at,
    /// found without reading anything: the reader checks before it takes the screen.
    pub fn check_paths(paths: &[PathBuf]) -> Result<()> {
        paths.iter().try_for_each(|root| stat(root).map(drop))
    }

    /// Loads every `.txt` and `.md` file under the given folders (recursively, hidden entries
    /// skipped) and the given files. Unusable files become warnings; no article at all is an
    /// error that says what was searched.
    pub fn load(paths: &[PathBuf]) -> Result<Self> {
        let mut files = Vec::new();
        for root in paths {
            let meta = stat(root)?;
            if meta.is_dir() {
                let mut found = Vec::new();
                let mut seen = BTreeSet::new();
                walk(root, root, &mut found, &mut seen)?;
                found.sort();
                files.extend(found.into_iter().map(|(id, path)| (id, path, root.clone())));
            } else {
                let id = root
                    .file_name()
                    .map_or_else(|| root.display().to_string(), |n| n.to_string_lossy().into_owned());
                files.push((id, root.clone(), root.clone()));
            }
        }
        let mut warnings = Vec::new();
        let mut loaded = Vec::new();
        // Two roots may both hold `a.txt`: prefix the root's name to keep ids unique.
        let mut id_count: BTreeMap<String, usize> = BTreeMap::new();
        for (id, _, _) in &files {
            *id_count.entry(id.clone()).or_default() += 1;
        }
        // Reading many small files is latency-bound: in parallel, kept in order.
        let contents: Vec<std::io::Result<Vec<u8>>> =
            files.par_iter().map(|(_, path, _)| fs::read(path)).collect();
        for ((id, path, root), content) in files.into_iter().zip(contents) {
            let id = if id_count[&id] > 1 {
                let prefix = root.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                format!("{prefix}/{id}")
            } else {
                id
            };
            match content {
                Ok(bytes) => loaded.push((id, path, bytes)),
                Err(e) => warnings.push(Warning { path, message: format!("cannot read: {e}; skipped") }),
            }
        }
        let mut corpus = Self::from_files(loaded);
        warnings.append(&mut corpus.warnings);
        corpus.warnings = warnings;
        corpus.origin = paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ");
        if corpus.articles.is_empty() {
            let skipped = if corpus.warnings.is_empty() {
                String::new()
            } else {
                let shown: Vec<String> = corpus.warnings.iter().take(3).map(ToString::to_string).collect();
                let more = corpus.warnings.len().saturating_sub(3);
                let more = if more > 0 { format!(" and {more} more") } else { String::new() };
                format!(" (skipped {}{more})", shown.join("; "))
            };
            return Err(Error::NoArticles { searched: corpus.origin, skipped });
        }
        Ok(corpus)
    }

    /// Builds a corpus from (id, path, bytes) triples, skipping unusable files and exact
    /// duplicates with a warning. Articles are sorted by id.
    pub fn from_files(files: impl IntoIterator<Item = (String, PathBuf, Vec<u8>)>) -> Self {
        let mut files: Vec<_> = files.into_iter().collect();
        files.sort_by(|a, b| a.0.cmp(&b.0));
        let mut warnings = Vec::new();
        let mut articles: Vec<Article> = Vec::new();
        let mut seen: BTreeMap<u64, String> = BTreeMap::new();
        // Decoding and segmenting is independent per file: in parallel, then kept in id order.
        let parsed: Vec<(u64, std::result::Result<Article, String>)> = files
            .par_iter()
            .map(|(id, path, bytes)| {
                (crate::hash::fnv1a(bytes), Article::from_bytes(id.clone(), path.clone(), bytes))
            })
            .collect();
        for ((id, path, _), (hash, parsed)) in files.into_iter().zip(parsed) {
            if let Some(first) = seen.get(&hash) {
                warnings.push(Warning {
                    path,
                    message: format!("same bytes as `{first}`; skipped as a duplicate"),
                });
                continue;
            }
            match parsed {
                Ok(article) => {
                    if article.lossy {
                        warnings.push(Warning {
                            path: path.clone(),
                            message: "not valid UTF-8; invalid bytes shown as `?`".into(),
                        });
                    }
                    seen.insert(hash, id);
                    articles.push(article);
                }
                Err(reason) => warnings.push(Warning { path, message: format!("{reason}; skipped") }),
            }
        }
        Corpus { articles, warnings, origin: String::new() }
    }

    /// Builds a corpus from in-memory texts; handy for tests and for stdin.
    pub fn from_texts<'a>(texts: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        Self::from_files(
            texts.into_iter().map(|(id, t)| (id.to_string(), PathBuf::from(id), t.as_bytes().to_vec())),
        )
    }

    /// Index of the article with this id.
    pub fn find(&self, id: &str) -> Option<usize> {
        self.articles.iter().position(|a| a.id == id)
    }
}

/// Recursively lists article files under `dir`, with ids relative to `root`. Symlinked folders
/// are not followed, which rules out loops; symlinked files are read.
fn walk(
    root: &Path,
    dir: &Path,
    out: &mut Vec<(String, PathBuf)>,
    seen: &mut BTreeSet<PathBuf>,
) -> Result<()> {
    let canonical = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if !seen.insert(canonical) {
        return Ok(());
    }
    let entries = fs::read_dir(dir).map_err(|e| Error::Read { path: dir.to_path_buf(), source: e })?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        let Ok(file_type) = entry.file_type() else { continue };
        if file_type.is_dir() {
            walk(root, &path, out, seen)?;
        } else if (file_type.is_file() || (file_type.is_symlink() && path.is_file()))
            && (name.ends_with(".txt") || name.ends_with(".md"))
        {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            let id = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            out.push((id, path));
        }
    }
    Ok(())
}

/// Decodes UTF-8, replacing each invalid byte by `?` so that offsets are unchanged.
fn decode_exact(bytes: &[u8]) -> (String, bool) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), false),
        Err(_) => {
            let mut out = String::with_capacity(bytes.len());
            for chunk in bytes.utf8_chunks() {
                out.push_str(chunk.valid());
                out.extend(std::iter::repeat_n('?', chunk.invalid().len()));
            }
            (out, true)
        }
    }
}

/// The first non-blank line in `body`, trimmed. Lines end at `\n`, `\r\n` or a lone `\r`.
fn first_line(text: &str, body: Range<usize>) -> Option<Range<usize>> {
    let mut pos = body.start;
    for line in text[body].split_inclusive(['\n', '\r']) {
        let range = pos..pos + line.len();
        pos = range.end;
        if let Some(r) = segment::trim_range(text, range) {
            return Some(r);
        }
    }
    None
}

/// Whether a first line reads as a headline: short, on a line of its own, and not ending
/// like a sentence of running prose.
fn reads_as_headline(line: &str, more_follows: bool) -> bool {
    let words = line.split_whitespace().count();
    let ends_like_prose = line.ends_with(['.', ',', ';', ':']) && !line.ends_with("...");
    more_follows && words <= 30 && line.chars().count() <= 240 && !ends_like_prose
}

/// Parses front matter starting at `from`; returns it and where the body starts.
fn front_matter(text: &str, from: usize) -> (Meta, usize) {
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
        let value = value.trim().trim_matches(|c| c == '"' || c == '\'').trim().to_string();
        if value.is_empty() {
            continue;
        }
        let slot = match key.trim().to_ascii_lowercase().as_str() {
            "title" => &mut meta.title,
            "source" | "outlet" | "publisher" | "site" => &mut meta.source,
            "author" | "byline" => &mut meta.author,
            "date" | "published" => &mut meta.date,
            "url" | "link" => &mut meta.url,
            _ => continue,
        };
        *slot = Some(value);
    }
    // No closing fence: it was not front matter after all.
    (Meta::default(), from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_keeps_offsets() {
        let (t, lossy) = decode_exact(b"ab\xffcd");
        assert!(lossy);
        assert_eq!(t, "ab?cd");
    }

    #[test]
    fn front_matter_is_read_and_skipped() {
        let text = "---\ntitle: Plant closes\nsource: Daily\ndate: 2024-03-01\n---\nPlant closes\nIt shut on Monday.\n";
        let a = Article::from_text("a".into(), "a".into(), text.into(), false, true);
        assert_eq!(a.meta.source.as_deref(), Some("Daily"));
        assert_eq!(a.meta.date.as_deref(), Some("2024-03-01"));
        assert_eq!(a.title, "Plant closes");
        assert_eq!(a.passages[0].kind, PassageKind::Title);
        assert_eq!(a.passage_text(0), "Plant closes");
        assert_eq!(a.passage_text(1), "It shut on Monday.");
    }

    #[test]
    fn prose_first_line_is_not_a_title() {
        let a = Article::from_text(
            "a".into(),
            "a".into(),
            "It shut on Monday.\nWorkers left.\n".into(),
            false,
            true,
        );
        assert_eq!(a.passages[0].kind, PassageKind::Sentence);
        assert_eq!(a.title, "a");
    }

    #[test]
    fn duplicates_and_binary_are_skipped_with_warnings() {
        let c = Corpus::from_files(vec![
            ("a.txt".into(), "a.txt".into(), b"Title\nBody.\n".to_vec()),
            ("b.txt".into(), "b.txt".into(), b"Title\nBody.\n".to_vec()),
            ("c.txt".into(), "c.txt".into(), b"\x00\x01bin".to_vec()),
            ("d.txt".into(), "d.txt".into(), b"  \n ".to_vec()),
        ]);
        assert_eq!(c.articles.len(), 1);
        assert_eq!(c.warnings.len(), 3);
    }
}
