//! The correction keys (issue 14): in the claim view Tab selects a discrepancy or a wording,
//! `d` detaches the selected wording from the claim or dismisses the selected discrepancy
//! (again: takes the dismissal back); `L`, in Compare or the claim view, picks a passage and
//! links it with the next one picked. Each correction is saved at once through the store, `u`
//! and ctrl-r undo and redo it like an annotation change, and the analysis shown is corrected
//! again ([`App::apply_corrections`]). Called from `update`; imports no part of the view.

use super::action::Action;
use super::app::{App, Screen};
use super::notes;
use super::query::{self, ClaimItem};
use crate::analysis::PassageRef;
use crate::annotate::correction::{Action as Correction, anchor_passage};
use crate::annotate::store::BUSY_RETRYING;
use crate::error::Error;

/// The correction keys.
pub fn on_key(app: &mut App, action: Action) {
    match action {
        Action::NextItem => select(app, true),
        Action::PrevItem => select(app, false),
        Action::Correct => correct_selected(app),
        Action::Link => link(app),
        _ => {}
    }
}

/// What Tab can select in the claim shown.
fn items(app: &App) -> Vec<ClaimItem> {
    let Some(claim) = app.claim.id else { return Vec::new() };
    app.claim_reference(claim).map_or_else(Vec::new, |r| query::claim_items(&app.analysis, claim, r))
}

/// The selection, if it is part of the claim shown.
fn selected(app: &App) -> Option<ClaimItem> {
    app.claim.selected.filter(|s| items(app).contains(s))
}

/// `A2 ¶5`: a passage as the reader numbers it.
fn name(at: PassageRef) -> String {
    format!("A{} ¶{}", at.article + 1, at.passage + 1)
}

fn select(app: &mut App, forward: bool) {
    let items = items(app);
    let n = items.len();
    if n == 0 {
        app.warn("nothing to select here");
        return;
    }
    let now = selected(app).and_then(|s| items.iter().position(|&i| i == s));
    let next = match (now, forward) {
        (None, true) => 0,
        (None, false) => n - 1,
        (Some(i), true) => (i + 1) % n,
        (Some(i), false) => (i + n - 1) % n,
    };
    app.claim.selected = Some(items[next]);
    let what = match items[next] {
        ClaimItem::Discrepancy(id) => app.analysis.discrepancies.get(id).map_or_else(String::new, |d| {
            let dismissed = app.analysis.corrected.dismissed.contains_key(&id);
            format!(
                "{} selected · d {}",
                d.label(),
                if dismissed { "takes the dismissal back" } else { "dismisses it" }
            )
        }),
        ClaimItem::Member(at) => {
            format!("{} selected · d detaches it from this claim · L links it", name(at))
        }
    };
    app.say(what);
}

/// `d`: detach the selected wording, or dismiss (or take back the dismissal of) the selected
/// discrepancy.
fn correct_selected(app: &mut App) {
    let (Some(claim), Some(item)) = (app.claim.id, selected(app)) else {
        app.warn("Tab selects a wording or a discrepancy first");
        return;
    };
    let corpus = &app.analysis.corpus;
    match item {
        ClaimItem::Member(at) => {
            let others: Vec<_> = app.analysis.claims[claim]
                .members
                .iter()
                .filter(|m| m.at != at)
                .filter_map(|m| anchor_passage(corpus, m.at))
                .collect();
            let Some(member) = anchor_passage(corpus, at).filter(|_| !others.is_empty()) else {
                app.warn("nothing to detach it from");
                return;
            };
            save(
                app,
                Correction::Detach { member, others },
                format!("{} detached by you · u undoes", name(at)),
            );
        }
        ClaimItem::Discrepancy(id) => {
            let Some(d) = app.analysis.discrepancies.get(id) else { return };
            let label = d.label();
            if app.analysis.corrected.dismissed.contains_key(&id) {
                return take_back_dismissal(app, id);
            }
            let Some(passages) =
                d.members.iter().map(|&m| anchor_passage(corpus, m)).collect::<Option<Vec<_>>>()
            else {
                return;
            };
            let action = Correction::Dismiss { passages, discrepancy: d.kind };
            save(app, action, format!("{label} dismissed by you · u undoes"));
        }
    }
}

/// Removes the dismissals that dismiss discrepancy `id` now.
fn take_back_dismissal(app: &mut App, id: usize) {
    let Some(d) = app.analysis.discrepancies.get(id) else { return };
    let label = d.label();
    let Some(store) = app.notes.store.as_ref() else { return };
    let ids: Vec<String> = store
        .corrections()
        .into_iter()
        .filter(|c| c.dismisses(&app.analysis.corpus, d))
        .map(|c| c.id.clone())
        .collect();
    let Some(store) = app.notes.store.as_mut() else { return };
    for c in ids {
        if let Err(e) = store.remove_correction(&c) {
            return said(app, Err(e), String::new());
        }
    }
    said(app, Ok(()), format!("{label} no longer dismissed · u undoes"));
}

/// `L`: picks the passage selected (the claim view's selected wording, else Compare's focused
/// passage); the second `L` links the two.
fn link(app: &mut App) {
    let at = match (app.screen, selected(app)) {
        (Screen::Claim, Some(ClaimItem::Member(at))) => at,
        (Screen::Claim, _) => {
            app.warn("Tab selects a wording to link first");
            return;
        }
        _ => app.at(app.compare.focus),
    };
    let Some(from) = app.notes.link_from.take() else {
        app.notes.link_from = Some(at);
        app.say(format!(
            "{} picked to link: select the other passage and press L (L on it again cancels)",
            name(at)
        ));
        return;
    };
    let corpus = &app.analysis.corpus;
    let statement = |p: PassageRef| {
        corpus
            .articles
            .get(p.article)
            .and_then(|a| a.passages.get(p.passage))
            .is_some_and(|x| x.kind.is_statement())
    };
    if from == at {
        app.say("link cancelled");
    } else if from.article == at.article {
        app.warn("both passages are in one article; a claim links passages of different articles");
    } else if !statement(from) || !statement(at) {
        app.warn("a tag list, menu, byline, caption or dateline never joins a claim");
    } else if let (Some(a), Some(b)) = (anchor_passage(corpus, from), anchor_passage(corpus, at)) {
        save(
            app,
            Correction::Link { a, b },
            format!("{} and {} linked by you · u undoes", name(from), name(at)),
        );
    }
}

/// Saves a new correction and shows the analysis it corrects.
fn save(app: &mut App, action: Correction, done: String) {
    if let Some(why) = notes::cannot_save(app) {
        app.warn(why);
        return;
    }
    let Some(store) = app.notes.store.as_mut() else { return };
    let r = store.correct(action).map(|_| ());
    said(app, r, done);
}

/// Corrects the analysis shown after a save and says how it went.
fn said(app: &mut App, r: crate::error::Result<()>, done: String) {
    app.apply_corrections();
    match r {
        Ok(()) => app.say(done),
        Err(Error::Busy { .. }) => app.warn(format!("{BUSY_RETRYING} press the key again in a moment")),
        Err(e) => app.warn(format!("not saved: {e}")),
    }
}
