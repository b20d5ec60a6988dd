//! The core stays terminal-free: no crate of the reader or the command line may enter its
//! dependency tree, directly or through another crate, for any target, at build time or at run
//! time. (Dev-dependencies are not part of what the core ships and are left out.)

use std::process::Command;

/// The crates of terminals and command lines, each with its family (`ratatui-core`,
/// `clap_builder`, `signal-hook-registry`, `libmimalloc-sys` comes only through `mimalloc`).
const TERMINAL: &[&str] = &["ratatui", "crossterm", "clap", "indicatif", "signal-hook", "nucleo", "mimalloc"];

/// The terminal crates in a `cargo tree --prefix none` listing (`name vX.Y.Z ...` per line).
fn terminal_crates(tree: &str) -> Vec<&str> {
    let mut found: Vec<&str> = tree
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| {
            TERMINAL.iter().any(|t| {
                name.strip_prefix(t).is_some_and(|rest| rest.is_empty() || rest.starts_with(['-', '_']))
            })
        })
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}

#[test]
fn no_terminal_crate_is_in_the_core_dependency_tree() {
    let output = Command::new(env!("CARGO"))
        .args(["tree", "-p", "parallax-core", "-e", "normal,build", "--target", "all", "--prefix", "none"])
        .arg("--offline")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run cargo tree");
    let tree = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "cargo tree failed: {}", String::from_utf8_lossy(&output.stderr));
    // An empty or foreign listing would pass for the wrong reason.
    assert!(tree.lines().next().is_some_and(|l| l.starts_with("parallax-core v")), "{tree}");
    assert!(tree.lines().any(|l| l.starts_with("rayon v")), "{tree}");
    let found = terminal_crates(&tree);
    assert!(found.is_empty(), "terminal crates in the core: {found:?} (`cargo tree -i NAME` shows why)");
}

#[test]
fn a_terminal_crate_anywhere_in_a_listing_is_caught() {
    let tree = "parallax-core v0.1.0 (/x/crates/parallax-core)\n\
                rayon v1.12.0\n\
                ratatui-core v0.1.2\n\
                clap_builder v4.5.0\n\
                signal-hook v0.3.18\n\
                nucleo-matcher v0.3.1\n\
                mimalloc v0.1.52\n\
                clap_builder v4.5.0 (*)\n";
    assert_eq!(
        terminal_crates(tree),
        ["clap_builder", "mimalloc", "nucleo-matcher", "ratatui-core", "signal-hook"]
    );
}

#[test]
fn crates_that_only_share_a_prefix_are_not_terminal_crates() {
    let tree = "parallax-core v0.1.0\nclapper v1.0.0\ncrosstermish v0.1.0\nrayon v1.12.0\n";
    assert!(terminal_crates(tree).is_empty());
}
