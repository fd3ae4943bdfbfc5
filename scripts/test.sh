#!/usr/bin/env bash
# Installs dependencies, builds, and runs the whole test suite with ctest; then the
# suite again under AddressSanitizer and UndefinedBehaviorSanitizer (SANITIZE=0 skips
# that); then the threaded code (the server, the searcher pool, searches in two lanes)
# under ThreadSanitizer (TSAN=0 skips it); then each libFuzzer target for FUZZ_SECONDS
# (60) seconds (FUZZ=0 skips them). The ASan pass leaves out the few cases that only
# re-index whole corpora or kill and race the indexer on them (minutes each when
# instrumented); every code path they use runs in other cases.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --test
bash scripts/build.sh
(cd build && ctest --output-on-failure --timeout 1200)
if [[ "${SANITIZE:-1}" != 0 ]]; then
  BUILD_DIR=build-asan bash scripts/build.sh -DGAZETTE_SANITIZE=ON
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --output-on-failure --timeout 2400 \
      -E "livedoor-ja: every article|Mixed reuters|Reuters: all 21578 articles|Killed 20 times|Concurrent writers lose nothing|a full disk fails clearly")
fi
if [[ "${TSAN:-1}" != 0 ]]; then
  cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGAZETTE_TSAN=ON >/dev/null
  cmake --build build-tsan --parallel "$(nproc)" --target web_test query_test
  (cd build-tsan && TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$PWD/../tests/tsan.supp" \
    ctest --output-on-failure --timeout 2400 -R '^(web|query):')
fi
if [[ "${FUZZ:-1}" != 0 ]]; then
  bash scripts/fuzz.sh
fi
