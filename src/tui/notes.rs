//! The annotation keys (issue 4): label picker, note editor, tag input, delete and undo, and
//! what the annotation screens read (the target of the keys, the list rows). Called from
//! `update`; imports no part of the view. Every edit goes through [`crate::annotate::Store`],
//! which saves before it returns. If a save fails the editor keeps the typed text and the
//! status line says why.

use super::action::Action;
use super::app::{App, Overlay, Screen};
use super::input::{Editor, LineInput};
use crate::annotate::store::BUSY_RETRYING;
use crate::annotate::{Annotation, Change, Label, Status as AnchorStatus, Store, Target};
use crate::error::Error;

/// What the annotation keys act on now, and how to name it in messages.
pub fn target(app: &App) -> Option<(Target, &'static str)> {
    match app.screen {
        Screen::Claim => {
            let c = app.claim.id?;
            Target::claim(&app.analysis, c).map(|t| (t, "claim"))
        }
        _ => Target::passage(&app.analysis.corpus, app.at(app.compare.focus)).map(|t| (t, "passage")),
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
        Screen::Claim => app.claim.id.map(|c| store.for_claim(c)).unwrap_or_default(),
        _ => store.at_passage(&app.analysis, app.at(app.compare.focus)),
    }
}

/// Why nothing can be saved now, if so: no store, or a read-only one.
pub fn cannot_save(app: &App) -> Option<String> {
    match &app.notes.store {
        None => Some(app.notes.unavailable.clone().unwrap_or_else(|| "annotations are not available".into())),
        Some(s) => s.read_only().map(|ro| format!("cannot save annotations: {}", ro.reason)),
    }
}

/// What became of a change.
enum Saved {
    Now,
    /// Another parallax holds the lock: queued, retried while the reader idles.
    Queued,
}

/// Applies `change` to the current target and saves. `Err` holds the message for the status
/// line; nothing was kept.
fn apply(app: &mut App, change: Change) -> Result<Saved, String> {
    if let Some(why) = cannot_save(app) {
        return Err(why);
    }
    let (t, _) = target(app).ok_or_else(|| "nothing selected to annotate".to_string())?;
    let store = app.notes.store.as_mut().ok_or_else(|| "annotations are not available".to_string())?;
    let r = match store.apply(&t, change.clone()) {
        Ok(_) => Ok(Saved::Now),
        Err(Error::Busy { .. }) => {
            app.notes.retry.push((t, change));
            Ok(Saved::Queued)
        }
        Err(e) => Err(format!("not saved: {e}")),
    };
    app.refresh_lists();
    r
}

/// Saves the changes that found the file busy, in order, while the reader idles; what still
/// finds it busy waits for the next idle moment.
pub fn retry(app: &mut App) {
    if app.notes.retry.is_empty() {
        return;
    }
    let Some(store) = app.notes.store.as_mut() else { return };
    let mut failed = Vec::new();
    while let Some((t, change)) = (!app.notes.retry.is_empty()).then(|| app.notes.retry.remove(0)) {
        match store.apply(&t, change.clone()) {
            Ok(_) => {}
            Err(Error::Busy { .. }) => {
                app.notes.retry.insert(0, (t, change));
                break;
            }
            Err(e) => failed.push((t, change, e.to_string())),
        }
    }
    app.refresh_lists();
    for (t, change, why) in failed {
        keep_aside(app, &t, &change, &format!("not saved: {why}"));
    }
    if app.notes.retry.is_empty() && app.notes.unsaved.is_empty() {
        app.say("saved (the annotations file was busy for a moment)");
    }
}

/// The last chance before the reader ends: saves an open note or tag input and the queued
/// changes, waiting for the lock as long as the command line would. What cannot be saved is
/// kept aside (see [`keep_aside`]). Returns what to print once the screen is given back.
pub fn finish(app: &mut App) -> Vec<String> {
    if matches!(app.overlay, Some(Overlay::Note(_) | Overlay::Tags(_))) {
        on_overlay(app, Action::Quit);
    }
    if let Some(store) = app.notes.store.as_mut() {
        store.set_lock_timeout(Store::default_lock_timeout());
    }
    retry(app);
    for (t, change) in std::mem::take(&mut app.notes.retry) {
        keep_aside(app, &t, &change, "not saved: the annotations file stayed busy");
    }
    std::mem::take(&mut app.notes.unsaved)
}

/// Keeps a change that could not be saved: its text in a private file beside the annotations
/// (0600) when one can be written, and a message for stderr at exit either way.
fn keep_aside(app: &mut App, t: &Target, change: &Change, why: &str) {
    let what = match change {
        Change::Label(Some(l)) => format!("label {l}"),
        Change::Label(None) => "label cleared".to_string(),
        Change::Note(n) | Change::NoteEdit { note: n, .. } => format!("note:\n{n}"),
        Change::Tags(t) | Change::AddTags(t) => format!("tags {}", t.join(", ")),
        Change::RemoveTags(t) => format!("tags removed {}", t.join(", ")),
        Change::Retarget(_) => "a move to another passage".to_string(),
        Change::Reviewed(true) => "marked reviewed".to_string(),
        Change::Reviewed(false) => "review mark taken back".to_string(),
    };
    let on = t.anchors().first().map_or_else(String::new, |a| format!(" on \"{}\" ({})", a.quote, a.article));
    let text = format!("{why}{on}: {what}");
    let kept = app.notes.store.as_ref().map(|s| s.keep_unsaved(&text));
    let line = match kept {
        Some(Ok(path)) => {
            // What to know first: the status line cuts a long message.
            app.warn(format!("kept in `{}` · {why}", path.display()));
            format!("{text}\n(also kept in `{}`)", path.display())
        }
        _ => {
            app.warn(format!("it will be printed when you quit · {why}"));
            text
        }
    };
    app.notes.unsaved.push(line);
}

/// The annotation keys of Compare and the claim view.
pub fn on_selection(app: &mut App, action: Action) {
    match action {
        Action::Annotate | Action::EditNote | Action::AddTags => {
            if let Some(why) = cannot_save(app) {
                app.warn(why);
                return;
            }
            if target(app).is_none() {
                app.warn("nothing selected to annotate");
                return;
            }
            app.overlay = Some(match action {
                Action::Annotate => Overlay::Picker,
                Action::EditNote => Overlay::Note(Editor::new(current(app).map_or("", |a| a.note.as_str()))),
                _ => Overlay::Tags(LineInput::default()),
            });
        }
        Action::DeleteAnnotation => {
            if let Some(why) = cannot_save(app) {
                app.warn(why);
                return;
            }
            let id = current(app).or_else(|| shown(app).into_iter().next()).map(|a| a.id.clone());
            match id {
                Some(id) => delete(app, &id),
                None => app.warn("no annotation here to delete"),
            }
        }
        Action::Undo => step_back(app, true),
        Action::Redo => step_back(app, false),
        Action::ToggleReviewed => toggle_reviewed(app),
        Action::OpenAnnotations => {
            app.overlay = Some(Overlay::Annotations);
            app.annotations.list = Default::default();
            if let Some(why) = &app.notes.unavailable {
                let why = why.clone();
                app.warn(why);
            }
        }
        _ => {}
    }
}

/// `r`: the current claim (the claim view's, or the one read in Compare) is marked reviewed,
/// or, if it was, not any more; a labelled claim stays reviewed by its label.
fn toggle_reviewed(app: &mut App) {
    if let Some(why) = cannot_save(app) {
        app.warn(why);
        return;
    }
    let claim = match app.screen {
        Screen::Claim => app.claim.id,
        _ => app.current_claim(),
    };
    let Some((c, target)) = claim.and_then(|c| Some((c, Target::claim(&app.analysis, c)?))) else {
        app.warn("this passage is in no claim: nothing to review");
        return;
    };
    let Some(store) = app.notes.store.as_mut() else { return };
    let marked = store.find(&target).is_some_and(|a| a.reviewed);
    let r = store.apply(&target, Change::Reviewed(!marked));
    app.refresh_lists();
    let number = app.analysis.claims.get(c).map_or(0, crate::analysis::Claim::number);
    let progress = format!("{}/{} claims reviewed", app.notes.reviewed.len(), app.analysis.claims.len());
    match r {
        Ok(_) if marked && app.notes.reviewed.contains(&c) => {
            app.say(format!("claim {number} unmarked, still reviewed by its label · {progress}"))
        }
        Ok(_) if marked => app.say(format!("claim {number} not reviewed · {progress} · u undoes")),
        Ok(_) => app.say(format!("claim {number} reviewed · {progress} · u undoes")),
        Err(e) => app.warn(format!("not saved: {e}")),
    }
}

fn delete(app: &mut App, id: &str) {
    let Some(store) = app.notes.store.as_mut() else { return };
    let r = store.delete(id);
    app.refresh_lists();
    match r {
        Ok(()) => app.say("annotation deleted · u undoes"),
        Err(e) => app.warn(format!("not deleted: {e}")),
    }
}

/// `u` and ctrl-r: undo or redo the last annotation change of this reader.
fn step_back(app: &mut App, undo: bool) {
    if let Some(why) = cannot_save(app) {
        app.warn(why);
        return;
    }
    let Some(store) = app.notes.store.as_mut() else { return };
    let r = if undo { store.undo() } else { store.redo() };
    app.refresh_lists();
    app.apply_corrections();
    let (done, none) =
        if undo { ("undone · ctrl-r redoes", "nothing to undo") } else { ("redone", "nothing to redo") };
    match r {
        Ok(Some(_)) => app.say(done),
        Ok(None) => app.say(none),
        Err(Error::Busy { .. }) => app.warn(format!("{BUSY_RETRYING} press the key again in a moment")),
        Err(e @ Error::ChangedElsewhere { .. }) => app.warn(e.to_string()),
        Err(e) => app.warn(format!("not {}: {e}", if undo { "undone" } else { "redone" })),
    }
}

/// Keys while the label picker, the note editor or the tag input is open. Quit in the editor
/// or the tag input saves first and quits; what cannot be saved is kept aside, never lost.
pub fn on_overlay(app: &mut App, action: Action) {
    let saving = matches!(action, Action::SaveInput | Action::Quit);
    match app.overlay.take() {
        Some(Overlay::Picker) => pick(app, action),
        Some(Overlay::Note(ed)) if saving => save_note(app, ed, action == Action::Quit),
        Some(Overlay::Tags(input)) if saving => save_tags(app, input),
        // Esc after a failed save leaves at once, the text kept aside: the editor can always
        // be left, and nothing typed is thrown away.
        Some(Overlay::Note(ed)) if action == Action::Back && ed.failed => save_note(app, ed, true),
        Some(Overlay::Note(mut ed)) if ed.confirm_discard => match action {
            Action::Input('y' | 'Y') => app.say("note discarded"),
            _ => {
                ed.confirm_discard = false;
                app.overlay = Some(Overlay::Note(ed));
            }
        },
        // Esc: an unchanged note just closes; a changed one asks first.
        Some(Overlay::Note(mut ed)) if action == Action::Back => {
            if ed.changed() {
                ed.confirm_discard = true;
                app.overlay = Some(Overlay::Note(ed));
            }
        }
        Some(Overlay::Note(mut ed)) => {
            if action == Action::Newline {
                ed.input.insert('\n');
            } else {
                ed.input.apply(action);
            }
            app.overlay = Some(Overlay::Note(ed));
        }
        Some(Overlay::Tags(mut input)) => {
            input.apply(action);
            app.overlay = Some(Overlay::Tags(input));
        }
        other => app.overlay = other,
    }
    if action == Action::Quit && app.overlay.is_none() {
        app.quit = true;
    }
}

/// The picker: a label key labels and closes, Esc closes, anything else waits.
fn pick(app: &mut App, action: Action) {
    match action {
        Action::PickLabel(k) => {
            let label = if k == 0 { None } else { Label::from_key(char::from(b'0' + k)) };
            match apply(app, Change::Label(label)) {
                Ok(Saved::Queued) => app.warn(BUSY_RETRYING),
                Ok(Saved::Now) => {
                    let what = target(app).map_or("passage", |t| t.1);
                    match label {
                        Some(l) => app.say(format!("{what} labelled {l}")),
                        None => app.say("label cleared"),
                    }
                }
                Err(e) => app.warn(e),
            }
        }
        Action::Back => {}
        _ => app.overlay = Some(Overlay::Picker),
    }
}

/// Saves the note. On a first failure the editor stays open with the text; leaving it after
/// that (or quitting) keeps the text aside, so the editor can always be left.
fn save_note(app: &mut App, mut ed: Editor, leaving: bool) {
    if !ed.changed() {
        return;
    }
    let text = ed.input.text().to_string();
    let change = Change::NoteEdit { base: ed.original.clone(), note: text.clone() };
    match apply(app, change.clone()) {
        Ok(Saved::Now) => {
            app.say(if text.trim().is_empty() { "note cleared · u undoes" } else { "note saved" })
        }
        Ok(Saved::Queued) => app.warn(BUSY_RETRYING),
        Err(e) if leaving || ed.failed => match target(app) {
            Some((t, _)) => keep_aside(app, &t, &change, &e),
            None => app.notes.unsaved.push(format!("{e}: note:\n{text}")),
        },
        Err(e) => {
            ed.failed = true;
            app.overlay = Some(Overlay::Note(ed));
            app.warn(format!("your text is still in the editor; Esc again keeps it in a file · {e}"));
        }
    }
}

/// Adds the typed tags; what cannot be saved is kept aside and the input closes.
fn save_tags(app: &mut App, input: LineInput) {
    let tags = crate::annotate::clean_tags([input.text().to_string()]);
    if tags.is_empty() {
        return;
    }
    let change = Change::AddTags(tags.clone());
    match apply(app, change.clone()) {
        Ok(Saved::Now) => app.say(format!("tagged {}", tags.join(", "))),
        Ok(Saved::Queued) => app.warn(BUSY_RETRYING),
        Err(e) => match target(app) {
            Some((t, _)) => keep_aside(app, &t, &change, &e),
            None => app.warn(e),
        },
    }
}

/// ctrl-x in the annotation list: deletes the highlighted annotation.
pub fn delete_listed(app: &mut App) {
    if let Some(why) = cannot_save(app) {
        app.warn(why);
        return;
    }
    let Some(id) = rows(app).get(app.annotations.list.selected).map(|r| r.id.clone()) else { return };
    delete(app, &id);
    let n = rows(app).len();
    app.annotations.list.selected = app.annotations.list.selected.min(n.saturating_sub(1));
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
    /// Where it is now, `A2 ¶4 · C3` (article, passage and the claim it is about or in);
    /// empty for an orphan.
    pub place: String,
}

/// `A2 ¶4 · C3`: the article and passage an annotation shows on, and its claim (a claim
/// annotation's own, else the first claim of the passage); empty for an orphan.
fn place(app: &App, store: &crate::annotate::Store, a: &Annotation) -> String {
    let Some(at) = store.passage_of(&app.analysis, &a.id) else { return String::new() };
    let claim =
        store.placement(&a.id).and_then(|p| p.claim).or_else(|| app.analysis.claims_at(at).first().copied());
    let claim = claim.and_then(|c| app.analysis.claims.get(c)).map(|c| format!(" · C{}", c.number()));
    format!("A{} ¶{}{}", at.article + 1, at.passage + 1, claim.unwrap_or_default())
}

/// The rows of the annotation list after its label and text filters, oldest first.
pub fn rows(app: &App) -> Vec<Row> {
    let Some(store) = &app.notes.store else { return Vec::new() };
    let q = app.annotations.filter.text().trim().to_lowercase();
    store
        .filter(app.annotations.label, None)
        .into_iter()
        .map(|a| Row {
            id: a.id.clone(),
            label: a.label,
            tags: a.tags.clone(),
            quote: a.target.anchors().first().map(|x| x.quote.clone()).unwrap_or_default(),
            note: a.note.clone(),
            status: store.placement(&a.id).map_or(AnchorStatus::Orphaned, |p| p.status),
            claim: a.target.is_claim(),
            place: place(app, store, a),
        })
        .filter(|r| {
            q.is_empty()
                || r.tags.iter().any(|t| t.to_lowercase().contains(&q))
                || r.note.to_lowercase().contains(&q)
                || r.quote.to_lowercase().contains(&q)
        })
        .collect()
}
