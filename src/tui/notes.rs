//! The annotation keys (issue 4): label picker, note editor, tag input, delete, undo and the
//! list of every annotation. Called from [`super::update::update`]; every edit goes through
//! [`crate::annotate::Store`], which saves before it returns. If a save fails the editor keeps
//! the typed text and the status line says why.

use super::action::Action;
use super::app::{App, Editor, Overlay, Screen, Status};
use crate::analysis::PassageRef;
use crate::annotate::{Annotation, Change, Label, Status as AnchorStatus, Target};

/// What the annotation keys act on now, and how to name it in messages.
pub fn target(app: &App) -> Option<(Target, &'static str)> {
    match app.screen {
        Screen::Claim => {
            let c = app.claim?;
            Target::claim(&app.analysis, c).map(|t| (t, "claim"))
        }
        _ => Target::passage(&app.analysis.corpus, app.at(app.focus)).map(|t| (t, "passage")),
    }
}

/// The annotation stored on exactly the current target, if any.
pub fn current(app: &App) -> Option<&Annotation> {
    let store = app.notes.store.as_ref()?;
    let (t, _) = target(app)?;
    store.find(&t)
}

/// Annotations shown on the selection: the passage's own and its claims' (or the claim's, in
/// the claim view).
pub fn shown(app: &App) -> Vec<&Annotation> {
    let Some(store) = app.notes.store.as_ref() else { return Vec::new() };
    match app.screen {
        Screen::Claim => app.claim.map(|c| store.for_claim(c)).unwrap_or_default(),
        _ => store.at_passage(&app.analysis, app.at(app.focus)),
    }
}

fn say(app: &mut App, text: impl Into<String>) {
    app.status = Some(Status { text: text.into(), error: false });
}

fn warn(app: &mut App, text: impl Into<String>) {
    app.status = Some(Status { text: text.into(), error: true });
}

/// Why nothing can be saved now, if so: no store, or a read-only one.
fn cannot_save(app: &App) -> Option<String> {
    match &app.notes.store {
        None => Some(app.notes.unavailable.clone().unwrap_or_else(|| "annotations are not available".into())),
        Some(s) => s.read_only().map(|ro| format!("cannot save annotations: {}", ro.reason)),
    }
}

/// Applies `change` to the current target and saves. `Err` holds the message for the status
/// line; nothing was kept.
fn apply(app: &mut App, change: Change) -> Result<Option<String>, String> {
    if let Some(why) = cannot_save(app) {
        return Err(why);
    }
    let (t, _) = target(app).ok_or_else(|| "nothing selected to annotate".to_string())?;
    let store = app.notes.store.as_mut().ok_or_else(|| "annotations are not available".to_string())?;
    let r = store.apply(&t, change).map_err(|e| format!("not saved: {e}"));
    app.refresh_lists();
    r
}

/// The annotation keys of Compare and the claim view.
pub fn on_selection(app: &mut App, action: Action) {
    match action {
        Action::Annotate | Action::EditNote | Action::AddTags => {
            if let Some(why) = cannot_save(app) {
                warn(app, why);
                return;
            }
            if target(app).is_none() {
                warn(app, "nothing selected to annotate");
                return;
            }
            app.overlay = Some(match action {
                Action::Annotate => Overlay::Picker,
                Action::EditNote => Overlay::Note(Editor::new(current(app).map_or("", |a| a.note.as_str()))),
                _ => Overlay::Tags(String::new()),
            });
        }
        Action::DeleteAnnotation => {
            if let Some(why) = cannot_save(app) {
                warn(app, why);
                return;
            }
            let id = current(app).or_else(|| shown(app).into_iter().next()).map(|a| a.id.clone());
            match id {
                Some(id) => delete(app, &id),
                None => warn(app, "no annotation here to delete"),
            }
        }
        Action::Undo => undo(app),
        Action::OpenAnnotations => {
            app.overlay = Some(Overlay::Annotations);
            app.notes.list = Default::default();
            if let Some(why) = &app.notes.unavailable {
                let why = why.clone();
                warn(app, why);
            }
        }
        _ => {}
    }
}

fn delete(app: &mut App, id: &str) {
    let Some(store) = app.notes.store.as_mut() else { return };
    let r = store.delete(id);
    app.refresh_lists();
    match r {
        Ok(()) => say(app, "annotation deleted · u undoes"),
        Err(e) => warn(app, format!("not deleted: {e}")),
    }
}

fn undo(app: &mut App) {
    if let Some(why) = cannot_save(app) {
        warn(app, why);
        return;
    }
    let Some(store) = app.notes.store.as_mut() else { return };
    let r = store.undo();
    app.refresh_lists();
    match r {
        Ok(Some(_)) => say(app, "undone"),
        Ok(None) => say(app, "nothing to undo"),
        Err(e) => warn(app, format!("not undone: {e}")),
    }
}

/// Keys while an overlay is open.
pub fn on_overlay(app: &mut App, action: Action) {
    let Some(overlay) = app.overlay.clone() else { return };
    match overlay {
        Overlay::Picker => match action {
            Action::PickLabel(k) => {
                let label = if k == 0 { None } else { Label::from_key(char::from(b'0' + k)) };
                match apply(app, Change::Label(label)) {
                    Ok(_) => {
                        app.overlay = None;
                        let what = target(app).map_or("passage", |t| t.1);
                        match label {
                            Some(l) => say(app, format!("{what} labelled {l}")),
                            None => say(app, "label cleared"),
                        }
                    }
                    Err(e) => {
                        app.overlay = None;
                        warn(app, e);
                    }
                }
            }
            Action::Back => app.overlay = None,
            _ => {}
        },
        Overlay::Note(mut ed) => {
            match action {
                Action::Input(c) => ed.insert(c),
                Action::Newline => ed.insert('\n'),
                Action::Backspace => ed.backspace(),
                Action::CursorLeft => ed.left(),
                Action::CursorRight => ed.right(),
                Action::CursorHome => ed.home(),
                Action::CursorEnd => ed.end(),
                Action::SaveInput | Action::Quit => {
                    save_note(app, ed);
                    if action == Action::Quit && app.overlay.is_none() {
                        app.quit = true;
                    }
                    return;
                }
                _ => {}
            }
            app.overlay = Some(Overlay::Note(ed));
        }
        Overlay::Tags(mut text) => {
            match action {
                Action::Input(c) => text.push(c),
                Action::Backspace => {
                    text.pop();
                }
                Action::ClearInput => text.clear(),
                Action::SaveInput | Action::Quit => {
                    save_tags(app, text);
                    if action == Action::Quit && app.overlay.is_none() {
                        app.quit = true;
                    }
                    return;
                }
                _ => {}
            }
            app.overlay = Some(Overlay::Tags(text));
        }
        Overlay::Annotations => list(app, action),
    }
}

/// Saves the note; on failure the editor stays open with the text.
fn save_note(app: &mut App, ed: Editor) {
    if ed.text == ed.original {
        app.overlay = None;
        return;
    }
    match apply(app, Change::Note(ed.text.clone())) {
        Ok(_) => {
            app.overlay = None;
            say(app, if ed.text.trim().is_empty() { "note cleared · u undoes" } else { "note saved" });
        }
        Err(e) => {
            app.overlay = Some(Overlay::Note(ed));
            warn(app, format!("{e} (your text is still in the editor)"));
        }
    }
}

fn save_tags(app: &mut App, text: String) {
    let tags = crate::annotate::clean_tags([text.clone()]);
    if tags.is_empty() {
        app.overlay = None;
        return;
    }
    match apply(app, Change::AddTags(tags.clone())) {
        Ok(_) => {
            app.overlay = None;
            say(app, format!("tagged {}", tags.join(", ")));
        }
        Err(e) => {
            app.overlay = Some(Overlay::Tags(text));
            warn(app, format!("{e} (your tags are still in the input)"));
        }
    }
}

/// One row of the annotation list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub id: String,
    pub label: Option<Label>,
    pub tags: Vec<String>,
    pub quote: String,
    pub note: String,
    pub status: AnchorStatus,
    pub claim: bool,
}

/// The rows of the annotation list after its label and text filters, oldest first.
pub fn rows(app: &App) -> Vec<Row> {
    let Some(store) = &app.notes.store else { return Vec::new() };
    let q = app.notes.list_query.trim().to_lowercase();
    store
        .filter(app.notes.list_label, None)
        .into_iter()
        .map(|a| Row {
            id: a.id.clone(),
            label: a.label,
            tags: a.tags.clone(),
            quote: a.target.anchors().first().map(|x| x.quote.clone()).unwrap_or_default(),
            note: a.note.clone(),
            status: store.placement(&a.id).map_or(AnchorStatus::Orphaned, |p| p.status),
            claim: a.target.is_claim(),
        })
        .filter(|r| {
            q.is_empty()
                || r.tags.iter().any(|t| t.to_lowercase().contains(&q))
                || r.note.to_lowercase().contains(&q)
                || r.quote.to_lowercase().contains(&q)
        })
        .collect()
}

fn list(app: &mut App, action: Action) {
    let rows = rows(app);
    let h = super::view::annotations::list_height(app);
    match action {
        Action::Down | Action::Up | Action::PageDown | Action::PageUp => {
            super::update::move_list(&mut app.notes.list, rows.len(), h, action);
        }
        Action::ToggleLabel(k) => {
            let l = Label::from_key(char::from(b'0' + k));
            app.notes.list_label = if app.notes.list_label == l { None } else { l };
            app.notes.list = Default::default();
        }
        Action::Input(c) => {
            app.notes.list_query.push(c);
            app.notes.list = Default::default();
        }
        Action::Backspace => {
            app.notes.list_query.pop();
            app.notes.list = Default::default();
        }
        Action::ClearInput => {
            app.notes.list_query.clear();
            app.notes.list = Default::default();
        }
        Action::DeleteAnnotation => {
            if let Some(why) = cannot_save(app) {
                warn(app, why);
                return;
            }
            if let Some(r) = rows.get(app.notes.list.selected) {
                let id = r.id.clone();
                delete(app, &id);
                let n = self::rows(app).len();
                app.notes.list.selected = app.notes.list.selected.min(n.saturating_sub(1));
            }
        }
        Action::Confirm => {
            let Some(r) = rows.get(app.notes.list.selected) else {
                warn(app, "no annotation matches");
                return;
            };
            let at: Option<PassageRef> =
                app.notes.store.as_ref().and_then(|s| s.passage_of(&app.analysis, &r.id));
            match at {
                Some(at) => {
                    app.overlay = None;
                    app.screen = Screen::Compare;
                    super::update::goto(app, at);
                }
                None => warn(app, "this annotation is orphaned: its words are no longer in the article"),
            }
        }
        Action::Back => app.overlay = None,
        _ => {}
    }
}

/// The one-letter gutter mark of a label (readable without colour).
pub fn mark(label: Option<Label>) -> char {
    match label {
        Some(Label::Verified) => '✓',
        Some(Label::Disputed) => '✗',
        Some(Label::Misleading) => '!',
        Some(Label::Important) => '★',
        Some(Label::Question) => '?',
        None => '✎',
    }
}
