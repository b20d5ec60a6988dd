//! Scores the segmenter on the English "Golden Rules" (provenance and licence in
//! `crates/parallax-core/tests/data/README.md`).
//!
//! `cargo run --release --example golden_rules -- [PATH]` prints exact and whitespace-collapsed
//! pass counts, the count on the 48 rules of the pySBD benchmark, and every failure. Without
//! `PATH` it reads the copy vendored for the tests (`crates/parallax-core/tests/data/`).

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let path = std::env::args().nth(1).unwrap_or_else(|| {
        format!("{}/crates/parallax-core/tests/data/golden_rules_en.json", env!("CARGO_MANIFEST_DIR"))
    });
    let rules: Vec<serde_json::Value> = match std::fs::read_to_string(&path)
        .map_err(|e| e.to_string())
        .and_then(|s| serde_json::from_str(&s).map_err(|e| e.to_string()))
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!(
                "golden_rules: cannot read {path}: {e}; pass the rules file: cargo run --release --example golden_rules -- PATH"
            );
            return ExitCode::from(2);
        }
    };
    let collapse = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let (mut exact, mut collapsed, mut pysbd, mut pysbd_total) = (0, 0, 0, 0);
    let mut failures = Vec::new();
    for rule in &rules {
        let text = rule["text"].as_str().unwrap_or_default();
        let expected: Vec<&str> =
            rule["sentences"].as_array().into_iter().flatten().filter_map(|v| v.as_str()).collect();
        let got: Vec<&str> =
            parallax::segment::segment(text, 0..text.len()).iter().map(|s| &text[s.start..s.end]).collect();
        let ok_exact = got == expected;
        let ok_collapsed = got.iter().map(|s| collapse(s)).collect::<Vec<_>>()
            == expected.iter().map(|s| collapse(s)).collect::<Vec<_>>();
        exact += usize::from(ok_exact);
        collapsed += usize::from(ok_collapsed);
        if rule["in_pysbd_benchmark"].as_bool() == Some(true) {
            pysbd_total += 1;
            pysbd += usize::from(ok_exact);
        }
        if !ok_exact {
            failures.push(format!(
                "#{} {} ({})\n  expected: {expected:?}\n  got:      {got:?}",
                rule["id"],
                rule["name"].as_str().unwrap_or_default(),
                if ok_collapsed { "passes collapsed" } else { "fails collapsed too" }
            ));
        }
    }
    let mut report = format!(
        "golden rules: {exact}/{} exact, {collapsed}/{} collapsed whitespace\n",
        rules.len(),
        rules.len()
    );
    report += &format!("pySBD subset: {pysbd}/{pysbd_total} exact\n");
    for f in &failures {
        report += f;
        report.push('\n');
    }
    // Ignore a closed pipe (`| head`).
    let _ = std::io::stdout().write_all(report.as_bytes());
    ExitCode::SUCCESS
}
