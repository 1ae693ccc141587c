"""The window built in stages (issue 18): at start-up the list's first paint needs only the
search and filters, the list, the menus, toolbar and status bar; the dossier's panel, the
partners' notice, the site filter's sites, the « Sans nouvelle » filter's description and the
sync rounds come just after it (``MainWindow.complete``). Once complete, the window is the one
built at once: same widgets, texts, menus and shortcuts. In the real program, the modules of
that second stage are not loaded when the rows are painted."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

from app.dossier_service import DossierService
from app.models.database import Store, open_store
from app.models.early import read_first_page
from app.ui.actions import ActionId
from app.ui.main_window import MainWindow
from app.ui.settings import AppSettings
from tests.sync.conftest import new_dossier
from tests.ui.test_first_page_at_start import _deferred, run_child, two_dossiers_at_bre02
from tests.ui.test_main_window import AS_OF, WAIT, FakeFlow, fill

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parents[2]


def _window(qtbot: QtBot, store: Any, data_dir: Path, *, staged: bool,
            first_page: Any = None) -> MainWindow:
    window = MainWindow(store=store, service=DossierService(store, agent="agent.test"),
                        settings=AppSettings(agent_name="Agent Test"), data_dir=data_dir,
                        flow=FakeFlow(), clock=lambda: AS_OF, first_page=first_page,
                        staged=staged)
    qtbot.addWidget(window)
    return window


def _seen(window: MainWindow) -> list[tuple[str, ...]]:
    """What the agent (and a screen reader) finds in the window: every widget's class, name,
    accessible name, tooltip and text, the combos' items, the menus and their shortcuts."""
    seen: list[tuple[str, ...]] = []
    for widget in window.findChildren(QWidget):
        if widget.parent() is None or not widget.isVisibleTo(window):
            continue
        text = widget.text() if isinstance(widget, QAbstractButton | QLabel) else ""
        seen.append((type(widget).__name__, widget.objectName(), widget.accessibleName(),
                     widget.toolTip(), text))
        if isinstance(widget, QComboBox):
            seen.extend(("item", widget.objectName(), widget.itemText(i), str(widget.itemData(i)))
                        for i in range(widget.count()))
    for menu in window.menus.values():
        seen.extend(("action", menu.objectName(), action.text(), action.shortcut().toString(),
                     str(action.isVisible()), str(action.isEnabled()))
                    for action in menu.actions())
    seen.append(("splitter", *(type(window.splitter.widget(i)).__name__
                               for i in range(window.splitter.count()))))
    seen.append(("page", *(type(window.list_page.layout().itemAt(i).widget()).__name__
                           for i in range(window.list_page.layout().count()))))
    return sorted(seen)


def test_a_staged_window_completes_after_the_list_s_first_paint_as_the_one_built_at_once(
        qtbot: QtBot, store: Store, data_dir: Path) -> None:
    fill(store, 30)
    at_once = _window(qtbot, store, data_dir, staged=False)
    with qtbot.waitSignal(at_once.ready, timeout=WAIT):
        at_once.show()
    staged = _window(qtbot, store, data_dir, staged=True)
    try:
        assert at_once.is_complete and not staged.is_complete
        # Before its first paint: no panel yet (its text stands in its place), the site filter
        # holds « Tous » alone, the sync rounds have not started.
        assert not hasattr(staged, "panel") and not hasattr(staged, "partner_notice")
        assert staged.site_combo.count() == 1 < at_once.site_combo.count()
        assert staged.splitter.count() == 2
        assert staged.splitter.widget(1).minimumWidth() == at_once.panel.minimumWidth()
        assert not staged.sync.timer.isActive()
        with qtbot.waitSignal(staged.ready, timeout=WAIT):
            staged.show()
        qtbot.waitUntil(lambda: staged.is_complete, timeout=WAIT)
        assert staged.splitter.widget(1) is staged.panel
        qtbot.waitUntil(lambda: staged.panel.record is not None, timeout=WAIT)
        qtbot.waitUntil(lambda: at_once.panel.record is not None, timeout=WAIT)
        assert staged.panel.record == at_once.panel.record
        assert staged.selected_id() == at_once.selected_id() != ""
        qtbot.waitUntil(lambda: staged.model.total == at_once.model.total == 30, timeout=WAIT)
        assert _seen(staged) == _seen(at_once)
        assert "jours ouvrés" in staged.silent_check.accessibleName()
        staged.complete()  # once only
        assert _seen(staged) == _seen(at_once)
    finally:
        at_once.close()
        staged.close()


def test_a_staged_window_s_shortcuts_and_panel_buttons_work_once_complete(
        qtbot: QtBot, store: Store, data_dir: Path) -> None:
    fill(store, 5)
    window = _window(qtbot, store, data_dir, staged=True)
    try:
        with qtbot.waitSignal(window.ready, timeout=WAIT):
            window.show()
        qtbot.waitUntil(lambda: window.is_complete, timeout=WAIT)
        with qtbot.waitActive(window):
            window.activateWindow()
        flow = window.flow
        assert isinstance(flow, FakeFlow)
        selected = window.selected_id()
        assert selected and window.panel.buttons
        for key, button in window.panel.buttons.items():  # as _update_dossier_actions sets them
            assert button.isEnabled() == window.actions_by_id[ActionId(key)].isEnabled(), key
        window.table.setFocus()
        qtbot.keyClick(window.table, Qt.Key.Key_Return)
        assert flow.calls[-1] == ("open_dossier", selected)
        window._on_flow_finished(selected)  # back to the list
        qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        assert flow.calls[-1] == ("start_new", "accueil")
    finally:
        window.close()


def test_the_panel_waits_for_the_store_through_the_stages(
        qtbot: QtBot, keyring_backend: KeyringBackend, data_dir: Path) -> None:
    """On the first page read before the store opens, the stand-in says the store is opening,
    then the panel does, then it shows the selected dossier once the store is open."""
    with open_store(data_dir, site_code="BRE", workstation_code="02") as store:
        ids = [new_dossier(store, nom=name) for name in ("Le Gall", "Tanguy")]
    first = read_first_page(data_dir)
    assert first is not None
    deferred, opened = _deferred(data_dir)
    window = _window(qtbot, deferred, data_dir, staged=True, first_page=first)
    try:
        stand_in = window.splitter.widget(1).findChild(QLabel)
        assert stand_in is not None and stand_in.text() == "Ouverture de la base locale…"
        with qtbot.waitSignal(window.ready, timeout=WAIT):
            window.show()
        qtbot.waitUntil(lambda: window.is_complete, timeout=WAIT)
        assert opened == [] and window.panel.record is None
        assert window.panel.empty_label.text() == "Ouverture de la base locale…"
        deferred.open()
        window.store_opened()
        qtbot.waitUntil(lambda: window.panel.record is not None, timeout=WAIT)
        assert window.panel.record is not None and window.panel.record["id"] == ids[-1]
    finally:
        window.close()
        deferred.close()


CHILD = """
import sys
from pathlib import Path
import app.ui.app as gui

LATER = ("app.ui.dossier_panel", "app.ui.partner_updates", "app.forms.workdays",
         "app.models.sites", "app.sync.session", "urllib.request", "http.client")
windows = []
real_mark = gui.Painted.mark
real_smoke = gui._smoke

def mark(self):
    # just after the list's first paint, before the second stage
    window = windows[0]
    print("painted rows", window.model.rowCount(), "complete", window.is_complete,
          "loaded", sorted(set(sys.modules) & set(LATER)), flush=True)
    real_mark(self)

def smoke(app, window, started, painted):
    windows.append(window)
    code = real_smoke(app, window, started, painted)
    print("after smoke complete", window.is_complete, "panel", type(window.panel).__name__,
          "sites", window.site_combo.count() > 1, flush=True)
    return code

gui.Painted.mark = mark
gui._smoke = smoke
code = gui.run_gui(Path(sys.argv[1]), smoke=True)
print("exit", code, flush=True)
"""


def test_the_program_paints_its_rows_before_loading_the_second_stage_s_modules(
        keyring_backend: KeyringBackend, data_dir: Path, tmp_path: Path) -> None:
    two_dossiers_at_bre02(data_dir)
    proc = run_child(CHILD, data_dir, keyring_backend, tmp_path)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == "painted rows 2 complete False loaded []", proc.stdout
    assert lines[1].startswith("ready in "), proc.stdout
    assert lines[2:] == ["after smoke complete True panel DossierPanel sites True", "exit 0"]
    assert "2 rows shown; window complete" in proc.stderr


def test_a_staged_window_that_does_not_paint_completes_anyway(
        qtbot: QtBot, store: Store, data_dir: Path) -> None:
    fill(store, 3)
    window = _window(qtbot, store, data_dir, staged=True)
    try:
        qtbot.wait(200)
        assert not window.is_complete  # never shown: no paint
        qtbot.waitUntil(lambda: window.is_complete, timeout=WAIT)
        assert window.splitter.widget(1) is window.panel
    finally:
        window.close()
