//! The terminal reader: a layer over [`crate::analysis::Analysis`].
//!
//! Elm shape: [`app::App`] is plain state grouped per screen, [`action::Action`] the intents,
//! [`keymap`] the one table of keys, [`update::update`] the only mutation, [`view::render`] the
//! only drawing. This file owns the terminal: it enters and leaves raw mode, runs the analysis on
//! a worker thread so the first screen appears at once, and exits cleanly on `q`, SIGTERM,
//! SIGHUP, SIGINT, a terminal that goes away, or a panic.
//!
//! Who imports whom (an arrow reads "uses"; unit tests aside). There is no cycle: the state
//! knows neither update nor the view, update sees only the view's geometry, the view only reads.
//!
//! ```text
//! action, query, wrap, theme, tty, fixture                  leaves (the analysis core only)
//! input        -> action                                    the one line-input component
//! keymap       -> action
//! app          -> keymap, query, input, theme               the state
//! notes        -> app, action, input                        annotation keys and reads
//! corrections  -> app, action, query                        the correction keys
//! help         -> app, keymap                               the text of the ? overlay
//! view::layout -> app, notes, query, wrap                   every size; draws nothing
//! update       -> app, action, input, keymap, query, notes, corrections, help, wrap,
//!                 view::layout
//! view::{text, annotations, panes, claim, claims, overview, status}
//!              -> app, input, keymap, notes, query, theme, wrap, view::{layout, text}
//!                 and claim -> panes -> annotations (annotation lines and marks)
//! view         -> app, help, theme, its modules
//! tui          -> everything
//! ```

pub mod action;
pub mod app;
pub mod corrections;
#[doc(hidden)]
pub mod fixture;
pub mod help;
pub mod input;
pub mod keymap;
pub mod notes;
pub mod query;
pub mod theme;
pub mod tty;
pub mod update;
pub mod view;
pub mod wrap;

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::thread;
use std::time::Duration;

use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;

pub use keymap::keymap_markdown;

use crate::analysis::Analysis;
use crate::corpus::Corpus;
use crate::pipeline::Progress;

/// Name of the analysis thread; a panic there is reported in the reader, not on the screen.
const WORKER: &str = "parallax-analysis";

/// The last panic message of the worker thread.
static WORKER_PANIC: Mutex<Option<String>> = Mutex::new(None);

/// Leaves mouse capture however the reader ends (raw mode and the alternate screen are left by
/// `ratatui::restore`).
struct MouseGuard;

impl MouseGuard {
    fn new() -> Self {
        let _ = execute!(io::stdout(), EnableMouseCapture);
        MouseGuard
    }
}

impl Drop for MouseGuard {
    fn drop(&mut self) {
        let _ = execute!(io::stdout(), DisableMouseCapture);
        let _ = io::stdout().flush();
    }
}

/// Whether colour is allowed: `NO_COLOR` set to anything non-empty turns it off.
pub fn color_enabled() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Opens the reader on the corpus `load` reads from `paths`, drawing the first frame before
/// calling it: ten thousand files take a moment to read and segment. Returns the corpus's load
/// warnings (to print once the screen is given back), or `load`'s error, with the terminal
/// restored either way.
pub fn run_loading<E>(
    paths: &[std::path::PathBuf],
    load: impl FnOnce() -> Result<Corpus, E>,
) -> io::Result<Result<Ended, E>> {
    let stop = Arc::new(AtomicBool::new(false));
    // Raw mode turns Ctrl-C into a key, but `kill -INT` still arrives as a signal.
    for sig in ENDING_SIGNALS {
        signal_hook::flag::register(sig, Arc::clone(&stop))?;
    }
    spawn_watchdog()?;
    let tty = tty::Tty::open()?;

    let mut terminal = ratatui::try_init()?;
    // ratatui's hook restores the terminal; it must not fire for the worker thread, whose
    // panic becomes a message, and it must also leave mouse capture.
    let ratatui_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if thread::current().name() == Some(WORKER) {
            if let Ok(mut slot) = WORKER_PANIC.lock() {
                let payload = info.payload();
                let msg = payload
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "panic".into());
                *slot = Some(msg);
            }
            return;
        }
        let _ = execute!(io::stdout(), DisableMouseCapture);
        ratatui_hook(info);
    }));
    let guard = MouseGuard::new();
    let theme = theme::Theme::new(color_enabled());
    let origin = if paths.is_empty() {
        crate::corpus::BUNDLED_NAME.to_string()
    } else {
        paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
    };
    terminal.draw(|frame| view::loading(frame, &origin, &theme))?;
    let mut corpus = match load() {
        Ok(corpus) => corpus,
        Err(e) => {
            drop(guard);
            ratatui::restore();
            let _ = std::panic::take_hook();
            return Ok(Err(e));
        }
    };
    let warnings = std::mem::take(&mut corpus.warnings);

    let (tx, rx) = mpsc::channel();
    let work = corpus.clone();
    let progress: Arc<Mutex<Option<Progress>>> = Arc::default();
    let report = Arc::clone(&progress);
    let cache = crate::cache::location(paths);
    thread::Builder::new().name(WORKER.into()).spawn(move || {
        let config = crate::analysis::Config::default();
        let (analysis, _) = crate::cache::analyse(work, &config, cache.as_deref(), &|p| {
            if let Ok(mut slot) = report.lock() {
                *slot = Some(p);
            }
        });
        let _ = tx.send(analysis);
    })?;

    let size = terminal.size()?;
    let mut app = app::App::analysing(corpus, ratatui::layout::Rect::new(0, 0, size.width, size.height));
    app.theme = theme;
    match crate::annotate::Store::open(paths) {
        Ok(store) => app.attach_store(store),
        Err(e) => {
            let why = format!("annotations unavailable: {e}");
            app.notes.unavailable = Some(why.clone());
            app.warn(why);
        }
    }
    update::sync(&mut app);
    let result = event_loop(&mut terminal, &mut app, (&rx, &progress), &tty, &stop);
    // However it ended (q, SIGTERM/SIGHUP/SIGINT, hang-up): save what is being typed or queued.
    let unsaved = notes::finish(&mut app);
    drop(guard);
    ratatui::restore();
    let _ = std::panic::take_hook();
    result.map(|()| Ok(Ended { warnings, unsaved }))
}

/// What the reader leaves for the command line to print once the screen is given back.
pub struct Ended {
    /// The corpus's load warnings.
    pub warnings: Vec<crate::corpus::Warning>,
    /// Changes that could not be saved, each with its text (the run then fails).
    pub unsaved: Vec<String>,
}

/// Ctrl-Z: gives the terminal back, stops the process with SIGTSTP as a shell job, and takes
/// the terminal again when `fg` continues it (issue #6). Without job control (an orphaned
/// process group) the kernel drops the signal and the reader simply redraws.
fn suspend(terminal: &mut ratatui::DefaultTerminal, stop: &AtomicBool) -> io::Result<()> {
    let mut out = io::stdout();
    let _ = execute!(out, DisableMouseCapture, ratatui::crossterm::cursor::Show);
    ratatui::restore();
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    if stop.load(Ordering::Relaxed) {
        // Hung up while stopped: nothing to come back to.
        return Ok(());
    }
    ratatui::crossterm::terminal::enable_raw_mode()?;
    execute!(out, ratatui::crossterm::terminal::EnterAlternateScreen, EnableMouseCapture)?;
    terminal.clear()
}

/// Signals that end the reader cleanly: terminal restored, a note being typed saved.
const ENDING_SIGNALS: [i32; 3] =
    [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP, signal_hook::consts::SIGINT];

/// How long the reader may take to leave after an ending signal before the watchdog ends it.
const GRACE: Duration = Duration::from_secs(3);

/// Ends the process `GRACE` after an ending signal if the event loop has not: the last resort
/// should crossterm's reader spin on a dead tty anyway (the hang-up landing between our poll and
/// its read). Annotations are saved on every change, so only a note being typed is lost.
fn spawn_watchdog() -> io::Result<()> {
    let mut signals = signal_hook::iterator::Signals::new(ENDING_SIGNALS)?;
    thread::Builder::new().name("parallax-watchdog".into()).spawn(move || {
        if signals.forever().next().is_some() {
            thread::sleep(GRACE);
            std::process::exit(1);
        }
    })?;
    Ok(())
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut app::App,
    (rx, progress): (&mpsc::Receiver<Analysis>, &Mutex<Option<Progress>>),
    tty: &tty::Tty,
    stop: &AtomicBool,
) -> io::Result<()> {
    let started = std::time::Instant::now();
    while !app.quit && !stop.load(Ordering::Relaxed) {
        if matches!(app.phase, app::Phase::Analysing { .. }) {
            match rx.try_recv() {
                Ok(analysis) => update::finish_analysis(app, analysis),
                Err(mpsc::TryRecvError::Disconnected) => {
                    let why = WORKER_PANIC
                        .lock()
                        .ok()
                        .and_then(|s| s.clone())
                        .unwrap_or_else(|| "worker stopped".into());
                    app.phase = app::Phase::Failed(why);
                }
                Err(mpsc::TryRecvError::Empty) => {}
            }
        }
        if std::mem::take(&mut app.suspend) {
            suspend(terminal, stop)?;
        }
        terminal.draw(|frame| view::render(app, frame))?;
        let analysing = matches!(app.phase, app::Phase::Analysing { .. });
        let timeout = Duration::from_millis(if analysing { 80 } else { 250 });
        // Wait on the tty ourselves: crossterm's poll never returns once the tty is gone.
        let wait = tty.wait(timeout)?;
        match wait {
            tty::Wait::HungUp => break,
            tty::Wait::Input | tty::Wait::Signal if event::poll(Duration::ZERO)? => {
                app.handle_event(event::read()?);
                // Drain what is already queued (fast key repeat, wheel bursts) before redrawing.
                while event::poll(Duration::ZERO)? {
                    app.handle_event(event::read()?);
                    if app.quit {
                        break;
                    }
                }
            }
            // A signal with no event (SIGTERM/SIGHUP/SIGINT): the loop condition reads the flag.
            tty::Wait::Input | tty::Wait::Signal => {}
            tty::Wait::Timeout if analysing => {
                let elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
                update::update(app, action::Action::Tick { elapsed_ms });
                if let Some(p) = progress.lock().ok().and_then(|mut slot| slot.take()) {
                    update::update(app, action::Action::Progress(p));
                }
            }
            tty::Wait::Timeout => idle(app),
        }
    }
    Ok(())
}

/// Idle: save what found the file busy, and merge in what another parallax on the same corpus
/// saved (a `stat` when nothing changed).
fn idle(app: &mut app::App) {
    notes::retry(app);
    let Some(store) = &mut app.notes.store else { return };
    match store.refresh() {
        Ok(true) => {
            if let Some(ro) = store.read_only() {
                let why = ro.reason.clone();
                app.notes.unavailable = Some(format!("annotations are read-only: {why}"));
                app.warn(why);
            }
            app.refresh_lists();
            app.apply_corrections();
        }
        Ok(false) => {}
        Err(e) => app.warn(format!("annotations: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};
    use std::path::Path;

    /// The reader's modules and the modules each one names in its code (unit tests aside), read
    /// from `crate::tui::…` and `super::…` paths: `update`, `view`, `view::layout`, ….
    fn imports() -> BTreeMap<String, BTreeSet<String>> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui");
        let mut files = vec![(String::new(), root.with_extension("rs"))];
        for (dir, prefix) in [(root.clone(), ""), (root.join("view"), "view::")] {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_some_and(|e| e == "rs") {
                    let name = path.file_stem().unwrap().to_string_lossy().into_owned();
                    files.push((format!("{prefix}{name}"), path));
                }
            }
        }
        let modules: BTreeSet<String> = files.iter().map(|(m, _)| m.clone()).collect();
        let mut graph = BTreeMap::new();
        for (module, path) in &files {
            let text = std::fs::read_to_string(path).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            let parent = module.rsplit_once("::").map_or("", |(p, _)| p);
            let mut uses = BTreeSet::new();
            for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
                for (prefix, base) in [("crate::tui::", String::new()), ("super::", parent.to_string())] {
                    for (i, _) in line.match_indices(prefix) {
                        let rest = &line[i + prefix.len()..];
                        let end = rest.find(|c: char| !(c.is_alphanumeric() || "_:{}, ".contains(c)));
                        for path in expand(&rest[..end.unwrap_or(rest.len())]) {
                            let full = if base.is_empty() { path } else { format!("{base}::{path}") };
                            // The longest known module the path starts with.
                            let hit = modules
                                .iter()
                                .filter(|m| !m.is_empty())
                                .filter(|m| full == **m || full.starts_with(&format!("{m}::")));
                            if let Some(m) = hit.max_by_key(|m| m.len())
                                && m != module
                            {
                                uses.insert(m.clone());
                            }
                        }
                    }
                }
            }
            graph.insert(module.clone(), uses);
        }
        graph
    }

    /// `a::{b, c::d}` → `a::b`, `a::c::d` (one level of braces, as `use` lines here have).
    fn expand(path: &str) -> Vec<String> {
        let path = path.trim();
        match (path.find('{'), path.rfind('}')) {
            (Some(open), Some(close)) if open < close => path[open + 1..close]
                .split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(|p| {
                    if p == "self" {
                        path[..open].trim_end_matches("::").to_string()
                    } else {
                        format!("{}{p}", &path[..open])
                    }
                })
                .collect(),
            _ => vec![path.trim_end_matches([':', ' ', ',']).to_string()],
        }
    }

    #[test]
    fn the_reader_modules_form_layers_without_a_cycle() {
        let graph = imports();
        let uses = |m: &str| graph.get(m).cloned().unwrap_or_default();
        let in_view = |set: &BTreeSet<String>| {
            set.iter().filter(|m| m.starts_with("view")).cloned().collect::<Vec<_>>()
        };
        assert!(
            uses("app").iter().all(|m| m != "update" && !m.starts_with("view")),
            "app: {:?}",
            uses("app")
        );
        assert_eq!(in_view(&uses("notes")), Vec::<String>::new(), "notes uses the view");
        assert_eq!(
            in_view(&uses("update")),
            ["view::layout"],
            "update uses more of the view than its layout"
        );
        assert_eq!(in_view(&uses("view::layout")), Vec::<String>::new(), "layout uses other view modules");
        assert!(
            uses("update").contains("notes") && uses("view::claim").contains("view::panes"),
            "{graph:#?}"
        );
        // No cycle: a depth-first walk never meets a module it is still inside.
        fn walk<'a>(
            m: &'a str,
            graph: &'a BTreeMap<String, BTreeSet<String>>,
            path: &mut Vec<&'a str>,
            done: &mut BTreeSet<&'a str>,
        ) {
            if done.contains(m) {
                return;
            }
            assert!(!path.contains(&m), "import cycle: {} -> {m}", path.join(" -> "));
            path.push(m);
            for next in graph.get(m).into_iter().flatten() {
                walk(next, graph, path, done);
            }
            path.pop();
            done.insert(m);
        }
        let mut done = BTreeSet::new();
        for m in graph.keys() {
            walk(m, &graph, &mut Vec::new(), &mut done);
        }
    }
}
