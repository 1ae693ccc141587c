"""The window's side of workstation identity and per-workstation secrets: the login dialog
registers the workstation and says when it took another code; each data folder keeps its own
token, and logging one workstation out leaves the other signed in."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.models.database import Store, open_store
from app.sync.client import SyncClient
from app.sync.session import read_token, store_token
from app.ui.login_dialog import LoginDialog
from app.ui.settings import AppSettings
from app.ui.sync_controller import SyncController
from tests.server.conftest import PASSWORD, Server
from tests.server.conftest import fast_password_hashing as fast_password_hashing  # noqa: F401
from tests.sync.conftest import bearer, new_dossier
from tests.sync.conftest import central as central  # noqa: F401
from tests.sync.conftest import second_store as second_store  # noqa: F401
from tests.ui.test_sync_window import SERVER, WAIT, factory_on, open_window, press_f5

pytestmark = pytest.mark.gui


@pytest.fixture
def twin(keyring_backend: KeyringBackend, tmp_path: Path) -> Iterator[Store]:
    """Another data folder configured as the ``store`` fixture's workstation (BRE-02)."""
    with open_store(tmp_path / "twin", site_code="BRE", workstation_code="02") as opened:
        yield opened


def test_the_login_dialog_registers_the_workstation_and_adopts_a_free_code(
        qtbot: QtBot, store: Store, twin: Store, data_dir: Path,
        central: Server) -> None:  # noqa: F811
    assert SyncClient(twin, central.client, token=bearer(central)).run_round().in_sync
    settings = AppSettings(server_url=SERVER, site_code="BRE", workstation_code="02")
    dialog = LoginDialog(SERVER, http_factory=lambda _server: central.client,
                         settings=settings, data_dir=data_dir, store=store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.login_edit, "bre")
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    with qtbot.waitSignal(dialog.signed_in, timeout=WAIT) as signed:
        qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    notice = "Le poste BRE-02 est déjà utilisé : ce poste devient le poste BRE-01."
    assert signed.args[0].notice == notice == dialog.workstation_notice
    assert store.workstation_code == "01"
    assert AppSettings.load(data_dir).workstation_code == "01"
    assert read_token(data_dir, SERVER) == signed.args[0].token
    assert read_token(twin.path.parent, SERVER) is None  # type: ignore[union-attr]


def test_the_window_tells_the_new_code_after_signing_in(
        qtbot: QtBot, store: Store, twin: Store, data_dir: Path, central: Server,  # noqa: F811
        keyring_backend: KeyringBackend) -> None:
    assert SyncClient(twin, central.client, token=bearer(central)).run_round().in_sync
    new_dossier(store)  # a draft numbered BRE-02 before the login
    window = open_window(qtbot, store, data_dir, central)
    try:
        press_f5(qtbot, window)
        dialog = window.login_dialog
        qtbot.keyClicks(dialog.login_edit, "bre")
        qtbot.keyClicks(dialog.password_edit, PASSWORD)
        with qtbot.waitSignal(window.sync.finished, timeout=WAIT) as finished:
            qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
        assert finished.args[0].in_sync, finished.args[0].line()
        assert window.statusBar().currentMessage() == \
            "Le poste BRE-02 est déjà utilisé : ce poste devient le poste BRE-01."
        assert window.sync_label.text() == "Synchronisation : Synchronisé"
        numbers = [r["number"] for r in central.client.get(
            "/sync/pull", params={"since": 0},
            headers=central.login("bre")).json()["changes"]]
        assert [n[:10] for n in numbers] == ["TI-BRE-01-"]  # renumbered at the login
    finally:
        window.close()


def test_logging_one_workstation_out_keeps_the_other_signed_in(
        qtbot: QtBot, store: Store, second_store: Store, data_dir: Path,  # noqa: F811
        central: Server) -> None:  # noqa: F811
    other_dir = second_store.path.parent  # type: ignore[union-attr]
    tokens = {data_dir: bearer(central), other_dir: bearer(central)}
    for folder, token in tokens.items():
        store_token(folder, SERVER, token)
    controllers = [SyncController(s, AppSettings(server_url=SERVER),
                                  client_factory=factory_on(s, central.client),
                                  startup_delay_ms=None) for s in (store, second_store)]
    assert [c.token() for c in controllers] == [tokens[data_dir], tokens[other_dir]]
    with qtbot.waitSignal(controllers[0].logged_out, timeout=WAIT):
        assert controllers[0].logout()
    assert read_token(data_dir, SERVER) is None and controllers[0].token() is None
    assert read_token(other_dir, SERVER) == tokens[other_dir] == controllers[1].token()
    still = central.client.get("/sync/pull", params={"since": 0},
                               headers={"Authorization": f"Bearer {tokens[other_dir]}"})
    assert still.status_code == 200
    for controller in controllers:
        controller.shutdown()
