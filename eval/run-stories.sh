#!/usr/bin/env bash
# Scores parallax's claims and discrepancies on the hand-labelled stories in eval/stories
# (four invented stories, four outlets each; see eval/stories/README.md).
# Usage: eval/run-stories.sh [extra score.py flags, e.g. -v]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cargo build --release --quiet --manifest-path "$here/../Cargo.toml"
bin="$here/../target/release/parallax"
pred=$(mktemp -d)
trap 'rm -rf "$pred"' EXIT
for story in plant-fire council-budget data-breach striker-transfer; do
  "$bin" align --json --no-cache ${PARALLAX_THRESHOLD:+--threshold "$PARALLAX_THRESHOLD"} "$here/stories/$story" > "$pred/$story.json"
done
python3 "$here/stories/score.py" "$here/stories/gold.json" "$pred" --corpus-root "$here/stories" "$@"
