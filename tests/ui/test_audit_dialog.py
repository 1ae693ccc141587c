"""The audit viewer of an admin account: the central store's log newest first, filtered by
dossier, agent, action and dates, paged back; reachable from the main window's menu for admin
accounts only; a refusal or an unreachable store said in the dialog."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from keyring.backend import KeyringBackend
from pytestqt.qtbot import QtBot

from app.server.admin import create_agent
from app.sync.audit_log import AuditUnavailable, fetch_audit
from app.sync.session import store_token
from app.ui.actions import Menu
from app.ui.audit_dialog import AuditDialog
from tests.server.conftest import PASSWORD, Server, make_record
from tests.server.conftest import fast_password_hashing as fast_password_hashing  # noqa: F401
from tests.sync.conftest import bearer
from tests.sync.conftest import central as central  # noqa: F401
from tests.sync.conftest import second_store as second_store  # noqa: F401
from tests.ui.test_sync_window import SERVER, open_window

pytestmark = pytest.mark.gui


def busy(central: Server) -> dict[str, Any]:  # noqa: F811
    create_agent(central.app.state.engine, login="admin", organisme="urssaf", site="REN",
                 role="admin", password=PASSWORD)
    headers = central.login("bre")
    record = make_record(1, oriented=("caf",))
    central.push(headers, record)
    central.client.get("/sync/pull", headers=headers)
    return record


def fetcher(central: Server, login: str = "admin") -> Any:  # noqa: F811
    token = bearer(central, login)

    def fetch(params: Mapping[str, str]) -> list[dict[str, Any]]:
        return fetch_audit(central.client, params, token=token)

    return fetch


def test_the_viewer_filters_and_pages(qtbot: QtBot, central: Server) -> None:  # noqa: F811
    record = busy(central)
    dialog = AuditDialog(fetcher(central))
    qtbot.addWidget(dialog)
    dialog.search()
    actions = [dialog.table.item(r, 3).text() for r in range(dialog.table.rowCount())]
    assert actions[0] == "pull" and "push_accepted" in actions  # newest first
    assert "ligne" in dialog.status.text()
    dialog.agent_edit.setText("bre")
    dialog.action_edit.setText("push_*")
    dialog.dossier_edit.setText(record["number"])
    dialog.search()
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 3).text() == "push_accepted"
    assert dialog.table.item(0, 4).text() == record["id"]
    dialog.dossier_edit.setText("TI-BRE-01-2026-999999")
    dialog.search()
    assert dialog.table.rowCount() == 0
    dialog.dossier_edit.clear()
    dialog.agent_edit.clear()
    dialog.action_edit.clear()
    dialog.since_check.setChecked(True)
    dialog.search()
    assert dialog.table.rowCount() >= 2  # the store's clock is now: every row is recent
    dialog.since_edit.setDate(dialog.since_edit.date().addDays(31))
    dialog.search()
    assert dialog.table.rowCount() == 0


def test_paging_back(qtbot: QtBot, central: Server) -> None:  # noqa: F811
    busy(central)
    dialog = AuditDialog(fetcher(central), page=1)
    qtbot.addWidget(dialog)
    dialog.search()
    assert dialog.table.rowCount() == 1 and dialog.older_button.isEnabled()
    first = int(dialog.table.item(0, 0).text())
    dialog.older_button.click()
    assert dialog.table.rowCount() == 2
    assert int(dialog.table.item(1, 0).text()) == first - 1


def test_refusals_are_said(qtbot: QtBot, central: Server) -> None:  # noqa: F811
    busy(central)
    dialog = AuditDialog(fetcher(central, "bre"))
    qtbot.addWidget(dialog)
    dialog.search()
    assert dialog.table.rowCount() == 0
    assert "administrateurs" in dialog.status.text()

    def down(_params: Mapping[str, str]) -> list[dict[str, Any]]:
        raise AuditUnavailable("network", "refused")

    dialog = AuditDialog(down)
    qtbot.addWidget(dialog)
    dialog.search()
    assert "ne répond pas" in dialog.status.text()


def test_the_menu_entry_is_for_admin_accounts(qtbot: QtBot, store: Any, data_dir: Path,
                                              keyring_backend: KeyringBackend,
                                              central: Server) -> None:  # noqa: F811
    busy(central)
    store_token(data_dir, SERVER, bearer(central, "admin"))
    window = open_window(qtbot, store, data_dir, central)
    try:
        assert not window.audit_action.isVisible()
        window.settings.agent_role = "admin"
        window.menus[Menu.SYNC].aboutToShow.emit()
        assert window.audit_action.isVisible()
        window.audit_action.trigger()
        dialog = window.audit_dialog
        assert dialog.isVisible() and dialog.table.rowCount() >= 2
        dialog.close()
    finally:
        window.close()
