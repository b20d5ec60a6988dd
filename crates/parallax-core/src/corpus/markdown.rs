//! Markdown: for now read exactly as plain text (front matter, the headline rule), with its
//! markup shown as stored.
//!
//! Hiding the markup from the reader is a change in this file only: build the shown text
//! without it and a [`Shown`](super::source::Shown) whose runs skip it, and turn `#` lines into
//! heading hints. Offsets stay file offsets, so nothing downstream changes.

use super::plain;
use super::source::Source;

/// Reads a Markdown file.
pub(super) fn read(bytes: &[u8]) -> Result<Source, String> {
    plain::read(bytes)
}
