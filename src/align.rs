//! Aligning passages across articles into claims. (Work in progress.)

use crate::analysis::{Claim, Config};
use crate::corpus::Corpus;

pub fn align(_corpus: &Corpus, _config: &Config) -> Vec<Claim> {
    Vec::new()
}
