"""The interface in English inside a test: our .ts compiled into a temporary .qm and installed;
afterwards the translators removed and QLocale's default back to French, as the app starts."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication

from app.ui.app import install_translators

ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def in_english(qapp: QApplication, folder: Path,
               monkeypatch: pytest.MonkeyPatch) -> Iterator[list[QTranslator]]:
    subprocess.run([str(Path(sys.executable).parent / "pyside6-lrelease"), "-silent",
                    str(ROOT / "resources" / "translations" / "accueil_ti_en.ts"),
                    "-qm", str(folder / "accueil_ti_en.qm")], check=True)
    monkeypatch.setattr("app.ui.app.TRANSLATIONS_DIR", folder)
    translators = install_translators(qapp, "en")
    try:
        yield translators
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        for translator in install_translators(qapp, "fr"):  # QLocale's default back
            qapp.removeTranslator(translator)
