//! Fingerprints what the core's results depend on besides the settings and the articles, so an
//! analysis cached by another build is never read as this one's (see `cache`): the core's
//! sources, and the locked versions of the crates it builds with. Only the core counts: the
//! reader's code and crates cannot change results.

use std::{env, fs, path::Path};

#[path = "build/lockfile.rs"]
mod lockfile;

/// FNV-1a, continued over `bytes`.
fn fnv(hash: &mut u64, bytes: impl IntoIterator<Item = u8>) {
    for b in bytes {
        *hash ^= u64::from(b);
        *hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// Every file under `dir`, path and bytes, in path order.
fn fingerprint(dir: &Path, hash: &mut u64) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            fingerprint(&path, hash);
        } else if let Ok(bytes) = fs::read(&path) {
            fnv(hash, path.to_string_lossy().bytes().chain(bytes));
        }
    }
}

fn main() {
    println!("cargo:rerun-if-changed=src");
    let mut sources = FNV_OFFSET;
    fingerprint(Path::new("src"), &mut sources);
    println!("cargo:rustc-env=PARALLAX_SOURCE_HASH={sources:016x}");

    // The lock of the workspace being built: the nearest one above this package. (A workspace
    // elsewhere that uses this package by path, like `fuzz/`, still finds the main one.)
    let manifest = env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    let lock = Path::new(&manifest).ancestors().map(|d| d.join("Cargo.lock")).find(|l| l.is_file());
    let mut locked = FNV_OFFSET;
    if let Some(lock) = lock {
        println!("cargo:rerun-if-changed={}", lock.display());
        let text = fs::read_to_string(&lock).unwrap_or_default();
        let package = env::var("CARGO_PKG_NAME").unwrap_or_default();
        fnv(&mut locked, lockfile::locked_dependencies(&text, &package).into_bytes());
    }
    println!("cargo:rustc-env=PARALLAX_LOCK_HASH={locked:016x}");
}
