#!/bin/bash
# test-bench-server.sh — `affari-bench --server` runs and its history check holds, on a small
# team: three sellers ("Propri", each with the app's own store on the server) moving their cards
# for a few seconds on 300 imported sample deals, and the other window ("Tutti") polling. What it
# checks is what the benchmark reports about correctness — every seller's store opened, no move
# refused, every move in the history, none lost or overwritten, every move seen by the other
# window —, never a time (the benchmark's figures are for the note, not for a test).
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
check "every seller's store opened" test "$(json_get "$TMP/out" 'j["sellers_failed"]')" -eq 0
check "each seller owns a share of the deals" test "$(json_get "$TMP/out" 'j["deals_per_seller"]')" -gt 0
check "it reports moves" test "$(json_get "$TMP/out" 'j["moves"]')" -gt 0
check "no move refused" test "$(json_get "$TMP/out" 'j["moves_refused"]')" -eq 0
check "every move is in the history" test "$(json_get "$TMP/out" 'j["moves_in_history"]')" -eq "$(json_get "$TMP/out" 'j["moves"]')"
check "none lost or overwritten" test "$(json_get "$TMP/out" 'j["lost_or_overwritten"]')" -eq 0
check "every move seen by the other window" test "$(json_get "$TMP/out" 'j["moves_not_seen"]')" -eq 0
check "the sellers' board was read" test "$(json_get "$TMP/out" 'j["board_open_p50_ms"] > 0')" = True
check "the other window's board was read" test "$(json_get "$TMP/out" 'j["all_board_open_p50_ms"] > 0')" = True
check "the boards were read on the plain SQLite files" \
  test "$(json_get "$TMP/out" 'j["board_open_sqlite_ms"] > 0 and j["all_board_open_sqlite_ms"] > 0')" = True

finish
