#!/bin/bash
# test-cli-import.sh — `affari-cli import` as a script uses it: the sample Bitrix24 dumps imported,
# the counts and refusals printed (text and JSON), a second import that adds nothing, a dry run that
# writes nothing, a truncated file and a CSV refused with nothing written.
#
# Needs AFFARI_CLI (the built program); the suite runs it with LC_ALL=it_IT.UTF-8.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

. "$(dirname "$0")/cli-test-lib.sh" test-cli-import

DB="$TMP/deals.db"
SAMPLES="$(cd "$(dirname "$0")/../data/bitrix24" && pwd)"
count_deals () { sql "SELECT count(*) FROM deal WHERE originator_id = 'bitrix24'"; }


run "import --dry-run" 0 --database "$DB" import "$SAMPLES" --dry-run
check "the dry run says nothing was written" grep -q "nessuna modifica\|non è stato scritto nulla" "$TMP/out"
check "the dry run counts the deals" grep -q "affari: 20 nuovi" "$TMP/out"
check "the dry run wrote no deal" test "$(count_deals)" -eq 0

run "import" 0 --database "$DB" import "$SAMPLES"
check "the deals are counted in Italian" grep -q "affari: 20 nuovi, 0 già importati" "$TMP/out"
check "the refused items are listed with file and ID" grep -q "crm.deal.list.2.json, ID 121" "$TMP/out"
check "an id pointing nowhere is said" grep -q "COMPANY_ID 99.*importato senza azienda" "$TMP/out"
check "20 deals in the database" test "$(count_deals)" -eq 20
check "the custom pipeline is there" test "$(sql "SELECT count(*) FROM pipeline WHERE name = 'Rivenditori'")" -eq 1

run "import again --json" 0 --database "$DB" import "$SAMPLES" --json
check "a second import creates nothing" test "$(json_get "$TMP/out" 'sum(j["created"].values())')" -eq 0
check "and finds the 20 deals already imported" test "$(json_get "$TMP/out" 'j["already_imported"]["deals"]')" -eq 20
check "7 refused" test "$(json_get "$TMP/out" 'len(j["refused"])')" -eq 7
check "and no note: those deals were not imported again" test "$(json_get "$TMP/out" 'len(j["notes"])')" -eq 0
check "still 20 deals" test "$(count_deals)" -eq 20

mkdir "$TMP/broken"
cp "$SAMPLES"/*.json "$TMP/broken/"
head -c 700 "$SAMPLES/crm.deal.list.1.json" >"$TMP/broken/crm.deal.list.1.json"
DB="$TMP/other.db"
run "a truncated file is refused" 1 --database "$DB" import "$TMP/broken"
check "the message names the file" grep -q "crm.deal.list.1.json" "$TMP/err"
check "nothing was imported" test "$(count_deals)" -eq 0
check "no pipeline was added" test "$(sql "SELECT count(*) FROM pipeline WHERE name = 'Rivenditori'")" -eq 0

printf 'ID;TITLE;\n1;Prova;\n' >"$TMP/deals.csv"
run "a CSV file is not supported yet" 1 --database "$DB" import "$TMP/deals.csv"
check "the message says so" grep -q "non è ancora supportat" "$TMP/err"
run "no path is a usage error" 2 --database "$DB" import
run "a missing folder fails" 1 --database "$DB" import "$TMP/nowhere"

finish
