//! The `parallax` binary as a user runs it: exit codes, messages, JSON contract, report.
#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::Path;
use std::process::{Output, Stdio};

mod support;

fn parallax(args: &[&str]) -> Output {
    support::parallax().args(args).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// A small story told by three outlets, written for these tests.
fn write_story(dir: &Path) {
    fs::write(
        dir.join("courier.txt"),
        "Fire shuts Dover chemical plant\n\
         A fire shut the Dover chemical plant on Tuesday, the company said.\n\
         Twelve workers were injured in the blaze, according to the fire service.\n\
         The plant employs 400 people.\n",
    )
    .unwrap();
    fs::write(
        dir.join("gazette.txt"),
        "Blaze at Dover plant injures 15\n\
         Fire swept through the Dover chemical plant on Tuesday.\n\
         Fifteen workers were injured in the blaze.\n\
         The company said production would resume next week.\n",
    )
    .unwrap();
    fs::write(
        dir.join("herald.md"),
        "---\ntitle: Dover plant fire\nsource: The Herald\ndate: 2024-05-02\n---\n\
         Dover plant fire\n\
         The Dover chemical plant was shut by a fire on Tuesday.\n\
         Officials are investigating the cause of the fire.\n",
    )
    .unwrap();
}

#[test]
fn align_json_follows_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    write_story(dir.path());
    let out = parallax(&["align", "--json", dir.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["schema_version"], 2);
    let articles = v["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 3);
    assert_eq!(articles[0]["id"], "courier.txt");
    assert_eq!(articles[2]["source"], "The Herald");
    assert_eq!(articles[2]["date"], "2024-05-02");
    // Offsets are byte offsets into the files as stored.
    for a in articles {
        let bytes = fs::read(dir.path().join(a["id"].as_str().unwrap())).unwrap();
        for p in a["passages"].as_array().unwrap() {
            let (s, e) = (p["start"].as_u64().unwrap() as usize, p["end"].as_u64().unwrap() as usize);
            assert_eq!(std::str::from_utf8(&bytes[s..e]).unwrap(), p["text"].as_str().unwrap());
        }
    }
    // The shut-down fact is shared by all three outlets.
    let claims = v["claims"].as_array().unwrap();
    assert!(claims.iter().any(|c| c["members"].as_array().unwrap().len() >= 3), "{claims:#?}");
    for c in claims {
        for m in c["members"].as_array().unwrap() {
            assert!(m["similarity"].as_f64().unwrap() >= 0.0);
            assert!(m["evidence"].is_array());
            // A member's span lies inside its passage.
            let a = articles.iter().find(|a| a["id"] == m["article"]).unwrap();
            let p = &a["passages"][m["passage"].as_u64().unwrap() as usize];
            let span = m["span"].as_array().unwrap();
            assert!(p["start"].as_u64() <= span[0].as_u64() && span[1].as_u64() <= p["end"].as_u64(), "{m}");
        }
    }
}

#[test]
fn injured_count_is_a_number_discrepancy() {
    let dir = tempfile::tempdir().unwrap();
    write_story(dir.path());
    let out = parallax(&["align", "--json", dir.path().to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let details: Vec<(String, String)> = v["discrepancies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["kind"].as_str().unwrap().to_string(), d["detail"].as_str().unwrap().to_string()))
        .collect();
    assert!(details.contains(&("number".into(), "12 injured vs 15 injured".into())), "{details:?}");
}

#[test]
fn output_does_not_depend_on_file_order() {
    let a = tempfile::tempdir().unwrap();
    write_story(a.path());
    // The same files split over two folders, given in either order: ids are paths below the
    // folder that holds both (`x/herald.md`), so the order of the roots changes nothing.
    let b = tempfile::tempdir().unwrap();
    let (b1, b2) = (b.path().join("x"), b.path().join("y"));
    fs::create_dir_all(&b1).unwrap();
    fs::create_dir_all(&b2).unwrap();
    for (name, to) in [("herald.md", &b1), ("courier.txt", &b2), ("gazette.txt", &b2)] {
        fs::copy(a.path().join(name), to.join(name)).unwrap();
    }
    let (x, y) = (b1.to_str().unwrap(), b2.to_str().unwrap());
    let one = parallax(&["align", "--json", "--no-cache", x, y]);
    let two = parallax(&["align", "--json", "--no-cache", y, x]);
    assert!(one.status.success(), "{}", stderr(&one));
    assert_eq!(stdout(&one), stdout(&two));
    let v: serde_json::Value = serde_json::from_str(&stdout(&one)).unwrap();
    let ids: Vec<&str> =
        v["articles"].as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["x/herald.md", "y/courier.txt", "y/gazette.txt"]);
    // The files of one folder, in any order, are named as the folder names them.
    let files: Vec<String> = ["herald.md", "gazette.txt", "courier.txt"]
        .iter()
        .map(|n| a.path().join(n).display().to_string())
        .collect();
    let mut args = vec!["align", "--json", "--no-cache"];
    args.extend(files.iter().map(String::as_str));
    let folder = parallax(&["align", "--json", "--no-cache", a.path().to_str().unwrap()]);
    assert_eq!(stdout(&parallax(&args)), stdout(&folder));
}

#[test]
fn report_has_every_section() {
    let dir = tempfile::tempdir().unwrap();
    write_story(dir.path());
    let out = parallax(&["report", dir.path().to_str().unwrap()]);
    assert!(out.status.success());
    let md = stdout(&out);
    for heading in [
        "# parallax report",
        "## Coverage",
        "## Claims",
        "## Discrepancies",
        "## Reported by one article only",
    ] {
        assert!(md.contains(heading), "missing {heading}\n{md}");
    }
    assert!(md.contains("Officials are investigating"), "a single-source fact is listed");
}

/// One claim has one number wherever a user meets it: the JSON's `claims[].id` and
/// `discrepancies[].claim`, the report's `C<n>` and its annotations section, and the
/// `parallax annotations` export. Passages are numbered from 1 in the report, as in the reader.
#[test]
fn a_claim_has_one_number_in_the_json_the_report_and_the_annotations() {
    let dir = tempfile::tempdir().unwrap();
    write_story(dir.path());
    let path = dir.path().to_str().unwrap();
    let analysis =
        parallax::pipeline::analyse_default(parallax::Corpus::load(&[dir.path().to_path_buf()]).unwrap());
    let injured = |a: &parallax::Analysis, c: &parallax::analysis::Claim| {
        c.members.iter().any(|m| a.text(m.at).starts_with("Twelve workers were injured"))
    };
    let claim = analysis.claims.iter().position(|c| injured(&analysis, c)).unwrap();
    let mut store = parallax::annotate::Store::open(&[dir.path().to_path_buf()]).unwrap();
    let target = parallax::annotate::Target::claim(&analysis, claim).unwrap();
    store.add(target, Some(parallax::annotate::Label::Disputed), "12 or 15?", Vec::new()).unwrap();

    let json: serde_json::Value =
        serde_json::from_str(&stdout(&parallax(&["align", "--json", "--no-cache", path]))).unwrap();
    let text = |article: &str, passage: &serde_json::Value| {
        let a = json["articles"].as_array().unwrap().iter().find(|a| a["id"] == article).unwrap();
        a["passages"][passage.as_u64().unwrap() as usize]["text"].as_str().unwrap().to_string()
    };
    let c = json["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| {
            let members = c["members"].as_array().unwrap();
            members.iter().any(|m| text(m["article"].as_str().unwrap(), &m["passage"]).starts_with("Twelve"))
        })
        .unwrap();
    let n = c["id"].as_u64().unwrap();
    assert_eq!(n as usize, claim + 1, "claim ids are 1-based");
    let d = json["discrepancies"].as_array().unwrap().iter().find(|d| d["claim"] == n).unwrap();
    let label = d["id"].as_str().unwrap();

    let report = stdout(&parallax(&["report", "--no-cache", path]));
    assert!(report.contains(&format!("\n### C{n} — ")), "{report}");
    assert!(report.contains(&format!("\n- {label} (C{n}) number: ")), "{report}");
    assert!(report.contains(&format!("\n#### Claim {n}: \"")), "the annotations section:\n{report}");
    // "Twelve workers …" is courier.txt's third passage: index 2 in the JSON, ¶3 to readers.
    assert_eq!(
        text("courier.txt", &serde_json::json!(2)),
        "Twelve workers were injured in the blaze, according to the fire service."
    );
    assert!(report.contains("`courier.txt` ¶3 "), "{report}");

    let notes = stdout(&parallax(&["annotations", "--json", path]));
    let notes: serde_json::Value = serde_json::from_str(&notes).unwrap();
    assert_eq!(notes["annotations"][0]["claim"], n);
    let notes = stdout(&parallax(&["annotations", "--format", "md", path]));
    assert!(notes.contains(&format!("### Claim {n}: \"")), "{notes}");
}

#[test]
fn missing_path_is_a_usage_error_naming_it() {
    let out = parallax(&["align", "/no/such/folder"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.starts_with("parallax: "), "{err}");
    assert!(err.contains("/no/such/folder"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn folder_without_articles_is_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("image.png"), [0u8, 1, 2]).unwrap();
    fs::write(dir.path().join("blob.txt"), [0u8, 159, 146, 150]).unwrap();
    let out = parallax(&["align", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("blob.txt") && err.contains("binary"), "{err}");
    assert!(err.contains("no readable articles"), "{err}");
}

#[test]
fn bad_files_are_skipped_and_the_rest_loads() {
    let dir = tempfile::tempdir().unwrap();
    write_story(dir.path());
    fs::write(dir.path().join("empty.txt"), "").unwrap();
    fs::write(dir.path().join(".hidden.txt"), "Hidden\nNot loaded.\n").unwrap();
    let out = parallax(&["align", "--json", dir.path().to_str().unwrap()]);
    assert!(out.status.success());
    assert!(stderr(&out).contains("empty.txt: empty file; skipped"), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["articles"].as_array().unwrap().len(), 3);
}

#[test]
fn escape_sequences_in_titles_and_file_names_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    write_story(dir.path());
    // OSC 52 would set the clipboard, CSI 2J clear the screen, U+202E reverse what follows.
    fs::write(
        dir.path().join("wire.txt"),
        "Dover fire \x1b]52;c;SGVsbG8=\x07 hurts \x1b[2J twelve\n\
         A fire shut the Dover chemical plant on Tuesday, the company said.\n\
         Twelve workers were injured in the blaze, said \u{202E}the fire service.\n",
    )
    .unwrap();
    fs::write(dir.path().join("bad\x1b[2J.txt"), "").unwrap();
    let path = dir.path().to_str().unwrap();
    for args in [vec!["align", "--no-cache", path], vec!["report", "--no-cache", path]] {
        let out = parallax(&args);
        assert!(out.status.success(), "{}", stderr(&out));
        for (what, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
            let text = String::from_utf8_lossy(bytes);
            assert!(!text.contains(['\x1b', '\x07', '\u{202E}']), "{args:?} {what}: {text}");
        }
        let shown = stdout(&out);
        // The report also escapes Markdown: brackets could make a link.
        let want = if args[0] == "report" {
            "Dover fire <U+001B>\\]52;c;SGVsbG8=<U+0007> hurts <U+001B>\\[2J twelve"
        } else {
            "Dover fire <U+001B>]52;c;SGVsbG8=<U+0007> hurts <U+001B>[2J twelve"
        };
        assert!(shown.contains(want), "{shown}");
        assert!(stderr(&out).contains("bad<U+001B>[2J.txt: empty file; skipped"), "{}", stderr(&out));
    }
    let report = stdout(&parallax(&["report", "--no-cache", path]));
    assert!(report.contains("said <U+202E>the fire service."), "{report}");
    // The JSON keeps the text exactly, escaped by the JSON encoder.
    let out = parallax(&["align", "--json", "--no-cache", path]);
    assert!(!out.stdout.contains(&0x1b));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let titles: Vec<&str> =
        v["articles"].as_array().unwrap().iter().map(|a| a["title"].as_str().unwrap()).collect();
    assert!(titles.contains(&"Dover fire \x1b]52;c;SGVsbG8=\x07 hurts \x1b[2J twelve"), "{titles:?}");
}

#[test]
fn a_missing_path_with_escapes_is_named_harmlessly() {
    let out = parallax(&["align", "/no/such/\x1b[2J"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("/no/such/<U+001B>[2J"), "{}", stderr(&out));
}

#[test]
fn extensions_match_whatever_their_case_and_two_roots_keep_apart() {
    let dir = tempfile::tempdir().unwrap();
    for (root, name, text) in [
        ("nyt/2024", "STORY.TXT", "Fire shuts Dover plant\nA fire shut the Dover plant on Tuesday.\n"),
        ("wapo/2024", "STORY.TXT", "Dover plant burns\nThe Dover plant burned on Tuesday.\n"),
        ("wapo/2024", "notes.Md", "Dover notes\nTwelve workers were hurt at the Dover plant.\n"),
    ] {
        fs::create_dir_all(dir.path().join(root)).unwrap();
        fs::write(dir.path().join(root).join(name), text).unwrap();
    }
    let roots = [dir.path().join("nyt/2024"), dir.path().join("wapo/2024")];
    let out =
        parallax(&["align", "--json", "--no-cache", roots[0].to_str().unwrap(), roots[1].to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let ids: Vec<&str> =
        v["articles"].as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["nyt/2024/STORY.TXT", "wapo/2024/STORY.TXT", "wapo/2024/notes.Md"]);
}

#[test]
fn passages_from_stdin_have_no_title() {
    let mut child = support::parallax()
        .args(["passages", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all("Mr. Smith paid $35.6 billion. He left.".as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let texts: Vec<&str> =
        v["passages"].as_array().unwrap().iter().map(|p| p["text"].as_str().unwrap()).collect();
    assert_eq!(texts, ["Mr. Smith paid $35.6 billion.", "He left."]);
}

#[test]
fn bundled_corpus_is_the_default() {
    let out = parallax(&["align", "--json"]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["articles"].as_array().unwrap().len(), 5);
    assert!(!v["claims"].as_array().unwrap().is_empty());
}

#[test]
fn broken_pipe_is_not_an_error() {
    let mut child = support::parallax()
        .args(["align", "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read nothing and close our end, as `| head -c0` would.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"));
}

#[test]
fn the_analysis_cache_is_reused_and_follows_edits() {
    let dir = tempfile::tempdir().unwrap();
    write_story(dir.path());
    let path = dir.path().to_str().unwrap();
    let first = parallax(&["align", "--json", path]);
    assert!(first.status.success(), "{}", stderr(&first));
    let cache = dir.path().join(".parallax").join("cache");
    let entries = || fs::read_dir(&cache).map(|d| d.count()).unwrap_or(0);
    assert_eq!(entries(), 1, "the first run stores its analysis");
    let second = parallax(&["align", "--json", path]);
    assert_eq!(stdout(&first), stdout(&second), "a cached run prints the same analysis");
    assert_eq!(entries(), 1);

    // An edited article gives another key: the new numbers are seen, not the cached ones.
    let gazette = dir.path().join("gazette.txt");
    fs::write(&gazette, fs::read_to_string(&gazette).unwrap().replace("Fifteen", "Twenty")).unwrap();
    let edited = parallax(&["align", "--json", path]);
    let details = |o: &Output| -> String {
        let doc: serde_json::Value = serde_json::from_str(&stdout(o)).unwrap();
        doc["discrepancies"].as_array().unwrap().iter().map(|d| d["detail"].to_string()).collect()
    };
    assert!(details(&first).contains("15"), "{}", details(&first));
    // The body's count is read afresh (the headline still says "injures 15").
    assert!(details(&edited).contains("20 injured"), "{}", details(&edited));
    assert_ne!(stdout(&edited), stdout(&first));
    assert_eq!(entries(), 2);

    // A damaged entry is ignored and rewritten, never trusted.
    for e in fs::read_dir(&cache).unwrap() {
        fs::write(e.unwrap().path(), "{ damaged").unwrap();
    }
    let repaired = parallax(&["align", "--json", path]);
    assert!(repaired.status.success(), "{}", stderr(&repaired));
    assert_eq!(stdout(&repaired), stdout(&edited));
}

#[test]
fn no_cache_leaves_no_cache_behind() {
    let dir = tempfile::tempdir().unwrap();
    write_story(dir.path());
    let out = parallax(&["align", "--json", "--no-cache", dir.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!dir.path().join(".parallax").join("cache").exists());
    assert!(stderr(&out).is_empty(), "no progress bar when stderr is not a terminal: {}", stderr(&out));
}

/// A mine flood told by three outlets, written for the discrepancy tests: who says what.
fn write_flood_story(dir: &Path) {
    fs::write(
        dir.join("coast-times.md"),
        "---\ndate: 2026-02-20\n---\n\
         Kestrel mine flood kills five\n\
         Five miners died when the Kestrel mine flooded on Tuesday, the regional mining authority said.\n\
         Rescuers brought eleven injured miners to the surface.\n\
         The Kestrel mine first flooded late last year, inspectors said.\n\
         Chief inspector Mara Lind called the flood \"small. But entirely foreseeable,\" and left.\n",
    )
    .unwrap();
    fs::write(
        dir.join("valley-post.txt"),
        "Six dead in Kestrel mine flood\n\
         Six miners died when the Kestrel mine flooded on Tuesday, the regional mining authority said.\n\
         Rescuers brought eleven injured miners to the surface.\n\
         The chief inspector said the flood was \"small, but entirely predictable\".\n",
    )
    .unwrap();
    fs::write(
        dir.join("ridge-herald.md"),
        "---\ndate: 2025-03-01\n---\n\
         Kestrel mine floods again\n\
         Five miners died when the Kestrel mine flooded on Tuesday, the regional mining authority said.\n\
         The Kestrel mine first flooded in December 2024, inspectors said.\n",
    )
    .unwrap();
}

#[test]
fn discrepancies_list_their_versions_with_the_bytes_that_state_them() {
    let dir = tempfile::tempdir().unwrap();
    write_flood_story(dir.path());
    let out = parallax(&["align", "--json", "--no-cache", dir.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let discrepancies = v["discrepancies"].as_array().unwrap();
    let passage = |article: &str, index: u64| {
        let a = v["articles"].as_array().unwrap().iter().find(|a| a["id"] == article).unwrap();
        a["passages"][index as usize].clone()
    };
    // Who says what: five dead in two outlets, six in one; the eleven injured are no side.
    let sides = |d: &serde_json::Value| -> Vec<(String, Vec<String>)> {
        d["versions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| {
                let mut arts: Vec<String> = v["members"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|m| m["article"].as_str().unwrap().into())
                    .collect();
                arts.dedup();
                (v["value"].as_str().unwrap().into(), arts)
            })
            .collect()
    };
    let dead = discrepancies.iter().find(|d| d["kind"] == "number").expect("a number discrepancy");
    assert_eq!(
        sides(dead),
        [
            ("5 dead".to_string(), vec!["coast-times.md".to_string(), "ridge-herald.md".to_string()]),
            ("6 dead".to_string(), vec!["valley-post.txt".to_string()]),
        ]
    );
    assert!(
        discrepancies.iter().all(|d| !d["detail"].as_str().unwrap().contains("11")),
        "{discrepancies:#?}"
    );
    // "late last year" in an article of February 2026 is 2025, against another's 2024.
    let year = discrepancies.iter().find(|d| d["kind"] == "date").expect("a date discrepancy");
    assert_eq!(year["detail"], "late last year (2025) vs 2024");
    // The quotation that closes in the sentence after it opens is read whole.
    let quote = discrepancies.iter().find(|d| d["kind"] == "quote").expect("a quote discrepancy");
    assert_eq!(quote["detail"], "\"foreseeable\" vs \"predictable\"");
    for d in discrepancies {
        assert!(d["id"].as_str().unwrap().starts_with('D'), "{d}");
        let mut union: Vec<(String, u64)> = Vec::new();
        for m in d["versions"].as_array().unwrap().iter().flat_map(|v| v["members"].as_array().unwrap()) {
            let (article, index) = (m["article"].as_str().unwrap(), m["passage"].as_u64().unwrap());
            // Each version's bytes lie inside its passage and are the file's bytes.
            let p = passage(article, index);
            let span = m["span"].as_array().unwrap();
            let (s, e) = (span[0].as_u64().unwrap(), span[1].as_u64().unwrap());
            assert!(p["start"].as_u64().unwrap() <= s && e <= p["end"].as_u64().unwrap(), "{m}");
            let bytes = fs::read(dir.path().join(article)).unwrap();
            assert!(std::str::from_utf8(&bytes[s as usize..e as usize]).is_ok(), "{m}");
            if !union.contains(&(article.to_string(), index)) {
                union.push((article.to_string(), index));
            }
        }
        union.sort();
        let mut members: Vec<(String, u64)> = d["members"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| (m["article"].as_str().unwrap().to_string(), m["passage"].as_u64().unwrap()))
            .collect();
        members.sort();
        assert_eq!(members, union, "members are the union of the versions' members: {d}");
    }
}

#[test]
fn threshold_is_checked_shown_in_the_help_and_no_claim_scores_below_it() {
    let out = parallax(&["align", "--threshold", "-0.5"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("'-0.5'") && err.contains("out of range") && !err.contains("unexpected argument"),
        "{err}"
    );
    let out = parallax(&["report", "--threshold", "lots"]);
    assert!(stderr(&out).contains("not a number"), "{}", stderr(&out));
    assert!(stdout(&parallax(&["align", "--help"])).contains("[default: 0.12, or the config file"));
    assert!(stdout(&parallax(&["--help"])).contains("--threshold"), "the reader takes it too");
    for t in ["0.3", "0.6", "1"] {
        let out = parallax(&["align", "--json", "--no-cache", "--threshold", t]);
        let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        let floor: f64 = t.parse().unwrap();
        let claims = v["claims"].as_array().unwrap();
        assert!(claims.iter().all(|c| c["score"].as_f64().unwrap() >= floor), "{t}");
        if t == "1" {
            assert!(claims.is_empty(), "at 1 no claim is left: {}", claims.len());
        }
    }
}

#[test]
fn every_printing_command_takes_json_and_format_alike() {
    let dir = tempfile::tempdir().unwrap();
    write_story(dir.path());
    let path = dir.path().to_str().unwrap();
    let file = dir.path().join("courier.txt");
    let file = file.to_str().unwrap();
    for args in [
        vec!["align", "--json", path],
        vec!["align", "--format", "json", path],
        vec!["annotations", "--json", path],
        vec!["annotations", "--format", "json", path],
        vec!["passages", "--json", file],
        vec!["passages", "--format", "json", file],
    ] {
        let out = parallax(&args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        serde_json::from_str::<serde_json::Value>(&stdout(&out)).unwrap_or_else(|e| panic!("{args:?}: {e}"));
    }
    assert!(stdout(&parallax(&["align", "--format", "text", path])).contains("claims"));
    assert!(stdout(&parallax(&["report", "--format", "md", path])).starts_with("# parallax report"));
    let out = parallax(&["report", "--json", path]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("`report` cannot print json; give --format md"), "{}", stderr(&out));
    let out = parallax(&["align", "--json", "--format", "text", path]);
    assert_eq!(out.status.code(), Some(2), "--json and --format together are refused");
}

#[test]
fn discrepancy_table_as_markdown_and_csv_with_formulas_defused() {
    let dir = tempfile::tempdir().unwrap();
    write_story(dir.path());
    // A cell that starts with `=` or `-` (here the article ids) must not become a formula.
    fs::rename(dir.path().join("courier.txt"), dir.path().join("=courier.txt")).unwrap();
    fs::rename(dir.path().join("gazette.txt"), dir.path().join("-gazette.txt")).unwrap();
    let path = dir.path().to_str().unwrap();
    let md = stdout(&parallax(&["report", "--discrepancies", "--no-cache", path]));
    let mut lines = md.lines();
    assert_eq!(lines.next(), Some("| claim | discrepancy | kind | version | articles |"));
    assert_eq!(lines.next(), Some("|---|---|---|---|---|"));
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&parallax(&["align", "--json", "--no-cache", path]))).unwrap();
    let d = &json["discrepancies"][0];
    let first = d["versions"][0]["value"].as_str().unwrap_or(d["detail"].as_str().unwrap());
    let row = lines.next().unwrap();
    assert!(
        row.starts_with(&format!(
            "| C{} | {} | {} | ",
            d["claim"],
            d["id"].as_str().unwrap(),
            d["kind"].as_str().unwrap()
        )),
        "{row}"
    );
    assert!(row.contains(first), "{row} / {first}");
    let csv = stdout(&parallax(&["report", "--discrepancies", "--format", "csv", "--no-cache", path]));
    assert!(csv.starts_with("claim,discrepancy,kind,version,articles\n"), "{csv}");
    assert_eq!(csv.lines().count(), md.lines().count() - 1, "the same rows:\n{csv}\n{md}");
    assert!(csv.contains(",'=courier.txt") && csv.contains(",'-gazette.txt"), "{csv}");
    for cell in csv.lines().flat_map(|l| l.split(',')) {
        let cell = cell.trim_start_matches('"');
        assert!(!cell.starts_with(['=', '+', '-', '@']), "a formula cell: {cell}\n{csv}");
    }
    let out = parallax(&["report", "--discrepancies", "--format", "json", path]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn articles_are_numbered_in_natural_order() {
    let dir = tempfile::tempdir().unwrap();
    for (name, n) in [("story_10.txt", "ten"), ("story_2.txt", "two"), ("story_1.txt", "one")] {
        fs::write(dir.path().join(name), format!("Story {n}\nThe plant closed on day {n}.\n")).unwrap();
    }
    let out = parallax(&["align", "--json", "--no-cache", dir.path().to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let ids: Vec<&str> =
        v["articles"].as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["story_1.txt", "story_2.txt", "story_10.txt"]);
}

#[test]
fn the_reader_without_a_terminal_says_so_plainly() {
    let out = support::parallax()
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("terminal") && err.contains("parallax report"), "{err}");
    assert!(!err.contains("os error"), "{err}");
}

/// Runs `parallax ARGS` with the configuration file `config` (its text).
fn with_config(config: &str, args: &[&str]) -> (Output, std::path::PathBuf, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config.toml");
    fs::write(&file, config).unwrap();
    let out = support::parallax().env(parallax::config::ENV, &file).args(args).output().unwrap();
    (out, file, dir)
}

#[test]
fn the_config_file_sets_the_default_threshold_and_a_mistake_is_one_line() {
    let claims = |o: &Output| {
        let v: serde_json::Value = serde_json::from_str(&stdout(o)).unwrap();
        v["claims"].as_array().unwrap().len()
    };
    let plain = claims(&parallax(&["align", "--json", "--no-cache"]));
    let (strict, _, _d) = with_config("threshold = 1 # nothing passes\n", &["align", "--json", "--no-cache"]);
    assert!(stderr(&strict).is_empty(), "{}", stderr(&strict));
    assert_eq!((plain > 0, claims(&strict)), (true, 0), "the config's threshold is the default");
    let explicit = ["align", "--json", "--no-cache", "--threshold", "0.12"];
    let (given, _, _d) = with_config("threshold = 1\n", &explicit);
    assert_eq!(claims(&given), claims(&parallax(&explicit)), "--threshold beats the config");
    assert!(claims(&given) > 0);
    // A bad line: one line naming the file, the line and the problem; defaults used.
    let (bad, file, _d) =
        with_config("theme = \"dark\"\n\nthreshold = 3\n", &["align", "--json", "--no-cache"]);
    assert!(bad.status.success());
    let err = stderr(&bad);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains(&format!(
            "config {} line 3: threshold is a number from 0 to 1, not 3; defaults used",
            file.display()
        )),
        "{err}"
    );
    assert_eq!(claims(&bad), plain);
    let (keys, file, _d) = with_config("[keys]\nnext_passage = \"k\"\n", &["align", "--no-cache"]);
    let err = stderr(&keys);
    assert!(
        err.contains(&format!(
            "config {} line 2: `k` would do both `next_passage` and `prev_passage` in Compare",
            file.display()
        )) || err.contains(&format!(
            "config {} line 2: `k` would do both `prev_passage` and `next_passage` in Compare",
            file.display()
        )),
        "{err}"
    );
    let (unknown, _, _d) = with_config("[keys]\nfly = \"F\"\n", &["align", "--no-cache"]);
    assert!(stderr(&unknown).contains("line 2: no key action is called `fly`"), "{}", stderr(&unknown));
    assert!(stdout(&parallax(&["--help"])).contains("Configuration file (keys, theme, default threshold)"));
}
