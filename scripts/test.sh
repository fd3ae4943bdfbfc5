#!/usr/bin/env bash
# Installs dependencies, builds, and runs the whole test suite with ctest; then the
# same suite under AddressSanitizer and UndefinedBehaviorSanitizer (SANITIZE=0 skips).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --test
bash scripts/build.sh
(cd build && ctest --output-on-failure --timeout 1200)
if [[ "${SANITIZE:-1}" != 0 ]]; then
  BUILD_DIR=build-asan BUILD_TYPE=Debug bash scripts/build.sh -DGAZETTE_SANITIZE=ON
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --output-on-failure --timeout 2400)
fi
