#!/usr/bin/env bash
# Policy server benchmark: 20,000 SMTPD_POLICY_README requests over 8 persistent connections
# against `backstop filter`, with one DNSBL (a real rbldnsd on loopback) whose answers are
# cached after a warm-up pass. Prints requests per second and p50/p99 latency.
# The peer figure is a minimal policy server that answers DUNNO without looking at anything
# (perl, one process per connection): the protocol's floor on this machine; the ratio shows
# what Backstop's decisions cost on top of it.
# Usage: bench/policy.sh [REQUESTS] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
REQUESTS=${1:-20000}
CONNS=${2:-8}
command -v rbldnsd >/dev/null || { echo "rbldnsd missing: apt-get install -y rbldnsd" >&2; exit 1; }
[ -f target/backstop.jar ] || mvn -q -B package -DskipTests

TMP=$(mktemp -d)
chmod 755 "$TMP"   # rbldnsd drops root for its own user and must still read the zone
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$TMP"; }
trap cleanup EXIT
free_port() { perl -MIO::Socket::INET -e 'print IO::Socket::INET->new(Listen=>1,LocalAddr=>"127.0.0.1",LocalPort=>0)->sockport'; }

# The DNSBL: half of 192.0.2.0/24 listed with 127.0.0.2.
printf '192.0.2.0/25 :127.0.0.2:listed for the benchmark\n' > "$TMP/bl.zone"
DNS_PORT=$(free_port)
rbldnsd -n -b "127.0.0.1/$DNS_PORT" -w "$TMP" -t 3600 bl.test:ip4set:bl.zone >"$TMP/rbldnsd.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 50); do [ "$(dig +short @127.0.0.1 -p "$DNS_PORT" 2.2.0.192.bl.test A)" = 127.0.0.2 ] && break; sleep 0.2; done
[ "$(dig +short @127.0.0.1 -p "$DNS_PORT" 2.2.0.192.bl.test A)" = 127.0.0.2 ] || { cat "$TMP/rbldnsd.log"; exit 1; }

printf 'bench-secret\n' > "$TMP/batv.keys"
POLICY_PORT=$(free_port)
java -jar target/backstop.jar filter --policy-listen "127.0.0.1:$POLICY_PORT" \
  --milter-listen 127.0.0.1:0 --db "jdbc:sqlite:$TMP/ledger.db" \
  --batv-domain example.test --batv-key-file "$TMP/batv.keys" --bounce-limit 0 \
  --dnsbl 'bl.test=127.0.0.[2..11]*2' --dns-server "127.0.0.1:$DNS_PORT" \
  --our-network 10.255.255.255/32 >"$TMP/filter.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 120); do grep -q 'backstop filter: policy on' "$TMP/filter.log" && break; sleep 0.5; done
grep -q 'backstop filter: policy on' "$TMP/filter.log" || { cat "$TMP/filter.log"; exit 1; }

# The peer: answers DUNNO to every request.
PEER_PORT=$(free_port)
perl -MIO::Socket::INET -e '
  $SIG{CHLD} = "IGNORE";
  my $l = IO::Socket::INET->new(Listen => 64, LocalAddr => "127.0.0.1", LocalPort => $ARGV[0], ReuseAddr => 1) or die;
  while (my $c = $l->accept) { next if fork; $c->autoflush(1);
    while (<$c>) { print $c "action=DUNNO\n\n" if $_ eq "\n" } exit 0 }' "$PEER_PORT" &
PIDS+=($!)

echo "== Backstop policy server (DNSBL cached, BATV on): $REQUESTS requests over $CONNS connections"
B=$(perl bench/policy-client.pl 127.0.0.1 "$POLICY_PORT" "$REQUESTS" "$CONNS")
echo "$B"
echo "== Peer: minimal DUNNO-only policy server (perl)"
P=$(perl bench/policy-client.pl 127.0.0.1 "$PEER_PORT" "$REQUESTS" "$CONNS")
echo "$P"
rps() { sed -E 's/.* rps=([0-9]+).*/\1/' <<<"$1"; }
p99() { sed -E 's/.* p99_ms=([0-9.]+).*/\1/' <<<"$1"; }
awk -v b="$(rps "$B")" -v p="$(rps "$P")" -v bl="$(p99 "$B")" -v pl="$(p99 "$P")" 'BEGIN {
  printf "Backstop %d req/s, p99 %.3f ms; peer %d req/s, p99 %.3f ms; throughput ratio Backstop/peer = %.2f\n", b, bl, p, pl, b / p }'
