#!/usr/bin/env bash
# Whether two builds answer the same queries alike: runs the first COUNT queries of a
# file through each build's query_bench (--results: each query's total and top hit
# ids, in order) on one index, without and with facets, and compares the two. Exits 0
# when every query has the same total and the same ids in the same order, 1 (listing
# the first differences) otherwise, 2 on a usage or run error.
#
# Usage: bench/compare_results.sh --db DIR --queries FILE --old BUILD --new BUILD
#                                 [--new-db DIR] [--count 200] [--per-page 10] [--work DIR]
#   --old, --new  build directories holding bench/query_bench (with --results)
#   --new-db DIR  the index the new build reads, when not --db's (the same articles
#                 indexed by the new build, to compare index formats)
#   --work DIR    where the result files go (default: a temporary directory, removed)
set -euo pipefail

usage() { sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
db= new_db= queries= old= new= count=200 per_page=10 work=
while (($#)); do
  case $1 in
    --db) db=$2; shift 2 ;;
    --new-db) new_db=$2; shift 2 ;;
    --queries) queries=$2; shift 2 ;;
    --old) old=$2; shift 2 ;;
    --new) new=$2; shift 2 ;;
    --count) count=$2; shift 2 ;;
    --per-page) per_page=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    -h|--help) usage ;;
    *) echo "compare_results.sh: unknown argument '$1'" >&2; usage ;;
  esac
done
[[ -n $db && -n $queries && -n $old && -n $new ]] || usage
new_db=${new_db:-$db}
for build in "$old" "$new"; do
  [[ -x $build/bench/query_bench ]] || { echo "compare_results.sh: $build/bench/query_bench is missing" >&2; exit 2; }
done
[[ -s $queries ]] || { echo "compare_results.sh: no queries in $queries" >&2; exit 2; }
if [[ -z $work ]]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work"
awk -v count="$count" 'length($0) > 0 && ++n <= count' "$queries" >"$work/queries.txt"
n=$(wc -l <"$work/queries.txt")

status=0
for facets in "" topic,provider,date; do
  for side in old new; do
    build=${!side}
    side_db=$db
    [[ $side == new ]] && side_db=$new_db
    args=(--db "$side_db" --queries "$work/queries.txt" --per-page "$per_page"
      --results "$work/$side${facets:+-facets}.tsv")
    [[ -n $facets ]] && args+=(--facets "$facets")
    "$build/bench/query_bench" "${args[@]}" >/dev/null || { echo "compare_results.sh: $side query_bench failed" >&2; exit 2; }
  done
  label="${facets:-no facets}"
  a=$work/old${facets:+-facets}.tsv
  b=$work/new${facets:+-facets}.tsv
  if [[ $(wc -l <"$a") -ne $n || $(wc -l <"$b") -ne $n ]]; then
    echo "compare_results.sh: a result file does not hold $n queries" >&2
    exit 2
  fi
  if errors=$(grep -c $'\terror$' "$a" "$b" | awk -F: '{s += $2} END {print s}'); ((errors > 0)); then
    echo "$label: $errors searches failed"
    status=1
  fi
  differing=$(paste "$a" "$b" | awk -F'\t' '$1 != $4 || $2 != $5 || $3 != $6' | wc -l)
  if ((differing > 0)); then
    echo "$label: $differing of $n queries differ (query, total, ids: old, then new):"
    diff "$a" "$b" >"$work/diff.txt" || true
    head -n 20 "$work/diff.txt"
    status=1
  else
    echo "$label: all $n queries have the same total and top $per_page ids"
  fi
done
exit "$status"
