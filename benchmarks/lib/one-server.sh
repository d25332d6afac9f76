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

# Starts nginx + nchan on $PORT from the template, in a directory of its own; sets PID. Directives
# for the WebSocket subscriber location (such as a ping interval) may follow.
start_nchan_server() {  # dir, log file, [subscriber directives]
  local dir=$1 logfile=$2 extra=${3:-}
  local edits=(-e "s|@DIR@|$dir|g" -e "s|@PORT@|$PORT|g")
  if [[ -n $extra ]]; then edits+=(-e "s|nchan_subscriber websocket;|nchan_subscriber websocket; $extra|"); fi
  mkdir -p "$dir"
  sed "${edits[@]}" benchmarks/nchan/nginx.conf.template > "$dir/nginx.conf"
  nginx -p "$dir" -c "$dir/nginx.conf" > "$logfile" 2>&1 &
  PID=$!
  await_http "http://127.0.0.1:$PORT/"
}
