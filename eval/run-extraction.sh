#!/usr/bin/env bash
# Scores parallax's web-page extraction on the article-extraction benchmark (181 real news and
# blog pages with hand-made article bodies, Scrapinghub's, MIT) with the benchmark's own
# evaluate.py, beside the reference outputs of other extractors it ships. The data is not in
# the repository: pass its folder (the one that holds html/, ground-truth.json, evaluate.py).
# Usage: eval/run-extraction.sh DATA_DIR [--n-bootstrap N]
# Prints the wall time and peak memory of the one `parallax extract --json` run over all
# pages (release build), then evaluate.py's table (F1, precision, recall, accuracy).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if [[ $# -lt 1 || ! -f "$1/evaluate.py" || ! -d "$1/html" ]]; then
  echo "run-extraction: give the article-extraction benchmark folder (with html/ and evaluate.py): eval/run-extraction.sh DATA_DIR" >&2
  exit 2
fi
data=$(cd "$1" && pwd)
shift
cargo build --release --quiet --manifest-path "$root/Cargo.toml" --bin parallax
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/output"
cp "$data/ground-truth.json" "$work/"
if [[ -d "$data/reference-outputs" ]]; then
  cp "$data"/reference-outputs/*.json "$work/output/"
fi
# One process over every page; a page without an article is an `error` line, not a failure here.
/usr/bin/time -f "parallax extract --json, $(ls "$data"/html/*.html.gz | wc -l) pages: %e s wall, %M KB peak" \
  "$root/target/release/parallax" extract --json "$data"/html/*.html.gz > "$work/lines.jsonl" || true
python3 - "$work/lines.jsonl" "$work/output/parallax.json" <<'PY'
import json, os, sys
out = {}
for line in open(sys.argv[1], encoding="utf-8"):
    row = json.loads(line)
    key = os.path.basename(row["input"]).split(".")[0]
    out[key] = {"articleBody": row.get("text", "")}
json.dump({"version": "parallax", "output": out}, open(sys.argv[2], "w", encoding="utf-8"))
PY
cd "$work" && python3 "$data/evaluate.py" "$@"
