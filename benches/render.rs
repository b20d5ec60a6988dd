//! How long one frame takes: the reader drawn into ratatui's TestBackend, for the main screens,
//! on the bundled corpus, and the overview on a synthetic 1,000-article analysis (criterion).
//! `cargo bench --bench render`.
#![allow(clippy::unwrap_used)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use parallax::Analysis;
use parallax::corpus::Corpus;
use parallax::tui::app::App;
use parallax::tui::{fixture, update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

fn frame(c: &mut Criterion, name: &str, app: &App) {
    let mut terminal = Terminal::new(TestBackend::new(app.size.width, app.size.height)).unwrap();
    c.bench_function(name, |b| b.iter(|| terminal.draw(|f| view::render(black_box(app), f)).unwrap().area));
}

fn bench_render(c: &mut Criterion) {
    let analysis = Analysis::new(Corpus::bundled());
    for (w, h) in [(200, 60), (120, 36)] {
        let mut app = App::new(analysis.clone(), Rect::new(0, 0, w, h));
        update::sync(&mut app);
        app.press("n n").unwrap();
        frame(c, &format!("render/compare {w}x{h}"), &app);
        app.press("Enter").unwrap();
        frame(c, &format!("render/claim view {w}x{h}"), &app);
        app.press("Esc o").unwrap();
        frame(c, &format!("render/overview {w}x{h}"), &app);
        app.press("Esc c").unwrap();
        app.type_text("outage");
        frame(c, &format!("render/claims list {w}x{h}"), &app);
        app.press("Esc ?").unwrap();
        frame(c, &format!("render/help {w}x{h}"), &app);
    }
    // Only the visible rows and article columns are drawn, whatever the corpus size.
    let mut app = App::new(fixture::many(1000, 200), Rect::new(0, 0, 200, 60));
    update::sync(&mut app);
    app.press("o L L").unwrap();
    frame(c, "render/overview 1000 articles 200x60", &app);
    app.press("Esc l j Enter J J").unwrap();
    frame(c, "render/claim view 800 members 200x60", &app);
}

criterion_group!(benches, bench_render);
criterion_main!(benches);
