//! What every command shares: how a run fails, how a message reaches stderr, how the corpus
//! is loaded and analysed with a progress bar, and how text reaches stdout. Each command with
//! more than a few lines of its own lives in a module beside this one.

use std::io::{self, Write};
use std::path::PathBuf;

use parallax::Analysis;
use parallax::analysis::Config;
use parallax::annotate::Store;
use parallax::corpus::Corpus;
use parallax::pipeline::Progress;

pub mod annotations;
pub mod correct;
pub mod extract;
pub mod import;
pub mod pages;
pub mod passages;
pub mod reader;
pub mod report;

/// Options that change how strictly passages are matched, and whether the cache is used.
#[derive(clap::Args, Default)]
pub struct Tuning {
    /// Similarity (0–1) passages need to form a claim; higher is stricter. No claim's score is
    /// below it.
    // A negative number is a value to check, not an unknown option.
    #[arg(long, value_name = "X", value_parser = threshold, allow_negative_numbers = true,
          help = threshold_help())]
    pub threshold: Option<f32>,
    /// Analyse afresh: neither read nor write the analysis cache (.parallax/cache).
    #[arg(long)]
    pub no_cache: bool,
    /// The analysis as it comes, without the reader's corrections (`parallax correct`).
    #[arg(long)]
    pub no_corrections: bool,
}

impl Tuning {
    /// These options, with `threshold` (the configuration file's) when none is given.
    pub fn or(self, threshold: Option<f32>) -> Tuning {
        Tuning { threshold: self.threshold.or(threshold), ..self }
    }

    /// The analysis settings these options ask for.
    pub fn config(&self) -> Config {
        let mut config = Config::default();
        if let Some(t) = self.threshold {
            config.link_threshold = t;
            config.join_threshold = config.join_threshold.max(t);
            config.min_score = t;
        }
        config
    }
}

/// The `--threshold` help, with the default it replaces.
fn threshold_help() -> String {
    format!(
        "Similarity (0–1) passages need to form a claim; higher is stricter, and no claim scores \
         below it [default: {}, or the config file's `threshold`]",
        Config::default().link_threshold
    )
}

/// Parses `--threshold`: a number from 0 to 1, said plainly otherwise.
fn threshold(s: &str) -> Result<f32, String> {
    match s.trim().parse::<f32>() {
        Ok(t) if (0.0..=1.0).contains(&t) => Ok(t),
        Ok(_) => Err("out of range; give a number from 0 to 1, such as 0.3".into()),
        Err(_) => Err("not a number; give a number from 0 to 1, such as 0.3".into()),
    }
}

/// What a command can print. Every command that prints takes `--format` and `--json` the same
/// way; which formats it offers, and its default, are its own.
#[derive(Clone, Copy, PartialEq, Eq, Debug, clap::ValueEnum)]
pub enum Format {
    Text,
    Md,
    Json,
    Csv,
}

impl Format {
    fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Md => "md",
            Format::Json => "json",
            Format::Csv => "csv",
        }
    }
}

/// `--json` and `--format`, shared by every command that prints.
#[derive(clap::Args, Default)]
pub struct Output {
    /// Print JSON (same as `--format json`).
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// Output format; the command's help names those it prints, the first being its default.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,
}

impl Output {
    /// The format asked for among those `command` offers (the first is the default); another
    /// one is bad usage, said with the ones it offers.
    pub fn pick(&self, command: &str, offered: &[Format]) -> Result<Format, Failure> {
        let asked = if self.json { Some(Format::Json) } else { self.format };
        match asked {
            None => {
                offered.first().copied().ok_or_else(|| Failure::Usage(format!("`{command}` prints nothing")))
            }
            Some(f) if offered.contains(&f) => Ok(f),
            Some(f) => {
                let names: Vec<&str> = offered.iter().map(|f| f.name()).collect();
                Err(Failure::Usage(format!(
                    "`{command}` cannot print {}; give --format {}",
                    f.name(),
                    names.join(" or ")
                )))
            }
        }
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
    /// The reader was ended by this signal, its terminal restored: exit 128 + the signal.
    Signal(i32),
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
/// on stderr when stderr is a terminal (indicatif draws nothing otherwise), and applies the
/// reader's corrections unless told not to.
pub fn analyse(paths: &[PathBuf], tuning: &Tuning) -> Result<Analysis, Failure> {
    let (analysis, store) = analyse_with_store(paths, tuning)?;
    match store {
        Ok(store) => {
            if let Some(ro) = store.read_only() {
                say(&format!("warning: {}", ro.reason));
            }
        }
        Err(why) => say(&format!("warning: corrections left out: {why}")),
    }
    Ok(analysis)
}

/// [`analyse`], also returning the annotation store it read the corrections from (or why it
/// could not be opened), for the commands that print annotations too: the store is opened
/// once per run, and each command says in its own words what is wrong with it.
pub fn analyse_with_store(
    paths: &[PathBuf],
    tuning: &Tuning,
) -> Result<(Analysis, Result<Store, String>), Failure> {
    let config = tuning.config();
    let corpus = load(paths)?;
    let cache = if tuning.no_cache { None } else { parallax::cache::Cache::locate(paths) };
    let bar = progress_bar();
    let (analysis, _) = parallax::cache::analyse(corpus, &config, cache.as_ref(), &|p| show(&bar, p));
    bar.finish_and_clear();
    let store = Store::open(paths).map_err(|e| e.to_string());
    if let Some(moved) = store.as_ref().ok().and_then(Store::migrated) {
        say(moved);
    }
    let analysis = match &store {
        Ok(store) if !tuning.no_corrections => parallax::pipeline::correct(analysis, &store.corrections()),
        _ => analysis,
    };
    Ok((analysis, store))
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
    // Pages named by URL are fetched first (no bar: the reader may hold the screen).
    let urls = pages::urls(paths);
    let total = urls.len();
    let fetched = parallax::fetch::fetch_all(&urls, &|done| {
        progress(Progress { stage: parallax::pipeline::Stage::Loading, done, total })
    });
    let fetched = urls.into_iter().zip(fetched).collect();
    parallax::pipeline::load_with(paths, fetched, progress).map_err(|e| {
        Failure::Usage(format!(
            "{e}; give a folder of {} articles",
            parallax::corpus::format::extension_list()
        ))
    })
}

/// A progress bar on stderr: `stage [====>   ] done/total elapsed`.
pub(crate) fn progress_bar() -> indicatif::ProgressBar {
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
