#!/bin/bash
# test-cli-import-csv.sh — `affari-cli import FILE.csv` with any CSV file: the Excel sample in
# Windows-1252 with the mapping printed, the counts and the refused rows with their lines; a dry
# run that writes nothing; --map and --pipeline; JSON output; bad files refused with nothing
# written; Bitrix24's export still going to its own importer.
#
# Needs AFFARI_CLI (the built program); the suite runs it with LC_ALL=it_IT.UTF-8.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

. "$(dirname "$0")/cli-test-lib.sh" test-cli-import-csv

DATA="$(cd "$(dirname "$0")/../data" && pwd)"
DB="$TMP/deals.db"
count_deals () { sql "SELECT count(*) FROM deal"; }
count_companies () { sql "SELECT count(*) FROM company"; }

run "import --dry-run" 0 --database "$DB" import "$DATA/csv/excel-it.csv" --dry-run
check "the dry run says nothing was written" grep -q "non è stato scritto nulla" "$TMP/out"
check "the encoding and separator are said" grep -q "File in Windows-1252, celle separate da “;”, 9 righe" "$TMP/out"
check "the mapping is said" grep -q "Colonna “Ragione sociale” → Azienda" "$TMP/out"
check "the number format is said" grep -q "Importi scritti come 1.234,56" "$TMP/out"
check "the dry run counts the deals" grep -q "affari: 6 nuovi, 0 trovati" "$TMP/out"
check "the dry run wrote no deal" test "$(count_deals)" -eq 0

run "import" 0 --database "$DB" import "$DATA/csv/excel-it.csv"
check "the deals are counted" grep -q "affari: 6 nuovi, 0 trovati" "$TMP/out"
check "the companies are counted" grep -q "aziende: 5 nuovi, 0 trovati" "$TMP/out"
check "a bad date is refused with its line" grep -q "Riga 7: “31/02/2026” non è un giorno del calendario: scrivilo come 27/11/2026" "$TMP/out"
check "an amount in the other format is refused" grep -q "Riga 8: “1,234.56” è scritto con il punto per i decimali" "$TMP/out"
check "the pipeline made is said" grep -q "la pipeline “Rivenditori” non esisteva" "$TMP/out"
check "6 deals in the database" test "$(count_deals)" -eq 6
check "the accents survived Windows-1252" test "$(sql "SELECT count(*) FROM company WHERE name = 'Società Caffè Perché S.r.l.'")" -eq 1
check "every deal says where it came from" test "$(sql "SELECT count(*) FROM event WHERE text = 'Importato da CSV'")" -eq 6

run "import it again --json" 0 --database "$DB" import "$DATA/csv/excel-it.csv" --json
check "the companies are found, not made again" test "$(json_get "$TMP/out" 'j["already_imported"]["companies"]')" -eq 5
check "no company was made" test "$(json_get "$TMP/out" 'j["created"]["companies"]')" -eq 0
check "the JSON says the mapping" test "$(json_get "$TMP/out" 'j["columns"]["Ragione sociale"]')" = company
check "3 refused" test "$(json_get "$TMP/out" 'len(j["refused"])')" -eq 3
check "still 5 companies" test "$(count_companies)" -eq 5

DB="$TMP/english.db"
run "a UTF-16 file with tabs" 0 --database "$DB" import "$DATA/csv/utf16-tab.csv"
check "is read as such" grep -q "File in UTF-16, celle separate da “tabulazione”, 2 righe" "$TMP/out"
check "its deals are in" test "$(count_deals)" -eq 2
run "a pipeline to name" 0 --database "$DB" import "$DATA/csv/excel-it.csv"
run "import with --map and --pipeline" 0 --database "$DB" import "$DATA/csv/english.csv" \
    --map "Notes=ignore,Phone=comments" --pipeline "vendite italia"
check "--map is applied" grep -q "Colonna “Notes” non importata" "$TMP/out"
check "the phone went in the comments" test "$(sql "SELECT count(*) FROM deal WHERE comments = '555-0100'")" -eq 1
check "the deals went to the pipeline given" test "$(sql "SELECT count(*) FROM deal d JOIN pipeline p ON p.id = d.pipeline_id WHERE p.name = 'Vendite Italia'")" -eq 6
check "amounts read with a decimal dot" test "$(sql "SELECT sum(amount) FROM deal WHERE currency = 'USD'")" -eq $((340000 + 1323456))
run "the same header again without --map" 0 --database "$DB" import "$DATA/csv/english.csv" --dry-run
check "gets the columns chosen last time" grep -q "Colonna “Phone” → Commenti" "$TMP/out"
run "an unknown field in --map" 2 --database "$DB" import "$DATA/csv/english.csv" --map "Notes=nowhere"
check "the fields are listed" grep -q "title, amount" "$TMP/err"
run "an unknown column in --map" 2 --database "$DB" import "$DATA/csv/english.csv" --map "Nowhere=title"
run "an unknown pipeline" 1 --database "$DB" import "$DATA/csv/english.csv" --pipeline Nessuna

DB="$TMP/bad.db"
run "a stray quote is refused" 1 --database "$DB" import "$DATA/csv/stray-quote.csv"
check "with its line" grep -q "Riga 3: una virgoletta fuori posto" "$TMP/err"
run "a truncated file is refused" 1 --database "$DB" import "$DATA/csv/truncated.csv"
check "with the line of the open quote" grep -q "Riga 3: un campo tra virgolette non viene mai chiuso" "$TMP/err"
run "a header with no known column is refused" 1 --database "$DB" import "$DATA/csv/no-known-column.csv"
check "the message says what the header needs" grep -q "Riga 1: l'intestazione non ha una colonna con il titolo" "$TMP/err"
check "nothing was imported from the bad files" test "$(count_deals)" -eq 0

run "Bitrix24's export still goes to its importer" 0 --database "$DB" import "$DATA/bitrix24-deals-en.csv"
check "with its origin kept" test "$(sql "SELECT count(*) FROM deal WHERE originator_id = 'bitrix24'")" -eq 2

finish
