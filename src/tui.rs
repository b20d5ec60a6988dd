//! The terminal reader: a layer over [`crate::analysis::Analysis`].
//!
//! Elm shape: [`app::App`] is plain state grouped per screen, [`action::Action`] the intents,
//! [`keymap`] the one table of keys, [`update::update`] the only mutation, [`view::render`] the
//! only drawing. This file owns the terminal: it enters and leaves raw mode, runs the analysis on
//! a worker thread so the first screen appears at once, and exits cleanly on `q`, SIGTERM,
//! SIGHUP, SIGINT, SIGQUIT (status 128 + the signal), a terminal that goes away, or a panic;
//! ctrl-z and an external SIGTSTP give the terminal back before the process stops.
//!
//! Who imports whom (an arrow reads "uses"; unit tests aside). There is no cycle: the state
//! knows neither update nor the view, update sees only the view's geometry, the view only reads.
//!
//! ```text
//! action, fold, wrap, theme, tty, parse, fixture, external  leaves (the analysis core only)
//! query        -> fold                                      what the screens derive
//! memo         -> wrap                                      layouts and diffs kept between frames
//! input        -> action                                    the one line-input component
//! keymap       -> action
//! app          -> keymap, query, input, theme, memo, external  the state
//! notes        -> app, action, input                        annotation keys and reads
//! resume       -> app                                       where the reader left off
//! corrections  -> app, action, query                        the correction keys
//! help         -> app, keymap                               the text of the ? overlay
//! view::layout -> app, notes, query, wrap                   every size; draws nothing
//! update       -> app, action, input, keymap, query, notes, corrections, help, wrap, external,
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
pub mod external;
#[doc(hidden)]
pub mod fixture;
pub mod fold;
pub mod help;
pub mod input;
pub mod keymap;
pub mod memo;
pub mod notes;
pub mod parse;
pub mod query;
pub mod resume;
pub mod theme;
pub mod tty;
pub mod update;
pub mod view;
pub mod wrap;

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::thread;
use std::time::Duration;

use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture, Event};
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

/// How the reader closed, once the terminal is restored.
#[derive(Debug)]
pub struct Closed {
    /// The corpus's load warnings and any problem with the annotations store, to print now
    /// that the screen is given back.
    pub warnings: Vec<String>,
    /// The signal that ended the reader (the process should exit with 128 + it), if one did.
    pub signal: Option<i32>,
    /// Changes that could not be saved, each with its text (the run then fails).
    pub unsaved: Vec<String>,
}

/// Opens the reader on the corpus `load` reads from `paths`, analysed with `config` and drawn
/// for `background`, drawing the first frame before calling it: ten thousand files take a
/// moment to read and segment. Returns how it closed, or `load`'s error, with the terminal
/// restored either way.
pub fn run_loading<E>(
    paths: &[std::path::PathBuf],
    (config, background): (crate::analysis::Config, theme::Background),
    load: impl FnOnce() -> Result<Corpus, E>,
) -> io::Result<Result<Closed, E>> {
    // The ending signal's number, 0 until one comes. Raw mode turns Ctrl-C into a key, but
    // `kill -INT` still arrives as a signal.
    let ended = Arc::new(AtomicUsize::new(0));
    for sig in ENDING_SIGNALS {
        signal_hook::flag::register_usize(sig, Arc::clone(&ended), sig.unsigned_abs() as usize)?;
    }
    // An external SIGTSTP (`kill -TSTP`, a job-control shell) is ctrl-z: caught, so the
    // terminal is restored before the process stops.
    let stopped = Arc::new(AtomicBool::new(false));
    signal_hook::flag::register(signal_hook::consts::SIGTSTP, Arc::clone(&stopped))?;
    let signals = Signals { ended: &ended, stopped: &stopped };
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
    let theme = theme::Theme::on(color_enabled(), background);
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
    let mut warnings: Vec<String> = corpus.warnings.drain(..).map(|w| w.to_string()).collect();

    let (tx, rx) = mpsc::channel();
    let work = corpus.clone();
    let progress: Arc<Mutex<Option<Progress>>> = Arc::default();
    let report = Arc::clone(&progress);
    let cache = crate::cache::Cache::locate(paths);
    thread::Builder::new().name(WORKER.into()).spawn(move || {
        let (analysis, _) = crate::cache::analyse(work, &config, cache.as_ref(), &|p| {
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
        Ok(store) => {
            warnings.extend(store.read_only().map(|ro| ro.reason.clone()));
            app.attach_store(store);
        }
        Err(e) => {
            let why = format!("annotations unavailable: {e}");
            warnings.push(why.clone());
            app.notes.unavailable = Some(why.clone());
            app.warn(why);
        }
    }
    resume::restore(&mut app);
    update::sync(&mut app);
    let result = event_loop(&mut terminal, &mut app, (&rx, &progress), &tty, &signals);
    // However it ended (q, SIGTERM/SIGHUP/SIGINT, hang-up): save what is being typed or queued.
    let unsaved = notes::finish(&mut app);
    // Best effort: a reader that cannot save its place still closed cleanly.
    let _ = resume::save(&app);
    drop(guard);
    ratatui::restore();
    let _ = std::panic::take_hook();
    let signal = match ended.load(Ordering::Relaxed) {
        0 => None,
        sig => i32::try_from(sig).ok(),
    };
    result.map(|()| Ok(Closed { warnings, signal, unsaved }))
}

/// The flags the signal handlers set.
struct Signals<'a> {
    /// The number of the ending signal that came, or 0.
    ended: &'a AtomicUsize,
    /// An external SIGTSTP came.
    stopped: &'a AtomicBool,
}

impl Signals<'_> {
    fn ended(&self) -> bool {
        self.ended.load(Ordering::Relaxed) != 0
    }

    /// Runs `program` (an editor, a pager) as `system(3)` does: ctrl-c and ctrl-\ typed there
    /// reach the whole foreground process group, and they are the program's keys, not a
    /// request to end the reader. SIGTERM and SIGHUP still end it once the program returns.
    fn while_external<T>(&self, program: impl FnOnce() -> T) -> T {
        EXTERNAL.store(true, Ordering::SeqCst);
        let before = self.ended.load(Ordering::SeqCst);
        let out = program();
        let after = self.ended.load(Ordering::SeqCst);
        if before == 0 && is_keyboard_signal(after) {
            self.ended.store(0, Ordering::SeqCst);
        }
        EXTERNAL.store(false, Ordering::SeqCst);
        out
    }
}

/// Whether an external program (`v`, `V`) has the terminal: the watchdog then lets ctrl-c pass.
static EXTERNAL: AtomicBool = AtomicBool::new(false);

/// SIGINT and SIGQUIT: what ctrl-c and ctrl-\\ send to the terminal's foreground processes.
fn is_keyboard_signal(sig: usize) -> bool {
    [signal_hook::consts::SIGINT, signal_hook::consts::SIGQUIT]
        .iter()
        .any(|&s| s.unsigned_abs() as usize == sig)
}

/// Leaves mouse capture, shows the cursor, and leaves raw mode and the alternate screen.
fn restore_terminal() {
    let _ = execute!(io::stdout(), DisableMouseCapture, ratatui::crossterm::cursor::Show);
    ratatui::restore();
}

/// Ctrl-Z or SIGTSTP: gives the terminal back, stops the process as a shell job, and takes the
/// terminal again when `fg` continues it (issue #6). SIGTSTP is caught (to restore the terminal
/// first), so the stop is its default action done by hand (a SIGSTOP). Without a parent shell
/// (the process was adopted) nothing could continue it, so the reader simply redraws.
fn suspend(terminal: &mut ratatui::DefaultTerminal, signals: &Signals) -> io::Result<()> {
    let mut out = io::stdout();
    restore_terminal();
    let adopted = rustix::process::getppid().is_none_or(|p| p.as_raw_nonzero().get() == 1);
    if !adopted {
        signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP)?;
    }
    // A SIGTSTP that came while stopped is the same stop.
    signals.stopped.store(false, Ordering::Relaxed);
    if signals.ended() {
        // Hung up while stopped: nothing to come back to.
        return Ok(());
    }
    ratatui::crossterm::terminal::enable_raw_mode()?;
    execute!(out, ratatui::crossterm::terminal::EnterAlternateScreen, EnableMouseCapture)?;
    terminal.clear()
}

/// Signals that end the reader cleanly: terminal restored, a note being typed saved, exit
/// status 128 + the signal.
const ENDING_SIGNALS: [i32; 4] = [
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGINT,
    signal_hook::consts::SIGQUIT,
];

/// How long the reader may take to leave after an ending signal before the watchdog ends it.
const GRACE: Duration = Duration::from_secs(3);

/// Ends the process `GRACE` after an ending signal if the event loop has not, restoring the
/// terminal first: the last resort should the loop be stuck anyway. Annotations are saved on
/// every change, so only a note being typed is lost.
fn spawn_watchdog() -> io::Result<()> {
    let mut signals = signal_hook::iterator::Signals::new(ENDING_SIGNALS)?;
    thread::Builder::new().name("parallax-watchdog".into()).spawn(move || {
        // A ctrl-c typed in an editor or pager the reader opened is that program's.
        let ending = signals.forever().find(|&sig| {
            !(EXTERNAL.load(Ordering::SeqCst) && is_keyboard_signal(sig.unsigned_abs() as usize))
        });
        if let Some(sig) = ending {
            thread::sleep(GRACE);
            restore_terminal();
            std::process::exit(128 + sig);
        }
    })?;
    Ok(())
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut app::App,
    (rx, progress): (&mpsc::Receiver<Analysis>, &Mutex<Option<Progress>>),
    tty: &tty::Tty,
    signals: &Signals,
) -> io::Result<()> {
    let started = std::time::Instant::now();
    // A frame is drawn only after something happened: idle, the reader costs nothing.
    let mut dirty = true;
    let mut parser = parse::Parser::default();
    let mut buf = [0u8; 4096];
    while !app.quit && !signals.ended() {
        if matches!(app.phase, app::Phase::Analysing { .. }) {
            dirty = true;
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
        if signals.stopped.swap(false, Ordering::Relaxed) {
            app.suspend = true;
        }
        if std::mem::take(&mut app.suspend) {
            suspend(terminal, signals)?;
            if signals.ended() {
                break;
            }
            dirty = true;
        }
        if std::mem::take(&mut dirty) {
            terminal.draw(|frame| view::render(app, frame))?;
        }
        if let Some(request) = app.external.take() {
            let result = signals.while_external(|| external::run(request, terminal));
            match result {
                Ok(done) => app.say(done),
                Err(why) => app.warn(why),
            }
            if signals.ended() {
                break;
            }
            terminal.draw(|frame| view::render(app, frame))?;
        }
        let analysing = matches!(app.phase, app::Phase::Analysing { .. });
        let timeout = Duration::from_millis(if analysing { 80 } else { 250 });
        // Wait on the tty and read it ourselves (see `tty` and `parse`).
        let wait = tty.wait(timeout)?;
        dirty = matches!(wait, tty::Wait::Input | tty::Wait::Signal);
        match wait {
            tty::Wait::HungUp => break,
            tty::Wait::Input => {
                // End of input, or a read error (EIO from a pty whose other end closed): the
                // terminal is gone, as with a hang-up.
                let n = tty.read(&mut buf).unwrap_or(0);
                if n == 0 {
                    break;
                }
                // Everything read at once (fast key repeat, wheel bursts) before one redraw.
                for e in parser.feed(&buf[..n], n == buf.len()) {
                    app.handle_event(e);
                    if app.quit {
                        break;
                    }
                }
            }
            // A resize, or an ending or stop signal, which the loop's checks read.
            tty::Wait::Signal => {
                if let Ok((width, height)) = ratatui::crossterm::terminal::size()
                    && (width, height) != (app.size.width, app.size.height)
                {
                    app.handle_event(Event::Resize(width, height));
                }
            }
            tty::Wait::Timeout if analysing => {
                let elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
                update::update(app, action::Action::Tick { elapsed_ms });
                if let Some(p) = progress.lock().ok().and_then(|mut slot| slot.take()) {
                    update::update(app, action::Action::Progress(p));
                }
            }
            tty::Wait::Timeout => dirty = idle(app),
        }
    }
    Ok(())
}

/// Idle: save what found the file busy, and merge in what another parallax on the same corpus
/// saved (a `stat` when nothing changed). Returns whether the screen changed.
fn idle(app: &mut app::App) -> bool {
    let queued = app.notes.retry.len();
    notes::retry(app);
    let retried = app.notes.retry.len() != queued;
    let Some(store) = &mut app.notes.store else { return retried };
    match store.refresh() {
        Ok(true) => {
            if let Some(ro) = store.read_only() {
                let why = ro.reason.clone();
                app.notes.unavailable = Some(format!("annotations are read-only: {why}"));
                app.warn(why);
            }
            app.refresh_lists();
            app.apply_corrections();
            true
        }
        Ok(false) => retried,
        Err(e) => {
            app.warn(format!("annotations: {e}"));
            true
        }
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
