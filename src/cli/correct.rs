//! `parallax correct`: the reader's corrections of the analysis, headless, for scripts and
//! tests. A passage is `ARTICLE:N`: the article id as the JSON and the report print it, and
//! the passage number users see (from 1), split at the last `:`.

use std::path::PathBuf;

use parallax::Analysis;
use parallax::analysis::{Discrepancy, DiscrepancyKind, PassageRef};
use parallax::annotate::correction::{Action, anchor_passage};
use parallax::annotate::{Store, export as ann};
use parallax::corpus::Corpus;

use super::{Failure, Tuning, analyse_with_store, emit, load, say};

/// The verbs of `parallax correct`.
#[derive(clap::Subcommand)]
pub enum Correct {
    /// Same fact: some claim holds both passages (forming or joining one).
    Link {
        /// A passage, `ARTICLE:N` (N from 1, as in the reader and the report).
        a: String,
        /// The other passage, in another article.
        b: String,
        /// Folders or files of articles. None: the bundled corpus.
        paths: Vec<PathBuf>,
    },
    /// Not the same fact: no claim holds both passages.
    Unlink {
        /// A passage, `ARTICLE:N`.
        a: String,
        /// The other passage.
        b: String,
        /// Folders or files of articles. None: the bundled corpus.
        paths: Vec<PathBuf>,
    },
    /// Not a real disagreement: `D<n>` as the report numbers it, or the two passages `A B`.
    /// The discrepancy stays listed, as dismissed.
    Dismiss {
        /// `D<n> [PATH...]`, or `A B [PATH...]` (then `--kind` picks among several).
        #[arg(required = true, num_args = 1.., value_name = "D<n>|A B")]
        args: Vec<String>,
        /// The kind of discrepancy between A and B: number, date, quote, negation, attribution, scope.
        #[arg(long, value_name = "KIND")]
        kind: Option<String>,
    },
    /// List the corrections, oldest first, with what became of each.
    List {
        /// Folders or files of articles. None: the bundled corpus.
        paths: Vec<PathBuf>,
        /// Print JSON: `{"corrections": [...]}`, as in `parallax annotations --json`.
        #[arg(long)]
        json: bool,
    },
    /// Remove a correction by its id (`parallax correct list` shows ids).
    Remove {
        id: String,
        /// Folders or files of articles. None: the bundled corpus.
        paths: Vec<PathBuf>,
    },
}

/// Runs one verb.
pub fn run(verb: Correct) -> Result<(), Failure> {
    match verb {
        Correct::Link { a, b, paths } => pair(&paths, &a, &b, true),
        Correct::Unlink { a, b, paths } => pair(&paths, &a, &b, false),
        Correct::Dismiss { args, kind } => dismiss(&args, kind.as_deref()),
        Correct::List { paths, json } => list(&paths, json),
        Correct::Remove { id, paths } => {
            let mut store = open(&paths)?;
            store.remove_correction(&id).map_err(|e| match e {
                parallax::Error::NoCorrection { .. } => Failure::Usage(e.to_string()),
                e => Failure::Runtime(e.to_string()),
            })?;
            emit(&format!("removed correction {id}\n"))
        }
    }
}

/// `link` (`together`) or `unlink` of two passages.
fn pair(paths: &[PathBuf], a: &str, b: &str, together: bool) -> Result<(), Failure> {
    let corpus = load(paths)?;
    let (pa, pb) = (passage(&corpus, a)?, passage(&corpus, b)?);
    if pa == pb {
        return Err(Failure::Usage(format!("`{a}` and `{b}` are the same passage; give two")));
    }
    if together {
        if pa.article == pb.article {
            return Err(Failure::Usage(format!(
                "`{a}` and `{b}` are in the same article; a claim links passages of different articles"
            )));
        }
        for (at, typed) in [(pa, a), (pb, b)] {
            let kind = corpus.articles[at.article].passages[at.passage].kind;
            if !kind.is_statement() {
                return Err(Failure::Usage(format!(
                    "`{typed}` is a {} passage, which never joins a claim; pick a sentence",
                    serde_json::to_value(kind)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default()
                )));
            }
        }
    }
    let anchor =
        |at| anchor_passage(&corpus, at).ok_or_else(|| Failure::Usage(format!("`{a}` cannot be quoted")));
    let (x, y) = (anchor(pa)?, anchor(pb)?);
    let action = if together { Action::Link { a: x, b: y } } else { Action::Unlink { a: x, b: y } };
    let id = save(open(paths)?, action)?;
    let verb = if together { "linked" } else { "unlinked" };
    emit(&format!("{verb} {a} and {b} (correction {id}; `parallax correct remove {id}` takes it back)\n"))
}

/// `dismiss D<n> [PATH...]` or `dismiss A B [PATH...] [--kind K]`.
fn dismiss(args: &[String], kind: Option<&str>) -> Result<(), Failure> {
    let label = args.first().filter(|a| is_label(a));
    let rest = &args[if label.is_some() { 1 } else { 2.min(args.len()) }..];
    let paths: Vec<PathBuf> = rest.iter().map(PathBuf::from).collect();
    let kind = kind.map(parse_kind).transpose()?;
    let (analysis, store) = analyse_with_store(&paths, &Tuning::default())?;
    let d = match label {
        Some(label) => {
            analysis.discrepancies.iter().find(|d| d.label().eq_ignore_ascii_case(label)).ok_or_else(
                || {
                    let has = match analysis.discrepancies.len() {
                        0 => "it has none".to_string(),
                        n => format!("it has D1 to D{n}"),
                    };
                    Failure::Usage(format!(
                        "no discrepancy {label} in this corpus ({has}); `parallax report` lists them"
                    ))
                },
            )?
        }
        None => between(&analysis, args, kind)?,
    };
    if let Some(at) = analysis.corrected.dismissed.get(&d.id) {
        return emit(&format!("{} was already dismissed ({at})\n", d.label()));
    }
    let passages = d
        .members
        .iter()
        .map(|&m| anchor_passage(&analysis.corpus, m))
        .collect::<Option<Vec<_>>>()
        .ok_or_else(|| Failure::Runtime(format!("the passages of {} cannot be quoted", d.label())))?;
    let id = save(writable(store)?, Action::Dismiss { passages, discrepancy: d.kind })?;
    emit(&format!(
        "dismissed {} ({}: {}) (correction {id}; `parallax correct remove {id}` takes it back)\n",
        d.label(),
        d.kind.name(),
        parallax::sanitize::text(&d.detail)
    ))
}

/// The one discrepancy between the passages `args[0]` and `args[1]` (of `kind`, if given).
fn between<'a>(
    analysis: &'a Analysis,
    args: &[String],
    kind: Option<DiscrepancyKind>,
) -> Result<&'a Discrepancy, Failure> {
    let [a, b, ..] = args else {
        return Err(Failure::Usage("give D<n>, or two passages ARTICLE:N ARTICLE:N".into()));
    };
    let (pa, pb) = (passage(&analysis.corpus, a)?, passage(&analysis.corpus, b)?);
    let found: Vec<&Discrepancy> = analysis
        .discrepancies
        .iter()
        .filter(|d| d.members.contains(&pa) && d.members.contains(&pb))
        .filter(|d| kind.is_none_or(|k| d.kind == k))
        .collect();
    match found.as_slice() {
        [one] => Ok(one),
        [] => Err(Failure::Usage(format!(
            "no discrepancy between `{a}` and `{b}`; `parallax report` lists them"
        ))),
        many => {
            let listed: Vec<String> =
                many.iter().map(|d| format!("{} ({})", d.label(), d.kind.name())).collect();
            Err(Failure::Usage(format!(
                "{} discrepancies are between `{a}` and `{b}`: {}; give --kind or D<n>",
                many.len(),
                listed.join(", ")
            )))
        }
    }
}

/// `list`: one line per correction, or JSON.
fn list(paths: &[PathBuf], json: bool) -> Result<(), Failure> {
    let (analysis, store) = analyse_with_store(paths, &Tuning::default())?;
    let store = writable(store)?;
    let corrections = store.corrections();
    if json {
        let rows = ann::corrections_json(&analysis, &corrections);
        let mut out = parallax::json::to_string_pretty(&serde_json::json!({ "corrections": rows }))
            .map_err(|e| Failure::Runtime(e.to_string()))?;
        out.push('\n');
        return emit(&out);
    }
    if corrections.is_empty() {
        return emit("no corrections\n");
    }
    let lines: String =
        corrections.iter().map(|c| format!("{}\n", ann::correction_line(&analysis, c))).collect();
    emit(&parallax::sanitize::owned(lines))
}

/// The store of the corpus at `paths`, able to save; it says on stderr when it waits for
/// another parallax's lock.
fn open(paths: &[PathBuf]) -> Result<Store, Failure> {
    let store = Store::open(paths).map_err(|e| e.to_string());
    if let Some(moved) = store.as_ref().ok().and_then(Store::migrated) {
        say(moved);
    }
    writable(store)
}

/// `store` (as opened, or why it could not be) if it can save, saying on stderr when it
/// waits for another parallax's lock.
fn writable(store: Result<Store, String>) -> Result<Store, Failure> {
    let mut store = store.map_err(Failure::Runtime)?;
    if let Some(ro) = store.read_only() {
        return Err(Failure::Runtime(ro.reason.clone()));
    }
    store.on_busy(say);
    Ok(store)
}

/// Saves `action` as a new correction in `store`; returns its id.
fn save(mut store: Store, action: Action) -> Result<String, Failure> {
    store.correct(action).map_err(|e| Failure::Runtime(e.to_string()))
}

/// `ARTICLE:N` in `corpus`, split at the last `:`.
fn passage(corpus: &Corpus, typed: &str) -> Result<PassageRef, Failure> {
    let bad =
        |why: String| Failure::Usage(format!("`{typed}`: {why}; a passage is ARTICLE:N, e.g. story.txt:3"));
    let (id, n) = typed.rsplit_once(':').ok_or_else(|| bad("no `:N`".into()))?;
    let article = corpus.find(id).ok_or_else(|| {
        bad(format!("no article `{id}` in this corpus (ids as `parallax align --json` prints them)"))
    })?;
    let count = corpus.articles[article].passages.len();
    match n.parse::<usize>() {
        Ok(n) if (1..=count).contains(&n) => Ok(PassageRef { article, passage: n - 1 }),
        _ => Err(bad(format!("`{id}` has passages 1 to {count}"))),
    }
}

/// Whether `s` is a discrepancy label, `D<n>`.
fn is_label(s: &str) -> bool {
    s.strip_prefix(['D', 'd']).is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// A discrepancy kind by name.
fn parse_kind(name: &str) -> Result<DiscrepancyKind, Failure> {
    DiscrepancyKind::ALL.into_iter().find(|k| k.name().eq_ignore_ascii_case(name.trim())).ok_or_else(|| {
        let names: Vec<&str> = DiscrepancyKind::ALL.iter().map(|k| k.name()).collect();
        Failure::Usage(format!("--kind {name}: not a discrepancy kind; one of {}", names.join(", ")))
    })
}
