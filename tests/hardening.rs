//! Hostile and unusual input, run through the real binary (issue 6). Each test is one case of
//! the issue: it must not panic or hang, messages name the file, good files still load, and
//! exit codes are the documented ones (0 ok; 1 runtime error; 2 bad usage or no usable input).
#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn parallax(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_parallax"))
        .env(parallax::config::ENV, "")
        .args(args)
        .env("PARALLAX_DATA_DIR", std::env::temp_dir().join("parallax-hardening-data"))
        .output()
        .unwrap()
}

fn align(dir: &Path) -> Output {
    parallax(&["align", "--json", dir.to_str().unwrap()])
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &Output) -> Value {
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(o));
    serde_json::from_slice(&o.stdout).unwrap()
}

/// No panic message, whatever happened.
fn no_panic(o: &Output) {
    let e = stderr(o);
    assert!(!e.contains("panicked"), "panic: {e}");
}

const GOOD_A: &str = "Storm hits coast\n\
    A storm hit the coast on Monday, officials said.\n\
    Three people were injured and 200 homes lost power.\n";
const GOOD_B: &str = "Coastal storm injures four\n\
    Four people were injured when a storm hit the coast on Monday.\n\
    About 250 homes lost power, the utility said.\n";

fn write_good(dir: &Path) {
    fs::write(dir.join("a.txt"), GOOD_A).unwrap();
    fs::write(dir.join("b.txt"), GOOD_B).unwrap();
}

/// Every passage of every article: `start/end` index the stored bytes, on char boundaries of the
/// decoded text, in order, and `text` is exactly the decoded bytes at those offsets.
fn check_offsets(dir: &Path, doc: &Value) {
    for art in doc["articles"].as_array().unwrap() {
        let raw = fs::read(dir.join(art["id"].as_str().unwrap())).unwrap();
        let mut prev = 0;
        for p in art["passages"].as_array().unwrap() {
            let (s, e) = (p["start"].as_u64().unwrap() as usize, p["end"].as_u64().unwrap() as usize);
            assert!(prev <= s && s < e && e <= raw.len(), "bad range {s}..{e} (prev {prev})");
            prev = e;
            let text = p["text"].as_str().unwrap();
            assert_eq!(text.len(), e - s, "passage text length differs from its byte range");
            match std::str::from_utf8(&raw) {
                Ok(file) => {
                    assert!(file.is_char_boundary(s) && file.is_char_boundary(e));
                    assert_eq!(&file[s..e], text);
                }
                // Lossy: every byte is the original one, or a `?` standing for an invalid byte.
                Err(_) => {
                    for (t, r) in text.bytes().zip(&raw[s..e]) {
                        assert!(t == *r || (t == b'?' && *r >= 0x80), "byte {r:#x} became {t:#x}");
                    }
                }
            }
        }
    }
}

#[test]
fn path_that_does_not_exist() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope");
    let o = align(&missing);
    no_panic(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("nope"), "{}", stderr(&o));
}

#[test]
fn empty_folder() {
    let dir = tempfile::tempdir().unwrap();
    let o = align(dir.path());
    no_panic(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no readable articles"), "{}", stderr(&o));
}

#[test]
fn folder_of_only_binary_files() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("x.txt"), [0u8, 1, 2, 0xff, 0, 0x7f, 0x80]).unwrap();
    fs::write(dir.path().join("y.md"), (0..=255u8).collect::<Vec<_>>()).unwrap();
    fs::write(dir.path().join("z.bin"), [0u8; 64]).unwrap();
    let o = align(dir.path());
    no_panic(&o);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains("x.txt") && e.contains("binary"), "{e}");
}

#[test]
fn empty_file() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("empty.txt"), "").unwrap();
    let o = align(dir.path());
    no_panic(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("empty.txt"), "{}", stderr(&o));
    // Beside good files, it is skipped with a warning and the rest loads.
    write_good(dir.path());
    let o = align(dir.path());
    assert_eq!(json(&o)["articles"].as_array().unwrap().len(), 2);
    assert!(stderr(&o).contains("empty.txt: empty file"), "{}", stderr(&o));
}

#[test]
fn only_whitespace() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("blank.txt"), " \n\t\r\n \u{a0}\u{3000}\n\n").unwrap();
    let o = align(dir.path());
    no_panic(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("blank.txt"), "{}", stderr(&o));
    write_good(dir.path());
    let o = align(dir.path());
    assert_eq!(json(&o)["articles"].as_array().unwrap().len(), 2);
}

#[test]
fn invalid_utf8_is_lossy_with_a_warning_and_exact_offsets() {
    let dir = tempfile::tempdir().unwrap();
    write_good(dir.path());
    let mut bad = b"Storm hits coast \xff\xfe\n".to_vec();
    bad.extend_from_slice(b"A storm \xc3 hit the coast on Monday, officials said.\n");
    bad.extend_from_slice("Caf\u{e9} owners \u{2014} ".as_bytes());
    bad.extend_from_slice(b"\xe2\x82 lost power \xf0\x9f\x98. Three were hurt.\n");
    fs::write(dir.path().join("c.txt"), &bad).unwrap();
    let o = align(dir.path());
    let doc = json(&o);
    assert!(stderr(&o).contains("c.txt: not valid UTF-8"), "{}", stderr(&o));
    assert_eq!(doc["articles"].as_array().unwrap().len(), 3);
    check_offsets(dir.path(), &doc);
    let c = &doc["articles"][2];
    assert_eq!(c["id"], "c.txt");
    assert!(c["passages"].as_array().unwrap().len() >= 2);
}

#[test]
fn utf8_bom() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), format!("\u{feff}{GOOD_A}")).unwrap();
    fs::write(dir.path().join("b.txt"), GOOD_B).unwrap();
    let o = align(dir.path());
    let doc = json(&o);
    check_offsets(dir.path(), &doc);
    let a = &doc["articles"][0];
    assert_eq!(a["title"], "Storm hits coast", "the BOM is not part of the title");
    assert_eq!(a["passages"][0]["start"], 3, "offsets count the BOM's three bytes");
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
    for u in text.encode_utf16() {
        out.extend_from_slice(&if big_endian { u.to_be_bytes() } else { u.to_le_bytes() });
    }
    out
}

/// UTF-16 cannot keep offsets equal to file offsets once decoded, so it is skipped with a
/// message that says what to do.
#[test]
fn utf16_le_and_be_are_skipped_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("le.txt"), utf16(GOOD_A, false)).unwrap();
    fs::write(dir.path().join("be.txt"), utf16(GOOD_B, true)).unwrap();
    let o = align(dir.path());
    no_panic(&o);
    assert_eq!(o.status.code(), Some(2), "nothing usable");
    let e = stderr(&o);
    assert!(e.contains("le.txt") && e.contains("be.txt") && e.contains("UTF-16"), "{e}");
    write_good(dir.path());
    let o = align(dir.path());
    assert_eq!(json(&o)["articles"].as_array().unwrap().len(), 2);
    let e = stderr(&o);
    assert!(e.contains("le.txt: UTF-16 text is not supported; save it as UTF-8"), "{e}");
    assert!(e.contains("be.txt: UTF-16"), "{e}");
}

#[test]
fn crlf_and_cr_line_endings() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), GOOD_A.replace('\n', "\r\n")).unwrap();
    fs::write(dir.path().join("b.txt"), GOOD_B.replace('\n', "\r")).unwrap();
    let o = align(dir.path());
    let doc = json(&o);
    check_offsets(dir.path(), &doc);
    for art in doc["articles"].as_array().unwrap() {
        assert_eq!(art["passages"][0]["kind"], "title", "{art}");
        for p in art["passages"].as_array().unwrap() {
            let t = p["text"].as_str().unwrap();
            assert!(!t.starts_with(['\r', '\n']) && !t.ends_with(['\r', '\n']), "{t:?}");
        }
    }
    // The headline is a line of its own, whatever the line ending.
    assert_eq!(doc["articles"][0]["title"], "Storm hits coast");
    assert_eq!(doc["articles"][1]["title"], "Coastal storm injures four");
}

#[test]
fn one_megabyte_line_without_punctuation() {
    let dir = tempfile::tempdir().unwrap();
    let words = ["storm", "coast", "power", "homes", "injured", "monday"];
    let mut line = String::with_capacity(1 << 20);
    let mut i = 0usize;
    while line.len() < 1 << 20 {
        line.push_str(words[i % words.len()]);
        line.push(' ');
        i = i.wrapping_mul(31).wrapping_add(7);
    }
    fs::write(dir.path().join("long.txt"), &line).unwrap();
    write_good(dir.path());
    let o = align(dir.path());
    let doc = json(&o);
    check_offsets(dir.path(), &doc);
}

/// 50 MB of prose in one article. Minutes in a debug build, so ignored by default; both ignored
/// tests pass in 12 s with `cargo test --release --test hardening -- --ignored` (2026-11-24).
#[test]
#[ignore = "50 MB article: slow in debug builds"]
fn fifty_megabyte_article() {
    let dir = tempfile::tempdir().unwrap();
    let para = "A storm hit the coast on Monday, officials said. Three people were injured.\n\n";
    let big = para.repeat(50_000_000 / para.len());
    fs::write(dir.path().join("big.txt"), big).unwrap();
    write_good(dir.path());
    let o = align(dir.path());
    no_panic(&o);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// Ten thousand tiny, distinct articles. Ignored by default like the one above; run them with
/// `cargo test --release --test hardening -- --ignored`.
#[test]
#[ignore = "10,000 files: slow in debug builds"]
fn ten_thousand_tiny_files() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..10_000 {
        fs::write(dir.path().join(format!("{i:05}.txt")), format!("Item {i} was reported.\n")).unwrap();
    }
    let o = align(dir.path());
    no_panic(&o);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(json(&o)["articles"].as_array().unwrap().len(), 10_000);
}

/// A small version of the above that always runs: many files, all loaded, sorted by id.
#[test]
fn three_hundred_tiny_files() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..300 {
        fs::write(dir.path().join(format!("{i:03}.txt")), format!("Item {i} was reported.\n")).unwrap();
    }
    let o = align(dir.path());
    let doc = json(&o);
    let ids: Vec<&str> =
        doc["articles"].as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 300);
    assert!(ids.windows(2).all(|w| w[0] < w[1]));
}

#[cfg(unix)]
#[test]
fn symlink_loop_does_not_hang() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("sub");
    fs::create_dir(&sub).unwrap();
    write_good(&sub);
    symlink(dir.path(), sub.join("loop")).unwrap();
    symlink(&sub, sub.join("self")).unwrap();
    symlink(dir.path().join("a-missing.txt"), sub.join("dangling.txt")).unwrap();
    // A symlinked file is read.
    symlink(sub.join("a.txt"), dir.path().join("zlink.txt")).unwrap();
    let o = align(dir.path());
    let doc = json(&o);
    let ids: Vec<&str> =
        doc["articles"].as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap()).collect();
    // `zlink.txt` has the same bytes as `sub/a.txt`: a duplicate, skipped.
    assert_eq!(ids, ["sub/a.txt", "sub/b.txt"], "{}", stderr(&o));
}

#[test]
fn duplicate_articles_are_skipped_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    write_good(dir.path());
    fs::write(dir.path().join("copy.txt"), GOOD_A).unwrap();
    let o = align(dir.path());
    let doc = json(&o);
    assert_eq!(doc["articles"].as_array().unwrap().len(), 2);
    let e = stderr(&o);
    assert!(e.contains("copy.txt") && e.contains("duplicate"), "{e}");
}

#[test]
fn single_article() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), GOOD_A).unwrap();
    let o = align(dir.path());
    let doc = json(&o);
    assert_eq!(doc["articles"].as_array().unwrap().len(), 1);
    let claims = doc["claims"].as_array().unwrap();
    assert!(claims.iter().all(|c| c["members"].as_array().unwrap().len() <= 1), "{claims:?}");
    assert!(doc["discrepancies"].as_array().unwrap().is_empty());
    let o = parallax(&["report", dir.path().to_str().unwrap()]);
    no_panic(&o);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn non_latin_scripts() {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        ("cjk.txt", "东京发生地震\n今天上午东京发生了强烈地震。三人受伤，两百户停电。政府表示正在调查！"),
        ("ja.txt", "東京で地震\n今朝、東京で強い地震がありました。三人がけがをしました。"),
        ("ar.txt", "عاصفة تضرب الساحل\nضربت عاصفة الساحل يوم الاثنين، قال المسؤولون. أصيب ثلاثة أشخاص؟ نعم."),
        ("he.txt", "סערה פוגעת בחוף\nסערה פגעה בחוף ביום שני, אמרו גורמים רשמיים. שלושה נפצעו."),
        ("emoji.txt", "Storm 🌩️ hits\nA storm 🌊🏠 hit the coast 👍🏽 today. Three 👨‍👩‍👧 families were hurt 🚑."),
        (
            "marks.txt",
            "Ca\u{301}fe\u{301} fire\nThe cafe\u{301} n\u{303}o burned. Zalgo t\u{336}\u{334}ext e\u{301}\u{302}\u{303}.",
        ),
    ];
    for (name, text) in files {
        fs::write(dir.path().join(name), text).unwrap();
    }
    let o = align(dir.path());
    let doc = json(&o);
    assert_eq!(doc["articles"].as_array().unwrap().len(), files.len());
    check_offsets(dir.path(), &doc);
    // The `passages` command agrees, one file at a time.
    for (name, text) in files {
        let o = parallax(&["passages", dir.path().join(name).to_str().unwrap()]);
        let doc = json(&o);
        for p in doc["passages"].as_array().unwrap() {
            let (s, e) = (p["start"].as_u64().unwrap() as usize, p["end"].as_u64().unwrap() as usize);
            assert!(text.is_char_boundary(s) && text.is_char_boundary(e), "{name}: {s}..{e}");
            assert_eq!(&text[s..e], p["text"].as_str().unwrap());
        }
    }
}

#[test]
fn bad_usage_exits_2_and_runtime_errors_exit_1() {
    let o = parallax(&["align", "--threshold", "7"]);
    assert_eq!(o.status.code(), Some(2));
    let o = parallax(&["--no-such-flag"]);
    assert_eq!(o.status.code(), Some(2));
    let dir = tempfile::tempdir().unwrap();
    let o = parallax(&["passages", dir.path().join("missing.txt").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("missing.txt"));
}

#[test]
fn passages_from_stdin_with_hostile_text() {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .env(parallax::config::ENV, "")
        .args(["passages", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let text = "。。。\r\r\n…?!؟ 👍🏽e\u{301}. ".repeat(2000);
    let mut stdin = child.stdin.take().unwrap();
    let t = text.clone();
    let writer = std::thread::spawn(move || stdin.write_all(t.as_bytes()));
    let o = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    let doc = json(&o);
    for p in doc["passages"].as_array().unwrap() {
        let (s, e) = (p["start"].as_u64().unwrap() as usize, p["end"].as_u64().unwrap() as usize);
        assert_eq!(&text[s..e], p["text"].as_str().unwrap());
    }
}
