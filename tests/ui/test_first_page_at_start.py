"""The window's start on its first page (issue 18): the list shows the rows read before the
store's modules load (app.models.early), the store opens behind it, then what waited for it (the
selected dossier's panel, the quarantine count, the total) is read and the list read again. In
the real program: no SQLAlchemy, Alembic, httpx or stdnum loaded when the rows show; a store that
must be migrated, or named another workstation's, still opens first."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from keyring.backend import KeyringBackend
from pytestqt.qtbot import QtBot

from app.dossier_service import DossierService
from app.models.database import DB_FILENAME, Store, open_store
from app.models.early import DeferredStore, FirstPage, read_first_page
from app.ui.main_window import MainWindow
from app.ui.settings import AppSettings
from tests.sync.conftest import new_dossier
from tests.ui.test_main_window import AS_OF, WAIT, FakeFlow

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parents[2]


def _deferred(data_dir: Path) -> tuple[DeferredStore[Store], list[Store]]:
    opened: list[Store] = []

    def opener() -> Store:
        opened.append(open_store(data_dir))
        return opened[-1]

    return DeferredStore(opener, site_code="BRE", workstation_code="02",
                         path=data_dir / DB_FILENAME), opened


def _window(qtbot: QtBot, deferred: DeferredStore[Store], data_dir: Path,
            first: FirstPage) -> MainWindow:
    window = MainWindow(store=deferred,  # type: ignore[arg-type]
                        service=DossierService(deferred,  # type: ignore[arg-type]
                                               agent="agent.test"),
                        settings=AppSettings(agent_name="Agent Test"), data_dir=data_dir,
                        flow=FakeFlow(), clock=lambda: AS_OF, first_page=first)
    qtbot.addWidget(window)
    return window


def test_the_window_shows_the_first_page_then_reads_what_waited_for_the_store(
        qtbot: QtBot, keyring_backend: KeyringBackend, data_dir: Path) -> None:
    with open_store(data_dir, site_code="BRE", workstation_code="02") as store:
        ids = [new_dossier(store, nom=name) for name in ("Le Gall", "Tanguy", "Morvan")]
    first = read_first_page(data_dir)
    assert first is not None and len(first.rows) == 3
    deferred, opened = _deferred(data_dir)
    window = _window(qtbot, deferred, data_dir, first)
    try:
        with qtbot.waitSignal(window.ready, timeout=WAIT):
            window.show()
        # The rows read before the store opened, the newest first; nothing opened the store.
        assert [window.model.row_at(i).id for i in range(3)] == ids[::-1]  # type: ignore[union-attr]
        assert window.selected_id() == ids[-1]
        qtbot.wait(50)
        assert opened == [] and window.panel.record is None
        assert window.panel.empty_label.text() == "Ouverture de la base locale…"
        assert window.model.total is None
        # The store opens (run_gui does it on a worker thread): the panel, the count.
        deferred.open()
        window.store_opened()
        qtbot.waitUntil(lambda: window.model.total == 3 and not window.model.loading,
                        timeout=WAIT)
        assert window.panel.record is not None and window.panel.record["id"] == ids[-1]
        assert len(opened) == 1
    finally:
        window.close()
        deferred.close()


def test_filters_other_than_the_first_page_s_read_the_store(
        qtbot: QtBot, keyring_backend: KeyringBackend, data_dir: Path) -> None:
    """A first page is only shown for the filters it was read with (none)."""
    with open_store(data_dir, site_code="BRE", workstation_code="02") as store:
        new_dossier(store, nom="Le Gall")
    first = read_first_page(data_dir)
    assert first is not None
    stale = type(first)(first.site_code, first.workstation_code, [], {},
                        filters=first.filters.__class__(text="zzz"))
    deferred, opened = _deferred(data_dir)
    window = _window(qtbot, deferred, data_dir, stale)
    try:
        with qtbot.waitSignal(window.ready, timeout=WAIT):
            window.show()
        assert window.model.rowCount() == 1  # read through the store, which opened for it
        assert len(opened) == 1
    finally:
        window.close()
        deferred.close()


CHILD = """
import sys
from pathlib import Path
import app.ui.app as gui

LOADED = ("sqlalchemy", "alembic", "httpx", "stdnum")
real_open_behind = gui._open_behind

def open_behind(store, window, data_dir, **kwargs):
    # called at « ready », before any worker thread started: what the rows needed
    print("rows", window.model.rowCount(), "open", store.is_open,
          "loaded", sorted({m.split(".")[0] for m in sys.modules} & set(LOADED)), flush=True)
    return real_open_behind(store, window, data_dir, **kwargs)

gui._open_behind = open_behind
code = gui.run_gui(Path(sys.argv[1]), smoke=True)
print("exit", code, flush=True)
"""


def two_dossiers_at_bre02(data_dir: Path) -> None:
    """A data folder of workstation BRE-02 with two dossiers and its agent's settings."""
    with open_store(data_dir, site_code="BRE", workstation_code="02") as store:
        for name in ("Le Gall", "Tanguy"):
            new_dossier(store, nom=name)
    AppSettings(site_code="BRE", workstation_code="02", agent_name="Agent Test").save(data_dir)


def run_child(code: str, data_dir: Path, keyring_backend: KeyringBackend, tmp_path: Path,
              **env: str) -> subprocess.CompletedProcess[str]:
    """``python -c code data_dir`` offscreen, with a copy of the test's file keyring."""
    xdg = tmp_path / "child-xdg"
    (xdg / "python_keyring").mkdir(parents=True, exist_ok=True)
    shutil.copy(keyring_backend.file_path,  # type: ignore[attr-defined]
                xdg / "python_keyring" / "keyring_pass.cfg")
    child_env: dict[str, Any] = {**os.environ, "XDG_DATA_HOME": str(xdg),
                                 "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
                                 "QT_QPA_PLATFORM": "offscreen", **env}
    return subprocess.run([sys.executable, "-c", code, str(data_dir)], cwd=ROOT, env=child_env,
                          capture_output=True, text=True, timeout=120, check=False)


def _child(data_dir: Path, keyring_backend: KeyringBackend, tmp_path: Path,
           **env: str) -> list[str]:
    proc = run_child(CHILD, data_dir, keyring_backend, tmp_path, **env)
    assert proc.returncode == 0, proc.stderr
    return [line for line in proc.stdout.splitlines() if not line.startswith("ready in")]


def test_the_program_shows_its_rows_before_loading_the_store_s_modules(
        keyring_backend: KeyringBackend, data_dir: Path, tmp_path: Path) -> None:
    two_dossiers_at_bre02(data_dir)
    assert _child(data_dir, keyring_backend, tmp_path) == [
        "rows 2 open False loaded []", "exit 0"]
    # Asked to open the store first (or when it must: see tests/models/test_early.py), the
    # window starts the usual way: no store to open behind it.
    assert _child(data_dir, keyring_backend, tmp_path, ACCUEIL_TI_OPEN_FIRST="1") == ["exit 0"]


def test_a_store_that_changed_workstation_still_opens_first_with_its_notice(
        keyring_backend: KeyringBackend, data_dir: Path, tmp_path: Path) -> None:
    with open_store(data_dir, site_code="BRE", workstation_code="02") as store:
        new_dossier(store, nom="Le Gall")
    AppSettings(site_code="QUI", workstation_code="04", agent_name="Agent Test").save(data_dir)
    assert read_first_page(data_dir, site_code="QUI", workstation_code="04") is None
    # In a child process (run_gui installs its translators in the application it finds): no
    # store opened behind the window, which starts on the store's own workstation.
    assert _child(data_dir, keyring_backend, tmp_path) == ["exit 0"]
