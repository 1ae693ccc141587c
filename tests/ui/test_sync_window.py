"""Sync from the main window, against a real central store app (FastAPI TestClient): the login
dialog, F5, the background round, the status bar, the per-dossier states of the list and the
panel, partner updates pulled, an unreachable server."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import keyring
import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.dossier_service import DossierService
from app.models.database import Store
from app.server_commands import TOKEN_SERVICE, token_username
from app.sync.client import SyncClient
from app.ui.actions import ActionId
from app.ui.login_dialog import LoginDialog
from app.ui.main_window import MainWindow
from app.ui.settings import AppSettings
from app.ui.sync_controller import SyncController
from tests.server.conftest import PASSWORD, Server
from tests.server.conftest import fast_password_hashing as fast_password_hashing  # noqa: F401
from tests.sync.conftest import BAKER, bearer, new_dossier
from tests.sync.conftest import central as central  # noqa: F401
from tests.ui.test_main_window import FakeFlow

pytestmark = pytest.mark.gui

SERVER = "http://testserver"
WAIT = 10_000
SYNC_COLUMN = 8


def no_sleep(_seconds: float) -> None:
    return None


def factory_on(store: Store, http: httpx.Client) -> Callable[[str, str], SyncClient]:
    def make(server: str, token: str) -> SyncClient:
        return SyncClient(store, http, token=token, sleep=no_sleep, max_retries=1)

    return make


def open_window(qtbot: QtBot, store: Store, data_dir: Path, central: Server,
                http: httpx.Client | None = None) -> MainWindow:
    settings = AppSettings(agent_name="Agent Test", server_url=SERVER)
    controller = SyncController(store, settings,
                                client_factory=factory_on(store, http or central.client))
    window = MainWindow(store=store, service=DossierService(store, agent="agent.test"),
                        settings=settings, data_dir=data_dir, flow=FakeFlow(), sync=controller,
                        login_http_factory=lambda _server: central.client)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=WAIT):
        window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    return window


@pytest.fixture
def logged_in(keyring_backend: KeyringBackend, central: Server) -> str:  # noqa: F811
    token = bearer(central)
    keyring.set_password(TOKEN_SERVICE, token_username(SERVER), token)
    return token


@pytest.fixture
def windows() -> Iterator[list[MainWindow]]:
    opened: list[MainWindow] = []
    yield opened
    for window in opened:
        window.close()  # stops the list's worker and the sync round before the store closes


def sync_text(window: MainWindow, dossier_id: str) -> str:
    row = window.model.row_of(dossier_id)
    return str(window.model.index(row, SYNC_COLUMN).data()) if row >= 0 else ""


def press_f5(qtbot: QtBot, window: MainWindow) -> None:
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_F5)


# --------------------------------------------------------------------------- login dialog


def test_login_dialog_stores_the_token_in_the_keyring_never_the_password(
        qtbot: QtBot, keyring_backend: KeyringBackend, central: Server,  # noqa: F811
        tmp_path: Path) -> None:
    dialog = LoginDialog(SERVER, http_factory=lambda _server: central.client)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.server_edit.text() == SERVER
    assert dialog.password_edit.echoMode() == dialog.password_edit.EchoMode.Password
    for widget in (dialog.server_edit, dialog.login_edit, dialog.password_edit,
                   dialog.login_button):
        assert widget.accessibleName()
    qtbot.keyClicks(dialog.login_edit, "bre")
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    with qtbot.waitSignal(dialog.logged_in, timeout=WAIT) as signal:
        qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert signal.args == [SERVER]
    token = keyring.get_password(TOKEN_SERVICE, token_username(SERVER))
    assert token
    me = central.client.get("/sync/pull", headers={"Authorization": f"Bearer {token}"},
                            params={"since": 0})
    assert me.status_code == 200, me.text
    stored = "".join(p.read_text(encoding="utf-8", errors="replace")
                     for p in (tmp_path / "keyring").rglob("*") if p.is_file())
    assert PASSWORD not in stored
    assert dialog.password_edit.text() == ""


def test_login_dialog_wrong_password_says_so_next_to_the_fields(
        qtbot: QtBot, keyring_backend: KeyringBackend, central: Server) -> None:  # noqa: F811
    dialog = LoginDialog(SERVER, http_factory=lambda _server: central.client)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.login_edit, "bre")
    qtbot.keyClicks(dialog.password_edit, "pas le bon")
    with qtbot.waitSignal(dialog._answered, timeout=WAIT):
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert dialog.error_label.isVisible()
    assert dialog.error_label.text() == "Identifiant ou mot de passe incorrect."
    assert dialog.password_edit.text() == "" and dialog.password_edit.hasFocus()
    assert keyring.get_password(TOKEN_SERVICE, token_username(SERVER)) is None


@pytest.mark.parametrize(("handler", "expected"), [
    (lambda request: httpx.Response(429, headers={"Retry-After": "42"}, request=request),
     "Trop de tentatives échouées pour cet identifiant : réessayez dans 42 secondes."),
    (lambda request: (_ for _ in ()).throw(httpx.ConnectError("refused", request=request)),
     "Le serveur http://testserver est injoignable. Vérifiez l’adresse et le réseau."),
])
def test_login_dialog_too_many_attempts_and_unreachable(
        qtbot: QtBot, keyring_backend: KeyringBackend,
        handler: Callable[[httpx.Request], httpx.Response], expected: str) -> None:
    http = httpx.Client(transport=httpx.MockTransport(handler), base_url=SERVER)
    dialog = LoginDialog(SERVER, http_factory=lambda _server: http)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.login_edit, "bre")
    qtbot.keyClicks(dialog.password_edit, "x")
    with qtbot.waitSignal(dialog._answered, timeout=WAIT):
        qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text() == expected
    assert keyring.get_password(TOKEN_SERVICE, token_username(SERVER)) is None


# --------------------------------------------------------------------------- window


def test_f5_runs_a_round_in_the_background_and_shows_the_states(
        qtbot: QtBot, store: Store, data_dir: Path, central: Server,  # noqa: F811
        logged_in: str, windows: list[MainWindow]) -> None:
    dossier_id = new_dossier(store)
    window = open_window(qtbot, store, data_dir, central)
    windows.append(window)
    sync = window.actions_by_id[ActionId.SYNCHRONIZE]
    assert sync.isEnabled() and sync.shortcut().toString() == "F5"
    assert sync_text(window, dossier_id) == "Local uniquement"
    assert window.sync.timer.isActive()  # a token: automatic rounds every two minutes
    assert window.sync.timer.interval() == 120_000

    with qtbot.waitSignal(window.sync.finished, timeout=WAIT) as done:
        press_f5(qtbot, window)
        assert window.sync_progress.isVisible()
        assert window.sync_label.text() == "Synchronisation…"
    summary = done.args[0]
    assert summary.pushed == 1 and summary.in_sync, summary.line()
    assert window.sync_label.text() == "Synchronisation : Synchronisé"
    assert not window.sync_progress.isVisible()
    qtbot.waitUntil(lambda: sync_text(window, dossier_id) == "Synchronisé", timeout=WAIT)
    window.select_dossier(dossier_id)
    qtbot.waitUntil(lambda: window.panel.fields["sync"].text() == "Synchronisé", timeout=WAIT)

    DossierService(store, agent="A").answer(dossier_id, "Q03", "non")  # changed since
    with qtbot.waitSignal(window.model.reloaded, timeout=WAIT):
        window.model.reload()
    assert sync_text(window, dossier_id) == "Local uniquement"


def test_a_partner_update_pulled_appears_in_the_panel(
        qtbot: QtBot, store: Store, data_dir: Path, central: Server,  # noqa: F811
        logged_in: str, windows: list[MainWindow]) -> None:
    dossier_id = new_dossier(store, answers=tuple(BAKER["answers"]),
                             consents={"urssaf": True, "caf": True, "assurance_retraite": True})
    window = open_window(qtbot, store, data_dir, central)
    windows.append(window)
    with qtbot.waitSignal(window.sync.finished, timeout=WAIT):
        assert window.sync.sync_now()
    response = central.client.post(f"/partner/dossiers/{dossier_id}/orientation",
                                   headers=central.login("p_urssaf"),
                                   json={"status": "en_cours", "note": "rappel lundi"})
    assert response.status_code == 200, response.text
    assert "rappel lundi" not in window.panel.orientations_label.text()

    with qtbot.waitSignal(window.sync.finished, timeout=WAIT) as done:
        press_f5(qtbot, window)
    assert done.args[0].applied == 1
    assert window.statusBar().currentMessage() == "1 dossier mis à jour par les partenaires"
    window.select_dossier(dossier_id)
    qtbot.waitUntil(lambda: "rappel lundi" in window.panel.orientations_label.text(),
                    timeout=WAIT)
    assert window.panel.fields["sync"].text() == "Synchronisé"


class Held(httpx.BaseTransport):
    """Every request waits for ``release``, then fails as a refused connection."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.reached = threading.Event()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.reached.set()
        self.release.wait(WAIT / 1000)
        raise httpx.ConnectError("connection refused", request=request)


def test_unreachable_server_does_not_freeze_the_window(
        qtbot: QtBot, store: Store, data_dir: Path, central: Server,  # noqa: F811
        logged_in: str, windows: list[MainWindow]) -> None:
    new_dossier(store)
    held = Held()
    http = httpx.Client(transport=held, base_url=SERVER)
    window = open_window(qtbot, store, data_dir, central, http=http)
    windows.append(window)
    failures: list[str] = []
    window.sync.failed.connect(failures.append)
    press_f5(qtbot, window)
    qtbot.waitUntil(held.reached.is_set, timeout=WAIT)
    # The round is stuck on the network; the window still answers the keyboard.
    assert window.sync.running and window.sync_progress.isVisible()
    qtbot.keyClick(window.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.search_edit, "goff")
    assert window.search_edit.text() == "goff"
    press_f5(qtbot, window)  # one round at a time
    assert window.statusBar().currentMessage() == "Une synchronisation est déjà en cours."
    with qtbot.waitSignal(window.sync.finished, timeout=WAIT) as done:
        held.release.set()
    assert done.args[0].errors
    assert window.sync_label.text() == "Synchronisation : Serveur injoignable"
    assert not window.sync_progress.isVisible()
    assert failures and "injoignable" in failures[0]


def test_f5_without_a_token_opens_the_login_then_syncs(
        qtbot: QtBot, store: Store, data_dir: Path, central: Server,  # noqa: F811
        windows: list[MainWindow]) -> None:
    dossier_id = new_dossier(store)
    window = open_window(qtbot, store, data_dir, central)
    windows.append(window)
    assert window.sync_label.text() == "Synchronisation : Local uniquement"
    assert not window.sync.timer.isActive()
    press_f5(qtbot, window)
    dialog = window.login_dialog
    assert dialog.isVisible() and dialog.server_edit.text() == SERVER
    qtbot.keyClicks(dialog.login_edit, "bre")
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    with qtbot.waitSignal(dialog._answered, timeout=WAIT):
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert window.flow.calls == []  # Return signs in; it does not open the selected dossier
    assert dialog.error_label.text() == ""
    if window.sync.running:
        with qtbot.waitSignal(window.sync.finished, timeout=WAIT):
            pass
    assert window.sync_label.text() == "Synchronisation : Synchronisé"
    assert keyring.get_password(TOKEN_SERVICE, token_username(SERVER))
    qtbot.waitUntil(lambda: sync_text(window, dossier_id) == "Synchronisé", timeout=WAIT)
