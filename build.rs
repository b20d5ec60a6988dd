//! Lists the files of `articles/` so the binary can bundle them with `include_bytes!`, and
//! fingerprints the sources so an analysis cached by another build is never read as this one's.

use std::{env, fs, path::Path};

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

    let dir = Path::new("articles");
    println!("cargo:rerun-if-changed=articles");
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| !n.starts_with('.') && (n.ends_with(".txt") || n.ends_with(".md")))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut code = String::from(
        "/// The bundled corpus: (file name, bytes), sorted by name.\npub const BUNDLED: &[(&str, &[u8])] = &[\n",
    );
    for n in &names {
        code.push_str(&format!(
            "    ({n:?}, include_bytes!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/articles/\", {n:?}))),\n"
        ));
    }
    code.push_str("];\n");
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("bundled.rs");
    fs::write(out, code).expect("write bundled.rs");
}
