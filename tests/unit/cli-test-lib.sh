# cli-test-lib.sh — what the shell tests of affari-cli share (sourced, not run): TAP output,
# running the CLI with its exit status checked, reading the database with Python's sqlite3.
#
# The sourcing test sets CLI, TMP and DB; it ends with cli_test_finish.
#
# SPDX-License-Identifier: GPL-3.0-or-later

PYTHON=/usr/bin/python3
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

check () {
  local name=$1
  shift
  if "$@"; then
    ok "$name"
  else
    not_ok "$name" "failed: $*" "stdout: $(head -c 400 "$TMP/out")" "stderr: $(head -c 400 "$TMP/err")"
  fi
}

sql () {
  "$PYTHON" - "$DB" "$1" <<'PY'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
for row in con.execute(sys.argv[2]):
    print("|".join("" if v is None else str(v) for v in row))
PY
}

# Runs SQL that writes (foreign keys on, as the app has them).
sql_write () {
  "$PYTHON" - "$DB" "$1" <<'PY'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
con.execute("PRAGMA foreign_keys = ON")
con.executescript(sys.argv[2])
con.commit()
PY
}

cli_test_finish () {
  echo "1..$n"
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
