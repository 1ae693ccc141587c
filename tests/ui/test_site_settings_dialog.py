"""« Paramètres des sites… » of an admin account, driven through its widgets against an
embedded central store: the sites with their version, one site's settings recorded as a new
version, a refusal shown next to the field it names with nothing typed lost, the menu entry
for admin accounts only."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from app.server.admin import create_agent
from app.sync.session import store_token
from app.sync.site_settings import SiteSettingsUnavailable, fetch_sites, save_site
from app.ui.actions import Menu
from app.ui.site_settings_dialog import SiteSettingsDialog
from tests.server.conftest import PASSWORD, Server
from tests.server.conftest import fast_password_hashing as fast_password_hashing  # noqa: F401
from tests.sync.conftest import bearer
from tests.sync.conftest import central as central  # noqa: F401
from tests.ui.test_sync_window import SERVER, open_window

pytestmark = pytest.mark.gui


def admin_token(central: Server, login: str = "admin") -> str:  # noqa: F811
    if login == "admin":
        create_agent(central.app.state.engine, login="admin", organisme="urssaf", site="REN",
                     role="admin", password=PASSWORD)
    return bearer(central, login)


def dialog_on(qtbot: QtBot, central: Server, login: str = "admin") -> SiteSettingsDialog:  # noqa: F811
    token = admin_token(central, login)

    def fetch() -> list[dict[str, Any]]:
        return fetch_sites(central.client, token=token)

    def save(code: str, settings: Mapping[str, Any]) -> dict[str, Any]:
        return save_site(central.client, code, settings, token=token)

    dialog = SiteSettingsDialog(fetch, save)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reload()
    return dialog


def select(qtbot: QtBot, dialog: SiteSettingsDialog, code: str) -> None:
    codes = [dialog.table.item(r, 0).text()[:3] for r in range(dialog.table.rowCount())]
    dialog.table.setFocus()
    dialog.table.setCurrentCell(codes.index(code), 0)
    assert dialog.heading.text().startswith(code)


def type_in(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type ``text`` (ASCII: QTest types no other characters) in place of the field's."""
    widget.setFocus()
    if isinstance(widget, QLineEdit):
        widget.selectAll()
        qtbot.keyClick(widget, Qt.Key.Key_Delete)
    else:
        assert isinstance(widget, QPlainTextEdit)
        widget.selectAll()
        qtbot.keyClick(widget, Qt.Key.Key_Delete)
    for index, line in enumerate(text.split("\n")):
        if index:
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        qtbot.keyClicks(widget, line)


def test_sites_are_listed_and_one_is_recorded(qtbot: QtBot, central: Server) -> None:  # noqa: F811
    dialog = dialog_on(qtbot, central)
    assert dialog.table.rowCount() == 6
    rows = [[dialog.table.item(r, c).text() for c in range(3)] for r in range(6)]
    assert rows[2] == ["BRE — Brest", "0", "à confirmer"]
    select(qtbot, dialog, "BRE")
    assert "à confirmer" in dialog.heading.text()
    assert dialog.postal_code_edit.text() == "29200" and dialog.commune_edit.text() == "Brest"
    assert dialog.address_edit.toPlainText() == ""
    type_in(qtbot, dialog.address_edit, "Urssaf Bretagne\n1 rue de la Paix")
    type_in(qtbot, dialog.phone_edit, "0298000000")
    type_in(qtbot, dialog.email_edit, "accueil.ti@example.fr")
    type_in(qtbot, dialog.hours_edit, "du lundi au vendredi, de 9 h a 12 h")
    dialog.save_button.setFocus()
    qtbot.keyClick(dialog.save_button, Qt.Key.Key_Space)
    assert "version 1" in dialog.status.text()
    assert dialog.table.item(2, 1).text() == "1" and dialog.table.item(2, 2).text() == "confirmé"
    assert dialog.phone_edit.text() == "02 98 00 00 00"  # as the store wrote it
    assert "version 1, enregistrée le" in dialog.heading.text()
    published = {s["code"]: s for s in fetch_sites(central.client,
                                                   token=bearer(central, "bre"))}
    assert published["BRE"]["address"] == ["Urssaf Bretagne", "1 rue de la Paix"]
    assert published["BRE"]["version"] == 1


def test_a_refusal_is_shown_by_its_field_and_nothing_typed_is_lost(
        qtbot: QtBot, central: Server) -> None:  # noqa: F811
    dialog = dialog_on(qtbot, central)
    select(qtbot, dialog, "QUI")
    type_in(qtbot, dialog.address_edit, "Urssaf Bretagne")
    type_in(qtbot, dialog.phone_edit, "02 98")
    type_in(qtbot, dialog.hours_edit, "le matin")
    dialog.save()
    error = dialog.errors["phone"]
    assert error.isVisible() and "Dix chiffres" in error.text()
    assert "phone:" in error.toolTip()  # the store's own words
    assert not dialog.errors["address"].isVisible()
    assert dialog.focusWidget() is dialog.phone_edit
    assert "conservées" in dialog.status.text()
    assert (dialog.phone_edit.text(), dialog.hours_edit.text()) == ("02 98", "le matin")
    assert dialog.table.item(3, 1).text() == "0"
    # Another site, then back: what was typed is still there.
    select(qtbot, dialog, "BRE")
    assert dialog.phone_edit.text() == ""
    select(qtbot, dialog, "QUI")
    assert dialog.phone_edit.text() == "02 98" and dialog.hours_edit.text() == "le matin"
    assert "non enregistrées" in dialog.heading.text()
    type_in(qtbot, dialog.phone_edit, "3698")
    assert not error.isVisible()  # typing in the field clears its error
    dialog.reload()  # reading again keeps the draft
    assert dialog.phone_edit.text() == "3698"
    dialog.save()
    assert dialog.table.item(3, 1).text() == "1" and "version 1" in dialog.status.text()
    assert "non enregistrées" not in dialog.heading.text()


def test_refusals_without_a_field_are_said(qtbot: QtBot, central: Server) -> None:  # noqa: F811
    dialog = dialog_on(qtbot, central, "bre")  # an accueil agent reads, cannot save
    assert dialog.table.rowCount() == 6
    select(qtbot, dialog, "BRE")
    type_in(qtbot, dialog.address_edit, "Urssaf Bretagne")
    dialog.save()
    assert "administrateurs" in dialog.status.text()
    assert dialog.address_edit.toPlainText() == "Urssaf Bretagne"

    def down() -> list[dict[str, Any]]:
        raise SiteSettingsUnavailable("network", "refused")

    def refuse(_code: str, _settings: Mapping[str, Any]) -> dict[str, Any]:
        raise SiteSettingsUnavailable("refused", "busy")

    offline = SiteSettingsDialog(down, refuse)
    qtbot.addWidget(offline)
    offline.reload()
    assert "ne répond pas" in offline.status.text()
    assert not offline.save_button.isEnabled()
    offline.save()  # nothing shown: nothing to save
    dialog._save = refuse
    dialog.save()
    assert "refusé la demande : busy" in dialog.status.text()


def test_every_control_has_an_accessible_name(qtbot: QtBot, central: Server) -> None:  # noqa: F811
    dialog = dialog_on(qtbot, central)
    for widget in [dialog.table, dialog.save_button, dialog.reload_button,
                   *dialog.edits.values()]:
        assert widget.accessibleName(), widget.objectName()


def test_the_menu_entry_is_for_admin_accounts(qtbot: QtBot, store: Any, data_dir: Path,
                                              keyring_backend: KeyringBackend,
                                              central: Server) -> None:  # noqa: F811
    store_token(data_dir, SERVER, admin_token(central))
    window = open_window(qtbot, store, data_dir, central)
    try:
        assert not window.site_settings_action.isVisible()
        window.settings.agent_role = "admin"
        window.menus[Menu.SYNC].aboutToShow.emit()
        assert window.site_settings_action.isVisible()
        window.site_settings_action.trigger()
        dialog = window.site_settings_dialog
        assert dialog.isVisible() and dialog.table.rowCount() == 6
        dialog.close()
    finally:
        window.close()
