#!/bin/bash
# test-cli-generator.sh — `affari-cli generator …` as a script or cron uses it: segments with their
# counts, a dry run that writes nothing, a run, the skip rule, saved generators that run when due.
#
# Needs AFFARI_CLI (the built program); the suite runs it with LC_ALL=it_IT.UTF-8.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

. "$(dirname "$0")/cli-test-lib.sh" test-cli-generator


DB="$TMP/deals.db"
TODAY=2026-12-07

run "demo fills a database" 0 --database "$DB" demo --deals 400 --seed 11

run "generator segments --json" 0 --database "$DB" generator segments --json --today $TODAY
cp "$TMP/out" "$TMP/segments.json"
check "every system segment is listed with its code, name and count" "$PYTHON" - "$TMP/segments.json" <<'EOF'
import json, sys
segments = json.load(open(sys.argv[1], encoding="utf-8"))
codes = {s["code"] for s in segments}
for code in ("crm_client_all", "crm_client_deal_in_work", "crm_client_deal_won", "crm_client_deal_loose",
             "case_crm_client_birthday", "case_crm_client_aft_deal_clo", "case_crm_client_natale",
             "deal_every_month_year", "deal_every_half_year", "deal_every_year",
             "deal_lost_more_12_month", "deal_activity_less_12_month"):
    assert code in codes, code
for s in segments:
    assert set(s) == {"code", "name", "group", "count"}, s
    assert isinstance(s["count"], int) and s["count"] >= 0
counts = {s["code"]: s["count"] for s in segments}
assert counts["crm_client_all"] >= counts["crm_client_deal_won"] > 0
names = {s["code"]: s["name"] for s in segments}
assert names["crm_client_all"] == "Tutti i clienti", names["crm_client_all"]
EOF

run "generator segments --product 1" 0 --database "$DB" generator segments --json --today $TODAY --product 1
check "the product segment is counted for the product given" \
  test "$(json_get "$TMP/out" '[s["count"] for s in j if s["code"] == "crm_client_product"][0]')" -gt 0

run "generator segments (table)" 0 --database "$DB" generator segments --today $TODAY
check "the table has one line per segment" test "$(wc -l <"$TMP/out")" -eq "$(json_get "$TMP/segments.json" 'len(j)')"

WON=$(json_get "$TMP/segments.json" '[s["count"] for s in j if s["code"] == "crm_client_deal_won"][0]')
BEFORE=$("$CLI" --database "$DB" deals --json | "$PYTHON" -c 'import json,sys; print(len(json.load(sys.stdin)))')

run "a dry run" 0 --database "$DB" generator run --segment crm_client_deal_won --dry-run --json --today $TODAY
check "the dry run counts every client of the segment" \
  test "$(json_get "$TMP/out" 'j["created"] + j["skipped"]')" -eq "$WON"
DRY_CREATED=$(json_get "$TMP/out" 'j["created"]')
AFTER=$("$CLI" --database "$DB" deals --json | "$PYTHON" -c 'import json,sys; print(len(json.load(sys.stdin)))')
check "the dry run wrote nothing" test "$AFTER" -eq "$BEFORE"

run "a run" 0 --database "$DB" generator run --segment crm_client_deal_won --today $TODAY \
  --title "Rinnovo {cliente}" --comment "Chiamare entro venerdì" --copy-products
check "the run prints the created count in Italian" grep -qx "Creati: $DRY_CREATED" "$TMP/out"
check "the run prints the skipped count in Italian" grep -q "^Saltati: " "$TMP/out"
AFTER=$("$CLI" --database "$DB" deals --json | "$PYTHON" -c 'import json,sys; print(len(json.load(sys.stdin)))')
check "the run created the deals it announced" test "$AFTER" -eq $((BEFORE + DRY_CREATED))

run "a second run the same day" 0 --database "$DB" generator run --segment crm_client_deal_won --today $TODAY --json
check "nobody gets a second deal" test "$(json_get "$TMP/out" 'j["created"]')" -eq 0

run "an unknown segment" 2 --database "$DB" generator run --segment crm_nothing
check "the error says how to list the segments" grep -q "generator segments" "$TMP/err"
run "no segment" 2 --database "$DB" generator run
run "a bad date" 2 --database "$DB" generator run --segment crm_client_all --today 2026-02-30
run "the product segment needs a product" 2 --database "$DB" generator run --segment crm_client_product --dry-run

run "add a weekly generator" 0 --database "$DB" generator add --name "Ogni lunedì" --segment crm_client_deal_in_work \
  --weekdays 1 --always --today $TODAY --start 2026-12-08
check "add prints the id" grep -qx "1" "$TMP/out"
run "list --json" 0 --database "$DB" generator list --json
check "its first run is the next Monday" test "$(json_get "$TMP/out" 'j[0]["next_run"]')" = "2026-12-14"
run "due before the day" 0 --database "$DB" generator due --today 2026-12-13
check "nothing runs before it is due" grep -qx "Generatori eseguiti: 0" "$TMP/out"
run "due on the day" 0 --database "$DB" generator due --today 2026-12-14
check "it runs on the day" grep -qx "Generatori eseguiti: 1" "$TMP/out"
run "due again the same day" 0 --database "$DB" generator due --today 2026-12-14
check "it runs once a day" grep -qx "Generatori eseguiti: 0" "$TMP/out"
run "list after the run" 0 --database "$DB" generator list --json
check "the next run is a week later" test "$(json_get "$TMP/out" 'j[0]["next_run"]')" = "2026-12-21"

run "help lists the generator" 0 help
check "help shows generator run" grep -q "generator run --segment CODE" "$TMP/out"

finish
