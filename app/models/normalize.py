"""Normalisations shared by the repository, the search and the bulk import.

Kept free of SQLAlchemy so the same folding is applied whether a dossier is written through the
ORM or through a Core bulk insert.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from app.forms.identity import fold

__all__ = [
    "fold", "name_key", "compact_identifier", "search_rowid", "sorts_urgent", "URGENT_MAX_AGE"
]

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_SEPARATORS = re.compile(r"[\s.\-_/]+")

# The full-text index orders its rows by rowid, so a dossier's rowid in the index is its sort key:
# urgent first, then the most recent update (to the second), then the newest dossier. Packing it as
# urgent(1 bit) | seconds since 2020 (32 bits) | pk (30 bits) keeps it unique while pk < 2**30.
_EPOCH = datetime(2020, 1, 1, tzinfo=UTC)
_PK_BITS = 30
_SECONDS_BITS = 32
MAX_PK = (1 << _PK_BITS) - 1
URGENT_BIT = 1 << (_SECONDS_BITS + _PK_BITS)
# An urgent dossier nobody touched for this long leaves the urgent block (its flag is kept).
URGENT_MAX_AGE = timedelta(days=90)


def name_key(nom: str, prenom: str) -> str:
    """Accent-, case- and punctuation-insensitive key of a person's name, for duplicate checks."""
    return f"{_NON_ALNUM.sub(' ', fold(nom)).strip()}|{_NON_ALNUM.sub(' ', fold(prenom)).strip()}"


def compact_identifier(value: str | None) -> str | None:
    """A NIR or SIRET without spaces, dots or dashes, upper-cased (``2A``/``2B`` stay letters)."""
    if value is None:
        return None
    compact = _SEPARATORS.sub("", value).upper()
    return compact or None


def search_rowid(pk: int, urgent: bool, updated_at: datetime) -> int:
    """The dossier's rowid in the full-text index (its position in search results)."""
    if not 0 < pk <= MAX_PK:
        raise ValueError(f"dossier pk {pk} is outside the searchable range 1..{MAX_PK}")
    seconds = seconds_key(updated_at)
    return (int(urgent) << (_SECONDS_BITS + _PK_BITS)) | (seconds << _PK_BITS) | pk


def sorts_urgent(
    urgent: bool, status: str, updated_at: datetime | None = None, now: datetime | None = None
) -> bool:
    """Whether the dossier sorts in the urgent block: urgent, not closed (``clos``), and, when
    ``now`` is given, updated within :data:`URGENT_MAX_AGE`. A closed or old dossier keeps its
    urgent flag (and its history) but sorts among the others by its last update."""
    if not urgent or status == "clos":
        return False
    return now is None or updated_at is None or updated_at >= now - URGENT_MAX_AGE


def seconds_key(moment: datetime) -> int:
    """The sort key's seconds part for ``moment`` (clamped to the key's range)."""
    seconds = int((moment - _EPOCH).total_seconds())
    return min(max(seconds, 0), (1 << _SECONDS_BITS) - 1)


def urgent_floor(moment: datetime) -> int:
    """The smallest sort key of an urgent dossier updated at or after ``moment``."""
    return URGENT_BIT | (seconds_key(moment) << _PK_BITS)
