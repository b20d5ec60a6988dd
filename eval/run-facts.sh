#!/usr/bin/env bash
# Scores parallax on real coverage labelled fact by fact (ECB+ stories with their own scorer;
# see that folder's README.md). The data is not in the repository.
# Usage: eval/run-facts.sh [FACTS_DIR] [--json]
#   FACTS_DIR defaults to ../shared/benchmarks/facts beside the repository.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data="$root/../shared/benchmarks/facts"
if [[ $# -gt 0 && $1 != -* ]]; then
  data=$1
  shift
fi
if [[ ! -f "$data/score_facts.py" ]]; then
  echo "run-facts: no fact-labelled stories at $data (score_facts.py missing); pass the folder: eval/run-facts.sh FACTS_DIR" >&2
  exit 2
fi
cargo build --release --quiet --manifest-path "$root/Cargo.toml" --bin parallax
python3 "$data/score_facts.py" "$root/target/release/parallax" "$data" "$@"
