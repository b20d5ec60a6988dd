#!/usr/bin/env bash
# Scores parallax's claims and discrepancies on the hand-labelled stories in eval/stories
# (four invented stories, four outlets each; see eval/stories/README.md).
# Usage: eval/run-stories.sh [extra score.py flags, e.g. -v or --json]
# Ends with the strict pair scores, the ones to quote: lenient ignores every link to an
# unlabelled sentence, so it cannot see the aligner linking what states no shared fact.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cargo build --release --quiet --manifest-path "$here/../Cargo.toml" --bin parallax
bin="$here/../target/release/parallax"
pred=$(mktemp -d)
trap 'rm -rf "$pred"' EXIT
for story in plant-fire council-budget data-breach striker-transfer; do
  "$bin" align --json --no-cache ${PARALLAX_THRESHOLD:+--threshold "$PARALLAX_THRESHOLD"} "$here/stories/$story" > "$pred/$story.json"
done
score=(python3 "$here/stories/score.py" "$here/stories/gold.json" "$pred" --corpus-root "$here/stories")
"${score[@]}" "$@"
for flag in "$@"; do
  [[ $flag == --json ]] && exit 0 # machine-readable output stays pure JSON
done
"${score[@]}" --json > "$pred/scores.json"
python3 - "$pred/scores.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))["micro"]
s, l = m["strict"], m["lenient"]
print("\n== STRICT (a link to an unlabelled sentence counts as a false positive) ==")
print(f"  strict  F1={s['f1']:.3f} (P={s['p']:.3f} R={s['r']:.3f})   lenient F1={l['f1']:.3f}")
PY
