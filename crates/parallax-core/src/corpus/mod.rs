//! Loading a corpus: the articles of one story, each decoded, its metadata read, and cut into
//! passages.
//!
//! - `walk` finds the article files under the paths given;
//! - [`identity`] names them (the id rule, and the folder the corpus's stores live beside);
//! - [`format`](mod@format) is the seam between files and everything else: it knows which extensions are
//!   articles and how each format is read (plain text, Markdown, web pages), and gives a [`Source`];
//! - [`pages`] keeps the Markdown snapshots web pages are read through;
//! - this module turns sources into [`Article`]s: the format's passage hints, then
//!   [`segment`] for the rest of the body, and the non-statements told apart over the whole.
//!
//! Every offset in parallax is a byte offset into an article's shown text. For plain text that
//! is the file as stored (see `decode`), so `text[start..end]` is the bytes of the file at those
//! offsets (exactly, for valid UTF-8); for Markdown, [`Article::file_range`] gives the bytes a
//! range was read from, and the JSON speaks in those.

mod decode;
pub mod format;
mod front_matter;
pub mod html;
pub mod identity;
mod markdown;
pub mod order;
pub mod pages;
mod plain;
pub mod source;
mod walk;

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use format::Format;
pub use source::{Hint, Shown, Source};

use crate::error::{Error, Result};
use crate::segment::{self, PassageKind};

/// Display name of the bundled corpus, used where a folder path would be shown.
pub const BUNDLED_NAME: &str = "bundled corpus";

/// An article file larger than this is refused unread: no story is 256 MiB of text, and a
/// huge sparse file would otherwise be read (and held) in full.
pub const MAX_ARTICLE_BYTES: u64 = 256 << 20;

/// The bytes of the article file at `path`: a regular file (links followed) of at most
/// [`MAX_ARTICLE_BYTES`]. A FIFO, device or larger file is refused before anything is read.
pub fn read_file(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    crate::fs::read_file(path, MAX_ARTICLE_BYTES)
}

/// Metadata from optional front matter (`---` YAML-like or `+++` TOML-like) or a page.
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
    /// When the article was last updated (from a page, or `updated` in front matter).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl Meta {
    /// Each field with its front-matter name, in the order snapshots and `extract` print them.
    pub fn fields(&self) -> [(&'static str, Option<&str>); 6] {
        [
            ("title", self.title.as_deref()),
            ("source", self.source.as_deref()),
            ("author", self.author.as_deref()),
            ("date", self.date.as_deref()),
            ("updated", self.updated.as_deref()),
            ("url", self.url.as_deref()),
        ]
    }
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
    /// Its path relative to the corpus's base folder (see [`identity`]); unique within a corpus.
    pub id: String,
    /// Where it was read from (or the bundled file name); for a web page, its snapshot.
    pub path: PathBuf,
    /// For a web page: the page's path or URL, which `path` is the snapshot of.
    pub origin: Option<String>,
    /// The text the reader shows and the analysis compares; every passage offset points into
    /// it. For plain text it is the file's text, offsets identical to the stored bytes (see
    /// module docs); for Markdown the file with its markup hidden.
    pub text: String,
    /// The map from offsets into `text` back to the file's bytes (one run for plain text).
    pub shown: Shown,
    /// Front matter, if any.
    pub meta: Meta,
    /// The heading shown for the article: front-matter title, else headline, else the id.
    pub title: String,
    /// Byte range of the body in `text`: after the BOM and front matter.
    pub body: Range<usize>,
    pub passages: Vec<Passage>,
    /// Whether invalid UTF-8 bytes were replaced while decoding.
    pub lossy: bool,
}

impl Article {
    /// Reads and segments one file in the format its path names (plain text when it names
    /// none). `Err` carries a one-line reason to skip the file.
    pub fn from_bytes(id: String, path: PathBuf, bytes: &[u8]) -> std::result::Result<Self, String> {
        let source = Format::of_named(&path).read(bytes)?;
        Ok(Self::from_source(id, path, source))
    }

    /// Builds an article from text read as plain text. With `has_title`, a first line that
    /// reads as a headline (past a dateline or byline above it) becomes a passage of kind
    /// [`PassageKind::Title`].
    pub fn from_text(id: String, path: PathBuf, text: String, lossy: bool, has_title: bool) -> Self {
        Self::from_source(id, path, plain::read_text(text, lossy, has_title))
    }

    /// Builds an article from what a format read: its shown text, its hinted passages as they
    /// are, and the rest of the body cut by [`segment`].
    pub fn from_source(id: String, path: PathBuf, source: Source) -> Self {
        let Source { text, lossy, shown, meta, body, hints } = source;
        // Passages, claims and annotations all read the shown text; `shown` maps back to the file.
        let (text, shown) = shown.split(text);
        debug_assert!(hints.windows(2).all(|w| w[0].range.end <= w[1].range.start), "hints overlap");
        let mut segs = Vec::new();
        let mut rest = body.start;
        for hint in &hints {
            if rest < hint.range.start {
                segs.extend(segment::split(&text, rest..hint.range.start));
            }
            segs.push(segment::Segment { start: hint.range.start, end: hint.range.end, kind: hint.kind });
            rest = hint.range.end;
        }
        segs.extend(segment::split(&text, rest..body.end));
        // Non-statements are told apart over the whole article: a footer is what ends it.
        segment::mark_non_statements(&text, &mut segs);
        let passages = segs
            .into_iter()
            .enumerate()
            .map(|(index, s)| Passage { index, start: s.start, end: s.end, kind: s.kind })
            .collect();
        let headline =
            hints.iter().find(|h| h.kind == PassageKind::Title).map(|h| text[h.range.clone()].to_string());
        let mut article = Article {
            id,
            path,
            origin: None,
            text,
            shown,
            meta,
            title: String::new(),
            body,
            passages,
            lossy,
        };
        article.title = article.meta.title.clone().or(headline).unwrap_or_else(|| article.fallback_title());
        article
    }

    /// The title of an article without headline or front-matter title: its first sentence cut
    /// at a word, else its file name cleaned up (never a bare hash).
    fn fallback_title(&self) -> String {
        let first = self.passages.iter().find(|p| p.kind == PassageKind::Sentence);
        match first {
            Some(p) => cut_at_word(&self.text[p.range()], TITLE_CHARS),
            None => file_title(&self.id),
        }
    }

    /// The bytes of the file at `path` that range `range` of [`Article::text`] stands for (the
    /// same range for plain text).
    pub fn file_range(&self, range: Range<usize>) -> Range<usize> {
        self.shown.to_file(range.start)..self.shown.to_file_end(range.end)
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

/// The longest title made from a first sentence, in characters.
const TITLE_CHARS: usize = 72;

/// `text` cut to at most `max` characters at a word, with `…` when it was cut.
fn cut_at_word(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let end = text.char_indices().nth(max).map_or(text.len(), |(i, _)| i);
    let cut = text[..end].rfind(char::is_whitespace).filter(|&i| i > 0).unwrap_or(end);
    format!("{}…", text[..cut].trim_end_matches([',', ';', ':', ' ']))
}

/// A file name as a title: without folders and extension, `_` and `-` as spaces, and without
/// parts that are only a hash or a number (`003_da90da0f782761ee.txt` is "Article 003").
fn file_title(id: &str) -> String {
    let name = id.rsplit('/').next().unwrap_or(id);
    let stem = name.split('.').next().filter(|s| !s.is_empty()).unwrap_or(name);
    let hashy = |w: &str| w.len() >= 8 && w.chars().all(|c| c.is_ascii_hexdigit());
    let words: Vec<&str> = stem.split(['_', '-', ' ']).filter(|w| !w.is_empty() && !hashy(w)).collect();
    match words.as_slice() {
        [] => "Untitled article".to_string(),
        ws if ws.iter().all(|w| w.chars().all(|c| c.is_ascii_digit())) => format!("Article {}", ws.join(" ")),
        ws => ws.join(" "),
    }
}

/// One file read for the corpus: for a web page, its snapshot, with the page it stands for.
struct Loaded {
    id: String,
    path: PathBuf,
    origin: Option<String>,
    bytes: Vec<u8>,
}

/// Reads article file `path` (id `id`); a web page becomes its snapshot in `page_folder`. The
/// second value is a note to warn about while still using the file.
fn read_article(
    id: &str,
    path: &Path,
    page_folder: Option<&Path>,
) -> std::result::Result<(Loaded, Option<String>), Warning> {
    let warn = |message: String| Warning { path: path.to_path_buf(), message };
    if Format::of(path) != Some(Format::Html) {
        let bytes = read_file(path).map_err(|e| warn(format!("cannot read: {e}; skipped")))?;
        return Ok((Loaded { id: id.to_string(), path: path.to_path_buf(), origin: None, bytes }, None));
    }
    let bytes = html::read_file(path).map_err(|why| warn(format!("{why}; skipped")))?;
    from_page(id, path.to_path_buf(), Some(path.display().to_string()), bytes, page_folder)
}

/// A web page read through its snapshot in `folder` (kept in memory when there is none).
fn from_page(
    id: &str,
    path: PathBuf,
    origin: Option<String>,
    page: Vec<u8>,
    folder: Option<&Path>,
) -> std::result::Result<(Loaded, Option<String>), Warning> {
    let id = id.to_string();
    let Some(folder) = folder else {
        let note = Some("no folder to keep its snapshot in (set PARALLAX_DATA_DIR)".to_string());
        return Ok((Loaded { id, path, origin: None, bytes: page }, note));
    };
    match pages::snapshot(folder, &id, &page) {
        Ok((snapshot, bytes, note)) => Ok((Loaded { id, path: snapshot, origin, bytes }, note)),
        Err(reason) => {
            Err(Warning { path: origin.map_or(path, PathBuf::from), message: format!("{reason}; skipped") })
        }
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
        write!(f, "{}: {}", crate::sanitize::path(&self.path), crate::sanitize::text(&self.message))
    }
}

/// The articles of one story, in the order of [`order`] so that results never depend on file
/// order.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub articles: Vec<Article>,
    pub warnings: Vec<Warning>,
    /// What was loaded, for messages and the header: folder paths or [`BUNDLED_NAME`].
    pub origin: String,
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
        paths.iter().filter(|p| !pages::is_url(p)).try_for_each(|root| walk::stat(root).map(drop))
    }

    /// Loads every article file (see [`Format`]) under the given folders (recursively, hidden
    /// entries skipped) and the given files, named by the [`identity`] rule. Unusable files
    /// become warnings; no article at all is an error that says what was searched.
    pub fn load(paths: &[PathBuf]) -> Result<Self> {
        Self::load_with(paths, Vec::new())
    }

    /// [`Corpus::load`], plus pages fetched from URLs: `(url, bytes or why there are none)`
    /// pairs, each an article whose id is its URL, read through its snapshot in the user data
    /// folder (URLs among `paths` are left to this list).
    pub fn load_with(
        paths: &[PathBuf],
        fetched: Vec<(String, std::result::Result<Vec<u8>, String>)>,
    ) -> Result<Self> {
        let roots = walk::find(paths)?;
        let roots_warnings = roots.iter().flat_map(|r| r.warnings.clone()).collect();
        let mut files: Vec<(String, PathBuf)> = identity::ids(&roots)
            .into_iter()
            .zip(roots)
            .flat_map(|(ids, root)| ids.into_iter().zip(root.files.into_iter().map(|f| f.path)))
            .collect();
        files.sort_by(|a, b| a.0.cmp(&b.0));
        let page_folder = pages::folder(identity::base(paths).as_deref());
        let url_folder = pages::url_folder();
        // Reading many small files is latency-bound: in parallel, kept in order.
        let read: Vec<std::result::Result<(Loaded, Option<String>), Warning>> = files
            .par_iter()
            .map(|(id, path)| read_article(id, path, page_folder.as_deref()))
            .chain(fetched.par_iter().map(|(url, bytes)| {
                let path = PathBuf::from(url);
                let bytes = bytes
                    .clone()
                    .map_err(|why| Warning { path: path.clone(), message: format!("{why}; skipped") })?;
                from_page(url, path, Some(url.clone()), bytes, url_folder.as_deref())
            }))
            .collect();
        let mut warnings: Vec<Warning> = roots_warnings;
        let mut loaded = Vec::new();
        for r in read {
            match r {
                Ok((file, note)) => {
                    if let Some(message) = note {
                        let path = file.origin.as_deref().map_or_else(|| file.path.clone(), PathBuf::from);
                        warnings.push(Warning { path, message });
                    }
                    loaded.push(file);
                }
                Err(w) => warnings.push(w),
            }
        }
        let mut corpus = Self::from_loaded(loaded);
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
    /// duplicates with a warning. Articles are in the order of [`order`].
    pub fn from_files(files: impl IntoIterator<Item = (String, PathBuf, Vec<u8>)>) -> Self {
        Self::from_loaded(
            files.into_iter().map(|(id, path, bytes)| Loaded { id, path, origin: None, bytes }).collect(),
        )
    }

    /// [`Corpus::from_files`] for files that may stand for a web page.
    fn from_loaded(mut files: Vec<Loaded>) -> Self {
        files.sort_by(|a, b| a.id.cmp(&b.id));
        let mut warnings = Vec::new();
        let mut articles: Vec<Article> = Vec::new();
        let mut seen: BTreeMap<u64, String> = BTreeMap::new();
        // Decoding and segmenting is independent per file: in parallel, then kept in id order.
        let parsed: Vec<(u64, std::result::Result<Article, String>)> = files
            .par_iter()
            .map(|f| {
                (crate::hash::fnv1a(&f.bytes), Article::from_bytes(f.id.clone(), f.path.clone(), &f.bytes))
            })
            .collect();
        for (Loaded { id, path, origin, .. }, (hash, parsed)) in files.into_iter().zip(parsed) {
            // A page is named by its own path in messages, not by its snapshot's.
            let path = origin.as_deref().map_or(path, PathBuf::from);
            if let Some(first) = seen.get(&hash) {
                warnings.push(Warning {
                    path,
                    message: format!("same bytes as `{first}`; skipped as a duplicate"),
                });
                continue;
            }
            match parsed {
                Ok(mut article) => {
                    article.origin = origin;
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
        order::sort(&mut articles);
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

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

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
        assert_eq!(a.title, "It shut on Monday.", "no headline: the first sentence");
    }

    #[test]
    fn a_title_is_never_a_bare_hash() {
        let long =
            "The committee voted on Tuesday to close the old harbour bridge to all traffic for a year.";
        assert_eq!(cut_at_word(long, 40), "The committee voted on Tuesday to close…");
        assert_eq!(cut_at_word("Short one.", 40), "Short one.");
        assert_eq!(file_title("003_da90da0f782761ee.txt"), "Article 003");
        assert_eq!(file_title("news/harlow_ferry-aground.md"), "harlow ferry aground");
        assert_eq!(file_title("da90da0f782761ee.txt"), "Untitled article");
        let a = Article::from_text(
            "003_da90da0f782761ee.txt".into(),
            "a".into(),
            "\u{2014}\n".into(),
            false,
            true,
        );
        assert_eq!(a.title, "Article 003");
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

    #[test]
    fn upper_case_extensions_load() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("STORY.TXT"), "Plant closes\nIt shut on Monday.\n").unwrap();
        fs::write(dir.path().join("a.Md"), "Factory fire\nA fire closed the factory.\n").unwrap();
        let c = Corpus::load(&[dir.path().to_path_buf()]).unwrap();
        let ids: Vec<&str> = c.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["STORY.TXT", "a.Md"]);
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    }

    /// A page of one story: a menu, the article, a footer.
    fn page(passengers: u32) -> String {
        format!(
            "<html><head><title>Ferry aground</title><meta property=og:site_name content=Gazette></head>\
             <body><nav><a href=/>Home</a> <a href=/news>News</a></nav><article><h1>Ferry aground</h1>\
             <p>The ferry ran aground off Harlow Point early on Saturday with {passengers} passengers on \
             board, the coast guard said, and nobody was seriously hurt in the grounding.</p>\
             <p>Lifeboats took the passengers off the ferry over four hours in thick fog.</p></article>\
             <footer>All rights reserved</footer></body></html>"
        )
    }

    #[test]
    fn a_page_is_read_through_its_snapshot_made_once_and_anew_when_it_changes() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("gazette.html");
        fs::write(&file, page(212)).unwrap();
        let load = || Corpus::load(&[dir.path().to_path_buf()]).unwrap().articles.remove(0);
        let a = load();
        assert_eq!((a.id.as_str(), a.source()), ("gazette.html", Some("Gazette")));
        assert_eq!(a.origin, Some(file.display().to_string()));
        let pages = dir.path().join(".parallax").join("pages");
        assert!(a.path.starts_with(&pages), "{:?}", a.path);
        assert_eq!(fs::read_to_string(&a.path).unwrap(), a.text, "offsets point into the snapshot");
        assert!(!a.text.contains("Home") && !a.text.contains("rights"), "{}", a.text);
        assert_eq!(a.passage_text(0), "Ferry aground");
        assert_eq!(load().path, a.path, "an unchanged page reuses its snapshot");
        fs::write(&file, page(240)).unwrap();
        let b = load();
        assert_ne!(b.path, a.path);
        assert!(b.text.contains("240 passengers"));
        assert_eq!(fs::read_dir(&pages).unwrap().count(), 2, "snapshots are never pruned");
    }

    #[test]
    fn two_roots_sharing_a_base_name_give_two_ids() {
        let dir = tempfile::tempdir().unwrap();
        let roots: Vec<PathBuf> = ["nyt/2024", "wapo/2024"].iter().map(|r| dir.path().join(r)).collect();
        for (root, text) in
            roots.iter().zip(["Fire at plant\nIt burned.\n", "Plant burns\nIt burned down.\n"])
        {
            fs::create_dir_all(root).unwrap();
            fs::write(root.join("story.txt"), text).unwrap();
        }
        let c = Corpus::load(&roots).unwrap();
        let ids: Vec<&str> = c.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["nyt/2024/story.txt", "wapo/2024/story.txt"]);
    }

    #[test]
    fn texts_go_through_the_format_seam() {
        let c = Corpus::from_texts([("a.md", "Plant closes\nIt shut on Monday.\n")]);
        let a = &c.articles[0];
        assert_eq!(a.shown, Shown::identity());
        assert_eq!(a.shown.text(&a.text), a.text);
        assert_eq!(a.passages[0].kind, PassageKind::Title);
    }

    #[test]
    fn hints_become_passages_and_the_rest_is_segmented() {
        let text = "Intro line here. Then more.\nA caption\nLast sentence. Done.\n".to_string();
        let caption = text.find("A caption").unwrap();
        let source = Source {
            body: 0..text.len(),
            hints: vec![Hint { range: caption..caption + 9, kind: PassageKind::Heading }],
            text,
            lossy: false,
            shown: Shown::identity(),
            meta: Meta::default(),
        };
        let a = Article::from_source("x".into(), "x".into(), source);
        let got: Vec<(&str, PassageKind)> =
            (0..a.passages.len()).map(|i| (a.passage_text(i), a.passages[i].kind)).collect();
        assert_eq!(
            got,
            [
                ("Intro line here.", PassageKind::Sentence),
                ("Then more.", PassageKind::Sentence),
                ("A caption", PassageKind::Heading),
                ("Last sentence.", PassageKind::Sentence),
                ("Done.", PassageKind::Sentence),
            ]
        );
        assert!(a.passages.iter().enumerate().all(|(i, p)| p.index == i));
        assert_eq!(a.title, "Intro line here.", "only a title hint is a headline");
    }
}
