#!/bin/bash
# test-kanban-mouse.sh — drag a card to another column with the real X pointer, as a person does,
# and check in the database (through affari-cli) that the deal changed stage; then drag one onto
# the header bar, where nothing accepts it, and check that nothing changed; then press Esc in the
# middle of a drag over another column and check that the drag ended at once (the drop zones
# gone while the button is still held) and that releasing the button dropped nothing; then hold a
# dragged card at the right edge of the window and check that the board scrolled, and that Esc
# scrolled it back.
#
# Needs an X server (xvfb-run outside) and xdotool; starts its own session bus for AT-SPI, which
# gives the screen position of "the card named X in the column named Y".
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

. "$(dirname "$0")/mouse-lib.sh"
mouse_init "$@"

db="$tmp/affari.db"
LANG=it_IT.UTF-8 LC_ALL=it_IT.UTF-8 "$cli" --database "$db" demo --deals 30 --seed 7 >/dev/null

mouse_start_app "$db"

# Prints: FROM_X FROM_Y TO_X TO_Y TITLE for the first card of column $1 and the column $2.
locate() {
  "$python" - "$1" "$2" <<'PY'
import sys, time, pyatspi
from mouselib import walk, extents
source, target = sys.argv[1], sys.argv[2]
deadline = time.time() + 10
while time.time() < deadline:
    desktop = pyatspi.Registry.getDesktop(0)
    columns = {}
    for i in range(desktop.childCount):
        app = desktop.getChildAtIndex(i)
        if app is None:
            continue
        for acc in walk(app):
            if acc.name in (source, target) and acc.getRoleName() == "panel" and acc.name not in columns:
                columns[acc.name] = acc
    if len(columns) == 2:
        cards = [a for a in walk(columns[source]) if ", € " in (a.name or "")]
        if cards:
            c, t = extents(cards[0]), extents(columns[target])
            print(c.x + c.width // 2, c.y + 24, t.x + t.width // 2, t.y + 200, cards[0].name.split(", € ")[0])
            sys.exit(0)
    time.sleep(0.3)
sys.exit("columns or cards not found")
PY
}

# How many deals titled $1 are in the stage named $2 (titles repeat across deals).
count_in() {
  "$cli" --database "$db" deals --json | "$python" -c '
import json, sys
title, stage = sys.argv[1], sys.argv[2]
print(sum(1 for d in json.load(sys.stdin)
          if d["title"] == title and d["pipeline"] == "Generale" and d["stage_name"] == stage))
' "$1" "$2"
}

echo "1..4"

read -r fx fy tx ty title < <(locate "Nuovo" "Preparazione documenti")
src_before=$(count_in "$title" "Nuovo")
dst_before=$(count_in "$title" "Preparazione documenti")
[ "$src_before" -ge 1 ] || { echo "not ok 1 - no '$title' in Nuovo"; exit 1; }
"$shared/tools/xdrag" "$fx" "$fy" "$tx" "$ty"
moved_at=$(date +%s%N)
sleep 0.5
src_after=$(count_in "$title" "Nuovo")
dst_after=$(count_in "$title" "Preparazione documenti")
if [ "$src_after" -eq $((src_before - 1)) ] && [ "$dst_after" -eq $((dst_before + 1)) ]; then
  echo "ok 1 - dragged '$title' from Nuovo to Preparazione documenti"
else
  echo "not ok 1 - '$title': Nuovo $src_before -> $src_after, Preparazione documenti $dst_before -> $dst_after"; exit 1
fi

# A drop where nothing accepts it (the header bar) cancels: nothing is written.
read -r fx fy tx ty title < <(locate "Preparazione documenti" "Nuovo")
before=$("$cli" --database "$db" deals --json | md5sum)
"$shared/tools/xdrag" "$fx" "$fy" 640 20
sleep 0.8
after=$("$cli" --database "$db" deals --json | md5sum)
if [ "$after" = "$before" ]; then
  echo "ok 2 - a drop on the header bar changed nothing"
else
  echo "not ok 2 - a drop on the header bar changed the deals"; exit 1
fi

# The bottom of the board, where the drop zones rise while dragging, as a picture (above the
# board's overlay scrollbar, which comes and goes with the pointer); and how many pixels two such
# pictures differ by. (GTK 4.8 tells AT-SPI nothing about what a revealer hides.)
bottom_strip() {
  import -window root -crop 1190x78+0+660 +repage "$tmp/$1.png"
}
pixels_differing() {
  compare -metric AE "$tmp/$1.png" "$tmp/$2.png" null: 2>&1 | cut -d' ' -f1
}

# Esc while dragging over another column: GTK 4.8 on X11 used to lose the key and drop anyway.
# The toast of the first move ("Annulla") lies over the strip for 5 seconds: gone first, or its
# going would count as a change after Esc.
sleep "$(awk -v now="$(date +%s%N)" -v then="$moved_at" 'BEGIN { d = 5.8 - (now - then) / 1e9; print (d > 0 ? d : 0) }')"
read -r fx fy tx ty title < <(locate "Preparazione documenti" "Fattura di acconto")
before=$("$cli" --database "$db" deals --json | md5sum)
xdotool mousemove --sync "$fx" "$fy"; sleep 0.2
bottom_strip idle
xdotool mousedown 1; sleep 0.2
for i in $(seq 1 20); do
  xdotool mousemove "$((fx + (tx - fx) * i / 20))" "$((fy + (ty - fy) * i / 20))"
  sleep 0.02
done
sleep 0.5
bottom_strip dragging
xdotool key Escape
sleep 0.8
bottom_strip cancelled
during=$(pixels_differing idle dragging)
cancelled=$(pixels_differing idle cancelled)
xdotool mouseup 1
sleep 0.8
after=$("$cli" --database "$db" deals --json | md5sum)
# While dragging the zones cover the strip (some 80,000 pixels); after Esc, with the button still
# held, it is as before: no zone, no tinted column (23,000 pixels), at most an overlay scrollbar
# of a column fading (a few hundred).
if [ "$during" -gt 10000 ] && [ "$cancelled" -lt 2000 ] && [ "$after" = "$before" ]; then
  echo "ok 3 - Esc cancelled the drag of '$title' and releasing the button dropped nothing"
else
  echo "not ok 3 - Esc during a drag: $during pixels changed by the drag, $cancelled still after Esc, deals $([ "$after" = "$before" ] && echo unchanged || echo changed)"; exit 1
fi

# The left edge of the column named $1 on screen.
column_x() {
  "$python" - "$1" <<'PY'
import sys, pyatspi
from mouselib import walk
name = sys.argv[1]
desktop = pyatspi.Registry.getDesktop(0)
for i in range(desktop.childCount):
    app = desktop.getChildAtIndex(i)
    if app is None:
        continue
    for acc in walk(app):
        if acc.name == name and acc.getRoleName() == "panel":
            print(acc.queryComponent().getExtents(pyatspi.DESKTOP_COORDS).x); sys.exit(0)
sys.exit("no column " + name)
PY
}

# Held at the right edge while dragging, the board scrolls to the columns beyond it.
read -r fx fy tx ty title < <(locate "Fattura di acconto" "In corso")
before=$("$cli" --database "$db" deals --json | md5sum)
x0=$(column_x "Nuovo")
xdotool mousemove --sync "$fx" "$fy"; sleep 0.2
xdotool mousedown 1; sleep 0.2
for i in $(seq 1 20); do
  xdotool mousemove "$((fx + (1188 - fx) * i / 20))" "$((fy + (400 - fy) * i / 20))"
  sleep 0.02
done
sleep 1.5
x1=$(column_x "Nuovo")
xdotool key Escape
sleep 0.8
x2=$(column_x "Nuovo")
xdotool mouseup 1
sleep 0.5
after=$("$cli" --database "$db" deals --json | md5sum)
if [ "$x1" -le $((x0 - 300)) ] && [ "$x2" -eq "$x0" ] && [ "$after" = "$before" ]; then
  echo "ok 4 - at the right edge the board scrolled by $((x0 - x1)) px while dragging; Esc scrolled it back"
else
  echo "not ok 4 - column Nuovo at x $x0, $x1 while held at the right edge, $x2 after Esc; deals $([ "$after" = "$before" ] && echo unchanged || echo changed)"; exit 1
fi
