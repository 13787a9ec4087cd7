#!/usr/bin/env bash
# Scores `backstop analyze` against Sisimai 4.25.15's labels over the shared corpus and writes
# every disagreement to a file (one JSON object per line).
#
# Usage: bench/score.sh [CORPUS_DIR] [DISAGREEMENTS_FILE]
#   CORPUS_DIR          default ../shared/corpus relative to the repository root
#   DISAGREEMENTS_FILE  default bench/analyze-disagreements.jsonl
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="${1:-$here/../shared/corpus}"
out="${2:-$here/bench/analyze-disagreements.jsonl}"
[ -f "$corpus/sisimai-4.25.15.jsonl" ] || { echo "score.sh: no corpus at $corpus" >&2; exit 2; }
[ -f "$here/target/backstop.jar" ] || (cd "$here" && mvn -q -B -DskipTests package)
verdicts="$(mktemp)"
trap 'rm -f "$verdicts"' EXIT
java -jar "$here/target/backstop.jar" analyze --format json "$corpus/bounces" "$corpus/not-bounces" > "$verdicts"
python3 "$here/bench/score.py" "$corpus" "$verdicts" "$out"
