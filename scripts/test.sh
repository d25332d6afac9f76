#!/usr/bin/env bash
# Runs every test of the project: first installs the Debian packages that the tests use when they
# are missing (the tests start these programs themselves and fail loudly without them), then runs
# the Maven build. CI (.ci/run) calls this same script. Extra arguments go to Maven.
# With --check it only checks: the Maven build runs it first (validate phase, unless -DskipTests),
# so that a missing program fails the build in seconds with one message instead of a stack trace.
set -euo pipefail
cd "$(dirname "$0")/.."

# What the tests run, as "check|Debian package". A check is a command that must succeed.
REQUIRED=(
  "command -v node|nodejs"
  "command -v npm|npm"
  "command -v redis-server|redis-server"
  "command -v chromium|chromium"
  "command -v prometheus-alertmanager|prometheus-alertmanager"
  "/usr/bin/python3 -c 'import websockets'|python3-websockets"
  "curl --version | grep -q HTTP2|curl"
)

missing=()
for entry in "${REQUIRED[@]}"; do
  check="${entry%|*}"
  package="${entry##*|}"
  if ! bash -c "$check" >/dev/null 2>&1; then
    missing+=("$package")
  fi
done

if [[ ${1:-} == --check ]]; then
  if ((${#missing[@]})); then
    echo "The tests need programs that are missing here (Debian packages: ${missing[*]})." >&2
    echo "Install them with: sudo apt-get install ${missing[*]}" >&2
    echo "(scripts/test.sh installs them and runs the tests; ./mvnw package -DskipTests builds without them.)" >&2
    exit 1
  fi
  exit 0
fi

if ((${#missing[@]})); then
  echo "test set-up: installing missing Debian packages: ${missing[*]}"
  if [[ $(id -u) -ne 0 ]] && ! command -v sudo >/dev/null; then
    echo "test set-up: cannot install ${missing[*]}: not root and no sudo." >&2
    echo "Install them, then run this script again: apt-get install ${missing[*]}" >&2
    exit 1
  fi
  as_root=()
  [[ $(id -u) -ne 0 ]] && as_root=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  if ! "${as_root[@]}" apt-get update -qq || ! "${as_root[@]}" apt-get install -y -qq "${missing[@]}"; then
    echo "test set-up: could not install ${missing[*]} (apt-get failed above); the tests need them." >&2
    exit 1
  fi
fi

exec ./mvnw -B -ntp verify "$@"
