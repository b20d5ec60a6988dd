//! The `parallax` binary: parses the command line, loads the corpus, and hands over to the
//! library. No analysis happens here; errors become one friendly line and an exit code.
//!
//! Exit codes: 0 success; 1 an error while running (e.g. a file could not be written);
//! 2 bad usage or no usable input.

mod cli;

use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use cli::{Failure, Tuning, analyse, emit, load_quietly, say};
use parallax::corpus::Corpus;
use parallax::export;

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
    /// Correct the analysis: link or unlink passages, dismiss a discrepancy, list, remove.
    #[command(subcommand)]
    Correct(cli::correct::Correct),
}

/// Output formats of `parallax annotations`.
#[derive(Clone, Copy, clap::ValueEnum)]
enum AnnotationsFormat {
    Md,
    Json,
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
            let ended = parallax::tui::run_loading(&cli.paths, || load_quietly(&cli.paths, &|_| {}))
                .map_err(terminal_failed)??;
            for w in &ended.warnings {
                say(&format!("warning: {w}"));
            }
            for lost in &ended.unsaved {
                say(lost);
            }
            match ended.unsaved.len() {
                0 => Ok(()),
                n => Err(Failure::Runtime(format!("{n} annotation change(s) could not be saved (above)"))),
            }
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
                    if !tuning.no_corrections {
                        report.push_str(&parallax::annotate::export::corrections_markdown(
                            &analysis,
                            &store.corrections(),
                            2,
                        ));
                    }
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
            cli::annotations::run(&paths, json || matches!(format, Some(AnnotationsFormat::Json)))
        }
        Some(Command::Correct(verb)) => cli::correct::run(verb),
    }
}
