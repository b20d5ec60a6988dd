//! Rough throughput of the segmenter against plain UAX #29 sentence bounds, on the bundled
//! articles repeated to a few megabytes: `cargo run --release --example seg_speed`.

use std::time::Instant;

use unicode_segmentation::UnicodeSegmentation;

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("articles");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    names.sort();
    let one: String =
        names.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect::<Vec<_>>().join("\n");
    if one.is_empty() {
        eprintln!("seg_speed: no articles in {}", dir.display());
        return;
    }
    let text = one.repeat((8 << 20) / one.len() + 1);
    let mb = text.len() as f64 / 1e6;
    for round in 0..3 {
        let t = Instant::now();
        let n = parallax::segment::segment(&text, 0..text.len()).len();
        let ours = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let m = text.split_sentence_bounds().count();
        let uax = t.elapsed().as_secs_f64();
        println!(
            "round {round}: {mb:.1} MB; segment {:.0} MB/s ({n} passages); UAX #29 {:.0} MB/s ({m} bounds)",
            mb / ours,
            mb / uax
        );
    }
}
