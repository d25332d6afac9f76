#!/usr/bin/env bash
# Usage: npm-ci-if-changed.sh DIR [npm ci options...]
# Runs `npm ci OPTIONS` in DIR unless node_modules there was installed by this script from the same
# package-lock.json, package.json, options and Node.js version. The Maven build calls it before the
# tests that use Node.js (bootstrap/pom.xml), so that an unchanged lock file costs no reinstall.
# After a successful `npm ci` it writes node_modules/.npm-ci-stamp: the sha256 of those four things.
# A fresh clone has no node_modules, hence no stamp, and installs. To force an install, delete
# DIR/node_modules (or its .npm-ci-stamp).
set -euo pipefail

dir=${1:?usage: npm-ci-if-changed.sh DIR [npm ci options...]}
shift
cd "$dir"

sha256() {
  if command -v sha256sum >/dev/null; then sha256sum; else shasum -a 256; fi
}

stamp=node_modules/.npm-ci-stamp
wanted=$({
  cat package-lock.json package.json
  printf 'options: %s\nnode: %s\n' "$*" "$(node --version)"
} | sha256 | cut -d' ' -f1)

if [[ -f $stamp && $(cat "$stamp") == "$wanted" ]]; then
  echo "npm ci: skipped in $PWD (package-lock.json, package.json, options and Node.js as at the last install)"
  exit 0
fi

# No stamp while installing: an install that fails leaves none, and the next build tries again.
rm -f "$stamp"
npm ci "$@"
echo "$wanted" > "$stamp"
