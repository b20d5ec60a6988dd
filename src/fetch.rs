//! Fetching web pages for `parallax URL…`, `extract` and `import`.
//!
//! Networking lives here, in the binary's package, and not in the analysis core: the core reads
//! bytes it is given, and never opens a connection. The client is `ureq` with rustls (no
//! system OpenSSL), with timeouts, a redirect limit, a size cap (the core's page cap, also
//! after gzip decompression), a content-type check and a user agent. Every failure is one
//! short reason (`could not connect (offline?)`, `404 Not Found`) for a line naming the URL.

use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use std::time::Duration;

use parallax_core::corpus::html::{PAGE_CAP, too_big};

/// Shortens every timeout to this many milliseconds (for tests against a slow local server).
pub const TIMEOUT_ENV: &str = "PARALLAX_FETCH_TIMEOUT_MS";

/// How many pages are fetched at once.
const PARALLEL: usize = 8;

/// Redirects followed before a page is given up as a redirect loop.
const MAX_REDIRECTS: u32 = 8;

/// What the client says it is.
const USER_AGENT: &str = concat!("parallax/", env!("CARGO_PKG_VERSION"), " (news article reader)");

/// The whole time a page may take, and the time to connect.
fn timeouts() -> (Duration, Duration) {
    let short =
        std::env::var(TIMEOUT_ENV).ok().and_then(|ms| ms.parse::<u64>().ok()).map(Duration::from_millis);
    short.map_or((Duration::from_secs(60), Duration::from_secs(15)), |t| (t, t))
}

/// Fetches one page: its bytes, or the reason it could not be had.
pub fn fetch(url: &str) -> Result<Vec<u8>, String> {
    let scheme = url.split_once("://").map_or("", |(s, _)| s).to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return Err(format!(
            "`{scheme}://` addresses are not supported; give an http:// or https:// address"
        ));
    }
    let (total, connect) = timeouts();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(total))
        .timeout_connect(Some(connect))
        .max_redirects(MAX_REDIRECTS)
        .max_redirects_will_error(true)
        .http_status_as_error(false)
        .user_agent(USER_AGENT)
        .build()
        .into();
    let mut response = agent
        .get(url)
        .header("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1")
        .call()
        .map_err(|e| reason(&e, total))?;
    let status = response.status();
    if !status.is_success() {
        return Err(format!("{} {}", status.as_u16(), status.canonical_reason().unwrap_or("error")));
    }
    let mime = response.body().mime_type().unwrap_or("text/html").to_ascii_lowercase();
    if !matches!(mime.as_str(), "text/html" | "application/xhtml+xml" | "text/plain") {
        return Err(format!("not a web page (content type {mime})"));
    }
    response.body_mut().with_config().limit(PAGE_CAP).read_to_vec().map_err(|e| reason(&e, total))
}

/// One short reason for a failed request.
fn reason(e: &ureq::Error, total: Duration) -> String {
    match e {
        ureq::Error::HostNotFound | ureq::Error::ConnectionFailed => "could not connect (offline?)".into(),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            "could not connect (offline?)".into()
        }
        ureq::Error::Timeout(_) => format!("no answer within {} s; timed out", total.as_secs_f32()),
        ureq::Error::TooManyRedirects => format!("more than {MAX_REDIRECTS} redirects (a redirect loop?)"),
        ureq::Error::BodyExceedsLimit(_) => too_big(),
        ureq::Error::BadUri(_) | ureq::Error::Http(_) => "not a valid address".into(),
        other => format!("could not fetch: {other}"),
    }
}

/// Fetches every URL, [`PARALLEL`] at a time (waiting on the network, not the cores), each
/// result in the order given; `done` is called (from several threads) as each one ends.
pub fn fetch_all(urls: &[String], done: &(dyn Fn(usize) + Sync)) -> Vec<Result<Vec<u8>, String>> {
    if urls.is_empty() {
        return Vec::new();
    }
    let finished = AtomicUsize::new(0);
    let one = |url: &String| {
        let got = fetch(url);
        done(finished.fetch_add(1, Ordering::Relaxed) + 1);
        got
    };
    match rayon::ThreadPoolBuilder::new().num_threads(PARALLEL.min(urls.len())).build() {
        Ok(pool) => pool.install(|| urls.par_iter().map(one).collect()),
        Err(_) => urls.iter().map(one).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_schemes_are_refused_without_a_connection() {
        assert!(fetch("ftp://example.org/a").unwrap_err().contains("`ftp://` addresses are not supported"));
        assert!(fetch("file:///etc/passwd").unwrap_err().contains("`file://`"));
    }
}
