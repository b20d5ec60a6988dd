//! Finding the article files under the paths the user gave.
//!
//! A path that is a folder gives every file below it whose [`Format`] is known, recursively,
//! hidden entries skipped; symlinked folders are not followed (which rules out loops), symlinked
//! files are read. A path that is a file is an article whatever its name.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use super::format::Format;
use crate::error::{Error, Result};

/// One path the user gave, and the article files found through it.
#[derive(Debug)]
pub(crate) struct Root {
    pub path: PathBuf,
    pub is_dir: bool,
    pub files: Vec<Found>,
}

/// One article file.
#[derive(Debug)]
pub(crate) struct Found {
    /// Where to read it: the root joined with `rel`, or the root itself.
    pub path: PathBuf,
    /// Its path below its root; for a root that is a file, the file's name.
    pub rel: PathBuf,
}

/// The metadata of a path given by the user, or the error that names it.
pub(super) fn stat(root: &Path) -> Result<fs::Metadata> {
    fs::metadata(root).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::NotFound { path: root.to_path_buf() },
        _ => Error::Read { path: root.to_path_buf(), source: e },
    })
}

/// The article files of every root, in the order given, each root's sorted by path. URLs are
/// not roots: they are fetched, not found.
pub(crate) fn find(roots: &[PathBuf]) -> Result<Vec<Root>> {
    roots
        .iter()
        .filter(|root| !super::pages::is_url(root))
        .map(|root| {
            let is_dir = stat(root)?.is_dir();
            let files = if is_dir {
                let mut found = Vec::new();
                walk(root, root, &mut found, &mut BTreeSet::new())?;
                found.sort_by(|a, b| a.rel.cmp(&b.rel));
                found
            } else {
                let rel = root.file_name().map_or_else(|| root.clone(), PathBuf::from);
                vec![Found { path: root.clone(), rel }]
            };
            Ok(Root { path: root.clone(), is_dir, files })
        })
        .collect()
}

/// Recursively lists the article files under `dir`, a folder inside `root`.
fn walk(root: &Path, dir: &Path, out: &mut Vec<Found>, seen: &mut BTreeSet<PathBuf>) -> Result<()> {
    let canonical = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if !seen.insert(canonical) {
        return Ok(());
    }
    let entries = fs::read_dir(dir).map_err(|e| Error::Read { path: dir.to_path_buf(), source: e })?;
    for entry in entries.flatten() {
        if entry.file_name().as_encoded_bytes().starts_with(b".") {
            continue;
        }
        let path = entry.path();
        let Ok(file_type) = entry.file_type() else { continue };
        if file_type.is_dir() {
            walk(root, &path, out, seen)?;
        } else if (file_type.is_file() || (file_type.is_symlink() && path.is_file()))
            && Format::of(&path).is_some()
        {
            let rel = path.strip_prefix(root).map_or_else(|_| path.clone(), Path::to_path_buf);
            out.push(Found { path, rel });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_of_any_case_are_found_and_hidden_files_are_not() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["STORY.TXT", "a.Md", "b.txt", ".hidden.txt", "notes.rtf"] {
            fs::write(dir.path().join(name), "x").unwrap();
        }
        fs::create_dir(dir.path().join("sub")).unwrap();
        fs::write(dir.path().join("sub/c.md"), "x").unwrap();
        let roots = find(&[dir.path().to_path_buf()]).unwrap();
        let rels: Vec<_> = roots[0].files.iter().map(|f| f.rel.to_string_lossy().into_owned()).collect();
        assert_eq!(rels, ["STORY.TXT", "a.Md", "b.txt", "sub/c.md"]);
    }

    #[test]
    fn a_file_root_is_an_article_whatever_its_name() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("notes.rtf");
        fs::write(&file, "x").unwrap();
        let roots = find(std::slice::from_ref(&file)).unwrap();
        assert!(!roots[0].is_dir);
        assert_eq!(roots[0].files[0].rel, Path::new("notes.rtf"));
    }
}
