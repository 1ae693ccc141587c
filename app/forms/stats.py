"""The vocabulary of the statistics (issue 17): periods, dimensions, the facts of a dossier the
central store counts, and the one French sentence saying what a figure counts.

Pure: the central store (app.server.services.stats) computes the figures in SQL from the facts
:func:`dossier_facts` gives; the window and the documents read the same words.

A dossier belongs to the period of its creation day in Europe/Paris (``created_at`` of its
export dict). Periods: a year ``2026``, a quarter ``2026-Q4``, a month ``2026-11``, an ISO week
``2026-W47`` or a range of months ``2026-01..2026-06``.
"""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any, Final
from zoneinfo import ZoneInfo

from app.forms.evaluation import (
    Situation,
    SituationError,
    evaluate,
    parse_answers,
    parse_profile,
)
from app.forms.questionnaire import QuestionnaireError, load_questionnaire

PARIS: Final = ZoneInfo("Europe/Paris")

# The dimensions of a breakdown, in the order rows carry them.
DIMENSIONS: Final = ("site", "channel", "organisme", "aid", "question", "urgent", "status",
                     "outcome", "month")
# Dimensions of the call list's figures (its entries have a site, nothing else to break down).
CALL_DIMENSIONS: Final = ("site",)
# The channel of a dossier opened from the call list.
SIGNAL_CHANNEL: Final = "signal"
# Orientation statuses at which the partner has contacted the worker (first contact).
CONTACTED_STATUSES: Final = ("contact_pris", "cloturee")

_NBSP: Final = "\u00a0"
_MONTHS: Final = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                  "septembre", "octobre", "novembre", "décembre")
_DIMENSION_WORDS: Final = {
    "site": "site", "channel": "canal", "organisme": "organisme", "aid": "aide",
    "question": "réponse aux questions", "urgent": "urgence", "status": "statut de l’orientation",
    "outcome": "issue", "month": "mois"}
_PERIOD_ERROR: Final = ("period: {text!r} is not a period; expected a year (2026), a quarter "
                        "(2026-Q4), a month (2026-11), an ISO week (2026-W47) or a range of "
                        "months (2026-01..2026-06)")
_YEAR: Final = re.compile(r"^(\d{4})$")
_QUARTER: Final = re.compile(r"^(\d{4})-Q([1-4])$")
_MONTH: Final = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK: Final = re.compile(r"^(\d{4})-W(\d{2})$")


@dataclass(frozen=True)
class Period:
    """Every day from ``first`` to ``last`` (both included); ``label`` as the user wrote it."""

    first: date
    last: date
    label: str

    def to_json(self) -> dict[str, str]:
        return {"label": self.label, "first": self.first.isoformat(),
                "last": self.last.isoformat()}


# No period given: every dossier the store holds.
ALL_TIME: Final = Period(date(1900, 1, 1), date(9999, 12, 31), "tout")


def _month(year: int, month: int, text: str) -> tuple[date, date]:
    if not 1 <= month <= 12:
        raise ValueError(_PERIOD_ERROR.format(text=text))
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def parse_period(text: str | None) -> Period:
    """The period ``text`` names (None or empty: :data:`ALL_TIME`); ValueError naming
    ``period`` else."""
    if text is None or not text.strip():
        return ALL_TIME
    text = text.strip()
    if found := _YEAR.match(text):
        year = int(found.group(1))
        return Period(date(year, 1, 1), date(year, 12, 31), text)
    if found := _QUARTER.match(text):
        year, quarter = int(found.group(1)), int(found.group(2))
        first, _ = _month(year, 3 * quarter - 2, text)
        _, last = _month(year, 3 * quarter, text)
        return Period(first, last, text)
    if found := _MONTH.match(text):
        first, last = _month(int(found.group(1)), int(found.group(2)), text)
        return Period(first, last, text)
    if found := _WEEK.match(text):
        try:
            monday = date.fromisocalendar(int(found.group(1)), int(found.group(2)), 1)
        except ValueError:
            raise ValueError(_PERIOD_ERROR.format(text=text)) from None
        return Period(monday, monday + timedelta(days=6), text)
    start, sep, end = text.partition("..")
    if sep and (a := _MONTH.match(start)) and (b := _MONTH.match(end)):
        first, _ = _month(int(a.group(1)), int(a.group(2)), text)
        _, last = _month(int(b.group(1)), int(b.group(2)), text)
        if last < first:
            raise ValueError(f"period: {text!r} ends before it starts; expected the earlier "
                             "month first (2026-01..2026-06)")
        return Period(first, last, text)
    raise ValueError(_PERIOD_ERROR.format(text=text))


def parse_dimensions(by: str | Sequence[str] | None,
                     allowed: Sequence[str] = DIMENSIONS) -> tuple[str, ...]:
    """The dimensions ``by`` names (comma-separated text or a sequence), each once, in the
    order given; ValueError naming ``by`` for an unknown or repeated one."""
    if by is None:
        return ()
    names = [n.strip() for n in (by.split(",") if isinstance(by, str) else by)]
    names = [n for n in names if n]
    for name in names:
        if name not in allowed:
            raise ValueError(f"by: {name!r} is not a dimension; expected a comma-separated "
                             "list of " + ", ".join(allowed))
    if len(set(names)) != len(names):
        raise ValueError("by: a dimension is named twice; expected each at most once")
    return tuple(names)


def row_keys(by: Iterable[str]) -> tuple[str, ...]:
    """The keys a row carries for ``by`` (``question`` brings ``question`` and ``answer``)."""
    keys: list[str] = []
    for name in by:
        keys.extend(("question", "answer") if name == "question" else (name,))
    return tuple(keys)


def paris_day(created_at: str) -> date:
    """The day in Europe/Paris of an ISO date-time (naive: taken as UTC)."""
    moment = datetime.fromisoformat(created_at)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo("UTC"))
    return moment.astimezone(PARIS).date()


def paris_bounds(period: Period) -> tuple[datetime, datetime]:
    """The period as aware instants: midnight in Paris of its first day, and of the day after
    its last (excluded)."""
    start = datetime.combine(period.first, datetime.min.time(), PARIS)
    end_day = period.last + timedelta(days=1) if period.last < date.max else period.last
    return start, datetime.combine(end_day, datetime.min.time(), PARIS)


@lru_cache(maxsize=4096)
def _aids(questionnaire_id: str, answers: str, profile: str, day: str) -> tuple[str, ...]:
    try:
        questionnaire = load_questionnaire(questionnaire_id)
        situation = Situation(
            answers=parse_answers(questionnaire, json.loads(answers), require_all=False),
            profile=parse_profile(questionnaire, json.loads(profile)),
            reference_date=date.fromisoformat(day))
        return tuple(sorted({a.code for a in evaluate(questionnaire, situation).aids}))
    except (SituationError, QuestionnaireError, ValueError):
        return ()


def dossier_facts(payload: Mapping[str, Any],
                  created_aids: Callable[[Mapping[str, Any]], Sequence[str]] | None = None
                  ) -> dict[str, Any]:
    """What the statistics count of a dossier's export dict (validated by app.forms.records):
    ``site``, ``created_day`` (Paris), ``month`` (YYYY-MM), ``channel``, ``urgent``,
    ``answers`` ({question: code}) and ``aids`` (codes app.forms.evaluation finds on the day
    of creation; ``created_aids(payload)`` gives them when the caller evaluated the dossier
    already). Codes only: nothing that identifies anybody."""
    number = str(payload.get("number") or "")
    parts = number.split("-")
    site = parts[1] if len(parts) > 2 else str(payload.get("site") or "")
    day = paris_day(str(payload["created_at"]))
    answers = {str(k): str(v) for k, v in (payload.get("answers") or {}).items()}
    if created_aids is not None:
        aids: Sequence[str] = created_aids(payload)
    else:
        aids = _aids(str(payload.get("questionnaire") or ""),
                     json.dumps(answers, sort_keys=True),
                     json.dumps(payload.get("profile") or {}, sort_keys=True, default=str),
                     day.isoformat())
    return {"site": site, "created_day": day, "month": day.strftime("%Y-%m"),
            "channel": str(payload.get("channel") or ""), "urgent": bool(payload.get("urgent")),
            "answers": answers, "aids": list(aids)}


def _day(value: date) -> str:
    return f"{'1er' if value.day == 1 else value.day}{_NBSP}{_MONTHS[value.month - 1]}" \
           f"{_NBSP}{value.year}"


def period_words(period: Period) -> str:
    """« du 1er novembre 2026 au 30 novembre 2026 » (non-breaking spaces); « depuis
    l’ouverture du service » for :data:`ALL_TIME`."""
    if period == ALL_TIME:
        return "depuis l’ouverture du service"
    return f"du {_day(period.first)} au {_day(period.last)}"


def _by_words(by: Sequence[str]) -> str:
    words = [_DIMENSION_WORDS[name] for name in by]
    if not words:
        return ""
    joined = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " et " + words[-1]
    return f", par {joined}"


SECRECY_SENTENCE: Final = (f" Les effectifs de 1 à 4 sont remplacés par «{_NBSP}<{_NBSP}5{_NBSP}»,"
                           " ainsi que ceux qui permettraient de les déduire d’un total.")


def method_sentence(kind: str, by: Sequence[str], period: Period, secrecy: bool) -> str:
    """What a figure counts, in one French sentence (two with the statistical secrecy).

    ``kind``: ``breakdown`` (dossiers), ``times`` (delays of the orientations) or ``calls``
    (entries of the call list); ValueError naming ``kind`` else."""
    when = period_words(period)
    if kind == "breakdown":
        text = (f"Nombre de dossiers distincts créés {when} (jour de création à l’heure de "
                f"Paris){_by_words(by)}{_NBSP}; un dossier compté dans plusieurs groupes "
                "(plusieurs organismes, aides ou réponses) ne compte qu’une fois dans le total.")
    elif kind == "times":
        text = (f"Délais en jours, des orientations des dossiers créés {when}{_by_words(by)}"
                f"{_NBSP}: de la transmission au premier contact du partenaire puis à la "
                "clôture, mesurés par le magasin central (médiane et 9ᵉ décile, à partir de "
                "5 orientations).")
    elif kind == "calls":
        text = (f"Personnes de la liste d’appels signalées {when}{_by_words(by)}{_NBSP}: "
                "jointes, dossiers ouverts, refus et courriers proposés.")
    else:
        raise ValueError(f"kind: {kind!r} is not allowed; expected breakdown, times or calls")
    return text + (SECRECY_SENTENCE if secrecy else "")
