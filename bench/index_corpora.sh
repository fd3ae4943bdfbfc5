#!/usr/bin/env bash
# Indexing throughput on the shared real corpora, twice each, plus an unchanged re-run
# and Reuters with two shards; then query latency on Reuters. Prints what
# `gazette index` and /usr/bin/time report. Usage: bench/index_corpora.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
gazette="$build/main/gazette"
corpora=../shared/corpora
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run() {  # label, then the gazette index arguments
  local label=$1; shift
  rm -rf "$work/db" "$work/db.generations"
  echo "== $label"
  /usr/bin/time -f "   wall %e s, user %U s, peak %M KB" "$gazette" index -q --db "$work/db" "$@" 2>&1 | tail -3
}

for i in 1 2; do run "reuters" "$corpora/reuters"; done
for i in 1 2; do run "reuters --shards 2" --shards 2 "$corpora/reuters"; done
for i in 1 2; do run "bbc" "$corpora/bbc/bbc.jsonl"; done
for i in 1 2; do run "livedoor-ja" "$corpora/livedoor-ja"; done
run "reuters (for queries)" "$corpora/reuters"
echo "== reuters again, unchanged"
/usr/bin/time -f "   wall %e s, user %U s, peak %M KB" "$gazette" index -q --db "$work/db" "$corpora/reuters" 2>&1 | tail -3
echo "== index size: $(du -sh "$work/db.generations" | cut -f1)"
"$build/bench/query_bench" --db "$work/db"
"$build/bench/query_bench" --db "$work/db" --facets topic,provider,date
uptime
