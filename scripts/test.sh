#!/usr/bin/env bash
# Installs dependencies, builds, and runs the whole test suite with ctest; then the
# suite again under AddressSanitizer and UndefinedBehaviorSanitizer (SANITIZE=0 skips
# that). The sanitizer pass leaves out the few cases that only re-index whole corpora
# or kill and race the indexer on them (minutes each when instrumented); every code path
# they use runs in other cases.
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
