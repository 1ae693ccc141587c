#!/usr/bin/env bash
# Refreshes resources/translations/*.ts from the French source strings of app/ui and its
# packages (run it after changing interface text), then lists what still needs an English
# translation.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t sources < <(find app/ui -name '*.py' | sort)
.venv/bin/pyside6-lupdate -no-obsolete "${sources[@]}" -ts resources/translations/accueil_ti_en.ts
.venv/bin/python - <<'PY'
import xml.etree.ElementTree as ET
root = ET.parse("resources/translations/accueil_ti_en.ts").getroot()
todo = [m.findtext("source") for m in root.iter("message")
        if m.find("translation").get("type") == "unfinished" or not m.findtext("translation")]
print(f"{len(todo)} strings without an English translation")
for text in todo[:40]:
    print("  ", text)
PY
