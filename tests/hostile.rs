//! Hostile folders and hostile text, run through the real binary (issue 15): a corpus folder
//! handed over by someone else must not make parallax delete, copy or follow anything outside
//! what the user asked for, and its text must never drive the terminal.
#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::Path;
use std::process::Output;

mod support;

fn parallax(args: &[&str]) -> Output {
    support::parallax().args(args).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const A: &str = "Storm hits coast\nA storm hit the coast on Monday, officials said.\n";
const B: &str = "Coast storm\nOfficials said a storm hit the coast on Monday.\n";

/// Two articles in `dir`.
fn write_story(dir: &Path) {
    fs::create_dir_all(dir).unwrap();
    fs::write(dir.join("a.txt"), A).unwrap();
    fs::write(dir.join("b.txt"), B).unwrap();
}

/// `PARALLAX_CACHE_DIR` pointed at a folder of settings files: after many corpora, every one
/// of them is still there, unchanged.
#[test]
fn a_cache_folder_of_other_files_loses_none() {
    let dir = tempfile::tempdir().unwrap();
    let settings = dir.path().join("settings");
    fs::create_dir_all(&settings).unwrap();
    let names = ["config.json", "0123456789abcdef0123456789abcdef.json", "keys.json"];
    for name in names {
        fs::write(settings.join(name), format!("{{\"name\": \"{name}\"}}")).unwrap();
    }
    for n in 0..10 {
        let (x, y) = (dir.path().join(format!("x{n}")), dir.path().join(format!("y{n}")));
        write_story(&x);
        fs::create_dir_all(&y).unwrap();
        fs::write(y.join("c.txt"), format!("Storm day {n}\nThe storm lasted {n} hours.\n")).unwrap();
        let o = support::parallax()
            .args(["align", x.to_str().unwrap(), y.to_str().unwrap()])
            .env("PARALLAX_CACHE_DIR", &settings)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
    }
    for name in names {
        assert_eq!(fs::read_to_string(settings.join(name)).unwrap(), format!("{{\"name\": \"{name}\"}}"));
    }
    let ours = fs::read_dir(&settings).unwrap().count() - names.len();
    assert!((1..=8).contains(&ours), "{ours} entries kept");
}

/// A corpus whose `.parallax/cache` links to another folder: nothing is written there.
#[cfg(unix)]
#[test]
fn a_symlinked_cache_folder_is_not_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write_story(&corpus);
    let elsewhere = dir.path().join("elsewhere");
    fs::create_dir_all(&elsewhere).unwrap();
    fs::write(elsewhere.join("mine.json"), "{}").unwrap();
    fs::create_dir_all(corpus.join(".parallax")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, corpus.join(".parallax/cache")).unwrap();
    let o = parallax(&["align", corpus.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let left: Vec<_> = fs::read_dir(&elsewhere).unwrap().flatten().map(|e| e.file_name()).collect();
    assert_eq!(left, ["mine.json"]);
}

/// Runs `parallax ARGS`, killing it if it has not ended within a minute (a hang fails the
/// test instead of the suite).
fn bounded(args: &[&str]) -> Output {
    let mut child = support::parallax()
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > std::time::Duration::from_secs(60) {
            let _ = child.kill();
            panic!("parallax {args:?} hung");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// Article paths that are a FIFO, a device or a terabyte of holes: each refused before it is
/// read, in one line naming it, while the good article still loads.
#[cfg(unix)]
#[test]
fn fifos_devices_and_huge_sparse_files_are_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    write_story(dir.path());
    let fifo = dir.path().join("pipe.txt");
    rustix::fs::mkfifoat(rustix::fs::CWD, &fifo, rustix::fs::Mode::from_raw_mode(0o600)).unwrap();
    let sparse = dir.path().join("huge.txt");
    fs::File::create(&sparse).unwrap().set_len(1 << 40).unwrap();
    let good = dir.path().join("a.txt");
    let args = [good.to_str().unwrap(), fifo.to_str().unwrap(), "/dev/zero", sparse.to_str().unwrap()];
    for command in [&["align"][..], &["report"][..]] {
        let o = bounded(&[command, &args[..]].concat());
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let err = stderr(&o);
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 3, "{err}");
        assert!(lines.iter().any(|l| l.contains("pipe.txt") && l.contains("not a regular file")), "{err}");
        assert!(lines.iter().any(|l| l.contains("/dev/zero") && l.contains("not a regular file")), "{err}");
        assert!(lines.iter().any(|l| l.contains("huge.txt") && l.contains("larger than")), "{err}");
    }
    let o = bounded(&["passages", fifo.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("not a regular file"), "{}", stderr(&o));
}

/// Text with binary after its first 8 KB is caught as binary, not shown as an article.
#[test]
fn a_file_that_turns_binary_after_8_kb_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    write_story(dir.path());
    let late = [A.repeat(200).as_bytes(), b"\0\x01\x02\x03binary\0"].concat();
    fs::write(dir.path().join("late.txt"), late).unwrap();
    let o = parallax(&["align", "--json", dir.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("late.txt") && stderr(&o).contains("binary"), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["articles"].as_array().unwrap().len(), 2);
}

/// Every file below `dir`, with its bytes (links listed, not followed).
fn contents(dir: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap().flatten() {
        let t = e.file_type().unwrap();
        if t.is_dir() {
            out.extend(contents(&e.path()));
        } else if t.is_file() {
            out.push((e.path(), fs::read(e.path()).unwrap()));
        }
    }
    out
}

/// A corrupt store is said on stderr by every command that reads it: `report` (which still
/// prints its report) and `annotations` (which refuses).
#[test]
fn a_corrupt_store_is_reported_by_every_command_that_reads_it() {
    let dir = tempfile::tempdir().unwrap();
    write_story(dir.path());
    fs::create_dir_all(dir.path().join(".parallax")).unwrap();
    fs::write(dir.path().join(".parallax/annotations.json"), "{oops").unwrap();
    let o = parallax(&["report", dir.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("annotations.json") && stderr(&o).contains("not valid JSON"),
        "{}",
        stderr(&o)
    );
    let o = parallax(&["annotations", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not valid JSON"), "{}", stderr(&o));
    // What parallax wrote for itself (the backup, the cache entry) is private.
    #[cfg(unix)]
    for (path, _) in contents(&dir.path().join(".parallax")) {
        use std::os::unix::fs::PermissionsExt;
        if path.ends_with("annotations.json") {
            continue;
        }
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{} is {mode:o}", path.display());
    }
}

/// `annotations.json` linked to a private key, FIFO or `/dev/zero`, a dangling linked lock, a
/// linked `.parallax`: nothing is copied, created, waited on or followed, and stderr says so.
#[cfg(unix)]
#[test]
fn planted_links_fifos_and_devices_under_dot_parallax_are_not_followed() {
    use std::os::unix::fs::symlink;
    let home = tempfile::tempdir().unwrap();
    let secret = home.path().join("id_ed25519");
    fs::write(&secret, "-----BEGIN OPENSSH PRIVATE KEY-----").unwrap();
    for plant in ["key", "fifo", "zero", "lock", "dot"] {
        let dir = tempfile::tempdir().unwrap();
        write_story(dir.path());
        let dot = dir.path().join(".parallax");
        let file = dot.join("annotations.json");
        let target = home.path().join(format!("created-by-{plant}"));
        match plant {
            "dot" => symlink(home.path(), &dot).unwrap(),
            _ => fs::create_dir_all(&dot).unwrap(),
        }
        match plant {
            "key" => symlink(&secret, &file).unwrap(),
            "fifo" => {
                rustix::fs::mkfifoat(rustix::fs::CWD, &file, rustix::fs::Mode::from_raw_mode(0o600)).unwrap()
            }
            "zero" => symlink("/dev/zero", &file).unwrap(),
            "lock" => symlink(&target, dot.join("annotations.json.lock")).unwrap(),
            _ => {}
        }
        for command in ["report", "annotations"] {
            let o = bounded(&[command, dir.path().to_str().unwrap()]);
            assert!(!stderr(&o).contains("panicked"), "{plant}: {}", stderr(&o));
            if plant != "lock" {
                assert!(stderr(&o).contains("not"), "{plant} {command} said nothing: {}", stderr(&o));
            }
        }
        let copied = contents(dir.path()).into_iter().filter(|(_, b)| b.starts_with(b"-----BEGIN")).count();
        assert_eq!(copied, 0, "{plant}: the key was copied into the corpus");
        assert!(!target.exists(), "{plant}: a file was created through a link");
        assert_eq!(fs::read_dir(home.path()).unwrap().count(), 1, "{plant}: something was written outside");
    }
}

/// A dangling symlink as the store's lock: saving fails with a message, and nothing is
/// created where it points.
#[cfg(unix)]
#[test]
fn a_dangling_linked_lock_creates_nothing_at_its_target() {
    use parallax::annotate::{Label, Store, Target};
    let dir = tempfile::tempdir().unwrap();
    let dot = dir.path().join(".parallax");
    fs::create_dir_all(&dot).unwrap();
    let target = dir.path().join("outside");
    std::os::unix::fs::symlink(&target, dot.join("annotations.json.lock")).unwrap();
    let corpus = parallax::Corpus::from_texts([("a.txt", A)]);
    let at = Target::passage(&corpus, parallax::PassageRef { article: 0, passage: 1 }).unwrap();
    let mut store = Store::open_at(dot.join("annotations.json")).unwrap();
    let err = store.add(at, Some(Label::Verified), "note", Vec::new()).unwrap_err().to_string();
    assert!(err.contains("symbolic link"), "{err}");
    assert!(fs::symlink_metadata(&target).is_err(), "the lock's target was created");
}

/// Whether `text` holds a character a terminal could obey: a C0 control other than newline
/// and tab, DEL, a C1 control, or a bidi embedding, override or isolate.
fn drives_a_terminal(text: &str) -> bool {
    text.chars().any(|c| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    })
}

/// Hostile text: C0 and C1 controls, a bidi override, raw HTML, a `javascript:` link, and a
/// file name with a backtick.
fn hostile_story(dir: &Path) {
    write_story(dir);
    fs::write(
        dir.join("x`y.txt"),
        "Storm \u{9b}2J hits <img src=x onerror=alert(1)> coast\n\
         A storm hit the coast on Monday, officials said [more](javascript:alert(1)).\n\
         Officials said \u{202E}the storm\u{85} hit the coast \x1b]0;owned\x07 on Monday.\n\
         \u{5e9}\u{5dc}\u{5d5}\u{5dd} \u{200F}coast.\n",
    )
    .unwrap();
}

/// Every human-readable output, to a file as to a terminal: no control character escapes,
/// the Markdown renders nothing it was not meant to, ordinary right-to-left text stays.
#[test]
fn hostile_text_reaches_no_human_output_unescaped() {
    let dir = tempfile::tempdir().unwrap();
    hostile_story(dir.path());
    // A note and tags as hostile as the text.
    let corpus = parallax::Corpus::load(&[dir.path().to_path_buf()]).unwrap();
    let article = corpus.find("x`y.txt").unwrap();
    let at =
        parallax::annotate::Target::passage(&corpus, parallax::PassageRef { article, passage: 2 }).unwrap();
    let mut store =
        parallax::annotate::Store::open_at(dir.path().join(".parallax/annotations.json")).unwrap();
    let note = "check \x1b[2J this <script>x</script>\nsecond \u{9b}line";
    store.add(at, None, note, vec!["\x1b]0;t\x07".into()]).unwrap();
    let path = dir.path().to_str().unwrap();
    for command in ["align", "report", "annotations"] {
        let o = parallax(&[command, path]);
        assert!(o.status.success(), "{command}: {}", stderr(&o));
        let (out, err) = (String::from_utf8(o.stdout.clone()).unwrap(), stderr(&o));
        assert!(!drives_a_terminal(&out) && !drives_a_terminal(&err), "{command}:\n{out}\n{err}");
        if command == "report" {
            assert!(out.contains("<U+009B>2J") && out.contains("<U+202E>the storm<U+0085>"), "{out}");
            assert!(!out.replace("\\<", "").contains("<img") && out.contains("\\<img"), "raw HTML: {out}");
            assert!(!out.contains("](javascript:") && out.contains("javascript\\:"), "link: {out}");
            assert!(out.contains("`` x`y.txt ``"), "the id's backtick ends its code span: {out}");
            assert!(out.contains("\u{5e9}\u{5dc}\u{5d5}\u{5dd} \u{200F}coast."), "RTL text changed: {out}");
        }
        if command != "align" {
            assert!(out.contains("check <U+001B>\\[2J this \\<script\\>"), "{command}: {out}");
        }
    }
}

/// The JSON keeps the text exactly, but escapes DEL and the C1 controls too (U+009B is a CSI
/// to many terminals), so even `--json` to a terminal is inert.
#[test]
fn json_escapes_c1_controls() {
    let dir = tempfile::tempdir().unwrap();
    hostile_story(dir.path());
    let o = parallax(&["align", "--json", dir.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "a control character in the JSON");
    assert!(out.contains("\\u009b2J"), "U+009B not escaped");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let titles: Vec<&str> =
        v["articles"].as_array().unwrap().iter().map(|a| a["title"].as_str().unwrap()).collect();
    assert!(titles.contains(&"Storm \u{9b}2J hits <img src=x onerror=alert(1)> coast"), "{titles:?}");
}

/// A usage error quotes what was typed. clap writes escapes through when stderr is a
/// terminal, so the error is run in a pseudo-terminal (`script`, from util-linux) and must
/// reach it without any escape sequence.
#[test]
fn a_usage_error_quoting_escapes_reaches_a_terminal_inert() {
    let bin = env!("CARGO_BIN_EXE_parallax");
    let cmd = format!("{bin} align --threshold \"$(printf '\\033]0;owned\\007')\"");
    let Ok(o) =
        std::process::Command::new("script").args(["-qec", &cmd, "/dev/null"]).envs(support::env()).output()
    else {
        eprintln!("`script` not found: skipped");
        return;
    };
    assert_eq!(o.status.code(), Some(2), "{}", String::from_utf8_lossy(&o.stdout));
    let seen = String::from_utf8_lossy(&o.stdout);
    assert!(seen.contains("invalid value"), "{seen}");
    assert!(!seen.contains('\x1b') && !seen.contains('\x07'), "{seen:?}");
}

/// The backup of a corrupt store planted as a link to someone's file: the backup replaces the
/// link, and their file is untouched.
#[cfg(unix)]
#[test]
fn a_linked_backup_is_replaced_not_written_through() {
    let dir = tempfile::tempdir().unwrap();
    write_story(dir.path());
    let dot = dir.path().join(".parallax");
    fs::create_dir_all(&dot).unwrap();
    let bad = b"{oops";
    fs::write(dot.join("annotations.json"), bad).unwrap();
    let outside = tempfile::tempdir().unwrap();
    let theirs = outside.path().join("notes.txt");
    fs::write(&theirs, "theirs").unwrap();
    let backup = dot.join(format!("annotations.json.unreadable-{:016x}.bak", parallax::hash::fnv1a(bad)));
    std::os::unix::fs::symlink(&theirs, &backup).unwrap();
    let o = parallax(&["report", dir.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(&theirs).unwrap(), "theirs");
    assert!(fs::symlink_metadata(&backup).unwrap().is_file(), "the link is still there");
    assert_eq!(fs::read(&backup).unwrap(), bad);
}
