#!/bin/bash
# test-activities-mouse.sh — the Activities and Calendar views with the real X pointer and
# keyboard, as a person uses them, in Italian:
#   1. drag a card from its activity column to "Prossima settimana": exactly that deal's next
#      activity now falls next Monday, at the same time of day;
#   2. Alt+→ on the focused card moves it on to "Più avanti" (the Monday after next);
#   3. Ctrl+click two cards and drag them together: both are rescheduled;
#   4. drag a deal chip to another day of the calendar: its expected close date is that day, and
#      a history event says so.
# The database is read (read-only) after each step; the accessibility tree gives the screen
# position of "the card named X in the column named Y".
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

. "$(dirname "$0")/mouse-lib.sh"
mouse_init "$@"

db="$tmp/affari.db"
LANG=it_IT.UTF-8 LC_ALL=it_IT.UTF-8 "$cli" --database "$db" demo --deals 60 --seed 11 >/dev/null

mouse_start_app "$db"

# The helpers: find things through AT-SPI, read the database.
cat >"$tmp/helpers.py" <<'PY'
import sys, time, sqlite3, datetime
from mouselib import walk, extents, find

_columns = {}

def column(name):
    # One walk of the tree finds every column (each step of a walk is a D-Bus call)
    if name not in _columns:
        names = ("Scadute", "Oggi", "Questa settimana", "Prossima settimana", "Più avanti", "Senza attività")
        for acc in find(lambda a: a.name in names and a.getRoleName() == "panel"):
            _columns.setdefault(acc.name, acc)
    if name not in _columns:
        sys.exit("column %r not found" % name)
    return _columns[name]

def cards(col):
    # a card is "Title, € 1.234,00, Client"; only those on screen (rows are recycled)
    out = []
    for a in walk(col):
        if ", € " in (a.name or "") and a.getRoleName() in ("panel", "grouping", "group"):
            e = extents(a)
            if e.width > 0 and e.height > 0:
                out.append(a)
    return out

def deadlines(db):
    # every open activity of a live deal: id -> [deal id, deadline]
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    rows = con.execute("SELECT a.id, a.deal_id, a.deadline FROM activity a JOIN deal d ON d.id = a.deal_id"
                       " WHERE a.completed = 0 AND d.deleted_at IS NULL").fetchall()
    con.close()
    return {r[0]: (r[1], r[2]) for r in rows}

def monday(weeks_ahead):
    today = datetime.date.today()
    return today - datetime.timedelta(days=today.weekday()) + datetime.timedelta(weeks=weeks_ahead)
PY

# FROM_X FROM_Y TO_X TO_Y for the first visible card of the first non-empty column among $1
# (names separated by "|") and the column $2.
locate_card() {
  "$python" - "$1" "$2" <<'PY'
import sys
from helpers import *
sources, target = sys.argv[1].split("|"), sys.argv[2]
import time
t = extents(column(target))
# a card's accessible name is given when it is first shown: look again for a few seconds
deadline = time.time() + 10
while time.time() < deadline:
    for name in sources:
        cs = cards(column(name))
        if cs:
            c = extents(cs[0])
            print(c.x + c.width // 2, c.y + 24, t.x + t.width // 2, t.y + min(t.height - 20, 300))
            sys.exit(0)
    time.sleep(0.5)
sys.exit("no card in %s" % sources)
PY
}

# Prints "DEAL OLD NEW" for each activity whose deadline differs between two snapshots (a deal
# may have several: the drag moves its next one).
snapshot() { "$python" -c 'import sys, json; from helpers import *; print(json.dumps(deadlines(sys.argv[1])))' "$db"; }
changed() {
  "$python" - "$1" "$2" <<'PY'
import sys, json
a, b = json.loads(sys.argv[1]), json.loads(sys.argv[2])
for k in sorted(set(a) | set(b), key=int):
    if a.get(k, [None, None])[1] != b.get(k, [None, None])[1]:
        print(a.get(k, b.get(k))[0], a.get(k, [None, None])[1], b.get(k, [None, None])[1])
PY
}

# Checks that OLD moved to the Monday $3 weeks ahead at the same local time of day.
moved_to_monday() {
  "$python" - "$1" "$2" "$3" <<'PY'
import sys, datetime
from helpers import monday
old, new, weeks = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
o, n = datetime.datetime.fromtimestamp(old), datetime.datetime.fromtimestamp(new)
ok = n.date() == monday(weeks) and (n.hour, n.minute) == (o.hour, o.minute)
print("%s -> %s" % (o.strftime("%d/%m/%Y %H:%M"), n.strftime("%a %d/%m/%Y %H:%M")))
sys.exit(0 if ok else 1)
PY
}

# AFFARI_TEST_SHOTS=DIR keeps a screenshot of each step there.
shot() { if [ -n "${AFFARI_TEST_SHOTS:-}" ]; then import -window root "$AFFARI_TEST_SHOTS/$1.png"; fi; }

echo "1..4"

# The Activities view: Ctrl+3.
# (an empty place of the header bar, not where the pointer starts: --sync would wait for a move)
xdotool mousemove --sync 250 27 click 1
xdotool key --clearmodifiers ctrl+3
sleep 1

# 1. A card from the first column that has one (not next week's) to "Prossima settimana": its
#    next activity, and nothing else, is now due next Monday at the same time.
before=$(snapshot)
read -r fx fy tx ty < <(locate_card "Scadute|Oggi|Questa settimana|Più avanti" "Prossima settimana")
"$shared/tools/xdrag" "$fx" "$fy" "$tx" "$ty"
sleep 0.8
shot 1-dragged
after=$(snapshot)
diff=$(changed "$before" "$after")
if [ "$(echo "$diff" | grep -c .)" -eq 1 ] && read -r id old new <<<"$diff" && how=$(moved_to_monday "$old" "$new" 1); then
  echo "ok 1 - dragged deal $id to Prossima settimana: $how"
else
  echo "not ok 1 - after the drag to Prossima settimana the deadlines changed: '$diff'"; exit 1
fi

# 2. Click the first card of "Prossima settimana", then Alt+→: its next activity goes on to
#    "Più avanti" (the Monday after next).
read -r fx fy _ _ < <(locate_card "Prossima settimana" "Più avanti")
xdotool mousemove --sync "$fx" "$fy" click 1
sleep 0.3
shot 2-clicked
before=$(snapshot)
xdotool key --clearmodifiers alt+Right
sleep 0.8
shot 2-moved
after=$(snapshot)
diff=$(changed "$before" "$after")
if [ "$(echo "$diff" | grep -c .)" -eq 1 ] && read -r id old new <<<"$diff" && how=$(moved_to_monday "$old" "$new" 2); then
  echo "ok 2 - Alt+→ moved deal $id to Più avanti: $how"
else
  echo "not ok 2 - after Alt+→ the deadlines changed: '$diff'"; exit 1
fi

# 3. Ctrl+click two cards of one column, drag one of them: both move to "Prossima settimana".
read -r ax ay bx by tx ty < <("$python" - <<'PY'
import sys
from helpers import *
t = extents(column("Prossima settimana"))
for name in ("Scadute", "Oggi", "Questa settimana", "Più avanti"):
    cs = cards(column(name))
    if len(cs) >= 2:
        a, b = extents(cs[0]), extents(cs[1])
        print(a.x + a.width // 2, a.y + 24, b.x + b.width // 2, b.y + 24, t.x + t.width // 2, t.y + min(t.height - 20, 300))
        sys.exit(0)
sys.exit("no column with two cards")
PY
)
xdotool mousemove --sync "$ax" "$ay" click 1
sleep 0.2
xdotool keydown ctrl mousemove --sync "$bx" "$by" click 1 keyup ctrl
sleep 0.3
before=$(snapshot)
"$shared/tools/xdrag" "$bx" "$by" "$tx" "$ty"
sleep 0.8
after=$(snapshot)
diff=$(changed "$before" "$after")
ok=1
[ "$(echo "$diff" | grep -c .)" -eq 2 ] || ok=0
while read -r id old new; do
  [ -n "$id" ] && { moved_to_monday "$old" "$new" 1 >/dev/null || ok=0; }
done <<<"$diff"
if [ "$ok" -eq 1 ]; then
  echo "ok 3 - two selected cards dragged together to Prossima settimana: $(echo "$diff" | cut -d' ' -f1 | tr '\n' ' ')"
else
  echo "not ok 3 - after dragging two selected cards the deadlines changed: '$diff'"; exit 1
fi

# 4. The Calendar (Ctrl+4): a deal chip to another day of the month.
xdotool key --clearmodifiers Escape ctrl+4
sleep 1
read -r fx fy tx ty chip src_day dst_day < <("$python" - <<'PY'
import sys, re
from helpers import *
months = ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
          "settembre", "ottobre", "novembre", "dicembre"]
def day_of(name):
    m = re.search(r"(\d+) (\w+) (\d{4})$", name or "")
    if m and m.group(2) in months:
        return "%s-%02d-%02d" % (m.group(3), months.index(m.group(2)) + 1, int(m.group(1)))
cells = find(lambda a: a.getRoleName() == "panel" and day_of(a.name) is not None)
by_day = {day_of(c.name): c for c in cells}
for day, cell in sorted(by_day.items()):
    chips = [a for a in walk(cell) if a.getRoleName() in ("push button", "button") and ", € " in (a.name or "")]
    if not chips:
        continue
    c = extents(chips[0])
    # the day a week later if shown, or a week before
    y, m, d = map(int, day.split("-"))
    import datetime
    for delta in (7, -7, 1, -1):
        other = (datetime.date(y, m, d) + datetime.timedelta(days=delta)).isoformat()
        if other in by_day:
            t = extents(by_day[other])
            print(c.x + c.width // 2, c.y + c.height // 2, t.x + t.width // 2, t.y + t.height - 8,
                  chips[0].name.split(", € ")[0].replace(" ", "\u00a0"), day, other)
            sys.exit(0)
sys.exit("no deal chip in the calendar")
PY
)
chip=${chip//$'\u00a0'/ }
count_on() {
  "$cli" --database "$db" deals --json | "$python" -c '
import json, sys
title, day = sys.argv[1], sys.argv[2]
print(sum(1 for d in json.load(sys.stdin) if d["title"] == title and d["close_date"] == day))
' "$1" "$2"
}
# History events of a changed close date (one per move).
closedate_events() {
  "$python" - "$db" <<'PY'
import sys, sqlite3
con = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
print(con.execute("SELECT count(*) FROM event WHERE field = 'CLOSEDATE'").fetchone()[0])
PY
}
events_before=$(closedate_events)
src_before=$(count_on "$chip" "$src_day")
dst_before=$(count_on "$chip" "$dst_day")
"$shared/tools/xdrag" "$fx" "$fy" "$tx" "$ty"
sleep 0.8
src_after=$(count_on "$chip" "$src_day")
dst_after=$(count_on "$chip" "$dst_day")
events_after=$(closedate_events)
if [ "$src_after" -eq $((src_before - 1)) ] && [ "$dst_after" -eq $((dst_before + 1)) ] && [ "$events_after" -eq $((events_before + 1)) ]; then
  echo "ok 4 - dragged '$chip' in the calendar from $src_day to $dst_day (history event written)"
else
  echo "not ok 4 - '$chip': $src_day $src_before -> $src_after, $dst_day $dst_before -> $dst_after, history events $events_before -> $events_after"
  exit 1
fi
