#!/usr/bin/env bash
# gazette against its peers, in one run on one machine: generates a corpus of SIZE
# articles (`gazette corpus generate`, JSON Lines, seed 1) and 1,000 matching queries,
# then indexes it with gazette, SQLite FTS5, Sphinx and plain Xapian, and times the
# queries (top 10, warm, with 1 and with 2 concurrent clients; gazette also with
# topic/provider/date facets). Also reports the ceiling of gazette's write path:
# bench/write_floor's writers alone on the finished documents, against the FTS5 rate
# (when the machine has the memory to hold the analysed corpus).
# Prints a Markdown table (and appends it to WORK/results.md) and one TSV row per
# engine to WORK/results.tsv for bench/peers_plot.sh. Missing peers are installed with
# apt-get; a peer that cannot run is reported and skipped.
#
# Usage: bench/peers.sh SIZE [--build DIR] [--work DIR] [--skip ENGINE,...] [--keep]
#   SIZE          articles to generate, e.g. 10000, 100000
#   --build DIR   build directory with main/gazette, bench/query_bench, bench/plain_xapian
#                 (default: build)
#   --work DIR    where corpus, indexes and results go (default: /tmp/gazette-peers-SIZE)
#   --skip LIST   engines to leave out: gazette, fts5, sphinx, xapian, ceiling
#   --keep        keep corpus and indexes (results.* are always kept); without it each
#                 engine's index is deleted once measured, so that the disk holds the
#                 corpus and one index at a time
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
bench=$repo/bench
usage() { sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
[[ $# -ge 1 && $1 =~ ^[0-9]+$ ]] || usage
size=$1
shift
build=$repo/build
work=/tmp/gazette-peers-$size
skip=
keep=0
while (($#)); do
  case $1 in
    --build) build=$(cd "$2" && pwd); shift 2 ;;
    --work) work=$2; shift 2 ;;
    --skip) skip=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) usage ;;
    *) echo "peers.sh: unknown argument '$1'" >&2; usage ;;
  esac
done
gazette=$build/main/gazette
for bin in "$gazette" "$build/bench/query_bench" "$build/bench/plain_xapian" \
  "$build/bench/write_floor"; do
  [[ -x $bin ]] || { echo "peers.sh: $bin is missing (build first)" >&2; exit 2; }
done
wanted() { [[ ",$skip," != *",$1,"* ]]; }

# --- peers, installed only when missing ------------------------------------------------
need=()
[[ -x /usr/bin/time ]] || need+=(time)
command -v python3 >/dev/null || need+=(python3)
wanted sphinx && ! command -v indexer >/dev/null && need+=(sphinxsearch)
wanted sphinx && ! /usr/bin/python3 -c 'import pymysql' 2>/dev/null && need+=(python3-pymysql)
if ((${#need[@]})); then
  echo "== apt-get install ${need[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >/dev/null
fi

mkdir -p "$work"
corpus=$work/corpus
queries=$work/queries.txt
searchd_conf=
cleanup() {
  if [[ -n $searchd_conf ]]; then searchd --config "$searchd_conf" --stopwait >/dev/null 2>&1 || true; fi
  if ((!keep)); then rm -rf "$corpus" "$work"/*.db "$work"/*.db.generations "$work/sphinx" "$work/corpus.xml"; fi
}
trap cleanup EXIT

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
echo "== generating $size articles and 1,000 queries into $work (load: $(cut -d' ' -f1-3 /proc/loadavg))"
rm -rf "$corpus"
"$gazette" corpus generate --count "$size" --format jsonl --seed 1 --out "$corpus" \
  --queries 1000 --queries-out "$queries"
input_bytes=$(cat "$corpus"/*.jsonl | wc -c)

# timed NAME CMD...: runs CMD under /usr/bin/time -v; sets wall (s) and rss (MB).
timed() {
  local name=$1
  shift
  /usr/bin/time -v -o "$work/$name.time" "$@" >"$work/$name.out" 2>&1 ||
    { echo "peers.sh: $name failed:" >&2; tail -5 "$work/$name.out" >&2; return 1; }
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0;
                     for (i = 1; i <= n; ++i) s = s * 60 + p[i]; print s }' "$work/$name.time")
  rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$work/$name.time")
}
# row ENGINE INDEX_PATH QUERY_OUTPUT_FILE: one result row from the last timed run.
# INDEX_PATH is a glob prefix: gazette's database is a stub file plus DB.generations/.
# QUERY_OUTPUT_FILE holds a 1-client line, then a 2-client line.
row() {
  local index_mb q1 q2
  index_mb=$(du -scb "$2"* | awk 'END { printf "%.0f", $1 / 1e6 }')
  q1=$(grep '^queries.* clients 1 ' "$3" | tail -1)
  q2=$(grep '^queries.* clients 2 ' "$3" | tail -1)
  awk -v e="$1" -v n="$size" -v w="$wall" -v r="$rss" -v m="$index_mb" -v b="$input_bytes" \
      -v q1="$q1" -v q2="$q2" '
    function field(q, name,   f, k, i) {
      k = split(q, f, " +")
      for (i = 1; i < k; ++i) {
        if (f[i] == name && name != "queries/s") return f[i + 1]
        if (name == "queries/s" && f[i + 1] == name) return f[i]
      }
      return "-"
    }
    BEGIN { printf "%s\t%d\t%.1f\t%.0f\t%.1f\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
                   e, n, w, n / w, b / w / 1e6, r, m, field(q1, "p50"), field(q1, "p95"),
                   field(q1, "p99"), field(q1, "queries/s"), field(q2, "p99"),
                   field(q2, "queries/s") }' >>"$work/rows.tsv"
  tail -1 "$work/rows.tsv"
}
: >"$work/rows.tsv"
# drop PATH...: deletes a measured index, unless --keep.
drop() { if ((!keep)); then rm -rf "$@"; fi; }

if wanted gazette; then
  echo "== gazette"
  rm -rf "$work/gazette.db"
  timed gazette-index "$gazette" index -q --db "$work/gazette.db" "$corpus"
  : >"$work/gazette-query.out"
  : >"$work/gazette-facets.out"
  for clients in 1 2; do
    "$build/bench/query_bench" --db "$work/gazette.db" --queries "$queries" --clients $clients |
      tee -a "$work/gazette-query.out"
    "$build/bench/query_bench" --db "$work/gazette.db" --queries "$queries" --clients $clients \
      --facets topic,provider,date | tee -a "$work/gazette-facets.out"
  done
  row gazette "$work/gazette.db" "$work/gazette-query.out"
  row "gazette+facets" "$work/gazette.db" "$work/gazette-facets.out"
  drop "$work/gazette.db" "$work/gazette.db.generations"
fi

if wanted fts5; then
  echo "== SQLite FTS5 ($(python3 -c 'import sqlite3; print(sqlite3.sqlite_version)'))"
  timed fts5-index python3 "$bench/peers_fts5.py" index "$work/fts5.db" "$corpus"
  : >"$work/fts5-query.out"
  for clients in 1 2; do
    python3 "$bench/peers_fts5.py" query "$work/fts5.db" "$queries" $clients |
      tee -a "$work/fts5-query.out"
  done
  row fts5 "$work/fts5.db" "$work/fts5-query.out"
  drop "$work/fts5.db"
fi

if wanted sphinx; then
  echo "== Sphinx ($(indexer 2>&1 | head -1 | cut -c1-40))"
  if source "$bench/peers_sphinx.sh"; then
    row sphinx "$work/sphinx" "$work/sphinx-query.out"
  else
    echo "peers.sh: Sphinx could not be run here; skipped" >&2
  fi
fi

if wanted xapian; then
  echo "== plain Xapian"
  timed xapian-index "$build/bench/plain_xapian" --db "$work/xapian.db" index "$corpus"
  : >"$work/xapian-query.out"
  for clients in 1 2; do
    "$build/bench/plain_xapian" --db "$work/xapian.db" query --queries "$queries" \
      --clients $clients | tee -a "$work/xapian-query.out"
  done
  row xapian "$work/xapian.db" "$work/xapian-query.out"
  drop "$work/xapian.db"
fi

ceiling=
if wanted ceiling; then
  # write_floor holds every analysed document in memory: about 70 KB per article.
  avail_kb=$(awk '/^MemAvailable:/ { print $2 }' /proc/meminfo)
  if ((size * 70 < avail_kb * 8 / 10)); then
    echo "== gazette's writers alone (bench/write_floor)"
    timed ceiling "$build/bench/write_floor" --corpus "$corpus" --count "$size" \
      --out "$work/write-floor"
    cat "$work/ceiling.out"
    ceiling=$(awk -v f="$(awk -F'\t' '$1 == "fts5" { print $4 }' "$work/rows.tsv")" '
      /^writers \+ merge:/ { secs = $4; rate = $6 }
      END { printf "%s s, %s articles/s", secs, rate
            if (f > 0) printf " (%.2f× the FTS5 rate of this run)", rate / f }' "$work/ceiling.out")
  else
    echo "peers.sh: not enough memory to hold $size analysed articles; ceiling skipped" >&2
  fi
fi

# --- report ----------------------------------------------------------------------------
{
  echo
  echo "$size articles ($(awk -v b="$input_bytes" 'BEGIN { printf "%.0f", b / 1e6 }') MB JSON Lines)," \
    "$(date -u +%Y-%m-%d); load average (1, 5, 15 min) at start $load_start," \
    "at end $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "| engine | index wall | articles/s | MB/s | peak RSS | index size | p50 | p95 | p99 | queries/s | 2 clients: p99 | 2 clients: queries/s |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
  awk -F'\t' '{ printf "| %s | %s s | %s | %s | %s MB | %s MB | %s ms | %s ms | %s ms | %s | %s ms | %s |\n",
                $1, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13 }' "$work/rows.tsv"
  if [[ -n $ceiling ]]; then
    echo
    echo "gazette's write ceiling (bench/write_floor: its writers alone on the finished" \
      "documents, analysis excluded): $ceiling"
  fi
} | tee -a "$work/results.md"
cat "$work/rows.tsv" >>"$work/results.tsv"
