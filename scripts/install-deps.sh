#!/usr/bin/env bash
# Installs the Debian 12 packages gazette needs to build and run; with --test, also
# those the test suite, the HTTP load check and the fuzzers need (a browser, node, wrk,
# clang with libFuzzer).
# Run as root (or through sudo). Safe to run again: nothing present is reinstalled.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config clang-format
  dpkg-dev file  # the Debian package: cpack -G DEB runs dpkg-shlibdeps; the test runs file
  libxapian-dev xapian-tools
  libicu-dev libyaml-cpp-dev libmd4c-dev libmd4c-html0-dev
  libcpp-httplib-dev nlohmann-json3-dev libsimdjson-dev libcli11-dev libspdlog-dev libxxhash-dev
  libzstd-dev  # stored records (indexer/stored_data.h)
  libcld2-dev libjemalloc-dev libabsl-dev
  libsqlite3-dev  # the alerts store (saved searches, matches, webhook queue)
  libsystemd-dev  # sd_notify for gazette.service (Type=notify)
  catch2
  curl
)
if [[ "${1:-}" == --test ]]; then
  packages+=(chromium nodejs npm wrk)  # browser tests (tests/browser), HTTP load check
  packages+=(zsh)      # the zsh completion script is checked to parse (tests/cli)
  packages+=(python3)  # tests/service runs the systemd unit's ExecStart under a harness
  packages+=(python3-feedparser)  # tests/syndication parses the Atom feeds
  packages+=(clang libclang-rt-14-dev)  # libFuzzer targets (scripts/fuzz.sh)
fi

# A command that already works counts as installed: a nodejs from another source may
# bundle npm (and conflict with Debian's npm package).
declare -A provides=([nodejs]=node [npm]=npm [chromium]=chromium [wrk]=wrk [python3]=python3)

missing=()
for p in "${packages[@]}"; do
  [[ -n "${provides[$p]:-}" ]] && command -v "${provides[$p]}" >/dev/null && continue
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "gazette: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
