#!/usr/bin/env bash
# `make run`: starts Accueil TI on a developer data folder (.run/, seeded with demonstration
# dossiers on first start), so a newcomer sees a populated window without touching any real
# workstation data. ACCUEIL_TI_HOME overrides the folder.
#
# The local database key lives in the OS keyring. When this session has none (a bare server, a
# container), a private D-Bus session with GNOME Keyring provides a real Secret Service; its
# keyring lives only as long as the app, so the data folder is a temporary one too (its
# settings.ini, which holds no secret, is kept in ACCUEIL_TI_HOME).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export ACCUEIL_TI_HOME=${ACCUEIL_TI_HOME:-$PWD/.run}

start() {
  if [ ! -e "$ACCUEIL_TI_HOME/accueil-ti.db" ]; then
    echo "make run: first start, adding 300 demonstration dossiers to $ACCUEIL_TI_HOME"
    "$PY" -m app demo --dossiers 300 --seed 1
  fi
  # The embedded central store: SQLite in the data folder, on loopback, stopped with the app.
  local port=${ACCUEIL_TI_PORT:-8765}
  local central="sqlite:///$ACCUEIL_TI_HOME/central-store.db"
  local server="http://127.0.0.1:$port"
  if [ ! -e "$ACCUEIL_TI_HOME/central-store.db" ]; then
    echo "make run: creating the demonstration accounts of the central store (password: $DEMO_PASSWORD)"
    for account in "demo.accueil urssaf accueil" "demo.urssaf urssaf partenaire" \
                   "demo.cpam assurance_maladie partenaire" "demo.caf caf partenaire" \
                   "demo.social service_social partenaire" \
                   "demo.retraite assurance_retraite partenaire" "demo.admin urssaf admin" \
                   "demo.pilotage urssaf pilotage"; do
      set -- $account
      printf '%s\n' "$DEMO_PASSWORD" | "$PY" -m app admin create-agent --database "$central" \
        --login "$1" --organisme "$2" --site REN --role "$3" --password-stdin \
        --no-forced-change >/dev/null  # demonstration accounts: their password is published
    done
  fi
  "$PY" -m app serve --database "$central" --port "$port" >"$ACCUEIL_TI_HOME/central-store.log" 2>&1 &
  local server_pid=$!
  trap 'kill -TERM '"$server_pid"' 2>/dev/null; wait '"$server_pid"' 2>/dev/null' EXIT
  for _ in $(seq 1 100); do
    "$PY" -c "import httpx,sys; httpx.get('$server/openapi.json', timeout=0.5)" 2>/dev/null && break
    sleep 0.1
  done
  printf '%s\n' "$DEMO_PASSWORD" | "$PY" -m app login --server "$server" --login demo.accueil \
    --password-stdin || echo "make run: the central store did not answer; the app works offline"
  echo "make run: central store on $server (accounts demo.accueil, demo.caf, demo.cpam…," \
       "demo.admin for the audit log and the site settings, demo.pilotage for the" \
       "« Tableau de bord » only;" \
       "password $DEMO_PASSWORD); F5 in the window syncs"
  if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ "$(uname)" = "Linux" ]; then
    echo "make run: no screen in this session (DISPLAY is not set), so no window: run it in a" \
         "desktop session, or \`xvfb-run make run\` here; checking that the window starts (gui --smoke)"
    QT_QPA_PLATFORM=offscreen "$PY" -m app gui --smoke
    return
  fi
  "$PY" -m app gui
}
export -f start
export PY
# A demonstration password for the embedded store's demo accounts only (loopback, throwaway data).
export DEMO_PASSWORD=${DEMO_PASSWORD:-demo-accueil-ti}

if "$PY" -c 'from app.models.secrets import check_keyring; check_keyring()' 2>/dev/null; then
  start
  exit $?
fi
if command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then
  tmp=$(mktemp -d)
  # The settings (agent, language, window layout: no secret) outlive the temporary data: they
  # start from and go back to $ACCUEIL_TI_HOME/settings.ini.
  export KEPT_HOME=$ACCUEIL_TI_HOME
  mkdir -p "$tmp/data"
  if [ -f "$KEPT_HOME/settings.ini" ]; then cp "$KEPT_HOME/settings.ini" "$tmp/data/"; fi
  trap 'if [ -f "$tmp/data/settings.ini" ]; then mkdir -p "$KEPT_HOME" &&
          cp "$tmp/data/settings.ini" "$KEPT_HOME/settings.ini"; fi; rm -rf "$tmp"' EXIT
  echo "make run: no OS keyring in this session; using a private GNOME Keyring and temporary" \
       "data in $tmp (deleted on exit; the settings are kept in $KEPT_HOME)"
  export ACCUEIL_TI_HOME="$tmp/data" XDG_DATA_HOME="$tmp/keyring"
  dbus-run-session -- bash -c '
    head -c 32 /dev/urandom | base64 | tr -d "\n" |
      gnome-keyring-daemon --unlock --components=secrets >/dev/null
    start'
  exit $?
fi
echo "make run: no OS keyring is available, and gnome-keyring is not installed to provide one" >&2
exit 1
