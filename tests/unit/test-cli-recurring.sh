#!/bin/bash
# test-cli-recurring.sh — affari-cli recurring add | list | run, as cron or a systemd timer runs it:
# its syntax and errors, missed periods, idempotent runs, and two runs started at once.
#
# Needs AFFARI_CLI (the built program); the suite runs it with LC_ALL=it_IT.UTF-8.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

. "$(dirname "$0")/cli-test-lib.sh" test-cli-recurring

DB="$TMP/deals.db"
run "demo database" 0 --database "$DB" demo --deals 50 --seed 11
check "the sample data has recurring templates" test "$(sql "SELECT count(*) FROM recurring")" -ge 3
check "they are hidden: 50 live deals" \
  test "$(sql "SELECT count(*) FROM deal WHERE is_recurring = 0 AND deleted_at IS NULL AND pipeline_id IN (SELECT id FROM pipeline WHERE kind = 'deal')")" -eq 50
# The counts below are of the templates made here only.
sql_write "DELETE FROM deal WHERE is_recurring = 1"
DEAL=$(sql "SELECT min(id) FROM deal WHERE is_recurring = 0 AND closed = 0 AND pipeline_id IN (SELECT id FROM pipeline WHERE kind = 'deal')")
LIVE=$(sql "SELECT count(*) FROM deal WHERE is_recurring = 0 AND deleted_at IS NULL AND pipeline_id IN (SELECT id FROM pipeline WHERE kind = 'deal')")

# ---- syntax and errors ----
run "recurring without a sub-command" 2 --database "$DB" recurring
run "recurring with an unknown sub-command" 2 --database "$DB" recurring frobnicate
run "add without --deal" 2 --database "$DB" recurring add --every 1 --unit month
run "add without --unit" 2 --database "$DB" recurring add --deal "$DEAL" --every 1
run "add with --every 0" 2 --database "$DB" recurring add --deal "$DEAL" --every 0 --unit month
check "the error names the option" grep -q -- "--every" "$TMP/err"
run "add with an unknown unit" 2 --database "$DB" recurring add --deal "$DEAL" --every 1 --unit fortnight
check "the error lists the units" grep -q "day, week, month" "$TMP/err"
run "add with a wrong date" 2 --database "$DB" recurring add --deal "$DEAL" --every 1 --unit month --start 2031-02-30
run "add with both --until and --times" 2 --database "$DB" recurring add --deal "$DEAL" --every 1 --unit month \
  --until 2031-12-31 --times 3
run "add with an end before the start" 1 --database "$DB" recurring add --deal "$DEAL" --every 1 --unit month \
  --start 2031-05-01 --until 2031-04-01
check "the error is an Italian sentence" grep -q "prima del giorno di inizio" "$TMP/err"
run "add of a deal that does not exist" 1 --database "$DB" recurring add --deal 999999 --every 1 --unit month
check "the error says the deal does not exist" grep -q "non esiste" "$TMP/err"
run "add with a pipeline that does not exist" 1 --database "$DB" recurring add --deal "$DEAL" --every 1 \
  --unit month --pipeline 9999
run "add on a database that does not exist" 1 --database "$TMP/missing.db" recurring add --deal 1 --every 1 --unit day
check "no database is created for a mistyped path" test ! -e "$TMP/missing.db"
run "run with a wrong --today" 2 --database "$DB" recurring run --today 2031-13-01
check "nothing was made by the failed commands" test "$(sql "SELECT count(*) FROM recurring")" -eq 0

# ---- add, list ----
run "add a monthly template from 31 January with 5 times" 0 --database "$DB" recurring add --deal "$DEAL" \
  --every 1 --unit month --start 2031-01-31 --times 5
ID=$(cat "$TMP/out")
check "add prints the template's id" test "$ID" -gt 0
check "the template is a hidden copy of the deal" \
  test "$(sql "SELECT d.is_recurring, r.based_id FROM recurring r JOIN deal d ON d.id = r.deal_id WHERE r.id = $ID")" = "1|$DEAL"
run "deals --json after add" 0 --database "$DB" deals --json
check "deals --json does not list the template" \
  test "$("$PYTHON" -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$TMP/out")" -eq "$LIVE"
check "the number of live deals did not change" \
  test "$(sql "SELECT count(*) FROM deal WHERE is_recurring = 0 AND deleted_at IS NULL AND pipeline_id IN (SELECT id FROM pipeline WHERE kind = 'deal')")" -eq "$LIVE"
PIPE2=$(sql "SELECT id FROM pipeline WHERE kind = 'deal' ORDER BY sort DESC, id DESC LIMIT 1")
run "add a weekly template into another pipeline until a day" 0 --database "$DB" recurring add --deal="$DEAL" \
  --every=2 --unit=week --start=2031-02-03 --until=2031-03-03 --pipeline="$PIPE2"
ID2=$(cat "$TMP/out")

run "list" 0 --database "$DB" recurring list
check "list shows the counter out of the limit" grep -q "0 di 5" "$TMP/out"
run "list --json" 0 --database "$DB" recurring list --json
if "$PYTHON" - "$TMP/out" "$ID" "$ID2" <<'EOF'
import json, sys
items = json.load(open(sys.argv[1], encoding="utf-8"))
by_id = {t["id"]: t for t in items}
a, b = by_id[int(sys.argv[2])], by_id[int(sys.argv[3])]
assert a["unit"] == "month" and a["every"] == 1 and a["times"] == 5 and a["until"] is None, a
assert a["next_date"] == "2031-01-31" and a["counter"] == 0 and a["active"] is True, a
assert b["unit"] == "week" and b["every"] == 2 and b["until"] == "2031-03-03" and b["times"] is None, b
assert b["pipeline_id"] is not None, b
EOF
then ok "list --json has the settings, next day and counter"; else not_ok "list --json has the settings, next day and counter"; fi
run "list with an unknown option" 2 --database "$DB" recurring list --xml

# ---- runs ----
run "run before anything is due" 0 --database "$DB" recurring run --today 2031-01-30
check "it says no deal was created" grep -q "Creati 0 affari regolari" "$TMP/out"

# Three months missed by the monthly template (31/1, 28/2, 31/3, 30/4), the weekly one 3/2, 17/2, 3/3.
run "run after missed periods" 0 --database "$DB" recurring run --today 2031-04-30
check "it created the 7 deals due" grep -q "Creati 7 affari regolari" "$TMP/out"
check "it says which were late" grep -q "6 affari regolari erano in ritardo" "$TMP/out"
check "the monthly deals have their due days (month ends clamped)" test \
  "$(sql "SELECT group_concat(new_value || '@' || text, ';') FROM (SELECT e.new_value, substr(e.text, -10) AS text FROM event e WHERE e.field = 'RECURRING_ID' AND e.new_value = '$ID' ORDER BY e.deal_id)")" \
  = "$ID@31/01/2031;$ID@28/02/2031;$ID@31/03/2031;$ID@30/04/2031"
check "the history says 'Creato dal modello'" \
  test "$(sql "SELECT count(*) FROM event WHERE field = 'RECURRING_ID' AND text LIKE 'Creato dal modello #%'")" -eq 7
check "the weekly deals went to the first stage of the chosen pipeline" \
  test "$(sql "SELECT count(*) FROM event e JOIN deal d ON d.id = e.deal_id WHERE e.field = 'RECURRING_ID' AND e.new_value = '$ID2' AND d.pipeline_id = $PIPE2 AND d.stage_id = (SELECT id FROM stage WHERE pipeline_id = $PIPE2 ORDER BY sort, id LIMIT 1)")" -eq 3
check "the weekly template ended at its day" \
  test "$(sql "SELECT active || '|' || counter_repeat || '|' || coalesce(next_date, '-') FROM recurring WHERE id = $ID2")" = "0|3|-"

run "a second run on the same day" 0 --database "$DB" recurring run --today 2031-04-30
check "it created nothing" grep -q "Creati 0 affari regolari" "$TMP/out"

run "a run after the limit" 0 --database "$DB" recurring run --today 2032-01-01
check "it created only the fifth and last" grep -q "Creato 1 affare regolare" "$TMP/out"
check "the monthly template is inactive after 5 times" \
  test "$(sql "SELECT active || '|' || counter_repeat FROM recurring WHERE id = $ID")" = "0|5"
run "list after the runs" 0 --database "$DB" recurring list
check "list shows 5 di 5" grep -q "5 di 5" "$TMP/out"

# ---- two processes at once on one file: each deal made once ----
DB2="$TMP/race.db"
run "a second demo database" 0 --database "$DB2" demo --deals 30 --seed 5
DB=$DB2 sql_write "DELETE FROM deal WHERE is_recurring = 1"
DEAL2=$(DB=$DB2 sql "SELECT min(id) FROM deal WHERE is_recurring = 0 AND pipeline_id IN (SELECT id FROM pipeline WHERE kind = 'deal')")
for start in 2031-01-01 2031-01-02 2031-01-03 2031-01-04; do
  "$CLI" --database "$DB2" recurring add --deal "$DEAL2" --every 1 --unit day --start "$start" >/dev/null 2>&1
done
"$CLI" --database "$DB2" recurring run --today 2031-03-01 >"$TMP/a" 2>&1 &
A=$!
"$CLI" --database "$DB2" recurring run --today 2031-03-01 >"$TMP/b" 2>&1 &
B=$!
wait $A; SA=$?
wait $B; SB=$?
check "both runs succeeded" test "$SA" -eq 0 -a "$SB" -eq 0
made=$(DB=$DB2 sql "SELECT count(*) FROM event WHERE field = 'RECURRING_ID'")
distinct=$(DB=$DB2 sql "SELECT count(DISTINCT new_value || text) FROM event WHERE field = 'RECURRING_ID'")
# 1 Jan … 1 Mar is 60 days: 60 + 59 + 58 + 57.
check "the deals were made once each ($made)" test "$made" -eq 234 -a "$distinct" -eq 234
total=$(cat "$TMP/a" "$TMP/b" | sed -n 's/^Creat[oi] \([0-9]*\) affar.*/\1/p' | paste -sd+ | bc)
check "the two runs' counts add up to the deals made" test "$total" -eq 234
run "check after the race" 0 --database "$DB2" check

finish
