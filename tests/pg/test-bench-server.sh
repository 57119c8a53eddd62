#!/bin/bash
# test-bench-server.sh — `affari-bench --server` runs and its history check holds, on a small
# team: three sellers moving cards for a few seconds on 300 imported sample deals. What it checks
# is what the benchmark reports about correctness — every move in the history, none lost or
# overwritten, every move announced to the other window —, never a time (the benchmark's figures
# are for the note, not for a test).
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

BENCH=${1:?the path of affari-bench}
. "$(dirname "$0")/../unit/cli-test-lib.sh" test-bench-server
. "$(dirname "$0")/pg-cluster.sh"
pg_cluster_start

if "$BENCH" --server "$PG_ADMIN_URL" --deals 300 --sellers 3 --seconds 8 >"$TMP/out" 2>"$TMP/err"; then
  ok "affari-bench --server ran"
else
  not_ok "affari-bench --server failed" "$(head -c 400 "$TMP/err")"
fi
check "it reports moves" test "$(json_get "$TMP/out" 'j["moves"]')" -gt 0
check "every move is in the history" test "$(json_get "$TMP/out" 'j["moves_in_history"]')" -eq "$(json_get "$TMP/out" 'j["moves"]')"
check "none lost or overwritten" test "$(json_get "$TMP/out" 'j["lost_or_overwritten"]')" -eq 0
check "every move announced to the other window" test "$(json_get "$TMP/out" 'j["moves_not_seen"]')" -eq 0
check "the board was read" test "$(json_get "$TMP/out" 'j["board_open_p50_ms"] > 0')" = True

finish
