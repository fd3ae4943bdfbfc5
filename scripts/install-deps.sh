#!/usr/bin/env bash
# Installs every Debian 12 package gazette needs to build, test and benchmark.
# Run as root (or through sudo). Safe to run again: apt skips what is present.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config clang-format
  libxapian-dev xapian-tools
  libicu-dev libyaml-cpp-dev libmd4c-dev libmd4c-html0-dev
  libcpp-httplib-dev nlohmann-json3-dev libcli11-dev libspdlog-dev libxxhash-dev
  libcld2-dev
  catch2
  curl
  chromium nodejs npm wrk   # browser tests (tests/browser) and the HTTP load check
)

# A command that already works counts as installed: a nodejs from another source may
# bundle npm (and conflict with Debian's npm package).
declare -A provides=([nodejs]=node [npm]=npm [chromium]=chromium [wrk]=wrk)

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
