"""The English translation ships complete: every French source string of app/ui is in the .ts
file with a finished translation, and the compiled .qm really translates the interface."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "accueil_ti_en.ts"
BIN = Path(sys.executable).parent


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    return {(context.findtext("name") or "", message.findtext("source") or ""): message
            for context in root.iter("context") for message in context.iter("message")}


def test_the_ts_file_has_every_string_of_the_interface(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    # app/ui and its packages (app/ui/partner), as scripts/update_translations.sh reads them
    sources = sorted(str(p) for p in (ROOT / "app" / "ui").rglob("*.py"))
    assert any("partner" in Path(p).parts for p in sources)
    subprocess.run([str(BIN / "pyside6-lupdate"), *sources, "-ts", str(fresh)], check=True,
                   capture_output=True)
    missing = set(messages(fresh)) - set(messages(TS))
    assert not missing, f"run scripts/update_translations.sh: {sorted(missing)[:10]}"


def translated(message: ET.Element) -> bool:
    """A finished translation: its text, or for a plural (numerus) message every English
    form."""
    translation = message.find("translation")
    if translation is None or translation.get("type") in ("unfinished", "vanished"):
        return False
    forms = translation.findall("numerusform")
    if message.get("numerus") == "yes":
        return len(forms) == 2 and all((f.text or "").strip() for f in forms)
    return bool((translation.text or "").strip())


def test_every_string_has_an_english_translation() -> None:
    unfinished = [source for (_, source), message in messages(TS).items()
                  if not translated(message)]
    assert unfinished == []


def test_the_compiled_translation_translates(qapp: QCoreApplication, tmp_path: Path) -> None:
    qm = tmp_path / "en.qm"
    subprocess.run([str(BIN / "pyside6-lrelease"), "-silent", str(TS), "-qm", str(qm)],
                   check=True)
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    try:
        from app.ui.wording import channel_label, status_label

        assert channel_label("telephone") == "Phone"
        assert status_label("brouillon") == "Draft"
    finally:
        QCoreApplication.removeTranslator(translator)
    assert channel_label("telephone") == "Téléphone"


pytestmark = pytest.mark.gui
