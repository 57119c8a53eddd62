#!/bin/bash
# test-rights-page.sh TEST — Preferenze ▸ Permessi on a throw-away server (#21): the owner (an
# administrator) sets, through the page's combo row, a seller's role's "Leggere" in one pipeline
# to "Tutti"; the server has it and the seller's `deals --json` grows by that pipeline's other
# deals; a role made on the page, given to her, a department she heads, then opened from its row (she joins it, it loses its head), and a new login made there. Then the seller's own page: read-only, and a change tried anyway is refused.
#
#   TEST   the built tests/pg/test-rights-page (test-rights-page.c drives the widgets)
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -u
page=${1:?the path of test-rights-page}
here=$(dirname "$0")
. "$here/../unit/cli-test-lib.sh" test-rights-page
. "$here/pg-cluster.sh"

if [ -z "${DISPLAY:-}" ]; then
  echo "1..0 # SKIP no display (run under xvfb-run)"
  exit 77
fi

pg_cluster_start
trap 'pg_cluster_stop; rm -rf "$TMP"' EXIT
export XDG_CACHE_HOME=$TMP/cache

ADMIN=$PG_ADMIN_URL
"$CLI" --database "$TMP/local.db" demo --deals 200 --seed 11 >/dev/null || exit 1
"$CLI" --server "$ADMIN" server init >/dev/null || exit 1
"$CLI" --server "$ADMIN" server import-local "$TMP/local.db" >/dev/null || exit 1
"$CLI" --server "$ADMIN" server add-user sara --full-name "Sara Galli" --password s1 --scope own >/dev/null || exit 1
pg_psql -c "UPDATE deal SET assigned_by_id = (SELECT id FROM team_member WHERE login = 'sara') WHERE id % 5 = 0" >/dev/null
SARA=$(pg_url sara s1)

role=$(pg_psql -At -c "SELECT r.name FROM team_member m JOIN role r ON r.id = m.role_id WHERE m.login = 'sara'")
# A pipeline other than the default, with deals Sara does not own.
pipeline=$(pg_psql -At -c "SELECT p.name FROM pipeline p WHERE p.is_default = 0 AND EXISTS (SELECT 1 FROM deal d WHERE d.pipeline_id = p.id AND d.id % 5 <> 0 AND d.deleted_at IS NULL AND d.is_recurring = 0) ORDER BY p.sort, p.id LIMIT 1")
others=$(pg_psql -At -c "SELECT count(*) FROM deal d JOIN pipeline p ON p.id = d.pipeline_id WHERE p.name = '$pipeline' AND d.id % 5 <> 0 AND d.deleted_at IS NULL AND d.is_recurring = 0")
check "the seller has a role ($role) and a pipeline with others' deals ($pipeline: $others)" \
  test -n "$role" -a -n "$pipeline" -a "${others:-0}" -gt 0

# rights ROLE PIPELINE — "read-scope inherited?" as `server rights --json` says it.
rights () {
  "$CLI" --server "$ADMIN" server rights --json >"$TMP/rights" 2>"$TMP/err" &&
    json_get "$TMP/rights" "[r['read'] + (' inherited' if 'read' in r['inherited'] else '') for r in j if r['role'] == '$1' and r['pipeline'] == '$2'][0]"
}
count () {
  "$CLI" --server "$SARA" deals --json >"$TMP/out" 2>"$TMP/err" && json_get "$TMP/out" 'len(j)'
}

before=$(count)
same () {
  if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "expected: $2" "got: $3"; fi
}
same "at first the pipeline follows the role's default" "own inherited" "$(rights "$role" "$pipeline")"

export RIGHTS_ROLE=$role RIGHTS_PIPELINE=$pipeline
RIGHTS_MODE=admin RIGHTS_URL=$ADMIN "$page" >"$TMP/page.log" 2>&1
result "the administrator sets Leggere to Tutti on the page" $? "$(cat "$TMP/page.log")"
same "the server has the pipeline's own rule" "all" "$(rights "$role" "$pipeline")"
after=$(count)
same "the seller now reads the pipeline's other deals" "$((before + others))" "$after"
same "the new role has the rights it was made like" "all" "$(rights Venditori "$pipeline")"
same "the seller has the new role" "Venditori" \
  "$(pg_psql -At -c "SELECT r.name FROM team_member m JOIN role r ON r.id = m.role_id WHERE m.login = 'sara'")"
same "the new department, opened from its row: no head now, the seller in it (and the login made on the page)" "Vendite||marco,sara" \
  "$(pg_psql -At -c "SELECT d.name, coalesce (h.login, ''), (SELECT string_agg (m.login, ',' ORDER BY m.login) FROM team_member m
                     WHERE m.department_id = d.id) FROM department d LEFT JOIN team_member h ON h.id = d.head_id")"
same "with the new role the seller reads the same deals" "$after" "$(count)"
same "the login made on the page connects (a PostgreSQL login), in Vendite" "Vendite" \
  "$(psql "$(pg_url marco m1-segreta)" -X -q -At -v ON_ERROR_STOP=1 \
       -c "SELECT d.name FROM team_member m JOIN department d ON d.id = m.department_id WHERE m.login = 'marco'")"

RIGHTS_MODE=seller RIGHTS_URL=$SARA "$page" >"$TMP/page.log" 2>&1
result "the seller's page is read-only and a change tried anyway is refused" $? "$(cat "$TMP/page.log")"
same "the server kept the rule" "all" "$(rights "$role" "$pipeline")"
same "the seller reads the same deals" "$after" "$(count)"

finish
