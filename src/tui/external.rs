//! Copying a passage with its citation, and opening its article in the user's editor or pager.
//!
//! Update only asks (`App::external`); the terminal owner does it, between frames, with
//! [`run`]. The clipboard is reached with OSC 52, which terminals and tmux pass on, over SSH
//! too. A program is started directly, never through a shell: `$EDITOR` is split at white
//! space into the program and its own options, then come `+LINE`, `--` and the path, so no
//! file name is ever read as an option or a command. The bundled corpus has no file on disk:
//! its article opens as a read-only temporary copy, removed afterwards.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::Command;

use crate::corpus::Article;

/// What the reader asked the terminal owner to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// Put this text on the clipboard.
    Copy(String),
    /// Run `program` with `args` on the article, at `line`.
    Open { program: String, args: Vec<String>, path: PathBuf, line: usize, copy_of: Option<String> },
}

/// Which program opens the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opener {
    /// `$VISUAL`, else `$EDITOR`, else `vi`.
    Editor,
    /// `$PAGER`, else `less`.
    Pager,
}

/// Passage `passage` of `article` with its citation: the words, then title, outlet, date, URL,
/// and the article id with the passage's byte offsets.
pub fn citation(article: &Article, passage: usize) -> Option<String> {
    let p = article.passages.get(passage)?;
    let words = article.text.get(p.range())?.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut cite = vec![article.title.clone()];
    cite.extend([&article.meta.source, &article.meta.date, &article.meta.url].into_iter().flatten().cloned());
    cite.push(format!("{}, bytes {}–{}", article.id, p.start, p.end));
    Some(crate::sanitize::text(&format!("“{words}” — {}", cite.join(", "))).into_owned())
}

/// How to open `article` at passage `passage` with `opener`; an article of the bundled corpus
/// (`bundled`) has no file, so a copy of its text is opened.
pub fn open(article: &Article, passage: usize, bundled: bool, opener: Opener) -> Result<Request, String> {
    let start = article.passages.get(passage).map_or(0, |p| p.start);
    let line = article.text.get(..start).map_or(1, |before| before.matches('\n').count() + 1);
    let (var, fallback) = match opener {
        Opener::Editor => (std::env::var("VISUAL").or_else(|_| std::env::var("EDITOR")), "vi"),
        Opener::Pager => (std::env::var("PAGER"), "less"),
    };
    let command = var.ok().filter(|v| !v.trim().is_empty()).unwrap_or_else(|| fallback.to_string());
    let mut words = command.split_whitespace().map(str::to_string);
    let program = words.next().ok_or("no program to open the article with")?;
    Ok(Request::Open {
        program,
        args: words.collect(),
        path: article.path.clone(),
        line,
        copy_of: bundled.then(|| article.text.clone()),
    })
}

/// Does `request` with the terminal given back to the shell where a program needs it; says
/// what happened, for the status line (`Err`: what failed).
pub fn run(request: Request, terminal: &mut ratatui::DefaultTerminal) -> Result<String, String> {
    match request {
        Request::Copy(text) => {
            let mut out = io::stdout();
            let sent = write!(out, "\x1b]52;c;{}\x07", base64(text.as_bytes())).and_then(|()| out.flush());
            sent.map(|()| "copied the passage and its citation (OSC 52)".to_string())
                .map_err(|e| e.to_string())
        }
        Request::Open { program, args, path, line, copy_of } => {
            let temp = match copy_of {
                Some(text) => Some(
                    read_only_copy(&path, &text).map_err(|e| format!("cannot make a copy to open: {e}"))?,
                ),
                None => None,
            };
            let file = temp.as_ref().map_or(path.clone(), |t| t.to_path_buf());
            let _ =
                ratatui::crossterm::execute!(io::stdout(), ratatui::crossterm::event::DisableMouseCapture);
            ratatui::restore();
            let status =
                Command::new(&program).args(&args).arg(format!("+{line}")).arg("--").arg(&file).status();
            *terminal = ratatui::try_init().map_err(|e| format!("the terminal failed: {e}"))?;
            let _ = ratatui::crossterm::execute!(io::stdout(), ratatui::crossterm::event::EnableMouseCapture);
            let _ = terminal.clear();
            drop(temp);
            match status {
                Ok(s) if s.success() => Ok(format!("back from {program}")),
                Ok(s) => Err(format!("{program} ended with {s}")),
                Err(e) => Err(format!("cannot run {program}: {e}; set $EDITOR or $PAGER")),
            }
        }
    }
}

/// A read-only temporary copy of a bundled article, named like it so the program shows the name.
fn read_only_copy(path: &std::path::Path, text: &str) -> io::Result<tempfile::TempPath> {
    let name = path.file_name().map_or_else(|| "article.txt".into(), |n| n.to_string_lossy().into_owned());
    let mut file = tempfile::Builder::new().prefix("parallax-").suffix(&format!("-{name}")).tempfile()?;
    file.write_all(text.as_bytes())?;
    file.flush()?;
    let path = file.into_temp_path();
    let mut perms = std::fs::metadata(&path)?.permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&path, perms)?;
    Ok(path)
}

/// Standard base64 (RFC 4648, with padding): what OSC 52 carries.
fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ABC[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::fixture;

    #[test]
    fn base64_is_standard() {
        for (raw, enc) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("“x”", "4oCceOKAnQ=="),
        ] {
            assert_eq!(base64(raw.as_bytes()), enc, "{raw}");
        }
    }

    #[test]
    fn the_citation_names_the_article_and_the_bytes() {
        let analysis = fixture::analysis();
        let a = analysis.article(0);
        let c = citation(a, 1).unwrap();
        let p = &a.passages[1];
        assert!(c.starts_with("“The outage lasted 13 hours"), "{c}");
        assert!(
            c.contains(&a.title) && c.ends_with(&format!("{}, bytes {}–{}", a.id, p.start, p.end)),
            "{c}"
        );
    }

    #[test]
    fn the_path_goes_after_the_options_and_the_bundled_corpus_opens_a_copy() {
        let corpus = crate::bundled::corpus();
        let a = &corpus.articles[0];
        let Ok(Request::Open { line, copy_of, path, .. }) = open(a, 2, true, Opener::Pager) else { panic!() };
        let start = a.passages[2].start;
        assert_eq!(line, a.text[..start].matches('\n').count() + 1);
        assert_eq!(copy_of.as_deref(), Some(a.text.as_str()), "no file on disk: a copy");
        let copy = read_only_copy(&path, &a.text).unwrap();
        assert!(std::fs::metadata(&copy).unwrap().permissions().readonly());
        assert_eq!(std::fs::read_to_string(&copy).unwrap(), a.text);
    }
}
