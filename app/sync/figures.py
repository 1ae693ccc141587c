"""The figures the central store publishes (per organisme, the usual processing time: the median
and the 90th percentile of days from transmission to closure over the last 30 days, only with
enough closures, app.forms.figures), kept on the workstation so the window and the printed
summary show them while offline.

They are not personal data: a small JSON file beside the local store, replaced whole (written
to a temporary file, then moved) by a sync round that read them: at most every
FETCH_INTERVAL, not at every round (issue 18; the store itself computes them every few minutes).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from app.forms.figures import ProcessingFigure, from_published

FIGURES_FILE = "processing-times.json"
FETCH_INTERVAL = timedelta(minutes=5)
"""How long a sync round keeps what the store published (processing times, site settings)
without reading it again."""


def figures_path(data_dir: Path) -> Path:
    return Path(data_dir) / FIGURES_FILE


def keep_published(target: Path, published: Mapping[str, Any], fetched_at: str) -> None:
    """Write what the store published with when it was read to ``target``, whole: a temporary
    file in the same folder, then moved over the old one (a reader never sees half a file)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"fetched_at": fetched_at, "published": published}, fh, ensure_ascii=False)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def fetched_within(target: Path, now: datetime,
                   interval: timedelta = FETCH_INTERVAL) -> bool:
    """Whether ``target`` (written by :func:`keep_published`) was read from the store less than
    ``interval`` before ``now``; not when it is missing or unreadable, nor when it says it was
    read after ``now`` (the clock went back)."""
    try:
        saved = json.loads(target.read_text(encoding="utf-8"))
        age = now - datetime.fromisoformat(saved["fetched_at"])
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return timedelta(0) <= age < interval


def save_figures(data_dir: Path, published: Mapping[str, Any], fetched_at: str) -> None:
    """Keep the store's answer to ``GET /stats/processing-times`` with when it was read."""
    keep_published(figures_path(data_dir), published, fetched_at)


def published_figures(data_dir: Path | None) -> dict[str, ProcessingFigure]:
    """Per organisme, the usual processing time the store published (whole days, rounded up),
    for the organismes with at least MIN_SAMPLE closures; empty when none was ever read or the
    file is unreadable."""
    if data_dir is None:
        return {}
    try:
        saved = json.loads(figures_path(data_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return from_published(saved.get("published") if isinstance(saved, dict) else None)
