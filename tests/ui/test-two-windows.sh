#!/bin/bash
# test-two-windows.sh — two windows of Affari (two processes) on one database, side by side: a card
# dragged with the real mouse in the left one appears in the same column of the right one within a
# second, without reloading (#21's live refresh on the SQLite store); then the right one's move
# shows in the left one. A screenshot of both is kept when AFFARI_SHOT names a file.
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

mouse_start_app "$db"
left_pid=$app_pid
mouse_track_pid "$left_pid"
mouse_start_app "$db"
right_pid=$app_pid
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

echo "1..2"

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
