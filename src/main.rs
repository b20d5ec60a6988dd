//! The `parallax` binary: parses the command line, loads the corpus, and hands over to the
//! library. No analysis happens here; errors become one friendly line and an exit code.
//!
//! Exit codes: 0 success; 1 an error while running (e.g. a file could not be written);
//! 2 bad usage or no usable input.

use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use parallax::analysis::Config;
use parallax::corpus::Corpus;
use parallax::pipeline::Progress;
use parallax::{Analysis, export};

/// The analysis allocates many small vectors and maps from both cores; mimalloc's per-thread
/// heaps do that about a fifth faster than the system allocator (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "parallax", version, about = "Compare how several news articles tell the same story")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Folders or files of articles (.txt, .md). None: the bundled corpus.
    paths: Vec<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Align passages into claims and print the analysis.
    Align {
        /// Folders or files of articles. None: the bundled corpus.
        paths: Vec<PathBuf>,
        /// Print the analysis as JSON (the stable, versioned contract).
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        tuning: Tuning,
    },
    /// Print a Markdown report: coverage, claims, discrepancies, single-source facts.
    Report {
        /// Folders or files of articles. None: the bundled corpus.
        paths: Vec<PathBuf>,
        #[command(flatten)]
        tuning: Tuning,
    },
    /// Print one article's passages as JSON; `-` reads plain body text from stdin.
    Passages {
        /// An article file, or `-` for stdin.
        file: PathBuf,
    },
    /// Print the reader's annotations: a Markdown digest, or JSON with `--json`.
    Annotations {
        /// Folders or files of articles. None: the bundled corpus.
        paths: Vec<PathBuf>,
        /// Print JSON (same as `--format json`).
        #[arg(long, conflicts_with = "format")]
        json: bool,
        /// Output format.
        #[arg(long, value_enum)]
        format: Option<AnnotationsFormat>,
    },
}

/// Output formats of `parallax annotations`.
#[derive(Clone, Copy, clap::ValueEnum)]
enum AnnotationsFormat {
    Md,
    Json,
}

/// Options that change how strictly passages are matched, and whether the cache is used.
#[derive(clap::Args, Default)]
struct Tuning {
    /// Similarity (0–1) passages need to form a claim; higher is stricter.
    #[arg(long, value_name = "X")]
    threshold: Option<f32>,
    /// Analyse afresh: neither read nor write the analysis cache (.parallax/cache).
    #[arg(long)]
    no_cache: bool,
}

impl Tuning {
    fn config(&self) -> Result<Config, Failure> {
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::BrokenPipe) => ExitCode::SUCCESS,
        Err(Failure::Usage(msg)) => {
            say(&msg);
            ExitCode::from(2)
        }
        Err(Failure::Runtime(msg)) => {
            say(&msg);
            ExitCode::from(1)
        }
    }
}

/// Prints one message line on stderr. Every message goes through here: file names, titles
/// and reasons can hold escape sequences, which must not reach the terminal.
fn say(msg: &str) {
    eprintln!("parallax: {}", parallax::sanitize::text(msg));
}

/// How a run failed, which decides the exit code.
enum Failure {
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

fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        None => {
            // The reader draws its first frame, then reads the articles: warnings are printed
            // once it has given the screen back.
            let terminal_failed = |e: io::Error| Failure::Runtime(format!("the terminal failed: {e}"));
            Corpus::check_paths(&cli.paths).map_err(|e| Failure::Usage(format!("{e}; check the path")))?;
            // Said before the reader takes the screen, so it is there when the screen is given back.
            match parallax::annotate::Store::migrate(&cli.paths) {
                Ok(Some(moved)) => say(&moved),
                Ok(None) => {}
                Err(e) => say(&format!("warning: annotations not moved: {e}")),
            }
            let warnings = parallax::tui::run_loading(&cli.paths, || load_quietly(&cli.paths, &|_| {}))
                .map_err(terminal_failed)??;
            for w in &warnings {
                say(&format!("warning: {w}"));
            }
            Ok(())
        }
        Some(Command::Align { paths, json, tuning }) => {
            let analysis = analyse(&paths, &tuning)?;
            if json {
                let mut out = io::BufWriter::new(io::stdout().lock());
                export::write_json(&analysis, &mut out)?;
                out.flush()?;
                Ok(())
            } else {
                emit(&export::summary(&analysis))
            }
        }
        Some(Command::Report { paths, tuning }) => {
            let analysis = analyse(&paths, &tuning)?;
            let mut report = export::markdown(&analysis);
            // The reader's annotations belong in the report; a store that cannot be opened
            // is reported and left out rather than failing the whole report.
            match parallax::annotate::Store::open(&paths) {
                Ok(mut store) => {
                    if let Some(moved) = store.migrated() {
                        say(moved);
                    }
                    store.reanchor(&analysis);
                    report.push_str(&parallax::annotate::export::report_section(
                        &analysis,
                        store.annotations(),
                    ));
                }
                Err(e) => say(&format!("warning: annotations left out of the report: {e}")),
            }
            emit(&report)
        }
        Some(Command::Passages { file }) => {
            let article = if file.as_os_str() == "-" {
                let mut text = String::new();
                io::stdin()
                    .read_to_string(&mut text)
                    .map_err(|e| Failure::Usage(format!("cannot read stdin: {e}; pipe UTF-8 text in")))?;
                parallax::Article::from_text("-".into(), "-".into(), text, false, false)
            } else {
                let bytes = std::fs::read(&file).map_err(|e| {
                    Failure::Usage(format!("cannot read `{}`: {e}; check the path", file.display()))
                })?;
                let id = file.file_name().map_or_else(|| "-".into(), |n| n.to_string_lossy().into_owned());
                parallax::Article::from_bytes(id, file.clone(), &bytes)
                    .map_err(|why| Failure::Usage(format!("cannot use `{}`: {why}", file.display())))?
            };
            emit(&export::passages_json(&article))
        }
        Some(Command::Annotations { paths, json, format }) => {
            annotations(&paths, json || matches!(format, Some(AnnotationsFormat::Json)))
        }
    }
}

/// `parallax annotations`: places every annotation in the corpus as it is now and prints it.
fn annotations(paths: &[PathBuf], json: bool) -> Result<(), Failure> {
    use parallax::annotate::{Store, export as ann};
    let analysis = analyse(paths, &Tuning::default())?;
    let store = Store::open(paths).map_err(|e| Failure::Runtime(e.to_string()))?;
    if let Some(moved) = store.migrated() {
        say(moved);
    }
    if let Some(ro) = store.read_only() {
        return Err(Failure::Runtime(ro.reason.clone()));
    }
    let list = store.annotations();
    emit(&if json { ann::json(&analysis, list) } else { ann::markdown(&analysis, list) })
}

/// Loads and analyses the corpus, through the cache unless told not to, with a progress bar
/// on stderr when stderr is a terminal (indicatif draws nothing otherwise).
fn analyse(paths: &[PathBuf], tuning: &Tuning) -> Result<Analysis, Failure> {
    let config = tuning.config()?;
    let corpus = load(paths)?;
    let dir = if tuning.no_cache { None } else { parallax::cache::location(paths) };
    let bar = progress_bar();
    let (analysis, _) = parallax::cache::analyse(corpus, &config, dir.as_deref(), &|p| show(&bar, p));
    bar.finish_and_clear();
    Ok(analysis)
}

/// Loads the corpus with a progress bar, then prints load warnings on stderr (once the bar is
/// gone, so they are not drawn over); no path means the bundled corpus.
fn load(paths: &[PathBuf]) -> Result<Corpus, Failure> {
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
fn load_quietly(paths: &[PathBuf], progress: &(dyn Fn(Progress) + Sync)) -> Result<Corpus, Failure> {
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

fn emit(text: &str) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}
