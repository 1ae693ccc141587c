"""The main window, driven through its real widgets: incremental list, search as you type,
filters, side panel, actions and shortcuts (on a test double of the dossier workflow), settings,
About box, accessible names, scaling."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QComboBox,
    QLineEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app import __version__
from app.demo import DEMO_AS_OF, demo_records
from app.dossier_service import DossierService
from app.forms.identity import fold
from app.forms.questionnaire import load_questionnaire
from app.models.database import Store
from app.models.listing import list_dossiers
from app.models.repository import import_records
from app.ui import wording
from app.ui.actions import ACTIONS, ActionId, Menu
from app.ui.main_window import MainWindow
from app.ui.settings import AppSettings

pytestmark = pytest.mark.gui

AS_OF = datetime.combine(DEMO_AS_OF, datetime.min.time(), tzinfo=UTC) + timedelta(hours=18)
WAIT = 10_000


class FakeFlow(QWidget):
    """Test double of app.ui.dossier_flow.DossierFlow: records the calls the window makes."""

    finished = Signal(str)
    dossier_changed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Parcours du dossier (test)")
        self.calls: list[tuple[str, str]] = []

    def start_new(self, channel: str = "accueil") -> None:
        self.calls.append(("start_new", channel))

    def open_dossier(self, dossier_id: str) -> None:
        self.calls.append(("open_dossier", dossier_id))

    def open_documents(self, dossier_id: str) -> None:
        self.calls.append(("open_documents", dossier_id))

    def open_consents(self, dossier_id: str) -> None:
        self.calls.append(("open_consents", dossier_id))


def fill(store: Store, count: int) -> None:
    with store.transaction() as s:
        import_records(s, demo_records(count, load_questionnaire(), seed=1), write_outbox=False)


def open_window(qtbot: QtBot, store: Store, data_dir: Path) -> MainWindow:
    flow = FakeFlow()
    window = MainWindow(store=store, service=DossierService(store, agent="agent.test"),
                        settings=AppSettings(agent_name="Agent Test"), data_dir=data_dir,
                        flow=flow, clock=lambda: AS_OF)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=WAIT):
        window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    return window


@pytest.fixture
def window(qtbot: QtBot, store: Store, data_dir: Path) -> Iterator[MainWindow]:
    fill(store, 300)
    w = open_window(qtbot, store, data_dir)
    yield w
    w.close()  # stops the list's worker before the store closes


def flow_of(window: MainWindow) -> FakeFlow:
    assert isinstance(window.flow, FakeFlow)
    return window.flow


def rows(window: MainWindow) -> list[Any]:
    return [window.model.row_at(i) for i in range(window.model.rowCount())]


def type_search(qtbot: QtBot, window: MainWindow, text: str) -> None:
    window.search_edit.clear()
    window.apply_filters_now()
    qtbot.waitUntil(lambda: not window.model.loading, timeout=WAIT)
    with qtbot.waitSignal(window.model.first_page_loaded, timeout=WAIT):
        qtbot.keyClicks(window.search_edit, text)


def digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


# --------------------------------------------------------------------------- list


def test_list_is_fetched_page_by_page(qtbot: QtBot, store: Store, data_dir: Path) -> None:
    fill(store, 1100)
    window = open_window(qtbot, store, data_dir)
    model = window.model
    try:
        assert model.rowCount() == 200
        qtbot.waitUntil(lambda: digits(window.count_label.text()) == "1100", timeout=WAIT)
        assert model.canFetchMore(model.index(-1, -1))
        # Scrolling to the bottom asks for the next page.
        with qtbot.waitSignal(model.rows_fetched, timeout=WAIT):
            window.table.scrollToBottom()
            window.table.verticalScrollBar().setValue(window.table.verticalScrollBar().maximum())
        assert model.rowCount() == 400
        while model.canFetchMore(model.index(-1, -1)):
            with qtbot.waitSignal(model.rows_fetched, timeout=WAIT):
                model.fetchMore(model.index(-1, -1))
        assert model.rowCount() == 1100
        with store.session() as s:
            assert [r.number for r in rows(window)] == [
                r.number for r in list_dossiers(s, limit=2000)]
        # Urgent open dossiers first (closed and old urgent ones sort among the others).
        with store.session() as s:
            block = {r.id for r in list_dossiers(s, urgent_only=True, limit=2000)}
        assert all(r.urgent and r.status != "clos" for r in rows(window) if r.id in block)
        flags = [r.id in block for r in rows(window)]
        assert True in flags and flags == sorted(flags, reverse=True)
    finally:
        window.close()


def test_urgent_dossiers_are_flagged_in_words(window: MainWindow) -> None:
    model = window.model
    urgent = [i for i in range(model.rowCount()) if model.row_at(i).urgent]  # type: ignore[union-attr]
    calm = [i for i in range(model.rowCount()) if not model.row_at(i).urgent]  # type: ignore[union-attr]
    # The urgent block comes first; closed or old urgent dossiers keep their flag further down.
    assert urgent and calm and urgent[0] == 0 < calm[0] and urgent[: calm[0]] == list(
        range(calm[0]))
    assert model.index(urgent[0], 0).data() == "Urgent"
    assert model.index(calm[0], 0).data() == ""
    assert model.index(calm[0], 0).data(Qt.ItemDataRole.AccessibleTextRole) == "Non urgent"
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Urgent", "N° de dossier", "Nom", "Prénom", "Canal", "Statut",
                       "Organismes", "Mis à jour", "Synchronisation"]
    assert model.index(0, 8).data() == wording.sync_state_label("local") == "Local uniquement"
    assert "Local uniquement" in window.sync_label.text()


def test_search_as_you_type_narrows_the_list(qtbot: QtBot, window: MainWindow) -> None:
    loads: list[int] = []
    window.model.first_page_loaded.connect(lambda: loads.append(1))
    with qtbot.waitSignal(window.model.first_page_loaded, timeout=WAIT):
        qtbot.keyClicks(window.search_edit, "Kowa")
    assert loads == [1]  # one query for the whole word typed, thanks to the debounce
    found = rows(window)
    assert found and len(found) < 300
    assert all(fold(r.nom).startswith("kowa") or fold(r.prenom).startswith("kowa")
               for r in found)
    qtbot.waitUntil(lambda: digits(window.count_label.text()) == str(len(found)), timeout=WAIT)


def test_search_ignores_accents_and_case(qtbot: QtBot, window: MainWindow) -> None:
    type_search(qtbot, window, "queme")
    plain = [r.number for r in rows(window)]
    assert plain and all(fold(r.nom).startswith("queme") for r in rows(window))
    assert any(r.nom == "Quéméner" for r in rows(window))
    type_search(qtbot, window, "QUÉMÉ")
    assert [r.number for r in rows(window)] == plain


def test_search_by_number_and_siret(qtbot: QtBot, window: MainWindow, store: Store) -> None:
    target = rows(window)[42]
    type_search(qtbot, window, target.number)
    assert [r.id for r in rows(window)] == [target.id]
    siret = DossierService(store, agent="t").record(target.id)["identity"]["siret"]
    type_search(qtbot, window, siret)
    assert target.id in [r.id for r in rows(window)]
    # Escape in the search field clears it and brings every dossier back.
    with qtbot.waitSignal(window.model.first_page_loaded, timeout=WAIT):
        qtbot.keyClick(window.search_edit, Qt.Key.Key_Escape)
    assert window.model.rowCount() == 200


def choose(qtbot: QtBot, window: MainWindow, combo: QComboBox, data: Any) -> None:
    index = combo.findData(data)
    assert index >= 0
    with qtbot.waitSignal(window.model.first_page_loaded, timeout=WAIT):
        combo.setCurrentIndex(index)


def test_filters(qtbot: QtBot, window: MainWindow) -> None:
    choose(qtbot, window, window.status_combo, "oriente")
    assert rows(window) and all(r.status == "oriente" for r in rows(window))
    choose(qtbot, window, window.organisme_combo, "caf")
    assert rows(window) and all("caf" in r.organismes for r in rows(window))
    with qtbot.waitSignal(window.model.first_page_loaded, timeout=WAIT):
        window.urgent_check.click()
    assert rows(window) and all(r.urgent and r.status == "oriente" for r in rows(window))
    assert window.actions_by_id[ActionId.URGENT_ONLY].isChecked()
    window.clear_filters()
    qtbot.waitUntil(lambda: window.model.filters.status is None and not window.model.loading,
                    timeout=WAIT)
    choose(qtbot, window, window.site_combo, "BRE")
    assert rows(window) and all(r.site_code == "BRE" for r in rows(window))
    choose(qtbot, window, window.site_combo, None)
    choose(qtbot, window, window.period_combo, "7d")
    since = (AS_OF - timedelta(days=7)).astimezone().replace(hour=0, minute=0, second=0,
                                                             microsecond=0)
    recent = rows(window)
    assert recent and all(r.created_at >= since for r in recent)
    choose(qtbot, window, window.period_combo, "12m")
    assert window.model.rowCount() > len(recent)


def test_selection_fills_the_panel(qtbot: QtBot, window: MainWindow, store: Store) -> None:
    service = DossierService(store, agent="t")
    target = next(
        r for r in rows(window)
        if r.organismes and any(c.get("revoked_at") is None for c in
                                service.record(r.id)["consents"]))
    record = service.record(target.id)
    assert window.select_dossier(target.id)
    qtbot.waitUntil(lambda: (window.panel.record or {}).get("id") == target.id, timeout=WAIT)
    panel = window.panel
    assert f"{target.nom} {target.prenom}" == panel.name_label.text()
    assert panel.fields["number"].text() == target.number
    assert panel.fields["status"].text() == wording.status_label(target.status)
    assert panel.fields["answered"].text() == f"{len(record['answers'])} / 12"
    assert panel.fields["sync"].text() == "Local uniquement"
    assert panel.urgent_label.isVisibleTo(panel) == target.urgent
    consents = panel.consents_label.text()
    for consent in record["consents"]:
        assert wording.organisme_label(consent["organisme"]) in consents
    assert "Accordé" in consents and "signé à l’accueil" in consents or "oral" in consents
    orientations = panel.orientations_label.text()
    for orientation in record["orientations"]:
        assert wording.organisme_label(orientation["organisme"]) in orientations
        assert wording.orientation_status_label(orientation["status"]) in orientations
    assert all(panel.buttons[k].isEnabled() for k in ("open_dossier", "documents", "consents"))
    # Not in conflict, not refused by the store: no sync button, and no conflict to resolve.
    assert not panel.buttons["resolve_conflict"].isVisibleTo(panel)
    assert not panel.buttons["quarantine"].isVisibleTo(panel)
    assert not window.actions_by_id[ActionId.RESOLVE_CONFLICT].isEnabled()


def test_panel_shows_a_revoked_consent(qtbot: QtBot, window: MainWindow, store: Store) -> None:
    service = DossierService(store, agent="agent.révocation")
    target = next(r for r in rows(window) if r.organismes)
    organisme = target.organismes[0]
    service.revoke(target.id, organisme)
    window.flow.dossier_changed.emit(target.id)  # type: ignore[attr-defined]
    with qtbot.waitSignal(window.model.reloaded, timeout=WAIT):
        pass
    window.select_dossier(target.id)
    qtbot.waitUntil(lambda: "Révoqué le" in window.panel.consents_label.text(), timeout=WAIT)
    assert "agent.révocation" in window.panel.consents_label.text()


# --------------------------------------------------------------------------- actions


def test_new_dossier_shortcuts_open_the_flow(qtbot: QtBot, window: MainWindow) -> None:
    flow = flow_of(window)
    qtbot.keyClick(window.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert flow.calls == [("start_new", "accueil")]
    assert window.stack.currentWidget() is flow
    assert not window.actions_by_id[ActionId.DOCUMENTS].isEnabled()
    with qtbot.waitSignal(window.model.reloaded, timeout=WAIT):
        flow.finished.emit("")
    assert window.stack.currentWidget() is window.list_page
    qtbot.keyClick(window.table, Qt.Key.Key_N,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert flow.calls[-1] == ("start_new", "telephone")


def test_enter_ctrl_p_ctrl_k_act_on_the_selected_dossier(qtbot: QtBot,
                                                         window: MainWindow) -> None:
    flow = flow_of(window)
    target = rows(window)[3]
    window.table.setFocus()
    window.select_dossier(target.id)
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert flow.calls == [("open_dossier", target.id)]
    with qtbot.waitSignal(window.model.reloaded, timeout=WAIT):
        flow.finished.emit(target.id)
    assert window.selected_id() == target.id
    qtbot.keyClick(window.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert flow.calls[-1] == ("open_documents", target.id)
    with qtbot.waitSignal(window.model.reloaded, timeout=WAIT):
        flow.finished.emit(target.id)
    qtbot.keyClick(window.table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert flow.calls[-1] == ("open_consents", target.id)
    with qtbot.waitSignal(window.model.reloaded, timeout=WAIT):
        flow.finished.emit(target.id)
    # Enter in the search field goes to the list, it does not open a dossier.
    window.search_edit.setFocus()
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Return)
    assert flow.calls[-1] == ("open_consents", target.id)
    assert window.table.hasFocus()
    # The panel's buttons trigger the same actions.
    window.panel.buttons["open_dossier"].click()
    assert flow.calls[-1] == ("open_dossier", target.id)


def test_finished_returns_to_the_list_and_reselects(qtbot: QtBot, window: MainWindow,
                                                    store: Store) -> None:
    flow = flow_of(window)
    target = rows(window)[7]
    window.select_dossier(target.id)
    window.actions_by_id[ActionId.OPEN_DOSSIER].trigger()
    assert window.stack.currentWidget() is flow
    service = DossierService(store, agent="t")
    service.answer(target.id, "Q01", service.record(target.id)["answers"].get("Q01", "non"))
    with qtbot.waitSignal(window.model.reloaded, timeout=WAIT):
        flow.finished.emit(target.id)
    assert window.stack.currentWidget() is window.list_page
    assert window.selected_id() == target.id
    qtbot.waitUntil(lambda: (window.panel.record or {}).get("id") == target.id, timeout=WAIT)


def test_finished_on_a_dossier_outside_the_filters_shows_it(qtbot: QtBot, window: MainWindow
                                                            ) -> None:
    flow = flow_of(window)
    everyone = rows(window)
    target = next(r for r in everyone if r.status != "oriente")
    choose(qtbot, window, window.status_combo, "oriente")
    flow.finished.emit(target.id)
    qtbot.waitUntil(lambda: window.selected_id() == target.id, timeout=WAIT)
    assert window.search_edit.text() == target.number
    assert window.status_combo.currentData() is None


def test_search_shortcut_and_sync_action(qtbot: QtBot, window: MainWindow) -> None:
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_edit.hasFocus()
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Down)
    assert window.table.hasFocus()
    sync = window.actions_by_id[ActionId.SYNCHRONIZE]
    assert sync.isEnabled()
    assert sync.toolTip() == ("Envoyer les dossiers au serveur central et recevoir les mises à "
                              "jour (F5)")
    texts = {a.data(): (a.text(), a.shortcut().toString(), a.toolTip())
             for a in window.actions_by_id.values()}
    assert texts["new_dossier"] == ("&Nouveau dossier", "Ctrl+N",
                                    "Ouvrir un nouveau dossier pour la personne reçue à "
                                    "l’accueil (Ctrl+N)")
    assert texts["settings"][1] == "Ctrl+,"
    assert texts["quit"][1] == "Ctrl+Q"
    menus = [m.title() for m in window.menus.values()]
    assert menus == ["&Fichier", "&Dossier", "&Synchronisation", "&Affichage", "Aid&e"]
    assert len(ACTIONS) == len(window.actions_by_id)
    sync_menu = [a.text() for a in window.menus[Menu.SYNC].actions()
                 if not a.isSeparator() and a.isVisible()]  # the audit log: admin accounts
    assert sync_menu == ["&Synchroniser", "Suivi des &partenaires…", "Dossiers en &quarantaine…",
                         "&Espace partenaire…", "Se &déconnecter du serveur central"]
    # No token on this workstation: nothing to log out of, and the tooltip says why.
    logout = window.actions_by_id[ActionId.LOGOUT]
    assert not logout.isEnabled()
    assert logout.toolTip() == "Ce poste n’est pas connecté au serveur central"
    assert texts["resolve_conflict"][1] == "Ctrl+Shift+C"
    # Every shortcut is used once.
    keys = [k for a in window.actions_by_id.values() for k in
            (s.toString() for s in a.shortcuts())]
    assert len(keys) == len(set(keys))


def test_no_quarantine_no_partner_news_nothing_in_the_status_bar(qtbot: QtBot,
                                                                window: MainWindow) -> None:
    assert not window.quarantine_button.isVisible()
    assert not window.partner_button.isVisible()
    assert not window.partner_notice.isVisible()
    window.actions_by_id[ActionId.QUARANTINE].trigger()
    dialog = window.quarantine_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    assert dialog.empty_label.isVisible() and not dialog.table.isVisible()
    assert not dialog.open_button.isEnabled()
    assert unnamed_controls(dialog) == []
    dialog.reject()
    window.actions_by_id[ActionId.PARTNER_UPDATES].trigger()
    updates = window.partner_updates_dialog
    qtbot.waitUntil(updates.isVisible, timeout=WAIT)
    assert updates.empty_label.text() == "Aucun suivi de partenaire pour l’instant."
    updates.reject()


def test_settings_dialog_saves_and_reloads(qtbot: QtBot, window: MainWindow,
                                           data_dir: Path) -> None:
    window.actions_by_id[ActionId.SETTINGS].trigger()
    dialog = window.settings_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    assert "BRE-02" in dialog.site_note.text()
    dialog.site_combo.setCurrentIndex(dialog.site_combo.findData("QUI"))
    dialog.agent_edit.clear()
    qtbot.keyClicks(dialog.agent_edit, "Nolwenn Le Gall")
    dialog.server_edit.setText("https://central.example.fr")
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    dialog.phone_check.setChecked(True)
    with qtbot.waitSignal(window.settings_changed, timeout=WAIT):
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    saved = AppSettings.load(data_dir)
    assert (saved.site_code, saved.agent_name, saved.server_url, saved.language,
            saved.phone_mode) == ("QUI", "Nolwenn Le Gall", "https://central.example.fr", "en",
                                  True)
    assert window.settings.agent_name == "Nolwenn Le Gall"
    assert "Nolwenn Le Gall" in window.workstation_label.text()
    # Opening the dialog again shows what was saved.
    window.actions_by_id[ActionId.SETTINGS].trigger()
    again = window.settings_dialog
    assert again.agent_edit.text() == "Nolwenn Le Gall"
    assert again.site_combo.currentData() == "QUI"
    again.reject()


def test_about_box(qtbot: QtBot, window: MainWindow, data_dir: Path) -> None:
    window.actions_by_id[ActionId.ABOUT].trigger()
    dialog = window.about_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    details = dialog.findChild(QWidget, "about_details").text()  # type: ignore[union-attr]
    assert __version__ in details and "help-v1" in details and str(data_dir) in details
    licences = dialog.findChild(QWidget, "about_licences").text()  # type: ignore[union-attr]
    assert "LGPL" in licences and "DejaVu" in licences
    dialog.reject()


# --------------------------------------------------------------------------- accessibility


def unnamed_controls(root: QWidget) -> list[str]:
    missing = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        control = isinstance(widget, QAbstractButton | QComboBox | QLineEdit
                             | QAbstractItemView | QAbstractScrollArea)
        if not control and widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        if isinstance(widget.parent(), QComboBox | QAbstractScrollArea) and not control:
            continue  # the inner viewport or line edit of a control that has a name
        interface = QAccessible.queryAccessibleInterface(widget)
        name = interface.text(QAccessible.Text.Name) if interface else ""
        if not (widget.accessibleName() or name).strip():
            missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return missing


def test_every_visible_control_has_an_accessible_name(qtbot: QtBot, window: MainWindow) -> None:
    target = next(r for r in rows(window) if r.organismes)
    window.select_dossier(target.id)
    qtbot.waitUntil(lambda: window.panel.record is not None, timeout=WAIT)
    assert unnamed_controls(window) == []
    window.actions_by_id[ActionId.SETTINGS].trigger()
    qtbot.waitUntil(window.settings_dialog.isVisible, timeout=WAIT)
    assert unnamed_controls(window.settings_dialog) == []
    window.settings_dialog.reject()
    window.actions_by_id[ActionId.ABOUT].trigger()
    qtbot.waitUntil(window.about_dialog.isVisible, timeout=WAIT)
    assert unnamed_controls(window.about_dialog) == []
    window.about_dialog.reject()


SCALED_SCRIPT = textwrap.dedent("""
    import sys
    from pathlib import Path
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QAbstractButton, QComboBox, QWidget
    from app.dossier_service import DossierService
    from app.models.database import open_store
    from app.models.repository import import_records
    from app.demo import demo_records
    from app.forms.questionnaire import load_questionnaire
    from app.ui.main_window import MainWindow
    from app.ui.settings import AppSettings

    app = QApplication([])
    data = Path(sys.argv[1])
    with open_store(data) as store:
        with store.transaction() as s:
            import_records(s, demo_records(60, load_questionnaire(), seed=1), write_outbox=False)
        class Flow(QWidget):
            from PySide6.QtCore import Signal
            finished = Signal(str)
            dossier_changed = Signal(str)
        window = MainWindow(store=store, service=DossierService(store, agent="t"),
                            settings=AppSettings(), data_dir=data, flow=Flow())
        loaded = []
        window.ready.connect(lambda: loaded.append(1))
        window.show()
        while not loaded:
            app.processEvents()
        window.select_dossier(window.model.row_at(0).id)
        for _ in range(20):
            app.processEvents()
        problems = []
        header = window.table.horizontalHeader()
        for column in range(window.model.columnCount()):
            if window.table.columnWidth(column) < header.sectionSizeFromContents(column).width():
                problems.append(f"column {column} narrower than its header")
        for w in window.findChildren(QWidget):
            if w.isVisible() and isinstance(w, (QAbstractButton, QComboBox)):
                if w.width() < w.minimumSizeHint().width():
                    problems.append(f"{type(w).__name__} {w.objectName()} clipped")
        window.close()
        print("problems:", problems)
        sys.exit(1 if problems else 0)
""")


@pytest.mark.parametrize("scale", [{"QT_SCALE_FACTOR": "1.25"}, {"QT_SCALE_FACTOR": "1.5"},
                                   {"QT_FONT_DPI": "144"}], ids=["125", "150", "font-144dpi"])
def test_nothing_is_clipped_when_scaled(tmp_path: Path, scale: dict[str, str]) -> None:
    env = {**os.environ, **scale, "QT_QPA_PLATFORM": "offscreen",
           "XDG_DATA_HOME": str(tmp_path / "xdg")}
    proc = subprocess.run([sys.executable, "-c", SCALED_SCRIPT, str(tmp_path / "data")],
                          env=env, capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).resolve().parents[2], check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_window_does_not_import_the_document_stack() -> None:
    """Start-up stays lean: the window itself never needs reportlab."""
    code = ("import sys, app.ui.main_window, app.ui.app; "
            "print(sorted(m for m in sys.modules if m.startswith(('reportlab', 'app.documents'))))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, check=True,
                          cwd=Path(__file__).resolve().parents[2])
    assert proc.stdout.strip() == "[]"

