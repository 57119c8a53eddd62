#!/bin/bash
# test-store-server.sh TEST [ARGS…] — one of the store's own suites (tests/unit/test-*.c, compiled
# again with affari_store_open on a server database, see affari-test-server.c) against a
# throw-away PostgreSQL cluster. In the normal build only: under the sanitizers the server's store
# is exercised by test-replica and test-rights, and these seven suites would add minutes to CI
# for code the sanitizers already ran through.
#
# SPDX-License-Identifier: GPL-3.0-or-later

if [ -n "${AFFARI_SANITIZED:-}" ]; then
  echo "1..0 # SKIP the store's suites on the server run in the normal build (AFFARI_SANITIZED is set)"
  exit 77
fi
exec "$(dirname "$0")/test-pg-import.sh" "$@"
