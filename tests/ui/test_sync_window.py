"""Sync from the main window, against a real central store app (FastAPI TestClient): the login
dialog, F5, the background round, the status bar, the per-dossier states of the list and the
panel, partner updates pulled, an unreachable server."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import keyring
import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.dossier_service import DossierService
from app.models.database import Store
from app.models.entities import Dossier
from app.paths import default_data_dir
from app.server.admin import create_agent
from app.sync.client import SyncClient
from app.sync.session import read_token, store_token
from app.ui.actions import ActionId, Menu
from app.ui.login_dialog import LoginDialog
from app.ui.main_window import MainWindow
from app.ui.settings import AppSettings
from app.ui.sync_controller import SyncController
from tests.server.conftest import PASSWORD, Server
from tests.server.conftest import fast_password_hashing as fast_password_hashing  # noqa: F401
from tests.sync.conftest import BAKER, bearer, new_dossier
from tests.sync.conftest import central as central  # noqa: F401
from tests.sync.conftest import second_store as second_store  # noqa: F401
from tests.ui.test_main_window import FakeFlow, unnamed_controls

pytestmark = pytest.mark.gui

SERVER = "http://testserver"
WAIT = 10_000
SYNC_COLUMN = 8
NBSP = "\u00a0"


def no_sleep(_seconds: float) -> None:
    return None


def factory_on(store: Store, http: httpx.Client) -> Callable[[str, str], SyncClient]:
    def make(server: str, token: str) -> SyncClient:
        return SyncClient(store, http, token=token, sleep=no_sleep, max_retries=1)

    return make


def open_window(qtbot: QtBot, store: Store, data_dir: Path, central: Server,
                http: httpx.Client | None = None, *,
                startup_delay_ms: int | None = None, **options: Any) -> MainWindow:
    """The window on ``store``, bound to the central store app; no first round at start-up
    unless ``startup_delay_ms`` is given (the tests start their rounds themselves);
    ``options`` go to the SyncController."""
    settings = AppSettings(agent_name="Agent Test", server_url=SERVER)
    controller = SyncController(store, settings,
                                client_factory=factory_on(store, http or central.client),
                                startup_delay_ms=startup_delay_ms, **options)
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
def logged_in(keyring_backend: KeyringBackend, central: Server,  # noqa: F811
              data_dir: Path) -> str:
    token = bearer(central)
    store_token(data_dir, SERVER, token)
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


def log_out(window: MainWindow, *, remove_local_data: bool = False) -> None:
    """« Se déconnecter du serveur central », confirmed (the shared-workstation box ticked
    when asked)."""
    window.actions_by_id[ActionId.LOGOUT].trigger()
    dialog = window.logout_dialog
    assert dialog.isVisible()
    if remove_local_data:
        dialog.remove_box.setChecked(True)
    dialog.ok_button.click()
    window.activateWindow()  # back from the dialog (offscreen has no window manager to do it)


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
    token = read_token(default_data_dir(), SERVER)
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
    assert read_token(default_data_dir(), SERVER) is None


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
    assert read_token(default_data_dir(), SERVER) is None


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
    assert read_token(data_dir, SERVER)
    qtbot.waitUntil(lambda: sync_text(window, dossier_id) == "Synchronisé", timeout=WAIT)


def test_a_partner_account_signed_in_at_the_counter_gets_its_inbox(
        qtbot: QtBot, keyring_backend: KeyringBackend, store: Store, data_dir: Path,
        central: Server, windows: list[MainWindow]) -> None:  # noqa: F811
    from app.ui.partner import PartnerWindow

    window = open_window(qtbot, store, data_dir, central)
    windows.append(window)
    press_f5(qtbot, window)
    dialog = window.login_dialog
    qtbot.keyClicks(dialog.login_edit, "p_urssaf")
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    with qtbot.waitSignal(dialog._answered, timeout=WAIT):
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    # The store would refuse a partner's sync: the workstation opens the partner inbox instead.
    inbox = window.partner_window
    assert isinstance(inbox, PartnerWindow) and inbox.isVisible()
    assert not window.isVisible() and not window.sync.running
    saved = AppSettings.load(data_dir)
    assert (saved.agent_login, saved.agent_role, saved.agent_organisme) == (
        "p_urssaf", "partenaire", "urssaf")
    with qtbot.waitSignal(inbox.destroyed, timeout=WAIT):
        inbox.close()


def test_the_partner_space_action_asks_for_a_partner_account(
        qtbot: QtBot, keyring_backend: KeyringBackend, store: Store, data_dir: Path,
        central: Server, windows: list[MainWindow]) -> None:  # noqa: F811
    window = open_window(qtbot, store, data_dir, central)
    windows.append(window)
    window.actions_by_id[ActionId.PARTNER_SPACE].trigger()
    dialog = window.partner_space_dialog
    assert dialog.isVisible() and dialog.windowTitle() == "Connexion à l’espace partenaire"
    dialog.reject()


# --------------------------------------------------------------------------- start-up round


def test_the_first_round_starts_right_after_the_window_shows(
        qtbot: QtBot, store: Store, data_dir: Path, central: Server,  # noqa: F811
        logged_in: str, windows: list[MainWindow]) -> None:
    dossier_id = new_dossier(store)
    held = Held()
    http = httpx.Client(transport=held, base_url=SERVER)
    window = open_window(qtbot, store, data_dir, central, http=http, startup_delay_ms=50)
    windows.append(window)
    # No F5: the round starts by itself, long before the two minutes of the automatic ones.
    qtbot.waitUntil(held.reached.is_set, timeout=WAIT)
    assert window.sync.running and window.sync_progress.isVisible()
    # It runs off the GUI thread: the window answers the keyboard meanwhile.
    qtbot.keyClick(window.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.search_edit, "goff")
    assert window.search_edit.text() == "goff"
    with qtbot.waitSignal(window.sync.finished, timeout=WAIT):
        held.release.set()
    assert not window.sync.startup_timer.isActive()
    assert window.sync.timer.isActive()  # and the automatic rounds go on
    assert sync_text(window, dossier_id) in ("Local uniquement", "")

    second = open_window(qtbot, store, data_dir, central, startup_delay_ms=50)
    windows.append(second)
    with qtbot.waitSignal(second.sync.finished, timeout=WAIT) as done:
        pass
    assert done.args[0].pushed == 1 and done.args[0].in_sync, done.args[0].line()
    qtbot.waitUntil(lambda: sync_text(second, dossier_id) == "Synchronisé", timeout=WAIT)


def test_no_round_at_start_up_without_a_token(
        qtbot: QtBot, store: Store, data_dir: Path, central: Server,  # noqa: F811
        windows: list[MainWindow]) -> None:
    window = open_window(qtbot, store, data_dir, central, startup_delay_ms=0)
    windows.append(window)
    assert not window.sync.startup_timer.isActive() and not window.sync.running
    assert not window.sync.start_first_round()


def test_the_smoke_start_with_a_token_prints_only_its_line_and_starts_no_round(
        qapp: QApplication, keyring_backend: KeyringBackend, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from app.ui.app import run_gui

    server = "http://127.0.0.1:9"  # discard port: a round would fail, and take time
    data = tmp_path / "data"
    AppSettings(server_url=server).save(data)
    store_token(data, server, "a-token")
    rounds: list[str] = []
    monkeypatch.setattr(SyncController, "sync_now", lambda self: rounds.append("round"))
    monkeypatch.setattr("app.ui.app.install_translators", lambda _app, _language: [])
    code = run_gui(data, smoke=True)
    out = capsys.readouterr()
    assert code == 0, out.err
    assert re.fullmatch(r"ready in \d+ ms\n", out.out), out.out
    assert rounds == []
    assert not any(t.name.startswith("sync-") for t in threading.enumerate())


# --------------------------------------------------------------------------- log-out


def test_logout_revokes_the_token_and_keeps_the_unsent_changes(
        qtbot: QtBot, store: Store, data_dir: Path, central: Server,  # noqa: F811
        logged_in: str, windows: list[MainWindow]) -> None:
    dossier_id = new_dossier(store)
    window = open_window(qtbot, store, data_dir, central)
    windows.append(window)
    logout = window.actions_by_id[ActionId.LOGOUT]
    assert logout.isEnabled()
    assert logout.text() == "Se &déconnecter du serveur central"
    assert logout in window.menus[Menu.SYNC].actions()
    with qtbot.waitSignal(window.sync.finished, timeout=WAIT):
        press_f5(qtbot, window)
    DossierService(store, agent="A").answer(dossier_id, "Q03", "non")  # not sent yet

    with qtbot.waitSignal(window.sync.logged_out, timeout=WAIT) as out:
        log_out(window)
    assert out.args == [True, 1]
    assert read_token(data_dir, SERVER) is None
    refused = central.client.get("/sync/pull", params={"since": 0},
                                 headers={"Authorization": f"Bearer {logged_in}"})
    assert refused.status_code == 401  # revoked on the server, not only forgotten here
    assert not window.sync.timer.isActive()
    assert window.sync_label.text() == "Synchronisation : Non connecté"
    message = window.statusBar().currentMessage()
    assert message.startswith("Déconnecté du serveur central : la synchronisation "
                              "automatique est arrêtée.")
    assert "1 dossier modifié n’est pas encore envoyé : il reste sur ce poste" in message
    assert not logout.isEnabled()
    assert window.sync.unsent_count() == 1
    with qtbot.waitSignal(window.model.reloaded, timeout=WAIT):
        window.model.reload()
    assert sync_text(window, dossier_id) == "Local uniquement"
    # F5 now asks to sign in again; no round runs.
    press_f5(qtbot, window)
    assert window.login_dialog.isVisible() and not window.sync.running
    window.login_dialog.reject()


def test_logout_with_the_server_unreachable_still_logs_this_workstation_out(
        qtbot: QtBot, store: Store, data_dir: Path, central: Server,  # noqa: F811
        logged_in: str, windows: list[MainWindow]) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    http = httpx.Client(transport=httpx.MockTransport(refuse), base_url=SERVER)
    window = open_window(qtbot, store, data_dir, central, http=http)
    windows.append(window)
    with qtbot.waitSignal(window.sync.logged_out, timeout=WAIT) as out:
        log_out(window)
    assert out.args == [False, 0]
    assert read_token(data_dir, SERVER) is None
    assert "Le serveur central n’a pas pu être prévenu (injoignable)" in \
        window.statusBar().currentMessage()
    assert not window.sync.timer.isActive()


def test_logout_when_the_keyring_cannot_forget_the_token_says_so(
        qtbot: QtBot, store: Store, data_dir: Path, central: Server,  # noqa: F811
        logged_in: str, windows: list[MainWindow]) -> None:
    def locked(_server: str) -> None:
        raise keyring.errors.KeyringLocked("the keyring is locked")

    window = open_window(qtbot, store, data_dir, central, token_deleter=locked)
    windows.append(window)
    with qtbot.waitSignal(window.sync.logged_out, timeout=WAIT) as out:
        log_out(window)
    assert out.args == [True, 0]  # revoked on the server all the same
    message = window.statusBar().currentMessage()
    assert "La connexion n’a pas pu être effacée du trousseau du système (the keyring is " \
           "locked). Elle est tout de même révoquée sur le serveur central." in message
    assert not window.sync.timer.isActive()
    assert not window.actions_by_id[ActionId.LOGOUT].isEnabled()


def test_logout_during_a_round_waits_for_its_end(
        qtbot: QtBot, store: Store, data_dir: Path, central: Server,  # noqa: F811
        logged_in: str, windows: list[MainWindow]) -> None:
    new_dossier(store)
    held = Held()
    http = httpx.Client(transport=held, base_url=SERVER)
    window = open_window(qtbot, store, data_dir, central, http=http)
    windows.append(window)
    press_f5(qtbot, window)
    qtbot.waitUntil(held.reached.is_set, timeout=WAIT)
    log_out(window)
    assert window.statusBar().currentMessage() == "Déconnexion du serveur central…"
    assert window.sync.running and window.sync.logging_out
    assert read_token(data_dir, SERVER) == logged_in
    assert not window.actions_by_id[ActionId.LOGOUT].isEnabled()
    with qtbot.waitSignal(window.sync.logged_out, timeout=WAIT) as out:
        held.release.set()
    assert out.args == [False, 1]  # the held transport refused the revocation too
    assert read_token(data_dir, SERVER) is None
    assert not window.sync.running and not window.sync.logging_out
    assert "1 dossier modifié n’est pas encore envoyé" in window.statusBar().currentMessage()


def test_logout_on_a_shared_workstation_removes_the_dossiers_once_all_are_synced(
        qtbot: QtBot, store: Store, data_dir: Path, central: Server,  # noqa: F811
        logged_in: str, windows: list[MainWindow]) -> None:
    first = new_dossier(store)
    new_dossier(store, nom="Kerjean")
    window = open_window(qtbot, store, data_dir, central)
    windows.append(window)
    # unsent: the box cannot be ticked, and the dialog says how many wait
    window.actions_by_id[ActionId.LOGOUT].trigger()
    dialog = window.logout_dialog
    assert dialog.isVisible() and not dialog.remove_box.isEnabled()
    assert dialog.unsynced_label.text() == (
        "Les dossiers ne peuvent pas être retirés : 2 dossiers ne sont pas encore "
        "synchronisés. Synchronisez (F5), puis déconnectez-vous.")
    dialog.reject()
    assert read_token(data_dir, SERVER) == logged_in  # cancelled: still signed in
    window.activateWindow()
    with qtbot.waitSignal(window.sync.finished, timeout=WAIT):
        press_f5(qtbot, window)
    assert window.model.row_of(first) >= 0
    with qtbot.waitSignal(window.sync.logged_out, timeout=WAIT):
        log_out(window, remove_local_data=True)
    qtbot.waitUntil(lambda: window.model.row_of(first) < 0, timeout=WAIT)
    message = window.statusBar().currentMessage()
    assert "2 dossiers retirés de ce poste (ils restent sur le serveur central)." in message
    assert read_token(data_dir, SERVER) is None
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(Dossier)) == 0


# --------------------------------------------------------------------------- notification


def partner_update(central: Server, login: str, dossier_id: str,  # noqa: F811
                   **body: str) -> None:
    response = central.client.post(f"/partner/dossiers/{dossier_id}/orientation",
                                   headers=central.login(login), json=body)
    assert response.status_code == 200, response.text


def test_partner_updates_are_notified_with_what_changed_and_can_be_reopened(
        qtbot: QtBot, store: Store, second_store: Store, data_dir: Path,  # noqa: F811
        central: Server, logged_in: str, windows: list[MainWindow]) -> None:  # noqa: F811
    create_agent(central.app.state.engine, login="p_caf", organisme="caf", site="REN",
                 role="partenaire", password=PASSWORD)
    consents = {"urssaf": True, "caf": True, "assurance_retraite": True}
    answers = tuple(BAKER["answers"])
    first = new_dossier(store, answers=answers, consents=consents, nom="Le Goff")
    second = new_dossier(store, answers=answers, consents=consents, nom="Kerbrat")
    third = new_dossier(store, answers=answers, consents=consents, nom="Tanguy")
    window = open_window(qtbot, store, data_dir, central)
    windows.append(window)
    with qtbot.waitSignal(window.sync.finished, timeout=WAIT):
        press_f5(qtbot, window)
    partner_update(central, "p_urssaf", first, status="en_cours", note="rappel lundi")
    partner_update(central, "p_caf", second, status="cloturee", outcome="aide_accordee",
                   note="Aide versée le 2 décembre")
    # Another workstation edits the third: pulled too, but no partner news.
    other = SyncClient(second_store, central.client, token=logged_in, sleep=no_sleep)
    assert other.run_round().applied == 3
    DossierService(second_store, agent="B").answer(third, "Q07", "tres_faibles")
    assert other.run_round().pushed == 1
    window.select_dossier(third)

    with qtbot.waitSignal(window.sync.finished, timeout=WAIT) as done:
        press_f5(qtbot, window)
    summary = done.args[0]
    assert summary.applied == 3
    assert sorted((u.number, u.organisme, u.status, u.outcome, u.note)
                  for u in summary.partner_updates) == [
        ("TI-BRE-02-2026-000001", "urssaf", "en_cours", None, "rappel lundi"),
        ("TI-BRE-02-2026-000002", "caf", "cloturee", "aide_accordee",
         "Aide versée le 2 décembre")]
    assert window.statusBar().currentMessage() == "2 dossiers mis à jour par les partenaires"
    notice = window.partner_notice
    assert notice.isVisible()
    assert notice.title_label.text() == "2 dossiers mis à jour par les partenaires"
    lines = notice.lines_label.text()
    assert "TI-BRE-02-2026-000001" in lines and "Le Goff Yann" in lines
    assert f"Urssaf, en cours — <i>«{NBSP}rappel lundi{NBSP}»</i>" in lines
    assert "Kerbrat Yann : Caf, clôturée — aide accordée" in lines
    assert "Aide versée le 2 décembre" in lines
    assert "TI-BRE-02-2026-000003" not in lines  # another workstation is not a partner
    assert window.partner_button.isVisible()
    assert window.partner_button.text() == "2 suivis de partenaires reçus"
    assert unnamed_controls(window) == []

    # A dossier's link in the notice, with the keyboard, selects it.
    notice.lines_label.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(notice.lines_label, Qt.Key.Key_Tab)  # to the first link
    with qtbot.waitSignal(notice.dossier_requested, timeout=WAIT):
        qtbot.keyClick(notice.lines_label, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.selected_id() in (first, second), timeout=WAIT)
    selected = window.selected_id()
    qtbot.waitUntil(lambda: (window.panel.record or {}).get("id") == selected, timeout=WAIT)
    assert any(note in window.panel.orientations_label.text()
               for note in ("rappel lundi", "Aide versée le 2 décembre"))

    # The list of follow-ups, reachable from the status bar; the new ones marked.
    qtbot.mouseClick(window.partner_button, Qt.MouseButton.LeftButton)
    dialog = window.partner_updates_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    assert not window.partner_button.isVisible()  # seen
    table = dialog.table
    shown = [[table.item(r, c).text() for c in range(table.columnCount())]
             for r in range(table.rowCount())]
    assert all(row[0].startswith("Nouveau\n") for row in shown)
    by_number = {row[1]: row for row in shown}
    assert by_number["TI-BRE-02-2026-000002\nKerbrat Yann"][2:] == [
        "Caf", "Clôturée — Aide accordée", "Aide versée le 2 décembre"]
    assert by_number["TI-BRE-02-2026-000001\nLe Goff Yann"][2:] == [
        "Urssaf", "En cours", "rappel lundi"]
    row = next(r for r in range(table.rowCount())
               if table.item(r, 1).text().startswith("TI-BRE-02-2026-000002"))
    table.selectRow(row)
    assert dialog.note_label.text().startswith("Caf, le ")
    assert dialog.note_label.text().endswith(
        f" : Clôturée — Aide accordée — «{NBSP}Aide versée le 2 décembre{NBSP}»")
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: window.selected_id() == second, timeout=WAIT)
    qtbot.waitUntil(lambda: "Aide versée le 2 décembre" in
                    window.panel.orientations_label.text(), timeout=WAIT)
    assert "Clôturée — Aide accordée" in window.panel.orientations_label.text()

    qtbot.mouseClick(notice.close_button, Qt.MouseButton.LeftButton)
    assert not notice.isVisible()
    # A round with nothing new from the partners announces nothing.
    with qtbot.waitSignal(window.sync.finished, timeout=WAIT) as again:
        window.actions_by_id[ActionId.SYNCHRONIZE].trigger()
    assert again.args[0].partner_updates == [] and not notice.isVisible()
    # Reopened later, the list is still there (read from the store), no longer new.
    window.partner_news.clear()
    window.actions_by_id[ActionId.PARTNER_UPDATES].trigger()
    reopened = window.partner_updates_dialog
    qtbot.waitUntil(reopened.isVisible, timeout=WAIT)
    assert reopened.table.rowCount() == 2
    assert not any(reopened.table.item(r, 0).text().startswith("Nouveau") for r in range(2))
    reopened.reject()
