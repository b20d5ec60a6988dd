//! parallax: align the claims of several news articles about one story and show where they
//! disagree.
//!
//! The core (corpus → passages → claims → discrepancies, plus word diff, annotations and
//! export) is plain data in, plain data out, with no terminal code. The `tui` module is a layer
//! on top of [`analysis::Analysis`].

pub mod align;
pub mod analysis;
pub mod annotate;
pub mod cache;
pub mod corpus;
pub mod diff;
pub mod discrepancy;
pub mod error;
pub mod export;
pub mod features;
pub mod hash;
pub mod segment;
pub mod text;
pub mod tui;

pub use analysis::{Analysis, Claim, Discrepancy, DiscrepancyKind, PassageRef};
pub use corpus::{Article, Corpus};
pub use error::{Error, Result};
