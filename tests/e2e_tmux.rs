//! End to end: the real binary in tmux at 120×36. Keys are sent with `send-keys`, the screen is
//! read with `capture-pane -p` and polled until the expected text appears or a deadline passes,
//! and the exit status after `q` is checked. Needs tmux; set PARALLAX_SKIP_TMUX to skip.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

mod support;

struct Session {
    name: String,
    status_file: PathBuf,
    /// The user data folder the reader sees: never the real one.
    _data: tempfile::TempDir,
}

impl Session {
    /// Starts `parallax ARGS` in a detached session; its exit status lands in a temp file.
    fn start(tag: &str, args: &str, width: u16, height: u16) -> Option<Session> {
        Session::start_with(tag, "", args, width, height)
    }

    /// [`Session::start`] with `env` (`NAME=value …`) in the binary's environment.
    fn start_with(tag: &str, env: &str, args: &str, width: u16, height: u16) -> Option<Session> {
        let (name, status_file) = Session::names(tag)?;
        let bin = env!("CARGO_BIN_EXE_parallax");
        let cmd = format!("{env} {bin} {args}; echo $? > {}; sleep 60", status_file.display());
        let data = tempfile::tempdir().unwrap();
        Session::spawn(&name, width, height, data.path(), &["sh", "-c", &cmd]);
        Some(Session { name, status_file, _data: data })
    }

    /// Starts an interactive bash with job control and prompt `px$`; nothing runs yet.
    fn shell(tag: &str, width: u16, height: u16) -> Option<Session> {
        let (name, status_file) = Session::names(tag)?;
        let data = tempfile::tempdir().unwrap();
        Session::spawn(
            &name,
            width,
            height,
            data.path(),
            &["PS1=px$", "bash", "--norc", "--noprofile", "-i"],
        );
        Some(Session { name, status_file, _data: data })
    }

    /// The session name and status file for `tag`; None when tmux is missing and may be skipped.
    fn names(tag: &str) -> Option<(String, PathBuf)> {
        if Command::new("tmux").arg("-V").output().is_err() {
            if std::env::var_os("PARALLAX_SKIP_TMUX").is_some() {
                eprintln!("tmux not found: skipped (PARALLAX_SKIP_TMUX is set)");
                return None;
            }
            panic!("tmux is not installed: install it (apt-get install -y tmux) or set PARALLAX_SKIP_TMUX=1");
        }
        let name = format!("parallax-e2e-{tag}-{}", std::process::id());
        let status_file = std::env::temp_dir().join(format!("{name}.status"));
        let _ = std::fs::remove_file(&status_file);
        Some((name, status_file))
    }

    fn spawn(name: &str, width: u16, height: u16, data: &std::path::Path, cmd: &[&str]) {
        // A new session can lose a race with a tmux server that is shutting down because the
        // previous test's session ended: tried again a few times.
        let ok = (0..5).any(|attempt| {
            if attempt > 0 {
                std::thread::sleep(Duration::from_millis(200));
            }
            Command::new("tmux")
                .args(["new-session", "-d", "-s", name, "-x", &width.to_string(), "-y", &height.to_string()])
                .arg("env")
                .arg("TERM=xterm-256color")
                .args(support::env().into_iter().map(|(k, v)| format!("{k}={}", v.display())))
                // Each session its own data folder (annotations of the bundled corpus live there).
                .arg(format!("PARALLAX_DATA_DIR={}", data.display()))
                .args(cmd)
                .status()
                .unwrap()
                .success()
        });
        assert!(ok, "tmux new-session failed");
    }

    fn screen(&self) -> String {
        let out = Command::new("tmux").args(["capture-pane", "-p", "-t", &self.name]).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits until the screen shows `text`; panics with the screen if it never does.
    fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let s = self.screen();
            if s.contains(text) {
                return s;
            }
            if Instant::now() > deadline {
                panic!("`{text}` never appeared; the screen was:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The terminal cursor: `(x, y)` when it is shown.
    fn cursor(&self) -> Option<(u16, u16)> {
        let out = Command::new("tmux")
            .args(["display-message", "-p", "-t", &self.name, "#{cursor_x} #{cursor_y} #{cursor_flag}"])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        let v: Vec<u16> = text.split_whitespace().filter_map(|n| n.parse().ok()).collect();
        match v[..] {
            [x, y, 1] => Some((x, y)),
            _ => None,
        }
    }

    /// Waits until the terminal cursor is shown at `at`; panics with the screen if it never is.
    fn wait_for_cursor(&self, at: (u16, u16)) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while self.cursor() != Some(at) {
            if Instant::now() > deadline {
                panic!(
                    "the cursor is at {:?}, not {at:?}; the screen was:\n{}",
                    self.cursor(),
                    self.screen()
                );
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            let ok =
                Command::new("tmux").args(["send-keys", "-t", &self.name, k]).status().unwrap().success();
            assert!(ok, "send-keys {k}");
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    /// The pid of the parallax process under the pane's shell.
    fn parallax_pid(&self) -> String {
        let pid = Command::new("tmux")
            .args(["list-panes", "-t", &self.name, "-F", "#{pane_pid}"])
            .output()
            .unwrap();
        let shell = String::from_utf8_lossy(&pid.stdout).trim().to_string();
        let child = Command::new("pgrep").args(["-P", &shell, "parallax"]).output().unwrap();
        let child = String::from_utf8_lossy(&child.stdout).trim().to_string();
        assert!(!child.is_empty(), "no parallax process under the pane shell {shell}");
        child
    }

    /// The exit status written by the shell once the binary ended.
    fn exit_status(&self) -> i32 {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Ok(s) = std::fs::read_to_string(&self.status_file)
                && let Ok(code) = s.trim().parse()
            {
                return code;
            }
            if Instant::now() > deadline {
                panic!("parallax did not exit; the screen was:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = Command::new("tmux").args(["kill-session", "-t", &self.name]).output();
        let _ = std::fs::remove_file(&self.status_file);
    }
}

fn fixture_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("1-ledger.md", parallax::tui::fixture::LEDGER),
        ("2-wire.md", parallax::tui::fixture::WIRE),
        ("3-tokyo.md", parallax::tui::fixture::TOKYO),
    ] {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

#[test]
fn reader_opens_navigates_and_quits_cleanly() {
    let Some(s) = Session::start("bundled", "", 120, 36) else { return };
    // The first screen: header, both pane titles, key hints.
    // (Wait for each piece: a capture may land while a frame is half drawn.)
    s.wait_for("5 articles");
    s.wait_for("COMPARE");
    s.wait_for("? help");
    // The analysis finishes in the background.
    s.wait_for("claims ·");
    s.keys(&["j", "j"]);
    s.wait_for("article 1 · passage 3/");
    s.keys(&["Tab"]);
    s.wait_for("article 2 · passage");
    s.keys(&["?"]);
    s.wait_for("Help · every key");
    s.wait_for("next discrepancy");
    s.keys(&["Escape", "o"]);
    s.wait_for("Overview ·");
    s.keys(&["Escape", "/"]);
    s.wait_for("SEARCH");
    s.keys(&["-l", "Kiro"]);
    s.wait_for("/Kiro  result ");
    // The terminal cursor stands in the input line, after what is typed, and follows ←.
    s.wait_for_cursor((14, 35));
    s.keys(&["Left", "Left"]);
    s.wait_for_cursor((12, 35));
    s.keys(&["Enter", "q"]);
    assert_eq!(s.exit_status(), 0);
    // The terminal is back to the shell: no alternate screen left behind.
    let after = s.screen();
    assert!(!after.contains("COMPARE"), "the reader's screen is still there:\n{after}");
}

#[test]
fn reader_shows_discrepancies_of_a_folder_and_small_screens() {
    let dir = fixture_dir();
    let Some(s) = Session::start("fixture", &dir.path().display().to_string(), 80, 24) else { return };
    s.wait_for("3 articles");
    s.wait_for("Cloud outage blamed");
    // The real analysis finds the changed duration; `]` jumps to it and the detail names it by
    // its label and says who says what.
    s.wait_for(" claims · ");
    s.keys(&["]"]);
    s.wait_for(" number  D");
    s.wait_for("15 hours");
    s.keys(&["Enter"]);
    s.wait_for("CLAIM");
    s.wait_for("reference");
    s.keys(&["Escape", "c"]);
    s.wait_for("CLAIMS");
    s.keys(&["Escape"]);
    s.wait_for("COMPARE");
    Command::new("tmux").args(["resize-window", "-t", &s.name, "-x", "24", "-y", "6"]).status().unwrap();
    s.wait_for("too small");
    Command::new("tmux").args(["resize-window", "-t", &s.name, "-x", "50", "-y", "20"]).status().unwrap();
    s.wait_for("COMPARE");
    s.keys(&["q"]);
    assert_eq!(s.exit_status(), 0);
}

/// Issue 15: each ending signal restores the terminal and exits with 128 + the signal.
#[test]
fn sigterm_sighup_sigint_and_sigquit_restore_the_terminal_and_exit_128_plus_the_signal() {
    for (signal, number) in [("TERM", 15), ("HUP", 1), ("INT", 2), ("QUIT", 3)] {
        let Some(s) = Session::start(&format!("sig{signal}"), "", 100, 30) else { return };
        s.wait_for("COMPARE");
        let child = s.parallax_pid();
        Command::new("kill").args([&format!("-{signal}"), &child]).status().unwrap();
        assert_eq!(s.exit_status(), 128 + number, "SIG{signal}");
        let after = s.screen();
        assert!(!after.contains("COMPARE"), "SIG{signal} left the reader's screen:\n{after}");
    }
}

/// Issue #6: Ctrl-Z gives the terminal back to the shell as a stopped job; `fg` brings the
/// reader back where it was, redrawn and taking single keys again.
#[test]
fn issue_6_ctrl_z_suspends_and_fg_resumes() {
    let Some(s) = Session::shell("suspend", 120, 36) else { return };
    s.wait_for("px$");
    s.keys(&["-l", env!("CARGO_BIN_EXE_parallax")]);
    s.keys(&["Enter"]);
    s.wait_for(" claims · ");
    s.wait_for("COMPARE");
    s.keys(&["j", "j"]);
    s.wait_for("article 1 · passage 3/");
    s.keys(&["C-z"]);
    let stopped = s.wait_for("Stopped");
    assert!(!stopped.contains("COMPARE"), "the reader's screen stayed up:\n{stopped}");
    s.keys(&["-l", "fg"]);
    s.keys(&["Enter"]);
    s.wait_for("COMPARE");
    s.wait_for("article 1 · passage 3/");
    // Raw mode is back: one key acts at once, without Enter.
    s.keys(&["j"]);
    s.wait_for("article 1 · passage 4/");
    s.keys(&["q"]);
    s.keys(&["-l", &format!("echo $? > {}", s.status_file.display())]);
    s.keys(&["Enter"]);
    assert_eq!(s.exit_status(), 0);
}

/// Issue 15: a SIGTSTP from outside (not the ctrl-z key) gives the terminal back before the
/// process stops, and `fg` brings the reader back as after ctrl-z.
#[test]
fn an_external_sigtstp_and_fg_behave_like_ctrl_z() {
    let Some(s) = Session::shell("tstp", 120, 36) else { return };
    s.wait_for("px$");
    s.keys(&["-l", env!("CARGO_BIN_EXE_parallax")]);
    s.keys(&["Enter"]);
    s.wait_for("COMPARE");
    s.keys(&["j"]);
    s.wait_for("article 1 · passage 2/");
    let pid = s.parallax_pid();
    Command::new("kill").args(["-TSTP", &pid]).status().unwrap();
    let stopped = s.wait_for("Stopped");
    assert!(!stopped.contains("COMPARE"), "the reader's screen stayed up:\n{stopped}");
    s.keys(&["-l", "fg"]);
    s.keys(&["Enter"]);
    s.wait_for("article 1 · passage 2/");
    s.keys(&["j"]);
    s.wait_for("article 1 · passage 3/");
    s.keys(&["q"]);
    s.keys(&["-l", &format!("echo $? > {}", s.status_file.display())]);
    s.keys(&["Enter"]);
    assert_eq!(s.exit_status(), 0);
}

/// Issue 15: the start of a bracketed paste that never ends does not swallow later keys.
#[test]
fn an_unterminated_bracketed_paste_does_not_swallow_later_keys() {
    let Some(s) = Session::start("paste", "", 100, 30) else { return };
    s.wait_for("COMPARE");
    // ESC [ 2 0 0 ~ in one write, as a terminal sends it.
    let sent = Command::new("tmux")
        .args(["send-keys", "-t", &s.name, "-H", "1b", "5b", "32", "30", "30", "7e"])
        .status()
        .unwrap();
    assert!(sent.success());
    s.keys(&["j"]);
    s.wait_for("article 1 · passage 2/");
    s.keys(&["q"]);
    assert_eq!(s.exit_status(), 0);
}

/// Whether process `pid` has ended (gone, or a zombie nobody reaped).
fn process_ended(pid: &str) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        // The state follows the parenthesised command name.
        Ok(stat) => stat.rsplit_once(") ").is_some_and(|(_, rest)| rest.starts_with('Z')),
        Err(_) => true,
    }
}

/// crossterm spins on a dead tty (crossterm-rs/crossterm#793); the reader must still leave, and
/// save the note being typed.
#[test]
fn killed_tmux_session_ends_the_reader_and_keeps_the_typed_note() {
    let dir = fixture_dir();
    let Some(s) = Session::start("killed", &dir.path().display().to_string(), 120, 36) else { return };
    s.wait_for(" claims · ");
    s.wait_for("COMPARE");
    let pid = s.parallax_pid();
    s.keys(&["e"]);
    s.wait_for("Note on this passage");
    s.keys(&["-l", "typed before the hang-up"]);
    s.wait_for("typed before the hang-up");
    Command::new("tmux").args(["kill-session", "-t", &s.name]).status().unwrap();
    let deadline = Instant::now() + Duration::from_secs(2);
    while !process_ended(&pid) {
        if Instant::now() > deadline {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
            let _ = Command::new("kill").args(["-KILL", &pid]).status();
            panic!("parallax {pid} still runs 2 s after its tmux session was killed: {stat}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let file = dir.path().join(".parallax").join("annotations.json");
    let text = std::fs::read_to_string(&file).expect("annotations.json is written");
    assert!(text.contains("typed before the hang-up"), "{text}");
}

#[test]
fn annotations_survive_quit_and_reopen() {
    let dir = fixture_dir();
    let path = dir.path().display().to_string();
    {
        let Some(s) = Session::start("annotate", &path, 120, 36) else { return };
        s.wait_for(" claims · ");
        s.wait_for("COMPARE");
        // Label the second passage disputed, then write a two-line note and save it with ctrl-s.
        s.keys(&["j", "a"]);
        s.wait_for("Label this passage");
        s.keys(&["2"]);
        s.wait_for("passage labelled disputed");
        s.keys(&["e"]);
        s.wait_for("Note on this passage");
        s.keys(&["-l", "checked the logs"]);
        s.keys(&["Enter"]);
        s.keys(&["-l", "13 not 15"]);
        s.wait_for("13 not 15");
        s.keys(&["C-s"]);
        s.wait_for("note saved");
        s.keys(&["q"]);
        assert_eq!(s.exit_status(), 0);
    }
    let file = dir.path().join(".parallax").join("annotations.json");
    let text = std::fs::read_to_string(&file).expect("annotations.json is written");
    let json: serde_json::Value = serde_json::from_str(&text).expect("annotations.json parses");
    assert!(json.get("schema_version").is_some(), "{text}");
    assert!(text.contains("checked the logs\\n13 not 15"), "{text}");
    assert!(text.contains("\"disputed\""), "{text}");

    let Some(s) = Session::start("reopen", &path, 120, 36) else { return };
    s.wait_for(" claims · ");
    // The reader is back on the labelled passage, where it left off.
    s.wait_for("back where you left off: article 1 · passage 2");
    // The detail box shows the label and the note; the gutter carries the disputed mark.
    let screen = s.wait_for("✗ disputed checked the logs ⏎ 13 not 15");
    assert!(screen.lines().any(|l| l.contains("✗The outage lasted 13 hours")), "no gutter mark:\n{screen}");
    s.keys(&["A"]);
    s.wait_for("Annotations · 1 of 1");
    s.wait_for("anchored");
    s.keys(&["Escape", "q"]);
    assert_eq!(s.exit_status(), 0);
}

/// The reader takes the screen before it reads the articles, so what loading skipped is said
/// once the screen is given back, where it stays readable.
#[test]
fn load_warnings_are_printed_after_the_reader_closes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Fire at plant\nA fire shut the Dover plant on Tuesday.\n")
        .unwrap();
    std::fs::write(dir.path().join("b.txt"), "Plant fire\nThe Dover plant was shut by a fire on Tuesday.\n")
        .unwrap();
    std::fs::write(dir.path().join("c.txt"), b"\x00\x01binary\x00").unwrap();
    let Some(s) = Session::start("warnings", &dir.path().display().to_string(), 100, 30) else { return };
    let during = s.wait_for("COMPARE");
    assert!(!during.contains("warning"), "a warning was drawn over the reader:\n{during}");
    s.keys(&["q"]);
    assert_eq!(s.exit_status(), 0);
    let after = s.screen();
    assert!(after.contains("parallax: warning:") && after.contains("c.txt"), "{after}");
}

/// Issue 15: an annotations file that is a FIFO (or `/dev/zero`) neither hangs the reader nor
/// stops it answering `q`; the reason is printed once the screen is given back.
#[test]
fn a_fifo_or_device_as_the_annotations_file_does_not_hang_the_reader() {
    for plant in ["fifo", "zero"] {
        let dir = fixture_dir();
        let dot = dir.path().join(".parallax");
        std::fs::create_dir_all(&dot).unwrap();
        let file = dot.join("annotations.json");
        if plant == "fifo" {
            rustix::fs::mkfifoat(rustix::fs::CWD, &file, rustix::fs::Mode::from_raw_mode(0o600)).unwrap();
        } else {
            std::os::unix::fs::symlink("/dev/zero", &file).unwrap();
        }
        let Some(s) = Session::start(&format!("store-{plant}"), &dir.path().display().to_string(), 100, 30)
        else {
            return;
        };
        s.wait_for("COMPARE");
        s.keys(&["q"]);
        assert_eq!(s.exit_status(), 0, "{plant}");
        let after = s.screen();
        assert!(after.contains("annotations unavailable"), "{plant}: {after}");
    }
}
/// Issue 14: search finds what is there whatever the typography, lists every hit across the
/// articles, and after Enter `n`/`N` step through the hits until Esc clears the search.
#[test]
fn search_finds_text_across_typography_and_n_steps_through_the_hits() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "Outage report\nAmazon’s agent caused 13‑hour outages at the café.\nEngineers fixed it.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.txt"),
        "Amazon blamed\nAmazon's agent caused 13 hours of downtime at the cafe.\nThe company disagreed.\n",
    )
    .unwrap();
    let Some(s) = Session::start("search", dir.path().to_str().unwrap(), 120, 36) else { return };
    s.wait_for("2 articles");
    s.keys(&["/"]);
    s.wait_for("SEARCH");
    s.keys(&["amazon's agent caused 13 hours"]);
    let screen = s.wait_for("result 1/2 across every article");
    assert!(screen.contains("A1 ¶2") && screen.contains("A2 ¶2"), "both hits are listed:\n{screen}");
    s.keys(&["C-u", "CAFE"]);
    s.wait_for("result 1/2 across every article");
    s.keys(&["Enter"]);
    s.wait_for("n / N next and previous");
    s.keys(&["n"]);
    s.wait_for("result 2/2");
    s.keys(&["n"]);
    s.wait_for("result 1/2 (wrapped)");
    s.keys(&["N"]);
    s.wait_for("result 2/2 (wrapped)");
    s.keys(&["Escape"]);
    s.wait_for("search cleared");
    s.keys(&["q"]);
    assert_eq!(s.exit_status(), 0);
}

/// Issue 14: reopening a corpus returns to where the reader left off, and `r` marks a claim
/// reviewed, counted in the header, after a reopen too.
#[test]
fn reopening_returns_where_the_reader_left_off_with_its_review_progress() {
    let dir = fixture_dir();
    let path = dir.path().to_str().unwrap();
    let Some(s) = Session::start("resume", path, 120, 36) else { return };
    s.wait_for("0/2 claims reviewed");
    s.keys(&["j", "j", "j"]);
    s.wait_for("article 1 · passage 4/");
    s.keys(&["r"]);
    s.wait_for("1/2 claims reviewed");
    s.keys(&["q"]);
    assert_eq!(s.exit_status(), 0);
    drop(s);
    let Some(s) = Session::start("resume2", path, 120, 36) else { return };
    s.wait_for("back where you left off: article 1 · passage 4");
    s.wait_for("article 1 · passage 4/");
    s.wait_for("1/2 claims reviewed");
    s.keys(&["q"]);
    assert_eq!(s.exit_status(), 0);
}

/// Issue 14: `V` opens the article in `$PAGER` at the passage, the path after `--`, never
/// through a shell, and the reader resumes afterwards; the bundled corpus opens as a read-only
/// temporary copy.
#[test]
fn the_pager_opens_the_article_at_the_passage_and_the_reader_resumes() {
    let dir = fixture_dir();
    let out = dir.path().join("pager-args");
    let pager = dir.path().join("pager.sh");
    // The fake pager records its arguments and the file's mode (root may write anything).
    std::fs::write(
        &pager,
        format!("#!/bin/sh\nprintf '%s\\n' \"$@\" > {o}\nfor f; do :; done\nstat -c mode=%a \"$f\" >> {o}\nhead -c 6 \"$f\" >> {o}\n", o = out.display()),
    )
    .unwrap();
    std::process::Command::new("chmod").arg("+x").arg(&pager).status().unwrap();
    let env = format!("PAGER='{} --flag'", pager.display());
    for (tag, corpus) in
        [("pager", dir.path().to_str().unwrap().to_string()), ("pager-bundled", String::new())]
    {
        let _ = std::fs::remove_file(&out);
        let Some(s) = Session::start_with(tag, &env, &corpus, 120, 36) else { return };
        s.wait_for("COMPARE");
        s.keys(&["j", "V"]);
        s.wait_for("back from");
        s.wait_for("COMPARE");
        let args = std::fs::read_to_string(&out).unwrap();
        let lines: Vec<&str> = args.lines().collect();
        assert_eq!(lines[0], "--flag", "{args}");
        assert!(lines[1].starts_with('+') && lines[2] == "--", "{args}");
        if corpus.is_empty() {
            assert!(args.contains("mode=400"), "the bundled copy is read-only: {args}");
            assert!(lines[3].contains("parallax-"), "a temporary copy: {args}");
            assert!(!std::path::Path::new(lines[3]).exists(), "removed afterwards: {args}");
        } else {
            assert!(lines[3].ends_with("1-ledger.md"), "{args}");
        }
        s.keys(&["q"]);
        assert_eq!(s.exit_status(), 0);
    }
}

/// ctrl-c typed in the pager `V` opened is the pager's key: the pager ends, the reader stays
/// (also past the watchdog's grace period) and quits normally later.
#[test]
fn ctrl_c_in_the_pager_ends_the_pager_not_the_reader() {
    let dir = fixture_dir();
    let pager = dir.path().join("pager.sh");
    // A pager that waits until ctrl-c, as less does.
    std::fs::write(
        &pager,
        "#!/bin/sh\ntrap 'exit 0' INT\necho pager-waiting\nwhile :; do sleep 0.05; done\n",
    )
    .unwrap();
    std::process::Command::new("chmod").arg("+x").arg(&pager).status().unwrap();
    // An interactive shell with job control, as a user has: ctrl-c reaches the reader's
    // process group (the reader and its pager), not the shell.
    let Some(s) = Session::shell("pager-ctrl-c", 120, 36) else { return };
    s.wait_for("px$");
    let command =
        format!("PAGER='{}' {} {}", pager.display(), env!("CARGO_BIN_EXE_parallax"), dir.path().display());
    s.keys(&["-l", &command]);
    s.keys(&["Enter"]);
    s.wait_for("COMPARE");
    s.keys(&["V"]);
    s.wait_for("pager-waiting");
    s.keys(&["C-c"]);
    s.wait_for("back from");
    // The watchdog would have ended the process GRACE (3 s) after a signal it took as ending.
    std::thread::sleep(Duration::from_millis(3500));
    s.keys(&["j"]);
    s.wait_for("passage 2/");
    s.keys(&["q"]);
    s.keys(&["-l", &format!("echo $? > {}", s.status_file.display())]);
    s.keys(&["Enter"]);
    assert_eq!(s.exit_status(), 0);
}

/// Issue 14: the configuration file remaps keys (dispatch, help and footer follow) and picks
/// the light theme.
#[test]
fn the_config_file_remaps_keys_and_the_help_follows() {
    let dir = fixture_dir();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "theme = \"light\"\n[keys]\nquit = \"Q ctrl-c\"\nnext_passage = \"j ctrl-e\"\n")
        .unwrap();
    let env = format!("PARALLAX_CONFIG='{}'", config.display());
    let Some(s) = Session::start_with("config", &env, dir.path().to_str().unwrap(), 120, 36) else { return };
    s.wait_for("COMPARE");
    s.keys(&["C-e"]);
    s.wait_for("article 1 · passage 2/");
    s.keys(&["?"]);
    s.wait_for("j ctrl-e              next passage");
    s.keys(&["G"]);
    s.wait_for("Q ctrl-c");
    s.keys(&["Escape", "q"]);
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(s.screen().contains("COMPARE"), "q is no longer quit:\n{}", s.screen());
    s.keys(&["Q"]);
    assert_eq!(s.exit_status(), 0);
}
/// Presses Tab in the claim view until the status line shows `wanted` (at most `max` times).
fn tab_until(s: &Session, wanted: &str, max: usize) {
    for _ in 0..max {
        s.keys(&["Tab"]);
        std::thread::sleep(Duration::from_millis(150));
        if s.screen().contains(wanted) {
            return;
        }
    }
    panic!("Tab never selected `{wanted}`; the screen was:\n{}", s.screen());
}

#[test]
fn corrections_survive_quit_and_reopen() {
    let dir = fixture_dir();
    let path = dir.path().display().to_string();
    {
        let Some(s) = Session::start("correct", &path, 120, 36) else { return };
        s.wait_for(" claims · ");
        s.wait_for("COMPARE");
        // Link: the ledger's outage sentence, then the wire's last passage (in no claim).
        s.keys(&["j", "L"]);
        s.wait_for("A1 ¶2 picked to link");
        s.keys(&["Tab", "G", "L"]);
        s.wait_for("A1 ¶2 and A2 ¶5 linked by you");
        // In its claim: dismiss a discrepancy, then detach the Tokyo wording.
        s.keys(&["Enter"]);
        s.wait_for("CLAIM");
        s.wait_for("linked by you");
        tab_until(&s, "selected · d dismisses it", 4);
        s.keys(&["d"]);
        s.wait_for("dismissed by you · u undoes");
        tab_until(&s, "A3 ¶2 selected", 12);
        s.keys(&["d"]);
        s.wait_for("A3 ¶2 detached by you · u undoes");
        // `q` in a sub-screen goes back; in Compare it quits.
        s.keys(&["q"]);
        s.wait_for("COMPARE");
        s.keys(&["q"]);
        assert_eq!(s.exit_status(), 0);
    }
    let file = dir.path().join(".parallax").join("annotations.json");
    let text = std::fs::read_to_string(&file).expect("annotations.json is written");
    let stored: serde_json::Value = serde_json::from_str(&text).expect("annotations.json parses");
    let kinds: Vec<&str> = stored["corrections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["action"]["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["link", "dismiss", "detach"], "{text}");

    // The command line applies them too.
    let out = support::parallax().args(["align", "--json", &path]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let claim = v["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["members"].as_array().unwrap().iter().any(|m| m["corrected_by_user"] == "linked"))
        .expect("a linked member");
    assert!(
        claim["members"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["article"] == "1-ledger.md" && m["passage"] == 1)
    );
    assert_eq!(claim["detached"], serde_json::json!([{"article": "3-tokyo.md", "passage": 1}]));
    assert!(v["discrepancies"].as_array().unwrap().iter().any(|d| d["dismissed"].is_object()), "{v:#}");

    // Reopened (at the top: where the reader left off is another test's), the reader shows all
    // three.
    std::fs::remove_file(dir.path().join(".parallax").join("annotations.position.json")).unwrap();
    let Some(s) = Session::start("recorrect", &path, 120, 36) else { return };
    s.wait_for(" claims · ");
    s.keys(&["j", "Enter"]);
    s.wait_for("CLAIM");
    s.wait_for("linked by you");
    s.wait_for("dismissed by you");
    s.wait_for("Detached by you");
    s.wait_for("Nikkei Digest ¶2: The disruption lasted 13 hours");
    s.keys(&["q"]);
    s.wait_for("COMPARE");
    s.keys(&["q"]);
    assert_eq!(s.exit_status(), 0);
}

/// A note that cannot be saved never traps the reader in the editor: leaving keeps it in a
/// private file, and quitting prints it and exits 1.
#[test]
fn a_note_that_cannot_be_saved_is_kept_printed_and_the_exit_is_1() {
    let dir = fixture_dir();
    let path = dir.path().display().to_string();
    let Some(s) = Session::start("unsaved", &path, 120, 36) else { return };
    s.wait_for(" claims · ");
    s.keys(&["j", "e"]);
    s.wait_for("Note on this passage");
    s.keys(&["-l", "a note with nowhere to go"]);
    s.wait_for("nowhere to go");
    // The annotations file becomes a folder: every save now fails.
    std::fs::create_dir_all(dir.path().join(".parallax").join("annotations.json")).unwrap();
    s.keys(&["C-s"]);
    s.wait_for("Esc again keeps it in a file");
    s.keys(&["Escape"]);
    s.wait_for("kept in");
    s.keys(&["q"]);
    assert_eq!(s.exit_status(), 1);
    let after = s.wait_for("could not be saved");
    assert!(after.contains("a note with nowhere to go"), "{after}");
    let kept: Vec<_> = std::fs::read_dir(dir.path().join(".parallax"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains(".unsaved-"))
        .collect();
    assert_eq!(kept.len(), 1, "{after}");
    assert!(std::fs::read_to_string(&kept[0]).unwrap().ends_with("note:\na note with nowhere to go"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&kept[0]).unwrap().permissions().mode() & 0o777, 0o600);
    }
}
