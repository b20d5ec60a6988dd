//! What every command shares: how a run fails, how a message reaches stderr, how the corpus
//! is loaded and analysed with a progress bar, and how text reaches stdout. Each command with
//! more than a few lines of its own lives in a module beside this one.

use std::io::{self, Write};
use std::path::PathBuf;

use parallax::Analysis;
use parallax::analysis::Config;
use parallax::corpus::Corpus;
use parallax::pipeline::Progress;

pub mod annotations;
pub mod correct;

/// Options that change how strictly passages are matched, and whether the cache is used.
#[derive(clap::Args, Default)]
pub struct Tuning {
    /// Similarity (0–1) passages need to form a claim; higher is stricter.
    #[arg(long, value_name = "X")]
    pub threshold: Option<f32>,
    /// Analyse afresh: neither read nor write the analysis cache (.parallax/cache).
    #[arg(long)]
    pub no_cache: bool,
    /// The analysis as it comes, without the reader's corrections (`parallax correct`).
    #[arg(long)]
    pub no_corrections: bool,
}

impl Tuning {
    pub fn config(&self) -> Result<Config, Failure> {
        let mut config = Config::default();
        if let Some(t) = self.threshold {
            if !(0.0..=1.0).contains(&t) {
                return Err(Failure::Usage(format!(
                    "--threshold {t} is out of range; give a number from 0 to 1"
                )));
            }
            config.link_threshold = t;
            config.join_threshold = config.join_threshold.max(t);
        }
        Ok(config)
    }
}

/// Prints one message line on stderr. Every message goes through here: file names, titles
/// and reasons can hold escape sequences, which must not reach the terminal.
pub fn say(msg: &str) {
    eprintln!("parallax: {}", parallax::sanitize::text(msg));
}

/// How a run failed, which decides the exit code.
pub enum Failure {
    /// Bad usage or no usable input: exit 2.
    Usage(String),
    /// Something failed while running: exit 1.
    Runtime(String),
    /// The reader of our output went away (`--json | head`): not an error.
    BrokenPipe,
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Failure::BrokenPipe
        } else {
            Failure::Runtime(e.to_string())
        }
    }
}

/// Loads and analyses the corpus, through the cache unless told not to, with a progress bar
/// on stderr when stderr is a terminal (indicatif draws nothing otherwise).
pub fn analyse(paths: &[PathBuf], tuning: &Tuning) -> Result<Analysis, Failure> {
    let config = tuning.config()?;
    let corpus = load(paths)?;
    let dir = if tuning.no_cache { None } else { parallax::cache::location(paths) };
    let bar = progress_bar();
    let (analysis, _) = parallax::cache::analyse(corpus, &config, dir.as_deref(), &|p| show(&bar, p));
    bar.finish_and_clear();
    Ok(if tuning.no_corrections { analysis } else { corrected(paths, analysis) })
}

/// `analysis` with the corrections stored for the corpus at `paths`; a store that cannot be
/// read is said on stderr and its corrections left out.
fn corrected(paths: &[PathBuf], analysis: Analysis) -> Analysis {
    match parallax::annotate::Store::open(paths) {
        Ok(store) => {
            if let Some(moved) = store.migrated() {
                say(moved);
            }
            if let Some(ro) = store.read_only() {
                say(&format!("warning: corrections left out: {}", ro.reason));
            }
            parallax::pipeline::correct(analysis, &store.corrections())
        }
        Err(e) => {
            say(&format!("warning: corrections left out: {e}"));
            analysis
        }
    }
}

/// Loads the corpus with a progress bar, then prints load warnings on stderr (once the bar is
/// gone, so they are not drawn over); no path means the bundled corpus.
pub fn load(paths: &[PathBuf]) -> Result<Corpus, Failure> {
    let bar = progress_bar();
    let corpus = load_quietly(paths, &|p| show(&bar, p));
    bar.finish_and_clear();
    let corpus = corpus?;
    for w in &corpus.warnings {
        say(&format!("warning: {w}"));
    }
    Ok(corpus)
}

/// [`load`], leaving the warnings in the corpus and the progress to `progress`.
pub fn load_quietly(paths: &[PathBuf], progress: &(dyn Fn(Progress) + Sync)) -> Result<Corpus, Failure> {
    if paths.is_empty() {
        return Ok(parallax::bundled::corpus());
    }
    parallax::pipeline::load(paths, progress).map_err(|e| {
        Failure::Usage(format!(
            "{e}; give a folder of {} articles",
            parallax::corpus::format::extension_list()
        ))
    })
}

/// A progress bar on stderr: `stage [====>   ] done/total elapsed`.
fn progress_bar() -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr());
    if let Ok(style) = indicatif::ProgressStyle::with_template("{msg:>22} [{bar:32}] {pos}/{len} {elapsed}") {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// Shows one progress report of the pipeline on `bar`.
fn show(bar: &indicatif::ProgressBar, p: Progress) {
    bar.set_message(p.stage.name());
    bar.set_length(p.total as u64);
    bar.set_position(p.done as u64);
}

pub fn emit(text: &str) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}
