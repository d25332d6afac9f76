# Sourced by the benchmark scripts that run one server at a time in $PID and log to $OUT/run.log.

log() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$OUT/run.log" >&2; }

# Stops the server in $PID: TERM, then KILL after 30 s.
stop() {
  [[ -z $PID ]] && return 0
  kill -TERM "$PID" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$PID" 2>/dev/null || true
  PID=
}

# Waits up to 60 s for any HTTP answer from the url.
await_http() {
  for _ in $(seq 1 600); do curl -s -o /dev/null --max-time 1 "$1" && return 0; sleep 0.1; done
  log "no answer from $1"; return 1
}
