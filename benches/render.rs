//! How long one frame takes: the reader drawn into ratatui's TestBackend, for the main screens,
//! on the bundled corpus, and the overview on a synthetic 1,000-article analysis; and, on a
//! generated corpus of 1,000 articles, the first frame (before the analysis arrives) and a
//! keystroke followed by its frame; and the same on one 2.8 MB article (criterion).
//! `cargo bench --bench render`.
#![allow(clippy::unwrap_used)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use parallax::corpus::Corpus;
use parallax::pipeline;
use parallax::tui::app::App;
use parallax::tui::{fixture, update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

#[path = "../examples/gen_corpus.rs"]
#[allow(dead_code)]
mod gen_corpus;

fn frame(c: &mut Criterion, name: &str, app: &App) {
    let mut terminal = Terminal::new(TestBackend::new(app.size.width, app.size.height)).unwrap();
    c.bench_function(name, |b| b.iter(|| terminal.draw(|f| view::render(black_box(app), f)).unwrap().area));
}

fn bench_render(c: &mut Criterion) {
    let analysis = pipeline::analyse_default(parallax::bundled::corpus());
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

/// On 1,000 generated articles: the first frame the reader draws while the analysis is still
/// running, and a key press plus the frame it leads to once it has arrived.
fn bench_thousand(c: &mut Criterion) {
    let texts = gen_corpus::generate(1000, 42);
    let corpus = Corpus::from_texts(texts.iter().map(|(id, t)| (id.as_str(), t.as_str())));
    let size = Rect::new(0, 0, 200, 60);
    let mut terminal = Terminal::new(TestBackend::new(size.width, size.height)).unwrap();
    c.bench_function("first frame/1000 articles 200x60", |b| {
        b.iter(|| {
            let mut app = App::analysing(black_box(corpus.clone()), size);
            update::sync(&mut app);
            terminal.draw(|f| view::render(&app, f)).unwrap().area
        })
    });
    let mut app = App::new(pipeline::analyse_default(corpus), size);
    update::sync(&mut app);
    for (name, key) in [("j", "j"), ("n", "n"), ("]", "]"), ("l", "l")] {
        c.bench_function(&format!("keystroke {name} + frame/1000 articles 200x60"), |b| {
            b.iter(|| {
                app.press(key).unwrap();
                terminal.draw(|f| view::render(&app, f)).unwrap().area
            })
        });
    }
}

/// One 2.8 MB article beside a short one (issue 15: 0.24 s per key before layouts and diffs
/// were kept between frames): a key press plus its frame, and a frame alone.
fn bench_big_article(c: &mut Criterion) {
    let sentence = |i: usize| format!("The plant burned for {} hours on day {i}, officials said. ", i % 97);
    let mut big = String::from("Plant fire\n");
    let mut i = 0;
    while big.len() < 2_800_000 {
        big.push_str(&sentence(i));
        i += 1;
        if i % 8 == 0 {
            big.push('\n');
        }
    }
    let small = "Plant fire\nThe plant burned for 13 hours on day 1, officials said.\n";
    let corpus = Corpus::from_texts([("big.txt", big.as_str()), ("small.txt", small)]);
    let size = Rect::new(0, 0, 200, 60);
    let mut terminal = Terminal::new(TestBackend::new(size.width, size.height)).unwrap();
    let mut app = App::new(pipeline::analyse_default(corpus), size);
    update::sync(&mut app);
    c.bench_function("keystroke j + frame/2.8 MB article 200x60", |b| {
        b.iter(|| {
            app.press("j").unwrap();
            terminal.draw(|f| view::render(&app, f)).unwrap().area
        })
    });
    c.bench_function("frame/2.8 MB article 200x60", |b| {
        b.iter(|| terminal.draw(|f| view::render(black_box(&app), f)).unwrap().area)
    });
}

criterion_group!(benches, bench_render, bench_thousand, bench_big_article);
criterion_main!(benches);
