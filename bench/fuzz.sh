#!/usr/bin/env bash
# Fuzzes the analyzer with mutations of the shared corpus's messages (CorpusFuzz, in the test
# sources): each must get a verdict with no exception, no rule error and no time limit reached;
# prints the time per mutation (median, p99, p99.9, max) and saves the slowest and any failing
# message under target/fuzz. Exit status 1 when a mutation failed.
#
# Usage: bench/fuzz.sh [COUNT] [SEED] [CORPUS_DIR]
#   COUNT       mutations (default 100000)
#   SEED        random seed (default 20261204); the same seed gives the same mutations
#   CORPUS_DIR  default ../shared/corpus relative to the repository root
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
count="${1:-100000}"
seed="${2:-20261204}"
corpus="${3:-$here/../shared/corpus}"
[ -d "$corpus/bounces" ] || { echo "fuzz.sh: no corpus at $corpus" >&2; exit 2; }
[[ "$count" =~ ^[1-9][0-9]*$ && "$seed" =~ ^-?[0-9]+$ ]] || { echo "fuzz.sh: COUNT must be a positive number and SEED a number" >&2; exit 2; }
cd "$here"
mvn -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/fuzz.classpath
# The JVM that users run analyze in (the launcher's options), on the analyzer classes themselves.
exec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
  -cp "target/classes:target/test-classes:$(cat target/fuzz.classpath)" \
  org.backstop.mail.CorpusFuzz "$corpus" "$count" "$seed" target/fuzz
