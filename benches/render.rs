//! How long one frame takes: the reader drawn into ratatui's TestBackend, for the main screens,
//! on the bundled corpus. A plain timing loop (no criterion) so it costs no extra dependency;
//! run with `cargo bench --bench render`.
#![allow(clippy::unwrap_used)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use parallax::Analysis;
use parallax::corpus::Corpus;
use parallax::tui::app::App;
use parallax::tui::{update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

fn time(name: &str, app: &App) {
    let mut terminal = Terminal::new(TestBackend::new(app.size.width, app.size.height)).unwrap();
    let mut frames = 0u32;
    let start = Instant::now();
    while start.elapsed() < Duration::from_millis(700) {
        terminal.draw(|f| view::render(black_box(app), f)).unwrap();
        frames += 1;
    }
    let per = start.elapsed() / frames;
    println!("{name:<28} {:>8.1} µs/frame ({frames} frames)", per.as_secs_f64() * 1e6);
}

fn main() {
    let analysis = Analysis::new(Corpus::bundled());
    for (w, h) in [(120, 36), (200, 60)] {
        let mut app = App::new(analysis.clone(), Rect::new(0, 0, w, h));
        update::sync(&mut app);
        app.press("n n").unwrap();
        time(&format!("compare {w}x{h}"), &app);
        app.press("Enter").unwrap();
        time(&format!("claim view {w}x{h}"), &app);
        app.press("Esc o").unwrap();
        time(&format!("overview {w}x{h}"), &app);
        app.press("Esc c").unwrap();
        app.type_text("outage");
        time(&format!("claims list {w}x{h}"), &app);
        app.press("Esc ?").unwrap();
        time(&format!("help {w}x{h}"), &app);
    }
}
