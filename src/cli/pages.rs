//! Web pages named on the command line, shared by `extract`, `import` and every command that
//! reads a corpus: telling URLs from paths, and getting each page's bytes (fetched in parallel
//! with a progress bar, or read from a file).

use std::path::PathBuf;

use parallax::corpus::html;
use parallax::fetch;

/// Splits command-line paths into real paths and `scheme://` addresses, each in order.
pub fn split(args: &[PathBuf]) -> (Vec<PathBuf>, Vec<String>) {
    let mut paths = Vec::new();
    let mut urls = Vec::new();
    for arg in args {
        match arg.to_str().filter(|a| fetch::is_url(a)) {
            Some(url) => urls.push(url.to_string()),
            None => paths.push(arg.clone()),
        }
    }
    (paths, urls)
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
    let urls: Vec<String> =
        args.iter().filter_map(|a| a.to_str().filter(|a| fetch::is_url(a)).map(str::to_string)).collect();
    let mut fetched = fetch_all(&urls).into_iter();
    args.iter()
        .map(|arg| match arg.to_str().filter(|a| fetch::is_url(a)) {
            Some(url) => Input {
                name: url.to_string(),
                is_url: true,
                bytes: fetched.next().unwrap_or_else(|| Err("not fetched".into())),
            },
            None => Input { name: arg.display().to_string(), is_url: false, bytes: html::read_file(arg) },
        })
        .collect()
}
