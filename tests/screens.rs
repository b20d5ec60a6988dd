//! Screen tests: the reader drawn into ratatui's TestBackend at 120×36 and 80×24, on a
//! hand-made fixture (independent of the aligner) and on the bundled corpus. Text snapshots
//! lose colour, so the styles of the highlighted cells are asserted too.
#![allow(clippy::unwrap_used)]

use parallax::Analysis;
use parallax::corpus::Corpus;
use parallax::tui::app::{App, Screen};
use parallax::tui::theme::Theme;
use parallax::tui::{fixture, update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier};

fn app_on(analysis: Analysis, w: u16, h: u16) -> App {
    let mut app = App::new(analysis, Rect::new(0, 0, w, h));
    app.theme = Theme::new(true);
    update::sync(&mut app);
    app
}

fn fixture_app(w: u16, h: u16) -> App {
    app_on(fixture::analysis(), w, h)
}

fn draw(app: &App) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(app.size.width, app.size.height)).unwrap();
    t.draw(|f| view::render(app, f)).unwrap();
    t
}

/// The first cell where `needle` starts, scanning rows top to bottom, only in columns `cols`.
fn find(buf: &Buffer, needle: &str, cols: std::ops::Range<u16>) -> Option<(u16, u16)> {
    for y in 0..buf.area.height {
        let cells: Vec<&str> = cols.clone().map(|x| buf[(x, y)].symbol()).collect();
        let row: String = cells.concat();
        if let Some(i) = row.find(needle) {
            // Map the byte offset back to a cell.
            let mut off = 0;
            for (k, s) in cells.iter().enumerate() {
                if off == i {
                    return Some((cols.start + k as u16, y));
                }
                off += s.len();
            }
        }
    }
    None
}

macro_rules! snap {
    ($name:expr, $app:expr) => {{
        let t = draw(&$app);
        insta::assert_snapshot!($name, t.backend());
        t
    }};
}

const SIZES: [(u16, u16); 2] = [(120, 36), (80, 24)];

#[test]
fn compare_on_a_passage_with_discrepancies() {
    for (w, h) in SIZES {
        let mut app = fixture_app(w, h);
        app.press("j").unwrap();
        let t = snap!(format!("compare_fixture_{w}x{h}"), app);
        let buf = t.backend().buffer();
        // The changed number is loud on both sides, and not by colour alone.
        let half = w / 2;
        let (x, y) = find(buf, "13", 0..half).unwrap();
        let c = &buf[(x, y)];
        assert_eq!(c.bg, Color::Red);
        assert!(c.modifier.contains(Modifier::BOLD));
        let (x, y) = find(buf, "15", half..w).unwrap();
        let c = &buf[(x, y)];
        assert_eq!(c.bg, Color::Cyan);
        assert!(c.modifier.contains(Modifier::BOLD));
        // An equal word is plain (bold only because it is the selected passage).
        let (x, y) = find(buf, "lasted", 0..half).unwrap();
        assert_eq!(buf[(x, y)].bg, Color::Reset);
        // The gutter marks the number discrepancy in reverse video.
        let (x, y) = find(buf, "#", 0..6).unwrap();
        assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
    }
}

#[test]
fn compare_focus_right_and_other_article() {
    let mut app = fixture_app(120, 36);
    app.press("j j Tab 3").unwrap();
    snap!("compare_fixture_right_tokyo_120x36", app);
}

#[test]
fn compare_unmatched_passage() {
    let mut app = fixture_app(120, 36);
    app.press("Tab G").unwrap();
    snap!("compare_fixture_unmatched_120x36", app);
}

#[test]
fn claim_view() {
    for (w, h) in SIZES {
        let mut app = fixture_app(w, h);
        app.press("j Enter").unwrap();
        assert_eq!(app.screen, Screen::Claim);
        let t = snap!(format!("claim_fixture_{w}x{h}"), app);
        let buf = t.backend().buffer();
        let (x, y) = find(buf, "15 hours on", 0..w).unwrap();
        assert_eq!(buf[(x, y)].bg, Color::Cyan);
        // Who says what on each member, and the version that disagrees.
        let text = format!("{}", t.backend());
        assert!(text.contains("D1 15 hours"), "{text}");
    }
}

/// A passage in two claims: the detail box says so and names the key, `m` makes the other
/// claim the current one, and in both panes the part outside the current claim's matched span
/// is dimmer and never bold.
#[test]
fn a_passage_in_two_claims_shows_the_current_ones_matched_part() {
    let dim = |buf: &Buffer, word: &str, cols: std::ops::Range<u16>| {
        let (x, y) = find(buf, word, cols).unwrap();
        let m = buf[(x, y)].modifier;
        assert_eq!(m.contains(Modifier::DIM), !m.contains(Modifier::BOLD), "{word}: {m:?}");
        m.contains(Modifier::DIM)
    };
    let mut app = fixture_app(120, 36);
    app.press("j").unwrap();
    let t = draw(&app);
    let text = format!("{}", t.backend());
    assert!(text.contains("claim 1 · passage in 2 claims (m: next)"), "{text}");
    assert!(text.contains("also in C4"), "{text}");
    let buf = t.backend().buffer();
    for cols in [0..60, 60..120] {
        assert!(dim(buf, "engineers", cols.clone()), "outside claim 1's span");
        assert!(!dim(buf, "lasted", cols), "inside claim 1's span");
    }
    app.press("m").unwrap();
    let t = snap!("compare_fixture_second_claim_120x36", app);
    let text = format!("{}", t.backend());
    assert!(text.contains("claim 4 · passage in 2 claims (m: next)"), "{text}");
    assert!(text.contains("No discrepancy: the articles agree on this claim."), "{text}");
    let buf = t.backend().buffer();
    for cols in [0..60, 60..120] {
        assert!(!dim(buf, "engineers", cols.clone()), "inside claim 4's span");
        assert!(dim(buf, "lasted", cols), "outside claim 4's span");
    }
    // The claim view shows the matched part the same way.
    app.press("Enter").unwrap();
    let t = draw(&app);
    let (x, y) = find(t.backend().buffer(), "The outage lasted 13", 0..120).unwrap();
    assert!(t.backend().buffer()[(x, y)].modifier.contains(Modifier::DIM));
    let (x, y) = find(t.backend().buffer(), "according to engineers", 0..120).unwrap();
    assert!(!t.backend().buffer()[(x, y)].modifier.contains(Modifier::DIM));
}

/// The strong style is on what the legend promises and nothing else: in the scope pair the
/// numbers stand out, the words replaced around them are only underlined.
#[test]
fn strong_changes_are_numbers_dates_negations_names_and_quotations_only() {
    let strong = |buf: &Buffer, word: &str, cols: std::ops::Range<u16>| {
        let (x, y) = find(buf, word, cols).unwrap();
        matches!(buf[(x, y)].bg, Color::Red | Color::Cyan)
    };
    let underlined = |buf: &Buffer, word: &str, cols: std::ops::Range<u16>| {
        let (x, y) = find(buf, word, cols).unwrap();
        buf[(x, y)].modifier.contains(Modifier::UNDERLINED)
    };
    let mut app = fixture_app(120, 36);
    app.press("j").unwrap();
    let t = draw(&app);
    let buf = t.backend().buffer();
    assert!(strong(buf, "Monday", 0..60) && strong(buf, "Tuesday", 60..120));
    assert!(!strong(buf, "hours", 0..60) && !strong(buf, "hours", 60..120));
    app.press("j j").unwrap();
    let t = draw(&app);
    let buf = t.backend().buffer();
    assert!(strong(buf, "two", 0..60) && strong(buf, "39", 60..120));
    for (word, cols) in [("restored", 0..60), ("came back", 60..120)] {
        assert!(!strong(buf, word, cols.clone()) && underlined(buf, word, cols), "{word}");
    }
}

/// `]` on a passage whose article agrees with the other pane's puts a disagreeing article there.
#[test]
fn discrepancy_key_shows_a_disagreeing_article() {
    let mut app = fixture_app(120, 36);
    app.press("3 Tab 1 Tab ]").unwrap();
    let t = snap!("compare_fixture_disagreeing_120x36", app);
    let text = format!("{}", t.backend());
    assert!(text.contains("2 AI tool caused cloud outage"), "the Wire (15 hours) on the right: {text}");
    assert!(text.contains("D1 13 hours: A1, A3 · 15 hours: A2"), "{text}");
}

#[test]
fn overview() {
    for (w, h) in SIZES {
        let mut app = fixture_app(w, h);
        app.press("o").unwrap();
        let t = snap!(format!("overview_fixture_{w}x{h}"), app);
        let buf = t.backend().buffer();
        let (x, y) = find(buf, "◆", 0..w).unwrap();
        assert!(buf[(x, y)].modifier.contains(Modifier::BOLD));
        assert_eq!(buf[(x, y)].bg, Color::Yellow);
    }
    let mut app = fixture_app(120, 36);
    app.press("o s").unwrap();
    snap!("overview_fixture_by_disagreement_120x36", app);
}

/// The overview shows every article, a window of columns at a time: h/l scroll by one, H/L by a
/// page, and the title says which articles are on screen.
#[test]
fn overview_scrolls_sideways_through_a_thousand_articles() {
    let mut app = app_on(fixture::many(1000, 40), 120, 36);
    app.press("o").unwrap();
    let t = snap!("overview_many_120x36", app);
    let text = format!("{}", t.backend());
    let count = view::layout::overview_columns(&app).count;
    assert!(count > 9, "a 120-column screen has room for more than 9 article columns: {count}");
    assert!(text.contains(&format!("articles 1–{count} of 1000 (h/l)")), "{text}");
    app.press("l l →").unwrap();
    let text = format!("{}", draw(&app).backend());
    assert!(text.contains(&format!("articles 4–{} of 1000", count + 3)), "{text}");
    app.press("h").unwrap();
    assert_eq!(view::layout::overview_columns(&app).first, 2);
    app.press("L").unwrap();
    assert_eq!(view::layout::overview_columns(&app).first, 2 + count);
    // Paging right stops with the last article in the last column.
    for _ in 0..1000 / count + 1 {
        app.press("L").unwrap();
    }
    let t = snap!("overview_many_end_120x36", app);
    let text = format!("{}", t.backend());
    assert!(text.contains(&format!("articles {}–1000 of 1000", 1001 - count)), "{text}");
    // Article 1000 (index 999) is silent on claims c with (999 + c) % 5 == 0; the first row is
    // claim 1 (c = 0), which it reports: the last column of that row is a dot of presence.
    let buf = t.backend().buffer();
    let (x, y) = find(buf, " 999 1000", 0..120).unwrap();
    let cell = &buf[(x + 8, y + 1)];
    assert_eq!(cell.symbol(), "●", "{text}");
    app.press("H").unwrap();
    assert_eq!(view::layout::overview_columns(&app).first, 1000 - 2 * count);
    // Disagreeing members (article numbers 1, 8, 15, …: index % 7 == 0) are marked and styled.
    app.press("g").unwrap();
    for _ in 0..1000 {
        app.press("H").unwrap();
    }
    let t = draw(&app);
    let buf = t.backend().buffer();
    let (x, y) = find(buf, "◆", 0..120).unwrap();
    assert_eq!(buf[(x, y)].bg, Color::Yellow);
}

/// A claim of 240 members scrolls by pages; the title counts them and the page shows whole
/// member blocks diffed against the reference.
#[test]
fn claim_view_with_hundreds_of_members() {
    let mut app = app_on(fixture::many(300, 4), 120, 36);
    app.press("l j Enter J J").unwrap();
    let t = snap!("claim_many_members_120x36", app);
    let text = format!("{}", t.backend());
    assert!(text.contains("Claim 1 of 4 · 240 of 300 articles"), "{text}");
    app.press("G").unwrap();
    let text = format!("{}", draw(&app).backend());
    assert!(text.contains("296 Outlet 296 tells the story"), "{text}");
}

#[test]
fn claims_list_filtered() {
    for (w, h) in SIZES {
        let mut app = fixture_app(w, h);
        app.press("c").unwrap();
        app.type_text("regns");
        snap!(format!("claims_fixture_{w}x{h}"), app);
    }
}

#[test]
fn search_in_progress() {
    for (w, h) in SIZES {
        let mut app = fixture_app(w, h);
        app.press("/").unwrap();
        app.type_text("regions");
        let t = snap!(format!("search_fixture_{w}x{h}"), app);
        let buf = t.backend().buffer();
        let (x, y) = find(buf, "regions", 0..w / 2).unwrap();
        assert_eq!(buf[(x, y)].bg, Color::Yellow);
        assert!(buf[(x, y)].modifier.contains(Modifier::UNDERLINED));
    }
}

/// The row of the buffer at the terminal cursor, and the cursor's column; `None` when the
/// screen has no cursor.
fn cursor(t: &Terminal<TestBackend>) -> Option<(String, u16)> {
    let b = t.backend();
    let Position { x, y } = b.cursor_position();
    let row = (0..b.buffer().area.width).map(|x| b.buffer()[(x, y)].symbol()).collect();
    b.cursor_visible().then_some((row, x))
}

/// Every input line edits at its cursor, by grapheme, and the terminal cursor stands where the
/// next character goes, counted in display columns.
#[test]
fn inputs_edit_at_the_terminal_cursor() {
    let mut app = fixture_app(120, 36);
    app.press("/").unwrap();
    app.type_text("regons");
    app.press("← ← ←").unwrap();
    app.type_text("i");
    assert_eq!(app.search.query.text(), "regions");
    let (row, x) = cursor(&draw(&app)).expect("a cursor in the search input");
    assert!(row.starts_with(" SEARCH  /regions  result"), "{row}");
    assert_eq!(x, 14, "after “/regi”: {row}");
    // The claims filter: wide characters take two columns; Home and Delete edit its start.
    app.press("Enter c").unwrap();
    app.type_text("x東京");
    app.press("←").unwrap();
    let (row, x) = cursor(&draw(&app)).expect("a cursor in the claims filter");
    assert!(row.starts_with("┃filter x東"), "{row}");
    assert_eq!(x, 1 + 7 + 3, "after “x東”: {row}");
    app.press("Home Delete").unwrap();
    assert_eq!(app.claims.filter.text(), "東京");
    // Nothing is typed on the Compare screen: no cursor.
    app.press("Esc").unwrap();
    assert_eq!(cursor(&draw(&app)), None);
}

#[test]
fn help_overlay() {
    for (w, h) in SIZES {
        let mut app = fixture_app(w, h);
        app.press("?").unwrap();
        snap!(format!("help_fixture_{w}x{h}"), app);
    }
}

#[test]
fn narrow_terminal_shows_one_pane() {
    let mut app = fixture_app(50, 20);
    app.press("j").unwrap();
    snap!("compare_fixture_50x20", app);
    app.press("Tab").unwrap();
    snap!("compare_fixture_50x20_right", app);
}

#[test]
fn tiny_terminal_says_so() {
    let app = fixture_app(20, 5);
    let t = snap!("too_small_20x5", app);
    let text = format!("{}", t.backend());
    assert!(text.contains("too small"), "{text}");
}

#[test]
fn single_article_says_there_is_nothing_to_compare() {
    let corpus = Corpus::from_texts([("only.md", fixture::LEDGER)]);
    let mut app = app_on(Analysis::from_parts(corpus, vec![], vec![]), 80, 24);
    app.press("j Tab l Enter").unwrap();
    snap!("single_article_80x24", app);
}

#[test]
fn analysing_screen_is_readable_at_once() {
    let corpus = fixture::analysis().corpus;
    let mut app = App::analysing(corpus, Rect::new(0, 0, 80, 24));
    app.theme = Theme::new(true);
    update::sync(&mut app);
    app.press("j j").unwrap();
    snap!("analysing_80x24", app);
}

#[test]
fn no_color_keeps_differences_visible() {
    let mut app = fixture_app(120, 36);
    app.theme = Theme::new(false);
    app.press("j").unwrap();
    let t = draw(&app);
    let buf = t.backend().buffer();
    for y in 0..36 {
        for x in 0..120 {
            let c = &buf[(x, y)];
            assert_eq!((c.fg, c.bg), (Color::Reset, Color::Reset), "colour at {x},{y}");
        }
    }
    let (x, y) = find(buf, "13", 0..60).unwrap();
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED | Modifier::BOLD));
}

/// The bundled corpus through the real analysis. Discrepancy detection depends on the word
/// diff's wall-clock deadline, so under load its count can change by one: the parts that show
/// discrepancies (counts, gutter kind marks, the detail box, ◆ cells) are redacted here; the
/// fixture snapshots above pin them exactly.
#[test]
fn bundled_corpus_screens() {
    let analysis = parallax::pipeline::analyse_default(parallax::bundled::corpus());
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(r"\d+ discrepancies", "[n] discrepancies");
    settings.add_filter(r"([┃│][▌ ][0-9+ ])[#DQ!@S] ", "$1~ ");
    settings.add_filter(r#"(?m)^"│[^│┃]*│"$"#, r#""│ [detail box redacted] │""#);
    settings.add_filter("◆", "●");
    settings.add_filter(r"(\d+/\d+) +(?:\d+! +)?", "$1 [d]  ");
    settings.bind(|| {
        let app = app_on(analysis.clone(), 120, 36);
        snap!("bundled_compare_120x36", app);
        let mut app = app_on(analysis.clone(), 80, 24);
        app.press("n").unwrap();
        snap!("bundled_compare_80x24", app);
        // Claim order: the row order does not depend on the discrepancies.
        let mut app = app_on(analysis.clone(), 120, 36);
        app.press("o s s").unwrap();
        snap!("bundled_overview_120x36", app);
    });
}

#[test]
fn resizing_keeps_the_selection_visible() {
    let mut app = fixture_app(120, 36);
    app.press("G").unwrap();
    for (w, h) in [(80, 24), (40, 10), (10, 3), (200, 60), (61, 12)] {
        update::update(&mut app, parallax::tui::action::Action::Resize { width: w, height: h });
        let t = draw(&app);
        let text = format!("{}", t.backend());
        if w >= 30 && h >= 8 {
            assert!(text.contains("▌"), "selection hidden at {w}x{h}:\n{text}");
        }
    }
}

/// The README's key table is generated from the keymap: `parallax::tui::keymap_markdown()`
/// pasted between `<!-- keys:start -->` and `<!-- keys:end -->`. This fails when they drift.
#[test]
fn readme_key_table_matches_the_keymap() {
    let generated = parallax::tui::keymap_markdown();
    // `cargo test --test screens readme -- --nocapture` prints the table to paste.
    println!("{generated}");
    for key in ["`j`", "`PgDn`", "`]`", "`Tab`", "`1`–`9`", "`Enter`", "`/`", "`?`", "`Esc`", "`q`"] {
        assert!(generated.contains(key), "{key} missing from the key table:\n{generated}");
    }
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md exists");
    let (Some(start), Some(end)) = (readme.find("<!-- keys:start -->"), readme.find("<!-- keys:end -->"))
    else {
        panic!("README.md has no <!-- keys:start --> / <!-- keys:end --> markers");
    };
    let section = readme[start + "<!-- keys:start -->".len()..end].trim();
    assert_eq!(
        section,
        generated.trim(),
        "README.md's key table is out of date: paste parallax::tui::keymap_markdown() between the markers"
    );
}

#[test]
fn kept_search_highlights_and_hints_its_keys() {
    let mut app = fixture_app(120, 36);
    app.press("/").unwrap();
    app.type_text("regions");
    app.press("Enter k").unwrap();
    let t = snap!("search_kept_fixture_120x36", app);
    let text = format!("{}", t.backend());
    assert!(text.contains("n/N result"), "after a search n/N step through its results: {text}");
    let buf = t.backend().buffer();
    let (x, y) = find(buf, "regions", 60..120).unwrap();
    assert_eq!(buf[(x, y)].bg, Color::Yellow);
}

/// Issue 14: ctrl-r reads the search as a regular expression; one that does not parse says why
/// in the list of results, and a good one lists its hits.
#[test]
fn regex_search_lists_hits_or_says_why_not() {
    let mut app = fixture_app(80, 24);
    app.press("/ ctrl-r").unwrap();
    app.type_text("(");
    let t = snap!("search_regex_error_80x24", app);
    assert!(format!("{}", t.backend()).contains("not a regular expression"));
    app.press("ctrl-u").unwrap();
    app.type_text(r"\d+ regions");
    let t = snap!("search_regex_80x24", app);
    let text = format!("{}", t.backend());
    assert!(text.contains("regex · result 1/1"), "{text}");
}

/// A long pseudo-random walk over every bound key, mouse events and resizes, drawing after
/// each step: nothing panics and the screen always has its status line.
#[test]
fn random_walk_never_panics() {
    use parallax::tui::action::Action;
    use parallax::tui::keymap::KEYMAP;
    for analysis in [
        fixture::analysis(),
        Analysis::from_parts(Corpus::from_texts([("a.md", fixture::LEDGER)]), vec![], vec![]),
    ] {
        let mut app = app_on(analysis, 100, 30);
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
        for step in 0..500 {
            let r = next();
            let action = match r % 20 {
                0 => Action::Resize { width: (r >> 8) as u16 % 160 + 5, height: (r >> 20) as u16 % 50 + 3 },
                1 => Action::Click { column: (r >> 8) as u16 % 100, row: (r >> 20) as u16 % 30 },
                2 => Action::Scroll {
                    column: (r >> 8) as u16 % 100,
                    row: (r >> 20) as u16 % 30,
                    delta: if r & 1 == 0 { 3 } else { -3 },
                },
                3 => Action::Input(['a', 'o', ' ', '東', 'z'][(r >> 8) as usize % 5]),
                _ => {
                    let b = &KEYMAP[(r >> 8) as usize % KEYMAP.len()];
                    if b.action == Action::Quit { Action::Back } else { b.action }
                }
            };
            update::update(&mut app, action);
            let (w, h) = (app.size.width, app.size.height);
            terminal.backend_mut().resize(w, h);
            terminal.resize(Rect::new(0, 0, w, h)).unwrap();
            terminal.draw(|f| view::render(&app, f)).unwrap();
            if w >= 30 && h >= 8 {
                let text = format!("{}", terminal.backend());
                let badge = [
                    "COMPARE",
                    "CLAIM",
                    "OVERVIEW",
                    "CLAIMS",
                    "SEARCH",
                    "HELP",
                    "ANNOTATIONS",
                    "LABEL",
                    "NOTE",
                    "TAGS",
                    "ARTICLES",
                ];
                assert!(badge.iter().any(|b| text.contains(b)), "step {step} ({action:?}):\n{text}");
            }
        }
    }
}

/// Issue 14: `p` picks any article, beyond the nine the number keys reach, filtered as typed.
#[test]
fn the_article_picker_reaches_every_article() {
    let texts: Vec<(String, String)> = (1..=12)
        .map(|i| {
            (
                format!("story_{i}.txt"),
                format!("Outlet {i} on the flood\nThe river rose {i} metres on Monday.\n"),
            )
        })
        .collect();
    let corpus = Corpus::from_texts(texts.iter().map(|(a, b)| (a.as_str(), b.as_str())));
    let mut app = app_on(Analysis::from_parts(corpus, vec![], vec![]), 80, 24);
    app.press("p").unwrap();
    snap!("article_picker_80x24", app);
    app.type_text("outlet 12");
    assert_eq!(app.picked_articles(), [11]);
    app.press("Enter").unwrap();
    assert_eq!(app.overlay, None);
    assert_eq!(app.compare.articles[app.compare.focus.index()], 11);
    app.press("p").unwrap();
    app.type_text("no such outlet");
    let t = snap!("article_picker_empty_80x24", app);
    assert!(format!("{}", t.backend()).contains("No article's number, title"));
}

/// Issue 14: `/` in the help searches the help: the match is marked and the footer counts them.
#[test]
fn the_help_searches_itself() {
    let mut app = fixture_app(80, 24);
    app.press("? /").unwrap();
    app.type_text("suspend");
    let t = snap!("help_search_80x24", app);
    let text = format!("{}", t.backend());
    assert!(text.contains("HELP /") && text.contains("/suspend"), "{text}");
    assert!(text.contains("ctrl-z"), "scrolled to the match: {text}");
}
