//! Article identity: the one rule for an article's id.
//!
//! The corpus has a **base folder**: the deepest common ancestor of its roots, where a root that
//! is a folder counts as itself and a root that is a file as its parent, all canonicalised. An
//! article's id is its path relative to the base, components joined by `/`. So:
//!
//! - an id always ends with the file's own name (a symlinked file keeps the link's name);
//! - one folder gives paths relative to it (`sub/a.txt`), and files of one folder their names,
//!   however the corpus was opened (`parallax fire`, `parallax fire/*.txt`, `cd fire && parallax .`);
//! - two roots that share a base name stay apart: `nyt/2024/story.txt` and
//!   `wapo/2024/story.txt` keep those ids rather than both becoming `2024/story.txt`.
//!
//! A name that is not valid UTF-8 is escaped so that two names never share an id: each invalid
//! byte is written `\xNN` (lower-case hex) and a `\` in a name is written `\\`. That escaped
//! form is the id users see and type.
//!
//! Annotations are stored beside the base (see `annotate::location`), so they follow the
//! articles as the ids do. [`renamed`] maps the ids of the rule before this one, which
//! prefixed a root's name only when two roots gave the same id, for migrating their stores.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};

use super::walk::{self, Root};
use crate::error::Result;

/// The base folder of a corpus read from `paths` (see the module docs); `None` for no path
/// (the bundled corpus) or, on Windows, roots on different drives. URLs among `paths` have no
/// folder; a corpus of URLs alone has the folder their snapshots are kept in.
pub fn base(paths: &[PathBuf]) -> Option<PathBuf> {
    let folders: Vec<PathBuf> =
        paths.iter().filter(|p| !super::pages::is_url(p)).map(|p| folder_of(p, p.is_dir())).collect();
    if folders.is_empty() && !paths.is_empty() {
        return super::pages::url_folder();
    }
    common_ancestor(&folders)
}

/// The canonical folder a root stands for: itself, or the folder a file is in.
fn folder_of(root: &Path, is_dir: bool) -> PathBuf {
    let folder = if is_dir {
        root
    } else {
        match root.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        }
    };
    std::fs::canonicalize(folder)
        .or_else(|_| std::path::absolute(folder))
        .unwrap_or_else(|_| folder.to_path_buf())
}

/// The deepest folder that holds every one of `folders`.
fn common_ancestor(folders: &[PathBuf]) -> Option<PathBuf> {
    let (first, rest) = folders.split_first()?;
    let mut base = first.as_path();
    for folder in rest {
        while !folder.starts_with(base) {
            base = base.parent()?;
        }
    }
    Some(base.to_path_buf())
}

/// The ids of every file of `roots`, root by root, under this rule.
pub(super) fn ids(roots: &[Root]) -> Vec<Vec<String>> {
    let folders: Vec<PathBuf> = roots.iter().map(|r| folder_of(&r.path, r.is_dir)).collect();
    let base = common_ancestor(&folders);
    roots
        .iter()
        .zip(&folders)
        .map(|(root, folder)| {
            let below_base = base.as_deref().and_then(|b| folder.strip_prefix(b).ok()).unwrap_or(folder);
            root.files.iter().map(|f| id_of(below_base.join(&f.rel).components())).collect()
        })
        .collect()
}

/// The `/`-joined, escaped id of a relative path.
fn id_of<'a>(components: impl Iterator<Item = Component<'a>>) -> String {
    let mut id = String::new();
    let names = components.filter_map(|c| match c {
        Component::Normal(name) => Some(name),
        Component::Prefix(prefix) => Some(prefix.as_os_str()),
        Component::RootDir | Component::CurDir | Component::ParentDir => None,
    });
    for (i, name) in names.enumerate() {
        if i > 0 {
            id.push('/');
        }
        escape(name, &mut id);
    }
    id
}

/// Appends `name` to `out`, escaped as the module docs say.
fn escape(name: &OsStr, out: &mut String) {
    for chunk in name.as_encoded_bytes().utf8_chunks() {
        for c in chunk.valid().chars() {
            if c == '\\' {
                out.push_str("\\\\");
            } else {
                out.push(c);
            }
        }
        for b in chunk.invalid() {
            let _ = write!(out, "\\x{b:02x}");
        }
    }
}

/// The ids the rule before this one gave: the path below its root (a file root: its name),
/// lossily decoded, prefixed with the root's name where two roots gave the same id.
fn legacy_ids(roots: &[Root]) -> Vec<Vec<String>> {
    let plain: Vec<Vec<String>> = roots
        .iter()
        .map(|r| {
            r.files
                .iter()
                .map(|f| {
                    f.rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
                })
                .collect()
        })
        .collect();
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for id in plain.iter().flatten() {
        *count.entry(id).or_default() += 1;
    }
    roots
        .iter()
        .zip(&plain)
        .map(|(root, ids)| {
            let prefix = root.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            ids.iter()
                .map(|id| if count[id.as_str()] > 1 { format!("{prefix}/{id}") } else { id.clone() })
                .collect()
        })
        .collect()
}

/// How the ids of the corpus read from `paths` changed with this rule: old id → new id, for
/// the ids that changed. Where the old rule gave two articles one id, it meant the first of
/// them (that is the one its lookups found), so that one is the id's new name.
pub fn renamed(paths: &[PathBuf]) -> Result<BTreeMap<String, String>> {
    let roots = walk::find(paths)?;
    let mut map = BTreeMap::new();
    for (old, new) in legacy_ids(&roots).into_iter().flatten().zip(ids(&roots).into_iter().flatten()) {
        if old != new {
            map.entry(old).or_insert(new);
        }
    }
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(files: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for f in files {
            let path = dir.path().join(f);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, f).unwrap();
        }
        dir
    }

    fn ids_of(paths: &[PathBuf]) -> Vec<String> {
        ids(&walk::find(paths).unwrap()).into_iter().flatten().collect()
    }

    #[test]
    fn one_folder_gives_paths_below_it_and_files_their_names() {
        let dir = tree(&["fire/a.txt", "fire/sub/b.md"]);
        let fire = dir.path().join("fire");
        assert_eq!(ids_of(std::slice::from_ref(&fire)), ["a.txt", "sub/b.md"]);
        assert_eq!(ids_of(&[fire.join("a.txt"), fire.join("sub/b.md")]), ["a.txt", "sub/b.md"]);
        assert_eq!(ids_of(&[fire.join("sub/b.md")]), ["b.md"]);
        assert_eq!(base(&[fire.join("a.txt")]), Some(std::fs::canonicalize(&fire).unwrap()));
    }

    #[test]
    fn two_roots_with_one_base_name_stay_apart() {
        let dir = tree(&["nyt/2024/story.txt", "wapo/2024/story.txt"]);
        let roots = [dir.path().join("nyt/2024"), dir.path().join("wapo/2024")];
        assert_eq!(ids_of(&roots), ["nyt/2024/story.txt", "wapo/2024/story.txt"]);
        // Before, both were `2024/story.txt`: the first keeps that name in old stores.
        let map = renamed(&roots).unwrap();
        assert_eq!(map.len(), 1);
        assert_eq!(map["2024/story.txt"], "nyt/2024/story.txt");
    }

    #[test]
    fn two_folders_are_named_below_their_common_folder() {
        let dir = tree(&["a/x.txt", "b/y.txt"]);
        let roots = [dir.path().join("a"), dir.path().join("b")];
        assert_eq!(ids_of(&roots), ["a/x.txt", "b/y.txt"]);
        let map = renamed(&roots).unwrap();
        assert_eq!(map["x.txt"], "a/x.txt");
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_file_keeps_its_own_name() {
        let dir = tree(&["real/target.txt"]);
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(dir.path().join("real/target.txt"), &link).unwrap();
        assert_eq!(ids_of(&[link]), ["link.txt"]);
    }

    #[cfg(unix)]
    #[test]
    fn names_are_escaped_so_they_never_collide() {
        use std::os::unix::ffi::OsStrExt;
        let mut id = String::new();
        escape(OsStr::from_bytes(b"a\xffb"), &mut id);
        assert_eq!(id, "a\\xffb");
        let mut literal = String::new();
        escape(OsStr::new("a\\xffb"), &mut literal);
        assert_eq!(literal, "a\\\\xffb");
        assert_ne!(id, literal);
    }
}
