#!/usr/bin/env bash
# Builds gazette's Debian package from BUILD_DIR (cpack -G DEB), then checks it as a
# fresh install would see it: control fields and dependencies, the file list, and the
# package unpacked with dpkg-deb -x into an empty root, where ldd must resolve every
# shared library of the binary and the binary must run (--version, index, search).
# A chroot (debootstrap) needs network access to Debian's mirrors; this checks the
# unpacked files against the host's libraries instead.
# Exit status: 0 passed, 1 failed, 77 skipped (no cpack or dpkg-deb).
# Usage: check_deb.sh BUILD_DIR VERSION SAMPLE_CORPUS
set -euo pipefail

build=$1 version=$2 corpus=$3
for tool in cpack dpkg-deb dpkg-shlibdeps ldd; do
  command -v "$tool" >/dev/null || { echo "skipped: $tool is not installed"; exit 77; }
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

(cd "$build" && cpack -G DEB -B "$tmp/out" --config CPackConfig.cmake >"$tmp/cpack.log" 2>&1) ||
  { cat "$tmp/cpack.log"; fail "cpack -G DEB failed"; }
deb=$(find "$tmp/out" -maxdepth 1 -name 'gazette_*.deb')
[[ -f $deb ]] || fail "cpack made no gazette_*.deb in $tmp/out"
echo "package: $(basename "$deb"), $(stat -c %s "$deb") bytes"

# Control fields: name, version, and dependencies found by dpkg-shlibdeps.
dpkg-deb --field "$deb" Package | grep -qx gazette || fail "Package is not gazette"
dpkg-deb --field "$deb" Version | grep -qx "$version" || fail "Version is not $version"
depends=$(dpkg-deb --field "$deb" Depends)
echo "Depends: $depends"
for lib in libc6 'libstdc\+\+6' libsystemd0 libxapian30 'libicu[0-9]+' 'libyaml-cpp[0-9.]+' libjemalloc2; do
  grep -Eq "(^|, )$lib( |,|$)" <<<"$depends" || fail "Depends lacks $lib: $depends"
done
dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./conffiles | grep -qx /etc/gazette/gazette.yaml ||
  fail "/etc/gazette/gazette.yaml is not a conffile"

# The file list.
dpkg-deb --contents "$deb" >"$tmp/contents"
for path in ./usr/bin/gazette ./usr/share/man/man1/gazette.1.gz ./etc/gazette/gazette.yaml \
  ./usr/share/doc/gazette/examples/gazette.yaml ./usr/share/bash-completion/completions/gazette \
  ./usr/share/zsh/vendor-completions/_gazette ./usr/lib/systemd/system/gazette.service; do
  grep -q " $path\$" "$tmp/contents" || fail "the package lacks $path"
done

# Unpacked into an empty root: every library resolves, and the binary runs.
root=$tmp/root
mkdir "$root"
dpkg-deb -x "$deb" "$root"
binary=$root/usr/bin/gazette
ldd "$binary" >"$tmp/ldd" || fail "ldd failed on $binary"
if grep -q 'not found' "$tmp/ldd"; then
  grep 'not found' "$tmp/ldd" >&2
  fail "unresolved shared libraries"
fi
if file "$binary" 2>/dev/null | grep -q 'not stripped'; then fail "the binary is not stripped"; fi
[[ $("$binary" --version) == "gazette $version" ]] || fail "gazette --version printed '$("$binary" --version)'"
zcat "$root/usr/share/man/man1/gazette.1.gz" | grep -q '^\.TH GAZETTE 1 ' || fail "bad man page"
for command in index search serve stats; do
  zcat "$root/usr/share/man/man1/gazette.1.gz" | grep -q "^\.SS \"gazette $command\"" ||
    fail "the man page does not describe gazette $command"
done

# The packaged settings file loads; with --db overriding its database, index and search.
config=$root/etc/gazette/gazette.yaml
"$binary" --config "$config" --db "$tmp/db" index -q "$corpus" >"$tmp/index.out" ||
  fail "index with the packaged config failed: $(cat "$tmp/index.out")"
"$binary" --config "$config" --db "$tmp/db" search --json inflation >"$tmp/search.json" ||
  fail "search failed"
grep -q '"total": [1-9]' "$tmp/search.json" || fail "search for inflation found nothing"

# The declared dependencies are satisfiable from Debian's packages (simulated install).
if command -v apt-get >/dev/null; then
  apt-get -s -q install "$deb" >"$tmp/apt.log" 2>&1 || { cat "$tmp/apt.log"; fail "apt-get -s install failed"; }
  grep -Eq '^Inst gazette |gazette is already the newest' "$tmp/apt.log" ||
    { cat "$tmp/apt.log"; fail "apt would not install gazette"; }
fi
echo "ok: $(basename "$deb") unpacks, resolves its libraries and runs"
