#!/bin/bash
# test-cli-forecast.sh — `affari-cli forecast` as a script uses it: the CDNOW fit as JSON, the
# ranked clients of a database, the holdout check, too little history, and bad input.
#
# Needs AFFARI_CLI (the built program) and AFFARI_CDNOW (the CDNOW sample); runs in Italian.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

. "$(dirname "$0")/cli-test-lib.sh" test-cli-forecast
CDNOW=${AFFARI_CDNOW:?AFFARI_CDNOW must point to CDNOW_sample.txt}

# ---- the CDNOW sample: the paper's figures ----

run "forecast --fit-cdnow" 0 forecast --fit-cdnow "$CDNOW"
"$PYTHON" - "$TMP/out" <<'EOF'
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
assert text.count("\n") == 1, "not one line"
fit = json.loads(text)
assert list(fit) == ["r", "alpha", "a", "b", "ll"], list(fit)
for key, paper in (("r", 0.243), ("alpha", 4.414), ("a", 0.793), ("b", 2.426)):
    assert abs(fit[key] - paper) <= 0.005 * paper, (key, fit[key])
assert abs(fit["ll"] + 9582.4) <= 0.5, fit["ll"]
EOF
result "the CDNOW fit is one JSON object with the paper's r, α, a, b and log-likelihood" $? "$(cat "$TMP/out")"

run "--fit-cdnow on a missing file fails" 1 forecast --fit-cdnow "$TMP/missing.txt"
check "… saying so in Italian" grep -q "Impossibile leggere il file CDNOW" "$TMP/err"
printf ' 00004 0001 19970101  2   29.33\r\n 00004 0001 1997010  2   29.73\r\n' >"$TMP/bad.txt"
run "--fit-cdnow on a malformed file fails" 1 forecast --fit-cdnow "$TMP/bad.txt"
check "… naming the line" grep -q "La riga 2 di" "$TMP/err"
run "--fit-cdnow without a path is bad usage" 2 forecast --fit-cdnow

# ---- bad options ----

DB="$TMP/deals.db"
run "--days 0 is bad usage" 2 --database "$DB" forecast --days 0
run "--days abc is bad usage" 2 --database "$DB" forecast --days abc
run "--check with a non-date is bad usage" 2 --database "$DB" forecast --check 2026-13-01
run "an unknown option is bad usage" 2 --database "$DB" forecast --bogus
run "a missing database fails" 1 --database "$DB" forecast

# ---- too little history ----

run "demo --deals 20" 0 --database "$DB" demo --deals 20 --seed 3
run "forecast on 20 deals" 0 --database "$DB" forecast
check "says the history is too short instead of guessing" grep -q "Lo storico è troppo breve" "$TMP/out"
run "forecast --json on 20 deals" 0 --database "$DB" forecast --json
"$PYTHON" -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["sufficient"] is False and "troppo breve" in d["message"]' "$TMP/out"
result "… and as JSON: sufficient false and the sentence" $?

# ---- a database with enough history ----

BIG="$TMP/big.db"
run "demo --deals 3000" 0 --database "$BIG" demo --deals 3000 --seed 11
run "forecast --json --days 30" 0 --database "$BIG" forecast --json --days 30
"$PYTHON" - "$TMP/out" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert d["sufficient"] is True and d["days"] == 30, d.get("days")
clients = d["clients"]
assert len(clients) >= 10, len(clients)
keys = {"name", "company_id", "contact_id", "purchases", "p_alive", "expected", "expected_value", "reason"}
values = [c["expected_value"] for c in clients]
assert values == sorted(values, reverse=True), "not ranked by expected value"
for c in clients:
    assert set(c) == keys, set(c) ^ keys
    assert 0 <= c["p_alive"] <= 1 and c["expected"] >= 0 and isinstance(c["expected_value"], int)
    assert (c["company_id"] > 0) != (c["contact_id"] > 0), c
    if c["purchases"] > 1:
        assert c["reason"].endswith(" %") and "probabilità attivo" in c["reason"], c["reason"]
    else:
        assert c["reason"].endswith("nessun riacquisto finora"), c["reason"]
EOF
result "clients ranked by expected value, with P(attivo), expected purchases and the reason" $?
run "forecast --days 365 (text)" 0 --database "$BIG" forecast --days 365
check "the table is in Italian" grep -q "^Cliente .*Attivo .*Acquisti (365 giorni) .*Valore previsto .*Motivo" "$TMP/out"
check "one line a client plus the header" test "$(wc -l <"$TMP/out")" -ge 11

run "forecast --check 2026-01-01 --today 2026-12-01 --json" 0 --database "$BIG" forecast --check 2026-01-01 --today 2026-12-01 --json
"$PYTHON" - "$TMP/out" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert d["cutoff"] == "2026-01-01" and d["end"] == "2026-12-01" and d["days"] == 334, d
rows = d["by_purchases"]
assert [r["repeat_purchases"] for r in rows] == list(range(8)), rows
assert abs(sum(r["predicted"] for r in rows) - d["predicted"]) < 1e-6
assert sum(r["actual"] for r in rows) == d["actual"] and d["actual"] > 0
EOF
result "the holdout check: totals and the rows per number of past purchases add up" $?
run "a cut-off that is not before today fails" 1 --database "$BIG" forecast --check 2026-12-01 --today 2026-12-01
check "… saying why in Italian" grep -q "deve essere prima di oggi" "$TMP/err"

finish
