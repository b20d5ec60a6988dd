//! `parallax correct` as a user runs it: link, unlink, dismiss, list, remove; what `align
//! --json`, `report` and `annotations --json` then show; bad passages refused in one line; a
//! correction whose passage was edited away kept as orphaned; two processes correcting at once.
#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

/// The binary, with the user's data folder out of reach.
fn parallax(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(args)
        .env("PARALLAX_DATA_DIR", dir.join("data"))
        .env("PARALLAX_LOCK_TIMEOUT_MS", "5000")
        .output()
        .unwrap()
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = parallax(dir, args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// Exit 2 with one line on stderr; returns it.
fn refused(dir: &Path, args: &[&str]) -> String {
    let out = parallax(dir, args);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {}", String::from_utf8_lossy(&out.stdout));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    err
}

fn json(dir: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(dir, args)).unwrap()
}

/// Three outlets; passage 2 of each states the fire (13 or 15 hours), passage 3 something else.
fn story() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("c");
    fs::create_dir(&corpus).unwrap();
    let files = [
        (
            "a.txt",
            "Fire at the plant\nThe Dover plant burned for 13 hours on Monday.\nTwo workers were hurt in the blaze.\n",
        ),
        (
            "b.txt",
            "Plant fire\nThe Dover plant burned for 15 hours on Monday.\nTwo workers were hurt in the blaze, officials said.\n",
        ),
        (
            "c.txt",
            "Blaze in Dover\nThe Dover plant burned for 13 hours on Monday.\nThe mayor visited the site.\n",
        ),
    ];
    for (name, text) in files {
        fs::write(corpus.join(name), text).unwrap();
    }
    let path = corpus.to_str().unwrap().to_string();
    (dir, path)
}

/// The claim (its JSON) holding `article`'s passage `index` (0-based), if any.
fn claim_with<'a>(v: &'a Value, article: &str, index: u64) -> Vec<&'a Value> {
    v["claims"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| {
            c["members"].as_array().unwrap().iter().any(|m| m["article"] == article && m["passage"] == index)
        })
        .collect()
}

fn together(v: &Value, a: (&str, u64), b: (&str, u64)) -> bool {
    claim_with(v, a.0, a.1).iter().any(|c| claim_with(v, b.0, b.1).iter().any(|d| c["id"] == d["id"]))
}

#[test]
fn link_unlink_dismiss_list_and_remove() {
    let (dir, c) = story();
    let d = dir.path();
    let before = json(d, &["align", "--json", &c]);
    assert!(together(&before, ("a.txt", 1), ("b.txt", 1)));
    assert!(!together(&before, ("a.txt", 1), ("c.txt", 2)));
    assert_eq!(before["discrepancies"][0]["dismissed"], Value::Null);
    assert_eq!(before["claims"][0]["detached"], serde_json::json!([]));

    // link: the mayor's passage joins the fire claim, marked as linked by the user.
    let said = ok(d, &["correct", "link", "a.txt:2", "c.txt:3", &c]);
    assert!(said.starts_with("linked a.txt:2 and c.txt:3 (correction "), "{said}");
    let v = json(d, &["align", "--json", &c]);
    assert!(together(&v, ("a.txt", 1), ("c.txt", 2)));
    let claim = claim_with(&v, "c.txt", 2)[0];
    let linked: Vec<&Value> =
        claim["members"].as_array().unwrap().iter().filter(|m| m["corrected_by_user"] == "linked").collect();
    assert_eq!(linked.len(), 1);
    assert_eq!(linked[0]["article"], "c.txt");

    // unlink: b.txt leaves the claim, which lists it as detached; its 13 vs 15 goes with it.
    ok(d, &["correct", "unlink", "a.txt:2", "b.txt:2", &c]);
    let v = json(d, &["align", "--json", &c]);
    assert!(!together(&v, ("a.txt", 1), ("b.txt", 1)));
    let claim = claim_with(&v, "a.txt", 1)[0];
    assert_eq!(claim["detached"], serde_json::json!([{"article": "b.txt", "passage": 1}]));
    assert!(v["discrepancies"].as_array().unwrap().is_empty(), "{:#}", v["discrepancies"]);
    // --no-corrections shows the analysis as it came.
    let raw = json(d, &["align", "--json", "--no-corrections", &c]);
    assert_eq!(raw["claims"], before["claims"]);

    // list, then remove the unlink: the number discrepancy is back, and can be dismissed.
    let listed = json(d, &["correct", "list", "--json", &c]);
    let rows = listed["corrections"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!((rows[0]["kind"].as_str(), rows[1]["kind"].as_str()), (Some("link"), Some("unlink")));
    assert_eq!(rows[1]["status"], "applied");
    assert_eq!(
        rows[1]["passages"][1],
        serde_json::json!({"article": "b.txt", "passage": 1, "quote": "The Dover plant burned for 15 hours on Monday."})
    );
    let text = ok(d, &["correct", "list", &c]);
    assert!(text.lines().nth(1).unwrap().starts_with("unlink a.txt:2 ↔ b.txt:2 — applied"), "{text}");
    let id = rows[1]["id"].as_str().unwrap();
    assert_eq!(ok(d, &["correct", "remove", id, &c]), format!("removed correction {id}\n"));
    refused(d, &["correct", "remove", id, &c]);

    let v = json(d, &["align", "--json", &c]);
    let label = v["discrepancies"][0]["id"].as_str().unwrap().to_string();
    assert!(ok(d, &["correct", "dismiss", &label, &c]).starts_with(&format!("dismissed {label} (number: ")));
    let v = json(d, &["align", "--json", &c]);
    assert_eq!(v["discrepancies"][0]["id"], label.as_str(), "a dismissed discrepancy stays listed");
    assert!(v["discrepancies"][0]["dismissed"]["at"].as_str().unwrap().starts_with("20"));
    assert!(ok(d, &["correct", "dismiss", &label, &c]).contains("already dismissed"));

    // The report and the annotations export carry them.
    let report = ok(d, &["report", &c]);
    assert!(report.contains("(dismissed by you, "), "{report}");
    assert!(report.contains("linked by you"), "{report}");
    assert!(report.contains("## Corrections"), "{report}");
    assert!(!ok(d, &["report", "--no-corrections", &c]).contains("## Corrections"));
    let ann = json(d, &["annotations", "--json", &c]);
    assert_eq!(ann["corrections"].as_array().unwrap().len(), 2);
    assert_eq!(ann["corrections"][1]["kind"], "dismiss");
    assert_eq!(ann["corrections"][1]["discrepancy"], "number");
}

#[test]
fn dismiss_by_passages_and_refusals_say_what_to_do() {
    let (dir, c) = story();
    let d = dir.path();
    assert!(
        ok(d, &["correct", "dismiss", "a.txt:2", "b.txt:2", "--kind", "number", &c])
            .starts_with("dismissed D1")
    );
    let v = json(d, &["align", "--json", &c]);
    assert!(v["discrepancies"][0]["dismissed"].is_object());

    for (args, says) in [
        (vec!["correct", "link", "a.txt:2", "a.txt:3"], "same article"),
        (vec!["correct", "link", "a.txt:9", "b.txt:2"], "has passages 1 to 3"),
        (vec!["correct", "link", "nope.txt:1", "b.txt:2"], "no article `nope.txt`"),
        (vec!["correct", "link", "a.txt", "b.txt:2"], "ARTICLE:N"),
        (vec!["correct", "unlink", "a.txt:2", "a.txt:2"], "the same passage"),
        (vec!["correct", "dismiss", "D9"], "no discrepancy D9"),
        (vec!["correct", "dismiss", "a.txt:3", "c.txt:3"], "no discrepancy between"),
        (vec!["correct", "dismiss", "a.txt:2", "b.txt:2", "--kind", "colour"], "not a discrepancy kind"),
    ] {
        let mut args = args.clone();
        args.push(&c);
        let err = refused(d, &args);
        assert!(err.contains(says), "{args:?}: {err}");
    }
    assert_eq!(json(d, &["correct", "list", "--json", &c])["corrections"].as_array().unwrap().len(), 1);
}

#[test]
fn a_correction_whose_passage_was_edited_away_is_listed_as_orphaned() {
    let (dir, c) = story();
    let d = dir.path();
    ok(d, &["correct", "unlink", "a.txt:2", "b.txt:2", &c]);
    let a = Path::new(&c).join("a.txt");
    fs::write(
        &a,
        "Fire at the plant\nThe council met on Tuesday about parking.\nTwo workers were hurt in the blaze.\n",
    )
    .unwrap();
    let listed = json(d, &["correct", "list", "--json", &c]);
    assert_eq!(listed["corrections"][0]["status"], "orphaned");
    assert_eq!(listed["corrections"][0]["passages"][0]["passage"], Value::Null);
    assert!(ok(d, &["correct", "list", &c]).starts_with("unlink a.txt:? ↔ b.txt:2 — orphaned"));
    // Never applied to another passage: the analysis is the one without corrections.
    let v = json(d, &["align", "--json", &c]);
    assert_eq!(v["claims"], json(d, &["align", "--json", "--no-corrections", &c])["claims"]);
}

#[test]
fn two_processes_correcting_at_once_lose_nothing() {
    let (dir, c) = story();
    let d = dir.path();
    let spawn = |a: &str, b: &str| {
        Command::new(env!("CARGO_BIN_EXE_parallax"))
            .args(["correct", "unlink", a, b, &c])
            .env("PARALLAX_DATA_DIR", d.join("data"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    let children = [spawn("a.txt:2", "b.txt:2"), spawn("a.txt:3", "b.txt:3"), spawn("a.txt:1", "b.txt:1")];
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    assert_eq!(json(d, &["correct", "list", "--json", &c])["corrections"].as_array().unwrap().len(), 3);
}
