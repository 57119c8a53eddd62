#!/bin/bash
# test-rights.sh — the team server's access rights (#21, migration 13), as Bitrix24's: per role
# and per pipeline, read / add / edit / delete with none / own / department / all, departments
# and their heads. Checked with affari-cli (deals --json, move) and with raw SQL in psql as each
# login: the database refuses, whatever the program.
#
#   test-rights.sh PG_MIGRATION      (the built tests/pg/pg-migration: a schema's version as SQL)
#
# The team, on two pipelines (1 Generale, 2 Progetti):
#   anna   role "Lettori": reads every deal, adds, edits and deletes only her own
#   bruno  role "Solo Generale": reads every deal of Generale, edits his own there; nothing in
#          Progetti (no rule there, none by default)
#   carla  role Reparto, in Direzione, head of Vendite: hers, Direzione's, every Vendite member's
#   elena  role Reparto, in Vendite: hers and Vendite's (not carla's: carla is not in Vendite)
#   dario  role Propri, in Vendite: his own
#   capo   an administrator (--admin): everything, and manages the rights
#   olga   made on a version 12 server with --scope own, before the upgrade to 13
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

MIGRATION=${1:?the path of pg-migration}
here=$(dirname "$0")
. "$here/../unit/cli-test-lib.sh" test-rights
. "$here/pg-cluster.sh"

pg_cluster_start
trap 'pg_cluster_stop; rm -rf "$TMP"' EXIT

ADMIN=$PG_ADMIN_URL
# q URL SQL — the rows psql reads on that connection ("|" between columns).
q () {
  psql "$1" -X -q -At -v ON_ERROR_STOP=1 -c "$2"
}
# affected URL STATEMENT — how many rows an UPDATE or DELETE changed (the policies hide the others).
affected () {
  q "$1" "WITH x AS ($2 RETURNING 1) SELECT count(*) FROM x"
}
# refused URL SQL — the server refuses it with SQLSTATE 42501 (insufficient privilege).
refused () {
  psql "$1" -X -q -At -v ON_ERROR_STOP=1 -v VERBOSITY=verbose -c "$2" >"$TMP/psql-out" 2>"$TMP/psql-err"
  [ $? -ne 0 ] && grep -q 42501 "$TMP/psql-err"
}
# same NAME EXPECTED ACTUAL
same () {
  if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "expected: $2" "got: $3"; fi
}
ids () { json_get "$TMP/out" '",".join(str(d["id"]) for d in j)'; }
# sees LOGIN — the ids of the deals `deals --json` lists for LOGIN.
sees () {
  "$CLI" --server "$(pg_url "$1" "pw-$1")" deals --json >"$TMP/out" 2>"$TMP/err" && ids
}

# ---- a server of version 12 with a login, brought to 15 by server init ----
"$MIGRATION" 12 >"$TMP/v12.sql"
pg_psql -f "$TMP/v12.sql" >/dev/null 2>"$TMP/v12.err"
check "a server at version 12" test "$(pg_psql -At -c "SELECT value FROM affari_meta WHERE key = 'schema_version'")" = 12
pg_psql -At -c "SELECT affari_add_user ('Olga', 'olga', 'pw-olga', 'own', NULL)" >/dev/null
run "server init upgrades it" 0 --server "$ADMIN" server init
check "to version 15, said in Italian" grep -q "Schema del server alla versione 15" "$TMP/out"
run "server init again" 0 --server "$ADMIN" server init
check "nothing to do" grep -q "già alla versione 15" "$TMP/out"
same "the old scopes became roles, the same scope for the four actions" \
  "Nessuno:none,none,none,none|Propri:own,own,own,own|Reparto:department,department,department,department|Tutti:all,all,all,all" \
  "$(pg_psql -At -c "SELECT string_agg (name || ':' || s, '|' ORDER BY name) FROM (SELECT r.name, string_agg (x.scope, ',' ORDER BY array_position (ARRAY['read', 'add', 'edit', 'delete'], x.action)) s FROM role r JOIN role_right x ON x.role_id = r.id AND x.pipeline_id IS NULL GROUP BY r.name) t")"
same "olga (scope own at version 12) has the role Propri" Propri \
  "$(pg_psql -At -c "SELECT r.name FROM team_member m JOIN role r ON r.id = m.role_id WHERE m.login = 'olga'")"

# ---- the roles and the team ----
run "add-role Lettori like Propri" 0 --server "$ADMIN" server add-role Lettori --like Propri
check "prints its id" test "$(cat "$TMP/out")" -gt 0
run "the same role twice" 1 --server "$ADMIN" server add-role Lettori
check "refused in Italian" grep -q "esiste già un ruolo chiamato “Lettori”" "$TMP/err"
run "add-role like a role that is not there" 1 --server "$ADMIN" server add-role X --like Nessuna
check "says which" grep -q "Il server non ha un ruolo “Nessuna”" "$TMP/err"
run "Lettori read all" 0 --server "$ADMIN" server set-right Lettori read all
check "says it in Italian" grep -q "Lettori, tutte le pipeline: Lettura → Tutti" "$TMP/out"
run "add-role Solo Generale (no rights)" 0 --server "$ADMIN" server add-role "Solo Generale"

pg_psql >/dev/null <<SQL
INSERT INTO pipeline (id, name, is_default, sort) VALUES (1, 'Generale', 1, 10), (2, 'Progetti', 0, 20);
INSERT INTO stage (id, pipeline_id, code, name, sort, semantics) VALUES
  (1, 1, 'NEW', 'Nuovo', 10, 'P'), (2, 1, 'WON', 'Vinto', 20, 'S'),
  (3, 2, 'NEW', 'Nuovo', 10, 'P'), (4, 2, 'WON', 'Vinto', 20, 'S');
SQL
run "Solo Generale reads all of Generale" 0 --server "$ADMIN" server set-right "Solo Generale" read all --pipeline Generale
run "and edits his own there" 0 --server "$ADMIN" server set-right "Solo Generale" edit own --pipeline Generale
run "a pipeline that is not there" 1 --server "$ADMIN" server set-right "Solo Generale" read all --pipeline Nessuna
check "says which" grep -q "Il server non ha una pipeline “Nessuna”" "$TMP/err"
run "an action that is none" 2 --server "$ADMIN" server set-right Lettori leggere all
run "a scope that is none" 2 --server "$ADMIN" server set-right Lettori read tanti

run "add anna (Lettori)" 0 --server "$ADMIN" server add-user anna --password pw-anna --role Lettori
anna=$(cat "$TMP/out")
run "add bruno (Solo Generale)" 0 --server "$ADMIN" server add-user bruno --password pw-bruno --role "Solo Generale"
bruno=$(cat "$TMP/out")
run "add carla (Reparto, Direzione)" 0 --server "$ADMIN" server add-user carla --password pw-carla --role Reparto --department Direzione
carla=$(cat "$TMP/out")
run "add elena (Reparto, Vendite)" 0 --server "$ADMIN" server add-user elena --password pw-elena --role Reparto --department Vendite
elena=$(cat "$TMP/out")
run "add dario (--scope own keeps working, Vendite)" 0 --server "$ADMIN" server add-user dario --password pw-dario --scope own --department Vendite
dario=$(cat "$TMP/out")
same "dario's scope picked the role Propri" Propri \
  "$(pg_psql -At -c "SELECT r.name FROM team_member m JOIN role r ON r.id = m.role_id WHERE m.login = 'dario'")"
run "add capo (--admin)" 0 --server "$ADMIN" server add-user capo --password pw-capo --admin
check "capo is in affari_admin" test "$(pg_psql -At -c "SELECT pg_has_role ('capo', 'affari_admin', 'MEMBER')")" = t
run "a role that is not there" 1 --server "$ADMIN" server add-user gino --password p --role Nessuna
check "says which" grep -q "Il server non ha un ruolo “Nessuna”" "$TMP/err"
run "both --role and --scope" 2 --server "$ADMIN" server add-user gino --password p --role Propri --scope own
run "carla heads Vendite" 0 --server "$ADMIN" server add-department Vendite --head carla
vendite=$(cat "$TMP/out")
same "the same department, now with its head" "$vendite|$carla" \
  "$(pg_psql -At -c "SELECT id, head_id FROM department WHERE name = 'Vendite'")"
run "a head that is not there" 1 --server "$ADMIN" server add-department Vendite --head nessuno
check "says which" grep -q "Il server non ha un accesso “nessuno”" "$TMP/err"

# ---- the deals: id pipeline responsible ----
pg_psql >/dev/null <<SQL
INSERT INTO deal (id, title, pipeline_id, stage_id, assigned_by_id, date_create, date_modify) VALUES
  (1, 'Anna G', 1, 1, $anna, 1, 1), (2, 'Bruno G', 1, 1, $bruno, 1, 1), (3, 'Dario G', 1, 1, $dario, 1, 1),
  (4, 'Carla G', 1, 1, $carla, 1, 1), (5, 'Anna P', 2, 3, $anna, 1, 1), (6, 'Dario P', 2, 3, $dario, 1, 1),
  (7, 'Elena P', 2, 3, $elena, 1, 1), (8, 'Nessuno G', 1, 1, NULL, 1, 1), (9, 'Bruno P', 2, 3, $bruno, 1, 1);
SELECT setval (pg_get_serial_sequence ('deal', 'id'), 100);
INSERT INTO activity (deal_id, kind, subject, deadline, created) SELECT id, 'call', 'Chiamata ' || id, 1, 1 FROM deal;
INSERT INTO event (deal_id, time, kind, text) SELECT id, 1, 'created', 'Creato' FROM deal;
SQL

# ---- reading: the CLI and psql agree ----
same "anna reads every deal" "1,2,3,4,5,6,7,8,9" "$(sees anna)"
same "bruno reads Generale's only" "1,2,3,4,8" "$(sees bruno)"
same "carla (head of Vendite) reads hers and every Vendite member's" "3,4,6,7" "$(sees carla)"
same "elena (in Vendite) reads hers and Vendite's, not their head's" "3,6,7" "$(sees elena)"
same "dario reads his own" "3,6" "$(sees dario)"
same "capo (administrator) reads every deal" "1,2,3,4,5,6,7,8,9" "$(sees capo)"
same "olga (Propri, no deal) reads none" "" "$(sees olga)"
for who in anna:9 bruno:5 carla:4 elena:3 dario:2 capo:9 olga:0; do
  login=${who%%:*}
  same "psql: $login counts ${who#*:} deals" "${who#*:}" "$(q "$(pg_url "$login" "pw-$login")" "SELECT count(*) FROM deal")"
done
ANNA=$(pg_url anna pw-anna)
BRUNO=$(pg_url bruno pw-bruno)
CARLA=$(pg_url carla pw-carla)
ELENA=$(pg_url elena pw-elena)
DARIO=$(pg_url dario pw-dario)
same "psql: bruno's scope is all in Generale, none in Progetti" "all|none" "$(q "$BRUNO" "SELECT affari_scope ('read', 1) || '|' || affari_scope ('read', 2)")"
same "psql: affari_may for anna: read bruno's, not edit it; edit hers" "t|f|t" \
  "$(q "$ANNA" "SELECT affari_may ('read', 1, $bruno), affari_may ('edit', 1, $bruno), affari_may ('edit', 1, $anna)")"

# ---- editing: anna reads all but edits only her own ----
same "psql: anna's UPDATE of bruno's deal changes nothing" 0 "$(affected "$ANNA" "UPDATE deal SET title = 'preso' WHERE id = 2")"
same "bruno's deal keeps its title" "Bruno G" "$(pg_psql -At -c "SELECT title FROM deal WHERE id = 2")"
same "psql: anna's UPDATE of her own deal changes it" 1 "$(affected "$ANNA" "UPDATE deal SET title = 'Anna G2' WHERE id = 1")"
check "psql: anna may not hand her deal to bruno (the new row is checked)" \
  refused "$ANNA" "UPDATE deal SET assigned_by_id = $bruno WHERE id = 1"
same "her deal is still hers" "$anna" "$(pg_psql -At -c "SELECT assigned_by_id FROM deal WHERE id = 1")"
check "psql: anna may not take bruno's deal either" \
  test "$(affected "$ANNA" "UPDATE deal SET assigned_by_id = $anna WHERE id = 2")" = 0 -a \
       "$(pg_psql -At -c "SELECT assigned_by_id FROM deal WHERE id = 2")" = "$bruno"
run "anna moves bruno's deal with the CLI" 1 --server "$ANNA" move 2 WON
check "refused in Italian: she may read it, not change it" grep -q "Il tuo accesso può leggere l'affare 2 ma non modificarlo" "$TMP/err"
same "bruno's deal did not move" 1 "$(pg_psql -At -c "SELECT stage_id FROM deal WHERE id = 2")"
run "anna moves her own deal" 0 --server "$ANNA" move 1 WON
same "it moved" 2 "$(pg_psql -At -c "SELECT stage_id FROM deal WHERE id = 1")"
run "dario moves a deal he may not read" 1 --server "$DARIO" move 1 NEW
check "not found, as before" grep -q "L'affare 1 non esiste, oppure il tuo accesso non può vederlo" "$TMP/err"

# ---- adding ----
check "psql: anna adds a deal of her own" \
  test "$(q "$ANNA" "INSERT INTO deal (title, pipeline_id, stage_id, assigned_by_id, date_create, date_modify) VALUES ('Nuovo', 1, 1, $anna, 1, 1) RETURNING id")" -gt 100
check "psql: anna may not add one for bruno" \
  refused "$ANNA" "INSERT INTO deal (title, pipeline_id, stage_id, assigned_by_id, date_create, date_modify) VALUES ('x', 1, 1, $bruno, 1, 1)"
check "psql: bruno may not add even his own (no add right)" \
  refused "$BRUNO" "INSERT INTO deal (title, pipeline_id, stage_id, assigned_by_id, date_create, date_modify) VALUES ('x', 1, 1, $bruno, 1, 1)"

# ---- pipelines: bruno edits his own in Generale, nothing in Progetti ----
same "psql: bruno edits his deal in Generale" 1 "$(affected "$BRUNO" "UPDATE deal SET title = 'Bruno G2' WHERE id = 2")"
same "psql: bruno's deal in Progetti is not his to edit" 0 "$(affected "$BRUNO" "UPDATE deal SET title = 'x' WHERE id = 9")"
check "psql: bruno may not move his deal into Progetti" \
  refused "$BRUNO" "UPDATE deal SET pipeline_id = 2, stage_id = 3 WHERE id = 2"
same "it stays in Generale" 1 "$(pg_psql -At -c "SELECT pipeline_id FROM deal WHERE id = 2")"
# Editing everywhere is not enough to bring a deal into a pipeline: adding there is needed.
run "Lettori may edit all in Progetti" 0 --server "$ADMIN" server set-right Lettori edit all --pipeline Progetti
same "psql: anna moves her deal into Progetti (by default she may add her own anywhere)" 1 \
  "$(affected "$ANNA" "UPDATE deal SET pipeline_id = 2, stage_id = 3 WHERE id = 1")"
same "psql: and back into Generale" 1 "$(affected "$ANNA" "UPDATE deal SET pipeline_id = 1, stage_id = 1 WHERE id = 1")"
run "Lettori may add nothing in Progetti" 0 --server "$ADMIN" server set-right Lettori add none --pipeline Progetti
check "psql: now anna may not move her deal into Progetti" \
  refused "$ANNA" "UPDATE deal SET pipeline_id = 2, stage_id = 3 WHERE id = 1"
same "it is in Generale" 1 "$(pg_psql -At -c "SELECT pipeline_id FROM deal WHERE id = 1")"

# ---- deleting ----
same "psql: anna's DELETE of bruno's deal deletes nothing" 0 "$(affected "$ANNA" "DELETE FROM deal WHERE id = 2")"
same "psql: anna deletes the deal she added" 1 "$(affected "$ANNA" "DELETE FROM deal WHERE title = 'Nuovo'")"
check "psql: bruno may not put his deal in the trash (no delete right)" \
  refused "$BRUNO" "UPDATE deal SET deleted_at = 1 WHERE id = 2"
same "psql: nor delete it" 0 "$(affected "$BRUNO" "DELETE FROM deal WHERE id = 2")"
same "psql: anna puts her own in the trash" 1 "$(affected "$ANNA" "UPDATE deal SET deleted_at = 1 WHERE id = 5")"
same "psql: and takes it out" 1 "$(affected "$ANNA" "UPDATE deal SET deleted_at = NULL WHERE id = 5")"

# ---- departments ----
same "psql: carla edits dario's deal (a member of the department she heads)" 1 \
  "$(affected "$CARLA" "UPDATE deal SET title = 'Dario G2' WHERE id = 3")"
same "psql: elena cannot touch carla's deal" 0 "$(affected "$ELENA" "UPDATE deal SET title = 'x' WHERE id = 4")"
same "psql: elena hands her deal to dario (same department)" 1 \
  "$(affected "$ELENA" "UPDATE deal SET assigned_by_id = $dario WHERE id = 7")"
check "psql: dario may not hand it back (own: the new row is not his)" \
  refused "$DARIO" "UPDATE deal SET assigned_by_id = $elena WHERE id = 7"

# ---- what belongs to a deal follows it ----
same "psql: anna reads the activities of the deals she reads" 9 "$(q "$ANNA" "SELECT count(*) FROM activity")"
same "psql: bruno reads none of Progetti's" 0 "$(q "$BRUNO" "SELECT count(*) FROM activity WHERE deal_id IN (5, 6, 7, 9)")"
same "psql: bruno reads no history of Progetti" 0 "$(q "$BRUNO" "SELECT count(*) FROM event WHERE deal_id IN (5, 6, 7, 9)")"
check "psql: anna may not add an activity to bruno's deal" \
  refused "$ANNA" "INSERT INTO activity (deal_id, kind, subject, deadline, created) VALUES (2, 'call', 'x', 1, 1)"
check "psql: nor a history event" \
  refused "$ANNA" "INSERT INTO event (deal_id, time, kind, text) VALUES (2, 1, 'note', 'x')"
check "psql: nor a product row" \
  refused "$ANNA" "INSERT INTO deal_product (deal_id, name) VALUES (2, 'x')"
same "psql: anna deletes none of bruno's history" 0 "$(affected "$ANNA" "DELETE FROM event WHERE deal_id = 2")"
check "psql: anna adds one to her own" \
  q "$ANNA" "INSERT INTO activity (deal_id, kind, subject, deadline, created) VALUES (1, 'call', 'Sua', 1, 1)"
same "psql: anna completes nothing of bruno's" 0 "$(affected "$ANNA" "UPDATE activity SET completed = 1 WHERE deal_id = 2")"
same "psql: anna deletes nothing of bruno's" 0 "$(affected "$ANNA" "DELETE FROM activity WHERE deal_id = 2")"
same "bruno's activity is there, open" 0 "$(pg_psql -At -c "SELECT completed FROM activity WHERE deal_id = 2")"
check "psql: the stage totals are refused to anna" \
  bash -c "! psql '$ANNA' -X -q -At -v ON_ERROR_STOP=1 -c 'SELECT * FROM stage_total' >/dev/null 2>&1"
# The log's rows of changes made only in Progetti (added there, edited there).
progetti="coalesce (pipeline_before, pipeline_after) = 2 AND coalesce (pipeline_after, pipeline_before) = 2"
check "there are such rows in the change log" test "$(pg_psql -At -c "SELECT count(*) FROM change_log WHERE $progetti")" -gt 0
same "psql: bruno reads none of them" 0 "$(q "$BRUNO" "SELECT count(*) FROM change_log WHERE $progetti")"
same "psql: anna reads them all" "$(pg_psql -At -c "SELECT count(*) FROM change_log WHERE $progetti")" \
  "$(q "$ANNA" "SELECT count(*) FROM change_log WHERE $progetti")"

# A temporary table of the seller's own, named as ours, stands in front of nothing.
same "psql: dario's temporary team_member does not make him anna" 3 \
  "$(psql "$DARIO" -X -q -At -v ON_ERROR_STOP=1 \
       -c "CREATE TEMP TABLE team_member (id bigint, login text, role_id bigint, department_id bigint)" \
       -c "INSERT INTO team_member SELECT $anna, 'dario', (SELECT id FROM role WHERE name = 'Tutti'), NULL" \
       -c "SELECT count(*) FROM deal")"
same "every function of ours looks in public first" 0 \
  "$(pg_psql -At -c "SELECT count(*) FROM pg_proc WHERE pronamespace = 'public'::regnamespace AND proname LIKE 'affari\_%' AND proconfig IS NULL")"

# ---- rights change on the next statement ----
run "Solo Generale reads all of Progetti too" 0 --server "$ADMIN" server set-right "Solo Generale" read all --pipeline Progetti
same "bruno now reads Progetti's" "1,2,3,4,5,6,7,8,9" "$(sees bruno)"
run "and then nothing in Progetti, for every action" 0 --server "$ADMIN" server set-right "Solo Generale" all none --pipeline Progetti
same "psql: bruno counts Generale's again" 5 "$(q "$BRUNO" "SELECT count(*) FROM deal")"
run "a seller may not change rights" 1 --server "$ANNA" server set-right Lettori edit all
check "refused in Italian" grep -q "non ha il permesso" "$TMP/err"
run "the administrator capo may" 0 --server "$(pg_url capo pw-capo)" server set-right Propri read department
run "and put them back" 0 --server "$(pg_url capo pw-capo)" server set-right Propri read own
run "capo gives olga the role Lettori" 0 --server "$(pg_url capo pw-capo)" server set-role olga Lettori
same "olga reads every live deal" 9 "$(q "$(pg_url olga pw-olga)" "SELECT count(*) FROM deal")"

# ---- the listings ----
run "rights --json" 0 --server "$ADMIN" server rights --json
same "Lettori's default" "all|own|own|own" \
  "$(json_get "$TMP/out" '"|".join(next(r[a] for r in j if r["role"] == "Lettori" and r["pipeline"] is None) for a in ("read", "add", "edit", "delete"))')"
same "Lettori in Progetti: its own edit and add, the rest inherited" "all|none|all|own|read,delete" \
  "$(json_get "$TMP/out" '"|".join([next(r for r in j if r["role"] == "Lettori" and r["pipeline"] == "Progetti")[a] for a in ("read", "add", "edit", "delete")] + [",".join(next(r for r in j if r["role"] == "Lettori" and r["pipeline"] == "Progetti")["inherited"])])')"
same "every role × (default + 2 pipelines)" 18 "$(json_get "$TMP/out" 'len(j)')"
run "rights as a table" 0 --server "$ADMIN" server rights
check "with the Italian headers" grep -q "Ruolo.*Pipeline.*Lettura.*Aggiunta.*Modifica.*Eliminazione" "$TMP/out"
check "and Bitrix24's words" grep -q "Lettori.*tutte le pipeline.*Tutti.*Propri.*Propri.*Propri" "$TMP/out"
run "departments --json" 0 --server "$ADMIN" server departments --json
same "Vendite: its head and two members" "carla|2" \
  "$(json_get "$TMP/out" '"|".join(str(x) for d in j if d["name"] == "Vendite" for x in (d["head"], d["members"]))')"
run "roles --json" 0 --server "$ADMIN" server roles --json
same "Lettori's logins: anna and olga" 2 "$(json_get "$TMP/out" 'next(r["logins"] for r in j if r["name"] == "Lettori")')"

# ---- a department's head and members change (server edit-department, the Permessi page's twin) ----
vendite_members() {
  pg_psql -At -c "SELECT string_agg (login, ',' ORDER BY login) FROM team_member
                  WHERE department_id = (SELECT id FROM department WHERE name = 'Vendite')"
}
run "Vendite without a head" 0 --server "$ADMIN" server edit-department Vendite --no-head
same "psql: carla no longer edits dario's deal" 0 "$(affected "$CARLA" "UPDATE deal SET title = 'Dario G3' WHERE id = 3")"
run "carla heads it again" 0 --server "$ADMIN" server edit-department Vendite --head carla
same "psql: she edits it again" 1 "$(affected "$CARLA" "UPDATE deal SET title = 'Dario G3' WHERE id = 3")"
run "dario leaves Vendite" 0 --server "$ADMIN" server edit-department Vendite --members elena
same "only elena is in it" "elena" "$(vendite_members)"
same "psql: carla no longer edits dario's deal" 0 "$(affected "$CARLA" "UPDATE deal SET title = 'Dario G4' WHERE id = 3")"
run "a login that is not there" 1 --server "$ADMIN" server edit-department Vendite --members elena,dario,nessuno
check "says which" grep -q "Il server non ha un accesso “nessuno”" "$TMP/err"
same "and changes nothing" "elena" "$(vendite_members)"
run "a department that is not there" 1 --server "$ADMIN" server edit-department Nessuno --members elena
check "says which" grep -q "Il server non ha un reparto “Nessuno”" "$TMP/err"
run "a seller may not" 1 --server "$ANNA" server edit-department Vendite --members anna
same "and changes nothing" "elena" "$(vendite_members)"
run "dario back in Vendite" 0 --server "$ADMIN" server edit-department Vendite --members elena,dario
same "both in it" "dario,elena" "$(vendite_members)"
same "psql: carla edits dario's deal again" 1 "$(affected "$CARLA" "UPDATE deal SET title = 'Dario G5' WHERE id = 3")"

finish
