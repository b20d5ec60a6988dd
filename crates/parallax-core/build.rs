//! Fingerprints the core's sources so an analysis cached by another build is never read as
//! this one's (see `cache`). Only the core counts: the reader's code cannot change results.

use std::{fs, path::Path};

/// FNV-1a over every file under `dir`, in path order.
fn fingerprint(dir: &Path, hash: &mut u64) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            fingerprint(&path, hash);
        } else if let Ok(bytes) = fs::read(&path) {
            for b in path.to_string_lossy().bytes().chain(bytes) {
                *hash ^= u64::from(b);
                *hash = hash.wrapping_mul(0x0100_0000_01b3);
            }
        }
    }
}

fn main() {
    println!("cargo:rerun-if-changed=src");
    let mut hash = 0xcbf2_9ce4_8422_2325;
    fingerprint(Path::new("src"), &mut hash);
    println!("cargo:rustc-env=PARALLAX_SOURCE_HASH={hash:016x}");
}
