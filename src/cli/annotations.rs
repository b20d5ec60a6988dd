//! `parallax annotations`: the reader's notes and labels, as Markdown or JSON.

use std::path::PathBuf;

use super::{Failure, Tuning, analyse_with_store, emit};

/// `parallax annotations`: places every annotation in the corpus as it is now and prints it.
pub fn run(paths: &[PathBuf], json: bool) -> Result<(), Failure> {
    use parallax::annotate::export as ann;
    let (analysis, store) = analyse_with_store(paths, &Tuning::default())?;
    let store = store.map_err(Failure::Runtime)?;
    if let Some(ro) = store.read_only() {
        return Err(Failure::Runtime(ro.reason.clone()));
    }
    let (list, corrections) = (store.annotations(), store.corrections());
    emit(&if json {
        ann::json(&analysis, list, &corrections)
    } else {
        ann::markdown(&analysis, list) + &ann::corrections_markdown(&analysis, &corrections, 2)
    })
}
