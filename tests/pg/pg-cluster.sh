# pg-cluster.sh — a throw-away PostgreSQL cluster for a test; sourced, not run:
#
#   . "$(dirname "$0")/../pg/pg-cluster.sh"
#   pg_cluster_start            initdb in a temporary folder, the server on a Unix socket there
#                               only (no TCP), password authentication for the logins a test
#                               adds; sets PG_DIR, PG_SOCKET_DIR, PG_ADMIN (the superuser's name),
#                               PG_ADMIN_URL (postgresql://ADMIN@/affari?host=SOCKET_DIR, the
#                               database "affari" made empty) and pg_url LOGIN PASSWORD [DB];
#                               stops and removes the cluster at exit
#   pg_psql [psql args…]        psql as the superuser on the "affari" database
#
# The server refuses to run as root: as root the cluster belongs to the "postgres" user (Debian's
# postgresql package makes it) and runs under runuser. Without PostgreSQL's programs the test is
# skipped (exit 77); CI installs them (postgresql, postgresql-contrib).
#
# SPDX-License-Identifier: GPL-3.0-or-later

pg_bin=
for d in /usr/lib/postgresql/*/bin; do
  [ -x "$d/initdb" ] && pg_bin=$d
done

pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

pg_cluster_stop() {
  if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ]; then
    pg_as_owner "$pg_bin/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  [ -n "${PG_DIR:-}" ] && rm -rf "$PG_DIR"
}

pg_cluster_start() {
  if [ -z "$pg_bin" ] || ! command -v psql >/dev/null; then
    echo "1..0 # SKIP needs PostgreSQL (apt-get install postgresql postgresql-contrib)"
    exit 77
  fi
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    echo "1..0 # SKIP running as root needs the postgres user to own the cluster"
    exit 77
  fi

  PG_DIR=$(mktemp -d /tmp/affari-pg-XXXXXX)
  chmod 755 "$PG_DIR"
  [ "$(id -u)" -eq 0 ] && chown postgres "$PG_DIR"
  PG_SOCKET_DIR=$PG_DIR
  PG_ADMIN=$( [ "$(id -u)" -eq 0 ] && echo postgres || id -un )
  trap pg_cluster_stop EXIT

  # The superuser by the socket's peer (trust on the local socket for the owner only); every
  # other login by password (scram), as on a real server.
  cat >"$PG_DIR/hba" <<HBA
local all $PG_ADMIN trust
local all all scram-sha-256
HBA
  [ "$(id -u)" -eq 0 ] && chown postgres "$PG_DIR/hba"
  pg_as_owner "$pg_bin/initdb" -D "$PG_DIR/data" -U "$PG_ADMIN" -A trust --no-sync >"$PG_DIR/initdb.log" 2>&1 \
    || { echo "not ok - initdb failed"; cat "$PG_DIR/initdb.log"; exit 1; }
  pg_as_owner cp "$PG_DIR/hba" "$PG_DIR/data/pg_hba.conf"
  pg_as_owner "$pg_bin/pg_ctl" -D "$PG_DIR/data" -w -l "$PG_DIR/server.log" \
    -o "-k $PG_SOCKET_DIR -c listen_addresses= -c fsync=off" start >/dev/null \
    || { echo "not ok - the server did not start"; cat "$PG_DIR/server.log"; exit 1; }
  psql -h "$PG_SOCKET_DIR" -U "$PG_ADMIN" -d postgres -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE affari" >/dev/null
  PG_ADMIN_URL="postgresql://$PG_ADMIN@/affari?host=$PG_SOCKET_DIR"
  export PG_DIR PG_SOCKET_DIR PG_ADMIN PG_ADMIN_URL
}

# pg_url LOGIN PASSWORD [DB] — the URL of a seller's connection.
pg_url() {
  echo "postgresql://$1:$2@/${3:-affari}?host=$PG_SOCKET_DIR"
}

pg_psql() {
  psql -h "$PG_SOCKET_DIR" -U "$PG_ADMIN" -d affari -X -q -v ON_ERROR_STOP=1 "$@"
}
