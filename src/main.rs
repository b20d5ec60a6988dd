//! The `parallax` binary: parses the command line, loads the corpus, and hands over to the
//! library. No analysis happens here; errors become one friendly line and an exit code.
//!
//! Exit codes: 0 success; 1 an error while running (e.g. a file could not be written);
//! 2 bad usage or no usable input.

mod cli;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use cli::{Failure, Format, Output, Tuning, analyse, emit, load_quietly, say};
use parallax::corpus::Corpus;
use parallax::export;

/// The analysis allocates many small vectors and maps from both cores; mimalloc's per-thread
/// heaps do that about a fifth faster than the system allocator (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "parallax",
    version,
    about = "Compare how several news articles tell the same story",
    after_help = config_help()
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Folders or files of articles (.txt, .md, .html, .htm, .html.gz) or http(s):// addresses.
    /// None: the bundled corpus.
    paths: Vec<PathBuf>,
    #[command(flatten)]
    tuning: Tuning,
}

#[derive(Subcommand)]
enum Command {
    /// Align passages into claims and print the analysis: a summary (text), or the stable,
    /// versioned JSON contract (json).
    Align {
        /// Folders or files of articles. None: the bundled corpus.
        paths: Vec<PathBuf>,
        #[command(flatten)]
        output: Output,
        #[command(flatten)]
        tuning: Tuning,
    },
    /// Print a Markdown report (md): coverage, claims, discrepancies, single-source facts; with
    /// `--discrepancies`, only the discrepancy table (md or csv).
    Report {
        /// Folders or files of articles. None: the bundled corpus.
        paths: Vec<PathBuf>,
        /// Print only the table of discrepancies: claim, id, kind, each version and its articles.
        #[arg(long)]
        discrepancies: bool,
        #[command(flatten)]
        output: Output,
        #[command(flatten)]
        tuning: Tuning,
    },
    /// Print one article's passages as JSON (json); `-` reads plain body text from stdin.
    Passages {
        /// An article file, a web page's URL, or `-` for stdin.
        file: PathBuf,
        #[command(flatten)]
        output: Output,
    },
    /// Print the reader's annotations: a Markdown digest (md), or JSON (json).
    Annotations {
        /// Folders or files of articles. None: the bundled corpus.
        paths: Vec<PathBuf>,
        #[command(flatten)]
        output: Output,
    },
    /// Print what parallax reads from web pages: metadata and body text of each.
    Extract {
        /// Saved pages (.html, .htm, .html.gz) or http(s):// addresses.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// `--json`: one JSON object per input and line (JSON Lines).
        #[command(flatten)]
        output: Output,
    },
    /// Store web pages as Markdown articles (with front matter) in a folder, for offline use.
    Import {
        /// http(s):// addresses or saved pages (.html, .htm, .html.gz).
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// The folder to store them in.
        #[arg(long, value_name = "DIR", default_value = ".")]
        into: PathBuf,
    },
    /// Correct the analysis: link or unlink passages, dismiss a discrepancy, list, remove.
    #[command(subcommand)]
    Correct(cli::correct::Correct),
}

/// Where the configuration file is read from, for `--help`.
fn config_help() -> String {
    let at = parallax::config::path()
        .map_or_else(|| "none (PARALLAX_CONFIG is empty)".into(), |p| p.display().to_string());
    format!("Configuration file (keys, theme, default threshold): {at}; PARALLAX_CONFIG names another")
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // A usage error quotes what was typed, escapes and all: shown plain and sanitised
        // (clap passes escape sequences through to a terminal). Help and version print as usual.
        Err(e) if e.use_stderr() => {
            eprint!("{}", parallax::sanitize::text(&e.render().to_string()));
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
        Err(e) => e.exit(),
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::BrokenPipe) => ExitCode::SUCCESS,
        Err(Failure::Signal(sig)) => ExitCode::from(u8::try_from(128 + sig).unwrap_or(u8::MAX)),
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

fn run(cli: Cli) -> Result<(), Failure> {
    // The configuration file: keys, theme and the default threshold (a bad one is said once).
    let (settings, warning) = parallax::config::apply();
    if let Some(w) = warning {
        say(&format!("warning: {w}"));
    }
    match cli.command {
        None => {
            // The reader draws its first frame, then reads the articles: warnings are printed
            // once it has given the screen back.
            let terminal_failed = |e: io::Error| Failure::Runtime(format!("the terminal failed: {e}"));
            Corpus::check_paths(&cli.paths).map_err(|e| Failure::Usage(format!("{e}; check the path")))?;
            cli::reader::check_terminal()?;
            // Said before the reader takes the screen, so it is there when the screen is given back.
            match parallax::annotate::Store::migrate(&cli.paths) {
                Ok(Some(moved)) => say(&moved),
                Ok(None) => {}
                Err(e) => say(&format!("warning: annotations not moved: {e}")),
            }
            let config = cli.tuning.or(settings.threshold).config();
            let look = (config, settings.background.unwrap_or_default());
            let closed = parallax::tui::run_loading(&cli.paths, look, || load_quietly(&cli.paths, &|_| {}))
                .map_err(terminal_failed)??;
            for w in &closed.warnings {
                say(&format!("warning: {w}"));
            }
            for lost in &closed.unsaved {
                say(lost);
            }
            // Lost work is the worse news: it decides the exit code over an ending signal.
            match (closed.unsaved.len(), closed.signal) {
                (0, None) => Ok(()),
                (0, Some(sig)) => Err(Failure::Signal(sig)),
                (n, _) => {
                    Err(Failure::Runtime(format!("{n} annotation change(s) could not be saved (above)")))
                }
            }
        }
        Some(Command::Align { paths, output, tuning }) => {
            let json = output.pick("align", &[Format::Text, Format::Json])? == Format::Json;
            let analysis = analyse(&paths, &tuning.or(settings.threshold))?;
            if json {
                let mut out = io::BufWriter::new(io::stdout().lock());
                export::write_json(&analysis, &mut out)?;
                out.flush()?;
                Ok(())
            } else {
                emit(&export::summary(&analysis))
            }
        }
        Some(Command::Report { paths, discrepancies, output, tuning }) => {
            cli::report::run(&paths, discrepancies, &output, &tuning.or(settings.threshold))
        }
        Some(Command::Passages { file, output }) => {
            output.pick("passages", &[Format::Json])?;
            cli::passages::run(&file)
        }
        Some(Command::Annotations { paths, output }) => cli::annotations::run(
            &paths,
            output.pick("annotations", &[Format::Md, Format::Json])? == Format::Json,
        ),
        Some(Command::Extract { inputs, output }) => {
            cli::extract::run(&inputs, output.pick("extract", &[Format::Text, Format::Json])? == Format::Json)
        }
        Some(Command::Import { inputs, into }) => cli::import::run(&inputs, &into),
        Some(Command::Correct(verb)) => cli::correct::run(verb),
    }
}
