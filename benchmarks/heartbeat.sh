#!/usr/bin/env bash
# What keep-alives cost on idle connections: CONNECTIONS (10,000) subscribed connections held open
# while the server sends a heartbeat every INTERVAL_SECS (1); the server's CPU (user + system, from
# /proc) over WINDOW_SECS (20), starting 8 s after the last connection opened. Beside it, the same
# server with no heartbeat in the window (its idle cost), nginx + nchan pinging every INTERVAL_SECS
# (nchan_websocket_ping_interval; nchan sends a ping frame only, no message), and nchan without
# pings. Rounds alternate, every server is fresh; BEFORE_JAR=path adds an older build of ours.
# Prints one row per server and round, then medians: server CPU per keep-alive and connection,
# with the idle cost taken off.
#
#   benchmarks/heartbeat.sh
#   ROUNDS=5 BEFORE_JAR=/tmp/old.jar benchmarks/heartbeat.sh
#
# Needs the jars built (./mvnw -q package -DskipTests) and nginx with the nchan module.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
OUT=${OUT:-$ROOT/benchmarks/target/heartbeat/$(date -u +%Y%m%dT%H%M%SZ)}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-10000}
INTERVAL_SECS=${INTERVAL_SECS:-1}
WINDOW_SECS=${WINDOW_SECS:-20}
PORT=${PORT:-29390}
OURS_JVM_OPTS=${OURS_JVM_OPTS--XX:+UseSerialGC -Xmn32m}
mkdir -p "$OUT/bin" "$OUT/logs"
cp -p bootstrap/target/incident-stream.jar benchmarks/target/benchmarks.jar "$OUT/bin/"
[[ -n ${BEFORE_JAR:-} ]] && cp -p "$BEFORE_JAR" "$OUT/bin/before.jar"
PID=
CLIENT=

# shellcheck source=lib/one-server.sh
. "$ROOT/benchmarks/lib/one-server.sh"
stop_all() {
  if [[ -n $CLIENT ]]; then kill "$CLIENT" 2>/dev/null || true; fi
  stop
}
trap stop_all EXIT
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# The server's CPU over the window, all its processes (nginx has a master and workers).
cpu_ms() {
  local total=0 p
  for p in $(pgrep -P "$PID") "$PID"; do total=$((total + $(cpu_ticks "$p"))); done
  echo $((total * 1000 / $(getconf CLK_TCK)))
}

measure() {  # label, target
  java -Xmx3g -cp "$OUT/bin/benchmarks.jar" io.incidentstream.benchmarks.load.IdleConnections --target "$2" \
    --port "$PORT" --server-pid "$PID" --steps "$CONNECTIONS" --sources 40 --settle-secs $((WINDOW_SECS + 60)) \
    --label "$1" --out "$OUT/idle.csv" > "$OUT/logs/client-$1.log" 2>&1 &
  CLIENT=$!
  for _ in $(seq 1 1200); do
    (( $(ss -Htn state established "( sport = :$PORT )" | wc -l) >= CONNECTIONS )) && break
    kill -0 "$CLIENT" 2>/dev/null || { log "$1: the client stopped before $CONNECTIONS connections (round left out)"; CLIENT=; return 0; }
    sleep 0.1
  done
  sleep 8
  local before after
  before=$(cpu_ms)
  sleep "$WINDOW_SECS"
  after=$(cpu_ms)
  echo "$1,$round,$CONNECTIONS,$((after - before))" | tee -a "$OUT/heartbeat.csv"
  kill "$CLIENT" 2>/dev/null || true
  wait "$CLIENT" 2>/dev/null || true
  CLIENT=
}

start_ours() {  # label, jar, heartbeat interval
  # shellcheck disable=SC2086
  java $OURS_JVM_OPTS -jar "$2" --host 127.0.0.1 --port "$PORT" --max-connections $((CONNECTIONS + 1000)) \
    --heartbeat-interval-secs "$3" > "$OUT/logs/$1-$round.log" 2>&1 &
  PID=$!
  await_http "http://127.0.0.1:$PORT/health/ready"
}

start_nchan() {  # ping interval (0: none)
  start_nchan_server "$OUT/nchan-$round-$1" "$OUT/logs/nchan-$round-$1.log" "nchan_websocket_ping_interval $1;"
}

if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$PORT/"; then
  echo "port $PORT already answers: stop what listens there first (or set PORT)" >&2
  exit 1
fi
echo "label,round,connections,server_cpu_ms" > "$OUT/heartbeat.csv"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" > "$OUT/machine.txt"
for round in $(seq 1 "$ROUNDS"); do
  start_ours ours "$OUT/bin/incident-stream.jar" "$INTERVAL_SECS"; measure ours ours; stop
  if [[ -n ${BEFORE_JAR:-} ]]; then
    start_ours before "$OUT/bin/before.jar" "$INTERVAL_SECS"; measure before ours; stop
  fi
  start_ours ours-quiet "$OUT/bin/incident-stream.jar" 3600; measure ours-quiet ours; stop
  start_nchan "$INTERVAL_SECS"; measure nchan nchan; stop
  start_nchan 0; measure nchan-quiet nchan; stop
done

# Medians, and the CPU a keep-alive costs per connection beyond the quiet server's.
awk -F, -v n="$CONNECTIONS" -v keepalives=$((WINDOW_SECS / INTERVAL_SECS)) '
  NR > 1 { cpu[$1] = cpu[$1] " " $4 }
  function median(list,   a, k, i, j, t) {
    k = split(list, a, " ")
    for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
  }
  END {
    printf "%d connections, %d keep-alives each in the window; server CPU over the window (median), and per keep-alive and connection beyond the quiet server\n", n, keepalives
    for (label in cpu) {
      m = median(cpu[label]); quiet = label ~ /^nchan/ ? "nchan-quiet" : "ours-quiet"
      extra = label ~ /quiet$/ ? "" : sprintf(", %.1f us a keep-alive", (m - median(cpu[quiet])) * 1000 / (n * keepalives))
      printf "  %-12s %6d ms (rounds:%s)%s\n", label, m, cpu[label], extra
    }
  }' "$OUT/heartbeat.csv" | tee "$OUT/summary.txt"
log "results in $OUT"
