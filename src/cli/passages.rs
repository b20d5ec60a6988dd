//! `parallax passages FILE|URL|-`: one article's passages as JSON, for scripts that cut
//! articles the way the analysis does. A web page (a saved file or a URL) is read through its
//! Markdown snapshot, which `path` names: the passages' byte offsets point into that file.

use std::io::Read;
use std::path::{Path, PathBuf};

use parallax::corpus::format::Format;
use parallax::corpus::html;
use parallax::corpus::pages::is_url;
use parallax::{Article, export};

use super::{Failure, emit, pages};

/// Prints the passages of `file` (`-`: plain text on stdin).
pub fn run(file: &Path) -> Result<(), Failure> {
    let article = if file.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| Failure::Usage(format!("cannot read stdin: {e}; pipe UTF-8 text in")))?;
        Article::from_text("-".into(), "-".into(), text, false, false)
    } else if is_url(file) || Format::of(file) == Some(Format::Html) {
        page(file)?
    } else {
        let bytes = parallax::corpus::read_file(file)
            .map_err(|e| Failure::Usage(format!("cannot read `{}`: {e}; check the path", file.display())))?;
        let id = file.file_name().map_or_else(|| "-".into(), |n| n.to_string_lossy().into_owned());
        Article::from_bytes(id, PathBuf::from(file), &bytes)
            .map_err(|why| Failure::Usage(format!("cannot use `{}`: {why}", file.display())))?
    };
    emit(&export::passages_json(&article))
}

/// A web page named by URL or file, loaded as a corpus of one so its snapshot is stored where
/// the reader keeps it. A page that gives no article is said in one line naming it.
fn page(file: &Path) -> Result<Article, Failure> {
    let name = file.display().to_string();
    let Some(input) = pages::read_all(&[file.to_path_buf()]).pop() else {
        return Err(Failure::Usage(format!("{name}: nothing read")));
    };
    let unusable = |why: String| Failure::Usage(format!("{name}: {why}"));
    let bytes = input.bytes.map_err(unusable)?;
    html::extract(&bytes).map_err(unusable)?;
    let fetched = if input.is_url { vec![(name.clone(), Ok(bytes))] } else { Vec::new() };
    let corpus = parallax::pipeline::load_with(&[file.to_path_buf()], fetched, &|_| {})
        .map_err(|e| Failure::Usage(e.to_string()))?;
    for w in &corpus.warnings {
        super::say(&format!("warning: {w}"));
    }
    corpus.articles.into_iter().next().ok_or_else(|| unusable("gave no article".into()))
}
