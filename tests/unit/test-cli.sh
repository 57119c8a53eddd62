#!/bin/bash
# test-cli.sh — drives affari-cli as a user or a script would: a process, its output, its exit code.
#
# Needs AFFARI_CLI (the built program); the suite runs it with LC_ALL=it_IT.UTF-8.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

. "$(dirname "$0")/cli-test-lib.sh" test-cli

DB="$TMP/deals.db"

# ---- demo, check, deals --json ----

run "demo --deals 300 --seed 7 fills a new database" 0 --database "$DB" demo --deals 300 --seed 7
check "demo prints a one-line summary" test "$(wc -l <"$TMP/out")" -eq 1
check "demo says how many deals it added" grep -q "300" "$TMP/out"
check "the new database is private (mode 600)" test "$(stat -c %a "$DB")" = "600"

run "check on the demo database" 0 --database "$DB" check
check "check says OK in Italian" grep -qx "OK" "$TMP/out"

run "deals --json" 0 --database "$DB" deals --json
cp "$TMP/out" "$TMP/deals.json"
if "$PYTHON" - "$TMP/deals.json" <<'EOF'
import json, re, sys

with open(sys.argv[1], encoding="utf-8") as f:
    deals = json.load(f)

keys = {"id", "title", "pipeline", "pipeline_id", "stage", "stage_name", "semantics", "closed",
        "amount", "currency", "client", "company_id", "responsible", "date_create", "begin_date",
        "close_date", "closed_at", "is_return_customer"}
assert isinstance(deals, list), "not an array"
assert len(deals) == 300, f"{len(deals)} deals, expected 300"
ids = [d["id"] for d in deals]
assert ids == sorted(ids) and len(set(ids)) == 300, "ids not unique and ascending"
pipelines = set()
for d in deals:
    assert set(d) == keys, f"keys {sorted(set(d) ^ keys)} differ"
    assert isinstance(d["id"], int) and isinstance(d["pipeline_id"], int)
    assert isinstance(d["title"], str) and d["title"], d
    assert re.fullmatch(r"-?\d+\.\d\d", d["amount"]), f"amount {d['amount']!r}"
    assert re.fullmatch(r"[A-Z]{3}", d["currency"]), d["currency"]
    assert d["semantics"] in ("P", "S", "F"), d["semantics"]
    assert d["closed"] is (d["semantics"] != "P"), d
    assert isinstance(d["is_return_customer"], bool)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", d["date_create"]), d["date_create"]
    assert (d["closed_at"] is not None) is d["closed"], d
    for k in ("begin_date", "close_date", "closed_at"):
        assert d[k] is None or re.fullmatch(r"\d{4}-\d\d-\d\d", d[k]), d[k]
    assert d["client"] is None or isinstance(d["client"], str)
    assert d["company_id"] is None or isinstance(d["company_id"], int)
    assert d["responsible"] is None or isinstance(d["responsible"], str)
    pipelines.add(d["pipeline"])
assert len(pipelines) == 2, f"pipelines {pipelines}"
assert any(d["amount"] != "0.00" for d in deals)
EOF
then
  ok "deals --json is a JSON array of 300 deals with the documented keys"
else
  not_ok "deals --json is a JSON array of 300 deals with the documented keys"
fi

# A title as people type them: quotes, backslashes, a line break, a tab, accents and an emoji.
if command -v sqlite3 >/dev/null; then
  cp "$DB" "$TMP/odd.db"
  sqlite3 "$TMP/odd.db" "UPDATE deal SET title = 'Preventivo \"urgente\" C:\\dati' || char(10) || 'seconda riga' || char(9) || 'però € 😀' WHERE id = (SELECT min(id) FROM deal)"
  run "deals --json with an unusual title" 0 --database "$TMP/odd.db" deals --json
  check "the unusual title survives the JSON round trip" "$PYTHON" -c '
import json, sys
deals = json.load(open(sys.argv[1], encoding="utf-8"))
want = "Preventivo \"urgente\" C:\\dati\nseconda riga\tperò € 😀"
assert deals[0]["title"] == want, repr(deals[0]["title"])
assert len(deals) == 300' "$TMP/out"
  run "deals (table) with an unusual title" 0 --database "$TMP/odd.db" deals
  check "the unusual title stays on one line of the table" test "$(wc -l <"$TMP/out")" -eq 301

  # A deal closed in an open stage (as a careless import or another tool could leave it).
  cp "$DB" "$TMP/broken.db"
  sqlite3 "$TMP/broken.db" "UPDATE deal SET closed = 1, closed_at = '2026-01-02' WHERE id = (SELECT min(id) FROM deal WHERE semantics = 'P')"
  run "check on a database with a broken rule" 1 --database "$TMP/broken.db" check
  check "check lists the problem" test -s "$TMP/out"
  check "check counts the problems in Italian" grep -q "problema" "$TMP/err"
fi

run "deals (table)" 0 --database "$DB" deals
check "the table has a header and one line per deal" test "$(wc -l <"$TMP/out")" -eq 301
# Amounts are shown the Italian way: "€ 1.234,56".
check "the table shows amounts with a decimal comma" grep -qE "[0-9],[0-9]{2}\s*$" "$TMP/out"

run "pipelines" 0 --database "$DB" pipelines
check "pipelines lists the default stages" grep -qP "^\tWON\t.*\tS$" "$TMP/out"
check "pipelines lists the renewals pipeline in Italian" grep -q "Rinnovi" "$TMP/out"

run "pipelines --json" 0 --database "$DB" pipelines --json
check "pipelines --json parses" "$PYTHON" -c '
import json, sys
p = json.load(open(sys.argv[1], encoding="utf-8"))
assert len(p) == 2 and all(len(x["stages"]) == 8 for x in p)
' "$TMP/out"

# ---- --if-empty ----

cp "$DB" "$TMP/before.db"
run "demo --if-empty on a database with deals" 0 --database "$DB" demo --deals 50 --if-empty
run "deals --json after --if-empty" 0 --database "$DB" deals --json
check "--if-empty added nothing" "$PYTHON" -c '
import json, sys
assert len(json.load(open(sys.argv[1], encoding="utf-8"))) == 300' "$TMP/out"

run "demo --if-empty on a new database" 0 --database "$TMP/empty.db" demo --deals 20 --seed 1 --if-empty
run "the global option may follow the command" 0 deals --json --database "$TMP/empty.db"
check "--if-empty filled the empty database" "$PYTHON" -c '
import json, sys
assert len(json.load(open(sys.argv[1], encoding="utf-8"))) == 20' "$TMP/out"

# ---- usage errors: exit 2 with a usage line ----

run "unknown command" 2 --database "$DB" frobnicate
check "unknown command prints a usage line" grep -q "affari-cli" "$TMP/err"
run "unknown option" 2 --database "$DB" deals --colour
run "bad number of deals" 2 --database "$DB" demo --deals tanti
run "zero deals" 2 --database "$DB" demo --deals 0
run "missing number of deals" 2 --database "$DB" demo --deals
run "no command" 2
run "--database without a file" 2 --database
run "--help" 0 --help
check "--help lists the commands" grep -q "pipelines" "$TMP/out"
run "--version" 0 --version
check "--version prints the version" grep -qE "^affari-cli [0-9]+\.[0-9]+" "$TMP/out"

# ---- files that are not ours stay untouched ----

TEXT="$TMP/notes.txt"
printf 'Lista della spesa:\n- pane\n- latte\n' >"$TEXT"
cp "$TEXT" "$TMP/notes.orig"
run "a text file as --database (check)" 1 --database "$TEXT" check
check "the error says it is not an Affari database, in Italian" grep -qi "non è un database di Affari" "$TMP/err"
run "a text file as --database (demo)" 1 --database "$TEXT" demo --deals 10
check "the text file is unchanged" cmp -s "$TEXT" "$TMP/notes.orig"

FUTURE="$TMP/future.db"
run "a database for the future test" 0 --database "$FUTURE" demo --deals 5 --seed 3
if command -v sqlite3 >/dev/null; then
  sqlite3 "$FUTURE" 'PRAGMA user_version=99' >/dev/null
  rm -f "$FUTURE-wal" "$FUTURE-shm"
  cp "$FUTURE" "$TMP/future.orig"
  run "a database from a newer Affari (check)" 1 --database "$FUTURE" check
  check "the error says a newer version wrote it" grep -qi "versione più recente" "$TMP/err"
  run "a database from a newer Affari (demo)" 1 --database "$FUTURE" demo --deals 10
  check "the newer database is unchanged" cmp -s "$FUTURE" "$TMP/future.orig"
else
  not_ok "sqlite3 is needed to make a database from the future"
fi

run "a database that does not exist" 1 --database "$TMP/nowhere/missing.db" deals
check "no database was created for a listing" test ! -e "$TMP/nowhere/missing.db"
check "the missing database is reported in Italian" grep -qi "nessun database" "$TMP/err"

run "--version with something after it" 2 --version extra

# ---- empty files and other programs' databases are not taken over (issue 16, item 3) ----

EMPTY="$TMP/empty-file.db"
: >"$EMPTY"
run "a 0-byte file (check)" 1 --database "$EMPTY" check
run "a 0-byte file (deals)" 1 --database "$EMPTY" deals
run "a 0-byte file (demo)" 1 --database "$EMPTY" demo --deals 5
check "the 0-byte file is still empty" test ! -s "$EMPTY"
check "no journal was left next to it" test ! -e "$EMPTY-wal"

if command -v sqlite3 >/dev/null; then
  OTHER="$TMP/other-program.db"
  sqlite3 "$OTHER" 'CREATE TABLE t (a); DROP TABLE t;' >/dev/null
  cp "$OTHER" "$TMP/other.orig"
  run "another program's empty database (check)" 1 --database "$OTHER" check
  run "another program's empty database (demo)" 1 --database "$OTHER" demo --deals 5
  check "the other program's database is unchanged" cmp -s "$OTHER" "$TMP/other.orig"
  check "the error says it belongs to another program" grep -qi "altro programma" "$TMP/err"
fi

# A listing or a check writes nothing, not even the journal mode.
cp "$DB" "$TMP/readonly.db"
rm -f "$TMP/readonly.db-wal" "$TMP/readonly.db-shm"
sqlite3 "$TMP/readonly.db" 'PRAGMA journal_mode=DELETE' >/dev/null 2>&1
cp "$TMP/readonly.db" "$TMP/readonly.orig"
run "check reads only" 0 --database "$TMP/readonly.db" check
run "deals reads only" 0 --database "$TMP/readonly.db" deals --json
check "check and deals left the database byte for byte" cmp -s "$TMP/readonly.db" "$TMP/readonly.orig"

# ---- backup and restore (issue 16) ----

BK="$TMP/backup-source.db"
run "a database to back up" 0 --database "$BK" demo --deals 40 --seed 4
run "backup PATH" 0 --database "$BK" backup "$TMP/bk1.db"
check "the backup is private" test "$(stat -c %a "$TMP/bk1.db")" = 600
run "check of the backup" 0 --database "$TMP/bk1.db" check
run "backup refuses to overwrite a file" 1 --database "$BK" backup "$TMP/bk1.db"
run "backup without a path" 2 --database "$BK" backup
run "more deals after the backup" 0 --database "$BK" demo --deals 10 --seed 5
run "restore PATH" 0 --database "$BK" restore "$TMP/bk1.db"
run "deals after the restore" 0 --database "$BK" deals --json
check "the restored database has the backup's 40 deals" \
  "$PYTHON" -c "import json,sys; sys.exit(len(json.load(open('$TMP/out'))) != 40)"
check "the database as it was is kept among the backups" ls "$TMP"/backups/before-restore-*.db
if command -v flock >/dev/null; then
  flock -s "$BK" sleep 3 &
  sleep 0.3
  run "restore while the database is open" 1 --database "$BK" restore "$TMP/bk1.db"
  check "restore says the database is in use, in Italian" grep -qi "sta usando" "$TMP/err"
  wait
fi
: >"$TMP/garbage-backup.db"
run "restore refuses a file that is not a backup" 1 --database "$BK" restore "$TMP/garbage-backup.db"

# ---- damaged databases are named as such (issue 16, item 2) ----

if command -v sqlite3 >/dev/null; then
  DROPPED="$TMP/dropped.db"
  cp "$DB" "$DROPPED"; rm -f "$DROPPED-wal" "$DROPPED-shm"
  sqlite3 "$DROPPED" 'DROP TABLE deal_field_value; DROP TRIGGER IF EXISTS deal_search_ai;' >/dev/null
  run "check of a database with a dropped table" 1 --database "$DROPPED" check
  check "check names the missing table" grep -q "deal_field_value" "$TMP/out"
fi

GARBAGE="$TMP/garbage.db"
sqlite3 "$DB" "VACUUM INTO '$GARBAGE'" >/dev/null 2>&1 || cp "$DB" "$GARBAGE"
size=$(stat -c %s "$GARBAGE")
page=4096
middle=$(( size / page / 2 ))
head -c $page /dev/urandom | dd of="$GARBAGE" bs=$page seek=$middle conv=notrunc status=none
run "check of a database with a page of garbage" 1 --database "$GARBAGE" check

TRUNCATED="$TMP/truncated.db"
sqlite3 "$DB" "VACUUM INTO '$TRUNCATED'" >/dev/null 2>&1 || cp "$DB" "$TRUNCATED"
truncate -s $(( $(stat -c %s "$TRUNCATED") / 2 )) "$TRUNCATED"
run "check of a truncated database" 1 --database "$TRUNCATED" check

finish
