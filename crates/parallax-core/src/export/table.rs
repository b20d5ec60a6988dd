//! The discrepancy table (`parallax report --discrepancies`): one row per version of each
//! discrepancy, as Markdown or CSV, for a spreadsheet or a fact-check log.
//!
//! A CSV cell is a formula to a spreadsheet when it starts with `=`, `+`, `-` or `@` (or a tab
//! or carriage return, which some strip first): article text is anyone's, so such a cell gets
//! a leading `'`, which spreadsheets show as text.

use std::fmt::Write as _;

use crate::analysis::{Analysis, Claim, Discrepancy, PassageRef};

/// How the table is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableFormat {
    Markdown,
    Csv,
}

/// The columns, in order.
const HEADER: [&str; 5] = ["claim", "discrepancy", "kind", "version", "articles"];

/// The table of every discrepancy: per version, its claim (`C<n>`), id (`D<n>`), kind, value
/// and the ids of the articles holding it; a detector that cannot split the sides gives one
/// row with its detail and every article party to it.
pub fn discrepancies(a: &Analysis, format: TableFormat) -> String {
    let rows = a.discrepancies.iter().flat_map(|d| rows(a, d));
    let mut out = String::new();
    match format {
        TableFormat::Markdown => {
            let _ = writeln!(out, "| {} |", HEADER.join(" | "));
            let _ = writeln!(out, "|{}", "---|".repeat(HEADER.len()));
            for row in rows {
                let cells: Vec<String> = row.iter().map(|c| super::md(c)).collect();
                let _ = writeln!(out, "| {} |", cells.join(" | "));
            }
        }
        TableFormat::Csv => {
            let _ = writeln!(out, "{}", HEADER.join(","));
            for row in rows {
                let cells: Vec<String> = row.iter().map(|c| csv_cell(c)).collect();
                let _ = writeln!(out, "{}", cells.join(","));
            }
        }
    }
    crate::sanitize::owned(out)
}

/// The rows of one discrepancy.
fn rows(a: &Analysis, d: &Discrepancy) -> Vec<[String; 5]> {
    let claim = format!("C{}", a.claims.get(d.claim).map_or(d.claim + 1, Claim::number));
    let row = |value: &str, refs: &mut dyn Iterator<Item = PassageRef>| {
        [claim.clone(), d.label(), d.kind.name().to_string(), value.to_string(), article_ids(a, refs)]
    };
    if d.versions.is_empty() {
        return vec![row(&d.detail, &mut d.members.iter().copied())];
    }
    d.versions.iter().map(|v| row(&v.value, &mut v.members.iter().map(|m| m.at))).collect()
}

/// The ids of the articles of `refs`, each once, in corpus order, separated by `; `.
fn article_ids(a: &Analysis, refs: &mut dyn Iterator<Item = PassageRef>) -> String {
    let articles: std::collections::BTreeSet<usize> = refs.map(|r| r.article).collect();
    articles.iter().map(|&i| a.article(i).id.as_str()).collect::<Vec<_>>().join("; ")
}

/// A CSV cell (RFC 4180): quoted when it holds a comma, quote or line break, and defused with
/// a leading `'` when a spreadsheet would read it as a formula.
fn csv_cell(s: &str) -> String {
    let defused =
        if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_string() };
    if defused.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_that_read_as_formulas_are_defused_and_quoted_when_needed() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("+1"), "'+1");
        assert_eq!(csv_cell("-2 hours"), "'-2 hours");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("13 hours, then 15"), "\"13 hours, then 15\"");
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a\nb"), "\"a\nb\"");
    }
}
