#!/bin/bash
# test-replica.sh CLI TEST — the app's store on a server (test-replica.c): a throw-away cluster
# (pg-cluster.sh) with sample deals, a "Propri" seller (Sara Galli) with a fifth of them and a
# "Tutti" seller (Luca Neri), and the commands that stop and start the server.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -u
cli=$1
shift

. "$(dirname "$0")/pg-cluster.sh"
pg_cluster_start

local_db=$PG_DIR/local.db
"$cli" --database "$local_db" demo --deals 300 --seed 7 >/dev/null || exit 1
"$cli" --server "$PG_ADMIN_URL" server init >/dev/null || exit 1
"$cli" --server "$PG_ADMIN_URL" server import-local "$local_db" >/dev/null || exit 1
"$cli" --server "$PG_ADMIN_URL" server add-user sara --full-name "Sara Galli" --password s1 --scope own >/dev/null || exit 1
"$cli" --server "$PG_ADMIN_URL" server add-user luca --full-name "Luca Neri" --password l1 --scope all >/dev/null || exit 1
pg_psql -c "UPDATE deal SET assigned_by_id = (SELECT id FROM team_member WHERE login = 'sara') WHERE id % 5 = 0" >/dev/null

SARA_URL=$(pg_url sara s1)
LUCA_URL=$(pg_url luca l1)

# The command line on the server: the same commands, through the same store, with the login's
# rights (its own local copy in a cache folder of its own).
export XDG_CACHE_HOME=$PG_DIR/cache
saras=$(pg_psql -At -c "SELECT count (*) FROM deal d JOIN team_member t ON t.id = d.assigned_by_id WHERE t.login = 'sara'")
"$cli" --server "$SARA_URL" export --json "$PG_DIR/sara.json" >/dev/null || { echo "not ok - export --json as Sara"; exit 1; }
rows=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['deal']))" "$PG_DIR/sara.json")
if [ "$rows" -ne "$saras" ]; then
  echo "not ok - affari-cli --server (Sara, Propri) export --json wrote $rows deals, not her $saras"; exit 1
fi
echo "# affari-cli --server as Sara: export --json wrote her $rows deals"
if "$cli" --server "$SARA_URL" backup "$PG_DIR/copy.db" 2>/dev/null; then
  echo "not ok - backup on a server should be refused (pg_dump)"; exit 1
fi
if [ "$(id -u)" -eq 0 ]; then owner="runuser -u postgres --"; else owner=""; fi
PG_STOP="$owner $pg_bin/pg_ctl -D $PG_DIR/data -m fast -w stop"
PG_START="$owner $pg_bin/pg_ctl -D $PG_DIR/data -w -l $PG_DIR/server.log -o '-k $PG_SOCKET_DIR -c listen_addresses= -c fsync=off' start"
export SARA_URL LUCA_URL PG_STOP PG_START

"$@"
status=$?
[ "$status" -ne 0 ] && tail -n 20 "$PG_DIR/server.log"
exit "$status"
