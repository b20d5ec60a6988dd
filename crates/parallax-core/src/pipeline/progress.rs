//! What a long analysis is doing, in one vocabulary for every stage: the stages report through
//! it and the reader and the CLI show it. A module of its own (the pipeline's leaf) so the
//! stages can import it without importing the pipeline that calls them.

/// A stage of the analysis. Declared in the order the pipeline runs them, which `Ord` follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    /// Reading the article files and cutting them into passages (one unit: the corpus).
    Loading,
    /// Reading words, numbers and names out of every passage (`done` of `total` articles).
    Features,
    /// Grouping passages into claims (`done` of `total` blocks of articles).
    Aligning,
    /// Comparing the members of each claim (`done` of `total` claims).
    Discrepancies,
}

impl Stage {
    /// What the stage is doing, for a status line or a progress bar.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Loading => "loading articles",
            Stage::Features => "reading passages",
            Stage::Aligning => "aligning claims",
            Stage::Discrepancies => "finding discrepancies",
        }
    }
}

/// A progress report: `done` of `total` units of `stage`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub stage: Stage,
    pub done: usize,
    pub total: usize,
}
