#!/bin/bash
# test-cli-roundtrip.sh — `affari-cli export --json` then `affari-cli --database NEW.db import
# FILE.json` as a person moving to a new computer runs them: the new database holds what the old
# one held (every table but the search index's own, compared with sqlite3), its export is the same
# file again; a dry run, a truncated file, another format and a database that already holds deals
# write nothing and say why in Italian.
#
# Needs AFFARI_CLI (the built program); the suite runs it with LC_ALL=it_IT.UTF-8.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

. "$(dirname "$0")/cli-test-lib.sh" test-cli-roundtrip

OLD="$TMP/old.db"
NEW="$TMP/new.db"
DB="$OLD"

run "demo fills a database" 0 --database "$OLD" demo --deals 300 --seed 11
sql_write "UPDATE deal SET comments = 'Più righe' || char(10) || '“virgolette” ''singole'' \\ 😀'
             WHERE id = (SELECT min(id) FROM deal);
           UPDATE deal SET deleted_at = 1796000000 WHERE id = (SELECT max(id) FROM deal WHERE is_recurring = 0);
           -- written past the store: its search documents brought up to date as its commit would
           DELETE FROM deal_search_doc WHERE deal_id IN (SELECT deal_id FROM deal_search_dirty);
           INSERT INTO deal_search_doc (deal_id, body) SELECT deal_id, body FROM deal_search_body
             WHERE deal_id IN (SELECT deal_id FROM deal_search_dirty);
           DELETE FROM deal_search_dirty;"
run "export --json" 0 --database "$OLD" export --json "$TMP/old.json"

run "a dry run" 0 --database "$NEW" import "$TMP/old.json" --dry-run --json
check "the dry run counts every deal" test "$(json_get "$TMP/out" 'j["created"]["deals"]')" = "$(sql "SELECT count(*) FROM deal")"
DB="$NEW"
check "the dry run wrote no deal" test "$(sql "SELECT count(*) FROM deal")" = 0

run "import FILE.json into a new database" 0 --database "$NEW" import "$TMP/old.json"
check "the summary is Italian" grep -q "Importato dall'esportazione di Affari" "$TMP/out"
check "every table is the same" "$PYTHON" - "$OLD" "$NEW" <<'PY'
import sqlite3, sys
a, b = (sqlite3.connect(p) for p in sys.argv[1:3])
# The search index is compared through searches; the change log is what each connection told
# the others (affari-store-watch.c), not data.
skip = {"deal_search", "deal_search_data", "deal_search_idx", "deal_search_docsize", "deal_search_config", "change_log"}
tables = lambda c: [r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table'"
                                            " AND name NOT LIKE 'sqlite_%' ORDER BY name") if r[0] not in skip]
assert tables(a) == tables(b), (tables(a), tables(b))
for t in tables(a):
    where = " WHERE count != 0" if t == "stage_total" else ""
    n = len(a.execute(f'SELECT * FROM "{t}" LIMIT 1').description)
    q = f'SELECT * FROM "{t}"{where} ORDER BY ' + ", ".join(str(i + 1) for i in range(n))
    ra = [tuple((type(v).__name__, v) for v in row) for row in a.execute(q)]
    rb = [tuple((type(v).__name__, v) for v in row) for row in b.execute(q)]
    assert ra == rb, (t, next((x, y) for x, y in zip(ra + [None], rb + [None]) if x != y))
for word in ("righe", "virgolette"):
    q = "SELECT rowid FROM deal_search WHERE deal_search MATCH ? ORDER BY rowid"
    fa, fb = a.execute(q, (word,)).fetchall(), b.execute(q, (word,)).fetchall()
    assert fa and fa == fb, (word, fa, fb)
PY
run "check the new database" 0 --database "$NEW" check
run "export the new database" 0 --database "$NEW" export --json "$TMP/new.json"
check "the second export is the first (but for its time)" \
  diff <(grep -v '"exported_at"' "$TMP/old.json") <(grep -v '"exported_at"' "$TMP/new.json")

run "import into a database with deals" 1 --database "$NEW" import "$TMP/old.json"
check "it says to use an empty database or a backup" grep -q "Il database contiene già degli affari.*Ripristina backup" "$TMP/err"
check "nothing was added" test "$(sql "SELECT count(*) FROM deal")" = "$(DB="$OLD" sql "SELECT count(*) FROM deal")"

head -c 20000 "$TMP/old.json" > "$TMP/cut.json"
run "a truncated file" 1 --database "$TMP/cut.db" import "$TMP/cut.json"
check "it says the file is truncated" grep -q "troncato" "$TMP/err"
DB="$TMP/cut.db"
check "nothing was written" test "$(sql "SELECT count(*) FROM deal") $(sql "SELECT count(*) FROM pipeline")" = "0 2"

printf '{"result": [{"ID": "1", "TITLE": "x"}], "total": 1}' > "$TMP/b24.json"
run "another JSON" 1 --database "$TMP/cut.db" import "$TMP/b24.json"
check "it says it is not an Affari export" grep -q "non è un'esportazione di Affari" "$TMP/err"

run "a file that is not there" 1 --database "$TMP/none.db" import "$TMP/nope.json"
check "it says the file does not exist" grep -q "Il file “.*nope.json” non esiste" "$TMP/err"
check "and makes no database" test ! -e "$TMP/none.db"

run "help lists import FILE.json" 0 help
check "help shows import FILE.json" grep -q "import FILE.json" "$TMP/out"

finish
