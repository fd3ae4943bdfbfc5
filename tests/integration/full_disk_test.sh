#!/usr/bin/env bash
# A full disk: an incremental run and a rebuild that run out of space on a small tmpfs
# fail with exit 1 and a message saying so, and the live index still opens, passes
# xapian-check and answers searches. Skipped (exit 77) where a tmpfs cannot be mounted.
set -uo pipefail
gazette="$1"
reuters="$2/reuters"
[[ -d "$reuters" ]] || { echo "FAIL: $reuters is missing: cannot test"; exit 1; }
work=$(mktemp -d)
disk="$work/disk"
mkdir -p "$disk"
cleanup() { umount "$disk" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
if ! mount -t tmpfs -o size=48m tmpfs "$disk" 2>/dev/null; then
  echo "SKIP: cannot mount a tmpfs here (needs root and CAP_SYS_ADMIN)"
  exit 77
fi
db="$disk/news.db"
fail() { echo "FAIL: $*"; exit 1; }
live_ok() {
  local want="$1" shard
  "$gazette" --db "$db" stats | grep -q "documents *$want$" || fail "live index does not hold $want documents"
  "$gazette" --db "$db" search --json oil | grep -q '"total"' || fail "live index does not answer a search"
  for shard in $(awk '{print $2}' "$db"); do
    xapian-check "$disk/$shard" >/dev/null || fail "xapian-check fails on $shard"
  done
}

"$gazette" --db "$db" index -q "$reuters/00" >/dev/null || fail "the first 1,000 articles do not fit"
live_ok 999

# A rebuild that cannot fit: refused, its generation removed, the live one untouched.
before=$(cat "$db")
out=$("$gazette" --db "$db" index -q --rebuild "$reuters"/0[0-5] 2>&1 >/dev/null); status=$?
echo "rebuild: exit $status: $out"
[[ $status == 1 ]] || fail "rebuild on a full disk: exit $status, not 1"
[[ $out == *"the disk is full"* ]] || fail "rebuild: no clear message"
[[ "$(cat "$db")" == "$before" ]] || fail "rebuild changed the live stub"
[[ "$(ls "$db.generations")" == "000001" ]] || fail "rebuild left a generation behind"
live_ok 999

# An incremental run of all of Reuters: the commits before the disk filled stay.
out=$("$gazette" --db "$db" index -q "$reuters" 2>&1 >/dev/null); status=$?
echo "incremental: exit $status: $out"
[[ $status == 1 ]] || fail "incremental run on a full disk: exit $status, not 1"
[[ $out == *"the disk is full"* ]] || fail "incremental run: no clear message"
docs=$("$gazette" --db "$db" stats | awk '/^documents/ {print $2}')
(( docs >= 999 )) || fail "incremental run lost live documents ($docs)"
live_ok "$docs"

# Once space is freed, a re-run completes.
umount "$disk"
mount -t tmpfs -o size=48m tmpfs "$disk" || fail "remount"
"$gazette" --db "$db" index -q "$reuters/00" >/dev/null || fail "re-run on a fresh disk"
live_ok 999
echo "PASS"
