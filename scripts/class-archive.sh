#!/usr/bin/env bash
# Makes a class-data archive (AppCDS) for one server jar and the JVM that runs this script, so that
# the server starts in about half the time (docs/operations.md, "A faster start"):
#
#   scripts/class-archive.sh bootstrap/target/incident-stream.jar            # writes incident-stream.jsa beside it
#   java -XX:SharedArchiveFile=bootstrap/target/incident-stream.jsa -jar bootstrap/target/incident-stream.jar
#
# It starts the server once on a free loopback port with -XX:ArchiveClassesAtExit, takes in one
# event (the path every server takes soon after starting), stops it with SIGTERM, and checks that a
# start with the archive loads the server's classes from it. The archive fits only this jar (its
# path and modification time) and this JDK: after an upgrade of either, run the script again. With
# another jar or JDK the JVM prints a warning and starts without it.
set -euo pipefail

jar=${1:?usage: $0 JAR [ARCHIVE]}
archive=${2:-${jar%.jar}.jsa}
[[ -f $jar ]] || { echo "class-archive: no such jar: $jar" >&2; exit 1; }
command -v curl > /dev/null || { echo "class-archive: needs curl" >&2; exit 1; }
java=${JAVA:-java}

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log=$(mktemp)
rm -f "$archive"
"$java" -XX:ArchiveClassesAtExit="$archive" -jar "$jar" --host 127.0.0.1 --port "$port" > "$log" 2>&1 &
pid=$!
trap 'kill -KILL "$pid" 2> /dev/null || true; rm -f "$log"' EXIT

for _ in $(seq 1 600); do
  curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/health/ready" && break
  kill -0 "$pid" 2> /dev/null || { cat "$log" >&2; echo "class-archive: the server did not start" >&2; exit 1; }
  sleep 0.1
done
curl -s -o /dev/null --max-time 5 -X POST -H 'Content-Type: application/json' \
  -d '{"event_type":"system_event","category":"class-archive","message":"training run"}' \
  "http://127.0.0.1:$port/api/v1/events"
kill -TERM "$pid"
wait "$pid" || { cat "$log" >&2; echo "class-archive: the training run did not stop cleanly" >&2; exit 1; }
[[ -s $archive ]] || { cat "$log" >&2; echo "class-archive: the JVM wrote no archive" >&2; exit 1; }

# -Xshare:on fails instead of falling back, so this shows the archive is usable as it is.
loaded=$("$java" -Xshare:on -XX:SharedArchiveFile="$archive" -Xlog:class+load=info -jar "$jar" --version 2>&1 || true)
if ! grep -q 'io.incidentstream.bootstrap.Main source: shared objects file' <<< "$loaded"; then
  echo "class-archive: $archive was written but the JVM does not load the server from it" >&2
  exit 1
fi
echo "class-archive: wrote $archive ($(du -h "$archive" | cut -f1)); start the server with:"
echo "  $java -XX:SharedArchiveFile=$archive -jar $jar"
