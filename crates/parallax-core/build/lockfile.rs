//! Which locked crate versions a package builds with, read from a `Cargo.lock`: `build.rs`
//! hashes them into the cache key, so a `cargo update` that changes what the analysis runs on
//! gives another key, and one of the reader's crates does not. `tests/lockfile.rs` compiles
//! this file too.
//!
//! Only the lock's own plain layout is read (`[[package]]` tables of `key = "value"` lines and
//! a `dependencies` list of strings); it is written by cargo, not by hand.

use std::collections::{BTreeSet, VecDeque};

/// One `[[package]]` table of a lock file.
#[derive(Debug, Default)]
struct Package {
    name: String,
    version: String,
    /// Empty for a path package of the workspace.
    source: String,
    checksum: String,
    /// `"name"`, `"name version"` or `"name version (source)"`: as much as tells it apart.
    dependencies: Vec<String>,
}

/// One line per package `root` builds with, itself included, sorted: name, version, source
/// and checksum. Reached through the lock's `dependencies` lists, which do not tell
/// dev-dependencies apart, so `root`'s own test crates count too: a key that changes more
/// often than needed is never wrong.
pub fn locked_dependencies(lock: &str, root: &str) -> String {
    let packages = parse(lock);
    let mut seen: BTreeSet<usize> = BTreeSet::new();
    let mut queue: VecDeque<usize> =
        (0..packages.len()).filter(|&i| packages[i].name == root && packages[i].source.is_empty()).collect();
    while let Some(i) = queue.pop_front() {
        if seen.insert(i) {
            queue.extend(packages[i].dependencies.iter().flat_map(|d| resolve(&packages, d)));
        }
    }
    let mut lines: Vec<String> = seen
        .into_iter()
        .map(|i| {
            let p = &packages[i];
            format!("{} {} {} {}\n", p.name, p.version, p.source, p.checksum)
        })
        .collect();
    lines.sort();
    lines.concat()
}

/// The packages a `dependencies` entry names.
fn resolve(packages: &[Package], entry: &str) -> Vec<usize> {
    let mut parts = entry.splitn(3, ' ');
    let name = parts.next().unwrap_or_default();
    let version = parts.next();
    let source = parts.next().map(|s| s.trim_start_matches('(').trim_end_matches(')'));
    (0..packages.len())
        .filter(|&i| {
            let p = &packages[i];
            p.name == name && version.is_none_or(|v| p.version == v) && source.is_none_or(|s| p.source == s)
        })
        .collect()
}

/// The `[[package]]` tables of `lock`, in order.
fn parse(lock: &str) -> Vec<Package> {
    let mut packages = Vec::new();
    let mut current: Option<Package> = None;
    let mut in_list = false;
    for line in lock.lines().map(str::trim) {
        if in_list {
            in_list = !line.starts_with(']');
            if let (Some(p), Some(entry)) = (current.as_mut(), quoted(line)) {
                p.dependencies.push(entry.to_string());
            }
        } else if line.starts_with('[') {
            packages.extend(current.take());
            if line == "[[package]]" {
                current = Some(Package::default());
            }
        } else if let (Some(p), Some((key, value))) = (current.as_mut(), line.split_once(" = ")) {
            let value = quoted(value).unwrap_or_default().to_string();
            match key {
                "name" => p.name = value,
                "version" => p.version = value,
                "source" => p.source = value,
                "checksum" => p.checksum = value,
                "dependencies" => {
                    // `[` alone opens a list over the next lines; `["a", "b"]` is all here.
                    let items = line.split_once('[').map_or("", |(_, rest)| rest);
                    in_list = !items.contains(']');
                    p.dependencies.extend(items.split(',').filter_map(quoted).map(str::to_string));
                }
                _ => {}
            }
        }
    }
    packages.extend(current);
    packages
}

/// The text between the first two double quotes of `s`.
fn quoted(s: &str) -> Option<&str> {
    let (_, rest) = s.split_once('"')?;
    rest.split_once('"').map(|(inside, _)| inside)
}
