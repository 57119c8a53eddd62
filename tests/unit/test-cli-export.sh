#!/bin/bash
# test-cli-export.sh — `affari-cli export` as a script uses it: the whole database as JSON (every
# deal there, the file parses), the deals as plain and Bitrix24-shaped CSV, the refusals (no
# target, both targets, an unwritable place) with no file left, and a database left unchanged.
#
# Needs AFFARI_CLI (the built program); the suite runs it with LC_ALL=it_IT.UTF-8.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

. "$(dirname "$0")/cli-test-lib.sh" test-cli-export

DB="$TMP/deals.db"

run "demo fills a database" 0 --database "$DB" demo --deals 300 --seed 5
BEFORE=$(sql "SELECT count(*) || '/' || sum(date_modify) FROM deal")

run "export --json" 0 --database "$DB" export --json "$TMP/all.json"
check "the message is Italian" grep -q "Esportazione scritta in" "$TMP/out"
check "the JSON holds every deal, lead and template" "$PYTHON" - "$TMP/all.json" "$(sql "SELECT count(*) FROM deal")" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
assert doc["format"] == "affari-export" and doc["version"] == 1, doc.get("format")
assert len(doc["deal"]) == int(sys.argv[2]), (len(doc["deal"]), sys.argv[2])
assert all("deal_product" in d and "activity" in d and "event" in d for d in doc["deal"])
assert any(d["lead_info"] for d in doc["deal"])
assert all(p["stage"] for p in doc["pipeline"])
PY

run "export --csv" 0 --database "$DB" export --csv "$TMP/plain.csv"
check "the plain CSV has a line per deal and a header" test "$(grep -c $'\r$' "$TMP/plain.csv")" -eq 301

run "export --csv --bitrix24" 0 --database "$DB" export --csv "$TMP/b24.csv" --bitrix24
check "the Bitrix24 CSV: BOM, Italian titles, ';' after every field" "$PYTHON" - "$TMP/b24.csv" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
assert data.startswith(b"\xef\xbb\xbf\"ID\";\"Nome affare\";"), data[:60]
assert b"\r" not in data
text = data[3:].decode("utf-8")
lines = [l for l in text.split("\n") if l]
assert all(l.startswith('"') for l in lines[1:] if l[0] == '"')
assert text.endswith('";\n')
PY

run "no target" 2 --database "$DB" export
run "two targets" 2 --database "$DB" export --json "$TMP/x.json" --csv "$TMP/x.csv"
run "--bitrix24 without --csv" 2 --database "$DB" export --json "$TMP/x.json" --bitrix24
run "an unknown option" 2 --database "$DB" export --xml "$TMP/x.xml"
run "an unwritable place" 1 --database "$DB" export --json "$TMP/no/such/dir/x.json"
check "the refusals left no file" test ! -e "$TMP/x.json" -a ! -e "$TMP/x.csv"
check "nothing hidden was left behind" test -z "$(ls -A "$TMP" | grep '^\.')"
check "the database is unchanged" test "$(sql "SELECT count(*) || '/' || sum(date_modify) FROM deal")" = "$BEFORE"

run "help lists export" 0 help
check "help shows export --json" grep -q "export --json PATH" "$TMP/out"

finish
