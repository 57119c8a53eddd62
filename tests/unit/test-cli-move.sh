#!/bin/bash
# test-cli-move.sh — `affari-cli move DEAL_ID STAGE_CODE` does what a drop on the Kanban does:
# the deal in the new stage with a history event, closed on a won or lost stage (with the reason)
# and reopened on an in-progress one; a stage of another pipeline, a deal that is not there or in
# the trash, and bad arguments are refused with an Italian sentence and nothing written.
#
# Needs AFFARI_CLI (the built program); the suite runs it with LC_ALL=it_IT.UTF-8.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

. "$(dirname "$0")/cli-test-lib.sh" test-cli-move

DB="$TMP/deals.db"
"$CLI" --database "$DB" demo --deals 30 --seed 5 >/dev/null
# An open deal of the default pipeline and the stages by code.
deal=$(sql "SELECT d.id FROM deal d JOIN stage s ON s.id = d.stage_id WHERE s.semantics = 'P' AND d.pipeline_id = (SELECT id FROM pipeline WHERE is_default = 1) AND d.deleted_at IS NULL AND d.is_recurring = 0 ORDER BY d.id LIMIT 1")
stage_of () { sql "SELECT s.code FROM deal d JOIN stage s ON s.id = d.stage_id WHERE d.id = $1"; }
events=$(sql "SELECT count(*) FROM event WHERE deal_id = $deal")
others=$(sql "SELECT group_concat(id || ':' || stage_id) FROM deal WHERE id <> $deal")

run "move to PREPARATION" 0 --database "$DB" move "$deal" PREPARATION
check "said in Italian" grep -q "Affare spostato in" "$TMP/out"
check "the deal is in PREPARATION" test "$(stage_of "$deal")" = PREPARATION
check "a history event of the stage" test "$(sql "SELECT count(*) FROM event WHERE deal_id = $deal AND field = 'STAGE_ID'")" -ge 1
check "no other deal moved" test "$(sql "SELECT group_concat(id || ':' || stage_id) FROM deal WHERE id <> $deal")" = "$others"

run "move to LOSE with a reason --json" 0 --database "$DB" move "$deal" LOSE --reason "Prezzo troppo alto" --json
check "the JSON names the stage" test "$(json_get "$TMP/out" 'j["stage_code"]')" = LOSE
check "and says it moved" test "$(json_get "$TMP/out" 'j["moved"]')" = True
check "the deal is lost" test "$(stage_of "$deal")" = LOSE
check "and closed" test "$(sql "SELECT closed FROM deal WHERE id = $deal")" = 1
check "the reason is in the history" test "$(sql "SELECT count(*) FROM event WHERE deal_id = $deal AND text LIKE '%Prezzo troppo alto%'")" -ge 1

run "move back to NEW" 0 --database "$DB" move "$deal" NEW
check "reopened" test "$(sql "SELECT closed FROM deal WHERE id = $deal")" = 0
check "in NEW" test "$(stage_of "$deal")" = NEW
after=$(sql "SELECT count(*) FROM event WHERE deal_id = $deal")
run "the same stage again" 0 --database "$DB" move "$deal" NEW
check "nothing changed" test "$(sql "SELECT count(*) FROM event WHERE deal_id = $deal")" -eq "$after"
check "more events than before the moves" test "$after" -gt "$events"

other=$(sql "SELECT s.code FROM stage s JOIN pipeline p ON p.id = s.pipeline_id WHERE p.is_default = 0 AND p.kind = 'deal' LIMIT 1")
run "a stage of another pipeline" 1 --database "$DB" move "$deal" "$other"
check "says which code" grep -q "$other" "$TMP/err"
run "a code that is no stage" 1 --database "$DB" move "$deal" NOPE
check "in Italian" grep -q "nessuna fase" "$TMP/err"
run "a deal that is not there" 1 --database "$DB" move 999999 NEW
run "not a number" 2 --database "$DB" move dodici NEW
run "no stage" 2 --database "$DB" move "$deal"
check "still in NEW after the refused ones" test "$(stage_of "$deal")" = NEW

"$CLI" --database "$DB" check >/dev/null
check "the database is consistent" test $? -eq 0

finish
