#!/usr/bin/env bash
# The cluster's cost, measured beside one node on the in-memory engine in the same run (issue 12):
#   - fan-out, 1,000 subscribers, one publisher, 100 events/s, three set-ups in alternating rounds, every
#     server (and Redis) fresh each round: one node in memory; one node on Redis (what Redis adds);
#     three nodes on one Redis with the subscribers spread over them, the publisher on node 1.
#     On a small machine the three JVMs share its cores with Redis and the load client: read the
#     three-node row as what one machine can host, not as what three machines would do;
#   - capacity: the same, stepping the rate up until delivery falls behind (delivered/s at the last step
#     that kept up);
#   - ingest: events/s accepted by one node, one event per request and batches of 100, in-memory and Redis.
# Prints each CSV row as it is measured; the CSVs and logs stay in $OUT.
#
#   benchmarks/cluster.sh                 # 3 rounds, about 15 minutes
#   ROUNDS=1 benchmarks/cluster.sh
#   WARMUP_SECS=40 benchmarks/cluster.sh  # longer warm-up before each fan-out step (default 10 s): a node
#                                         # on Redis has the Redis client's code to compile as well
#
# Needs redis-server on the PATH and the jars built (./mvnw -q package -DskipTests).
# Every process it starts is stopped by its pid when it ends, however it ends.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
OUT=${OUT:-$ROOT/benchmarks/target/cluster/$(date -u +%Y%m%dT%H%M%SZ)}
ROUNDS=${ROUNDS:-3}
WARMUP_SECS=${WARMUP_SECS:-10}
BASE_PORT=${BASE_PORT:-29280}
REDIS_PORT=$BASE_PORT
NODE_PORTS=($((BASE_PORT + 1)) $((BASE_PORT + 2)) $((BASE_PORT + 3)))
SINGLE_PORT=$((BASE_PORT + 4))
command -v redis-server > /dev/null || { echo "redis-server is missing: apt-get install redis-server" >&2; exit 1; }
mkdir -p "$OUT/bin" "$OUT/logs"
cp -p bootstrap/target/incident-stream.jar benchmarks/target/benchmarks.jar "$OUT/bin/"
JAR=$OUT/bin/incident-stream.jar
CLIENT=(java -Xmx3g -cp "$OUT/bin/benchmarks.jar")
P=io.incidentstream.benchmarks.load
STARTED=()

log() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$OUT/run.log" >&2; }
stop_pid() {
  kill -0 "$1" 2>/dev/null || return 0
  kill -TERM "$1" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$1" 2>/dev/null || true
}
cleanup() { for pid in "${STARTED[@]:-}"; do [[ -n $pid ]] && stop_pid "$pid"; done; }
trap cleanup EXIT
await_http() {
  for _ in $(seq 1 600); do curl -s -o /dev/null --max-time 1 "$1" && return 0; sleep 0.1; done
  log "no answer from $1"; return 1
}
start() {  # log name, command...
  local name=$1; shift
  "$@" > "$OUT/logs/$name.log" 2>&1 &
  PID=$!; STARTED+=("$PID")
}
start_single() {
  start "single-$1" java -jar "$JAR" --host 127.0.0.1 --port "$SINGLE_PORT" --max-connections 20000
  SINGLE=$PID; await_http "http://127.0.0.1:$SINGLE_PORT/health/ready"
}
start_cluster() {  # round, node count: a fresh Redis (no data) and the nodes
  start "redis-$1" redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no
  REDIS=$PID
  for _ in $(seq 1 100); do redis-cli -p "$REDIS_PORT" ping > /dev/null 2>&1 && break; sleep 0.1; done
  NODES=()
  for i in $(seq 0 $(($2 - 1))); do
    start "node$i-$1" java -jar "$JAR" --host 127.0.0.1 --port "${NODE_PORTS[$i]}" --max-connections 20000 \
      --engine redis --redis-url "redis://127.0.0.1:$REDIS_PORT/0" --node-id "node-$i"
    NODES+=("$PID")
  done
  for i in $(seq 0 $(($2 - 1))); do await_http "http://127.0.0.1:${NODE_PORTS[$i]}/health/ready"; done
  CLUSTER_PIDS=$(IFS=,; echo "${NODES[*]},$REDIS")
}
stop_cluster() { for pid in "${NODES[@]}"; do stop_pid "$pid"; done; stop_pid "$REDIS"; }
fanout() {  # label, port, subscribe ports, pids, extra...
  local label=$1 port=$2 ports=$3 pids=$4; shift 4
  log "fanout $label"
  timeout 10m "${CLIENT[@]}" $P.FanOut --target ours --port "$port" --subscribe-ports "$ports" --subscribers 1000 \
    --server-pid "$pids" --label "$label" --out "$OUT/fanout.csv" "$@" 2>> "$OUT/logs/client.err" | tee -a "$OUT/run.log"
}
ingest() {  # label, port, pids, batch
  log "ingest $1"
  timeout 5m "${CLIENT[@]}" $P.Ingest --target ours --port "$2" --server-pid "$3" --batch "$4" --connections 4 \
    --secs 10 --warmup-secs 10 --label "$1" --out "$OUT/ingest.csv" 2>> "$OUT/logs/client.err" | tee -a "$OUT/run.log"
}

{
  echo "date (UTC): $(date -u '+%Y-%m-%d %H:%M')"
  echo "CPU: $(nproc) cores; $(redis-server --version | cut -d' ' -f1-3)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$OUT/machine.txt"

for round in $(seq 1 "$ROUNDS"); do
  start_single "$round"
  fanout single-memory "$SINGLE_PORT" "$SINGLE_PORT" "$SINGLE" --rates 100 --prewarm-secs 0 --warmup-secs "$WARMUP_SECS" --step-secs 10
  stop_pid "$SINGLE"
  start_cluster "$round" 1
  fanout single-redis "${NODE_PORTS[0]}" "${NODE_PORTS[0]}" "$CLUSTER_PIDS" \
    --rates 100 --prewarm-secs 0 --warmup-secs "$WARMUP_SECS" --step-secs 10
  stop_cluster
  start_cluster "$round" 3
  fanout cluster-redis "${NODE_PORTS[0]}" "$(IFS=,; echo "${NODE_PORTS[*]}")" "$CLUSTER_PIDS" \
    --rates 100 --prewarm-secs 0 --warmup-secs "$WARMUP_SECS" --step-secs 10
  stop_cluster
  echo "load average after round $round: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.txt"
done

# Capacity: one stepped run each.
start_single capacity
fanout single-memory-steps "$SINGLE_PORT" "$SINGLE_PORT" "$SINGLE" --rates 100,200,400,800,1600 --prewarm-secs 5 --step-secs 5
stop_pid "$SINGLE"
start_cluster capacity 1
fanout single-redis-steps "${NODE_PORTS[0]}" "${NODE_PORTS[0]}" "$CLUSTER_PIDS" \
  --rates 100,200,400,800,1600 --prewarm-secs 5 --step-secs 5
stop_cluster
start_cluster capacity 3
fanout cluster-redis-steps "${NODE_PORTS[0]}" "$(IFS=,; echo "${NODE_PORTS[*]}")" "$CLUSTER_PIDS" \
  --rates 100,200,400,800,1600 --prewarm-secs 5 --step-secs 5
stop_cluster

# Ingest: one node takes every request; in the cluster it stores each event in Redis first.
start_single ingest
ingest memory-single "$SINGLE_PORT" "$SINGLE" 1
ingest memory-batch "$SINGLE_PORT" "$SINGLE" 100
stop_pid "$SINGLE"
start_cluster ingest 1
ingest redis-single "${NODE_PORTS[0]}" "$CLUSTER_PIDS" 1
ingest redis-batch "${NODE_PORTS[0]}" "$CLUSTER_PIDS" 100
stop_cluster
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.txt"
log "results in $OUT"
