#!/bin/bash
# test-full-disk.sh — a full disk loses nothing: the write fails with "Il disco è pieno", the
# database keeps every change saved before, and once space is free it opens and passes check.
#
# Needs a small tmpfs: mounting one needs root (CI runs as root); skipped (77) otherwise.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -u
CLI=${AFFARI_CLI:?AFFARI_CLI must point to the built affari-cli}
export LC_ALL=${LC_ALL:-it_IT.UTF-8}
DIR=$(mktemp -d "${TMPDIR:-/tmp}/affari-full-disk.XXXXXX")
cleanup () { umount "$DIR" 2>/dev/null; rmdir "$DIR"; }
trap cleanup EXIT

if ! mount -t tmpfs -o size=2M tmpfs "$DIR" 2>/dev/null; then
  echo "1..0 # SKIP cannot mount a small tmpfs here (needs root)"
  exit 77
fi

n=0; failed=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }
expect () { if eval "$2"; then ok "$1"; else not_ok "$1"; fi; }
count_deals () { "$CLI" --database "$DIR/a.db" deals --json | /usr/bin/python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'; }

"$CLI" --database "$DIR/a.db" demo --deals 150 --seed 2 >/dev/null
expect "150 deals written" '[ "$(count_deals)" = 150 ]'

for free_kib in 0 4 8; do
  avail=$(df -k --output=avail "$DIR" | tail -1)
  fill=$((avail - free_kib))
  [ "$fill" -gt 0 ] && dd if=/dev/zero of="$DIR/filler" bs=1k count="$fill" status=none 2>/dev/null
  "$CLI" --database "$DIR/a.db" demo --deals 100 --seed 3 >/dev/null 2>"$DIR/../affari-full-disk.err"
  status=$?
  expect "with $free_kib KiB free the write fails" '[ "$status" -eq 1 ]'
  expect "with $free_kib KiB free it says the disk is full, in Italian" 'grep -q "Il disco è pieno" "$DIR/../affari-full-disk.err"'
  rm -f "$DIR/filler"
  expect "with space again ($free_kib) the database passes check" '"$CLI" --database "$DIR/a.db" check >/dev/null 2>&1'
  expect "with space again ($free_kib) the 150 saved deals are all there" '[ "$(count_deals)" = 150 ]'
done
rm -f "$DIR/../affari-full-disk.err"

echo "1..$n"
[ "$failed" -eq 0 ]
