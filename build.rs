//! Lists the files of `articles/` so the binary can bundle them with `include_bytes!`.

use std::{env, fs, path::Path};

fn main() {
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
