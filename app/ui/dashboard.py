"""« Tableau de bord »: the statistics of the central store for ``pilotage`` and ``admin``
accounts — filters, main figures, charts, the table of a breakdown, exports and the monthly
report.

Every figure comes from the central store (``GET /stats/*`` through
:class:`app.sync.stats.StatsClient`), computed there in SQL; the window only asks and shows, off
the GUI thread (:func:`app.ui.tasks.run_task`). The store applies statistical secrecy: a count
from 1 to 4 (or one that a total would give away) comes as ``"<5"`` and is shown « < 5 », with
the legend. The filters (site, organisme) are asked as extra dimensions of each breakdown and the
rows of the chosen site and organisme kept, so every figure shown is one the store computed.

The charts are those of the monthly report (:mod:`app.documents.charts`, reportlab's own),
drawn as SVG and shown through QtSvg.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, cast

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.forms.codes import ORGANISMES
from app.ui import wording
from app.ui.dashboard_export import Sheet, write_csv, write_xlsx
from app.ui.tasks import cancel_tasks, run_task, running_tasks

if TYPE_CHECKING:
    from app.ui.settings import AppSettings

log = logging.getLogger(__name__)

HttpFactory = Callable[[str], Any]  # server -> an httpx.Client (tests: the store's TestClient)

PERIOD_KINDS = ("month", "quarter", "year", "week")
GROUP_BY = ("site", "channel", "organisme", "aid", "question", "urgent", "status", "outcome",
            "month")
MONTHS = tuple(str(m) for m in (
    QT_TRANSLATE_NOOP("Dashboard", "Janvier"), QT_TRANSLATE_NOOP("Dashboard", "Février"),
    QT_TRANSLATE_NOOP("Dashboard", "Mars"), QT_TRANSLATE_NOOP("Dashboard", "Avril"),
    QT_TRANSLATE_NOOP("Dashboard", "Mai"), QT_TRANSLATE_NOOP("Dashboard", "Juin"),
    QT_TRANSLATE_NOOP("Dashboard", "Juillet"), QT_TRANSLATE_NOOP("Dashboard", "Août"),
    QT_TRANSLATE_NOOP("Dashboard", "Septembre"), QT_TRANSLATE_NOOP("Dashboard", "Octobre"),
    QT_TRANSLATE_NOOP("Dashboard", "Novembre"), QT_TRANSLATE_NOOP("Dashboard", "Décembre")))


class StatsSource(Protocol):
    """What the dashboard asks of the store (app.sync.stats.StatsClient; tests: a fake)."""

    def breakdown(self, by: Sequence[str], period: str, exact: bool = False) -> dict[str, Any]:
        ...

    def times(self, by: Sequence[str], period: str, exact: bool = False) -> dict[str, Any]:
        ...

    def calls(self, by: Sequence[str], period: str, exact: bool = False) -> dict[str, Any]:
        ...


# --------------------------------------------------------------------------- what is asked


@dataclass(frozen=True)
class DashboardQuery:
    """The filters: a period as the store reads it (``2026-11``, ``2026-Q4``, ``2026``,
    ``2026-W47``), a site and an organisme (None: all), the table's dimension, and whether an
    admin asks for exact counts."""

    period: str
    site: str | None = None
    organisme: str | None = None
    group_by: str = "site"
    exact: bool = False

    @property
    def filters(self) -> list[str]:
        return [d for d, v in (("site", self.site), ("organisme", self.organisme)) if v]

    def by(self, *dimensions: str) -> list[str]:
        """The filters' dimensions, then ``dimensions`` (each once)."""
        out = list(self.filters)
        for d in dimensions:
            if d not in out:
                out.append(d)
        return out

    def keep(self, rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
        """The rows of the chosen site and organisme."""
        wanted = {"site": self.site, "organisme": self.organisme}
        return [dict(r) for r in rows
                if all(r.get(d) == v for d, v in wanted.items() if v)]


def period_text(kind: str, year: int, month: int = 1, quarter: int = 1, week: int = 1) -> str:
    """The ``period`` parameter of the store for a period chosen in the filters."""
    if kind == "month":
        return f"{year:04d}-{month:02d}"
    if kind == "quarter":
        return f"{year:04d}-Q{quarter}"
    if kind == "week":
        return f"{year:04d}-W{week:02d}"
    return f"{year:04d}"


def period_title(period: str) -> str:
    """« novembre 2026 », « 4ᵉ trimestre 2026 », « semaine 47 de 2026 », « année 2026 »."""
    found = re.fullmatch(r"(\d{4})(?:-(\d{2})|-Q([1-4])|-W(\d{2}))?", period)
    if found is None:
        return period
    year, month, quarter, week = found.groups()
    if month:
        name = QCoreApplication.translate("Dashboard", MONTHS[int(month) - 1]).lower()
        return f"{name} {year}"
    if quarter:
        return QCoreApplication.translate("Dashboard", "%1ᵉ trimestre %2").replace(
            "%1", quarter).replace("%2", year) if quarter != "1" else QCoreApplication.translate(
            "Dashboard", "1ᵉʳ trimestre %1").replace("%1", year)
    if week:
        return QCoreApplication.translate("Dashboard", "semaine %1 de %2").replace(
            "%1", str(int(week))).replace("%2", year)
    return QCoreApplication.translate("Dashboard", "année %1").replace("%1", year)


Count = int | str | None  # a count, "<5", or unknown


@dataclass
class DashboardData:
    """Everything one refresh read from the store (plain data, as it came). ``months`` covers
    the twelve months ending with the period's last month (the trend)."""

    query: DashboardQuery
    scope: dict[str, Any]
    channel: dict[str, Any]
    urgent: dict[str, Any]
    organismes: dict[str, Any]
    status: dict[str, Any]
    months: dict[str, Any]
    questions: dict[str, Any]
    outcomes: dict[str, Any]
    times: dict[str, Any]
    calls: dict[str, Any]
    table: dict[str, Any]
    figures: dict[str, Count] = field(default_factory=dict)

    @property
    def secrecy(self) -> bool:
        return any(bool(part.get("secrecy")) or any(
            wording.SECRET_COUNT in dict(row).values() for row in part.get("rows") or [])
            for part in self.parts().values())

    @property
    def period_label(self) -> str:
        return period_title(self.query.period)

    def parts(self) -> dict[str, dict[str, Any]]:
        """The answers under the names of the monthly report (REPORT_QUERIES), and the table."""
        return {"site": self.scope, "channel": self.channel, "urgent": self.urgent,
                "trend": self.months, "question": self.questions,
                "organisme": self.organismes, "outcome": self.outcomes,
                "status": self.status, "times": self.times, "calls": self.calls,
                "table": self.table}

    def report_figures(self) -> dict[str, Any]:
        """What the monthly report is drawn from (app.documents.monthly_report): the answers
        of the store, cut to the chosen site and organisme (their total: the scope's count)."""
        figures: dict[str, Any] = {"period": self.scope.get("period")
                                   or {"label": self.query.period}}
        for name, part in self.parts().items():
            if name == "table":
                continue
            query = replace(self.query, organisme=None) if name == "calls" else self.query
            if not query.filters:
                figures[name] = part
                continue
            total = dict(part.get("total") or {})
            if name != "calls" and "dossiers" in total:
                total["dossiers"] = self.figures.get("dossiers")
            elif name == "calls":
                for key in list(total):
                    total[key] = _scope_count(part, query, key)
            figures[name] = {**part, "rows": query.keep(part.get("rows") or []),
                             "total": total}
        return figures


def _count(value: Any) -> Count:
    if value == wording.SECRET_COUNT:
        return wording.SECRET_COUNT
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value


def _scope_count(answer: Mapping[str, Any], query: DashboardQuery, key: str = "dossiers") -> Count:
    """The count of the chosen scope: the total, or the row of the chosen site/organisme."""
    if not query.filters:
        return _count((answer.get("total") or {}).get(key))
    rows = query.keep(answer.get("rows") or [])
    return _count(rows[0].get(key)) if len(rows) == 1 else (0 if not rows else None)


def main_figures(data: DashboardData) -> dict[str, Count]:
    """Dossiers, urgent ones, the urgent share (percent, rounded), oriented ones and workers
    reached from the call list, in the chosen scope."""
    q = data.query
    dossiers = _scope_count(data.scope, q)
    urgent: Count = None
    urgent_rows = [r for r in q.keep(data.urgent.get("rows") or []) if r.get("urgent")]
    if len(urgent_rows) == 1:
        urgent = _count(urgent_rows[0].get("dossiers"))
    elif not urgent_rows and data.urgent.get("rows") is not None:
        urgent = 0
    share: Count = None
    if isinstance(dossiers, int) and isinstance(urgent, int) and dossiers:
        share = round(100 * urgent / dossiers)
    # The breakdown by organisme counts oriented dossiers only, each once in its total; with a
    # site chosen, the store gives no distinct total of that site's oriented dossiers: shown
    # when one organisme holds them all, « — » otherwise (the chart gives each organisme's).
    oriented: Count = dossiers if q.organisme else None
    if not q.filters:
        oriented = _count((data.organismes.get("total") or {}).get("dossiers"))
    elif not q.organisme:
        rows = [r for r in q.keep(data.organismes.get("rows") or []) if r.get("organisme")]
        oriented = 0 if not rows else _count(rows[0].get("dossiers")) if len(rows) == 1 else None
    calls_query = replace(q, organisme=None)
    reached = _scope_count(data.calls, calls_query, "reached")
    return {"dossiers": dossiers, "urgent": urgent, "urgent_share": share,
            "oriented": oriented, "reached": reached}


def trend_period(period: str) -> str:
    """The twelve months ending with the last month of ``period`` (« 2025-12..2026-11 »)."""
    from app.forms.stats import parse_period

    last = parse_period(period).last
    start_year, start_month = ((last.year - 1, last.month + 1) if last.month < 12
                               else (last.year, 1))
    return f"{start_year}-{start_month:02d}..{last.year}-{last.month:02d}"


def with_every_month(rows: Sequence[Mapping[str, Any]], period: str) -> list[dict[str, Any]]:
    """The rows of a breakdown by month, with 0 for each month of ``period``
    (« 2025-12..2026-11 ») that the store left out (no dossier there)."""
    first, _, last = period.partition("..")
    by_month = {str(r.get("month")): dict(r) for r in rows}
    year, month = (int(v) for v in first.split("-"))
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        code = f"{year:04d}-{month:02d}"
        out.append(by_month.get(code, {"month": code, "dossiers": 0}))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def fetch_dashboard(client: StatsSource, query: DashboardQuery) -> DashboardData:
    """Every breakdown the dashboard shows, asked of the store (worker thread)."""
    exact = query.exact
    period = query.period

    def breakdown(*dims: str, over: str = period) -> dict[str, Any]:
        return client.breakdown(query.by(*dims), over, exact=exact)

    data = DashboardData(
        query=query,
        scope=breakdown() if query.filters else client.breakdown(["site"], period, exact=exact),
        channel=breakdown("channel"),
        urgent=breakdown("urgent"),
        organismes=breakdown("organisme"),
        status=breakdown("organisme", "status"),
        months=breakdown("month", over=trend_period(period)),
        questions=breakdown("question"),
        outcomes=breakdown("organisme", "outcome"),
        times=client.times(query.by("organisme"), period, exact=exact),
        calls=client.calls(["site"], period, exact=exact),
        table=breakdown(query.group_by),
    )
    data.figures = main_figures(data)
    return data


def fetch_table(client: StatsSource, query: DashboardQuery) -> dict[str, Any]:
    """The breakdown of the table alone (« Regrouper par » changed)."""
    return client.breakdown(query.by(query.group_by), query.period, exact=query.exact)


# --------------------------------------------------------------------------- tables and charts


def site_names() -> dict[str, str]:
    try:
        from app.forms.sites import load_sites

        return {code: site.name for code, site in load_sites().items()}
    except Exception:  # a broken sites file: codes are shown instead
        log.warning("the sites file cannot be read", exc_info=True)
        return {}


def _value_columns(answer: Mapping[str, Any]) -> list[str]:
    rows = answer.get("rows") or []
    by = [str(d) for d in answer.get("by") or []]
    if "question" in by and "answer" not in by:
        by.insert(by.index("question") + 1, "answer")
    keys: list[str] = []
    for row in rows:
        for key in row:
            if key not in by and key not in keys:
                keys.append(key)
    return keys or ["dossiers"]


TIME_KEYS = ("count", "median_days", "p90_days")


def breakdown_sheet(title: str, answer: Mapping[str, Any], query: DashboardQuery,
                    sites: Mapping[str, str]) -> Sheet:
    """A breakdown of the store as a table: its dimensions in words, then its counts (times
    flattened: « Premier contact — dossiers », « … — médiane (jours) »…), and a total row."""
    by = [str(d) for d in answer.get("by") or []]
    if "question" in by and "answer" not in by:
        by.insert(by.index("question") + 1, "answer")
    shown_by = [d for d in by if d not in query.filters] or by[:1]
    values = _value_columns(answer)
    headers: list[str] = [wording.dimension_label(d) for d in shown_by]
    for key in values:
        if key in ("first_contact", "closure"):
            headers += [(_part(key, QCoreApplication.translate("Dashboard", "%1 — dossiers"))),
                        _part(key, QCoreApplication.translate("Dashboard",
                                                              "%1 — médiane (jours)")),
                        _part(key, QCoreApplication.translate(
                            "Dashboard", "%1 — 90 % en moins de (jours)"))]
        else:
            headers.append(_value_label(key))
    rows: list[tuple[Any, ...]] = []
    cells: list[Any]
    for row in query.keep(answer.get("rows") or []):
        cells = [*(wording.dimension_value(d, row.get(d), dict(sites)) for d in shown_by)]
        for key in values:
            value = row.get(key)
            if key in ("first_contact", "closure"):
                part = value if isinstance(value, Mapping) else {}
                cells += [part.get(k) for k in TIME_KEYS]
            else:
                cells.append(value)
        rows.append(tuple(cells))
    total = answer.get("total")
    if isinstance(total, Mapping) and not query.filters:
        cells = [QCoreApplication.translate("Dashboard", "Total"),
                 *([""] * (len(shown_by) - 1))]
        for key in values:
            if key in ("first_contact", "closure"):
                cells += [None] * 3
            else:
                cells.append(total.get(key))
        rows.append(tuple(cells))
    return Sheet(title=title, headers=tuple(headers), rows=tuple(rows),
                 method=str(answer.get("method") or ""), secrecy=bool(answer.get("secrecy")))


def _part(key: str, template: str) -> str:
    """« Premier contact — dossiers », « Clôture — médiane (jours) »…"""
    name = (QCoreApplication.translate("Dashboard", "Premier contact") if key == "first_contact"
            else QCoreApplication.translate("Dashboard", "Clôture"))
    return template.replace("%1", name)


def _value_label(key: str) -> str:
    return {
        "dossiers": QCoreApplication.translate("Dashboard", "Dossiers"),
        "entries": QCoreApplication.translate("Dashboard", "Entrées de la liste d’appels"),
        "reached": QCoreApplication.translate("Dashboard", "Joints"),
        "dossiers_opened": QCoreApplication.translate("Dashboard", "Dossiers ouverts"),
        "refusals": QCoreApplication.translate("Dashboard", "Refus"),
        "letters": QCoreApplication.translate("Dashboard", "Courriers"),
    }.get(key, key)


def chart_rows(answer: Mapping[str, Any], query: DashboardQuery, dimension: str,
               sites: Mapping[str, str]) -> list[dict[str, Any]]:
    """The rows in scope, each with a ``label``: its ``dimension`` in words."""
    out = []
    for row in query.keep(answer.get("rows") or []):
        label = wording.dimension_value(dimension, row.get(dimension), dict(sites))
        if dimension == "question":
            label = f"{row.get('question')} : {row.get('answer')}"
        out.append({**row, "label": label})
    return out


FRAGILITY_LIMIT = 15  # bars of the fragilities' chart (the table gives every answer)


def fragility_rows(rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The answers that tell a fragility (not a question's first, « no trouble », answer nor
    « ne sait pas »), most frequent first, as « Cotisations : dette » bars — as the monthly
    report draws them."""
    from app.forms.questionnaire import load_questionnaire

    questionnaire = load_questionnaire()
    out = []
    for row in rows:
        try:
            question = questionnaire.question(str(row.get("question")))
        except KeyError:
            continue
        code = str(row.get("answer"))
        if code not in question.codes or code == question.codes[0]:
            continue
        out.append({**row, "label": f"{question.theme}\u00a0: {question.label(code)}"})
    out.sort(key=lambda r: -(r["dossiers"] if isinstance(r.get("dossiers"), int) else 0))
    return out[:FRAGILITY_LIMIT]


def chart_svg(kind: str, rows: Sequence[Mapping[str, Any]], title: str,
              value_key: str = "dossiers", unit: str = "") -> bytes | None:
    """The chart of the monthly report (app.documents.charts) as SVG; None when it cannot be
    drawn (the figures stay in the table)."""
    from app.documents import charts

    try:
        if kind == "line":
            drawing = charts.line_chart(charts.month_points(rows, value_key), title)
        else:
            drawing = charts.bar_chart(rows, "label", value_key, title, unit=unit)
        return charts.to_svg(drawing)
    except Exception:  # a chart that cannot be drawn leaves its table and figures shown
        log.warning("the chart %s could not be drawn", title, exc_info=True)
        return None


# --------------------------------------------------------------------------- the widgets


class _Figure(QFrame):
    """One main figure: its value in large type over its label."""

    def __init__(self, label: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = label
        self.value = QLabel("—", self)
        self.value.setObjectName("figure_value")
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.value.setFont(font)
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                           | Qt.TextInteractionFlag.TextSelectableByMouse)
        caption = QLabel(label, self)
        caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.value)
        layout.addWidget(caption)
        self.set_text("—")

    def set_text(self, text: str) -> None:
        self.value.setText(text)
        self.value.setAccessibleName(wording.labelled(self.label, text))


class _Chart(QWidget):
    """A chart (SVG) with a line saying what it shows, or why it is not drawn."""

    def __init__(self, name: str, parent: QWidget, empty: str = "") -> None:
        super().__init__(parent)
        self.name = name
        self.empty = empty
        self.svg = QSvgWidget(self)
        self.svg.setAccessibleName(name)
        self.svg.setMinimumSize(QSize(320, 200))
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.svg, 1)
        layout.addWidget(self.note)
        self.svg_bytes: bytes | None = None

    def show_svg(self, svg: bytes | None, empty: bool) -> None:
        self.svg_bytes = svg
        if svg is not None and not empty:
            self.svg.load(QByteArray(svg))
            # the report's A4 proportions, whatever the room (load() resets the mode)
            self.svg.renderer().setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
            self.svg.setVisible(True)
            self.note.setText("")
            self.note.setVisible(False)
            return
        self.svg.load(QByteArray(b"<svg xmlns='http://www.w3.org/2000/svg'/>"))
        self.svg.setVisible(False)
        self.note.setVisible(True)
        self.note.setText((self.empty or self.tr("Aucun dossier sur la période choisie."))
                          if empty else
                          self.tr("Graphique indisponible : le tableau ci-contre donne les "
                              "chiffres."))


class DashboardWidget(QWidget):
    """Filters, main figures, charts and the table of one breakdown, with the exports.

    ``client_factory()`` gives a :class:`StatsSource` (called on the GUI thread; its calls run
    on a worker thread). ``exact_allowed``: an admin may ask for exact counts.

    Signals:
        loaded(): a refresh was shown.
        table_loaded(): the table alone was read again (« Regrouper par »).
        failed(str): a request failed (the French message shown).
        exported(str): a file was written (its path).
    """

    loaded = Signal()
    table_loaded = Signal()
    failed = Signal(str)
    exported = Signal(str)

    def __init__(self, client_factory: Callable[[], StatsSource], *,
                 exact_allowed: bool = False, today: Callable[[], date] = date.today,
                 save_path: Callable[[QWidget, str, str, str], str | None] | None = None,
                 report_renderer: Callable[..., bytes] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboard")
        self.setAccessibleName(self.tr("Tableau de bord"))
        self._client_factory = client_factory
        self._exact_allowed = exact_allowed
        self._save_path = save_path or ask_export_path
        self._report_renderer = report_renderer
        self._sites = site_names()
        self.data: DashboardData | None = None
        self.error = ""
        self.preview: QWidget | None = None
        self._build_filters(today())
        self._build_figures()
        self._build_body()
        self._build_buttons()
        layout = QVBoxLayout(self)
        layout.addLayout(self.filters_layout)
        layout.addLayout(self.figures_layout)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.legend)
        layout.addWidget(self.status)
        layout.addLayout(self.buttons_layout)
        self._on_period_kind_changed()
        self._set_busy(False)

    # ------------------------------------------------------------------ building

    def _labelled(self, text: str, widget: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(widget)
        widget.setAccessibleName(text.replace("&", "").rstrip(" :\u00a0"))
        return label

    def _build_filters(self, today: date) -> None:
        self.period_kind = QComboBox(self)
        for code, text in (("month", self.tr("Mois")), ("quarter", self.tr("Trimestre")),
                           ("year", self.tr("Année")), ("week", self.tr("Semaine"))):
            self.period_kind.addItem(text, code)
        self.year = QSpinBox(self)
        self.year.setRange(2020, 2100)
        self.year.setValue(today.year)
        self.month = QComboBox(self)
        for n, name in enumerate(MONTHS, start=1):
            self.month.addItem(QCoreApplication.translate("Dashboard", name), n)
        self.month.setCurrentIndex(today.month - 1)
        self.quarter = QComboBox(self)
        for n in range(1, 5):
            self.quarter.addItem(self.tr("T%1").replace("%1", str(n)), n)
        self.quarter.setCurrentIndex((today.month - 1) // 3)
        self.week = QSpinBox(self)
        self.week.setRange(1, 53)
        self.week.setValue(today.isocalendar().week)
        self.site = QComboBox(self)
        self.site.addItem(self.tr("Tous les sites"), "")
        for code, name in sorted(self._sites.items(), key=lambda kv: kv[1]):
            self.site.addItem(f"{name} ({code})", code)
        self.organisme = QComboBox(self)
        self.organisme.addItem(self.tr("Tous les organismes"), "")
        for code in ORGANISMES:
            self.organisme.addItem(wording.organisme_label(code), code)
        self.exact = QCheckBox(self.tr("Chiffres exacts (a&dministrateur)"), self)
        self.exact.setToolTip(self.tr("Sans secret statistique : pour les administrateurs, jamais "
                                  "à diffuser tels quels"))
        self.exact.setVisible(self._exact_allowed)
        self.refresh_button = QPushButton(self.tr("Act&ualiser"), self)
        self.refresh_button.setAccessibleName(self.tr("Actualiser"))
        self.refresh_button.setToolTip(self.tr("Relire les chiffres du serveur central (F5)"))
        self.refresh_button.clicked.connect(self.refresh)

        self.period_kind_label = self._labelled(self.tr("&Période :"), self.period_kind)
        self.year_label = self._labelled(self.tr("A&nnée :"), self.year)
        self.month_label = self._labelled(self.tr("&Mois :"), self.month)
        self.quarter_label = self._labelled(self.tr("&Trimestre :"), self.quarter)
        self.week_label = self._labelled(self.tr("Sema&ine :"), self.week)
        site_label = self._labelled(self.tr("&Site :"), self.site)
        organisme_label = self._labelled(self.tr("&Organisme :"), self.organisme)
        row = QHBoxLayout()
        for widget in (self.period_kind_label, self.period_kind, self.year_label, self.year,
                       self.month_label, self.month, self.quarter_label, self.quarter,
                       self.week_label, self.week, site_label, self.site, organisme_label,
                       self.organisme, self.exact):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.refresh_button)
        self.filters_layout = row
        self.period_kind.currentIndexChanged.connect(self._on_period_kind_changed)
        for combo in (self.month, self.quarter, self.site, self.organisme):
            combo.activated.connect(self._on_filter_activated)
        for spin in (self.year, self.week):
            spin.editingFinished.connect(self._on_filter_activated)
        self.exact.toggled.connect(self._on_filter_activated)

    def _build_figures(self) -> None:
        self.figure_dossiers = _Figure(self.tr("Dossiers ouverts"), self)
        self.figure_urgent = _Figure(self.tr("Part des dossiers urgents"), self)
        self.figure_oriented = _Figure(self.tr("Dossiers orientés vers un organisme"), self)
        self.figure_reached = _Figure(self.tr("Travailleurs joints (liste d’appels)"), self)
        self.figure_reached.setToolTip(self.tr("Tous organismes : la liste d’appels se compte par "
                                           "site"))
        row = QHBoxLayout()
        for figure in (self.figure_dossiers, self.figure_urgent, self.figure_oriented,
                       self.figure_reached):
            row.addWidget(figure, 1)
        self.figures_layout = row

    def _build_body(self) -> None:
        self.charts = QTabWidget(self)
        self.charts.setAccessibleName(self.tr("Graphiques"))
        self.chart_months = _Chart(self.tr("Évolution par mois"), self)
        self.chart_questions = _Chart(
            self.tr("Fragilités les plus fréquentes : réponses aux questions"), self,
            self.tr("Aucune fragilité relevée sur la période choisie."))
        organismes = QWidget(self)
        self.chart_organismes = _Chart(self.tr("Dossiers orientés par organisme"), organismes,
                                       self.tr("Aucune orientation sur la période choisie."))
        self.chart_outcomes = _Chart(self.tr("Issues des orientations par organisme"),
                                     organismes,
                                     self.tr("Aucune orientation sur la période choisie."))
        pair = QVBoxLayout(organismes)  # the charts are wide (the report's A4 width)
        pair.setContentsMargins(0, 0, 0, 0)
        pair.addWidget(self.chart_organismes)
        pair.addWidget(self.chart_outcomes)
        self.chart_times = _Chart(
            self.tr("Délai médian jusqu’à la clôture, par organisme (jours)"), self,
            self.tr("Aucun délai mesurable sur la période choisie : il en faut au moins cinq "
                    "orientations suivies par organisme."))
        self.charts.addTab(self.chart_months, self.tr("Évolution"))
        self.charts.addTab(self.chart_questions, self.tr("Fragilités"))
        self.charts.addTab(organismes, self.tr("Orientations et issues"))
        self.charts.addTab(self.chart_times, self.tr("Délais"))

        table_box = QWidget(self)
        self.group_by = QComboBox(table_box)
        for dim in GROUP_BY:
            self.group_by.addItem(wording.dimension_label(dim), dim)
        group_label = self._labelled(self.tr("&Regrouper par :"), self.group_by)
        self.group_by.activated.connect(self._on_group_by_activated)
        self.table_model = QStandardItemModel(self)
        self.table = QTableView(table_box)
        self.table.setModel(self.table_model)
        self.table.setAccessibleName(self.tr("Répartition des dossiers"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        head = QHBoxLayout()
        head.addWidget(group_label)
        head.addWidget(self.group_by, 1)
        box = QVBoxLayout(table_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(head)
        box.addWidget(self.table, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.charts)
        self.splitter.addWidget(table_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)

        self.legend = QLabel(wording.secrecy_legend(), self)
        self.legend.setObjectName("secrecy_legend")
        self.legend.setWordWrap(True)
        self.legend.setVisible(False)
        self.status = QLabel(self)
        self.status.setObjectName("dashboard_status")
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("État du tableau de bord"))

    def _build_buttons(self) -> None:
        self.csv_button = QPushButton(self.tr("Exporter en &CSV…"), self)
        self.csv_button.setToolTip(self.tr("Le tableau affiché, pour un tableur "
                                           "(séparateur « ; »)"))
        self.csv_button.clicked.connect(self.export_csv)
        self.xlsx_button = QPushButton(self.tr("Exporter en classeur (.&xlsx)…"), self)
        self.xlsx_button.setToolTip(self.tr("Chaque répartition sur sa feuille, et la méthode"))
        self.xlsx_button.clicked.connect(self.export_xlsx)
        self.report_button = QPushButton(self.tr("Rapport mensue&l (PDF)…"), self)
        self.report_button.setToolTip(self.tr("Le rapport de la période choisie, avec ses "
                                          "graphiques, à imprimer ou enregistrer"))
        self.report_button.clicked.connect(self.open_report)
        row = QHBoxLayout()
        row.addStretch(1)
        for button in (self.csv_button, self.xlsx_button, self.report_button):
            button.setAccessibleName(button.text().replace("&", "").rstrip("…"))
            button.setAutoDefault(False)
            row.addWidget(button)
        self.buttons_layout = row

    # ------------------------------------------------------------------ the filters

    def query(self) -> DashboardQuery:
        kind = str(self.period_kind.currentData())
        period = period_text(kind, self.year.value(), int(self.month.currentData()),
                             int(self.quarter.currentData()), self.week.value())
        return DashboardQuery(period=period, site=str(self.site.currentData()) or None,
                              organisme=str(self.organisme.currentData()) or None,
                              group_by=str(self.group_by.currentData()),
                              exact=self._exact_allowed and self.exact.isChecked())

    def _on_period_kind_changed(self) -> None:
        kind = str(self.period_kind.currentData())
        for widgets, shown in (((self.month_label, self.month), kind == "month"),
                               ((self.quarter_label, self.quarter), kind == "quarter"),
                               ((self.week_label, self.week), kind == "week")):
            for widget in widgets:
                widget.setVisible(shown)
        if self.data is not None or self.error:
            self.refresh()

    def _on_filter_activated(self, *_args: object) -> None:
        if self.data is None or self.query() != self.data.query:
            self.refresh()

    def _on_group_by_activated(self, _index: int) -> None:
        if self.data is None:
            self.refresh()
            return
        query = self.query()
        self._start(lambda client: fetch_table(client, query),
                    lambda table: self._table_done(query, table))

    # ------------------------------------------------------------------ requests

    @property
    def busy(self) -> bool:
        return bool(running_tasks(self))

    def refresh(self) -> None:
        """Read every figure again for the filters shown."""
        query = self.query()
        self._start(lambda client: fetch_dashboard(client, query), self._dashboard_done)

    def _start(self, work: Callable[[StatsSource], Any], done: Callable[[Any], None]) -> None:
        cancel_tasks(self)  # a newer question: the older answer is of no use
        try:
            client = self._client_factory()
        except Exception as exc:  # no session, a bad server address: told, not raised
            self._failed(exc)
            return
        self._set_busy(True)
        self.status.setText(self.tr("Lecture des chiffres du serveur central…"))
        run_task(lambda: work(client), owner=self, name="dashboard",
                 on_done=done, on_error=self._failed)

    def _set_busy(self, busy: bool) -> None:
        self.refresh_button.setEnabled(not busy)
        has_data = self.data is not None and not busy
        for button in (self.csv_button, self.xlsx_button, self.report_button):
            button.setEnabled(has_data)

    def _failed(self, exc: BaseException) -> None:
        self.error = str(exc) or exc.__class__.__name__
        self._set_busy(False)
        message = self.tr("Les chiffres n’ont pas pu être lus : %1").replace("%1", self.error)
        self.status.setText(message)
        self.failed.emit(message)

    def _dashboard_done(self, data: DashboardData) -> None:
        self.data = data
        self.error = ""
        self._set_busy(False)
        self._show(data)
        self.loaded.emit()

    def _table_done(self, query: DashboardQuery, table: dict[str, Any]) -> None:
        if self.data is None:
            return
        self.data.table = table
        self.data.query = replace(self.data.query, group_by=query.group_by)
        self._set_busy(False)
        self._show_table(self.data)
        self._show_status(self.data)
        self.table_loaded.emit()

    # ------------------------------------------------------------------ showing

    def _show(self, data: DashboardData) -> None:
        f = data.figures
        self.figure_dossiers.set_text(wording.count_label(f.get("dossiers")))
        share = f.get("urgent_share")
        self.figure_urgent.set_text(
            f"{share}\u00a0%" if isinstance(share, int) else
            self.tr("%1 dossiers").replace("%1", wording.count_label(f.get("urgent")))
            if f.get("urgent") == wording.SECRET_COUNT else "—")
        self.figure_oriented.set_text(wording.count_label(f.get("oriented")))
        self.figure_oriented.setToolTip(
            self.tr("Un dossier orienté vers plusieurs organismes compte une fois ; pour un "
                    "site, le nombre par organisme est dans l’onglet « Orientations et issues »")
            if f.get("oriented") is None else "")
        self.figure_reached.set_text(wording.count_label(f.get("reached")))
        q, sites = data.query, self._sites
        months = with_every_month(chart_rows(data.months, q, "month", sites),
                                  trend_period(q.period))
        self.chart_months.show_svg(chart_svg("line", months, self.chart_months.name),
                                   not months)
        questions = fragility_rows(q.keep(data.questions.get("rows") or []))
        self.chart_questions.show_svg(chart_svg("bar", questions, self.chart_questions.name),
                                      not questions)
        organismes = [r for r in chart_rows(data.organismes, q, "organisme", sites)
                      if r.get("organisme")]
        self.chart_organismes.show_svg(chart_svg("bar", organismes,
                                                 self.chart_organismes.name), not organismes)
        outcomes = [r for r in chart_rows(data.outcomes, q, "outcome", sites)
                    if r.get("organisme")]
        for r in outcomes:
            outcome = (wording.outcome_label(str(r["outcome"])) if r.get("outcome")
                       else self.tr("pas encore d’issue"))
            r["label"] = (outcome if q.organisme else
                          f"{wording.organisme_label(str(r.get('organisme')))} — {outcome}")
        self.chart_outcomes.show_svg(chart_svg("bar", outcomes, self.chart_outcomes.name),
                                     not outcomes)
        times = [r for r in chart_rows(data.times, q, "organisme", sites)
                 if isinstance((r.get("closure") or {}).get("median_days"), int | float)]
        self.chart_times.show_svg(chart_svg("bar", times, self.chart_times.name,
                                            value_key="closure.median_days", unit="j"),
                                  not times)
        self._show_table(data)
        self._show_status(data)

    def _show_status(self, data: DashboardData) -> None:
        self.legend.setVisible(data.secrecy)
        method = str(data.table.get("method") or data.scope.get("method") or "")
        scope = self.scope_label()
        self.status.setText(" ".join(part for part in (
            wording.labelled(self.tr("Période"), data.period_label) + ".",
            wording.labelled(self.tr("Champ"), scope) + ".", method) if part))

    def scope_label(self) -> str:
        """« Tous les sites, tous les organismes », « Rennes (REN), Urssaf »…"""
        parts = [self.site.currentText() if self.site.currentData() else self.tr("tous les sites"),
                 self.organisme.currentText() if self.organisme.currentData()
                 else self.tr("tous les organismes")]
        if self._exact_allowed and self.exact.isChecked():
            parts.append(self.tr("chiffres exacts (sans secret statistique)"))
        text = ", ".join(parts)
        return text[:1].upper() + text[1:]

    def current_sheet(self) -> Sheet:
        assert self.data is not None
        title = wording.dimension_label(self.data.query.group_by)
        return breakdown_sheet(title, self.data.table, self.data.query, self._sites)

    def _show_table(self, data: DashboardData) -> None:
        sheet = self.current_sheet()
        model = self.table_model
        model.clear()
        model.setHorizontalHeaderLabels(list(sheet.headers))
        for row in sheet.rows:
            items = []
            for cell in row:
                if isinstance(cell, float):
                    text = wording.days_label(cell)
                elif isinstance(cell, int) and not isinstance(cell, bool) or \
                        cell == wording.SECRET_COUNT:
                    text = wording.count_label(cell)
                else:
                    text = "" if cell is None else str(cell)
                item = QStandardItem(text)
                if cell == wording.SECRET_COUNT:
                    item.setToolTip(self.tr("Secret statistique : entre 1 et 4 dossiers"))
                    item.setData(self.tr("moins de 5, secret statistique"),
                                 Qt.ItemDataRole.AccessibleTextRole)
                if isinstance(cell, int | float) or cell == wording.SECRET_COUNT:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                items.append(item)
            model.appendRow(items)

    def cell_texts(self) -> list[list[str]]:
        """The table as shown (tests, screen readers)."""
        m = self.table_model
        return [[m.item(r, c).text() for c in range(m.columnCount())]
                for r in range(m.rowCount())]

    # ------------------------------------------------------------------ exports

    def all_sheets(self) -> list[Sheet]:
        assert self.data is not None
        d, q, s = self.data, self.data.query, self._sites
        sheets = [
            breakdown_sheet(self.tr("Répartition — %1").replace(
                "%1", wording.dimension_label(q.group_by)), d.table, q, s),
            breakdown_sheet(self.tr("Par mois"), d.months, q, s),
            breakdown_sheet(self.tr("Canaux"), d.channel, q, s),
            breakdown_sheet(self.tr("Fragilités"), d.questions, q, s),
            breakdown_sheet(self.tr("Urgence"), d.urgent, q, s),
            breakdown_sheet(self.tr("Orientations"), d.organismes, q, s),
            breakdown_sheet(self.tr("Statuts des orientations"), d.status, q, s),
            breakdown_sheet(self.tr("Issues"), d.outcomes, q, s),
            breakdown_sheet(self.tr("Délais"), d.times, q, s),
            breakdown_sheet(self.tr("Liste d’appels"), d.calls, replace(q, organisme=None), s),
        ]
        return sheets

    def method_lines(self) -> list[tuple[str, str]]:
        assert self.data is not None
        lines = [(self.tr("Période"), self.data.period_label),
                 (self.tr("Champ"), self.scope_label()),
                 (self.tr("Source"), self.tr("Serveur central d’Accueil TI : dossiers synchronisés "
                                     "(date d’ouverture, heure de Paris), orientations et "
                                     "liste d’appels."))]
        if self.data.scope.get("method"):
            lines.append((self.tr("Méthode"), str(self.data.scope["method"])))
        if self.data.secrecy:
            lines.append((self.tr("Secret statistique"), wording.secrecy_legend()))
        return lines

    def _filename(self, suffix: str) -> str:
        assert self.data is not None
        return f"tableau-de-bord-{self.data.query.period}.{suffix}"

    def export_csv(self) -> str | None:
        """The table shown, as CSV; the path written, or None."""
        if self.data is None:
            return None
        path = self._save_path(self, self.tr("Exporter en CSV"), self._filename("csv"),
                               self.tr("Fichier CSV (*.csv)"))
        if not path:
            return None
        return self._write(path, lambda p: write_csv(p, self.current_sheet()))

    def export_xlsx(self) -> str | None:
        """Every breakdown shown, as an .xlsx workbook; the path written, or None."""
        if self.data is None:
            return None
        path = self._save_path(self, self.tr("Exporter en classeur"), self._filename("xlsx"),
                               self.tr("Classeur Excel (*.xlsx)"))
        if not path:
            return None
        return self._write(path, lambda p: write_xlsx(p, self.all_sheets(),
                                                      self.method_lines()))

    def _write(self, path: str, writer: Callable[[Path], None]) -> str | None:
        try:
            writer(Path(path))
        except OSError as exc:
            QMessageBox.critical(self, self.tr("Export impossible"),
                                 self.tr("Le fichier n’a pas pu être écrit : %1").replace(
                                     "%1", str(exc.strerror or exc)))
            return None
        self.status.setText(self.tr("Fichier enregistré : %1").replace("%1", path))
        self.exported.emit(path)
        return path

    def report_pdf(self) -> bytes:
        assert self.data is not None
        renderer = self._report_renderer
        if renderer is None:
            from app.documents.monthly_report import render_monthly_report

            renderer = render_monthly_report
        scope = ", ".join(part for part in (
            self.site.currentText() if self.site.currentData() else "",
            self.organisme.currentText() if self.organisme.currentData() else "") if part)
        return renderer(self.data.report_figures(), scope or None, datetime.now().astimezone())

    def open_report(self) -> QWidget | None:
        """« Rapport mensuel (PDF) »: the report in the print preview."""
        if self.data is None:
            return None
        from app.ui.print_preview import PrintPreviewDialog

        try:
            pdf = self.report_pdf()
        except Exception as exc:  # the figures are still shown; say why there is no report
            log.exception("the monthly report could not be drawn")
            QMessageBox.warning(self, self.tr("Rapport impossible"),
                                self.tr("Le rapport n’a pas pu être préparé : %1").replace(
                                    "%1", str(exc)))
            return None
        document = _ReportDocument(pdf=pdf, title=self.tr("Rapport mensuel — %1").replace(
            "%1", self.data.period_label), filename=self._filename("pdf").replace(
            "tableau-de-bord", "rapport-mensuel"))
        dialog = PrintPreviewDialog(cast(Any, document), parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview = dialog
        dialog.open()
        return dialog

    def shutdown(self) -> None:
        cancel_tasks(self)


@dataclass(frozen=True)
class _ReportDocument:
    """What the print preview reads of a document: its bytes, title and file name."""

    pdf: bytes
    title: str
    filename: str


def ask_export_path(parent: QWidget, title: str, suggested: str, filter_: str) -> str | None:
    """Qt's own save dialog (it speaks the interface language)."""
    dialog = QFileDialog(parent, title, suggested, filter_)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setDefaultSuffix(suggested.rsplit(".", 1)[-1])
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    return dialog.selectedFiles()[0]


# --------------------------------------------------------------------------- the window


class DashboardWindow(QMainWindow):
    """The « Tableau de bord » in a window of its own: the whole window of a ``pilotage``
    account, a second window for an ``admin`` (menu « Affichage »)."""

    def __init__(self, client_factory: Callable[[], StatsSource], *, exact_allowed: bool = False,
                 account: str = "", parent: QWidget | None = None,
                 sign_out: Callable[[], object] | None = None, **options: Any) -> None:
        super().__init__(parent)
        self._sign_out = sign_out  # a pilotage account's own window: forget and revoke its token
        self.setObjectName("dashboard_window")
        title = self.tr("Tableau de bord — Accueil TI")
        self.setWindowTitle(f"{title} ({account})" if account else title)
        self.setAccessibleName(self.tr("Tableau de bord"))
        self.dashboard = DashboardWidget(client_factory, exact_allowed=exact_allowed,
                                         parent=self, **options)
        self.setCentralWidget(self.dashboard)
        self._build_menus()
        from app.ui.screen_fit import fit_to_screen

        fit_to_screen(self, 1360, 760)

    def _action(self, name: str, text: str, slot: Callable[[], object],
                keys: str | QKeySequence.StandardKey) -> QAction:
        action = QAction(text, self)
        action.setObjectName(f"action_dashboard_{name}")
        action.setShortcut(QKeySequence(keys))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        d = self.dashboard
        file = self.menuBar().addMenu(self.tr("&Fichier"))
        file.addAction(self._action("csv", self.tr("Exporter en &CSV…"), d.export_csv,
                                    "Ctrl+E"))
        file.addAction(self._action("xlsx", self.tr("Exporter en classeur (.&xlsx)…"),
                                    d.export_xlsx, "Ctrl+Shift+E"))
        file.addAction(self._action("report", self.tr("&Rapport mensuel (PDF)…"),
                                    d.open_report, QKeySequence.StandardKey.Print))
        file.addSeparator()
        if self._sign_out is not None:
            file.addAction(self._action("sign_out", self.tr("Se &déconnecter et fermer"),
                                        self.sign_out, "Ctrl+Shift+Q"))
        file.addAction(self._action("close", self.tr("&Fermer"), self.close,
                                    QKeySequence.StandardKey.Close))
        view = self.menuBar().addMenu(self.tr("&Affichage"))
        view.addAction(self._action("refresh", self.tr("&Actualiser"), d.refresh, "F5"))

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        d = self.dashboard
        if d.data is None and not d.busy and not d.error:
            d.refresh()
            d.period_kind.setFocus(Qt.FocusReason.OtherFocusReason)

    def sign_out(self) -> None:
        """Sign the account out of this workstation (its token forgotten here and revoked on
        the store, off the GUI thread: a store that does not answer holds the close two seconds
        at most; the token then expires by itself), then close the window."""
        if self._sign_out is None:
            return
        self.dashboard.shutdown()
        run_task(self._sign_out, name="dashboard-logout").wait(2.0)
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.dashboard.shutdown()
        super().closeEvent(event)

    def smoke(self, started: float, timeout_ms: int) -> int:
        """``accueil-ti gui --smoke`` for a pilotage account: show, wait for the figures (or
        their failure), print ``ready in N ms``, close; 0 when the window got ready."""
        import sys
        import time

        from PySide6.QtCore import QEventLoop, QTimer

        loop = QEventLoop()
        board = self.dashboard
        board.loaded.connect(loop.quit)
        board.failed.connect(loop.quit)
        QTimer.singleShot(timeout_ms, loop.quit)
        self.show()
        if board.data is None and not board.error:
            loop.exec()
        ready = board.data is not None or bool(board.error)
        if ready:
            print(f"ready in {(time.perf_counter() - started) * 1000:.0f} ms", flush=True)
            shown = (f"the central store could not be read: {board.error}" if board.error
                     else f"{board.table_model.rowCount()} rows shown")
            print(f"accueil-ti: dashboard window; {shown}", file=sys.stderr, flush=True)
        else:
            print("accueil-ti: the dashboard did not get ready in time", file=sys.stderr)
        self.close()
        return 0 if ready else 1


def stats_client_factory(server: str, token: Callable[[], str | None] | str,
                         http_factory: HttpFactory | None = None) -> Callable[[], StatsSource]:
    """A factory of :class:`app.sync.stats.StatsClient` on ``server`` with the account's
    token (read again at each call: a new sign-in applies)."""
    def make() -> StatsSource:
        from app.sync import http as sync_http
        from app.sync.stats import StatsClient

        current = token() if callable(token) else token
        if not current:
            raise RuntimeError(QCoreApplication.translate(
                "Dashboard", "ce poste n’est pas connecté au serveur central"))
        http = (http_factory or sync_http.make_http_client)(server)
        return cast(StatsSource, StatsClient(http, current))

    return make


def saved_dashboard_window(settings: AppSettings, data_dir: Path | None = None, *,
                           http_factory: HttpFactory | None = None) -> DashboardWindow | None:
    """The dashboard of the ``pilotage`` account last signed in on this workstation (its token
    is in the keyring), not shown yet; None otherwise."""
    from app.ui.partner.window import forget_token, saved_token

    server = str(settings.server_url or "").strip().rstrip("/")
    if settings.agent_role != "pilotage" or not server.startswith(("http://", "https://")):
        return None
    token = saved_token(server, data_dir)
    if not token:
        return None
    factory = stats_client_factory(server, token, http_factory)

    def sign_out() -> None:
        forget_token(data_dir, server, token)  # first: whatever the network, this one is out
        try:
            cast(Any, factory()).logout()
        except Exception:  # unreachable: the token expires by itself on the store
            log.info("the pilotage token could not be revoked", exc_info=True)

    return DashboardWindow(factory, account=settings.agent_login, sign_out=sign_out)
