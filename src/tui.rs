//! The terminal reader: a layer over [`crate::analysis::Analysis`]. (Work in progress.)

use crate::corpus::Corpus;

/// Opens the reader on `corpus` and returns when the user quits.
pub fn run(corpus: Corpus) -> std::io::Result<()> {
    let _ = corpus;
    Ok(())
}
