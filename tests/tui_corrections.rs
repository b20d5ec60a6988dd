//! The correction keys of the reader (issue 14): Tab selects, `d` detaches or dismisses, `L`
//! links; each saved at once, undone and redone like an annotation change, and shown in the
//! claim view ("linked by you", "detached by you", "dismissed by you", "the latest wins").
//! State-machine tests on the hand-made fixture with a store in a temp folder, and snapshots.
#![allow(clippy::unwrap_used)]

use parallax::annotate::{Action, Store};
use parallax::tui::app::{App, Screen};
use parallax::tui::query::ClaimItem;
use parallax::tui::theme::Theme;
use parallax::tui::{fixture, update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

fn app_with_store(dir: &std::path::Path) -> App {
    let mut app = App::new(fixture::analysis(), Rect::new(0, 0, 120, 36));
    app.theme = Theme::new(false);
    app.attach_store(Store::open_at(dir.join("annotations.json")).unwrap());
    update::sync(&mut app);
    app
}

fn stored(dir: &std::path::Path) -> Vec<&'static str> {
    let store = Store::open_at(dir.join("annotations.json")).unwrap();
    store.corrections().iter().map(|c| c.action.name()).collect()
}

fn status(app: &App) -> String {
    app.status.as_ref().map(|s| s.text.clone()).unwrap_or_default()
}

fn screen(app: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(app.size.width, app.size.height)).unwrap();
    t.draw(|f| view::render(app, f)).unwrap();
    format!("{}", t.backend())
}

/// Passages of the claim shown in the claim view.
fn members(app: &App) -> Vec<parallax::PassageRef> {
    app.analysis.claims[app.claim.id.unwrap()].members.iter().map(|m| m.at).collect()
}

#[test]
fn d_detaches_the_selected_wording_and_u_takes_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_store(dir.path());
    app.press("j Enter").unwrap();
    assert_eq!(app.screen, Screen::Claim);
    let before = members(&app);
    assert_eq!(before.len(), 3, "the fixture's first claim is told by all three");
    // Tab goes through the discrepancies, then the wordings.
    let discrepancies = app.analysis.discrepancies_of_claim(app.claim.id.unwrap()).count();
    for _ in 0..discrepancies + 2 {
        app.press("Tab").unwrap();
    }
    let Some(ClaimItem::Member(gone)) = app.claim.selected else { panic!("{:?}", app.claim.selected) };
    assert!(status(&app).contains("selected · d detaches"), "{}", status(&app));
    app.press("d").unwrap();
    assert!(status(&app).ends_with("detached by you · u undoes"), "{}", status(&app));
    assert_eq!(stored(dir.path()), ["detach"]);
    assert!(!members(&app).contains(&gone));
    assert_eq!(members(&app).len(), 2);
    let text = screen(&app);
    assert!(text.contains("Detached by you"), "{text}");
    insta::assert_snapshot!("claim_detached_120x36", text);

    app.press("u").unwrap();
    assert!(stored(dir.path()).is_empty());
    assert_eq!(members(&app), before);
    app.press("ctrl-r").unwrap();
    assert_eq!(stored(dir.path()), ["detach"]);
    assert!(!members(&app).contains(&gone));
}

#[test]
fn d_dismisses_the_selected_discrepancy_which_stays_listed() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_store(dir.path());
    app.press("j Enter Tab").unwrap();
    let Some(ClaimItem::Discrepancy(id)) = app.claim.selected else { panic!("{:?}", app.claim.selected) };
    let label = app.analysis.discrepancies[id].label();
    app.press("d").unwrap();
    assert_eq!(status(&app), format!("{label} dismissed by you · u undoes"));
    assert_eq!(stored(dir.path()), ["dismiss"]);
    assert!(app.analysis.corrected.dismissed.contains_key(&id));
    let text = screen(&app);
    assert!(text.contains("dismissed by you"), "{text}");
    insta::assert_snapshot!("claim_dismissed_120x36", text);
    // d again takes the dismissal back.
    app.press("d").unwrap();
    assert!(status(&app).ends_with("no longer dismissed · u undoes"), "{}", status(&app));
    assert!(stored(dir.path()).is_empty());
    assert!(app.analysis.corrected.dismissed.is_empty());
}

#[test]
fn l_links_two_passages_and_a_conflict_says_the_latest_wins() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_store(dir.path());
    // Compare: the left pane's passage, then the right pane's.
    let wire = app.analysis.corpus.find("2-wire.md").unwrap();
    let ledger = app.analysis.corpus.find("1-ledger.md").unwrap();
    let analysts = fixture::find(&app.analysis.corpus, wire, "Analysts said");
    assert!(app.analysis.claims_at(analysts).is_empty(), "in no claim before");
    app.press("j L").unwrap();
    let from = app.at(parallax::tui::app::Pane::Left);
    assert!(status(&app).contains("picked to link"), "{}", status(&app));
    app.press("Tab").unwrap();
    let right = app.at(parallax::tui::app::Pane::Right);
    let steps = analysts.passage.saturating_sub(right.passage);
    for _ in 0..steps {
        app.press("j").unwrap();
    }
    assert_eq!(app.at(parallax::tui::app::Pane::Right), analysts);
    app.press("L").unwrap();
    assert!(status(&app).ends_with("linked by you · u undoes"), "{}", status(&app));
    assert_eq!(stored(dir.path()), ["link"]);
    let claim = app.analysis.claims_at(analysts)[0];
    assert!(app.analysis.claims_at(from).contains(&claim));
    assert!(app.analysis.corrected.linked.contains(&(claim, analysts)));
    assert_eq!(from.article, ledger);

    // Detach it again in the claim view: the later correction wins, and the view says so.
    app.claim.id = Some(claim);
    app.screen = Screen::Claim;
    let n =
        parallax::tui::query::claim_items(&app.analysis, claim, app.claim_reference(claim).unwrap()).len();
    for _ in 0..n {
        app.press("Tab").unwrap();
        if app.claim.selected == Some(ClaimItem::Member(analysts)) {
            break;
        }
    }
    assert_eq!(app.claim.selected, Some(ClaimItem::Member(analysts)));
    let linked = screen(&app);
    assert!(linked.contains("linked by you"), "{linked}");
    insta::assert_snapshot!("claim_linked_120x36", linked);
    app.press("d").unwrap();
    assert_eq!(stored(dir.path()), ["link", "detach"]);
    assert!(app.analysis.claims_at(analysts).is_empty());
    let claim = app.claim.id.unwrap();
    assert!(app.analysis.claims[claim].members.iter().any(|m| m.at == from), "the view stays on the claim");
    let text = screen(&app);
    assert!(text.contains("the latest wins"), "{text}");
    insta::assert_snapshot!("claim_latest_wins_120x36", text);
}

#[test]
fn l_twice_on_one_passage_cancels_and_one_article_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_store(dir.path());
    app.press("j L L").unwrap();
    assert_eq!(status(&app), "link cancelled");
    app.press("L j L").unwrap();
    assert!(status(&app).contains("one article"), "{}", status(&app));
    assert!(stored(dir.path()).is_empty());
    // d with nothing selected says what to do.
    app.press("Enter d").unwrap();
    assert_eq!(status(&app), "Tab selects a wording or a discrepancy first");
}

#[test]
fn tab_scrolls_the_selected_wording_into_sight() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::new(fixture::many(12, 1), Rect::new(0, 0, 80, 14));
    app.attach_store(Store::open_at(dir.path().join("annotations.json")).unwrap());
    app.claim.id = Some(0);
    app.screen = Screen::Claim;
    update::sync(&mut app);
    assert_eq!(app.claim.scroll, 0);
    // Backwards from nothing selected: the last wording, far below the first screen.
    app.press("shift-Tab").unwrap();
    assert!(matches!(app.claim.selected, Some(ClaimItem::Member(_))), "{:?}", app.claim.selected);
    let low = app.claim.scroll;
    assert!(low > 0, "scrolled down to the selection");
    let shown = screen(&app);
    assert!(shown.contains("▶"), "the selection is on screen:\n{shown}");
    // Forwards again: the first wording, back up (below the line saying the articles agree).
    app.press("Tab").unwrap();
    assert!(app.claim.scroll < low && app.claim.scroll <= 2, "{}", app.claim.scroll);
    assert!(screen(&app).contains("▶"));
}

#[test]
fn corrections_saved_by_another_reader_are_applied_when_merged() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_store(dir.path());
    let claim = 0;
    let before = app.analysis.claims[claim].members.len();
    let mut other = Store::open_at(dir.path().join("annotations.json")).unwrap();
    let corpus = &app.analysis.corpus;
    let at = |i: usize| {
        parallax::annotate::correction::anchor_passage(corpus, app.analysis.claims[claim].members[i].at)
            .unwrap()
    };
    let (member, others) = (at(0), vec![at(1), at(2)]);
    other.correct(Action::Detach { member, others }).unwrap();
    assert!(app.notes.store.as_mut().unwrap().refresh().unwrap());
    app.apply_corrections();
    assert_eq!(app.analysis.claims[claim].members.len(), before - 1);
}
