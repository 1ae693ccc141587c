"""The login dialog when the password was set by an administrator: it asks for a new one,
twice, and says in French what the store's policy refuses (issue 13)."""

from __future__ import annotations

from pathlib import Path

import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.paths import default_data_dir
from app.server.admin import create_agent
from app.sync.session import read_token
from app.ui.login_dialog import LoginDialog
from tests.server.conftest import PASSWORD, Server
from tests.server.conftest import fast_password_hashing as fast_password_hashing  # noqa: F401
from tests.sync.conftest import central as central  # noqa: F401

pytestmark = pytest.mark.gui

SERVER = "http://testserver"
WAIT = 10_000
NEW = "finistere kouign amann 29"


@pytest.fixture
def dialog(qtbot: QtBot, keyring_backend: KeyringBackend,
           central: Server) -> LoginDialog:  # noqa: F811
    create_agent(central.app.state.engine, login="n.kerouac", organisme="urssaf", site="BRE",
                 role="accueil", password=PASSWORD, must_change_password=True)
    made = LoginDialog(SERVER, http_factory=lambda _server: central.client)
    qtbot.addWidget(made)
    made.show()
    return made


def sign_in(qtbot: QtBot, dialog: LoginDialog) -> None:
    with qtbot.waitSignal(dialog._answered, timeout=WAIT):
        qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)


def test_the_new_password_fields_show_only_when_asked(dialog: LoginDialog) -> None:
    assert not dialog.new_password_edit.isVisible() and not dialog.confirm_edit.isVisible()
    assert dialog.new_password_edit.echoMode() == dialog.new_password_edit.EchoMode.Password
    assert dialog.confirm_edit.echoMode() == dialog.confirm_edit.EchoMode.Password
    assert dialog.new_password_edit.accessibleName() and dialog.confirm_edit.accessibleName()


def test_a_password_set_by_an_admin_is_changed_in_the_dialog(
        qtbot: QtBot, dialog: LoginDialog, central: Server) -> None:  # noqa: F811
    qtbot.keyClicks(dialog.login_edit, "n.kerouac")
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    sign_in(qtbot, dialog)
    assert dialog.changing_password
    assert dialog.new_password_edit.isVisible() and dialog.confirm_edit.isVisible()
    assert dialog.error_label.text().startswith("Ce mot de passe a été défini par un "
                                                "administrateur : choisissez-en un nouveau")
    assert dialog.new_password_edit.hasFocus()
    assert dialog.password_edit.text() == PASSWORD  # needed once more, with the new one
    assert read_token(default_data_dir(), SERVER) is None

    # the two entries differ: said at once, nothing sent
    qtbot.keyClicks(dialog.new_password_edit, NEW)
    qtbot.keyClicks(dialog.confirm_edit, NEW + "x")
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text().startswith("Les deux saisies du nouveau mot de passe "
                                                "diffèrent")
    assert dialog.confirm_edit.text() == "" and dialog.confirm_edit.hasFocus()

    # too short: said at once too
    dialog.new_password_edit.setText("court")
    dialog.confirm_edit.setText("court")
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text().startswith("Nouveau mot de passe : 12 caractères au moins")

    # a common password: the store refuses it, the dialog says why in French
    dialog.new_password_edit.setText("motdepasse123")
    dialog.confirm_edit.setText("motdepasse123")
    sign_in(qtbot, dialog)
    assert dialog.error_label.text().startswith("Nouveau mot de passe refusé : trop courant")
    assert dialog.changing_password and dialog.confirm_edit.text() == ""

    dialog.new_password_edit.setText("n.kerouac-brest-29")
    dialog.confirm_edit.setText("n.kerouac-brest-29")
    sign_in(qtbot, dialog)
    assert dialog.error_label.text() == ("Nouveau mot de passe refusé : il ne doit pas "
                                         "contenir l’identifiant.")

    dialog.new_password_edit.setText(NEW)
    dialog.confirm_edit.setText(NEW)
    with qtbot.waitSignal(dialog.logged_in, timeout=WAIT):
        qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    token = read_token(default_data_dir(), SERVER)
    assert token
    assert central.client.get("/sync/pull", headers={
        "Authorization": f"Bearer {token}"}).status_code == 200
    assert dialog.password_edit.text() == dialog.new_password_edit.text() == ""
    assert dialog.confirm_edit.text() == ""
    # the new password is the one now
    assert central.client.post("/auth/login", json={"login": "n.kerouac",
                                                    "password": NEW}).status_code == 200


def test_a_wrong_current_password_while_changing_clears_it(
        qtbot: QtBot, dialog: LoginDialog, tmp_path: Path) -> None:
    qtbot.keyClicks(dialog.login_edit, "n.kerouac")
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    sign_in(qtbot, dialog)
    dialog.password_edit.setText("pas le bon mot de passe")
    dialog.new_password_edit.setText(NEW)
    dialog.confirm_edit.setText(NEW)
    sign_in(qtbot, dialog)
    assert dialog.error_label.text() == "Identifiant ou mot de passe incorrect."
    assert dialog.password_edit.text() == dialog.new_password_edit.text() == ""
