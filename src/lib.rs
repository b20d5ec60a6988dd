//! parallax: the command line and the terminal reader on top of [`parallax_core`].
//!
//! The analysis (corpus → passages → claims → discrepancies, word diff, annotations, export)
//! lives in `parallax-core`, which knows nothing of terminals; its modules are re-exported
//! here so the binary, the tests and the examples name one crate. This package adds the
//! bundled corpus ([`bundled`]) and the reader ([`tui`]).

pub use parallax_core::*;

pub mod bundled;
pub mod config;
pub mod fetch;
pub mod tui;
