#!/usr/bin/env bash
# Issue 14's target workload (1,000 subscribers, 100 events/s, 10 s measured after 10 s of warm-up)
# on incident-stream under several JVM settings, beside nginx + nchan, in one run: rounds alternate
# the configurations, every server is fresh, and each row adds the server's RSS at the end of the
# step. Compare within the run only; quote medians over the rounds.
#
#   benchmarks/jvm-options.sh
#   ROUNDS=3 CONFIGS="g1|java| parallel|java|-XX:+UseParallelGC" benchmarks/jvm-options.sh
#   WARMUP_SECS=60 benchmarks/jvm-options.sh   # a server that has run a minute: the JIT has mostly finished
#
# CONFIGS: space-separated label|java command|options (options may be empty; commas become spaces).
# Needs the jars built (./mvnw -q package -DskipTests) and nginx with the nchan module.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
OUT=${OUT:-$ROOT/benchmarks/target/jvm-options/$(date -u +%Y%m%dT%H%M%SZ)}
ROUNDS=${ROUNDS:-3}
WARMUP_SECS=${WARMUP_SECS:-10}
PORT=${PORT:-29380}
JDK25=$(ls -d /usr/lib/jvm/temurin-25*/bin/java 2>/dev/null | head -1 || true)
CONFIGS=${CONFIGS:-"g1|java| parallel|java|-XX:+UseParallelGC serial|java|-XX:+UseSerialGC serial-xmn32|java|-XX:+UseSerialGC,-Xmn32m serial-xmn32-c1|java|-XX:+UseSerialGC,-Xmn32m,-XX:TieredStopAtLevel=1 ${JDK25:+jdk25-g1|$JDK25|}"}
mkdir -p "$OUT/bin" "$OUT/logs"
cp -p bootstrap/target/incident-stream.jar benchmarks/target/benchmarks.jar "$OUT/bin/"
CLIENT=(java -Xmx3g -cp "$OUT/bin/benchmarks.jar" io.incidentstream.benchmarks.load.FanOut --subscribers 1000
  --rates 100 --prewarm-secs 0 --warmup-secs "$WARMUP_SECS" --step-secs 10 --out "$OUT/fanout.csv")
PID=

# shellcheck source=lib/one-server.sh
. "$ROOT/benchmarks/lib/one-server.sh"
trap stop EXIT
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo -1; }
measure() {  # label, target
  timeout 10m "${CLIENT[@]}" --target "$2" --port "$PORT" --server-pid "$PID" --label "$1" 2>> "$OUT/logs/client.err" \
    | sed "s/\$/,rss_kb=$(rss_kb "$PID")/" | tee -a "$OUT/run.log" || log "$1 failed"
  echo "$1,rss_kb_after=$(rss_kb "$PID")" >> "$OUT/rss.csv"
}

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg); warm-up before each measured step: ${WARMUP_SECS} s" > "$OUT/machine.txt"
for round in $(seq 1 "$ROUNDS"); do
  for config in $CONFIGS; do
    IFS='|' read -r label java options <<< "$config"
    # shellcheck disable=SC2086
    "$java" ${options//,/ } -jar "$OUT/bin/incident-stream.jar" --host 127.0.0.1 --port "$PORT" \
      --max-connections 20000 > "$OUT/logs/$label-$round.log" 2>&1 &
    PID=$!
    await_http "http://127.0.0.1:$PORT/health/ready"
    log "round $round: $label ($java $options)"
    measure "$label" ours
    stop
  done
  start_nchan_server "$OUT/nchan-$round" "$OUT/logs/nchan-$round.log"
  log "round $round: nchan"
  measure nchan nchan
  stop
  echo "load average after round $round: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.txt"
done
log "results in $OUT"
