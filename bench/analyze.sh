#!/usr/bin/env bash
# Times Sisimai (Debian libsisimai-perl) and `backstop analyze` over the same copies of the
# bounce corpus, each as one process reading a directory and printing JSON, in one run.
# Prints messages per second of each and the ratio Backstop / Sisimai.
#
# Usage: bench/analyze.sh [COPIES] [CORPUS_DIR]
#   COPIES      how many copies of the corpus to analyse (default 10), so start-up time counts
#               little next to the work
#   CORPUS_DIR  default ../shared/corpus relative to the repository root
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
copies="${1:-10}"
corpus="${2:-$here/../shared/corpus}"
[ -d "$corpus/bounces" ] || { echo "analyze.sh: no corpus at $corpus" >&2; exit 2; }
perl -MSisimai -e 1 2>/dev/null || { echo "analyze.sh: Sisimai missing: apt-get install -y libsisimai-perl" >&2; exit 2; }
[ -f "$here/target/backstop.jar" ] || (cd "$here" && mvn -q -B -DskipTests package)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 - "$corpus" "$work/mail" "$copies" <<'PY'
import os, shutil, sys
corpus, dest, copies = sys.argv[1], sys.argv[2], int(sys.argv[3])
os.makedirs(dest)
for i in range(1, copies + 1):
    for sub in ("bounces", "not-bounces"):
        for name in sorted(os.listdir(os.path.join(corpus, sub))):
            shutil.copyfile(os.path.join(corpus, sub, name), os.path.join(dest, f"c{i}-{sub}-{name}"))
PY
n=$(find "$work/mail" -type f | wc -l)

now() { date +%s.%N; }

t0=$(now)
perl -MSisimai -e '
  my $v = Sisimai->make($ARGV[0], delivered => 1, vacation => 1) // [];
  print $_->dump("json"), "\n" for @$v;
' "$work/mail" > "$work/sisimai.out"
t1=$(now)
# A short-lived batch process: the C1 compiler and the serial collector start fastest.
java ${BACKSTOP_JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC} -jar "$here/target/backstop.jar" analyze --format json "$work/mail" > "$work/backstop.out"
t2=$(now)

python3 - "$n" "$t0" "$t1" "$t2" "$work/sisimai.out" "$work/backstop.out" <<'PY'
import sys
n = int(sys.argv[1]); t0, t1, t2 = map(float, sys.argv[2:5])
s_lines = sum(1 for _ in open(sys.argv[5])); b_lines = sum(1 for _ in open(sys.argv[6]))
s, b = n / (t1 - t0), n / (t2 - t1)
print(f"messages: {n}")
print(f"sisimai : {t1 - t0:8.2f} s  {s:10.1f} messages/s  ({s_lines} results)")
print(f"backstop: {t2 - t1:8.2f} s  {b:10.1f} messages/s  ({b_lines} verdicts)")
print(f"ratio   : {b / s:8.1f}x  (goal >= 20x)")
PY
