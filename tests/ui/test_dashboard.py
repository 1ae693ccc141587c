"""« Tableau de bord » (issue 17): the filters drive the store's calls, « < 5 » is shown as such
with its legend, the exports (CSV, .xlsx read back as a zip), the monthly report in the print
preview, and who gets the window (a pilotage account: that window only; an admin: a menu
entry)."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from app.sync.errors import SyncError
from app.sync.session import store_token
from app.ui.actions import ActionId, Menu
from app.ui.dashboard import (
    DashboardQuery,
    DashboardWidget,
    DashboardWindow,
    fragility_rows,
    period_text,
    period_title,
    saved_dashboard_window,
    trend_period,
    with_every_month,
)
from app.ui.settings import AppSettings
from tests.server.conftest import fast_password_hashing as fast_password_hashing  # noqa: F401

WAIT = 10_000
SERVER = "http://testserver"
PERIOD = {"label": "novembre 2026", "first": "2026-11-01", "last": "2026-11-30"}
METHOD = "Dossiers distincts ouverts sur la période (heure de Paris)."


def _value(dim: str, n: int) -> Any:
    return {"site": ["REN", "BRE"][n % 2], "organisme": ["urssaf", "caf"][n % 2],
            "channel": ["accueil", "telephone"][n % 2], "urgent": bool(n % 2),
            "month": f"2026-{11 - n:02d}", "status": ["recue", "en_cours"][n % 2],
            "outcome": ["aide_accordee", None][n % 2], "aid": ["ACED", "AFE"][n % 2]}.get(dim)


class Fake:
    """The store's answers in the contract's shapes; every call recorded in ``log``."""

    def __init__(self, secret: bool = False, fail: bool = False) -> None:
        self.log: list[tuple[str, tuple[str, ...], str, bool]] = []
        self.secret = secret
        self.fail = fail

    def _rows(self, by: Sequence[str], key: str = "dossiers") -> list[dict[str, Any]]:
        rows = []
        for n, count in enumerate((12, 3 if self.secret else 7)):
            row: dict[str, Any] = {}
            for dim in by:
                if dim == "question":
                    row.update(question="Q01", answer=["dette", "non"][n])
                else:
                    row[dim] = _value(dim, n)
            row[key] = "<5" if count < 5 else count
            rows.append(row)
        return rows

    def _answer(self, kind: str, by: Sequence[str], period: str, exact: bool,
                method: str) -> dict[str, Any]:
        self.log.append((kind, tuple(by), period, exact))
        if self.fail:
            raise SyncError("le serveur central ne répond pas")
        return {"period": PERIOD, "by": list(by), "secrecy": self.secret, "method": method}

    def breakdown(self, by: Sequence[str], period: str, exact: bool = False) -> dict[str, Any]:
        answer = self._answer("breakdown", by, period, exact, METHOD)
        return {**answer, "rows": self._rows(by),
                "total": {"dossiers": 15 if self.secret else 19}}

    def times(self, by: Sequence[str], period: str, exact: bool = False) -> dict[str, Any]:
        answer = self._answer("times", by, period, exact, "Délais en jours calendaires.")
        rows = []
        for row in self._rows(by):
            row.pop("dossiers")
            rows.append(dict(row, first_contact={"count": 12, "median_days": 2.5,
                                                 "p90_days": 6.0},
                             closure={"count": 12, "median_days": 4.5, "p90_days": 9.0}
                             if row.get("organisme") == "urssaf" else
                             {"count": "<5", "median_days": None, "p90_days": None}))
        return {**answer, "rows": rows, "secrecy": True}

    def calls(self, by: Sequence[str], period: str, exact: bool = False) -> dict[str, Any]:
        answer = self._answer("calls", by, period, exact, "Entrées de la liste d’appels.")
        rows = [dict(row, reached=9, dossiers_opened=6, refusals="<5", letters=0)
                for row in self._rows(by, "entries")]
        return {**answer, "rows": rows, "secrecy": True,
                "total": {"entries": 40, "reached": 18, "dossiers_opened": 12,
                          "refusals": 5, "letters": 0}}


class Saver:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.asked: list[str] = []

    def __call__(self, _parent: Any, _title: str, suggested: str, _filter: str) -> str:
        self.asked.append(suggested)
        return str(self.folder / suggested)


@pytest.fixture
def fake() -> Fake:
    return Fake()


def make_dashboard(qtbot: QtBot, fake: Fake, tmp_path: Path, *, exact: bool = False,
                   **options: Any) -> DashboardWidget:
    widget = DashboardWidget(lambda: fake, exact_allowed=exact,
                             today=lambda: date(2026, 11, 20), save_path=Saver(tmp_path),
                             **options)
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    return widget


def refreshed(qtbot: QtBot, widget: DashboardWidget) -> None:
    with qtbot.waitSignal(widget.loaded, timeout=WAIT):
        widget.refresh()


def periods(fake: Fake) -> set[str]:
    return {period for kind, _by, period, _exact in fake.log if kind != "calls"
            and "month" not in _by}


# --------------------------------------------------------------------------- pure parts


def test_period_text_and_the_trend_of_twelve_months() -> None:
    assert period_text("month", 2026, month=3) == "2026-03"
    assert period_text("quarter", 2026, quarter=4) == "2026-Q4"
    assert period_text("year", 2026) == "2026"
    assert period_text("week", 2026, week=7) == "2026-W07"
    assert trend_period("2026-11") == "2025-12..2026-11"
    assert trend_period("2026-12") == "2026-01..2026-12"
    assert trend_period("2026-Q1") == "2025-04..2026-03"
    assert trend_period("2026-W47") == "2025-12..2026-11"
    assert [period_title(p) for p in ("2026-11", "2026-Q1", "2026-Q4", "2026-W07", "2026")] == [
        "novembre 2026", "1ᵉʳ trimestre 2026", "4ᵉ trimestre 2026", "semaine 7 de 2026",
        "année 2026"]


def test_a_query_asks_its_filters_as_dimensions_and_keeps_their_rows() -> None:
    query = DashboardQuery("2026-11", site="REN", organisme="caf", group_by="site")
    assert query.by("organisme", "month") == ["site", "organisme", "month"]
    rows = [{"site": "REN", "organisme": "caf", "dossiers": 3},
            {"site": "BRE", "organisme": "caf", "dossiers": 8},
            {"site": "REN", "organisme": "urssaf", "dossiers": 9}]
    assert query.keep(rows) == [rows[0]]
    assert DashboardQuery("2026").by("site") == ["site"]


def test_the_fragilities_chart_keeps_the_answers_that_tell_one() -> None:
    rows = [{"question": "Q01", "answer": "non", "dossiers": 40},
            {"question": "Q01", "answer": "dette", "dossiers": "<5"},
            {"question": "Q01", "answer": "ponctuelles", "dossiers": 9},
            {"question": "Q01", "answer": "nsp", "dossiers": 6}]
    shown = fragility_rows(rows)
    assert [r["answer"] for r in shown] == ["ponctuelles", "dette"]
    assert shown[0]["label"].startswith("Cotisations\u00a0: ")


def test_the_trend_has_every_month_of_its_period() -> None:
    rows = [{"month": "2026-11", "dossiers": 13}, {"month": "2026-02", "dossiers": "<5"}]
    filled = with_every_month(rows, "2025-12..2026-11")
    assert [r["month"] for r in filled][:3] == ["2025-12", "2026-01", "2026-02"]
    assert len(filled) == 12 and filled[-1]["dossiers"] == 13
    assert [r["dossiers"] for r in filled[:3]] == [0, 0, "<5"]


# --------------------------------------------------------------------------- the widget


def test_filters_drive_the_calls_to_the_store(qtbot: QtBot, fake: Fake, tmp_path: Path) -> None:
    widget = make_dashboard(qtbot, fake, tmp_path)
    refreshed(qtbot, widget)
    assert periods(fake) == {"2026-11"}  # the month of « today »
    breakdowns = {by for kind, by, _p, _e in fake.log if kind == "breakdown"}
    assert {("site",), ("urgent",), ("organisme",), ("question",), ("organisme", "outcome"),
            ("channel",), ("organisme", "status")} <= breakdowns
    assert ("breakdown", ("month",), "2025-12..2026-11", False) in fake.log
    assert ("times", ("organisme",), "2026-11", False) in fake.log
    assert ("calls", ("site",), "2026-11", False) in fake.log
    assert not any(exact for *_rest, exact in fake.log)

    # A site: every breakdown is asked by site first, and only that site's rows are shown.
    fake.log.clear()
    widget.site.setCurrentIndex(widget.site.findData("REN"))
    with qtbot.waitSignal(widget.loaded, timeout=WAIT):
        widget.site.activated.emit(widget.site.currentIndex())
    assert all(by[0] == "site" for kind, by, _p, _e in fake.log if kind != "calls")
    assert ("breakdown", ("site", "organisme"), "2026-11", False) in fake.log
    assert widget.cell_texts() and all("Bretagne" not in " ".join(r) and "Brest" not in
                                       " ".join(r) for r in widget.cell_texts())

    # A quarter, then a week: the period the store is asked for follows.
    fake.log.clear()
    with qtbot.waitSignal(widget.loaded, timeout=WAIT):
        widget.period_kind.setCurrentIndex(widget.period_kind.findData("quarter"))
    assert periods(fake) == {"2026-Q4"}
    assert widget.month.isHidden() and not widget.quarter.isHidden()
    fake.log.clear()
    with qtbot.waitSignal(widget.loaded, timeout=WAIT):
        widget.period_kind.setCurrentIndex(widget.period_kind.findData("week"))
    assert periods(fake) == {"2026-W47"}

    # « Regrouper par »: the table alone is asked again.
    fake.log.clear()
    widget.group_by.setCurrentIndex(widget.group_by.findData("channel"))
    with qtbot.waitSignal(widget.table_loaded, timeout=WAIT):
        widget.group_by.activated.emit(widget.group_by.currentIndex())
    assert fake.log == [("breakdown", ("site", "channel"), "2026-W47", False)]
    assert widget.table_model.horizontalHeaderItem(0).text() == "Canal"
    assert widget.cell_texts()[0][:2] == ["Accueil", "12"]


def test_main_figures_and_charts(qtbot: QtBot, fake: Fake, tmp_path: Path) -> None:
    widget = make_dashboard(qtbot, fake, tmp_path)
    refreshed(qtbot, widget)
    assert widget.data is not None
    assert widget.figure_dossiers.value.text() == "19"
    # urgent rows: the second row (7 dossiers) is the urgent one: 7 / 19 = 37 %
    assert widget.figure_urgent.value.text() == "37\u00a0%"
    assert widget.figure_reached.value.text() == "18"
    assert widget.figure_dossiers.value.accessibleName() == "Dossiers ouverts : 19"
    for chart in (widget.chart_months, widget.chart_questions, widget.chart_organismes,
                  widget.chart_times):
        assert chart.svg_bytes is not None and chart.svg_bytes.startswith(b"<?xml")
        assert chart.svg.renderer().isValid() and not chart.svg.isHidden()
    assert not widget.legend.isHidden()  # the times carry « < 5 »
    assert METHOD in widget.status.text() and "novembre 2026" in widget.status.text()


def test_small_counts_are_shown_as_such_with_the_legend(qtbot: QtBot, tmp_path: Path) -> None:
    fake = Fake(secret=True)
    widget = make_dashboard(qtbot, fake, tmp_path)
    refreshed(qtbot, widget)
    cells = widget.cell_texts()
    assert cells == [["Rennes", "12"], ["Brest", "<\u00a05"], ["Total", "15"]]
    assert widget.legend.isVisible() and "secret statistique" in widget.legend.text()
    secret = next(widget.table_model.item(r, 1) for r in range(widget.table_model.rowCount())
                  if widget.table_model.item(r, 1).text() == "<\u00a05")
    assert secret.toolTip().startswith("Secret statistique")
    # the urgent count is hidden: no share is computed from it
    assert widget.figure_urgent.value.text() == "<\u00a05 dossiers"


def test_an_admin_may_ask_for_exact_counts(qtbot: QtBot, fake: Fake, tmp_path: Path) -> None:
    plain = make_dashboard(qtbot, Fake(), tmp_path)
    assert plain.exact.isHidden()
    widget = make_dashboard(qtbot, fake, tmp_path, exact=True)
    refreshed(qtbot, widget)
    fake.log.clear()
    with qtbot.waitSignal(widget.loaded, timeout=WAIT):
        widget.exact.setChecked(True)
    assert fake.log and all(exact for *_rest, exact in fake.log)
    assert "chiffres exacts" in widget.status.text()


def test_a_failure_is_told_and_nothing_is_exported(qtbot: QtBot, tmp_path: Path) -> None:
    widget = make_dashboard(qtbot, Fake(fail=True), tmp_path)
    with qtbot.waitSignal(widget.failed, timeout=WAIT) as blocker:
        widget.refresh()
    assert blocker.args == ["Les chiffres n’ont pas pu être lus : le serveur central ne "
                            "répond pas"]
    assert widget.status.text() == blocker.args[0]
    assert not widget.csv_button.isEnabled() and widget.refresh_button.isEnabled()
    assert widget.export_csv() is None


def test_keyboard_refresh_and_exports(qtbot: QtBot, tmp_path: Path) -> None:
    fake = Fake()
    window = DashboardWindow(lambda: fake, today=lambda: date(2026, 11, 20),
                             save_path=Saver(tmp_path))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.dashboard.loaded, timeout=WAIT):
        window.show()
    qtbot.waitActive(window)
    assert window.dashboard.period_kind.hasFocus()  # the first filter, ready for the keys
    fake.log.clear()
    with qtbot.waitSignal(window.dashboard.loaded, timeout=WAIT):
        qtbot.keyClick(window, Qt.Key.Key_F5)
    assert fake.log
    with qtbot.waitSignal(window.dashboard.exported, timeout=WAIT) as blocker:
        qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert str(blocker.args[0]).endswith(".csv")
    window.close()


# --------------------------------------------------------------------------- exports


def test_csv_export_semicolons_bom_and_hidden_counts(qtbot: QtBot, tmp_path: Path) -> None:
    widget = make_dashboard(qtbot, Fake(secret=True), tmp_path)
    refreshed(qtbot, widget)
    with qtbot.waitSignal(widget.exported, timeout=WAIT):
        path = widget.export_csv()
    assert path == str(tmp_path / "tableau-de-bord-2026-11.csv")
    raw = Path(path).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Site", "Dossiers"]
    assert rows[1:] == [["Rennes", "12"], ["Brest", "<5"], ["Total", "15"]]


def _xlsx(path: Path) -> tuple[list[str], str, dict[str, str]]:
    with zipfile.ZipFile(path) as z:
        book = z.read("xl/workbook.xml").decode()
        strings = z.read("xl/sharedStrings.xml").decode()
        sheets = {name: z.read(name).decode() for name in z.namelist()
                  if name.startswith("xl/worksheets/sheet")}
    names = re.findall(r'<sheet name="([^"]+)"', book)
    return names, strings, sheets


def test_xlsx_export_one_sheet_per_breakdown_and_the_method(qtbot: QtBot,
                                                            tmp_path: Path) -> None:
    widget = make_dashboard(qtbot, Fake(secret=True), tmp_path)
    refreshed(qtbot, widget)
    path = widget.export_xlsx()
    assert path is not None and path.endswith(".xlsx")
    names, strings, sheets = _xlsx(Path(path))
    assert names[0] == "Répartition — Site" and names[-1] == "Méthode"
    assert {"Par mois", "Fragilités", "Orientations", "Issues", "Délais",
            "Liste d’appels"} <= set(names)
    assert len(sheets) == len(names)
    for needed in ("&lt;5", "novembre 2026", "Tous les sites, tous les organismes", METHOD,
                   "secret statistique", "Premier contact — médiane (jours)"):
        assert needed in strings, needed
    # numbers are numbers (a spreadsheet sums them), « <5 » stays text
    first = sheets["xl/worksheets/sheet1.xml"]
    assert "<v>12</v>" in first and 't="s"' in first


# --------------------------------------------------------------------------- the report


def test_monthly_report_opens_in_the_print_preview(qtbot: QtBot, tmp_path: Path) -> None:
    from app.ui.print_preview import PrintPreviewDialog

    seen: list[Any] = []

    def renderer(figures: Any, site: Any, at: Any) -> bytes:
        seen.append((figures, site))
        from app.documents.monthly_report import render_monthly_report

        return render_monthly_report(figures, site, at)

    widget = make_dashboard(qtbot, Fake(secret=True), tmp_path, report_renderer=renderer)
    refreshed(qtbot, widget)
    widget.site.setCurrentIndex(widget.site.findData("REN"))
    with qtbot.waitSignal(widget.loaded, timeout=WAIT):
        widget.site.activated.emit(widget.site.currentIndex())
    dialog = widget.open_report()
    assert isinstance(dialog, PrintPreviewDialog)
    figures, site = seen[0]
    assert site == "Rennes (REN)"
    assert {"trend", "question", "organisme", "outcome", "times", "calls"} <= set(figures)
    assert all(row["site"] == "REN" for row in figures["organisme"]["rows"])
    assert dialog.document.pdf.startswith(b"%PDF")
    assert dialog.windowTitle() == "Aperçu avant impression — Rapport mensuel — novembre 2026"
    assert dialog.document.filename == "rapport-mensuel-2026-11.pdf"
    dialog.close()


# --------------------------------------------------------------------------- who gets it


def saved_window(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, settings: AppSettings,
                 data_dir: Path, fake: Fake, tokens: list[str],
                 revoked: list[str] | None = None) -> DashboardWindow:
    """The pilotage account's saved window, shown and loaded, its StatsClient answered by
    ``fake`` (each token it is made with in ``tokens``, each one revoked in ``revoked``)."""

    class Client:
        def __init__(self, _http: Any, token: str) -> None:
            self.token = token
            tokens.append(token)

        def logout(self) -> None:
            assert revoked is not None
            revoked.append(self.token)

        def __getattr__(self, name: str) -> Any:
            return getattr(fake, name)

    monkeypatch.setattr("app.sync.stats.StatsClient", Client)
    window = saved_dashboard_window(settings, data_dir, http_factory=lambda _s: object())
    assert isinstance(window, DashboardWindow)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.dashboard.loaded, timeout=WAIT):
        window.show()
    return window


def test_a_pilotage_account_opens_the_dashboard(qtbot: QtBot, keyring_backend: KeyringBackend,
                                                tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    fake = Fake()
    pilotage = AppSettings(server_url=SERVER + "/", agent_role="pilotage", agent_login="copil")
    assert saved_dashboard_window(pilotage, tmp_path) is None  # no token yet
    store_token(tmp_path, SERVER, "jeton-pilotage")
    counter = AppSettings(server_url=SERVER, agent_role="accueil", agent_login="bre")
    assert saved_dashboard_window(counter, tmp_path) is None
    made: list[str] = []
    window = saved_window(qtbot, monkeypatch, pilotage, tmp_path, fake, made)
    assert made == ["jeton-pilotage"]
    assert window.windowTitle() == "Tableau de bord — Accueil TI (copil)"
    assert window.dashboard.figure_dossiers.value.text() == "19"
    window.close()


def test_a_pilotage_account_signs_out_and_the_window_closes(
        qtbot: QtBot, keyring_backend: KeyringBackend, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from app.ui.partner.window import saved_token

    fake = Fake()
    pilotage = AppSettings(server_url=SERVER, agent_role="pilotage", agent_login="copil")
    store_token(tmp_path, SERVER, "jeton-pilotage")
    revoked: list[str] = []
    window = saved_window(qtbot, monkeypatch, pilotage, tmp_path, fake, [], revoked)
    action = window.findChild(QAction, "action_dashboard_sign_out")
    assert action is not None and action.text() == "Se &déconnecter et fermer"
    assert action.shortcut().toString() == "Ctrl+Shift+Q"
    action.trigger()
    assert revoked == ["jeton-pilotage"]  # revoked on the store
    assert saved_token(SERVER, tmp_path) is None  # and forgotten here
    assert not window.isVisible()
    # an admin's second window has no such entry: the main window signs the workstation out
    admin = DashboardWindow(lambda: fake, exact_allowed=True)
    qtbot.addWidget(admin)
    assert admin.findChild(QAction, "action_dashboard_sign_out") is None


def test_run_gui_opens_the_dashboard_of_a_pilotage_account(
        qtbot: QtBot, keyring_backend: KeyringBackend, stats_store: Any, tmp_path: Path,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from app.ui.app import run_gui

    # Qt's own French translations would stay installed for the tests that follow (their
    # shortcuts would read « Ctrl+Retour »)
    monkeypatch.setattr("app.ui.app.install_translators", lambda _app, _language: [])
    data = tmp_path / "data"
    AppSettings(server_url=SERVER, agent_role="pilotage", agent_login="copil").save(data)
    store_token(data, SERVER, stats_store.login("copil")["Authorization"][len("Bearer "):])
    code = run_gui(data, smoke=True, http_factory=lambda _server: stats_store.client)
    out, err = capsys.readouterr()
    assert code == 0 and out.startswith("ready in "), err
    assert re.search(r"accueil-ti: dashboard window; \d+ rows shown", err), err
    assert not (data / "accueil-ti.db").exists()  # no local store: the dashboard only


@pytest.fixture
def main_window(qtbot: QtBot, store: Any, data_dir: Path) -> Iterator[Any]:
    from app.dossier_service import DossierService
    from app.ui.main_window import MainWindow
    from tests.ui.test_main_window import FakeFlow

    window = MainWindow(store=store, service=DossierService(store, agent="a"),
                        settings=AppSettings(agent_name="Agent", agent_role="accueil"),
                        data_dir=data_dir, flow=FakeFlow())
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=WAIT):
        window.show()
    yield window
    window.close()


def test_only_an_admin_has_the_menu_entry(qtbot: QtBot, main_window: Any) -> None:
    action = main_window.actions_by_id[ActionId.DASHBOARD]
    assert not action.isVisible() and main_window.open_dashboard() is None
    main_window.settings.agent_role = "admin"
    main_window.menus[Menu.VIEW].aboutToShow.emit()
    assert action.isVisible() and action.text() == "&Tableau de bord…"
    window = main_window.open_dashboard()
    assert isinstance(window, DashboardWindow)
    assert window.dashboard._exact_allowed  # an admin may ask for exact counts
    assert main_window.open_dashboard() is window  # one window, brought forward
    window.close()


# --------------------------------------------------------------------------- the real store


@pytest.fixture
def stats_store(tmp_path: Path) -> Iterator[Any]:
    """A central store on SQLite with a counter agent of BRE, an admin and a pilotage
    account; 8 dossiers of November 2026, 6 oriented to the Urssaf, 2 urgent."""
    from tests.server.conftest import AGENTS, make_record, make_server

    agents = [a for a in AGENTS if a[0] in ("bre", "admin")]
    server = make_server(f"sqlite:///{tmp_path / 'central.db'}",
                         [*agents, ("copil", "urssaf", "REN", "pilotage")])
    with server.client:
        records = [make_record(n, oriented=("urssaf",) if n <= 6 else (), urgent=n <= 2)
                   for n in range(1, 9)]
        results = server.push(server.login("bre"), *records)
        assert [r["status"] for r in results] == ["accepted"] * 8, results
        yield server
    server.app.state.engine.dispose()


@pytest.mark.parametrize("login", ["copil", "admin"])
def test_the_dashboard_on_the_central_store(qtbot: QtBot, stats_store: Any, tmp_path: Path,
                                            login: str) -> None:
    from app.ui.dashboard import stats_client_factory

    token = stats_store.login(login)["Authorization"].removeprefix("Bearer ")
    factory = stats_client_factory(SERVER, token, lambda _server: stats_store.client)
    window = DashboardWindow(factory, exact_allowed=login == "admin",
                             today=lambda: date(2026, 11, 25), save_path=Saver(tmp_path))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.dashboard.loaded, timeout=WAIT):
        window.show()
    board = window.dashboard
    assert board.figure_dossiers.value.text() == "8"
    assert board.figure_oriented.value.text() == "6"
    assert board.figure_urgent.value.text() in ("25\u00a0%", "<\u00a05 dossiers")
    assert board.chart_organismes.svg_bytes is not None
    csv_path = board.export_csv()
    xlsx_path = board.export_xlsx()
    assert csv_path and xlsx_path
    shown = " ".join(" ".join(row) for row in board.cell_texts())
    _names, strings, _sheets = _xlsx(Path(xlsx_path))
    for text in (shown, Path(csv_path).read_text(encoding="utf-8-sig"), strings):
        for personal in ("Le Goff", "Yann", "73282932000074", "02 98 00 00 00",
                         "yann@example.org", "TI-BRE-01"):
            assert personal not in text
    window.close()
