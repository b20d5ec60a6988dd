//! Web pages as a user meets them: saved pages in a folder, `extract`, `import` and URLs on the
//! command line, fetched from a server these tests start on 127.0.0.1 (nothing here touches
//! the internet). Bad pages and failing fetches give one line each and never take the rest of
//! the corpus down.
#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

mod support;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages").join(name)
}

/// Runs the binary with its data folder in `data`, its fetch timeouts shortened.
fn parallax(data: &Path, args: &[&str]) -> Output {
    support::parallax()
        .args(args)
        .env("PARALLAX_DATA_DIR", data)
        .env("PARALLAX_NO_CACHE", "1")
        .env("PARALLAX_FETCH_TIMEOUT_MS", "1500")
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// A server on 127.0.0.1 serving the fixture pages and every way a fetch goes wrong; gives
/// its base address (`http://127.0.0.1:PORT`).
fn serve() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || answer(stream));
        }
    });
    base
}

fn answer(mut stream: TcpStream) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request = String::new();
    reader.read_line(&mut request).unwrap();
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 0) && line.trim() != "" {
        line.clear();
    }
    let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
    let page = |name: &str| std::fs::read(fixture(name)).unwrap();
    let reply = |stream: &mut TcpStream, status: &str, headers: &str, body: &[u8]| {
        let head = format!(
            "HTTP/1.1 {status}\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        );
        let _ = stream.write_all(head.as_bytes());
        let _ = stream.write_all(body);
    };
    match path.as_str() {
        "/gazette" => reply(
            &mut stream,
            "200 OK",
            "Content-Type: text/html; charset=utf-8\r\n",
            &page("harlow-gazette.html"),
        ),
        "/valley" => reply(&mut stream, "200 OK", "Content-Type: text/html\r\n", &page("valley-times.html")),
        "/gzipped" => {
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            gz.write_all(&page("harlow-gazette.html")).unwrap();
            let body = gz.finish().unwrap();
            reply(&mut stream, "200 OK", "Content-Type: text/html\r\nContent-Encoding: gzip\r\n", &body);
        }
        "/moved" => reply(&mut stream, "301 Moved Permanently", "Location: /gazette\r\n", b""),
        "/loop" => reply(&mut stream, "302 Found", "Location: /loop\r\n", b""),
        "/image" => reply(&mut stream, "200 OK", "Content-Type: image/png\r\n", b"\x89PNG\r\n\x1a\n"),
        "/slow" => {
            std::thread::sleep(Duration::from_secs(5));
            reply(&mut stream, "200 OK", "Content-Type: text/html\r\n", &page("valley-times.html"));
        }
        "/huge" => {
            let head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 40000000\r\n\r\n<p>";
            let _ = stream.write_all(head.as_bytes());
            let chunk = vec![b'a'; 1 << 16];
            while stream.write_all(&chunk).is_ok() {}
        }
        _ => reply(&mut stream, "404 Not Found", "Content-Type: text/html\r\n", b"<p>no such page</p>"),
    }
}

#[test]
fn extract_prints_one_json_line_per_input_in_order_and_fails_at_the_end() {
    let data = tempfile::tempdir().unwrap();
    let base = serve();
    let urls: Vec<String> = ["/moved", "/missing", "/loop", "/image", "/slow", "/huge"]
        .iter()
        .map(|p| format!("{base}{p}"))
        .collect();
    let file = fixture("valley-times.html");
    let mut args = vec!["extract", "--json", file.to_str().unwrap()];
    args.extend(urls.iter().map(String::as_str));
    args.extend(["ftp://127.0.0.1/x", "file:///etc/passwd"]);
    let out = parallax(data.path(), &args);
    assert!(!out.status.success(), "a page without an article makes the exit non-zero");
    let lines: Vec<serde_json::Value> =
        stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 9);
    let inputs: Vec<&str> = lines.iter().map(|l| l["input"].as_str().unwrap()).collect();
    assert_eq!(inputs[1..7], urls.iter().map(String::as_str).collect::<Vec<_>>()[..]);
    assert_eq!(lines[0]["source"], "Valley Times");
    assert_eq!(lines[0]["author"], "Tomás Reyes", "windows-1252 is decoded");
    assert!(lines[0]["text"].as_str().unwrap().starts_with("A ferry carrying 240 passengers"));
    assert!(lines[0].get("url").is_none(), "unknown fields are left out");
    assert_eq!(lines[1]["title"], "Ferry runs aground off Harlow Point", "a redirect is followed");
    assert_eq!(lines[1]["updated"], "2026-03-15T09:30:00Z");
    let error = |i: usize| lines[i]["error"].as_str().unwrap().to_string();
    assert_eq!(error(2), "404 Not Found");
    assert!(error(3).contains("redirect loop"), "{}", error(3));
    assert!(error(4).contains("not a web page (content type image/png)"), "{}", error(4));
    assert!(error(5).contains("timed out"), "{}", error(5));
    assert!(error(6).contains("larger than 32 MB"), "{}", error(6));
    assert!(error(7).contains("`ftp://` addresses are not supported"), "{}", error(7));
    assert!(error(8).contains("`file://`"), "{}", error(8));
    assert!(lines[2..].iter().all(|l| l.as_object().unwrap().len() == 2), "an error line is input and error");
}

#[test]
fn extract_drops_the_boilerplate_and_keeps_the_story() {
    let data = tempfile::tempdir().unwrap();
    let out = parallax(data.path(), &["extract", fixture("harlow-gazette.html").to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    for kept in ["source: The Harlow Gazette", "author: Jana Ortiz", "date: 2026-03-14", "212 passengers"] {
        assert!(text.contains(kept), "{kept} missing in {text}");
    }
    for dropped in
        ["cookies", "Subscribe", "Share on", "Related stories", "Glad everyone", "All rights reserved"]
    {
        assert!(!text.contains(dropped), "{dropped} kept in {text}");
    }
}

#[test]
fn urls_open_beside_files_and_a_failing_one_is_one_line() {
    let data = tempfile::tempdir().unwrap();
    let base = serve();
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("valley-times.html"), dir.path().join("valley-times.html")).unwrap();
    let gazette = format!("{base}/gazette");
    let missing = format!("{base}/missing");
    let out = parallax(data.path(), &["align", "--json", dir.path().to_str().unwrap(), &gazette, &missing]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stderr(&out).trim(), format!("parallax: warning: {missing}: 404 Not Found; skipped"));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let articles = v["articles"].as_array().unwrap();
    let ids: Vec<&str> = articles.iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids, [gazette.as_str(), "valley-times.html"]);
    let fetched = &articles[0];
    assert_eq!(fetched["origin"], gazette.as_str());
    let snapshot = PathBuf::from(fetched["path"].as_str().unwrap());
    assert!(snapshot.starts_with(data.path().join("pages")), "{snapshot:?}");
    let saved = &articles[1];
    assert!(saved["origin"].as_str().unwrap().ends_with("valley-times.html"));
    assert!(saved["path"].as_str().unwrap().contains(".parallax/pages/"));
    // Every passage points at bytes of the snapshot, a file the user can open.
    for article in articles {
        let file = std::fs::read_to_string(article["path"].as_str().unwrap()).unwrap();
        for p in article["passages"].as_array().unwrap() {
            let (start, end) = (p["start"].as_u64().unwrap() as usize, p["end"].as_u64().unwrap() as usize);
            assert_eq!(&file[start..end], p["text"].as_str().unwrap());
        }
    }
}

#[test]
fn a_server_that_is_not_there_is_could_not_connect() {
    let data = tempfile::tempdir().unwrap();
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("http://127.0.0.1:{port}/story");
    let out = parallax(data.path(), &["extract", "--json", &url]);
    assert_eq!(out.status.code(), Some(1));
    let line: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(line["error"], "could not connect (offline?)");
}

#[test]
fn only_failing_urls_is_no_usable_input() {
    let data = tempfile::tempdir().unwrap();
    let base = serve();
    let out = parallax(data.path(), &["align", &format!("{base}/missing"), "ftp://127.0.0.1/x"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("404 Not Found") && err.contains("ftp://"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn import_stores_articles_that_open_offline_and_replaces_an_earlier_import() {
    let data = tempfile::tempdir().unwrap();
    let base = serve();
    let into = tempfile::tempdir().unwrap();
    let gazette = format!("{base}/gazette");
    let dir = into.path().to_str().unwrap();
    let out = parallax(data.path(), &["import", &gazette, &format!("{base}/valley"), "--into", dir]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut names: Vec<String> = std::fs::read_dir(into.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(
        names[0].starts_with("ferry-runs-aground-off-harlow-point-") && names[0].ends_with(".md"),
        "{names:?}"
    );
    assert!(names[1].starts_with("harlow-ferry-grounding-240-on-board-"), "{names:?}");
    let md = std::fs::read_to_string(into.path().join(&names[0])).unwrap();
    assert!(
        md.starts_with(
            "---\ntitle: \"Ferry runs aground off Harlow Point\"\nsource: \"The Harlow Gazette\"\n"
        ),
        "{md}"
    );
    // The same URL again replaces the earlier import, whatever its name was.
    std::fs::rename(into.path().join(&names[0]), into.path().join(names[0].replace("ferry-runs", "old")))
        .unwrap();
    let out = parallax(data.path(), &["import", &gazette, "--into", dir]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(std::fs::read_dir(into.path()).unwrap().count(), 2);
    // An ordinary corpus; with the page it came from, the article counts once.
    std::fs::copy(fixture("harlow-gazette.html"), into.path().join("harlow-gazette.html")).unwrap();
    let out = parallax(data.path(), &["align", "--json", dir]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["articles"].as_array().unwrap().len(), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("duplicate"), "{}", stderr(&out));
}

#[test]
fn bad_pages_in_a_folder_are_one_line_each_and_the_rest_opens() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(fixture("harlow-gazette.html"), d.join("gazette.html")).unwrap();
    std::fs::write(
        d.join("home.html"),
        "<html><body><nav><a href=/a>News</a> <a href=/b>Sport</a></nav></body></html>",
    )
    .unwrap();
    std::fs::write(d.join("binary.html"), b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0").unwrap();
    // The windows-1252 page as UTF-16 with its byte-order mark (which wins over the meta tag).
    let latin: String =
        std::fs::read(fixture("valley-times.html")).unwrap().iter().map(|&b| b as char).collect();
    let utf16: Vec<u8> =
        [0xFF, 0xFE].into_iter().chain(latin.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    std::fs::write(d.join("utf16.htm"), utf16).unwrap();
    std::fs::write(d.join("malformed.html"), "<html><p>Broken <b>markup <div></p></span>").unwrap();
    let big = std::fs::File::create(d.join("big.html")).unwrap();
    big.set_len((32 << 20) + 1).unwrap();
    let out = parallax(data.path(), &["align", d.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    let line = |name: &str| {
        err.lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("no line for {name}: {err}"))
            .to_string()
    };
    assert!(line("home.html").contains("no article text found"));
    assert!(line("binary.html").contains("binary file, not HTML"));
    assert!(line("malformed.html").contains("no article text found"));
    assert!(line("big.html").contains("larger than 32 MB"));
    assert_eq!(err.lines().count(), 4, "{err}");
    assert!(stdout(&out).starts_with("2 articles"), "the UTF-16 page is read: {}", stdout(&out));
}

/// `passages` takes a URL or a saved page like any command: the offsets point into the page's
/// snapshot, which the output names; a failing URL is one line.
#[test]
fn passages_of_a_url_or_a_page_point_into_its_snapshot() {
    let data = tempfile::tempdir().unwrap();
    let base = serve();
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("valley-times.html");
    std::fs::copy(fixture("valley-times.html"), &saved).unwrap();
    let gazette = format!("{base}/gazette");
    for input in [gazette.as_str(), saved.to_str().unwrap()] {
        let out = parallax(data.path(), &["passages", input]);
        assert!(out.status.success(), "{input}: {}", stderr(&out));
        let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        assert_eq!(v["origin"], input);
        let file = std::fs::read_to_string(v["path"].as_str().unwrap()).unwrap();
        let passages = v["passages"].as_array().unwrap();
        assert!(passages.len() > 3, "{v}");
        for p in passages {
            let (start, end) = (p["start"].as_u64().unwrap() as usize, p["end"].as_u64().unwrap() as usize);
            assert_eq!(&file[start..end], p["text"].as_str().unwrap());
        }
    }
    let missing = format!("{base}/missing");
    let out = parallax(data.path(), &["passages", &missing]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out).trim(), format!("parallax: {missing}: 404 Not Found"));
    // A saved page with no article in it is one line naming it, too.
    let empty = dir.path().join("empty.html");
    std::fs::write(&empty, "").unwrap();
    let out = parallax(data.path(), &["passages", empty.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out).trim(), format!("parallax: {}: empty file", empty.display()));
}

/// A server that answers with `Content-Encoding: gzip` gives the same article as the plain page.
#[test]
fn a_gzip_encoded_answer_reads_like_the_plain_page() {
    let data = tempfile::tempdir().unwrap();
    let base = serve();
    let text = |path: &str| {
        let out = parallax(data.path(), &["extract", "--json", &format!("{base}{path}")]);
        assert!(out.status.success(), "{path}: {}", stderr(&out));
        let line: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
        line["text"].as_str().unwrap().to_string()
    };
    let plain = text("/gazette");
    assert!(plain.split_whitespace().count() > 50, "{plain}");
    assert_eq!(text("/gzipped"), plain);
}
