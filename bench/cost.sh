#!/usr/bin/env bash
# Where the analyzer's time goes, in one warm process (AnalyzerCost, in the test sources): each
# corpus message's median time, fitted as a cost per message plus a cost per byte; the share of
# messages whose text goes beyond Latin-1; the slowest messages; and the messages a second of one
# thread and of two, the most any `backstop analyze` run on this machine can reach (a run adds
# start-up, JIT warm-up, file reading and JSON). Runs the JVM as the launcher runs analyze.
#
# Usage: bench/cost.sh [ROUNDS] [CORPUS_DIR]
#   ROUNDS      timed rounds over the corpus, after as many untimed (default 30)
#   CORPUS_DIR  default ../shared/corpus relative to the repository root
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-30}"
corpus="${2:-$here/../shared/corpus}"
[ -d "$corpus/bounces" ] || { echo "cost.sh: no corpus at $corpus" >&2; exit 2; }
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "cost.sh: ROUNDS must be a positive number" >&2; exit 2; }
cd "$here"
mvn -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/cost.classpath
exec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmn32m \
  -cp "target/classes:target/test-classes:$(cat target/cost.classpath)" \
  org.backstop.mail.AnalyzerCost "$corpus" "$rounds"
