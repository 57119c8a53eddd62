#!/bin/bash
# test-cli-quotes.sh — affari-cli quotes | quote to-deal | quote pdf: the listing (text and JSON),
# a deal made from a quote, the PDF, and the refusals (bad ids, no rows, a deleted client) that
# write nothing.
#
# Needs AFFARI_CLI (the built program); the suite runs it with LC_ALL=it_IT.UTF-8.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

. "$(dirname "$0")/cli-test-lib.sh" test-cli-quotes

DB="$TMP/deals.db"
run "demo database" 0 --database "$DB" demo --deals 60 --seed 5
check "60 deals, quotes made from some of them" \
  test "$(sql "SELECT count(*) FROM deal d JOIN pipeline p ON p.id = d.pipeline_id WHERE d.is_recurring = 0 AND p.kind = 'deal'")" -eq 60 -a "$(sql "SELECT count(*) FROM quote")" -ge 8
check "quotes in every status" test "$(sql "SELECT count(DISTINCT status) FROM quote")" -eq 4
check "some already turned into deals" test "$(sql "SELECT count(*) FROM deal WHERE quote_id IS NOT NULL")" -ge 1
check "your company is in Preferenze" test -n "$(sql "SELECT value FROM setting WHERE key = 'my_company_name'")"

# ---- listing ----
run "quotes" 0 --database "$DB" quotes
check "the list shows the numbers and the Italian statuses" grep -q "Approvato" "$TMP/out"
FIRST=$(sql "SELECT number FROM quote ORDER BY year, seq LIMIT 1")
check "the list shows $FIRST" grep -q "$FIRST" "$TMP/out"
run "quotes --json" 0 --database "$DB" quotes --json
check "the JSON has every quote with its number, status and amount" "$PYTHON" -c "
import json, sys
q = json.load(open('$TMP/out'))
assert len(q) == $(sql "SELECT count(*) FROM quote")
assert all(x['number'].count('/') == 1 and x['status'] in ('DRAFT', 'SENT', 'APPROVED', 'DECLAINED') for x in q)
assert all(float(x['amount']) > 0 for x in q)
"
run "quotes with an unknown option" 2 --database "$DB" quotes --frobnicate

# ---- quote to-deal ----
QUOTE=$(sql "SELECT id FROM quote WHERE status = 'SENT' ORDER BY id LIMIT 1")
DEALS=$(sql "SELECT count(*) FROM deal")
run "quote to-deal" 0 --database "$DB" quote to-deal "$QUOTE"
NEW=$(cat "$TMP/out")
check "it prints the new deal's id" test "$(sql "SELECT quote_id FROM deal WHERE id = $NEW")" = "$QUOTE"
check "one more deal" test "$(sql "SELECT count(*) FROM deal")" -eq $((DEALS + 1))
check "the deal has the quote's title, amount and client" test \
  "$(sql "SELECT d.title = q.title AND d.amount = q.amount AND d.currency = q.currency AND d.company_id IS q.company_id
          FROM deal d JOIN quote q ON q.id = d.quote_id WHERE d.id = $NEW")" = 1
check "and its rows" test "$(sql "SELECT count(*) FROM deal_product WHERE deal_id = $NEW")" -eq \
  "$(sql "SELECT count(*) FROM quote_product WHERE quote_id = $QUOTE")"
check "its history says it came from the quote" test \
  "$(sql "SELECT count(*) FROM event WHERE deal_id = $NEW AND text LIKE 'Creato dal preventivo %'")" -eq 1
run "check after the deal" 0 --database "$DB" check

run "quote without a sub-command" 2 --database "$DB" quote
run "quote to-deal without an id" 2 --database "$DB" quote to-deal
run "quote to-deal with a bad id" 2 --database "$DB" quote to-deal abc
run "quote to-deal of a quote that does not exist" 1 --database "$DB" quote to-deal 99999
check "the error is an Italian sentence" grep -q "non esiste" "$TMP/err"

# ---- PDF ----
run "quote pdf" 0 --database "$DB" quote pdf "$QUOTE" "$TMP/q.pdf"
check "a PDF was written" test "$(head -c 5 "$TMP/q.pdf")" = "%PDF-"
if command -v pdftotext >/dev/null; then
  pdftotext -layout "$TMP/q.pdf" "$TMP/q.txt"
  NUMBER=$(sql "SELECT number FROM quote WHERE id = $QUOTE")
  check "the PDF names the quote in Italian" grep -q "Preventivo n. $NUMBER del" "$TMP/q.txt"
  check "with the taxable amount and the total" grep -q "Imponibile" "$TMP/q.txt"
fi
run "quote pdf without a path" 2 --database "$DB" quote pdf "$QUOTE"

# A quote without rows, and one whose client was deleted: refused, nothing written.
sql_write "DELETE FROM quote_product WHERE quote_id = $QUOTE"
run "quote pdf of a quote without rows" 1 --database "$DB" quote pdf "$QUOTE" "$TMP/empty.pdf"
check "no file" test ! -e "$TMP/empty.pdf"
check "the error says to add a row" grep -q "riga" "$TMP/err"
OTHER=$(sql "SELECT id FROM quote WHERE company_id IS NOT NULL AND id <> $QUOTE ORDER BY id LIMIT 1")
sql_write "PRAGMA foreign_keys = OFF; DELETE FROM company WHERE id = (SELECT company_id FROM quote WHERE id = $OTHER)"
DEALS=$(sql "SELECT count(*) FROM deal")
run "quote to-deal of a quote whose client was deleted" 1 --database "$DB" quote to-deal "$OTHER"
check "the error says the client was deleted" grep -q "eliminato" "$TMP/err"
check "no deal was made" test "$(sql "SELECT count(*) FROM deal")" -eq "$DEALS"
run "quote pdf of a quote whose client was deleted" 1 --database "$DB" quote pdf "$OTHER" "$TMP/gone.pdf"
check "no file for it either" test ! -e "$TMP/gone.pdf"

finish
