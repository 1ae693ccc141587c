"""Issue 12, « Lists and states that tell the truth », in the real window: the orientation's
state in the list and the panel, closed urgent dossiers out of the urgent block, the filters
« Mes dossiers » and « Sans nouvelle » (10 working days since issue 16)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.demo import demo_records
from app.forms.deployment import ENV_VAR as DEPLOYMENT_ENV
from app.forms.questionnaire import load_questionnaire
from app.forms.workdays import stale_working_days
from app.models.database import Store
from app.models.entities import Dossier
from app.models.orientation_state import mark_transmitted
from app.models.repository import import_records, to_export
from app.ui.dossier_table import DossierListModel
from app.ui.main_window import MainWindow
from tests.ui.test_main_window import AS_OF, WAIT, open_window, rows

MINE = "Agent Test"  # the window's agent (open_window's settings)


@pytest.fixture
def window(qtbot: QtBot, store: Store, data_dir: Path) -> Iterator[MainWindow]:
    records = list(demo_records(120, load_questionnaire(), seed=3))
    for record in records[:4]:
        record["agent"] = MINE
    with store.transaction() as s:
        import_records(s, records, write_outbox=False, now=AS_OF)
    w = open_window(qtbot, store, data_dir)
    yield w
    w.close()


def consented(store: Store) -> list[dict[str, Any]]:
    """Open dossiers with an orientation the partner can read (consent given, not revoked)."""
    with store.session() as s:
        out = []
        for d in s.scalars(select(Dossier).order_by(Dossier.number)):
            record = to_export(d)
            active = {c["organisme"] for c in record["consents"]
                      if c["given"] and not c.get("revoked_at")}
            if record["status"] != "clos" and any(
                    o["organisme"] in active and o["status"] == "a_transmettre"
                    for o in record["orientations"]):
                out.append(record)
        return out


def reload(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.model.first_page_loaded, timeout=WAIT):
        window.model.reload()


def test_transmise_le_in_the_list_and_the_panel(qtbot: QtBot, window: MainWindow,
                                                store: Store) -> None:
    target = consented(store)[0]
    organisme = next(o["organisme"] for o in target["orientations"]
                     if o["status"] == "a_transmettre")
    window.select_dossier(target["id"])
    qtbot.waitUntil(lambda: (window.panel.record or {}).get("id") == target["id"], timeout=WAIT)
    assert "À transmettre" in window.panel.orientations_label.text()
    assert "Transmise le" not in window.panel.orientations_label.text()

    confirmed = AS_OF - timedelta(days=2)
    with store.transaction() as s:
        mark_transmitted(s, [(target["id"], target)], confirmed)
    day = confirmed.astimezone().strftime("%d/%m/%Y")
    window.flow.dossier_changed.emit(target["id"])  # type: ignore[attr-defined]
    with qtbot.waitSignal(window.model.reloaded, timeout=WAIT):
        pass
    window.select_dossier(target["id"])
    qtbot.waitUntil(lambda: f"Transmise le {day}" in window.panel.orientations_label.text(),
                    timeout=WAIT)
    row = window.model.row_of(target["id"])
    column = DossierListModel.COLUMNS.index("organismes")
    shown = window.model.index(row, column).data()
    assert f"Transmise le {day}" in shown, shown
    assert "Urssaf" in shown or organisme != "urssaf"


def test_closed_urgent_dossiers_leave_the_urgent_block(qtbot: QtBot,
                                                       window: MainWindow) -> None:
    listed = rows(window)
    closed_urgent = [r for r in listed if r.urgent and r.status == "clos"]
    assert closed_urgent, "the demo has closed urgent dossiers"
    first_plain = next(i for i, r in enumerate(listed) if not r.urgent or r.status == "clos")
    assert all(r.urgent and r.status != "clos" for r in listed[:first_plain])
    assert all(not (r.urgent and r.status != "clos" and r.updated_at >= AS_OF - timedelta(90))
               for r in listed[first_plain:])
    with qtbot.waitSignal(window.model.first_page_loaded, timeout=WAIT):
        window.urgent_check.click()
    assert rows(window) and all(r.status != "clos" for r in rows(window))


def test_mes_dossiers_filter(qtbot: QtBot, window: MainWindow) -> None:
    total = window.model.rowCount()
    with qtbot.waitSignal(window.model.first_page_loaded, timeout=WAIT):
        window.mine_check.click()
    assert window.model.filters.agent == MINE
    assert window.model.rowCount() == 4
    window.clear_filters()
    qtbot.waitUntil(lambda: window.model.filters.agent is None and not window.model.loading,
                    timeout=WAIT)
    assert not window.mine_check.isChecked() and window.model.rowCount() == total


def test_partner_silent_for_ten_days_filter(qtbot: QtBot, window: MainWindow,
                                            store: Store) -> None:
    candidates = consented(store)
    silent, recent = candidates[0], candidates[1]
    with store.transaction() as s:
        # « Sans nouvelle » counts working days (issue 16): 20 days back are 13 of them.
        mark_transmitted(s, [(silent["id"], silent)], AS_OF - timedelta(days=20))
        mark_transmitted(s, [(recent["id"], recent)], AS_OF - timedelta(days=3))
    with qtbot.waitSignal(window.model.first_page_loaded, timeout=WAIT):
        window.silent_check.click()
    ids = {r.id for r in rows(window)}
    assert silent["id"] in ids and recent["id"] not in ids
    assert all(r.status != "clos" for r in rows(window))
    assert window.silent_check.accessibleName() == \
        "Sans nouvelle du partenaire depuis 10 jours ouvrés"


@pytest.mark.parametrize(("days", "words"), [(5, "5 jours ouvrés"), (1, "1 jour ouvré")])
def test_the_silent_filter_says_the_deployments_number_of_days(
        qtbot: QtBot, store: Store, data_dir: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, days: int, words: str) -> None:
    deployment = tmp_path / "deployment.toml"
    deployment.write_text(f"[follow_up]\nstale_working_days = {days}\n", encoding="utf-8")
    monkeypatch.setenv(DEPLOYMENT_ENV, str(deployment))
    stale_working_days.cache_clear()  # (tests/conftest.py clears it after the test)
    w = open_window(qtbot, store, data_dir)
    try:
        assert w.silent_check.accessibleName() == f"Sans nouvelle du partenaire depuis {words}"
        assert w.silent_check.toolTip().endswith(f"depuis {words} (jours fériés exclus)")
    finally:
        w.close()
