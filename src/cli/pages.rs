//! Web pages named on the command line, shared by `extract`, `import` and every command that
//! reads a corpus: telling URLs from paths, and getting each page's bytes (fetched in parallel
//! with a progress bar, or read from a file).

use std::path::PathBuf;

use parallax::corpus::html;
use parallax::corpus::pages::is_url;
use parallax::fetch;

/// The addresses among command-line paths, in order.
pub fn urls(args: &[PathBuf]) -> Vec<String> {
    args.iter().filter(|a| is_url(a)).map(|a| a.display().to_string()).collect()
}

/// Fetches `urls` in parallel with a progress bar on stderr (when it is a terminal).
pub fn fetch_all(urls: &[String]) -> Vec<Result<Vec<u8>, String>> {
    if urls.is_empty() {
        return Vec::new();
    }
    let bar = super::progress_bar();
    bar.set_message("fetching");
    bar.set_length(urls.len() as u64);
    let got = fetch::fetch_all(urls, &|done| bar.set_position(done as u64));
    bar.finish_and_clear();
    got
}

/// One input of `extract` or `import`: as given, and its page's bytes or why there are none.
pub struct Input {
    pub name: String,
    pub is_url: bool,
    pub bytes: Result<Vec<u8>, String>,
}

/// The bytes of every input, in the order given: URLs fetched (in parallel), files read.
pub fn read_all(args: &[PathBuf]) -> Vec<Input> {
    let mut fetched = fetch_all(&urls(args)).into_iter();
    args.iter()
        .map(|arg| {
            let name = arg.display().to_string();
            if is_url(arg) {
                let bytes = fetched.next().unwrap_or_else(|| Err("not fetched".into()));
                Input { name, is_url: true, bytes }
            } else {
                Input { name, is_url: false, bytes: html::read_file(arg) }
            }
        })
        .collect()
}
