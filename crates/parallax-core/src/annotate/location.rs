//! Where the annotations of a corpus are kept: beside its articles, so they follow them.
//!
//! The file is `<base>/.parallax/annotations.json`, where the base is the corpus's base folder
//! (see [`identity`]): the same store however the corpus was opened (`parallax fire`,
//! `parallax fire/*.txt`, `cd fire && parallax .`), and the ids in it are relative to that same
//! folder. When the base is `/`, the home folder or not writable, and has no store yet, the
//! store is in the user data folder instead (`$PARALLAX_DATA_DIR`, else the platform's, e.g.
//! `~/.local/share/parallax`) under `bases/<hash of the canonical base>/`. The bundled corpus
//! keeps `<data>/bundled/`.
//!
//! Before this rule, only a corpus that was one folder kept its store beside it; anything else
//! had it in `<data>/corpora/<hash of the sorted canonical paths>/`. [`legacy`] still knows
//! that place so that a store there can be moved (see `Store::migrate`).

use std::path::{Path, PathBuf};

use crate::corpus::identity;
use crate::error::Result;

/// Name of the annotations file.
pub const FILE_NAME: &str = "annotations.json";

/// Where a store is, before the user data folder is known: most corpora do not need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Place {
    /// A path of its own.
    At(PathBuf),
    /// A path below the user data folder.
    InData(PathBuf),
    /// No store: the corpus's `.parallax` (this path) is a symbolic link, which could lead
    /// anywhere, so nothing is read or written through it.
    Linked(PathBuf),
}

impl Place {
    /// The path, with `data` giving the user data folder if it is needed.
    pub(super) fn resolve(self, data: impl FnOnce() -> Result<PathBuf>) -> Result<PathBuf> {
        match self {
            Place::At(path) => Ok(path),
            Place::InData(rel) => Ok(data()?.join(rel)),
            Place::Linked(dot) => Err(crate::Error::Read {
                path: dot,
                source: std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    "is a symbolic link; not followed (replace it with a folder to keep annotations)",
                ),
            }),
        }
    }
}

/// Where the store of the corpus read from `paths` is (no path: the bundled corpus). Reads
/// metadata only.
pub(super) fn current(paths: &[PathBuf]) -> Place {
    let Some(base) = identity::base(paths) else { return Place::InData(bundled()) };
    let dot = base.join(".parallax");
    if dot.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink()) {
        return Place::Linked(dot);
    }
    let beside = dot.join(FILE_NAME);
    if beside.symlink_metadata().is_ok() || usable(&base) {
        return Place::At(beside);
    }
    let key = crate::hash::fnv1a(base.as_os_str().as_encoded_bytes());
    Place::InData(Path::new("bases").join(format!("{key:016x}")).join(FILE_NAME))
}

/// Where the rule before [`current`] kept the store of `paths`.
pub(super) fn legacy(paths: &[PathBuf]) -> Place {
    if let [one] = paths
        && one.is_dir()
    {
        return Place::At(one.join(".parallax").join(FILE_NAME));
    }
    if paths.is_empty() {
        return Place::InData(bundled());
    }
    let mut keys: Vec<String> = paths
        .iter()
        .map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.clone()).display().to_string())
        .collect();
    keys.sort();
    keys.dedup();
    let key = crate::hash::fnv1a(keys.join("\n").as_bytes());
    Place::InData(Path::new("corpora").join(format!("{key:016x}")).join(FILE_NAME))
}

fn bundled() -> PathBuf {
    Path::new("bundled").join(FILE_NAME)
}

/// Whether a store may be created beside `base`: not `/` or the home folder (which hold
/// everything, so a store there would gather unrelated corpora), and writable.
pub(crate) fn usable(base: &Path) -> bool {
    let home = dirs::home_dir().and_then(|h| std::fs::canonicalize(h).ok());
    let dot = base.join(".parallax");
    let dir = if dot.is_dir() { dot.as_path() } else { base };
    base.parent().is_some() && home.as_deref() != Some(base) && writable(dir)
}

#[cfg(unix)]
fn writable(dir: &Path) -> bool {
    use rustix::fs::{Access, access};
    access(dir, Access::WRITE_OK | Access::EXEC_OK).is_ok()
}

#[cfg(not(unix))]
fn writable(dir: &Path) -> bool {
    std::fs::metadata(dir).is_ok_and(|m| m.is_dir() && !m.permissions().readonly())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fire() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let fire = dir.path().join("fire");
        std::fs::create_dir(&fire).unwrap();
        for name in ["a.txt", "b.txt"] {
            std::fs::write(fire.join(name), name).unwrap();
        }
        (dir, std::fs::canonicalize(fire).unwrap())
    }

    #[test]
    fn a_folder_its_files_and_dot_inside_it_share_one_store() {
        let (_dir, fire) = fire();
        let want = Place::At(fire.join(".parallax").join(FILE_NAME));
        assert_eq!(current(std::slice::from_ref(&fire)), want);
        assert_eq!(current(&[fire.join("a.txt"), fire.join("b.txt")]), want);
        assert_eq!(current(&[fire.join("b.txt")]), want);
        assert_eq!(current(&[fire.join(".")]), want);
        assert_eq!(current(&[]), Place::InData(bundled()));
    }

    #[test]
    fn root_and_home_keep_their_stores_in_the_data_folder() {
        assert!(matches!(current(&[PathBuf::from("/")]), Place::InData(p) if p.starts_with("bases")));
        if let Some(home) = dirs::home_dir().filter(|h| h.is_dir()) {
            let beside = home.join(".parallax").join(FILE_NAME);
            if beside.symlink_metadata().is_err() {
                assert!(matches!(current(&[home]), Place::InData(p) if p.starts_with("bases")));
            }
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_folder_keeps_its_store_in_the_data_folder() {
        use std::os::unix::fs::PermissionsExt;
        let (_dir, fire) = fire();
        std::fs::set_permissions(&fire, std::fs::Permissions::from_mode(0o555)).unwrap();
        let place = current(std::slice::from_ref(&fire));
        let writable_anyway = writable(&fire); // running as root
        std::fs::set_permissions(&fire, std::fs::Permissions::from_mode(0o755)).unwrap();
        if !writable_anyway {
            assert!(matches!(place, Place::InData(p) if p.starts_with("bases")));
        }
    }

    /// Issue 15: a `.parallax` that links elsewhere is never read or written through.
    #[cfg(unix)]
    #[test]
    fn a_symlinked_dot_parallax_gives_no_store() {
        let (dir, fire) = fire();
        std::os::unix::fs::symlink(dir.path(), fire.join(".parallax")).unwrap();
        let place = current(std::slice::from_ref(&fire));
        assert_eq!(place, Place::Linked(fire.join(".parallax")));
        let err = place.resolve(|| unreachable!()).unwrap_err().to_string();
        assert!(err.contains("symbolic link"), "{err}");
    }

    #[test]
    fn the_old_rule_is_remembered() {
        let (_dir, fire) = fire();
        assert_eq!(legacy(std::slice::from_ref(&fire)), Place::At(fire.join(".parallax").join(FILE_NAME)));
        let files = [fire.join("a.txt"), fire.join("b.txt")];
        let old = legacy(&files);
        assert!(matches!(&old, Place::InData(p) if p.starts_with("corpora")));
        assert_eq!(old, legacy(&[files[1].clone(), files[0].clone()]));
    }
}
