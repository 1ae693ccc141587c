"""The figures the central store publishes (per organisme, the usual processing time: the 90th
percentile of days from transmission to closure over the last 30 days), kept on the workstation
so the window and the printed summary show them while offline.

They are not personal data: a small JSON file beside the local store, replaced whole (written
to a temporary file, then moved) after each sync round that could read them.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

FIGURES_FILE = "processing-times.json"


def figures_path(data_dir: Path) -> Path:
    return Path(data_dir) / FIGURES_FILE


def save_figures(data_dir: Path, published: Mapping[str, Any], fetched_at: str) -> None:
    """Keep the store's answer to ``GET /stats/processing-times`` with when it was read."""
    target = figures_path(data_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".figures.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"fetched_at": fetched_at, "published": published}, fh, ensure_ascii=False)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def processing_days(data_dir: Path | None) -> dict[str, int]:
    """Per organisme, the usual processing time in whole days (rounded up), for the organismes
    the store has a figure for; empty when none was ever read or the file is unreadable."""
    if data_dir is None:
        return {}
    try:
        saved = json.loads(figures_path(data_dir).read_text(encoding="utf-8"))
        organismes = saved["published"]["organismes"]
        out: dict[str, int] = {}
        for code, figure in organismes.items():
            days = figure.get("p90_days") if isinstance(figure, dict) else None
            if isinstance(days, int | float) and not isinstance(days, bool) and days >= 0:
                out[str(code)] = max(1, math.ceil(days))
        return out
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}
