"""Working days in metropolitan France, and when an orientation is « sans nouvelle ».

A working day is a Monday to Friday that is not a French public holiday (the ``holidays``
library's calendar of metropolitan France: 1er janvier, lundi de Pâques, 1er et 8 mai,
Ascension, lundi de Pentecôte, 14 juillet, 15 août, Toussaint, 11 novembre, Noël). The two
extra days of Alsace-Moselle (Vendredi saint, 26 décembre: subdivision ``57`` of the library)
are not used: the sites are in Bretagne, where those days are worked.

Days are counted in French local time (Europe/Paris): a change recorded at 23:30 UTC on a
Sunday in summer is a Monday change for the people at the counter.

:func:`is_stale` is the one rule of « sans nouvelle », applied alike by the workstation (its
dossier list and :meth:`app.dossier_service.DossierService.stale_orientations`) and by the
central store (the partner inbox): an orientation transmitted to a partner whose last partner
action is :func:`stale_working_days` working days old or more. That number is a deployment setting
(``[follow_up] stale_working_days`` of the deployment file, :mod:`app.forms.deployment`), read once
per process; :data:`STALE_WORKING_DAYS` (10) when the file leaves it out or cannot be read.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import logging
import os
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import platformdirs

from app.forms.codes import PARTNER_STATUSES
from app.forms.deployment import DEFAULT_STALE_WORKING_DAYS, load_deployment
from app.forms.export import aware_moment

LOCAL_TZ = ZoneInfo("Europe/Paris")
NO_CACHE_ENV = "ACCUEIL_TI_NO_CACHE"  # set: the holidays' calendar is never cached
STALE_WORKING_DAYS = DEFAULT_STALE_WORKING_DAYS  # when the deployment file says nothing
# Further than this, a count stops looking (no orientation waits 100 years).
_MAX_SPAN_DAYS = 366 * 100
# is_stale decides without the public holidays when weekends alone settle it: at most this many
# holidays fall in a span of up to two calendar years (11 a year), for settings up to
# _BOUNDED_DAYS working days (whose span, holidays included, stays under a year).
_HOLIDAYS_BOUND = 22
_BOUNDED_DAYS = 150

_log = logging.getLogger(__name__)


@functools.cache
def stale_working_days() -> int:
    """How many working days without a partner action make an orientation « sans nouvelle »:
    the deployment file's ``[follow_up] stale_working_days``, read once per process (call
    ``stale_working_days.cache_clear()`` to read it again). :data:`STALE_WORKING_DAYS` when the
    deployment file is malformed or unreadable: a setting never breaks a list."""
    try:
        return load_deployment().stale_working_days
    except (ValueError, OSError) as exc:  # DeploymentError is a ValueError
        _log.warning("« sans nouvelle » after %d working days: the deployment file cannot be "
                     "used (%s)", STALE_WORKING_DAYS, exc)
        return STALE_WORKING_DAYS


@functools.lru_cache(maxsize=256)
def _holidays_of(year: int) -> frozenset[date]:
    cache = _calendar_cache()
    if cache is not None:
        known = _read_calendar(cache, year)
        if known is not None:
            return known
    # imported when first needed, and France's calendar alone (holidays.country_holidays looks
    # every country up). Still about 100 ms, three times that once Qt's import hook is on:
    # the window reads the calendar from the cache instead.
    from holidays.countries.france import France

    days = frozenset(France(years=year))  # type: ignore[no-untyped-call]
    if cache is not None:
        _write_calendar(cache, year, days)
    return days


def _calendar_cache() -> Path | None:
    """The cache file of the library's French calendar, named after the installed
    distribution (``holidays-0.109.dist-info``: an upgrade starts a new file); None when the
    distribution cannot be named (a frozen build) or ``ACCUEIL_TI_NO_CACHE`` is set."""
    if os.environ.get(NO_CACHE_ENV):
        return None
    spec = importlib.util.find_spec("holidays")  # found, not imported
    if spec is None or not spec.submodule_search_locations:
        return None
    site = Path(next(iter(spec.submodule_search_locations))).parent
    dists = sorted(site.glob("holidays-*.dist-info"))
    if len(dists) != 1:
        return None
    folder = Path(platformdirs.user_cache_dir("accueil-ti", appauthor=False))
    return folder / f"jours-feries-FR-{dists[0].name.removesuffix('.dist-info')}.json"


def _read_calendar(cache: Path, year: int) -> frozenset[date] | None:
    """The year's public holidays as the cache holds them; None when it does not (or cannot
    be read: the library decides then)."""
    try:
        days = json.loads(cache.read_text(encoding="utf-8"))[str(year)]
        return frozenset(date.fromisoformat(day) for day in days)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_calendar(cache: Path, year: int, days: frozenset[date]) -> None:
    """Add a year to the cache (written whole, then renamed: a reader never sees half a
    file); a cache that cannot be written is only logged."""
    try:
        known = json.loads(cache.read_text(encoding="utf-8"))
        if not isinstance(known, dict):
            known = {}
    except (OSError, ValueError):
        known = {}
    known[str(year)] = sorted(day.isoformat() for day in days)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        partial = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
        partial.write_text(json.dumps(known), encoding="utf-8")
        os.replace(partial, cache)
    except OSError as exc:
        _log.info("public holidays not cached in %s: %s", cache, exc)


def is_holiday(day: date) -> bool:
    """True for a French public holiday of metropolitan France (not Alsace-Moselle's)."""
    return day in _holidays_of(day.year)


def is_working_day(day: date) -> bool:
    """Monday to Friday, and not a public holiday."""
    return day.weekday() < 5 and not is_holiday(day)


def working_days_between(start: date, end: date) -> int:
    """How many working days come after ``start`` up to ``end`` included: 10 from a Monday to
    the Monday two weeks later without a holiday. 0 when ``end`` is not after ``start``."""
    if end <= start:
        return 0
    if (end - start).days > _MAX_SPAN_DAYS:
        raise ValueError(f"end: {end.isoformat()} is more than 100 years after "
                         f"{start.isoformat()}; expected a shorter span")
    count = 0
    day = start + timedelta(days=1)
    while day <= end:
        count += is_working_day(day)
        day += timedelta(days=1)
    return count


def add_working_days(day: date, n: int) -> date:
    """The ``n``-th working day after ``day`` (before it when ``n`` is negative); ``day`` itself
    when ``n`` is 0."""
    if abs(n) > _MAX_SPAN_DAYS:
        raise ValueError(f"n: {n} is not allowed; expected at most {_MAX_SPAN_DAYS} days")
    step = timedelta(days=1 if n >= 0 else -1)
    left = abs(n)
    while left:
        day += step
        left -= is_working_day(day)
    return day


def stale_cutoff(today: date, days: int | None = None) -> date:
    """The last day a partner action may have happened for an orientation to be « sans
    nouvelle » on ``today``: ``working_days_between(d, today) >= days`` exactly when
    ``d <= stale_cutoff(today, days)``; ``days`` is :func:`stale_working_days` when None."""
    return _stale_cutoff(today, stale_working_days() if days is None else days)


@functools.lru_cache(maxsize=64)
def _stale_cutoff(today: date, days: int) -> date:
    if days < 1:
        raise ValueError(f"days: {days} is not allowed; expected at least 1")
    day = today
    left = days
    while left:
        left -= is_working_day(day)
        day -= timedelta(days=1)
    return day


def local_day(moment: datetime) -> date:
    """The French local day of an aware moment."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment!r}: expected a timezone-aware value")
    return moment.astimezone(LOCAL_TZ).date()


def local_midnight(day: date) -> datetime:
    """The start of a French local day, in UTC."""
    return datetime(day.year, day.month, day.day, tzinfo=LOCAL_TZ).astimezone(UTC)


_moment = aware_moment


def is_transmitted(orientation: Mapping[str, Any]) -> bool:
    """Transmitted to its partner and not closed: status ``transmise``, a partner status other
    than ``cloturee``, or ``a_transmettre`` once the central store confirmed it
    (``transmitted_at`` set, as the counter shows it « Transmise »)."""
    status = orientation.get("status")
    if status == "a_transmettre":
        return _moment(orientation.get("transmitted_at")) is not None
    return status == "transmise" or (status in PARTNER_STATUSES and status != "cloturee")


def _partner_items(orientation: Mapping[str, Any]) -> Iterable[Mapping[str, Any]]:
    organisme = orientation.get("organisme")
    for item in orientation.get("appointments") or ():
        if (isinstance(item, Mapping) and item.get("kind") == "rendez_vous"
                and item.get("organisme") in (None, organisme)):
            yield item


def last_partner_action(orientation: Mapping[str, Any]) -> datetime | None:
    """When the partner last acted on an orientation: its ``updated_at`` when the partner wrote
    it (a partner status, a note) or set an appointment on it (``appointments``: that
    organisme's ``rendez_vous`` items, optional; the latest item's ``updated_at`` counts too);
    else the moment it was transmitted (``transmitted_at``, else its ``updated_at``). None when
    no time can be read."""
    updated = _moment(orientation.get("updated_at"))
    items = list(_partner_items(orientation))
    partner = (orientation.get("status") in PARTNER_STATUSES
               or bool(orientation.get("note")) or bool(items))
    if partner:
        moments = [m for m in [updated] + [_moment(i.get("updated_at")) for i in items]
                   if m is not None]
        return max(moments) if moments else None
    return _moment(orientation.get("transmitted_at")) or updated


def is_stale(orientation: Mapping[str, Any], now: datetime, days: int | None = None) -> bool:
    """True when ``orientation`` (a dict with ``status``, ``updated_at``, and optionally
    ``organisme``, ``transmitted_at``, ``note``, ``appointments``) is transmitted and its last
    partner action (:func:`last_partner_action`) is ``days`` working days before ``now`` or
    more, counted in French local days; ``days`` is :func:`stale_working_days` when None."""
    if not is_transmitted(orientation):
        return False
    since = last_partner_action(orientation)
    if since is None:
        return False
    days = stale_working_days() if days is None else days
    today, last = local_day(now), local_day(since)
    # Holidays only move the cutoff earlier, by at most _HOLIDAYS_BOUND working days: when
    # weekends alone decide, the holidays' calendar (a costly import) is not needed.
    if last > _weekday_cutoff(today, days):
        return False
    if days <= _BOUNDED_DAYS and last <= _weekday_cutoff(today, days + _HOLIDAYS_BOUND):
        return True
    # ``working_days_between(since, today) >= days``, in a few steps however old ``since`` is
    return last <= stale_cutoff(today, days)


@functools.lru_cache(maxsize=64)
def _weekday_cutoff(today: date, days: int) -> date:
    """:func:`stale_cutoff` counting Mondays to Fridays only (holidays taken as worked)."""
    if days < 1:
        raise ValueError(f"days: {days} is not allowed; expected at least 1")
    day = today
    while days:
        days -= day.weekday() < 5
        day -= timedelta(days=1)
    return day
