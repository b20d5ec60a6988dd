//! `parallax report`: the Markdown report with the reader's annotations, or with
//! `--discrepancies` the table of discrepancies alone (Markdown or CSV).

use std::path::PathBuf;

use parallax::export;
use parallax::export::table::{self, TableFormat};

use super::{Failure, Format, Output, Tuning, analyse, analyse_with_store, emit, say};

pub fn run(paths: &[PathBuf], discrepancies: bool, output: &Output, tuning: &Tuning) -> Result<(), Failure> {
    if discrepancies {
        let format = match output.pick("report --discrepancies", &[Format::Md, Format::Csv])? {
            Format::Csv => TableFormat::Csv,
            _ => TableFormat::Markdown,
        };
        let analysis = analyse(paths, tuning)?;
        return emit(&table::discrepancies(&analysis, format));
    }
    output.pick("report", &[Format::Md])?;
    let (analysis, store) = analyse_with_store(paths, tuning)?;
    let mut report = export::markdown(&analysis);
    // The reader's annotations belong in the report; a store that cannot be opened is
    // reported and left out rather than failing the whole report.
    match store {
        Ok(mut store) => {
            if let Some(ro) = store.read_only() {
                say(&format!("warning: {}", ro.reason));
            }
            store.reanchor(&analysis);
            report.push_str(&parallax::annotate::export::report_section(&analysis, store.annotations()));
            if !tuning.no_corrections {
                report.push_str(&parallax::annotate::export::corrections_markdown(
                    &analysis,
                    &store.corrections(),
                    2,
                ));
            }
        }
        Err(e) => say(&format!("warning: annotations left out of the report: {e}")),
    }
    emit(&report)
}
