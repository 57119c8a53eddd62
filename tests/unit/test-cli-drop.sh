#!/bin/bash
# test-cli-drop.sh — `affari-cli drop` does what dropping a file on the window does: a vCard's
# contacts added once (again: found, nothing more), an .ics planned on the deal given, and the
# files and arguments that are not right refused with an Italian sentence and nothing written.
#
# Needs AFFARI_CLI (the built program); the suite runs it with LC_ALL=it_IT.UTF-8.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

. "$(dirname "$0")/cli-test-lib.sh" test-cli-drop

DB="$TMP/deals.db"
SAMPLES="$(cd "$(dirname "$0")/../data/drop" && pwd)"
"$CLI" --database "$DB" demo --deals 10 --seed 3 >/dev/null
contacts=$(sql "SELECT count(*) FROM contact")

run "drop several.vcf" 0 --database "$DB" drop "$SAMPLES/several.vcf"
check "each contact is said in Italian" grep -q "Contatto «Giulia Verdi» aggiunto" "$TMP/out"
check "three contacts more" test "$(sql "SELECT count(*) FROM contact")" -eq $((contacts + 3))
check "with their companies" test "$(sql "SELECT count(*) FROM company WHERE name IN ('Verdi Consulting', 'Esposito Impianti S.r.l.')")" -eq 2

run "drop several.vcf again --json" 0 --database "$DB" drop "$SAMPLES/several.vcf" --json
check "none is made again" test "$(json_get "$TMP/out" 'sum(c["created"] for c in j["contacts"])')" -eq 0
check "still three contacts more" test "$(sql "SELECT count(*) FROM contact")" -eq $((contacts + 3))

deal=$(sql "SELECT min(id) FROM deal")
run "drop google.ics --deal" 0 --database "$DB" drop "$SAMPLES/google.ics" --deal "$deal" --json
check "two meetings" test "$(json_get "$TMP/out" 'len(j["activities"])')" -eq 2
check "at the events' times (UTC)" test "$(json_get "$TMP/out" 'j["activities"][0]["deadline"]')" = "2026-12-04T14:00:00Z"
check "planned on that deal" test "$(sql "SELECT count(*) FROM activity WHERE deal_id = $deal AND subject IN ('Verifica contratto assistenza', 'Demo del prodotto')")" -eq 2

run "an .ics needs --deal" 2 --database "$DB" drop "$SAMPLES/todo.ics"
check "and says so" grep -q "\-\-deal ID" "$TMP/err"
run "a deal that is not there" 1 --database "$DB" drop "$SAMPLES/todo.ics" --deal 999999
run "a broken vCard" 1 --database "$DB" drop "$SAMPLES/broken.vcf"
check "names the line" grep -q "riga 1" "$TMP/err"
run "a .csv is for import" 2 --database "$DB" drop "$TMP/deals.csv"
check "nothing planned by the refused ones" test "$(sql "SELECT count(*) FROM activity WHERE subject = 'Inviare il preventivo firmato'")" -eq 0
check "nothing added by the refused ones" test "$(sql "SELECT count(*) FROM contact")" -eq $((contacts + 3))

finish
