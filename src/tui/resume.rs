//! Where the reader left off: reopening a corpus returns to it. Kept beside the annotations
//! (`annotations.json` → `annotations.position.json`), written atomically and read without
//! following a link, like them. The place is stored by anchor (the passage's words and their
//! context), never by passage number, so an edited article still finds it or, when the words
//! are gone, the reader simply starts at the top.

use std::path::{Path, PathBuf};

use super::app::{App, Pane};
use crate::annotate::Anchor;
use crate::annotate::anchor::locate;

/// A position file larger than this is not read.
const MAX_BYTES: u64 = 64 * 1024;
const SCHEMA_VERSION: u64 = 1;

#[derive(serde::Serialize, serde::Deserialize)]
struct Saved {
    schema_version: u64,
    /// The focused pane's selected passage.
    passage: Anchor,
    /// The article in the other pane.
    #[serde(default)]
    other: Option<String>,
}

/// The position file of the annotations file `store`.
pub fn path(store: &Path) -> PathBuf {
    store.with_extension("position.json")
}

/// Saves where `app` is, beside its annotations; nothing without a store.
pub fn save(app: &App) -> std::io::Result<()> {
    let Some(store) = &app.notes.store else { return Ok(()) };
    let focus = app.compare.focus;
    let at = app.at(focus);
    let Some(article) = app.analysis.corpus.articles.get(at.article) else { return Ok(()) };
    let Some(passage) = article.passages.get(at.passage).and_then(|p| Anchor::new(article, p.range())) else {
        return Ok(());
    };
    let other =
        app.analysis.corpus.articles.get(app.compare.articles[focus.other().index()]).map(|a| a.id.clone());
    let saved = Saved { schema_version: SCHEMA_VERSION, passage, other };
    let bytes = serde_json::to_vec_pretty(&saved).map_err(std::io::Error::other)?;
    crate::fs::write_atomic(&path(store.path()), &bytes)
}

/// Returns `app` to the saved position, if there is one and its passage can still be found;
/// says so on the status line. Whether it did.
pub fn restore(app: &mut App) -> bool {
    let Some(store) = &app.notes.store else { return false };
    let Ok(bytes) = crate::fs::read_capped(&path(store.path()), MAX_BYTES) else { return false };
    let Ok(saved) = serde_json::from_slice::<Saved>(&bytes) else { return false };
    if saved.schema_version != SCHEMA_VERSION {
        return false;
    }
    let corpus = &app.analysis.corpus;
    let Some(a) = corpus.find(&saved.passage.article) else { return false };
    let article = &corpus.articles[a];
    let Some((range, _)) = locate(&saved.passage, &article.text) else { return false };
    let Some(p) = article.passages.iter().position(|p| p.start <= range.start && range.start < p.end) else {
        return false;
    };
    let other = saved.other.as_deref().and_then(|id| corpus.find(id)).filter(|&o| o != a);
    app.compare.focus = Pane::Left;
    app.compare.articles[0] = a;
    app.compare.selected[0] = p;
    if let Some(o) = other {
        app.compare.articles[1] = o;
    } else if app.compare.articles[1] == a && app.comparing() {
        app.compare.articles[1] = usize::from(a == 0);
    }
    app.say(format!("back where you left off: article {} · passage {}", a + 1, p + 1));
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::fixture;
    use ratatui::layout::Rect;

    fn app_at(dir: &Path) -> App {
        let mut app = App::new(fixture::analysis(), Rect::new(0, 0, 120, 36));
        let store = crate::annotate::Store::open_at(dir.join("annotations.json")).unwrap();
        app.attach_store(store);
        app
    }

    #[test]
    fn the_reader_returns_where_it_left_off() {
        let dir = tempfile::tempdir().unwrap();
        let mut app = app_at(dir.path());
        assert!(!restore(&mut app), "nothing saved yet");
        app.press("3 j j Tab 2 Tab").unwrap();
        let here = (app.compare.articles, app.compare.selected[0]);
        save(&app).unwrap();
        assert!(dir.path().join("annotations.position.json").exists());
        let mut again = app_at(dir.path());
        assert!(restore(&mut again));
        assert_eq!((again.compare.articles, again.compare.selected[0]), here);
        assert!(again.status.as_ref().is_some_and(|s| s.text.starts_with("back where you left off")));
    }

    #[test]
    fn a_damaged_position_file_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("annotations.position.json"), "{ nope").unwrap();
        let mut app = app_at(dir.path());
        assert!(!restore(&mut app));
        assert_eq!(app.compare.selected, [0, 0]);
    }
}
