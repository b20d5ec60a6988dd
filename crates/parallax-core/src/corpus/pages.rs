//! Where the Markdown snapshots of web pages are kept, so that every offset points at bytes of
//! a file the user can open.
//!
//! A saved page's snapshot is `<base>/.parallax/pages/<id slug>-<hash>.md`, where the hash is
//! of the page's bytes and the extraction's version: a changed page gets a new snapshot, an
//! unchanged one reuses its own, and none is ever pruned (annotations point into them). When
//! the base folder cannot hold it (read-only, `/`, the home folder) and for pages fetched from
//! a URL, the snapshot goes to the user data folder's `pages/`. Snapshots are read without
//! following symlinks and written atomically, like everything else under `.parallax/`.

use std::path::{Path, PathBuf};

use super::html::{self, PAGE_CAP};
use crate::fs;

/// Bumped when the extraction or the snapshot layout changes, so old snapshots are re-made.
const VERSION: &[u8] = b"parallax-pages-1";

/// Whether a path the user gave is an address (`scheme://…`) rather than a file or folder:
/// such a path is fetched by the program and never looked for on disk.
pub fn is_url(path: &Path) -> bool {
    path.to_str().and_then(|p| p.split_once("://")).is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

/// The folder that holds the snapshots of pages fetched from URLs (in the user data folder);
/// a corpus of URLs alone keeps its annotations beside them.
pub fn url_folder() -> Option<PathBuf> {
    folder(None)
}

/// The folder for the snapshots of pages under `base`: beside the articles when that is
/// possible, else in the user data folder.
pub(super) fn folder(base: Option<&Path>) -> Option<PathBuf> {
    match base {
        Some(base) if crate::annotate::location::usable(base) => Some(base.join(".parallax").join("pages")),
        _ => crate::annotate::data_dir().ok().map(|d| d.join("pages")),
    }
}

/// The snapshot of page `name` (an article id or a URL) with these bytes: read back if it was
/// made before, else extracted and written to `folder`. Gives the snapshot's path and bytes,
/// or the one-line reason the page gives no article. A snapshot that cannot be written is
/// still used, with the second value saying why it is not kept.
pub(super) fn snapshot(
    folder: &Path,
    name: &str,
    page: &[u8],
) -> Result<(PathBuf, Vec<u8>, Option<String>), String> {
    let path = folder.join(file_name(name, page));
    if let Ok(bytes) = fs::read_capped(&path, PAGE_CAP) {
        return Ok((path, bytes, None));
    }
    let bytes = html::extract(page)?.snapshot().into_bytes();
    let unsaved = fs::write_atomic(&path, &bytes)
        .err()
        .map(|e| format!("snapshot not saved to {}: {e}", path.display()));
    Ok((path, bytes, unsaved))
}

/// `<slug>-<hash>.md` for page `name` with bytes `page`.
fn file_name(name: &str, page: &[u8]) -> String {
    let mut key = VERSION.to_vec();
    key.extend_from_slice(name.as_bytes());
    key.push(0);
    key.extend_from_slice(page);
    format!("{}-{:016x}.md", slug(name, 48), crate::hash::fnv1a(&key))
}

/// A short ASCII file-name slug of `text`: letters and digits, runs of anything else one `-`.
pub fn slug(text: &str, max: usize) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= max {
            break;
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() { "page".to_string() } else { out.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_told_from_paths() {
        assert!(is_url(Path::new("https://example.org/a")));
        assert!(is_url(Path::new("ftp://example.org/a")));
        assert!(!is_url(Path::new("story.txt")));
        assert!(!is_url(Path::new("dir/with://odd")));
        assert!(!is_url(Path::new("://x")));
    }

    #[test]
    fn slugs_are_short_ascii() {
        assert_eq!(slug("Fire at dawn: 3 dead — officials", 48), "fire-at-dawn-3-dead-officials");
        assert_eq!(slug("¿?", 48), "page");
        assert!(slug(&"word ".repeat(40), 20).len() <= 20);
    }

    #[test]
    fn a_changed_page_gets_a_new_snapshot_name() {
        assert_ne!(file_name("a.html", b"<p>one</p>"), file_name("a.html", b"<p>two</p>"));
        assert_eq!(file_name("a.html", b"<p>one</p>"), file_name("a.html", b"<p>one</p>"));
        assert!(file_name("sub/A Page.html", b"x").starts_with("sub-a-page-html-"));
    }
}
