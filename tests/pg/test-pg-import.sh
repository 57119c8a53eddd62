#!/bin/bash
# test-pg-import.sh TEST [ARGS…] — runs the C test of `server import-local` (test-pg-import.c)
# against a throw-away PostgreSQL cluster (pg-cluster.sh), as the cluster's superuser.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

. "$(dirname "$0")/pg-cluster.sh"
pg_cluster_start

"$@"
status=$?
[ "$status" -ne 0 ] && [ -f "$PG_DIR/server.log" ] && tail -n 20 "$PG_DIR/server.log"
exit "$status"
