//! Typed discrepancies between the members of a claim. (Work in progress.)

use crate::analysis::{Claim, Discrepancy};
use crate::corpus::Corpus;

pub fn detect(_corpus: &Corpus, _claims: &[Claim]) -> Vec<Discrepancy> {
    Vec::new()
}
