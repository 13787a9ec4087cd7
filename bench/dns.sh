#!/usr/bin/env bash
# Benchmark: Backstop's DNS server against rbldnsd on the same 1,000,000-entry ip4tset zone.
# Both servers are pinned to CPU 0 (taskset), dnsperf runs on CPU 1 and asks them in alternating
# rounds (ROUNDS, default 5).
# Prints each server's queries per second, the ratio, and the resident memory the entries add
# (RSS with the full zone minus RSS after reloading an empty zone, per entry).
#
# Usage: bench/dns.sh [ENTRIES] [QUESTIONS]     (defaults 1000000 and 500000)
# Needs: rbldnsd dnsperf (Debian packages), taskset, java 17, maven (to build target/backstop.jar).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
entries="${1:-1000000}"
questions="${2:-500000}"
for tool in rbldnsd dnsperf taskset python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y $tool)" >&2; exit 1; }
done
jar="$here/target/backstop.jar"
"$here/backstop" --version >/dev/null # builds the jar when it is missing or stale

work="$(mktemp -d /tmp/backstop-bench.XXXXXX)"
chmod 755 "$work" # rbldnsd reads the data as user rbldns
cleanup() { # the servers were started in subshells: their pids are kept in a file
  if [ -f "$work/pids" ]; then
    while read -r p; do kill "$p" 2>/dev/null || true; done <"$work/pids"
  fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "generating $entries random IPv4 /32s and $questions questions in $work ..." >&2
python3 - "$work" "$entries" "$questions" <<'PY'
import random, sys
work, n, q = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rnd = random.Random(42)
listed = [rnd.getrandbits(32) for _ in range(n)]
def dotted(a): return "%d.%d.%d.%d" % (a >> 24, (a >> 16) & 255, (a >> 8) & 255, a & 255)
def rev(a): return "%d.%d.%d.%d" % (a & 255, (a >> 8) & 255, (a >> 16) & 255, a >> 24)
head = ":127.0.0.2:Listed, see http://bl.bench/lookup?ip=$\n"
with open(work + "/full.txt", "w") as f:
    f.write(head + "127.0.0.2\n")
    f.write("\n".join(dotted(a) for a in listed))
    f.write("\n")
with open(work + "/probe.txt", "w") as f:
    f.write(rev(listed[0]) + ".bl.bench\n")
with open(work + "/empty.txt", "w") as f:
    f.write(head + "127.0.0.2\n")
with open(work + "/queries.txt", "w") as f:
    for i in range(q):
        a = listed[rnd.randrange(n)] if i % 2 == 0 else rnd.getrandbits(32)
        f.write("%s.bl.bench %s\n" % (rev(a), "TXT" if rnd.random() < 0.1 else "A"))
PY
chmod 644 "$work"/*.txt

free_port() { python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
rss_kb() { awk '/^VmRSS:/{print $2}' "/proc/$1/status"; }
wait_ready() { # port: poll until the server answers (loading 1M entries on a busy core takes a while)
  local deadline=$((SECONDS + 600))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if dig +short +tries=1 +time=1 -p "$1" @127.0.0.1 2.0.0.127.bl.bench A 2>/dev/null | grep -q 127.0.0; then return 0; fi
    sleep 0.2
  done
  echo "server on port $1 did not answer; logs:" >&2; tail -5 "$work"/*.log >&2; return 1
}
perf() { # port -> "qps completed"
  taskset -c 1 dnsperf -s 127.0.0.1 -p "$1" -d "$work/queries.txt" -n 1 -q 200 -t 2 2>/dev/null \
    | awk '/Queries completed/{c=$3} /Queries per second/{q=$4} END{print q, c}'
}
cpu_ticks() { # pid -> user+system clock ticks of the whole process (all threads)
  awk '{print $14 + $15}' "/proc/$1/stat"
}
settle() { # pid: wait until RSS stops growing
  local last=0 now
  for _ in $(seq 1 20); do now=$(rss_kb "$1"); [ "$now" = "$last" ] && break; last=$now; sleep 0.5; done
}

start_rbldnsd() { # file port
  taskset -c 0 rbldnsd -n -q -b "127.0.0.1/$2" "bl.bench:ip4tset:$1" >"$work/rbldnsd.log" 2>&1 &
  echo $!
}
start_backstop() { # file port
  taskset -c 0 java -XX:+UseSerialGC -Xms8m -Xmn4m -XX:MinHeapFreeRatio=5 -XX:MaxHeapFreeRatio=10 \
    -jar "$jar" dns --listen "127.0.0.1:$2" --threads 1 --check 0 \
    "bl.bench:ip4tset:$1" >"$work/backstop.log" 2>&1 &
  echo $!
}

wait_gone() { # port: poll until the probe entry is no longer listed (the reload is done)
  local deadline=$((SECONDS + 600))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if dig +tries=1 +time=1 -p "$1" @127.0.0.1 "$(cat "$work/probe.txt")" A 2>/dev/null | grep -q NXDOMAIN; then return 0; fi
    sleep 0.2
  done
  echo "reload on port $1 never finished" >&2; return 1
}

# Both servers are started and warmed up first (the JIT for Backstop, the page cache for both),
# then dnsperf measures them in alternating rounds, rbldnsd, Backstop, rbldnsd, ...: the machine's
# drift falls on both alike, and the medians of ROUNDS rounds (default 5) are reported.
# Memory: RSS with the full zone, then the data file is replaced by an empty zone and the server
# reloads it (SIGHUP); the difference is what the entries add, with the same code, JIT and
# allocator history on both sides of the subtraction.
rounds="${ROUNDS:-5}"
start() { # name starter -> "port pid"; each server reads its own copy of the data file
  cp "$work/full.txt" "$work/$1.txt"
  local port pid
  port=$(free_port); pid=$($2 "$work/$1.txt" "$port"); echo "$pid" >>"$work/pids"
  wait_ready "$port"
  perf "$port" >/dev/null # warm-up pass
  echo "$port $pid"
}
pass() { # port pid -> "qps queries-per-CPU-second"
  local t0 t1 qps done
  t0=$(cpu_ticks "$2")
  read -r qps done < <(perf "$1")
  t1=$(cpu_ticks "$2")
  # queries answered per CPU-second the server used: its one-core capacity, which the busy
  # machine's other processes do not distort the way they distort wall-clock queries per second
  echo "$qps $(( done * $(getconf CLK_TCK) / (t1 - t0 > 0 ? t1 - t0 : 1) ))"
}
memory() { # name port pid -> "empty-kB full-kB"
  local empty full
  settle "$3"; full=$(rss_kb "$3")
  cp "$work/empty.txt" "$work/$1.txt"; touch "$work/$1.txt"
  kill -HUP "$3"; wait_gone "$2"; settle "$3"; empty=$(rss_kb "$3")
  kill "$3"; wait "$3" 2>/dev/null || true
  echo "$empty $full"
}

read -r r_port r_pid < <(start rbldnsd start_rbldnsd)
read -r b_port b_pid < <(start backstop start_backstop)
: >"$work/rounds"
for i in $(seq 1 "$rounds"); do
  echo "round $i of $rounds ..." >&2
  echo "$(pass "$r_port" "$r_pid") $(pass "$b_port" "$b_pid")" >>"$work/rounds"
done
read -r r_empty r_full < <(memory rbldnsd "$r_port" "$r_pid")
read -r b_empty b_full < <(memory backstop "$b_port" "$b_pid")

python3 - "$entries" "$work/rounds" "$r_empty" "$r_full" "$b_empty" "$b_full" <<'PY'
import statistics, sys
n = int(sys.argv[1])
rows = [list(map(float, l.split())) for l in open(sys.argv[2]) if l.strip()]
re_, rf, be, bf = map(float, sys.argv[3:])
med = statistics.median
rq, rc, bq, bc = (med([r[i] for r in rows]) for i in range(4))
ratio_q = [r[2] / r[0] for r in rows]
ratio_c = [r[3] / r[1] for r in rows]
rb = (rf - re_) * 1024 / n
bb = (bf - be) * 1024 / n
print("entries: %d ip4tset /32s, CPU 0 for the servers, CPU 1 for dnsperf; %d alternating rounds" % (n, len(rows)))
for i, r in enumerate(rows):
    print("round %d: rbldnsd %7.0f q/s, backstop %7.0f q/s: %.2fx (per CPU-second %.2fx)"
          % (i + 1, r[0], r[2], ratio_q[i], ratio_c[i]))
print("rbldnsd : %10.0f queries/s (median)  RSS %6.0f kB empty, %6.0f kB full: %.2f bytes/entry" % (rq, re_, rf, rb))
print("backstop: %10.0f queries/s (median)  RSS %6.0f kB empty, %6.0f kB full: %.2f bytes/entry" % (bq, be, bf, bb))
print("queries per CPU-second of the server (median): rbldnsd %.0f, backstop %.0f" % (rc, bc))
print("ratio backstop/rbldnsd, median of the rounds: %.2fx queries/s, %.2fx queries per CPU-second, %.2fx memory per entry"
      % (med(ratio_q), med(ratio_c), bb / rb if rb else float('nan')))
PY
