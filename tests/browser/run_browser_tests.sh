#!/usr/bin/env bash
# Runs the search page's browser tests: installs playwright-core (npm ci) into
# WORK_DIR, indexes CORPUS (corpus/sample) and two wire copies of one of its stories
# with GAZETTE into a temporary database, serves it on a free 127.0.0.1 port, runs the
# node:test files against it with Debian's headless chromium, and stops the server.
# Screenshots and the server log go to ARTIFACT_DIR, listed at the end.
# Exit status: 0 passed, 1 failed, 77 skipped (no chromium, node or npm).
# Usage: run_browser_tests.sh GAZETTE CORPUS WORK_DIR ARTIFACT_DIR
set -euo pipefail

readonly kSkip=77
gazette=$1 corpus=$2 work=$3 artifacts=$4
source_dir=$(cd "$(dirname "$0")" && pwd)
chromium=${CHROMIUM:-/usr/bin/chromium}

for tool in node npm; do
  command -v "$tool" >/dev/null || { echo "skipped: $tool is not installed"; exit $kSkip; }
done
[[ -x $chromium ]] || { echo "skipped: no chromium at $chromium"; exit $kSkip; }

# npm ci only when the lock file changed since the last install.
mkdir -p "$work" "$artifacts"
cp "$source_dir/package.json" "$source_dir/package-lock.json" "$source_dir"/*.test.mjs "$source_dir/chromium.mjs" "$source_dir/support.mjs" "$work/"
if ! cmp -s "$work/package-lock.json" "$work/node_modules/.gazette-lock" 2>/dev/null; then
  (cd "$work" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  cp "$work/package-lock.json" "$work/node_modules/.gazette-lock"
fi

tmp=$(mktemp -d)
server_pid=
cleanup() {
  echo "test artefacts in $artifacts:"
  ls -l "$artifacts" 2>/dev/null || true
  if [[ -n $server_pid ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# Two wire copies of one sample story from other outlets, hours later, with reworded
# titles: the search page must show the three as one story.
story="$corpus/2026/ransomware-attack-halts-container-bookings.md"
mkdir -p "$tmp/wire"
wire_copy() {  # OUTLET DOMAIN TIME TITLE_SED
  sed -e "s|harbourtimes\.example|$2|g" -e "s|\"Harbour Times\"|\"$1\"|" \
      -e "s|2026-11-24T07:40:00Z|$3|" -e "$4" "$story" >"$tmp/wire/${2%%.*}.md"
}
[[ -f $story ]] || { echo "$story is missing: CORPUS must be corpus/sample" >&2; exit 1; }
wire_copy "Continental Wire" continentalwire.example 2026-11-24T09:05:00Z \
  's|^title: "|title: "UPDATE 1-|'
wire_copy "Kestrel News" kestrelnews.example 2026-11-24T12:30:00Z \
  's|at three North Sea ports|at North Sea ports, operators say|'


"$gazette" index -q --db "$tmp/db" "$corpus" "$tmp/wire"

# Port 0: the server picks a free port and prints the URL it serves on.
"$gazette" serve --db "$tmp/db" --listen 127.0.0.1:0 >"$tmp/serve.out" \
  2>"$artifacts/browser-server.log" &
server_pid=$!
url=
for _ in $(seq 1 200); do
  url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$tmp/serve.out" || true)
  [[ -n $url ]] && break
  kill -0 "$server_pid" 2>/dev/null || { echo "gazette serve exited early" >&2; exit 1; }
  sleep 0.05
done
[[ -n $url ]] || { echo "gazette serve did not start" >&2; exit 1; }

cd "$work"
GAZETTE_URL=$url CHROMIUM=$chromium GAZETTE_ARTIFACTS=$artifacts \
  node --test --test-reporter=spec ./*.test.mjs
