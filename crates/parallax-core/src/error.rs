//! Typed errors of the library. Each variant names the file it concerns and the cause, so the
//! binary can print one friendly line without knowing the internals.

use std::path::PathBuf;

/// Everything the analysis core can fail with.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A path given by the user does not exist.
    #[error("no such file or folder `{}`", path.display())]
    NotFound { path: PathBuf },
    /// A file or folder exists but could not be read.
    #[error("cannot read `{}`: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Nothing usable was found in what was searched.
    #[error("no readable articles (.txt or .md) in {searched}{skipped}")]
    NoArticles {
        searched: String,
        /// Why the files that were found were skipped, ready to print ("; skipped …").
        skipped: String,
    },
    /// A file could not be written.
    #[error("cannot write `{}`: {source}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A stored file is not in a format this version understands.
    #[error("cannot understand `{}`: {reason}", path.display())]
    Format { path: PathBuf, reason: String },
    /// The annotations file cannot be saved to (it is corrupt or from a newer version).
    #[error("annotations are read-only: {reason}")]
    ReadOnly { path: PathBuf, reason: String },
    /// An annotation id that is not (or no longer) in the store.
    #[error("no annotation with id `{id}`")]
    NoAnnotation { id: String },
    /// No folder to keep annotations of the bundled corpus in.
    #[error("no user data folder for annotations; set PARALLAX_DATA_DIR or HOME")]
    NoDataDir,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
