//! Draws the reader's Compare screen on the bundled corpus into ratatui's `TestBackend` and writes
//! it as an SVG: one rect per cell background, one monospace glyph per cell with its colour,
//! bold and underline. The README's `assets/screenshot.png` comes from it:
//!
//! ```sh
//! cargo run --release --example screenshot -- /tmp/screenshot.svg
//! rsvg-convert /tmp/screenshot.svg -o assets/screenshot.png    # apt-get install librsvg2-bin
//! ```
//!
//! Use librsvg, not ImageMagick's `convert`: Debian's ImageMagick 6 renders SVG text with its
//! own MSVG renderer, which draws DejaVu Sans Mono thin and drops the box-drawing glyphs.
//!
//! The state is the one the reader opens with (colour on, 140×40), after the keys given as the
//! second argument (default `]`: the first discrepancy, a scope difference highlighted on both sides).
#![allow(clippy::unwrap_used)]

use std::fmt::Write as _;

use parallax::pipeline;
use parallax::tui::app::App;
use parallax::tui::theme::Theme;
use parallax::tui::{update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

const WIDTH: u16 = 140;
const HEIGHT: u16 = 40;
/// Cell size in pixels for a 15 px DejaVu Sans Mono (advance 0.602 em).
const CELL_W: f32 = 9.0;
const CELL_H: f32 = 18.0;
const FONT_PX: f32 = 15.0;
/// The terminal's own colours: a dark theme.
const DEFAULT_FG: &str = "#d4d4d4";
const DEFAULT_BG: &str = "#1e1e1e";

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(out) = args.next() else {
        eprintln!("usage: screenshot OUT.svg [KEYS]");
        std::process::exit(2);
    };
    let keys = args.next().unwrap_or_else(|| "]".into());
    let mut app =
        App::new(pipeline::analyse_default(parallax::bundled::corpus()), Rect::new(0, 0, WIDTH, HEIGHT));
    app.theme = Theme::new(true);
    update::sync(&mut app);
    app.press(&keys).unwrap();
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
    terminal.draw(|f| view::render(&app, f)).unwrap();
    std::fs::write(&out, svg(terminal.backend().buffer())).unwrap();
    eprintln!("wrote {out}");
}

/// The xterm-like colours of the named terminal colours (VS Code's dark palette).
fn hex(c: Color, default: &'static str) -> String {
    let named = match c {
        Color::Reset => default,
        Color::Black => "#000000",
        Color::Red => "#cd3131",
        Color::Green => "#0dbc79",
        Color::Yellow => "#e5e510",
        Color::Blue => "#2472c8",
        Color::Magenta => "#bc3fbc",
        Color::Cyan => "#11a8cd",
        Color::Gray => "#e5e5e5",
        Color::DarkGray => "#666666",
        Color::LightRed => "#f14c4c",
        Color::LightGreen => "#23d18b",
        Color::LightYellow => "#f5f543",
        Color::LightBlue => "#3b8eea",
        Color::LightMagenta => "#d670d6",
        Color::LightCyan => "#29b8db",
        Color::White => "#ffffff",
        Color::Rgb(r, g, b) => return format!("#{r:02x}{g:02x}{b:02x}"),
        Color::Indexed(i) => return indexed(i),
    };
    named.to_string()
}

/// The xterm 256-colour palette above the 16 named colours.
fn indexed(i: u8) -> String {
    match i {
        16..=231 => {
            let level = |v: u8| if v == 0 { 0 } else { 55 + 40 * v };
            let v = i - 16;
            format!("#{:02x}{:02x}{:02x}", level(v / 36), level(v / 6 % 6), level(v % 6))
        }
        232..=255 => {
            let g = 8 + 10 * (i - 232);
            format!("#{g:02x}{g:02x}{g:02x}")
        }
        _ => "#c0c0c0".into(),
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn svg(buf: &Buffer) -> String {
    let (w, h) = (f32::from(buf.area.width) * CELL_W, f32::from(buf.area.height) * CELL_H);
    let mut s = String::new();
    writeln!(s, r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}">"#)
        .unwrap();
    writeln!(s, r#"<rect width="100%" height="100%" fill="{DEFAULT_BG}"/>"#).unwrap();
    writeln!(s, r#"<g font-family="DejaVu Sans Mono" font-size="{FONT_PX}px" xml:space="preserve">"#)
        .unwrap();
    for y in 0..buf.area.height {
        let mut skip = 0;
        for x in 0..buf.area.width {
            let cell = &buf[(x, y)];
            let reversed = cell.modifier.contains(Modifier::REVERSED);
            let (mut fg, mut bg) = (hex(cell.fg, DEFAULT_FG), hex(cell.bg, DEFAULT_BG));
            if reversed {
                std::mem::swap(&mut fg, &mut bg);
            }
            let (px, py) = (f32::from(x) * CELL_W, f32::from(y) * CELL_H);
            let sym = cell.symbol();
            if bg != DEFAULT_BG {
                writeln!(s, r#"<rect x="{px}" y="{py}" width="{CELL_W}" height="{CELL_H}" fill="{bg}"/>"#)
                    .unwrap();
            }
            if skip > 0 {
                // The right half of a wide character drawn in the cell before.
                skip -= 1;
                continue;
            }
            skip = sym.width().saturating_sub(1);
            if sym.trim().is_empty() {
                continue;
            }
            let mut attrs = String::new();
            if cell.modifier.contains(Modifier::BOLD) {
                attrs.push_str(r#" font-weight="bold""#);
            }
            if cell.modifier.contains(Modifier::UNDERLINED) {
                attrs.push_str(r#" text-decoration="underline""#);
            }
            if cell.modifier.contains(Modifier::DIM) {
                attrs.push_str(r#" fill-opacity="0.6""#);
            }
            let base = py + CELL_H * 0.76;
            writeln!(s, r#"<text x="{px}" y="{base}" fill="{fg}"{attrs}>{}</text>"#, escape(sym)).unwrap();
        }
    }
    s.push_str("</g>\n</svg>\n");
    s
}
