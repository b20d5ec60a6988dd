//! Writes a synthetic corpus of one story for benchmarks: N articles built from the sentences
//! of the bundled articles, with synonym swaps, dropped words, reordered clauses and filler.
//!
//! ```text
//! cargo run --release --example gen_corpus -- OUT_DIR N [SEED]
//! ```
//!
//! Also writes `OUT_DIR/gold.json`: for each article, the byte range of every sentence and the
//! source it retells, which `examples/scale_eval.rs` scores the alignment against.
//!
//! Deterministic: the same N and SEED give byte-identical files on every machine (a private
//! SplitMix64, no external data other than `parallax::bundled::corpus()`). About 7 KB per article, so
//! 1,000 articles are about 7 MB. Heavy overlap and paraphrase on purpose: every article
//! retells facts of the same five source articles.
#![allow(clippy::unwrap_used)]

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use parallax::segment;

/// SplitMix64: tiny, good enough, and stable across platforms and crate versions.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Word → paraphrases (lower case; capitalisation of the original is kept).
const SYNONYMS: &[(&str, &[&str])] = &[
    ("outage", &["disruption", "interruption", "failure", "blackout"]),
    ("said", &["stated", "noted", "told reporters", "explained"]),
    ("company", &["firm", "business", "group"]),
    ("error", &["mistake", "fault", "slip"]),
    ("report", &["article", "story", "account"]),
    ("reported", &["wrote", "claimed", "said"]),
    ("published", &["released", "posted", "issued"]),
    ("service", &["system", "platform"]),
    ("engineers", &["staff", "developers", "employees"]),
    ("users", &["customers", "clients"]),
    ("brief", &["short", "limited"]),
    ("production", &["live", "customer-facing"]),
    ("incident", &["event", "episode", "failure"]),
    ("incidents", &["events", "episodes", "failures"]),
    ("tool", &["assistant", "agent", "system"]),
    ("deleted", &["removed", "wiped", "erased"]),
    ("caused", &["triggered", "led to", "produced"]),
    ("large", &["big", "major", "significant"]),
    ("big", &["large", "major"]),
    ("quickly", &["rapidly", "swiftly"]),
    ("response", &["reply", "statement", "answer"]),
    ("claims", &["asserts", "alleges", "says"]),
    ("began", &["started", "commenced"]),
    ("hours", &["hrs", "hours"]),
    ("weeks", &["weeks"]),
    ("customers", &["users", "clients"]),
    ("AI", &["artificial intelligence", "AI", "the AI"]),
];

/// Sentences any outlet adds around the facts.
const FILLER: &[&str] = &[
    "The company did not immediately respond to a request for comment.",
    "This story is developing and will be updated.",
    "Analysts said the episode raised wider questions about automation in operations.",
    "Shares were little changed in afternoon trading.",
    "Industry observers have been watching the situation closely.",
    "Critics argue the explanation leaves several questions unanswered.",
    "Representatives for the firm declined to elaborate further.",
    "Several customers said they had not been notified in advance.",
    "It is not the first time such a dispute has played out in public.",
    "Regulators have so far declined to comment on the matter.",
    "Experts say similar tools are now common across the industry.",
    "The timeline of events remains partly unclear.",
];

const OUTLETS: &[&str] = &[
    "The Daily Ledger",
    "Cloud Wire",
    "Tech Observer",
    "Morning Packet",
    "The Register Line",
    "Byte Street",
    "Infra Weekly",
    "Signal & Noise",
];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(out), Some(n)) = (args.first(), args.get(1).and_then(|n| n.parse::<usize>().ok())) else {
        eprintln!("usage: gen_corpus OUT_DIR N [SEED]");
        return ExitCode::from(2);
    };
    let seed: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(42);
    let out = PathBuf::from(out);
    std::fs::create_dir_all(&out).unwrap();
    let mut total = 0usize;
    let mut gold = serde_json::Map::new();
    for (name, text, spans) in generate_with_gold(n, seed) {
        total += text.len();
        let spans: Vec<serde_json::Value> =
            spans.into_iter().map(|(r, id)| serde_json::json!([r.start, r.end, id])).collect();
        gold.insert(name.clone(), spans.into());
        std::fs::write(out.join(name), text).unwrap();
    }
    // Not an article (only .txt and .md are read): which source each sentence retells.
    std::fs::write(out.join("gold.json"), serde_json::Value::Object(gold).to_string()).unwrap();
    eprintln!("wrote {n} articles, {total} bytes, to {}", out.display());
    ExitCode::SUCCESS
}

/// The `n` articles of seed `seed`, as (file name, text). Also used by `benches/core.rs`.
pub fn generate(n: usize, seed: u64) -> Vec<(String, String)> {
    generate_with_gold(n, seed).into_iter().map(|(name, text, _)| (name, text)).collect()
}

/// Where each generated sentence came from: byte range in the article and the id of its source
/// (`S<k>`: the k-th sentence of the bundled bodies; `T<k>`: the k-th headline; `F<k>`: the
/// k-th filler sentence). Two passages with the same source state the same fact: the gold of
/// `examples/scale_eval.rs`.
pub type Gold = Vec<(std::ops::Range<usize>, String)>;

/// [`generate`], with each article's [`Gold`].
pub fn generate_with_gold(n: usize, seed: u64) -> Vec<(String, String, Gold)> {
    // The sentences of the bundled bodies, and their headlines.
    let corpus = parallax::bundled::corpus();
    let mut sentences: Vec<String> = Vec::new();
    let mut titles: Vec<String> = Vec::new();
    for a in &corpus.articles {
        titles.push(a.title.clone());
        for p in 0..a.passages.len() {
            let text = a.passage_text(p);
            for r in segment::sentences(text) {
                let s = text[r].trim();
                if s.split_whitespace().count() >= 5 && !sentences.iter().any(|t| t == s) {
                    sentences.push(s.to_string());
                }
            }
        }
    }
    (0..n)
        .map(|i| {
            let mut rng = Rng(seed ^ (i as u64).wrapping_mul(0xA24B_AED4_963E_E407));
            let (text, gold) = article(&mut rng, &sentences, &titles);
            (format!("article_{i:05}.txt"), text, gold)
        })
        .collect()
}

fn article(rng: &mut Rng, sentences: &[String], titles: &[String]) -> (String, Gold) {
    let mut text = String::new();
    let mut gold = Gold::new();
    let t = rng.below(titles.len());
    let title = paraphrase(rng, &titles[t], 0.3, 0.0);
    let _ = write!(text, "{}: ", rng.pick(OUTLETS));
    let start = text.len();
    let _ = writeln!(text, "{}", title.trim_end_matches('.'));
    gold.push((start..text.len() - 1, format!("T{t}")));
    // Each article retells a random window of the story (a contiguous run of facts, as outlets
    // follow a similar order) plus scattered facts, at 5–9 KB.
    let target = 5_000 + rng.below(4_000);
    let mut at = rng.below(sentences.len());
    while text.len() < target {
        let mut paragraph = String::new();
        for _ in 0..1 + rng.below(3) {
            let (s, source) = if rng.chance(0.12) {
                let k = rng.below(FILLER.len());
                (FILLER[k].to_string(), format!("F{k}"))
            } else {
                if rng.chance(0.3) {
                    at = rng.below(sentences.len());
                }
                let k = at % sentences.len();
                at += 1;
                (paraphrase(rng, &sentences[k], 0.25, 0.08), format!("S{k}"))
            };
            if !paragraph.is_empty() {
                paragraph.push(' ');
            }
            let start = text.len() + paragraph.len();
            paragraph.push_str(&s);
            gold.push((start..start + s.len(), source));
        }
        text.push_str(&paragraph);
        text.push('\n');
    }
    (text, gold)
}

/// Swaps synonyms with probability `swap`, drops non-initial words with probability `drop`,
/// and sometimes moves a leading clause to the end.
fn paraphrase(rng: &mut Rng, sentence: &str, swap: f64, drop: f64) -> String {
    let mut words: Vec<String> = Vec::new();
    for (k, w) in sentence.split_whitespace().enumerate() {
        let core = w.trim_matches(|c: char| !c.is_alphanumeric());
        if k > 0 && k + 1 < sentence.split_whitespace().count() && core.len() > 3 && rng.chance(drop) {
            continue;
        }
        let lower = core.to_lowercase();
        let hit = SYNONYMS.iter().find(|(from, _)| *from == lower || *from == core);
        match hit {
            Some((_, to)) if !core.is_empty() && rng.chance(swap) => {
                let mut new = rng.pick(to).to_string();
                if core.starts_with(char::is_uppercase) {
                    new = capitalise(&new);
                }
                words.push(w.replacen(core, &new, 1));
            }
            _ => words.push(w.to_string()),
        }
    }
    let mut s = words.join(" ");
    // "In December, X did Y." → "X did Y in December."
    if rng.chance(0.2)
        && let Some(comma) = s.find(", ")
        && comma < s.len() / 2
        && s.ends_with('.')
    {
        let (lead, rest) = s.split_at(comma);
        let rest = rest[2..].trim_end_matches('.');
        let lead = lead.trim();
        if !lead.is_empty() && !rest.is_empty() {
            let lead_lower = if lead.starts_with("I ") || lead.starts_with(char::is_lowercase) {
                lead.to_string()
            } else {
                let mut c = lead.chars();
                c.next().map(|f| f.to_lowercase().chain(c).collect()).unwrap_or_default()
            };
            s = format!("{} {lead_lower}.", capitalise(rest));
        }
    }
    s
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}
