#!/bin/bash
# test-cli-import.sh — `affari-cli import` as a script uses it: the sample Bitrix24 dumps imported,
# the counts and refusals printed (text and JSON), a second import that adds nothing, a dry run that
# writes nothing, a truncated file refused with nothing written; Bitrix24's deal CSV export imported
# (twice: the second adds nothing) and bad CSV files refused with their line.
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
check "the dry run counts the deals" grep -q "affari: 23 nuovi" "$TMP/out"
check "the dry run wrote no deal" test "$(count_deals)" -eq 0

run "import" 0 --database "$DB" import "$SAMPLES"
check "the deals are counted in Italian" grep -q "affari: 23 nuovi, 0 già importati" "$TMP/out"
check "the refused items are listed with file and ID" grep -q "crm.deal.list.2.json, ID 122" "$TMP/out"
check "a stage missing from crm.status.list is made, and said" grep -q "ID 121: .*C1:ARCHIVED.*la fase “ARCHIVED” è stata creata" "$TMP/out"
check "an id pointing nowhere is said" grep -q "COMPANY_ID 99.*importato senza azienda" "$TMP/out"
check "23 deals in the database" test "$(count_deals)" -eq 23
check "the custom pipeline is there" test "$(sql "SELECT count(*) FROM pipeline WHERE name = 'Rivenditori'")" -eq 1

run "import again --json" 0 --database "$DB" import "$SAMPLES" --json
check "a second import creates nothing" test "$(json_get "$TMP/out" 'sum(j["created"].values())')" -eq 0
check "and finds the 23 deals already imported" test "$(json_get "$TMP/out" 'j["already_imported"]["deals"]')" -eq 23
check "6 refused" test "$(json_get "$TMP/out" 'len(j["refused"])')" -eq 6
check "and no note: those deals were not imported again" test "$(json_get "$TMP/out" 'len(j["notes"])')" -eq 0
check "still 23 deals" test "$(count_deals)" -eq 23

mkdir "$TMP/broken"
cp "$SAMPLES"/*.json "$TMP/broken/"
head -c 700 "$SAMPLES/crm.deal.list.1.json" >"$TMP/broken/crm.deal.list.1.json"
DB="$TMP/other.db"
run "a truncated file is refused" 1 --database "$DB" import "$TMP/broken"
check "the message names the file" grep -q "crm.deal.list.1.json" "$TMP/err"
check "nothing was imported" test "$(count_deals)" -eq 0
check "no pipeline was added" test "$(sql "SELECT count(*) FROM pipeline WHERE name = 'Rivenditori'")" -eq 0

# Bitrix24's deal list CSV export: the pipeline "Rivenditori" comes from the folder import above.
CSV="$(cd "$(dirname "$0")/../data" && pwd)/bitrix24-deals.csv"
DB="$TMP/deals.db"
count_csv () { sql "SELECT count(*) FROM deal WHERE originator_id = 'bitrix24' AND CAST(origin_id AS INTEGER) > 5000"; }
run "import a CSV --dry-run" 0 --database "$DB" import "$CSV" --dry-run
check "the CSV dry run counts the deals" grep -q "affari: 4 nuovi" "$TMP/out"
check "the CSV dry run wrote no deal" test "$(count_csv)" -eq 0
run "import a CSV" 0 --database "$DB" import "$CSV"
check "the CSV deals are counted in Italian" grep -q "affari: 4 nuovi, 0 già importati" "$TMP/out"
check "the product lines became product rows" grep -q "righe di prodotto: 2 nuovi" "$TMP/out"
check "a bad amount is refused with its line" grep -q "riga 9, ID 5005: “1.234,56” non è un importo" "$TMP/out"
check "a bad date is refused with its line" grep -q "riga 10, ID 5006: una data non è un giorno" "$TMP/out"
check "the stage made is said" grep -q "la fase “Verifica tecnica” non esisteva" "$TMP/out"
check "4 CSV deals in the database" test "$(count_csv)" -eq 4
check "one CSV deal in Rivenditori" test "$(sql "SELECT count(*) FROM deal d JOIN pipeline p ON p.id = d.pipeline_id WHERE p.name = 'Rivenditori' AND d.origin_id = '5004'")" -eq 1
run "import the CSV again --json" 0 --database "$DB" import "$CSV" --json
check "a second CSV import creates nothing" test "$(json_get "$TMP/out" 'sum(j["created"].values())')" -eq 0
check "and finds the 4 deals already imported" test "$(json_get "$TMP/out" 'j["already_imported"]["deals"]')" -eq 4
check "still 4 CSV deals" test "$(count_csv)" -eq 4

DB="$TMP/other.db"
printf '"ID";"TITLE";\n"1";"Prova"x;\n' >"$TMP/deals.csv"
run "a CSV with a stray quote is refused" 1 --database "$DB" import "$TMP/deals.csv"
check "the message gives the line" grep -q "Riga 2: una virgoletta fuori posto" "$TMP/err"
printf '"Nome";"Cognome";\n"Mario";"Rossi";\n' >"$TMP/deals.csv"
run "a CSV with no known column is refused" 1 --database "$DB" import "$TMP/deals.csv"
check "the message says what the header needs" grep -q "Riga 1: l'intestazione non ha" "$TMP/err"
check "nothing was imported from the bad CSVs" test "$(count_deals)" -eq 0
mkdir -p "$TMP/huge"
truncate -s 300M "$TMP/huge/crm.deal.list.json"
truncate -s 1100M "$TMP/huge.csv"
run "a 300 MB page of Bitrix24 deals is refused" 1 --database "$DB" import "$TMP/huge"
check "the message says it is too big" grep -q "supera i 256 MB" "$TMP/err"
run "a CSV over 1 GB is refused" 1 --database "$DB" import "$TMP/huge.csv"
check "the message says to split it" grep -q "1 GB" "$TMP/err"
check "nothing was imported from the huge files" test "$(count_deals)" -eq 0
rm -rf "$TMP/huge" "$TMP/huge.csv"
run "no path is a usage error" 2 --database "$DB" import
run "a missing folder fails" 1 --database "$DB" import "$TMP/nowhere"

finish
