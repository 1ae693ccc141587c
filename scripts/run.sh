#!/usr/bin/env bash
# `make run`: starts Accueil TI on a developer data folder (.run/, seeded with demonstration
# dossiers on first start), so a newcomer sees a populated window without touching any real
# workstation data. ACCUEIL_TI_HOME overrides the folder.
#
# The local database key lives in the OS keyring. When this session has none (a bare server, a
# container), a private D-Bus session with GNOME Keyring provides a real Secret Service; its
# keyring lives only as long as the app, so the data folder is a temporary one too.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export ACCUEIL_TI_HOME=${ACCUEIL_TI_HOME:-$PWD/.run}

start() {
  if [ ! -e "$ACCUEIL_TI_HOME/accueil-ti.db" ]; then
    echo "make run: first start, adding 300 demonstration dossiers to $ACCUEIL_TI_HOME"
    "$PY" -m app demo --dossiers 300 --seed 1
  fi
  if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ "$(uname)" = "Linux" ]; then
    echo "make run: no screen in this session; checking that the window starts (gui --smoke)"
    QT_QPA_PLATFORM=offscreen exec "$PY" -m app gui --smoke
  fi
  exec "$PY" -m app gui
}
export -f start
export PY

if "$PY" -c 'from app.models.secrets import check_keyring; check_keyring()' 2>/dev/null; then
  start
fi
if command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  echo "make run: no OS keyring in this session; using a private GNOME Keyring and temporary" \
       "data in $tmp (deleted on exit)"
  export ACCUEIL_TI_HOME="$tmp/data" XDG_DATA_HOME="$tmp/keyring"
  dbus-run-session -- bash -c '
    head -c 32 /dev/urandom | base64 | tr -d "\n" |
      gnome-keyring-daemon --unlock --components=secrets >/dev/null
    start'
  exit $?
fi
echo "make run: no OS keyring is available, and gnome-keyring is not installed to provide one" >&2
exit 1
