#!/usr/bin/env bash
# Installs dependencies, builds, indexes the bundled sample corpus and serves the
# search page on http://127.0.0.1:8080/ (PORT=... to change). Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
db=${GAZETTE_DB:-data/sample.db}
./build/main/gazette index --db "$db" corpus/sample
exec ./build/main/gazette serve --db "$db" --listen "127.0.0.1:${PORT:-8080}"
