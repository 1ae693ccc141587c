"""The figures the central store publishes: per organisme, the processing times of its
orientations (app.forms.figures: median and 90th percentile over a window, from a minimum
sample), and how many dossiers and agents it holds."""

from __future__ import annotations

import json
import math
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ARRAY, Float, cast, func, literal, select, true, type_coerce
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from app.forms.figures import MIN_SAMPLE, WINDOW_DAYS
from app.server.models import Agent, Dossier, Orientation, PublishedFigures


def percentile(values: list[float], q: float) -> float:
    """The ``q`` quantile (0..1) with linear interpolation between closest ranks."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


CACHE_TTL = timedelta(minutes=5)
"""How long the store serves the processing times it computed before computing them again."""
PROCESSING_TIMES = "processing-times"
"""The name of the processing times in ``published_figures``."""


def processing_times(session: Session, organismes: tuple[str, ...], now: datetime,
                     window_days: int = WINDOW_DAYS,
                     min_sample: int = MIN_SAMPLE) -> dict[str, Any]:
    """Per organisme, the median and the 90th percentile of days from transmission to closure
    (2 decimals), with their count, over the orientations the store saw transmitted and then
    closed (``timed``) in the last ``window_days`` days; both null below ``min_sample``
    closures (app.forms.figures).

    On PostgreSQL one grouped query computes them (``percentile_cont``: the same linear
    interpolation as :func:`percentile`) on the partial index of timed closures; elsewhere
    (SQLite) :func:`processing_times_python`. Computed at each call: the route serves
    :func:`published_processing_times`."""
    if session.get_bind().dialect.name != "postgresql":
        return processing_times_python(session, organismes, now, window_days, min_sample)
    since = now - timedelta(days=window_days)
    # Seconds as float8 (EXTRACT gives the exact numeric), then days: the same double as
    # ``timedelta.total_seconds() / 86400`` in Python.
    seconds = cast(func.extract("epoch", Orientation.closed_at - Orientation.transmitted_at),
                   Float)
    days = func.greatest(literal(0.0, Float), seconds / literal(86400.0, Float))
    quantiles = func.percentile_cont(
        postgresql.array([literal(0.5, Float), literal(0.9, Float)])
    ).within_group(days)
    rows = session.execute(
        select(Orientation.organisme, func.count(), type_coerce(quantiles, ARRAY(Float)))
        .where(Orientation.timed, Orientation.organisme.in_(organismes),
               Orientation.closed_at >= since, Orientation.closed_at <= now,
               Orientation.transmitted_at.is_not(None))
        .group_by(Orientation.organisme)).all()
    found = {organisme: (int(count), values) for organisme, count, values in rows}
    out: dict[str, dict[str, Any]] = {}
    for organisme in organismes:
        count, values = found.get(organisme, (0, None))
        enough = count >= min_sample and values is not None
        out[organisme] = {
            "p90_days": round(float(values[1]), 2) if enough else None,
            "median_days": round(float(values[0]), 2) if enough else None,
            "count": count}
    return {"window_days": window_days, "min_sample": min_sample,
            "computed_at": now.isoformat(), "organismes": out}


def processing_times_python(session: Session, organismes: tuple[str, ...], now: datetime,
                            window_days: int = WINDOW_DAYS,
                            min_sample: int = MIN_SAMPLE) -> dict[str, Any]:
    """:func:`processing_times` computed here from the durations read: one query per organisme
    on the partial index of timed closures (organisme, closed_at). SQLite's way, and the
    reference the SQL of PostgreSQL is checked against."""
    since = now - timedelta(days=window_days)
    out: dict[str, dict[str, Any]] = {}
    for organisme in organismes:
        rows = session.execute(
            select(Orientation.transmitted_at, Orientation.closed_at)
            .where(Orientation.organisme == organisme, Orientation.timed == true(),
                   Orientation.closed_at >= since, Orientation.closed_at <= now)).all()
        days = [max(0.0, (closed - transmitted).total_seconds() / 86400)
                for transmitted, closed in rows
                if transmitted is not None and closed is not None]
        enough = len(days) >= min_sample
        out[organisme] = {
            "p90_days": round(percentile(days, 0.9), 2) if enough else None,
            "median_days": round(percentile(days, 0.5), 2) if enough else None,
            "count": len(days)}
    return {"window_days": window_days, "min_sample": min_sample,
            "computed_at": now.isoformat(), "organismes": out}


def published_processing_times(session: Session, organismes: tuple[str, ...], now: datetime,
                               ttl: timedelta = CACHE_TTL) -> dict[str, Any]:
    """What ``GET /stats/processing-times`` answers: :func:`processing_times` as last computed,
    while younger than ``ttl`` by the store's clock (its ``computed_at`` says when), else
    computed again and kept (committed) in ``published_figures``, where every process of the
    store reads it. Two processes computing at once both write the same figures: the last one
    stays."""
    kept = session.execute(
        select(PublishedFigures.computed_at, PublishedFigures.body)
        .where(PublishedFigures.name == PROCESSING_TIMES)).first()
    if kept is not None and timedelta(0) <= now - kept.computed_at < ttl:
        body: dict[str, Any] = json.loads(kept.body)
        if set(body.get("organismes", ())) == set(organismes):
            return body
    answer = processing_times(session, organismes, now)
    _keep(session, PROCESSING_TIMES, now, json.dumps(answer, separators=(",", ":")))
    session.commit()
    return answer


def _keep(session: Session, name: str, now: datetime, body: str) -> None:
    """Insert or replace the figures ``name`` (one statement: no error when another process
    wrote them meanwhile)."""
    upsert = (postgresql.insert if session.get_bind().dialect.name == "postgresql"
              else sqlite.insert)
    stmt = upsert(PublishedFigures).values(name=name, computed_at=now, body=body)
    session.execute(stmt.on_conflict_do_update(
        index_elements=[PublishedFigures.name],
        set_={"computed_at": stmt.excluded.computed_at, "body": stmt.excluded.body}))


def counts(session: Session) -> dict[str, int]:
    """How many dossiers and agents the store holds."""
    return {"dossiers": session.scalar(select(func.count()).select_from(Dossier)) or 0,
            "agents": session.scalar(select(func.count()).select_from(Agent)) or 0}
