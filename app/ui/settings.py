"""The workstation's settings: one typed declaration per setting with its default, stored with
QSettings (an INI file in the data dir, so a workstation's data dir holds all of its state and
tests can point it at a temporary folder). Secrets never go here: tokens and the database key
live in the OS keyring.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

from PySide6.QtCore import QSettings

SETTINGS_FILE = "settings.ini"
LANGUAGES = ("fr", "en")


@dataclass
class AppSettings:
    """What an agent sets once per workstation (Paramètres)."""

    site_code: str = "REN"
    workstation_code: str = "01"
    agent_name: str = ""
    server_url: str = "http://127.0.0.1:8765"
    language: str = "fr"
    phone_mode: bool = False  # questionnaire phrased to be read aloud, with a live recap
    # The central store's account last signed in on this workstation (recorded by the login
    # dialog): a ``partenaire`` role opens the partner inbox instead of the counter's window.
    agent_login: str = ""
    agent_role: str = ""
    agent_organisme: str = ""

    @classmethod
    def load(cls, data_dir: Path) -> AppSettings:
        store = QSettings(str(Path(data_dir) / SETTINGS_FILE), QSettings.Format.IniFormat)
        values = cls()
        for spec in fields(cls):
            default = getattr(values, spec.name)
            raw = store.value(spec.name, default)
            if isinstance(default, bool):
                value: object = raw if isinstance(raw, bool) else str(raw).lower() == "true"
            else:
                value = str(raw)
            setattr(values, spec.name, value)
        if values.language not in LANGUAGES:
            values.language = "fr"
        return values

    def save(self, data_dir: Path) -> None:
        Path(data_dir).mkdir(parents=True, exist_ok=True)
        store = QSettings(str(Path(data_dir) / SETTINGS_FILE), QSettings.Format.IniFormat)
        for spec in fields(self):
            store.setValue(spec.name, getattr(self, spec.name))
        store.sync()
