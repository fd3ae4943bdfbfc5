#!/usr/bin/env bash
# Checks gazette serve against docs/openapi.yaml: installs ajv and yaml (npm ci) into
# WORK_DIR, indexes CORPUS twice (one database stays good, the other is damaged by the
# test to get 500s), starts three servers on free 127.0.0.1 ports (good, damaged, and
# one whose database does not exist, for 503s) and runs conformance.test.mjs.
# Exit status: 0 passed, 1 failed, 77 skipped (no node or npm).
# Usage: run_conformance.sh GAZETTE CORPUS SPEC WORK_DIR
set -euo pipefail

gazette=$1 corpus=$2 spec=$3 work=$4
source_dir=$(cd "$(dirname "$0")" && pwd)
for tool in node npm; do
  command -v "$tool" >/dev/null || { echo "skipped: $tool is not installed"; exit 77; }
done

mkdir -p "$work"
cp "$source_dir/package.json" "$source_dir/package-lock.json" "$source_dir"/*.test.mjs "$work/"
if ! cmp -s "$work/package-lock.json" "$work/node_modules/.gazette-lock" 2>/dev/null; then
  (cd "$work" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  cp "$work/package-lock.json" "$work/node_modules/.gazette-lock"
fi

tmp=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT

"$gazette" index -q --db "$tmp/good" "$corpus" >/dev/null
"$gazette" index -q --db "$tmp/damaged" "$corpus" >/dev/null

# Starts `gazette serve --db DB` on a free port in the background, in this shell, so
# that cleanup knows its pid.
serve() {
  local db=$1 name=$2
  "$gazette" serve --db "$db" --listen 127.0.0.1:0 "${@:3}" >"$tmp/$name.out" 2>"$tmp/$name.log" &
  pids+=($!)
}
# Prints the URL the server NAME listens on, once it says.
url_of() {
  local name=$1 url=
  for _ in $(seq 1 200); do
    url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$tmp/$name.out" || true)
    [[ -n $url ]] && { echo "$url"; return; }
    sleep 0.05
  done
  echo "gazette serve ($name) did not start: $(cat "$tmp/$name.log")" >&2
  exit 1
}
serve "$tmp/good" good --admin-token conformance-token
serve "$tmp/damaged" damaged
serve "$tmp/missing" missing
good=$(url_of good)
damaged=$(url_of damaged)
missing=$(url_of missing)

cd "$work"
GAZETTE_URL=$good GAZETTE_DAMAGED_URL=$damaged GAZETTE_MISSING_URL=$missing \
  GAZETTE_DAMAGED_DB=$tmp/damaged.generations GAZETTE_OPENAPI=$spec \
  node --test --test-reporter=spec ./*.test.mjs
