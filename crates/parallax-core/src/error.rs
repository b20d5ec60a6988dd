//! Typed errors of the library. Each variant names the file it concerns and the cause, so the
//! binary can print one friendly line without knowing the internals. Every message goes
//! through [`crate::sanitize`], since paths and reasons can hold anything.

use std::path::PathBuf;

use crate::sanitize::{path as shown, text as clean};

/// Everything the analysis core can fail with.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A path given by the user does not exist.
    #[error("no such file or folder `{}`", shown(path))]
    NotFound { path: PathBuf },
    /// A file or folder exists but could not be read.
    #[error("cannot read `{}`: {}", shown(path), clean(&source.to_string()))]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Nothing usable was found in what was searched.
    #[error(
        "no readable articles ({}) in {}{}",
        crate::corpus::format::extension_list(),
        clean(searched),
        clean(skipped)
    )]
    NoArticles {
        searched: String,
        /// Why the files that were found were skipped, ready to print ("; skipped …").
        skipped: String,
    },
    /// A file could not be written.
    #[error("cannot write `{}`: {}", shown(path), clean(&source.to_string()))]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A stored file is not in a format this version understands.
    #[error("cannot understand `{}`: {}", shown(path), clean(reason))]
    Format { path: PathBuf, reason: String },
    /// The annotations file cannot be saved to (it is corrupt or from a newer version).
    #[error("annotations are read-only: {}", clean(reason))]
    ReadOnly { path: PathBuf, reason: String },
    /// An annotation id that is not (or no longer) in the store.
    #[error("no annotation with id `{}`", clean(id))]
    NoAnnotation { id: String },
    /// Another parallax held the annotations lock for longer than the wait allows.
    #[error("annotations file `{}` is busy (another parallax is saving); try again in a moment", shown(path))]
    Busy { path: PathBuf },
    /// An undo or redo refused because another process changed the annotation after us.
    #[error(
        "not {done}: another parallax changed this {} since; left as it is (undo and redo take \
         back only your own changes)",
        clean(what)
    )]
    ChangedElsewhere { what: String, done: &'static str },
    /// A correction id that is not (or no longer) in the store.
    #[error("no correction with id `{}`; `parallax correct list` shows them", clean(id))]
    NoCorrection { id: String },
    /// No folder to keep annotations of the bundled corpus in.
    #[error("no user data folder for annotations; set PARALLAX_DATA_DIR or HOME")]
    NoDataDir,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_sanitised() {
        let e = Error::NotFound { path: "a\x1b[2J.txt".into() };
        assert_eq!(e.to_string(), "no such file or folder `a<U+001B>[2J.txt`");
        let e = Error::NoArticles { searched: "x\u{202E}".into(), skipped: String::new() };
        assert_eq!(e.to_string(), "no readable articles (.txt, .md, .html, .htm or .html.gz) in x<U+202E>");
    }
}
