#!/usr/bin/env bash
# Issue 17's measurement, in one run: fan-out over /sse against /ws (same subscribers, filters and
# rate), and what serving HTTP/2 beside HTTP/1.1 (h2c, http2_enabled) costs, for ingest and for SSE
# streams. Every configuration runs REPEATS times, in alternating order, each on a fresh server; the
# summary quotes medians and the load average, and compares within this run only (the machine is
# shared, so absolute figures move between runs; ratios hold better).
#
#   benchmarks/sse-http2.sh                  # builds the two jars (package, never install), ~10 minutes
#   SKIP_BUILD=1 benchmarks/sse-http2.sh     # reuse bootstrap/target and benchmarks/target jars
#   REPEATS=3 SUBSCRIBERS=1000 RATE=100 STEP_SECS=10 PORT=29280 benchmarks/sse-http2.sh
#
# Everything runs on loopback; every server is stopped by its pid, however the script ends.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=${OUT:-$ROOT/benchmarks/target/sse-http2/$STAMP}
PORT=${PORT:-29280}
REPEATS=${REPEATS:-3}
SUBSCRIBERS=${SUBSCRIBERS:-1000}
RATE=${RATE:-100}
STEP_SECS=${STEP_SECS:-10}
mkdir -p "$OUT/bin" "$OUT/logs"
SERVER_PID=

log() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$OUT/run.log" >&2; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

stop_server() {
  local pid=$SERVER_PID
  SERVER_PID=
  [[ -z "$pid" ]] && return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
}
trap stop_server EXIT

if ss -ltn "sport = :$PORT" | grep -q LISTEN; then
  echo "port $PORT is in use: set PORT" >&2; exit 1
fi

if [[ -z "${SKIP_BUILD:-}" ]]; then
  log "building the server and benchmark jars (mvnw package, tests skipped)"
  nice -n 10 ./mvnw -B -ntp -q package -pl benchmarks -am -DskipTests > "$OUT/logs/build.log" 2>&1 \
    || { cat "$OUT/logs/build.log" >&2; exit 1; }
fi
# Private copies: the working tree may be rebuilt while this runs.
cp -p bootstrap/target/incident-stream.jar "$OUT/bin/incident-stream.jar"
cp -p benchmarks/target/benchmarks.jar "$OUT/bin/benchmarks.jar"
CLIENT=(java -Xmx2g -cp "$OUT/bin/benchmarks.jar")
P=io.incidentstream.benchmarks.load

start_server() {  # id, extra flags...
  local id=$1; shift
  java -Xmx1g -jar "$OUT/bin/incident-stream.jar" --host 127.0.0.1 --port "$PORT" --max-connections 20000 "$@" \
    > "$OUT/logs/$id.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 600); do
    curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$PORT/health/ready" && return 0
    sleep 0.1
  done
  log "server $id did not become ready"; return 1
}

fanout() {  # id, transport, label, extra server flags...
  local id=$1 transport=$2 label=$3; shift 3
  start_server "$id" "$@"
  log "$id: FanOut --transport $transport, $SUBSCRIBERS subscribers, $RATE events/s (load $(loadavg))"
  # Both transports are read by the same plain-NIO client (RawSubscribers), so that the transports,
  # not two clients, are compared, and the client's own cost stays below the server's.
  timeout 10m "${CLIENT[@]}" $P.FanOut --target ours --port "$PORT" --transport "$transport" \
    --subscribers "$SUBSCRIBERS" --rates "$RATE" --step-secs "$STEP_SECS" --prewarm-secs 10 \
    --server-pid "$SERVER_PID" --label "$label" --out "$OUT/fanout.csv" 2>> "$OUT/logs/$id.err" \
    || log "$id failed (exit $?)"
  stop_server
}

ingest() {  # id, label, extra server flags...
  local id=$1 label=$2; shift 2
  start_server "$id" "$@"
  log "$id: Ingest, one event per request, 4 connections (load $(loadavg))"
  timeout 5m "${CLIENT[@]}" $P.Ingest --target ours --port "$PORT" --batch 1 --connections 4 --secs "$STEP_SECS" \
    --warmup-secs 5 --server-pid "$SERVER_PID" --label "$label" --out "$OUT/ingest.csv" 2>> "$OUT/logs/$id.err" \
    || log "$id failed (exit $?)"
  stop_server
}

echo "$0 REPEATS=$REPEATS SUBSCRIBERS=$SUBSCRIBERS RATE=$RATE STEP_SECS=$STEP_SECS" > "$OUT/command.txt"
{
  echo "date (UTC): $(date -u '+%Y-%m-%d %H:%M')"
  echo "CPU: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores"
  echo "Java: $(java -version 2>&1 | head -2 | tail -1)"
  echo "load average at start: $(loadavg)"
} > "$OUT/machine.txt"

for r in $(seq 1 "$REPEATS"); do
  # Alternate the order, so that a machine getting busier or quieter does not favour one side.
  if (( r % 2 == 1 )); then order=(ws sse sse-h1); else order=(sse-h1 sse ws); fi
  for run in "${order[@]}"; do
    case $run in
      ws) fanout "r$r-ws" ws ws ;;
      sse) fanout "r$r-sse" sse sse ;;
      sse-h1) fanout "r$r-sse-h1" sse sse-http2-off --http2-enabled false ;;
    esac
  done
  if (( r % 2 == 1 )); then order=(on off); else order=(off on); fi
  for h2 in "${order[@]}"; do
    if [[ $h2 == on ]]; then ingest "r$r-ingest-h2" ingest-http2-on; else ingest "r$r-ingest-h1" ingest-http2-off --http2-enabled false; fi
  done
  echo "repeat $r: load average $(loadavg)" >> "$OUT/machine.txt"
done
echo "load average at end: $(loadavg)" >> "$OUT/machine.txt"

python3 - "$OUT" <<'PY' | tee "$OUT/summary.md"
import csv, statistics, sys
out = sys.argv[1]
def rows(name):
    try:
        with open(f"{out}/{name}") as f:
            return list(csv.DictReader(f))
    except FileNotFoundError:
        return []
med = lambda xs: statistics.median(xs) if xs else float('nan')
print(f"command: {open(out + '/command.txt').read().strip()}")
print(open(out + '/machine.txt').read().strip().replace('\n', '; '))
print()
print("| fan-out (median of runs) | runs | delivered/s | p50 ms | p99 ms | lost % | server CPU % | server CPU µs per delivery |")
print("|---|---|---|---|---|---|---|---|")
fan = rows("fanout.csv")
for label, name in [("ws", "/ws"), ("sse", "/sse (HTTP/2 on)"), ("sse-http2-off", "/sse (HTTP/2 off)")]:
    rs = [r for r in fan if r["label"] == label]
    per = [float(r["server_cpu_pct"]) / 100 / float(r["delivered_per_sec"]) * 1e6 for r in rs if float(r["delivered_per_sec"]) > 0]
    print(f"| {name} | {len(rs)} | {med([float(r['delivered_per_sec']) for r in rs]):.0f} | {med([float(r['p50_ms']) for r in rs]):.1f} "
          f"| {med([float(r['p99_ms']) for r in rs]):.1f} | {med([float(r['lost_pct']) for r in rs]):.2f} "
          f"| {med([float(r['server_cpu_pct']) for r in rs]):.0f} | {med(per):.1f} |")
print()
print("| ingest, one event per request (median of runs) | runs | requests/s | p99 ms | server CPU % | server CPU µs per request |")
print("|---|---|---|---|---|---|")
ing = rows("ingest.csv")
for label, name in [("ingest-http2-on", "HTTP/2 (h2c) on"), ("ingest-http2-off", "HTTP/2 off")]:
    rs = [r for r in ing if r["label"] == label]
    per = [float(r["server_cpu_pct"]) / 100 / float(r["requests_per_sec"]) * 1e6 for r in rs if float(r["requests_per_sec"]) > 0]
    print(f"| {name} | {len(rs)} | {med([float(r['requests_per_sec']) for r in rs]):.0f} | {med([float(r['p99_ms']) for r in rs]):.1f} "
          f"| {med([float(r['server_cpu_pct']) for r in rs]):.0f} | {med(per):.1f} |")
print()
print("each run: " + "; ".join(f"{r['label']} {float(r['delivered_per_sec']):.0f}/s p99 {float(r['p99_ms']):.1f} ms cpu {float(r['server_cpu_pct']):.0f}%" for r in fan))
print("each run: " + "; ".join(f"{r['label']} {float(r['requests_per_sec']):.0f} req/s cpu {float(r['server_cpu_pct']):.0f}%" for r in ing))
PY
log "results in $OUT (summary.md)"
