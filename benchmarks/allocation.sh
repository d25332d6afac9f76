#!/usr/bin/env bash
# Bytes the whole server allocates per delivery at issue 14's target workload (1,000 subscribers,
# 100 events/s, 10 s measured after 10 s of warm-up), with distinct subscription ids per connection
# and with one shared id. Everything the server allocates in the measured step counts: the
# publisher's HTTP requests, routing, outboxes, frames and writes, divided by the deliveries.
#
#   benchmarks/allocation.sh
#   BEFORE_JAR=/path/to/older/incident-stream.jar ROUNDS=3 benchmarks/allocation.sh
#
# How: the server runs with the serial collector and a fixed young generation of 32 MiB, whose eden
# takes every allocation but the rare huge array; jstat reads the young collections and eden's use
# when the step starts and ends, so the bytes allocated are (collections x eden capacity) + (eden
# used at the end - at the start). No agent and no sampling, and the settings the project
# recommends (operations.md; OURS_JVM_OPTS overrides them, but keep the serial collector and a fixed
# young generation, which the arithmetic needs). Rounds alternate the builds, each server fresh;
# quote the medians.
# Needs the jars built (./mvnw -q package -DskipTests) and jstat (the JDK's).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
OUT=${OUT:-$ROOT/benchmarks/target/allocation/$(date -u +%Y%m%dT%H%M%SZ)}
ROUNDS=${ROUNDS:-3}
PORT=${PORT:-29390}
OURS_JVM_OPTS=${OURS_JVM_OPTS:-"-XX:+UseSerialGC -Xmn32m"}
mkdir -p "$OUT/bin" "$OUT/logs"
# run.sh passes the jars of its run; by default, the working tree's builds.
cp -p "${JAR:-bootstrap/target/incident-stream.jar}" "$OUT/bin/incident-stream.jar"
cp -p "${BENCH_JAR:-benchmarks/target/benchmarks.jar}" "$OUT/bin/benchmarks.jar"
BUILDS="ours|$OUT/bin/incident-stream.jar"
if [[ -n ${BEFORE_JAR:-} ]]; then
  cp -p "$BEFORE_JAR" "$OUT/bin/before.jar"
  BUILDS="before|$OUT/bin/before.jar $BUILDS"
fi
PID=

# shellcheck source=lib/one-server.sh
. "$ROOT/benchmarks/lib/one-server.sh"
trap stop EXIT

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" > "$OUT/machine.txt"
echo "build,ids,round,young_gcs,allocated_kb,deliveries,bytes_per_delivery" > "$OUT/allocation.csv"
for round in $(seq 1 "$ROUNDS"); do
  for build in $BUILDS; do
    IFS='|' read -r label jar <<< "$build"
    for ids in distinct shared; do
      # shellcheck disable=SC2086
      java $OURS_JVM_OPTS -jar "$jar" --host 127.0.0.1 --port "$PORT" \
        --max-connections 20000 > "$OUT/logs/$label-$ids-$round.log" 2>&1 &
      PID=$!
      await_http "http://127.0.0.1:$PORT/health/ready"
      log "round $round: $label, $ids subscription ids"
      shared_id=()
      [[ $ids == shared ]] && shared_id=(--shared-subscription-id dashboard)
      step="$OUT/logs/$label-$ids-$round"
      timeout 5m java -Xmx3g -cp "$OUT/bin/benchmarks.jar" io.incidentstream.benchmarks.load.FanOut \
        --target ours --port "$PORT" --subscribers 1000 --rates 100 --prewarm-secs 0 --warmup-secs 10 \
        --step-secs 10 --server-pid "$PID" --label "$label-$ids-$round" "${shared_id[@]}" \
        --out "$OUT/fanout.csv" \
        --measure-start-hook "jstat -gc $PID > $step.start" --measure-end-hook "jstat -gc $PID > $step.end" >> "$OUT/logs/client.log" 2>&1
      stop
      python3 - "$step" "$label-$ids-$round" "$OUT/fanout.csv" "$label,$ids,$round" >> "$OUT/allocation.csv" <<'PY'
import csv, sys
step, run, fanout, key = sys.argv[1:]
def jstat(path):
    header, values = open(path).read().split('\n')[:2]
    return {k: float(v) if v != '-' else 0.0 for k, v in zip(header.split(), values.split())}
start, end = jstat(step + '.start'), jstat(step + '.end')
gcs = end['YGC'] - start['YGC']
allocated_kb = gcs * end['EC'] + end['EU'] - start['EU']
rows = [r for r in csv.DictReader(open(fanout)) if r['label'] == run]
deliveries = float(rows[-1]['received'])
print(f"{key},{int(gcs)},{allocated_kb:.0f},{int(deliveries)},{allocated_kb * 1024 / deliveries:.1f}")
PY
      tail -1 "$OUT/allocation.csv" | tee -a "$OUT/run.log" >&2
    done
  done
  echo "load average after round $round: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.txt"
done
python3 - "$OUT/allocation.csv" <<'PY' | tee "$OUT/report.md"
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1])))
print("| build | subscription ids | rounds | bytes per delivery (median) | all rounds |")
print("|---|---|---|---|---|")
for key in dict.fromkeys((r['build'], r['ids']) for r in rows):
    values = [float(r['bytes_per_delivery']) for r in rows if (r['build'], r['ids']) == key]
    print(f"| {key[0]} | {key[1]} | {len(values)} | {statistics.median(values):.1f} | "
          + ", ".join(f"{v:.1f}" for v in values) + " |")
PY
log "results in $OUT"
