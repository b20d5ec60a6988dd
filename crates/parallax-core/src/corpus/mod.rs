//! Loading a corpus: the articles of one story, each decoded, its metadata read, and cut into
//! passages.
//!
//! - `walk` finds the article files under the paths given;
//! - [`identity`] names them (the id rule, and the folder the corpus's stores live beside);
//! - [`format`](mod@format) is the seam between files and everything else: it knows which extensions are
//!   articles and how each format is read (plain text, Markdown), and gives a [`Source`];
//! - this module turns sources into [`Article`]s: the format's passage hints, then
//!   [`segment`] for the rest of the body, and the non-statements told apart over the whole.
//!
//! Every offset in parallax is a byte offset into the file as stored (see `decode`), so
//! `text[start..end]` is always the bytes of the file at those offsets (exactly, for valid UTF-8).

mod decode;
pub mod format;
mod front_matter;
pub mod identity;
mod markdown;
pub mod order;
mod plain;
pub mod source;
mod walk;

use std::collections::BTreeMap;
use std::fs;
use std::ops::Range;
use std::path::PathBuf;

use rayon::prelude::*;

pub use format::Format;
pub use source::{Hint, Shown, Source};

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
    /// Its path relative to the corpus's base folder (see [`identity`]); unique within a corpus.
    pub id: String,
    /// Where it was read from (or the bundled file name).
    pub path: PathBuf,
    /// The file's text with offsets identical to the stored bytes (see module docs).
    pub text: String,
    /// The text the reader shows and its map back to `text` (today `text` itself).
    pub shown: Shown,
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

    /// Builds an article from what a format read: its hinted passages as they are, and the
    /// rest of the body cut by [`segment`].
    pub fn from_source(id: String, path: PathBuf, source: Source) -> Self {
        let Source { text, lossy, shown, meta, body, hints } = source;
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
        let title = meta.title.clone().or(headline).unwrap_or_else(|| id.clone());
        Article { id, path, text, shown, meta, title, body, passages, lossy }
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
        paths.iter().try_for_each(|root| walk::stat(root).map(drop))
    }

    /// Loads every article file (see [`Format`]) under the given folders (recursively, hidden
    /// entries skipped) and the given files, named by the [`identity`] rule. Unusable files
    /// become warnings; no article at all is an error that says what was searched.
    pub fn load(paths: &[PathBuf]) -> Result<Self> {
        let roots = walk::find(paths)?;
        let mut files: Vec<(String, PathBuf)> = identity::ids(&roots)
            .into_iter()
            .zip(roots)
            .flat_map(|(ids, root)| ids.into_iter().zip(root.files.into_iter().map(|f| f.path)))
            .collect();
        files.sort_by(|a, b| a.0.cmp(&b.0));
        // Reading many small files is latency-bound: in parallel, kept in order.
        let contents: Vec<std::io::Result<Vec<u8>>> =
            files.par_iter().map(|(_, path)| fs::read(path)).collect();
        let mut warnings = Vec::new();
        let mut loaded = Vec::new();
        for ((id, path), content) in files.into_iter().zip(contents) {
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
    /// duplicates with a warning. Articles are in the order of [`order`].
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
        assert_eq!(a.title, "x", "only a title hint names the article");
    }
}
