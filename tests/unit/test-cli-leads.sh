#!/bin/bash
# test-cli-leads.sh — `affari-cli leads` and `affari-cli lead convert` as a script uses them: the list,
# a conversion that prints the deal, the refusals (twice, junk) with nothing written.
#
# Needs AFFARI_CLI (the built program); the suite runs it with LC_ALL=it_IT.UTF-8.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

. "$(dirname "$0")/cli-test-lib.sh" test-cli-leads

DB="$TMP/deals.db"

run "demo fills a database" 0 --database "$DB" demo --deals 300 --seed 5
run "deals --json" 0 --database "$DB" deals --json
check "demo --deals N makes N deals (leads are not deals)" test "$(json_get "$TMP/out" 'len(j)')" -eq 300
check "no lead among the deals" test "$(json_get "$TMP/out" 'len([d for d in j if d["pipeline"] == "Lead"])')" -eq 0

run "pipelines --json" 0 --database "$DB" pipelines --json
check "the lead pipeline is not a deal pipeline" test "$(json_get "$TMP/out" 'len([p for p in j if p["name"] == "Lead"])')" -eq 0

run "leads --json" 0 --database "$DB" leads --json
cp "$TMP/out" "$TMP/leads.json"
check "the demo makes leads in every status, some repeat, some converted" "$PYTHON" - "$TMP/leads.json" <<'PY'
import json, sys
leads = json.load(open(sys.argv[1], encoding="utf-8"))
assert len(leads) >= 12, len(leads)
for lead in leads:
    assert set(lead) == {"id", "title", "name", "surname", "company_name", "phone", "email", "address", "status",
                         "status_name", "amount", "currency", "repeat", "converted_deal"}, lead
assert {l["status"] for l in leads} == {"NEW", "IN_PROCESS", "PROCESSED", "CONVERTED", "JUNK"}, {l["status"] for l in leads}
assert any(l["repeat"] for l in leads)
converted = [l for l in leads if l["status"] == "CONVERTED"]
assert converted and all(l["converted_deal"] for l in converted)
assert "Nuovo" in {l["status_name"] for l in leads}
PY

NEW_ID=$(json_get "$TMP/leads.json" '[l["id"] for l in j if l["status"] == "NEW"][0]')
JUNK_ID=$(json_get "$TMP/leads.json" '[l["id"] for l in j if l["status"] == "JUNK"][0]')

run "leads (table)" 0 --database "$DB" leads
check "the table has a header and one line per lead" \
  test "$(wc -l <"$TMP/out")" -eq $(($(json_get "$TMP/leads.json" 'len(j)') + 1))
check "the table shows the status in Italian" grep -q "Spazzatura" "$TMP/out"

run "lead convert" 0 --database "$DB" lead convert "$NEW_ID" --pipeline 3
DEAL_ID=$(cat "$TMP/out")
check "convert prints the new deal's id" test "$DEAL_ID" -gt 300
run "deals --json after" 0 --database "$DB" deals --json
check "the deal is in the pipeline given, linked to a client" "$PYTHON" - "$TMP/out" "$DEAL_ID" <<'PY'
import json, sys
deals = {d["id"]: d for d in json.load(open(sys.argv[1], encoding="utf-8"))}
d = deals[int(sys.argv[2])]
assert d["pipeline_id"] == 3 and d["semantics"] == "P", d
assert d["client"], d
assert len(deals) == 301
PY
run "leads --json after" 0 --database "$DB" leads --json
check "the lead is converted and links to the deal" \
  test "$(json_get "$TMP/out" "[l for l in j if l['id'] == $NEW_ID][0]['converted_deal']")" = "$DEAL_ID"

cp "$DB" "$TMP/before.db"
run "converting twice" 1 --database "$DB" lead convert "$NEW_ID"
check "twice: an Italian message naming the deal" grep -q "già stato convertito.*#$DEAL_ID" "$TMP/err"
run "converting a junk lead" 1 --database "$DB" lead convert "$JUNK_ID"
check "junk: an Italian message" grep -q "Spazzatura" "$TMP/err"
run "converting a deal" 1 --database "$DB" lead convert 1
run "a lead pipeline as target" 1 --database "$DB" lead convert "$(json_get "$TMP/leads.json" '[l["id"] for l in j if l["status"] == "PROCESSED"][0]')" --pipeline 2
run "deals --json after the refusals" 0 --database "$DB" deals --json
check "nothing was written by the refusals" test "$(json_get "$TMP/out" 'len(j)')" -eq 301

run "no id" 2 --database "$DB" lead convert
run "a bad id" 2 --database "$DB" lead convert abc
run "an unknown sub-command" 2 --database "$DB" lead merge 1
run "check" 0 --database "$DB" check

run "help lists the leads" 0 help
check "help shows lead convert" grep -q "lead convert ID" "$TMP/out"

finish
