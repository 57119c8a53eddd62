# mouse-lib.sh — what the tests with the real X pointer share; sourced, not run:
#
#   . "$(dirname "$0")/mouse-lib.sh"
#   mouse_init "$@"                 skips under the sanitizers, runs the script again inside its
#                                   own Xvfb screen (MOUSE_SCREEN=WxH, optional) and session bus,
#                                   checks the display and the tools (xdotool, and MOUSE_NEEDS);
#                                   sets top, build, shared, cli, app, python, tmp; cleans up at exit
#   mouse_start_app DB [VAR=value…] starts the app on DB (app_pid) and waits for its first frame;
#                                   DB a postgresql:// address: on that team server (--server)
#   mouse_track_pid PID             one more process to end at exit (a drag source window)
#   mouse_untrack_pid PID           ended already
#
# Python run by the tests can `from mouselib import *` (PYTHONPATH is set): walk (every
# accessible under one), extents (screen rectangle), apps (the accessible applications, the ones
# named in MOUSE_IGNORE_APPS left out), find (every accessible that a predicate accepts, waiting
# for at least one).
#
# The accessibility bus is on for these tests. GTK 4.8 warns once that it cannot report screen
# coordinates (true with a window manager; without one the window sits at 0,0 and they are right):
# not fatal here.
#
# SPDX-License-Identifier: GPL-3.0-or-later

mouse_init() {
  # Under the sanitizer build the app is several times slower and the accessibility tree walk
  # times out; the drags are exercised by the normal build. 77 = skipped for meson.
  if [ -n "${AFFARI_SANITIZED:-}" ]; then
    echo "skipped under AddressSanitizer (AFFARI_SANITIZED is set)"
    exit 77
  fi

  # A screen of its own size: xvfb-run outside the session bus, or synthetic events do nothing.
  if [ -n "${MOUSE_SCREEN:-}" ] && [ -z "${AFFARI_MOUSE_TEST_SCREEN:-}" ]; then
    if ! command -v xvfb-run >/dev/null; then
      echo "1..0 # SKIP needs xvfb-run for a ${MOUSE_SCREEN} screen"
      exit 77
    fi
    exec env -u DBUS_SESSION_BUS_ADDRESS -u AFFARI_MOUSE_TEST_BUS AFFARI_MOUSE_TEST_SCREEN=1 \
      xvfb-run -a -s "-screen 0 ${MOUSE_SCREEN}x24" "$0" "$@"
  fi

  if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] || [ -z "${AFFARI_MOUSE_TEST_BUS:-}" ]; then
    exec env AFFARI_MOUSE_TEST_BUS=1 dbus-run-session -- "$0" "$@"
  fi

  local tool
  for tool in xdotool ${MOUSE_NEEDS:-}; do
    if [ -z "${DISPLAY:-}" ] || ! command -v "$tool" >/dev/null; then
      echo "1..0 # SKIP needs an X display and $tool"
      exit 77
    fi
  done

  top=$(cd "$(dirname "$0")/../.." && pwd)
  build=${MESON_BUILD_ROOT:-${G_TEST_BUILDDIR:+$G_TEST_BUILDDIR/..}}
  build=${build:-$top/build}
  shared="$(git -C "$top" rev-parse --show-toplevel 2>/dev/null || echo "$top")/../shared"
  [ -x "$shared/tools/xdrag" ] || shared=/work/shared
  cli="$build/src/affari-cli"
  app="$build/src/affari"
  python=/usr/bin/python3

  tmp=$(mktemp -d)
  app_pid=
  mouse_pids=()
  trap mouse_cleanup EXIT

  mouse_write_python
  export PYTHONPATH="$tmp${PYTHONPATH:+:$PYTHONPATH}"
}

mouse_cleanup() {
  local pid
  # (a drag source window first: the app is the one it drags onto)
  for pid in ${mouse_pids[@]+"${mouse_pids[@]}"} $app_pid; do
    kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  done
  rm -rf "$tmp"
}

mouse_track_pid() {
  mouse_pids+=("$1")
}

mouse_untrack_pid() {
  local kept=() pid
  for pid in ${mouse_pids[@]+"${mouse_pids[@]}"}; do
    [ "$pid" = "$1" ] || kept+=("$pid")
  done
  mouse_pids=(${kept[@]+"${kept[@]}"})
}

# mouse_start_app DATABASE|URL [VAR=VALUE...] — starts the app, waits for its first frame; app_pid
# is its process, app_log its output ($tmp/app.log for the first app, $tmp/app-PID.log after).
mouse_start_app() {
  local db=$1
  local where=(--database "$db")
  shift
  case $db in postgresql:*) where=(--server "$db") ;; esac
  app_log="$tmp/app.log"
  [ -e "$app_log" ] && app_log=$(mktemp "$tmp/app-XXXX.log")
  env -u NO_AT_BRIDGE -u GTK_A11Y G_DEBUG=gc-friendly LANG=it_IT.UTF-8 LC_ALL=it_IT.UTF-8 GSK_RENDERER=cairo \
    GSETTINGS_BACKEND=memory AFFARI_REPORT_FIRST_FRAME=1 "$@" \
    "$app" "${where[@]}" >"$app_log" 2>&1 &
  app_pid=$!

  for _ in $(seq 1 100); do
    grep -q first-frame-ms "$app_log" && break
    sleep 0.1
  done
  grep -q first-frame-ms "$app_log" || { echo "not ok - the app did not draw"; cat "$app_log"; exit 1; }
  sleep 0.5
}

mouse_write_python() {
  cat >"$tmp/mouselib.py" <<'PY'
import os, time

IGNORED = set(os.environ.get("MOUSE_IGNORE_APPS", "").split())

def walk(acc):
    yield acc
    for i in range(acc.childCount):
        ch = acc.getChildAtIndex(i)
        if ch is not None:
            yield from walk(ch)

def extents(acc):
    import pyatspi
    return acc.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)

def apps():
    """The applications on the accessibility bus, without one that has just gone (the registry
    lists an exited application for a moment, and asking its name then raises)."""
    import pyatspi
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        try:
            app = desktop.getChildAtIndex(i)
            if app is None or app.name in IGNORED:
                continue
            app.get_process_id()
        except Exception:
            continue
        yield app

def find(predicate, timeout=10):
    deadline = time.time() + timeout
    while True:
        found = [a for app in apps() for a in walk(app) if predicate(a)]
        if found or time.time() >= deadline:
            return found
        time.sleep(0.3)
PY
}
