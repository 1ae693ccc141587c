"""Retention at start (issue 18): the window shows its list first; the retention pass runs
after, off the GUI thread, then the list is read again and the status bar says what went. At
exit the application waits for a pass still running, so its transaction ends before the store
closes."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from keyring.backend import KeyringBackend
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from app.models import erasure
from app.models.database import Store, open_store
from app.models.entities import Dossier
from app.ui import app as gui_app
from app.ui.app import run_gui
from app.ui.main_window import MainWindow
from tests.sync.conftest import new_dossier
from tests.ui.test_main_window import WAIT, open_window

pytestmark = pytest.mark.gui


def age(store: Store, dossier_id: str, days: int) -> None:
    with store.transaction() as session:
        session.execute(update(Dossier).where(Dossier.id == dossier_id)
                        .values(updated_at=datetime.now(UTC) - timedelta(days=days)))


def ids(store: Store) -> set[str]:
    with store.session() as session:
        return set(session.scalars(select(Dossier.id)))


def test_the_list_shows_first_then_retention_runs_off_the_gui_thread(
        qapp: QApplication, keyring_backend: KeyringBackend, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    with open_store(data, site_code="BRE", workstation_code="02") as store:
        old_draft = new_dossier(store, answers=())
        young = new_dossier(store, nom="Kervella")
        age(store, old_draft, 120)
    seen: list[str] = []
    real_start, real_apply = gui_app._start_retention, erasure.apply_at_start

    def start(store: Store, window: MainWindow, **kwargs: Any) -> Any:
        seen.append(f"started with {window.model.rowCount()} rows shown")
        return real_start(store, window, **kwargs)

    def apply(store: Store, now: datetime) -> Any:
        seen.append(f"applied on {threading.current_thread().name}")
        return real_apply(store, now)

    monkeypatch.setattr(gui_app, "_start_retention", start)
    monkeypatch.setattr(erasure, "apply_at_start", apply)
    assert run_gui(data, smoke=True) == 0
    # once, on its own thread, after the list showed its rows; waited for at exit
    assert seen == ["started with 2 rows shown", "applied on retention"]
    with open_store(data) as store:
        assert ids(store) == {young}


def test_the_window_reads_the_list_again_and_says_what_went(
        qtbot: QtBot, store: Store, data_dir: Path) -> None:
    old_draft = new_dossier(store, answers=())
    closed = [new_dossier(store, nom=name) for name in ("Tanguy", "Morvan")]
    young = new_dossier(store, nom="Kervella")
    with store.transaction() as session:
        session.execute(update(Dossier).where(Dossier.id.in_(closed)).values(status="clos"))
    age(store, old_draft, 120)
    for dossier_id in closed:
        age(store, dossier_id, 800)
    # a closed dossier waits for its changes to be sent: mark them sent
    from app.models.entities import Outbox

    with store.transaction() as session:
        session.execute(update(Outbox).values(sent_at=datetime.now(UTC)))
    window = open_window(qtbot, store, data_dir)
    assert window.model.rowCount() == 4
    task = gui_app._start_retention(store, window)
    assert task.wait(WAIT / 1000)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1 and not window.model.loading,
                    timeout=WAIT)
    assert window.statusBar().currentMessage() == (
        "Durées de conservation appliquées : 2 dossiers clos anonymisés, 1 brouillon "
        "supprimé.")
    assert window.model.row_of(young) == 0
    assert ids(store) == {young}


def test_the_notice_names_only_what_went(qapp: QApplication) -> None:
    class Due:
        def __init__(self, kind: str) -> None:
            self.kind = kind

    assert gui_app._retention_notice([Due("draft")]) == (
        "Durées de conservation appliquées : 1 brouillon supprimé.")
    assert gui_app._retention_notice([Due("closed_dossier")] * 3) == (
        "Durées de conservation appliquées : 3 dossiers clos anonymisés.")
