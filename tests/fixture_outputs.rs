//! The two outputs other programs read, `report` (Markdown) and `align --json`, snapshotted on
//! `tests/fixtures/ferry-grounding`: three invented outlets (two `.txt`, one `.md` with front
//! matter) that share several facts and disagree on a number (212 or 240 passengers), a date
//! (Saturday, March 14 or Sunday, March 15) and a quote. A change to the analysis or to either
//! format shows here as a diff to review, not only as a broken assertion.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

const STORY: &str = "ferry-grounding";

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Runs the binary on the fixture and returns its stdout. It runs inside `tests/fixtures` with
/// the story's relative path, so the paths it prints are the same in every clone; it neither
/// reads nor writes a cache, and its annotation store is an empty folder, not the user's.
fn run(args: &[&str]) -> String {
    let data = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .env(parallax::config::ENV, "")
        .args(args)
        .args(["--no-cache", STORY])
        .current_dir(fixtures())
        .env("PARALLAX_DATA_DIR", data.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "parallax {args:?} failed: {stderr}");
    assert!(stderr.is_empty(), "parallax {args:?} warned: {stderr}");
    String::from_utf8(out.stdout).unwrap()
}

/// Snapshots `text`, which must not name the fixtures folder's absolute path: a snapshot has
/// to be the same in every clone.
fn snapshot(name: &str, text: &str) {
    assert!(!text.contains(&*fixtures().to_string_lossy()), "{name} names an absolute path:\n{text}");
    insta::assert_snapshot!(name, text);
}

#[test]
fn report_on_the_fixture_story() {
    snapshot("ferry_grounding_report", &run(&["report"]));
}

#[test]
fn align_json_on_the_fixture_story() {
    let json = run(&["align", "--json"]);
    serde_json::from_str::<serde_json::Value>(&json).unwrap();
    snapshot("ferry_grounding_align_json", &json);
}
