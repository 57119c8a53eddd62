#!/bin/bash
# test-kanban-touch.sh — the Kanban board on a phone's screen (360×640), the whole window, with the
# real X pointer, in Italian:
#   1. a card dragged touch-style (pressed, held 0.7 s, moved slowly to the screen's right edge,
#      held there until the board flips to the next column, moved a little into it, released):
#      that deal, and nothing else, is now in the next stage; the header names that stage;
#   2. the two columns' headers followed: one card less and a smaller total, one card more and a
#      larger total;
#   3. a card's "⋮" opened with a click, "Sposta in" ▸ a stage clicked: that deal, and nothing
#      else, is now in that stage.
# Xvfb has no touch screen: the pointer stands in for the finger (GTK's drag source answers both;
# the long press that a finger needs first is tested on the real gesture in test-kanban-narrow).
# The database is read with affari-cli; the accessibility tree gives where things are.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

MOUSE_SCREEN=360x640
. "$(dirname "$0")/mouse-lib.sh"
mouse_init "$@"

db="$tmp/affari.db"
LANG=it_IT.UTF-8 LC_ALL=it_IT.UTF-8 "$cli" --database "$db" demo --deals 30 --seed 7 >/dev/null
mouse_start_app "$db"

# What the accessibility tree says:
#   atspi card COLUMN     X Y W H NAME of the first card shown in the column named COLUMN
#   atspi count COLUMN    the count and total in the header of the column named COLUMN ("4 · € 80.532")
#   atspi title           the pager's title and subtitle ("Nuovo|Fase 1 di 8")
#   atspi item NAME       X Y W H: the centre of the shown menu item named NAME in its menu, and
#                         the menu's size (waits 5 s)
atspi() {
  "$python" - "$@" <<'PY'
import re, sys, time
from mouselib import walk, extents, find
mode, arg = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else None)
def column(name):
    found = find(lambda a: a.name == name and a.getRoleName() == "panel")
    if not found:
        sys.exit("no column " + name)
    return found[0]
def shown(a):
    e = extents(a)
    return e.width > 0 and e.height > 0 and e.x >= 0 and e.x + e.width <= 360
if mode == "card":
    deadline = time.time() + 10
    while time.time() < deadline:
        cards = [a for a in walk(column(arg)) if ", € " in (a.name or "") and shown(a)]
        if cards:
            e = extents(cards[0])
            print(e.x, e.y, e.width, e.height, cards[0].name)
            sys.exit(0)
        time.sleep(0.3)
    sys.exit("no card in " + arg)
if mode == "count":
    for a in walk(column(arg)):
        if re.match(r"^\d+ · ", a.name or "") and a.getRoleName() == "label":
            print(a.name)
            sys.exit(0)
    sys.exit("no count in " + arg)
if mode == "title":
    labels = find(lambda a: a.getRoleName() == "label" and re.match(r"^Fase \d+ di \d+$", a.name or ""))
    if not labels:
        sys.exit("no pager title")
    parent = labels[0].parent
    print("|".join(parent.getChildAtIndex(i).name for i in range(parent.childCount)))
    sys.exit(0)
if mode == "item":
    # GTK 4.8 places a popover's accessibles at its parent's origin, not where its surface is:
    # the item's centre from the menu's corner, and the menu's size to find its surface by.
    def menu_of(a):
        while a is not None and a.getRoleName() != "menu":
            a = a.parent
        return a
    items = find(lambda a: (a.name or "").replace("_", "") == arg and a.getRoleName() == "menu item" and extents(a).width > 0, 5)
    if not items or menu_of(items[-1]) is None:
        sys.exit("no menu item " + arg)
    e, m = extents(items[-1]), extents(menu_of(items[-1]))
    print(e.x - m.x + e.width // 2, e.y - m.y + e.height // 2, m.width, m.height)
    sys.exit(0)
sys.exit("atspi: what is " + mode)
PY
}

# Every deal as "id stage_name title", one a line, and the rest of each deal's fields.
deals() { "$cli" --database "$db" deals --json; }
# Prints "ID OLD-STAGE NEW-STAGE" for each deal whose stage changed between two dumps; a deal
# changed in any other field is printed as "ID changed".
changed() {
  "$python" - "$1" "$2" <<'PY'
import json, sys
a = {d["id"]: d for d in json.load(open(sys.argv[1]))}
b = {d["id"]: d for d in json.load(open(sys.argv[2]))}
for i in sorted(set(a) | set(b)):
    x, y = a.get(i), b.get(i)
    if x is None or y is None:
        print(i, "changed"); continue
    rest = lambda d: {k: v for k, v in d.items() if k not in ("stage", "stage_name")}
    if rest(x) != rest(y):
        print(i, "changed")
    elif x["stage_name"] != y["stage_name"]:
        print(i, x["stage_name"].replace(" ", "_"), y["stage_name"].replace(" ", "_"))
PY
}

# Clicks the menu item named $1 of the popover menu open: its place in the menu, from the
# accessibility tree, plus where the menu's X window (of the menu's size) is on the screen.
click_item() {
  local dx dy w h win geometry
  read -r dx dy w h < <(atspi item "$1")
  for win in $(xdotool search --onlyvisible --name '^affari$'); do
    geometry=$(xdotool getwindowgeometry --shell "$win")
    if grep -qx "WIDTH=$w" <<<"$geometry" && grep -qx "HEIGHT=$h" <<<"$geometry"; then
      eval "$geometry"
      xdotool mousemove --sync "$((X + dx))" "$((Y + dy))" click 1
      return 0
    fi
  done
  echo "not ok - no window of the menu ($w x $h) for '$1'"; exit 1
}

# AFFARI_TEST_SHOTS=DIR keeps a screenshot of each step there.
shot() { if [ -n "${AFFARI_TEST_SHOTS:-}" ]; then import -window root "$AFFARI_TEST_SHOTS/$1.png"; fi; }

first=Nuovo
second="Preparazione documenti"
third="Fattura di acconto"

echo "1..3"

# 1. Touch-style: pressed, held, moved slowly to the right edge, held until the flip, a little
#    way into the column now in view, released.
[ "$(atspi title)" = "$first|Fase 1 di 8" ] || { echo "not ok 1 - the board does not start on $first: $(atspi title)"; exit 1; }
n_first=$(atspi count "$first")
n_second=$(atspi count "$second")
deals >"$tmp/before.json"
read -r cx cy cw ch name < <(atspi card "$first")
x=$((cx + cw / 3)); y=$((cy + ch / 2))
xdotool mousemove --sync "$x" "$y"; sleep 0.2
xdotool mousedown 1; sleep 0.7
# Slowly to 80 px from the edge; into the edge's strip (the last 44 px of the board) in a few
# steps, and held there 0.8 s: the board flips after 0.6 s, and again after 1.2 s (not wanted).
edge=${MOUSE_DRAG_EDGE:-354}
while [ "$x" -lt $((edge - 80)) ]; do
  x=$((x + 6))
  xdotool mousemove "$x" "$y"
  sleep 0.03
done
for step in 1 2 3 4; do
  xdotool mousemove "$((x + (edge - x) * step / 4))" "$y"
  sleep 0.02
done
x=$edge
sleep 0.8
shot 1-flipped
# Out of the strip in two steps (a slow machine must not stay there until the second flip), then
# slowly on into the column.
for step in 30 30 15 15 15 15; do
  x=$((x - step))
  xdotool mousemove "$x" "$y"
  sleep 0.03
done
sleep 0.3
title_while=$(atspi title)
xdotool mouseup 1
sleep 1
shot 1-dropped
deals >"$tmp/after.json"
diff=$(changed "$tmp/before.json" "$tmp/after.json")
read -r moved from to <<<"$diff" || true
if [ "$(echo "$diff" | grep -c .)" -eq 1 ] && [ "$from" = "${first// /_}" ] && [ "$to" = "${second// /_}" ] && \
   [ "$title_while" = "$second|Fase 2 di 8" ]; then
  echo "ok 1 - '${name%%, € *}' dragged touch-style to the right edge flipped to $second and landed there (deal $moved)"
else
  echo "not ok 1 - after the drag of '${name%%, € *}': header '$title_while' at the edge; changed: ${diff:-nothing}"; exit 1
fi

# 2. The headers' counts and totals followed ("4 · € 80.532": the count, then the total).
n_first_after=$(atspi count "$first")
n_second_after=$(atspi count "$second")
euros() { local t=${1#* · } ; t=${t//[^0-9,]/}; echo "${t%%,*}"; }
if [ "${n_first_after%% ·*}" -eq $((${n_first%% ·*} - 1)) ] && [ "${n_second_after%% ·*}" -eq $((${n_second%% ·*} + 1)) ] && \
   [ "$(euros "$n_first_after")" -lt "$(euros "$n_first")" ] && [ "$(euros "$n_second_after")" -gt "$(euros "$n_second")" ]; then
  echo "ok 2 - the headers: $first $n_first -> $n_first_after, $second $n_second -> $n_second_after"
else
  echo "not ok 2 - the headers: $first $n_first -> $n_first_after, $second $n_second -> $n_second_after"; exit 1
fi

# 3. "⋮" on the first card of the column in view, "Sposta in", the third stage.
cp "$tmp/after.json" "$tmp/before.json"
read -r cx cy cw ch name < <(atspi card "$second")
# The "⋮" is drawn in the top-right corner of the card's text (its padding around it).
xdotool mousemove --sync "$((cx + cw - 6))" "$((cy + 8))" click 1
sleep 0.8
shot 3-menu
click_item "Sposta in"
sleep 0.8
shot 3-submenu
click_item "$third"
sleep 1
deals >"$tmp/after.json"
diff=$(changed "$tmp/before.json" "$tmp/after.json")
read -r moved from to <<<"$diff" || true
if [ "$(echo "$diff" | grep -c .)" -eq 1 ] && [ "$from" = "${second// /_}" ] && [ "$to" = "${third// /_}" ]; then
  echo "ok 3 - '${name%%, € *}' moved to $third with ⋮ ▸ Sposta in (deal $moved)"
else
  echo "not ok 3 - ⋮ ▸ Sposta in ▸ $third on '${name%%, € *}': changed: ${diff:-nothing}"; exit 1
fi
