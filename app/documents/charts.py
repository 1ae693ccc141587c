"""Charts of the statistics (issue 17), drawn with reportlab's own charts: plain data in, a
:class:`~reportlab.graphics.shapes.Drawing` out, the same one in the monthly report (PDF) and in
the window (as SVG through QtSvg, :func:`to_svg`).

The rows are those of the central store's answers (``GET /stats/breakdown``, ``/stats/times``,
``/stats/calls``): a count is a number or the string ``"<5"`` (statistical secrecy, a count from
1 to 4 hidden). A hidden count is drawn as a hatched bar reaching 5 with a dashed outline and
labelled « < 5 », and a legend under the chart says what it means; every bar carries its value in
words, so colour is never the only carrier. Numbers are written the French way: « 12 480 » (a
no-break space between thousands, as the other documents), « 12,5 ».
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from reportlab.graphics import renderSVG
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, Group, Hatching, Rect, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.attrmap import AttrMap, AttrMapValue
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.documents.access import ORIENTATION_STATUS_LABELS
from app.documents.access import OUTCOME_LABELS as ACCESS_OUTCOME_LABELS
from app.documents.fonts import BOLD, REGULAR, ensure_fonts
from app.documents.layout import CONTENT_WIDTH, INK, MUTED, NAVY, RULE
from app.documents.text import ELLIPSIS, NBSP, clean, typo
from app.forms.questionnaire import Questionnaire, load_questionnaire

HIDDEN = "<5"
HIDDEN_LABEL = f"<{NBSP}5"
HIDDEN_BOUND = 5
LEGEND = f"{HIDDEN_LABEL} (barre hachurée){NBSP}: effectif de 1 à 4, masqué (secret statistique)"
MISSING_LABEL = "—"

# Dark blue bars on white (contrast above 10:1 with the white page and the black labels); the
# hatching of hidden counts is drawn in the same blue, on white, with a dashed outline.
BAR_FILL = NAVY
BAR_EDGE = NAVY
LINE_COLOUR = NAVY
GRID = RULE

TITLE_SIZE = 10
LABEL_SIZE = 8
LABEL_LIMIT = 46
BAR_PITCH = 17.0  # points per bar of a horizontal chart

Value = int | float | str | None

MONTHS_SHORT = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.",
                "oct.", "nov.", "déc.")
CHANNEL_LABELS = {
    "accueil": "Accueil",
    "telephone": "Téléphone",
    "traitement_dossier": "Traitement de dossier",
    "signal": "Liste d’appels (signal)",
}
# the words of the access statement (app.documents.access, checked against the codes there),
# capitalised for a chart's axis
STATUS_LABELS = ORIENTATION_STATUS_LABELS
OUTCOME_LABELS = {code: label[:1].upper() + label[1:]
                  for code, label in ACCESS_OUTCOME_LABELS.items()}
NO_OUTCOME_LABEL = "Pas encore d’issue"


def french_number(value: Value, *, decimals: int = 1) -> str:
    """« 12 480 », « 12,5 », « < 5 » for a hidden count, « — » for none."""
    if value is None:
        return MISSING_LABEL
    if isinstance(value, str):
        return HIDDEN_LABEL if value == HIDDEN else clean(value, 20)
    if isinstance(value, float) and not value.is_integer():
        text = f"{value:,.{decimals}f}"
    else:
        text = f"{int(value):,}"
    return text.replace(",", NBSP).replace(".", ",")


def is_hidden(value: object) -> bool:
    return value == HIDDEN


def numeric(value: object) -> float | None:
    """A drawable number, or None (hidden, missing or not a number)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def month_label(code: object) -> str:
    """« 2026-11 » → « nov. 2026 »; anything else as it is (cleaned)."""
    text = clean(code, 20)
    year, _, month = text.partition("-")
    if year.isdigit() and month.isdigit() and 1 <= int(month) <= 12:
        return f"{MONTHS_SHORT[int(month) - 1]} {year}"
    return text


def label_for(dimension: str, code: object,
              questionnaire: Questionnaire | None = None) -> str:
    """The French label of a code of a statistics dimension (organisme, channel, aid,
    orientation status, outcome, urgent, month); a site's code and unknown codes as they are,
    cleaned. ``None`` (no outcome yet, no value) gets a word too."""
    if dimension == "month":
        return month_label(code)
    if dimension == "urgent":
        return "Urgent" if code in (True, 1, "1", "true", "oui") else "Non urgent"
    if code is None:
        return NO_OUTCOME_LABEL if dimension == "outcome" else "Non renseigné"
    text = clean(code, 60)
    if dimension == "channel":
        return CHANNEL_LABELS.get(text, text)
    if dimension == "status":
        return STATUS_LABELS.get(text, text)
    if dimension == "outcome":
        return OUTCOME_LABELS.get(text, text)
    if dimension in ("organisme", "aid"):
        questionnaire = questionnaire or load_questionnaire()
        try:
            if dimension == "organisme":
                return questionnaire.organisme(text).short_name
            return questionnaire.aid(text).title
        except KeyError:
            return text
    return text


def shorten(text: str, limit: int = LABEL_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + ELLIPSIS


def _nested(row: Mapping[str, Any], key: str) -> Value:
    """``row[key]``, or ``row["closure"]["median_days"]`` for the key ``closure.median_days``."""
    value: Any = row
    for part in key.split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    return value if isinstance(value, int | float | str) or value is None else None


def _nice_top(largest: float, *, integer: bool) -> tuple[float, float]:
    """An axis top above ``largest`` with room for the labels, and a round step."""
    largest = max(largest, HIDDEN_BOUND if integer else 1.0)
    raw = largest * 1.12 / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    if integer:
        step = max(1.0, float(math.ceil(step)))
    return step * math.ceil(largest * 1.12 / step), step


def _axis_label(value: float) -> str:
    return french_number(int(value) if float(value).is_integer() else value)


class _SecretBars:
    """Mixin: hatch the bars of hidden counts once the chart has placed them."""

    hidden: tuple[int, ...] = ()
    _barPositions: list[list[tuple[float, float, float, float]]]  # noqa: N815 - reportlab's

    def draw(self) -> Group:
        group: Group = super().draw()  # type: ignore[misc]  # the reportlab chart's draw
        for column in self.hidden:
            x, y, width, height = self._barPositions[0][column]
            if None in (x, y, width, height):
                continue
            left, right = sorted((x, x + width))
            bottom, top = sorted((y, y + height))
            group.add(Hatching(spacings=3, angles=45, strokeColor=BAR_EDGE, strokeWidth=0.6,
                               xyLists=[left, bottom, right, bottom, right, top, left, top]))
        return group


class _VerticalSecretBars(_SecretBars, VerticalBarChart):  # type: ignore[misc]
    _attrMap = AttrMap(BASE=VerticalBarChart, hidden=AttrMapValue(None, desc="hidden columns"))


class _HorizontalSecretBars(_SecretBars, HorizontalBarChart):  # type: ignore[misc]
    _attrMap = AttrMap(BASE=HorizontalBarChart, hidden=AttrMapValue(None, desc="hidden columns"))


def _title(drawing: Drawing, title: str, y: float) -> None:
    drawing.add(String(0, y, shorten(clean(title), 90), fontName=BOLD, fontSize=TITLE_SIZE,
                       fillColor=NAVY))


def _legend(drawing: Drawing, y: float) -> None:
    box = Rect(0, y - 1, 14, 8, fillColor=colors.white, strokeColor=BAR_EDGE, strokeWidth=0.6,
               strokeDashArray=[2, 1.5])
    drawing.add(box)
    drawing.add(Hatching(spacings=3, angles=45, strokeColor=BAR_EDGE, strokeWidth=0.6,
                         xyLists=[0, y - 1, 14, y - 1, 14, y + 7, 0, y + 7]))
    drawing.add(String(20, y, LEGEND, fontName=REGULAR, fontSize=LABEL_SIZE - 0.5,
                       fillColor=MUTED))


def bar_chart(rows: Sequence[Mapping[str, Any]], label_key: str, value_key: str, title: str,
              *, labels: Callable[[Any], str] | Mapping[Any, str] | None = None,
              horizontal: bool | None = None, unit: str = "",
              width: float = CONTENT_WIDTH, height: float | None = None) -> Drawing:
    """One bar per row: its label ``row[label_key]`` (through ``labels`` when given, a function
    or a mapping of codes to words), its value ``row[value_key]`` (a dotted key reaches inside:
    ``closure.median_days``). A value ``"<5"`` is a hatched bar labelled « < 5 »; ``None`` no bar
    and « — ». Bars run horizontally when asked, or when the labels are long or many; ``unit``
    follows each value (« 12,5 j »). Rows are drawn in the order given (first at the top)."""
    ensure_fonts()
    names = [_row_label(row.get(label_key), labels) for row in rows]
    values = [_nested(row, value_key) for row in rows]
    if horizontal is None:
        horizontal = len(rows) > 6 or max((len(n) for n in names), default=0) > 12
    hidden = tuple(i for i, v in enumerate(values) if is_hidden(v))
    drawn = [numeric(v) for v in values]
    integer = all(float(v).is_integer() for v in drawn if v is not None)
    # A missing value is a bar of nothing, so that it still carries its « — ».
    data = [HIDDEN_BOUND if i in hidden else v or 0.0 for i, v in enumerate(drawn)]
    texts = [french_number(v) + (NBSP + unit if unit and numeric(v) is not None else "")
             for v in values]
    top, step = _nice_top(max(data, default=0.0), integer=integer)
    legend_space = 16.0 if hidden else 0.0
    title_space = 18.0
    if horizontal:
        body = max(1, len(rows)) * BAR_PITCH
        height = height or body + title_space + legend_space + 22
    else:
        height = height or 190.0
    drawing = Drawing(width, height)
    _title(drawing, title, height - TITLE_SIZE - 2)
    if not rows:
        drawing.add(String(0, height - title_space - 14, "Aucune donnée pour cette période.",
                           fontName=REGULAR, fontSize=LABEL_SIZE + 1, fillColor=MUTED))
        return drawing
    chart: _SecretBars
    if horizontal:
        chart = _HorizontalSecretBars()
        label_width = max(stringWidth(n, REGULAR, LABEL_SIZE) for n in names) + 8
        chart.x = min(label_width, width * 0.5)
        chart.y = legend_space + 16
        chart.width = width - chart.x - 48
        chart.height = height - title_space - chart.y - 4
        chart.categoryAxis.reverseDirection = 1
        chart.categoryAxis.labels.boxAnchor = "e"
        chart.categoryAxis.labels.dx = -4
        chart.barLabels.boxAnchor = "w"
        chart.barLabels.dx = 3
        chart.valueAxis.labels.dy = -2
    else:
        chart = _VerticalSecretBars()
        chart.x = 34
        chart.y = legend_space + 30
        chart.width = width - chart.x - 6
        chart.height = height - title_space - chart.y - 6
        chart.categoryAxis.labels.boxAnchor = "n"
        chart.categoryAxis.labels.dy = -4
        chart.barLabels.boxAnchor = "s"
        chart.barLabels.dy = 2
        chart.valueAxis.labels.boxAnchor = "e"
        chart.valueAxis.labels.dx = -3
    chart.hidden = hidden
    chart.data = [data]
    chart.categoryAxis.categoryNames = names
    chart.categoryAxis.strokeColor = INK
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = LABEL_SIZE
    chart.categoryAxis.labels.fillColor = INK
    chart.categoryAxis.tickShift = 0
    _value_axis(chart.valueAxis, top, step)
    chart.bars[0].fillColor = BAR_FILL
    chart.bars[0].strokeColor = BAR_EDGE
    chart.bars[0].strokeWidth = 0.6
    for column in hidden:
        chart.bars[(0, column)].fillColor = colors.white
        chart.bars[(0, column)].strokeDashArray = [2, 1.5]
    chart.barLabelFormat = "values"
    chart.barLabelArray = [texts]
    chart.barLabels.fontName = BOLD
    chart.barLabels.fontSize = LABEL_SIZE
    chart.barLabels.fillColor = INK
    chart.barWidth = 10
    chart.groupSpacing = 6
    drawing.add(chart)
    if hidden:
        _legend(drawing, 2)
    return drawing


def _row_label(code: object, labels: Callable[[Any], str] | Mapping[Any, str] | None) -> str:
    if callable(labels):
        text = labels(code)
    elif labels is not None:
        text = labels.get(code, clean(code, 60))
    else:
        text = clean(code, 60)
    return shorten(typo(clean(text, 200)))


class _SecretLine(HorizontalLineChart):  # type: ignore[misc]  # reportlab ships no types
    """A line chart whose line breaks at a missing or hidden point, each value written above
    its point, a hidden one marked by a small hatched box from 0 to 5 and « < 5 »."""

    _attrMap = AttrMap(BASE=HorizontalLineChart,
                       hidden=AttrMapValue(None, desc="hidden points"),
                       texts=AttrMapValue(None, desc="the label of each point"),
                       values=AttrMapValue(None, desc="the value of each point or None"))
    hidden: tuple[int, ...] = ()
    texts: tuple[str, ...] = ()
    values: tuple[float | None, ...] = ()

    def draw(self) -> Group:
        group: Group = super().draw()
        bottom, top = self.valueAxis.scale(0), self.valueAxis.scale(HIDDEN_BOUND)
        for column, (value, text) in enumerate(zip(self.values, self.texts, strict=True)):
            x = self.categoryAxis.scale(column)[0] + self._hngs
            if column in self.hidden:
                group.add(Rect(x - 4, bottom, 8, top - bottom, fillColor=colors.white,
                               strokeColor=BAR_EDGE, strokeWidth=0.6,
                               strokeDashArray=[2, 1.5]))
                group.add(Hatching(spacings=3, angles=45, strokeColor=BAR_EDGE,
                                   strokeWidth=0.6,
                                   xyLists=[x - 4, bottom, x + 4, bottom, x + 4, top, x - 4,
                                            top]))
                group.add(String(x, top + 3, HIDDEN_LABEL, fontName=BOLD,
                                 fontSize=LABEL_SIZE, fillColor=INK, textAnchor="middle"))
            elif value is not None:
                group.add(String(x, self.valueAxis.scale(value) + 5, text, fontName=BOLD,
                                 fontSize=LABEL_SIZE, fillColor=INK, textAnchor="middle"))
        return group


def _runs(values: Sequence[float | None]) -> list[list[float | None]]:
    """One series per unbroken run of values, None elsewhere: the line breaks at a gap."""
    runs: list[list[float | None]] = []
    previous: float | None = None
    for column, value in enumerate(values):
        if value is not None and previous is None:
            runs.append([None] * len(values))
        if value is not None:
            runs[-1][column] = value
        previous = value
    return runs or [[None] * len(values)]


def line_chart(points: Sequence[tuple[str, Value]], title: str, *, unit: str = "",
               width: float = CONTENT_WIDTH, height: float = 190.0) -> Drawing:
    """A line through ``points`` ((label, value) in order, e.g. one per month: see
    :func:`month_points`), each value written above its point. A hidden value (``"<5"``) breaks
    the line and shows as a hatched box labelled « < 5 »; ``None`` breaks it with no mark."""
    ensure_fonts()
    drawing = Drawing(width, height)
    _title(drawing, title, height - TITLE_SIZE - 2)
    if not points:
        drawing.add(String(0, height - 32, "Aucune donnée pour cette période.",
                           fontName=REGULAR, fontSize=LABEL_SIZE + 1, fillColor=MUTED))
        return drawing
    values = [value for _, value in points]
    hidden = tuple(i for i, v in enumerate(values) if is_hidden(v))
    drawn = [numeric(v) for v in values]
    integer = all(float(v).is_integer() for v in drawn if v is not None)
    top, step = _nice_top(max((v for v in drawn if v is not None), default=0.0),
                          integer=integer)
    legend_space = 16.0 if hidden else 0.0
    chart = _SecretLine()
    chart.hidden = hidden
    chart.x = 34
    chart.y = legend_space + 30
    chart.width = width - chart.x - 6
    chart.height = height - 18 - chart.y - 6
    chart.values = tuple(drawn)
    chart.texts = tuple(french_number(v) + (NBSP + unit if unit else "") for v in drawn)
    chart.data = _runs(drawn)
    chart.joinedLines = 1
    for series in range(len(chart.data)):  # one colour for every run of the one line
        chart.lines[series].strokeColor = LINE_COLOUR
        chart.lines[series].strokeWidth = 1.6
        chart.lines[series].symbol = makeMarker("FilledCircle", size=4.5,
                                                fillColor=LINE_COLOUR, strokeColor=LINE_COLOUR)
    crowded = len(points) > 6
    names = [shorten(clean(label, 40), 14) for label, _ in points]
    # Many points: « déc. » over « 2025 », so that neighbouring labels do not run together.
    chart.categoryAxis.categoryNames = [_two_lines(name) if crowded else name for name in names]
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = LABEL_SIZE - (1 if crowded else 0)
    chart.categoryAxis.labels.leading = LABEL_SIZE + 1
    chart.categoryAxis.labels.fillColor = INK
    chart.categoryAxis.labels.boxAnchor = "n"
    chart.categoryAxis.labels.dy = -4
    chart.categoryAxis.strokeColor = INK
    _value_axis(chart.valueAxis, top, step)
    chart.valueAxis.labels.boxAnchor = "e"
    chart.valueAxis.labels.dx = -3
    drawing.add(chart)
    if hidden:
        _legend(drawing, 2)
    return drawing


def _value_axis(axis: Any, top: float, step: float) -> None:
    """A chart's count axis: from 0 to ``top`` by ``step``, muted labels, a light grid."""
    axis.valueMin = 0
    axis.valueMax = top
    axis.valueStep = step
    axis.labelTextFormat = _axis_label
    axis.labels.fontName = REGULAR
    axis.labels.fontSize = LABEL_SIZE - 1
    axis.labels.fillColor = MUTED
    axis.strokeColor = GRID
    axis.visibleGrid = 1
    axis.gridStrokeColor = GRID
    axis.gridStrokeWidth = 0.4


def _two_lines(label: str) -> str:
    head, space, tail = label.rpartition(" ")
    return f"{head}\n{tail}" if space else label


def month_points(rows: Sequence[Mapping[str, Any]], value_key: str = "dossiers",
                 month_key: str = "month") -> list[tuple[str, Value]]:
    """The rows of a breakdown by month as (« nov. 2026 », value) points, sorted by month
    (other dimensions, if any, are not summed: pass rows of a breakdown by month only)."""
    ordered = sorted(rows, key=lambda row: clean(row.get(month_key), 20))
    return [(month_label(row.get(month_key)), _nested(row, value_key)) for row in ordered]


def to_svg(drawing: Drawing) -> bytes:
    """The drawing as SVG bytes (UTF-8), for the window's QSvgWidget / QSvgRenderer."""
    text: str = renderSVG.drawToString(drawing)
    # What renderSVG writes that a strict reader such as QtSvg draws wrong: « fill: None » (not
    # SVG: « none ») would fill the area under a line in black, and so would the clipping
    # rectangle written outside <defs>; the font names are reportlab's, not family names.
    text = text.replace("fill: None;", "fill: none;")
    text = _CLIP.sub(r"<defs>\1</defs>", text, count=1)
    for name, family in _FAMILIES:
        text = text.replace(f"font-family: {name};", family)
    return text.encode("utf-8")


_CLIP = re.compile(r"(<clipPath\b.*?</clipPath>)", re.DOTALL)
_FAMILIES = (
    (BOLD, "font-family: 'DejaVu Sans', sans-serif; font-weight: bold;"),
    (REGULAR, "font-family: 'DejaVu Sans', sans-serif;"),
)


__all__ = [
    "HIDDEN",
    "HIDDEN_LABEL",
    "LEGEND",
    "bar_chart",
    "french_number",
    "is_hidden",
    "label_for",
    "line_chart",
    "month_label",
    "month_points",
    "numeric",
    "to_svg",
]
