#!/usr/bin/env bash
# Plots bench/peers.sh results as a PNG with gnuplot (installed if missing): indexing
# articles/s and query p50/p99 per engine, one bar per corpus size.
#
# Usage: bench/peers_plot.sh RESULTS_TSV OUT_PNG
#   RESULTS_TSV   WORK/results.tsv of one or more peers.sh runs (the last row of an
#                 engine and size wins)
set -euo pipefail
[[ $# -eq 2 ]] || { sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
command -v gnuplot >/dev/null ||
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q gnuplot-nox >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Pivot: one line per engine, one column per size, for column $1 of the TSV.
pivot() {
  awk -F'\t' -v col="$1" -v skip="$2" '
    $1 != skip { v[$1, $2] = $col; if (!($1 in seen)) { seen[$1] = 1; order[++ne] = $1 }
                 if (!($2 in sz)) { sz[$2] = 1; sizes[++ns] = $2 } }
    END { printf "engine"; for (j = 1; j <= ns; ++j) printf "\t%d", sizes[j]; print ""
          for (i = 1; i <= ne; ++i) { printf "%s", order[i]
            for (j = 1; j <= ns; ++j) printf "\t%s", ((order[i], sizes[j]) in v ? v[order[i], sizes[j]] : "0")
            print "" } }' "$3"
}
pivot 4 gazette+facets "$1" >"$tmp/index.dat"
pivot 8 "" "$1" >"$tmp/p50.dat"
pivot 10 "" "$1" >"$tmp/p99.dat"
columns=$(head -1 "$tmp/index.dat" | awk -F'\t' '{ print NF }')

gnuplot <<GP
set terminal pngcairo size 1500,480 font "sans,10"
set output "$2"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set key top left
set grid ytics
set xtics rotate by -20
set multiplot layout 1,3 title "gazette vs peers: generated news, about 550 words per article, 1,000 queries, top 10, 1 client (2-core machine)"
set title "indexing: articles/s (higher is better)"
plot for [c=2:$columns] "$tmp/index.dat" using c:xtic(1) title columnheader(c)." articles"
set title "query p50, ms (lower is better)"
set logscale y
plot for [c=2:$columns] "$tmp/p50.dat" using c:xtic(1) title columnheader(c)." articles"
set title "query p99, ms (lower is better)"
plot for [c=2:$columns] "$tmp/p99.dat" using c:xtic(1) title columnheader(c)." articles"
unset multiplot
GP
echo "wrote $2"
