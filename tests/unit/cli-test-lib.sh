# cli-test-lib.sh — what the affari-cli test scripts share; sourced, never run.
#
#   . "$(dirname "$0")/cli-test-lib.sh" NAME
#
# Sets CLI (from AFFARI_CLI), PYTHON, a private TMP (removed on exit) for NAME, the Italian
# locale the suite checks the messages in, an XDG_DATA_HOME inside TMP (no test may touch the real
# default database), and the TAP helpers below; `finish` prints the plan and gives the status.
#
# SPDX-License-Identifier: GPL-3.0-or-later

CLI=${AFFARI_CLI:?AFFARI_CLI must point to the built affari-cli}
PYTHON=/usr/bin/python3
TMP=$(mktemp -d "${TMPDIR:-/tmp}/affari-$1.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

# The messages are checked in Italian, as the suite runs; the catalogue is the build tree's.
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

# not_ok NAME [DETAILS…] — each detail on a line of its own.
not_ok () {
  n=$((n + 1))
  failed=$((failed + 1))
  echo "not ok $n - $1"
  shift
  for line in "$@"; do
    echo "#   $line"
  done
}

# result NAME STATUS(0 = passed) [DETAILS…]
result () {
  local name=$1 status=$2
  shift 2
  if [ "$status" -eq 0 ]; then
    ok "$name"
  else
    not_ok "$name" "$@"
  fi
}

# run NAME EXPECTED_STATUS ARGS… — runs the CLI, keeps stdout/stderr in $TMP/out, $TMP/err.
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

# check NAME COMMAND… — passes when the command succeeds.
check () {
  local name=$1
  shift
  if "$@"; then
    ok "$name"
  else
    not_ok "$name" "failed: $*" "stdout: $(head -c 400 "$TMP/out" 2>/dev/null)" "stderr: $(head -c 400 "$TMP/err" 2>/dev/null)"
  fi
}

# sql QUERY — prints the rows of a read of $DB, columns joined by "|".
sql () {
  "$PYTHON" - "$DB" "$1" <<'PY'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
for row in con.execute(sys.argv[2]):
    print("|".join("" if v is None else str(v) for v in row))
PY
}

# sql_write SCRIPT — runs SQL that writes to $DB (foreign keys on, as the app has them).
sql_write () {
  "$PYTHON" - "$DB" "$1" <<'PY'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
con.execute("PRAGMA foreign_keys = ON")
con.executescript(sys.argv[2])
con.commit()
PY
}

# json_get FILE EXPR — prints a Python expression over the JSON in FILE (parsed as `j`).
json_get () {
  "$PYTHON" -c 'import json, sys; j = json.load(open(sys.argv[1], encoding="utf-8")); print(eval(sys.argv[2]))' "$1" "$2"
}

finish () {
  echo "1..$n"
  echo "# $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
