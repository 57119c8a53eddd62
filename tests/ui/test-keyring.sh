#!/bin/bash
# The keyring's test in a private session bus with a throw-away GNOME Keyring (its own HOME, a
# login keyring unlocked with a known password), so that no person's keyring is touched. Without
# gnome-keyring-daemon the test runs as it is and skips the keyring's part, saying why.
set -euo pipefail

test_bin="$1"
if ! command -v gnome-keyring-daemon >/dev/null || ! command -v dbus-run-session >/dev/null; then
  echo "# gnome-keyring-daemon or dbus-run-session missing: the keyring's part is skipped" >&2
  exec "$test_bin"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/home/.local/share" "$tmp/run"
chmod 700 "$tmp/run"

# shellcheck disable=SC2016
# Under LeakSanitizer GLib 2.74's GDBus keeps, at exit, the messages libsecret's cached service
# received (no Affari frame in the report): the round trip with the keyring runs in the normal
# build only; the address helpers run in both.
keyring_args=()
if [ -n "${AFFARI_SANITIZED:-}" ]; then
  keyring_args=(-s /keyring/round-trip)
fi
HOME="$tmp/home" XDG_DATA_HOME="$tmp/home/.local/share" XDG_RUNTIME_DIR="$tmp/run" \
  dbus-run-session -- bash -c '
    set -e
    # The daemon is not under test: none of the test environment'"'"'s fatal warnings and malloc checks.
    printf "test" | env -u G_DEBUG -u MALLOC_CHECK_ -u MALLOC_PERTURB_ \
      gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null
    # The daemon takes its name on the bus a moment after forking.
    for _ in $(seq 50); do
      dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null \
        | grep -q "boolean true" && break
      sleep 0.1
    done
    "$0" "${@:1}"
  ' "$test_bin" "${keyring_args[@]}"
