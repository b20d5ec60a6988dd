//! Headless output: the versioned JSON contract and the Markdown report, both built from one
//! [`Analysis`]. (Work in progress.)

use crate::analysis::Analysis;
use crate::corpus::Article;

pub fn json(_a: &Analysis) -> String {
    String::new()
}

pub fn summary(_a: &Analysis) -> String {
    String::new()
}

pub fn markdown(_a: &Analysis) -> String {
    String::new()
}

pub fn passages_json(_a: &Article) -> String {
    String::new()
}
