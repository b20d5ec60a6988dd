//! parallax-core: align the claims of several news articles about one story and type where
//! they disagree.
//!
//! Plain data in, plain data out, and nothing of terminals (the reader and the command line
//! live in the `parallax` package on top; `tests/boundary.rs` keeps terminal crates out).
//! [`pipeline`] runs the stages in order: [`corpus`] loads and segments the articles
//! ([`segment`]), [`features`] turns passages into weighted terms, [`align`] groups them into
//! claims, [`discrepancy`] types the differences between a claim's members, and
//! [`analysis::Analysis`] holds the result with its indexes. Around them: [`diff`] (word diff
//! with byte spans), [`cache`] (analyses kept by content hash), [`annotate`] (the reader's
//! notes, anchored to passages) and [`export`] (JSON and Markdown).

pub mod align;
pub mod analysis;
pub mod annotate;
pub mod cache;
pub mod clause;
pub mod corpus;
pub mod correct;
pub mod diff;
pub mod discrepancy;
pub mod error;
pub mod export;
pub mod features;
pub mod fs;
pub mod hash;
pub mod json;
pub mod lexicon;
pub mod markdown;
pub mod pipeline;
pub mod sanitize;
pub mod segment;
pub mod text;

pub use analysis::{Analysis, Claim, Discrepancy, DiscrepancyKind, PassageRef};
pub use corpus::{Article, Corpus};
pub use error::{Error, Result};
