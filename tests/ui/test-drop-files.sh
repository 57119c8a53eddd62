#!/bin/bash
# test-drop-files.sh — files dragged from a file manager onto the window with the real X pointer,
# as a person does: a .vcf adds its contact once (dropped again, nothing more), an .ics dropped
# on a Kanban card or on a row of the list plans its events on that deal, an .ics dropped where
# there is no deal plans nothing, and a .csv opens the import dialog on that file (Esc closes it).
# The files come from tests/tools/affari-test-drag-source, a small
# window that offers them as a GdkFileList, as Nautilus does; the database is read with sqlite3.
#
# Needs an X server (xvfb-run outside), xdotool and sqlite3; starts its own session bus for
# AT-SPI, which gives the screen position of the cards.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

. "$(dirname "$0")/mouse-lib.sh"
MOUSE_NEEDS="sqlite3"
MOUSE_IGNORE_APPS=affari-test-drag-source
export MOUSE_IGNORE_APPS
mouse_init "$@"
source_tool="$build/tests/ui/affari-test-drag-source"
data="$top/tests/data/drop"

db="$tmp/affari.db"
LANG=it_IT.UTF-8 LC_ALL=it_IT.UTF-8 "$cli" --database "$db" demo --deals 30 --seed 7 >/dev/null

mouse_start_app "$db"

sql() {
  sqlite3 -cmd '.timeout 5000' "$db" "$1"
}

# Drags the files $3… from the source window (on top of the app at 0,0) to $1,$2 and waits until
# the source says the drag ended.
drop_files() {
  local tx=$1 ty=$2
  shift 2
  "$source_tool" "$@" >"$tmp/source.log" 2>&1 &
  source_pid=$!
  mouse_track_pid "$source_pid"
  for _ in $(seq 1 50); do
    grep -q ready "$tmp/source.log" && break
    sleep 0.1
  done
  grep -q ready "$tmp/source.log" || { echo "not ok - the drag source did not draw"; cat "$tmp/source.log"; exit 1; }
  "$shared/tools/xdrag" 80 50 "$tx" "$ty"
  for _ in $(seq 1 30); do
    grep -qE 'dropped|cancelled' "$tmp/source.log" && break
    sleep 0.1
  done
  kill "$source_pid" 2>/dev/null && wait "$source_pid" 2>/dev/null || true
  mouse_untrack_pid "$source_pid"
  # The drop is handled on the app's main loop, a moment after the source hears of it.
  sleep 0.8
}

alive() {
  kill -0 "$app_pid" 2>/dev/null
}

# What the accessibility tree says of the app (the drag source left out):
#   atspi card COLUMN  prints X Y TITLE of the first card of the column named COLUMN (waits 10 s)
#   atspi text TEXT    succeeds when some widget shows a text containing TEXT (a toast's title)
#   atspi windows      prints the names of the app's windows, one a line
#   atspi row N        prints X Y TITLE of the title cell of the list's row N (from 0; waits 10 s)
#   atspi button NAME  prints X Y of the (shown) button or view tab named NAME
atspi() {
  "$python" - "$@" <<'PY'
import sys, time, pyatspi
from mouselib import walk, apps
mode, arg = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else None)
if mode == "windows":
    for app in apps():
        for j in range(app.childCount):
            w = app.getChildAtIndex(j)
            if w is not None and w.getRoleName() in ("frame", "dialog", "window"):
                print(w.name)
    sys.exit(0)
if mode == "button":
    for app in apps():
        for a in walk(app):
            e = a.queryComponent().getExtents(pyatspi.DESKTOP_COORDS) if a.name == arg else None
            if e is not None and e.width > 0 and a.getRoleName() in ("push button", "toggle button", "page tab"):
                print(e.x + e.width // 2, e.y + e.height // 2)
                sys.exit(0)
    sys.exit("no button " + arg)
if mode == "row":
    deadline = time.time() + 10
    while time.time() < deadline:
        for app in apps():
            titles = []
            for cell in walk(app):
                if cell.getRoleName() == "table cell" and cell.childCount > 0:
                    label = cell.getChildAtIndex(0)
                    e = cell.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
                    if label is not None and label.getRoleName() == "label" and " — " in (label.name or ""):
                        titles.append((e.y, e.x + e.width // 2, e.y + e.height // 2, label.name))
            titles.sort()
            if len(titles) > int(arg):
                _, x, y, name = titles[int(arg)]
                print(x, y, name)
                sys.exit(0)
        time.sleep(0.3)
    sys.exit("no row " + arg)
if mode == "text":
    sys.exit(0 if any(arg in (a.name or "") for app in apps() for a in walk(app)) else 1)
deadline = time.time() + 10
while time.time() < deadline:
    for app in apps():
        for acc in walk(app):
            if acc.name == arg and acc.getRoleName() == "panel":
                cards = [a for a in walk(acc) if ", € " in (a.name or "")]
                if cards:
                    e = cards[0].queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
                    print(e.x + e.width // 2, e.y + e.height // 2, cards[0].name.split(", € ")[0])
                    sys.exit(0)
    time.sleep(0.3)
sys.exit("column or card not found")
PY
}

# The same, waiting up to 15 s: toasts queue behind the ones before (5 s each).
wait_for_text() {
  for _ in $(seq 1 30); do
    atspi text "$1" && return 0
    sleep 0.5
  done
  return 1
}

echo "1..6"

# 1. A .csv: the import dialog on that file; never a crash.
# (First: its toast would wait in the queue behind the toasts of the drops below.)
printf 'Titolo;Importo\nFornitura sedie;1.200,00\n' >"$tmp/affari-sedie.csv"
windows_before=$(atspi windows | wc -l)
drop_files 700 500 "$tmp/affari-sedie.csv"
if ! alive; then
  echo "not ok 1 - the app died after a .csv drop"; cat "$tmp/app.log"; exit 1
fi
# The import dialog opens on the file (win.import-file); Esc closes it before the next drops.
for _ in $(seq 1 20); do
  [ "$(atspi windows | wc -l)" -gt "$windows_before" ] && break
  sleep 0.5
done
if [ "$(atspi windows | wc -l)" -gt "$windows_before" ] && wait_for_text "affari-sedie.csv"; then
  echo "ok 1 - the .csv drop opened the import dialog on the file ($(atspi windows | tail -n 1))"
else
  echo "not ok 1 - the .csv drop opened no import dialog"; atspi windows; exit 1
fi
# (no window manager gives the new window the keyboard: it is given, as a click on it would)
dialog_window=$(xdotool search --name '^Importa$' | tail -n 1)
[ -n "$dialog_window" ] && xdotool windowfocus "$dialog_window" 2>/dev/null
xdotool key Escape
for _ in $(seq 1 20); do
  [ "$(atspi windows | wc -l)" -le "$windows_before" ] && break
  sleep 0.5
done

# 2. A vCard dropped on the window: its contact and its company, once.
contacts_before=$(sql "SELECT count(*) FROM contact")
drop_files 700 500 "$data/gnome-contacts.vcf"
n=$(sql "SELECT count(*) FROM contact WHERE first_name = 'Mario' AND last_name = 'Rossi' AND email = 'mario.rossi@rossiforniture.it'")
companies=$(sql "SELECT count(*) FROM company WHERE name = 'Rossi Forniture Srl'")
if [ "$n" = 1 ] && [ "$companies" = 1 ] && [ "$(sql "SELECT count(*) FROM contact")" = $((contacts_before + 1)) ]; then
  echo "ok 2 - the dropped vCard added Mario Rossi of Rossi Forniture Srl"
else
  echo "not ok 2 - contacts $contacts_before -> $(sql "SELECT count(*) FROM contact"), Mario Rossi $n, company $companies"
  cat "$tmp/app.log"; exit 1
fi

# 3. Dropped again: found, not made again.
drop_files 700 500 "$data/gnome-contacts.vcf"
if [ "$(sql "SELECT count(*) FROM contact")" = $((contacts_before + 1)) ] && \
   [ "$(sql "SELECT count(*) FROM company WHERE name = 'Rossi Forniture Srl'")" = 1 ]; then
  echo "ok 3 - the same vCard dropped again added nothing"
else
  echo "not ok 3 - contacts $contacts_before -> $(sql "SELECT count(*) FROM contact")"; exit 1
fi

# 4. An .ics with two events dropped on the first card of "Nuovo": both planned on that deal.
read -r cx cy title < <(atspi card "Nuovo")
quoted=${title//\'/\'\'}
drop_files "$cx" "$cy" "$data/google.ics"
planned=$(sql "SELECT count(*) FROM activity a JOIN deal d ON d.id = a.deal_id
               WHERE d.title = '$quoted' AND a.subject IN ('Verifica contratto assistenza', 'Demo del prodotto')")
elsewhere=$(sql "SELECT count(*) FROM activity a JOIN deal d ON d.id = a.deal_id
                 WHERE d.title <> '$quoted' AND a.subject IN ('Verifica contratto assistenza', 'Demo del prodotto')")
if [ "$planned" = 2 ] && [ "$elsewhere" = 0 ]; then
  echo "ok 4 - the .ics dropped on '$title' planned its 2 events there"
else
  echo "not ok 4 - '$title' at $cx,$cy: $planned planned there, $elsewhere elsewhere"; cat "$tmp/app.log"; exit 1
fi

# 5. An .ics dropped on the header bar, where there is no deal: nothing planned, the app alive.
drop_files 640 20 "$data/gnome-calendar.ics"
if alive && [ "$(sql "SELECT count(*) FROM activity WHERE subject = 'Riunione con Rossi Forniture'")" = 0 ]; then
  echo "ok 5 - an .ics dropped outside any deal planned nothing"
else
  echo "not ok 5 - an .ics dropped outside any deal: planned or crashed"; cat "$tmp/app.log"; exit 1
fi

# 6. The list: an .ics with a task dropped on a row plans it on that row's deal.
read -r bx by < <(atspi button "Elenco")
xdotool mousemove "$bx" "$by" click 1
sleep 1.5
read -r rx ry title < <(atspi row 4)
quoted=${title//\'/\'\'}
drop_files "$rx" "$ry" "$data/todo.ics"
planned=$(sql "SELECT group_concat(d.title, '|') FROM activity a JOIN deal d ON d.id = a.deal_id
               WHERE a.subject = 'Inviare il preventivo firmato'")
if [ "$planned" = "$title" ]; then
  echo "ok 6 - the .ics dropped on the row of '$title' planned its task there"
else
  echo "not ok 6 - the row of '$title' at $rx,$ry: planned on '$planned'"; cat "$tmp/app.log"; exit 1
fi
