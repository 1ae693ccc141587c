"""The monthly report of the statistics (issue 17): the central store's answers in, a PDF out.

:func:`render_monthly_report` takes only aggregates — the answers of ``GET /stats/breakdown``,
``/stats/times`` and ``/stats/calls`` as the central store gives them, secrecy already applied
(a count from 1 to 4 is ``"<5"``) — so no personal data can reach it. ``figures`` maps the names
of :data:`REPORT_QUERIES` to those answers; each is optional (a missing one prints « Données non
disponibles »):

``channel`` (by channel: the total of dossiers and the channels), ``site`` (by site, for the
report of all sites), ``urgent`` (by urgent), ``trend`` (by month over the twelve months ending
with the report's month, :func:`trend_period`), ``question`` (by question: the fragilities),
``organisme`` (by organisme), ``outcome`` (by organisme and outcome), ``status`` (by organisme
and orientation status), ``times`` (times by organisme), ``calls`` (the call list, by site or
not). ``figures["period"]`` (``{"label", "first", "last"}``) names the report's period; by
default, that of the first answer given.

Pages: the main figures, the trend by month, the fragilities, the orientations and outcomes by
organisme, the processing times; each figure with its period, its scope (« Périmètre ») and the
store's sentence of method, and a note on statistical secrecy when a count is hidden. The same
input gives the same bytes (reportlab's invariant mode; ``generated_at`` is printed).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any, Final
from zoneinfo import ZoneInfo

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from app.documents.blocks import title_band
from app.documents.charts import (
    HIDDEN,
    HIDDEN_LABEL,
    bar_chart,
    french_number,
    label_for,
    line_chart,
    month_points,
)
from app.documents.layout import (
    CONTENT_WIDTH,
    NAVY,
    RULE,
    TINT,
    Footer,
    Styles,
    build_pdf,
    make_styles,
)
from app.documents.text import NBSP, french_date, markup, user
from app.forms.questionnaire import Questionnaire, load_questionnaire

TITLE: Final = "Rapport mensuel d’activité"
ALL_SITES: Final = "Tous les sites"
LOCAL_TZ: Final = ZoneInfo("Europe/Paris")

# What the report shows, and how to ask the central store for it: (endpoint, dimensions).
REPORT_QUERIES: Final[Mapping[str, tuple[str, tuple[str, ...]]]] = {
    "channel": ("breakdown", ("channel",)),
    "site": ("breakdown", ("site",)),
    "urgent": ("breakdown", ("urgent",)),
    "trend": ("breakdown", ("month",)),
    "question": ("breakdown", ("question",)),
    "organisme": ("breakdown", ("organisme",)),
    "outcome": ("breakdown", ("organisme", "outcome")),
    "status": ("breakdown", ("organisme", "status")),
    "times": ("times", ("organisme",)),
    "calls": ("calls", ("site",)),
}
SECRECY_NOTE: Final = (
    f"«{NBSP}{HIDDEN_LABEL}{NBSP}» : effectif compris entre 1 et 4, masqué au titre du secret "
    "statistique ; un autre effectif de la même ligne ou colonne est masqué aussi quand il "
    "permettrait de le retrouver à partir d’un total.")
NO_DATA: Final = "Données non disponibles pour cette période."
DAYS: Final = "j"
FRAGILITY_CHART_LIMIT: Final = 15


def trend_period(first: date) -> str:
    """The period of the trend: the twelve months ending with the month of ``first``
    (« 2025-12..2026-11 » for November 2026), in the store's ``period`` syntax."""
    start_year, start_month = (first.year, first.month + 1) if first.month < 12 else (
        first.year + 1, 1)
    return f"{start_year - 1}-{start_month:02d}..{first.year}-{first.month:02d}"


def _answer(figures: Mapping[str, Any], name: str) -> Mapping[str, Any] | None:
    value = figures.get(name)
    return value if isinstance(value, Mapping) else None


def _rows(answer: Mapping[str, Any] | None) -> list[Mapping[str, Any]]:
    rows = answer.get("rows") if answer else None
    return [row for row in rows if isinstance(row, Mapping)] if isinstance(rows, list) else []


def _period(answer: Mapping[str, Any] | None) -> Mapping[str, Any]:
    period = answer.get("period") if answer else None
    return period if isinstance(period, Mapping) else {}


def _period_text(period: Mapping[str, Any]) -> str:
    """« novembre 2026 (du 1er novembre 2026 au 30 novembre 2026) », escaped."""
    label = user(period.get("label"), 60)
    days = []
    for key in ("first", "last"):
        try:
            days.append(date.fromisoformat(str(period.get(key))))
        except ValueError:
            days = []
            break
    if len(days) == 2:
        span = f"du {french_date(days[0])} au {french_date(days[1])}"
        return f"{label} ({span})" if label else span
    return label or "non précisée"


def _has_hidden(value: object) -> bool:
    if value == HIDDEN:
        return True
    if isinstance(value, Mapping):
        return any(_has_hidden(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_hidden(v) for v in value)
    return False


def _secret(figures: Mapping[str, Any]) -> bool:
    return any(_has_hidden(answer.get("rows")) or _has_hidden(answer.get("total"))
               or answer.get("secrecy") is True
               for name in REPORT_QUERIES if (answer := _answer(figures, name)) is not None)


class _Report:
    """The story of the report, page by page."""

    def __init__(self, figures: Mapping[str, Any], site_label: str | None,
                 generated_at: datetime, styles: Styles, questionnaire: Questionnaire) -> None:
        self.figures = figures
        self.scope = user(site_label, 80) if site_label else ALL_SITES
        self.all_sites = not site_label
        self.generated_at = (generated_at.astimezone(LOCAL_TZ) if generated_at.tzinfo
                             else generated_at)
        self.styles = styles
        self.questionnaire = questionnaire
        self.period = self._report_period()

    def _report_period(self) -> Mapping[str, Any]:
        own = self.figures.get("period")
        if isinstance(own, Mapping):
            return own
        for name in REPORT_QUERIES:
            if name != "trend" and (period := _period(_answer(self.figures, name))):
                return period
        return {}

    # -- small pieces ---------------------------------------------------------------------

    def about(self, answer: Mapping[str, Any] | None) -> Paragraph:
        """Period, scope and method of one figure, under it."""
        period = _period(answer) or self.period
        method = user(answer.get("method"), 400) if answer else ""
        text = (f"<b>Période{NBSP}:</b> {_period_text(period)} · <b>Périmètre{NBSP}:</b> "
                f"{self.scope}")
        if method:
            text += f"<br/><b>Méthode{NBSP}:</b> {method}"
        return Paragraph(text, self.styles.small)

    def heading(self, text: str) -> Paragraph:
        return Paragraph(markup(text), self.styles.h2)

    def no_data(self) -> Paragraph:
        return Paragraph(markup(NO_DATA), self.styles.muted)

    def figure(self, title: str, body: Sequence[Flowable],
               answer: Mapping[str, Any] | None) -> list[Flowable]:
        head = [Paragraph(markup(title), self.styles.h3)] if title else []
        return [KeepTogether([*head, *body, Spacer(1, 1.5 * mm), self.about(answer)]),
                Spacer(1, 4 * mm)]

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]],
              widths: Sequence[float], *, header_rows: int = 1,
              spans: Iterable[tuple[tuple[int, int], tuple[int, int]]] = ()) -> Table:
        """A table of figures: header in navy on a tint, numbers right-aligned (markup given)."""
        style = self.styles
        right = ParagraphStyle("label_right", parent=style.label, alignment=TA_RIGHT)
        data: list[list[Any]] = [[Paragraph(f"<b>{cell}</b>", style.label if i == 0 else right)
                                  for i, cell in enumerate(header)]]
        data += [[Paragraph(row[0], style.body_tight)]
                 + [Paragraph(cell, style.right) for cell in row[1:]] for row in rows]
        table = Table(data, colWidths=list(widths), repeatRows=header_rows)
        commands: list[tuple[Any, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), TINT),
            ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.8, NAVY),
            ("LINEBELOW", (0, header_rows), (-1, -1), 0.25, RULE),
            ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ]
        commands += [("SPAN", start, end) for start, end in spans]
        table.setStyle(TableStyle(commands))
        return table

    # -- header ---------------------------------------------------------------------------

    def header(self) -> list[Flowable]:
        style = self.styles
        moment = self.generated_at
        edited = (f"Édité le {french_date(moment.date())} à "
                  f"{moment.hour}{NBSP}h{NBSP}{moment.minute:02d}")
        top = title_band(style, TITLE, Paragraph(edited, style.right_small))
        lines = [
            f"<b>Période{NBSP}:</b> {_period_text(self.period)}",
            f"<b>Périmètre{NBSP}:</b> {self.scope}",
            markup("Données agrégées du magasin central, calculées sur les dossiers "
                   "synchronisés (la date de création, heure de Paris, fixe la période). "
                   "Aucune donnée personnelle."),
        ]
        box = Table([[[Paragraph(line, style.body_tight) for line in lines]]],
                    colWidths=[CONTENT_WIDTH])
        box.setStyle(TableStyle([
            ("BACKGROUND", (0, 0), (-1, -1), TINT),
            ("LEFTPADDING", (0, 0), (-1, -1), 6), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ]))
        flow: list[Flowable] = [top, Spacer(1, 3 * mm), box, Spacer(1, 3 * mm)]
        if _secret(self.figures):
            note = Table([[Paragraph(markup(SECRECY_NOTE), style.note)]],
                         colWidths=[CONTENT_WIDTH])
            note.setStyle(TableStyle([
                ("BOX", (0, 0), (-1, -1), 0.8, NAVY),
                ("LEFTPADDING", (0, 0), (-1, -1), 6), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]))
            flow += [note, Spacer(1, 3 * mm)]
        return flow

    # -- pages ----------------------------------------------------------------------------

    def main_figures(self) -> list[Flowable]:
        flow: list[Flowable] = [self.heading("Chiffres clés")]
        channel = _answer(self.figures, "channel")
        urgent = _answer(self.figures, "urgent")
        key_rows: list[list[str]] = []
        if channel is not None:
            key_rows.append(["Dossiers ouverts",
                             french_number(_total(channel))])
        if urgent is not None:
            urgent_count = next((row.get("dossiers") for row in _rows(urgent)
                                 if label_for("urgent", row.get("urgent")) == "Urgent"), 0)
            key_rows.append(["dont situations prioritaires (urgentes)",
                             french_number(_count(urgent_count))])
        if key_rows:
            table = self.table(["Indicateur", "Dossiers"], key_rows,
                               [CONTENT_WIDTH * 0.7, CONTENT_WIDTH * 0.3])
            flow += self.figure("", [table], channel or urgent)
        if channel is not None:
            chart = bar_chart(_rows(channel), "channel", "dossiers",
                              "Dossiers ouverts par canal",
                              labels=lambda code: label_for("channel", code), horizontal=False,
                              height=150)
            flow += self.figure("", [chart], channel)
        else:
            flow += [self.no_data()]
        site = _answer(self.figures, "site")
        if site is not None and self.all_sites:
            chart = bar_chart(_rows(site), "site", "dossiers", "Dossiers ouverts par site",
                              horizontal=True)
            flow += self.figure("", [chart], site)
        return flow

    def calls(self, calls: Mapping[str, Any]) -> list[Flowable]:
        columns = (("entries", "Inscrits"), ("reached", "Joints"),
                   ("dossiers_opened", "Dossiers ouverts"), ("refusals", "Refus"),
                   ("letters", "Courriers"))
        rows = [[user(row.get("site"), 20) or "Ensemble"]
                + [french_number(_count(row.get(key))) for key, _ in columns]
                for row in _rows(calls)]
        total = calls.get("total")
        if isinstance(total, Mapping) and len(rows) != 1:
            rows.append(["<b>Total</b>"] + [f"<b>{french_number(_count(total.get(key)))}</b>"
                                            for key, _ in columns])
        if not rows:
            return [self.heading("Liste d’appels"), self.no_data()]
        first = CONTENT_WIDTH * 0.25
        table = self.table(["Site"] + [label for _, label in columns], rows,
                           [first] + [(CONTENT_WIDTH - first) / len(columns)] * len(columns))
        return self.figure("Liste d’appels (signaux des partenaires)", [table], calls)

    def trend(self) -> list[Flowable]:
        flow: list[Flowable] = [PageBreak(), self.heading("Évolution par mois")]
        trend = _answer(self.figures, "trend")
        points = month_points(_rows(trend)) if trend is not None else []
        if not points:
            return [*flow, self.no_data()]
        chart = line_chart(points, "Dossiers ouverts par mois", height=210)
        rows = [[markup(label), french_number(value)] for label, value in points]
        table = self.table(["Mois", "Dossiers ouverts"], rows,
                           [CONTENT_WIDTH * 0.5, CONTENT_WIDTH * 0.25])
        return [*flow, *self.figure("", [chart, Spacer(1, 3 * mm), table], trend)]

    def fragilities(self) -> list[Flowable]:
        flow: list[Flowable] = [PageBreak(), self.heading("Fragilités déclarées")]
        answer = _answer(self.figures, "question")
        rows = [row for row in _rows(answer) if self._fragile(row)]
        if answer is None or not rows:
            return [*flow, self.no_data()]
        rows.sort(key=lambda row: (-_sort_count(row.get("dossiers")),
                                   str(row.get("question")), str(row.get("answer"))))
        flow.append(Paragraph(markup(
            "Réponses au questionnaire qui signalent une difficulté (les réponses « sans "
            "difficulté » et « ne sait pas » ne sont pas comptées). Un même dossier compte "
            "pour chacune de ses fragilités."), self.styles.text))
        shown = rows[:FRAGILITY_CHART_LIMIT]
        title = ("Les fragilités les plus fréquentes" if len(rows) > len(shown)
                 else "Dossiers par fragilité")
        chart = bar_chart(
            [{"label": self._fragility_label(row), "dossiers": row.get("dossiers")}
             for row in shown], "label", "dossiers", title, horizontal=True)
        flow += self.figure("", [chart], answer)
        table_rows = [[self._fragility_markup(row), french_number(_count(row.get("dossiers")))]
                      for row in rows]
        table = self.table(["Question et réponse", "Dossiers"], table_rows,
                           [CONTENT_WIDTH * 0.82, CONTENT_WIDTH * 0.18])
        return [*flow, table]

    def _fragile(self, row: Mapping[str, Any]) -> bool:
        try:
            question = self.questionnaire.question(str(row.get("question")))
        except KeyError:
            return row.get("answer") not in (None, self.questionnaire.nsp.code)
        code = row.get("answer")
        return code in question.codes and code != question.codes[0]

    def _answer_words(self, row: Mapping[str, Any]) -> tuple[str, str]:
        question_id, code = str(row.get("question")), str(row.get("answer"))
        try:
            question = self.questionnaire.question(question_id)
            return question.theme, question.label(code)
        except KeyError:
            return question_id, code

    def _fragility_label(self, row: Mapping[str, Any]) -> str:
        theme, answer = self._answer_words(row)
        return f"{theme}{NBSP}: {answer}"

    def _fragility_markup(self, row: Mapping[str, Any]) -> str:
        theme, answer = self._answer_words(row)
        return f"<b>{user(theme, 80)}</b>{NBSP}: {user(answer, 200)}"

    def orientations(self) -> list[Flowable]:
        flow: list[Flowable] = [PageBreak(),
                                self.heading("Orientations et issues par organisme")]
        organisme = _answer(self.figures, "organisme")
        if organisme is not None:
            chart = bar_chart(_rows(organisme), "organisme", "dossiers",
                              "Dossiers orientés par organisme",
                              labels=self._organisme, horizontal=True)
            flow += self.figure("", [chart], organisme)
        outcome = _answer(self.figures, "outcome")
        if outcome is not None:
            flow += self.cross(outcome, "outcome", ["aide_accordee", "aide_refusee",
                                                    "sans_suite", None],
                               "Issues des orientations, par organisme")
        status = _answer(self.figures, "status")
        if status is not None:
            flow += self.cross(status, "status", ["a_transmettre", "transmise", "recue",
                                                  "en_cours", "contact_pris", "cloturee"],
                               "Étape du suivi des orientations, par organisme")
        if organisme is None and outcome is None and status is None:
            flow.append(self.no_data())
        return flow

    def _organisme(self, code: object) -> str:
        return label_for("organisme", code, self.questionnaire)

    def cross(self, answer: Mapping[str, Any], dimension: str, known: list[str | None],
              title: str) -> list[Flowable]:
        """A table organisme × ``dimension`` of dossiers (only the cells the store gives)."""
        cells: dict[tuple[str, str | None], Any] = {}
        organismes: list[str] = []
        columns = list(known)
        for row in _rows(answer):
            code = str(row.get("organisme"))
            value = row.get(dimension)
            column = None if value is None else str(value)
            if code not in organismes:
                organismes.append(code)
            if column not in columns:
                columns.append(column)
            cells[(code, column)] = row.get("dossiers")
        if not organismes:
            return [Paragraph(markup(title), self.styles.h3), self.no_data()]
        order = [o.code for o in self.questionnaire.organismes]
        organismes.sort(key=lambda c: (order.index(c) if c in order else len(order), c))
        columns = [c for c in columns if any((o, c) in cells for o in organismes)]
        header = ["Organisme"] + [markup(label_for(dimension, c)) for c in columns]
        rows = [[markup(self._organisme(o))] + [french_number(_count(cells.get((o, c), 0)))
                                               for c in columns] for o in organismes]
        first = CONTENT_WIDTH * 0.28
        table = self.table(header, rows,
                           [first] + [(CONTENT_WIDTH - first) / len(columns)] * len(columns))
        return self.figure(title, [table], answer)

    def times(self) -> list[Flowable]:
        flow: list[Flowable] = [PageBreak(), self.heading("Délais de traitement")]
        answer = _answer(self.figures, "times")
        rows = _rows(answer)
        if answer is None or not rows:
            return [*flow, self.no_data()]
        flow.append(Paragraph(markup(
            "Délais en jours calendaires depuis l’ouverture du dossier : médiane (la moitié des "
            "dossiers en deçà) et « 90 % » (9 dossiers sur 10 en deçà). Un délai n’est pas "
            "calculé sur moins de 5 dossiers (« — »)."), self.styles.text))
        chart = bar_chart(rows, "organisme", "closure.median_days",
                          "Délai médian jusqu’à la clôture (jours)", labels=self._organisme,
                          horizontal=True, unit=DAYS)
        flow += self.figure("", [chart], answer)
        body: list[list[str]] = []
        for row in rows:
            line = [markup(self._organisme(row.get("organisme")))]
            for step in ("first_contact", "closure"):
                value = row.get(step)
                figure: Mapping[str, Any] = value if isinstance(value, Mapping) else {}
                line += [french_number(_count(figure.get("count"))),
                         _days(figure.get("median_days")), _days(figure.get("p90_days"))]
            body.append(line)
        first = CONTENT_WIDTH * 0.25
        other = (CONTENT_WIDTH - first) / 6
        header = ["Organisme", "Premier contact", "", "", "Clôture", "", ""]
        centre = ParagraphStyle("label_centre", parent=self.styles.label, alignment=TA_CENTER)
        sub = ["", *(f"<b>{word}</b>" for word in ("Dossiers", "Médiane", f"90{NBSP}%") * 2)]
        table = self.table(header, [sub, *body], [first] + [other] * 6, header_rows=2,
                           spans=[((0, 0), (0, 1)), ((1, 0), (3, 0)), ((4, 0), (6, 0))])
        for column in (1, 4):
            table._cellvalues[0][column] = Paragraph(f"<b>{header[column]}</b>", centre)
        table.setStyle(TableStyle([("BACKGROUND", (0, 1), (-1, 1), TINT),
                                   ("LINEBELOW", (1, 0), (-1, 0), 0.25, RULE)]))
        return [*flow, table, Spacer(1, 6 * mm)]

    def story(self) -> list[Flowable]:
        calls = _answer(self.figures, "calls")
        return [*self.header(), *self.main_figures(), *self.trend(), *self.fragilities(),
                *self.orientations(), *self.times(),
                *(self.calls(calls) if calls is not None else [])]


def _count(value: object) -> int | float | str | None:
    return value if isinstance(value, int | float | str) or value is None else None


def _total(answer: Mapping[str, Any]) -> int | float | str | None:
    total = answer.get("total")
    return _count(total.get("dossiers")) if isinstance(total, Mapping) else None


def _sort_count(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return 2.5 if value == HIDDEN else -1.0
    return float(value)


def _days(value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "—"
    return f"{french_number(float(value))}{NBSP}{DAYS}"


def render_monthly_report(figures: Mapping[str, Any], site_label: str | None,
                          generated_at: datetime) -> bytes:
    """The monthly report as PDF bytes: ``figures`` as the module says (answers of the central
    store, secrecy applied), ``site_label`` the site it is about (« Rennes ») or None for all
    sites, ``generated_at`` the moment printed in its header (shown in Paris time)."""
    styles = make_styles()
    report = _Report(figures, site_label, generated_at, styles, load_questionnaire())
    disclaimer = markup("Statistiques agrégées, sans donnée personnelle. ")
    if _secret(figures):
        disclaimer += markup(SECRECY_NOTE)
    footer = Footer(left=f"{markup(TITLE)} · {user(report.period.get('label'), 60)} · "
                         f"{report.scope}",
                    disclaimer=disclaimer)
    pdf, _ = build_pdf(report.story(), title=TITLE, subject=f"{TITLE} — {report.scope}",
                       footer=footer, styles=styles)
    return pdf
