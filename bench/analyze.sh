#!/usr/bin/env bash
# Times Sisimai (Debian libsisimai-perl) and `backstop analyze` over the same copies of the
# bounce corpus, each as one process reading a directory and printing JSON, in one run.
# Prints messages per second of each and the ratio Backstop / Sisimai.
#
# Usage: bench/analyze.sh [COPIES] [CORPUS_DIR]
#   COPIES      how many copies of the corpus to analyse (default 50: at 10, JVM start-up, JIT
#               compilation and warm-up are most of a Backstop run), so start-up time counts
#               little next to the work
#   CORPUS_DIR  default ../shared/corpus relative to the repository root
# Environment: ROUNDS  how many times the pair runs (default 3): Sisimai, then Backstop, each
#                      round; each round's ratio is printed, and the median of the rounds. The
#                      machines here drift by a fifth within minutes, so one pair proves little.
#              STAGES=1 each round also runs `backstop analyze` cut short (AnalyzeFloor, in the
#                      test sources): "unwritten" runs every rule but writes an empty verdict in
#                      place of each; "parse" lists, reads and MIME-parses every file and writes
#                      empty verdicts, no rule runs; "read" does not even parse. Sisimai's time over
#                      parse's is the most any rules could leave Backstop: the ratio's ceiling.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
copies="${1:-50}"
corpus="${2:-$here/../shared/corpus}"
[ -d "$corpus/bounces" ] || { echo "analyze.sh: no corpus at $corpus" >&2; exit 2; }
[[ "${ROUNDS:-3}" =~ ^[1-9][0-9]*$ ]] || { echo "analyze.sh: ROUNDS must be a positive number" >&2; exit 2; }
perl -MSisimai -e 1 2>/dev/null || { echo "analyze.sh: Sisimai missing: apt-get install -y libsisimai-perl" >&2; exit 2; }
if [ "${STAGES:-0}" = 1 ]; then
  # The harness is compiled with the jar, so the two always match.
  (cd "$here" && mvn -q -B -DskipTests package)
else
  [ -f "$here/target/backstop.jar" ] || (cd "$here" && mvn -q -B -DskipTests package)
fi

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
cp "$here/target/backstop.jar" "$work/backstop.jar"  # a rebuild during the run must not matter
if [ "${STAGES:-0}" = 1 ]; then
  # A jar, not a class directory, so that the class-data archive holds the harness too.
  (cd "$here/target/test-classes" && jar cf "$work/stages.jar" org/backstop/cli/AnalyzeFloor.class \
    org/backstop/mail/AnalyzerStages.class)
fi

# Each tool runs as one process over the same directory; wall time and the process's CPU time
# (user + system, from getrusage) are both reported: on a shared machine CPU time is the fair one.
# Backstop runs as users run it, through ./backstop (JVM options and class-data archive there);
# BACKSTOP_JAVA_OPTS adds JVM options. Its one-time archive is made first, untimed, as a user's
# first run makes it.
python3 - "$n" "$work" "$here/backstop" "$work/backstop.jar" "${STAGES:-0}" <<'PY'
import os, resource, statistics, subprocess, sys, time
n, work, launcher, jar, stages = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5] == "1"
env = dict(os.environ, BACKSTOP_JAR=jar)

def run(cmd, out):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    with open(out, "w") as f:
        subprocess.run(cmd, stdout=f, check=True, env=env)
    wall = time.monotonic() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    lines = sum(1 for _ in open(out))
    return wall, cpu, lines

sisimai = ["perl", "-MSisimai", "-e",
           'my $v = Sisimai->make($ARGV[0], delivered => 1, vacation => 1) // [];'
           ' print $_->dump("json"), "\n" for @$v;', work + "/mail"]
backstop = [launcher, "analyze", "--format", "json", work + "/mail"]
first = sorted(os.listdir(work + "/mail"))[0]
pw, pc, _ = run([launcher, "analyze", "--format", "json", work + "/mail/" + first], work + "/prime.out")
rounds = int(os.environ.get("ROUNDS", "3"))
# The cut-short runs: the JVM as ./backstop starts it for analyze (keep these three options equal to
# the launcher's), with a class-data archive of their own made by an untimed first run.
cut = ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmn32m", "-Xlog:cds=off",
       "-Xlog:cds+dynamic=off", "-cp", f"{jar}:{work}/stages.jar"]
jsa = work + "/stages.jsa"
if stages:
    run(cut + [f"-XX:ArchiveClassesAtExit={jsa}", "org.backstop.cli.AnalyzeFloor", "full",
               "--format", "json", work + "/mail/" + first], work + "/prime.out")
    cut += [f"-XX:SharedArchiveFile={jsa}", "-Xshare:auto", "org.backstop.cli.AnalyzeFloor"]
print(f"messages: {n} (each tool: one process over the same directory), {rounds} rounds")
walls, cpus, rates = [], [], []
floors = {"unwritten": [], "parse": [], "read": []}
for r in range(1, rounds + 1):
    sw, sc, sl = run(sisimai, work + "/sisimai.out")
    bw, bc, bl = run(backstop, work + "/backstop.out")
    print(f"round {r}")
    print(f"  sisimai : wall {sw:7.2f} s {n / sw:9.1f} msg/s | cpu {sc:7.2f} s {n / sc:9.1f} msg/cpu-s | {sl} results")
    print(f"  backstop: wall {bw:7.2f} s {n / bw:9.1f} msg/s | cpu {bc:7.2f} s {n / bc:9.1f} msg/cpu-s | {bl} verdicts")
    print(f"  ratio   : wall {sw / bw:6.1f}x   cpu {sc / bc:6.1f}x")
    for stage in floors if stages else ():
        fw, fc, fl = run(cut + [stage, "--format", "json", work + "/mail"], work + "/stage.out")
        if fl != n:
            sys.exit(f"analyze.sh: the {stage} stage wrote {fl} verdicts for {n} messages")
        print(f"  {stage:9}: wall {fw:6.2f} s {n / fw:9.1f} msg/s | cpu {fc:7.2f} s {n / fc:9.1f} msg/cpu-s"
              f" | ratio {sw / fw:5.1f}x wall; {bw - fw:5.2f} s wall less than the whole")
        floors[stage].append(sw / fw)
    walls.append(sw / bw); cpus.append(sc / bc); rates.append((n / sw, n / bw))
med = statistics.median
print(f"median  : sisimai {med(s for s, _ in rates):.1f} msg/s, backstop {med(b for _, b in rates):.1f} msg/s;"
      f" ratio wall {med(walls):.1f}x (rounds: {', '.join(f'{w:.1f}' for w in walls)}),"
      f" cpu {med(cpus):.1f}x   (goal >= 20x)")
for stage, ceilings in floors.items():
    if ceilings:
        what = {"unwritten": "every rule, no verdict written", "parse": "no rule: the ceiling",
                "read": "no MIME parse either"}[stage]
        print(f"{stage:9}: ratio to Sisimai, median {med(ceilings):.1f}x ({what};"
              f" rounds: {', '.join(f'{c:.1f}' for c in ceilings)})")
print(f"(untimed first run of ./backstop on one message, class-data archive made: wall {pw:.2f} s, cpu {pc:.2f} s)")
PY
