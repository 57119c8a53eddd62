#!/bin/bash
# test-server-import.sh — `affari-cli --server URL server import-local PATH`: a local database of
# sample deals moves to an empty team server whole; the server then lists the same deals as the
# local file did; a second import is refused and changes nothing; a login's scope applies to what
# was imported.
#
# Needs AFFARI_CLI; the suite runs it with LC_ALL=it_IT.UTF-8. A throw-away cluster (pg-cluster.sh).
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

. "$(dirname "$0")/../unit/cli-test-lib.sh" test-server-import
. "$(dirname "$0")/pg-cluster.sh"
pg_cluster_start

DB="$TMP/local.db"
"$CLI" --database "$DB" demo --deals 200 --seed 9 >/dev/null

run "server init" 0 --server "$PG_ADMIN_URL" server init
run "server import-local" 0 --server "$PG_ADMIN_URL" server import-local "$DB"
check "says how many rows, in Italian" grep -q "righe copiate sul server" "$TMP/out"

"$CLI" --database "$DB" deals --json >"$TMP/local.json"
run "deals --json on the server" 0 --server "$PG_ADMIN_URL" deals --json
cp "$TMP/out" "$TMP/server.json"
check "the server lists the same deals as the local file" cmp -s "$TMP/local.json" "$TMP/server.json"
for table in deal event activity deal_product company contact pipeline stage team_member quote; do
  local_n=$(sql "SELECT count(*) FROM $table")
  server_n=$(pg_psql -tA -c "SELECT count(*) FROM $table")
  check "as many $table rows on the server ($server_n) as in the file ($local_n)" test "$server_n" -eq "$local_n"
done
check "the stage totals as in the file" test "$(pg_psql -tA -c "SELECT sum(count) || ':' || sum(sum) FROM stage_total")" = \
  "$(sql "SELECT sum(count) || ':' || sum(sum) FROM stage_total")"

before=$(pg_psql -tA -c "SELECT count(*) FROM deal")
run "a second import" 1 --server "$PG_ADMIN_URL" server import-local "$DB"
check "is refused in Italian" grep -q "Il server contiene già dei dati" "$TMP/err"
check "and adds nothing" test "$(pg_psql -tA -c "SELECT count(*) FROM deal")" -eq "$before"
run "no path" 2 --server "$PG_ADMIN_URL" server import-local

# A seller who sees only their own deals, given the imported deals of one team member.
member=$(pg_psql -tA -c "SELECT assigned_by_id FROM deal WHERE assigned_by_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
theirs=$(pg_psql -tA -c "SELECT count(*) FROM deal WHERE assigned_by_id = $member AND deleted_at IS NULL AND is_recurring = 0 AND pipeline_id IN (SELECT id FROM pipeline WHERE kind = 'deal')")
run "add-user giulia --scope own" 0 --server "$PG_ADMIN_URL" server add-user giulia --password segreta --scope own
pg_psql -c "UPDATE team_member SET login = NULL WHERE login = 'giulia';
            UPDATE team_member SET login = 'giulia', scope = 'own', role_id = (SELECT id FROM role WHERE name = 'Propri') WHERE id = $member"
run "deals --json as giulia" 0 --server "$(pg_url giulia segreta)" deals --json
check "giulia sees her $theirs imported deals, not the others'" test "$(json_get "$TMP/out" 'len(j)')" -eq "$theirs"

finish
