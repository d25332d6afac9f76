#!/usr/bin/env bash
# Runs every benchmark of the project (issue 5) and writes docs/performance.md with its charts.
#
#   benchmarks/run.sh                 # everything, about 45-70 minutes on 2 cores
#   SKIP_BUILD=1 benchmarks/run.sh    # reuse the jars already built
#   ONLY="jmh idle" benchmarks/run.sh # a subset: build jmh startup ingest idle storm fanout target allocation profile report
#
# A subset run keeps the figures of the steps it skipped from the previous run (benchmarks/results):
# they are copied into the results directory and the page names them as carried over.
#
# Everything runs on loopback (127.0.0.x); every step is bounded by `timeout`; every process this
# script starts is stopped by its pid when the script ends, however it ends.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=${OUT:-$ROOT/benchmarks/target/results/$STAMP}
BASE_PORT=${BASE_PORT:-29180}
OURS_PORT=$BASE_PORT
ECHO_PORT=$((BASE_PORT + 1))
NCHAN_PORT=$((BASE_PORT + 2))
ONLY=${ONLY:-"build jmh startup ingest idle storm fanout target allocation profile report"}
IDLE_STEPS=${IDLE_STEPS:-0,1000,2500,5000,10000,15000,19000}
RATES_1K=${RATES_1K:-5,10,25,50,100,200,400,800,1600}
RATES_10K=${RATES_10K:-1,2,5,10,20,40,80}
JMH_ARGS=${JMH_ARGS:-"-f 1 -wi 5 -w 1s -i 10 -r 1s"}
STEP_SECS=${STEP_SECS:-10}
# Samples per rate of the stepped fan-out (the page quotes their median), rounds of the target workload.
FANOUT_SAMPLES=${FANOUT_SAMPLES:-3}
TARGET_ROUNDS=${TARGET_ROUNDS:-3}

mkdir -p "$OUT"/{bin,logs,histograms,profile}
touch "$OUT/commands.tsv"   # kept when OUT is reused (ONLY=report re-renders a finished run)
STARTED=()

log() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$OUT/run.log" >&2; }
wants() { [[ " $ONLY " == *" $1 "* ]]; }

# Records a command under a step id (shown in docs/performance.md next to its figures), then runs it.
run_step() {
  local id=$1 limit=$2; shift 2
  printf '%s\t%s\n' "$id" "$(echo "$*" | sed -e "s|$OUT|\$RESULTS|g" -e "s|$ROOT/||g")" >> "$OUT/commands.tsv"
  log "step $id: $*"
  timeout --kill-after=30 "$limit" "$@" 2>> "$OUT/logs/$id.err" || { log "step $id failed or timed out (exit $?)"; return 0; }
}

# Starts a server in the background; records its command; sets PID.
start_server() {
  local id=$1; shift
  printf '%s\t%s\n' "$id" "$(echo "$*" | sed -e "s|$OUT|\$RESULTS|g" -e "s|$ROOT/||g")" >> "$OUT/commands.tsv"
  log "start $id: $*"
  "$@" > "$OUT/logs/$id.log" 2>&1 &
  PID=$!
  STARTED+=("$PID")
}

stop_pid() {
  local pid=$1
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
}

cleanup() {  # on exit; must not change the exit status (a run that started no server ends 0)
  for pid in "${STARTED[@]:-}"; do
    if [[ -n "$pid" ]]; then stop_pid "$pid"; fi
  done
}
trap cleanup EXIT

await_http() {  # url, seconds
  for _ in $(seq 1 $(($2 * 10))); do
    curl -s -o /dev/null --max-time 1 "$1" && return 0
    sleep 0.1
  done
  log "no answer from $1 after $2 s"; return 1
}

port_free() { ! ss -ltn "sport = :$1" | grep -q LISTEN; }
for port in $OURS_PORT $ECHO_PORT $NCHAN_PORT; do
  port_free "$port" || { echo "port $port is in use: set BASE_PORT" >&2; exit 1; }
done

# --- prerequisites -----------------------------------------------------------------------------
need_packages=()
command -v gnuplot > /dev/null || need_packages+=(gnuplot-nox)
command -v nginx > /dev/null || need_packages+=(nginx)
[[ -f /usr/lib/nginx/modules/ngx_nchan_module.so ]] || need_packages+=(libnginx-mod-nchan)
if (( ${#need_packages[@]} )); then
  log "installing ${need_packages[*]}"
  timeout 600 apt-get update -qq
  DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -qq "${need_packages[@]}" > "$OUT/logs/apt.log"
fi

# --- build -------------------------------------------------------------------------------------
if wants build && [[ -z "${SKIP_BUILD:-}" ]]; then
  for attempt in 1 2 3; do
    if timeout 900 ./mvnw -q -o install -DskipTests > "$OUT/logs/build.log" 2>&1 \
       || timeout 900 ./mvnw -q install -DskipTests > "$OUT/logs/build.log" 2>&1; then
      break
    fi
    log "build attempt $attempt failed (others may be building): retrying in 30 s"; sleep 30
    [[ $attempt == 3 ]] && { cat "$OUT/logs/build.log" >&2; exit 1; }
  done
fi
# Private copies: the working tree may be rebuilt while this runs.
[[ -f $OUT/bin/incident-stream.jar ]] || cp -p bootstrap/target/incident-stream.jar "$OUT/bin/incident-stream.jar"
[[ -f $OUT/bin/benchmarks.jar ]] || cp -p benchmarks/target/benchmarks.jar "$OUT/bin/benchmarks.jar"
JAR=$OUT/bin/incident-stream.jar
BENCH=$OUT/bin/benchmarks.jar
CLIENT=(java -Xmx3g -cp "$BENCH")
P=io.incidentstream.benchmarks

# --- the machine -------------------------------------------------------------------------------
[[ -f $OUT/machine.txt ]] || {
  echo "date (UTC): $(date -u '+%Y-%m-%d %H:%M')"
  echo "CPU: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores available"
  echo "memory: $(free -m | awk '/^Mem:/ {print $2 " MB"}')"
  echo "OS: $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
  echo "Java: $(java -version 2>&1 | head -2 | tail -1)"
  echo "nginx: $(nginx -v 2>&1 | sed 's/.*: //'), nchan $(dpkg-query -W -f='${Version}' libnginx-mod-nchan 2>/dev/null || echo '?')"
  echo "open files per process: $(ulimit -n)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$OUT/machine.txt"

start_nchan() {  # id
  local dir=$OUT/nchan-$1
  mkdir -p "$dir"
  sed -e "s|@DIR@|$dir|g" -e "s|@PORT@|$NCHAN_PORT|g" benchmarks/nchan/nginx.conf.template > "$dir/nginx.conf"
  start_server "$1" nginx -p "$dir" -c "$dir/nginx.conf"
  await_http "http://127.0.0.1:$NCHAN_PORT/" 30
}

start_ours() {  # id, extra flags...
  local id=$1; shift
  # shellcheck disable=SC2086
  start_server "$id" java $OURS_JVM_OPTS "${JVM_OPTS[@]}" -jar "$JAR" --host 127.0.0.1 --port "$OURS_PORT" "$@"
  await_http "http://127.0.0.1:$OURS_PORT/health/ready" 60
}
JVM_OPTS=()
# The settings docs/operations.md recommends for two cores (benchmarks/jvm-options.sh measures the choice):
# the serial collector, and a young generation of 32 MiB so that a burst of garbage (a storm of
# handshakes) does not leave a large eden resident. To measure operations.md's option of the C1
# compiler alone: OURS_JVM_OPTS="-XX:+UseSerialGC -Xmn32m -XX:TieredStopAtLevel=1".
OURS_JVM_OPTS=${OURS_JVM_OPTS--XX:+UseSerialGC -Xmn32m}

# --- micro-benchmarks --------------------------------------------------------------------------
if wants jmh; then
  # shellcheck disable=SC2086
  run_step jmh 60m java -jar "$BENCH" $JMH_ARGS -prof gc -rf json -rff "$OUT/jmh.json" \
    'io.incidentstream.benchmarks.micro.*'
fi

# --- start-up and jar size ---------------------------------------------------------------------
if wants startup; then
  stat -c %s "$JAR" > "$OUT/jar.txt"
  run_step startup 10m "${CLIENT[@]}" $P.load.Startup --runs 7 --port "$OURS_PORT" --out "$OUT/startup.csv" \
    --log "$OUT/logs/startup-server.log" --command "java -jar $JAR --host 127.0.0.1 --port {port}"
  # The same jar with the class-data archive that operations.md describes ("A faster start").
  run_step startup-cds-archive 5m scripts/class-archive.sh "$JAR" "$OUT/bin/incident-stream.jsa"
  run_step startup-cds 10m "${CLIENT[@]}" $P.load.Startup --runs 7 --port "$OURS_PORT" --out "$OUT/startup.csv" \
    --label ours-cds --log "$OUT/logs/startup-cds-server.log" \
    --command "java -XX:SharedArchiveFile=$OUT/bin/incident-stream.jsa -jar $JAR --host 127.0.0.1 --port {port}"
  # And as operations.md recommends for two cores: the archive and the JVM options every other step uses.
  run_step startup-recommended 10m "${CLIENT[@]}" $P.load.Startup --runs 7 --port "$OURS_PORT" --out "$OUT/startup.csv" \
    --label ours-recommended --log "$OUT/logs/startup-recommended-server.log" \
    --command "java $OURS_JVM_OPTS -XX:SharedArchiveFile=$OUT/bin/incident-stream.jsa -jar $JAR --host 127.0.0.1 --port {port}"
  # For scale: a bare Jetty server (the echo server) to its first HTTP answer, on the same JVM.
  run_step startup-echo 10m "${CLIENT[@]}" $P.load.Startup --runs 7 --port "$ECHO_PORT" --out "$OUT/startup.csv" \
    --label echo --ready-path /echo --ready-status any --log "$OUT/logs/startup-echo.log" \
    --command "java -cp $BENCH $P.load.EchoServer --host 127.0.0.1 --port {port}"
fi

# --- ingest ------------------------------------------------------------------------------------
if wants ingest; then
  start_ours server-ours-ingest; pid=$PID
  for batch in 1 100; do
    label=ours-$([[ $batch == 1 ]] && echo single || echo batch)
    run_step "ingest-$label" 5m "${CLIENT[@]}" $P.load.Ingest --target ours --port "$OURS_PORT" --batch $batch \
      --connections 4 --secs 10 --warmup-secs 15 --server-pid "$pid" --label "$label" --out "$OUT/ingest.csv"
  done
  stop_pid "$pid"
  start_nchan server-nchan-ingest; pid=$PID
  run_step ingest-nchan-single 5m "${CLIENT[@]}" $P.load.Ingest --target nchan --port "$NCHAN_PORT" --batch 1 \
    --connections 4 --secs 10 --warmup-secs 15 --server-pid "$pid" --label nchan-single --out "$OUT/ingest.csv"
  stop_pid "$pid"
fi

# --- idle connections --------------------------------------------------------------------------
if wants idle; then
  idle() {  # label, target, port, pid, extra...
    local label=$1 target=$2 port=$3 pid=$4; shift 4
    run_step "idle-$label" 30m "${CLIENT[@]}" $P.load.IdleConnections --target "$target" --port "$port" \
      --server-pid "$pid" --steps "$IDLE_STEPS" --sources 40 --settle-secs 10 --label "$label" --out "$OUT/idle.csv" \
      --histo-dir "$OUT/histograms" "$@"
  }
  start_ours server-ours-idle --max-connections 20000; idle ours ours "$OURS_PORT" "$PID"; stop_pid "$PID"
  start_ours server-ours-idle-deflate --max-connections 20000
  idle ours-deflate ours "$OURS_PORT" "$PID" --compression true; stop_pid "$PID"
  start_server server-echo java -cp "$BENCH" $P.load.EchoServer --host 127.0.0.1 --port "$ECHO_PORT"
  echo_pid=$PID; sleep 3
  idle echo echo "$ECHO_PORT" "$echo_pid"; stop_pid "$echo_pid"
  start_nchan server-nchan-idle; idle nchan nchan "$NCHAN_PORT" "$PID"; stop_pid "$PID"
fi

# --- reconnect storm: 15,000 connections opened at once, then left idle --------------------------
# As after a deploy or a node loss: every client comes back together. Per server: the time to the
# last subscription confirmed, the server CPU per connection opened, and the memory a user sees 10 s
# later (RSS, no forced GC) beside the same after a full GC (Java servers). ours-sse opens SSE streams;
# echo is the bare Jetty echo server on ours' JVM options, whose clients wait for their subscribe
# message to come back: what Jetty's upgrade costs with nothing of ours, the floor under ours.
STORM_CONNECTIONS=${STORM_CONNECTIONS:-15000}
if wants storm; then
  storm() {  # label, target, port, pid, extra...
    local label=$1 target=$2 port=$3 pid=$4; shift 4
    run_step "storm-$label" 20m "${CLIENT[@]}" $P.load.IdleConnections --target "$target" --port "$port" \
      --server-pid "$pid" --steps "0,$STORM_CONNECTIONS" --sources 40 --settle-secs 10 --label "$label" \
      --out "$OUT/storm.csv" "$@"
  }
  start_ours server-ours-storm --max-connections 20000; storm ours ours "$OURS_PORT" "$PID"; stop_pid "$PID"
  start_ours server-ours-storm-sse --max-connections 20000
  storm ours-sse ours "$OURS_PORT" "$PID" --transport sse; stop_pid "$PID"
  # shellcheck disable=SC2086
  start_server server-echo-storm java $OURS_JVM_OPTS -cp "$BENCH" $P.load.EchoServer --host 127.0.0.1 --port "$ECHO_PORT"
  await_http "http://127.0.0.1:$ECHO_PORT/echo" 60
  storm echo echo "$ECHO_PORT" "$PID"; stop_pid "$PID"
  start_nchan server-nchan-storm; storm nchan nchan "$NCHAN_PORT" "$PID"; stop_pid "$PID"
fi

# --- fan-out -----------------------------------------------------------------------------------
if wants fanout; then
  for subs in 1000 10000; do
    rates=$([[ $subs == 1000 ]] && echo "$RATES_1K" || echo "$RATES_10K")
    start_ours "server-ours-fanout-$subs" --max-connections 20000; pid=$PID
    run_step "fanout-ours-$subs" 30m "${CLIENT[@]}" $P.load.FanOut --target ours --port "$OURS_PORT" \
      --subscribers $subs --rates "$rates" --step-secs "$STEP_SECS" --samples "$FANOUT_SAMPLES" --server-pid "$pid" --label ours \
      --out "$OUT/fanout.csv"
    stop_pid "$pid"
    start_nchan "server-nchan-fanout-$subs"; pid=$PID
    run_step "fanout-nchan-$subs" 30m "${CLIENT[@]}" $P.load.FanOut --target nchan --port "$NCHAN_PORT" \
      --subscribers $subs --rates "$rates" --step-secs "$STEP_SECS" --samples "$FANOUT_SAMPLES" --server-pid "$pid" --label nchan \
      --out "$OUT/fanout.csv"
    stop_pid "$pid"
  done
fi

# --- the target workload: 1k subscribers, 100 events/s, fresh servers, rounds alternating the two ----
# BEFORE_JAR=path adds a third server to each round, labelled before-target: an earlier build measured in
# the same run, so that a change shows as a ratio within one run rather than across two.
# BEFORE_JVM_OPTS (default: OURS_JVM_OPTS) runs it with other JVM options, to measure a change of those.
BEFORE_JVM_OPTS=${BEFORE_JVM_OPTS-$OURS_JVM_OPTS}
if wants target; then
  [[ -n ${BEFORE_JAR:-} && ! -f $OUT/bin/before.jar ]] && cp -p "$BEFORE_JAR" "$OUT/bin/before.jar"
  for round in $(seq 1 "$TARGET_ROUNDS"); do
    if [[ -n ${BEFORE_JAR:-} ]]; then
      # shellcheck disable=SC2086
      start_server "server-before-fanout-target-$round" java $BEFORE_JVM_OPTS -jar "$OUT/bin/before.jar" --host 127.0.0.1 \
        --port "$OURS_PORT" --max-connections 20000; pid=$PID
      await_http "http://127.0.0.1:$OURS_PORT/health/ready" 60
      run_step "fanout-before-target-$round" 10m "${CLIENT[@]}" $P.load.FanOut --target ours --port "$OURS_PORT" \
        --subscribers 1000 --rates 100 --prewarm-secs 0 --warmup-secs 10 --step-secs "$STEP_SECS" \
        --server-pid "$pid" --label before-target --out "$OUT/fanout.csv"
      stop_pid "$pid"
    fi
    start_ours "server-ours-fanout-target-$round" --max-connections 20000; pid=$PID
    run_step "fanout-ours-target-$round" 10m "${CLIENT[@]}" $P.load.FanOut --target ours --port "$OURS_PORT" \
      --subscribers 1000 --rates 100 --prewarm-secs 0 --warmup-secs 10 --step-secs "$STEP_SECS" \
      --server-pid "$pid" --label ours-target --out "$OUT/fanout.csv"
    stop_pid "$pid"
    start_nchan "server-nchan-fanout-target-$round"; pid=$PID
    run_step "fanout-nchan-target-$round" 10m "${CLIENT[@]}" $P.load.FanOut --target nchan --port "$NCHAN_PORT" \
      --subscribers 1000 --rates 100 --prewarm-secs 0 --warmup-secs 10 --step-secs "$STEP_SECS" \
      --server-pid "$pid" --label nchan-target --out "$OUT/fanout.csv"
    stop_pid "$pid"
    echo "load average after target round $round: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.txt"
  done
fi

# --- allocation per delivery at the target workload (its own servers, serial GC, jstat) -----------
if wants allocation; then
  [[ -n ${BEFORE_JAR:-} && ! -f $OUT/bin/before.jar ]] && cp -p "$BEFORE_JAR" "$OUT/bin/before.jar"
  run_step allocation 30m env OUT="$OUT/allocation" OURS_JVM_OPTS="$OURS_JVM_OPTS" JAR="$JAR" BENCH_JAR="$BENCH" ROUNDS="${ALLOCATION_ROUNDS:-3}" \
    BEFORE_JAR="$([[ -n ${BEFORE_JAR:-} ]] && echo "$OUT/bin/before.jar")" PORT=$((BASE_PORT + 10)) benchmarks/allocation.sh
  cp "$OUT/allocation/allocation.csv" "$OUT/allocation.csv"
fi

# --- profiling (separate runs: the profilers do not touch the figures above) ----------------------
if wants profile; then
  case $(uname -m) in x86_64) arch=linux-x64 ;; aarch64) arch=linux-arm64 ;; *) arch= ;; esac
  AP=$OUT/bin/libasyncProfiler.so
  if [[ -n $arch ]] && unzip -p "$BENCH" "$arch/libasyncProfiler.so" > "$AP" 2>/dev/null && [[ -s $AP ]]; then
    HOOK=benchmarks/profile-hook.sh
    # Fan-out: CPU (async-profiler) and JFR over each measured step only. Both are loaded at launch, so that
    # starting them later does not make the JIT recompile what it had compiled; the hooks only start and stop.
    PROFILED=("-agentpath:$AP" "-XX:StartFlightRecording=name=bench,settings=profile,maxage=10m")
    for spec in "1000 10,100" "10000 2"; do
      read -r subs rates <<< "$spec"
      JVM_OPTS=("${PROFILED[@]}")
      start_ours "profile-server-fanout-$subs" --max-connections 20000; pid=$PID
      JVM_OPTS=()
      run_step "profile-fanout-$subs" 15m "${CLIENT[@]}" $P.load.FanOut --target ours --port "$OURS_PORT" \
        --subscribers "$subs" --rates "$rates" --step-secs 10 --server-pid "$pid" \
        --label profile --out "$OUT/profile/fanout.csv" \
        --measure-start-hook "$HOOK start $pid $AP" \
        --measure-end-hook "$HOOK stop $pid $AP $OUT/profile/fanout-$subs-at-@RATE@"
      stop_pid "$pid"
    done
    # Idle memory: the JVM's own account (native memory tracking) at 0 and 19k connections.
    JVM_OPTS=(-XX:NativeMemoryTracking=summary)
    start_ours profile-server-idle --max-connections 20000; pid=$PID
    JVM_OPTS=()
    run_step profile-idle 30m "${CLIENT[@]}" $P.load.IdleConnections --target ours --port "$OURS_PORT" \
      --server-pid "$pid" --steps 0,19000 --sources 40 --label profile --out "$OUT/profile/idle.csv" \
      --measure-hook "jcmd $pid VM.native_memory summary | grep -E '^(Total|-)' > $OUT/profile/idle-nmt-\$BENCH_CONNECTIONS.txt"
    stop_pid "$pid"
    # Ingest, one event per request: 15 s to warm up, then 10 s profiled.
    JVM_OPTS=("${PROFILED[@]}")
    start_ours profile-server-ingest; pid=$PID
    JVM_OPTS=()
    timeout 2m "${CLIENT[@]}" $P.load.Ingest --target ours --port "$OURS_PORT" --secs 15 --warmup-secs 0 > /dev/null \
      || log "ingest warm-up failed"
    $HOOK start "$pid" "$AP" || log "could not start the profilers"
    run_step profile-ingest 5m "${CLIENT[@]}" $P.load.Ingest --target ours --port "$OURS_PORT" --secs 10 \
      --warmup-secs 0 --connections 4 --server-pid "$pid" --label profile --out "$OUT/profile/ingest.csv"
    BENCH_STEP_SECS=10 $HOOK stop "$pid" "$AP" "$OUT/profile/ingest-single" || log "could not stop the profilers"
    stop_pid "$pid"
    # Start-up: CPU from launch to exit, and the classes loaded.
    run_step profile-startup 5m "${CLIENT[@]}" $P.load.Startup --runs 1 --port "$OURS_PORT" --label profile \
      --out "$OUT/profile/startup.csv" --log "$OUT/logs/profile-startup.log" --command "java \
      -agentpath:$AP=start,event=cpu,interval=1ms,file=$OUT/profile/startup.collapsed,collapsed \
      -Xlog:class+load=info:file=$OUT/profile/startup-classes.log -jar $JAR --host 127.0.0.1 --port {port}"
    for f in "$OUT"/profile/*.collapsed; do
      [[ -f $f ]] && timeout 5m java -cp "$BENCH" $P.report.CpuProfileSummary "$f" > "${f%.collapsed}-cpu.txt"
    done
    for f in "$OUT"/profile/*.jfr; do
      [[ -f $f ]] && timeout 5m java -cp "$BENCH" $P.report.JfrSummary "$f" > "${f%.jfr}-jfr.txt"
    done
    if [[ -f $OUT/profile/startup-classes.log ]]; then
      {
        echo "classes loaded from launch to ready and shutdown: $(grep -c 'source:' "$OUT/profile/startup-classes.log")"
        echo "of which from the CDS archive (shared): $(grep -c 'shared objects file' "$OUT/profile/startup-classes.log")"
        echo "by package (top 20):"
        grep -o '\] [a-zA-Z0-9_.$]* source' "$OUT/profile/startup-classes.log" | awk '{print $2}' \
          | awk -F. '{n=NF>3?3:NF-1; p=$1; for(i=2;i<=n;i++) p=p"."$i; print p}' | sort | uniq -c | sort -rn | head -20
      } > "$OUT/profile/startup-classes.txt"
    fi
  else
    log "no async-profiler library for $(uname -m): profiling skipped"
  fi
fi

if ! grep -q 'load average at end' "$OUT/machine.txt"; then
  echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.txt"
fi

# --- the report --------------------------------------------------------------------------------
if wants report; then
  # The run before this one, for the page's "previous run" column (kept when a finished run is re-rendered).
  if [[ ! -d $OUT/previous && -d benchmarks/results ]]; then
    cp -r benchmarks/results "$OUT/previous"
    # A subset run: the figures of the steps it skipped come from the previous run, and the page says so.
    for f in jmh.json startup.csv jar.txt ingest.csv idle.csv storm.csv fanout.csv allocation.csv; do
      if [[ ! -f $OUT/$f && -f $OUT/previous/$f ]]; then
        cp "$OUT/previous/$f" "$OUT/$f"
        echo "$f" >> "$OUT/carried-over.txt"
      fi
    done
    # fanout.csv holds two steps: the stepped runs (fanout) and the target workload's rounds (target).
    if [[ -f $OUT/previous/fanout.csv ]] && ! grep -qx fanout.csv "$OUT/carried-over.txt" 2>/dev/null; then
      for step in fanout target; do
        wants "$step" && continue
        pattern=$([[ $step == target ]] && echo '-target$' || echo '^[^-]*$')
        awk -F, -v p="$pattern" 'NR > 1 && $1 ~ p' "$OUT/previous/fanout.csv" >> "$OUT/fanout.csv"
        echo "fanout.csv ($step rows)" >> "$OUT/carried-over.txt"
      done
    fi
  fi
  # The page is rendered by the report code of the working tree (a report-only re-run picks up its changes).
  REPORT_JAR=$([[ -f benchmarks/target/benchmarks.jar ]] && echo benchmarks/target/benchmarks.jar || echo "$BENCH")
  run_step report 5m java -cp "$REPORT_JAR" $P.report.ReportWriter --results "$OUT" --doc docs/performance.md \
    --images docs/images --notes benchmarks/profiling-notes.md --previous "$OUT/previous"
  # The raw figures behind the page, next to it in version control (recordings and logs stay in target/).
  rm -rf benchmarks/results
  mkdir -p benchmarks/results
  cp "$OUT"/{machine.txt,commands.tsv} benchmarks/results/
  [[ -f $OUT/carried-over.txt ]] && cp "$OUT/carried-over.txt" benchmarks/results/
  for f in jmh.json startup.csv jar.txt ingest.csv idle.csv storm.csv fanout.csv allocation.csv; do
    [[ -f $OUT/$f ]] && cp "$OUT/$f" benchmarks/results/
  done
  mkdir -p benchmarks/results/profile
  cp "$OUT"/profile/*.txt benchmarks/results/profile/ 2>/dev/null || true
  # What this run did not write stays as the previous run left it (a subset run's skipped profiles,
  # files other programs keep here, such as presence-storm.csv).
  if [[ -d $OUT/previous ]]; then
    for f in "$OUT"/previous/* "$OUT"/previous/profile/*; do
      rel=${f#"$OUT/previous/"}
      if [[ -f $f && $rel != carried-over.txt && ! -e benchmarks/results/$rel ]]; then
        cp "$f" "benchmarks/results/$rel"
      fi
    done
  fi
  log "wrote docs/performance.md from $OUT"
fi
