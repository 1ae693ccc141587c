"""The workstation's settings: one typed declaration per setting with its default, stored with
QSettings (an INI file in the data dir, so a workstation's data dir holds all of its state and
tests can point it at a temporary folder). Secrets never go here: tokens and the database key
live in the OS keyring.

The command line writes the keys a sign-in records (``server_url``, ``agent_login``,
``agent_role``, ``agent_organisme``, ``workstation_code``) in the same file without Qt
(app.sync.session.remember_account, forget_account), in QSettings' own syntax.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

SETTINGS_FILE = "settings.ini"  # app.sync.session.SETTINGS_FILE (not imported: a lean start)
LANGUAGES = ("fr", "en")
FONT_SCALES = (100, 125, 150)  # « Taille du texte », percent of the platform's default font


@dataclass
class AppSettings:
    """What an agent sets once per workstation (Paramètres)."""

    site_code: str = "REN"
    workstation_code: str = "01"
    agent_name: str = ""
    server_url: str = "http://127.0.0.1:8765"  # app.sync.session.DEFAULT_SERVER
    language: str = "fr"
    phone_mode: bool = False  # questionnaire phrased to be read aloud, with a live recap
    # The central store's account last signed in on this workstation (recorded by the login
    # dialog): a ``partenaire`` role opens the partner inbox instead of the counter's window.
    agent_login: str = ""
    agent_role: str = ""
    agent_organisme: str = ""
    font_scale: int = 100  # one of FONT_SCALES (app.ui.display applies it)
    high_contrast: bool = False

    def agent_identity(self) -> str:
        """The agent documents and the dossier's history name: the name given in Paramètres (or
        at first start), else the central store's login of this workstation; '' when neither is
        known — documents then print no agent line. Never the operating system's account (a
        shared counter PC is logged in as « accueil » or « root », not as the agent)."""
        return self.agent_name.strip() or self.agent_login.strip()

    @classmethod
    def load(cls, data_dir: Path) -> AppSettings:
        store = QSettings(str(Path(data_dir) / SETTINGS_FILE), QSettings.Format.IniFormat)
        values = cls()
        for spec in fields(cls):
            default = getattr(values, spec.name)
            raw = store.value(spec.name, default)
            if isinstance(default, bool):
                value: object = raw if isinstance(raw, bool) else str(raw).lower() == "true"
            elif isinstance(default, int):
                try:
                    value = int(str(raw))
                except ValueError:
                    value = default
            else:
                value = str(raw)
            setattr(values, spec.name, value)
        if values.language not in LANGUAGES:
            values.language = "fr"
        if values.font_scale not in FONT_SCALES:
            values.font_scale = 100
        return values

    def save(self, data_dir: Path) -> None:
        Path(data_dir).mkdir(parents=True, exist_ok=True)
        store = QSettings(str(Path(data_dir) / SETTINGS_FILE), QSettings.Format.IniFormat)
        for spec in fields(self):
            store.setValue(spec.name, getattr(self, spec.name))
        store.sync()


# The window's size, position and column widths: Qt's own opaque states (saveGeometry,
# QHeaderView.saveState), kept beside the settings under their own group.
WINDOW_GROUP = "window"


def load_window_state(data_dir: Path, key: str) -> QByteArray | None:
    """A state saved by :func:`save_window_state`, or None."""
    store = QSettings(str(Path(data_dir) / SETTINGS_FILE), QSettings.Format.IniFormat)
    raw = store.value(f"{WINDOW_GROUP}/{key}")
    if isinstance(raw, QByteArray) and not raw.isEmpty():
        return raw
    if isinstance(raw, bytes) and raw:
        return QByteArray(raw)
    return None


def save_window_state(data_dir: Path, key: str, state: QByteArray) -> None:
    Path(data_dir).mkdir(parents=True, exist_ok=True)
    store = QSettings(str(Path(data_dir) / SETTINGS_FILE), QSettings.Format.IniFormat)
    store.setValue(f"{WINDOW_GROUP}/{key}", state)
    store.sync()
