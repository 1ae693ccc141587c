"""The figures the central store publishes: per organisme, the processing times of its
orientations (app.forms.figures: median and 90th percentile over a window, from a minimum
sample), and how many dossiers and agents it holds."""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, true
from sqlalchemy.orm import Session

from app.forms.figures import MIN_SAMPLE, WINDOW_DAYS
from app.server.models import Agent, Dossier, Orientation


def percentile(values: list[float], q: float) -> float:
    """The ``q`` quantile (0..1) with linear interpolation between closest ranks."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def processing_times(session: Session, organismes: tuple[str, ...], now: datetime,
                     window_days: int = WINDOW_DAYS,
                     min_sample: int = MIN_SAMPLE) -> dict[str, Any]:
    """Per organisme, the median and the 90th percentile of days from transmission to closure
    (2 decimals), with their count, over the orientations the store saw transmitted and then
    closed (``timed``) in the last ``window_days`` days; both null below ``min_sample``
    closures (app.forms.figures).

    One query per organisme on the partial index of timed closures (organisme, closed_at)
    reads only the rows counted; the quantiles are computed here from their durations, so
    SQLite and PostgreSQL give the same answer."""
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



def counts(session: Session) -> dict[str, int]:
    """How many dossiers and agents the store holds."""
    return {"dossiers": session.scalar(select(func.count()).select_from(Dossier)) or 0,
            "agents": session.scalar(select(func.count()).select_from(Agent)) or 0}
