#!/usr/bin/env bash
# Creates or refreshes the project's virtual environment in .venv, and installs the Debian
# packages the tests and the app need when they are missing and we are allowed to (root, or
# password-less sudo). Safe to run again: it only reinstalls when pyproject.toml changed.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${VENV:-.venv}
PYTHON=${PYTHON:-}
if [ -z "$PYTHON" ]; then
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      PYTHON=$candidate
      break
    fi
  done
fi
if [ -z "$PYTHON" ]; then
  echo "bootstrap: Python 3.11 or newer is required (python3 --version to check)" >&2
  exit 1
fi

# Debian packages: listed one a line in scripts/debian-packages.txt (comments allowed).
missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  while read -r pkg; do
    pkg=${pkg%%#*}; pkg=$(echo "$pkg" | xargs)
    [ -n "$pkg" ] || continue
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" ||
      missing+=("$pkg")
  done < scripts/debian-packages.txt
fi
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo -n"
  echo "bootstrap: installing Debian packages: ${missing[*]}"
  if ! { $SUDO apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1 ||
         { $SUDO apt-get update >/dev/null 2>&1 &&
           $SUDO apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null; }; }; then
    echo "bootstrap: could not install ${missing[*]}; install them, then run again" >&2
    exit 1
  fi
fi

if [ ! -x "$VENV/bin/python" ]; then
  echo "bootstrap: creating $VENV with $PYTHON"
  "$PYTHON" -m venv "$VENV"
fi
# pyproject.toml and the version it reads from app/__init__.py: either changes the install
stamp="$VENV/.installed-$(cat pyproject.toml app/__init__.py | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  echo "bootstrap: installing accueil-ti and its dependencies into $VENV"
  log="$VENV/pip-install.log"
  if ! { "$VENV/bin/python" -m pip install --disable-pip-version-check --upgrade pip &&
         "$VENV/bin/python" -m pip install --disable-pip-version-check -e ".[dev]"; } >"$log" 2>&1
  then
    tail -n 30 "$log" >&2
    echo "bootstrap: pip install failed; the whole log is in $log" >&2
    exit 1
  fi
  rm -f "$VENV"/.installed-*
  touch "$stamp"
fi

# Compiled translations are built here, never committed: .ts sources -> .qm next to them.
for ts in resources/translations/*.ts; do
  [ -e "$ts" ] || continue
  qm="${ts%.ts}.qm"
  if [ ! -f "$qm" ] || [ "$ts" -nt "$qm" ]; then
    "$VENV/bin/pyside6-lrelease" -silent "$ts" -qm "$qm"
  fi
done
