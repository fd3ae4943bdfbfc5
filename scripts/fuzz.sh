#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/) with clang into build-fuzz and runs each for a
# bounded time over its seeds: fuzz/seeds/<target>/ plus articles and titles taken from
# ../shared/corpora at run time (never committed). A crash, a sanitizer report, an input
# slower than FUZZ_INPUT_TIMEOUT seconds or needing more than FUZZ_RSS_MB fails the run;
# the input is kept in $FUZZ_ARTIFACTS. Usage: scripts/fuzz.sh [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}
input_timeout=${FUZZ_INPUT_TIMEOUT:-10}
rss_mb=${FUZZ_RSS_MB:-1024}
build_dir=${FUZZ_BUILD_DIR:-build-fuzz}
artifacts=${FUZZ_ARTIFACTS:-$build_dir/artifacts}
targets=("$@")
((${#targets[@]})) || targets=(markdown_reader_fuzz jsonl_reader_fuzz http_request_fuzz query_fuzz
  request_params_fuzz)

launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DGAZETTE_FUZZ=ON -DBUILD_TESTING=OFF "${launcher[@]}" >/dev/null
cmake --build "$build_dir" --parallel "$(nproc)" --target "${targets[@]}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$artifacts"
shared=../shared/corpora

# `$1` percent-encoded byte by byte, as in a URL's query string.
percent_encode() {
  local LC_ALL=C text=$1 out='' c i
  for ((i = 0; i < ${#text}; i++)); do
    c=${text:i:1}
    case $c in
      [a-zA-Z0-9.~_-]) out+=$c ;;
      *) printf -v c '%%%02X' "'$c"; out+=$c ;;
    esac
  done
  printf '%s' "$out"
}

# Seeds from the shared corpora: a few articles of each language and format.
seed_from_shared() {
  local target=$1 dir=$2
  [[ -d $shared ]] || { echo "fuzz: $shared is absent; $target starts from its bundled seeds only"; return; }
  case $target in
    markdown_reader_fuzz)
      for c in reuters livedoor-ja 10kgnad-de seed; do
        mapfile -t files < <(find "$shared/$c" -name '*.md' | sort | head -n 60)
        for f in "${files[@]}"; do cp "$f" "$dir/$c-$(basename "$f")"; done
      done ;;
    jsonl_reader_fuzz)
      head -n 120 "$shared/bbc/bbc.jsonl" >"$work/bbc.jsonl"
      split -l 4 -a 3 "$work/bbc.jsonl" "$dir/bbc-" ;;
    query_fuzz)
      mapfile -t files < <(find "$shared/reuters" -name '*.md' | sort | head -n 100)
      for f in "${files[@]}"; do
        sed -n '0,/^title: */s/^title: *"\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$f" >"$dir/title-$(basename "$f" .md)"
      done ;;
    request_params_fuzz)
      # Titles as q=, percent-encoded as a browser sends them.
      mapfile -t files < <(find "$shared/reuters" -name '*.md' | sort | head -n 40)
      for f in "${files[@]}"; do
        title=$(sed -n '0,/^title: */s/^title: *"\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$f")
        printf 'q=%s&per_page=20' "$(percent_encode "$title")" >"$dir/title-$(basename "$f" .md)"
      done ;;
  esac
}

failed=0
for target in "${targets[@]}"; do
  corpus=$work/$target/corpus
  seeds=$work/$target/seeds
  mkdir -p "$corpus" "$seeds"
  cp fuzz/seeds/"$target"/* "$seeds"/
  seed_from_shared "$target" "$seeds"
  log=$work/$target.log
  status=0
  "$build_dir/fuzz/$target" -max_total_time="$seconds" -timeout="$input_timeout" \
    -rss_limit_mb="$rss_mb" -print_final_stats=1 -artifact_prefix="$artifacts/$target-" \
    "$corpus" "$seeds" >"$log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  if ((status != 0)); then
    failed=1
    echo "fuzz: $target FAILED after ${runs:-?} executions (exit $status):"
    grep -E '^(==[0-9]+==|SUMMARY|ERROR|.*Test unit written to|.*deadly signal|.*timeout after)' "$log" | head -n 20
  else
    echo "fuzz: $target: ${runs:-?} executions in ${seconds} s, $(ls "$seeds" | wc -l) seeds, 0 crashes"
  fi
done
exit $failed
