#!/bin/bash
# cli-test-lib.sh — what the shell tests of affari-cli share: the program, a private temporary
# folder removed at exit, the Italian locale, and TAP helpers. Sourced with NAME set to the
# test's name:   NAME=test-cli-foo; . "$(dirname "$0")/cli-test-lib.sh"
#
#   run NAME EXPECTED_STATUS ARGS…   runs affari-cli ARGS, stdout in $TMP/out, stderr in $TMP/err
#   check NAME COMMAND…              a test that COMMAND succeeds
#   json_get FILE EXPR               a Python expression over the JSON in FILE (as `j`)
#   finish                           the TAP plan and the exit status
#
# SPDX-License-Identifier: GPL-3.0-or-later

CLI=${AFFARI_CLI:?AFFARI_CLI must point to the built affari-cli}
PYTHON=/usr/bin/python3
TMP=$(mktemp -d "${TMPDIR:-/tmp}/affari-$NAME.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

export LC_ALL=${LC_ALL:-it_IT.UTF-8}
export LANG=${LANG:-it_IT.UTF-8}
export XDG_DATA_HOME="$TMP/xdg-data"

passed=0
failed=0
n=0

ok () {
  n=$((n + 1))
  passed=$((passed + 1))
  echo "ok $n - $1"
}

not_ok () {
  n=$((n + 1))
  failed=$((failed + 1))
  echo "not ok $n - $1"
  shift
  for line in "$@"; do
    echo "#   $line"
  done
}

run () {
  local name=$1 expected=$2
  shift 2
  "$CLI" "$@" >"$TMP/out" 2>"$TMP/err"
  status=$?
  if [ "$status" -eq "$expected" ]; then
    ok "$name (exit $status)"
  else
    not_ok "$name: exit $status, expected $expected" "command: affari-cli $*" \
      "stdout: $(head -c 400 "$TMP/out")" "stderr: $(head -c 400 "$TMP/err")"
  fi
}

check () {
  local name=$1
  shift
  if "$@"; then
    ok "$name"
  else
    not_ok "$name" "failed: $*" "stdout: $(head -c 400 "$TMP/out")" "stderr: $(head -c 400 "$TMP/err")"
  fi
}

# json_get FILE EXPR — prints a Python expression over the parsed JSON (as `j`).
json_get () {
  "$PYTHON" -c 'import json, sys; j = json.load(open(sys.argv[1], encoding="utf-8")); print(eval(sys.argv[2]))' "$1" "$2"
}
finish () {
  echo "1..$n"
  echo "# passed $passed, failed $failed"
  [ "$failed" -eq 0 ]
}
