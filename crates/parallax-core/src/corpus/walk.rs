//! Finding the article files under the paths the user gave.
//!
//! A path that is a folder gives every file below it whose [`Format`] is known, recursively,
//! hidden entries skipped; symlinked folders are not followed (which rules out loops), symlinked
//! files are read. A subfolder that cannot be listed, or lies more than [`MAX_DEPTH`] folders
//! down, is skipped with a warning rather than failing the corpus. A path that is a file is an
//! article whatever its name.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use super::Warning;
use super::format::Format;
use crate::error::{Error, Result};

/// Folders below a root that are looked into; deeper ones are skipped with a warning (a
/// story is never filed that deep, and a crafted tree could be deeper than the stack).
pub(crate) const MAX_DEPTH: usize = 32;

/// One path the user gave, and the article files found through it.
#[derive(Debug)]
pub(crate) struct Root {
    pub path: PathBuf,
    pub is_dir: bool,
    pub files: Vec<Found>,
    /// Subfolders skipped, and why.
    pub warnings: Vec<Warning>,
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
            let mut walked = Walk { root, files: Vec::new(), warnings: Vec::new(), seen: BTreeSet::new() };
            if is_dir {
                // The root itself must be listable: that failure names what the user gave.
                fs::read_dir(root).map_err(|e| Error::Read { path: root.clone(), source: e })?;
                walked.folder(root, 0);
                walked.files.sort_by(|a, b| a.rel.cmp(&b.rel));
            } else {
                let rel = root.file_name().map_or_else(|| root.clone(), PathBuf::from);
                walked.files.push(Found { path: root.clone(), rel });
            }
            Ok(Root { path: root.clone(), is_dir, files: walked.files, warnings: walked.warnings })
        })
        .collect()
}

/// One root's walk: what it found so far and what it skipped.
struct Walk<'a> {
    root: &'a Path,
    files: Vec<Found>,
    warnings: Vec<Warning>,
    seen: BTreeSet<PathBuf>,
}

impl Walk<'_> {
    /// Lists the article files under `dir`, `depth` folders below the root, recursively.
    fn folder(&mut self, dir: &Path, depth: usize) {
        let canonical = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        if !self.seen.insert(canonical) {
            return;
        }
        if depth > MAX_DEPTH {
            let message = format!("folder more than {MAX_DEPTH} levels deep; skipped");
            self.warnings.push(Warning { path: dir.to_path_buf(), message });
            return;
        }
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => {
                let message = format!("cannot read folder: {e}; skipped");
                self.warnings.push(Warning { path: dir.to_path_buf(), message });
                return;
            }
        };
        for entry in entries.flatten() {
            if entry.file_name().as_encoded_bytes().starts_with(b".") {
                continue;
            }
            let path = entry.path();
            let Ok(file_type) = entry.file_type() else { continue };
            if file_type.is_dir() {
                self.folder(&path, depth + 1);
            } else if (file_type.is_file() || (file_type.is_symlink() && path.is_file()))
                && Format::of(&path).is_some()
            {
                let rel = path.strip_prefix(self.root).map_or_else(|_| path.clone(), Path::to_path_buf);
                self.files.push(Found { path, rel });
            }
        }
    }
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

    /// Issue 15: one folder too deep or unreadable costs that folder, not the corpus.
    #[test]
    fn a_too_deep_or_unreadable_subfolder_is_skipped_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("top.txt"), "x").unwrap();
        let mut deep = dir.path().to_path_buf();
        for i in 0..=MAX_DEPTH {
            deep.push(format!("d{i}"));
        }
        fs::create_dir_all(&deep).unwrap();
        fs::write(deep.join("deep.txt"), "x").unwrap();
        fs::write(deep.parent().unwrap().join("shallow.txt"), "x").unwrap();
        let roots = find(&[dir.path().to_path_buf()]).unwrap();
        let names: Vec<_> = roots[0].files.iter().map(|f| f.path.file_name().unwrap().to_owned()).collect();
        assert_eq!(names, ["shallow.txt", "top.txt"]);
        assert_eq!(roots[0].warnings.len(), 1);
        assert!(roots[0].warnings[0].message.contains("levels deep"), "{:?}", roots[0].warnings);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let locked = dir.path().join("locked");
            fs::create_dir(&locked).unwrap();
            fs::write(locked.join("hidden.txt"), "x").unwrap();
            fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
            // Root can list it anyway; then there is nothing to skip.
            if fs::read_dir(&locked).is_err() {
                let roots = find(&[dir.path().to_path_buf()]).unwrap();
                assert!(
                    roots[0].warnings.iter().any(|w| w.path == locked && w.message.contains("cannot read"))
                );
                assert_eq!(roots[0].files.len(), 2);
            }
            fs::set_permissions(&locked, fs::Permissions::from_mode(0o700)).unwrap();
        }
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
