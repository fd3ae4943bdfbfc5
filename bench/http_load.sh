#!/usr/bin/env bash
# HTTP load check: serves a Reuters index with `gazette serve` on 127.0.0.1 and drives
# it with wrk (bench/http_load.lua) through a fixed, seeded mix of 1-3 word searches
# (some with topic filters, facets, page 2 or newest first), twice: first alone, then
# while `gazette index` rewrites and re-indexes a changed copy of part of the corpus
# into the same database in a loop. Prints requests/s, latency percentiles and error
# counts per phase. Exit status 0 only when no request failed (no status >= 400, no
# socket error or timeout); 1 otherwise; 2 on bad usage.
#
# Usage: bench/http_load.sh [--db DIR] [--corpus DIR] [--gazette BIN] [--duration 30s]
#                           [--connections 32] [--threads 2] [--changed 2000]
#   --db DIR       serve (and re-index into) this database; default: index --corpus
#                  into a temporary one first
#   --corpus DIR   articles to index and take query words from (default:
#                  ../shared/corpora/reuters beside the repository)
#   --changed N    articles rewritten per re-index pass in phase 2 (Markdown corpora
#                  only; 0 skips phase 2)
# Each phase's result line ends with the server's resident and peak memory.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
gazette=$repo/build/main/gazette
corpus=$repo/../shared/corpora/reuters
db=
duration=30s
connections=32
wrk_threads=2
changed=2000
queries=2000

usage() { sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
while (($#)); do
  case $1 in
    --db) db=$2; shift 2 ;;
    --corpus) corpus=$2; shift 2 ;;
    --gazette) gazette=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --threads) wrk_threads=$2; shift 2 ;;
    --changed) changed=$2; shift 2 ;;
    -h|--help) usage ;;
    *) echo "http_load.sh: unknown argument '$1'" >&2; usage ;;
  esac
done
for tool in wrk curl; do
  command -v $tool >/dev/null || { echo "http_load.sh: $tool is missing (scripts/install-deps.sh --test)" >&2; exit 2; }
done
[[ -x $gazette ]] || { echo "http_load.sh: no gazette binary at $gazette (build first)" >&2; exit 2; }
[[ -d $corpus ]] || { echo "http_load.sh: no corpus at $corpus" >&2; exit 2; }
corpus=$(cd "$corpus" && pwd)

tmp=$(mktemp -d)
server_pid=
loop_pid=
cleanup() {
  touch "$tmp/stop"
  [[ -n $loop_pid ]] && { wait "$loop_pid" 2>/dev/null || true; }
  if [[ -n $server_pid ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

if [[ -z $db ]]; then
  db=$tmp/db
  echo "== indexing $corpus into a temporary database"
  "$gazette" index -q --db "$db" "$corpus"
fi

# Port 0: the server picks a free port and prints the URL it serves on.
"$gazette" serve --db "$db" --listen 127.0.0.1:0 >"$tmp/serve.out" 2>"$tmp/serve.log" &
server_pid=$!
url=
for _ in $(seq 1 400); do
  url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$tmp/serve.out" || true)
  [[ -n $url ]] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$tmp/serve.log" >&2; exit 1; }
  sleep 0.05
done
[[ -n $url ]] || { echo "http_load.sh: gazette serve did not start" >&2; exit 1; }
echo "== serving $db on $url"

# --- the request mix -----------------------------------------------------------------
# Words: the 3,000 most frequent title words of 4+ letters, picked uniformly; topics:
# the 40 largest (plain ones only, so they need no URL encoding), picks leaning to the
# larger ones.
# Titles come from Markdown front matter or, for JSON Lines, from "title" keys.
{
  grep -rh --include='*.md' '^title:' "$corpus" || true
  grep -rhoE --include='*.jsonl' '"title": ?"[^"]*"' "$corpus" || true
} | tr 'A-Z' 'a-z' | grep -oE '[a-z]{4,}' | grep -vx title |
  sort | uniq -c | sort -k1,1nr -k2 | awk 'NR <= 3000 { print $2 }' >"$tmp/words"
curl -sf "$url/api/search?per_page=1&facets=topic" | grep -o '"value":"[^"]*"' |
  cut -d'"' -f4 | grep -E '^[A-Za-z0-9._-]+$' | head -40 >"$tmp/topics" || true
awk -v n="$queries" -v topics_file="$tmp/topics" '
  BEGIN { srand(1) }
  { words[++nw] = $0 }
  END {
    while ((getline t < topics_file) > 0) topics[++nt] = t
    for (i = 0; i < n; ++i) {
      k = 1 + int(rand() * 3); q = ""
      for (j = 0; j < k; ++j) q = q (j ? "+" : "") words[1 + int(rand() * nw)]
      path = "/api/search?q=" q
      if (nt && rand() < 0.35) path = path "&topic=" topics[1 + int(rand() * rand() * nt)]
      if (rand() < 0.5) path = path "&facets=topic,provider,date"
      if (rand() < 0.1) path = path "&page=2"
      if (rand() < 0.1) path = path "&sort=newest"
      print path
    }
  }' "$tmp/words" >"$tmp/paths"
echo "== $(wc -l <"$tmp/paths") request paths, e.g.:"
awk 'NR % 400 == 1' "$tmp/paths" | sed 's/^/   /'

# The server's resident memory now and at its peak, in MB.
server_rss() {
  awk '/^VmRSS|^VmHWM/ { v[$1] = $2 } END { printf "server_rss_mb=%.0f server_peak_rss_mb=%.0f", v["VmRSS:"] / 1024, v["VmHWM:"] / 1024 }' \
    "/proc/$server_pid/status"
}

run_wrk() {  # $1: phase name
  echo "== $1: wrk -t$wrk_threads -c$connections -d$duration --latency --timeout 10s"
  wrk -t"$wrk_threads" -c"$connections" -d"$duration" --latency --timeout 10s \
    -s "$repo/bench/http_load.lua" "$url" -- "$tmp/paths" | tee "$tmp/wrk.out"
  echo "$(grep '^result:' "$tmp/wrk.out" | sed "s/^result:/$1:/") $(server_rss)" >>"$tmp/results"
}

reloads() { curl -sf "$url/api/stats" | grep -o '"reloads":[0-9]*' | cut -d: -f2; }

# --- phase 1: searches alone ---------------------------------------------------------
run_wrk "searches"

# --- phase 2: searches while re-indexing ---------------------------------------------
if ((changed > 0)) && [[ -n $(find "$corpus" -name '*.md' -print -quit) ]]; then
# A changed copy of the first $changed articles: same ids (webUrl), a body line that
# each pass rewrites, so every pass replaces $changed documents in the served database.
mkdir -p "$tmp/changed"
find "$corpus" -name '*.md' | sort >"$tmp/all-files"
head -n "$changed" "$tmp/all-files" | while read -r f; do
  rel=${f#"$corpus"/}
  mkdir -p "$tmp/changed/$(dirname "$rel")"
  { cat "$f"; printf '\nload-check revision 0\n'; } >"$tmp/changed/$rel"
done
reindex_loop() {
  local pass=0 rc start
  while [[ ! -e $tmp/stop ]]; do
    pass=$((pass + 1))
    find "$tmp/changed" -name '*.md' -exec sed -i \
      "s/^load-check revision [0-9]*\$/load-check revision $pass/" {} +
    start=$(date +%s.%N)
    rc=0
    "$gazette" index -q --json --db "$db" "$tmp/changed" >"$tmp/index.$pass.json" 2>&1 || rc=$?
    echo "$pass $rc $(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')" \
      >>"$tmp/passes"
  done
}
reloads_before=$(reloads)
reindex_loop &
loop_pid=$!
run_wrk "searches+reindex"
touch "$tmp/stop"
wait "$loop_pid"
loop_pid=
reloads_after=$(reloads)
else
  echo "== phase 2 skipped (--changed 0, or no Markdown articles to rewrite)"
  : >"$tmp/passes"
  reloads_before=0
  reloads_after=0
fi

# --- report --------------------------------------------------------------------------
echo
echo "== summary ($connections connections, $wrk_threads wrk threads, $duration per phase)"
cat "$tmp/results"
passes=$(wc -l <"$tmp/passes")
failed_passes=$(awk '$2 != 0' "$tmp/passes" | wc -l)
echo "re-index passes during phase 2: $passes ($changed articles each, $failed_passes failed;" \
  "seconds per pass: $(awk '{ printf "%s%.1f", (NR > 1 ? " " : ""), $3 }' "$tmp/passes"))"
echo "server reloads during phase 2: $((reloads_after - reloads_before))"
[[ $failed_passes == 0 ]] || { echo "a re-index pass failed:" >&2; cat "$tmp"/index.*.json >&2; }
server_errors=$(grep -cE ' (4[0-9][0-9]|5[0-9][0-9]) [0-9.]+ms$' "$tmp/serve.log" || true)
echo "server access log: $server_errors responses with status >= 400"
if awk '{ for (i = 2; i <= NF; ++i) { split($i, kv, "=");
            if (kv[1] ~ /^(non2xx|status_ge_400|socket_errors)$/ && kv[2] != 0) bad = 1 } }
        END { exit bad ? 0 : 1 }' "$tmp/results" || [[ $server_errors != 0 || $failed_passes != 0 ]]; then
  echo "FAILED: some requests failed" >&2
  grep -E ' (4[0-9][0-9]|5[0-9][0-9]) [0-9.]+ms$' "$tmp/serve.log" | head -5 >&2 || true
  exit 1
fi
echo "OK: no failed requests"
