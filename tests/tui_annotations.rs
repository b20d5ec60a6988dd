//! The annotation keys of the reader (issue 4): state-machine tests on the hand-made fixture
//! with a store in a temp folder, screen snapshots of the picker, the editor and the list, and
//! the style of the gutter mark.
#![allow(clippy::unwrap_used)]

use parallax::annotate::{Label, Store};
use parallax::tui::app::{App, ClaimFilter, Overlay, Screen};
use parallax::tui::theme::Theme;
use parallax::tui::{fixture, update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier};

fn app_with_store(dir: &std::path::Path, w: u16, h: u16) -> App {
    let mut app = App::new(fixture::analysis(), Rect::new(0, 0, w, h));
    app.theme = Theme::new(true);
    app.attach_store(Store::open_at(dir.join("annotations.json")).unwrap());
    update::sync(&mut app);
    app
}

fn reopen(dir: &std::path::Path) -> Store {
    let mut s = Store::open_at(dir.join("annotations.json")).unwrap();
    s.reanchor(&fixture::analysis());
    s
}

fn draw(app: &App) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(app.size.width, app.size.height)).unwrap();
    t.draw(|f| view::render(app, f)).unwrap();
    t
}

fn status(app: &App) -> String {
    app.status.as_ref().map(|s| s.text.clone()).unwrap_or_default()
}

#[test]
fn a_labels_the_selected_passage_and_saves_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_store(dir.path(), 120, 36);
    app.press("j a").unwrap();
    assert_eq!(app.overlay, Some(Overlay::Picker));
    // Keys outside the picker do nothing (q does not quit).
    app.press("q j").unwrap();
    assert!(!app.quit);
    app.press("2").unwrap();
    assert_eq!(app.overlay, None);
    assert_eq!(status(&app), "passage labelled disputed");
    let at = app.at(app.compare.focus);
    assert!(app.notes.marks.contains_key(&at));
    // Saved before the key returned.
    let s = reopen(dir.path());
    let all = s.annotations();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].label, Some(Label::Disputed));
    // Labelling again changes the label; Esc in the picker changes nothing.
    app.press("a 4").unwrap();
    app.press("a Esc").unwrap();
    let s = reopen(dir.path());
    assert_eq!(s.annotations().len(), 1);
    assert_eq!(s.annotations()[0].label, Some(Label::Important));
}

#[test]
fn e_edits_a_multiline_note_ctrl_s_saves_and_esc_asks_before_discarding() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_store(dir.path(), 120, 36);
    app.press("j e").unwrap();
    assert!(matches!(app.overlay, Some(Overlay::Note(_))));
    // Command keys are typed into the note.
    app.type_text("q to check");
    app.press("Enter").unwrap();
    app.type_text("line two");
    app.press("Left Backspace").unwrap();
    match &app.overlay {
        Some(Overlay::Note(ed)) => assert_eq!(ed.input.text(), "q to check\nline to"),
        o => panic!("{o:?}"),
    }
    // Esc on a changed note asks before discarding it; n goes on editing.
    app.press("Esc").unwrap();
    assert!(matches!(&app.overlay, Some(Overlay::Note(ed)) if ed.confirm_discard));
    insta::assert_snapshot!("annotate_editor_discard_120x36", draw(&app).backend());
    app.press("n").unwrap();
    assert!(
        matches!(&app.overlay, Some(Overlay::Note(ed)) if !ed.confirm_discard && ed.input.text() == "q to check\nline to")
    );
    app.press("ctrl-s").unwrap();
    assert_eq!(app.overlay, None);
    assert_eq!(status(&app), "note saved");
    assert_eq!(reopen(dir.path()).annotations()[0].note, "q to check\nline to");
    // y discards: nothing is saved.
    app.press("e").unwrap();
    app.type_text(" lost");
    app.press("Esc y").unwrap();
    assert_eq!((app.overlay.clone(), status(&app)), (None, "note discarded".to_string()));
    assert_eq!(reopen(dir.path()).annotations()[0].note, "q to check\nline to");
    // An unchanged note just closes.
    app.press("e Esc").unwrap();
    assert_eq!(app.overlay, None);
    // Opening again starts from the saved note; ctrl-s saves too.
    app.press("e").unwrap();
    app.type_text("!");
    app.press("ctrl-s").unwrap();
    assert_eq!(reopen(dir.path()).annotations()[0].note, "q to check\nline to!");
    // The detail box shows label and note of the selection.
    let lines = view::panes::annotation_lines(&app);
    assert_eq!(lines.len(), 1);
    assert!(lines[0].to_string().contains("q to check ⏎ line to!"), "{}", lines[0]);
}

#[test]
fn ctrl_c_in_the_editor_saves_before_quitting() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_store(dir.path(), 120, 36);
    app.press("e").unwrap();
    app.type_text("do not lose me");
    app.press("ctrl-c").unwrap();
    assert!(app.quit);
    assert_eq!(reopen(dir.path()).annotations()[0].note, "do not lose me");
}

#[test]
fn issue_6_ctrl_z_in_the_editor_keeps_the_note_open() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_store(dir.path(), 120, 36);
    app.press("e").unwrap();
    app.type_text("half a note");
    app.press("ctrl-z").unwrap();
    assert!(app.suspend);
    assert!(matches!(app.overlay, Some(Overlay::Note(_))), "the editor stays open");
    app.suspend = false;
    app.type_text(", then the rest");
    app.press("ctrl-s").unwrap();
    assert_eq!(reopen(dir.path()).annotations()[0].note, "half a note, then the rest");
}

#[test]
fn t_adds_tags_x_deletes_u_undoes() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_store(dir.path(), 120, 36);
    app.press("t").unwrap();
    app.type_text("numbers, check , numbers");
    app.press("Enter").unwrap();
    assert_eq!(reopen(dir.path()).annotations()[0].tags, ["numbers", "check"]);
    app.press("x").unwrap();
    assert!(reopen(dir.path()).annotations().is_empty());
    assert!(app.notes.marks.is_empty());
    app.press("u").unwrap();
    assert_eq!(status(&app), "undone · ctrl-r redoes");
    assert_eq!(reopen(dir.path()).annotations().len(), 1);
    assert!(!app.notes.marks.is_empty());
    app.press("ctrl-r").unwrap();
    assert_eq!(status(&app), "redone");
    assert!(reopen(dir.path()).annotations().is_empty());
    app.press("ctrl-r").unwrap();
    assert_eq!(status(&app), "nothing to redo");
    app.press("u").unwrap();
    app.press("x").unwrap();
    app.press("x").unwrap();
    assert_eq!(status(&app), "no annotation here to delete");
}

#[test]
fn a_in_the_claim_view_labels_the_whole_claim() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_store(dir.path(), 120, 36);
    app.press("j Enter").unwrap();
    assert_eq!(app.screen, Screen::Claim);
    let claim = app.claim.id.unwrap();
    app.press("a 1").unwrap();
    assert_eq!(status(&app), "claim labelled verified");
    let s = reopen(dir.path());
    assert!(s.annotations()[0].target.is_claim());
    // Every member passage carries the mark.
    for m in &app.analysis.claims[claim].members {
        assert!(app.notes.marks.contains_key(&m.at), "{:?}", m.at);
    }
    // The claims list and the overview filter by label (after "unreviewed").
    app.press("Esc c Tab Tab").unwrap();
    assert_eq!(app.notes.claim_filter, ClaimFilter::Label(Label::Verified));
    assert_eq!(app.claims.matches.iter().map(|m| m.claim).collect::<Vec<_>>(), [claim]);
    app.press("Esc o f").unwrap();
    assert_eq!(app.notes.claim_filter, ClaimFilter::Label(Label::Disputed));
    assert!(app.overview.rows.is_empty());
    for _ in 0..4 {
        app.press("f").unwrap();
    }
    assert_eq!(app.notes.claim_filter, ClaimFilter::All);
    assert_eq!(app.overview.rows.len(), app.analysis.claims.len());
}

#[test]
fn the_list_filters_by_label_and_text_and_jumps() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_store(dir.path(), 120, 36);
    app.press("j a 2 j j a 5 t").unwrap();
    app.type_text("later");
    app.press("Enter g").unwrap();
    assert_eq!(app.compare.selected[0], 0);
    app.press("A").unwrap();
    assert_eq!(app.overlay, Some(Overlay::Annotations));
    assert_eq!(parallax::tui::notes::rows(&app).len(), 2);
    // Tab cycles the label filter: all → verified → disputed → … → question → all.
    app.press("Tab").unwrap();
    assert_eq!(parallax::tui::notes::rows(&app).len(), 0, "nothing is verified");
    app.press("Tab").unwrap();
    assert_eq!(parallax::tui::notes::rows(&app).len(), 1, "one is disputed");
    app.press("Tab Tab Tab Tab").unwrap();
    assert_eq!(parallax::tui::notes::rows(&app).len(), 2, "every label again");
    // Digits are typed into the text filter, as every other character.
    app.press("5").unwrap();
    assert_eq!((app.annotations.filter.text(), parallax::tui::notes::rows(&app).len()), ("5", 0));
    app.press("Backspace").unwrap();
    app.type_text("late");
    let rows = parallax::tui::notes::rows(&app);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].label, Some(Label::Question));
    app.press("Enter").unwrap();
    assert_eq!(app.overlay, None);
    assert_eq!(app.compare.selected[app.compare.focus.index()], 3);
}

#[test]
fn a_read_only_store_says_why_and_edits_do_not_pretend() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("annotations.json"), "{ not json").unwrap();
    let mut app = app_with_store(dir.path(), 120, 36);
    let s = app.status.clone().unwrap();
    assert!(s.error);
    assert!(app.notes.unavailable.as_deref().unwrap().contains("read-only"), "{:?}", app.notes.unavailable);
    for k in ["a", "e", "t", "x", "u"] {
        app.press(k).unwrap();
        assert_eq!(app.overlay, None, "{k}");
        assert!(status(&app).starts_with("cannot save annotations"), "{k}: {}", status(&app));
    }
    // The bad file is untouched.
    assert_eq!(std::fs::read_to_string(dir.path().join("annotations.json")).unwrap(), "{ not json");
}

#[test]
fn a_failed_save_keeps_the_typed_note() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_store(dir.path(), 120, 36);
    app.press("e").unwrap();
    app.type_text("precious");
    // The folder becomes a file: the save cannot happen.
    std::fs::remove_dir_all(dir.path()).unwrap();
    std::fs::write(dir.path(), "x").unwrap();
    app.press("ctrl-s").unwrap();
    match &app.overlay {
        Some(Overlay::Note(ed)) => assert_eq!(ed.input.text(), "precious"),
        o => panic!("the editor closed: {o:?}"),
    }
    assert!(app.status.as_ref().unwrap().error);
    assert!(status(&app).contains("still in the editor"), "{}", status(&app));
    // The editor can always be left: Esc again closes it, and the note is kept for the exit.
    app.press("Esc").unwrap();
    assert_eq!(app.overlay, None);
    assert!(status(&app).contains("printed when you quit"), "{}", status(&app));
    let unsaved = parallax::tui::notes::finish(&mut app);
    assert_eq!(unsaved.len(), 1);
    assert!(unsaved[0].contains("not saved") && unsaved[0].ends_with("note:\nprecious"), "{unsaved:?}");
    std::fs::remove_file(dir.path()).unwrap();
}

#[test]
fn quitting_with_a_note_that_cannot_be_saved_keeps_it_in_a_private_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_store(dir.path(), 120, 36);
    app.press("e").unwrap();
    app.type_text("keep me");
    // The annotations file turns into a folder: the save fails, the folder beside it is fine.
    std::fs::create_dir(dir.path().join("annotations.json")).unwrap();
    app.press("ctrl-c").unwrap();
    assert!(app.quit, "quitting is never refused");
    let unsaved = parallax::tui::notes::finish(&mut app);
    assert_eq!(unsaved.len(), 1, "{unsaved:?}");
    let kept: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains(".unsaved-"))
        .collect();
    assert_eq!(kept.len(), 1, "{unsaved:?}");
    assert!(std::fs::read_to_string(&kept[0]).unwrap().ends_with("note:\nkeep me"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&kept[0]).unwrap().permissions().mode() & 0o777, 0o600);
    }
}

#[test]
fn a_busy_file_queues_the_change_says_so_and_saves_it_when_free() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_store(dir.path(), 120, 36);
    // Another parallax holds the lock (flock, as the store takes it).
    let lock = std::fs::File::create(dir.path().join("annotations.json.lock")).unwrap();
    lock.lock().unwrap();
    let t = std::time::Instant::now();
    app.press("a 2").unwrap();
    assert!(t.elapsed() < std::time::Duration::from_secs(2), "the key did not freeze the reader");
    assert_eq!(status(&app), parallax::annotate::store::BUSY_RETRYING);
    assert_eq!(app.notes.retry.len(), 1);
    assert!(reopen(dir.path()).annotations().is_empty());
    // Still held at the next idle moment: still queued.
    parallax::tui::notes::retry(&mut app);
    assert_eq!(app.notes.retry.len(), 1);
    lock.unlock().unwrap();
    parallax::tui::notes::retry(&mut app);
    assert!(app.notes.retry.is_empty());
    assert!(status(&app).starts_with("saved"), "{}", status(&app));
    assert_eq!(reopen(dir.path()).annotations()[0].label, Some(Label::Disputed));
    assert!(parallax::tui::notes::finish(&mut app).is_empty());
}

/// The editor wraps by display width: a line of CJK and emoji twice as wide as the box shows
/// whole, on two rows, with the cursor after its last character.
#[test]
fn the_note_editor_wraps_wide_characters_by_width() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_store(dir.path(), 80, 24);
    app.press("e").unwrap();
    let line = "東京の会議は十三時間続いた😀".repeat(4);
    app.type_text(&line);
    let t = draw(&app);
    insta::assert_snapshot!("annotate_editor_wide_80x24", t.backend());
    let buf = t.backend().buffer();
    let rows: Vec<String> = (0..buf.area.height)
        .map(|y| (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect::<String>())
        .collect();
    let inside: String = rows
        .iter()
        .filter(|r| r.contains('東') || r.contains('続'))
        .map(|r| r.trim_matches(|c| c == '│' || c == '┃' || c == ' ').replace(' ', ""))
        .collect();
    assert_eq!(inside, line, "{rows:#?}");
    // The terminal cursor is on the blank cell right after the last emoji, on the second row.
    assert!(t.backend().cursor_visible());
    let Position { x, y } = t.backend().cursor_position();
    assert_eq!(buf[(x, y)].symbol(), " ");
    assert_eq!(buf[(x - 2, y)].symbol(), "😀");
    assert!(rows[usize::from(y)].contains('東'), "{rows:#?}");
    assert!(rows[usize::from(y) - 1].contains('東'), "the line takes two rows: {rows:#?}");
}

#[test]
fn screens_of_the_picker_editor_and_list() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_store(dir.path(), 80, 24);
    app.press("j a").unwrap();
    insta::assert_snapshot!("annotate_picker_80x24", draw(&app).backend());
    app.press("2 e").unwrap();
    app.type_text("Ledger says 13 hours,");
    app.press("Enter").unwrap();
    app.type_text("Wire says 15.");
    insta::assert_snapshot!("annotate_editor_80x24", draw(&app).backend());
    app.press("ctrl-s t").unwrap();
    app.type_text("numbers");
    let t = draw(&app);
    insta::assert_snapshot!("annotate_tags_80x24", t.backend());
    // The terminal cursor stands after the typed tags.
    let Position { x, y } = t.backend().cursor_position();
    assert!(t.backend().cursor_visible());
    let row: String = (0..80).map(|x| t.backend().buffer()[(x, y)].symbol()).collect();
    let start = row.find("tags numbers").unwrap();
    assert_eq!(usize::from(x), row[..start].chars().count() + "tags numbers".len(), "{row}");
    app.press("Enter").unwrap();
    insta::assert_snapshot!("annotate_marked_80x24", draw(&app).backend());
    app.press("A").unwrap();
    insta::assert_snapshot!("annotate_list_80x24", draw(&app).backend());
}

#[test]
fn the_gutter_mark_is_bold_and_coloured_and_reads_without_colour() {
    let dir = tempfile::tempdir().unwrap();
    for color in [true, false] {
        let mut app = app_with_store(dir.path(), 120, 36);
        app.theme = Theme::new(color);
        if color {
            app.press("j a 2").unwrap();
        }
        let t = draw(&app);
        let buf = t.backend().buffer();
        // Left pane: border at x 0, gutter x 1..5; the mark is the gutter's last column.
        let (x, y) = (0..buf.area.height)
            .find_map(|y| (buf[(4, y)].symbol() == "✗").then_some((4u16, y)))
            .expect("no mark in the gutter");
        let c = &buf[(x, y)];
        assert!(c.modifier.contains(Modifier::BOLD));
        if color {
            assert_eq!(c.fg, Color::Magenta);
        } else {
            assert_eq!(c.fg, Color::Reset);
        }
        // Only the annotated passage is marked.
        let marks = (0..buf.area.height).filter(|&y| buf[(4, y)].symbol() == "✗").count();
        assert_eq!(marks, 1);
    }
}

#[test]
fn random_keys_with_a_store_never_panic_and_the_file_stays_valid() {
    use parallax::tui::action::Action;
    use parallax::tui::keymap::KEYMAP;
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_store(dir.path(), 100, 30);
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    for _ in 0..400 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let r = seed;
        let action = match r % 10 {
            0 => Action::Input(['a', 'e', '\n', '東', 'x', ','][(r >> 8) as usize % 6]),
            1 => [Action::Annotate, Action::EditNote, Action::AddTags, Action::Undo][(r >> 8) as usize % 4],
            _ => {
                let b = &KEYMAP[(r >> 8) as usize % KEYMAP.len()];
                if b.action == Action::Quit { Action::Back } else { b.action }
            }
        };
        update::update(&mut app, action);
        terminal.draw(|f| view::render(&app, f)).unwrap();
    }
    let file = dir.path().join("annotations.json");
    if file.exists() {
        let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        assert!(v.get("schema_version").is_some());
    }
}

/// Issue 14: a claim is reviewed once labelled or marked with `r`; the header counts them, the
/// lists show only the unreviewed ones on request, and the marks survive a reopen.
#[test]
fn review_progress_is_counted_filtered_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_store(dir.path(), 120, 36);
    let total = app.analysis.claims.len();
    let header =
        |app: &App| format!("{}", draw(app).backend()).lines().next().unwrap_or_default().to_string();
    assert!(header(&app).contains(&format!("0/{total} claims reviewed")), "{}", header(&app));
    // `r` in Compare marks the claim being read.
    app.press("j r").unwrap();
    let first = app.current_claim().unwrap();
    assert_eq!(app.notes.reviewed.iter().copied().collect::<Vec<_>>(), [first]);
    assert!(status(&app).contains(&format!("reviewed · 1/{total} claims reviewed")), "{}", status(&app));
    // Labelling a claim in the claim view reviews it too.
    app.press("n n Enter a 2").unwrap();
    let second = app.claim.id.unwrap();
    assert_ne!(first, second);
    assert!(header(&app).contains(&format!("2/{total} claims reviewed")), "{}", header(&app));
    // `r` marks it as well, and again unmarks: the labelled claim stays reviewed by its label.
    app.press("r r").unwrap();
    assert!(app.notes.reviewed.contains(&second), "{}", status(&app));
    assert!(status(&app).contains("still reviewed by its label"), "{}", status(&app));
    // The claims list shows only the rest on request.
    app.press("Esc c Tab").unwrap();
    assert_eq!(app.notes.claim_filter, ClaimFilter::Unreviewed);
    let left: Vec<usize> = app.claims.matches.iter().map(|m| m.claim).collect();
    assert_eq!(left.len(), total - 2);
    assert!(!left.contains(&first) && !left.contains(&second));
    let t = draw(&app);
    insta::assert_snapshot!("review_unreviewed_claims_120x36", t.backend());
    // A second reader on the same store sees the same progress.
    let again = app_with_store(dir.path(), 120, 36);
    assert_eq!(again.notes.reviewed, app.notes.reviewed);
    assert!(reopen(dir.path()).annotations().iter().any(|a| a.reviewed));
}

/// Issue 14: the label picker, the note editor and the tag input never cover the passage they
/// act on, wherever it is on the screen.
#[test]
fn popups_leave_the_passage_they_act_on_in_sight() {
    for (w, h) in [(80, 24), (120, 36)] {
        let dir = tempfile::tempdir().unwrap();
        let mut app = app_with_store(dir.path(), w, h);
        for step in 0..5 {
            let at = app.at(app.compare.focus);
            let text = app.analysis.text(at).to_string();
            let words: String = text.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
            for key in ["a", "e", "t"] {
                app.press(key).unwrap();
                let screen = format!("{}", draw(&app).backend());
                assert!(screen.contains(&words), "{w}x{h} passage {step} `{key}` hides “{words}”:\n{screen}");
                app.press("Esc").unwrap();
                if key == "t" || key == "e" {
                    // Esc on an empty input saves nothing; the undo stack stays empty.
                    assert!(app.overlay.is_none());
                }
            }
            app.press("j").unwrap();
        }
    }
}

/// The header's two ends never run together, at any width: the review count is dropped or
/// shortened before it touches the position.
#[test]
fn the_header_keeps_a_space_between_review_progress_and_the_position() {
    let dir = tempfile::tempdir().unwrap();
    for w in 40..=160 {
        let app = app_with_store(dir.path(), w, 30);
        let t = draw(&app);
        let buf = t.backend().buffer();
        let line: String = (0..w).map(|x| buf[(x, 0)].symbol().to_string()).collect();
        for end in ["reviewed", "disc.", "discrepancies"] {
            if let Some(at) = line.find(end) {
                let next = line[at + end.len()..].chars().next();
                assert!(next.is_none_or(|c| c == ' '), "width {w}: {line:?}");
            }
        }
    }
}
