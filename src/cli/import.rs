//! `parallax import`: web pages (fetched or saved) stored as Markdown articles in a folder, so
//! a folder of fetched coverage becomes an ordinary corpus that opens offline.

use std::path::{Path, PathBuf};

use parallax::corpus::html;
use parallax::corpus::pages::slug;
use rayon::prelude::*;

use super::{Failure, emit, pages, say};

/// `parallax import URL|FILE… [--into DIR]`: each page's article as `<title slug>-<hash>.md`
/// in `into`, the hash of its URL (a file's: its canonical URL, else its path), replacing an
/// earlier import of the same page. A page that gives no article is one line on stderr and
/// makes the exit non-zero; the others are still imported.
pub fn run(args: &[PathBuf], into: &Path) -> Result<(), Failure> {
    let inputs = pages::read_all(args);
    let results: Vec<Result<PathBuf, String>> = inputs
        .par_iter()
        .map(|input| {
            let bytes = input.bytes.as_ref().map_err(Clone::clone)?;
            let mut page = html::extract(bytes)?;
            if input.is_url && page.meta.url.is_none() {
                page.meta.url = Some(input.name.clone());
            }
            let key = page.meta.url.clone().unwrap_or_else(|| absolute(&input.name));
            let hash = format!("{:08x}", parallax::hash::fnv1a(key.as_bytes()) as u32);
            let name = format!("{}-{hash}.md", slug(page.meta.title.as_deref().unwrap_or(&input.name), 40));
            let path = into.join(name);
            parallax::fs::write_atomic(&path, page.snapshot().as_bytes())
                .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
            remove_earlier(into, &hash, &path);
            Ok(path)
        })
        .collect();
    let mut out = String::new();
    let mut failed = 0;
    for (input, result) in inputs.iter().zip(results) {
        match result {
            Ok(path) => out.push_str(&format!("{} -> {}\n", input.name, path.display())),
            Err(why) => {
                failed += 1;
                say(&format!("{}: {why}", input.name));
            }
        }
    }
    emit(&parallax::sanitize::owned(out))?;
    match failed {
        0 => Ok(()),
        n => Err(Failure::Runtime(format!("{n} of {} pages not imported", inputs.len()))),
    }
}

/// A file input's path made absolute, so the same file imported from two folders is one page.
fn absolute(name: &str) -> String {
    std::fs::canonicalize(name).map_or_else(|_| name.to_string(), |p| p.display().to_string())
}

/// Removes the earlier imports of the page with this hash (its title may have changed), all
/// but `keep`.
fn remove_earlier(into: &Path, hash: &str, keep: &Path) {
    let suffix = format!("-{hash}.md");
    let Ok(entries) = std::fs::read_dir(into) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let ours = entry.file_name().to_str().is_some_and(|n| n.ends_with(&suffix));
        if ours && path != keep && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(path);
        }
    }
}
