//! `parallax extract`: what parallax reads from each web page, to check the extraction: the
//! metadata and the body text, as text or as JSON Lines.

use std::io::{self, Write};
use std::path::PathBuf;

use parallax::corpus::Meta;
use parallax::corpus::html::{self, Page};
use rayon::prelude::*;
use serde::Serialize;

use super::{Failure, pages};

/// One line of `extract --json`: unknown fields are left out (the metadata's own names).
#[derive(Serialize)]
struct Line<'a> {
    input: &'a str,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    meta: Option<&'a Meta>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
}

/// `parallax extract FILE|URL… [--json]`: every input in the order given; an input that gives
/// no article is said on its line (or as `{"input", "error"}`), and makes the exit non-zero.
pub fn run(args: &[PathBuf], json: bool) -> Result<(), Failure> {
    let inputs = pages::read_all(args);
    let pages: Vec<Result<Page, String>> = inputs
        .par_iter()
        .map(|input| input.bytes.as_ref().map_err(Clone::clone).and_then(|bytes| html::extract(bytes)))
        .collect();
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut failed = 0;
    for (input, page) in inputs.iter().zip(&pages) {
        if page.is_err() {
            failed += 1;
        }
        if json {
            out.write_all(&parallax::json::to_vec(&line(&input.name, page)).map_err(io::Error::from)?)?;
            out.write_all(b"\n")?;
        } else {
            out.write_all(parallax::sanitize::owned(human(&input.name, page)).as_bytes())?;
        }
    }
    out.flush()?;
    match failed {
        0 => Ok(()),
        n => Err(Failure::Runtime(format!("{n} of {} inputs gave no article", inputs.len()))),
    }
}

fn line<'a>(input: &'a str, page: &'a Result<Page, String>) -> Line<'a> {
    match page {
        Ok(p) => Line { input, meta: Some(&p.meta), text: Some(p.text()), error: None },
        Err(e) => Line { input, meta: None, text: None, error: Some(e) },
    }
}

/// The plain-text form: a `==` line naming the input, the metadata, a blank line, the body.
fn human(input: &str, page: &Result<Page, String>) -> String {
    let page = match page {
        Ok(p) => p,
        Err(e) => return format!("== {input}\nerror: {e}\n\n"),
    };
    let mut out = format!("== {input}\n");
    for (key, value) in page.meta.fields() {
        if let Some(v) = value {
            out.push_str(&format!("{key}: {v}\n"));
        }
    }
    out.push('\n');
    out.push_str(&page.text());
    out.push_str("\n\n");
    out
}
