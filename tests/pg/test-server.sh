#!/bin/bash
# test-server.sh — the team's PostgreSQL server from affari-cli (#21, first slice): the schema
# made once, the sellers' logins, what each may read and move (row-level security, also with raw
# SQL in psql), a move as the SQLite store makes it (history, version, closed on a won stage), its
# notification on "affari_changes" within a second, and the clear Italian refusals: a wrong
# password, a server that is not there, a database that is not there.
#
#   test-server.sh PG_LISTEN      (PG_LISTEN: the built tests/pg/pg-listen)
#
# Needs AFFARI_CLI and PostgreSQL's programs (skipped otherwise); runs as root too (the cluster
# is then the postgres user's, see pg-cluster.sh).
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

LISTEN=${1:?the path of pg-listen}
here=$(dirname "$0")
. "$here/../unit/cli-test-lib.sh" test-server
. "$here/pg-cluster.sh"

pg_cluster_start
# Both: the cluster's folder and the test's.
trap 'pg_cluster_stop; rm -rf "$TMP"' EXIT

ADMIN=$PG_ADMIN_URL
# q URL SQL — one value (or rows, "|" between columns) read by psql on that connection.
q () {
  psql "$1" -X -q -At -v ON_ERROR_STOP=1 -c "$2"
}

# ---- the schema ----
run "server init on an empty database" 0 --server "$ADMIN" server init
check "says the version in Italian" grep -q "Schema del server alla versione 15" "$TMP/out"
run "server init again" 0 --server "$ADMIN" server init
check "says it is there already" grep -q "già alla versione 15" "$TMP/out"
check "the version is kept once" test "$(pg_psql -At -c "SELECT count(*) FROM affari_meta WHERE key = 'schema_version'")" = 1

# ---- the team ----
run "add sara (own, in Vendite)" 0 --server "$ADMIN" server add-user sara --password pw-sara --scope own --department Vendite
sara=$(cat "$TMP/out")
run "add luca (all)" 0 --server "$ADMIN" server add-user luca --password pw-luca --scope all --full-name "Luca Neri"
luca=$(cat "$TMP/out")
run "add marta (department Vendite)" 0 --server "$ADMIN" server add-user marta --password pw-marta --scope department --department Vendite
marta=$(cat "$TMP/out")
check "the ids are numbers" test -n "$sara" -a -n "$luca" -a -n "$marta" -a "$sara" -gt 0 -a "$luca" -gt 0 -a "$marta" -gt 0
check "one department made once" test "$(pg_psql -At -c "SELECT count(*) FROM department WHERE name = 'Vendite'")" = 1
check "sara is a login in the sellers' group" \
  test "$(pg_psql -At -c "SELECT pg_has_role ('sara', 'affari_seller', 'MEMBER')")" = t
run "the same login twice" 1 --server "$ADMIN" server add-user sara --password x --scope own
check "refused in Italian" grep -q "esiste già un accesso" "$TMP/err"
# A login's name goes to the server as a parameter, never as SQL text.
run "a login with a quote in it" 0 --server "$ADMIN" server add-user "o'hara\"; DROP TABLE deal; --" --password "p'w" --scope none
check "the deals are still there" test "$(pg_psql -At -c "SELECT to_regclass ('deal') IS NOT NULL")" = t
echo "pw-piero" | "$CLI" --server "$ADMIN" server add-user piero --password - --scope own >"$TMP/out" 2>"$TMP/err"
check "a password read from the standard input" test $? -eq 0 -a "$(q "$(pg_url piero pw-piero)" "SELECT count(*) FROM deal")" = 0
run "scope department without a department" 2 --server "$ADMIN" server add-user gino --password p --scope department
run "a seller may not add logins" 1 --server "$(pg_url sara pw-sara)" server add-user gino --password p --scope all
check "the permission is refused in Italian" grep -q "non ha il permesso" "$TMP/err"

# ---- the data: one pipeline, 10 deals: sara 1-3, marta 4-5, luca 6-8, nobody 9-10 ----
pg_psql >/dev/null <<SQL
INSERT INTO pipeline (id, name, is_default) VALUES (1, 'Generale', 1);
INSERT INTO stage (id, pipeline_id, code, name, sort, semantics) VALUES
  (1, 1, 'NEW', 'Nuovo', 10, 'P'), (2, 1, 'PREPARATION', 'Preparazione', 20, 'P'),
  (3, 1, 'WON', 'Vinto', 30, 'S'), (4, 1, 'LOSE', 'Perso', 40, 'F');
INSERT INTO deal (id, title, pipeline_id, stage_id, amount, assigned_by_id, date_create, date_modify, position) VALUES
  (1, 'Sara uno', 1, 1, 100000, $sara, 1, 1, 0), (2, 'Sara due', 1, 1, 200000, $sara, 1, 1, 1024),
  (3, 'Sara tre', 1, 2, 300000, $sara, 1, 1, 0),
  (4, 'Marta uno', 1, 1, 400000, $marta, 1, 1, 2048), (5, 'Marta due', 1, 2, 500000, $marta, 1, 1, 1024),
  (6, 'Luca uno', 1, 1, 600000, $luca, 1, 1, 3072), (7, 'Luca due', 1, 1, 700000, $luca, 1, 1, 4096),
  (8, 'Luca tre', 1, 2, 800000, $luca, 1, 1, 2048),
  (9, 'Nessuno uno', 1, 1, 900000, NULL, 1, 1, 5120), (10, 'Nessuno due', 1, 1, 1000000, NULL, 1, 1, 6144);
SELECT setval (pg_get_serial_sequence ('deal', 'id'), 10);
SQL

ids () { json_get "$TMP/out" '",".join(str(d["id"]) for d in j)'; }

run "deals --json as sara" 0 --server "$(pg_url sara pw-sara)" deals --json
check "only hers" test "$(ids)" = "1,2,3"
check "with her name as responsible" test "$(json_get "$TMP/out" 'j[0]["responsible"]')" = sara
run "deals --json as marta (department)" 0 --server "$(pg_url marta pw-marta)" deals --json
check "her department's: sara's and hers" test "$(ids)" = "1,2,3,4,5"
run "deals --json as luca (all)" 0 --server "$(pg_url luca pw-luca)" deals --json
check "all of them" test "$(ids)" = "1,2,3,4,5,6,7,8,9,10"
run "deals --json as the administrator" 0 --server "$ADMIN" deals --json
check "all of them too" test "$(ids)" = "1,2,3,4,5,6,7,8,9,10"
keys () { json_get "$1" 'list(j[0].keys())'; }
cp "$TMP/out" "$TMP/server.json"
"$CLI" --database "$TMP/local.db" demo --deals 3 --seed 1 >/dev/null
"$CLI" --database "$TMP/local.db" deals --json >"$TMP/local.json"
check "the same members, in the same order, as the SQLite listing" test "$(keys "$TMP/server.json")" = "$(keys "$TMP/local.json")"
run "deals as a table, as sara" 0 --server "$(pg_url sara pw-sara)" deals
check "the Italian header and three rows" test "$(head -1 "$TMP/out" | grep -c Titolo)-$(wc -l < "$TMP/out")" = "1-4"

# ---- raw SQL as sara: the database refuses, not the app ----
SARA=$(pg_url sara pw-sara)
check "psql: sara counts only her deals" test "$(q "$SARA" "SELECT count(*) FROM deal")" = 3
check "psql: sara's UPDATE of luca's deal changes nothing" \
  test "$(psql "$SARA" -X -q -c "UPDATE deal SET title = 'preso' WHERE id = 6 RETURNING id" -At | wc -l)" = 0
check "psql: luca's deal keeps its title" test "$(pg_psql -At -c "SELECT title FROM deal WHERE id = 6")" = "Luca uno"
check "psql: the stage totals are refused to sara" \
  bash -c "! psql '$SARA' -X -q -At -v ON_ERROR_STOP=1 -c 'SELECT * FROM stage_total' >/dev/null 2>&1"
check "psql: sara cannot give herself luca's deals" \
  bash -c "! psql '$SARA' -X -q -At -v ON_ERROR_STOP=1 -c \"INSERT INTO deal (title, pipeline_id, stage_id, assigned_by_id, date_create, date_modify) VALUES ('x', 1, 1, $luca, 1, 1)\" >/dev/null 2>&1"
check "psql: sara reads no history of luca's deals" \
  test "$(q "$SARA" "SELECT count(*) FROM event WHERE deal_id = 6")" = 0

# ---- moves ----
# Listened to by luca (scope all) before sara moves her deal.
rm -f "$TMP/ready"
"$LISTEN" "$(pg_url luca pw-luca)" "$TMP/ready" 5000 >"$TMP/notified" 2>"$TMP/listen-err" &
listener=$!
for _ in $(seq 100); do [ -e "$TMP/ready" ] && break; sleep 0.05; done
check "the listener is listening" test -e "$TMP/ready"

events=$(pg_psql -At -c "SELECT count(*) FROM event WHERE deal_id = 1")
before_ms=$(date +%s%3N)
run "sara moves her deal to WON with a reason" 0 --server "$SARA" move 1 WON --reason "Ottimo prezzo"
check "said as on SQLite, in Italian" grep -q "Affare spostato in Vinto" "$TMP/out"
wait "$listener"
check "the listener was notified" test $? -eq 0 -a -s "$TMP/notified"
read -r arrived payload <"$TMP/notified" || true
check "within a second of the move" test $((${arrived:-0} - before_ms)) -lt 1000
check "the notification is the number of a change log row" test -n "${payload:-}" -a "${payload:-x}" -eq "${payload:-x}"
check "which luca reads: the deal, the stages and sara" \
  test "$(q "$(pg_url luca pw-luca)" "SELECT deal_id, old_stage, new_stage, author_id FROM change_log WHERE seq = ${payload:-0}")" = "1|1|3|$sara"
check "the deal is in WON" test "$(pg_psql -At -c "SELECT stage_id FROM deal WHERE id = 1")" = 3
check "closed, today, won" test "$(pg_psql -At -c "SELECT closed, closed_at, semantics FROM deal WHERE id = 1")" = "1|$(date +%F)|S"
check "its version went up by one" test "$(pg_psql -At -c "SELECT version FROM deal WHERE id = 1")" = 2
check "moved and modified by sara" test "$(pg_psql -At -c "SELECT moved_by_id, modify_by_id FROM deal WHERE id = 1")" = "$sara|$sara"
check "three history events by sara" test "$(pg_psql -At -c "SELECT count(*) FROM event WHERE deal_id = 1 AND author_id = $sara")" = $((events + 3))
check "the stage event in Italian" test "$(pg_psql -At -c "SELECT text FROM event WHERE deal_id = 1 AND kind = 'stage'")" = "Fase: Nuovo → Vinto"
check "the won event with the reason" test "$(pg_psql -At -c "SELECT text FROM event WHERE deal_id = 1 AND kind = 'closed'")" = "Affare vinto: Ottimo prezzo"
check "a stage history row (closing)" test "$(pg_psql -At -c "SELECT type_id, stage_id FROM deal_stage_history WHERE deal_id = 1")" = "3|3"
check "on top of the WON column" test "$(pg_psql -At -c "SELECT position < (SELECT min(position) FROM deal WHERE stage_id = 3 AND id <> 1) OR NOT EXISTS (SELECT 1 FROM deal WHERE stage_id = 3 AND id <> 1) FROM deal WHERE id = 1")" = t

run "sara moves it again to WON --json" 0 --server "$SARA" move 1 WON --json
check "nothing moved" test "$(json_get "$TMP/out" 'j["moved"]')-$(json_get "$TMP/out" 'j["stage_code"]')" = "False-WON"
check "the version is unchanged" test "$(pg_psql -At -c "SELECT version FROM deal WHERE id = 1")" = 2

# A notification says nothing of a deal: sara hears that luca moved his deal, but the change
# log's row is not hers to read (row-level security), as the deal is not.
rm -f "$TMP/ready"
"$LISTEN" "$SARA" "$TMP/ready" 5000 >"$TMP/notified" 2>"$TMP/listen-err" &
listener=$!
for _ in $(seq 100); do [ -e "$TMP/ready" ] && break; sleep 0.05; done
run "luca moves his deal 6 to WON" 0 --server "$(pg_url luca pw-luca)" move 6 WON
wait "$listener"
read -r arrived payload <"$TMP/notified" || true
check "sara is notified of a change" test -n "${payload:-}"
check "but cannot read which: the log's row is not hers" test "$(q "$SARA" "SELECT count(*) FROM change_log WHERE seq = ${payload:-0}")" = 0
check "luca can" test "$(q "$(pg_url luca pw-luca)" "SELECT deal_id FROM change_log WHERE seq = ${payload:-0}")" = 6

run "sara moves deal 2 to PREPARATION, on top" 0 --server "$SARA" move 2 PREPARATION
check "above luca's deal she cannot see" \
  test "$(pg_psql -At -c "SELECT (SELECT position FROM deal WHERE id = 2) < (SELECT position FROM deal WHERE id = 8)")" = t

luca_row=$(pg_psql -At -c "SELECT stage_id, version, closed FROM deal WHERE id = 6")
luca_events=$(pg_psql -At -c "SELECT count(*) FROM event WHERE deal_id = 6")
run "sara moves luca's deal" 1 --server "$SARA" move 6 WON
check "refused in Italian as not found" grep -q "L'affare 6 non esiste, oppure il tuo accesso non può vederlo" "$TMP/err"
check "luca's deal did not change" test "$(pg_psql -At -c "SELECT stage_id, version, closed FROM deal WHERE id = 6")" = "$luca_row"
check "nor its history" test "$(pg_psql -At -c "SELECT count(*) FROM event WHERE deal_id = 6")" = "$luca_events"
run "luca moves his own deal" 0 --server "$(pg_url luca pw-luca)" move 6 LOSE
check "lost" test "$(pg_psql -At -c "SELECT semantics, closed FROM deal WHERE id = 6")" = "F|1"
run "a code that is no stage" 1 --server "$SARA" move 2 NOPE
check "in Italian, naming it" grep -q "nessuna fase con il codice «NOPE»" "$TMP/err"

# ---- the command line's refusals ----
run "a file's own command (backup) on a server" 2 --server "$ADMIN" backup "$TMP/copy.db"
check "says in Italian to use pg_dump" grep -q "si salva con pg_dump" "$TMP/err"
run "server without --server" 2 --database "$TMP/x.db" server init
run "both --database and --server" 2 --database "$TMP/x.db" --server "$ADMIN" deals

# ---- connecting ----
run "a wrong password" 1 --server "$(pg_url sara sbagliata)" deals
check "says the login was refused" grep -q "Il server ha rifiutato l'accesso “sara”: nome o password errati" "$TMP/err"
mkdir -p "$TMP/no-server"
run "a socket folder with no server" 1 --server "postgresql://sara:pw-sara@/affari?host=$TMP/no-server" deals
check "says the server cannot be reached" grep -q "Il server non è raggiungibile" "$TMP/err"
run "a database that is not there" 1 --server "$(pg_url sara pw-sara nessuno)" deals
check "says which database" grep -q "Il server non ha un database “nessuno”" "$TMP/err"
run "not an address" 1 --server "postgresql://[" deals
check "says it is no address" grep -q "non è l'indirizzo di un server" "$TMP/err"

finish
