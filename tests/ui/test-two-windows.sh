#!/bin/bash
# test-two-windows.sh [server] — two windows of Affari (two processes) on one database, side by
# side: a card dragged with the real mouse in the left one appears in the same column of the right
# one within a second, without reloading (#21's live refresh); then the right one's move shows in
# the left one. A screenshot of both is kept when AFFARI_SHOT names a file.
#
# With "server": the two windows are two sellers on a team server (a throw-away PostgreSQL cluster,
# tests/pg/pg-cluster.sh): Luca Bianchi ("Tutti") on the left, Sara Galli ("Propri", the deals of
# the first three columns are hers) on the right. Sara's window shows only her deals (the other
# columns are empty there and not in Luca's), and the server has each move.
#
# Runs in an X server of its own, 2400 pixels wide for two windows of 1200 (tests/ui/mouse-lib.sh),
# where AT-SPI gives the screen position of a card and the count of a column, per window.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

MOUSE_SCREEN=2400x800
. "$(dirname "$0")/mouse-lib.sh"
mouse_init "$@"

db="$tmp/affari.db"
LANG=it_IT.UTF-8 LC_ALL=it_IT.UTF-8 "$cli" --database "$db" demo --deals 30 --seed 7 >/dev/null
left=$db
right=$db
mode=${1:-file}

if [ "$mode" = server ]; then
  . "$top/tests/pg/pg-cluster.sh"
  pg_cluster_start
  # Both cleanups at the end (pg-cluster.sh set its own trap).
  trap 'mouse_cleanup; pg_cluster_stop' EXIT
  "$cli" --server "$PG_ADMIN_URL" server init >/dev/null
  "$cli" --server "$PG_ADMIN_URL" server import-local "$db" >/dev/null
  "$cli" --server "$PG_ADMIN_URL" server add-user luca --full-name "Luca Bianchi" --password l1 --scope all >/dev/null
  "$cli" --server "$PG_ADMIN_URL" server add-user sara --full-name "Sara Galli" --password s1 --scope own >/dev/null
  pg_psql -c "UPDATE deal SET assigned_by_id = CASE WHEN stage_id IN (SELECT id FROM stage WHERE name IN
               ('Nuovo', 'Preparazione documenti', 'Fattura di acconto'))
               THEN (SELECT id FROM team_member WHERE login = 'sara') ELSE (SELECT id FROM team_member WHERE login = 'luca') END" >/dev/null
  left=$(pg_url luca l1)
  right=$(pg_url sara s1)
fi

mouse_start_app "$left" XDG_CACHE_HOME="$tmp/cache-left"
left_pid=$app_pid
left_log=$app_log
mouse_track_pid "$left_pid"
mouse_start_app "$right" XDG_CACHE_HOME="$tmp/cache-right"
right_pid=$app_pid
right_log=$app_log
# No window manager: both sit at 0,0. The right one goes to the right half.
# (xdotool's --pid and --name match either, not both: the pid is compared here.)
for w in $(xdotool search --name "Affari"); do
  [ "$(xdotool getwindowpid "$w" 2>/dev/null)" = "$right_pid" ] && xdotool windowmove "$w" 1200 0
done
sleep 1

# atspi PID count COLUMN — how many cards the column named COLUMN shows in the window of PID;
# atspi PID first COLUMN TARGET — "X Y TX TY TITLE": the middle of the column's first card and a
# point inside the column TARGET.
atspi() {
  "$python" - "$@" <<'PY'
import sys, time
from mouselib import walk, extents, apps
pid, what, column = int(sys.argv[1]), sys.argv[2], sys.argv[3]
target = sys.argv[4] if len(sys.argv) > 4 else None
deadline = time.time() + 10
while time.time() < deadline:
    try:
        for app in apps():
            if app.get_process_id() != pid:
                continue
            panels = {a.name: a for a in walk(app) if a.getRoleName() == "panel" and a.name in (column, target)}
            if column not in panels or (target and target not in panels):
                break
            if what == "count":
                # The column's description says its count: "5 affari, € 80.532".
                print(int((panels[column].description or "0").split()[0]))
                sys.exit(0)
            # In the order on screen (a list view's rows are recycled: the tree's order is not it).
            cards = sorted((a for a in walk(panels[column]) if ", € " in (a.name or "")), key=lambda a: extents(a).y)
            if cards:
                c, t = extents(cards[0]), extents(panels[target])
                print(c.x + c.width // 2, c.y + 24, t.x + t.width // 2, t.y + 200, cards[0].name.split(", € ")[0])
                sys.exit(0)
    except Exception:
        pass   # a widget went while the tree was read: read it again
    time.sleep(0.3)
sys.exit("columns or cards not found")
PY
}

# seen_within PID COLUMN COUNT — waits up to 3 s for the column to count COUNT cards; prints the
# milliseconds it took.
seen_within() {
  local start=$(date +%s%N) n
  while :; do
    n=$(atspi "$1" count "$2")
    [ "$n" -eq "$3" ] && { echo $(( ($(date +%s%N) - start) / 1000000 )); return 0; }
    [ $(( $(date +%s%N) - start )) -gt 3000000000 ] && { echo "-1"; return 1; }
    sleep 0.05
  done
}

if [ "$mode" = server ]; then echo "1..6"; else echo "1..2"; fi

read -r fx fy tx ty title < <(atspi "$left_pid" first "Nuovo" "Preparazione documenti")
before=$(atspi "$right_pid" count "Preparazione documenti")
"$shared/tools/xdrag" "$fx" "$fy" "$tx" "$ty"
if ms=$(seen_within "$right_pid" "Preparazione documenti" $((before + 1))) && [ "$ms" -le 1000 ]; then
  echo "ok 1 - '$title' dragged in the left window shows in the right one after $ms ms"
else
  echo "not ok 1 - '$title' dragged in the left window: not in the right one's column within 1 s ($ms ms)"; exit 1
fi
[ -n "${AFFARI_SHOT:-}" ] && import -window root "$AFFARI_SHOT"

# And the other way: the right window's drag shows in the left one.
read -r fx fy tx ty title < <(atspi "$right_pid" first "Preparazione documenti" "Fattura di acconto")
before=$(atspi "$left_pid" count "Fattura di acconto")
"$shared/tools/xdrag" "$((fx + 1200))" "$fy" "$((tx + 1200))" "$ty"
if ms=$(seen_within "$left_pid" "Fattura di acconto" $((before + 1))) && [ "$ms" -le 1000 ]; then
  echo "ok 2 - '$title' dragged in the right window shows in the left one after $ms ms"
else
  echo "not ok 2 - '$title' dragged in the right window: not in the left one's column within 1 s ($ms ms)"; exit 1
fi

[ "$mode" = server ] || exit 0

# The server has both moves, made by their sellers.
moved=$(pg_psql -At -c "SELECT count (*) FROM event e JOIN team_member t ON t.id = e.author_id
                        WHERE e.kind = 'stage' AND t.login IN ('luca', 'sara')")
if [ "$moved" -eq 2 ]; then
  echo "ok 3 - the server has the two moves, by Luca and by Sara"
else
  echo "not ok 3 - the server has $moved moves by the two sellers, not 2"; exit 1
fi

# "Propri": Sara's window shows only her deals — "In corso" (Luca's deals) is empty there.
lucas=$(atspi "$left_pid" count "In corso")
saras=$(atspi "$right_pid" count "In corso")
if [ "$lucas" -gt 0 ] && [ "$saras" -eq 0 ]; then
  echo "ok 4 - 'In corso' shows Luca's $lucas deals in his window and none in Sara's"
else
  echo "not ok 4 - 'In corso': $lucas deals in Luca's window, $saras in Sara's (0 expected)"; exit 1
fi

# What each window printed, and whether it still runs (after a failure).
windows_said() {
  local side pid log
  for side in left right; do
    if [ $side = left ]; then pid=$left_pid log=$left_log; else pid=$right_pid log=$right_log; fi
    kill -0 "$pid" 2>/dev/null && echo "# the $side window runs" || echo "# the $side window has gone"
    sed "s/^/# $side: /" "$log" | tail -n 30
  done
}

# banner PID — "shown" while the window's offline banner is on screen, else "hidden".
banner() {
  "$python" - "$@" <<'PY'
import sys, pyatspi
from mouselib import walk, apps, extents
pid = int(sys.argv[1])

# GTK 4.8 reports no "showing" state: a collapsed revealer leaves its label under the header bar
# (above the bottom of the view switcher's "Kanban"), a revealed one puts it below.
def shown():
    for app in apps():
        if app.get_process_id() != pid:
            continue
        accs = list(walk(app))
        header = [extents(a) for a in accs if a.getRoleName() == "label" and a.name == "Kanban"]
        for a in accs:
            if a.getRoleName() == "label" and (a.name or "").startswith("Il server non è raggiungibile"):
                if header and extents(a).y >= max(h.y + h.height for h in header):
                    return True
    return False

# A widget that goes while the tree is read (the window redraws) is read again.
for attempt in range(5):
    try:
        print("shown" if shown() else "hidden"); sys.exit(0)
    except Exception:
        if attempt == 4:
            raise
PY
}

# wait_banner PID STATE SECONDS — the milliseconds until the banner is STATE, or -1.
wait_banner() {
  local start=$(date +%s%N)
  while [ "$(banner "$1")" != "$2" ]; do
    [ $(( $(date +%s%N) - start )) -gt $(( $3 * 1000000000 )) ] && { echo -1; return 1; }
    sleep 0.2
  done
  echo $(( ($(date +%s%N) - start) / 1000000 ))
}

# The server stops: both windows say so, keep the last data; it starts again: they reconnect.
last=$(atspi "$right_pid" count "Fattura di acconto")
pg_as_owner "$pg_bin/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null
if ms=$(wait_banner "$right_pid" shown 5) && wait_banner "$left_pid" shown 2 >/dev/null \
   && [ "$(atspi "$right_pid" count "Fattura di acconto")" -eq "$last" ]; then
  echo "ok 5 - the server stopped: both windows show the offline banner ($ms ms), Sara's still her $last cards in 'Fattura di acconto'"
else
 echo "not ok 5 - the server stopped: no offline banner within 5 s"
 windows_said; exit 1
fi
[ -n "${AFFARI_SHOT:-}" ] && import -window root "${AFFARI_SHOT%.png}-offline.png"
pg_as_owner "$pg_bin/pg_ctl" -D "$PG_DIR/data" -w -l "$PG_DIR/server.log" \
  -o "-k $PG_SOCKET_DIR -c listen_addresses= -c fsync=off" start >/dev/null
if ms=$(wait_banner "$right_pid" hidden 15) && wait_banner "$left_pid" hidden 5 >/dev/null; then
  echo "ok 6 - the server is back: both windows reconnected by themselves, the banner went ($ms ms)"
else
  echo "not ok 6 - the server is back: the banner is still there after 15 s"
  windows_said; exit 1
fi
