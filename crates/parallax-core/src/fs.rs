//! Safety primitives for the files parallax writes and reads back: the analysis cache and the
//! annotation store (the hardening work builds on these).
//!
//! - [`write_atomic`]: a crash leaves the old file or the new one, never a torn one; the new
//!   file keeps the old one's permissions, and a new file is private (0600).
//! - [`open_regular`], [`read_capped`], [`open_lock`]: a file is opened without following a
//!   symlink in its last component (`O_NOFOLLOW`), without blocking on a FIFO, and used only if
//!   the opened handle is a regular file, so a planted link, FIFO or device is refused rather
//!   than read, waited on or written through. Reads are capped in size.
//! - [`read_file`]: the same checks for a file the user points at (an article), following
//!   links, with the size checked before a byte is read, so a huge sparse file costs nothing.
//!
//! Elsewhere than on Unix the no-follow check is a look before opening, which is racy but
//! keeps the same refusals.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// Writes `bytes` to `path` so that a crash leaves either the old or the new file: a temp file
/// in the same folder, fsync, rename over, fsync the folder. The folder is created if needed.
/// A symlink at `path` is replaced, not written through.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = parent(path);
    fs::create_dir_all(dir)?;
    let permissions = fs::symlink_metadata(path).ok().filter(fs::Metadata::is_file).map(|m| m.permissions());
    let tmp = dir.join(format!(
        "{}{}-{}",
        temp_prefix(path),
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut f = options.open(&tmp)?;
        if let Some(p) = permissions {
            f.set_permissions(p)?;
        }
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, path)?;
        sync_dir(dir)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Removes the temp files [`write_atomic`] left beside `path` when its writer was killed.
/// Only safe while holding a lock every writer of `path` takes.
pub fn remove_stale_temps(path: &Path) {
    let prefix = temp_prefix(path);
    let Ok(entries) = fs::read_dir(parent(path)) else { return };
    for e in entries.flatten() {
        if e.file_name().as_encoded_bytes().starts_with(prefix.as_bytes()) {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// Opens `path` for reading if it is a regular file, refusing a symlink, FIFO or device.
pub fn open_regular(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    open_checked(path, &mut options)
}

/// Reads `path` (see [`open_regular`]) if it holds at most `cap` bytes.
pub fn read_capped(path: &Path, cap: u64) -> io::Result<Vec<u8>> {
    read_up_to(open_regular(path)?, cap)
}

/// The bytes of `file` if it holds at most `cap` (it may have grown since it was checked).
fn read_up_to(file: File, cap: u64) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    file.take(cap.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(too_large(cap));
    }
    Ok(bytes)
}

fn too_large(cap: u64) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, format!("larger than {cap} bytes; not read"))
}

/// Reads `path`, following links, if it is a regular file of at most `cap` bytes: a FIFO or
/// device is refused without blocking, and a file larger than `cap` before it is read.
pub fn read_file(path: &Path, cap: u64) -> io::Result<Vec<u8>> {
    let mut options = OpenOptions::new();
    options.read(true);
    let file = open_with(path, &mut options, Follow::Yes)?;
    let len = file.metadata()?.len();
    if len > cap {
        return Err(too_large(cap));
    }
    read_up_to(file, cap)
}

/// Opens `path` for reading and writing, creating it (0600) if missing and never truncating:
/// a lock file. Refuses what [`open_regular`] refuses.
pub fn open_lock(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    open_checked(path, &mut options)
}

/// Whether a symlink in the last component of a path is followed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Follow {
    Yes,
    No,
}

/// Opens with `options` plus no-follow and no-block, and checks the handle is a regular file.
fn open_checked(path: &Path, options: &mut OpenOptions) -> io::Result<File> {
    open_with(path, options, Follow::No)
}

/// Opens with `options` plus no-block (and no-follow unless `follow`), and checks the handle
/// is a regular file.
fn open_with(path: &Path, options: &mut OpenOptions, follow: Follow) -> io::Result<File> {
    let looked = if follow == Follow::Yes { fs::metadata(path) } else { fs::symlink_metadata(path) };
    if let Ok(m) = looked {
        refuse_unless_regular(&m)?;
    }
    #[cfg(unix)]
    {
        use rustix::fs::OFlags;
        let flags =
            if follow == Follow::Yes { OFlags::NONBLOCK } else { OFlags::NOFOLLOW | OFlags::NONBLOCK };
        std::os::unix::fs::OpenOptionsExt::custom_flags(options, flags.bits() as i32);
    }
    let file = options.open(path).map_err(|e| match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => refused("is a symbolic link"),
        _ => e,
    })?;
    refuse_unless_regular(&file.metadata()?)?;
    Ok(file)
}

fn refuse_unless_regular(m: &fs::Metadata) -> io::Result<()> {
    let t = m.file_type();
    let what = if t.is_file() {
        return Ok(());
    } else if t.is_symlink() {
        "is a symbolic link"
    } else if t.is_dir() {
        "is a folder"
    } else {
        "is not a regular file (a FIFO, socket or device)"
    };
    Err(refused(what))
}

/// The error for a file refused for `why` ("is a folder").
fn refused(why: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, format!("{why}; not opened"))
}

/// `.<name>.tmp-`: the start of every temp file [`write_atomic`] makes for `path`.
fn temp_prefix(path: &Path) -> String {
    let name = path.file_name().map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    format!(".{name}.tmp-")
}

/// Makes a rename durable. Folders cannot be opened for syncing on every platform; where they
/// cannot, the rename is as durable as the platform makes it.
fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// The folder `path` is in (`.` for a bare name).
fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

#[cfg(test)]
#[cfg(unix)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    fn mode(path: &Path) -> u32 {
        fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn a_write_replaces_the_file_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("sub/a.json");
        write_atomic(&file, b"one").unwrap();
        write_atomic(&file, b"two").unwrap();
        assert_eq!(fs::read(&file).unwrap(), b"two");
        assert_eq!(fs::read_dir(file.parent().unwrap()).unwrap().count(), 1);
    }

    #[test]
    fn a_new_file_is_private_and_an_old_one_keeps_its_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.json");
        write_atomic(&file, b"one").unwrap();
        assert_eq!(mode(&file), 0o600);
        fs::set_permissions(&file, fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&file, b"two").unwrap();
        assert_eq!(mode(&file), 0o640);
    }

    #[test]
    fn a_symlink_is_refused_and_replaced_not_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target");
        fs::write(&target, b"secret").unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let err = read_capped(&link, 100).unwrap_err();
        assert!(err.to_string().contains("symbolic link"), "{err}");
        assert!(open_lock(&link).is_err());
        write_atomic(&link, b"new").unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"secret");
        assert!(fs::symlink_metadata(&link).unwrap().is_file());
    }

    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo.json");
        rustix::fs::mkfifoat(rustix::fs::CWD, &fifo, rustix::fs::Mode::from_raw_mode(0o600)).unwrap();
        let err = read_capped(&fifo, 100).unwrap_err();
        assert!(err.to_string().contains("not a regular file"), "{err}");
        assert!(open_lock(&fifo).is_err());
        assert!(open_regular(Path::new("/dev/null")).is_err());
        assert!(open_regular(dir.path()).is_err());
    }

    #[test]
    fn a_file_read_follows_links_but_refuses_fifos_devices_and_huge_files_unread() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        fs::write(&file, b"text").unwrap();
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        assert_eq!(read_file(&link, 10).unwrap(), b"text");
        let fifo = dir.path().join("fifo.txt");
        rustix::fs::mkfifoat(rustix::fs::CWD, &fifo, rustix::fs::Mode::from_raw_mode(0o600)).unwrap();
        assert!(read_file(&fifo, 10).unwrap_err().to_string().contains("not a regular file"));
        assert!(
            read_file(Path::new("/dev/zero"), 10).unwrap_err().to_string().contains("not a regular file")
        );
        // A terabyte of holes: refused by its size, before anything is read.
        let sparse = dir.path().join("sparse.txt");
        File::create(&sparse).unwrap().set_len(1 << 40).unwrap();
        assert!(read_file(&sparse, 1 << 20).unwrap_err().to_string().contains("larger than"));
    }

    #[test]
    fn reads_are_capped() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.json");
        fs::write(&file, [b'x'; 10]).unwrap();
        assert_eq!(read_capped(&file, 10).unwrap().len(), 10);
        let err = read_capped(&file, 9).unwrap_err();
        assert!(err.to_string().contains("larger than 9 bytes"), "{err}");
    }

    #[test]
    fn stale_temps_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.json");
        fs::write(dir.path().join(".a.json.tmp-1-2"), b"x").unwrap();
        fs::write(dir.path().join("other"), b"x").unwrap();
        remove_stale_temps(&file);
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().flatten().map(|e| e.file_name()).collect();
        assert_eq!(left, ["other"]);
    }
}
