"""The usual processing time of each organisme, as the central store publishes it and as a
printed document freezes it (issue 14).

The central store measures, per organisme, the days from transmission to closure of the
orientations it saw transmitted and then closed (``GET /stats/processing-times``), over the last
:data:`WINDOW_DAYS` days; below :data:`MIN_SAMPLE` closures it publishes no figure (null), since a
median of three orientations tells nothing. The workstation keeps the answer
(``app.sync.figures``) and reads it with :func:`from_published`: whole days, rounded up, at least
one. A print freezes the figures it showed (``printed[i].figures`` of the dossier's export,
:func:`freeze`), so a reprint of the same content says the same; :func:`thaw` reads them back and
is the check the records' validation runs on them.

Pure: no I/O, no database; both the store and the workstation import it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

MIN_SAMPLE = 20  # closures an organisme needs in the window before a figure is published
WINDOW_DAYS = 30  # the window, in days before the computation, of the closures counted
MAX_DAYS = 36500  # the longest processing time a figure may carry (a hundred years)
MAX_COUNT = 10**9
_COMPUTED_AT_MAX = 64
FIGURE_KEYS = ("p90_days", "median_days", "count", "window_days", "computed_at")


class FigureError(ValueError):
    """A frozen figure that is not one: the message starts with the field (``urssaf.count``)."""


@dataclass(frozen=True)
class ProcessingFigure:
    """One organisme's usual processing time: the median and the 90th percentile, in whole days
    (at least 1), of ``count`` closures over the ``window_days`` days before ``computed_at``."""

    organisme: str
    p90_days: int
    median_days: int
    count: int
    window_days: int
    computed_at: str

    def to_json(self) -> dict[str, Any]:
        """The figure as frozen in a print (the organisme is the key it is kept under)."""
        return {"p90_days": self.p90_days, "median_days": self.median_days,
                "count": self.count, "window_days": self.window_days,
                "computed_at": self.computed_at}

    @classmethod
    def from_json(cls, organisme: str, data: object) -> ProcessingFigure:
        """The figure :meth:`to_json` wrote; :class:`FigureError` naming the field else."""
        if not isinstance(data, Mapping):
            raise FigureError(f"{organisme}: expected an object with "
                              + ", ".join(FIGURE_KEYS))
        unknown = sorted(str(k) for k in data if k not in FIGURE_KEYS)
        if unknown:
            raise FigureError(f"{organisme}.{unknown[0][:40]}: unknown field; expected one of "
                              + ", ".join(FIGURE_KEYS))
        p90 = _whole(data.get("p90_days"), f"{organisme}.p90_days", 1, MAX_DAYS)
        median = _whole(data.get("median_days"), f"{organisme}.median_days", 1, p90)
        count = _whole(data.get("count"), f"{organisme}.count", 1, MAX_COUNT)
        window = _whole(data.get("window_days"), f"{organisme}.window_days", 1, MAX_DAYS)
        computed_at = data.get("computed_at")
        if not isinstance(computed_at, str) or not _is_moment(computed_at):
            raise FigureError(f"{organisme}.computed_at: expected an ISO 8601 date-time such "
                              "as 2026-12-04T10:15:00+00:00")
        return cls(organisme, p90, median, count, window, computed_at)


def _whole(value: object, where: str, low: int, high: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise FigureError(f"{where}: expected a whole number from {low} to {high}")
    return value


def _is_moment(text: str) -> bool:
    if len(text) > _COMPUTED_AT_MAX:
        return False
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def _days(value: object) -> int | None:
    """A published number of days as whole days, rounded up, at least 1; None if not one."""
    if (not isinstance(value, int | float) or isinstance(value, bool)
            or not math.isfinite(value) or not 0 <= value <= MAX_DAYS):
        return None
    return max(1, math.ceil(value))


def from_published(data: object) -> dict[str, ProcessingFigure]:
    """The figures of the store's answer to ``GET /stats/processing-times``: only organismes
    with at least :data:`MIN_SAMPLE` closures and valid numbers (anything else is left out,
    never an error: the documents then print the general fact)."""
    if not isinstance(data, Mapping):
        return {}
    organismes = data.get("organismes")
    window = data.get("window_days", WINDOW_DAYS)
    computed_at = data.get("computed_at")
    if (not isinstance(organismes, Mapping) or not isinstance(window, int)
            or isinstance(window, bool) or not 1 <= window <= MAX_DAYS
            or not isinstance(computed_at, str) or not _is_moment(computed_at)):
        return {}
    out: dict[str, ProcessingFigure] = {}
    for code, figure in organismes.items():
        if not isinstance(code, str) or not isinstance(figure, Mapping):
            continue
        count = figure.get("count")
        if (not isinstance(count, int) or isinstance(count, bool)
                or not MIN_SAMPLE <= count <= MAX_COUNT):
            continue
        p90, median = _days(figure.get("p90_days")), _days(figure.get("median_days"))
        if p90 is None or median is None or median > p90:
            continue
        out[code] = ProcessingFigure(code, p90, median, count, window, computed_at)
    return out


def freeze(figures: Iterable[ProcessingFigure]) -> dict[str, dict[str, Any]]:
    """Figures as a print keeps them: organisme → :meth:`ProcessingFigure.to_json`."""
    return {figure.organisme: figure.to_json() for figure in figures}


def thaw(data: object, organismes: Iterable[str] | None = None) -> dict[str, ProcessingFigure]:
    """The figures :func:`freeze` wrote; :class:`FigureError` naming the field when ``data`` is
    not such an object or names an organisme not in ``organismes`` (when given)."""
    if not isinstance(data, Mapping):
        raise FigureError("expected an object of organisme → figure")
    known = None if organismes is None else tuple(organismes)
    out: dict[str, ProcessingFigure] = {}
    for code, figure in data.items():
        if not isinstance(code, str) or (known is not None and code not in known):
            expected = ("expected one of " + ", ".join(known) if known is not None
                        else "expected an organisme code")
            raise FigureError(f"{str(code)[:40]!r} is not an organisme; {expected}")
        out[code] = ProcessingFigure.from_json(code, figure)
    return out
